//! A fast reader for the YAML that charts and rendered manifests are almost
//! always made of: block mappings and sequences by indentation, one-line
//! plain and quoted scalars, `|` and `|-` literal blocks, comments.
//!
//! It answers `None` for anything else (flow collections, anchors, tags,
//! folded or multi-line scalars, tabs, document markers, every error), and
//! the full reader then parses the text. Where it answers, the tree is the
//! one the full reader builds: the tests compare the two on chart files,
//! rendered manifests and generated documents. Rendering a chart reads its
//! values and every manifest it renders, so this path is most of the YAML a
//! render parses.

use super::{Node, Resolved, Version, map_insert, resolve, resolved_node};

/// Deepest nesting read here; deeper documents go to the full reader.
const MAX_DEPTH: usize = 200;

/// Longest key libyaml reads as a simple key.
const MAX_KEY_LENGTH: usize = 1000;

/// Which part of a document the caller needs built; the rest is only
/// checked (it must be in the subset and convertible to JSON) and read as
/// null.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Keep {
    /// Every node.
    All,
    /// What Helm reads of a rendered manifest (`SimpleHead`): `apiVersion`,
    /// `kind`, and `name` and `annotations` under `metadata`, field names in
    /// any case as `encoding/json` matches them.
    Head,
    /// Inside a manifest head's `metadata`.
    Metadata,
    /// Nothing below here.
    Nothing,
}

impl Keep {
    fn value_of(self, key: &str) -> Self {
        let is = |name: &str| key.eq_ignore_ascii_case(name);
        match self {
            Self::All => Self::All,
            Self::Head if is("apiVersion") || is("kind") => Self::All,
            Self::Head if is("metadata") => Self::Metadata,
            Self::Metadata if is("name") || is("annotations") => Self::All,
            Self::Head | Self::Metadata | Self::Nothing => Self::Nothing,
        }
    }

    fn item(self) -> Self {
        if self == Self::All {
            Self::All
        } else {
            Self::Nothing
        }
    }
}

/// `text` as go-yaml v2 decodes it (the parts `keep` asks for), when it is
/// in the subset read here.
pub(super) fn decode(text: &str, keep: Keep) -> Option<Node> {
    if !text.is_ascii() && !plain_non_ascii(text) {
        return None;
    }
    let mut reader = Reader::new(text)?;
    let root = match reader.peek() {
        None => Node::Null,
        Some(line) => reader.block(line.indent, None, 0, keep)?,
    };
    // Anything after the root node is another construct or an error.
    reader.peek().is_none().then_some(root)
}

/// No special line break, byte order mark or C1 control: those change how
/// lines are read. (ASCII controls are refused while lines are split.)
fn plain_non_ascii(text: &str) -> bool {
    text.chars().all(|ch| {
        let code = u32::from(ch);
        code < 0x80 || (code >= 0xA0 && !matches!(code, 0x2028 | 0x2029 | 0xFEFF | 0xFFFE | 0xFFFF))
    })
}

#[derive(Clone, Copy)]
struct Line<'a> {
    /// Leading spaces.
    indent: usize,
    /// The line after its indentation.
    rest: &'a str,
    /// The whole line.
    raw: &'a str,
}

impl<'a> Line<'a> {
    /// A line of the text; `None` for a document marker or directive.
    fn new(raw: &'a str) -> Option<Self> {
        let rest = raw.trim_start_matches(' ');
        let indent = raw.len() - rest.len();
        if indent == 0 && is_marker(rest) {
            return None;
        }
        Some(Self {
            indent,
            rest: rest.trim_end_matches(' '),
            raw,
        })
    }

    /// Blank, or a comment: skipped outside literal blocks.
    fn is_insignificant(&self) -> bool {
        self.rest.is_empty() || self.rest.starts_with('#')
    }
}

/// Whether `bytes` has a control character (a tab, a carriage return...).
fn has_control(bytes: &[u8]) -> bool {
    // No early exit, so the compiler checks many bytes per instruction.
    bytes
        .iter()
        .fold(false, |found, &byte| found | (byte < 0x20) | (byte == 0x7F))
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    /// Whether the last line ends with a line break.
    last_terminated: bool,
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Option<Self> {
        let last_terminated = text.ends_with('\n');
        let body = text.strip_suffix('\n').unwrap_or(text);
        let mut lines = Vec::with_capacity(body.len() / 24 + 1);
        if !text.is_empty() {
            let mut start = 0;
            for end in memchr::memchr_iter(b'\n', body.as_bytes()).chain([body.len()]) {
                let line = &body[start..end];
                // Tabs, carriage returns and other controls.
                if has_control(line.as_bytes()) {
                    return None;
                }
                lines.push(Line::new(line)?);
                start = end + 1;
            }
        }
        Some(Self {
            lines,
            last_terminated,
            at: 0,
        })
    }

    /// The next line that is neither blank nor a comment.
    fn peek(&mut self) -> Option<Line<'a>> {
        while let Some(line) = self.lines.get(self.at) {
            if !line.is_insignificant() {
                return Some(*line);
            }
            self.at += 1;
        }
        None
    }

    /// The node whose first line is the next one, at `indent`; `parent` is
    /// the column of the key or dash it belongs to.
    fn block(
        &mut self,
        indent: usize,
        parent: Option<usize>,
        depth: usize,
        keep: Keep,
    ) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let line = self.peek()?;
        if is_dash(line.rest) {
            self.sequence(indent, depth, keep)
        } else if split_key(line.rest).is_some() {
            self.mapping(indent, depth, keep)
        } else {
            self.at += 1;
            let node = scalar_where(line.rest, keep)?;
            self.ends_after(parent).then_some(node)
        }
    }

    /// After a one-line scalar: a following line deeper than the scalar's
    /// parent would continue it (or be an error).
    fn ends_after(&mut self, parent: Option<usize>) -> bool {
        match (self.peek(), parent) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(next), Some(parent)) => next.indent <= parent,
        }
    }

    fn mapping(&mut self, indent: usize, depth: usize, keep: Keep) -> Option<Node> {
        let mut entries = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent || is_dash(line.rest) {
                return None;
            }
            let (key_text, after) = split_key(line.rest)?;
            let key = match keep {
                Keep::All => plain_key(key_text)?,
                Keep::Nothing => check_key(key_text).map(|()| Node::Null)?,
                // A key JSON cannot hold fails the conversion; outside a fully
                // built tree its message would show the wrong value.
                Keep::Head | Keep::Metadata => {
                    plain_key(key_text).filter(|key| !matches!(key, Node::Null | Node::Uint(_)))?
                }
            };
            self.at += 1;
            let value_keep = keep.value_of(key_text);
            let value = self.value(after, indent, true, depth, value_keep)?;
            if keep != Keep::Nothing {
                map_insert(&mut entries, key, value);
            }
        }
        Some(if keep == Keep::Nothing {
            Node::Null
        } else {
            Node::Map(entries)
        })
    }

    fn sequence(&mut self, indent: usize, depth: usize, keep: Keep) -> Option<Node> {
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent > indent {
                return None;
            }
            if line.indent < indent || !is_dash(line.rest) {
                break;
            }
            let after = &line.rest[1..];
            let body = after.trim_start_matches(' ');
            if !body.is_empty() && !body.starts_with('#') && split_key(body).is_some() {
                if is_dash(body) {
                    return None;
                }
                // `- key: value`: a mapping whose keys line up with this one.
                let column = indent + 1 + (after.len() - body.len());
                self.lines[self.at].indent = column;
                self.lines[self.at].rest = body;
                items.push(self.mapping(column, depth + 1, keep.item())?);
            } else {
                if is_dash(body) {
                    return None;
                }
                self.at += 1;
                items.push(self.value(body, indent, false, depth, keep.item())?);
            }
        }
        Some(if keep == Keep::Nothing {
            Node::Null
        } else {
            Node::Seq(items)
        })
    }

    /// The value after `key:` or `-` (`after`), whose key or dash is at
    /// `column`. In a mapping (`in_map`) a sequence may line up with the key.
    fn value(
        &mut self,
        after: &str,
        column: usize,
        in_map: bool,
        depth: usize,
        keep: Keep,
    ) -> Option<Node> {
        let body = after.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            let Some(next) = self.peek() else {
                return Some(Node::Null);
            };
            if next.indent > column || (in_map && next.indent == column && is_dash(next.rest)) {
                return self.block(next.indent, Some(column), depth + 1, keep);
            }
            return Some(Node::Null);
        }
        if body.starts_with('|') {
            let clip = match body {
                "|" => true,
                "|-" => false,
                _ => return None,
            };
            let node = self.literal(column, clip)?;
            return Some(if keep == Keep::Nothing {
                Node::Null
            } else {
                node
            });
        }
        let node = scalar_where(body, keep)?;
        self.ends_after(Some(column)).then_some(node)
    }

    /// The lines of a `|` block (`|-` without `clip`) under a key or dash at
    /// `column`.
    fn literal(&mut self, column: usize, clip: bool) -> Option<Node> {
        let start = self.at;
        let mut first = start;
        let mut leading_spaces = 0;
        while let Some(line) = self.lines.get(first) {
            if !line.rest.is_empty() {
                break;
            }
            leading_spaces = leading_spaces.max(line.indent);
            first += 1;
        }
        let content_indent = self.lines.get(first)?.indent;
        // An empty block, or one whose indentation a blank line sets: rare,
        // and read by the full reader.
        if content_indent <= column || leading_spaces > content_indent {
            return None;
        }
        let mut end = start;
        let mut last_content = None;
        while let Some(line) = self.lines.get(end) {
            if line.rest.is_empty() {
                if line.indent > content_indent {
                    return None;
                }
            } else if line.indent < content_indent {
                break;
            } else {
                last_content = Some(end);
            }
            end += 1;
        }
        let last_content = last_content?;
        let mut text = String::new();
        for (index, line) in self.lines[start..=last_content].iter().enumerate() {
            if index > 0 {
                text.push('\n');
            }
            if !line.rest.is_empty() {
                text.push_str(&line.raw[content_indent..]);
            }
        }
        let terminated = last_content + 1 < self.lines.len() || self.last_terminated;
        if clip && terminated {
            text.push('\n');
        }
        self.at = end;
        Some(Node::Str(text))
    }
}

/// `node` where it is kept; otherwise null, or `None` when converting it to
/// JSON would fail (the full reader then gives the error).
fn kept(node: Node, keep: Keep) -> Option<Node> {
    match keep {
        Keep::All => Some(node),
        _ => converts_to_json(&node).then(|| project(node, keep)),
    }
}

/// The parts of a tree that `keep` builds.
fn project(node: Node, keep: Keep) -> Node {
    match (node, keep) {
        (node, Keep::All) => node,
        (_, Keep::Nothing) => Node::Null,
        (Node::Map(entries), _) => Node::Map(
            entries
                .into_iter()
                .map(|(key, value)| {
                    let child = match &key {
                        Node::Str(text) => keep.value_of(text),
                        _ => Keep::Nothing,
                    };
                    (key, project(value, child))
                })
                .collect(),
        ),
        (Node::Seq(items), _) => Node::Seq(items.into_iter().map(|_| Node::Null).collect()),
        (scalar, _) => scalar,
    }
}

/// Whether `convertToJSONableObject` and `json.Marshal` accept the node.
fn converts_to_json(node: &Node) -> bool {
    match node {
        Node::Float(float) => float.is_finite(),
        Node::Seq(items) => items.iter().all(converts_to_json),
        Node::Map(entries) => entries.iter().all(|(key, value)| {
            !matches!(
                key,
                Node::Null | Node::Uint(_) | Node::Seq(_) | Node::Map(_)
            ) && converts_to_json(value)
        }),
        _ => true,
    }
}

/// `---` or `...` (a document marker) or a directive at the start of a line.
fn is_marker(rest: &str) -> bool {
    rest.starts_with('%')
        || ["---", "..."].iter().any(|marker| {
            rest.strip_prefix(marker)
                .is_some_and(|after| after.is_empty() || after.starts_with(' '))
        })
}

/// A block sequence entry: `-` alone or followed by a space.
fn is_dash(rest: &str) -> bool {
    rest == "-" || rest.starts_with("- ")
}

/// `key: rest` or `key:` as (key, rest) when the line is a mapping entry
/// with a plain one-line key.
fn split_key(rest: &str) -> Option<(&str, &str)> {
    let bytes = rest.as_bytes();
    let colon = bytes.iter().enumerate().position(|(at, &byte)| {
        byte == b':' && bytes.get(at + 1).is_none_or(|&next| next == b' ')
    })?;
    Some((&rest[..colon], &rest[colon + 1..]))
}

/// Where `byte` first follows a space in `text` (the space's offset): `" #"`
/// starts a comment. Short texts make a byte scan cheaper than a searcher.
fn find_after_space(text: &str, byte: u8) -> Option<usize> {
    text.as_bytes()
        .windows(2)
        .position(|pair| pair[0] == b' ' && pair[1] == byte)
}

/// A mapping key: a plain scalar, resolved as go-yaml resolves it.
fn plain_key(key: &str) -> Option<Node> {
    is_plain_key(key).then(|| resolved_node(resolve(key, Version::V2), key))
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_KEY_LENGTH
        && !key.ends_with(' ')
        && find_after_space(key, b'#').is_none()
        && key != "<<"
        && plain_start(key)
}

/// A key in a part that is not built: `None` when JSON cannot hold it
/// (a null or an integer past int64), resolved only when it could be one.
fn check_key(key: &str) -> Option<()> {
    if !is_plain_key(key) {
        return None;
    }
    let could_be_null_or_number = matches!(
        key.as_bytes()[0],
        b'~' | b'n' | b'N' | b'0'..=b'9' | b'+' | b'-'
    );
    let refused = could_be_null_or_number
        && matches!(
            resolve(key, Version::V2),
            Resolved::Null | Resolved::Uint(_)
        );
    (!refused).then_some(())
}

/// A plain scalar may start with this text (not with an indicator).
fn plain_start(text: &str) -> bool {
    let bytes = text.as_bytes();
    match bytes.first() {
        None => false,
        Some(b'-') => bytes.get(1).is_some_and(|&next| next != b' '),
        Some(
            b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"'
            | b'%' | b'@' | b'`' | b',' | b'?' | b':',
        ) => false,
        Some(_) => true,
    }
}

/// A scalar or flow collection that ends on its line, with an optional
/// comment after it.
fn one_line_scalar(body: &str) -> Option<Node> {
    let (node, after) = match body.as_bytes().first()? {
        b'"' => double_quoted(&body[1..]).map(|(text, after)| (Node::Str(text), after))?,
        b'\'' => single_quoted(&body[1..]).map(|(text, after)| (Node::Str(text), after))?,
        b'[' => flow_sequence(&body[1..], 0)?,
        b'{' => flow_mapping(&body[1..], 0)?,
        _ => return plain_scalar(body),
    };
    ends_quoted(after).then_some(node)
}

fn plain_scalar(body: &str) -> Option<Node> {
    let text = plain_text(body)?;
    Some(resolved_node(resolve(text, Version::V2), text))
}

/// A plain scalar's text, without a comment after it.
fn plain_text(body: &str) -> Option<&str> {
    if !plain_start(body) {
        return None;
    }
    let text = match find_after_space(body, b'#') {
        Some(comment) => body[..comment].trim_end_matches(' '),
        None => body,
    };
    if text.ends_with(':') || text.as_bytes().windows(2).any(|pair| pair == b": ") {
        return None;
    }
    Some(text)
}

/// [`one_line_scalar`] in a part that is not built: `None` where it is
/// not in the subset or JSON cannot hold it.
fn check_one_line(body: &str) -> Option<()> {
    match body.as_bytes().first()? {
        b'"' | b'\'' | b'[' | b'{' => kept(one_line_scalar(body)?, Keep::Nothing).map(drop),
        _ => {
            let text = plain_text(body)?;
            // Only `.inf`, `.nan` and their signed forms are floats JSON refuses.
            if text.starts_with(['.', '+', '-'])
                && let Node::Float(float) = resolved_node(resolve(text, Version::V2), text)
                && !float.is_finite()
            {
                return None;
            }
            Some(())
        }
    }
}

/// A one-line scalar where it stands: built, or only checked.
fn scalar_where(body: &str, keep: Keep) -> Option<Node> {
    if keep == Keep::Nothing {
        check_one_line(body).map(|()| Node::Null)
    } else {
        kept(one_line_scalar(body)?, keep)
    }
}

/// After a closing quote or bracket: nothing, or a comment after a space.
fn ends_quoted(after: &str) -> bool {
    let rest = after.trim_start_matches(' ');
    rest.is_empty() || (rest.len() < after.len() && rest.starts_with('#'))
}

/// The text of `"..."` (after its opening quote) with the escapes Go's
/// quoting writes, and what follows it; anything else goes to the full
/// reader.
fn double_quoted(body: &str) -> Option<(String, &str)> {
    let mut text = String::with_capacity(body.len());
    let mut chars = body.char_indices();
    while let Some((at, ch)) = chars.next() {
        match ch {
            '"' => return Some((text, &body[at + 1..])),
            '\\' => {
                let (_, escape) = chars.next()?;
                text.push(match escape {
                    '\\' => '\\',
                    '"' => '"',
                    '/' => '/',
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    _ => return None,
                });
            }
            _ => text.push(ch),
        }
    }
    None
}

/// The text of `'...'` (after its opening quote), `''` being a quote, and
/// what follows it.
fn single_quoted(body: &str) -> Option<(String, &str)> {
    let mut text = String::with_capacity(body.len());
    let mut rest = body;
    loop {
        let quote = rest.find('\'')?;
        text.push_str(&rest[..quote]);
        rest = &rest[quote + 1..];
        match rest.strip_prefix('\'') {
            Some(after) => {
                text.push('\'');
                rest = after;
            }
            None => return Some((text, rest)),
        }
    }
}

/// One node inside a flow collection and what follows it: quoted, plain
/// without `:` or `#` (go-yaml v2 refuses `[a:b]`), or a nested collection.
fn flow_node(body: &str, depth: usize) -> Option<(Node, &str)> {
    if depth > MAX_DEPTH {
        return None;
    }
    match body.as_bytes().first()? {
        b'"' => double_quoted(&body[1..]).map(|(text, after)| (Node::Str(text), after)),
        b'\'' => single_quoted(&body[1..]).map(|(text, after)| (Node::Str(text), after)),
        b'[' => flow_sequence(&body[1..], depth + 1),
        b'{' => flow_mapping(&body[1..], depth + 1),
        _ => {
            let end = body.find([',', ']', '}', '[', '{', ':', '#'])?;
            let text = body[..end].trim_end_matches(' ');
            if !plain_start(text) || matches!(body.as_bytes()[end], b':' | b'#' | b'[' | b'{') {
                return None;
            }
            Some((
                resolved_node(resolve(text, Version::V2), text),
                &body[end..],
            ))
        }
    }
}

/// `[a, "b"]` (after its `[`) on one line, and what follows it.
fn flow_sequence(body: &str, depth: usize) -> Option<(Node, &str)> {
    let mut items = Vec::new();
    let mut rest = body.trim_start_matches(' ');
    if let Some(after) = rest.strip_prefix(']') {
        return Some((Node::Seq(items), after));
    }
    loop {
        let (item, after) = flow_node(rest, depth)?;
        items.push(item);
        let after = after.trim_start_matches(' ');
        if let Some(after) = after.strip_prefix(']') {
            return Some((Node::Seq(items), after));
        }
        rest = after.strip_prefix(',')?.trim_start_matches(' ');
        if rest.starts_with(']') {
            return None;
        }
    }
}

/// `{a: 1, "b": x}` (after its `{`) on one line, and what follows it.
fn flow_mapping(body: &str, depth: usize) -> Option<(Node, &str)> {
    let mut entries = Vec::new();
    let mut rest = body.trim_start_matches(' ');
    if let Some(after) = rest.strip_prefix('}') {
        return Some((Node::Map(entries), after));
    }
    loop {
        let (key, after) = match rest.as_bytes().first()? {
            b'"' => double_quoted(&rest[1..]).map(|(text, after)| (Node::Str(text), after))?,
            _ => {
                let colon = rest.find(": ")?;
                let key = &rest[..colon];
                if key.contains([',', '[', ']', '{', '}', ':', '#']) {
                    return None;
                }
                (plain_key(key)?, &rest[colon..])
            }
        };
        let after = after.strip_prefix(": ")?.trim_start_matches(' ');
        let (value, after) = flow_node(after, depth)?;
        map_insert(&mut entries, key, value);
        let after = after.trim_start_matches(' ');
        if let Some(after) = after.strip_prefix('}') {
            return Some((Node::Map(entries), after));
        }
        rest = after.strip_prefix(',')?.trim_start_matches(' ');
        if rest.starts_with('}') {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::decode_full;
    use super::*;
    use crate::engine::random::Random;

    /// Where the fast reader answers, it answers what the full reader does;
    /// reading only a manifest's head builds that part of the same tree, and
    /// converts to JSON exactly when the whole tree does.
    fn agrees(text: &str) -> bool {
        let head = decode(text, Keep::Head);
        match decode(text, Keep::All) {
            None => {
                assert!(head.is_none(), "{text:?}");
                false
            }
            Some(fast) => {
                let full = decode_full(text);
                assert_eq!(Ok(&fast), full.as_ref(), "{text:?}");
                if let Some(head) = head {
                    assert_eq!(head, project(fast.clone(), Keep::Head), "{text:?}");
                    // The same conversion error, if any, as the whole tree.
                    assert_eq!(
                        super::super::to_json_value(head).err(),
                        super::super::to_json_value(fast).err(),
                        "{text:?}"
                    );
                }
                true
            }
        }
    }

    #[test]
    fn reads_the_block_subset_as_the_full_reader_does() {
        for text in [
            "",
            "# only a comment\n",
            "a: 1\nb: true\nc: yes\nd: ~\ne: 1.5\nf: 0x1F\ng: 2001-12-14\nh: text # note\n",
            "a:\n  b:\n    c: x\n  d: y\n",
            "list:\n- a\n- b\nnext: 1\n",
            "list:\n  - a\n  -   b\n  - c: 1\n    d: 2\n  -\n    e: 3\n",
            "- 1\n- - not read here\n",
            "key: |\n  line one\n\n  line two\n    deeper\nafter: x\n",
            "key: |-\n  a\n  b\n",
            "key: |\n  no final newline",
            "key: |\n\n  leading blank\n",
            "key: |\n  # not a comment\n# a comment\nnext: 1\n",
            "q: \"a \\\"b\\\" \\\\ \\n\"\ns: 'it''s'\n",
            "q: \"x\" # comment\n",
            "url: http://x:80/y\nname: a:b\n",
            "on: 1\n1: one\ntrue: t\n",
            "a: 1\na: 2\n",
            "key:\n  value\n",
            "plain scalar document",
            "  indented: root\n",
            "empty:\nafter: 1\n",
            "nbsp: \u{a0}x\u{e9}\n",
            "-1: negative\nv: -x\n",
            "a: []\nb: {}\nc: [1, x, \"y\", 'z']\nd: {e: 1, \"f\": g}\n",
            "- [a , b] # c\n-   {}\n",
            "command: [\"/bin/sh\", \"-c\"]\n",
            "a: {b: {c: [1, {}]}, d: []}\n",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn leaves_everything_else_to_the_full_reader() {
        for text in [
            "a: [1, [2], {]\n",
            "a: {b: {c: 1}\n",
            "a: [x:y]\n",
            "a: [1, ]\n",
            "a: {b, c: d}\n",
            "a: [1,\n  2]\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: >\n  folded\n",
            "a: |+\n  kept\n\n",
            "a: |2\n   x\n",
            "a: plain\n  continued\n",
            "a: \"two\nlines\"\n",
            "a:\tb\n",
            "a: 1\r\n",
            "---\na: 1\n",
            "%YAML 1.1\n---\na: 1\n",
            "<<: {a: 1}\n",
            "? complex\n: key\n",
            "\"quoted\": key\n",
            "a: b: c\n",
            "a: 1\n  b: 2\n",
            "a: 1\n- b\n",
            "a: \"\\x41\"\n",
            "key :  spaced\n",
            "a: |\nb: 1\n",
        ] {
            assert!(decode(text, Keep::All).is_none(), "{text:?}");
        }
    }

    /// Documents built from the pieces the subset is made of and from some
    /// it refuses, in random arrangements.
    #[test]
    fn generated_documents_agree() {
        const KEYS: &[&str] = &[
            "a",
            "name",
            "on",
            "1",
            "true",
            "x-y",
            "a.b/c",
            "k:v",
            "null",
            "0o17",
            "-k",
            "é",
            "kind",
            "Kind",
            "apiVersion",
            "metadata",
            "annotations",
            "~",
            "18446744073709551615",
        ];
        const SCALARS: &[&str] = &[
            "1",
            "-2",
            "0x10",
            "1e3",
            ".5",
            "yes",
            "Off",
            "~",
            "null",
            "2001-12-14",
            "text",
            "two words",
            "a#b",
            "x # c",
            "'q'",
            "'it''s'",
            "\"d\"",
            "\"e\\\"f\"",
            "\"g\\n\"",
            "[1]",
            "{}",
            "[]",
            "[a, 'b']",
            "[\"c\", 2 ]",
            "{a: 1}",
            "{\"b\": [1]}",
            "[x:y]",
            "{a: b, c: d}",
            "{a, b: c}",
            "[a,]",
            "*a",
            "&a b",
            "!t x",
            "a: b",
            "c:",
            "-",
            "- x",
            "|",
            "|-",
            "|+",
            ">",
            ":x",
            "?x",
            "%x",
            "@x",
            "1_000",
            "+1",
            "0777",
            "1:20",
            "\u{a0}",
            ".inf",
            "-.Inf",
        ];
        let mut random = Random::new(2108);
        let mut pick = |n: usize| usize::try_from(random.next_u64() % n as u64).unwrap_or(0);
        let mut read = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            let lines = 1 + pick(8);
            for _ in 0..lines {
                let indent = [0, 0, 0, 2, 2, 4, 1, 3][pick(8)];
                text.push_str(&" ".repeat(indent));
                match pick(7) {
                    0 | 1 => {
                        text.push_str(KEYS[pick(KEYS.len())]);
                        text.push(':');
                        if pick(3) > 0 {
                            text.push(' ');
                            text.push_str(SCALARS[pick(SCALARS.len())]);
                        }
                    }
                    2 => {
                        text.push_str("- ");
                        text.push_str(SCALARS[pick(SCALARS.len())]);
                    }
                    3 => {
                        text.push_str("- ");
                        text.push_str(KEYS[pick(KEYS.len())]);
                        text.push_str(": ");
                        text.push_str(SCALARS[pick(SCALARS.len())]);
                    }
                    4 => text.push_str(SCALARS[pick(SCALARS.len())]),
                    5 => text.push_str("# comment"),
                    _ => {}
                }
                if pick(6) == 0 {
                    text.push(' ');
                }
                text.push('\n');
            }
            if pick(2) == 0 {
                text.pop();
            }
            if agrees(&text) {
                read += 1;
            }
        }
        // The generator must reach the subset, not only its refusals.
        assert!(read > 2_000, "only {read} generated documents were read");
    }
}
