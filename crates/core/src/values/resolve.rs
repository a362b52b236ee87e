//! How a plain (unquoted) YAML scalar becomes a typed value when Helm reads a
//! values file. Helm reads YAML through go-yaml v2, which follows YAML 1.1:
//! `yes`, `on`, `y` are booleans, `0777` is octal, `1_000` is an integer, and
//! timestamps stay strings.

use super::node::Value;

/// Resolve a plain scalar the way go-yaml v2 does.
pub(crate) fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false);
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if first.is_ascii_digit() || first == b'+' || first == b'-' {
        let plain = text.replace('_', "");
        match parse_go_int(&plain) {
            Some(GoInt::Signed(int)) => return Value::Int(int),
            // go-yaml v2 gives a uint64, which Helm's JSON pass turns into a float64.
            #[allow(
                clippy::cast_precision_loss,
                reason = "this is the float Helm computes"
            )]
            Some(GoInt::Unsigned(int)) => return Value::Float(int as f64),
            None => {}
        }
        // Go's ParseFloat reports overflow (`1e400`) as an error, and go-yaml
        // then keeps the text as a string.
        if is_yaml_style_float(&plain)
            && let Ok(float) = plain.parse::<f64>()
            && float.is_finite()
        {
            return Value::Float(float);
        }
    } else if first == b'.'
        && text[1..].bytes().all(|byte| byte.is_ascii_digit())
        && let Ok(float) = text.parse::<f64>()
    {
        return Value::Float(float);
    }
    Value::String(text.to_owned())
}

/// An integer as Go's `strconv` reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GoInt {
    /// Fits an int64.
    Signed(i64),
    /// Fits only a uint64.
    Unsigned(u64),
}

/// Go's `strconv.ParseInt(s, 0, 64)`, then `ParseUint`: optional sign, then
/// `0x`, `0o`, `0b`, a leading-zero octal, or decimal.
pub(crate) fn parse_go_int(text: &str) -> Option<GoInt> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, body) = if let Some(rest) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        (16, rest)
    } else if let Some(rest) = digits
        .strip_prefix("0o")
        .or_else(|| digits.strip_prefix("0O"))
    {
        (8, rest)
    } else if let Some(rest) = digits
        .strip_prefix("0b")
        .or_else(|| digits.strip_prefix("0B"))
    {
        (2, rest)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    if body.is_empty() || !body.chars().all(|ch| ch.is_digit(radix)) {
        return None;
    }
    let magnitude = u128::from_str_radix(body, radix).ok()?;
    if negative {
        i64::try_from(-i128::try_from(magnitude).ok()?)
            .ok()
            .map(GoInt::Signed)
    } else if let Ok(value) = i64::try_from(magnitude) {
        Some(GoInt::Signed(value))
    } else if text.starts_with('+') {
        // ParseUint takes no sign.
        None
    } else {
        u64::try_from(magnitude).ok().map(GoInt::Unsigned)
    }
}

/// go-yaml's float pattern: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
pub(crate) fn is_yaml_style_float(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut idx = 0;
    if matches!(bytes.first(), Some(b'-' | b'+')) {
        idx += 1;
    }
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count()
    };
    if bytes.get(idx) == Some(&b'.') {
        let fraction = digits(idx + 1);
        if fraction == 0 {
            return false;
        }
        idx += 1 + fraction;
    } else {
        let whole = digits(idx);
        if whole == 0 {
            return false;
        }
        idx += whole;
        if bytes.get(idx) == Some(&b'.') {
            idx += 1 + digits(idx + 1);
        }
    }
    if matches!(bytes.get(idx), Some(b'e' | b'E')) {
        idx += 1;
        if matches!(bytes.get(idx), Some(b'-' | b'+')) {
            idx += 1;
        }
        let exponent = digits(idx);
        if exponent == 0 {
            return false;
        }
        idx += exponent;
    }
    idx == bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> String {
        match resolve_plain(text) {
            Value::Null => "null".into(),
            Value::Bool(value) => format!("bool:{value}"),
            Value::Int(value) => format!("int:{value}"),
            Value::Float(value) => format!("float:{value}"),
            Value::String(value) => format!("str:{value}"),
            other => other.type_name().into(),
        }
    }

    #[test]
    fn yaml_1_1_booleans_and_nulls() {
        assert_eq!(kind("yes"), "bool:true");
        assert_eq!(kind("Off"), "bool:false");
        assert_eq!(kind("y"), "bool:true");
        assert_eq!(kind("~"), "null");
        assert_eq!(kind("yes please"), "str:yes please");
        assert_eq!(kind("tRue"), "str:tRue");
    }

    #[test]
    fn go_style_numbers() {
        assert_eq!(kind("8080"), "int:8080");
        assert_eq!(kind("-5"), "int:-5");
        assert_eq!(kind("0777"), "int:511");
        assert_eq!(kind("0x1F"), "int:31");
        assert_eq!(kind("1_000"), "int:1000");
        assert_eq!(kind("08"), "float:8");
        assert_eq!(kind("1.5"), "float:1.5");
        assert_eq!(kind(".5"), "float:0.5");
        assert_eq!(kind("1e3"), "float:1000");
        assert_eq!(kind("1.2.3.4"), "str:1.2.3.4");
        assert_eq!(kind("2024-01-01"), "str:2024-01-01");
        assert_eq!(kind("-"), "str:-");
    }
}
