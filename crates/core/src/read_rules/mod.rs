//! Rules on what a chart's own templates read, for any chart: each takes
//! the user's values, the chart's defaults and the render's read trace, so
//! it holds on every chart revision without knowing its keys.
//!
//! One module per rule, named after the pattern it flags. Add a rule by
//! writing its `check` and listing it in [`check_all`].

mod deleted_default;
mod ignored_key;
mod truthy_string;

use crate::diagnostic::Diagnostic;
use crate::engine::trace::Trace;
use crate::source::Sources;
use crate::values::Node;

/// What the rules read.
pub(crate) struct ReadContext<'a> {
    /// The values the user wrote (files and flags merged), with positions.
    pub(crate) user: &'a Node,
    /// The chart's own values.yaml, with positions.
    pub(crate) defaults: &'a Node,
    /// What the render read.
    pub(crate) trace: &'a Trace,
    /// Whether every template ran to its end (false when the chart refused:
    /// what was not reached is not known to be unread).
    pub(crate) complete: bool,
    /// Whether the chart is a whole chart. The embedded one holds only the
    /// Gateway API templates, so a key none of them reads may still belong
    /// to the rest of the OpenShell chart.
    pub(crate) whole_chart: bool,
    /// Every input text, for looking at what was written around a value.
    pub(crate) sources: &'a Sources,
}

/// Run every rule. A key another rule already reported under the same code
/// is not reported again.
pub(crate) fn check_all(ctx: &ReadContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    const RULES: &[fn(&ReadContext<'_>, &mut Vec<Diagnostic>)] = &[
        ignored_key::check,
        truthy_string::check,
        deleted_default::check,
    ];
    let mut found = Vec::new();
    for rule in RULES {
        rule(ctx, &mut found);
    }
    for diagnostic in found {
        let reported = diagnostics
            .iter()
            .any(|known| known.code == diagnostic.code && known.path == diagnostic.path);
        if !reported {
            diagnostics.push(diagnostic);
        }
    }
}
