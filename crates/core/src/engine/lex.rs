//! Go's `text/template/parse` lexer: text, `{{ }}` actions with trim markers
//! (`{{- ` and ` -}}`), comments, and the tokens inside actions.
//!
//! Matched against `src/text/template/parse/lex.go` (Go 1.25): spaces
//! include newlines inside actions, a trim marker is a `-` next to a space,
//! trimming removes `" \t\r\n"`, and a comment must close right before the
//! delimiter.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    LeftDelim,
    RightDelim,
    Space,
    Identifier,
    /// `.Name` (a field), or `.` alone (see `Dot`).
    Field,
    Dot,
    Variable,
    Pipe,
    LeftParen,
    RightParen,
    Declare,
    Assign,
    Char,
    CharConstant,
    String,
    RawString,
    Number,
    Bool,
    Nil,
    Comment,
    Keyword(Keyword),
    Eof,
    Error,
}

/// Go template keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Keyword {
    Block,
    Break,
    Continue,
    Define,
    Else,
    End,
    If,
    Range,
    Template,
    With,
}

impl Keyword {
    fn from_word(word: &str) -> Option<Self> {
        Some(match word {
            "block" => Self::Block,
            "break" => Self::Break,
            "continue" => Self::Continue,
            "define" => Self::Define,
            "else" => Self::Else,
            "end" => Self::End,
            "if" => Self::If,
            "range" => Self::Range,
            "template" => Self::Template,
            "with" => Self::With,
            _ => return None,
        })
    }
}

/// One token: its kind, its text (for errors, the message), where it starts
/// (a byte offset) and on which line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token<'a> {
    pub(crate) kind: Kind,
    /// The source text (empty for an error token: its message is in [`Lexed::error`]).
    pub(crate) text: &'a str,
    pub(crate) pos: usize,
    pub(crate) line: usize,
}

impl Token<'_> {
    /// How Go's `item.String()` shows a token in "unexpected ..." messages.
    pub(crate) fn describe(&self) -> String {
        match self.kind {
            Kind::Eof => "EOF".to_owned(),
            Kind::Error => "error".to_owned(),
            Kind::Keyword(_) => format!("<{}>", self.text),
            _ if self.text.chars().count() > 10 => {
                let head: String = self.text.chars().take(10).collect();
                format!("{}...", super::gofmt::quote(&head))
            }
            _ => super::gofmt::quote(self.text),
        }
    }
}

const LEFT: &str = "{{";
const RIGHT: &str = "}}";
fn is_space(ch: char) -> bool {
    matches!(ch, ' ' | '\t' | '\r' | '\n')
}

fn is_space_byte(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

/// How many bytes of spaces `text` starts with.
fn leading_spaces(text: &str) -> usize {
    text.bytes().take_while(|&byte| is_space_byte(byte)).count()
}

/// `text` without the spaces it ends with.
fn trim_end_spaces(text: &str) -> &str {
    let kept = text.len()
        - text
            .bytes()
            .rev()
            .take_while(|&byte| is_space_byte(byte))
            .count();
    &text[..kept]
}

fn is_alphanumeric(ch: char) -> bool {
    ch == '_' || ch.is_alphabetic() || ch.is_numeric()
}

fn has_left_trim(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    bytes.first() == Some(&b'-') && bytes.get(1).is_some_and(|&byte| is_space_byte(byte))
}

fn has_right_trim(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    bytes.first().is_some_and(|&byte| is_space_byte(byte)) && bytes.get(1) == Some(&b'-')
}

/// A template's tokens, and the message of the error token that ends them, if any.
pub(crate) struct Lexed<'a> {
    pub(crate) tokens: Vec<Token<'a>>,
    pub(crate) error: Option<String>,
}

/// Split a template into tokens. Lexing stops at the first error token.
pub(crate) fn lex(input: &str) -> Lexed<'_> {
    let mut lexer = Lexer {
        input,
        pos: 0,
        start: 0,
        line: 1,
        start_line: 1,
        paren_depth: 0,
        // Chart templates have about ten tokens per action, and nearly every
        // `{` is half of an action's `{{` (a vectorised count is cheap).
        tokens: Vec::with_capacity(memchr::memchr_iter(b'{', input.as_bytes()).count() * 6 + 2),
        error: None,
    };
    lexer.run();
    Lexed {
        tokens: lexer.tokens,
        error: lexer.error,
    }
}

struct Lexer<'a> {
    input: &'a str,
    pos: usize,
    start: usize,
    line: usize,
    start_line: usize,
    paren_depth: usize,
    tokens: Vec<Token<'a>>,
    error: Option<String>,
}

/// ASCII letters, digits and `_`: the bytes of a word (one load per byte).
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = (byte as u8).is_ascii_alphanumeric() || byte == b'_' as usize;
        byte += 1;
    }
    table
};

impl<'a> Lexer<'a> {
    fn rest(&self) -> &str {
        &self.input[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        match self.input.as_bytes().get(self.pos) {
            Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
            Some(_) => self.rest().chars().next(),
            None => None,
        }
    }

    fn next(&mut self) -> Option<char> {
        let ch = self.peek()?;
        self.pos += ch.len_utf8();
        if ch == '\n' {
            self.line += 1;
        }
        Some(ch)
    }

    fn backup(&mut self, ch: char) {
        self.pos -= ch.len_utf8();
        if ch == '\n' {
            self.line -= 1;
        }
    }

    fn emit(&mut self, kind: Kind) {
        self.tokens.push(Token {
            kind,
            text: &self.input[self.start..self.pos],
            pos: self.start,
            line: self.start_line,
        });
        self.ignore();
    }

    fn ignore(&mut self) {
        self.start = self.pos;
        self.start_line = self.line;
    }

    fn error(&mut self, message: String) {
        self.error = Some(message);
        self.tokens.push(Token {
            kind: Kind::Error,
            text: "",
            pos: self.start,
            line: self.line,
        });
    }

    /// Advance over text without counting it as a token.
    fn skip(&mut self, bytes: usize) {
        let skipped = &self.input.as_bytes()[self.pos..self.pos + bytes];
        // Most skips are a delimiter or a space; the vector count pays off on text runs.
        self.line += if skipped.len() < 16 {
            skipped.iter().filter(|&&byte| byte == b'\n').count()
        } else {
            memchr::memchr_iter(b'\n', skipped).count()
        };
        self.pos += bytes;
    }

    fn at_right_delim(&self) -> (bool, bool) {
        let rest = self.rest();
        if has_right_trim(rest) && rest[2..].starts_with(RIGHT) {
            return (true, true);
        }
        (rest.starts_with(RIGHT), false)
    }

    fn run(&mut self) {
        loop {
            // Text up to the next action.
            let Some(found) = find_left(self.rest()) else {
                self.skip(self.input.len() - self.pos);
                if self.pos > self.start {
                    self.emit(Kind::Text);
                }
                self.emit(Kind::Eof);
                return;
            };
            let delim_at = self.pos + found;
            let trim = has_left_trim(&self.input[delim_at + LEFT.len()..]);
            let text_end = if trim {
                let text = &self.input[self.start..delim_at];
                self.start + trim_end_spaces(text).len()
            } else {
                delim_at
            };
            if text_end > self.start {
                self.skip(text_end - self.pos);
                self.emit(Kind::Text);
            }
            self.skip(delim_at - self.pos);
            self.ignore();
            if !self.left_delim(trim) {
                return;
            }
        }
    }

    /// At `{{`: a comment, or an action up to its `}}`. False on an error.
    fn left_delim(&mut self, trim: bool) -> bool {
        self.skip(LEFT.len());
        let after_marker = if trim { 2 } else { 0 };
        if self.input[self.pos + after_marker..].starts_with("/*") {
            self.skip(after_marker);
            self.ignore();
            return self.comment();
        }
        self.emit(Kind::LeftDelim);
        self.skip(after_marker);
        self.ignore();
        self.paren_depth = 0;
        self.inside_action()
    }

    fn comment(&mut self) -> bool {
        self.skip(2);
        let Some(close) = self.rest().find("*/") else {
            self.error("unclosed comment".to_owned());
            return false;
        };
        self.skip(close + 2);
        let (delim, trim) = self.at_right_delim();
        if !delim {
            self.error("comment ends before closing delimiter".to_owned());
            return false;
        }
        self.emit(Kind::Comment);
        if trim {
            self.skip(2);
        }
        self.skip(RIGHT.len());
        if trim {
            let rest = self.rest();
            let spaces = leading_spaces(rest);
            self.skip(spaces);
        }
        self.ignore();
        true
    }

    fn right_delim(&mut self) {
        let (_, trim) = self.at_right_delim();
        if trim {
            self.skip(2);
            self.ignore();
        }
        self.skip(RIGHT.len());
        self.emit(Kind::RightDelim);
        if trim {
            let rest = self.rest();
            let spaces = leading_spaces(rest);
            self.skip(spaces);
            self.ignore();
        }
    }

    #[allow(
        clippy::too_many_lines,
        reason = "one arm per token, as in Go's lexInsideAction"
    )]
    fn inside_action(&mut self) -> bool {
        let action_line = self.line;
        loop {
            let (delim, _) = self.at_right_delim();
            if delim {
                if self.paren_depth == 0 {
                    self.right_delim();
                    return true;
                }
                self.error("unclosed left paren".to_owned());
                return false;
            }
            let Some(ch) = self.next() else {
                self.error(format!("unclosed action started at {{NAME}}:{action_line}"));
                return false;
            };
            match ch {
                ch if is_space(ch) => {
                    self.backup(ch);
                    let rest = self.rest();
                    let spaces = leading_spaces(rest);
                    self.skip(spaces);
                    let before = self.pos - 1;
                    if has_right_trim(&self.input[before..])
                        && self.input[before + 2..].starts_with(RIGHT)
                    {
                        self.backup(' ');
                        if spaces == 1 {
                            continue;
                        }
                    }
                    self.emit(Kind::Space);
                }
                '=' => self.emit(Kind::Assign),
                ':' => {
                    if self.next() != Some('=') {
                        self.error("expected :=".to_owned());
                        return false;
                    }
                    self.emit(Kind::Declare);
                }
                '|' => self.emit(Kind::Pipe),
                '"' => {
                    if !self.quoted('"', "unterminated quoted string", true) {
                        return false;
                    }
                    self.emit(Kind::String);
                }
                '`' => {
                    if !self.quoted('`', "unterminated raw quoted string", false) {
                        return false;
                    }
                    self.emit(Kind::RawString);
                }
                '\'' => {
                    if !self.quoted('\'', "unterminated character constant", true) {
                        return false;
                    }
                    self.emit(Kind::CharConstant);
                }
                '$' => {
                    if !self.field_or_variable(Kind::Variable) {
                        return false;
                    }
                }
                '.' => {
                    if self.peek().is_some_and(|next| next.is_ascii_digit()) {
                        self.backup('.');
                        if !self.number() {
                            return false;
                        }
                    } else if !self.field_or_variable(Kind::Field) {
                        return false;
                    }
                }
                '+' | '-' | '0'..='9' => {
                    self.backup(ch);
                    if !self.number() {
                        return false;
                    }
                }
                ch if is_alphanumeric(ch) => {
                    self.skip_word();
                    if !self.at_terminator() {
                        let bad = self.peek().unwrap_or('\0');
                        self.error(format!("bad character {}", go_rune(bad)));
                        return false;
                    }
                    let word = &self.input[self.start..self.pos];
                    let kind = match Keyword::from_word(word) {
                        Some(keyword) => Kind::Keyword(keyword),
                        None if word == "true" || word == "false" => Kind::Bool,
                        None if word == "nil" => Kind::Nil,
                        None => Kind::Identifier,
                    };
                    self.emit(kind);
                }
                '(' => {
                    self.emit(Kind::LeftParen);
                    self.paren_depth += 1;
                }
                ')' => {
                    self.emit(Kind::RightParen);
                    if self.paren_depth == 0 {
                        self.error(format!("unexpected right paren {}", go_rune(ch)));
                        return false;
                    }
                    self.paren_depth -= 1;
                }
                ch if ch.is_ascii() && !ch.is_ascii_control() => self.emit(Kind::Char),
                ch => {
                    self.error(format!("unrecognized character in action: {}", go_rune(ch)));
                    return false;
                }
            }
        }
    }

    fn quoted(&mut self, close: char, unterminated: &str, escapes: bool) -> bool {
        // Plain characters up to the next one that matters, in one step.
        let bytes = self.input.as_bytes();
        let close_byte = close as u8;
        let plain = bytes[self.pos..]
            .iter()
            .position(|&byte| byte == close_byte || byte == b'\\' || byte == b'\n')
            .unwrap_or(bytes.len() - self.pos);
        self.pos += plain;
        loop {
            match self.next() {
                Some('\\') if escapes => match self.next() {
                    Some('\n') | None => {
                        self.error(unterminated.to_owned());
                        return false;
                    }
                    Some(_) => {}
                },
                Some('\n') if escapes => {
                    self.error(unterminated.to_owned());
                    return false;
                }
                None => {
                    self.error(unterminated.to_owned());
                    return false;
                }
                Some(ch) if ch == close => return true,
                Some(_) => {}
            }
        }
    }

    fn at_terminator(&self) -> bool {
        match self.peek() {
            None => true,
            Some(ch) if is_space(ch) => true,
            Some('.' | ',' | '|' | ':' | ')' | '(' | '}') => true,
            Some(_) => false,
        }
    }

    /// Advance over letters, digits and `_` (never a line break).
    fn skip_word(&mut self) {
        let bytes = self.input.as_bytes();
        let mut at = self.pos;
        while let Some(&byte) = bytes.get(at) {
            if ASCII_WORD[usize::from(byte)] {
                at += 1;
            } else if byte.is_ascii() {
                break;
            } else {
                match self.input[at..].chars().next() {
                    Some(ch) if is_alphanumeric(ch) => at += ch.len_utf8(),
                    _ => break,
                }
            }
        }
        self.pos = at;
    }

    fn field_or_variable(&mut self, kind: Kind) -> bool {
        if self.at_terminator() {
            self.emit(if kind == Kind::Variable {
                Kind::Variable
            } else {
                Kind::Dot
            });
            return true;
        }
        self.skip_word();
        if !self.at_terminator() {
            let bad = self.peek().unwrap_or('\0');
            self.error(format!("bad character {}", go_rune(bad)));
            return false;
        }
        self.emit(kind);
        true
    }

    fn accept(&mut self, valid: &str) -> bool {
        if self.peek().is_some_and(|ch| valid.contains(ch)) {
            self.next();
            true
        } else {
            false
        }
    }

    fn accept_run(&mut self, valid: &str) {
        while self.accept(valid) {}
    }

    fn scan_number(&mut self) -> bool {
        self.accept("+-");
        let mut digits = "0123456789_";
        if self.accept("0") {
            if self.accept("xX") {
                digits = "0123456789abcdefABCDEF_";
            } else if self.accept("oO") {
                digits = "01234567_";
            } else if self.accept("bB") {
                digits = "01_";
            }
        }
        self.accept_run(digits);
        if self.accept(".") {
            self.accept_run(digits);
        }
        if digits.len() == 11 && self.accept("eE") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        if digits.len() == 23 && self.accept("pP") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        self.accept("i");
        if self.peek().is_some_and(is_alphanumeric) {
            self.next();
            return false;
        }
        true
    }

    fn number(&mut self) -> bool {
        if !self.scan_number() {
            let text = self.input[self.start..self.pos].to_owned();
            self.error(format!("bad number syntax: {}", super::gofmt::quote(&text)));
            return false;
        }
        if matches!(self.peek(), Some('+' | '-'))
            && (!self.scan_number() || !self.input[..self.pos].ends_with('i'))
        {
            let text = self.input[self.start..self.pos].to_owned();
            self.error(format!("bad number syntax: {}", super::gofmt::quote(&text)));
            return false;
        }
        self.emit(Kind::Number);
        true
    }
}

/// Where the next `{{` starts (a byte search: cheaper than a substring searcher per text run).
fn find_left(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = memchr::memchr(b'{', &bytes[from..]) {
        let at = from + offset;
        if bytes.get(at + 1) == Some(&b'{') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Go's `%#U`: `U+0041 'A'`.
fn go_rune(ch: char) -> String {
    format!("U+{:04X} '{ch}'", ch as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(input: &str) -> Vec<(Kind, String)> {
        lex(input)
            .tokens
            .into_iter()
            .map(|token| (token.kind, token.text.to_owned()))
            .collect()
    }

    #[test]
    fn trim_markers_eat_surrounding_space() {
        // lex.go: hasLeftTrimMarker trims the text before; the right marker trims after.
        let tokens = kinds("a  \n{{- .x -}}\n  b");
        assert_eq!(tokens[0], (Kind::Text, "a".to_owned()));
        assert_eq!(tokens[2], (Kind::Field, ".x".to_owned()));
        assert_eq!(tokens[4], (Kind::Text, "b".to_owned()));
    }

    #[test]
    fn minus_without_space_is_a_number() {
        let tokens = kinds("{{-3}}");
        assert_eq!(tokens[1], (Kind::Number, "-3".to_owned()));
    }

    #[test]
    fn comments_with_trim() {
        let tokens = kinds("a {{- /* c */ -}} b");
        assert_eq!(tokens[0], (Kind::Text, "a".to_owned()));
        assert_eq!(tokens[1].0, Kind::Comment);
        assert_eq!(tokens[2], (Kind::Text, "b".to_owned()));
    }

    #[test]
    fn lines_are_counted() {
        let tokens = lex("a\nb\n{{ .x\n| quote }}").tokens;
        let pipe = tokens
            .iter()
            .find(|token| token.kind == Kind::Pipe)
            .unwrap();
        assert_eq!(pipe.line, 4);
    }

    #[test]
    fn fields_split_at_dots() {
        let tokens = kinds("{{ $x.a.b }}");
        assert_eq!(tokens[2], (Kind::Variable, "$x".to_owned()));
        assert_eq!(tokens[3], (Kind::Field, ".a".to_owned()));
        assert_eq!(tokens[4], (Kind::Field, ".b".to_owned()));
    }
}
