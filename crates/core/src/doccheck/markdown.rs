//! Fenced code blocks of a Markdown or MDX page, with where their lines
//! start in the page.
//!
//! A fence scanner rather than a CommonMark parser: MDX has no indented
//! code blocks, so a fence indented inside a JSX component (`<Steps>`,
//! `<Tab>`) or a list item is still a fence there, where a CommonMark
//! parser would read it as indented code and hide the command in it.

/// One fenced block: its info string and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fence {
    /// The info string's first word, lowercased (`shell`, `yaml`).
    pub(crate) language: String,
    /// The rest of the info string (`title="values.yaml"`).
    pub(crate) meta: String,
    /// The body, with the fence's indentation removed from each line.
    pub(crate) body: String,
    /// For each byte of `body`, its offset in the page.
    pub(crate) offsets: Vec<usize>,
    /// The page offset of the opening fence.
    pub(crate) start: usize,
}

/// Every fenced block of `page`, in order. An unclosed fence runs to the end.
pub(crate) fn fences(page: &str) -> Vec<Fence> {
    let mut fences = Vec::new();
    let mut open: Option<(Fence, usize, char, usize)> = None;
    let mut offset = 0;
    for line in page.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = &line[indent..];
        let marker = rest.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |c| rest.len() - rest.trim_start_matches(c).len());
        match &mut open {
            Some((fence, fence_indent, fence_char, fence_run)) => {
                let closes = marker == Some(*fence_char)
                    && run >= *fence_run
                    && rest[run..].trim().is_empty();
                if closes {
                    if let Some((fence, ..)) = open.take() {
                        fences.push(fence);
                    }
                    continue;
                }
                // The fence's own indentation is not part of the body.
                let strip = indent.min(*fence_indent);
                fence.body.push_str(&line[strip..]);
                fence
                    .offsets
                    .extend(line_start + strip..line_start + line.len());
            }
            None => {
                if run >= 3 && !(marker == Some('`') && rest[run..].contains('`')) {
                    let info = rest[run..].trim();
                    let (language, meta) =
                        info.split_once(char::is_whitespace).unwrap_or((info, ""));
                    let fence = Fence {
                        language: language.to_ascii_lowercase(),
                        meta: meta.trim().to_owned(),
                        body: String::new(),
                        offsets: Vec::new(),
                        start: line_start + indent,
                    };
                    open = Some((fence, indent, marker.unwrap_or('`'), run));
                }
            }
        }
    }
    if let Some((fence, ..)) = open {
        fences.push(fence);
    }
    fences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_inside_components_and_lists_are_found() {
        let page = "---\ntitle: x\n---\n<Steps>\n\n    ```shell\n    helm version\n    ```\n\n</Steps>\n\n- item\n  ~~~yaml title=\"values.yaml\"\n  a: 1\n  ~~~\n```\nunclosed";
        let found = fences(page);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].language, "shell");
        assert_eq!(found[0].body, "helm version\n");
        assert_eq!(&page[found[0].offsets[0]..found[0].offsets[0] + 4], "helm");
        assert_eq!(found[1].language, "yaml");
        assert_eq!(found[1].meta, "title=\"values.yaml\"");
        assert_eq!(found[1].body, "a: 1\n");
        assert_eq!(found[2].body, "unclosed");
    }

    #[test]
    fn a_longer_fence_holds_a_shorter_one() {
        let found = fences("````md\n```shell\nx\n```\n````\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].body, "```shell\nx\n```\n");
    }
}
