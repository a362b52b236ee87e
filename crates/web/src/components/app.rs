//! The page: header with presets, values editor with problems on the left,
//! tabs (manifests, traffic, compare) on the right.

use leptos::prelude::*;

use super::diagram::DiagramPane;
use super::manifests::ManifestsPane;
use super::problems::ProblemsList;
use crate::editor;
use crate::page::{PRESETS, PageModel, STARTING_VALUES, VALUES_FILE_NAME, migrate_values};

/// What the page currently shows, derived from the editor text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Shown {
    pub(crate) page: PageModel,
    pub(crate) elapsed_ms: Option<f64>,
    /// The last manifests Helm would render, kept while the text is briefly invalid.
    pub(crate) last_rendered: Option<String>,
}

/// The output tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tab {
    Manifests,
    Traffic,
    Compare,
}

impl Tab {
    const ALL: [Tab; 3] = [Tab::Manifests, Tab::Traffic, Tab::Compare];

    fn label(self) -> &'static str {
        match self {
            Tab::Manifests => "Manifests",
            Tab::Traffic => "Traffic",
            Tab::Compare => "Compare",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Tab::Manifests => "tab-manifests",
            Tab::Traffic => "tab-traffic",
            Tab::Compare => "tab-compare",
        }
    }
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
    let (tab, set_tab) = signal(Tab::Manifests);
    let (migration_note, set_migration_note) = signal(None::<(String, String)>);
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
    // Replace the editor text as if typed: the textarea and the signal move together.
    let replace_text = move |text: String| {
        editor::set_text(&text);
        set_values.set(text);
    };
    let migrate = move |_| {
        let before = values.get_untracked();
        match migrate_values(&before) {
            Ok((text, summary)) => {
                replace_text(text);
                set_migration_note.set(Some((summary, before)));
            }
            Err(reason) => set_migration_note.set(Some((
                format!("Migration not possible: {reason}"),
                String::new(),
            ))),
        }
    };

    view! {
        <header class="topbar">
            <h1>"ingresslab"</h1>
            <span class="subtitle">"OpenShell Gateway API values"</span>
            <label class="preset">
                "Preset "
                <select
                    id="preset"
                    on:change=move |event| {
                        let label = event_target_value(&event);
                        if let Some((_, text)) = PRESETS.iter().find(|(name, _)| *name == label) {
                            set_migration_note.set(None);
                            replace_text((*text).to_owned());
                        }
                    }
                >
                    {PRESETS.iter().map(|(label, _)| view! { <option value=*label>{*label}</option> }).collect_view()}
                </select>
            </label>
        </header>
        <main class="layout">
            <section class="pane editor-pane" aria-label="Values">
                <label for="values" class="pane-title">{VALUES_FILE_NAME}</label>
                {move || shown.with(|shown| shown.page.legacy).then(|| view! {
                    <p class="banner legacy" role="note">
                        "These are pre-gatewayApi values: the chart refuses grpcRoute. "
                        <button id="migrate" type="button" on:click=migrate>"Migrate"</button>
                    </p>
                })}
                {move || migration_note.get().map(|(summary, before)| view! {
                    <p class="banner" role="status" id="migration-note">
                        {summary}
                        {(!before.is_empty()).then(|| view! {
                            " "
                            <button type="button" on:click=move |_| {
                                set_migration_note.set(None);
                                replace_text(before.clone());
                            }>"Undo"</button>
                        })}
                    </p>
                })}
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
            <section class="pane output-pane" aria-label="Output">
                <div class="tabs" role="tablist">
                    {Tab::ALL.iter().map(|candidate| {
                        let candidate = *candidate;
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=candidate.id()
                                aria-selected=move || (tab.get() == candidate).to_string()
                                class:active=move || tab.get() == candidate
                                on:click=move |_| set_tab.set(candidate)
                            >
                                {candidate.label()}
                            </button>
                        }
                    }).collect_view()}
                </div>
                <div class="tab-panel" role="tabpanel">
                    {move || match tab.get() {
                        Tab::Manifests => view! { <ManifestsPane shown=shown /> }.into_any(),
                        Tab::Traffic => view! { <DiagramPane values=values compare=false /> }.into_any(),
                        Tab::Compare => view! { <DiagramPane values=values compare=true /> }.into_any(),
                    }}
                </div>
            </section>
        </main>
    }
}
