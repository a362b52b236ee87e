//! helm-docs' comment grammar: new-style `# --` descriptions read from the
//! head comment yaml.v3 gives a key, old-style `# key.path -- text` lines
//! found by scanning the raw text, and the annotations (`(type)`,
//! `@default`, `@section`, `@raw`, `@notationType`) inside either.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex_lite::Regex;

/// What one comment block says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    /// Key path before ` -- ` (empty for new-style `# --`).
    pub(crate) key: String,
    pub(crate) description: String,
    pub(crate) value_type: String,
    pub(crate) default: String,
    pub(crate) section: String,
    pub(crate) notation: String,
}

/// The line patterns of helm-docs' comment grammar (Go RE2 syntax, which
/// `regex-lite` shares for these).
struct Patterns {
    /// `# key.path -- text`; group 1 is the key (empty for new style).
    key_line: Regex,
    /// `(type) text` at the start of a description.
    type_prefix: Regex,
    raw: Regex,
    default: Regex,
    notation: Regex,
    section: Regex,
    /// Any comment line: `#`, at most one whitespace, the text.
    text: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let compile = |pattern: &str| Regex::new(pattern).expect("the comment patterns are valid");
        Patterns {
            key_line: compile(r"^\s*#\s*(.*)\s+--\s*(.*)$"),
            type_prefix: compile(r"^\((.*?)\)\s*(.*)$"),
            raw: compile(r"^\s*#\s+@raw"),
            default: compile(r"^\s*# @default -- (.*)$"),
            notation: compile(r"^\s*#\s+@notationType\s+--\s+(.*)$"),
            section: compile(r"^\s*# @section -- (.*)$"),
            text: compile(r"^\s*#(\s?)(.*)$"),
        }
    })
}

/// Parse one block: its first key line, then annotations and continuation lines.
pub(crate) fn parse_block(lines: &[&str]) -> Parsed {
    let mut parsed = Parsed::default();
    let Some(start) = lines
        .iter()
        .position(|line| patterns().key_line.is_match(line))
    else {
        return parsed;
    };
    if let Some(captures) = patterns().key_line.captures(lines[start]) {
        parsed.key = captures
            .get(1)
            .map_or("", |group| group.as_str())
            .to_owned();
        parsed.description = captures
            .get(2)
            .map_or("", |group| group.as_str())
            .to_owned();
    }
    if let Some(captures) = patterns().type_prefix.captures(&parsed.description.clone())
        && let Some(value_type) = captures.get(1).filter(|group| !group.as_str().is_empty())
    {
        parsed.value_type = value_type.as_str().to_owned();
        parsed.description = captures
            .get(2)
            .map_or("", |group| group.as_str())
            .to_owned();
    }
    let mut raw = false;
    for line in &lines[start + 1..] {
        if !raw && patterns().raw.is_match(line) {
            raw = true;
            continue;
        }
        if let Some(captures) = patterns().default.captures(line) {
            parsed.default = captures[1].to_owned();
        } else if let Some(captures) = patterns().notation.captures(line) {
            parsed.notation = captures[1].to_owned();
        } else if let Some(captures) = patterns().section.captures(line) {
            parsed.section = captures[1].to_owned();
        } else if let Some(captures) = patterns().text.captures(line) {
            parsed.description.push(if raw { '\n' } else { ' ' });
            parsed.description.push_str(&captures[2]);
        }
    }
    parsed
}

/// The new-style description in a key's head comment, if it has one.
pub(crate) fn auto_description(head: &str) -> Parsed {
    if !head.contains("# --") {
        return Parsed::default();
    }
    let lines: Vec<&str> = head.split('\n').collect();
    let from = lines
        .iter()
        .rposition(|line| line.starts_with("# --"))
        .unwrap_or(0);
    let kept: Vec<&str> = lines[from..]
        .iter()
        .copied()
        .filter(|line| !line.is_empty())
        .collect();
    let parsed = parse_block(&kept);
    // A key before ` -- ` means this is not a new-style description at all.
    if parsed.key.is_empty() {
        parsed
    } else {
        Parsed::default()
    }
}

/// Old-style blocks found anywhere in the raw text, by key path; the last block for a key wins.
pub(crate) fn old_style(text: &str) -> HashMap<String, Parsed> {
    /// A block being collected; `discarded` once a column-0 `# --` restarted it
    /// with an empty key (helm-docs keeps reading it but stores nothing).
    struct Block<'a> {
        lines: Vec<&'a str>,
        discarded: bool,
    }
    let mut found = HashMap::new();
    let mut block: Option<Block<'_>> = None;
    // Like Go's line scanner: no empty last line after a final newline, so a
    // block still open at the end of the file is thrown away.
    for line in text.lines() {
        let is_comment = is_go_space_then(line, '#');
        if let Some(open) = block.as_mut() {
            if is_comment {
                if line.starts_with("# --") {
                    open.discarded = true;
                }
                open.lines.push(line);
                continue;
            }
            if !open.discarded {
                let parsed = parse_block(&open.lines);
                found.insert(parsed.key.clone(), parsed);
            }
            block = None;
        }
        if patterns()
            .key_line
            .captures(line)
            .is_some_and(|captures| captures.get(1).is_some_and(|key| !key.as_str().is_empty()))
        {
            block = Some(Block {
                lines: vec![line],
                discarded: false,
            });
        }
    }
    found
}

/// Whether `line` is Go-regexp `^\s*` followed by `ch` (`\s` = space, tab, CR, LF, FF).
fn is_go_space_then(line: &str, ch: char) -> bool {
    line.trim_start_matches([' ', '\t', '\r', '\n', '\u{c}'])
        .starts_with(ch)
}

/// The shape of one source line, for head-comment assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// A comment starting at this 1-based column.
    Comment(usize),
    Content,
}

fn classify(line: &str) -> LineKind {
    let trimmed = line.trim_start_matches([' ', '\t', '\r']);
    if trimmed.is_empty() {
        LineKind::Blank
    } else if trimmed.starts_with('#') {
        LineKind::Comment(line.len() - trimmed.len() + 1)
    } else {
        LineKind::Content
    }
}

/// Where a key node sits relative to what comes before it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Before {
    /// The first key of the document.
    DocumentStart,
    /// The first key of a nested map or the first item of a list; the parent is on this line.
    FirstChild { parent_line: usize },
    /// A later entry; the previous entry's content ends on this line.
    Sibling { previous_end_line: usize },
}

/// The head comment yaml.v3 attaches to a key on `key_line` at `key_column`:
/// comment lines with their indentation removed, blank lines as empty lines.
pub(crate) fn head_comment(
    lines: &[&str],
    before: Before,
    key_line: usize,
    key_column: usize,
) -> String {
    let first = match before {
        Before::DocumentStart => 1,
        Before::FirstChild { parent_line } => parent_line + 1,
        Before::Sibling { previous_end_line } => previous_end_line + 1,
    };
    if key_line <= first {
        return String::new();
    }
    // Lines are 1-based; the region is first..key_line.
    let region: Vec<(usize, LineKind)> = (first..key_line)
        .map(|number| {
            (
                number,
                classify(lines.get(number - 1).copied().unwrap_or("")),
            )
        })
        .collect();
    // Content inside the region (a multi-line scalar) ends any earlier comments.
    let region = match region
        .iter()
        .rposition(|(_, kind)| *kind == LineKind::Content)
    {
        Some(last_content) => region[last_content + 1..].to_vec(),
        None => region,
    };
    let chosen: Vec<(usize, LineKind)> = match before {
        Before::DocumentStart => {
            // Only the block running straight into the key; earlier blocks belong to the document.
            let run = region
                .iter()
                .rev()
                .take_while(|(_, kind)| matches!(kind, LineKind::Comment(_)))
                .count();
            region[region.len() - run..].to_vec()
        }
        Before::FirstChild { .. } => region,
        Before::Sibling { previous_end_line } => {
            let previous_indent = lines
                .get(previous_end_line.saturating_sub(1))
                .map_or(0, |line| line.len() - line.trim_start().len() + 1);
            let mut region = region;
            if previous_indent > key_column {
                // Comments indented deeper than the key stay with the nested block before it.
                region.retain(
                    |(_, kind)| !matches!(kind, LineKind::Comment(column) if *column > key_column),
                );
            }
            let starts_with_comment = matches!(region.first(), Some((_, LineKind::Comment(_))));
            if starts_with_comment {
                let run = region
                    .iter()
                    .take_while(|(_, kind)| matches!(kind, LineKind::Comment(_)))
                    .count();
                if run < region.len() {
                    // Followed by a blank line: the previous entry's foot comment.
                    region.drain(..run);
                }
            }
            region
        }
    };
    let Some(first_comment) = chosen
        .iter()
        .position(|(_, kind)| matches!(kind, LineKind::Comment(_)))
    else {
        return String::new();
    };
    let last_comment = chosen
        .iter()
        .rposition(|(_, kind)| matches!(kind, LineKind::Comment(_)))
        .unwrap_or(first_comment);
    chosen[first_comment..=last_comment]
        .iter()
        .map(|(number, kind)| match kind {
            LineKind::Comment(_) => lines[number - 1].trim_start(),
            _ => "",
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_default_section_and_raw() {
        let parsed = parse_block(&[
            "# -- (int) Port",
            "# @default -- 80 or 443",
            "# @section -- Net",
            "# more",
        ]);
        assert_eq!(parsed.value_type, "int");
        assert_eq!(parsed.description, "Port more");
        assert_eq!(parsed.default, "80 or 443");
        assert_eq!(parsed.section, "Net");
        let raw = parse_block(&["# -- First line", "# @raw", "# - item one"]);
        assert_eq!(raw.description, "First line\n- item one");
    }

    #[test]
    fn double_dash_trap() {
        assert_eq!(
            auto_description("# -- Pass --set to override").description,
            ""
        );
        assert_eq!(
            auto_description("# Server configuration\n# -- Log level").description,
            "Log level"
        );
    }

    #[test]
    fn indented_continuation_keeps_spaces() {
        let parsed = auto_description(
            "# -- How it is delivered.\n# Empty = auto:\n#   K8s >= v1.35 -> \"image-volume\"",
        );
        assert_eq!(
            parsed.description,
            "How it is delivered. Empty = auto:   K8s >= v1.35 -> \"image-volume\""
        );
    }

    #[test]
    fn old_style_blocks() {
        let found = old_style(
            "controller:\n  # controller.replicas -- Number of pods.\n  # Do not set this below 2.\n  replicas: 2\n",
        );
        assert_eq!(
            found["controller.replicas"].description,
            "Number of pods. Do not set this below 2."
        );
        let restarted = old_style("# a -- OLD\n# -- NEW\n# b -- B desc\na: 1\n");
        assert!(
            restarted.is_empty(),
            "a restarted block stores nothing: {restarted:?}"
        );
        assert!(
            old_style("replicas: 1\n# replicas -- Number\n").is_empty(),
            "a block open at the end is dropped"
        );
        assert!(old_style("replicas: 1\n# replicas -- Number\n\n").contains_key("replicas"));
    }

    /// The head comment of the column-1 key on `key_line`, after a sibling ending on `previous_end_line`.
    fn after_sibling(text: &str, previous_end_line: usize, key_line: usize) -> String {
        let lines: Vec<&str> = text.lines().collect();
        head_comment(&lines, Before::Sibling { previous_end_line }, key_line, 1)
    }

    #[test]
    fn head_comments_follow_yaml_v3() {
        assert_eq!(after_sibling("a: 1\n# -- lost\n\nb: 2\n", 1, 4), "");
        assert_eq!(
            after_sibling(
                "x: 0\n\n# -- Extra env vars\n\n# - name: FOO\nenv: []\n",
                1,
                6
            ),
            "# -- Extra env vars\n\n# - name: FOO"
        );
        assert_eq!(
            after_sibling("p:\n  x: 1\n  # -- meant for q\nq: 1\n", 2, 4),
            ""
        );
        let text = "# c\n\n# -- a\na: 1\n";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(head_comment(&lines, Before::DocumentStart, 4, 1), "# -- a");
    }
}
