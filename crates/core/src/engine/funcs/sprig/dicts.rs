//! dict.go. Maps are shared: `set`, `unset` and `merge` change the map they
//! are given and return it, as Go's maps do. Go ranges over a map in random
//! order; where that order reaches the output (`keys`, `values`), this uses
//! key order, so a render is reproducible.

use crate::engine::funcs::Host;
use crate::engine::value::{MapData, MapKind, MapRef, Value};

use super::cast::{map_arg, str_arg, strval};

type Out = Result<Value, String>;

/// The map as the `map[string]interface{}` a Go parameter of that type holds
/// (a `common.Values` argument converts to it).
fn plain(map: MapRef) -> Value {
    Value::Map(map, MapKind::Plain)
}

pub(super) fn dict(_: &mut dyn Host, args: &[Value]) -> Out {
    let mut data = MapData::new();
    for pair in args.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_else(|| Value::str(""));
        data.insert(strval(&pair[0]), value);
    }
    Ok(Value::map(data))
}

pub(super) fn get(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(map_arg(args, 0)
        .get(str_arg(args, 1))
        .unwrap_or_else(|| Value::str("")))
}

pub(super) fn set(_: &mut dyn Host, args: &[Value]) -> Out {
    let map = map_arg(args, 0);
    map.insert(str_arg(args, 1), args[2].clone());
    Ok(plain(map))
}

pub(super) fn unset(_: &mut dyn Host, args: &[Value]) -> Out {
    let map = map_arg(args, 0);
    map.remove(str_arg(args, 1));
    Ok(plain(map))
}

pub(super) fn has_key(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(map_arg(args, 0).contains_key(str_arg(args, 1))))
}

pub(super) fn pluck(_: &mut dyn Host, args: &[Value]) -> Out {
    let key = str_arg(args, 0);
    let out = (1..args.len())
        .filter_map(|index| map_arg(args, index).get(key))
        .collect();
    Ok(Value::list(out))
}

pub(super) fn keys(_: &mut dyn Host, args: &[Value]) -> Out {
    // Go's order is random; each map's keys here come sorted (duplicates kept, as in Go).
    let out = (0..args.len())
        .flat_map(|index| map_arg(args, index).keys())
        .collect();
    Ok(Value::string_list(out))
}

pub(super) fn pick(_: &mut dyn Host, args: &[Value]) -> Out {
    let source = map_arg(args, 0);
    let mut data = MapData::new();
    for index in 1..args.len() {
        let key = str_arg(args, index);
        if let Some(value) = source.get(key) {
            data.insert(key.to_owned(), value);
        }
    }
    Ok(Value::map(data))
}

pub(super) fn omit(_: &mut dyn Host, args: &[Value]) -> Out {
    let omitted: Vec<&str> = (1..args.len()).map(|index| str_arg(args, index)).collect();
    let data = crate::sort::btree_map(
        map_arg(args, 0)
            .entries()
            .into_iter()
            .filter(|(key, _)| !omitted.contains(&key.as_str())),
    );
    Ok(Value::map(data))
}

pub(super) fn values(_: &mut dyn Host, args: &[Value]) -> Out {
    // Go's order is random; here the values come in key order.
    let out = map_arg(args, 0)
        .entries()
        .into_iter()
        .map(|(_, value)| value)
        .collect();
    Ok(Value::list(out))
}

/// mergo's `isEmptyValue` of an interface's content (dereferenced).
fn mergo_empty(value: &Value) -> bool {
    value.is_empty()
}

/// `mergo.Merge(&dst, src)` (`overwrite`: `mergo.MergeWithOverwrite`) of two
/// `map[string]interface{}`, as mergo v1.0.1's `deepMerge` treats their
/// interface-typed entries:
///
/// - a nil source entry is copied only when overwriting;
/// - a map source entry merges into a map destination entry in place (and
///   the destination map stays, unless it is still empty afterwards or
///   overwriting is asked and the destination is not a map);
/// - any other source entry replaces the destination entry when overwriting,
///   else only when the destination is missing or empty.
fn deep_merge(dst: &MapRef, src: &MapRef, overwrite: bool) {
    for (key, src_value) in src.entries() {
        let dst_value = dst.get(&key);
        if src_value.is_nil() {
            if overwrite {
                dst.insert(key, Value::Nil);
            }
            continue;
        }
        if let (Value::Map(src_map, _), Some(Value::Map(dst_map, _))) = (&src_value, &dst_value)
            && !src_map.ptr_eq(dst_map)
        {
            deep_merge(dst_map, src_map, overwrite);
        }
        if let Some(existing) = &dst_value
            && !mergo_empty(existing)
        {
            if matches!(src_value, Value::List(..)) {
                // mergo has already set the slice: src's when overwriting, else dst's own.
                if overwrite {
                    dst.insert(key, src_value);
                }
                continue;
            }
            if matches!(existing, Value::Map(..)) && matches!(src_value, Value::Map(..)) {
                continue;
            }
        }
        if overwrite || dst_value.as_ref().is_none_or(mergo_empty) {
            dst.insert(key, src_value);
        }
    }
}

fn merge_all(args: &[Value], overwrite: bool) -> Value {
    let dst = map_arg(args, 0);
    for index in 1..args.len() {
        deep_merge(&dst, &map_arg(args, index), overwrite);
    }
    plain(dst)
}

pub(super) fn merge(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(merge_all(args, false))
}

pub(super) fn must_merge(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(merge_all(args, false))
}

pub(super) fn merge_overwrite(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(merge_all(args, true))
}

pub(super) fn must_merge_overwrite(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(merge_all(args, true))
}

/// Go's message for a failed `x.(map[string]interface{})`.
fn not_a_map(value: &Value) -> String {
    let type_name = match value {
        Value::Nil => "nil",
        other => other.type_name(),
    };
    format!("interface conversion: interface {{}} is {type_name}, not map[string]interface {{}}")
}

pub(super) fn dig(_: &mut dyn Host, args: &[Value]) -> Out {
    // dict.go dig: dig KEY... DEFAULT DICT; the type assertions panic.
    if args.len() < 3 {
        return Err("dig needs at least three arguments".to_owned());
    }
    let (keys, rest) = args.split_at(args.len() - 2);
    let default = &rest[0];
    let mut current = match &rest[1] {
        Value::Map(map, MapKind::Plain) => map.clone(),
        other => return Err(not_a_map(other)),
    };
    let mut names = Vec::with_capacity(keys.len());
    for key in keys {
        match key {
            Value::String(text) => names.push(text.to_string()),
            Value::Nil => {
                return Err("interface conversion: interface {} is nil, not string".to_owned());
            }
            other => {
                return Err(format!(
                    "interface conversion: interface {{}} is {}, not string",
                    other.type_name()
                ));
            }
        }
    }
    for (index, name) in names.iter().enumerate() {
        let Some(step) = current.get(name) else {
            return Ok(default.clone());
        };
        if index + 1 == names.len() {
            return Ok(step);
        }
        current = match &step {
            Value::Map(map, MapKind::Plain) => map.clone(),
            other => return Err(not_a_map(other)),
        };
    }
    Ok(default.clone())
}

#[cfg(test)]
mod tests {
    use super::super::testing::{call, i, l, m, ok, s, text};
    use crate::engine::value::{MapKind, Value};

    #[test]
    fn dict_get_set_unset() {
        assert_eq!(
            text("dict", &[s("a"), i(1), i(2), s("b"), s("odd")]),
            "map[2:b a:1 odd:]"
        );
        let map = m(&[("a", i(1))]);
        assert_eq!(text("get", &[map.clone(), s("a")]), "1");
        assert_eq!(ok("get", &[map.clone(), s("zz")]).as_str(), Some(""));
        // dict.go set: the same map, changed in place.
        let returned = ok("set", &[map.clone(), s("b"), i(2)]);
        assert!(returned.as_map().unwrap().ptr_eq(map.as_map().unwrap()));
        assert_eq!(text("get", &[map.clone(), s("b")]), "2");
        assert!(ok("hasKey", &[map.clone(), s("b")]).is_true());
        ok("unset", &[map.clone(), s("b")]);
        assert!(!ok("hasKey", &[map, s("b")]).is_true());
    }

    #[test]
    fn keys_values_pluck_pick_omit() {
        let one = m(&[("b", i(2)), ("a", i(1))]);
        let two = m(&[("a", i(3)), ("c", i(4))]);
        assert_eq!(text("keys", &[one.clone(), two.clone()]), "[a b a c]");
        assert_eq!(
            ok("keys", std::slice::from_ref(&one)).type_name(),
            "[]string"
        );
        assert_eq!(text("values", std::slice::from_ref(&one)), "[1 2]");
        assert_eq!(text("pluck", &[s("a"), one.clone(), two.clone()]), "[1 3]");
        assert_eq!(text("pluck", &[s("c"), one.clone(), two.clone()]), "[4]");
        assert_eq!(text("pick", &[two.clone(), s("a"), s("x")]), "map[a:3]");
        assert_eq!(text("omit", &[two, s("a")]), "map[c:4]");
    }

    #[test]
    fn merge_fills_without_overwriting() {
        // dict.go merge: mergo.Merge, deep, existing non-empty values kept.
        let dst = m(&[
            ("a", i(1)),
            ("empty", s("")),
            ("nested", m(&[("x", i(1))])),
            ("list", l(&[i(1)])),
        ]);
        let src = m(&[
            ("a", i(9)),
            ("b", i(2)),
            ("empty", s("filled")),
            ("nested", m(&[("x", i(9)), ("y", i(2))])),
            ("list", l(&[i(9)])),
            ("nil", Value::Nil),
        ]);
        let out = ok("merge", &[dst.clone(), src]);
        assert!(out.as_map().unwrap().ptr_eq(dst.as_map().unwrap()));
        assert_eq!(
            text("toString", &[dst]),
            "map[a:1 b:2 empty:filled list:[1] nested:map[x:1 y:2]]"
        );
    }

    #[test]
    fn merge_overwrite_replaces() {
        // dict.go mergeOverwrite: mergo.MergeWithOverwrite; even empty and nil source values win.
        let dst = m(&[
            ("a", i(1)),
            ("keep", i(5)),
            ("nested", m(&[("x", i(1)), ("z", i(3))])),
            ("s", s("x")),
        ]);
        let src = m(&[
            ("a", i(9)),
            ("nested", m(&[("x", i(9))])),
            ("s", s("")),
            ("n", Value::Nil),
        ]);
        ok("mergeOverwrite", &[dst.clone(), src]);
        assert_eq!(
            text("toString", &[dst]),
            "map[a:9 keep:5 n:<nil> nested:map[x:9 z:3] s:]"
        );
        let first = m(&[("a", i(1))]);
        ok(
            "merge",
            &[
                first.clone(),
                m(&[("a", i(2)), ("b", i(2))]),
                m(&[("b", i(3)), ("c", i(3))]),
            ],
        );
        assert_eq!(text("toString", &[first]), "map[a:1 b:2 c:3]");
    }

    #[test]
    fn dig_walks_nested_maps() {
        let data = m(&[("a", m(&[("b", m(&[("c", i(1))]))]))]);
        assert_eq!(
            text("dig", &[s("a"), s("b"), s("c"), s("d"), data.clone()]),
            "1"
        );
        assert_eq!(
            text("dig", &[s("a"), s("x"), s("c"), s("dflt"), data.clone()]),
            "dflt"
        );
        assert_eq!(
            text("dig", &[s("a"), s("b"), s("dflt"), data.clone()]),
            "map[c:1]"
        );
        assert_eq!(
            call(
                "dig",
                &[s("a"), s("b"), s("c"), s("x"), s("d"), data.clone()]
            ),
            Err(
                "interface conversion: interface {} is int, not map[string]interface {}".to_owned()
            )
        );
        assert_eq!(
            call("dig", &[s("a"), data.clone()]),
            Err("dig needs at least three arguments".to_owned())
        );
        assert_eq!(
            call("dig", &[i(1), s("d"), data.clone()]),
            Err("interface conversion: interface {} is int, not string".to_owned())
        );
        let values = Value::Map(data.as_map().unwrap().clone(), MapKind::Values);
        assert_eq!(
            call("dig", &[s("a"), s("d"), values]),
            Err(
                "interface conversion: interface {} is common.Values, not map[string]interface {}"
                    .to_owned()
            )
        );
    }
}
