//! XF009 name-truncated.
//!
//! ## What it does
//! Flags a chart fullname longer than 63 characters, which the chart cuts.
//!
//! ## Why is this bad?
//! The cut name may end mid-word and can collide with another release's
//! resources; the Service, routes and certificates all carry it.
//!
//! ## Fix
//! Shorten `fullnameOverride`, `nameOverride` or the release name.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::gotmpl::print;
use crate::keys;

/// A name the templates cut (`trunc`, as the render's trace says) that a
/// rendered document carries, placed at the name keys the user wrote whose
/// values make up the whole name.
pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some((rendered, trace)) = ctx.rendered else {
        return;
    };
    let mut said: Vec<&str> = Vec::new();
    for cut in &trace.cuts {
        let carried = rendered.documents.iter().any(|document| {
            !document.name.is_empty() && cut.kept.trim_end_matches('-') == document.name
        });
        if !carried || said.contains(&cut.whole.as_str()) {
            continue;
        }
        said.push(&cut.whole);
        let key = keys::NAME_KEYS.into_iter().find(|&key| {
            ctx.user_origin(key).is_some()
                && ctx
                    .value(key)
                    .is_some_and(|node| cut.whole.contains(&print(&node.value)))
        });
        diagnostics.push(
            Diagnostic::new(
                Code::NameTruncated,
                key.map(String::from).unwrap_or_default(),
                key.and_then(|key| ctx.origin(key)),
                format!(
                    "the name `{}` is {} characters; the chart cuts it to `{}`",
                    cut.whole,
                    cut.whole.len(),
                    cut.kept.trim_end_matches('-')
                ),
            )
            .with_help("choose a name of at most 63 characters"),
        );
    }
}
