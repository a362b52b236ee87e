//! `.helmignore`, exactly as `pkg/ignore/rules.go` reads and applies it.
//!
//! Rules are tried in order and the first that decides wins:
//!
//! - blank lines and `#` comments are skipped; lines are trimmed;
//! - a rule with `**` is refused (`double-star (**) syntax is not supported`),
//!   and so is one Go's `filepath.Match` cannot compile (`syntax error in pattern`);
//! - a trailing `/` makes the rule match directories only;
//! - a leading `/` anchors it at the chart root; a rule with a `/` inside
//!   matches the whole path; one without matches the last path element;
//! - `!rule` is Helm's peculiar negation: a path it does **not** match is
//!   ignored at once, and one it matches goes on to the next rule;
//! - `templates/.?*` (dot files under `templates/`) is always added last.
//!
//! Only directory loading applies the rules; archives are read as they are.

use super::LoadError;
use crate::engine::gopath::base;

/// The name of the rules file at a chart's root.
pub const HELM_IGNORE: &str = ".helmignore";

/// A parsed `.helmignore`.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    patterns: Vec<Pattern>,
}

#[derive(Clone, Debug)]
struct Pattern {
    /// The rule with `!`, the leading `/` and the trailing `/` removed.
    rule: String,
    anchored_or_structural: bool,
    negate: bool,
    must_dir: bool,
}

impl Pattern {
    /// `filepath.Match(rule, subject)`, answered without the matcher for the
    /// common rule shapes: a plain name, and `*` before a plain suffix.
    fn matches(&self, subject: &str) -> bool {
        let is_plain = |text: &str| !text.contains(['*', '?', '[', '\\']);
        if is_plain(&self.rule) {
            return self.rule == subject;
        }
        if let Some(suffix) = self.rule.strip_prefix('*')
            && is_plain(suffix)
            && !suffix.contains('/')
        {
            // `*` matches anything but `/`.
            return subject
                .strip_suffix(suffix)
                .is_some_and(|head| !head.contains('/'));
        }
        filepath_match(&self.rule, subject).unwrap_or(false)
    }
}

impl Rules {
    /// No rules (`ignore.Empty()`).
    #[must_use]
    pub fn empty() -> Self {
        Self::default()
    }

    /// `ignore.Parse`: the rules of a `.helmignore` file's bytes.
    ///
    /// # Errors
    /// Helm's message for a `**` rule, a rule `filepath.Match` refuses, or a
    /// line longer than Go's scanner takes.
    pub fn parse(data: &[u8]) -> Result<Self, LoadError> {
        const MAX_LINE: usize = 64 * 1024;
        let mut rules = Self::empty();
        let mut rest = data;
        let mut first = true;
        while !rest.is_empty() {
            let (mut line, next) = match rest.iter().position(|&byte| byte == b'\n') {
                Some(end) => (&rest[..end], &rest[end + 1..]),
                None => (rest, &[][..]),
            };
            if line.len() >= MAX_LINE {
                return Err(LoadError::new("bufio.Scanner: token too long"));
            }
            if let Some(stripped) = line.strip_suffix(b"\r") {
                line = stripped;
            }
            if first {
                line = line.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(line);
                first = false;
            }
            rules.parse_rule(&String::from_utf8_lossy(line))?;
            rest = next;
        }
        Ok(rules)
    }

    /// `AddDefaults`: ignore dot files in `templates/`.
    pub fn add_defaults(&mut self) {
        self.parse_rule("templates/.?*")
            .expect("the default rule is valid");
    }

    fn parse_rule(&mut self, rule: &str) -> Result<(), LoadError> {
        let rule = rule.trim();
        if rule.is_empty() || rule.starts_with('#') {
            return Ok(());
        }
        if rule.contains("**") {
            return Err(LoadError::new("double-star (**) syntax is not supported"));
        }
        if filepath_match(rule, "abc").is_err() {
            return Err(LoadError::new(BAD_PATTERN));
        }
        let (negate, rule) = match rule.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, rule),
        };
        let (must_dir, rule) = match rule.strip_suffix('/') {
            Some(rest) => (true, rest),
            None => (false, rule),
        };
        let (anchored_or_structural, rule) = match rule.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (rule.contains('/'), rule),
        };
        self.patterns.push(Pattern {
            rule: rule.to_owned(),
            anchored_or_structural,
            negate,
            must_dir,
        });
        Ok(())
    }

    /// `Rules.Ignore`: whether the chart-relative, `/`-separated `path`
    /// (a directory when `is_dir`) is left out.
    #[must_use]
    pub fn ignore(&self, path: &str, is_dir: bool) -> bool {
        if path.is_empty() || path == "." || path == "./" {
            return false;
        }
        for pattern in &self.patterns {
            let matches = || {
                let subject = if pattern.anchored_or_structural {
                    path
                } else {
                    base(path)
                };
                pattern.matches(subject)
            };
            if pattern.negate {
                if pattern.must_dir && !is_dir {
                    return true;
                }
                if !matches() {
                    return true;
                }
                continue;
            }
            if pattern.must_dir && !is_dir {
                continue;
            }
            if matches() {
                return true;
            }
        }
        false
    }
}

/// Go's `filepath.ErrBadPattern`.
pub(crate) const BAD_PATTERN: &str = "syntax error in pattern";

/// Go's `filepath.Match` on Unix: `*` (no `/`), `?`, `[...]` classes with
/// ranges and `^` negation, `\` escapes. A malformed pattern is an error
/// even when the name does not match.
pub(crate) fn filepath_match(pattern: &str, name: &str) -> Result<bool, ()> {
    let mut pattern = pattern.as_bytes();
    let mut name = name.as_bytes();
    'pattern: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            return Ok(!name.contains(&b'/'));
        }
        let (rest_name, ok) = match_chunk(chunk, name)?;
        if ok && (rest_name.is_empty() || !pattern.is_empty()) {
            name = rest_name;
            continue;
        }
        if star {
            let mut index = 0;
            while index < name.len() && name[index] != b'/' {
                let (rest_name, ok) = match_chunk(chunk, &name[index + 1..])?;
                if ok {
                    if pattern.is_empty() && !rest_name.is_empty() {
                        index += 1;
                        continue;
                    }
                    name = rest_name;
                    continue 'pattern;
                }
                index += 1;
            }
        }
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            match_chunk(chunk, b"")?;
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

fn scan_chunk(mut pattern: &[u8]) -> (bool, &[u8], &[u8]) {
    let mut star = false;
    while pattern.first() == Some(&b'*') {
        pattern = &pattern[1..];
        star = true;
    }
    let mut in_range = false;
    let mut index = 0;
    while index < pattern.len() {
        match pattern[index] {
            b'\\' if index + 1 < pattern.len() => index += 1,
            b'[' => in_range = true,
            b']' => in_range = false,
            b'*' if !in_range => break,
            _ => {}
        }
        index += 1;
    }
    (star, &pattern[..index], &pattern[index..])
}

/// The length of the UTF-8 character starting at `bytes[0]` (1 for a bad byte).
fn char_at(bytes: &[u8]) -> (u32, usize) {
    let len = match bytes[0] {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => return (0xfffd, 1),
    };
    match bytes
        .get(..len)
        .and_then(|slice| std::str::from_utf8(slice).ok())
    {
        Some(text) => (text.chars().next().map_or(0xfffd, u32::from), len),
        None => (0xfffd, 1),
    }
}

fn match_chunk<'n>(mut chunk: &[u8], mut name: &'n [u8]) -> Result<(&'n [u8], bool), ()> {
    let mut failed = false;
    while !chunk.is_empty() {
        if !failed && name.is_empty() {
            failed = true;
        }
        match chunk[0] {
            b'[' => {
                let mut rune = 0;
                if !failed {
                    let (decoded, width) = char_at(name);
                    rune = decoded;
                    name = &name[width..];
                }
                chunk = &chunk[1..];
                let negated = chunk.first() == Some(&b'^');
                if negated {
                    chunk = &chunk[1..];
                }
                let mut matched = false;
                let mut ranges = 0;
                loop {
                    if chunk.first() == Some(&b']') && ranges > 0 {
                        chunk = &chunk[1..];
                        break;
                    }
                    let (low, rest) = get_escaped(chunk)?;
                    chunk = rest;
                    let mut high = low;
                    if chunk[0] == b'-' {
                        let (value, rest) = get_escaped(&chunk[1..])?;
                        high = value;
                        chunk = rest;
                    }
                    if low <= rune && rune <= high {
                        matched = true;
                    }
                    ranges += 1;
                }
                if matched == negated {
                    failed = true;
                }
            }
            b'?' => {
                if !failed {
                    if name[0] == b'/' {
                        failed = true;
                    }
                    let (_, width) = char_at(name);
                    name = &name[width..];
                }
                chunk = &chunk[1..];
            }
            first => {
                let literal = if first == b'\\' {
                    chunk = &chunk[1..];
                    *chunk.first().ok_or(())?
                } else {
                    first
                };
                if !failed {
                    if literal != name[0] {
                        failed = true;
                    }
                    name = &name[1..];
                }
                chunk = &chunk[1..];
            }
        }
    }
    if failed {
        Ok((b"", false))
    } else {
        Ok((name, true))
    }
}

fn get_escaped(mut chunk: &[u8]) -> Result<(u32, &[u8]), ()> {
    if chunk.is_empty() || chunk[0] == b'-' || chunk[0] == b']' {
        return Err(());
    }
    if chunk[0] == b'\\' {
        chunk = &chunk[1..];
        if chunk.is_empty() {
            return Err(());
        }
    }
    let (rune, width) = char_at(chunk);
    if rune == 0xfffd && width == 1 && chunk[0] >= 0x80 {
        return Err(());
    }
    let rest = &chunk[width..];
    if rest.is_empty() {
        return Err(());
    }
    Ok((rune, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filepath_match_semantics() {
        let yes = |pattern: &str, name: &str| filepath_match(pattern, name) == Ok(true);
        assert!(yes("*.txt", "a.txt"));
        assert!(!yes("*.txt", "dir/a.txt"));
        assert!(yes("dir/*.txt", "dir/a.txt"));
        assert!(yes("a?c", "abc"));
        assert!(!yes("a?c", "a/c"));
        assert!(yes("[a-c]x", "bx"));
        assert!(!yes("[^a-c]x", "bx"));
        assert!(yes("[^a-c]x", "dx"));
        assert!(yes("\\*", "*"));
        assert!(yes("*", ""));
        assert!(yes("a*b*c", "aXbYc"));
        assert!(yes("templates/.?*", "templates/.hidden"));
        assert!(!yes("templates/.?*", "templates/."));
        assert!(yes("ä?", "äö"));
        assert_eq!(filepath_match("[", "abc"), Err(()));
        assert_eq!(filepath_match("a[", "x"), Err(()));
        assert_eq!(filepath_match("[a-]", "a"), Err(()));
        assert_eq!(filepath_match("\\", "a"), Err(()));
        assert_eq!(filepath_match("x*[", "abc"), Err(()));
    }

    fn rules(text: &str) -> Rules {
        let mut rules = Rules::parse(text.as_bytes()).unwrap();
        rules.add_defaults();
        rules
    }

    #[test]
    fn plain_and_suffix_rules_answer_as_the_matcher() {
        let subjects = [
            "a.txt",
            "dir/a.txt",
            ".txt",
            "a.txt.bak",
            "README.md",
            "x/README.md",
            "*.txt",
            "",
        ];
        for rule in [
            "a.txt",
            "README.md",
            "*.txt",
            "*",
            "*.md",
            "x/README.md",
            "*txt",
        ] {
            let pattern = Pattern {
                rule: rule.to_owned(),
                anchored_or_structural: false,
                negate: false,
                must_dir: false,
            };
            for subject in subjects {
                assert_eq!(
                    pattern.matches(subject),
                    filepath_match(rule, subject).unwrap_or(false),
                    "{rule} {subject}"
                );
            }
        }
    }

    #[test]
    fn rules_as_helm_applies_them() {
        let rules = rules("# comment\n\n*.bak\n/top.txt\ndocs/\nsecrets/*.key\r\n");
        assert!(rules.ignore("a.bak", false));
        assert!(rules.ignore("deep/in/a.bak", false));
        assert!(rules.ignore("top.txt", false));
        assert!(!rules.ignore("sub/top.txt", false));
        assert!(rules.ignore("docs", true));
        assert!(rules.ignore("sub/docs", true));
        assert!(!rules.ignore("docs", false));
        assert!(rules.ignore("secrets/a.key", false));
        assert!(!rules.ignore("secrets/deep/a.key", false));
        assert!(rules.ignore("templates/.dotfile", false));
        assert!(!rules.ignore("templates/a.yaml", false));
        assert!(!rules.ignore(".", true));
    }

    #[test]
    fn negation_ignores_everything_it_does_not_match() {
        // Helm's `!` rule: a path the rule does not match is ignored.
        let rules = rules("!keep.txt\n");
        assert!(!rules.ignore("keep.txt", false));
        assert!(rules.ignore("other.txt", false));
        let rules = Rules::parse(b"*.txt\n!b.txt\n").unwrap();
        assert!(rules.ignore("b.txt", false));
        assert!(rules.ignore("c.yaml", false));
    }

    #[test]
    fn helms_rule_errors() {
        assert_eq!(
            Rules::parse(b"a/**/b\n").unwrap_err().message,
            "double-star (**) syntax is not supported"
        );
        assert_eq!(
            Rules::parse(b"[\n").unwrap_err().message,
            "syntax error in pattern"
        );
        let rules = Rules::parse(b"\xEF\xBB\xBF*.md").unwrap();
        assert!(rules.ignore("README.md", false));
    }
}
