//! The values a Go template works on, typed as Helm's Go code types them.
//!
//! Helm hands templates `map[string]interface{}` trees: strings, `bool`,
//! `float64` for every number read from a values file, `int64` for a number
//! from `--set`, `int` for template literals and function results. The Go type
//! matters to the output: `eq 1 1.0` is an error, `%v` of a float64 is
//! `1e+06`, `kindIs "int64"` tests it. Maps are shared by reference, as Go
//! maps are, so Sprig's `set` on a map is seen by every holder of it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

/// A Go map with string keys. Go iterates and prints such maps in key order,
/// so a sorted map is the natural representation.
pub type MapData = BTreeMap<String, Value>;

/// A shared, mutable map (`map[string]interface{}`).
#[derive(Clone, Default)]
pub struct MapRef(pub Rc<RefCell<MapData>>);

impl MapRef {
    /// A new map holding `data`.
    #[must_use]
    pub fn new(data: MapData) -> Self {
        Self(Rc::new(RefCell::new(data)))
    }

    /// The value under `key`, cloned out.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<Value> {
        self.0.borrow().get(key).cloned()
    }

    /// Insert or replace.
    pub fn insert(&self, key: impl Into<String>, value: Value) {
        self.0.borrow_mut().insert(key.into(), value);
    }

    /// Remove a key.
    pub fn remove(&self, key: &str) -> Option<Value> {
        self.0.borrow_mut().remove(key)
    }

    /// Whether the key is present.
    #[must_use]
    pub fn contains_key(&self, key: &str) -> bool {
        self.0.borrow().contains_key(key)
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }

    /// Whether the map is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }

    /// The entries in key order, cloned out (so callers may mutate the map meanwhile).
    #[must_use]
    pub fn entries(&self) -> Vec<(String, Value)> {
        self.0
            .borrow()
            .iter()
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()
    }

    /// The keys in order.
    #[must_use]
    pub fn keys(&self) -> Vec<String> {
        self.0.borrow().keys().cloned().collect()
    }

    /// Whether two handles share one map (Go's map identity).
    #[must_use]
    pub fn ptr_eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// A copy that shares no storage with this map at the top level.
    #[must_use]
    pub fn shallow_copy(&self) -> Self {
        Self::new(self.0.borrow().clone())
    }
}

impl fmt::Debug for MapRef {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_map()
            .entries(self.0.borrow().iter())
            .finish()
    }
}

/// Which Go map type a map value has. Only the type name differs (`typeOf`,
/// error texts); both behave as `map[string]interface{}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapKind {
    /// `map[string]interface {}`.
    Plain,
    /// Helm's `common.Values` (`.Values` and subchart values).
    Values,
}

/// Which Go slice type a list has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    /// `[]interface {}`.
    Any,
    /// `[]string` (Sprig's `keys`, `splitList`, `sortAlpha`, ...).
    Strings,
    /// Helm's `common.VersionSet` (`.Capabilities.APIVersions`), a `[]string` with a `Has` method.
    VersionSet,
}

/// A Go value as a template sees it.
#[derive(Clone, Debug, Default)]
pub enum Value {
    /// Go's untyped nil (an absent value, a nil interface).
    #[default]
    Nil,
    /// `bool`.
    Bool(bool),
    /// `int`: template literals, `len`, most Sprig results.
    Int(i64),
    /// `int64`: numbers from `--set`, Sprig's `int64`.
    Int64(i64),
    /// `float64`: every number from a values file or JSON.
    Float(f64),
    /// `string`.
    String(Rc<str>),
    /// A slice.
    List(Rc<Vec<Value>>, ListKind),
    /// A map.
    Map(MapRef, MapKind),
    /// A Go object with fields and methods (`.Capabilities`, `.Files`).
    Object(Rc<dyn GoObject>),
}

/// A Go struct or named type with methods, reached through fields and calls.
pub trait GoObject: fmt::Debug {
    /// The Go type name for messages (`*common.Capabilities`).
    fn type_name(&self) -> &'static str;
    /// A field or zero-argument method, or `None` when the type has none.
    fn field(&self, name: &str) -> Option<Value>;
    /// A method taking arguments (`Has`, `Get`, `Glob`): `None` when the type has no such method.
    fn method(&self, name: &str) -> Option<Method> {
        let _ = name;
        None
    }
    /// How `%v` prints it.
    fn print(&self) -> String;
    /// The value as plain data for `toYaml`/`toJson` (a struct's exported fields).
    fn to_data(&self) -> Value {
        Value::Nil
    }
}

/// What a method does with its checked arguments.
pub type MethodBody = dyn Fn(&[Value]) -> Result<Value, String>;

/// A method bound to its receiver: its parameter types and its body.
#[derive(Clone)]
pub struct Method {
    /// Parameter types, as the template executor checks them.
    pub params: &'static [super::funcs::Param],
    /// The call.
    pub call: Rc<MethodBody>,
}

impl Value {
    /// A string value.
    #[must_use]
    pub fn str(text: &str) -> Self {
        Self::String(Rc::from(text))
    }

    /// A string value from an owned string.
    #[must_use]
    pub fn string(text: String) -> Self {
        Self::String(Rc::from(text))
    }

    /// A `[]interface{}`.
    #[must_use]
    pub fn list(items: Vec<Value>) -> Self {
        Self::List(Rc::new(items), ListKind::Any)
    }

    /// A `[]string`.
    #[must_use]
    pub fn string_list(items: Vec<String>) -> Self {
        Self::List(
            Rc::new(items.into_iter().map(Value::string).collect()),
            ListKind::Strings,
        )
    }

    /// A new `map[string]interface{}`.
    #[must_use]
    pub fn map(data: MapData) -> Self {
        Self::Map(MapRef::new(data), MapKind::Plain)
    }

    /// Whether this is Go's nil.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        matches!(self, Self::Nil)
    }

    /// The text, if this is a string.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(text) => Some(text),
            _ => None,
        }
    }

    /// The map, if this is a map.
    #[must_use]
    pub fn as_map(&self) -> Option<&MapRef> {
        match self {
            Self::Map(map, _) => Some(map),
            _ => None,
        }
    }

    /// The items, if this is a list.
    #[must_use]
    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Self::List(items, _) => Some(items),
            _ => None,
        }
    }

    /// Go's type name (`%T`, Sprig's `typeOf`, error messages).
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Nil => "<nil>",
            Self::Bool(_) => "bool",
            Self::Int(_) => "int",
            Self::Int64(_) => "int64",
            Self::Float(_) => "float64",
            Self::String(_) => "string",
            Self::List(_, ListKind::Any) => "[]interface {}",
            Self::List(_, ListKind::Strings) => "[]string",
            Self::List(_, ListKind::VersionSet) => "common.VersionSet",
            Self::Map(_, MapKind::Plain) => "map[string]interface {}",
            Self::Map(_, MapKind::Values) => "common.Values",
            Self::Object(object) => object.type_name(),
        }
    }

    /// Go's `reflect.Kind` name (Sprig's `kindOf`, `kindIs`).
    #[must_use]
    pub fn kind_name(&self) -> &'static str {
        match self {
            Self::Nil => "invalid",
            Self::Bool(_) => "bool",
            Self::Int(_) => "int",
            Self::Int64(_) => "int64",
            Self::Float(_) => "float64",
            Self::String(_) => "string",
            Self::List(..) => "slice",
            Self::Map(..) => "map",
            Self::Object(_) => "ptr",
        }
    }

    /// Go template truth: the zero value of its type is false.
    #[must_use]
    pub fn is_true(&self) -> bool {
        match self {
            Self::Nil => false,
            Self::Bool(flag) => *flag,
            Self::Int(int) | Self::Int64(int) => *int != 0,
            Self::Float(float) => *float != 0.0,
            Self::String(text) => !text.is_empty(),
            Self::List(items, _) => !items.is_empty(),
            Self::Map(map, _) => !map.is_empty(),
            Self::Object(_) => true,
        }
    }

    /// Sprig's `empty`: like falsehood, but a struct is never empty either.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        !self.is_true()
    }

    /// A deep copy: maps get new storage all the way down (Sprig's `deepCopy`,
    /// Helm's copy of values before coalescing).
    #[must_use]
    pub fn deep_copy(&self) -> Self {
        match self {
            Self::List(items, kind) => {
                Self::List(Rc::new(items.iter().map(Self::deep_copy).collect()), *kind)
            }
            Self::Map(map, kind) => Self::Map(
                MapRef::new(crate::sort::btree_map(
                    map.0
                        .borrow()
                        .iter()
                        .map(|(key, value)| (key.clone(), value.deep_copy())),
                )),
                *kind,
            ),
            other => other.clone(),
        }
    }
}

impl From<bool> for Value {
    fn from(flag: bool) -> Self {
        Self::Bool(flag)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Self::str(text)
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Self::string(text)
    }
}
