//! The Traffic and Compare tabs: the core's SVG for the current values.

use ingresslab_core::Release;
use leptos::prelude::*;

use crate::page::diagram_svg;

/// The traffic diagram, or with `compare` both TLS modes and the capability matrix.
#[component]
pub(crate) fn DiagramPane(
    values: ReadSignal<String>,
    release: Memo<Release>,
    compare: bool,
) -> impl IntoView {
    // The SVG comes from the core's template, with every text XML-escaped.
    let svg = Memo::new(move |_| {
        values.with(|text| release.with(|release| diagram_svg(text, release, compare)))
    });
    let id = if compare { "compare" } else { "traffic" };
    view! { <div id=id class="diagram" inner_html=move || svg.get()></div> }
}
