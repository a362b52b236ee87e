//! Writing files without ever leaving a half-written one: write a temporary
//! file beside the target, then rename it over the target.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically.
///
/// # Errors
/// A message naming the path when the directory is not writable.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let directory = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path.file_name().map_or_else(
        || "output".into(),
        |name| name.to_string_lossy().into_owned(),
    );
    let temporary = directory.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = fs::File::create(&temporary)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| fs::rename(&temporary, path));
    if let Err(error) = result {
        let _ = fs::remove_file(&temporary);
        return Err(format!("cannot write {}: {error}", path.display()));
    }
    Ok(())
}

/// Write generated text, print it (`dry_run`), or compare it (`check`):
/// check mode writes nothing and fails with a unified diff when `path` is stale.
///
/// # Errors
/// When the file cannot be read or written.
pub(crate) fn deliver(
    path: &Path,
    text: &str,
    check: bool,
    dry_run: bool,
    command: &str,
    terminal: &mut crate::Terminal<'_>,
) -> Result<crate::ExitStatus, String> {
    if dry_run {
        crate::printer::text(terminal.stdout, text);
        return Ok(crate::ExitStatus::Clean);
    }
    if check {
        let current = fs::read_to_string(path).unwrap_or_default();
        if current == text {
            return Ok(crate::ExitStatus::Clean);
        }
        let name = path.display().to_string();
        let diff = similar::TextDiff::from_lines(current.as_str(), text)
            .unified_diff()
            .header(&name, &format!("{name} (generated)"))
            .to_string();
        crate::printer::text(terminal.stderr, &diff);
        crate::printer::line(
            terminal.stderr,
            &format!("error: {name} is not up to date; run `{command}` without --check"),
        );
        return Ok(crate::ExitStatus::Refused);
    }
    write_atomic(path, text.as_bytes())?;
    Ok(crate::ExitStatus::Clean)
}
