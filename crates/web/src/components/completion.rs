//! Completion of keys and values at the caret, as a listbox under it, and
//! what the key under the caret means. The editor keeps its focus: the
//! listbox is driven from the editor's keys (arrows, Enter or Tab, Escape)
//! through `aria-activedescendant`, and a live region says what is offered.

use std::rc::Rc;

use ingresslab_core::{Completion, KeyHelp};
use leptos::prelude::*;

use super::app::Shown;
use crate::editor;
use crate::page::{byte_of_utf16, utf16_of_byte};

/// An open completion list.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Popup {
    pub(crate) items: Vec<Completion>,
    /// The typed prefix it replaces, in bytes of the editor text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The highlighted item.
    pub(crate) active: usize,
    /// Where it opens, in pixels from the editor frame.
    pub(crate) top: f64,
    pub(crate) left: f64,
}

/// The completion list and key help for one editor.
#[derive(Clone, Copy)]
pub(crate) struct Assist {
    pub(crate) popup: RwSignal<Option<Popup>>,
    pub(crate) help: RwSignal<Option<KeyHelp>>,
    /// The key under the mouse, and where to show it.
    pub(crate) hover: RwSignal<Option<(KeyHelp, f64, f64)>>,
    values: ReadSignal<String>,
    set_values: WriteSignal<String>,
    shown: Memo<Shown>,
}

impl Assist {
    pub(crate) fn new(
        values: ReadSignal<String>,
        set_values: WriteSignal<String>,
        shown: Memo<Shown>,
    ) -> Self {
        Self {
            popup: RwSignal::new(None),
            help: RwSignal::new(None),
            hover: RwSignal::new(None),
            values,
            set_values,
            shown,
        }
    }

    /// Offer completions at the caret: always when `asked` (Ctrl+Space),
    /// otherwise once something was typed to complete.
    pub(crate) fn suggest(self, asked: bool) {
        let text = self.values.get_untracked();
        let Some(caret) = editor::caret() else {
            self.popup.set(None);
            return;
        };
        let offset = byte_of_utf16(&text, caret);
        let analysis = self
            .shown
            .with_untracked(|shown| Rc::clone(&shown.analysis.0));
        let popup = analysis
            .completions(&text, offset)
            .filter(|completions| {
                !completions.items.is_empty() && (asked || completions.end > completions.start)
            })
            .map(|completions| {
                let before = &text[..completions.start];
                let line = u32::try_from(before.matches('\n').count()).unwrap_or(0);
                let line_start = before.rfind('\n').map_or(0, |at| at + 1);
                let column = u32::try_from(before[line_start..].chars().count()).unwrap_or(0);
                let (top, left) = editor::point_of(line, column).unwrap_or((0.0, 0.0));
                Popup {
                    items: completions.items,
                    start: completions.start,
                    end: completions.end,
                    active: 0,
                    top,
                    left,
                }
            });
        self.popup.set(popup);
    }

    /// Move the highlight by `step`, wrapping around.
    pub(crate) fn step(self, step: isize) {
        self.popup.update(|popup| {
            if let Some(popup) = popup {
                let count = popup.items.len().cast_signed();
                popup.active = (popup.active.cast_signed() + step)
                    .rem_euclid(count)
                    .cast_unsigned();
            }
        });
    }

    /// Write the item at `index` in place of the typed prefix.
    pub(crate) fn accept(self, index: usize) {
        let Some(popup) = self.popup.get_untracked() else {
            return;
        };
        self.popup.set(None);
        let Some(item) = popup.items.get(index) else {
            return;
        };
        let text = self.values.get_untracked();
        let start = utf16_of_byte(&text, popup.start);
        let end = utf16_of_byte(&text, popup.end);
        if let Some(text) = editor::replace_range(start, end, &item.insert) {
            self.set_values.set(text);
        }
        self.explain();
    }

    /// Say what the key under the mouse means, at `x`, `y` (pixels from
    /// the editor's padding edge): only over the key itself.
    pub(crate) fn hover_at(self, x: f64, y: f64) {
        let help = editor::position_at(x, y).and_then(|(line, column)| {
            self.values.with_untracked(|text| {
                let line_start = text
                    .split_inclusive('\n')
                    .take(line as usize)
                    .map(str::len)
                    .sum::<usize>();
                let line_text = text[line_start..].lines().next().unwrap_or_default();
                let indent = line_text.len() - line_text.trim_start_matches([' ', '-']).len();
                let key_end = line_text.find(':')?;
                let at = line_text.char_indices().nth(column as usize)?.0;
                if at < indent || at >= key_end {
                    return None;
                }
                let analysis = self
                    .shown
                    .with_untracked(|shown| Rc::clone(&shown.analysis.0));
                analysis.key_help(text, line_start + at)
            })
        });
        self.hover.set(help.map(|help| (help, y + 18.0, x)));
    }

    /// Say what the key at the caret means.
    pub(crate) fn explain(self) {
        let text = self.values.get_untracked();
        let help = editor::caret().and_then(|caret| {
            let analysis = self
                .shown
                .with_untracked(|shown| Rc::clone(&shown.analysis.0));
            analysis.key_help(&text, byte_of_utf16(&text, caret))
        });
        self.help.set(help);
    }
}

/// The listbox at the caret, and what it offers said in a live region.
#[component]
pub(crate) fn CompletionList(assist: Assist) -> impl IntoView {
    let announcement = move || {
        assist.popup.with(|popup| match popup {
            Some(popup) => {
                let item = &popup.items[popup.active];
                format!(
                    "{} suggestions. {} ({}), {} of {}. Enter accepts, Escape closes.",
                    popup.items.len(),
                    item.label,
                    item.kind,
                    popup.active + 1,
                    popup.items.len()
                )
            }
            None => String::new(),
        })
    };
    view! {
        {move || assist.popup.get().map(|popup| {
            let active = popup.active;
            view! {
                <ul id="completions" class="completions" role="listbox" aria-label="Suggestions"
                    style=format!("top: {:.0}px; left: {:.0}px", popup.top, popup.left)>
                    {popup.items.into_iter().enumerate().map(|(index, item)| view! {
                        <li role="option" id=format!("completion-{index}")
                            aria-selected=(index == active).to_string()
                            class:active=index == active
                            on:mousedown=move |event| {
                                event.prevent_default();
                                assist.accept(index);
                            }>
                            <span class="label">{item.label}</span>
                            <span class="kind">{item.kind}</span>
                            <span class="description">{item.description}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }
        })}
        <p id="completion-status" class="visually-hidden" role="status">{announcement}</p>
    }
}

/// What the key under the mouse means, beside it.
#[component]
pub(crate) fn HoverHelp(assist: Assist) -> impl IntoView {
    move || {
        assist.hover.get().map(|(help, top, left)| {
            view! {
                <div id="hover-help" class="hover-help" role="tooltip"
                    style=format!("top: {top:.0}px; left: {left:.0}px")>
                    {explained(help)}
                </div>
            }
        })
    }
}

/// What the key at the caret means: its description, default, value in
/// effect, and what it is printed into.
#[component]
pub(crate) fn KeyHelpLine(assist: Assist) -> impl IntoView {
    view! {
        <p id="key-help" class="key-help" aria-live="polite">
            {move || assist.help.get().map(explained)}
        </p>
    }
}

fn explained(help: KeyHelp) -> impl IntoView {
    view! {
                <code>{help.path}</code>
                {help.description.map(|text| view! { " " <span class="description">{text}</span> })}
                <span class="facts">
                    {help.default.map(|default| format!(" Default: {}.", shortened(&default)))}
                    {help.value.map(|value| format!(" In effect: {}.", shortened(&value)))}
                    {(!help.renders.is_empty()).then(|| format!(" Renders: {}.", help.renders.join(", ")))}
                </span>
    }
}

/// A value as JSON, cut to a line.
fn shortened(json: &str) -> String {
    const MOST: usize = 80;
    match json.char_indices().nth(MOST) {
        Some((at, _)) => format!("{}…", &json[..at]),
        None => json.to_owned(),
    }
}
