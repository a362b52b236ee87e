//! The editor's painted overlay: YAML colours and a squiggle under the
//! exact bytes of each problem, drawn under the (transparent) text field.

use leptos::prelude::*;

use super::app::Shown;
use crate::highlight::{Squiggle, runs};

/// The overlay for the editor's current text.
#[component]
pub(crate) fn Highlight(values: ReadSignal<String>, shown: Memo<Shown>) -> impl IntoView {
    let painted = move || {
        let squiggles: Vec<Squiggle> = shown.with(|shown| {
            shown
                .page
                .problems
                .iter()
                .filter_map(|problem| {
                    problem.span.map(|(start, end)| Squiggle {
                        start,
                        end,
                        severity: problem.severity,
                    })
                })
                .collect()
        });
        values.with(|text| runs(text, &squiggles))
    };
    view! {
        <pre id="highlight" class="highlight" aria-hidden="true">
            {move || {
                painted()
                    .into_iter()
                    .map(|run| view! { <span class=run.class>{run.text}</span> })
                    .collect_view()
            }}
            // A last line break keeps the overlay as tall as the text field's content.
            "\n"
        </pre>
    }
}
