//! YAML colouring and diagnostic squiggles for the editor's overlay: the
//! text cut into runs, each with the classes its bytes carry. The editor
//! itself stays a real text field (caret, selection, IME, undo); the
//! overlay under it only paints.
//!
//! Block YAML is coloured line by line, as it is written: the text being
//! edited is often not valid YAML, and a line's role is clear from its
//! shape (a comment, `key: value`, a list item).

/// A run of text and the classes it is painted with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Space-separated classes (`tok-key`, `squiggle error`), or empty.
    pub class: String,
}

/// A span of the text a diagnostic is about: bytes and severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Squiggle {
    /// First byte.
    pub start: usize,
    /// Byte after the last.
    pub end: usize,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
}

/// The runs of `text`, coloured as YAML, with `squiggles` underlined.
#[must_use]
pub fn runs(text: &str, squiggles: &[Squiggle]) -> Vec<Run> {
    let tokens = tokens(text);
    // Every place a class may change.
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (start, end, _) in &tokens {
        cuts.extend([*start, *end]);
    }
    for squiggle in squiggles {
        cuts.extend([squiggle.start.min(text.len()), squiggle.end.min(text.len())]);
    }
    cuts.retain(|at| text.is_char_boundary(*at));
    ingresslab_core::sort::sort(&mut cuts);
    cuts.dedup();
    let mut runs: Vec<Run> = Vec::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mut classes: Vec<&str> = Vec::new();
        if let Some((_, _, class)) = tokens
            .iter()
            .find(|(from, to, _)| *from <= start && end <= *to)
        {
            classes.push(class);
        }
        // The most serious squiggle over the run.
        if let Some(squiggle) = squiggles
            .iter()
            .filter(|squiggle| squiggle.start <= start && end <= squiggle.end)
            .min_by_key(|squiggle| rank(squiggle.severity))
        {
            classes.push("squiggle");
            classes.push(squiggle.severity);
        }
        let class = classes.join(" ");
        match runs.last_mut() {
            Some(last) if last.class == class => last.text.push_str(&text[start..end]),
            _ => runs.push(Run {
                text: text[start..end].to_owned(),
                class,
            }),
        }
    }
    runs
}

fn rank(severity: &str) -> u8 {
    match severity {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    }
}

/// `(start, end, class)` of each coloured token, in order.
fn tokens(text: &str) -> Vec<(usize, usize, &'static str)> {
    let mut tokens = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        line_tokens(line.trim_end_matches('\n'), line_start, &mut tokens);
        line_start += line.len();
    }
    tokens
}

fn line_tokens(line: &str, at: usize, tokens: &mut Vec<(usize, usize, &'static str)>) {
    let mut position = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[position..];
    if rest.starts_with('#') {
        tokens.push((at + position, at + line.len(), "tok-comment"));
        return;
    }
    if let Some(after_dash) = rest
        .strip_prefix("- ")
        .or_else(|| (rest == "-").then_some(""))
    {
        tokens.push((at + position, at + position + 1, "tok-punct"));
        position = line.len() - after_dash.len();
        position += line[position..].len() - line[position..].trim_start_matches(' ').len();
    }
    let rest = &line[position..];
    if let Some(colon) = key_colon(rest) {
        tokens.push((at + position, at + position + colon, "tok-key"));
        tokens.push((
            at + position + colon,
            at + position + colon + 1,
            "tok-punct",
        ));
        position += colon + 1;
        position += line[position..].len() - line[position..].trim_start_matches(' ').len();
    }
    let value = &line[position..];
    let (content, comment) = split_comment(value);
    let content_text = content.trim_end();
    if !content_text.is_empty() {
        tokens.push((
            at + position,
            at + position + content_text.len(),
            scalar_class(content_text),
        ));
    }
    if let Some(comment) = comment {
        tokens.push((at + position + comment, at + line.len(), "tok-comment"));
    }
}

/// Where the `:` of `key: value` (or `key:` at the end) is.
fn key_colon(text: &str) -> Option<usize> {
    if text.starts_with(['"', '\'']) {
        let quote = text.as_bytes()[0];
        let close = text[1..].find(char::from(quote))? + 1;
        return text[close + 1..].starts_with(':').then_some(close + 1);
    }
    let bytes = text.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        match byte {
            b'#' if index == 0 || bytes[index - 1] == b' ' => return None,
            b'{' | b'[' if index == 0 => return None,
            b':' if bytes.get(index + 1).is_none_or(|next| *next == b' ') => {
                return (index > 0).then_some(index);
            }
            _ => {}
        }
    }
    None
}

/// The value and where its ` #` comment starts, if any (outside quotes).
fn split_comment(value: &str) -> (&str, Option<usize>) {
    let mut quote = None;
    let bytes = value.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        match (quote, byte) {
            (None, b'"' | b'\'') if index == 0 => quote = Some(*byte),
            (Some(open), _) if *byte == open => quote = None,
            (None, b'#') if index == 0 || bytes[index - 1] == b' ' => {
                return (&value[..index], Some(index));
            }
            _ => {}
        }
    }
    (value, None)
}

fn scalar_class(text: &str) -> &'static str {
    match text {
        _ if text.starts_with(['"', '\'']) => "tok-string",
        _ if text.starts_with(['&', '*']) => "tok-anchor",
        _ if text.starts_with(['|', '>']) => "tok-punct",
        "true" | "false" | "True" | "False" | "TRUE" | "FALSE" | "yes" | "no" | "on" | "off"
        | "null" | "Null" | "NULL" | "~" => "tok-constant",
        _ if text.parse::<f64>().is_ok() => "tok-number",
        _ => "tok-plain",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(text: &str) -> Vec<(String, String)> {
        runs(text, &[])
            .into_iter()
            .map(|run| (run.text, run.class))
            .collect()
    }

    #[test]
    fn keys_values_and_comments_are_told_apart() {
        let painted = classes("# head\ngatewayApi:\n  create: true # on\n  port: \"443\"\n");
        let find = |text: &str| {
            painted
                .iter()
                .find(|(run, _)| run == text)
                .map(|(_, class)| class.as_str())
        };
        assert_eq!(find("# head"), Some("tok-comment"));
        assert_eq!(find("gatewayApi"), Some("tok-key"));
        assert_eq!(find("true"), Some("tok-constant"));
        assert_eq!(find("# on"), Some("tok-comment"));
        assert_eq!(find("\"443\""), Some("tok-string"));
        // Nothing is lost or reordered.
        let joined: String = painted.iter().map(|(text, _)| text.as_str()).collect();
        assert_eq!(
            joined,
            "# head\ngatewayApi:\n  create: true # on\n  port: \"443\"\n"
        );
    }

    #[test]
    fn a_squiggle_covers_exactly_its_bytes() {
        let text = "gatewayApi:\n  clasName: eg\n";
        let start = text.find("clasName").unwrap();
        let painted = runs(
            text,
            &[Squiggle {
                start,
                end: start + "clasName".len(),
                severity: "error",
            }],
        );
        let squiggled: Vec<&str> = painted
            .iter()
            .filter(|run| run.class.contains("squiggle"))
            .map(|run| run.text.as_str())
            .collect();
        assert_eq!(squiggled, ["clasName"]);
        assert!(
            painted
                .iter()
                .any(|run| run.class == "tok-key squiggle error")
        );
    }

    #[test]
    fn list_items_urls_and_flow_values_stay_whole() {
        let painted = classes("hosts:\n  - https://a.example.com:8443/x\n  - {a: 1}\n");
        assert!(painted.iter().any(|(text, class)| text == "https://a.example.com:8443/x"
            && class == "tok-plain"));
        assert!(
            painted
                .iter()
                .any(|(text, class)| text == "{a: 1}" && class == "tok-plain")
        );
    }
}
