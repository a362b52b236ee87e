//! Sprig v3.3.0's `TxtFuncMap`, minus `env` and `expandenv` (Helm deletes them).
//!
//! The table below follows `functions.go` (`genericMap`); the bodies live in
//! submodules named after Sprig's own source files. Each entry declares the
//! Go signature's parameter types, because the executor checks arguments
//! against them before the call. Sprig's list functions panic on a bad
//! argument; a panic surfaces from `text/template`'s `safeCall` as an error,
//! so those bodies return `Err` with the panic's text.

use super::{Func, Param, fixed, variadic};

mod cast;
mod crypto;
mod date;
mod defaults;
mod dicts;
mod encoding;
mod lists;
mod numeric;
mod paths;
mod reflect;
mod regex;
pub(crate) mod semver;
mod strings;
mod url;

#[cfg(test)]
mod testing;

use Param::{Any, Bool, Float64, Int, List, Map, String as Str};

/// The Sprig function called `name`.
#[allow(
    clippy::too_many_lines,
    reason = "one flat table mirrors Sprig's genericMap"
)]
pub(crate) fn lookup(name: &str) -> Option<Func> {
    let func = match name {
        "hello" => fixed(&[], strings::hello),

        // date.go
        "ago" => fixed(&[Any], date::ago),
        "date" => fixed(&[Str, Any], date::date),
        "date_in_zone" | "dateInZone" => fixed(&[Str, Any, Str], date::date_in_zone),
        "date_modify" | "dateModify" => fixed(&[Str, Any], date::date_modify),
        "must_date_modify" | "mustDateModify" => fixed(&[Str, Any], date::must_date_modify),
        "duration" => fixed(&[Any], date::duration),
        "durationRound" => fixed(&[Any], date::duration_round),
        "htmlDate" => fixed(&[Any], date::html_date),
        "htmlDateInZone" => fixed(&[Any, Str], date::html_date_in_zone),
        "mustToDate" => fixed(&[Str, Str], date::must_to_date),
        "now" => fixed(&[], date::now),
        "toDate" => fixed(&[Str, Str], date::to_date),
        "unixEpoch" => fixed(&[Any], date::unix_epoch),

        // strings.go and the string entries of functions.go
        "abbrev" => fixed(&[Int, Str], strings::abbrev),
        "abbrevboth" => fixed(&[Int, Int, Str], strings::abbrevboth),
        "trunc" => fixed(&[Int, Str], strings::trunc),
        "trim" => fixed(&[Str], strings::trim),
        "upper" => fixed(&[Str], strings::upper),
        "lower" => fixed(&[Str], strings::lower),
        "title" => fixed(&[Str], strings::title),
        "untitle" => fixed(&[Str], strings::untitle),
        "substr" => fixed(&[Int, Int, Str], strings::substr),
        "repeat" => fixed(&[Int, Str], strings::repeat),
        "trimall" | "trimAll" => fixed(&[Str, Str], strings::trim_all),
        "trimSuffix" => fixed(&[Str, Str], strings::trim_suffix),
        "trimPrefix" => fixed(&[Str, Str], strings::trim_prefix),
        "nospace" => fixed(&[Str], strings::nospace),
        "initials" => fixed(&[Str], strings::initials),
        "randAlphaNum" => fixed(&[Int], crypto::rand_alpha_num),
        "randAlpha" => fixed(&[Int], crypto::rand_alpha),
        "randAscii" => fixed(&[Int], crypto::rand_ascii),
        "randNumeric" => fixed(&[Int], crypto::rand_numeric),
        "swapcase" => fixed(&[Str], strings::swapcase),
        "shuffle" => fixed(&[Str], strings::shuffle),
        "snakecase" => fixed(&[Str], strings::snakecase),
        "camelcase" => fixed(&[Str], strings::camelcase),
        "kebabcase" => fixed(&[Str], strings::kebabcase),
        "wrap" => fixed(&[Int, Str], strings::wrap),
        "wrapWith" => fixed(&[Int, Str, Str], strings::wrap_with),
        "contains" => fixed(&[Str, Str], strings::contains),
        "hasPrefix" => fixed(&[Str, Str], strings::has_prefix),
        "hasSuffix" => fixed(&[Str, Str], strings::has_suffix),
        "quote" => variadic(&[], Any, strings::quote),
        "squote" => variadic(&[], Any, strings::squote),
        "cat" => variadic(&[], Any, strings::cat),
        "indent" => fixed(&[Int, Str], strings::indent),
        "nindent" => fixed(&[Int, Str], strings::nindent),
        "replace" => fixed(&[Str, Str, Str], strings::replace),
        "plural" => fixed(&[Str, Str, Int], strings::plural),
        "sha1sum" => fixed(&[Str], crypto::sha1sum),
        "sha256sum" => fixed(&[Str], crypto::sha256sum),
        "sha512sum" => fixed(&[Str], crypto::sha512sum),
        "adler32sum" => fixed(&[Str], crypto::adler32sum),
        "toString" => fixed(&[Any], strings::to_string),
        "split" => fixed(&[Str, Str], strings::split),
        "splitList" => fixed(&[Str, Str], strings::split_list),
        "splitn" => fixed(&[Str, Int, Str], strings::splitn),
        "toStrings" => fixed(&[Any], strings::to_strings),
        "join" => fixed(&[Str, Any], strings::join),
        "sortAlpha" => fixed(&[Any], strings::sort_alpha),

        // numeric.go and the arithmetic of functions.go
        "atoi" => fixed(&[Str], numeric::atoi),
        "int64" => fixed(&[Any], numeric::int64),
        "int" => fixed(&[Any], numeric::int),
        "float64" => fixed(&[Any], numeric::float64),
        "seq" => variadic(&[], Int, numeric::seq),
        "toDecimal" => fixed(&[Any], numeric::to_decimal),
        "until" => fixed(&[Int], numeric::until),
        "untilStep" => fixed(&[Int, Int, Int], numeric::until_step),
        "add1" => fixed(&[Any], numeric::add1),
        "add" => variadic(&[], Any, numeric::add),
        "sub" => fixed(&[Any, Any], numeric::sub),
        "div" => fixed(&[Any, Any], numeric::div),
        "mod" => fixed(&[Any, Any], numeric::modulo),
        "mul" => variadic(&[Any], Any, numeric::mul),
        "randInt" => fixed(&[Int, Int], numeric::rand_int),
        "add1f" => fixed(&[Any], numeric::add1f),
        "addf" => variadic(&[], Any, numeric::addf),
        "subf" => variadic(&[Any], Any, numeric::subf),
        "divf" => variadic(&[Any], Any, numeric::divf),
        "mulf" => variadic(&[Any], Any, numeric::mulf),
        "biggest" | "max" => variadic(&[Any], Any, numeric::max),
        "min" => variadic(&[Any], Any, numeric::min),
        "maxf" => variadic(&[Any], Any, numeric::maxf),
        "minf" => variadic(&[Any], Any, numeric::minf),
        "ceil" => fixed(&[Any], numeric::ceil),
        "floor" => fixed(&[Any], numeric::floor),
        "round" => variadic(&[Any, Int], Float64, numeric::round),

        // defaults.go
        "default" => variadic(&[Any], Any, defaults::dfault),
        "empty" => fixed(&[Any], defaults::empty),
        "coalesce" => variadic(&[], Any, defaults::coalesce),
        "all" => variadic(&[], Any, defaults::all),
        "any" => variadic(&[], Any, defaults::any),
        "compact" => fixed(&[Any], lists::compact),
        "mustCompact" => fixed(&[Any], lists::must_compact),
        "mustFromJson" => fixed(&[Str], defaults::must_from_json),
        "toPrettyJson" => fixed(&[Any], defaults::to_pretty_json),
        "toRawJson" => fixed(&[Any], defaults::to_raw_json),
        "mustToPrettyJson" => fixed(&[Any], defaults::must_to_pretty_json),
        "mustToRawJson" => fixed(&[Any], defaults::must_to_raw_json),
        "ternary" => fixed(&[Any, Any, Bool], defaults::ternary),
        "deepCopy" => fixed(&[Any], defaults::deep_copy),
        "mustDeepCopy" => fixed(&[Any], defaults::must_deep_copy),

        // reflect.go
        "typeOf" => fixed(&[Any], reflect::type_of),
        "typeIs" => fixed(&[Str, Any], reflect::type_is),
        "typeIsLike" => fixed(&[Str, Any], reflect::type_is_like),
        "kindOf" => fixed(&[Any], reflect::kind_of),
        "kindIs" => fixed(&[Str, Any], reflect::kind_is),
        "deepEqual" => fixed(&[Any, Any], reflect::deep_equal_func),

        // network.go: Helm renders offline, and so does this engine.
        "getHostByName" => fixed(&[Str], paths::get_host_by_name),

        // path and path/filepath (Linux: both use '/')
        "base" | "osBase" => fixed(&[Str], paths::base),
        "dir" | "osDir" => fixed(&[Str], paths::dir),
        "clean" | "osClean" => fixed(&[Str], paths::clean),
        "ext" | "osExt" => fixed(&[Str], paths::ext),
        "isAbs" | "osIsAbs" => fixed(&[Str], paths::is_abs),

        // strings.go: encoding
        "b64enc" => fixed(&[Str], encoding::b64enc),
        "b64dec" => fixed(&[Str], encoding::b64dec),
        "b32enc" => fixed(&[Str], encoding::b32enc),
        "b32dec" => fixed(&[Str], encoding::b32dec),

        // dict.go and list.go
        "tuple" | "list" => variadic(&[], Any, lists::list),
        "dict" => variadic(&[], Any, dicts::dict),
        "get" => fixed(&[Map, Str], dicts::get),
        "set" => fixed(&[Map, Str, Any], dicts::set),
        "unset" => fixed(&[Map, Str], dicts::unset),
        "hasKey" => fixed(&[Map, Str], dicts::has_key),
        "pluck" => variadic(&[Str], Map, dicts::pluck),
        "keys" => variadic(&[], Map, dicts::keys),
        "pick" => variadic(&[Map], Str, dicts::pick),
        "omit" => variadic(&[Map], Str, dicts::omit),
        "merge" => variadic(&[Map], Map, dicts::merge),
        "mergeOverwrite" => variadic(&[Map], Map, dicts::merge_overwrite),
        "mustMerge" => variadic(&[Map], Map, dicts::must_merge),
        "mustMergeOverwrite" => variadic(&[Map], Map, dicts::must_merge_overwrite),
        "values" => fixed(&[Map], dicts::values),
        "dig" => variadic(&[], Any, dicts::dig),

        "append" | "push" => fixed(&[Any, Any], lists::push),
        "mustAppend" | "mustPush" => fixed(&[Any, Any], lists::must_push),
        "prepend" => fixed(&[Any, Any], lists::prepend),
        "mustPrepend" => fixed(&[Any, Any], lists::must_prepend),
        "first" => fixed(&[Any], lists::first),
        "mustFirst" => fixed(&[Any], lists::must_first),
        "rest" => fixed(&[Any], lists::rest),
        "mustRest" => fixed(&[Any], lists::must_rest),
        "last" => fixed(&[Any], lists::last),
        "mustLast" => fixed(&[Any], lists::must_last),
        "initial" => fixed(&[Any], lists::initial),
        "mustInitial" => fixed(&[Any], lists::must_initial),
        "reverse" => fixed(&[Any], lists::reverse),
        "mustReverse" => fixed(&[Any], lists::must_reverse),
        "uniq" => fixed(&[Any], lists::uniq),
        "mustUniq" => fixed(&[Any], lists::must_uniq),
        "without" => variadic(&[Any], Any, lists::without),
        "mustWithout" => variadic(&[Any], Any, lists::must_without),
        "has" => fixed(&[Any, Any], lists::has),
        "mustHas" => fixed(&[Any, Any], lists::must_has),
        "slice" => variadic(&[Any], Any, lists::slice),
        "mustSlice" => variadic(&[Any], Any, lists::must_slice),
        "concat" => variadic(&[], Any, lists::concat),
        "chunk" => fixed(&[Int, Any], lists::chunk),
        "mustChunk" => fixed(&[Int, Any], lists::must_chunk),

        // crypto.go: what needs no key material.
        "randBytes" => fixed(&[Int], crypto::rand_bytes),
        "uuidv4" => fixed(&[], crypto::uuidv4),
        // crypto.go: keys, certificates, ciphers and password hashes.
        "bcrypt" => fixed(&[Str], crypto::unsupported_bcrypt),
        "htpasswd" => fixed(&[Str, Str], crypto::unsupported_htpasswd),
        "genPrivateKey" => fixed(&[Str], crypto::unsupported_gen_private_key),
        // derivePassword(counter uint32, ...): no uint32 parameter type here.
        "derivePassword" => fixed(
            &[Any, Str, Str, Str, Str],
            crypto::unsupported_derive_password,
        ),
        "buildCustomCert" => fixed(&[Str, Str], crypto::unsupported_build_custom_cert),
        "genCA" => fixed(&[Str, Int], crypto::unsupported_gen_ca),
        "genCAWithKey" => fixed(&[Str, Int, Str], crypto::unsupported_gen_ca_with_key),
        "genSelfSignedCert" => fixed(
            &[Str, List, List, Int],
            crypto::unsupported_gen_self_signed_cert,
        ),
        "genSelfSignedCertWithKey" => fixed(
            &[Str, List, List, Int, Str],
            crypto::unsupported_gen_self_signed_cert_with_key,
        ),
        // genSignedCert(..., ca certificate): the struct parameter is Any here.
        "genSignedCert" => fixed(
            &[Str, List, List, Int, Any],
            crypto::unsupported_gen_signed_cert,
        ),
        "genSignedCertWithKey" => fixed(
            &[Str, List, List, Int, Any, Str],
            crypto::unsupported_gen_signed_cert_with_key,
        ),
        "encryptAES" => fixed(&[Str, Str], crypto::unsupported_encrypt_aes),
        "decryptAES" => fixed(&[Str, Str], crypto::unsupported_decrypt_aes),

        // semver.go
        "semver" => fixed(&[Str], semver::semver),
        "semverCompare" => fixed(&[Str, Str], semver::semver_compare),

        // functions.go: flow control
        "fail" => fixed(&[Str], strings::fail),

        // regex.go
        "regexMatch" => fixed(&[Str, Str], regex::regex_match),
        "mustRegexMatch" => fixed(&[Str, Str], regex::must_regex_match),
        "regexFindAll" => fixed(&[Str, Str, Int], regex::regex_find_all),
        "mustRegexFindAll" => fixed(&[Str, Str, Int], regex::must_regex_find_all),
        "regexFind" => fixed(&[Str, Str], regex::regex_find),
        "mustRegexFind" => fixed(&[Str, Str], regex::must_regex_find),
        "regexReplaceAll" => fixed(&[Str, Str, Str], regex::regex_replace_all),
        "mustRegexReplaceAll" => fixed(&[Str, Str, Str], regex::must_regex_replace_all),
        "regexReplaceAllLiteral" => fixed(&[Str, Str, Str], regex::regex_replace_all_literal),
        "mustRegexReplaceAllLiteral" => {
            fixed(&[Str, Str, Str], regex::must_regex_replace_all_literal)
        }
        "regexSplit" => fixed(&[Str, Str, Int], regex::regex_split),
        "mustRegexSplit" => fixed(&[Str, Str, Int], regex::must_regex_split),
        "regexQuoteMeta" => fixed(&[Str], regex::regex_quote_meta),

        // url.go
        "urlParse" => fixed(&[Str], url::url_parse),
        "urlJoin" => fixed(&[Map], url::url_join),

        _ => return None,
    };
    Some(func)
}

/// Every name in Sprig v3.3.0's `genericMap` that Helm keeps, in the map's
/// order, minus those Helm itself defines (`toJson`, `fromJson`, `mustToJson`),
/// so a test can check the table is complete.
#[cfg(test)]
pub(crate) const NAMES: &[&str] = &[
    "hello",
    "ago",
    "date",
    "date_in_zone",
    "date_modify",
    "dateInZone",
    "dateModify",
    "duration",
    "durationRound",
    "htmlDate",
    "htmlDateInZone",
    "must_date_modify",
    "mustDateModify",
    "mustToDate",
    "now",
    "toDate",
    "unixEpoch",
    "abbrev",
    "abbrevboth",
    "trunc",
    "trim",
    "upper",
    "lower",
    "title",
    "untitle",
    "substr",
    "repeat",
    "trimall",
    "trimAll",
    "trimSuffix",
    "trimPrefix",
    "nospace",
    "initials",
    "randAlphaNum",
    "randAlpha",
    "randAscii",
    "randNumeric",
    "swapcase",
    "shuffle",
    "snakecase",
    "camelcase",
    "kebabcase",
    "wrap",
    "wrapWith",
    "contains",
    "hasPrefix",
    "hasSuffix",
    "quote",
    "squote",
    "cat",
    "indent",
    "nindent",
    "replace",
    "plural",
    "sha1sum",
    "sha256sum",
    "sha512sum",
    "adler32sum",
    "toString",
    "atoi",
    "int64",
    "int",
    "float64",
    "seq",
    "toDecimal",
    "split",
    "splitList",
    "splitn",
    "toStrings",
    "until",
    "untilStep",
    "add1",
    "add",
    "sub",
    "div",
    "mod",
    "mul",
    "randInt",
    "add1f",
    "addf",
    "subf",
    "divf",
    "mulf",
    "biggest",
    "max",
    "min",
    "maxf",
    "minf",
    "ceil",
    "floor",
    "round",
    "join",
    "sortAlpha",
    "default",
    "empty",
    "coalesce",
    "all",
    "any",
    "compact",
    "mustCompact",
    "toPrettyJson",
    "toRawJson",
    "mustFromJson",
    "mustToPrettyJson",
    "mustToRawJson",
    "ternary",
    "deepCopy",
    "mustDeepCopy",
    "typeOf",
    "typeIs",
    "typeIsLike",
    "kindOf",
    "kindIs",
    "deepEqual",
    "getHostByName",
    "base",
    "dir",
    "clean",
    "ext",
    "isAbs",
    "osBase",
    "osClean",
    "osDir",
    "osExt",
    "osIsAbs",
    "b64enc",
    "b64dec",
    "b32enc",
    "b32dec",
    "tuple",
    "list",
    "dict",
    "get",
    "set",
    "unset",
    "hasKey",
    "pluck",
    "keys",
    "pick",
    "omit",
    "merge",
    "mergeOverwrite",
    "mustMerge",
    "mustMergeOverwrite",
    "values",
    "append",
    "push",
    "mustAppend",
    "mustPush",
    "prepend",
    "mustPrepend",
    "first",
    "mustFirst",
    "rest",
    "mustRest",
    "last",
    "mustLast",
    "initial",
    "mustInitial",
    "reverse",
    "mustReverse",
    "uniq",
    "mustUniq",
    "without",
    "mustWithout",
    "has",
    "mustHas",
    "slice",
    "mustSlice",
    "concat",
    "dig",
    "chunk",
    "mustChunk",
    "bcrypt",
    "htpasswd",
    "genPrivateKey",
    "derivePassword",
    "buildCustomCert",
    "genCA",
    "genCAWithKey",
    "genSelfSignedCert",
    "genSelfSignedCertWithKey",
    "genSignedCert",
    "genSignedCertWithKey",
    "encryptAES",
    "decryptAES",
    "randBytes",
    "uuidv4",
    "semver",
    "semverCompare",
    "fail",
    "regexMatch",
    "mustRegexMatch",
    "regexFindAll",
    "mustRegexFindAll",
    "regexFind",
    "mustRegexFind",
    "regexReplaceAll",
    "mustRegexReplaceAll",
    "regexReplaceAllLiteral",
    "mustRegexReplaceAllLiteral",
    "regexSplit",
    "mustRegexSplit",
    "regexQuoteMeta",
    "urlParse",
    "urlJoin",
];

#[cfg(test)]
mod tests {
    use super::{NAMES, lookup};

    #[test]
    fn every_generic_map_name_is_registered() {
        // functions.go: genericMap, minus env/expandenv (Helm deletes them)
        // and toJson/fromJson/mustToJson (Helm replaces them).
        for name in NAMES {
            assert!(lookup(name).is_some(), "{name} is missing");
        }
        assert!(lookup("env").is_none());
        assert!(lookup("expandenv").is_none());
        assert!(lookup("toYaml").is_none());
    }
}
