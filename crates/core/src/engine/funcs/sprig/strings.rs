//! strings.go and the string entries of functions.go, with the helpers they
//! call: Go's `strings` package, `Masterminds/goutils` v1.1.1
//! (`Abbreviate`, `Initials`, `DeleteWhiteSpace`, `SwapCase`, `WrapCustom`,
//! `Uncapitalize`) and `huandu/xstrings` v1.5.0 (`ToSnakeCase`,
//! `ToKebabCase`, `ToPascalCase`, `Shuffle`). Go strings are bytes: where
//! these functions cut by byte (`trunc`, `substr`, `abbrev`, `wrap`), a cut
//! inside a multi-byte character yields U+FFFD here.

use crate::engine::funcs::Host;
use crate::engine::gofmt::{quote as go_quote, sprint_value};
use crate::engine::value::{MapData, Value};

use super::cast::{
    from_go_bytes, go_is_lower, go_is_punct, go_is_upper, go_lower, go_title, go_upper, int_arg,
    is_go_space, is_title_case, str_arg, strslice, strval,
};

type Out = Result<Value, String>;

pub(super) fn hello(_: &mut dyn Host, _: &[Value]) -> Out {
    Ok(Value::str("Hello!"))
}

pub(super) fn fail(_: &mut dyn Host, args: &[Value]) -> Out {
    Err(str_arg(args, 0).to_owned())
}

/// goutils `AbbreviateFull`, its error as "" (Sprig drops it).
fn abbreviate_full(text: &str, offset: i64, max_width: i64) -> Vec<u8> {
    let bytes = text.as_bytes();
    let len = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    if bytes.is_empty() || max_width < 4 {
        return Vec::new();
    }
    if len <= max_width {
        return bytes.to_vec();
    }
    let mut offset = offset.min(len);
    if len - offset < max_width - 3 {
        offset = len - (max_width - 3);
    }
    let at = |index: i64| usize::try_from(index).unwrap_or(0);
    if offset <= 4 {
        let mut out = bytes[..at(max_width - 3)].to_vec();
        out.extend_from_slice(b"...");
        return out;
    }
    if max_width < 7 {
        return Vec::new();
    }
    let mut out = b"...".to_vec();
    if offset + max_width - 3 < len {
        let rest = String::from_utf8_lossy(&bytes[at(offset)..]).into_owned();
        out.extend(abbreviate_full(&rest, 0, max_width - 3));
    } else {
        out.extend_from_slice(&bytes[at(len - (max_width - 3))..]);
    }
    out
}

pub(super) fn abbrev(_: &mut dyn Host, args: &[Value]) -> Out {
    let (width, text) = (int_arg(args, 0), str_arg(args, 1));
    if width < 4 {
        return Ok(Value::str(text));
    }
    Ok(from_go_bytes(&abbreviate_full(text, 0, width)))
}

pub(super) fn abbrevboth(_: &mut dyn Host, args: &[Value]) -> Out {
    let (left, right, text) = (int_arg(args, 0), int_arg(args, 1), str_arg(args, 2));
    if right < 4 || left > 0 && right < 7 {
        return Ok(Value::str(text));
    }
    Ok(from_go_bytes(&abbreviate_full(text, left, right)))
}

pub(super) fn trunc(_: &mut dyn Host, args: &[Value]) -> Out {
    let (count, text) = (int_arg(args, 0), str_arg(args, 1));
    let bytes = text.as_bytes();
    let len = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    if count < 0 && len + count > 0 {
        return Ok(from_go_bytes(
            &bytes[usize::try_from(len + count).unwrap_or(0)..],
        ));
    }
    if count >= 0 && len > count {
        return Ok(from_go_bytes(&bytes[..usize::try_from(count).unwrap_or(0)]));
    }
    Ok(Value::str(text))
}

pub(super) fn trim(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::str(str_arg(args, 0).trim_matches(is_go_space)))
}

pub(super) fn upper(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(
        str_arg(args, 0).chars().map(go_upper).collect(),
    ))
}

pub(super) fn lower(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(
        str_arg(args, 0).chars().map(go_lower).collect(),
    ))
}

/// `strings.Title`'s `isSeparator`.
fn is_title_separator(ch: char) -> bool {
    if ch.is_ascii() {
        return !(ch.is_ascii_alphanumeric() || ch == '_');
    }
    if ch.is_alphabetic() || ch.is_numeric() {
        return false;
    }
    is_go_space(ch)
}

pub(super) fn title(_: &mut dyn Host, args: &[Value]) -> Out {
    let mut prev = ' ';
    let out = str_arg(args, 0)
        .chars()
        .map(|ch| {
            let mapped = if is_title_separator(prev) {
                go_title(ch)
            } else {
                ch
            };
            prev = ch;
            mapped
        })
        .collect();
    Ok(Value::string(out))
}

pub(super) fn untitle(_: &mut dyn Host, args: &[Value]) -> Out {
    // goutils Uncapitalize: the first rune of each space-separated word.
    let mut next = true;
    let out = str_arg(args, 0)
        .chars()
        .map(|ch| {
            if is_go_space(ch) {
                next = true;
                ch
            } else if next {
                next = false;
                go_lower(ch)
            } else {
                ch
            }
        })
        .collect();
    Ok(Value::string(out))
}

pub(super) fn substr(_: &mut dyn Host, args: &[Value]) -> Out {
    let (start, end, text) = (int_arg(args, 0), int_arg(args, 1), str_arg(args, 2));
    let bytes = text.as_bytes();
    let len = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let at = |index: i64| usize::try_from(index).unwrap_or(0);
    if start < 0 {
        if end < 0 || end > len {
            return Err(if end < 0 {
                format!("runtime error: slice bounds out of range [:{end}]")
            } else {
                format!("runtime error: slice bounds out of range [:{end}] with length {len}")
            });
        }
        return Ok(from_go_bytes(&bytes[..at(end)]));
    }
    if end < 0 || end > len {
        if start > len {
            return Err(format!(
                "runtime error: slice bounds out of range [{start}:{len}]"
            ));
        }
        return Ok(from_go_bytes(&bytes[at(start)..]));
    }
    if start > end {
        return Err(format!(
            "runtime error: slice bounds out of range [{start}:{end}]"
        ));
    }
    Ok(from_go_bytes(&bytes[at(start)..at(end)]))
}

/// `strings.Repeat`, with its panics.
pub(super) fn go_repeat(text: &str, count: i64) -> Result<String, String> {
    let count = usize::try_from(count).map_err(|_| "strings: negative Repeat count".to_owned())?;
    if text
        .len()
        .checked_mul(count)
        .is_none_or(|len| len > isize::MAX as usize)
    {
        return Err("strings: Repeat output length overflow".to_owned());
    }
    if text.len().saturating_mul(count) > crate::engine::MAX_OUTPUT_BYTES {
        return Err(format!(
            "repeat: the text would be more than {} bytes, the most ingresslab renders",
            crate::engine::MAX_OUTPUT_BYTES
        ));
    }
    Ok(text.repeat(count))
}

pub(super) fn repeat(_: &mut dyn Host, args: &[Value]) -> Out {
    go_repeat(str_arg(args, 1), int_arg(args, 0)).map(Value::string)
}

pub(super) fn trim_all(_: &mut dyn Host, args: &[Value]) -> Out {
    let cutset: Vec<char> = str_arg(args, 0).chars().collect();
    Ok(Value::str(str_arg(args, 1).trim_matches(cutset.as_slice())))
}

pub(super) fn trim_suffix(_: &mut dyn Host, args: &[Value]) -> Out {
    let (suffix, text) = (str_arg(args, 0), str_arg(args, 1));
    Ok(Value::str(text.strip_suffix(suffix).unwrap_or(text)))
}

pub(super) fn trim_prefix(_: &mut dyn Host, args: &[Value]) -> Out {
    let (prefix, text) = (str_arg(args, 0), str_arg(args, 1));
    Ok(Value::str(text.strip_prefix(prefix).unwrap_or(text)))
}

/// goutils reads some strings byte by byte, each byte taken as the rune of
/// the same number (Latin-1), and writes those runes back as UTF-8.
fn byte_rune(byte: u8) -> char {
    char::from(byte)
}

pub(super) fn nospace(_: &mut dyn Host, args: &[Value]) -> Out {
    // goutils DeleteWhiteSpace: byte-wise; unchanged when nothing was removed.
    let text = str_arg(args, 0);
    if !text.bytes().any(|byte| is_go_space(byte_rune(byte))) {
        return Ok(Value::str(text));
    }
    let out = text
        .bytes()
        .map(byte_rune)
        .filter(|&ch| !is_go_space(ch))
        .collect();
    Ok(Value::string(out))
}

pub(super) fn initials(_: &mut dyn Host, args: &[Value]) -> Out {
    // goutils Initials: byte-wise, so a multi-byte first letter comes out as its lead byte.
    let mut out = String::new();
    let mut gap = true;
    for ch in str_arg(args, 0).bytes().map(byte_rune) {
        if is_go_space(ch) {
            gap = true;
        } else if gap {
            out.push(ch);
            gap = false;
        }
    }
    Ok(Value::string(out))
}

pub(super) fn swapcase(_: &mut dyn Host, args: &[Value]) -> Out {
    // goutils SwapCase: lower after a space (or at the start) becomes title case.
    let mut whitespace = true;
    let out = str_arg(args, 0)
        .chars()
        .map(|ch| {
            if go_is_upper(ch) || is_title_case(ch) {
                whitespace = false;
                go_lower(ch)
            } else if go_is_lower(ch) {
                if whitespace {
                    whitespace = false;
                    go_title(ch)
                } else {
                    go_upper(ch)
                }
            } else {
                whitespace = is_go_space(ch);
                ch
            }
        })
        .collect();
    Ok(Value::string(out))
}

pub(super) fn shuffle(host: &mut dyn Host, args: &[Value]) -> Out {
    // xstrings Shuffle: Fisher-Yates over runes with rand.Intn(i + 1).
    let mut runes: Vec<char> = str_arg(args, 0).chars().collect();
    for index in (1..runes.len()).rev() {
        let other = usize::try_from(host.random().below(index as u64 + 1)).unwrap_or(0);
        runes.swap(index, other);
    }
    Ok(Value::string(runes.into_iter().collect()))
}

/// xstrings `isConnector`.
fn is_connector(ch: char) -> bool {
    ch == '-' || ch == '_' || is_go_space(ch)
}

/// xstrings `isAlphabet`: a letter, but not CJK.
fn is_alphabet(ch: char) -> bool {
    ch.is_alphabetic()
        && !matches!(ch, '\u{4E00}'..='\u{9FCC}' | '\u{3400}'..='\u{4D85}' | '\u{20000}'..='\u{2B81D}')
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Word {
    Invalid,
    Number,
    Upper,
    Alphabet,
    Connector,
    Punct,
    Other,
}

const RUNE_ERROR: char = '\u{FFFD}';

/// xstrings `nextValidRune`: skips U+FFFD, which Go cannot tell from a bad byte.
fn next_valid_rune(text: &str, prev: char) -> (char, usize) {
    let mut size = 0;
    for ch in text.chars() {
        size += ch.len_utf8();
        if ch != RUNE_ERROR {
            return (ch, size);
        }
    }
    (prev, size)
}

/// xstrings `nextWord`.
fn next_word(text: &str) -> (Word, &str, &str) {
    if text.is_empty() {
        return (Word::Invalid, "", "");
    }
    let (mut ch, size) = next_valid_rune(text, RUNE_ERROR);
    let mut offset = size;
    if ch == RUNE_ERROR {
        return (Word::Invalid, &text[..offset], &text[offset..]);
    }
    let mut remaining = &text[size..];
    let take_while =
        |offset: &mut usize, remaining: &mut &str, ch: &mut char, keep: &dyn Fn(char) -> bool| {
            while !remaining.is_empty() {
                let (next, size) = next_valid_rune(remaining, *ch);
                *ch = next;
                if !keep(next) {
                    break;
                }
                *offset += size;
                *remaining = &remaining[size..];
            }
        };
    let kind = if is_connector(ch) {
        take_while(&mut offset, &mut remaining, &mut ch, &is_connector);
        Word::Connector
    } else if go_is_punct(ch) {
        take_while(&mut offset, &mut remaining, &mut ch, &go_is_punct);
        Word::Punct
    } else if go_is_upper(ch) {
        if !remaining.is_empty() {
            let (next, size) = next_valid_rune(remaining, ch);
            ch = next;
            if go_is_upper(ch) {
                let mut prev_size = size;
                offset += size;
                remaining = &remaining[size..];
                while !remaining.is_empty() {
                    let (next, size) = next_valid_rune(remaining, ch);
                    ch = next;
                    if !go_is_upper(ch) {
                        break;
                    }
                    prev_size = size;
                    offset += size;
                    remaining = &remaining[size..];
                }
                // "HTTPStatus" is "HTTP" and "Status".
                if !remaining.is_empty() && is_alphabet(ch) {
                    offset -= prev_size;
                    remaining = &text[offset..];
                }
            } else if is_alphabet(ch) {
                offset += size;
                remaining = &remaining[size..];
                take_while(&mut offset, &mut remaining, &mut ch, &|c| {
                    is_alphabet(c) && !go_is_upper(c)
                });
            }
        }
        Word::Upper
    } else if is_alphabet(ch) {
        take_while(&mut offset, &mut remaining, &mut ch, &|c| {
            is_alphabet(c) && !go_is_upper(c)
        });
        Word::Alphabet
    } else if ch.is_numeric() {
        take_while(&mut offset, &mut remaining, &mut ch, &char::is_numeric);
        Word::Number
    } else {
        while !remaining.is_empty() {
            let (next, size) = next_valid_rune(remaining, ch);
            ch = next;
            if size == 0
                || is_connector(ch)
                || is_alphabet(ch)
                || ch.is_numeric()
                || go_is_punct(ch)
            {
                break;
            }
            offset += size;
            remaining = &remaining[size..];
        }
        Word::Other
    };
    (kind, &text[..offset], remaining)
}

/// xstrings `toLower`.
fn word_to_lower(out: &mut String, kind: Word, word: &str, connector: char) {
    if kind != Word::Upper && kind != Word::Connector {
        out.push_str(word);
        return;
    }
    for ch in word.chars() {
        if is_connector(ch) {
            out.push(connector);
        } else if go_is_upper(ch) {
            out.push(go_lower(ch));
        } else {
            out.push(ch);
        }
    }
}

/// xstrings `camelCaseToLowerCase`.
fn camel_to_lower(text: &str, connector: char) -> String {
    let mut out = String::new();
    if text.is_empty() {
        return out;
    }
    let (mut kind, mut word, mut remaining) = next_word(text);
    while !remaining.is_empty() {
        if kind != Word::Connector {
            word_to_lower(&mut out, kind, word, connector);
        }
        let prev = kind;
        let last = word;
        (kind, word, remaining) = next_word(remaining);
        match prev {
            Word::Number => {
                while kind == Word::Alphabet || kind == Word::Number {
                    word_to_lower(&mut out, kind, word, connector);
                    (kind, word, remaining) = next_word(remaining);
                }
                if kind != Word::Invalid && kind != Word::Punct && kind != Word::Connector {
                    out.push(connector);
                }
            }
            Word::Connector => word_to_lower(&mut out, prev, last, connector),
            Word::Punct => {}
            _ => {
                if kind != Word::Number {
                    if kind != Word::Connector && kind != Word::Punct {
                        out.push(connector);
                    }
                    continue;
                }
                if remaining.is_empty() {
                    continue;
                }
                let last = word;
                (kind, word, remaining) = next_word(remaining);
                // "Bld4Floor" => "bld4_floor"
                if kind != Word::Alphabet {
                    word_to_lower(&mut out, Word::Number, last, connector);
                    if kind != Word::Connector && kind != Word::Punct {
                        out.push(connector);
                    }
                    continue;
                }
                // "HTTP2xx" => "http_2xx"
                out.push(connector);
                word_to_lower(&mut out, Word::Number, last, connector);
                while kind == Word::Alphabet || kind == Word::Number {
                    word_to_lower(&mut out, kind, word, connector);
                    (kind, word, remaining) = next_word(remaining);
                }
                if kind != Word::Invalid && kind != Word::Connector && kind != Word::Punct {
                    out.push(connector);
                }
            }
        }
    }
    word_to_lower(&mut out, kind, word, connector);
    out
}

pub(super) fn snakecase(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(camel_to_lower(str_arg(args, 0), '_')))
}

pub(super) fn kebabcase(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(camel_to_lower(str_arg(args, 0), '-')))
}

pub(super) fn camelcase(_: &mut dyn Host, args: &[Value]) -> Out {
    // xstrings v1.5.0 ToPascalCase = toCamelCase(str, true).
    let mut chars = str_arg(args, 0).chars().peekable();
    let mut out = String::new();
    let mut first_upper = false;
    let mut r0 = None;
    for ch in chars.by_ref() {
        if !is_connector(ch) {
            first_upper = go_is_upper(ch);
            r0 = Some(go_upper(ch));
            break;
        }
        out.push(ch);
    }
    let Some(mut r0) = r0 else {
        return Ok(Value::string(out));
    };
    for ch in chars {
        let r1 = r0;
        r0 = ch;
        if is_connector(r0) && is_connector(r1) {
            out.push(r1);
            continue;
        }
        if is_connector(r1) {
            first_upper = go_is_upper(r0);
            r0 = go_upper(r0);
        } else {
            if first_upper {
                if go_is_upper(r0) {
                    r0 = go_lower(r0);
                } else {
                    first_upper = false;
                }
            }
            out.push(r1);
        }
    }
    out.push(r0);
    Ok(Value::string(out))
}

/// goutils `WrapCustom`, byte-indexed as in Go.
fn wrap_custom(text: &str, width: i64, newline: &str, wrap_long: bool) -> Value {
    if text.is_empty() {
        return Value::str("");
    }
    let newline = if newline.is_empty() { "\n" } else { newline }.as_bytes();
    let width = usize::try_from(width.max(1)).unwrap_or(usize::MAX);
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut offset = 0;
    let mut out = Vec::with_capacity(len);
    while len - offset > width {
        if bytes[offset] == b' ' {
            offset += 1;
            continue;
        }
        let end = width + offset + 1;
        if let Some(space) = bytes[offset..end].iter().rposition(|&b| b == b' ') {
            let at = offset + space;
            out.extend_from_slice(&bytes[offset..at]);
            out.extend_from_slice(newline);
            offset = at + 1;
        } else if wrap_long {
            out.extend_from_slice(&bytes[offset..width + offset]);
            out.extend_from_slice(newline);
            offset += width;
        } else {
            let end = width + offset;
            match bytes[end..].iter().position(|&b| b == b' ') {
                None => {
                    out.extend_from_slice(&bytes[offset..]);
                    offset = len;
                }
                Some(index) => {
                    let at = index + end;
                    out.extend_from_slice(&bytes[offset..at]);
                    out.extend_from_slice(newline);
                    offset = at + 1;
                }
            }
        }
    }
    out.extend_from_slice(&bytes[offset..]);
    from_go_bytes(&out)
}

pub(super) fn wrap(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(wrap_custom(str_arg(args, 1), int_arg(args, 0), "", false))
}

pub(super) fn wrap_with(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(wrap_custom(
        str_arg(args, 2),
        int_arg(args, 0),
        str_arg(args, 1),
        true,
    ))
}

pub(super) fn contains(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(str_arg(args, 1).contains(str_arg(args, 0))))
}

pub(super) fn has_prefix(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(str_arg(args, 1).starts_with(str_arg(args, 0))))
}

pub(super) fn has_suffix(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(str_arg(args, 1).ends_with(str_arg(args, 0))))
}

pub(super) fn quote(_: &mut dyn Host, args: &[Value]) -> Out {
    // strings.go quote: nil items are dropped; others are fmt.Sprintf("%q", strval(s)).
    let out: Vec<String> = args
        .iter()
        .filter(|arg| !arg.is_nil())
        .map(|arg| go_quote(&strval(arg)))
        .collect();
    Ok(Value::string(out.join(" ")))
}

pub(super) fn squote(_: &mut dyn Host, args: &[Value]) -> Out {
    // strings.go squote: fmt.Sprintf("'%v'", s), no escaping.
    let out: Vec<String> = args
        .iter()
        .filter(|arg| !arg.is_nil())
        .map(|arg| format!("'{}'", sprint_value(arg)))
        .collect();
    Ok(Value::string(out.join(" ")))
}

pub(super) fn cat(_: &mut dyn Host, args: &[Value]) -> Out {
    let out: Vec<String> = args
        .iter()
        .filter(|arg| !arg.is_nil())
        .map(sprint_value)
        .collect();
    Ok(Value::string(out.join(" ")))
}

fn indent_text(spaces: i64, text: &str) -> Result<String, String> {
    let pad = go_repeat(" ", spaces)?;
    Ok(format!("{pad}{}", text.replace('\n', &format!("\n{pad}"))))
}

pub(super) fn indent(_: &mut dyn Host, args: &[Value]) -> Out {
    indent_text(int_arg(args, 0), str_arg(args, 1)).map(Value::string)
}

pub(super) fn nindent(_: &mut dyn Host, args: &[Value]) -> Out {
    indent_text(int_arg(args, 0), str_arg(args, 1)).map(|text| Value::string(format!("\n{text}")))
}

pub(super) fn replace(_: &mut dyn Host, args: &[Value]) -> Out {
    let (old, new, src) = (str_arg(args, 0), str_arg(args, 1), str_arg(args, 2));
    Ok(Value::string(src.replace(old, new)))
}

pub(super) fn plural(_: &mut dyn Host, args: &[Value]) -> Out {
    let pick = if int_arg(args, 2) == 1 { 0 } else { 1 };
    Ok(Value::str(str_arg(args, pick)))
}

pub(super) fn to_string(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(strval(&args[0])))
}

/// `strings.SplitN(s, sep, n)` (`n < 0`: all).
fn go_split(text: &str, sep: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    if sep.is_empty() {
        // explode: one rune each, the last holding the rest.
        let count = text.chars().count();
        let limit = usize::try_from(n)
            .ok()
            .filter(|&n| n <= count)
            .unwrap_or(count);
        let mut out = Vec::with_capacity(limit);
        let mut rest = text;
        while out.len() + 1 < limit {
            let Some(ch) = rest.chars().next() else { break };
            out.push(ch.to_string());
            rest = &rest[ch.len_utf8()..];
        }
        if limit > 0 {
            out.push(rest.to_owned());
        }
        return out;
    }
    match usize::try_from(n) {
        Ok(limit) => text.splitn(limit, sep).map(str::to_owned).collect(),
        Err(_) => text.split(sep).map(str::to_owned).collect(),
    }
}

fn indexed_map(parts: Vec<String>) -> Value {
    // A Go map[string]string; here a map[string]interface{} of strings.
    let data: MapData = crate::sort::btree_map(
        parts
            .into_iter()
            .enumerate()
            .map(|(index, part)| (format!("_{index}"), Value::string(part))),
    );
    Value::map(data)
}

pub(super) fn split(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(indexed_map(go_split(
        str_arg(args, 1),
        str_arg(args, 0),
        -1,
    )))
}

pub(super) fn splitn(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(indexed_map(go_split(
        str_arg(args, 2),
        str_arg(args, 0),
        int_arg(args, 1),
    )))
}

pub(super) fn split_list(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string_list(go_split(
        str_arg(args, 1),
        str_arg(args, 0),
        -1,
    )))
}

pub(super) fn to_strings(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string_list(strslice(&args[0])))
}

pub(super) fn join(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(strslice(&args[1]).join(str_arg(args, 0))))
}

pub(super) fn sort_alpha(_: &mut dyn Host, args: &[Value]) -> Out {
    // list.go sortAlpha: a slice through strslice, sorted; anything else as [strval(v)].
    match &args[0] {
        Value::List(..) => {
            let mut items = strslice(&args[0]);
            crate::sort::sort(&mut items);
            Ok(Value::string_list(items))
        }
        other => Ok(Value::string_list(vec![strval(other)])),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{call, i, l, m, ok, s, text};
    use crate::engine::value::Value;

    #[test]
    fn trunc_cuts_bytes_and_counts_negative_from_the_end() {
        // strings.go trunc
        assert_eq!(text("trunc", &[i(3), s("abcdef")]), "abc");
        assert_eq!(text("trunc", &[i(-2), s("abcdef")]), "ef");
        assert_eq!(text("trunc", &[i(10), s("abc")]), "abc");
        assert_eq!(text("trunc", &[i(-10), s("abc")]), "abc");
        assert_eq!(text("trunc", &[i(0), s("abc")]), "");
        assert_eq!(
            text("trunc", &[i(2), s("héllo")]),
            "h\u{fffd}",
            "cuts inside é"
        );
        assert_eq!(text("trunc", &[i(3), s("héllo")]), "hé");
    }

    #[test]
    fn quote_and_squote() {
        // strings.go quote: nil dropped, non-strings through strval ("%v"), then %q.
        assert_eq!(text("quote", &[s("a\"b")]), "\"a\\\"b\"");
        assert_eq!(text("quote", &[Value::Nil]), "");
        assert_eq!(
            text("quote", &[i(1), Value::Float(1.5), Value::Nil, s("x")]),
            "\"1\" \"1.5\" \"x\""
        );
        assert_eq!(text("quote", &[Value::Bool(true)]), "\"true\"");
        assert_eq!(text("quote", &[]), "");
        assert_eq!(text("squote", &[s("it's"), i(2), Value::Nil]), "'it's' '2'");
        assert_eq!(text("quote", &[Value::Float(1e6)]), "\"1e+06\"");
    }

    #[test]
    fn cat_and_to_string() {
        assert_eq!(
            text("cat", &[s("a"), Value::Nil, i(1), l(&[i(2)])]),
            "a 1 [2]"
        );
        assert_eq!(text("toString", &[Value::Float(8080.0)]), "8080");
        assert_eq!(text("toString", &[Value::Nil]), "<nil>");
    }

    #[test]
    fn substr_and_its_panics() {
        // strings.go substring
        assert_eq!(text("substr", &[i(1), i(3), s("abcdef")]), "bc");
        assert_eq!(text("substr", &[i(-1), i(2), s("abcdef")]), "ab");
        assert_eq!(text("substr", &[i(2), i(-1), s("abcdef")]), "cdef");
        assert_eq!(text("substr", &[i(2), i(99), s("abcdef")]), "cdef");
        assert_eq!(
            call("substr", &[i(4), i(2), s("abcdef")]),
            Err("runtime error: slice bounds out of range [4:2]".to_owned())
        );
        assert_eq!(
            call("substr", &[i(-1), i(9), s("abc")]),
            Err("runtime error: slice bounds out of range [:9] with length 3".to_owned())
        );
    }

    #[test]
    fn case_functions() {
        assert_eq!(
            text("upper", &[s("straße")]),
            "STRAßE",
            "simple case mapping"
        );
        assert_eq!(text("lower", &[s("HÉLLO")]), "héllo");
        assert_eq!(
            text("title", &[s("hello world-wide_web")]),
            "Hello World-Wide_web"
        );
        assert_eq!(text("untitle", &[s("Hello World")]), "hello world");
        assert_eq!(text("swapcase", &[s("This Is A.Test")]), "tHIS iS a.tEST");
        assert_eq!(
            text("swapcase", &[s("hello world")]),
            "HELLO WORLD",
            "title case at a word start, upper after"
        );
    }

    #[test]
    fn xstrings_case_conversions() {
        // xstrings v1.5.0 convert.go samples
        for (input, snake) in [
            ("FirstName", "first_name"),
            ("HTTPServer", "http_server"),
            ("NoHTTPS", "no_https"),
            ("GO_PATH", "go_path"),
            ("GO PATH", "go_path"),
            ("GO-PATH", "go_path"),
            ("http2xx", "http_2xx"),
            ("HTTP20xOK", "http_20x_ok"),
            ("Duration2m3s", "duration_2m3s"),
            ("Bld4Floor3rd", "bld4_floor_3rd"),
        ] {
            assert_eq!(text("snakecase", &[s(input)]), snake, "{input}");
        }
        assert_eq!(text("kebabcase", &[s("HTTPServer")]), "http-server");
        for (input, pascal) in [
            ("some_words", "SomeWords"),
            ("http_server", "HttpServer"),
            ("no_https", "NoHttps"),
            ("_complex__case_", "_Complex_Case_"),
            ("some words", "SomeWords"),
            ("GOLANG_IS_GREAT", "GolangIsGreat"),
            ("x", "X"),
        ] {
            assert_eq!(text("camelcase", &[s(input)]), pascal, "{input}");
        }
    }

    #[test]
    fn goutils_functions() {
        assert_eq!(text("abbrev", &[i(5), s("hello world")]), "he...");
        assert_eq!(text("abbrev", &[i(3), s("hello world")]), "hello world");
        assert_eq!(
            text("abbrevboth", &[i(5), i(10), s("1234 5678 9123")]),
            "...5678..."
        );
        assert_eq!(text("initials", &[s("First Try")]), "FT");
        assert_eq!(text("initials", &[s("Émile Zola")]), "\u{c3}Z", "byte-wise");
        assert_eq!(text("nospace", &[s("hello w o r l d")]), "helloworld");
        assert_eq!(
            text("nospace", &[s("é é")]),
            "\u{c3}\u{a9}\u{c3}\u{a9}",
            "byte-wise"
        );
        assert_eq!(
            text("nospace", &[s("é")]),
            "é",
            "unchanged when nothing removed"
        );
        assert_eq!(text("wrap", &[i(5), s("Hello World")]), "Hello\nWorld");
        assert_eq!(
            text("wrapWith", &[i(5), s("\t"), s("Hello World")]),
            "Hello\tWorld"
        );
        assert_eq!(text("wrapWith", &[i(3), s("|"), s("abcdefg")]), "abc|def|g");
        assert_eq!(text("wrap", &[i(3), s("abcdefg hi")]), "abcdefg\nhi");
    }

    #[test]
    fn indent_replace_repeat() {
        assert_eq!(text("indent", &[i(2), s("a\nb")]), "  a\n  b");
        assert_eq!(text("nindent", &[i(2), s("a")]), "\n  a");
        assert_eq!(
            call("indent", &[i(-1), s("a")]),
            Err("strings: negative Repeat count".to_owned())
        );
        assert_eq!(text("replace", &[s(" "), s("-"), s("a b c")]), "a-b-c");
        assert_eq!(text("replace", &[s(""), s("-"), s("ab")]), "-a-b-");
        assert_eq!(text("repeat", &[i(3), s("ab")]), "ababab");
        assert_eq!(text("trimAll", &[s("$"), s("$5.00$")]), "5.00");
        assert_eq!(text("trim", &[s("\u{a0} x \n")]), "x");
        assert_eq!(text("trimSuffix", &[s("-"), s("a-")]), "a");
        assert_eq!(text("plural", &[s("one"), s("many"), i(1)]), "one");
        assert_eq!(text("plural", &[s("one"), s("many"), i(0)]), "many");
    }

    #[test]
    fn splitting_and_joining() {
        assert_eq!(
            text("split", &[s("$"), s("foo$bar$baz")]),
            "map[_0:foo _1:bar _2:baz]"
        );
        assert_eq!(
            text("splitn", &[s("$"), i(2), s("foo$bar$baz")]),
            "map[_0:foo _1:bar$baz]"
        );
        assert_eq!(text("splitList", &[s(","), s("a,b")]), "[a b]");
        assert_eq!(ok("splitList", &[s(","), s("a,b")]).type_name(), "[]string");
        assert_eq!(text("splitList", &[s(""), s("abc")]), "[a b c]");
        assert_eq!(text("splitn", &[s(""), i(2), s("abc")]), "map[_0:a _1:bc]");
        assert_eq!(text("splitList", &[s(","), s("")]), "[]");
        // strings.go join: strslice drops nil items of a []interface{}.
        assert_eq!(
            text(
                "join",
                &[s("-"), l(&[i(1), Value::Nil, s("a"), Value::Bool(true)])]
            ),
            "1-a-true"
        );
        assert_eq!(text("join", &[s("-"), s("abc")]), "abc");
        assert_eq!(text("toStrings", &[l(&[i(1), s("2")])]), "[1 2]");
        assert_eq!(
            text("sortAlpha", &[l(&[s("b"), i(10), s("a")])]),
            "[10 a b]"
        );
        assert_eq!(text("sortAlpha", &[i(3)]), "[3]");
        assert_eq!(text("sortAlpha", &[m(&[])]), "[map[]]");
    }

    #[test]
    fn contains_and_prefixes() {
        assert!(ok("contains", &[s("cat"), s("catch")]).is_true());
        assert!(ok("hasPrefix", &[s("cat"), s("catch")]).is_true());
        assert!(!ok("hasSuffix", &[s("cat"), s("catch")]).is_true());
        assert_eq!(call("fail", &[s("boom")]), Err("boom".to_owned()));
        assert_eq!(text("hello", &[]), "Hello!");
    }

    #[test]
    fn shuffle_keeps_the_runes() {
        let mut shuffled: Vec<char> = text("shuffle", &[s("héllo")]).chars().collect();
        crate::sort::sort(&mut shuffled);
        let mut original: Vec<char> = "héllo".chars().collect();
        crate::sort::sort(&mut original);
        assert_eq!(shuffled, original);
    }
}
