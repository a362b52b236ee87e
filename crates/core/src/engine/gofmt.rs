//! Go's `fmt` printing of template values: `%v` (what `{{ x }}` prints),
//! `Sprint`, `Sprintln` and `Sprintf` with the verbs charts use.
//!
//! Matched against `src/fmt/print.go` (`printValue`, `handleMethods`, the
//! `%!verb(type=value)` bad-verb form, `%!(EXTRA ...)`) and `format.go`.

use std::fmt::Write as _;

use super::value::Value;
use crate::gotmpl::format_float;

/// `%v` of one value (`fmt.Sprint(v)`).
#[must_use]
pub(crate) fn sprint_value(value: &Value) -> String {
    let mut out = String::new();
    write_sprint(&mut out, value);
    out
}

/// [`sprint_value`] appended to `out`.
pub(crate) fn write_sprint(out: &mut String, value: &Value) {
    match value {
        Value::String(text) => out.push_str(text),
        other => write_value(out, other, 'v', &Spec::default()),
    }
}

/// `fmt.Sprint(args...)`: spaces between operands when neither is a string.
#[must_use]
pub(crate) fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    for (index, arg) in args.iter().enumerate() {
        let is_string = matches!(arg, Value::String(_));
        if index > 0 && !is_string && !matches!(args[index - 1], Value::String(_)) {
            out.push(' ');
        }
        write_value(&mut out, arg, 'v', &Spec::default());
    }
    out
}

/// `fmt.Sprintln(args...)`: always spaces, then a newline.
#[must_use]
pub(crate) fn sprintln(args: &[Value]) -> String {
    let mut out = String::new();
    for (index, arg) in args.iter().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        write_value(&mut out, arg, 'v', &Spec::default());
    }
    out.push('\n');
    out
}

/// Flags, width and precision of one verb.
#[derive(Clone, Debug, Default)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    precision: Option<usize>,
}

/// `fmt.Sprintf(format, args...)`.
#[must_use]
pub(crate) fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut next_arg = 0;
    let mut chars = format.char_indices().peekable();
    while let Some((_, ch)) = chars.next() {
        if ch != '%' {
            out.push(ch);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&(_, flag)) = chars.peek() {
            match flag {
                '-' => spec.minus = true,
                '+' => spec.plus = true,
                '#' => spec.sharp = true,
                ' ' => spec.space = true,
                '0' => spec.zero = true,
                _ => break,
            }
            chars.next();
        }
        spec.width = read_number(&mut chars, args, &mut next_arg);
        if chars.peek().is_some_and(|&(_, c)| c == '.') {
            chars.next();
            spec.precision = Some(read_number(&mut chars, args, &mut next_arg).unwrap_or(0));
        }
        let Some((_, verb)) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(next_arg) else {
            let _ = write!(out, "%!{verb}(MISSING)");
            continue;
        };
        next_arg += 1;
        let mut piece = String::new();
        write_value(&mut piece, arg, verb, &spec);
        pad(
            &mut out,
            &piece,
            &spec,
            matches!(arg, Value::Int(_) | Value::Int64(_) | Value::Float(_)),
        );
    }
    if next_arg < args.len() {
        out.push_str("%!(EXTRA ");
        for (index, arg) in args[next_arg..].iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{}=", arg.type_name());
            write_value(&mut out, arg, 'v', &Spec::default());
        }
        out.push(')');
    }
    out
}

fn read_number(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    args: &[Value],
    next_arg: &mut usize,
) -> Option<usize> {
    if chars.peek().is_some_and(|&(_, c)| c == '*') {
        chars.next();
        let width = match args.get(*next_arg) {
            Some(Value::Int(n) | Value::Int64(n)) => usize::try_from(*n).ok(),
            _ => None,
        };
        *next_arg += 1;
        return width;
    }
    let mut number: Option<usize> = None;
    while let Some(&(_, digit)) = chars.peek() {
        let Some(value) = digit.to_digit(10) else {
            break;
        };
        number = Some(
            number
                .unwrap_or(0)
                .saturating_mul(10)
                .saturating_add(value as usize),
        );
        chars.next();
    }
    number
}

fn pad(out: &mut String, piece: &str, spec: &Spec, numeric: bool) {
    let len = piece.chars().count();
    let Some(width) = spec.width.filter(|&width| width > len) else {
        out.push_str(piece);
        return;
    };
    let fill = width - len;
    if spec.minus {
        out.push_str(piece);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if spec.zero && numeric {
        let (sign, digits) = match piece.strip_prefix(['-', '+']) {
            Some(rest) => (&piece[..1], rest),
            None => ("", piece),
        };
        out.push_str(sign);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(digits);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(piece);
    }
}

fn bad_verb(out: &mut String, value: &Value, verb: char) {
    let _ = write!(out, "%!{verb}(");
    match value {
        Value::Nil => out.push_str("<nil>"),
        other => {
            let _ = write!(out, "{}=", other.type_name());
            write_value(out, other, 'v', &Spec::default());
        }
    }
    out.push(')');
}

fn write_value(out: &mut String, value: &Value, verb: char, spec: &Spec) {
    if verb == 'T' {
        out.push_str(value.type_name());
        return;
    }
    match value {
        Value::Nil if verb == 'v' => out.push_str("<nil>"),
        Value::Nil => bad_verb(out, value, verb),
        Value::Bool(flag) => match verb {
            'v' | 't' => out.push_str(if *flag { "true" } else { "false" }),
            _ => bad_verb(out, value, verb),
        },
        Value::Int(int) | Value::Int64(int) => write_int(out, *int, verb, spec, value),
        Value::Float(float) => write_float(out, *float, verb, spec, value),
        Value::String(text) => write_string(out, text, verb, spec, value),
        Value::List(items, _) => {
            if verb == 'q' && spec.sharp {
                bad_verb(out, value, verb);
                return;
            }
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(' ');
                }
                write_value(out, item, verb, spec);
            }
            out.push(']');
        }
        Value::Map(map, _) => {
            out.push_str("map[");
            for (index, (key, item)) in map.entries().iter().enumerate() {
                if index > 0 {
                    out.push(' ');
                }
                write_string(out, key, verb, spec, &Value::str(key));
                out.push(':');
                write_value(out, item, verb, spec);
            }
            out.push(']');
        }
        Value::Object(object) => out.push_str(&object.print()),
    }
}

fn write_int(out: &mut String, int: i64, verb: char, spec: &Spec, value: &Value) {
    let sign = if int < 0 {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    let magnitude = int.unsigned_abs();
    let digits = match verb {
        'v' | 'd' => magnitude.to_string(),
        'x' => format!("{magnitude:x}"),
        'X' => format!("{magnitude:X}"),
        'o' => format!("{magnitude:o}"),
        'b' => format!("{magnitude:b}"),
        'c' => {
            let ch = u32::try_from(int)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}');
            out.push(ch);
            return;
        }
        'q' => {
            let ch = u32::try_from(int)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}');
            out.push('\'');
            escape_char(out, ch, '\'');
            out.push('\'');
            return;
        }
        'f' | 'e' | 'g' | 's' | 't' => {
            bad_verb(out, value, verb);
            return;
        }
        _ => {
            bad_verb(out, value, verb);
            return;
        }
    };
    let digits = match spec.precision {
        Some(precision) if digits.len() < precision => {
            format!("{}{digits}", "0".repeat(precision - digits.len()))
        }
        _ => digits,
    };
    let prefix = if spec.sharp {
        match verb {
            'x' => "0x",
            'X' => "0X",
            'o' => "0",
            _ => "",
        }
    } else {
        ""
    };
    let _ = write!(out, "{sign}{prefix}{digits}");
}

fn write_float(out: &mut String, float: f64, verb: char, spec: &Spec, value: &Value) {
    let sign = if spec.plus && float >= 0.0 { "+" } else { "" };
    let text = match (verb, spec.precision) {
        ('v' | 'g', None) => format_float(float),
        ('g', Some(precision)) => format_g(float, precision.max(1)),
        ('f' | 'F', precision) => format!("{float:.*}", precision.unwrap_or(6)),
        ('e', precision) => go_exponent(&format!("{float:.*e}", precision.unwrap_or(6))),
        ('E', precision) => {
            go_exponent(&format!("{float:.*e}", precision.unwrap_or(6))).to_uppercase()
        }
        _ => {
            bad_verb(out, value, verb);
            return;
        }
    };
    let _ = write!(out, "{sign}{text}");
}

/// Rust writes `1.5e3`; Go writes `1.5e+03`.
fn go_exponent(text: &str) -> String {
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let (sign, digits) = match exponent.strip_prefix('-') {
                Some(rest) => ('-', rest),
                None => ('+', exponent),
            };
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => text.to_owned(),
    }
}

/// `%.Ng`: N significant digits, exponent form when the exponent is below -4
/// or at least N, trailing zeros removed.
fn format_g(float: f64, precision: usize) -> String {
    if float == 0.0 {
        return "0".to_owned();
    }
    let scientific = format!("{float:.*e}", precision - 1);
    let exponent: i64 = scientific
        .split_once('e')
        .and_then(|(_, exp)| exp.parse().ok())
        .unwrap_or(0);
    let precision_i = i64::try_from(precision).unwrap_or(i64::MAX);
    if exponent < -4 || exponent >= precision_i {
        let (mantissa, _) = scientific.split_once('e').unwrap_or((&scientific, ""));
        let mantissa = trim_fraction(mantissa);
        go_exponent(&format!("{mantissa}e{exponent}"))
    } else {
        let decimals = usize::try_from(precision_i - 1 - exponent).unwrap_or(0);
        trim_fraction(&format!("{float:.decimals$}")).to_owned()
    }
}

fn trim_fraction(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

fn write_string(out: &mut String, text: &str, verb: char, spec: &Spec, value: &Value) {
    let text = match spec.precision {
        Some(precision) if matches!(verb, 's' | 'v' | 'q') => {
            let end = text
                .char_indices()
                .nth(precision)
                .map_or(text.len(), |(index, _)| index);
            &text[..end]
        }
        _ => text,
    };
    match verb {
        'v' | 's' => out.push_str(text),
        'q' => {
            if spec.sharp && !text.contains('`') {
                let _ = write!(out, "`{text}`");
            } else {
                out.push_str(&quote(text));
            }
        }
        'x' => {
            for byte in text.bytes() {
                let _ = write!(out, "{byte:02x}");
            }
        }
        'X' => {
            for byte in text.bytes() {
                let _ = write!(out, "{byte:02X}");
            }
        }
        _ => bad_verb(out, value, verb),
    }
}

/// Go's `strconv.Quote`.
#[must_use]
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        escape_char(&mut out, ch, '"');
    }
    out.push('"');
    out
}

/// One character of a Go quoted literal, written onto `out`.
fn escape_char(out: &mut String, ch: char, quote: char) {
    match ch {
        ' '..='~' if ch != quote && ch != '\\' => out.push(ch),
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        '\\' => out.push_str("\\\\"),
        ch if ch == quote => {
            out.push('\\');
            out.push(ch);
        }
        '\u{fffd}' => out.push('\u{fffd}'),
        ch if (ch as u32) < 0x20 || ch as u32 == 0x7f => {
            let _ = write!(out, "\\x{:02x}", ch as u32);
        }
        ch if is_go_print(ch) => out.push(ch),
        ch if (ch as u32) < 0x10000 => {
            let _ = write!(out, "\\u{:04x}", ch as u32);
        }
        ch => {
            let _ = write!(out, "\\U{:08x}", ch as u32);
        }
    }
}

/// Close to Go's `unicode.IsPrint`: ASCII space, and no other white space,
/// controls, format characters or private use.
pub(crate) fn is_go_print(ch: char) -> bool {
    if ch == ' ' {
        return true;
    }
    !ch.is_whitespace()
        && !ch.is_control()
        && !matches!(
            ch,
            '\u{ad}'
                | '\u{600}'..='\u{605}'
                | '\u{61c}'
                | '\u{6dd}'
                | '\u{70f}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e000}'..='\u{f8ff}'
                | '\u{f0000}'..
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::value::MapData;

    #[test]
    fn sprint_spaces_only_between_non_strings() {
        // fmt.Sprint: "Spaces are added between operands when neither is a string."
        assert_eq!(sprint(&[Value::Int(1), Value::Int(2)]), "1 2");
        assert_eq!(sprint(&[Value::str("a"), Value::Int(2)]), "a2");
        assert_eq!(sprint(&[Value::str("a"), Value::str("b")]), "ab");
        assert_eq!(sprintln(&[Value::str("a"), Value::str("b")]), "a b\n");
    }

    #[test]
    fn collections_print_like_go() {
        let mut data = MapData::new();
        data.insert("b".into(), Value::Float(1e6));
        data.insert("a".into(), Value::Nil);
        assert_eq!(sprint_value(&Value::map(data)), "map[a:<nil> b:1e+06]");
        assert_eq!(
            sprint_value(&Value::list(vec![Value::str("x"), Value::Bool(true)])),
            "[x true]"
        );
    }

    #[test]
    fn sprintf_verbs() {
        assert_eq!(sprintf("%s-%s", &[Value::str("a"), Value::str("b")]), "a-b");
        assert_eq!(sprintf("%d", &[Value::Int(42)]), "42");
        assert_eq!(sprintf("%05d", &[Value::Int(-42)]), "-0042");
        assert_eq!(sprintf("%q", &[Value::str("a\"b")]), "\"a\\\"b\"");
        assert_eq!(sprintf("%v", &[Value::Float(8080.0)]), "8080");
        assert_eq!(sprintf("%.2f", &[Value::Float(1.005)]), "1.00");
        assert_eq!(sprintf("%d", &[Value::Float(1.5)]), "%!d(float64=1.5)");
        assert_eq!(sprintf("%s", &[Value::Int(3)]), "%!s(int=3)");
        assert_eq!(sprintf("%s", &[]), "%!s(MISSING)");
        assert_eq!(sprintf("a", &[Value::Int(3)]), "a%!(EXTRA int=3)");
        assert_eq!(sprintf("%x", &[Value::str("hi")]), "6869");
        assert_eq!(sprintf("%-4s|", &[Value::str("a")]), "a   |");
        assert_eq!(sprintf("%e", &[Value::Float(1500.0)]), "1.500000e+03");
        assert_eq!(sprintf("%T", &[Value::Float(1.0)]), "float64");
        assert_eq!(sprintf("%s", &[Value::Nil]), "%!s(<nil>)");
        // strconv.Quote escapes what unicode.IsPrint rejects: a no-break space, a soft hyphen.
        assert_eq!(quote("a\u{a0}b\u{ad}é"), "\"a\\u00a0b\\u00adé\"");
    }
}
