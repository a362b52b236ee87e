//! Go's `path` package: `Clean`, `Base` and `filepath.Ext`, for the chart
//! loader and for Sprig's path functions.

/// Go's `path.Clean`: the shortest equivalent slash-separated path.
pub(crate) fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_owned();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|last| *last != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

/// Helm's test for a partial template: its file name starts with `_`.
pub(crate) fn is_partial(path: &str) -> bool {
    base(path).starts_with('_')
}

/// Go's `path.Base`: the last element, `.` for an empty path, `/` for a root.
pub(crate) fn base(path: &str) -> &str {
    if path.is_empty() {
        return ".";
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/";
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// Go's `filepath.Ext`: the suffix from the last `.` of the last element.
pub(crate) fn ext(path: &str) -> &str {
    for (index, byte) in path.bytes().enumerate().rev() {
        match byte {
            b'/' => return "",
            b'.' => return &path[index..],
            _ => {}
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_matches_go() {
        for (input, expected) in [
            ("", "."),
            ("a/../..", ".."),
            ("a/./b//c/", "a/b/c"),
            ("/../a", "/a"),
            ("../../x", "../../x"),
            ("a/..", "."),
            ("templates/../../etc", "../etc"),
        ] {
            assert_eq!(clean(input), expected, "{input}");
        }
    }

    #[test]
    fn base_and_ext_match_go() {
        assert_eq!(base("a/b.txt"), "b.txt");
        assert_eq!(base("a/b/"), "b");
        assert_eq!(base(""), ".");
        assert_eq!(ext("charts/x.tgz"), ".tgz");
        assert_eq!(ext("a.b/c"), "");
    }
}
