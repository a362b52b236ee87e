//! XF024 controller-unknown.
//!
//! ## What it does
//! Says once that the controller behind a route's Gateway is not known: its
//! GatewayClass is not a well-known one (`eg`, `cilium`, `nginx`,
//! `traefik`, `contour`, `istio`), or the chart does not render the
//! Gateway. The controller-specific checks (XF021 to XF023) then stay off.
//!
//! ## Why is this bad?
//! It is not: it says which checks did not run, and how to turn them on.
//!
//! ## Fix
//! Name the controller.

use super::PathContext;
use crate::codes::Code;
use crate::controllers::Controller;
use crate::diagnostic::Diagnostic;

pub(crate) fn check(ctx: &PathContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let unknown = ctx
        .server_routes()
        .into_iter()
        .find_map(|(route, parents)| {
            let parent = parents
                .into_iter()
                .find(|parent| parent.controller.is_none())?;
            Some((route, parent))
        });
    let Some((route, parent)) = unknown else {
        return;
    };
    let (why, keys) = match parent.gateway {
        Some(gateway) => (
            format!(
                "the GatewayClass `{}` of the Gateway `{}` is not one ingresslab knows",
                gateway.class_name, parent.name
            ),
            ctx.class_keys(Some(gateway)),
        ),
        None => (
            format!(
                "the Gateway `{}` is not rendered by the chart, so its GatewayClass is not known",
                parent.name
            ),
            ctx.rendered.documents[route.document].keys_behind("/spec/parentRefs", ctx.trace),
        ),
    };
    let place = ctx.place(&keys);
    diagnostics.push(
        Diagnostic::new(
            Code::ControllerUnknown,
            place.path,
            place.origin,
            format!("{why}: the checks of what its controller really does did not run"),
        )
        .with_help(format!(
            "name the controller (`--controller`, or the Controller menu of the playground): {}",
            Controller::ids()
        )),
    );
}
