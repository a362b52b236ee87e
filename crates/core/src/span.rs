//! Byte-offset spans and their conversion to 1-based line:column.
//!
//! Every parsed node and every diagnostic carries an [`Origin`] (which source,
//! which byte range). Line and column are computed only at the edges (CLI
//! printer, playground), through [`LineIndex`].

/// Index of a [`Source`](crate::Source) inside [`Sources`](crate::Sources).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub u32);

/// A half-open byte range `start..end` into one source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end.max(start)).unwrap_or(u32::MAX),
        }
    }

    /// The byte range, for slicing.
    #[must_use]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Where a value or key came from: a source and a span inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The source the span points into.
    pub source: SourceId,
    /// The byte range inside that source.
    pub span: Span,
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineColumn {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// Byte offsets of character indexes: the YAML parser reports positions in
/// characters, spans are in bytes. Only characters wider than one byte are
/// recorded, so mostly-ASCII text (a chart's values.yaml with a few dashes
/// or accents) costs a scan and a short table rather than a word per
/// character.
#[derive(Clone, Debug)]
pub(crate) struct CharOffsets {
    /// Each multi-byte character as its character index, with the bytes
    /// beyond one that it and every earlier one take, in text order.
    wide: Vec<(usize, usize)>,
    len: usize,
}

impl CharOffsets {
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut wide = Vec::new();
        let mut extra = 0;
        let mut at = 0;
        while let Some(found) = bytes[at..].iter().position(|byte| !byte.is_ascii()) {
            let start = at + found;
            let width = text[start..].chars().next().map_or(1, char::len_utf8);
            wide.push((start - extra, extra + width - 1));
            extra += width - 1;
            at = start + width;
        }
        Self {
            wide,
            len: text.len(),
        }
    }

    /// The byte offset of character `char_index`, at most the text's length.
    pub(crate) fn byte(&self, char_index: usize) -> usize {
        let before = self.wide.partition_point(|&(index, _)| index < char_index);
        let extra = before.checked_sub(1).map_or(0, |last| self.wide[last].1);
        char_index.saturating_add(extra).min(self.len)
    }
}

/// Line starts of one text, for offset → line:column lookups.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    /// Index the line starts of `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        for (offset, byte) in text.bytes().enumerate() {
            if byte == b'\n' {
                line_starts.push(u32::try_from(offset + 1).unwrap_or(u32::MAX));
            }
        }
        Self { line_starts }
    }

    /// The line and column of byte `offset` in `text` (the text this index was built from).
    #[must_use]
    pub fn line_column(&self, text: &str, offset: u32) -> LineColumn {
        let line_idx = match self.line_starts.binary_search(&offset) {
            Ok(exact) => exact,
            Err(next) => next - 1,
        };
        let line_start = self.line_starts[line_idx] as usize;
        let offset = (offset as usize).min(text.len());
        let column = text
            .get(line_start..offset)
            .map_or(offset - line_start, |prefix| prefix.chars().count());
        LineColumn {
            line: u32::try_from(line_idx + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_the_texts_own_character_boundaries() {
        for text in ["", "plain: ascii\n", "é", "a—b: «c» 日本語 🙂 end", "🙂🙂x"] {
            let offsets = CharOffsets::new(text);
            let mut expected: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
            expected.push(text.len());
            for (index, &byte) in expected.iter().enumerate() {
                assert_eq!(offsets.byte(index), byte, "{text:?} at character {index}");
            }
            assert_eq!(offsets.byte(expected.len() + 3), text.len());
        }
    }

    #[test]
    fn line_column_is_one_based_and_counts_characters() {
        let text = "a: 1\nbé: x\n";
        let index = LineIndex::new(text);
        assert_eq!(
            index.line_column(text, 0),
            LineColumn { line: 1, column: 1 }
        );
        assert_eq!(
            index.line_column(text, 5),
            LineColumn { line: 2, column: 1 }
        );
        // "x" sits after "bé: " which is 5 bytes but 4 characters.
        assert_eq!(
            index.line_column(text, 10),
            LineColumn { line: 2, column: 5 }
        );
    }
}
