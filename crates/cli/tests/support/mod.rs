//! What the tests that run other programs (Helm, pre-commit) share.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The repository's root, where `plugin.yaml` and `.pre-commit-hooks.yaml` are.
pub(crate) fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `PATH` with the `ingresslab` under test first, as an installed one would be found.
pub(crate) fn path_with_ingresslab() -> OsString {
    let binary_dir = Path::new(env!("CARGO_BIN_EXE_ingresslab"))
        .parent()
        .expect("the binary is in a directory");
    std::env::join_paths(
        std::iter::once(binary_dir.to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .expect("PATH entries join")
}
