//! The page: values editor on the left, problems under it, manifests on the right.

use leptos::prelude::*;

use super::manifests::ManifestsPane;
use super::problems::ProblemsList;
use crate::page::{PageModel, STARTING_VALUES, VALUES_FILE_NAME};

/// What the page currently shows, derived from the editor text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Shown {
    pub(crate) page: PageModel,
    pub(crate) elapsed_ms: Option<f64>,
    /// The last manifests Helm would render, kept while the text is briefly invalid.
    pub(crate) last_rendered: Option<String>,
}

/// Milliseconds from the page's clock, when there is one.
fn now_ms() -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|window| window.performance())
            .map(|performance| performance.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// The playground.
#[component]
pub fn App() -> impl IntoView {
    let (values, set_values) = signal(STARTING_VALUES.to_owned());
    let shown = Memo::new(move |previous: Option<&Shown>| {
        let start = now_ms();
        let page = values.with(|text| PageModel::compute(text));
        let elapsed_ms = start.zip(now_ms()).map(|(start, end)| end - start);
        let last_rendered = page
            .manifests
            .clone()
            .or_else(|| previous.and_then(|previous| previous.last_rendered.clone()));
        Shown {
            page,
            elapsed_ms,
            last_rendered,
        }
    });

    view! {
        <header class="topbar">
            <h1>"ingresslab"</h1>
            <span class="subtitle">"OpenShell Gateway API values"</span>
        </header>
        <main class="layout">
            <section class="pane editor-pane" aria-label="Values">
                <label for="values" class="pane-title">{VALUES_FILE_NAME}</label>
                <textarea
                    id="values"
                    class="editor"
                    spellcheck="false"
                    autocomplete="off"
                    on:input=move |event| set_values.set(event_target_value(&event))
                >
                    {STARTING_VALUES}
                </textarea>
                <p id="status" class="status" role="status">
                    {move || shown.with(|shown| shown.page.status(shown.elapsed_ms))}
                </p>
                <ProblemsList shown=shown />
            </section>
            <section class="pane output-pane" aria-label="Manifests">
                <h2 class="pane-title">"Manifests"</h2>
                <ManifestsPane shown=shown />
            </section>
        </main>
    }
}
