//! The `## Values` table: flatten the documented values file into rows (key,
//! type, default, description), sort them, split them into sections, and
//! write the Markdown table exactly as helm-docs v1.14.2 does.

use std::collections::HashMap;

use super::comments::{Before, Parsed, auto_description, head_comment, old_style};
use super::json::{go_sprint, to_json, value_yaml};
use super::tree::{DocNode, DocValue, Position, Scalar, Unsupported};

/// One row of the values table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) key: String,
    pub(crate) value_type: String,
    pub(crate) default: String,
    pub(crate) description: String,
    pub(crate) section: String,
    pub(crate) position: Position,
}

/// How rows are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// By key, comparing raw bytes (helm-docs' default).
    #[default]
    Alphanum,
    /// By where each key is written in values.yaml.
    File,
}

/// Give every key node (map keys and list items) its yaml.v3 head comment.
pub(crate) fn attach_heads(root: &mut DocNode, lines: &[&str]) {
    attach(root, lines, true);
}

fn attach(node: &mut DocNode, lines: &[&str], document_root: bool) {
    match &mut node.value {
        DocValue::Map(entries) => {
            let mut previous_end: Option<usize> = None;
            for (index, (key, value)) in entries.iter_mut().enumerate() {
                let (line, column) = (key.position.line, key.position.column);
                key.head = match (index, previous_end) {
                    (0, _) if document_root => {
                        head_comment(lines, Before::DocumentStart, line, column)
                    }
                    // A nested map starts on its first key's line; its parent is above,
                    // or is the dash of a list item, whose trailing comment is this key's.
                    (_, None) => {
                        let parent_line = line_before(lines, key.position);
                        let region =
                            head_comment(lines, Before::FirstChild { parent_line }, line, column);
                        match dash_comment(lines, parent_line) {
                            Some(comment) if region.is_empty() => comment.to_owned(),
                            Some(comment) => format!("{comment}\n{region}"),
                            None => region,
                        }
                    }
                    (_, Some(previous_end_line)) => {
                        head_comment(lines, Before::Sibling { previous_end_line }, line, column)
                    }
                };
                previous_end = Some(value.end_line.max(key.position.line));
                attach(value, lines, false);
            }
        }
        DocValue::List(items) => {
            let mut previous_end: Option<usize> = None;
            for item in items.iter_mut() {
                // yaml.v3 puts a block item where its dash is, even when its content
                // (a block scalar, a map) starts on a later line.
                if let Some(dash) = item_dash(lines, item.start) {
                    item.start = dash;
                    let before = match previous_end {
                        None => Before::FirstChild {
                            parent_line: line_before(
                                lines,
                                Position {
                                    line: dash.line,
                                    column: dash.column.saturating_sub(2).max(1),
                                },
                            ),
                        },
                        Some(previous_end_line) => Before::Sibling { previous_end_line },
                    };
                    item.head = head_comment(lines, before, dash.line, dash.column);
                }
                previous_end = Some(item.end_line);
                attach(item, lines, false);
            }
        }
        DocValue::Scalar(..) => {}
    }
}

fn line_text<'a>(lines: &[&'a str], number: usize) -> &'a str {
    lines.get(number.saturating_sub(1)).copied().unwrap_or("")
}

/// The line a node's comments start after: the nearest content line above
/// `position` when only indentation precedes it, else its own line (`- key:`,
/// flow collections).
fn line_before(lines: &[&str], position: Position) -> usize {
    let before: String = line_text(lines, position.line)
        .chars()
        .take(position.column.saturating_sub(1))
        .collect();
    if !before.trim().is_empty() {
        return position.line;
    }
    (1..position.line)
        .rev()
        .find(|number| {
            let trimmed = line_text(lines, *number).trim_start();
            !trimmed.is_empty() && !trimmed.starts_with('#')
        })
        .unwrap_or(0)
}

/// Where a block list item's dash is, with the item's column just after it;
/// `None` for a flow item (`key: [a]`), which has no comments of its own.
fn item_dash(lines: &[&str], start: Position) -> Option<Position> {
    let before: String = line_text(lines, start.line)
        .chars()
        .take(start.column.saturating_sub(1))
        .collect();
    if before.trim_end().ends_with('-') {
        return Some(start);
    }
    if !before.trim().is_empty() {
        return None;
    }
    // The content starts on a later line than its dash (`- |`, or `-` alone).
    let dash_line = line_before(
        lines,
        Position {
            line: start.line,
            column: 1,
        },
    );
    let dash_text = line_text(lines, dash_line);
    let indent = dash_text.len() - dash_text.trim_start().len();
    dash_text.trim_start().starts_with('-').then_some(Position {
        line: dash_line,
        column: indent + 3,
    })
}

/// The comment trailing a list item's dash (`- # -- d`), which yaml.v3 gives
/// to the first key of the item's map.
fn dash_comment<'a>(lines: &[&'a str], line: usize) -> Option<&'a str> {
    let rest = line_text(lines, line).trim_start().strip_prefix('-')?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim_start();
    rest.starts_with('#').then_some(rest)
}

/// Delete every node whose head comment mentions `@ignore` (a substring test).
pub(crate) fn remove_ignored(node: &mut DocNode) {
    match &mut node.value {
        DocValue::Map(entries) => {
            entries.retain(|(key, _)| !key.head.contains("@ignore"));
            for (_, value) in entries.iter_mut() {
                remove_ignored(value);
            }
        }
        DocValue::List(items) => {
            items.retain(|item| !item.head.contains("@ignore"));
            for item in items.iter_mut() {
                remove_ignored(item);
            }
        }
        DocValue::Scalar(..) => {}
    }
}

struct Walker<'a> {
    old: &'a HashMap<String, Parsed>,
    rows: Vec<Row>,
    /// The first row that could not be built; helm-docs then skips the chart.
    failure: Option<String>,
}

/// Flatten the values into rows, in walk order.
///
/// # Errors
/// When a row needs a value that has no JSON form.
pub(crate) fn rows(root: &DocNode, text: &str) -> Result<Vec<Row>, String> {
    let old = old_style(text);
    let mut walker = Walker {
        old: &old,
        rows: Vec::new(),
        failure: None,
    };
    if let DocValue::Map(entries) = &root.value {
        for (key, value) in entries {
            walker.walk(value, segment(&key.text), &key.head, key.position, true);
        }
    }
    match walker.failure {
        Some(failure) => Err(failure),
        None => Ok(walker.rows),
    }
}

/// A key segment: quoted when it holds `.` or a space.
fn segment(key: &str) -> String {
    if key.contains('.') || key.contains(' ') {
        format!("\"{key}\"")
    } else {
        key.to_owned()
    }
}

impl Walker<'_> {
    fn walk(&mut self, node: &DocNode, path: String, head: &str, position: Position, leaf: bool) {
        let auto = auto_description(head);
        let old = self.old.get(&path);
        let described = old.is_some() || !auto.description.is_empty();
        let notation = auto.notation.clone();
        match &node.value {
            DocValue::Map(entries) => {
                if entries.is_empty() {
                    if leaf || described {
                        self.push(node, &path, &auto, old, position, "object");
                    }
                    return;
                }
                if described {
                    self.push(node, &path, &auto, old, position, "object");
                }
                let leaf = leaf && !described;
                let _ = notation;
                for (key, value) in entries {
                    let child = format!("{path}.{}", segment(&key.text));
                    self.walk(value, child, &key.head, key.position, leaf);
                }
            }
            DocValue::List(items) => {
                if items.is_empty() {
                    if leaf || described {
                        self.push(node, &path, &auto, old, position, "list");
                    }
                    return;
                }
                if described {
                    self.push(node, &path, &auto, old, position, "list");
                }
                let leaf = leaf && !described;
                for (index, item) in items.iter().enumerate() {
                    self.walk(
                        item,
                        format!("{path}[{index}]"),
                        &item.head,
                        item.start,
                        leaf,
                    );
                }
            }
            DocValue::Scalar(scalar, _) => {
                if leaf || described {
                    let inferred = match scalar {
                        Scalar::Bool(_) => "bool",
                        Scalar::Int(_) | Scalar::Unsupported(Unsupported::Overflow) => "int",
                        Scalar::Float(_) | Scalar::Unsupported(Unsupported::NonFinite) => "float",
                        Scalar::String(_)
                        | Scalar::Null
                        | Scalar::Unsupported(Unsupported::Tag) => "string",
                    };
                    self.push(node, &path, &auto, old, position, inferred);
                }
            }
        }
    }

    fn push(
        &mut self,
        node: &DocNode,
        path: &str,
        auto: &Parsed,
        old: Option<&Parsed>,
        position: Position,
        inferred: &str,
    ) {
        let is_null = matches!(node.value, DocValue::Scalar(Scalar::Null, _));
        let pick = |old_field: Option<&String>, auto_field: &String| -> String {
            old_field
                .filter(|value| !value.is_empty())
                .unwrap_or(auto_field)
                .clone()
        };
        let mut value_type = pick(old.map(|old| &old.value_type), &auto.value_type);
        if value_type.is_empty() && !is_null {
            value_type.clone_from(&auto.notation);
        }
        if value_type.is_empty() {
            value_type = inferred.to_owned();
        }
        let written_default = pick(old.map(|old| &old.default), &auto.default);
        let default = if !written_default.is_empty() {
            written_default
        } else if is_null {
            "`nil`".to_owned()
        } else if auto.notation.is_empty() {
            match to_json(node) {
                Ok(json) => format!("`{json}`"),
                Err(failure) => {
                    self.failure.get_or_insert(format!("{path}: {failure}"));
                    String::new()
                }
            }
        } else if auto.notation == "yaml" {
            value_yaml(node)
        } else {
            go_sprint(node)
        };
        self.rows.push(Row {
            key: path.to_owned(),
            value_type,
            default,
            description: pick(old.map(|old| &old.description), &auto.description),
            section: pick(old.map(|old| &old.section), &auto.section),
            position,
        });
    }
}

/// Sort rows (stably, so repeated keys keep file order).
pub(crate) fn sort(rows: &mut [Row], order: SortOrder) {
    match order {
        SortOrder::Alphanum => crate::sort::sort_by(rows, |left, right| {
            left.key.as_bytes().cmp(right.key.as_bytes())
        }),
        SortOrder::File => crate::sort::sort_by_key(rows, |row| row.position),
    }
}

fn table(rows: &[&Row]) -> String {
    let mut out = String::from(
        "| Key | Type | Default | Description |\n|-----|------|---------|-------------|",
    );
    for row in rows {
        out.push_str(&format!(
            "\n| {} | {} | {} | {} |",
            row.key, row.value_type, row.default, row.description
        ));
    }
    out
}

/// `chart.valuesTable`: one table, or one per section (in order of first
/// appearance in the sorted rows) then `Other Values`.
pub(crate) fn values_table(rows: &[Row]) -> String {
    if rows.iter().all(|row| row.section.is_empty()) {
        return table(&rows.iter().collect::<Vec<_>>());
    }
    let mut sections: Vec<&str> = Vec::new();
    for row in rows {
        if !row.section.is_empty() && !sections.contains(&row.section.as_str()) {
            sections.push(&row.section);
        }
    }
    let mut out = String::new();
    for section in sections {
        let members: Vec<&Row> = rows.iter().filter(|row| row.section == section).collect();
        out.push_str(&format!("\n\n### {section}\n\n{}", table(&members)));
    }
    let others: Vec<&Row> = rows.iter().filter(|row| row.section.is_empty()).collect();
    if !others.is_empty() {
        out.push_str(&format!("\n\n### Other Values\n\n{}", table(&others)));
    }
    out
}
