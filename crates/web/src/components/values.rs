//! The Values tab: every documented key of the chart, with the value in
//! effect beside the default; changed keys stand out.

use leptos::prelude::*;

use super::app::Shown;
use crate::page::documented_values;

/// The documented values.
#[component]
pub(crate) fn ValuesPane(shown: Memo<Shown>) -> impl IntoView {
    let rows = Memo::new(move |_| shown.with(|shown| documented_values(&shown.analysis.0)));
    view! {
        <table id="values-table" class="values-table">
            <thead>
                <tr><th scope="col">"Key"</th><th scope="col">"Your value"</th><th scope="col">"Default"</th><th scope="col">"Description"</th></tr>
            </thead>
            <tbody>
                {move || rows.get().into_iter().map(|row| view! {
                    <tr class:changed=row.changed>
                        <td><code>{row.key}</code>{row.changed.then(|| view! { <span class="changed-mark">" (changed)"</span> })}</td>
                        <td><code>{row.value}</code></td>
                        <td><code>{row.default}</code></td>
                        <td>{row.description}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
