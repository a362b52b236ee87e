//! The Markdown the project ships parses cleanly: every table row has as many
//! cells as its header, every code block names a known language, and every
//! relative link or image points at a file in the repository.

use std::fs;
use std::path::{Path, PathBuf};

use ingresslab_tests::repo_root;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

const LANGUAGES: &[&str] = &[
    "yaml", "shell", "sh", "mermaid", "json", "text", "rust", "toml", "console",
];

fn markdown_files() -> Vec<PathBuf> {
    let root = repo_root();
    let mut files = vec![
        root.join("README.md"),
        root.join("ARCHITECTURE.md"),
        root.join("docs/ingress.md"),
        root.join("docs/values.md"),
        root.join("docs/examples/README.md"),
        root.join("crates/core/chart/README.md"),
        root.join("tests/cases/README.md"),
    ];
    files.retain(|path| path.exists());
    files
}

/// Cells in one table line: `|` outside code spans and not escaped.
fn cells(line: &str) -> usize {
    let mut count: usize = 0;
    let mut in_code = false;
    let mut previous = ' ';
    for ch in line.trim().chars() {
        match ch {
            '`' => in_code = !in_code,
            '|' if !in_code && previous != '\\' => count += 1,
            _ => {}
        }
        previous = ch;
    }
    count.saturating_sub(1)
}

fn check(path: &Path, problems: &mut Vec<String>) {
    let text = fs::read_to_string(path).unwrap();
    let name = path
        .strip_prefix(repo_root())
        .unwrap_or(path)
        .display()
        .to_string();
    let parser = Parser::new_ext(&text, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Table(_)) => {
                let table = &text[range];
                let lines: Vec<&str> = table
                    .lines()
                    .filter(|line| !line.trim().is_empty())
                    .collect();
                let header = cells(lines[0]);
                for line in &lines[1..] {
                    if cells(line) != header {
                        problems.push(format!(
                            "{name}: a table row has {} cells, the header {header}: {line}",
                            cells(line)
                        ));
                    }
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => match kind {
                CodeBlockKind::Fenced(language) if LANGUAGES.contains(&language.as_ref()) => {}
                other => problems.push(format!(
                    "{name}: a code block without a known language: {other:?}"
                )),
            },
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let target = dest_url.split('#').next().unwrap_or_default();
                if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                let resolved = path.parent().unwrap().join(target);
                if !resolved.exists() {
                    problems.push(format!("{name}: the link target {target} does not exist"));
                }
            }
            _ => {}
        }
    }
}

#[test]
fn shipped_markdown_is_well_formed() {
    let files = markdown_files();
    assert!(
        files.iter().any(|path| path.ends_with("docs/ingress.md")),
        "the guide is generated and committed"
    );
    let mut problems = Vec::new();
    for path in &files {
        check(path, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
