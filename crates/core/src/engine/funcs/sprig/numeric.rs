//! numeric.go and the arithmetic entries of functions.go. Integer arithmetic
//! is on `int64` through cast's `ToInt64` (Go's wrapping overflow); the `…f`
//! functions go through `shopspring/decimal` v1.4.0, reproduced here with a
//! 128-bit mantissa (falling back to float64 arithmetic past that range).

use crate::engine::funcs::Host;
use crate::engine::gofmt::sprint_value;
use crate::engine::value::Value;

use super::cast::{IntError, int_arg, parse_int, str_arg, to_float64, to_int64};

type Out = Result<Value, String>;

const DIVIDE_BY_ZERO: &str = "runtime error: integer divide by zero";

pub(super) fn atoi(_: &mut dyn Host, args: &[Value]) -> Out {
    // strconv.Atoi with the error dropped: 0 for bad syntax, the clamped value on overflow.
    let value = match parse_int(str_arg(args, 0), 10) {
        Ok(value) | Err(IntError::Range(value)) => value,
        Err(IntError::Syntax) => 0,
    };
    Ok(Value::Int(value))
}

pub(super) fn int64(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Int64(to_int64(&args[0])))
}

pub(super) fn int(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Int(to_int64(&args[0])))
}

pub(super) fn float64(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Float(to_float64(&args[0])))
}

pub(super) fn to_decimal(_: &mut dyn Host, args: &[Value]) -> Out {
    // numeric.go toDecimal: strconv.ParseInt(fmt.Sprint(v), 8, 64), errors as 0.
    Ok(Value::Int64(
        parse_int(&sprint_value(&args[0]), 8).unwrap_or(0),
    ))
}

/// numeric.go `untilStep`, refusing a list longer than [`MAX_LIST_LENGTH`].
///
/// [`MAX_LIST_LENGTH`]: crate::engine::MAX_LIST_LENGTH
fn until_step_ints(start: i64, stop: i64, step: i64) -> Result<Vec<i64>, String> {
    let span = (i128::from(stop) - i128::from(start)).unsigned_abs();
    let length = span / u128::from(step.unsigned_abs().max(1));
    if length > crate::engine::MAX_LIST_LENGTH as u128 {
        return Err(format!(
            "the list would have more than {} elements, the most ingresslab makes",
            crate::engine::MAX_LIST_LENGTH
        ));
    }
    Ok(until_step_unchecked(start, stop, step))
}

fn until_step_unchecked(start: i64, stop: i64, step: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut at = start;
    if stop < start {
        if step >= 0 {
            return out;
        }
        while at > stop {
            out.push(at);
            let Some(next) = at.checked_add(step) else {
                break;
            };
            at = next;
        }
        return out;
    }
    if step <= 0 {
        return out;
    }
    while at < stop {
        out.push(at);
        let Some(next) = at.checked_add(step) else {
            break;
        };
        at = next;
    }
    out
}

fn int_list(ints: Vec<i64>) -> Value {
    // A Go []int; here a []interface{} of ints.
    Value::list(ints.into_iter().map(Value::Int).collect())
}

pub(super) fn until(_: &mut dyn Host, args: &[Value]) -> Out {
    let count = int_arg(args, 0);
    let step = if count < 0 { -1 } else { 1 };
    until_step_ints(0, count, step).map(int_list)
}

pub(super) fn until_step(_: &mut dyn Host, args: &[Value]) -> Out {
    until_step_ints(int_arg(args, 0), int_arg(args, 1), int_arg(args, 2)).map(int_list)
}

pub(super) fn seq(_: &mut dyn Host, args: &[Value]) -> Out {
    let params: Vec<i64> = (0..args.len()).map(|index| int_arg(args, index)).collect();
    let ints = match params.as_slice() {
        [end] => {
            let increment = if *end < 1 { -1 } else { 1 };
            until_step_ints(1, end.wrapping_add(increment), increment)?
        }
        [start, end] => {
            let step = if end < start { -1 } else { 1 };
            until_step_ints(*start, end.wrapping_add(step), step)?
        }
        [start, step, end] => {
            let mut increment = 1;
            if end < start {
                increment = -1;
                if *step > 0 {
                    return Ok(Value::str(""));
                }
            }
            until_step_ints(*start, end.wrapping_add(increment), *step)?
        }
        _ => Vec::new(),
    };
    let words: Vec<String> = ints.iter().map(ToString::to_string).collect();
    Ok(Value::string(words.join(" ")))
}

pub(super) fn add1(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Int64(to_int64(&args[0]).wrapping_add(1)))
}

pub(super) fn add(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Int64(
        args.iter().map(to_int64).fold(0, i64::wrapping_add),
    ))
}

pub(super) fn sub(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Int64(
        to_int64(&args[0]).wrapping_sub(to_int64(&args[1])),
    ))
}

pub(super) fn div(_: &mut dyn Host, args: &[Value]) -> Out {
    let divisor = to_int64(&args[1]);
    if divisor == 0 {
        return Err(DIVIDE_BY_ZERO.to_owned());
    }
    Ok(Value::Int64(to_int64(&args[0]).wrapping_div(divisor)))
}

pub(super) fn modulo(_: &mut dyn Host, args: &[Value]) -> Out {
    let divisor = to_int64(&args[1]);
    if divisor == 0 {
        return Err(DIVIDE_BY_ZERO.to_owned());
    }
    Ok(Value::Int64(to_int64(&args[0]).wrapping_rem(divisor)))
}

pub(super) fn mul(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Int64(
        args.iter().map(to_int64).fold(1, i64::wrapping_mul),
    ))
}

pub(super) fn rand_int(host: &mut dyn Host, args: &[Value]) -> Out {
    // functions.go randInt: rand.Intn(max-min) + min; Intn panics unless n > 0.
    let (min, max) = (int_arg(args, 0), int_arg(args, 1));
    let span = max.wrapping_sub(min);
    let span = u64::try_from(span)
        .ok()
        .filter(|&span| span > 0)
        .ok_or("invalid argument to Intn")?;
    let offset = i64::try_from(host.random().below(span)).unwrap_or(0);
    Ok(Value::Int(offset.wrapping_add(min)))
}

pub(super) fn max(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Int64(args.iter().map(to_int64).max().unwrap_or(0)))
}

pub(super) fn min(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Int64(args.iter().map(to_int64).min().unwrap_or(0)))
}

/// Go's `math.Max`.
fn go_max(x: f64, y: f64) -> f64 {
    if x == f64::INFINITY || y == f64::INFINITY {
        f64::INFINITY
    } else if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == 0.0 && y == 0.0 {
        if x.is_sign_negative() { y } else { x }
    } else if x > y {
        x
    } else {
        y
    }
}

/// Go's `math.Min`.
fn go_min(x: f64, y: f64) -> f64 {
    if x == f64::NEG_INFINITY || y == f64::NEG_INFINITY {
        f64::NEG_INFINITY
    } else if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == 0.0 && y == 0.0 {
        if x.is_sign_negative() { x } else { y }
    } else if x < y {
        x
    } else {
        y
    }
}

pub(super) fn maxf(_: &mut dyn Host, args: &[Value]) -> Out {
    let first = to_float64(&args[0]);
    Ok(Value::Float(
        args[1..].iter().map(to_float64).fold(first, go_max),
    ))
}

pub(super) fn minf(_: &mut dyn Host, args: &[Value]) -> Out {
    let first = to_float64(&args[0]);
    Ok(Value::Float(
        args[1..].iter().map(to_float64).fold(first, go_min),
    ))
}

pub(super) fn ceil(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Float(to_float64(&args[0]).ceil()))
}

pub(super) fn floor(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::Float(to_float64(&args[0]).floor()))
}

#[allow(clippy::cast_precision_loss, reason = "numeric.go: toFloat64(p)")]
pub(super) fn round(_: &mut dyn Host, args: &[Value]) -> Out {
    let round_on = match args.get(2) {
        Some(Value::Float(float)) => *float,
        _ => 0.5,
    };
    let value = to_float64(&args[0]);
    let pow = 10f64.powf(int_arg(args, 1) as f64);
    let digit = pow * value;
    let rounded = if digit.fract() >= round_on {
        digit.ceil()
    } else {
        digit.floor()
    };
    Ok(Value::Float(rounded / pow))
}

/// A `shopspring/decimal` value: `mantissa × 10^exponent`.
#[derive(Clone, Copy, Debug)]
struct Decimal {
    mantissa: i128,
    exponent: i32,
}

impl Decimal {
    /// `decimal.NewFromFloat`: the shortest decimal that reads back as `float`.
    fn from_float(float: f64) -> Result<Self, String> {
        if !float.is_finite() {
            return Err(format!(
                "Cannot create a Decimal from {}",
                sprint_value(&Value::Float(float))
            ));
        }
        let text = format!("{float:e}");
        let (digits, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let exponent: i32 = exponent.parse().unwrap_or(0);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let mantissa: i128 = format!("{whole}{fraction}").parse().unwrap_or(0);
        let fraction_len = i32::try_from(fraction.len()).unwrap_or(0);
        Ok(Self {
            mantissa,
            exponent: exponent - fraction_len,
        })
    }

    /// `Decimal.Float64`: the nearest float64.
    fn to_float(self) -> f64 {
        format!("{}e{}", self.mantissa, self.exponent)
            .parse()
            .unwrap_or(0.0)
    }

    fn rescaled(self, exponent: i32) -> Option<i128> {
        let shift = u32::try_from(self.exponent - exponent).ok()?;
        10i128.checked_pow(shift)?.checked_mul(self.mantissa)
    }

    fn add(self, other: Self) -> Option<Self> {
        let exponent = self.exponent.min(other.exponent);
        let mantissa = self
            .rescaled(exponent)?
            .checked_add(other.rescaled(exponent)?)?;
        Some(Self { mantissa, exponent })
    }

    fn mul(self, other: Self) -> Option<Self> {
        Some(Self {
            mantissa: self.mantissa.checked_mul(other.mantissa)?,
            exponent: self.exponent.checked_add(other.exponent)?,
        })
    }

    /// `Decimal.Div`: `DivRound(d2, DivisionPrecision = 16)`, half away from zero.
    fn div(self, other: Self) -> Option<Self> {
        const PRECISION: i32 = 16;
        let shift = self.exponent - other.exponent + PRECISION;
        let (numerator, denominator) = if shift >= 0 {
            let scale = 10i128.checked_pow(u32::try_from(shift).ok()?)?;
            (self.mantissa.checked_mul(scale)?, other.mantissa)
        } else {
            let scale = 10i128.checked_pow(u32::try_from(-shift).ok()?);
            match scale.and_then(|scale| other.mantissa.checked_mul(scale)) {
                Some(denominator) => (self.mantissa, denominator),
                None => {
                    return Some(Self {
                        mantissa: 0,
                        exponent: -PRECISION,
                    });
                }
            }
        };
        let mut quotient = numerator / denominator;
        let remainder = numerator % denominator;
        if remainder.unsigned_abs().saturating_mul(2) >= denominator.unsigned_abs() {
            quotient += if (numerator < 0) == (denominator < 0) {
                1
            } else {
                -1
            };
        }
        Some(Self {
            mantissa: quotient,
            exponent: -PRECISION,
        })
    }
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// numeric.go `execDecimalOp`.
fn decimal_op(first: &Value, rest: &[Value], op: Op) -> Out {
    let mut acc = Decimal::from_float(to_float64(first))?;
    for item in rest {
        let operand = Decimal::from_float(to_float64(item))?;
        if matches!(op, Op::Div) && operand.mantissa == 0 {
            return Err("decimal division by zero".to_owned());
        }
        let exact = match op {
            Op::Add => acc.add(operand),
            Op::Sub => acc.add(Decimal {
                mantissa: -operand.mantissa,
                exponent: operand.exponent,
            }),
            Op::Mul => acc.mul(operand),
            Op::Div => acc.div(operand),
        };
        acc = match exact {
            Some(value) => value,
            None => {
                let (a, b) = (acc.to_float(), operand.to_float());
                let float = match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div => a / b,
                };
                Decimal::from_float(float)?
            }
        };
    }
    Ok(Value::Float(acc.to_float()))
}

pub(super) fn add1f(_: &mut dyn Host, args: &[Value]) -> Out {
    decimal_op(&args[0], &[Value::Int(1)], Op::Add)
}

pub(super) fn addf(_: &mut dyn Host, args: &[Value]) -> Out {
    decimal_op(&Value::Float(0.0), args, Op::Add)
}

pub(super) fn subf(_: &mut dyn Host, args: &[Value]) -> Out {
    decimal_op(&args[0], &args[1..], Op::Sub)
}

pub(super) fn mulf(_: &mut dyn Host, args: &[Value]) -> Out {
    decimal_op(&args[0], &args[1..], Op::Mul)
}

pub(super) fn divf(_: &mut dyn Host, args: &[Value]) -> Out {
    decimal_op(&args[0], &args[1..], Op::Div)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{call, i, ok, s, text};
    use crate::engine::value::Value;

    #[test]
    fn int_conversions() {
        // numeric.go toInt/toInt64: cast.ToInt / cast.ToInt64
        assert_eq!(text("int", &[s("08")]), "0");
        assert_eq!(text("int", &[s("0x1F")]), "31");
        assert_eq!(text("int", &[Value::Float(3.9)]), "3");
        assert_eq!(text("int", &[s("3.9")]), "0");
        assert_eq!(ok("int", &[s("42")]).type_name(), "int");
        assert_eq!(ok("int64", &[Value::Float(42.0)]).type_name(), "int64");
        assert_eq!(text("float64", &[s("1.5")]), "1.5");
        assert_eq!(ok("float64", &[i(2)]).type_name(), "float64");
        assert_eq!(text("atoi", &[s("42")]), "42");
        assert_eq!(text("atoi", &[s("0x1F")]), "0");
        assert_eq!(
            text("atoi", &[s("99999999999999999999")]),
            "9223372036854775807"
        );
        assert_eq!(text("toDecimal", &[s("0777")]), "511");
        assert_eq!(text("toDecimal", &[Value::Float(777.0)]), "511");
        assert_eq!(text("toDecimal", &[s("9")]), "0");
    }

    #[test]
    fn integer_arithmetic_is_int64() {
        assert_eq!(
            ok("add", &[i(1), Value::Float(2.7), s("3")]).type_name(),
            "int64"
        );
        assert_eq!(text("add", &[i(1), Value::Float(2.7), s("3")]), "6");
        assert_eq!(text("add1", &[s("41")]), "42");
        assert_eq!(text("sub", &[i(1), i(3)]), "-2");
        assert_eq!(text("mul", &[i(2), i(3), i(4)]), "24");
        assert_eq!(text("div", &[i(7), i(2)]), "3");
        assert_eq!(text("div", &[i(-7), i(2)]), "-3");
        assert_eq!(text("mod", &[i(-7), i(3)]), "-1");
        assert_eq!(
            call("div", &[i(1), i(0)]),
            Err("runtime error: integer divide by zero".to_owned())
        );
        assert_eq!(
            call("mod", &[i(1), s("x")]),
            Err("runtime error: integer divide by zero".to_owned())
        );
        assert_eq!(text("max", &[i(1), i(5), s("3")]), "5");
        assert_eq!(text("biggest", &[i(1)]), "1");
        assert_eq!(text("min", &[i(1), i(-5), s("3")]), "-5");
    }

    #[test]
    fn float_arithmetic_goes_through_decimal() {
        // numeric.go execDecimalOp: exact decimal arithmetic, so 0.1 + 0.2 is 0.3.
        assert_eq!(text("addf", &[Value::Float(0.1), Value::Float(0.2)]), "0.3");
        assert_eq!(text("add1f", &[Value::Float(1.5)]), "2.5");
        assert_eq!(
            text("subf", &[Value::Float(1.5), i(1), Value::Float(0.25)]),
            "0.25"
        );
        assert_eq!(text("mulf", &[Value::Float(1.1), i(3)]), "3.3");
        assert_eq!(text("divf", &[i(10), i(4)]), "2.5");
        assert_eq!(text("divf", &[i(1), i(3)]), "0.3333333333333333");
        assert_eq!(text("divf", &[i(2), i(3)]), "0.6666666666666667");
        assert_eq!(text("addf", &[]), "0");
        assert_eq!(
            call("divf", &[i(1), i(0)]),
            Err("decimal division by zero".to_owned())
        );
        assert_eq!(text("maxf", &[i(1), Value::Float(2.5), s("2")]), "2.5");
        assert_eq!(text("minf", &[i(1), Value::Float(-2.5)]), "-2.5");
        assert_eq!(text("ceil", &[Value::Float(1.2)]), "2");
        assert_eq!(text("floor", &[s("1.8")]), "1");
        assert_eq!(ok("floor", &[i(1)]).type_name(), "float64");
    }

    #[test]
    fn round_like_numeric_go() {
        assert_eq!(text("round", &[Value::Float(123.555_555), i(3)]), "123.556");
        assert_eq!(text("round", &[Value::Float(123.5), i(0)]), "124");
        assert_eq!(
            text("round", &[Value::Float(123.4), i(0), Value::Float(0.3)]),
            "124"
        );
        assert_eq!(text("round", &[Value::Float(-1.5), i(0)]), "-2");
    }

    #[test]
    fn ranges() {
        assert_eq!(text("until", &[i(3)]), "[0 1 2]");
        assert_eq!(text("until", &[i(-3)]), "[0 -1 -2]");
        assert_eq!(text("untilStep", &[i(0), i(10), i(3)]), "[0 3 6 9]");
        assert_eq!(text("untilStep", &[i(10), i(0), i(3)]), "[]");
        assert_eq!(text("seq", &[i(3)]), "1 2 3");
        assert_eq!(text("seq", &[i(0)]), "1 0");
        assert_eq!(text("seq", &[i(2), i(5)]), "2 3 4 5");
        assert_eq!(text("seq", &[i(5), i(2)]), "5 4 3 2");
        assert_eq!(text("seq", &[i(0), i(2), i(6)]), "0 2 4 6");
        assert_eq!(text("seq", &[i(6), i(-2), i(0)]), "6 4 2 0");
        assert_eq!(text("seq", &[i(6), i(2), i(0)]), "");
        assert_eq!(text("seq", &[]), "");
    }

    #[test]
    fn rand_int_stays_in_range() {
        for _ in 0..20 {
            let Value::Int(value) = ok("randInt", &[i(5), i(8)]) else {
                panic!()
            };
            assert!((5..8).contains(&value));
        }
        assert_eq!(
            call("randInt", &[i(5), i(5)]),
            Err("invalid argument to Intn".to_owned())
        );
    }
}
