//! Helm's `toYAML` of a `map[string]string`, as `.Files.AsConfig` and
//! `AsSecrets` produce it: `sigs.k8s.io/yaml` hands the map to go-yaml v2,
//! whose emitter picks each string's style (plain, single-quoted,
//! double-quoted, literal `|`), folds long lines at spaces past column 80,
//! and sorts keys in its "natural" order (digit runs compare as numbers).
//! Helm then drops the final newline.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::values::{Value, resolve_plain};

const BEST_WIDTH: usize = 80;
const INDENT: usize = 2;

/// `toYAML(m)` for a map of strings.
pub(crate) fn string_map(map: &BTreeMap<String, String>) -> String {
    if map.is_empty() {
        return "{}".to_owned();
    }
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by(|left, right| natural_order(left, right));
    let mut out = Emitter::default();
    let mut open_ended = false;
    for key in keys {
        out.line_start();
        out.scalar(key, true);
        out.push(':');
        open_ended = out.scalar(&map[key], false);
    }
    out.line_start();
    if open_ended {
        out.text.push_str("...\n");
    }
    let mut text = out.text;
    if text.ends_with('\n') {
        text.pop();
    }
    text
}

/// go-yaml v2's `keyList.Less` for two strings.
fn natural_order(left: &str, right: &str) -> Ordering {
    let a: Vec<char> = left.chars().collect();
    let b: Vec<char> = right.chars().collect();
    for index in 0..a.len().min(b.len()) {
        if a[index] == b[index] {
            continue;
        }
        let a_letter = a[index].is_alphabetic();
        let b_letter = b[index].is_alphabetic();
        if a_letter && b_letter {
            return a[index].cmp(&b[index]);
        }
        if a_letter || b_letter {
            return if b_letter {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        let (mut a_number, mut b_number) = (0i64, 0i64);
        if a[index] == '0' || b[index] == '0' {
            let mut back = index;
            while back > 0 && a[back - 1].is_ascii_digit() {
                back -= 1;
                if a[back] != '0' {
                    a_number = 1;
                    b_number = 1;
                    break;
                }
            }
        }
        let digits = |chars: &[char], number: &mut i64| {
            let mut end = index;
            while end < chars.len() && chars[end].is_ascii_digit() {
                *number = number
                    .wrapping_mul(10)
                    .wrapping_add(i64::from(chars[end] as u8 - b'0'));
                end += 1;
            }
            end
        };
        let a_end = digits(&a, &mut a_number);
        let b_end = digits(&b, &mut b_number);
        if a_number != b_number {
            return a_number.cmp(&b_number);
        }
        if a_end != b_end {
            return a_end.cmp(&b_end);
        }
        return a[index].cmp(&b[index]);
    }
    a.len().cmp(&b.len())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

/// What go-yaml's `analyze_scalar` finds out about a string.
struct Analysis {
    block_plain: bool,
    single: bool,
    block: bool,
}

fn is_printable(ch: char) -> bool {
    matches!(ch, '\n' | '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && ch != '\u{feff}'
}

fn is_break(ch: char) -> bool {
    matches!(ch, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn analyze(value: &str) -> Analysis {
    if value.is_empty() {
        return Analysis {
            block_plain: true,
            single: true,
            block: false,
        };
    }
    let chars: Vec<char> = value.chars().collect();
    let mut block_indicators = value.starts_with("---") || value.starts_with("...");
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break, mut special, mut line_breaks) =
        (false, false, false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    for (index, &ch) in chars.iter().enumerate() {
        let followed_by_whitespace = chars
            .get(index + 1)
            .is_none_or(|next| matches!(next, ' ' | '\t'));
        let last = index + 1 == chars.len();
        if index == 0 {
            match ch {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    block_indicators = true;
                }
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match ch {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(ch) {
            special = true;
        }
        if ch == ' ' {
            leading_space |= index == 0;
            trailing_space |= last;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(ch) {
            line_breaks = true;
            leading_break |= index == 0;
            trailing_break |= last;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = matches!(ch, ' ' | '\t' | '\0') || is_break(ch);
    }
    let mut analysis = Analysis {
        block_plain: true,
        single: true,
        block: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        analysis.block_plain = false;
    }
    if trailing_space {
        analysis.block = false;
    }
    if break_space {
        analysis.block_plain = false;
        analysis.single = false;
    }
    if space_break || special {
        analysis = Analysis {
            block_plain: false,
            single: false,
            block: false,
        };
    }
    if line_breaks || block_indicators {
        analysis.block_plain = false;
    }
    analysis
}

/// go-yaml v2's `isBase60Float`: `1:20` would read back as a number.
fn is_base60_float(text: &str) -> bool {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut parts = text.split(':');
    let Some(head) = parts.next() else {
        return false;
    };
    let head_ok = head.starts_with(|ch: char| ch.is_ascii_digit())
        && head
            .bytes()
            .all(|byte| byte.is_ascii_digit() || byte == b'_');
    let rest: Vec<&str> = parts.collect();
    if !head_ok || rest.is_empty() {
        return false;
    }
    let (last, middle) = rest.split_last().expect("not empty");
    let sexagesimal = |part: &str| {
        (1..=2).contains(&part.len())
            && part.bytes().all(|byte| byte.is_ascii_digit())
            && (part.len() == 1 || part.as_bytes()[0] <= b'5')
    };
    let last_ok = match last.split_once('.') {
        Some((whole, fraction)) => {
            sexagesimal(whole)
                && fraction
                    .bytes()
                    .all(|byte| byte.is_ascii_digit() || byte == b'_')
        }
        None => sexagesimal(last),
    };
    middle.iter().all(|part| sexagesimal(part)) && last_ok
}

struct Emitter {
    text: String,
    column: usize,
    whitespace: bool,
    indention: bool,
}

impl Default for Emitter {
    fn default() -> Self {
        Self {
            text: String::new(),
            column: 0,
            whitespace: true,
            indention: true,
        }
    }
}

impl Emitter {
    fn push(&mut self, ch: char) {
        self.text.push(ch);
        self.column += 1;
        self.whitespace = false;
        self.indention = false;
    }

    fn newline(&mut self) {
        self.text.push('\n');
        self.column = 0;
        self.whitespace = true;
        self.indention = true;
    }

    /// `write_indent` at indent 0: a new line unless already at the start of one.
    fn line_start(&mut self) {
        if !self.indention || self.column > 0 || !self.whitespace {
            self.newline();
        }
    }

    fn indent(&mut self) {
        if !self.indention || self.column > INDENT || (self.column == INDENT && !self.whitespace) {
            self.newline();
        }
        while self.column < INDENT {
            self.text.push(' ');
            self.column += 1;
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn space_before(&mut self) {
        if !self.whitespace && self.column > 0 {
            self.text.push(' ');
            self.column += 1;
        }
    }

    /// Emit one string; returns whether it left the document open (`|+`).
    fn scalar(&mut self, value: &str, simple_key: bool) -> bool {
        let can_use_plain =
            matches!(resolve_plain(value), Value::String(_)) && !is_base60_float(value);
        let analysis = analyze(value);
        let mut style = if value.contains('\n') {
            Style::Literal
        } else if can_use_plain {
            Style::Plain
        } else {
            Style::Double
        };
        if style == Style::Plain && (!analysis.block_plain || (value.is_empty() && simple_key)) {
            style = Style::Single;
        }
        if style == Style::Single && !analysis.single {
            style = Style::Double;
        }
        if style == Style::Literal && (!analysis.block || simple_key) {
            style = Style::Double;
        }
        let allow_breaks = !simple_key;
        match style {
            Style::Plain => {
                self.space_before();
                self.plain(value, allow_breaks);
                false
            }
            Style::Single => {
                self.space_before();
                self.single(value, allow_breaks);
                false
            }
            Style::Double => {
                self.space_before();
                self.double(value, allow_breaks);
                false
            }
            Style::Literal => self.literal(value),
        }
    }

    fn plain(&mut self, value: &str, allow_breaks: bool) {
        let chars: Vec<char> = value.chars().collect();
        let mut spaces = false;
        for (index, &ch) in chars.iter().enumerate() {
            if ch == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && chars.get(index + 1) != Some(&' ')
                {
                    self.indent();
                } else {
                    self.push(ch);
                }
                spaces = true;
            } else {
                self.push(ch);
                spaces = false;
            }
        }
    }

    fn single(&mut self, value: &str, allow_breaks: bool) {
        self.push('\'');
        let chars: Vec<char> = value.chars().collect();
        let mut spaces = false;
        for (index, &ch) in chars.iter().enumerate() {
            if ch == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && index > 0
                    && index + 1 < chars.len()
                    && chars[index + 1] != ' '
                {
                    self.indent();
                } else {
                    self.push(ch);
                }
                spaces = true;
            } else {
                if ch == '\'' {
                    self.push('\'');
                }
                self.push(ch);
                spaces = false;
            }
        }
        self.push('\'');
    }

    fn double(&mut self, value: &str, allow_breaks: bool) {
        self.push('"');
        let chars: Vec<char> = value.chars().collect();
        let mut spaces = false;
        for (index, &ch) in chars.iter().enumerate() {
            if !is_printable(ch) || is_break(ch) || ch == '"' || ch == '\\' {
                self.push('\\');
                let escape = match ch {
                    '\0' => "0".to_owned(),
                    '\u{7}' => "a".to_owned(),
                    '\u{8}' => "b".to_owned(),
                    '\t' => "t".to_owned(),
                    '\n' => "n".to_owned(),
                    '\u{b}' => "v".to_owned(),
                    '\u{c}' => "f".to_owned(),
                    '\r' => "r".to_owned(),
                    '\u{1b}' => "e".to_owned(),
                    '"' => "\"".to_owned(),
                    '\\' => "\\".to_owned(),
                    '\u{85}' => "N".to_owned(),
                    '\u{a0}' => "_".to_owned(),
                    '\u{2028}' => "L".to_owned(),
                    '\u{2029}' => "P".to_owned(),
                    ch if u32::from(ch) <= 0xff => format!("x{:02X}", u32::from(ch)),
                    ch if u32::from(ch) <= 0xffff => format!("u{:04X}", u32::from(ch)),
                    ch => format!("U{:08X}", u32::from(ch)),
                };
                for escaped in escape.chars() {
                    self.push(escaped);
                }
                spaces = false;
            } else if ch == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && index > 0
                    && index + 1 < chars.len()
                {
                    self.indent();
                    if chars[index + 1] == ' ' {
                        self.push('\\');
                    }
                } else {
                    self.push(ch);
                }
                spaces = true;
            } else {
                self.push(ch);
                spaces = false;
            }
        }
        self.push('"');
    }

    /// `|` with its hints, then the lines indented; returns whether `|+` was used.
    fn literal(&mut self, value: &str) -> bool {
        self.space_before();
        self.push('|');
        if value.starts_with([' ', '\n', '\r'])
            || value.starts_with(['\u{85}', '\u{2028}', '\u{2029}'])
        {
            let _ = write!(self.text, "{INDENT}");
            self.column += 1;
        }
        let chars: Vec<char> = value.chars().collect();
        let keep = match chars.as_slice() {
            [.., last] if !is_break(*last) => Some('-'),
            [_] => Some('+'),
            [.., before, _] if is_break(*before) => Some('+'),
            _ => None,
        };
        if let Some(hint) = keep {
            self.push(hint);
        }
        self.newline();
        let mut breaks = true;
        for &ch in &chars {
            if is_break(ch) {
                self.newline();
                breaks = true;
            } else {
                if breaks {
                    self.indent();
                    breaks = false;
                }
                self.push(ch);
            }
        }
        if !breaks {
            // The value did not end in a newline: the key after starts on a new line.
            self.indention = false;
        }
        keep == Some('+')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emit(entries: &[(&str, &str)]) -> String {
        string_map(
            &entries
                .iter()
                .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn as_helm_writes_config_maps() {
        // `(.Files.Glob "conf/**").AsConfig` from helm v4.1.4.
        assert_eq!(
            emit(&[
                ("a.yaml", "x: 1\ny: \"q\"\n"),
                ("b.txt", "line1\nline2\n"),
                ("c.txt", "deep")
            ]),
            "a.yaml: |\n  x: 1\n  y: \"q\"\nb.txt: |\n  line1\n  line2\nc.txt: deep"
        );
        assert_eq!(emit(&[]), "{}");
    }

    #[test]
    fn every_style_as_helm_writes_it() {
        // `(.Files.Glob "c/*").AsConfig` from helm v4.1.4, one file per case.
        let output = emit(&[
            ("k01", "true"),
            ("k02", ""),
            ("k03", " x"),
            ("k04", "a: b"),
            ("k05", "tab\there"),
            ("k06", "no newline\nat end"),
            ("k07", "trailing \nspace"),
            ("k08", "1:20"),
            ("k09", "12"),
            (
                "k10",
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ),
            (
                "k11",
                "true Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt: ut labore et dolore magna aliqua.",
            ),
            ("k12", "a\n\n"),
            ("k13", "\nleading"),
            ("k14", "x\r\ny"),
            ("k15", "héllo"),
            ("k16", "- item"),
            ("k17", "#c"),
            ("k18", "it's"),
            ("a10", "x"),
            ("a9", "y"),
            ("k19", "multi\n\n\nblank\n"),
            ("k20", "  indented\nmore\n"),
            (
                "k21",
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor: incididunt 'ut' labore et dolore magna aliqua.",
            ),
            ("k22", "null"),
            ("k23", "~"),
            ("k24", "0x1F"),
            ("k25", "1e3"),
            ("k26", "yes"),
            ("k27", "<<"),
            ("k28", ".5"),
            ("k29", "a\u{1}b"),
        ]);
        let expected = "a9: \"y\"\na10: x\nk01: \"true\"\nk02: \"\"\nk03: ' x'\nk04: 'a: b'\nk05: \"tab\\there\"\nk06: |-\n  no newline\n  at end\nk07: \"trailing \\nspace\"\nk08: \"1:20\"\nk09: \"12\"\nk10: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n  incididunt ut labore et dolore magna aliqua.\nk11: 'true Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod\n  tempor incididunt: ut labore et dolore magna aliqua.'\nk12: |+\n  a\n\nk13: |2-\n\n  leading\nk14: \"x\\r\\ny\"\nk15: héllo\nk16: '- item'\nk17: '#c'\nk18: it's\nk19: |\n  multi\n\n\n  blank\nk20: |2\n    indented\n  more\nk21: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor:\n  incididunt ''ut'' labore et dolore magna aliqua.'\nk22: \"null\"\nk23: \"~\"\nk24: \"0x1F\"\nk25: \"1e3\"\nk26: \"yes\"\nk27: <<\nk28: \".5\"\nk29: \"a\\x01b\"";
        assert_eq!(output, expected);
    }

    #[test]
    fn natural_key_order() {
        let mut keys = vec!["a10", "a9", "a.yaml", "B", "a"];
        keys.sort_by(|left, right| natural_order(left, right));
        assert_eq!(keys, ["B", "a", "a.yaml", "a9", "a10"]);
    }
}
