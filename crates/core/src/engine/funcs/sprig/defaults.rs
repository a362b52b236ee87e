//! defaults.go: `default`, `empty`, `coalesce`, `all`, `any`, `ternary`,
//! `deepCopy`, and the JSON functions Helm leaves to Sprig (`mustFromJson`,
//! `toPrettyJson`, `toRawJson` and their `must` forms), encoding as Go's
//! `encoding/json` does.

use crate::engine::funcs::Host;
use crate::engine::value::Value;

use super::cast::str_arg;

type Out = Result<Value, String>;

/// defaults.go `empty`: the zero value of its type; a struct is never empty.
fn is_empty(value: &Value) -> bool {
    value.is_empty()
}

pub(super) fn dfault(_: &mut dyn Host, args: &[Value]) -> Out {
    match args.get(1) {
        Some(given) if !is_empty(given) => Ok(given.clone()),
        _ => Ok(args[0].clone()),
    }
}

pub(super) fn empty(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(is_empty(&args[0])))
}

pub(super) fn coalesce(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(args
        .iter()
        .find(|value| !is_empty(value))
        .cloned()
        .unwrap_or_default())
}

pub(super) fn all(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(args.iter().all(|value| !is_empty(value))))
}

pub(super) fn any(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(args.iter().any(|value| !is_empty(value))))
}

pub(super) fn ternary(_: &mut dyn Host, args: &[Value]) -> Out {
    let chosen = if matches!(args[2], Value::Bool(true)) {
        &args[0]
    } else {
        &args[1]
    };
    Ok(chosen.clone())
}

pub(super) fn deep_copy(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(args[0].deep_copy())
}

pub(super) fn must_deep_copy(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(args[0].deep_copy())
}

/// Go's `json.Marshal` (`indent`: `MarshalIndent(v, "", "  ")`;
/// `escape_html` off: an `Encoder` with `SetEscapeHTML(false)`).
pub(crate) fn go_json(value: &Value, indent: bool, escape_html: bool) -> Result<String, String> {
    crate::engine::json::marshal(value, indent, escape_html)
}

pub(super) fn to_pretty_json(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(
        go_json(&args[0], true, true).unwrap_or_default(),
    ))
}

pub(super) fn must_to_pretty_json(_: &mut dyn Host, args: &[Value]) -> Out {
    go_json(&args[0], true, true).map(Value::string)
}

pub(super) fn to_raw_json(_: &mut dyn Host, args: &[Value]) -> Out {
    // defaults.go toRawJson panics on an error; the panic surfaces as the error.
    go_json(&args[0], false, false).map(Value::string)
}

pub(super) fn must_to_raw_json(_: &mut dyn Host, args: &[Value]) -> Out {
    go_json(&args[0], false, false).map(Value::string)
}

/// `json.Unmarshal` into an `interface{}`: objects as maps, numbers as float64.
pub(crate) fn from_json_value(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(flag) => Value::Bool(*flag),
        serde_json::Value::Number(number) => Value::Float(number.as_f64().unwrap_or(0.0)),
        serde_json::Value::String(text) => Value::str(text),
        serde_json::Value::Array(items) => Value::list(items.iter().map(from_json_value).collect()),
        serde_json::Value::Object(entries) => Value::map(crate::sort::btree_map(
            entries
                .iter()
                .map(|(key, item)| (key.clone(), from_json_value(item))),
        )),
    }
}

pub(super) fn must_from_json(_: &mut dyn Host, args: &[Value]) -> Out {
    let text = str_arg(args, 0);
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(json) => Ok(from_json_value(&json)),
        Err(error) if error.is_eof() => Err("unexpected end of JSON input".to_owned()),
        Err(error) => Err(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{call, i, l, m, ok, s, text};
    use crate::engine::value::Value;

    #[test]
    fn default_treats_each_empty_kind_as_unset() {
        // defaults.go dfault/empty
        for given in [
            i(0),
            Value::Float(0.0),
            s(""),
            l(&[]),
            m(&[]),
            Value::Bool(false),
            Value::Nil,
            Value::Int64(0),
        ] {
            assert_eq!(text("default", &[s("d"), given.clone()]), "d", "{given:?}");
            assert!(ok("empty", &[given]).is_true());
        }
        assert_eq!(text("default", &[s("d")]), "d");
        assert_eq!(text("default", &[s("d"), i(3)]), "3");
        assert_eq!(text("default", &[s("d"), Value::Bool(true)]), "true");
        assert_eq!(text("default", &[s("d"), l(&[Value::Nil])]), "[<nil>]");
        assert!(!ok("empty", &[s(" ")]).is_true());
    }

    #[test]
    fn coalesce_all_any_ternary() {
        assert_eq!(text("coalesce", &[i(0), s(""), s("x"), s("y")]), "x");
        assert!(ok("coalesce", &[i(0), Value::Nil]).is_nil());
        assert!(ok("all", &[i(1), s("a")]).is_true());
        assert!(!ok("all", &[i(1), s("")]).is_true());
        assert!(ok("all", &[]).is_true());
        assert!(ok("any", &[i(0), s("a")]).is_true());
        assert!(!ok("any", &[]).is_true());
        assert_eq!(
            text("ternary", &[s("yes"), s("no"), Value::Bool(true)]),
            "yes"
        );
        assert_eq!(
            text("ternary", &[s("yes"), s("no"), Value::Bool(false)]),
            "no"
        );
    }

    #[test]
    fn deep_copy_shares_nothing() {
        let inner = m(&[("x", i(1))]);
        let outer = m(&[("inner", inner.clone())]);
        let copy = ok("deepCopy", &[outer]);
        ok("set", &[inner, s("x"), i(2)]);
        assert_eq!(text("toString", &[copy]), "map[inner:map[x:1]]");
    }

    #[test]
    fn json_like_encoding_json() {
        let value = m(&[
            ("b", l(&[i(1), Value::Float(1.5), Value::Nil])),
            ("a", s("<&>")),
        ]);
        assert_eq!(
            text("toRawJson", std::slice::from_ref(&value)),
            r#"{"a":"<&>","b":[1,1.5,null]}"#
        );
        assert_eq!(
            text("toPrettyJson", &[value]),
            "{\n  \"a\": \"\\u003c\\u0026\\u003e\",\n  \"b\": [\n    1,\n    1.5,\n    null\n  ]\n}"
        );
        assert_eq!(text("toRawJson", &[Value::Float(1e21)]), "1e+21");
        assert_eq!(text("toRawJson", &[Value::Float(1e-7)]), "1e-7");
        assert_eq!(
            text("toRawJson", &[Value::Float(1e20)]),
            "100000000000000000000"
        );
        assert_eq!(text("toPrettyJson", &[m(&[])]), "{}");
        assert_eq!(
            call("mustToRawJson", &[Value::Float(f64::NAN)]),
            Err("json: unsupported value: NaN".to_owned())
        );
        assert_eq!(text("toPrettyJson", &[Value::Float(f64::NAN)]), "");
        let parsed = ok("mustFromJson", &[s(r#"{"a":[1,"x",true,null]}"#)]);
        assert_eq!(
            text("toString", std::slice::from_ref(&parsed)),
            "map[a:[1 x true <nil>]]"
        );
        assert_eq!(
            parsed
                .as_map()
                .unwrap()
                .get("a")
                .unwrap()
                .as_list()
                .unwrap()[0]
                .type_name(),
            "float64"
        );
        assert_eq!(
            call("mustFromJson", &[s("{")]),
            Err("unexpected end of JSON input".to_owned())
        );
    }
}
