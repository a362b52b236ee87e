//! list.go. The plain functions panic where the `must` ones return an
//! error; both surface as `error calling NAME: MESSAGE`, so here they share a
//! body. Either panics on nil (`reflect.TypeOf(nil).Kind()`).

use std::rc::Rc;

use crate::engine::funcs::Host;
use crate::engine::value::{ListKind, Value};

use super::cast::{
    NIL_DEREF, deep_equal, go_f64_to_i64, int_arg, kind_name, slice_items, to_int64,
};

type Out = Result<Value, String>;

/// The items of `value`, or Sprig's "Cannot VERB on type KIND" error.
fn items(value: &Value, message: &str) -> Result<Rc<Vec<Value>>, String> {
    slice_items(value, |kind| format!("{message} {kind}"))?
}

pub(super) fn list(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::list(args.to_vec()))
}

pub(super) fn push(_: &mut dyn Host, args: &[Value]) -> Out {
    let mut out = items(&args[0], "Cannot push on type")?.to_vec();
    out.push(args[1].clone());
    Ok(Value::list(out))
}

pub(super) fn must_push(host: &mut dyn Host, args: &[Value]) -> Out {
    push(host, args)
}

pub(super) fn prepend(_: &mut dyn Host, args: &[Value]) -> Out {
    let rest = items(&args[0], "Cannot prepend on type")?;
    let mut out = Vec::with_capacity(rest.len() + 1);
    out.push(args[1].clone());
    out.extend(rest.iter().cloned());
    Ok(Value::list(out))
}

pub(super) fn must_prepend(host: &mut dyn Host, args: &[Value]) -> Out {
    prepend(host, args)
}

pub(super) fn first(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(items(&args[0], "Cannot find first on type")?
        .first()
        .cloned()
        .unwrap_or_default())
}

pub(super) fn must_first(host: &mut dyn Host, args: &[Value]) -> Out {
    first(host, args)
}

pub(super) fn last(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(items(&args[0], "Cannot find last on type")?
        .last()
        .cloned()
        .unwrap_or_default())
}

pub(super) fn must_last(host: &mut dyn Host, args: &[Value]) -> Out {
    last(host, args)
}

pub(super) fn rest(_: &mut dyn Host, args: &[Value]) -> Out {
    let all = items(&args[0], "Cannot find rest on type")?;
    Ok(Value::list(all.iter().skip(1).cloned().collect()))
}

pub(super) fn must_rest(host: &mut dyn Host, args: &[Value]) -> Out {
    rest(host, args)
}

pub(super) fn initial(_: &mut dyn Host, args: &[Value]) -> Out {
    let all = items(&args[0], "Cannot find initial on type")?;
    let keep = all.len().saturating_sub(1);
    Ok(Value::list(all[..keep].to_vec()))
}

pub(super) fn must_initial(host: &mut dyn Host, args: &[Value]) -> Out {
    initial(host, args)
}

pub(super) fn reverse(_: &mut dyn Host, args: &[Value]) -> Out {
    let all = items(&args[0], "Cannot find reverse on type")?;
    Ok(Value::list(all.iter().rev().cloned().collect()))
}

pub(super) fn must_reverse(host: &mut dyn Host, args: &[Value]) -> Out {
    reverse(host, args)
}

pub(super) fn compact(_: &mut dyn Host, args: &[Value]) -> Out {
    // Sprig's empty: a struct (time.Time) is never empty.
    let all = items(&args[0], "Cannot compact on type")?;
    Ok(Value::list(
        all.iter()
            .filter(|item| !item.is_empty())
            .cloned()
            .collect(),
    ))
}

pub(super) fn must_compact(host: &mut dyn Host, args: &[Value]) -> Out {
    compact(host, args)
}

fn in_list(haystack: &[Value], needle: &Value) -> bool {
    haystack.iter().any(|item| deep_equal(needle, item))
}

pub(super) fn uniq(_: &mut dyn Host, args: &[Value]) -> Out {
    let all = items(&args[0], "Cannot find uniq on type")?;
    let mut out: Vec<Value> = Vec::new();
    for item in all.iter() {
        if !in_list(&out, item) {
            out.push(item.clone());
        }
    }
    Ok(Value::list(out))
}

pub(super) fn must_uniq(host: &mut dyn Host, args: &[Value]) -> Out {
    uniq(host, args)
}

pub(super) fn without(_: &mut dyn Host, args: &[Value]) -> Out {
    let all = items(&args[0], "Cannot find without on type")?;
    let omit = &args[1..];
    Ok(Value::list(
        all.iter()
            .filter(|item| !in_list(omit, item))
            .cloned()
            .collect(),
    ))
}

pub(super) fn must_without(host: &mut dyn Host, args: &[Value]) -> Out {
    without(host, args)
}

pub(super) fn has(_: &mut dyn Host, args: &[Value]) -> Out {
    // list.go mustHas: a nil haystack has nothing; items compare with reflect.DeepEqual.
    if args[1].is_nil() {
        return Ok(Value::Bool(false));
    }
    let all = items(&args[1], "Cannot find has on type")?;
    Ok(Value::Bool(in_list(&all, &args[0])))
}

pub(super) fn must_has(host: &mut dyn Host, args: &[Value]) -> Out {
    has(host, args)
}

pub(super) fn slice(_: &mut dyn Host, args: &[Value]) -> Out {
    let kind = match &args[0] {
        Value::List(_, kind) => *kind,
        _ => ListKind::Any,
    };
    let all = slice_items(&args[0], |kind| {
        format!("list should be type of slice or array but {kind}")
    })??;
    if all.is_empty() {
        return Ok(Value::Nil);
    }
    let len = i64::try_from(all.len()).unwrap_or(i64::MAX);
    let start = args.get(1).map_or(0, to_int64);
    let end = args.get(2).map_or(len, to_int64);
    // reflect.Value.Slice checks against the capacity; a template's slices
    // have no spare capacity, so the length is the bound.
    if start < 0 || end < start || end > len {
        return Err("reflect.Value.Slice: slice index out of bounds".to_owned());
    }
    let range = usize::try_from(start).unwrap_or(0)..usize::try_from(end).unwrap_or(0);
    Ok(Value::List(Rc::new(all[range].to_vec()), kind))
}

pub(super) fn must_slice(host: &mut dyn Host, args: &[Value]) -> Out {
    slice(host, args)
}

pub(super) fn concat(_: &mut dyn Host, args: &[Value]) -> Out {
    let mut out = Vec::new();
    for list in args {
        match list {
            Value::Nil => return Err(NIL_DEREF.to_owned()),
            Value::List(items, _) => out.extend(items.iter().cloned()),
            other => return Err(format!("Cannot concat type {} as list", kind_name(other))),
        }
    }
    Ok(Value::list(out))
}

#[allow(
    clippy::cast_precision_loss,
    reason = "list.go computes chunk counts in float64"
)]
pub(super) fn chunk(_: &mut dyn Host, args: &[Value]) -> Out {
    let size = int_arg(args, 0);
    let all = items(&args[1], "Cannot chunk type")?;
    let len = i64::try_from(all.len()).unwrap_or(i64::MAX);
    const MAKESLICE: &str = "runtime error: makeslice: len out of range";
    let count = go_f64_to_i64(((len - 1) as f64 / size as f64).floor() + 1.0);
    let count = usize::try_from(count).map_err(|_| MAKESLICE.to_owned())?;
    let mut out = Vec::with_capacity(count.min(all.len()));
    for index in 0..count {
        let mut chunk_len = size;
        if index == count - 1 {
            chunk_len = go_f64_to_i64((len as f64 % size as f64).floor());
            if chunk_len == 0 {
                chunk_len = size;
            }
        }
        let chunk_len = usize::try_from(chunk_len).map_err(|_| MAKESLICE.to_owned())?;
        let size = usize::try_from(size).unwrap_or(0);
        let mut piece = Vec::with_capacity(chunk_len);
        for offset in 0..chunk_len {
            let at = index * size + offset;
            piece.push(
                all.get(at)
                    .cloned()
                    .ok_or_else(|| "reflect: slice index out of range".to_owned())?,
            );
        }
        out.push(Value::list(piece));
    }
    // A [][]interface{}; here a []interface{} of lists.
    Ok(Value::list(out))
}

pub(super) fn must_chunk(host: &mut dyn Host, args: &[Value]) -> Out {
    chunk(host, args)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{call, i, l, m, ok, s, text};
    use crate::engine::value::Value;

    #[test]
    fn first_last_rest_initial() {
        let list = l(&[i(1), i(2), i(3)]);
        assert_eq!(text("first", std::slice::from_ref(&list)), "1");
        assert_eq!(text("last", std::slice::from_ref(&list)), "3");
        assert_eq!(text("rest", std::slice::from_ref(&list)), "[2 3]");
        assert_eq!(text("initial", std::slice::from_ref(&list)), "[1 2]");
        assert!(ok("first", &[l(&[])]).is_nil());
        assert_eq!(text("rest", &[l(&[])]), "[]");
        assert_eq!(text("reverse", &[list]), "[3 2 1]");
    }

    #[test]
    fn list_functions_panic_on_other_kinds() {
        // list.go mustFirst: fmt.Errorf("Cannot find first on type %s", tp), panicked by first.
        assert_eq!(
            call("first", &[s("abc")]),
            Err("Cannot find first on type string".to_owned())
        );
        assert_eq!(
            call("mustFirst", &[m(&[])]),
            Err("Cannot find first on type map".to_owned())
        );
        assert_eq!(
            call("append", &[i(1), i(2)]),
            Err("Cannot push on type int".to_owned())
        );
        assert_eq!(
            call("last", &[Value::Nil]),
            Err("runtime error: invalid memory address or nil pointer dereference".to_owned())
        );
        assert_eq!(
            call("slice", &[s("x")]),
            Err("list should be type of slice or array but string".to_owned())
        );
        assert_eq!(
            call("concat", &[l(&[]), i(1)]),
            Err("Cannot concat type int as list".to_owned())
        );
    }

    #[test]
    fn append_prepend_concat() {
        assert_eq!(text("append", &[l(&[i(1)]), i(2)]), "[1 2]");
        assert_eq!(text("prepend", &[l(&[i(1)]), i(0)]), "[0 1]");
        let strings = Value::string_list(vec!["a".into()]);
        assert_eq!(
            ok("append", &[strings, s("b")]).type_name(),
            "[]interface {}"
        );
        assert_eq!(text("concat", &[l(&[i(1)]), l(&[i(2), i(3)])]), "[1 2 3]");
    }

    #[test]
    fn uniq_without_has_use_deep_equal() {
        // list.go inList: reflect.DeepEqual, so int 1 and float64 1 differ.
        let mixed = l(&[
            i(1),
            Value::Float(1.0),
            i(1),
            s("1"),
            Value::Int64(1),
            s("1"),
        ]);
        assert_eq!(text("uniq", &[mixed]), "[1 1 1 1]");
        assert_eq!(
            ok("uniq", &[mixed_types()]).as_list().map(<[Value]>::len),
            Some(3)
        );
        assert_eq!(
            text("without", &[l(&[i(1), i(2), i(3)]), i(2), i(3)]),
            "[1]"
        );
        assert!(ok("has", &[i(1), l(&[i(1)])]).is_true());
        assert!(!ok("has", &[i(1), l(&[Value::Float(1.0)])]).is_true());
        assert!(!ok("has", &[i(1), l(&[Value::Int64(1)])]).is_true());
        assert!(!ok("has", &[i(1), Value::Nil]).is_true());
        assert!(ok("has", &[l(&[i(1)]), l(&[l(&[i(1)])])]).is_true());
        assert_eq!(
            call("has", &[i(1), s("1")]),
            Err("Cannot find has on type string".to_owned())
        );
    }

    fn mixed_types() -> Value {
        l(&[
            s("a"),
            m(&[("k", i(1))]),
            m(&[("k", i(1))]),
            Value::Nil,
            Value::Nil,
        ])
    }

    #[test]
    fn compact_drops_empty_values() {
        let list = l(&[
            i(0),
            s(""),
            Value::Nil,
            Value::Bool(false),
            l(&[]),
            m(&[]),
            s("x"),
            i(1),
        ]);
        assert_eq!(text("compact", &[list]), "[x 1]");
    }

    #[test]
    fn slice_follows_go_slicing() {
        let list = l(&[i(1), i(2), i(3), i(4), i(5)]);
        assert_eq!(text("slice", std::slice::from_ref(&list)), "[1 2 3 4 5]");
        assert_eq!(text("slice", &[list.clone(), i(3)]), "[4 5]");
        assert_eq!(text("slice", &[list.clone(), i(1), i(3)]), "[2 3]");
        assert_eq!(
            text("slice", &[list.clone(), s("1"), Value::Float(2.0)]),
            "[2]"
        );
        assert!(ok("slice", &[l(&[])]).is_nil());
        let strings = Value::string_list(vec!["a".into(), "b".into()]);
        assert_eq!(ok("slice", &[strings, i(1)]).type_name(), "[]string");
        assert_eq!(
            call("slice", &[list, i(4), i(2)]),
            Err("reflect.Value.Slice: slice index out of bounds".to_owned())
        );
    }

    #[test]
    fn chunk_splits_into_pieces() {
        let list = l(&[i(1), i(2), i(3), i(4), i(5)]);
        assert_eq!(text("chunk", &[i(2), list.clone()]), "[[1 2] [3 4] [5]]");
        assert_eq!(text("chunk", &[i(5), list.clone()]), "[[1 2 3 4 5]]");
        assert_eq!(text("chunk", &[i(2), l(&[])]), "[]");
        assert_eq!(
            call("chunk", &[i(0), list]),
            Err("runtime error: makeslice: len out of range".to_owned())
        );
        assert_eq!(text("list", &[i(1), s("a")]), "[1 a]");
    }
}
