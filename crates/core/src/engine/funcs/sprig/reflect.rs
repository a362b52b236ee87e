//! reflect.go: `typeOf` is `fmt.Sprintf("%T")`, `kindOf` is
//! `reflect.ValueOf(v).Kind().String()`; `deepEqual` is `reflect.DeepEqual`.

use crate::engine::funcs::Host;
use crate::engine::value::Value;

use super::cast::{deep_equal, kind_name, str_arg};

type Out = Result<Value, String>;

pub(super) fn type_of(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::str(args[0].type_name()))
}

pub(super) fn type_is(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(str_arg(args, 0) == args[1].type_name()))
}

pub(super) fn type_is_like(_: &mut dyn Host, args: &[Value]) -> Out {
    let (target, actual) = (str_arg(args, 0), args[1].type_name());
    Ok(Value::Bool(
        target == actual || actual.strip_prefix('*') == Some(target),
    ))
}

pub(super) fn kind_of(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::str(kind_name(&args[0])))
}

pub(super) fn kind_is(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(str_arg(args, 0) == kind_name(&args[1])))
}

pub(super) fn deep_equal_func(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(deep_equal(&args[0], &args[1])))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{i, l, m, ok, s, text};
    use crate::engine::value::{MapKind, Value};

    #[test]
    fn types_and_kinds() {
        assert_eq!(text("typeOf", &[i(1)]), "int");
        assert_eq!(text("typeOf", &[Value::Float(1.0)]), "float64");
        assert_eq!(text("typeOf", &[Value::Nil]), "<nil>");
        assert_eq!(text("typeOf", &[l(&[])]), "[]interface {}");
        assert_eq!(text("typeOf", &[m(&[])]), "map[string]interface {}");
        let values = Value::Map(m(&[]).as_map().unwrap().clone(), MapKind::Values);
        assert_eq!(text("kindOf", &[values]), "map");
        assert_eq!(text("kindOf", &[Value::Nil]), "invalid");
        assert_eq!(text("kindOf", &[Value::Int64(1)]), "int64");
        assert!(ok("kindIs", &[s("slice"), l(&[])]).is_true());
        assert!(ok("typeIs", &[s("string"), s("x")]).is_true());
        assert!(
            ok(
                "typeIsLike",
                &[s("semver.Version"), ok("semver", &[s("1.2.3")])]
            )
            .is_true()
        );
        assert_eq!(text("typeOf", &[ok("now", &[])]), "time.Time");
        assert_eq!(text("kindOf", &[ok("now", &[])]), "struct");
    }

    #[test]
    fn deep_equal_compares_types() {
        // reflect.DeepEqual
        assert!(
            ok(
                "deepEqual",
                &[
                    l(&[i(1), m(&[("a", s("b"))])]),
                    l(&[i(1), m(&[("a", s("b"))])])
                ]
            )
            .is_true()
        );
        assert!(!ok("deepEqual", &[i(1), Value::Float(1.0)]).is_true());
        assert!(ok("deepEqual", &[Value::Nil, Value::Nil]).is_true());
    }
}
