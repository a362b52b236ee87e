//! Go's `text/template` executor (`src/text/template/exec.go`, Go 1.25)
//! with Helm's `include` and `tpl`.
//!
//! Go's reflection decides error texts, so every evaluated value remembers
//! whether its static type is `interface{}` (a map element is; a variable or
//! a pipeline result is not): `.Values.s.x` on a string says "in type
//! interface {}", `$s.x` says "in type string". Missing map keys are the zero
//! `interface{}` (Helm runs with `missingkey=zero`), which prints as
//! `<no value>` and is then removed by Helm.

use std::collections::HashMap;
use std::fmt::Display;
use std::rc::Rc;

use super::error::GoError;
use super::funcs::{self, Func, Host, Param};
use super::gofmt;
use super::parse::{self, Arg, Command, Control, Node, ParseError, Pipe, Tree};
use super::random::Random;
use super::trace::{Cut, Emitted, Gated, KeyPath, Read, Refusal, Role, Trace};
use super::value::{ListKind, MapKind, MapRef, Value};

/// Helm's `recursionMaxNums`: nested `include`s of one name.
const INCLUDE_LIMIT: usize = 1000;
/// Nested `include`/`template`/`tpl` calls of any names. Go's own limit is
/// 100 000 templates deep on a growable stack; this one keeps the native
/// stack bounded and is far above what charts use.
const NESTING_LIMIT: usize = 1500;
/// Go's `maxExecDepth`, which its message names. Only endless recursion
/// reaches either limit, so the refusal is worded as Helm words it.
const GO_MAX_EXEC_DEPTH: usize = 100_000;

/// What Go prints for a missing value.
const NO_VALUE: &str = "<no value>";

/// An execution's output as Helm keeps it: Go's `<no value>` removed.
pub(crate) fn strip_no_value(text: String) -> String {
    if text.contains(NO_VALUE) {
        text.replace(NO_VALUE, "")
    } else {
        text
    }
}

/// [`strip_no_value`] for a rendered file, moving the ranges of what it
/// printed (`emitted`) to where those bytes are once the markers are gone.
pub(crate) fn strip_no_value_keeping(
    text: String,
    emitted: &mut [Emitted],
    gated: &mut [Gated],
) -> String {
    if !text.contains(NO_VALUE) {
        return text;
    }
    let removed: Vec<usize> = text.match_indices(NO_VALUE).map(|(at, _)| at).collect();
    // Where `offset` lands: less every marker that ends at or before it, and
    // the part of one it falls inside.
    let moved = |offset: usize| {
        let mut shift = 0;
        for &at in &removed {
            if at >= offset {
                break;
            }
            shift += (offset - at).min(NO_VALUE.len());
        }
        offset - shift
    };
    for print in emitted {
        print.range = moved(print.range.start)..moved(print.range.end);
    }
    for gate in gated {
        gate.range = moved(gate.range.start)..moved(gate.range.end);
    }
    text.replace(NO_VALUE, "")
}

/// Go's refusal at its nesting limit.
fn depth_exceeded() -> String {
    format!("exceeded maximum template depth ({GO_MAX_EXEC_DEPTH})")
}

/// Every template of a render, by name: each file's body and each `define`.
#[derive(Debug, Default, Clone)]
pub(crate) struct Templates {
    trees: HashMap<Rc<str>, Rc<Tree>>,
}

impl Templates {
    /// No templates yet, with room for `trees`.
    pub(crate) fn with_capacity(trees: usize) -> Self {
        Self {
            trees: HashMap::with_capacity(trees),
        }
    }

    /// Parse a file and add its trees, as `t.New(name).Parse(text)` does: a
    /// later definition replaces an earlier one unless it is empty.
    pub(crate) fn add_file(&mut self, name: &str, text: &str) -> Result<(), ParseError> {
        self.add_parsed(name, &parse_file(name, text)?)
    }

    /// [`Templates::add_file`] through `cache`: the file is parsed only when
    /// the cache has no parse of this name and text.
    pub(crate) fn add_cached(
        &mut self,
        cache: &mut ParseCache,
        name: &str,
        text: &str,
    ) -> Result<(), ParseError> {
        let parsed = cache.parsed(name, text)?;
        self.add_parsed(name, &parsed)
    }

    fn add_parsed(&mut self, name: &str, parsed: &ParsedFile) -> Result<(), ParseError> {
        let mut seen: HashMap<Rc<str>, bool> = HashMap::new();
        for tree in &parsed.defined {
            let empty = tree.is_empty();
            if let Some(&earlier_empty) = seen.get(&tree.name)
                && !earlier_empty
                && !empty
            {
                return Err(ParseError {
                    message: format!(
                        "template: {name}: template: multiple definition of template {}",
                        gofmt::quote(&tree.name)
                    ),
                });
            }
            seen.insert(tree.name.clone(), empty);
        }
        self.associate(parsed.main.clone());
        for tree in &parsed.defined {
            self.associate(tree.clone());
        }
        Ok(())
    }

    fn associate(&mut self, tree: Rc<Tree>) {
        if tree.is_empty() && self.trees.contains_key(&tree.name) {
            return;
        }
        self.trees.insert(tree.name.clone(), tree);
    }

    /// The template called `name`.
    pub(crate) fn get(&self, name: &str) -> Option<Rc<Tree>> {
        self.trees.get(name).cloned()
    }
}

/// One file's trees, shared between the renders that use it.
pub(crate) struct ParsedFile {
    main: Rc<Tree>,
    defined: Vec<Rc<Tree>>,
}

fn parse_file(name: &str, text: &str) -> Result<ParsedFile, ParseError> {
    let parsed = parse::parse(name, text)?;
    Ok(ParsedFile {
        main: Rc::new(parsed.main),
        defined: parsed.defined.into_iter().map(Rc::new).collect(),
    })
}

/// A parsed file, by name, with the text it was parsed from.
type ParsedFiles = HashMap<String, (String, Result<Rc<ParsedFile>, ParseError>)>;

/// Files parsed by earlier renders, by name with the text they had: a
/// chart rendered again with other values is not parsed again. Only the
/// last completed render's files are kept, so memory follows one chart.
#[derive(Default)]
pub(crate) struct ParseCache {
    files: ParsedFiles,
    /// The files of the render in progress.
    current: ParsedFiles,
}

impl ParseCache {
    fn parsed(&mut self, name: &str, text: &str) -> Result<Rc<ParsedFile>, ParseError> {
        let entry = match self.files.remove(name) {
            Some(entry) if entry.0 == text => entry,
            _ => (text.to_owned(), parse_file(name, text).map(Rc::new)),
        };
        let parsed = entry.1.clone();
        self.current.insert(name.to_owned(), entry);
        parsed
    }

    /// The render's files are parsed: keep them, and drop the files it did
    /// not use.
    pub(crate) fn finish(&mut self) {
        self.files = std::mem::take(&mut self.current);
    }

    /// The render stopped at a parse error: keep everything seen so far.
    pub(crate) fn abandon(&mut self) {
        self.files.extend(self.current.drain());
    }
}

/// A value with what Go's reflection would know of it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Val {
    pub(crate) value: Value,
    /// Whether the static type is `interface{}` (a map element, a slice element).
    pub(crate) iface: bool,
    /// The values key it was read from.
    pub(crate) origin: Option<Rc<KeyPath>>,
}

impl Val {
    fn concrete(value: Value) -> Self {
        Self {
            value,
            iface: false,
            origin: None,
        }
    }

    /// What `evalPipeline` does after each command: dig a value out of its interface.
    fn unwrapped(mut self) -> Self {
        self.iface = false;
        self
    }

    fn static_type(&self) -> &'static str {
        if self.iface {
            "interface {}"
        } else {
            self.value.type_name()
        }
    }
}

/// A call's Go parameter types: the fixed ones and the variadic tail.
type Signature = (&'static [Param], Option<Param>);

/// How a walk ended: normally, or at `{{break}}`/`{{continue}}`.
enum Flow {
    Normal,
    Break,
    Continue,
}

type Eval<T> = Result<T, GoError>;

/// One executing template: its tree and its variables.
struct Frame {
    tree: Rc<Tree>,
    vars: Vec<(Rc<str>, Val)>,
    /// Whether output goes straight into a rendered file (not into an `include`).
    top: bool,
}

impl Frame {
    fn error(&self, pos: usize, context: &dyn Display, message: &str) -> GoError {
        GoError::exec(
            &self.tree.location(pos),
            &self.tree.name,
            &context.to_string(),
            message,
        )
    }

    fn var(&self, name: &str) -> Val {
        self.vars
            .iter()
            .rev()
            .find(|(var, _)| &**var == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }

    fn set_var(&mut self, name: &str, value: Val) {
        if let Some(slot) = self.vars.iter_mut().rev().find(|(var, _)| &**var == name) {
            slot.1 = value;
        }
    }
}

/// The executor: the templates, the state `include` keeps, the seeded
/// random source and the trace.
pub(crate) struct Exec<'a> {
    templates: &'a Templates,
    /// Trees `tpl` defined, visible while its text executes.
    overlays: Vec<Templates>,
    include_counts: HashMap<Rc<str>, usize>,
    nesting: usize,
    random: Random,
    now_unix: i64,
    /// The file being rendered, for emitted ranges.
    file: Rc<str>,
    /// Whether to record the trace (diagnostics need it; plain `template` output does not).
    tracing: bool,
    pub(crate) trace: Trace,
    /// The reads (ranges of `trace.reads`) of the conditions enclosing the
    /// action being executed, outermost first.
    conditions: Vec<std::ops::Range<usize>>,
    /// The `fail` or `required` that stopped the last file, when tracing.
    pub(crate) refusal: Option<Refusal>,
    /// The name of the root variable, shared by every frame.
    dollar: Rc<str>,
}

impl<'a> Exec<'a> {
    pub(crate) fn new(templates: &'a Templates, random: Random, now_unix: i64) -> Self {
        Self {
            templates,
            overlays: Vec::new(),
            include_counts: HashMap::new(),
            nesting: 0,
            random,
            now_unix,
            file: Rc::from(""),
            tracing: true,
            trace: Trace::default(),
            conditions: Vec::new(),
            refusal: None,
            dollar: Rc::from("$"),
        }
    }

    /// Turn recording of the trace off (or on).
    pub(crate) fn set_tracing(&mut self, tracing: bool) {
        self.tracing = tracing;
    }

    fn lookup_tree(&self, name: &str) -> Option<Rc<Tree>> {
        self.overlays
            .iter()
            .rev()
            .find_map(|overlay| overlay.get(name))
            .or_else(|| self.templates.get(name))
    }

    /// Execute the template `name` as a rendered file (`ExecuteTemplate`).
    /// After an error the state a file's execution keeps is reset, so the
    /// next file renders as it would have on its own.
    pub(crate) fn render_file(&mut self, name: &str, data: &Value) -> Eval<String> {
        self.file = Rc::from(name);
        self.refusal = None;
        let result = self.render_file_inner(name, data);
        if result.is_err() {
            self.overlays.clear();
            self.include_counts.clear();
            self.nesting = 0;
            self.conditions.clear();
        }
        result
    }

    fn render_file_inner(&mut self, name: &str, data: &Value) -> Eval<String> {
        let Some(tree) = self.lookup_tree(name) else {
            return Err(GoError::plain(format!(
                "template: no template {} associated with template \"gotpl\"",
                gofmt::quote(name)
            )));
        };
        // A rendered file is usually about as long as its template.
        let mut out = String::with_capacity(tree.source.len());
        let mut frame = Frame {
            tree: tree.clone(),
            vars: vec![(self.dollar.clone(), Val::concrete(data.clone()))],
            top: true,
        };
        self.walk_list(
            &mut frame,
            &Val::concrete(data.clone()),
            &tree.root,
            &mut out,
        )?;
        Ok(out)
    }

    /// Helm's `include`: execute a named template into a string.
    fn include(&mut self, name: &str, data: &Value) -> Eval<String> {
        let count = match self.include_counts.get_mut(name) {
            Some(count) => count,
            None => self.include_counts.entry(Rc::from(name)).or_insert(0),
        };
        if *count > INCLUDE_LIMIT {
            return Err(GoError::plain(format!(
                "rendering template has a nested reference name: {name}: unable to execute template"
            )));
        }
        *count += 1;
        let result = self.execute_nested(name, data);
        if let Some(count) = self.include_counts.get_mut(name) {
            *count -= 1;
        }
        result
    }

    fn execute_nested(&mut self, name: &str, data: &Value) -> Eval<String> {
        let Some(tree) = self.lookup_tree(name) else {
            return Err(GoError::plain(format!(
                "template: no template {} associated with template \"gotpl\"",
                gofmt::quote(name)
            )));
        };
        if self.nesting >= NESTING_LIMIT {
            return Err(GoError::exec_bare(&tree.name, &depth_exceeded()));
        }
        self.nesting += 1;
        let mut out = String::new();
        let mut frame = Frame {
            tree: tree.clone(),
            vars: vec![(self.dollar.clone(), Val::concrete(data.clone()))],
            top: false,
        };
        let result = self.walk_list(
            &mut frame,
            &Val::concrete(data.clone()),
            &tree.root,
            &mut out,
        );
        self.nesting -= 1;
        result.map(|_| out)
    }

    /// Helm's `tpl`: parse `text` beside the chart's templates as "gotpl" and execute it.
    fn tpl(&mut self, text: &str, data: &Value) -> Eval<String> {
        let mut overlay = Templates::default();
        if let Err(error) = overlay.add_file("gotpl", text) {
            return Err(GoError::wrap(
                &format!("cannot parse template {}: ", gofmt::quote(text)),
                GoError::plain(error.message),
            ));
        }
        self.overlays.push(overlay);
        let result = self.execute_nested("gotpl", data);
        self.overlays.pop();
        match result {
            Ok(out) => Ok(strip_no_value(out)),
            Err(error) => Err(GoError::wrap(
                &format!(
                    "error during tpl function execution for {}: ",
                    gofmt::quote(text)
                ),
                error,
            )),
        }
    }

    fn read(&mut self, frame: &Frame, pos: usize, val: &Val, role: Role) {
        if let Some(path) = &val.origin {
            self.trace.reads.push(Read {
                file: frame.tree.parse_name.clone(),
                offset: pos,
                path: path.clone(),
                role,
                present: !(val.iface && val.value.is_nil()),
            });
        }
    }

    fn walk_list(
        &mut self,
        frame: &mut Frame,
        dot: &Val,
        nodes: &[Node],
        out: &mut String,
    ) -> Eval<Flow> {
        for node in nodes {
            match self.walk(frame, dot, node, out)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn walk(&mut self, frame: &mut Frame, dot: &Val, node: &Node, out: &mut String) -> Eval<Flow> {
        if out.len() > super::MAX_OUTPUT_BYTES {
            return Err(GoError::plain(format!(
                "the output of {} passed {} bytes, the most ingresslab renders",
                frame.tree.name,
                super::MAX_OUTPUT_BYTES
            )));
        }
        match node {
            Node::Text(range) => out.push_str(&frame.tree.source[range.clone()]),
            Node::Action(pipe) => {
                let value = self.eval_pipeline(frame, dot, pipe)?;
                if pipe.decl.is_empty() {
                    self.read(frame, pipe.pos, &value, Role::Printed);
                    let start = out.len();
                    match &value.value {
                        Value::Nil => out.push_str(NO_VALUE),
                        other => gofmt::write_sprint(out, other),
                    }
                    if frame.top
                        && let Some(path) = &value.origin
                    {
                        self.trace.emitted.push(Emitted {
                            file: self.file.clone(),
                            range: start..out.len(),
                            path: path.clone(),
                        });
                    }
                }
            }
            Node::If(control) => return self.walk_if_or_with(frame, dot, control, false, out),
            Node::With(control) => return self.walk_if_or_with(frame, dot, control, true, out),
            Node::Range(control) => return self.walk_range(frame, dot, control, out),
            Node::Template { pos, name, pipe } => {
                let Some(tree) = self.lookup_tree(name) else {
                    return Err(frame.error(
                        *pos,
                        &parse::node_string(node, &frame.tree.source),
                        &format!("template {} not defined", gofmt::quote(name)),
                    ));
                };
                let new_dot = match pipe {
                    Some(pipe) => self.eval_pipeline(frame, dot, pipe)?,
                    None => Val::default(),
                };
                if self.nesting >= NESTING_LIMIT {
                    return Err(frame.error(
                        *pos,
                        &parse::node_string(node, &frame.tree.source),
                        &depth_exceeded(),
                    ));
                }
                self.nesting += 1;
                let mut inner = Frame {
                    tree: tree.clone(),
                    vars: vec![(self.dollar.clone(), new_dot.clone())],
                    top: frame.top,
                };
                let result = self.walk_list(&mut inner, &new_dot, &tree.root, out);
                self.nesting -= 1;
                result?;
            }
            Node::Break => return Ok(Flow::Break),
            Node::Continue => return Ok(Flow::Continue),
        }
        Ok(Flow::Normal)
    }

    fn walk_if_or_with(
        &mut self,
        frame: &mut Frame,
        dot: &Val,
        control: &Control,
        is_with: bool,
        out: &mut String,
    ) -> Eval<Flow> {
        let mark = frame.vars.len();
        let first_read = self.trace.reads.len();
        let value = self.eval_pipeline(frame, dot, &control.pipe)?;
        self.read(frame, control.pos, &value, Role::Tested);
        self.conditions.push(first_read..self.trace.reads.len());
        let start = out.len();
        let flow = if value.value.is_true() {
            if is_with {
                self.walk_list(frame, &value, &control.list, out)
            } else {
                self.walk_list(frame, dot, &control.list, out)
            }
        } else if let Some(else_list) = &control.else_list {
            self.walk_list(frame, dot, else_list, out)
        } else {
            Ok(Flow::Normal)
        };
        if let Some(condition) = self.conditions.pop()
            && self.tracing
            && frame.top
            && out.len() > start
        {
            let mut keys: Vec<Rc<KeyPath>> = Vec::new();
            for read in &self.trace.reads[condition] {
                if !keys.contains(&read.path) {
                    keys.push(read.path.clone());
                }
            }
            if !keys.is_empty() {
                self.trace.gated.push(Gated {
                    file: self.file.clone(),
                    range: start..out.len(),
                    keys,
                    ranged: false,
                });
            }
        }
        frame.vars.truncate(mark);
        flow
    }

    fn walk_range(
        &mut self,
        frame: &mut Frame,
        dot: &Val,
        control: &Control,
        out: &mut String,
    ) -> Eval<Flow> {
        let outer_mark = frame.vars.len();
        let first_read = self.trace.reads.len();
        let value = self.eval_pipeline(frame, dot, &control.pipe)?;
        self.read(frame, control.pos, &value, Role::Ranged);
        let condition = first_read..self.trace.reads.len();
        let mark = frame.vars.len();
        let decl = control.pipe.decl.len();
        let mut items: Vec<(Val, Val)> = Vec::new();
        match &value.value {
            Value::List(list, kind) => {
                for (index, item) in list.iter().enumerate() {
                    let key = Val::concrete(Value::Int(i64::try_from(index).unwrap_or(i64::MAX)));
                    items.push((
                        key,
                        Val {
                            value: item.clone(),
                            iface: *kind == ListKind::Any,
                            origin: value.origin.as_ref().map(|path| Rc::new(path.index(index))),
                        },
                    ));
                }
            }
            Value::Map(map, _) => {
                for (key, item) in map.entries() {
                    let origin = value.origin.as_ref().map(|path| Rc::new(path.key(&key)));
                    items.push((
                        Val::concrete(Value::string(key)),
                        Val {
                            value: item,
                            iface: true,
                            origin,
                        },
                    ));
                }
            }
            Value::Int(count) | Value::Int64(count) => {
                if decl > 1 {
                    let pos = control.pipe.cmds.last().map_or(control.pos, |cmd| cmd.pos);
                    return Err(frame.error(
                        pos,
                        &last_context(&control.pipe),
                        &format!(
                            "can't use {} to iterate over more than one variable",
                            gofmt::sprint_value(&value.value)
                        ),
                    ));
                }
                let make = |index: i64| match value.value {
                    Value::Int64(_) => Value::Int64(index),
                    _ => Value::Int(index),
                };
                for index in 0..*count {
                    items.push((Val::concrete(make(index)), Val::concrete(make(index))));
                }
            }
            Value::Nil => {}
            other => {
                let pos = control.pipe.cmds.last().map_or(control.pos, |cmd| cmd.pos);
                return Err(frame.error(
                    pos,
                    &last_context(&control.pipe),
                    &format!("range can't iterate over {}", gofmt::sprint_value(other)),
                ));
            }
        }
        let mut flow = Ok(Flow::Normal);
        self.conditions.push(condition);
        let start = out.len();
        if items.is_empty() {
            if let Some(else_list) = &control.else_list {
                flow = self.walk_list(frame, dot, else_list, out);
            }
        } else {
            for (key, item) in items {
                if decl > 0 {
                    let slot = frame.vars.len() - 1;
                    frame.vars[slot].1 = item.clone();
                }
                if decl > 1 {
                    let slot = frame.vars.len() - 2;
                    frame.vars[slot].1 = key;
                }
                let result = self.walk_list(frame, &item, &control.list, out);
                frame.vars.truncate(mark);
                match result {
                    Ok(Flow::Break) => break,
                    Ok(_) => {}
                    Err(error) => {
                        flow = Err(error);
                        break;
                    }
                }
            }
        }
        self.conditions.pop();
        // Where a ranged list prints, even when empty: what a field's
        // items would come from.
        if self.tracing
            && frame.top
            && let Some(path) = &value.origin
        {
            self.trace.gated.push(Gated {
                file: self.file.clone(),
                range: start..out.len(),
                keys: vec![path.clone()],
                ranged: true,
            });
        }
        frame.vars.truncate(outer_mark);
        flow.map(|_| Flow::Normal)
    }

    fn eval_pipeline(&mut self, frame: &mut Frame, dot: &Val, pipe: &Pipe) -> Eval<Val> {
        let mut value: Option<Val> = None;
        for cmd in &pipe.cmds {
            value = Some(self.eval_command(frame, dot, cmd, value)?.unwrapped());
        }
        let value = value.unwrap_or_default();
        for name in &pipe.decl {
            if pipe.is_assign {
                frame.set_var(name, value.clone());
            } else {
                frame.vars.push((name.clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, frame: &Frame, args: &[Arg], last: Option<&Val>) -> Eval<()> {
        if args.len() > 1 || last.is_some() {
            return Err(frame.error(
                args[0].pos(),
                &args[0],
                &format!("can't give argument to non-function {}", args[0]),
            ));
        }
        Ok(())
    }

    fn eval_command(
        &mut self,
        frame: &mut Frame,
        dot: &Val,
        cmd: &Command,
        last: Option<Val>,
    ) -> Eval<Val> {
        let first = &cmd.args[0];
        match first {
            Arg::Field { idents, .. } => {
                return self.eval_field_chain(
                    frame,
                    dot,
                    dot.clone(),
                    first,
                    idents,
                    &cmd.args,
                    last,
                );
            }
            Arg::Chain { node, fields, .. } => {
                let receiver = self.eval_arg(frame, dot, Param::Any, node)?;
                return self.eval_field_chain(frame, dot, receiver, first, fields, &cmd.args, last);
            }
            Arg::Variable { idents, .. } => {
                let value = frame.var(&idents[0]);
                if idents.len() == 1 {
                    self.not_a_function(frame, &cmd.args, last.as_ref())?;
                    return Ok(value);
                }
                return self.eval_field_chain(
                    frame,
                    dot,
                    value,
                    first,
                    &idents[1..],
                    &cmd.args,
                    last,
                );
            }
            Arg::Identifier { pos, name, func } => {
                return self.eval_call(
                    frame,
                    dot,
                    *pos,
                    name,
                    &CallSite::Command(cmd),
                    func,
                    &cmd.args[1..],
                    last,
                );
            }
            Arg::Pipe(pipe) => {
                self.not_a_function(frame, &cmd.args, last.as_ref())?;
                return self.eval_pipeline(frame, dot, pipe);
            }
            _ => {}
        }
        self.not_a_function(frame, &cmd.args, last.as_ref())?;
        match first {
            Arg::Bool(_, value) => Ok(Val::concrete(Value::Bool(*value))),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Nil(pos) => Err(frame.error(*pos, first, "nil is not a command")),
            Arg::Number(pos, number) => ideal_constant(frame, *pos, first, number),
            Arg::String { text, .. } => Ok(Val::concrete(Value::String(text.clone()))),
            _ => Err(frame.error(
                first.pos(),
                first,
                &format!("can't evaluate command {first}"),
            )),
        }
    }

    #[allow(clippy::too_many_arguments, reason = "mirrors Go's evalFieldChain")]
    fn eval_field_chain(
        &mut self,
        frame: &mut Frame,
        dot: &Val,
        mut receiver: Val,
        node: &Arg,
        idents: &[Rc<str>],
        args: &[Arg],
        last: Option<Val>,
    ) -> Eval<Val> {
        let Some((final_ident, leading)) = idents.split_last() else {
            return Ok(receiver);
        };
        for ident in leading {
            receiver = self.eval_field(frame, dot, ident, node, &[], None, receiver)?;
        }
        self.eval_field(frame, dot, final_ident, node, args, last, receiver)
    }

    #[allow(clippy::too_many_arguments, reason = "mirrors Go's evalField")]
    fn eval_field(
        &mut self,
        frame: &mut Frame,
        dot: &Val,
        name: &str,
        node: &Arg,
        args: &[Arg],
        last: Option<Val>,
        receiver: Val,
    ) -> Eval<Val> {
        let pos = node.pos();
        if receiver.value.is_nil() && !receiver.iface {
            return Ok(Val::default());
        }
        let type_name = receiver.static_type();
        if receiver.value.is_nil() {
            let message = format!("nil pointer evaluating {type_name}.{name}");
            self.refuse_reading(frame, pos, &receiver, &message);
            return Err(frame.error(pos, node, &message));
        }
        let has_args = args.len() > 1 || last.is_some();
        match &receiver.value {
            Value::Object(object) => {
                if let Some(method) = object.method(name) {
                    let method_args = args.get(1..).unwrap_or(&[]);
                    let argv = self.eval_args(
                        frame,
                        dot,
                        pos,
                        name,
                        node,
                        (method.params, None),
                        method_args,
                        last,
                    )?;
                    return match (method.call)(&argv) {
                        Ok(value) => Ok(Val::concrete(value)),
                        Err(message) => Err(GoError::exec_call(
                            &frame.tree.location(pos),
                            &frame.tree.name,
                            &node.to_string(),
                            name,
                            GoError::plain(message),
                        )),
                    };
                }
                if let Some(value) = object.field(name) {
                    if has_args {
                        return Err(frame.error(
                            pos,
                            node,
                            &format!("{name} has arguments but cannot be invoked as function"),
                        ));
                    }
                    return Ok(Val::concrete(value));
                }
            }
            Value::List(items, ListKind::VersionSet) if name == "Has" => {
                let method_args = args.get(1..).unwrap_or(&[]);
                let argv = self.eval_args(
                    frame,
                    dot,
                    pos,
                    name,
                    node,
                    (&[Param::String], None),
                    method_args,
                    last,
                )?;
                let wanted = argv[0].as_str().unwrap_or_default();
                let found = items.iter().any(|item| item.as_str() == Some(wanted));
                return Ok(Val::concrete(Value::Bool(found)));
            }
            Value::Map(map, kind) => {
                if has_args {
                    return Err(frame.error(
                        pos,
                        node,
                        &format!("{name} is not a method but has arguments"),
                    ));
                }
                let origin = match (&receiver.origin, kind) {
                    _ if !self.tracing => None,
                    (Some(path), _) => Some(Rc::new(path.key(name))),
                    (None, MapKind::Values) => Some(Rc::new(KeyPath::root().key(name))),
                    (None, MapKind::Plain) => None,
                };
                return Ok(Val {
                    value: map.get(name).unwrap_or_default(),
                    iface: true,
                    origin,
                });
            }
            _ => {}
        }
        let message = format!("can't evaluate field {name} in type {type_name}");
        self.refuse_reading(frame, pos, &receiver, &message);
        Err(frame.error(pos, node, &message))
    }

    /// With the trace on, note that reading a field of `receiver` (a values
    /// key: a map that is a string, a section set to null) stopped the file.
    fn refuse_reading(&mut self, frame: &Frame, pos: usize, receiver: &Val, message: &str) {
        if !self.tracing || self.refusal.is_some() {
            return;
        }
        let Some(path) = receiver.origin.clone() else {
            return;
        };
        let reads = self.trace.reads.len();
        let mut refusal = self.refusal_at(frame, pos, &[], reads);
        refusal.message = message.to_owned();
        refusal.deliberate = false;
        // The key whose value could not be read comes first.
        refusal.keys.retain(|key| *key != path);
        refusal.keys.insert(0, path);
        self.refusal = Some(refusal);
    }

    /// Evaluate and check a call's arguments (Go's `evalCall` up to the call).
    #[allow(clippy::too_many_arguments, reason = "mirrors Go's evalCall")]
    fn eval_args(
        &mut self,
        frame: &mut Frame,
        dot: &Val,
        pos: usize,
        name: &str,
        node: &dyn Display,
        signature: Signature,
        args: &[Arg],
        last: Option<Val>,
    ) -> Eval<Vec<Value>> {
        let vals = self.eval_arg_vals(frame, dot, pos, name, node, signature, args, last)?;
        Ok(vals.into_iter().map(|val| val.value).collect())
    }

    #[allow(clippy::too_many_arguments, reason = "mirrors Go's evalCall")]
    fn eval_arg_vals(
        &mut self,
        frame: &mut Frame,
        dot: &Val,
        pos: usize,
        name: &str,
        node: &dyn Display,
        (params, variadic): Signature,
        args: &[Arg],
        last: Option<Val>,
    ) -> Eval<Vec<Val>> {
        let num_in = args.len() + usize::from(last.is_some());
        let num_fixed = params.len();
        if variadic.is_some() {
            if num_in < num_fixed {
                return Err(frame.error(
                    pos,
                    node,
                    &format!(
                        "wrong number of args for {name}: want at least {num_fixed} got {}",
                        args.len()
                    ),
                ));
            }
        } else if num_in != num_fixed {
            return Err(frame.error(
                pos,
                node,
                &format!("wrong number of args for {name}: want {num_fixed} got {num_in}"),
            ));
        }
        let mut argv = Vec::with_capacity(num_in);
        for (index, arg) in args.iter().enumerate() {
            let param = params
                .get(index)
                .copied()
                .or(variadic)
                .unwrap_or(Param::Any);
            argv.push(self.eval_arg(frame, dot, param, arg)?);
        }
        if let Some(last) = last {
            let param = match variadic {
                Some(tail) if num_in > num_fixed => tail,
                _ => params.get(num_in - 1).copied().unwrap_or(Param::Any),
            };
            let error_node: &dyn Display = args.last().map_or(node, |arg| arg as &dyn Display);
            let error_pos = args.last().map_or(pos, Arg::pos);
            argv.push(validate(frame, error_pos, error_node, last, param)?);
        }
        Ok(argv)
    }

    #[allow(clippy::too_many_arguments, reason = "mirrors Go's evalCall")]
    fn eval_call(
        &mut self,
        frame: &mut Frame,
        dot: &Val,
        pos: usize,
        name: &Rc<str>,
        site: &CallSite<'_>,
        func: &Func,
        args: &[Arg],
        last: Option<Val>,
    ) -> Eval<Val> {
        if funcs::is_short_circuit(name) {
            return self.and_or(frame, dot, pos, name, site, args, last);
        }
        let argv = self.eval_arg_vals(
            frame,
            dot,
            pos,
            name,
            &Ident(name),
            (func.params, func.variadic),
            args,
            last,
        )?;
        let call_reads = self.trace.reads.len();
        // Without the trace no value carries an origin: nothing to record.
        let origin = if self.tracing {
            for val in &argv {
                self.read(frame, pos, val, Role::Argument(name.clone()));
            }
            if let Some((path, present)) = looked_up_key(name, &argv) {
                self.trace.reads.push(Read {
                    file: frame.tree.parse_name.clone(),
                    offset: pos,
                    path: Rc::new(path),
                    role: Role::Argument(name.clone()),
                    present,
                });
            }
            passthrough_origin(name, &argv)
        } else {
            None
        };
        let values: Vec<Value> = argv.into_iter().map(|val| val.value).collect();
        // What `trunc` was given, to note a string it shortens.
        let truncated = (self.tracing && &**name == "trunc")
            .then(|| values.get(1).and_then(Value::as_str).map(str::to_owned))
            .flatten();
        let result = match &**name {
            "include" => self
                .include(values[0].as_str().unwrap_or_default(), &values[1])
                .map(Value::string),
            "tpl" => self
                .tpl(values[0].as_str().unwrap_or_default(), &values[1])
                .map(Value::string),
            _ => {
                let mut host = ExecHost {
                    random: &mut self.random,
                    now_unix: self.now_unix,
                };
                (func.body)(&mut host, &values).map_err(GoError::plain)
            }
        };
        match result {
            Ok(value) => {
                if let (Some(whole), Some(kept)) = (truncated, value.as_str())
                    && kept.len() < whole.len()
                {
                    self.trace.cuts.push(Cut {
                        whole,
                        kept: kept.to_owned(),
                    });
                }
                Ok(Val {
                    value,
                    iface: false,
                    origin,
                })
            }
            Err(cause) => {
                if self.tracing && matches!(&**name, "fail" | "required") && self.refusal.is_none()
                {
                    self.refusal = Some(self.refusal_at(frame, pos, &values, call_reads));
                }
                let (call_pos, context) = site.describe();
                Err(GoError::exec_call(
                    &frame.tree.location(call_pos),
                    &frame.tree.name,
                    &context,
                    name,
                    cause,
                ))
            }
        }
    }

    /// The refusal of a `fail` or `required` at `pos`: its message and the
    /// keys the enclosing conditions read, then those its own call read
    /// (from `call_reads` on).
    fn refusal_at(
        &self,
        frame: &Frame,
        pos: usize,
        values: &[Value],
        call_reads: usize,
    ) -> Refusal {
        let reads = &self.trace.reads;
        let mut keys: Vec<Rc<KeyPath>> = Vec::new();
        let ranges = self
            .conditions
            .iter()
            .cloned()
            .chain(std::iter::once(call_reads..reads.len()));
        for read in ranges.flat_map(|range| &reads[range]) {
            if !keys.contains(&read.path) {
                keys.push(read.path.clone());
            }
        }
        let before = &frame.tree.source[..pos.min(frame.tree.source.len())];
        Refusal {
            file: frame.tree.parse_name.clone(),
            line: 1 + memchr::memchr_iter(b'\n', before.as_bytes()).count(),
            message: values
                .first()
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            keys,
            deliberate: true,
        }
    }

    #[allow(clippy::too_many_arguments, reason = "mirrors Go's evalCall")]
    fn and_or(
        &mut self,
        frame: &mut Frame,
        dot: &Val,
        pos: usize,
        name: &str,
        site: &CallSite<'_>,
        args: &[Arg],
        last: Option<Val>,
    ) -> Eval<Val> {
        let _ = site;
        let num_in = args.len() + usize::from(last.is_some());
        if num_in < 1 {
            return Err(frame.error(
                pos,
                &name,
                &format!("wrong number of args for {name}: want at least 1 got 0"),
            ));
        }
        let is_or = name == "or";
        let mut value = Val::default();
        for arg in args {
            value = self.eval_arg(frame, dot, Param::Any, arg)?.unwrapped();
            self.read(frame, arg.pos(), &value, Role::Tested);
            if value.value.is_true() == is_or {
                return Ok(value);
            }
        }
        if let Some(last) = last {
            return Ok(last.unwrapped());
        }
        Ok(value)
    }

    fn eval_arg(&mut self, frame: &mut Frame, dot: &Val, param: Param, arg: &Arg) -> Eval<Val> {
        let pos = arg.pos();
        let value = match arg {
            Arg::Dot(_) => dot.clone(),
            Arg::Nil(_) => {
                return match param {
                    Param::Any => Ok(Val::default()),
                    Param::List => Ok(Val::concrete(Value::list(Vec::new()))),
                    Param::Strings => Ok(Val::concrete(Value::string_list(Vec::new()))),
                    Param::Map => Ok(Val::concrete(Value::map(Default::default()))),
                    other => Err(frame.error(
                        pos,
                        arg,
                        &format!("cannot assign nil to {}", other.go_name()),
                    )),
                };
            }
            Arg::Field { idents, .. } => self.eval_field_chain(
                frame,
                dot,
                dot.clone(),
                arg,
                idents,
                std::slice::from_ref(arg),
                None,
            )?,
            Arg::Variable { idents, .. } => {
                let value = frame.var(&idents[0]);
                if idents.len() == 1 {
                    value
                } else {
                    self.eval_field_chain(frame, dot, value, arg, &idents[1..], &[], None)?
                }
            }
            Arg::Pipe(pipe) => self.eval_pipeline(frame, dot, pipe)?,
            Arg::Identifier { name, func, .. } => {
                let func = *func;
                self.eval_call(
                    frame,
                    dot,
                    pos,
                    name,
                    &CallSite::Ident(pos, name),
                    &func,
                    &[],
                    None,
                )?
            }
            Arg::Chain { node, fields, .. } => {
                let receiver = self.eval_arg(frame, dot, Param::Any, node)?;
                self.eval_field_chain(frame, dot, receiver, arg, fields, &[], None)?
            }
            Arg::Bool(_, value) => {
                return match param {
                    Param::Bool | Param::Any => Ok(Val::concrete(Value::Bool(*value))),
                    other => literal_mismatch(frame, arg, other),
                };
            }
            Arg::Number(_, number) => {
                return match param {
                    Param::Any => ideal_constant(frame, pos, arg, number),
                    Param::Int => number
                        .int
                        .map(|int| Val::concrete(Value::Int(int)))
                        .map_or_else(|| literal_mismatch(frame, arg, param), Ok),
                    Param::Int64 => number
                        .int
                        .map(|int| Val::concrete(Value::Int64(int)))
                        .map_or_else(|| literal_mismatch(frame, arg, param), Ok),
                    Param::Float64 => number
                        .float
                        .map(|float| Val::concrete(Value::Float(float)))
                        .map_or_else(|| literal_mismatch(frame, arg, param), Ok),
                    other => literal_mismatch(frame, arg, other),
                };
            }
            Arg::String { text, .. } => {
                return match param {
                    Param::String | Param::Any => Ok(Val::concrete(Value::String(text.clone()))),
                    other => literal_mismatch(frame, arg, other),
                };
            }
        };
        validate(frame, pos, arg, value, param)
    }
}

/// Where a call's error is reported: the whole command, or a bare identifier argument.
enum CallSite<'t> {
    Command(&'t Command),
    Ident(usize, &'t str),
}

impl CallSite<'_> {
    fn describe(&self) -> (usize, String) {
        match self {
            Self::Command(cmd) => (cmd.pos, cmd.to_string()),
            Self::Ident(pos, name) => (*pos, (*name).to_owned()),
        }
    }
}

struct Ident<'n>(&'n str);

impl Display for Ident<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.0)
    }
}

/// The context Go reports for an error at the end of a pipeline: its last command.
fn last_context(pipe: &Pipe) -> String {
    pipe.cmds
        .last()
        .map(|cmd| {
            cmd.args
                .last()
                .map_or_else(String::new, ToString::to_string)
        })
        .unwrap_or_default()
}

fn literal_mismatch(frame: &Frame, arg: &Arg, param: Param) -> Eval<Val> {
    let message = match param {
        Param::Bool => format!("expected bool; found {arg}"),
        Param::String => format!("expected string; found {arg}"),
        Param::Int | Param::Int64 => format!("expected integer; found {arg}"),
        Param::Float64 => format!("expected float; found {arg}"),
        other => format!("can't handle {arg} for arg of type {}", other.go_name()),
    };
    Err(frame.error(arg.pos(), arg, &message))
}

/// Go's `idealConstant`: a literal's type from its spelling.
fn ideal_constant(frame: &Frame, pos: usize, arg: &Arg, number: &parse::Number) -> Eval<Val> {
    let text = &number.text;
    let is_hex_int = text.len() > 2
        && text.starts_with('0')
        && text[1..].starts_with(['x', 'X'])
        && !text.contains(['p', 'P']);
    let is_rune = text.starts_with('\'');
    if let Some(float) = number.float
        && !is_hex_int
        && !is_rune
        && text.contains(['.', 'e', 'E', 'p', 'P'])
    {
        return Ok(Val::concrete(Value::Float(float)));
    }
    if let Some(int) = number.int {
        return Ok(Val::concrete(Value::Int(int)));
    }
    if number.uint.is_some() {
        return Err(frame.error(pos, arg, &format!("{text} overflows int")));
    }
    Ok(Val::default())
}

/// Go's `validateType`: whether a value may be passed for a parameter.
fn validate(frame: &Frame, pos: usize, node: &dyn Display, val: Val, param: Param) -> Eval<Val> {
    let invalid = val.value.is_nil() && !val.iface;
    if invalid {
        return match param {
            Param::Any => Ok(val),
            Param::List => Ok(Val::concrete(Value::list(Vec::new()))),
            Param::Strings => Ok(Val::concrete(Value::string_list(Vec::new()))),
            Param::Map => Ok(Val::concrete(Value::Map(MapRef::default(), MapKind::Plain))),
            other => Err(frame.error(
                pos,
                node,
                &format!("invalid value; expected {}", other.go_name()),
            )),
        };
    }
    let fits = match (param, &val.value) {
        (Param::Any, _) => true,
        (_, Value::Nil) => false,
        (Param::String, Value::String(_))
        | (Param::Int, Value::Int(_))
        | (Param::Int64, Value::Int64(_))
        | (Param::Float64, Value::Float(_))
        | (Param::Bool, Value::Bool(_))
        | (Param::List, Value::List(_, ListKind::Any))
        | (Param::Strings, Value::List(_, ListKind::Strings | ListKind::VersionSet))
        | (Param::Map, Value::Map(..)) => true,
        _ => false,
    };
    if fits {
        return Ok(val);
    }
    Err(frame.error(
        pos,
        node,
        &format!(
            "wrong type for value; expected {}; got {}",
            param.go_name(),
            val.static_type()
        ),
    ))
}

/// Which argument's key a function's result still carries (for the trace):
/// the piped value for functions that transform one value.
fn passthrough_origin(name: &str, argv: &[Val]) -> Option<Rc<KeyPath>> {
    match name {
        "default" => argv
            .iter()
            .skip(1)
            .find(|val| val.value.is_true())
            .or_else(|| argv.first())
            .and_then(|val| val.origin.clone()),
        "quote" | "squote" | "toString" | "trunc" | "trimSuffix" | "trimPrefix" | "trim"
        | "lower" | "upper" | "title" | "b64enc" | "toYaml" | "toJson" | "toPrettyJson"
        | "indent" | "nindent" | "int" | "int64" | "float64" | "replace" | "trimAll"
        | "required" | "print" | "toStrings" => argv.last().and_then(|val| val.origin.clone()),
        "index" | "get" => looked_up_key(name, argv).map(|(path, _)| Rc::new(path)),
        _ => None,
    }
}

/// The values key a lookup function names (`hasKey .Values "grpcRoute"`,
/// `get $m "k"`, `index .Values "a" 0`, `dig "a" "b" "" .Values`), and
/// whether it is there.
fn looked_up_key(name: &str, argv: &[Val]) -> Option<(KeyPath, bool)> {
    let (map, keys) = match name {
        "hasKey" | "get" | "index" => (argv.first()?, &argv[1..]),
        "dig" if argv.len() >= 3 => (argv.last()?, &argv[..argv.len() - 2]),
        _ => return None,
    };
    let mut path = match (&map.origin, &map.value) {
        (Some(origin), _) => (**origin).clone(),
        (None, Value::Map(_, MapKind::Values)) => KeyPath::root(),
        _ => return None,
    };
    let mut current = Some(map.value.clone());
    for key in keys {
        match &key.value {
            Value::String(text) => {
                path = path.key(text);
                current = current.and_then(|value| value.as_map()?.get(text));
            }
            Value::Int(index) | Value::Int64(index) => {
                let index = usize::try_from(*index).ok()?;
                path = path.index(index);
                current = current.and_then(|value| value.as_list()?.get(index).cloned());
            }
            _ => return None,
        }
    }
    Some((path, current.is_some()))
}

struct ExecHost<'r> {
    random: &'r mut Random,
    now_unix: i64,
}

impl Host for ExecHost<'_> {
    fn random(&mut self) -> &mut Random {
        self.random
    }

    fn now_unix(&self) -> i64 {
        self.now_unix
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::value::MapData;

    /// Render `main` (with `partials`) against `.Values` = `values`, as Helm would.
    fn render(partials: &[(&str, &str)], main: &str, values: Value) -> Result<String, String> {
        let mut templates = Templates::default();
        for (name, text) in partials {
            templates
                .add_file(name, text)
                .map_err(|error| error.message)?;
        }
        templates
            .add_file("p2/templates/t.yaml", main)
            .map_err(|error| error.message)?;
        let mut root = MapData::new();
        root.insert(
            "Values".into(),
            match values {
                Value::Map(map, _) => Value::Map(map, MapKind::Values),
                other => other,
            },
        );
        let mut exec = Exec::new(&templates, Random::new(1), 0);
        exec.render_file("p2/templates/t.yaml", &Value::map(root))
            .map(strip_no_value)
            .map_err(|error| error.helm_message("p2/templates/t.yaml"))
    }

    fn values(pairs: &[(&str, Value)]) -> Value {
        Value::map(
            pairs
                .iter()
                .map(|(key, value)| ((*key).to_owned(), value.clone()))
                .collect(),
        )
    }

    // Expected texts below are what Helm v4.1.4 printed for the same template and values.

    #[test]
    fn output_past_the_limit_is_refused_not_built() {
        // Helm would build 100 MB here (and any amount in a loop); ingresslab stops.
        let error = render(
            &[],
            "{{ range until 5 }}{{ repeat 20000000 \"x\" }}{{ end }}",
            values(&[]),
        )
        .unwrap_err();
        assert!(
            error.contains("passed 67108864 bytes, the most ingresslab renders"),
            "{error}"
        );
        let error = render(&[], "{{ repeat 70000000 \"x\" }}", values(&[])).unwrap_err();
        assert!(error.contains("the most ingresslab renders"), "{error}");
    }

    #[test]
    fn nil_pointer_and_field_errors() {
        let data = values(&[
            ("a", values(&[])),
            ("s", Value::str("tls")),
            ("l", Value::list(vec![])),
        ]);
        assert_eq!(
            render(&[], "a: {{ .Values.a.b.c }}", data.clone()).unwrap_err(),
            "p2/templates/t.yaml:1:13\n  executing \"p2/templates/t.yaml\" at <.Values.a.b.c>:\n    nil pointer evaluating interface {}.c"
        );
        assert_eq!(
            render(&[], "a: {{ .Values.s.disableTls }}", data.clone()).unwrap_err(),
            "p2/templates/t.yaml:1:13\n  executing \"p2/templates/t.yaml\" at <.Values.s.disableTls>:\n    can't evaluate field disableTls in type interface {}"
        );
        assert_eq!(
            render(&[], "a: {{ .Values.l.gateway }}", data.clone()).unwrap_err(),
            "p2/templates/t.yaml:1:13\n  executing \"p2/templates/t.yaml\" at <.Values.l.gateway>:\n    can't evaluate field gateway in type interface {}"
        );
        assert_eq!(
            render(&[], "a: {{ $x := .Values.missing }}{{ $x.foo }}", data).unwrap(),
            "a: "
        );
    }

    #[test]
    fn include_errors_nest() {
        let partial = "{{- define \"x.fail\" -}}\n{{- fail \"boom in include\" -}}\n{{- end -}}\n{{- define \"x.nil\" -}}\n  {{ .Values.a.b.c }}\n{{- end -}}\n";
        let data = values(&[("a", values(&[]))]);
        assert_eq!(
            render(
                &[("p2/templates/_h.tpl", partial)],
                "{{ include \"x.fail\" . }}",
                data.clone()
            )
            .unwrap_err(),
            "execution error at (p2/templates/t.yaml:1:3): boom in include"
        );
        assert_eq!(
            render(
                &[("p2/templates/_h.tpl", partial)],
                "a: {{ include \"x.nil\" . }}",
                data
            )
            .unwrap_err(),
            "p2/templates/t.yaml:1:6\n  executing \"p2/templates/t.yaml\" at <include \"x.nil\" .>:\n    error calling include:\np2/templates/_h.tpl:5:12\n  executing \"x.nil\" at <.Values.a.b.c>:\n    nil pointer evaluating interface {}.c"
        );
    }

    #[test]
    fn argument_types_are_checked() {
        let data = values(&[("n", Value::Float(8080.0))]);
        assert_eq!(
            render(&[], "a: {{ printf .Values.n }}", data.clone()).unwrap_err(),
            "p2/templates/t.yaml:1:20\n  executing \"p2/templates/t.yaml\" at <.Values.n>:\n    wrong type for value; expected string; got interface {}"
        );
        assert_eq!(
            render(&[], "# {{ eq 1 1.0 }}", data.clone()).unwrap_err(),
            "template: p2/templates/t.yaml:1:5: executing \"p2/templates/t.yaml\" at <eq 1 1.0>: error calling eq: incompatible types for comparison: int and float64"
        );
        assert_eq!(
            render(&[], "# {{ lt .Values.missing 9000 }}", data.clone()).unwrap_err(),
            "template: p2/templates/t.yaml:1:5: executing \"p2/templates/t.yaml\" at <lt .Values.missing 9000>: error calling lt: invalid type for comparison"
        );
        assert_eq!(
            render(&[], "a: {{ required \"need it\" .Values.zz }}", data).unwrap_err(),
            "execution error at (p2/templates/t.yaml:1:6): need it"
        );
    }

    #[test]
    fn control_structures() {
        let data = values(&[
            ("list", Value::list(vec![Value::str("a"), Value::str("b")])),
            ("flag", Value::str("false")),
        ]);
        assert_eq!(
            render(
                &[],
                "{{ range $i, $v := .Values.list }}{{ if $i }},{{ end }}{{ $v }}{{ end }}",
                data.clone()
            )
            .unwrap(),
            "a,b"
        );
        assert_eq!(
            render(
                &[],
                "{{ if .Values.flag }}on{{ else }}off{{ end }}",
                data.clone()
            )
            .unwrap(),
            "on"
        );
        assert_eq!(
            render(
                &[],
                "{{ with .Values.nothing }}x{{ else with .Values.flag }}{{ . }}{{ end }}",
                data.clone()
            )
            .unwrap(),
            "false"
        );
        assert_eq!(
            render(
                &[],
                "{{ range .Values.list }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}",
                data.clone()
            )
            .unwrap(),
            "a"
        );
        assert_eq!(
            render(&[], "{{ range 3 }}{{ . }}{{ end }}", data.clone()).unwrap(),
            "012"
        );
        assert_eq!(
            render(
                &[],
                "{{ and 1 0 2 }} {{ or 0 \"\" \"x\" }} {{ not .Values.nothing }}",
                data
            )
            .unwrap(),
            "0 x true"
        );
    }

    #[test]
    fn printing_follows_fmt() {
        let data = values(&[("big", Value::Float(1e6)), ("n", Value::Int64(5))]);
        assert_eq!(
            render(&[], "{{ .Values.big }} {{ .Values.n }} {{ printf \"%T\" .Values.n }} {{ .Values.none }}|", data).unwrap(),
            "1e+06 5 int64 |"
        );
    }

    #[test]
    fn trace_records_reads_and_prints() {
        let mut templates = Templates::default();
        templates
            .add_file(
                "c/templates/t.yaml",
                "{{ if .Values.a.on }}name: {{ .Values.a.name }}{{ end }}",
            )
            .unwrap();
        let inner = values(&[("on", Value::Bool(true)), ("name", Value::str("gw"))]);
        let mut root = MapData::new();
        let Value::Map(map, _) = values(&[("a", inner)]) else {
            unreachable!()
        };
        root.insert("Values".into(), Value::Map(map, MapKind::Values));
        let mut exec = Exec::new(&templates, Random::new(1), 0);
        let out = exec
            .render_file("c/templates/t.yaml", &Value::map(root))
            .unwrap();
        assert_eq!(out, "name: gw");
        let reads: Vec<String> = exec
            .trace
            .reads
            .iter()
            .map(|read| format!("{} {:?}", read.path, read.role))
            .collect();
        assert_eq!(reads, ["a.on Tested", "a.name Printed"]);
        assert_eq!(exec.trace.emitted[0].range, 6..8);
    }
}

#[cfg(test)]
mod robustness {
    use super::*;
    use crate::engine::value::MapData;

    /// Random templates made of real fragments: every one parses or fails
    /// with a message, and every parsed one executes or fails, never panics.
    #[test]
    fn generated_templates_never_panic() {
        const FRAGMENTS: &[&str] = &[
            "{{",
            "}}",
            "{{-",
            "-}}",
            " ",
            "\n",
            ".Values",
            ".a",
            ".b",
            "$",
            "$x",
            ":=",
            "=",
            "|",
            "(",
            ")",
            "if",
            "else",
            "end",
            "range",
            "with",
            "define",
            "template",
            "\"t\"",
            "include",
            "tpl",
            "default",
            "quote",
            "index",
            "len",
            "eq",
            "and",
            "or",
            "not",
            "printf",
            "\"%s\"",
            "1",
            "-1",
            "1.5",
            "0x1F",
            "'a'",
            "nil",
            "true",
            "toYaml",
            "dict",
            "list",
            "set",
            "get",
            "trunc",
            "required",
            "fail",
            "break",
            "continue",
            "/*",
            "*/",
            "`raw`",
            ",",
            "text",
            "{{ end }}",
            "{{ . }}",
        ];
        let mut state = 0x5eed_u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        let mut data = MapData::new();
        data.insert(
            "Values".into(),
            Value::Map(
                MapRef::new(
                    [
                        ("a".to_owned(), Value::str("x")),
                        ("b".to_owned(), Value::list(vec![Value::Int(1)])),
                    ]
                    .into_iter()
                    .collect(),
                ),
                MapKind::Values,
            ),
        );
        let root = Value::map(data);
        let mut executed = 0;
        for _ in 0..20000 {
            let length = 1 + next() % 24;
            let text: String = (0..length)
                .map(|_| FRAGMENTS[next() % FRAGMENTS.len()])
                .collect();
            let mut templates = Templates::default();
            if templates.add_file("c/templates/t.yaml", &text).is_err() {
                continue;
            }
            let mut exec = Exec::new(&templates, Random::new(1), 0);
            let _ = exec.render_file("c/templates/t.yaml", &root);
            executed += 1;
        }
        assert!(
            executed > 1000,
            "only {executed} generated templates parsed"
        );
    }
}
