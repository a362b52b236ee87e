//! The rendered manifests, with the states the page can be in: nothing
//! rendered by these values, Helm refusing them, or a YAML error mid-edit.

use leptos::prelude::*;

use super::app::Shown;

const NOTHING_RENDERED: &str = "These values render no Gateway API resources. \
     Set gatewayApi.gateway.create, gatewayApi.routes.grpc.enabled or gatewayApi.routes.tls.enabled.";

/// The manifests pane.
#[component]
pub(crate) fn ManifestsPane(shown: Memo<Shown>) -> impl IntoView {
    let banner = move || {
        shown.with(
            |shown| match (&shown.page.manifests, shown.page.syntax_error) {
                (Some(text), _) if text.is_empty() => Some(NOTHING_RENDERED.to_owned()),
                (Some(_), _) => None,
                (None, true) => {
                    Some("The values are not valid YAML; showing the last render.".to_owned())
                }
                (None, false) => Some(
                    "Helm would refuse these values (see Problems); showing the last render."
                        .to_owned(),
                ),
            },
        )
    };
    let stale = move || shown.with(|shown| shown.page.manifests.is_none());
    view! {
        {move || banner().map(|text| view! { <p class="banner" role="note">{text}</p> })}
        <pre id="manifests" class="manifests" class:stale=stale>
            {move || shown.with(|shown| shown.last_rendered.clone().unwrap_or_default())}
        </pre>
    }
}
