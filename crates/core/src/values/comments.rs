//! Descriptions written as helm-docs comments in a values file: a `# --`
//! line (and the `#` lines after it) directly above a key describes that key.

use std::collections::BTreeMap;

/// Map each described key path (`gatewayApi.routes.tls.enabled`) to its description.
#[must_use]
pub fn descriptions(text: &str) -> BTreeMap<String, String> {
    let mut described = BTreeMap::new();
    let mut parents: Vec<(usize, String)> = Vec::new();
    let mut pending: Option<Vec<String>> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(comment) = trimmed.strip_prefix('#') {
            if let Some(start) = comment
                .strip_prefix(" --")
                .or_else(|| comment.strip_prefix("--"))
            {
                pending = Some(vec![start.trim().to_owned()]);
            } else if let Some(lines) = pending.as_mut() {
                let text = comment.strip_prefix(' ').unwrap_or(comment);
                if !text.trim_start().starts_with('@') {
                    lines.push(text.trim_end().to_owned());
                }
            }
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('-') {
            pending = None;
            continue;
        }
        let Some(key) = key_of(trimmed) else {
            pending = None;
            continue;
        };
        parents.retain(|(parent_indent, _)| *parent_indent < indent);
        let path = parents
            .iter()
            .map(|(_, name)| name.as_str())
            .chain([key.as_str()])
            .collect::<Vec<_>>()
            .join(".");
        if let Some(lines) = pending.take() {
            described.insert(path, lines.join(" ").trim().to_owned());
        }
        parents.push((indent, key));
    }
    described
}

/// The key of a `key: value` line, unquoted.
fn key_of(line: &str) -> Option<String> {
    let (key, _) = line.split_once(':')?;
    let key = key.trim();
    let key = key
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .or_else(|| {
            key.strip_prefix('\'')
                .and_then(|rest| rest.strip_suffix('\''))
        })
        .unwrap_or(key);
    (!key.is_empty() && !key.contains(' ')).then(|| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_describe_the_key_below_them() {
        let text = "# -- Top.\ntop: 1\ngroup:\n  # -- First line\n  # second line.\n  inner: x\n  # plain comment\n  other: y\n";
        let found = descriptions(text);
        assert_eq!(found["top"], "Top.");
        assert_eq!(found["group.inner"], "First line second line.");
        assert!(!found.contains_key("group.other"));
    }
}
