//! What a render read from the values, and where printed values landed.
//!
//! The executor notes each values key a template consumed (tested in an
//! `if`, printed, passed to a function, ranged over) at the template
//! position that consumed it, and for every print straight into a manifest
//! the output bytes and the key they came from. Diagnostics are built on
//! this: a `fail` points at the keys its condition read, a rendered field at
//! the key that produced it.

use std::fmt;
use std::ops::Range;
use std::rc::Rc;

/// One step of a values key path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A map key.
    Key(Rc<str>),
    /// A list index.
    Index(usize),
}

/// A path into the values (`gatewayApi.routes.tls.hostnames[0]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyPath(Vec<Segment>);

impl KeyPath {
    /// The root of the values.
    #[must_use]
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path with one more key.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(Rc::from(key)));
        Self(segments)
    }

    /// This path with one more index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        Self(segments)
    }

    /// The segments.
    #[must_use]
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// Whether this is the root.
    #[must_use]
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether this path is `ancestor` or lies under it.
    #[must_use]
    pub fn is_within(&self, ancestor: &KeyPath) -> bool {
        self.0.starts_with(&ancestor.0)
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if position == 0 => formatter.write_str(key)?,
                Segment::Key(key) => write!(formatter, ".{key}")?,
                Segment::Index(index) => write!(formatter, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// How a template used a value it read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// The condition of an `if` or `with`, or an operand of `and`/`or`/`not`.
    Tested,
    /// Printed into the output by `{{ ... }}`.
    Printed,
    /// Passed to a function (its name).
    Argument(Rc<str>),
    /// Iterated by `range`.
    Ranged,
}

/// One read of a values key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    /// The template file holding the action (`helm-chart/templates/_helpers.tpl`).
    pub file: Rc<str>,
    /// Byte offset of the operand in that file.
    pub offset: usize,
    /// The key read.
    pub path: Rc<KeyPath>,
    /// How it was used.
    pub role: Role,
    /// Whether the key existed.
    pub present: bool,
}

/// A printed value's place in a rendered file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Emitted {
    /// The rendered template file.
    pub file: Rc<str>,
    /// Bytes of that file's rendered text.
    pub range: Range<usize>,
    /// The key the printed value came from.
    pub path: Rc<KeyPath>,
}

/// Output a condition let through: the body of an `if` or `with` (or its
/// `else`) that printed something into a rendered file, and the keys the
/// condition read. A rendered document or field belongs to the keys of the
/// conditions around it (the GRPCRoute to `routes.grpc.enabled`). A `range`
/// over a values list is one too, kept even when it printed nothing: it
/// says which list a field's items come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gated {
    /// The rendered template file.
    pub file: Rc<str>,
    /// Bytes of that file's rendered text the branch printed.
    pub range: Range<usize>,
    /// The keys the condition read, in order; for a `range`, the list.
    pub keys: Vec<Rc<KeyPath>>,
    /// Whether this is a `range` over `keys[0]`, not a condition.
    pub ranged: bool,
}

/// What stopped a template: a `fail` or `required`, or a values key its
/// templates could not read (a field of a string, of a deleted section).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The template file holding the call.
    pub file: Rc<str>,
    /// 1-based line of the call in that file.
    pub line: usize,
    /// The chart's own message (what `fail` or `required` was given), or
    /// Go's (`can't evaluate field enabled in type bool`).
    pub message: String,
    /// Whether the chart refused on purpose (`fail`, `required`), not by
    /// stumbling on a value of another shape.
    pub deliberate: bool,
    /// The values keys behind it, in the order they were read: what the
    /// enclosing `if`, `with` and `range` conditions read, then the
    /// argument `required` found empty; for a key that could not be read,
    /// that key first. No key repeats.
    pub keys: Vec<Rc<KeyPath>>,
}

/// A string `trunc` shortened: a name the chart cut to fit a limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cut {
    /// What it was given.
    pub whole: String,
    /// What it kept.
    pub kept: String,
}

/// Everything one render read and emitted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    /// Reads, in execution order.
    pub reads: Vec<Read>,
    /// Prints of values keys straight into a rendered file.
    pub emitted: Vec<Emitted>,
    /// Branches of conditions that printed into a rendered file, innermost
    /// first where they nest (a branch is recorded when it ends).
    pub gated: Vec<Gated>,
    /// Strings `trunc` shortened, in execution order.
    pub cuts: Vec<Cut>,
}

impl Trace {
    /// The keys of the conditions whose branches hold `offset` of `file`'s
    /// output, innermost condition first.
    #[must_use]
    pub fn gates_at(&self, file: &str, offset: usize) -> Vec<Rc<KeyPath>> {
        let mut keys = Vec::new();
        for gate in self
            .gated
            .iter()
            .filter(|gate| !gate.ranged && &*gate.file == file && gate.range.contains(&offset))
        {
            for key in &gate.keys {
                if !keys.contains(key) {
                    keys.push(key.clone());
                }
            }
        }
        keys
    }

    /// The lists ranged over inside `range` of `file`'s output (an empty
    /// one at its place), in output order.
    #[must_use]
    pub fn lists_within(&self, file: &str, range: &Range<usize>) -> Vec<Rc<KeyPath>> {
        let mut found: Vec<(usize, Rc<KeyPath>)> = self
            .gated
            .iter()
            .filter(|gate| {
                gate.ranged
                    && &*gate.file == file
                    && range.start <= gate.range.start
                    && gate.range.end <= range.end
            })
            .map(|gate| (gate.range.start, gate.keys[0].clone()))
            .collect();
        crate::sort::sort_by_key(&mut found, |(start, _)| *start);
        found.into_iter().map(|(_, key)| key).collect()
    }

    /// Every distinct key read, sorted.
    #[must_use]
    pub fn keys_read(&self) -> Vec<&KeyPath> {
        let mut keys: Vec<&KeyPath> = self.reads.iter().map(|read| &*read.path).collect();
        crate::sort::sort(&mut keys);
        keys.dedup();
        keys
    }
}
