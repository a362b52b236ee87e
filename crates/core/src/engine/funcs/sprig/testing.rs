//! What the unit tests share: a host with a fixed clock and seed, and calls by name.

use crate::engine::funcs::Host;
use crate::engine::random::Random;
use crate::engine::value::{MapData, Value};

/// 2024-02-29 12:34:56 UTC.
pub(super) const NOW: i64 = 1_709_210_096;

pub(super) struct TestHost {
    random: Random,
}

impl TestHost {
    pub(super) fn new() -> Self {
        Self {
            random: Random::new(42),
        }
    }
}

impl Host for TestHost {
    fn random(&mut self) -> &mut Random {
        &mut self.random
    }

    fn now_unix(&self) -> i64 {
        NOW
    }
}

/// Call the Sprig function `name` with `args` (already of the declared types).
pub(super) fn invoke(name: &str, args: &[Value]) -> Result<Value, String> {
    let func = super::lookup(name).unwrap_or_else(|| panic!("{name} is not registered"));
    assert!(
        args.len() >= func.params.len()
            && (func.variadic.is_some() || args.len() == func.params.len()),
        "{name}: wrong argument count"
    );
    (func.body)(&mut TestHost::new(), args)
}

/// Call, the result printed as `{{ }}` would print it.
pub(super) fn call(name: &str, args: &[Value]) -> Result<String, String> {
    invoke(name, args).map(|value| crate::engine::gofmt::sprint_value(&value))
}

/// Call and unwrap.
pub(super) fn ok(name: &str, args: &[Value]) -> Value {
    invoke(name, args).unwrap_or_else(|error| panic!("{name}: {error}"))
}

/// Call, and print the result as `{{ }}` would.
pub(super) fn text(name: &str, args: &[Value]) -> String {
    crate::engine::gofmt::sprint_value(&ok(name, args))
}

/// A string value.
pub(super) fn s(text: &str) -> Value {
    Value::str(text)
}

/// An `int` value.
pub(super) fn i(int: i64) -> Value {
    Value::Int(int)
}

/// A `[]interface{}`.
pub(super) fn l(items: &[Value]) -> Value {
    Value::list(items.to_vec())
}

/// A `map[string]interface{}`.
pub(super) fn m(entries: &[(&str, Value)]) -> Value {
    Value::map(
        entries
            .iter()
            .map(|(key, value)| ((*key).to_owned(), value.clone()))
            .collect::<MapData>(),
    )
}
