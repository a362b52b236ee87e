//! The Problems list: every diagnostic, errors first, with line:column and help.

use leptos::prelude::*;

use super::app::Shown;
use crate::page::TextFix;

/// Icon and word per severity: never colour alone.
fn marker(severity: &str) -> &'static str {
    match severity {
        "error" => "✕ error",
        "warning" => "! warning",
        _ => "i note",
    }
}

/// The list of problems for the current values; a problem with a sure fix
/// has a button that applies it (the browser's undo takes it back).
#[component]
pub(crate) fn ProblemsList(
    shown: Memo<Shown>,
    on_fix: Callback<TextFix>,
    on_migrate: Callback<()>,
) -> impl IntoView {
    view! {
        <h2 class="pane-title">
            "Problems (" {move || shown.with(|shown| shown.page.problems.len())} ")"
        </h2>
        <ul id="problems" class="problems">
            {move || {
                shown
                    .with(|shown| shown.page.problems.clone())
                    .into_iter()
                    .map(|problem| {
                        let position = problem
                            .line
                            .zip(problem.column)
                            .map(|(line, column)| format!("{line}:{column}"))
                            .unwrap_or_default();
                        let target = problem.line.zip(problem.column);
                        view! {
                            <li
                                class=format!("problem {}", problem.severity)
                                class:jumpable=target.is_some()
                                title=target.map(|_| "Show in the editor")
                                on:click=move |_| {
                                    if let Some((line, column)) = target {
                                        crate::editor::reveal(line, column);
                                    }
                                }
                            >
                                <span class="severity">{marker(problem.severity)}</span>
                                " "
                                <code class="code">{problem.code}</code>
                                " "
                                <code class="path">{problem.path}</code>
                                " "
                                {match target {
                                    // A button, so the keyboard reaches the line too.
                                    Some((line, column)) => view! {
                                        <button
                                            type="button"
                                            class="position"
                                            aria-label=format!("Show line {line}, column {column} in the editor")
                                            on:click=move |event| {
                                                event.stop_propagation();
                                                crate::editor::reveal(line, column);
                                            }
                                        >{position}</button>
                                    }.into_any(),
                                    None => view! { <span class="position"></span> }.into_any(),
                                }}
                                {(!problem.also.is_empty())
                                    .then(|| {
                                        let places = problem
                                            .also
                                            .iter()
                                            .map(|(path, line)| format!("{path} (line {line})"))
                                            .collect::<Vec<_>>()
                                            .join(", ");
                                        view! { <span class="also">" also " {places}</span> }
                                    })}
                                <p class="message">{problem.message}</p>
                                {problem.help.map(|help| view! { <p class="help">{help}</p> })}
                                {problem.fix.map(|fix| {
                                    let label = format!("Apply: {}", fix.label);
                                    view! {
                                        <button type="button" class="fix" on:click=move |event| {
                                            event.stop_propagation();
                                            on_fix.run(fix.clone());
                                        }>{label}</button>
                                    }
                                })}
                                {(problem.code == "CH001").then(|| view! {
                                    <button type="button" class="fix" on:click=move |event| {
                                        event.stop_propagation();
                                        on_migrate.run(());
                                    }>"Apply: migrate to gatewayApi"</button>
                                })}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
