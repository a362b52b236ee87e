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
use crate::gotmpl::node_is_true;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    if model.untruncated_fullname == model.fullname {
        return;
    }
    let key = ["fullnameOverride", "nameOverride"]
        .into_iter()
        .find(|key| node_is_true(ctx.values.lookup(key)))
        .unwrap_or_default();
    diagnostics.push(
        Diagnostic::new(
            Code::NameTruncated,
            key,
            ctx.origin(key).filter(|_| !key.is_empty()),
            format!(
                "the name `{}` is {} characters; the chart cuts it to `{}`",
                model.untruncated_fullname,
                model.untruncated_fullname.len(),
                model.fullname
            ),
        )
        .with_help("choose a name of at most 63 characters"),
    );
}
