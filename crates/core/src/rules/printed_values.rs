//! CH005 unparsable-printed-value and VA015 printed-value-reads-differently.
//!
//! ## What it does
//! Checks the string values the chart prints unquoted into its manifests
//! (`{{ .Values.x }}`): the GatewayClass, the Gateway's name and namespace,
//! and the name overrides. It reads each one back the way YAML reads
//! `key: <text>`.
//!
//! ## Why is this bad?
//! Helm pastes the text into the document as is. `eg #primary` becomes `eg`
//! (the rest is a comment), `'eg'` loses its quotes, `[eg]` becomes a list,
//! trailing spaces vanish; the manifest silently differs from the values.
//! Text such as `a: b`, `%x` or `*eg` breaks the document, and Helm stops
//! with a YAML parse error.
//!
//! ## Fix
//! Remove the characters YAML treats specially, or the surrounding spaces.

use super::RuleContext;
use super::wrong_type::describe;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::keys;
use crate::render::{double_quoted, read_back};
use crate::values::Value;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let gateway_rendered = ctx.is_true(keys::GATEWAY_CREATE);
    let anything_rendered =
        gateway_rendered || ctx.is_true(keys::GRPC_ENABLED) || ctx.is_true(keys::TLS_ENABLED);
    let printed = [
        (keys::GATEWAY_CLASS_NAME, gateway_rendered),
        (keys::GATEWAY_NAME, anything_rendered),
        (
            keys::GATEWAY_NAMESPACE,
            anything_rendered && !gateway_rendered,
        ),
        (keys::NAME_OVERRIDE, anything_rendered),
        (keys::FULLNAME_OVERRIDE, anything_rendered),
    ];
    for (path, is_printed) in printed {
        let Some(origin) = ctx.user_origin(path).filter(|_| is_printed) else {
            continue;
        };
        let Some(Value::String(text)) = ctx.value(path).map(|node| &node.value) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        match read_back(text) {
            None => diagnostics.push(
                Diagnostic::new(
                    Code::UnparsablePrintedValue,
                    path,
                    Some(origin),
                    format!(
                        "the chart prints `{path}` unquoted, and {} breaks the YAML document, so Helm stops with a parse error",
                        double_quoted(text)
                    ),
                )
                .with_help("remove `: `, line breaks and leading `%`, `@`, `*`, `` ` `` or `,` from the value"),
            ),
            Some(Value::String(read)) if read == *text => {}
            Some(read) => diagnostics.push(
                Diagnostic::new(
                    Code::PrintedValueReadsDifferently,
                    path,
                    Some(origin),
                    format!(
                        "the chart prints `{path}` unquoted, so {} reads back as {}",
                        double_quoted(text),
                        describe(&read)
                    ),
                )
                .with_help("remove what YAML treats specially here: `#` comments, quotes, brackets, surrounding spaces"),
            ),
        }
    }
}
