//! The function map a chart's templates call: Go's built-ins, Sprig v3.3.0
//! (`TxtFuncMap` minus `env` and `expandenv`) and Helm's own additions, as
//! Helm assembles them in `pkg/engine/funcs.go`.
//!
//! Every function declares its Go parameter types, because the executor
//! checks arguments against them before the call, with Go's messages
//! (`wrong type for value; expected string; got float64`).

use super::value::Value;

mod builtin;
mod helm;
pub(crate) mod sprig;

/// A Go parameter type, as `text/template` checks an argument against it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// `interface{}`: anything, nil included.
    Any,
    /// `string`.
    String,
    /// `int`.
    Int,
    /// `int64`.
    Int64,
    /// `float64`.
    Float64,
    /// `bool`.
    Bool,
    /// `[]interface{}` (nil becomes an empty slice).
    List,
    /// `map[string]interface{}` (nil becomes an empty map).
    Map,
    /// `[]string`.
    Strings,
}

impl Param {
    /// Go's name of the type, for messages.
    #[must_use]
    pub fn go_name(self) -> &'static str {
        match self {
            Self::Any => "interface {}",
            Self::String => "string",
            Self::Int => "int",
            Self::Int64 => "int64",
            Self::Float64 => "float64",
            Self::Bool => "bool",
            Self::List => "[]interface {}",
            Self::Map => "map[string]interface {}",
            Self::Strings => "[]string",
        }
    }
}

/// What a function may ask of the template run that calls it (`include` and
/// `tpl` run in the executor itself).
pub(crate) trait Host {
    /// The seeded source behind `randBytes`, `randAlphaNum`, `uuidv4`, ...
    fn random(&mut self) -> &mut super::random::Random;
    /// The time `now` returns, in Unix seconds (the shell supplies it).
    fn now_unix(&self) -> i64;
}

/// A function body: the checked arguments in, a value or an error message out
/// (the executor wraps it as `error calling NAME: MESSAGE`).
pub(crate) type Body = fn(&mut dyn Host, &[Value]) -> Result<Value, String>;

/// One entry of the function map.
#[derive(Clone, Copy)]
pub(crate) struct Func {
    /// Fixed parameters.
    pub(crate) params: &'static [Param],
    /// The type of the variadic tail (`...interface{}`), if any.
    pub(crate) variadic: Option<Param>,
    /// The call.
    pub(crate) body: Body,
}

impl std::fmt::Debug for Func {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Func")
            .field("params", &self.params)
            .field("variadic", &self.variadic)
            .finish_non_exhaustive()
    }
}

/// A function with fixed parameters.
pub(crate) const fn fixed(params: &'static [Param], body: Body) -> Func {
    Func {
        params,
        variadic: None,
        body,
    }
}

/// A function with fixed parameters and a variadic tail.
pub(crate) const fn variadic(params: &'static [Param], tail: Param, body: Body) -> Func {
    Func {
        params,
        variadic: Some(tail),
        body,
    }
}

/// Look a function up by name, as Helm's function map has it: Helm's entries
/// override Sprig's, and both override Go's built-ins (`text/template` looks in
/// the template's function map before its own), so Sprig's `slice` wins.
pub(crate) fn lookup(name: &str) -> Option<Func> {
    helm::lookup(name)
        .or_else(|| sprig::lookup(name))
        .or_else(|| builtin::lookup(name))
}

/// Whether `name` is one of Go's `and`/`or`, which the executor evaluates lazily.
pub(crate) fn is_short_circuit(name: &str) -> bool {
    matches!(name, "and" | "or")
}
