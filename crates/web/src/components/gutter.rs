//! Line numbers beside the editor, each marked with the most serious
//! problem on that line (an icon and a word for screen readers' sake is in
//! the Problems list; here the icon and its title).

use leptos::prelude::*;

use super::app::Shown;

/// The line-number gutter.
#[component]
pub(crate) fn Gutter(values: ReadSignal<String>, shown: Memo<Shown>) -> impl IntoView {
    let lines = move || {
        let count = values.with(|text| text.split('\n').count()).max(1);
        let problems = shown.with(|shown| shown.page.problems.clone());
        (1..=count)
            .map(|number| {
                let line = u32::try_from(number).unwrap_or(u32::MAX);
                // Problems are sorted errors first, so the first one on a line is the most serious.
                let worst = problems.iter().find(|problem| {
                    problem.line == Some(line) || problem.also.iter().any(|(_, also)| *also == line)
                });
                let (class, mark, title) = match worst.map(|problem| problem.severity) {
                    Some("error") => ("line error", "✕", "error"),
                    Some("warning") => ("line warning", "!", "warning"),
                    Some(_) => ("line info", "i", "note"),
                    None => ("line", "", ""),
                };
                view! { <div class=class title=title>{number}" "<span class="mark">{mark}</span></div> }
            })
            .collect_view()
    };
    view! { <div id="gutter" class="gutter" aria-hidden="true">{lines}</div> }
}
