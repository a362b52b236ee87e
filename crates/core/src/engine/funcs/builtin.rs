//! Go's `text/template` built-in functions (`src/text/template/funcs.go`,
//! Go 1.25). `and` and `or` short-circuit in the executor; their entries here
//! only make them known to the parser.

use super::{Func, Host, Param, fixed, variadic};
use crate::engine::gofmt;
use crate::engine::value::Value;

/// The built-in function called `name`.
pub(crate) fn lookup(name: &str) -> Option<Func> {
    Some(match name {
        "and" | "or" => variadic(&[Param::Any], Param::Any, |_, args| {
            Ok(args.last().cloned().unwrap_or_default())
        }),
        "not" => fixed(&[Param::Any], |_, args| Ok(Value::Bool(!args[0].is_true()))),
        "len" => fixed(&[Param::Any], length),
        "index" => variadic(&[Param::Any], Param::Any, index),
        "print" => variadic(&[], Param::Any, |_, args| {
            Ok(Value::string(gofmt::sprint(args)))
        }),
        "println" => variadic(&[], Param::Any, |_, args| {
            Ok(Value::string(gofmt::sprintln(args)))
        }),
        "printf" => variadic(&[Param::String], Param::Any, |_, args| {
            Ok(Value::string(gofmt::sprintf(
                args[0].as_str().unwrap_or_default(),
                &args[1..],
            )))
        }),
        "eq" => variadic(&[Param::Any], Param::Any, |_, args| {
            eq(&args[0], &args[1..]).map(Value::Bool)
        }),
        "ne" => fixed(&[Param::Any, Param::Any], |_, args| {
            eq(&args[0], &args[1..2]).map(|equal| Value::Bool(!equal))
        }),
        "lt" => fixed(&[Param::Any, Param::Any], |_, args| {
            lt(&args[0], &args[1]).map(Value::Bool)
        }),
        "le" => fixed(&[Param::Any, Param::Any], |_, args| {
            le(&args[0], &args[1]).map(Value::Bool)
        }),
        "gt" => fixed(&[Param::Any, Param::Any], |_, args| {
            le(&args[0], &args[1]).map(|less_or_equal| Value::Bool(!less_or_equal))
        }),
        "ge" => fixed(&[Param::Any, Param::Any], |_, args| {
            lt(&args[0], &args[1]).map(|less| Value::Bool(!less))
        }),
        "html" => variadic(&[], Param::Any, |_, args| {
            Ok(Value::string(html_escape(&eval_args(args))))
        }),
        "js" => variadic(&[], Param::Any, |_, args| {
            Ok(Value::string(js_escape(&eval_args(args))))
        }),
        "urlquery" => variadic(&[], Param::Any, |_, args| {
            Ok(Value::string(query_escape(&eval_args(args))))
        }),
        "call" => variadic(&[Param::Any], Param::Any, |_, args| {
            Err(format!(
                "non-function of type {}",
                args.first().map_or("<nil>", Value::type_name)
            ))
        }),
        _ => return None,
    })
}

/// Go's `evalArgs`: one string argument as is, otherwise `fmt.Sprint`.
fn eval_args(args: &[Value]) -> String {
    match args {
        [Value::String(text)] => text.to_string(),
        _ => gofmt::sprint(args),
    }
}

fn length(_: &mut dyn Host, args: &[Value]) -> Result<Value, String> {
    let count = match &args[0] {
        Value::String(text) => text.len(),
        Value::List(items, _) => items.len(),
        Value::Map(map, _) => map.len(),
        Value::Nil => return Err("reflect: call of reflect.Value.Type on zero Value".to_owned()),
        other => return Err(format!("len of type {}", other.type_name())),
    };
    Ok(Value::Int(i64::try_from(count).unwrap_or(i64::MAX)))
}

fn index(_: &mut dyn Host, args: &[Value]) -> Result<Value, String> {
    let mut item = args[0].clone();
    if item.is_nil() {
        return Err("index of untyped nil".to_owned());
    }
    // Whether `item` is a nil interface that a map lookup produced.
    let mut nil_interface = false;
    for key in &args[1..] {
        if nil_interface {
            return Err("index of nil pointer".to_owned());
        }
        item = match &item {
            Value::List(items, _) => items[slice_index(key, items.len())?].clone(),
            Value::String(text) => {
                let position = slice_index(key, text.len())?;
                Value::Int(i64::from(text.as_bytes()[position]))
            }
            Value::Map(map, _) => match key {
                Value::String(name) => match map.get(name) {
                    Some(found) => found,
                    None => {
                        nil_interface = true;
                        Value::Nil
                    }
                },
                Value::Nil => return Err("value is nil; should be of type string".to_owned()),
                other => {
                    return Err(format!(
                        "value has type {}; should be string",
                        other.type_name()
                    ));
                }
            },
            other => return Err(format!("can't index item of type {}", other.type_name())),
        };
        if item.is_nil() {
            nil_interface = true;
        }
    }
    Ok(item)
}

/// Go's `indexArg`, then the bounds check `reflect.Value.Index` panics on.
fn slice_index(key: &Value, len: usize) -> Result<usize, String> {
    let position = match key {
        Value::Int(value) | Value::Int64(value) => *value,
        Value::Nil => return Err("cannot index slice/array with nil".to_owned()),
        other => {
            return Err(format!(
                "cannot index slice/array with type {}",
                other.type_name()
            ));
        }
    };
    let len_i64 = i64::try_from(len).unwrap_or(i64::MAX);
    if position < 0 || position > len_i64 {
        return Err(format!("index out of range: {position}"));
    }
    if position == len_i64 {
        return Err("reflect: slice index out of range".to_owned());
    }
    usize::try_from(position).map_err(|_| format!("index out of range: {position}"))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BasicKind {
    Invalid,
    Bool,
    Int,
    Float,
    String,
}

fn basic_kind(value: &Value) -> BasicKind {
    match value {
        Value::Bool(_) => BasicKind::Bool,
        Value::Int(_) | Value::Int64(_) => BasicKind::Int,
        Value::Float(_) => BasicKind::Float,
        Value::String(_) => BasicKind::String,
        _ => BasicKind::Invalid,
    }
}

fn eq(first: &Value, others: &[Value]) -> Result<bool, String> {
    if others.is_empty() {
        return Err("missing argument for comparison".to_owned());
    }
    let first_kind = basic_kind(first);
    for other in others {
        let other_kind = basic_kind(other);
        let truth = if first_kind == other_kind {
            match (first, other) {
                (Value::Bool(a), Value::Bool(b)) => a == b,
                (Value::Int(a) | Value::Int64(a), Value::Int(b) | Value::Int64(b)) => a == b,
                (Value::Float(a), Value::Float(b)) => a == b,
                (Value::String(a), Value::String(b)) => a == b,
                _ => compare_other(first, other)?,
            }
        } else if first.is_nil() || other.is_nil() {
            false
        } else {
            return Err(format!(
                "incompatible types for comparison: {} and {}",
                first.type_name(),
                other.type_name()
            ));
        };
        if truth {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `eq` on non-basic kinds: nil against nil, otherwise Go's `==` on the
/// interface values, which panics for maps and slices.
fn compare_other(first: &Value, other: &Value) -> Result<bool, String> {
    let same_kind = std::mem::discriminant(first) == std::mem::discriminant(other);
    if !same_kind && !first.is_nil() && !other.is_nil() {
        return Err(format!(
            "non-comparable types {}: {}, {}: {}",
            gofmt::sprint_value(first),
            first.type_name(),
            other.type_name(),
            gofmt::sprint_value(other)
        ));
    }
    if first.is_nil() || other.is_nil() {
        return Ok(first.is_nil() == other.is_nil());
    }
    match (first, other) {
        (Value::List(..) | Value::Map(..), _) => Err(format!(
            "non-comparable type {}: {}",
            gofmt::sprint_value(other),
            other.type_name()
        )),
        _ => Ok(false),
    }
}

fn lt(first: &Value, second: &Value) -> Result<bool, String> {
    let first_kind = basic_kind(first);
    let second_kind = basic_kind(second);
    if first_kind == BasicKind::Invalid || second_kind == BasicKind::Invalid {
        return Err("invalid type for comparison".to_owned());
    }
    if first_kind != second_kind {
        return Err(format!(
            "incompatible types for comparison: {} and {}",
            first.type_name(),
            second.type_name()
        ));
    }
    Ok(match (first, second) {
        (Value::Int(a) | Value::Int64(a), Value::Int(b) | Value::Int64(b)) => a < b,
        (Value::Float(a), Value::Float(b)) => a < b,
        (Value::String(a), Value::String(b)) => a < b,
        _ => return Err("invalid type for comparison".to_owned()),
    })
}

fn le(first: &Value, second: &Value) -> Result<bool, String> {
    if lt(first, second)? {
        return Ok(true);
    }
    eq(first, std::slice::from_ref(second))
}

/// Go's `HTMLEscapeString`.
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push('\u{fffd}'),
            ch => out.push(ch),
        }
    }
    out
}

/// Go's `JSEscapeString`.
fn js_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ch if (ch as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", ch as u32)),
            ch => out.push(ch),
        }
    }
    out
}

/// Go's `url.QueryEscape`.
fn query_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eq_follows_go_kinds() {
        // funcs.go eq: int against float64 is an error, nil against anything is false.
        assert_eq!(eq(&Value::Int(1), &[Value::Int64(1)]), Ok(true));
        assert_eq!(
            eq(&Value::Int(1), &[Value::Float(1.0)]),
            Err("incompatible types for comparison: int and float64".to_owned())
        );
        assert_eq!(eq(&Value::Nil, &[Value::Int(8080)]), Ok(false));
        assert_eq!(
            eq(&Value::str("a"), &[Value::str("b"), Value::str("a")]),
            Ok(true)
        );
        assert_eq!(eq(&Value::Nil, &[Value::Nil]), Ok(true));
    }

    #[test]
    fn lt_refuses_nil_and_mixed_kinds() {
        // funcs.go lt: basicKind fails for nil ("invalid type for comparison").
        assert_eq!(
            lt(&Value::Nil, &Value::Int(9000)),
            Err("invalid type for comparison".to_owned())
        );
        assert_eq!(lt(&Value::Float(1.0), &Value::Float(2.0)), Ok(true));
        assert_eq!(le(&Value::Int(2), &Value::Int(2)), Ok(true));
    }

    #[test]
    fn index_walks_maps_and_lists() {
        let list = Value::list(vec![Value::str("a")]);
        let mut host = NoHost;
        assert_eq!(
            index(&mut host, &[list.clone(), Value::Int(0)])
                .unwrap()
                .as_str(),
            Some("a")
        );
        assert_eq!(
            index(&mut host, &[list.clone(), Value::Int(2)]).unwrap_err(),
            "index out of range: 2"
        );
        assert_eq!(
            index(&mut host, &[list, Value::Int(1)]).unwrap_err(),
            "reflect: slice index out of range"
        );
        let map = Value::map(Default::default());
        assert!(
            index(&mut host, &[map.clone(), Value::str("x")])
                .unwrap()
                .is_nil()
        );
        assert_eq!(
            index(&mut host, &[map, Value::str("x"), Value::str("y")]).unwrap_err(),
            "index of nil pointer"
        );
    }

    struct NoHost;

    impl Host for NoHost {
        fn random(&mut self) -> &mut crate::engine::random::Random {
            unreachable!()
        }
        fn now_unix(&self) -> i64 {
            0
        }
    }
}
