//! The Traffic and Compare tabs: the core's SVG for the current values.

use leptos::prelude::*;

use crate::page::diagram_svg;

/// The traffic diagram, or with `compare` both TLS modes and the capability matrix.
#[component]
pub(crate) fn DiagramPane(values: ReadSignal<String>, compare: bool) -> impl IntoView {
    // The SVG comes from the core's template, with every text XML-escaped.
    let svg = Memo::new(move |_| values.with(|text| diagram_svg(text, compare)));
    let id = if compare { "compare" } else { "traffic" };
    view! { <div id=id class="diagram" inner_html=move || svg.get()></div> }
}
