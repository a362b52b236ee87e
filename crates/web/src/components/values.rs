//! The Values tab: every documented key of the chart, with the value in
//! effect beside the default; changed keys stand out.

use leptos::prelude::*;

use super::app::Shown;
use crate::page::documented_values;

/// The documented values.
#[component]
pub(crate) fn ValuesPane(shown: Memo<Shown>) -> impl IntoView {
    let rows = Memo::new(move |_| shown.with(|shown| documented_values(&shown.analysis.0)));
    let (changed_only, set_changed_only) = signal(false);
    view! {
        <div class="pane-actions">
            <label>
                <input id="changed-only" type="checkbox"
                    prop:checked=move || changed_only.get()
                    on:change=move |event| set_changed_only.set(event_target_checked(&event)) />
                " Only what differs from the chart's defaults"
            </label>
        </div>
        <table id="values-table" class="values-table">
            <thead>
                <tr><th scope="col">"Key"</th><th scope="col">"Your value"</th><th scope="col">"Default"</th><th scope="col">"Description"</th></tr>
            </thead>
            <tbody>
                {move || rows.get().into_iter().filter(|row| row.changed || !changed_only.get()).map(|row| view! {
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
