//! The `path` and `path/filepath` entries of functions.go (`base`, `dir`,
//! `clean`, `ext`, `isAbs` and their `os…` forms: on Linux, where Helm runs,
//! `filepath` uses `/` as `path` does), and network.go's `getHostByName`.

use crate::engine::funcs::Host;
use crate::engine::gopath;
use crate::engine::value::Value;

use super::cast::str_arg;

type Out = Result<Value, String>;

pub(super) fn base(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::str(gopath::base(str_arg(args, 0))))
}

pub(super) fn dir(_: &mut dyn Host, args: &[Value]) -> Out {
    let path = str_arg(args, 0);
    let cut = path.rfind('/').map_or(0, |index| index + 1);
    Ok(Value::string(gopath::clean(&path[..cut])))
}

pub(super) fn clean(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(gopath::clean(str_arg(args, 0))))
}

pub(super) fn ext(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::str(gopath::ext(str_arg(args, 0))))
}

pub(super) fn is_abs(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(str_arg(args, 0).starts_with('/')))
}

pub(super) fn get_host_by_name(_: &mut dyn Host, _: &[Value]) -> Out {
    // The engine renders offline, as `helm template` does: no lookup, "".
    Ok(Value::str(""))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ok, s, text};

    #[test]
    fn path_functions_follow_go_path() {
        assert_eq!(text("base", &[s("/a/b/")]), "b");
        assert_eq!(text("base", &[s("")]), ".");
        assert_eq!(text("base", &[s("///")]), "/");
        assert_eq!(text("dir", &[s("/a/b/c")]), "/a/b");
        assert_eq!(text("dir", &[s("c")]), ".");
        assert_eq!(text("clean", &[s("a//b/../c/.")]), "a/c");
        assert_eq!(text("clean", &[s("/../a")]), "/a");
        assert_eq!(text("clean", &[s("../../a")]), "../../a");
        assert_eq!(text("ext", &[s("a/b.tar.gz")]), ".gz");
        assert_eq!(text("ext", &[s("a.b/c")]), "");
        assert!(ok("isAbs", &[s("/x")]).is_true());
        assert!(!ok("osIsAbs", &[s("x")]).is_true());
        assert_eq!(text("osBase", &[s("a/b")]), "b");
        assert_eq!(text("getHostByName", &[s("example.com")]), "");
    }
}
