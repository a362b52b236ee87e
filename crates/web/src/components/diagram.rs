//! The Traffic and Compare tabs: the core's SVG for the current values.

use leptos::prelude::*;

use super::app::Shown;
use crate::page::diagram_svg;

/// The traffic diagram, or with `compare` both TLS modes and the capability matrix.
#[component]
pub(crate) fn DiagramPane(shown: Memo<Shown>, compare: bool) -> impl IntoView {
    // The SVG comes from the core's template, with every text XML-escaped.
    let svg = Memo::new(move |_| shown.with(|shown| diagram_svg(&shown.analysis.0, compare)));
    let id = if compare { "compare" } else { "traffic" };
    let file_name = format!("{id}.svg");
    view! {
        <div class="pane-actions">
            <button id=format!("download-{id}") type="button" on:click=move |_| {
                crate::editor::download(&file_name, "image/svg+xml", &svg.get_untracked());
            }>"Download SVG"</button>
        </div>
        <div id=id class="diagram" inner_html=move || svg.get()></div>
    }
}
