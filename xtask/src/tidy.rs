//! Conventions checked by `cargo test` (so `cargo xtask test` enforces them):
//! every Rust file says why it exists in a `//!` header, no file keeps trailing
//! whitespace, and ARCHITECTURE.md names every core module and every code.

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};

    use crate::command::project_root;

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !matches!(
                    name.as_str(),
                    "target" | "dist" | ".tools" | ".git" | "node_modules" | "snapshots"
                ) {
                    rust_files(&path, out);
                }
            } else if name.ends_with(".rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_rust_file_starts_with_a_module_comment_and_has_no_trailing_whitespace() {
        let mut files = Vec::new();
        rust_files(&project_root(), &mut files);
        assert!(files.len() > 50);
        let mut problems = Vec::new();
        for file in &files {
            let text = fs::read_to_string(file).unwrap();
            if !text.starts_with("//!") {
                problems.push(format!(
                    "{} does not start with a //! comment",
                    file.display()
                ));
            }
            if text
                .lines()
                .any(|line| line.ends_with(' ') || line.ends_with('\t'))
            {
                problems.push(format!("{} has trailing whitespace", file.display()));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn architecture_names_every_core_module_and_every_code() {
        let root = project_root();
        let architecture = fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
        let source = root.join("crates/core/src");
        for entry in fs::read_dir(&source).unwrap().filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let module = if entry.path().is_dir() {
                format!("{name}/")
            } else {
                name.clone()
            };
            if name == "lib.rs" {
                continue;
            }
            assert!(
                architecture.contains(&format!("`{module}`")),
                "ARCHITECTURE.md does not name `{module}`"
            );
        }
        let codes = fs::read_to_string(source.join("codes.rs")).unwrap();
        for line in codes
            .lines()
            .filter(|line| line.contains(" = \"") && line.trim_end().ends_with(';'))
        {
            let code = line.split('"').nth(1).unwrap();
            assert!(
                architecture.contains(&format!("| {code} |")),
                "ARCHITECTURE.md's rules table lacks {code}"
            );
        }
    }
}
