//! The Traffic and Compare tabs: the core's SVG for the current values.

use ingresslab_core::diagram::{SMALLEST_FONT_PX, WIDTH};
use leptos::prelude::*;

use super::app::Shown;
use crate::page::diagram_svg;

/// The smallest text the page shows, in CSS pixels.
const READABLE_FONT_PX: u32 = 12;

/// The diagram's width when its smallest text is [`READABLE_FONT_PX`]: the
/// pane scrolls sideways rather than shrink the text below it.
fn readable_width() -> String {
    format!("{}px", WIDTH * READABLE_FONT_PX / SMALLEST_FONT_PX)
}

/// The traffic diagram, or with `compare` both TLS modes and the capability matrix.
#[component]
pub(crate) fn DiagramPane(shown: Memo<Shown>, compare: bool) -> impl IntoView {
    // The SVG comes from the core's template, with every text XML-escaped.
    let svg = Memo::new(move |_| shown.with(|shown| diagram_svg(&shown.analysis.0, compare)));
    let id = if compare { "compare" } else { "traffic" };
    let file_name = format!("{id}.svg");
    // Readable by default; "Zoom to fit" trades text size for the whole picture.
    let (fit, set_fit) = signal(false);
    view! {
        <div class="pane-actions">
            <button
                id=format!("fit-{id}")
                type="button"
                aria-pressed=move || fit.get().to_string()
                on:click=move |_| set_fit.update(|fit| *fit = !*fit)
            >
                "Zoom to fit"
            </button>
            <button id=format!("download-{id}") type="button" on:click=move |_| {
                crate::editor::download(&file_name, "image/svg+xml", &svg.get_untracked());
            }>"Download SVG"</button>
        </div>
        <div
            id=id
            class="diagram"
            class:fit=fit
            style:--readable-width=readable_width()
            inner_html=move || svg.get()
        ></div>
    }
}
