//! Entry points for the fuzz targets under `fuzz/` (built only with
//! `--cfg fuzzing`, which cargo-fuzz sets): the readers that take untrusted
//! text, each called as the CLI and the page call it.

use crate::span::SourceId;
use crate::values::Map;

/// Read a values file as `-f` does.
pub fn read_values(text: &str) {
    let mut diagnostics = Vec::new();
    let _ = crate::values::read_values_file(text, SourceId(1), &mut diagnostics);
}

/// Apply one `--set` and one `--set-string` flag as the CLI does.
pub fn apply_set(flag: &str) {
    let mut target = Map::new();
    let _ = crate::values::apply_set(flag, SourceId(1), false, &mut target);
    let _ = crate::values::apply_set(flag, SourceId(1), true, &mut target);
}
