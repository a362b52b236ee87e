//! Rules over merged values and the resolved model. One module per rule; the
//! module name says the pattern it flags. Codes live in [`crate::codes`].
//!
//! To add a rule: add a [`Code`](crate::Code) in `codes.rs`, a module here
//! with a `check` function, list it in [`check_all`], and give it a test.

mod legacy_grpc_route;
mod passthrough_with_disabled_tls;

use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::values::Node;

/// What a rule may look at.
pub(crate) struct RuleContext<'a> {
    /// The merged values (defaults + files + flags).
    pub(crate) values: &'a Node,
    /// The model the templates render from.
    pub(crate) model: &'a Model,
}

/// Run every rule.
pub(crate) fn check_all(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    legacy_grpc_route::check(ctx, diagnostics);
    passthrough_with_disabled_tls::check(ctx, diagnostics);
}
