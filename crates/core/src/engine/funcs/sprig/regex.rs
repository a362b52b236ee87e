//! regex.go over Go's `regexp` (RE2 syntax), run here by `regex-lite`: the
//! same leftmost-first semantics and ASCII `\d`/`\w`/`\s`/`\b`. The match
//! loops (`FindAll`, `ReplaceAll`, `Split`) follow Go's, so empty matches
//! land where Go puts them. The plain functions panic on a bad pattern
//! (`regexp.MustCompile`), the `must` ones return the error; both surface
//! as an error. Unlike Go, Unicode classes (`\pL`) and Unicode case folding
//! are not available, and compile errors name the Go error code with the
//! whole pattern rather than the offending fragment.

use regex_lite::Regex;

use crate::engine::funcs::Host;
use crate::engine::value::Value;

use super::cast::{int_arg, str_arg};

type Out = Result<Value, String>;

/// The Go error code for a `regex-lite` parse error.
fn go_error_code(message: &str) -> &'static str {
    let message = message.to_ascii_lowercase();
    if message.contains("without closing ')'") || message.contains("expected closing ')'") {
        "missing closing )"
    } else if message.contains("closing ')' without") {
        "unexpected )"
    } else if message.contains("bracket") || message.contains("unclosed character class") {
        "missing closing ]"
    } else if message.contains("range") && message.contains("class") {
        "invalid character class range"
    } else if message.contains("posix") {
        "invalid character class"
    } else if message.contains("repetition") && message.contains("sub-expression") {
        "missing argument to repetition operator"
    } else if message.contains("counted repetition") || message.contains("decimal") {
        "invalid repeat count"
    } else if message.contains("group name") || message.contains("capture group") {
        "invalid named capture"
    } else if message.contains("flag")
        || message.contains("look-around")
        || message.contains("backreference")
    {
        "invalid or unsupported Perl syntax"
    } else if message.contains("end of pattern before it finished") {
        "trailing backslash at end of expression"
    } else {
        "invalid escape sequence"
    }
}

/// `regexp.Compile`, with Go's error text.
fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern).map_err(|error| {
        format!(
            "error parsing regexp: {}: `{pattern}`",
            go_error_code(&error.to_string())
        )
    })
}

/// `regexp.MustCompile`'s panic text.
fn must_compile(pattern: &str) -> Result<Regex, String> {
    compile(pattern).map_err(|error| {
        let quoted =
            if pattern.contains('`') || pattern.chars().any(|c| c.is_control() && c != '\t') {
                crate::engine::gofmt::quote(pattern)
            } else {
                format!("`{pattern}`")
            };
        format!("regexp: Compile({quoted}): {error}")
    })
}

/// Go's `allMatches`: at most `limit` matches (`limit < 0`: all), no empty
/// match right after a previous match.
fn all_matches(re: &Regex, text: &str, limit: i64) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut prev_end: Option<usize> = None;
    while (limit < 0 || (out.len() as u64) < limit.unsigned_abs()) && pos <= text.len() {
        let Some(found) = re.find_at(text, pos) else {
            break;
        };
        let (start, end) = (found.start(), found.end());
        let mut accept = true;
        if end == pos {
            if Some(start) == prev_end {
                accept = false;
            }
            pos += text[pos..].chars().next().map_or(1, char::len_utf8);
        } else {
            pos = end;
        }
        prev_end = Some(end);
        if accept {
            out.push((start, end));
        }
    }
    out
}

/// Go's `replaceAll`: `literal` inserts the replacement as it is, else `$1`/`${name}` expand.
fn replace_all(re: &Regex, text: &str, replacement: &str, literal: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_end = 0;
    let mut pos = 0;
    while pos <= text.len() {
        let Some(caps) = re.captures_at(text, pos) else {
            break;
        };
        let whole = caps.get(0).map_or((pos, pos), |m| (m.start(), m.end()));
        out.push_str(&text[last_end..whole.0]);
        if whole.1 > last_end || whole.0 == 0 {
            if literal {
                out.push_str(replacement);
            } else {
                caps.expand(replacement, &mut out);
            }
        }
        last_end = whole.1;
        let width = text[pos..].chars().next().map_or(1, char::len_utf8);
        if pos + width > whole.1 {
            pos += width;
        } else if pos + 1 > whole.1 {
            pos += 1;
        } else {
            pos = whole.1;
        }
    }
    if last_end <= text.len() {
        out.push_str(&text[last_end..]);
    }
    out
}

/// Go's `Regexp.Split`.
fn split(re: &Regex, pattern: &str, text: &str, limit: i64) -> Vec<String> {
    if limit == 0 {
        return Vec::new();
    }
    if !pattern.is_empty() && text.is_empty() {
        return vec![String::new()];
    }
    let mut out = Vec::new();
    let (mut begin, mut end) = (0, 0);
    for (start, stop) in all_matches(re, text, limit) {
        if limit > 0 && out.len() as u64 == limit.unsigned_abs() - 1 {
            break;
        }
        end = start;
        if stop != 0 {
            out.push(text[begin..end].to_owned());
        }
        begin = stop;
    }
    if end != text.len() {
        out.push(text[begin..].to_owned());
    }
    out
}

pub(super) fn regex_match(_: &mut dyn Host, args: &[Value]) -> Out {
    let matched = compile(str_arg(args, 0)).is_ok_and(|re| re.is_match(str_arg(args, 1)));
    Ok(Value::Bool(matched))
}

pub(super) fn must_regex_match(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Bool(
        compile(str_arg(args, 0))?.is_match(str_arg(args, 1)),
    ))
}

fn find_all(re: &Regex, args: &[Value]) -> Value {
    let text = str_arg(args, 1);
    let found = all_matches(re, text, int_arg(args, 2))
        .into_iter()
        .map(|(start, end)| text[start..end].to_owned())
        .collect();
    Value::string_list(found)
}

pub(super) fn regex_find_all(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(find_all(&must_compile(str_arg(args, 0))?, args))
}

pub(super) fn must_regex_find_all(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(find_all(&compile(str_arg(args, 0))?, args))
}

fn find(re: &Regex, args: &[Value]) -> Value {
    Value::str(re.find(str_arg(args, 1)).map_or("", |found| found.as_str()))
}

pub(super) fn regex_find(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(find(&must_compile(str_arg(args, 0))?, args))
}

pub(super) fn must_regex_find(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(find(&compile(str_arg(args, 0))?, args))
}

pub(super) fn regex_replace_all(_: &mut dyn Host, args: &[Value]) -> Out {
    let re = must_compile(str_arg(args, 0))?;
    Ok(Value::string(replace_all(
        &re,
        str_arg(args, 1),
        str_arg(args, 2),
        false,
    )))
}

pub(super) fn must_regex_replace_all(_: &mut dyn Host, args: &[Value]) -> Out {
    let re = compile(str_arg(args, 0))?;
    Ok(Value::string(replace_all(
        &re,
        str_arg(args, 1),
        str_arg(args, 2),
        false,
    )))
}

pub(super) fn regex_replace_all_literal(_: &mut dyn Host, args: &[Value]) -> Out {
    let re = must_compile(str_arg(args, 0))?;
    Ok(Value::string(replace_all(
        &re,
        str_arg(args, 1),
        str_arg(args, 2),
        true,
    )))
}

pub(super) fn must_regex_replace_all_literal(_: &mut dyn Host, args: &[Value]) -> Out {
    let re = compile(str_arg(args, 0))?;
    Ok(Value::string(replace_all(
        &re,
        str_arg(args, 1),
        str_arg(args, 2),
        true,
    )))
}

pub(super) fn regex_split(_: &mut dyn Host, args: &[Value]) -> Out {
    let pattern = str_arg(args, 0);
    let re = must_compile(pattern)?;
    Ok(Value::string_list(split(
        &re,
        pattern,
        str_arg(args, 1),
        int_arg(args, 2),
    )))
}

pub(super) fn must_regex_split(_: &mut dyn Host, args: &[Value]) -> Out {
    let pattern = str_arg(args, 0);
    let re = compile(pattern)?;
    Ok(Value::string_list(split(
        &re,
        pattern,
        str_arg(args, 1),
        int_arg(args, 2),
    )))
}

pub(super) fn regex_quote_meta(_: &mut dyn Host, args: &[Value]) -> Out {
    // regexp.QuoteMeta: a backslash before each of \.+*?()|[]{}^$
    let mut out = String::new();
    for ch in str_arg(args, 0).chars() {
        if "\\.+*?()|[]{}^$".contains(ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    Ok(Value::string(out))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{call, i, ok, s, text};

    #[test]
    fn matching_and_finding() {
        assert!(ok("regexMatch", &[s("^[a-z]+\\d$"), s("abc1")]).is_true());
        assert!(!ok("regexMatch", &[s("("), s("abc")]).is_true());
        assert_eq!(
            call("mustRegexMatch", &[s("("), s("abc")]),
            Err("error parsing regexp: missing closing ): `(`".to_owned())
        );
        assert_eq!(
            call("regexFind", &[s("("), s("abc")]),
            Err("regexp: Compile(`(`): error parsing regexp: missing closing ): `(`".to_owned())
        );
        assert_eq!(text("regexFind", &[s("[0-9]+"), s("ab12cd34")]), "12");
        assert_eq!(
            text("regexFindAll", &[s("[0-9]+"), s("ab12cd34e5"), i(-1)]),
            "[12 34 5]"
        );
        assert_eq!(
            text("regexFindAll", &[s("[0-9]+"), s("ab12cd34e5"), i(2)]),
            "[12 34]"
        );
        assert_eq!(
            text("regexFindAll", &[s("a*"), s("baaab"), i(-1)]),
            "[ aaa ]"
        );
        assert_eq!(
            ok("regexFindAll", &[s("x"), s("abc"), i(-1)]).type_name(),
            "[]string"
        );
    }

    #[test]
    fn replacing_like_go() {
        // regexp ReplaceAllString: $1 / ${name} expand; no double replacement after a match.
        assert_eq!(
            text(
                "regexReplaceAll",
                &[s("a(x*)b"), s("-ab-axxb-"), s("${1}W")]
            ),
            "-W-xxW-"
        );
        assert_eq!(
            text("regexReplaceAll", &[s("a(x*)b"), s("-ab-axxb-"), s("$1W")]),
            "---"
        );
        assert_eq!(
            text("regexReplaceAll", &[s("a*"), s("baaab"), s("X")]),
            "XbXbX"
        );
        assert_eq!(
            text(
                "regexReplaceAllLiteral",
                &[s("a(x*)b"), s("-ab-axxb-"), s("${1}")]
            ),
            "-${1}-${1}-"
        );
        assert_eq!(
            text(
                "regexReplaceAll",
                &[
                    s("(?P<first>\\w+) (?P<last>\\w+)"),
                    s("John Smith"),
                    s("$last, $first")
                ]
            ),
            "Smith, John"
        );
    }

    #[test]
    fn splitting_like_go() {
        assert_eq!(text("regexSplit", &[s("z+"), s("pizza"), i(-1)]), "[pi a]");
        assert_eq!(text("regexSplit", &[s("z+"), s("pizza"), i(1)]), "[pizza]");
        assert_eq!(text("regexSplit", &[s("z+"), s("pizza"), i(0)]), "[]");
        assert_eq!(text("regexSplit", &[s(""), s("abc"), i(-1)]), "[a b c]");
        assert_eq!(text("regexSplit", &[s("a*"), s("baaab"), i(-1)]), "[b b]");
        assert_eq!(text("regexSplit", &[s(","), s(""), i(-1)]), "[]");
        assert_eq!(
            ok("regexSplit", &[s(","), s(""), i(-1)])
                .as_list()
                .map(<[_]>::len),
            Some(1)
        );
    }

    #[test]
    fn quote_meta() {
        assert_eq!(
            text("regexQuoteMeta", &[s("1.2.3+[a]")]),
            "1\\.2\\.3\\+\\[a\\]"
        );
        assert_eq!(text("regexQuoteMeta", &[s("a-b#c")]), "a-b#c");
    }
}
