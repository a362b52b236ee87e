//! The rendered manifests, with the states the page can be in: nothing
//! rendered, ingresslab errors that Helm would still render, Helm refusing
//! the values, or a YAML error mid-edit (the last render stays, dimmed).

use leptos::prelude::*;

use super::app::Shown;

const NOTHING_RENDERED: &str = "These values render no Gateway API resources. \
     Pick a preset, or set gatewayApi.gateway.create or a route's enabled.";

/// The manifests pane.
#[component]
pub(crate) fn ManifestsPane(shown: Memo<Shown>) -> impl IntoView {
    let banner = move || {
        shown.with(|shown| {
            let page = &shown.page;
            let first_error = page.problems.iter().find(|problem| problem.severity == "error").cloned();
            let text = match (&page.manifests, page.syntax_error) {
                (Some(text), _) if text.is_empty() => NOTHING_RENDERED.to_owned(),
                (Some(_), _) => match &first_error {
                    Some(error) => format!(
                        "ingresslab found errors; this is what Helm would still render. First: {} {} {}",
                        error.code, error.path, error.message
                    ),
                    None => return None,
                },
                (None, true) => "The values are not valid YAML; showing the last render.".to_owned(),
                (None, false) => "Helm would refuse these values (see Problems); showing the last render.".to_owned(),
            };
            let target = first_error.and_then(|error| error.line.zip(error.column));
            Some(view! {
                <p class="banner" role="note" id="manifests-banner">
                    {text}
                    {target.map(|(line, column)| view! {
                        " "
                        <button type="button" on:click=move |_| crate::editor::reveal(line, column)>
                            {format!("Show line {line}")}
                        </button>
                    })}
                </p>
            })
        })
    };
    let stale = move || shown.with(|shown| shown.page.manifests.is_none());
    let (copied, set_copied) = signal(false);
    let (everything, set_everything) = signal(false);
    let text = move || {
        shown.with(|shown| {
            shown
                .last_rendered
                .as_ref()
                .map(|(gateway_api, all)| {
                    if everything.get() {
                        all.clone()
                    } else {
                        gateway_api.clone()
                    }
                })
                .unwrap_or_default()
        })
    };
    view! {
        {banner}
        <div class="pane-actions">
            <button id="copy-manifests" type="button" on:click=move |_| {
                crate::editor::copy(&text());
                set_copied.set(true);
            }>"Copy"</button>
            <button id="download-manifests" type="button" on:click=move |_| {
                crate::editor::download("manifests.yaml", "application/yaml", &text());
            }>"Download .yaml"</button>
            <label>
                <input id="all-resources" type="checkbox"
                    prop:checked=move || everything.get()
                    on:change=move |event| set_everything.set(event_target_checked(&event)) />
                " Every resource the chart renders"
            </label>
            <span role="status" id="copy-note">{move || copied.get().then_some("Copied to the clipboard")}</span>
        </div>
        <pre id="manifests" class="manifests" class:stale=stale>
            {text}
        </pre>
    }
}
