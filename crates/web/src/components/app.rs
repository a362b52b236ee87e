//! The page: header (presets, release, namespace, share, reset), the values
//! editor with its gutter and problems, and the output tabs.

use std::rc::Rc;
use std::sync::Arc;

use ingresslab_core::controllers::Controller;
use ingresslab_core::{Analysis, Release};
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::completion::{Assist, CompletionList, HoverHelp, KeyHelpLine};
use super::diagram::DiagramPane;
use super::gutter::Gutter;
use super::highlight::Highlight;
use super::manifests::ManifestsPane;
use super::problems::ProblemsList;
use super::values::ValuesPane;
use crate::editor;
use crate::page::{
    OpenedChart, PRESETS, PageModel, STARTING_VALUES, TextFix, VALUES_FILE_NAME, analyze_values,
    migrate_values, utf16_of_byte,
};
use crate::share::{SharedState, decode, encode};

/// One analysis, shared by every pane (compared by identity: a new edit is
/// a new analysis). It holds the render's trace, whose key paths are shared
/// with `Rc`: the page runs on one thread, which `SendWrapper` checks.
#[derive(Clone, Debug)]
pub(crate) struct Analyzed(pub(crate) SendWrapper<Rc<Analysis>>);

impl PartialEq for Analyzed {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the page currently shows, derived from the editor text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Shown {
    /// The analysis of the current text.
    pub(crate) analysis: Analyzed,
    pub(crate) page: PageModel,
    pub(crate) elapsed_ms: Option<f64>,
    /// The last render Helm would make, kept while the text is briefly
    /// invalid: its Gateway API resources, and every resource.
    pub(crate) last_rendered: Option<(String, String)>,
}

/// The output tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tab {
    Manifests,
    Traffic,
    Compare,
    Values,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Manifests, Tab::Traffic, Tab::Compare, Tab::Values];

    fn label(self) -> &'static str {
        match self {
            Tab::Manifests => "Manifests",
            Tab::Traffic => "Traffic",
            Tab::Compare => "Compare",
            Tab::Values => "Values",
        }
    }

    /// The name used in element ids and share links.
    fn slug(self) -> &'static str {
        match self {
            Tab::Manifests => "manifests",
            Tab::Traffic => "traffic",
            Tab::Compare => "compare",
            Tab::Values => "values",
        }
    }

    fn from_slug(slug: &str) -> Self {
        Tab::ALL
            .into_iter()
            .find(|tab| tab.slug() == slug)
            .unwrap_or(Tab::Manifests)
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
    editor::mark("ingresslab-start");
    // A share link restores everything it holds; otherwise start from the first preset.
    let restored = decode(&editor::fragment());
    let defaults = Release::default();
    let initial = restored.unwrap_or_else(|| SharedState {
        values: STARTING_VALUES.to_owned(),
        release: defaults.name.clone(),
        namespace: defaults.namespace.clone(),
        tab: Tab::Manifests.slug().to_owned(),
        chart: None,
        controller: None,
    });
    let initial_values = initial.values.clone();
    let (values, set_values) = signal(initial.values);
    let (release_name, set_release_name) = signal(initial.release);
    let (namespace, set_namespace) = signal(initial.namespace);
    let (tab, set_tab) = signal(Tab::from_slug(&initial.tab));
    // The Gateway controller the user picked; none means the GatewayClass says.
    let (controller, set_controller) =
        signal(initial.controller.as_deref().and_then(Controller::parse));
    let (migration_note, set_migration_note) = signal(None::<(String, String)>);
    let (share_note, set_share_note) = signal(None::<String>);
    // A chart opened from disk, and what opening one said.
    let (opened, set_opened) = signal(None::<Arc<OpenedChart>>);
    let (chart_note, set_chart_note) = signal(initial.chart.clone().map(needs_chart));
    // Esc then Tab leaves the editor; Tab alone indents.
    let (escape_armed, set_escape_armed) = signal(false);

    let release = Memo::new(move |_| Release {
        name: release_name.get(),
        namespace: namespace.get(),
    });
    let shown = Memo::new(move |previous: Option<&Shown>| {
        let start = now_ms();
        let analysis = values.with(|text| {
            release.with(|release| {
                opened.with(|opened| {
                    Rc::new(analyze_values(
                        text,
                        release,
                        opened.as_deref(),
                        controller.get(),
                    ))
                })
            })
        });
        let page = PageModel::from_analysis(&analysis);
        let elapsed_ms = start.zip(now_ms()).map(|(start, end)| end - start);
        if previous.is_none() {
            editor::mark("ingresslab-first-analysis");
        }
        let last_rendered = page
            .manifests
            .clone()
            .zip(page.all_documents.clone())
            .or_else(|| previous.and_then(|previous| previous.last_rendered.clone()));
        Shown {
            analysis: Analyzed(SendWrapper::new(analysis)),
            page,
            elapsed_ms,
            last_rendered,
        }
    });
    let assist = Assist::new(values, set_values, shown);
    // When the first manifests are on screen, for the page bench.
    Effect::new(move |marked: Option<bool>| {
        if marked == Some(true) {
            return true;
        }
        let rendered = shown.with(|shown| shown.page.manifests.is_some());
        if rendered {
            editor::mark("ingresslab-first-manifests");
        }
        rendered
    });
    // Replace the editor text as if typed: the textarea and the signal move together.
    let replace_text = move |text: String| {
        editor::set_text(&text);
        set_values.set(text);
    };
    // Replace the whole text as one edit the browser's undo takes back.
    let replace_undoable = move |text: String| {
        let old = values.get_untracked();
        match editor::replace_range(0, utf16_of_byte(&old, old.len()), &text) {
            Some(new) => set_values.set(new),
            None => replace_text(text),
        }
    };
    let apply_fix = move |fix: TextFix| {
        let text = values.get_untracked();
        let start = utf16_of_byte(&text, fix.start);
        let end = utf16_of_byte(&text, fix.end);
        if let Some(new) = editor::replace_range(start, end, &fix.replacement) {
            set_values.set(new);
        }
    };
    let migrate = move || {
        let before = values.get_untracked();
        match migrate_values(&before) {
            Ok((text, summary)) => {
                replace_undoable(text);
                set_migration_note.set(Some((summary, before)));
            }
            Err(reason) => set_migration_note.set(Some((
                format!("Migration not possible: {reason}"),
                String::new(),
            ))),
        }
    };
    let share = move |_| {
        let fragment = encode(&SharedState {
            values: values.get_untracked(),
            release: release_name.get_untracked(),
            namespace: namespace.get_untracked(),
            tab: tab.get_untracked().slug().to_owned(),
            chart: opened.with_untracked(|opened| opened.as_ref().map(|chart| chart.label())),
            controller: controller
                .get_untracked()
                .map(|controller| controller.id().to_owned()),
        });
        let url = editor::set_fragment(&fragment);
        editor::copy(&url);
        set_share_note.set(Some(
            "Link copied; it holds your values in the part after #, which the browser never sends"
                .to_owned(),
        ));
    };
    let reset = move |_| {
        editor::set_fragment("");
        set_migration_note.set(None);
        set_share_note.set(None);
        set_release_name.set(defaults.name.clone());
        set_namespace.set(defaults.namespace.clone());
        set_controller.set(None);
        set_tab.set(Tab::Manifests);
        replace_text(STARTING_VALUES.to_owned());
    };
    // A share link opened in a tab that already shows the page changes only the fragment.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(state) = decode(&editor::fragment()) {
            set_release_name.set(state.release);
            set_namespace.set(state.namespace);
            set_controller.set(state.controller.as_deref().and_then(Controller::parse));
            set_tab.set(Tab::from_slug(&state.tab));
            let current =
                opened.with_untracked(|opened| opened.as_ref().map(|chart| chart.label()));
            set_chart_note.set(
                state
                    .chart
                    .filter(|chart| current.as_ref() != Some(chart))
                    .map(needs_chart),
            );
            replace_text(state.values);
        }
    });
    // The folder picker: a file input that takes a directory.
    let folder_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = folder_input.get() {
            input.set_webkitdirectory(true);
        }
    });
    // Read the chosen `.tgz` or folder in the page and render with it.
    let open_chart = move |input: &'static str| {
        leptos::task::spawn_local(async move {
            let opened_chart = match editor::chosen_files(input).await {
                Ok(files) if files.is_empty() => return,
                Ok(files) if input == "open-folder" => OpenedChart::from_folder(files),
                Ok(mut files) => {
                    let (name, bytes) = files.swap_remove(0);
                    OpenedChart::from_archive(&name, &bytes)
                }
                Err(reason) => Err(reason),
            };
            match opened_chart {
                Ok(chart) => {
                    set_chart_note.set(None);
                    set_opened.set(Some(Arc::new(chart)));
                }
                Err(reason) => {
                    set_chart_note.set(Some(format!("That is not a chart Helm can read: {reason}")))
                }
            }
        });
    };
    // The editor's own keys: Tab indents, Esc then Tab leaves.
    let editor_keys = move |event: &leptos::ev::KeyboardEvent| match event.key().as_str() {
        "Escape" => set_escape_armed.set(true),
        "Tab" if !event.shift_key() && !escape_armed.get_untracked() => {
            if let Some(text) = editor::insert_indent() {
                event.prevent_default();
                set_values.set(text);
            }
        }
        _ => set_escape_armed.set(false),
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        let open = assist.popup.with_untracked(Option::is_some);
        let key = event.key();
        let handled = match key.as_str() {
            "ArrowDown" if open => {
                assist.step(1);
                true
            }
            "ArrowUp" if open => {
                assist.step(-1);
                true
            }
            "Enter" | "Tab" if open => {
                let active = assist
                    .popup
                    .with_untracked(|popup| popup.as_ref().map_or(0, |popup| popup.active));
                assist.accept(active);
                true
            }
            "Escape" if open => {
                assist.popup.set(None);
                true
            }
            " " if event.ctrl_key() => {
                assist.suggest(true);
                true
            }
            _ => false,
        };
        if handled {
            event.prevent_default();
            return;
        }
        editor_keys(&event);
    };

    view! {
        <header class="topbar">
            <h1>"ingresslab"</h1>
            <span class="subtitle">"OpenShell Gateway API values"</span>
            <div class="controls">
                <label>
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
                <label>
                    "Release "
                    <input id="release" type="text" size="12" spellcheck="false"
                        prop:value=move || release_name.get()
                        on:input=move |event| set_release_name.set(event_target_value(&event)) />
                </label>
                <label>
                    "Namespace "
                    <input id="namespace" type="text" size="12" spellcheck="false"
                        prop:value=move || namespace.get()
                        on:input=move |event| set_namespace.set(event_target_value(&event)) />
                </label>
                <label>
                    "Controller "
                    <select
                        id="controller"
                        on:change=move |event| set_controller.set(Controller::parse(&event_target_value(&event)))
                    >
                        <option value="" selected=move || controller.get().is_none()>"From the GatewayClass"</option>
                        {Controller::ALL.iter().map(|candidate| {
                            let candidate = *candidate;
                            view! {
                                <option value=candidate.id() selected=move || controller.get() == Some(candidate)>
                                    {candidate.name()}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </label>
                <button id="share" type="button" on:click=share>"Share"</button>
                <button id="reset" type="button" on:click=reset>"Reset"</button>
            </div>
        </header>
        {move || share_note.get().map(|note| view! { <p class="banner share" role="status" id="share-note">{note}</p> })}
        <div class="chart-bar">
            <p id="chart-name" role="status">
                {move || opened.with(|opened| match opened {
                    Some(chart) => format!("Chart: {}, opened from {} (read in this page, never uploaded)", chart.label(), chart.opened_from),
                    None => "Chart: ingresslab's built-in chart (PR 2108's gatewayApi tree with the terminate + re-encrypt proposal)".to_owned(),
                })}
            </p>
            <label class="file-button">
                "Open chart (.tgz) "
                <input id="open-chart" type="file" accept=".tgz,.tar.gz,application/gzip,application/x-gzip"
                    on:change=move |_| open_chart("open-chart") />
            </label>
            <label class="file-button">
                "Open chart folder "
                <input id="open-folder" type="file" multiple="" node_ref=folder_input
                    on:change=move |_| open_chart("open-folder") />
            </label>
            {move || opened.with(|opened| opened.is_some()).then(|| view! {
                <button id="use-built-in" type="button" on:click=move |_| set_opened.set(None)>
                    "Use the built-in chart"
                </button>
            })}
            {move || chart_note.get().map(|note| view! { <p class="banner" role="note" id="chart-note">{note}</p> })}
        </div>
        <main class="layout">
            <section class="pane editor-pane" aria-label="Values">
                <label for="values" class="pane-title">{VALUES_FILE_NAME}</label>
                {move || shown.with(|shown| shown.page.legacy).then(|| view! {
                    <p class="banner legacy" role="note">
                        "These are pre-gatewayApi values: the chart refuses grpcRoute. "
                        <button id="migrate" type="button" on:click=move |_| migrate()>"Migrate"</button>
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
                <div class="editor-frame">
                    <Gutter values=values shown=shown />
                    <div class="editor-stack">
                    <Highlight values=values shown=shown />
                    <textarea
                        id="values"
                        class="editor"
                        spellcheck="false"
                        autocomplete="off"
                        wrap="off"
                        aria-describedby="status editor-keys key-help"
                        aria-autocomplete="list"
                        aria-controls="completions"
                        aria-activedescendant=move || assist.popup.with(|popup| {
                            popup.as_ref().map(|popup| format!("completion-{}", popup.active))
                        })
                        on:input=move |event| {
                            set_values.set(event_target_value(&event));
                            assist.suggest(false);
                            assist.explain();
                        }
                        on:scroll=move |_| {
                            assist.popup.set(None);
                            editor::sync_gutter();
                        }
                        on:keydown=on_keydown
                        on:keyup=move |event: leptos::ev::KeyboardEvent| {
                            if event.key().starts_with("Arrow") || matches!(event.key().as_str(), "Home" | "End" | "PageUp" | "PageDown") {
                                assist.explain();
                            }
                        }
                        on:click=move |_| {
                            assist.popup.set(None);
                            assist.explain();
                        }
                        on:blur=move |_| assist.popup.set(None)
                        on:mousemove=move |event: leptos::ev::MouseEvent| {
                            assist.hover_at(f64::from(event.offset_x()), f64::from(event.offset_y()));
                        }
                        on:mouseleave=move |_| assist.hover.set(None)
                    >
                        {initial_values}
                    </textarea>
                    <CompletionList assist=assist />
                    <HoverHelp assist=assist />
                    </div>
                </div>
                <KeyHelpLine assist=assist />
                <p id="editor-keys" class="hint">"Tab indents; Ctrl+Space suggests keys; press Esc, then Tab, to leave the editor."</p>
                <p id="status" class="status" role="status">
                    {move || shown.with(|shown| shown.page.status(shown.elapsed_ms))}
                </p>
                <ProblemsList shown=shown on_fix=Callback::new(apply_fix) on_migrate=Callback::new(move |()| migrate()) />
            </section>
            <section class="pane output-pane" aria-label="Output">
                <div class="tabs" role="tablist">
                    {Tab::ALL.iter().map(|candidate| {
                        let candidate = *candidate;
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=format!("tab-{}", candidate.slug())
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
                        Tab::Traffic => view! { <DiagramPane shown=shown compare=false /> }.into_any(),
                        Tab::Compare => view! { <DiagramPane shown=shown compare=true /> }.into_any(),
                        Tab::Values => view! { <ValuesPane shown=shown /> }.into_any(),
                    }}
                </div>
            </section>
        </main>
    }
}

/// What a share link made with an opened chart says when opened without it.
fn needs_chart(chart: String) -> String {
    format!(
        "This link was made with the chart {chart}: open that chart (Open chart) to see the same render; a link cannot carry a chart."
    )
}
