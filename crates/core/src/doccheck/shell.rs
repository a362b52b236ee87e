//! Shell code as a reader of the page means it: commands split at newlines,
//! `;`, `&&`, `||` and `|`, lines joined at a trailing backslash, words
//! unquoted the way a POSIX shell does, each byte remembering where in the
//! page it was written. Expansions are left in the text (`$VAR` is a
//! placeholder to the caller), and heredoc bodies are skipped.

/// One word after quote removal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Word {
    /// The text.
    pub(crate) text: String,
    /// For each byte of `text`, its offset in the page.
    pub(crate) offsets: Vec<usize>,
}

impl Word {
    fn push(&mut self, c: char, at: usize) {
        self.text.push(c);
        self.offsets.extend(std::iter::repeat_n(at, c.len_utf8()));
    }

    /// The page offset of the word's first byte.
    pub(crate) fn start(&self) -> usize {
        self.offsets.first().copied().unwrap_or_default()
    }

    /// The page offset of byte `index` of the text (the last byte's past the end).
    pub(crate) fn offset_of(&self, index: usize) -> usize {
        self.offsets
            .get(index)
            .or(self.offsets.last())
            .copied()
            .unwrap_or_default()
    }

    /// The part after byte `from`, offsets kept.
    pub(crate) fn tail(&self, from: usize) -> Word {
        Word {
            text: self.text[from..].to_owned(),
            offsets: self.offsets[from..].to_vec(),
        }
    }
}

/// The commands of a shell snippet; `offsets` maps each byte of `body` to the page.
pub(crate) fn commands(body: &str, offsets: &[usize]) -> Vec<Vec<Word>> {
    let mut commands = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut word: Option<Word> = None;
    let mut heredoc: Option<String> = None;
    let mut chars = body.char_indices().peekable();
    let at = |index: usize| offsets.get(index).copied().unwrap_or_default();
    let finish_word = |word: &mut Option<Word>, words: &mut Vec<Word>| {
        if let Some(word) = word.take() {
            words.push(word);
        }
    };
    let finish_command = |words: &mut Vec<Word>, commands: &mut Vec<Vec<Word>>| {
        if !words.is_empty() {
            commands.push(std::mem::take(words));
        }
    };
    // A prompt (`$ `) at the start of a line is not part of the command.
    let mut line_start = true;
    while let Some((index, c)) = chars.next() {
        if let Some(end) = &heredoc {
            // Skip whole lines until the delimiter line.
            let line_end = body[index..].find('\n').map_or(body.len(), |n| index + n);
            let line = &body[index..line_end];
            if c != '\n' && line.trim() == end {
                heredoc = None;
            }
            while chars.peek().is_some_and(|(next, _)| *next < line_end) {
                chars.next();
            }
            continue;
        }
        if line_start && word.is_none() && words.is_empty() {
            if c == ' ' || c == '\t' {
                continue;
            }
            if c == '$' && chars.peek().is_some_and(|(_, next)| *next == ' ') {
                chars.next();
                line_start = false;
                continue;
            }
        }
        line_start = false;
        match c {
            '\\' => match chars.next() {
                Some((_, '\n')) => {}
                Some((next_index, next)) => word.get_or_insert_default().push(next, at(next_index)),
                None => {}
            },
            '\'' => {
                let quoted = word.get_or_insert_default();
                for (next_index, next) in chars.by_ref() {
                    if next == '\'' {
                        break;
                    }
                    quoted.push(next, at(next_index));
                }
            }
            '"' => {
                let quoted = word.get_or_insert_default();
                while let Some((next_index, next)) = chars.next() {
                    match next {
                        '"' => break,
                        '\\' => match chars.peek().copied() {
                            Some((_, '\n')) => {
                                chars.next();
                            }
                            Some((escaped_index, escaped @ ('"' | '\\' | '$' | '`'))) => {
                                chars.next();
                                quoted.push(escaped, at(escaped_index));
                            }
                            _ => quoted.push('\\', at(next_index)),
                        },
                        _ => quoted.push(next, at(next_index)),
                    }
                }
            }
            '#' if word.is_none() => {
                while chars.peek().is_some_and(|(_, next)| *next != '\n') {
                    chars.next();
                }
            }
            '\n' => {
                finish_word(&mut word, &mut words);
                heredoc = heredoc_delimiter(&words);
                finish_command(&mut words, &mut commands);
                line_start = true;
            }
            ';' | '&' | '|' => {
                finish_word(&mut word, &mut words);
                if c != '&' || chars.peek().is_some_and(|(_, next)| *next == '&') {
                    finish_command(&mut words, &mut commands);
                }
                // `&&` and `||`: the second character is part of the operator.
                if chars.peek().is_some_and(|(_, next)| *next == c) {
                    chars.next();
                }
            }
            ' ' | '\t' | '\r' => finish_word(&mut word, &mut words),
            _ => word.get_or_insert_default().push(c, at(index)),
        }
    }
    finish_word(&mut word, &mut words);
    finish_command(&mut words, &mut commands);
    commands
}

/// The delimiter of a heredoc the command opens (`<<EOF`, `<<'EOF'`, `<<-EOF`).
fn heredoc_delimiter(words: &[Word]) -> Option<String> {
    words.iter().enumerate().find_map(|(index, word)| {
        let rest = word.text.strip_prefix("<<")?;
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        if rest.is_empty() {
            words.get(index + 1).map(|next| next.text.clone())
        } else {
            Some(rest.to_owned())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<Vec<String>> {
        let offsets: Vec<usize> = (0..body.len()).collect();
        commands(body, &offsets)
            .into_iter()
            .map(|command| command.into_iter().map(|word| word.text).collect())
            .collect()
    }

    #[test]
    fn continuation_lines_quotes_and_separators() {
        assert_eq!(
            texts(
                "$ helm install x \\\n  --set 'a[0]=b c' --set \"d=\\\"e\\\"\" # note\nkubectl get pods && echo ok; ls | wc"
            ),
            [
                vec![
                    "helm", "install", "x", "--set", "a[0]=b c", "--set", "d=\"e\""
                ],
                vec!["kubectl", "get", "pods"],
                vec!["echo", "ok"],
                vec!["ls"],
                vec!["wc"],
            ]
        );
    }

    #[test]
    fn heredoc_bodies_are_not_commands() {
        assert_eq!(
            texts("kubectl apply -f - <<'EOF'\nhelm install not a command\nEOF\nhelm version\n"),
            [
                vec!["kubectl", "apply", "-f", "-", "<<EOF"],
                vec!["helm", "version"]
            ]
        );
    }

    #[test]
    fn each_byte_knows_its_place() {
        let body = "helm --set 'k=v'";
        let offsets: Vec<usize> = (100..100 + body.len()).collect();
        let words = &commands(body, &offsets)[0];
        assert_eq!(words[2].text, "k=v");
        assert_eq!(words[2].offsets, [112, 113, 114]);
    }
}
