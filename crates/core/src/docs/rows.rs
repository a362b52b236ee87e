//! The `## Values` table: flatten the documented values file into rows (key,
//! type, default, description), sort them, split them into sections, and
//! write the Markdown table exactly as helm-docs v1.14.2 does.

use std::collections::HashMap;

use super::comments::{Before, Parsed, auto_description, head_comment, old_style};
use super::json::{to_json, value_yaml};
use super::tree::{DocNode, DocValue, Position, Scalar};

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
                let before = match (index, previous_end) {
                    (0, _) if document_root => Before::DocumentStart,
                    // A nested map starts on its first key's line; its parent key is above.
                    (_, None) => Before::FirstChild {
                        parent_line: parent_line_of(lines, key.position),
                    },
                    (_, Some(previous_end_line)) => Before::Sibling { previous_end_line },
                };
                key.head = head_comment(lines, before, key.position.line, key.position.column);
                previous_end = Some(value.end_line.max(key.position.line));
                attach(value, lines, false);
            }
        }
        DocValue::List(items) => {
            let mut previous_end: Option<usize> = None;
            for item in items.iter_mut() {
                let before = match previous_end {
                    None => Before::FirstChild {
                        parent_line: item_parent_line(lines, item.start),
                    },
                    Some(previous_end_line) => Before::Sibling { previous_end_line },
                };
                item.head = head_comment(lines, before, item.start.line, item.start.column);
                previous_end = Some(item.end_line);
                attach(item, lines, false);
            }
        }
        DocValue::Scalar(..) => {}
    }
}

/// The line a nested collection's parent is written on: the nearest line
/// above `position` that is content (not blank, not a comment), or the same
/// line for `- key: value` items and flow collections.
fn parent_line_of(lines: &[&str], position: Position) -> usize {
    let own = lines
        .get(position.line.saturating_sub(1))
        .copied()
        .unwrap_or("");
    let before_key: String = own
        .chars()
        .take(position.column.saturating_sub(1))
        .collect();
    if !before_key.trim().is_empty() {
        return position.line;
    }
    (1..position.line)
        .rev()
        .find(|number| {
            let trimmed = lines[number - 1].trim_start();
            !trimmed.is_empty() && !trimmed.starts_with('#')
        })
        .unwrap_or(0)
}

/// The line above a list item's comments: a block item (`- x`) takes the
/// comments above its dash, so its parent is the nearest content line above;
/// a flow item (`key: [x]`) has no comments of its own.
fn item_parent_line(lines: &[&str], position: Position) -> usize {
    let own = lines
        .get(position.line.saturating_sub(1))
        .copied()
        .unwrap_or("");
    let before_item: String = own
        .chars()
        .take(position.column.saturating_sub(1))
        .collect();
    if before_item
        .chars()
        .all(|ch| ch == '-' || ch.is_whitespace())
    {
        parent_line_of(
            lines,
            Position {
                line: position.line,
                column: 1,
            },
        )
    } else {
        position.line
    }
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
}

/// Flatten the values into rows, in walk order.
pub(crate) fn rows(root: &DocNode, text: &str) -> Vec<Row> {
    let old = old_style(text);
    let mut walker = Walker {
        old: &old,
        rows: Vec::new(),
    };
    if let DocValue::Map(entries) = &root.value {
        for (key, value) in entries {
            walker.walk(value, segment(&key.text), &key.head, key.position, true);
        }
    }
    walker.rows
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
                        Scalar::Int(_) => "int",
                        Scalar::Float(_) => "float",
                        Scalar::String(_) | Scalar::Null => "string",
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
            format!("`{}`", to_json(node))
        } else {
            match &node.value {
                DocValue::Scalar(_, raw) => raw.clone(),
                _ if auto.notation == "yaml" => value_yaml(node),
                _ => String::new(),
            }
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
        SortOrder::Alphanum => {
            rows.sort_by(|left, right| left.key.as_bytes().cmp(right.key.as_bytes()))
        }
        SortOrder::File => rows.sort_by_key(|row| row.position),
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
