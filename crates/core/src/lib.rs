//! ingresslab core: OpenShell chart values → diagnostics, Gateway API
//! manifests, and (in later modules) the traffic model and docs.
//!
//! The crate is pure: no files, network, clock or threads, so the same code
//! runs in the CLI and, compiled to WebAssembly, in the playground.
//!
//! ```
//! use ingresslab_core::{analyze, Input};
//!
//! let input = Input::with_values("values.yaml", "gatewayApi:\n  gateway:\n    create: true\n");
//! let analysis = analyze(&input);
//! assert!(!analysis.has_errors());
//! assert!(analysis.manifest_stream().unwrap().contains("kind: Gateway"));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(
    clippy::disallowed_methods,
    reason = "the core crate does no I/O and reads no clock"
)]

mod analysis;
mod assist;
mod chart;
mod codes;
pub mod controllers;
mod crd;
mod diagnostic;
pub mod diagram;
pub mod doccheck;
pub mod docs;
pub mod engine;
mod error;
mod formats;
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing;
mod gotmpl;
pub mod guide;
pub mod helm;
mod keys;
mod migrate;
mod migrate_proof;
mod path_rules;
mod read_rules;
mod release;
mod render;
mod rendered;
mod rules;
mod schema;
pub mod sort;
mod source;
mod span;
pub mod traffic;
pub mod values;

pub use analysis::{
    Analysis, Analyzer, Cluster, DiagramFormat, Input, SetFlag, SetKind, ValueRow, ValuesFile,
    analyze, analyze_with,
};
pub use assist::{Completion, Completions, KeyHelp};
pub use chart::{Chart, ChartMetadata};
pub use codes::Code;
pub use diagnostic::{Diagnostic, Fix, Related, Severity};
pub use error::{Error, ErrorKind};
pub use migrate::{Inexpressible, Migration, migrate};
pub use migrate_proof::{Difference, Proof, ProofSide, prove as prove_migration};
pub use release::Release;
pub use render::{Manifest, ManifestKind, to_yaml_stream};
pub use source::{Source, SourceKind, Sources};
pub use span::{LineColumn, LineIndex, Origin, SourceId, Span};

/// `values.schema.json` (JSON Schema draft-07) for the trees ingresslab models, for `chart`.
#[must_use]
pub fn values_schema(chart: &Chart) -> String {
    schema::values_schema(chart)
}
