//! A Go `text/template` engine with Sprig and Helm's functions: what Helm
//! executes a chart's templates with, reproduced for byte-exact output,
//! Helm's error texts and a trace of what each template read.

pub(crate) mod error;
pub(crate) mod exec;
pub(crate) mod funcs;
pub(crate) mod gofmt;
pub(crate) mod gopath;
pub(crate) mod json;
mod lex;
pub(crate) mod parse;
pub(crate) mod random;
pub mod trace;
pub(crate) mod value;
pub(crate) mod yaml;

pub use random::Random;
pub use value::{GoObject, ListKind, MapData, MapKind, MapRef, Method, MethodBody, Value};

/// The most text one render makes (one template's output, a `repeat`):
/// Helm has no limit and runs out of memory; a chart that asks for more
/// is refused with a message, so it cannot hang the page or the CLI.
pub const MAX_OUTPUT_BYTES: usize = 64 * 1024 * 1024;

/// The longest list `until`, `untilStep` and `seq` make, for the same reason.
pub const MAX_LIST_LENGTH: usize = 1 << 22;
