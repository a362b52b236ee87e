//! Go's `text/template/parse` parser: a file's text into its main tree and
//! the trees of every `define` and `block` in it.
//!
//! Matched against `src/text/template/parse/parse.go` (Go 1.25): functions
//! must exist at parse time, variables must be declared, `else if` and
//! `else with` chain, a field chain's position is where its second field
//! starts, and errors read `template: NAME:LINE: MESSAGE`.

use std::fmt;
use std::rc::Rc;

use super::lex::{Keyword, Kind, Token, lex};

/// A parsed template: a file's body, or one `define`.
#[derive(Debug)]
pub(crate) struct Tree {
    /// The template's name (a file path, or the `define` name).
    pub(crate) name: Rc<str>,
    /// The file it was parsed from (`ParseName`), for error locations.
    pub(crate) parse_name: Rc<str>,
    /// The file's text, for turning positions into line:column.
    pub(crate) source: Rc<str>,
    /// The body.
    pub(crate) root: Vec<Node>,
}

impl Tree {
    /// Go's `ErrorContext` location: `file:line:col`, col a 0-based byte offset in the line.
    pub(crate) fn location(&self, pos: usize) -> String {
        let pos = pos.min(self.source.len());
        let before = &self.source[..pos];
        let line = 1 + before.matches('\n').count();
        let column = match before.rfind('\n') {
            Some(newline) => pos - newline - 1,
            None => pos,
        };
        format!("{}:{line}:{column}", self.parse_name)
    }

    /// Whether the body is only text that is blank, and comments (Go's `IsEmptyTree`).
    pub(crate) fn is_empty(&self) -> bool {
        self.root.iter().all(|node| match node {
            Node::Text(range) => self.source[range.clone()].trim().is_empty(),
            _ => false,
        })
    }
}

/// A node of a template body.
#[derive(Debug)]
pub(crate) enum Node {
    /// Text, as its byte range in the tree's source (no copy per node).
    Text(std::ops::Range<usize>),
    Action(Pipe),
    If(Box<Control>),
    Range(Box<Control>),
    With(Box<Control>),
    Template {
        pos: usize,
        name: Rc<str>,
        pipe: Option<Pipe>,
    },
    Break,
    Continue,
}

/// `if`, `range` and `with`: a pipeline, a body and an optional `else`.
#[derive(Debug)]
pub(crate) struct Control {
    pub(crate) pos: usize,
    pub(crate) pipe: Pipe,
    pub(crate) list: Vec<Node>,
    pub(crate) else_list: Option<Vec<Node>>,
}

/// A pipeline: optional variable declarations, then commands joined by `|`.
#[derive(Debug)]
pub(crate) struct Pipe {
    pub(crate) pos: usize,
    pub(crate) is_assign: bool,
    pub(crate) decl: Vec<Rc<str>>,
    pub(crate) cmds: Vec<Command>,
}

/// One command: a function, field or value with its arguments.
#[derive(Debug)]
pub(crate) struct Command {
    pub(crate) pos: usize,
    pub(crate) args: Vec<Arg>,
}

/// An operand.
#[derive(Debug)]
pub(crate) enum Arg {
    /// `.A.B`.
    Field {
        pos: usize,
        idents: Vec<Rc<str>>,
    },
    /// `$x.A.B` (`idents[0]` is `$x`).
    Variable {
        pos: usize,
        idents: Vec<Rc<str>>,
    },
    /// `(pipe).A.B`.
    Chain {
        pos: usize,
        node: Box<Arg>,
        fields: Vec<Rc<str>>,
    },
    /// A function name, resolved when parsed (Go checks it exists then).
    Identifier {
        pos: usize,
        name: Rc<str>,
        func: super::funcs::Func,
    },
    Dot(usize),
    Nil(usize),
    Bool(usize, bool),
    Number(usize, Number),
    /// A string literal: its quoted text as written and its value.
    String {
        pos: usize,
        quoted: Rc<str>,
        text: Rc<str>,
    },
    Pipe(Box<Pipe>),
}

impl Arg {
    pub(crate) fn pos(&self) -> usize {
        match self {
            Self::Field { pos, .. }
            | Self::Variable { pos, .. }
            | Self::Chain { pos, .. }
            | Self::Identifier { pos, .. }
            | Self::Dot(pos)
            | Self::Nil(pos)
            | Self::Bool(pos, _)
            | Self::Number(pos, _)
            | Self::String { pos, .. } => *pos,
            Self::Pipe(pipe) => pipe.pos,
        }
    }
}

/// A number literal with every reading Go's `NumberNode` keeps.
#[derive(Clone, Debug)]
pub(crate) struct Number {
    pub(crate) text: Rc<str>,
    pub(crate) int: Option<i64>,
    pub(crate) uint: Option<u64>,
    pub(crate) float: Option<f64>,
}

impl fmt::Display for Pipe {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.decl.is_empty() {
            for (index, name) in self.decl.iter().enumerate() {
                if index > 0 {
                    formatter.write_str(", ")?;
                }
                formatter.write_str(name)?;
            }
            formatter.write_str(if self.is_assign { " = " } else { " := " })?;
        }
        for (index, cmd) in self.cmds.iter().enumerate() {
            if index > 0 {
                formatter.write_str(" | ")?;
            }
            write!(formatter, "{cmd}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Command {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, arg) in self.args.iter().enumerate() {
            if index > 0 {
                formatter.write_str(" ")?;
            }
            if let Arg::Pipe(pipe) = arg {
                write!(formatter, "({pipe})")?;
            } else {
                write!(formatter, "{arg}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Field { idents, .. } => {
                for ident in idents {
                    write!(formatter, ".{ident}")?;
                }
                Ok(())
            }
            Self::Variable { idents, .. } => formatter.write_str(&idents.join(".")),
            Self::Chain { node, fields, .. } => {
                if let Self::Pipe(pipe) = node.as_ref() {
                    write!(formatter, "({pipe})")?;
                } else {
                    write!(formatter, "{node}")?;
                }
                for field in fields {
                    write!(formatter, ".{field}")?;
                }
                Ok(())
            }
            Self::Identifier { name, .. } => formatter.write_str(name),
            Self::Dot(_) => formatter.write_str("."),
            Self::Nil(_) => formatter.write_str("nil"),
            Self::Bool(_, value) => write!(formatter, "{value}"),
            Self::Number(_, number) => formatter.write_str(&number.text),
            Self::String { quoted, .. } => formatter.write_str(quoted),
            Self::Pipe(pipe) => write!(formatter, "{pipe}"),
        }
    }
}

/// How a node prints in an error context (Go's `Node.String()`).
pub(crate) fn node_string(node: &Node, source: &str) -> String {
    let mut out = String::new();
    write_node(&mut out, node, source);
    out
}

fn write_list(out: &mut String, list: &[Node], source: &str) {
    for node in list {
        write_node(out, node, source);
    }
}

fn write_node(out: &mut String, node: &Node, source: &str) {
    use std::fmt::Write as _;
    match node {
        Node::Text(range) => {
            let _ = write!(out, "{}", super::gofmt::quote(&source[range.clone()]));
        }
        Node::Action(pipe) => {
            let _ = write!(out, "{{{{{pipe}}}}}");
        }
        Node::If(control) | Node::Range(control) | Node::With(control) => {
            let word = match node {
                Node::If(_) => "if",
                Node::Range(_) => "range",
                _ => "with",
            };
            let _ = write!(out, "{{{{{word} {}}}}}", control.pipe);
            write_list(out, &control.list, source);
            if let Some(else_list) = &control.else_list {
                out.push_str("{{else}}");
                write_list(out, else_list, source);
            }
            out.push_str("{{end}}");
        }
        Node::Template { name, pipe, .. } => {
            let quoted = super::gofmt::quote(name);
            match pipe {
                Some(pipe) => {
                    let _ = write!(out, "{{{{template {quoted} {pipe}}}}}");
                }
                None => {
                    let _ = write!(out, "{{{{template {quoted}}}}}");
                }
            }
        }
        Node::Break => out.push_str("{{break}}"),
        Node::Continue => out.push_str("{{continue}}"),
    }
}

/// A parse failure, already in Go's words (`template: NAME:LINE: MESSAGE`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub(crate) message: String,
}

/// What parsing one file yields: its main tree and every defined tree, in
/// the order they were closed (Go adds a `define` when its `end` is read).
#[derive(Debug)]
pub(crate) struct Parsed {
    pub(crate) main: Tree,
    pub(crate) defined: Vec<Tree>,
}

/// Parse `text` as the template `name` (also its `ParseName`). Functions are
/// looked up in the function map as Go does at parse time.
pub(crate) fn parse(name: &str, text: &str) -> Result<Parsed, ParseError> {
    let source: Rc<str> = Rc::from(text);
    let parse_name: Rc<str> = Rc::from(name);
    let lexed = lex(text);
    let mut parser = Parser {
        tokens: lexed.tokens,
        lex_error: lexed.error,
        index: 0,
        parse_name: parse_name.clone(),
        source: source.clone(),
        vars: vec![Rc::from("$")],
        range_depth: 0,
        defined: Vec::new(),
        last_line: 1,
    };
    let root = parser.parse_root()?;
    Ok(Parsed {
        main: Tree {
            name: parse_name.clone(),
            parse_name,
            source,
            root,
        },
        defined: parser.defined,
    })
}

struct Parser<'a> {
    tokens: Vec<Token<'a>>,
    lex_error: Option<String>,
    index: usize,
    parse_name: Rc<str>,
    source: Rc<str>,
    vars: Vec<Rc<str>>,
    range_depth: usize,
    defined: Vec<Tree>,
    last_line: usize,
}

/// What ended an item list.
enum ListEnd {
    End,
    Else,
}

type Parse<T> = Result<T, ParseError>;

impl<'a> Parser<'a> {
    #[cold]
    fn error<T>(&self, message: impl fmt::Display) -> Parse<T> {
        Err(ParseError {
            message: format!(
                "template: {}:{}: {message}",
                self.parse_name, self.last_line
            ),
        })
    }

    #[inline]
    fn next(&mut self) -> Parse<Token<'a>> {
        let token = match self.tokens.get(self.index) {
            Some(token) => *token,
            None => self.eof(),
        };
        self.index += 1;
        self.last_line = token.line;
        if token.kind == Kind::Error {
            return self.lex_failure();
        }
        Ok(token)
    }

    #[cold]
    fn eof(&self) -> Token<'a> {
        Token {
            kind: Kind::Eof,
            text: "",
            pos: self.source.len(),
            line: self.last_line,
        }
    }

    /// The lexer's error, reached where its error token stands.
    #[cold]
    fn lex_failure<T>(&self) -> Parse<T> {
        let message = self
            .lex_error
            .as_deref()
            .unwrap_or_default()
            .replace("{NAME}", &self.parse_name);
        self.error(message)
    }

    #[inline]
    fn backup(&mut self) {
        self.index -= 1;
    }

    #[inline]
    fn peek(&mut self) -> Parse<Token<'a>> {
        let token = self.next()?;
        self.backup();
        Ok(token)
    }

    #[inline]
    fn next_non_space(&mut self) -> Parse<Token<'a>> {
        loop {
            let token = self.next()?;
            if token.kind != Kind::Space {
                return Ok(token);
            }
        }
    }

    #[inline]
    fn peek_non_space(&mut self) -> Parse<Token<'a>> {
        let token = self.next_non_space()?;
        self.backup();
        Ok(token)
    }

    fn expect(&mut self, kind: Kind, context: &str) -> Parse<Token<'a>> {
        let token = self.next_non_space()?;
        if token.kind != kind {
            return self.unexpected(&token, context);
        }
        Ok(token)
    }

    fn unexpected<T>(&self, token: &Token, context: &str) -> Parse<T> {
        if token.kind == Kind::Error {
            return self.error(self.lex_error.as_deref().unwrap_or_default());
        }
        self.error(format!("unexpected {} in {context}", token.describe()))
    }

    fn parse_root(&mut self) -> Parse<Vec<Node>> {
        let mut root = Vec::new();
        loop {
            let token = self.peek()?;
            if token.kind == Kind::Eof {
                return Ok(root);
            }
            if token.kind == Kind::LeftDelim {
                let delim_index = self.index;
                self.next()?;
                if self.next_non_space()?.kind == Kind::Keyword(Keyword::Define) {
                    self.definition()?;
                    continue;
                }
                self.index = delim_index;
            }
            match self.text_or_action()? {
                Item::Node(node) => root.push(node),
                Item::Skip => {}
                Item::End => return self.error("unexpected {{end}}"),
                Item::Else => return self.error("unexpected {{else}}"),
            }
        }
    }

    fn definition(&mut self) -> Parse<()> {
        let context = "define clause";
        let token = self.next_non_space()?;
        let name = match token.kind {
            Kind::String | Kind::RawString => {
                unquote(token.text).or_else(|message| self.error(message))?
            }
            _ => return self.unexpected(&token, context),
        };
        self.expect(Kind::RightDelim, context)?;
        self.defined_body(&name, context)
    }

    /// The body of a `define` or `block` up to its `{{end}}`, with only `$`
    /// declared, added to the defined templates.
    fn defined_body(&mut self, name: &str, context: &str) -> Parse<()> {
        let saved_vars = std::mem::replace(&mut self.vars, vec![Rc::from("$")]);
        let (root, end) = self.item_list()?;
        self.vars = saved_vars;
        if !matches!(end, ListEnd::End) {
            return self.error(format!("unexpected {{{{else}}}} in {context}"));
        }
        self.defined.push(Tree {
            name: Rc::from(name),
            parse_name: self.parse_name.clone(),
            source: self.source.clone(),
            root,
        });
        Ok(())
    }

    fn item_list(&mut self) -> Parse<(Vec<Node>, ListEnd)> {
        let mut list = Vec::new();
        loop {
            if self.peek_non_space()?.kind == Kind::Eof {
                return self.error("unexpected EOF");
            }
            match self.text_or_action()? {
                Item::Node(node) => list.push(node),
                Item::Skip => {}
                Item::End => return Ok((list, ListEnd::End)),
                Item::Else => return Ok((list, ListEnd::Else)),
            }
        }
    }

    fn text_or_action(&mut self) -> Parse<Item> {
        let token = self.next_non_space()?;
        match token.kind {
            Kind::Text => Ok(Item::Node(Node::Text(
                token.pos..token.pos + token.text.len(),
            ))),
            Kind::LeftDelim => self.action(),
            Kind::Comment => Ok(Item::Skip),
            _ => self.unexpected(&token, "input"),
        }
    }

    fn action(&mut self) -> Parse<Item> {
        let token = self.next_non_space()?;
        match token.kind {
            Kind::Keyword(Keyword::Block) => return self.block().map(Item::Node),
            Kind::Keyword(Keyword::Break) => {
                if self.range_depth == 0 {
                    return self.error("{{break}} outside {{range}}");
                }
                self.expect(Kind::RightDelim, "{{break}}")?;
                return Ok(Item::Node(Node::Break));
            }
            Kind::Keyword(Keyword::Continue) => {
                if self.range_depth == 0 {
                    return self.error("{{continue}} outside {{range}}");
                }
                self.expect(Kind::RightDelim, "{{continue}}")?;
                return Ok(Item::Node(Node::Continue));
            }
            Kind::Keyword(Keyword::Else) => {
                let peek = self.peek_non_space()?;
                if !matches!(peek.kind, Kind::Keyword(Keyword::If | Keyword::With)) {
                    self.expect(Kind::RightDelim, "else")?;
                }
                return Ok(Item::Else);
            }
            Kind::Keyword(Keyword::End) => {
                self.expect(Kind::RightDelim, "end")?;
                return Ok(Item::End);
            }
            Kind::Keyword(Keyword::If) => {
                return self
                    .control("if")
                    .map(|control| Item::Node(Node::If(Box::new(control))));
            }
            Kind::Keyword(Keyword::Range) => {
                return self
                    .control("range")
                    .map(|control| Item::Node(Node::Range(Box::new(control))));
            }
            Kind::Keyword(Keyword::With) => {
                return self
                    .control("with")
                    .map(|control| Item::Node(Node::With(Box::new(control))));
            }
            Kind::Keyword(Keyword::Template) => return self.template().map(Item::Node),
            _ => {}
        }
        self.backup();
        let pipe = self.pipeline("command", Kind::RightDelim)?;
        Ok(Item::Node(Node::Action(pipe)))
    }

    fn control(&mut self, context: &str) -> Parse<Control> {
        let mark = self.vars.len();
        let pipe = self.pipeline(context, Kind::RightDelim)?;
        if context == "range" {
            self.range_depth += 1;
        }
        let (list, end) = self.item_list()?;
        if context == "range" {
            self.range_depth -= 1;
        }
        let else_list = match end {
            ListEnd::End => None,
            ListEnd::Else => {
                let peek = self.peek()?;
                if context == "if" && peek.kind == Kind::Keyword(Keyword::If) {
                    self.next()?;
                    Some(vec![Node::If(Box::new(self.control("if")?))])
                } else if context == "with" && peek.kind == Kind::Keyword(Keyword::With) {
                    self.next()?;
                    Some(vec![Node::With(Box::new(self.control("with")?))])
                } else {
                    let (else_list, end) = self.item_list()?;
                    if !matches!(end, ListEnd::End) {
                        return self.error("expected end; found {{else}}");
                    }
                    Some(else_list)
                }
            }
        };
        self.vars.truncate(mark);
        Ok(Control {
            pos: pipe.pos,
            pipe,
            list,
            else_list,
        })
    }

    fn template_name(&self, token: &Token, context: &str) -> Parse<String> {
        match token.kind {
            Kind::String | Kind::RawString => {
                unquote(token.text).or_else(|message| self.error(message))
            }
            _ => self.unexpected(token, context),
        }
    }

    fn template(&mut self) -> Parse<Node> {
        let context = "template clause";
        let token = self.next_non_space()?;
        let name = self.template_name(&token, context)?;
        let pipe = if self.next_non_space()?.kind == Kind::RightDelim {
            None
        } else {
            self.backup();
            Some(self.pipeline(context, Kind::RightDelim)?)
        };
        Ok(Node::Template {
            pos: token.pos,
            name: Rc::from(name.as_str()),
            pipe,
        })
    }

    fn block(&mut self) -> Parse<Node> {
        let context = "block clause";
        let token = self.next_non_space()?;
        let name = self.template_name(&token, context)?;
        let pipe = self.pipeline(context, Kind::RightDelim)?;
        self.defined_body(&name, context)?;
        Ok(Node::Template {
            pos: token.pos,
            name: Rc::from(name.as_str()),
            pipe: Some(pipe),
        })
    }

    fn pipeline(&mut self, context: &str, end: Kind) -> Parse<Pipe> {
        let start = self.peek_non_space()?;
        let mut pipe = Pipe {
            pos: start.pos,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        };
        loop {
            let variable = self.peek_non_space()?;
            if variable.kind != Kind::Variable {
                break;
            }
            let before_variable = self.index;
            self.next_non_space()?;
            let after_variable = self.peek()?;
            let next = self.peek_non_space()?;
            if matches!(next.kind, Kind::Assign | Kind::Declare) {
                pipe.is_assign = next.kind == Kind::Assign;
                self.next_non_space()?;
                let name: Rc<str> = Rc::from(variable.text);
                if pipe.is_assign && !self.vars.contains(&name) {
                    return self.error(format!("undefined variable {:?}", variable.text));
                }
                pipe.decl.push(name.clone());
                self.vars.push(name);
                break;
            } else if next.kind == Kind::Char && next.text == "," {
                self.next_non_space()?;
                let name: Rc<str> = Rc::from(variable.text);
                pipe.decl.push(name.clone());
                self.vars.push(name);
                if context == "range" && pipe.decl.len() < 2 {
                    let peek = self.peek_non_space()?;
                    if matches!(
                        peek.kind,
                        Kind::Variable | Kind::RightDelim | Kind::RightParen
                    ) {
                        continue;
                    }
                    return self.error("range can only initialize variables");
                }
                return self.error(format!("too many declarations in {context}"));
            } else {
                let _ = after_variable;
                self.index = before_variable;
                break;
            }
        }
        loop {
            let token = self.next_non_space()?;
            if token.kind == end {
                return self.check_pipeline(pipe, context);
            }
            match token.kind {
                Kind::Bool
                | Kind::CharConstant
                | Kind::Dot
                | Kind::Field
                | Kind::Identifier
                | Kind::Number
                | Kind::Nil
                | Kind::RawString
                | Kind::String
                | Kind::Variable
                | Kind::LeftParen => {
                    self.backup();
                    let command = self.command()?;
                    pipe.cmds.push(command);
                }
                _ => return self.unexpected(&token, context),
            }
        }
    }

    fn check_pipeline(&self, pipe: Pipe, context: &str) -> Parse<Pipe> {
        if pipe.cmds.is_empty() {
            return self.error(format!("missing value for {context}"));
        }
        for (index, cmd) in pipe.cmds.iter().enumerate().skip(1) {
            if matches!(
                cmd.args.first(),
                Some(
                    Arg::Bool(..)
                        | Arg::Dot(_)
                        | Arg::Nil(_)
                        | Arg::Number(..)
                        | Arg::String { .. }
                )
            ) {
                return self.error(format!(
                    "non executable command in pipeline stage {}",
                    index + 1
                ));
            }
        }
        Ok(pipe)
    }

    fn command(&mut self) -> Parse<Command> {
        let start = self.peek_non_space()?;
        let mut cmd = Command {
            pos: start.pos,
            args: Vec::new(),
        };
        loop {
            self.peek_non_space()?;
            if let Some(operand) = self.operand()? {
                cmd.args.push(operand);
            }
            let token = self.next()?;
            match token.kind {
                Kind::Space => continue,
                Kind::RightDelim | Kind::RightParen => self.backup(),
                Kind::Pipe => {}
                _ => return self.unexpected(&token, "operand"),
            }
            break;
        }
        if cmd.args.is_empty() {
            return self.error("empty command");
        }
        Ok(cmd)
    }

    fn operand(&mut self) -> Parse<Option<Arg>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek()?.kind != Kind::Field {
            return Ok(Some(node));
        }
        let chain_pos = self.peek()?.pos;
        let mut fields = Vec::new();
        while self.peek()?.kind == Kind::Field {
            let token = self.next()?;
            fields.push(Rc::from(&token.text[1..]));
        }
        Ok(Some(match node {
            Arg::Field { mut idents, .. } => {
                idents.extend(fields);
                Arg::Field {
                    pos: chain_pos,
                    idents,
                }
            }
            Arg::Variable { mut idents, .. } => {
                idents.extend(fields);
                Arg::Variable {
                    pos: chain_pos,
                    idents,
                }
            }
            Arg::Bool(..) | Arg::String { .. } | Arg::Number(..) | Arg::Nil(_) | Arg::Dot(_) => {
                return self.error(format!(
                    "unexpected . after term {}",
                    super::gofmt::quote(&node.to_string())
                ));
            }
            other => Arg::Chain {
                pos: chain_pos,
                node: Box::new(other),
                fields,
            },
        }))
    }

    fn term(&mut self) -> Parse<Option<Arg>> {
        let token = self.next_non_space()?;
        Ok(Some(match token.kind {
            Kind::Identifier => {
                let Some(func) = super::funcs::lookup(token.text) else {
                    return self.error(format!("function {:?} not defined", token.text));
                };
                Arg::Identifier {
                    pos: token.pos,
                    name: Rc::from(token.text),
                    func,
                }
            }
            Kind::Dot => Arg::Dot(token.pos),
            Kind::Nil => Arg::Nil(token.pos),
            Kind::Variable => {
                let name: Rc<str> = Rc::from(token.text);
                if !self.vars.contains(&name) {
                    return self.error(format!("undefined variable {:?}", token.text));
                }
                Arg::Variable {
                    pos: token.pos,
                    idents: vec![name],
                }
            }
            Kind::Field => Arg::Field {
                pos: token.pos,
                idents: vec![Rc::from(&token.text[1..])],
            },
            Kind::Bool => Arg::Bool(token.pos, token.text == "true"),
            Kind::Number | Kind::CharConstant => {
                let number = parse_number(token.text, token.kind == Kind::CharConstant)
                    .or_else(|message| self.error(message))?;
                Arg::Number(token.pos, number)
            }
            Kind::LeftParen => {
                let pipe = self.pipeline("parenthesized pipeline", Kind::RightParen)?;
                Arg::Pipe(Box::new(pipe))
            }
            Kind::String | Kind::RawString => {
                let text = unquote(token.text).or_else(|message| self.error(message))?;
                Arg::String {
                    pos: token.pos,
                    quoted: Rc::from(token.text),
                    text: Rc::from(text.as_str()),
                }
            }
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }
}

enum Item {
    Node(Node),
    Skip,
    End,
    Else,
}

/// Go's `strconv.Unquote` for the literals the lexer accepts.
pub(crate) fn unquote(text: &str) -> Result<String, String> {
    if let Some(raw) = text
        .strip_prefix('`')
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return Ok(raw.replace('\r', ""));
    }
    if let Some(inner) = text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        && !inner.contains('\\')
    {
        // The lexer ends a string at its first unescaped quote or line break.
        return Ok(inner.to_owned());
    }
    let quote_char = text.chars().next().unwrap_or('"');
    let inner = text
        .strip_prefix(quote_char)
        .and_then(|rest| rest.strip_suffix(quote_char))
        .ok_or_else(|| "invalid syntax".to_owned())?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        let escaped = chars.next().ok_or_else(|| "invalid syntax".to_owned())?;
        match escaped {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '\'' | '"' => out.push(escaped),
            'x' | 'u' | 'U' => {
                let width = match escaped {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let digits: String = chars.by_ref().take(width).collect();
                let code =
                    u32::from_str_radix(&digits, 16).map_err(|_| "invalid syntax".to_owned())?;
                if escaped == 'x' {
                    // A \x escape is a byte; only ASCII bytes form a valid char on their own.
                    out.push(char::from_u32(code).ok_or_else(|| "invalid syntax".to_owned())?);
                } else {
                    out.push(char::from_u32(code).ok_or_else(|| "invalid syntax".to_owned())?);
                }
            }
            '0'..='7' => {
                let rest: String = chars.by_ref().take(2).collect();
                let code = u32::from_str_radix(&format!("{escaped}{rest}"), 8)
                    .map_err(|_| "invalid syntax".to_owned())?;
                out.push(char::from_u32(code).ok_or_else(|| "invalid syntax".to_owned())?);
            }
            _ => return Err("invalid syntax".to_owned()),
        }
    }
    if quote_char == '\'' && out.chars().count() != 1 {
        return Err("invalid syntax".to_owned());
    }
    Ok(out)
}

/// Go's `strconv.ParseInt(text, 0, 64)`-style integer reading (base prefixes,
/// a leading `0` for octal, underscores only with a prefix).
fn parse_go_uint(text: &str) -> Option<u64> {
    let (digits, radix) =
        if let Some(rest) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
            (rest, 16)
        } else if let Some(rest) = text.strip_prefix("0o").or_else(|| text.strip_prefix("0O")) {
            (rest, 8)
        } else if let Some(rest) = text.strip_prefix("0b").or_else(|| text.strip_prefix("0B")) {
            (rest, 2)
        } else if text.len() > 1 && text.starts_with('0') {
            (&text[1..], 8)
        } else {
            if text.contains('_') {
                return None;
            }
            (text, 10)
        };
    let digits = if radix == 10 {
        digits.to_owned()
    } else {
        digits.replace('_', "")
    };
    if digits.is_empty() {
        return None;
    }
    u64::from_str_radix(&digits, radix).ok()
}

fn parse_go_int(text: &str) -> Option<i64> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let magnitude = parse_go_uint(body)?;
    if negative {
        if magnitude == 1 << 63 {
            Some(i64::MIN)
        } else {
            i64::try_from(magnitude).ok().map(|value| -value)
        }
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// Go's `newNumber`.
fn parse_number(text: &str, is_char: bool) -> Result<Number, String> {
    let literal: Rc<str> = Rc::from(text);
    if is_char {
        let ch = unquote(text)?.chars().next().unwrap_or('\0');
        let code = u64::from(ch as u32);
        return Ok(Number {
            text: literal,
            int: Some(i64::from(ch as u32)),
            uint: Some(code),
            float: Some(f64::from(ch as u32)),
        });
    }
    if text.ends_with('i') {
        return Err(format!("complex numbers are not supported: {text:?}"));
    }
    let mut uint = if text.starts_with(['-', '+']) {
        None
    } else {
        parse_go_uint(text)
    };
    let int = parse_go_int(text);
    if int == Some(0) {
        uint = Some(0);
    }
    #[allow(clippy::cast_precision_loss, reason = "Go converts the same way")]
    let mut number = Number {
        text: literal,
        int,
        uint,
        float: int
            .map(|value| value as f64)
            .or(uint.map(|value| value as f64)),
    };
    if number.int.is_none() && number.uint.is_none() {
        let float_text = text.replace('_', "");
        if let Ok(float) = float_text.parse::<f64>() {
            if !text.contains(['.', 'e', 'E', 'p', 'P']) {
                return Err(format!("integer overflow: {text:?}"));
            }
            number.float = Some(float);
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_precision_loss,
                clippy::cast_sign_loss,
                reason = "Go's own round trip test"
            )]
            {
                if (float as i64) as f64 == float {
                    number.int = Some(float as i64);
                }
                if float >= 0.0 && (float as u64) as f64 == float {
                    number.uint = Some(float as u64);
                }
            }
        }
    }
    if number.int.is_none() && number.uint.is_none() && number.float.is_none() {
        return Err(format!("illegal number syntax: {text:?}"));
    }
    Ok(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Parsed {
        parse("t.yaml", text).unwrap()
    }

    fn parse_err(text: &str) -> String {
        parse("t.yaml", text).unwrap_err().message
    }

    #[test]
    fn defines_are_collected() {
        let parsed = parse_ok("{{- define \"a\" -}}x{{- end -}}body");
        assert_eq!(parsed.defined.len(), 1);
        assert_eq!(&*parsed.defined[0].name, "a");
        assert!(
            matches!(&parsed.main.root[..], [Node::Text(range)] if &parsed.main.source[range.clone()] == "body")
        );
    }

    #[test]
    fn field_chain_position_is_the_second_field() {
        // parse.go operand(): newField(chain.Position(), ...)
        let parsed = parse_ok("a: {{ .Values.a.b }}");
        let Node::Action(pipe) = &parsed.main.root[1] else {
            panic!()
        };
        assert_eq!(pipe.cmds[0].args[0].pos(), 13);
        assert_eq!(parsed.main.location(13), "t.yaml:1:13");
        assert_eq!(pipe.to_string(), ".Values.a.b");
    }

    #[test]
    fn else_if_chains() {
        let parsed = parse_ok("{{ if .a }}1{{ else if .b }}2{{ else }}3{{ end }}");
        let Node::If(control) = &parsed.main.root[0] else {
            panic!()
        };
        let else_list = control.else_list.as_ref().unwrap();
        assert!(matches!(&else_list[0], Node::If(inner) if inner.else_list.is_some()));
    }

    #[test]
    fn errors_read_like_go() {
        assert_eq!(
            parse_err("a: {{ foo }}"),
            "template: t.yaml:1: function \"foo\" not defined"
        );
        assert_eq!(
            parse_err("a: {{ .x\n"),
            "template: t.yaml:2: unclosed action started at t.yaml:1"
        );
        assert_eq!(
            parse_err("{{ $x }}"),
            "template: t.yaml:1: undefined variable \"$x\""
        );
        assert_eq!(
            parse_err("{{ end }}"),
            "template: t.yaml:1: unexpected {{end}}"
        );
        assert_eq!(
            parse_err("{{ if .x }}"),
            "template: t.yaml:1: unexpected EOF"
        );
        assert_eq!(
            parse_err("{{ .x | 3 }}"),
            "template: t.yaml:1: non executable command in pipeline stage 2"
        );
    }

    #[test]
    fn numbers_keep_every_reading() {
        let number = parse_number("0x1F", false).unwrap();
        assert_eq!(number.int, Some(31));
        let number = parse_number("1.0", false).unwrap();
        assert_eq!((number.int, number.float), (Some(1), Some(1.0)));
        let number = parse_number("'a'", true).unwrap();
        assert_eq!(number.int, Some(97));
        assert!(parse_number("99999999999999999999", false).is_err());
    }

    #[test]
    fn variables_scope_to_their_block() {
        assert!(parse("t", "{{ if .a }}{{ $x := 1 }}{{ end }}{{ $x }}").is_err());
        assert!(parse("t", "{{ $x := 1 }}{{ if .a }}{{ $x = 2 }}{{ end }}{{ $x }}").is_ok());
        assert!(parse("t", "{{ range $i, $v := .a }}{{ $i }}{{ break }}{{ end }}").is_ok());
    }
}
