//! The conversions Sprig leans on: `spf13/cast` v1.7.0 (`ToInt64E`,
//! `ToIntE`, `ToFloat64E`), Sprig's own `strval` and `strslice`
//! (strings.go), `reflect.DeepEqual`, Go's `strconv` integer parsing, and the
//! texts of the runtime panics Sprig's functions can raise.

use std::rc::Rc;

use crate::engine::gofmt::sprint_value;
use crate::engine::value::{ListKind, Value};

/// The panic of `reflect.TypeOf(nil).Kind()`: Sprig's list functions call
/// it on their argument before anything else.
pub(super) const NIL_DEREF: &str =
    "runtime error: invalid memory address or nil pointer dereference";

/// Go's `reflect.Kind` name of a value, as Sprig's `%s` of `reflect.TypeOf(v).Kind()` prints it.
pub(super) fn kind_name(value: &Value) -> &'static str {
    // A time.Time (see date.rs) is a struct, not the pointer other objects are.
    if value.type_name() == "time.Time" {
        return "struct";
    }
    value.kind_name()
}

/// The items of a slice argument, or Sprig's error for any other kind
/// (`message` receives the kind name). Nil panics, as `reflect.TypeOf(nil).Kind()` does.
pub(super) fn slice_items(
    value: &Value,
    message: impl FnOnce(&str) -> String,
) -> Result<Result<Rc<Vec<Value>>, String>, String> {
    match value {
        Value::Nil => Err(NIL_DEREF.to_owned()),
        Value::List(items, _) => Ok(Ok(Rc::clone(items))),
        other => Ok(Err(message(kind_name(other)))),
    }
}

/// Sprig's `strval` (strings.go): strings as they are, `fmt.Stringer`s through
/// `String()`, everything else through `fmt.Sprintf("%v")`.
pub(super) fn strval(value: &Value) -> String {
    match value {
        Value::String(text) => text.to_string(),
        other => sprint_value(other),
    }
}

/// Sprig's `strslice` (strings.go): a `[]string` as it is, the non-nil items
/// of any other slice through `strval`, nil as `[]`, anything else as a
/// one-item list.
pub(super) fn strslice(value: &Value) -> Vec<String> {
    match value {
        Value::List(items, ListKind::Strings) => items.iter().map(strval).collect(),
        Value::List(items, ListKind::Any) => items
            .iter()
            .filter(|item| !item.is_nil())
            .map(strval)
            .collect(),
        Value::Nil => Vec::new(),
        other => vec![strval(other)],
    }
}

/// Go's conversion `int64(f)` of a float64 on amd64: truncation, and the
/// "integer indefinite" value for NaN and out-of-range numbers.
#[allow(
    clippy::cast_possible_truncation,
    reason = "the range is checked first; truncation is the conversion"
)]
pub(super) fn go_f64_to_i64(float: f64) -> i64 {
    if float.is_nan()
        || !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&float)
    {
        i64::MIN
    } else {
        float as i64
    }
}

/// cast's `trimZeroDecimal`: `"3.00"` → `"3"`, anything else unchanged.
fn trim_zero_decimal(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut found_zero = false;
    for index in (0..bytes.len()).rev() {
        match bytes[index] {
            b'.' if found_zero => return &text[..index],
            b'.' => {}
            b'0' => found_zero = true,
            _ => return text,
        }
    }
    text
}

/// cast's `ToInt64E`, errors as 0 (`ToInt64`); `ToInt` is the same on 64-bit Go.
pub(super) fn to_int64(value: &Value) -> i64 {
    match value {
        Value::Bool(flag) => i64::from(*flag),
        Value::Int(int) | Value::Int64(int) => *int,
        Value::Float(float) => go_f64_to_i64(*float),
        Value::String(text) => parse_int(trim_zero_decimal(text), 0).unwrap_or(0),
        _ => 0,
    }
}

/// cast's `ToFloat64E`, errors as 0 (`ToFloat64`).
#[allow(clippy::cast_precision_loss, reason = "Go's float64(int) conversion")]
pub(super) fn to_float64(value: &Value) -> f64 {
    match value {
        Value::Bool(flag) => f64::from(u8::from(*flag)),
        Value::Int(int) | Value::Int64(int) => *int as f64,
        Value::Float(float) => *float,
        Value::String(text) => parse_float(text).unwrap_or(0.0),
        _ => 0.0,
    }
}

/// `strconv.ParseFloat(s, 64)`, for the decimal and special forms charts use.
pub(super) fn parse_float(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let lower = unsigned.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        return text
            .to_ascii_lowercase()
            .replace("infinity", "inf")
            .parse()
            .ok();
    }
    if unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return text.parse().ok();
    }
    None
}

/// Why `strconv.ParseInt` failed.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum IntError {
    /// `invalid syntax`.
    Syntax,
    /// `value out of range`; Go returns the clamped value with it.
    Range(i64),
}

/// `strconv.ParseInt(s, base, 64)`: base 0 reads Go's prefixes (`0x`, `0o`,
/// `0b`, a leading `0` for octal) and permits underscores between digits.
pub(super) fn parse_int(text: &str, base: u32) -> Result<i64, IntError> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = parse_uint(digits, base)?;
    if negative {
        if magnitude > 1u64 << 63 {
            return Err(IntError::Range(i64::MIN));
        }
        Ok(0i64.wrapping_sub_unsigned(magnitude))
    } else {
        i64::try_from(magnitude).map_err(|_| IntError::Range(i64::MAX))
    }
}

/// `strconv.ParseUint(s, base, 64)` with the range error clamped to what
/// `ParseInt` reports for a positive number.
fn parse_uint(text: &str, base: u32) -> Result<u64, IntError> {
    if text.is_empty() {
        return Err(IntError::Syntax);
    }
    let base0 = base == 0;
    let (base, digits) = if base0 {
        let bytes = text.as_bytes();
        if bytes[0] == b'0' {
            match bytes.get(1).map(u8::to_ascii_lowercase) {
                Some(b'b') if bytes.len() >= 3 => (2, &text[2..]),
                Some(b'o') if bytes.len() >= 3 => (8, &text[2..]),
                Some(b'x') if bytes.len() >= 3 => (16, &text[2..]),
                _ => (8, &text[1..]),
            }
        } else {
            (10, text)
        }
    } else {
        (base, text)
    };
    let mut value: u64 = 0;
    let mut overflow = false;
    let mut underscores = false;
    for ch in digits.chars() {
        if ch == '_' && base0 {
            underscores = true;
            continue;
        }
        let digit = ch
            .to_digit(36)
            .filter(|&digit| digit < base)
            .ok_or(IntError::Syntax)?;
        match value
            .checked_mul(u64::from(base))
            .and_then(|v| v.checked_add(u64::from(digit)))
        {
            Some(next) => value = next,
            None => overflow = true,
        }
    }
    if underscores && !underscore_ok(text) {
        return Err(IntError::Syntax);
    }
    if overflow {
        return Err(IntError::Range(i64::MAX));
    }
    Ok(value)
}

/// strconv's `underscoreOK`: underscores only between digits (or after a base prefix).
fn underscore_ok(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut saw = b'^';
    let mut index = 0;
    let mut hex = false;
    if bytes.len() >= 2
        && bytes[0] == b'0'
        && matches!(bytes[1].to_ascii_lowercase(), b'b' | b'o' | b'x')
    {
        index = 2;
        saw = b'0';
        hex = bytes[1].eq_ignore_ascii_case(&b'x');
    }
    while index < bytes.len() {
        let byte = bytes[index];
        index += 1;
        if byte.is_ascii_digit() || hex && byte.is_ascii_hexdigit() {
            saw = b'0';
            continue;
        }
        if byte == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
            continue;
        }
        if saw == b'_' {
            return false;
        }
        saw = b'!';
    }
    saw != b'_'
}

/// `reflect.DeepEqual`: identical Go types and deeply equal contents
/// (so `int` 1 and `float64` 1 differ, and NaN differs from itself).
pub(super) fn deep_equal(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Nil, Value::Nil) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Int(a), Value::Int(b)) | (Value::Int64(a), Value::Int64(b)) => a == b,
        #[allow(clippy::float_cmp, reason = "DeepEqual compares floats with ==")]
        (Value::Float(a), Value::Float(b)) => a == b,
        (Value::String(a), Value::String(b)) => a == b,
        (Value::List(a, kind_a), Value::List(b, kind_b)) => {
            kind_a == kind_b
                && a.len() == b.len()
                && a.iter().zip(b.iter()).all(|(x, y)| deep_equal(x, y))
        }
        (Value::Map(a, kind_a), Value::Map(b, kind_b)) => {
            if kind_a != kind_b {
                return false;
            }
            if a.ptr_eq(b) {
                return true;
            }
            let (a, b) = (a.0.borrow(), b.0.borrow());
            a.len() == b.len()
                && a.iter()
                    .all(|(key, x)| b.get(key).is_some_and(|y| deep_equal(x, y)))
        }
        (Value::Object(a), Value::Object(b)) => {
            Rc::ptr_eq(a, b) || a.type_name() == b.type_name() && a.print() == b.print()
        }
        _ => false,
    }
}

/// Go's `unicode.IsSpace`.
pub(super) fn is_go_space(ch: char) -> bool {
    // Rust's White_Space property is the set Go lists for IsSpace.
    ch.is_whitespace()
}

/// Go's `unicode.ToUpper`: the simple (one-rune) case mapping.
pub(super) fn go_upper(ch: char) -> char {
    let mut mapped = ch.to_uppercase();
    match (mapped.next(), mapped.next()) {
        (Some(single), None) => single,
        _ => ch,
    }
}

/// Go's `unicode.ToLower`: the simple (one-rune) case mapping.
pub(super) fn go_lower(ch: char) -> char {
    if ch == '\u{130}' {
        return 'i';
    }
    let mut mapped = ch.to_lowercase();
    match (mapped.next(), mapped.next()) {
        (Some(single), None) => single,
        _ => ch,
    }
}

/// Go's `unicode.ToTitle`: the upper mapping, except for the digraphs that
/// have a distinct title case.
pub(super) fn go_title(ch: char) -> char {
    match ch {
        '\u{1c4}'..='\u{1c6}' => '\u{1c5}',
        '\u{1c7}'..='\u{1c9}' => '\u{1c8}',
        '\u{1ca}'..='\u{1cc}' => '\u{1cb}',
        '\u{1f1}'..='\u{1f3}' => '\u{1f2}',
        other => go_upper(other),
    }
}

/// Go's `unicode.IsUpper` (category Lu).
pub(super) fn go_is_upper(ch: char) -> bool {
    ch.is_uppercase() && ch.is_alphabetic() && !is_title_case(ch)
}

/// Go's `unicode.IsLower` (category Ll).
pub(super) fn go_is_lower(ch: char) -> bool {
    ch.is_lowercase()
        && ch.is_alphabetic()
        && !matches!(ch, '\u{2b0}'..='\u{2ff}' | '\u{aa}' | '\u{ba}')
}

/// Go's `unicode.IsTitle` (category Lt).
pub(super) fn is_title_case(ch: char) -> bool {
    matches!(
        ch,
        '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}' | '\u{1f88}'..='\u{1f8f}' | '\u{1f98}'..='\u{1f9f}'
            | '\u{1fa8}'..='\u{1faf}' | '\u{1fbc}' | '\u{1fcc}' | '\u{1ffc}'
    )
}

/// Go's `unicode.IsPunct` (category P): the ASCII set exactly, and the
/// common non-ASCII punctuation blocks.
pub(super) fn go_is_punct(ch: char) -> bool {
    if ch.is_ascii() {
        return matches!(
            ch,
            '!' | '"'
                | '#'
                | '%'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | ','
                | '-'
                | '.'
                | '/'
                | ':'
                | ';'
                | '?'
                | '@'
                | '['
                | '\\'
                | ']'
                | '_'
                | '{'
                | '}'
        );
    }
    matches!(
        ch,
        '\u{a1}' | '\u{a7}' | '\u{ab}' | '\u{b6}' | '\u{b7}' | '\u{bb}' | '\u{bf}'
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{2043}' | '\u{2045}'..='\u{2051}'
            | '\u{2053}'..='\u{205e}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301f}' | '\u{ff01}'..='\u{ff03}' | '\u{ff05}'..='\u{ff0a}'
            | '\u{ff0c}'..='\u{ff0f}' | '\u{ff1a}' | '\u{ff1b}' | '\u{ff1f}' | '\u{ff20}'
    )
}

/// The string of Go bytes that may not be valid UTF-8 (a byte-wise slice of
/// a multi-byte text): invalid sequences become U+FFFD, as the nearest a
/// Rust string can hold.
pub(super) fn from_go_bytes(bytes: &[u8]) -> Value {
    Value::string(String::from_utf8_lossy(bytes).into_owned())
}

/// The string argument at `index` (the executor has checked its type).
pub(super) fn str_arg(args: &[Value], index: usize) -> &str {
    args.get(index).and_then(Value::as_str).unwrap_or("")
}

/// The `int`/`int64` argument at `index` (the executor has checked its type).
pub(super) fn int_arg(args: &[Value], index: usize) -> i64 {
    match args.get(index) {
        Some(Value::Int(int) | Value::Int64(int)) => *int,
        _ => 0,
    }
}

/// The map argument at `index` (the executor has checked its type).
pub(super) fn map_arg(args: &[Value], index: usize) -> crate::engine::value::MapRef {
    match args.get(index) {
        Some(Value::Map(map, _)) => map.clone(),
        _ => crate::engine::value::MapRef::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cast_to_int64_follows_spf13_cast() {
        // cast v1.7.0 caste.go ToInt64E: ParseInt(trimZeroDecimal(s), 0, 0)
        assert_eq!(
            to_int64(&Value::str("08")),
            0,
            "base 0: a leading 0 is octal, 8 is no digit"
        );
        assert_eq!(to_int64(&Value::str("0x1F")), 31);
        assert_eq!(to_int64(&Value::str("017")), 15);
        assert_eq!(to_int64(&Value::str("0b101")), 5);
        assert_eq!(to_int64(&Value::str("1_000")), 1000);
        assert_eq!(to_int64(&Value::str("_1")), 0);
        assert_eq!(
            to_int64(&Value::str("3.9")),
            0,
            "not an integer: error, so 0"
        );
        assert_eq!(to_int64(&Value::str("3.00")), 3, "trimZeroDecimal");
        assert_eq!(to_int64(&Value::str("-42")), -42);
        assert_eq!(to_int64(&Value::str("99999999999999999999")), 0);
        assert_eq!(to_int64(&Value::Float(3.9)), 3, "float64 truncates");
        assert_eq!(to_int64(&Value::Float(-3.9)), -3);
        assert_eq!(to_int64(&Value::Bool(true)), 1);
        assert_eq!(to_int64(&Value::Nil), 0);
        assert_eq!(to_int64(&Value::list(vec![])), 0);
    }

    #[test]
    fn cast_to_float64() {
        assert!((to_float64(&Value::str("3.9")) - 3.9).abs() < f64::EPSILON);
        assert!((to_float64(&Value::str("1e3")) - 1000.0).abs() < f64::EPSILON);
        assert!(to_float64(&Value::str("+Inf")).is_infinite());
        assert!(to_float64(&Value::str("abc")).abs() < f64::EPSILON);
        assert!((to_float64(&Value::Int(2)) - 2.0).abs() < f64::EPSILON);
    }

    #[test]
    fn parse_int_errors() {
        assert_eq!(
            parse_int("9223372036854775808", 10),
            Err(IntError::Range(i64::MAX))
        );
        assert_eq!(parse_int("-9223372036854775808", 10), Ok(i64::MIN));
        assert_eq!(parse_int("", 10), Err(IntError::Syntax));
        assert_eq!(parse_int("1_0", 10), Err(IntError::Syntax));
        assert_eq!(parse_int("0x", 0), Err(IntError::Syntax));
        assert_eq!(parse_int("0", 0), Ok(0));
    }

    #[test]
    fn deep_equal_is_type_strict() {
        assert!(!deep_equal(&Value::Int(1), &Value::Float(1.0)));
        assert!(!deep_equal(&Value::Int(1), &Value::Int64(1)));
        assert!(deep_equal(&Value::Int(1), &Value::Int(1)));
        assert!(!deep_equal(
            &Value::Float(f64::NAN),
            &Value::Float(f64::NAN)
        ));
        assert!(!deep_equal(
            &Value::string_list(vec!["a".into()]),
            &Value::list(vec![Value::str("a")])
        ));
    }
}
