//! The texts that values come from: the chart's values.yaml, each `-f` file,
//! each `--set` flag. Diagnostics point into these through [`Origin`]s.

use crate::span::{LineColumn, LineIndex, Origin, SourceId};

/// What kind of input a source is; it decides how the file is named in output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// The chart's own values.yaml (defaults).
    ChartValues,
    /// A `-f` values file.
    ValuesFile,
    /// One `--set` flag (its text is `key=value[,key=value]`).
    Set,
    /// One `--set-string` flag.
    SetString,
}

/// One input text with its name.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file name as the user gave it, or `--set` / `--set-string`.
    pub name: String,
    /// What kind of input this is.
    pub kind: SourceKind,
    /// The full text.
    pub text: String,
    line_index: LineIndex,
}

impl Source {
    /// The line and column of a byte offset in this source.
    #[must_use]
    pub fn line_column(&self, offset: u32) -> LineColumn {
        self.line_index.line_column(&self.text, offset)
    }
}

/// All sources of one analysis, addressed by [`SourceId`].
#[derive(Clone, Debug, Default)]
pub struct Sources {
    sources: Vec<Source>,
}

impl Sources {
    /// Add a source and return its id.
    pub fn add(
        &mut self,
        name: impl Into<String>,
        kind: SourceKind,
        text: impl Into<String>,
    ) -> SourceId {
        let text = text.into();
        let line_index = LineIndex::new(&text);
        self.sources.push(Source {
            name: name.into(),
            kind,
            text,
            line_index,
        });
        SourceId(u32::try_from(self.sources.len() - 1).unwrap_or(u32::MAX))
    }

    /// Add a source another analysis already read, line index and all.
    pub fn add_source(&mut self, source: Source) -> SourceId {
        self.sources.push(source);
        SourceId(u32::try_from(self.sources.len() - 1).unwrap_or(u32::MAX))
    }

    /// The source behind an id.
    ///
    /// # Panics
    /// When the id was not issued by this collection.
    #[must_use]
    pub fn get(&self, id: SourceId) -> &Source {
        &self.sources[id.0 as usize]
    }

    /// The line and column where an origin starts.
    #[must_use]
    pub fn start_of(&self, origin: Origin) -> LineColumn {
        self.get(origin.source).line_column(origin.span.start)
    }

    /// Iterate over all sources with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &Source)> {
        self.sources
            .iter()
            .enumerate()
            .map(|(idx, source)| (SourceId(u32::try_from(idx).unwrap_or(u32::MAX)), source))
    }
}
