//! Helm v4.1.4's chart loading, reproduced: a chart's files (from a `.tgz`
//! or a directory read by the shell) become a [`Chart`] the way
//! `pkg/chart/v2/loader` builds one, with Helm's error texts.
//!
//! - [`archive`]: the `.tgz` reader (`pkg/chart/loader/archive`).
//! - [`ignore`]: `.helmignore` rules (`pkg/ignore`), which only directory
//!   loading applies; Helm never evaluates them inside an archive.
//! - [`loader`]: files → [`Chart`] (`LoadFiles`), subcharts included.
//! - [`metadata`]: `Chart.yaml` decoded as `sigs.k8s.io/yaml` decodes it
//!   into `chart.Metadata`, and the `.Chart` map templates see.
//! - [`files`]: the `.Files` object (`pkg/engine/files.go`); `AsConfig` and
//!   `AsSecrets` write YAML through the engine's `toYaml`.
//! - [`dependencies`]: which subcharts are enabled and how values are
//!   coalesced down to them (`ProcessDependencies`, `CoalesceValues`).
//!
//! Everything here is pure: it takes bytes and returns values.

pub mod archive;
pub mod capabilities;
pub mod dependencies;

pub mod files;
pub mod folder;
pub mod ignore;
pub mod loader;
pub mod manifests;
pub mod metadata;
pub mod render;
pub mod semver;
pub mod values;

use std::fmt;

pub use archive::load_archive_files;
pub use dependencies::{coalesce_values, load_values, parse_values, process_dependencies};
pub use files::{Bytes, Files};
pub use folder::chart_from_files;
pub use render::{ChartSource, Renderer, TemplateError, TemplateOutput, TemplateRequest, template};
pub use values::{ValuesInput, file_input, set_file_paths};

pub use ignore::Rules;
pub use loader::{Chart, load_chart, load_chart_dir, load_files};
pub use metadata::{Dependency, Maintainer, Metadata};

/// One file of a chart: its path inside the chart (`/`-separated, relative
/// to the chart's folder) and its bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct ChartFile {
    /// The path, such as `templates/_helpers.tpl`.
    pub name: String,
    /// The contents (a leading UTF-8 byte-order mark already removed, as Helm removes it).
    pub data: Vec<u8>,
}

impl ChartFile {
    /// A file from its name and contents.
    #[must_use]
    pub fn new(name: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        Self {
            name: name.into(),
            data: data.into(),
        }
    }

    /// The contents as text (invalid UTF-8 replaced, as Go's `string(bytes)` would print it).
    #[must_use]
    pub fn text(&self) -> String {
        self.as_text().into_owned()
    }

    /// [`ChartFile::text`], borrowed when the contents are valid UTF-8 (the
    /// usual case, checked faster than `from_utf8_lossy` checks it).
    #[must_use]
    pub fn as_text(&self) -> std::borrow::Cow<'_, str> {
        match std::str::from_utf8(&self.data) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&self.data),
        }
    }
}

impl fmt::Debug for ChartFile {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("ChartFile")
            .field("name", &self.name)
            .field("bytes", &self.data.len())
            .finish()
    }
}

/// A chart that Helm would refuse to load, with Helm's message
/// (what `helm template` prints after `Error: `).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// Helm's error text.
    pub message: String,
}

impl LoadError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for LoadError {}

/// The UTF-8 byte-order mark Helm strips from the start of every file.
const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// `bytes.TrimPrefix(data, utf8bom)`.
#[must_use]
pub fn trim_bom(mut data: Vec<u8>) -> Vec<u8> {
    if data.starts_with(UTF8_BOM) {
        data.drain(..UTF8_BOM.len());
    }
    data
}
