//! The browser side of the page: the editor's text and caret, the URL
//! fragment, and the clipboard. Each call does nothing outside a browser,
//! so the page logic stays testable natively.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsCast;

#[cfg(target_arch = "wasm32")]
fn editor_element() -> Option<web_sys::HtmlTextAreaElement> {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("values"))
        .and_then(|element| element.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
}

/// Replace the editor's text (a preset, a migration, an undo, a share link).
pub(crate) fn set_text(text: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(editor) = editor_element() {
        editor.set_value(text);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = text;
}

/// Insert two spaces at the caret, as Tab does in code editors; returns the new text.
pub(crate) fn insert_indent() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let editor = editor_element()?;
        let start = editor.selection_start().ok()??;
        let end = editor.selection_end().ok()??;
        editor
            .set_range_text_with_start_and_end_and_mode("  ", start, end, "end")
            .ok()?;
        Some(editor.value())
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// The caret's UTF-16 offset in the editor.
pub(crate) fn caret() -> Option<u32> {
    #[cfg(target_arch = "wasm32")]
    {
        editor_element()?.selection_start().ok()?
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// Replace UTF-16 `start..end` of the editor's text as if typed, so the
/// browser's own undo takes it back; returns the new text.
pub(crate) fn replace_range(start: u32, end: u32, text: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let editor = editor_element()?;
        let _ = editor.focus();
        editor.set_selection_range(start, end).ok()?;
        let document = web_sys::window()?
            .document()?
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()?;
        let typed = document
            .exec_command_with_show_ui_and_value("insertText", false, text)
            .unwrap_or(false);
        if !typed {
            // Without `insertText` the edit still happens, without undo.
            editor
                .set_range_text_with_start_and_end_and_mode(text, start, end, "end")
                .ok()?;
        }
        Some(editor.value())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (start, end, text);
        None
    }
}

/// The editor's text grid: where its text starts and how big a character is.
#[cfg(target_arch = "wasm32")]
struct Grid {
    editor: web_sys::HtmlTextAreaElement,
    padding_top: f64,
    padding_left: f64,
    line_height: f64,
    advance: f64,
}

#[cfg(target_arch = "wasm32")]
fn grid() -> Option<Grid> {
    let editor = editor_element()?;
    let window = web_sys::window()?;
    let style = window.get_computed_style(&editor).ok()??;
    let pixels = |name: &str| {
        style
            .get_property_value(name)
            .ok()
            .and_then(|value| value.trim_end_matches("px").parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let font_size = pixels("font-size");
    let line_height = match pixels("line-height") {
        height if height > 0.0 => height,
        _ => font_size * 1.45,
    };
    Some(Grid {
        padding_top: pixels("padding-top"),
        padding_left: pixels("padding-left"),
        line_height,
        // Monospace: one advance per character, about 0.6 of the font size.
        advance: measured_advance(&window, &style).unwrap_or(font_size * 0.6),
        editor,
    })
}

/// Where the text at `line` (0-based) and `column` (characters) sits,
/// in pixels from the editor frame's top left: for the completion list.
pub(crate) fn point_of(line: u32, column: u32) -> Option<(f64, f64)> {
    #[cfg(target_arch = "wasm32")]
    {
        let grid = grid()?;
        let editor = &grid.editor;
        let top = f64::from(editor.offset_top())
            + grid.padding_top
            + f64::from(line + 1) * grid.line_height
            - f64::from(editor.scroll_top());
        let left =
            f64::from(editor.offset_left()) + grid.padding_left + f64::from(column) * grid.advance
                - f64::from(editor.scroll_left());
        Some((top, left))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (line, column);
        None
    }
}

/// The line (0-based) and column (characters) under a point of the
/// editor, given in pixels from its padding edge (a mouse event's offset).
pub(crate) fn position_at(x: f64, y: f64) -> Option<(u32, u32)> {
    #[cfg(target_arch = "wasm32")]
    {
        let grid = grid()?;
        let line = (y - grid.padding_top + f64::from(grid.editor.scroll_top())) / grid.line_height;
        let column = (x - grid.padding_left + f64::from(grid.editor.scroll_left())) / grid.advance;
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "small, checked non-negative"
        )]
        (line >= 0.0 && column >= 0.0).then_some((line as u32, column as u32))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (x, y);
        None
    }
}

/// The width of one character in the editor's font (measured once).
#[cfg(target_arch = "wasm32")]
fn measured_advance(window: &web_sys::Window, style: &web_sys::CssStyleDeclaration) -> Option<f64> {
    thread_local! {
        static ADVANCE: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
    }
    if let Some(advance) = ADVANCE.get() {
        return Some(advance);
    }
    let advance = measure_advance(window, style)?;
    ADVANCE.set(Some(advance));
    Some(advance)
}

#[cfg(target_arch = "wasm32")]
fn measure_advance(window: &web_sys::Window, style: &web_sys::CssStyleDeclaration) -> Option<f64> {
    let document = window.document()?;
    let probe = document.create_element("span").ok()?;
    probe
        .set_attribute(
            "style",
            &format!(
                "position:absolute;visibility:hidden;white-space:pre;font:{}",
                style.get_property_value("font").ok()?
            ),
        )
        .ok()?;
    probe.set_text_content(Some(&"M".repeat(40)));
    document.body()?.append_child(&probe).ok()?;
    let width = probe.get_bounding_client_rect().width();
    probe.remove();
    (width > 0.0).then_some(width / 40.0)
}

/// Note a moment in the page's performance timeline (read by the page bench).
pub(crate) fn mark(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

/// Keep the line-number gutter level with the editor's scroll position.
pub(crate) fn sync_gutter() {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(editor) = editor_element() else {
            return;
        };
        let document = web_sys::window().and_then(|window| window.document());
        if let Some(gutter) = document
            .as_ref()
            .and_then(|document| document.get_element_by_id("gutter"))
        {
            gutter.set_scroll_top(editor.scroll_top());
        }
        if let Some(overlay) = document
            .as_ref()
            .and_then(|document| document.get_element_by_id("highlight"))
        {
            overlay.set_scroll_top(editor.scroll_top());
            overlay.set_scroll_left(editor.scroll_left());
        }
    }
}

/// Put the caret at `line:column` (1-based) of the editor and scroll it into view.
pub(crate) fn reveal(line: u32, column: u32) {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(editor) = editor_element() else {
            return;
        };
        let text = editor.value();
        let offset = utf16_offset(&text, line, column);
        let _ = editor.focus();
        let _ = editor.set_selection_range(offset, offset);
        // Scroll so the line sits a few lines from the top.
        let lines = u32::try_from(text.lines().count().max(1)).unwrap_or(u32::MAX);
        let line_height = f64::from(editor.scroll_height()) / f64::from(lines);
        #[allow(clippy::cast_possible_truncation, reason = "pixel offsets are small")]
        editor.set_scroll_top((f64::from(line.saturating_sub(4)) * line_height) as i32);
        sync_gutter();
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (line, column);
    }
}

/// The URL fragment, without `#`.
pub(crate) fn fragment() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|window| window.location().hash().ok())
            .unwrap_or_default()
            .trim_start_matches('#')
            .to_owned()
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

/// Replace the URL fragment without scrolling or adding a history entry;
/// returns the full URL.
pub(crate) fn set_fragment(fragment: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(window) = web_sys::window() else {
            return String::new();
        };
        let location = window.location();
        let base = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        let url = if fragment.is_empty() {
            base
        } else {
            format!("{base}#{fragment}")
        };
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        url
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = fragment;
        String::new()
    }
}

/// Copy text to the clipboard (best effort: the link is also in the address bar).
pub(crate) fn copy(text: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = text;
}

/// The files chosen in the file input `id`: each one's path (below the
/// chosen folder, for a folder picker) and bytes. Read in the page; nothing
/// is sent anywhere.
pub(crate) async fn chosen_files(id: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let input = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(id))
            .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
            .ok_or("the file input is missing")?;
        let Some(list) = input.files() else {
            return Ok(Vec::new());
        };
        let mut files = Vec::new();
        for index in 0..list.length() {
            let Some(file) = list.get(index) else {
                continue;
            };
            let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                .await
                .map_err(|_| format!("cannot read {}", file.name()))?;
            // `webkitRelativePath`, which web-sys does not bind: the path below
            // the chosen folder (empty for a single file).
            let relative = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
                .ok()
                .and_then(|path| path.as_string())
                .unwrap_or_default();
            let path = if relative.is_empty() {
                file.name()
            } else {
                relative
            };
            files.push((path, js_sys::Uint8Array::new(&buffer).to_vec()));
        }
        // Clear it, so choosing the same file again is a change too.
        input.set_value("");
        Ok(files)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = id;
        Ok(Vec::new())
    }
}

/// Offer `text` as a file download named `file_name`.
pub(crate) fn download(file_name: &str, mime: &str, text: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        let anchor = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.create_element("a").ok())
            .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(anchor) = anchor {
            anchor.set_href(&url);
            anchor.set_download(file_name);
            anchor.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (file_name, mime, text);
    }
}

/// The UTF-16 offset (what the DOM counts) of a 1-based line and character column.
#[cfg_attr(
    not(target_arch = "wasm32"),
    allow(dead_code, reason = "only the browser build moves a caret")
)]
pub(crate) fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut offset = 0usize;
    for (idx, content) in text.split('\n').enumerate() {
        if idx + 1 == line as usize {
            let chars = content.chars().take(column.saturating_sub(1) as usize);
            offset += chars.map(char::len_utf16).sum::<usize>();
            return u32::try_from(offset).unwrap_or(u32::MAX);
        }
        offset += content.encode_utf16().count() + 1;
    }
    u32::try_from(offset).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units() {
        let text = "a: 1\nbé: 😀x\n";
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 2, 1), 5);
        // "x" follows "bé: 😀": 5 characters, 6 UTF-16 units (the emoji takes two).
        assert_eq!(utf16_offset(text, 2, 6), 11);
    }
}
