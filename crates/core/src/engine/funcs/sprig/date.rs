//! date.go over Go's `time`: a `time.Time` value (an object with Go's
//! fields and methods, printed as `Time.String()` prints it), layout
//! formatting and parsing (`Format`, `ParseInLocation`), `ParseDuration` and
//! `Duration.String`. The engine reads no clock: `now` is the host's time.
//! Zones: `UTC`, `""` and `Local` are UTC (the zone of a container without
//! `TZ`); an IANA name would need tzdata, so it falls back to UTC, as Go does
//! for a zone it cannot load. Numeric offsets in parsed text are kept.

use std::fmt::Write as _;
use std::rc::Rc;

use crate::engine::funcs::{Host, Param};
use crate::engine::value::{GoObject, Method, Value};

use super::cast::{IntError, parse_int, str_arg};

type Out = Result<Value, String>;

const NANOS_PER_SECOND: i64 = 1_000_000_000;
/// `time.Time{}.Unix()`: January 1, year 1, 00:00:00 UTC.
const ZERO_TIME_UNIX: i64 = -62_135_596_800;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// A `time.Time`: an instant and the zone it is shown in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct GoTime {
    unix: i64,
    nanos: i64,
    /// Seconds east of UTC.
    offset: i64,
    /// The zone abbreviation; empty prints the offset instead.
    zone: String,
}

/// The civil fields of a wall-clock time.
struct Civil {
    year: i64,
    month: usize,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    weekday: usize,
    yday: i64,
}

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(month: i64, year: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl GoTime {
    fn utc(unix: i64, nanos: i64) -> Self {
        Self {
            unix,
            nanos,
            offset: 0,
            zone: "UTC".to_owned(),
        }
    }

    fn civil(&self) -> Civil {
        let local = self.unix + self.offset;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Civil {
            year,
            month: usize::try_from(month).unwrap_or(1),
            day,
            hour: secs / 3600,
            minute: secs / 60 % 60,
            second: secs % 60,
            weekday: usize::try_from((days + 4).rem_euclid(7)).unwrap_or(0),
            yday: days - days_from_civil(year, 1, 1) + 1,
        }
    }

    fn add_nanos(&self, nanos: i64) -> Self {
        let total = i128::from(self.nanos) + i128::from(nanos);
        let carry = i64::try_from(total.div_euclid(i128::from(NANOS_PER_SECOND))).unwrap_or(0);
        Self {
            unix: self.unix.saturating_add(carry),
            nanos: i64::try_from(total.rem_euclid(i128::from(NANOS_PER_SECOND))).unwrap_or(0),
            ..self.clone()
        }
    }

    fn in_utc(&self) -> Self {
        Self::utc(self.unix, self.nanos)
    }

    /// `Time.Format(layout)`.
    pub(super) fn format(&self, layout: &str) -> String {
        let civil = self.civil();
        let mut out = String::new();
        let mut rest = layout;
        while !rest.is_empty() {
            let (prefix, chunk, suffix) = next_chunk(rest);
            out.push_str(prefix);
            let Some(chunk) = chunk else { break };
            self.format_chunk(&mut out, chunk, &civil);
            rest = suffix;
        }
        out
    }

    fn format_chunk(&self, out: &mut String, chunk: Chunk, c: &Civil) {
        let pad = |out: &mut String, value: i64, width: usize| {
            let _ = write!(out, "{value:0width$}");
        };
        match chunk {
            Chunk::Year => pad(out, c.year.rem_euclid(100), 2),
            Chunk::LongYear => pad(out, c.year, 4),
            Chunk::Month => out.push_str(&MONTHS[c.month - 1][..3]),
            Chunk::LongMonth => out.push_str(MONTHS[c.month - 1]),
            Chunk::NumMonth => pad(out, i64::try_from(c.month).unwrap_or(1), 1),
            Chunk::ZeroMonth => pad(out, i64::try_from(c.month).unwrap_or(1), 2),
            Chunk::WeekDay => out.push_str(&DAYS[c.weekday][..3]),
            Chunk::LongWeekDay => out.push_str(DAYS[c.weekday]),
            Chunk::Day => pad(out, c.day, 1),
            Chunk::UnderDay => {
                let _ = write!(out, "{:>2}", c.day);
            }
            Chunk::ZeroDay => pad(out, c.day, 2),
            Chunk::UnderYearDay => {
                let _ = write!(out, "{:>3}", c.yday);
            }
            Chunk::ZeroYearDay => pad(out, c.yday, 3),
            Chunk::Hour => pad(out, c.hour, 2),
            Chunk::Hour12 | Chunk::ZeroHour12 => {
                let hour = if c.hour % 12 == 0 { 12 } else { c.hour % 12 };
                pad(out, hour, if chunk == Chunk::Hour12 { 1 } else { 2 });
            }
            Chunk::Minute => pad(out, c.minute, 1),
            Chunk::ZeroMinute => pad(out, c.minute, 2),
            Chunk::Second => pad(out, c.second, 1),
            Chunk::ZeroSecond => pad(out, c.second, 2),
            Chunk::Pm => out.push_str(if c.hour >= 12 { "PM" } else { "AM" }),
            Chunk::LowerPm => out.push_str(if c.hour >= 12 { "pm" } else { "am" }),
            Chunk::Tz => {
                if self.zone.is_empty() {
                    let minutes = self.offset / 60;
                    out.push(if minutes < 0 { '-' } else { '+' });
                    pad(out, minutes.abs() / 60, 2);
                    pad(out, minutes.abs() % 60, 2);
                } else {
                    out.push_str(&self.zone);
                }
            }
            Chunk::Offset {
                iso,
                colon,
                seconds,
                short,
            } => {
                if iso && self.offset == 0 {
                    out.push('Z');
                    return;
                }
                let abs = self.offset.abs();
                out.push(if self.offset < 0 { '-' } else { '+' });
                pad(out, abs / 3600, 2);
                if !short {
                    if colon {
                        out.push(':');
                    }
                    pad(out, abs / 60 % 60, 2);
                }
                if seconds {
                    if colon {
                        out.push(':');
                    }
                    pad(out, abs % 60, 2);
                }
            }
            Chunk::Frac {
                digits,
                trim,
                separator,
            } => {
                let mut text = format!("{:09}", self.nanos);
                text.truncate(digits.min(9));
                if trim {
                    let trimmed = text.trim_end_matches('0');
                    if !trimmed.is_empty() {
                        out.push(separator);
                        out.push_str(trimmed);
                    }
                } else {
                    out.push(separator);
                    out.push_str(&text);
                }
            }
        }
    }

    /// `Time.String()`, without the monotonic clock reading (`m=+…`) Go adds to `time.Now()`.
    fn string(&self) -> String {
        self.format("2006-01-02 15:04:05.999999999 -0700 MST")
    }
}

/// One layout element (`nextStdChunk`'s std values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Chunk {
    Year,
    LongYear,
    Month,
    LongMonth,
    NumMonth,
    ZeroMonth,
    WeekDay,
    LongWeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    Pm,
    LowerPm,
    Tz,
    Offset {
        iso: bool,
        colon: bool,
        seconds: bool,
        short: bool,
    },
    Frac {
        digits: usize,
        trim: bool,
        separator: char,
    },
}

/// Go's `nextStdChunk`: the literal prefix, the element, and the rest.
fn next_chunk(layout: &str) -> (&str, Option<Chunk>, &str) {
    let bytes = layout.as_bytes();
    let at = |index: usize, text: &str| {
        layout
            .get(index..)
            .is_some_and(|rest| rest.starts_with(text))
    };
    let lower_after = |index: usize| bytes.get(index).is_some_and(u8::is_ascii_lowercase);
    for index in 0..bytes.len() {
        let found = |len: usize, chunk: Chunk| Some((index, len, chunk));
        let hit = match bytes[index] {
            b'J' if at(index, "January") => found(7, Chunk::LongMonth),
            b'J' if at(index, "Jan") && !lower_after(index + 3) => found(3, Chunk::Month),
            b'M' if at(index, "Monday") => found(6, Chunk::LongWeekDay),
            b'M' if at(index, "Mon") && !lower_after(index + 3) => found(3, Chunk::WeekDay),
            b'M' if at(index, "MST") => found(3, Chunk::Tz),
            b'0' if matches!(bytes.get(index + 1), Some(b'1'..=b'6')) => {
                let chunk = match bytes[index + 1] {
                    b'1' => Chunk::ZeroMonth,
                    b'2' => Chunk::ZeroDay,
                    b'3' => Chunk::ZeroHour12,
                    b'4' => Chunk::ZeroMinute,
                    b'5' => Chunk::ZeroSecond,
                    _ => Chunk::Year,
                };
                found(2, chunk)
            }
            b'0' if at(index, "002") => found(3, Chunk::ZeroYearDay),
            b'1' if at(index, "15") => found(2, Chunk::Hour),
            b'1' => found(1, Chunk::NumMonth),
            b'2' if at(index, "2006") => found(4, Chunk::LongYear),
            b'2' => found(1, Chunk::Day),
            b'_' if at(index, "_2006") => Some((index + 1, 4, Chunk::LongYear)),
            b'_' if at(index, "_2") => found(2, Chunk::UnderDay),
            b'_' if at(index, "__2") => found(3, Chunk::UnderYearDay),
            b'3' => found(1, Chunk::Hour12),
            b'4' => found(1, Chunk::Minute),
            b'5' => found(1, Chunk::Second),
            b'P' if at(index, "PM") => found(2, Chunk::Pm),
            b'p' if at(index, "pm") => found(2, Chunk::LowerPm),
            b'-' | b'Z' => {
                let iso = bytes[index] == b'Z';
                let offset = |colon, seconds, short| Chunk::Offset {
                    iso,
                    colon,
                    seconds,
                    short,
                };
                let body = &layout[index + 1..];
                if body.starts_with("070000") {
                    found(7, offset(false, true, false))
                } else if body.starts_with("07:00:00") {
                    found(9, offset(true, true, false))
                } else if body.starts_with("0700") {
                    found(5, offset(false, false, false))
                } else if body.starts_with("07:00") {
                    found(6, offset(true, false, false))
                } else if body.starts_with("07") {
                    found(3, offset(false, false, true))
                } else {
                    None
                }
            }
            separator @ (b'.' | b',') if matches!(bytes.get(index + 1), Some(b'0' | b'9')) => {
                let digit = bytes[index + 1];
                let mut end = index + 1;
                while bytes.get(end) == Some(&digit) {
                    end += 1;
                }
                if bytes.get(end).is_some_and(u8::is_ascii_digit) {
                    None
                } else {
                    found(
                        end - index,
                        Chunk::Frac {
                            digits: end - index - 1,
                            trim: digit == b'9',
                            separator: char::from(separator),
                        },
                    )
                }
            }
            _ => None,
        };
        if let Some((start, len, chunk)) = hit {
            return (&layout[..start], Some(chunk), &layout[start + len..]);
        }
    }
    (layout, None, "")
}

/// The quoting of `time`'s error messages.
fn time_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        if !ch.is_ascii() || ch < ' ' {
            let mut buf = [0u8; 4];
            for byte in ch.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "\\x{byte:02x}");
            }
        } else {
            if ch == '"' || ch == '\\' {
                out.push('\\');
            }
            out.push(ch);
        }
    }
    out.push('"');
    out
}

fn parse_error(
    layout: &str,
    value: &str,
    layout_elem: &str,
    value_elem: &str,
    message: &str,
) -> String {
    if message.is_empty() {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            time_quote(value),
            time_quote(layout),
            time_quote(value_elem),
            time_quote(layout_elem)
        )
    } else {
        format!("parsing time {}{message}", time_quote(value))
    }
}

/// Go's `getnum`: one or two digits (`fixed`: exactly two).
fn getnum(value: &str, fixed: bool) -> Option<(i64, &str)> {
    let bytes = value.as_bytes();
    let digit = |index: usize| {
        bytes
            .get(index)
            .filter(|b| b.is_ascii_digit())
            .map(|b| i64::from(b - b'0'))
    };
    let first = digit(0)?;
    match digit(1) {
        None if fixed => None,
        None => Some((first, &value[1..])),
        Some(second) => Some((first * 10 + second, &value[2..])),
    }
}

/// `skip`: the layout's literal text, a run of spaces matching a run of spaces.
fn skip<'v>(mut value: &'v str, mut prefix: &str) -> Option<&'v str> {
    while let Some(first) = prefix.bytes().next() {
        if first == b' ' {
            if value.bytes().next().is_some_and(|b| b != b' ') {
                return None;
            }
            prefix = prefix.trim_start_matches(' ');
            value = value.trim_start_matches(' ');
            continue;
        }
        if value.bytes().next() != Some(first) {
            return None;
        }
        prefix = &prefix[1..];
        value = &value[1..];
    }
    Some(value)
}

fn lookup_name<'v>(names: &[&str], value: &'v str, short: bool) -> Option<(usize, &'v str)> {
    names.iter().enumerate().find_map(|(index, name)| {
        let name = if short { &name[..3] } else { name };
        let head = value.get(..name.len())?;
        head.eq_ignore_ascii_case(name)
            .then(|| (index, &value[name.len()..]))
    })
}

fn parse_nanos(value: &str, len: usize) -> Option<i64> {
    let digits = value.get(1..len)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut text = digits.to_owned();
    text.truncate(9);
    while text.len() < 9 {
        text.push('0');
    }
    text.parse().ok()
}

/// `time.ParseInLocation(layout, value, time.Local)` with Local as UTC.
#[allow(
    clippy::too_many_lines,
    reason = "one arm per layout element, as in Go's parse"
)]
pub(super) fn parse_time(layout: &str, text: &str) -> Result<GoTime, String> {
    let (alayout, avalue) = (layout, text);
    let mut layout = layout;
    let mut value = text;
    let (mut year, mut month, mut day, mut yday) = (1i64, -1i64, -1i64, -1i64);
    let (mut hour, mut minute, mut second, mut nanos) = (0i64, 0i64, 0i64, 0i64);
    let (mut pm, mut am) = (false, false);
    let mut offset: Option<i64> = None;
    let mut zone: Option<String> = None;
    loop {
        let (prefix, chunk, suffix) = next_chunk(layout);
        let std_text = &layout[prefix.len()..layout.len() - suffix.len()];
        value =
            skip(value, prefix).ok_or_else(|| parse_error(alayout, avalue, prefix, value, ""))?;
        let Some(chunk) = chunk else {
            if !value.is_empty() {
                return Err(parse_error(
                    alayout,
                    avalue,
                    "",
                    value,
                    &format!(": extra text: {}", time_quote(value)),
                ));
            }
            break;
        };
        layout = suffix;
        let hold = value;
        let bad = || parse_error(alayout, avalue, std_text, hold, "");
        let range = |what: &str| {
            parse_error(
                alayout,
                avalue,
                std_text,
                hold,
                &format!(": {what} out of range"),
            )
        };
        match chunk {
            Chunk::Year => {
                let digits = value
                    .get(..2)
                    .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(bad)?;
                let parsed: i64 = digits.parse().map_err(|_| bad())?;
                year = if parsed >= 69 {
                    parsed + 1900
                } else {
                    parsed + 2000
                };
                value = &value[2..];
            }
            Chunk::LongYear => {
                let digits = value
                    .get(..4)
                    .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(bad)?;
                year = digits.parse().map_err(|_| bad())?;
                value = &value[4..];
            }
            Chunk::Month | Chunk::LongMonth => {
                let (index, rest) =
                    lookup_name(&MONTHS, value, chunk == Chunk::Month).ok_or_else(bad)?;
                month = i64::try_from(index).unwrap_or(0) + 1;
                value = rest;
            }
            Chunk::NumMonth | Chunk::ZeroMonth => {
                let (parsed, rest) = getnum(value, chunk == Chunk::ZeroMonth).ok_or_else(bad)?;
                if !(1..=12).contains(&parsed) {
                    return Err(range("month"));
                }
                month = parsed;
                value = rest;
            }
            Chunk::WeekDay | Chunk::LongWeekDay => {
                let (_, rest) =
                    lookup_name(&DAYS, value, chunk == Chunk::WeekDay).ok_or_else(bad)?;
                value = rest;
            }
            Chunk::Day | Chunk::UnderDay | Chunk::ZeroDay => {
                if chunk == Chunk::UnderDay {
                    value = value.strip_prefix(' ').unwrap_or(value);
                }
                let (parsed, rest) = getnum(value, chunk == Chunk::ZeroDay).ok_or_else(bad)?;
                day = parsed;
                value = rest;
            }
            Chunk::UnderYearDay | Chunk::ZeroYearDay => {
                let trimmed = if chunk == Chunk::UnderYearDay {
                    value.trim_start_matches(' ')
                } else {
                    value
                };
                let len = trimmed
                    .bytes()
                    .take(3)
                    .take_while(u8::is_ascii_digit)
                    .count();
                if len == 0 || chunk == Chunk::ZeroYearDay && len < 3 {
                    return Err(bad());
                }
                yday = trimmed[..len].parse().map_err(|_| bad())?;
                if !(1..=366).contains(&yday) {
                    return Err(range("day-of-year"));
                }
                value = &trimmed[len..];
            }
            Chunk::Hour => {
                let (parsed, rest) = getnum(value, false).ok_or_else(bad)?;
                if parsed >= 24 {
                    return Err(range("hour"));
                }
                hour = parsed;
                value = rest;
            }
            Chunk::Hour12 | Chunk::ZeroHour12 => {
                let (parsed, rest) = getnum(value, chunk == Chunk::ZeroHour12).ok_or_else(bad)?;
                if parsed > 12 {
                    return Err(range("hour"));
                }
                hour = parsed;
                value = rest;
            }
            Chunk::Minute | Chunk::ZeroMinute => {
                let (parsed, rest) = getnum(value, chunk == Chunk::ZeroMinute).ok_or_else(bad)?;
                if parsed >= 60 {
                    return Err(range("minute"));
                }
                minute = parsed;
                value = rest;
            }
            Chunk::Second | Chunk::ZeroSecond => {
                let (parsed, rest) = getnum(value, chunk == Chunk::ZeroSecond).ok_or_else(bad)?;
                if parsed >= 60 {
                    return Err(range("second"));
                }
                second = parsed;
                value = rest;
                // Fractional seconds the layout does not spell out are still read.
                let bytes = value.as_bytes();
                if bytes.len() >= 2
                    && matches!(bytes[0], b'.' | b',')
                    && bytes[1].is_ascii_digit()
                    && !matches!(next_chunk(layout).1, Some(Chunk::Frac { .. }))
                {
                    let len = 1 + bytes[1..].iter().take_while(|b| b.is_ascii_digit()).count();
                    nanos = parse_nanos(value, len).ok_or_else(bad)?;
                    value = &value[len..];
                }
            }
            Chunk::Pm | Chunk::LowerPm => {
                match (chunk, value.get(..2)) {
                    (Chunk::Pm, Some("PM")) | (Chunk::LowerPm, Some("pm")) => pm = true,
                    (Chunk::Pm, Some("AM")) | (Chunk::LowerPm, Some("am")) => am = true,
                    _ => return Err(bad()),
                }
                value = &value[2..];
            }
            Chunk::Offset {
                iso,
                colon,
                seconds,
                short,
            } => {
                if iso && value.starts_with('Z') {
                    value = &value[1..];
                    zone = Some("UTC".to_owned());
                    offset = Some(0);
                    continue;
                }
                let bytes = value.as_bytes();
                let sign = match bytes.first() {
                    Some(b'+') => 1,
                    Some(b'-') => -1,
                    _ => return Err(bad()),
                };
                let mut pos = 1;
                let two = |pos: &mut usize| -> Option<i64> {
                    let digits = value
                        .get(*pos..*pos + 2)
                        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
                    *pos += 2;
                    digits.parse().ok()
                };
                let hours = two(&mut pos).ok_or_else(bad)?;
                let mut minutes = 0;
                let mut secs = 0;
                if !short {
                    if colon {
                        if value.as_bytes().get(pos) != Some(&b':') {
                            return Err(bad());
                        }
                        pos += 1;
                    }
                    minutes = two(&mut pos).ok_or_else(bad)?;
                }
                if seconds {
                    if colon {
                        if value.as_bytes().get(pos) != Some(&b':') {
                            return Err(bad());
                        }
                        pos += 1;
                    }
                    secs = two(&mut pos).ok_or_else(bad)?;
                }
                if hours > 24 || minutes > 60 || secs > 60 {
                    return Err(range("time zone offset"));
                }
                offset = Some(sign * (hours * 3600 + minutes * 60 + secs));
                value = &value[pos..];
            }
            Chunk::Tz => {
                if value.starts_with("UTC") {
                    zone = Some("UTC".to_owned());
                    offset = Some(0);
                    value = &value[3..];
                    continue;
                }
                let len = value.bytes().take_while(u8::is_ascii_uppercase).count();
                if !(3..=5).contains(&len) {
                    return Err(bad());
                }
                // An abbreviation Go cannot place is taken at offset 0, under its name.
                zone = Some(value[..len].to_owned());
                value = &value[len..];
            }
            Chunk::Frac { digits, trim, .. } => {
                let bytes = value.as_bytes();
                if trim {
                    if bytes.len() < 2
                        || !matches!(bytes[0], b'.' | b',')
                        || !bytes[1].is_ascii_digit()
                    {
                        continue;
                    }
                    let len = 1 + bytes[1..].iter().take_while(|b| b.is_ascii_digit()).count();
                    nanos = parse_nanos(value, len).ok_or_else(bad)?;
                    value = &value[len..];
                } else {
                    let len = 1 + digits;
                    if bytes.len() < len || !matches!(bytes[0], b'.' | b',') {
                        return Err(bad());
                    }
                    nanos = parse_nanos(value, len).ok_or_else(bad)?;
                    value = &value[len..];
                }
            }
        }
    }
    if pm && hour < 12 {
        hour += 12;
    } else if am && hour == 12 {
        hour = 0;
    }
    if yday >= 0 {
        let mut remaining = yday;
        let mut m = 1;
        while m < 12 && remaining > days_in_month(m, year) {
            remaining -= days_in_month(m, year);
            m += 1;
        }
        if (month >= 0 && month != m) || (day >= 0 && day != remaining) {
            return Err(parse_error(
                alayout,
                avalue,
                "",
                value,
                ": day-of-year does not match month or day",
            ));
        }
        month = m;
        day = remaining;
    } else {
        if month < 0 {
            month = 1;
        }
        if day < 0 {
            day = 1;
        }
    }
    if day < 1 || day > days_in_month(month, year) {
        return Err(parse_error(
            alayout,
            avalue,
            "",
            value,
            ": day out of range",
        ));
    }
    let wall = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    let offset_seconds = offset.unwrap_or(0);
    let zone = match (zone, offset) {
        (Some(name), _) => name,
        (None, Some(0) | None) => "UTC".to_owned(),
        (None, Some(_)) => String::new(),
    };
    Ok(GoTime {
        unix: wall - offset_seconds,
        nanos,
        offset: offset_seconds,
        zone,
    })
}

/// Go's `Duration.String`.
pub(super) fn duration_string(duration: i64) -> String {
    let negative = duration < 0;
    let mut u = duration.unsigned_abs();
    let mut out = String::new();
    let frac = |out: &mut String, value: u64, precision: u32| -> u64 {
        let scale = 10u64.pow(precision);
        let fraction = value % scale;
        if fraction != 0 {
            let digits = format!("{fraction:0width$}", width = precision as usize);
            out.push('.');
            out.push_str(digits.trim_end_matches('0'));
        }
        value / scale
    };
    if u < 1_000_000_000 {
        let (precision, unit) = match u {
            0 => return "0s".to_owned(),
            1..=999 => (0, "ns"),
            1_000..=999_999 => (3, "µs"),
            _ => (6, "ms"),
        };
        let mut fraction = String::new();
        let whole = frac(&mut fraction, u, precision);
        let _ = write!(out, "{whole}{fraction}{unit}");
    } else {
        let mut fraction = String::new();
        u = frac(&mut fraction, u, 9);
        let (seconds, minutes, hours) = (u % 60, u / 60 % 60, u / 3600);
        if hours > 0 {
            let _ = write!(out, "{hours}h{minutes}m");
        } else if u / 60 > 0 {
            let _ = write!(out, "{minutes}m");
        }
        let _ = write!(out, "{seconds}{fraction}s");
    }
    if negative {
        out.insert(0, '-');
    }
    out
}

/// Go's `time.ParseDuration`.
pub(super) fn parse_duration(text: &str) -> Result<i64, String> {
    const LIMIT: u64 = 1 << 63;
    let invalid = || format!("time: invalid duration {}", time_quote(text));
    let (negative, mut rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total: u64 = 0;
    while !rest.is_empty() {
        if !rest.starts_with(|c: char| c == '.' || c.is_ascii_digit()) {
            return Err(invalid());
        }
        let int_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let mut whole: u64 = 0;
        for byte in rest[..int_len].bytes() {
            if whole > LIMIT / 10 {
                return Err(invalid());
            }
            whole = whole * 10 + u64::from(byte - b'0');
            if whole > LIMIT {
                return Err(invalid());
            }
        }
        rest = &rest[int_len..];
        let (mut fraction, mut scale, mut post) = (0u64, 1f64, false);
        if let Some(after) = rest.strip_prefix('.') {
            let frac_len = after.bytes().take_while(u8::is_ascii_digit).count();
            let mut overflow = false;
            for byte in after[..frac_len].bytes() {
                if overflow || fraction > (LIMIT - 1) / 10 {
                    overflow = true;
                    continue;
                }
                let next = fraction * 10 + u64::from(byte - b'0');
                if next > LIMIT {
                    overflow = true;
                    continue;
                }
                fraction = next;
                scale *= 10.0;
            }
            post = frac_len > 0;
            rest = &after[frac_len..];
        }
        if int_len == 0 && !post {
            return Err(invalid());
        }
        let unit_len = rest
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(rest.len());
        if unit_len == 0 {
            return Err(format!(
                "time: missing unit in duration {}",
                time_quote(text)
            ));
        }
        let unit_text = &rest[..unit_len];
        rest = &rest[unit_len..];
        let unit: u64 = match unit_text {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    time_quote(unit_text),
                    time_quote(text)
                ));
            }
        };
        if whole > LIMIT / unit {
            return Err(invalid());
        }
        let mut value = whole * unit;
        if fraction > 0 {
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "time.ParseDuration: uint64(float64(f) * (float64(unit) / scale))"
            )]
            let extra = (fraction as f64 * (unit as f64 / scale)) as u64;
            value += extra;
            if value > LIMIT {
                return Err(invalid());
            }
        }
        total += value;
        if total > LIMIT {
            return Err(invalid());
        }
    }
    if negative {
        return Ok(0i64.wrapping_sub_unsigned(total));
    }
    i64::try_from(total).map_err(|_| invalid())
}

/// The `time.Time` a value holds, read back through its fields and its printed zone.
fn time_of(value: &Value) -> Option<GoTime> {
    let Value::Object(object) = value else {
        return None;
    };
    if object.type_name() != "time.Time" {
        return None;
    }
    let number = |name: &str| match object.field(name) {
        Some(Value::Int(n) | Value::Int64(n)) => Some(n),
        _ => None,
    };
    let printed = object.print();
    let mut words = printed.split(' ').skip(2);
    let offset_text = words.next().unwrap_or("+0000");
    let zone = words.next().unwrap_or("").to_owned();
    let offset = offset_text
        .get(1..5)
        .and_then(|digits| digits.parse::<i64>().ok())
        .map_or(0, |hhmm| {
            (hhmm / 100 * 3600 + hhmm % 100 * 60)
                * if offset_text.starts_with('-') { -1 } else { 1 }
        });
    Some(GoTime {
        unix: number("Unix")?,
        nanos: number("Nanosecond")?,
        offset,
        zone: if zone == offset_text {
            String::new()
        } else {
            zone
        },
    })
}

/// The `time.Time` argument a Go parameter of that type requires.
fn time_arg(value: &Value) -> Result<GoTime, String> {
    time_of(value).ok_or_else(|| {
        format!(
            "wrong type for value; expected time.Time; got {}",
            value.type_name()
        )
    })
}

fn time_value(time: GoTime) -> Value {
    Value::Object(Rc::new(TimeObject(time)))
}

/// A bound method's body.
type MethodCall = Rc<dyn Fn(&[Value]) -> Result<Value, String>>;

/// A `time.Time` in a template.
#[derive(Debug)]
struct TimeObject(GoTime);

impl GoObject for TimeObject {
    fn type_name(&self) -> &'static str {
        "time.Time"
    }

    fn field(&self, name: &str) -> Option<Value> {
        let t = &self.0;
        let civil = t.civil();
        Some(match name {
            "Unix" => Value::Int64(t.unix),
            "UnixMilli" => Value::Int64(
                t.unix
                    .saturating_mul(1000)
                    .saturating_add(t.nanos / 1_000_000),
            ),
            "UnixNano" => Value::Int64(t.unix.wrapping_mul(NANOS_PER_SECOND).wrapping_add(t.nanos)),
            "Nanosecond" => Value::Int(t.nanos),
            "Year" => Value::Int(civil.year),
            "Month" => Value::str(MONTHS[civil.month - 1]),
            "Day" => Value::Int(civil.day),
            "Hour" => Value::Int(civil.hour),
            "Minute" => Value::Int(civil.minute),
            "Second" => Value::Int(civil.second),
            "YearDay" => Value::Int(civil.yday),
            "Weekday" => Value::str(DAYS[civil.weekday]),
            "IsZero" => Value::Bool(t.unix == ZERO_TIME_UNIX && t.nanos == 0),
            "String" => Value::string(t.string()),
            "UTC" | "Local" => time_value(t.in_utc()),
            _ => return None,
        })
    }

    fn method(&self, name: &str) -> Option<Method> {
        let t = self.0.clone();
        let (params, call): (&'static [Param], MethodCall) = match name {
            "Format" => (
                &[Param::String],
                Rc::new(move |args: &[Value]| Ok(Value::string(t.format(str_arg(args, 0))))),
            ),
            "Add" => (
                &[Param::Int64],
                Rc::new(move |args: &[Value]| {
                    let nanos = match args.first() {
                        Some(Value::Int(n) | Value::Int64(n)) => *n,
                        _ => 0,
                    };
                    Ok(time_value(t.add_nanos(nanos)))
                }),
            ),
            "After" | "Before" | "Equal" => {
                let test: fn(&GoTime, &GoTime) -> bool = match name {
                    "After" => |a, b| (a.unix, a.nanos) > (b.unix, b.nanos),
                    "Before" => |a, b| (a.unix, a.nanos) < (b.unix, b.nanos),
                    _ => |a, b| (a.unix, a.nanos) == (b.unix, b.nanos),
                };
                (
                    &[Param::Any],
                    Rc::new(move |args: &[Value]| Ok(Value::Bool(test(&t, &time_arg(&args[0])?)))),
                )
            }
            _ => return None,
        };
        Some(Method { params, call })
    }

    fn print(&self) -> String {
        self.0.string()
    }

    fn to_data(&self) -> Value {
        // Time.MarshalJSON: RFC 3339 with nanoseconds.
        Value::string(self.0.format("2006-01-02T15:04:05.999999999Z07:00"))
    }
}

fn now_time(host: &dyn Host) -> GoTime {
    GoTime::utc(host.now_unix(), 0)
}

/// date.go `dateInZone`'s reading of its `date`: a time, or Unix seconds
/// as `int`/`int64`; anything else is now.
fn date_input(host: &dyn Host, value: &Value) -> GoTime {
    match value {
        Value::Int(secs) | Value::Int64(secs) => GoTime::utc(*secs, 0),
        other => time_of(other).unwrap_or_else(|| now_time(host)),
    }
}

/// `time.LoadLocation(zone)`, falling back to UTC: every zone here is UTC.
fn in_zone(time: &GoTime, _zone: &str) -> GoTime {
    time.in_utc()
}

pub(super) fn now(host: &mut dyn Host, _: &[Value]) -> Out {
    Ok(time_value(now_time(host)))
}

pub(super) fn date(host: &mut dyn Host, args: &[Value]) -> Out {
    let time = in_zone(&date_input(host, &args[1]), "Local");
    Ok(Value::string(time.format(str_arg(args, 0))))
}

pub(super) fn date_in_zone(host: &mut dyn Host, args: &[Value]) -> Out {
    let time = in_zone(&date_input(host, &args[1]), str_arg(args, 2));
    Ok(Value::string(time.format(str_arg(args, 0))))
}

pub(super) fn html_date(host: &mut dyn Host, args: &[Value]) -> Out {
    let time = in_zone(&date_input(host, &args[0]), "Local");
    Ok(Value::string(time.format("2006-01-02")))
}

pub(super) fn html_date_in_zone(host: &mut dyn Host, args: &[Value]) -> Out {
    let time = in_zone(&date_input(host, &args[0]), str_arg(args, 1));
    Ok(Value::string(time.format("2006-01-02")))
}

pub(super) fn date_modify(_: &mut dyn Host, args: &[Value]) -> Out {
    let time = time_arg(&args[1])?;
    Ok(time_value(match parse_duration(str_arg(args, 0)) {
        Ok(nanos) => time.add_nanos(nanos),
        Err(_) => time,
    }))
}

pub(super) fn must_date_modify(_: &mut dyn Host, args: &[Value]) -> Out {
    let time = time_arg(&args[1])?;
    Ok(time_value(
        time.add_nanos(parse_duration(str_arg(args, 0))?),
    ))
}

/// `time.Since(t)` in nanoseconds.
fn since(host: &dyn Host, time: &GoTime) -> i64 {
    let now = now_time(host);
    let nanos = (i128::from(now.unix) - i128::from(time.unix)) * i128::from(NANOS_PER_SECOND)
        + i128::from(now.nanos - time.nanos);
    i64::try_from(nanos).unwrap_or(if nanos < 0 { i64::MIN } else { i64::MAX })
}

pub(super) fn ago(host: &mut dyn Host, args: &[Value]) -> Out {
    let time = match &args[0] {
        Value::Int(secs) | Value::Int64(secs) => GoTime::utc(*secs, 0),
        other => time_of(other).unwrap_or_else(|| now_time(host)),
    };
    // Duration.Round(time.Second): halves away from zero.
    let nanos = since(host, &time);
    let remainder = nanos % NANOS_PER_SECOND;
    let mut rounded = nanos - remainder;
    if remainder.abs() * 2 >= NANOS_PER_SECOND {
        rounded = rounded.saturating_add(if nanos < 0 {
            -NANOS_PER_SECOND
        } else {
            NANOS_PER_SECOND
        });
    }
    Ok(Value::string(duration_string(rounded)))
}

pub(super) fn duration(_: &mut dyn Host, args: &[Value]) -> Out {
    // date.go duration: a string through ParseInt (error dropped) or an int64; anything else 0.
    let seconds = match &args[0] {
        Value::String(text) => match parse_int(text, 10) {
            Ok(n) | Err(IntError::Range(n)) => n,
            Err(IntError::Syntax) => 0,
        },
        Value::Int64(n) => *n,
        _ => 0,
    };
    Ok(Value::string(duration_string(
        seconds.wrapping_mul(NANOS_PER_SECOND),
    )))
}

pub(super) fn duration_round(host: &mut dyn Host, args: &[Value]) -> Out {
    let nanos = match &args[0] {
        Value::String(text) => parse_duration(text).unwrap_or(0),
        Value::Int64(n) => *n,
        other => time_of(other).map_or(0, |time| since(host, &time)),
    };
    let u = nanos.unsigned_abs();
    const SECOND: u64 = 1_000_000_000;
    const MINUTE: u64 = 60 * SECOND;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    for (unit, suffix) in [
        (DAY * 365, "y"),
        (DAY * 30, "mo"),
        (DAY, "d"),
        (HOUR, "h"),
        (MINUTE, "m"),
        (SECOND, "s"),
    ] {
        if u > unit {
            return Ok(Value::string(format!("{}{suffix}", u / unit)));
        }
    }
    Ok(Value::str("0s"))
}

pub(super) fn to_date(_: &mut dyn Host, args: &[Value]) -> Out {
    let time = parse_time(str_arg(args, 0), str_arg(args, 1))
        .unwrap_or_else(|_| GoTime::utc(ZERO_TIME_UNIX, 0));
    Ok(time_value(time))
}

pub(super) fn must_to_date(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(time_value(parse_time(str_arg(args, 0), str_arg(args, 1))?))
}

pub(super) fn unix_epoch(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(time_arg(&args[0])?.unix.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{NOW, call, i, ok, s, text};
    use super::{duration_string, parse_duration};
    use crate::engine::value::Value;

    #[test]
    fn now_and_date_formatting() {
        // testing::NOW is 2024-02-29 12:34:56 UTC, a Thursday.
        assert_eq!(text("now", &[]), "2024-02-29 12:34:56 +0000 UTC");
        let now = ok("now", &[]);
        assert_eq!(text("date", &[s("2006-01-02"), now.clone()]), "2024-02-29");
        assert_eq!(
            text("date", &[s("Mon Jan _2 15:04:05 MST 2006"), now.clone()]),
            "Thu Feb 29 12:34:56 UTC 2024"
        );
        assert_eq!(
            text(
                "date",
                &[s("Monday, January 2, 06 3:04PM -07:00 Z07:00"), now.clone()]
            ),
            "Thursday, February 29, 24 12:34PM +00:00 Z"
        );
        assert_eq!(
            text("date", &[s("002 .000 .999"), now.clone()]),
            "060 .000 "
        );
        assert_eq!(
            text(
                "dateInZone",
                &[s("2006-01-02 15:04"), Value::Int64(0), s("UTC")]
            ),
            "1970-01-01 00:00"
        );
        assert_eq!(
            text("date", &[s("2006-01-02"), i(86_400 * 365)]),
            "1971-01-01"
        );
        // date.go dateInZone: a float64 is none of time.Time, int, int64: now.
        assert_eq!(text("date", &[s("2006"), Value::Float(0.0)]), "2024");
        assert_eq!(text("htmlDate", &[Value::Int64(0)]), "1970-01-01");
        assert_eq!(
            text("htmlDateInZone", &[Value::Int64(0), s("UTC")]),
            "1970-01-01"
        );
        assert_eq!(text("unixEpoch", &[now]), NOW.to_string());
    }

    #[test]
    fn parsing_dates() {
        assert_eq!(
            text("toDate", &[s("2006-01-02"), s("2017-12-31")]),
            "2017-12-31 00:00:00 +0000 UTC"
        );
        assert_eq!(
            text(
                "toDate",
                &[
                    s("2006-01-02T15:04:05Z07:00"),
                    s("2024-01-01T10:00:00+01:00")
                ]
            ),
            "2024-01-01 10:00:00 +0100 +0100"
        );
        assert_eq!(
            text(
                "unixEpoch",
                &[ok(
                    "toDate",
                    &[
                        s("2006-01-02T15:04:05Z07:00"),
                        s("2024-01-01T10:00:00+01:00")
                    ]
                )]
            ),
            "1704099600"
        );
        assert_eq!(
            text("toDate", &[s("2006-01-02"), s("nope")]),
            "0001-01-01 00:00:00 +0000 UTC"
        );
        assert_eq!(
            call("mustToDate", &[s("2006-01-02"), s("2017-1-31")]),
            Err(
                r#"parsing time "2017-1-31" as "2006-01-02": cannot parse "1-31" as "01""#
                    .to_owned()
            )
        );
        assert_eq!(
            call("mustToDate", &[s("2006-01-02"), s("2017-02-30")]),
            Err(r#"parsing time "2017-02-30": day out of range"#.to_owned())
        );
        assert_eq!(
            call("mustToDate", &[s("2006-01-02"), s("2017-02-03x")]),
            Err(r#"parsing time "2017-02-03x": extra text: "x""#.to_owned())
        );
        assert_eq!(
            text("toDate", &[s("Jan 2 2006 3:04pm"), s("feb 3 2020 1:05pm")]),
            "2020-02-03 13:05:00 +0000 UTC"
        );
        assert_eq!(
            text(
                "toDate",
                &[s("2006-01-02 15:04:05"), s("2020-02-03 01:02:03.25")]
            ),
            "2020-02-03 01:02:03.25 +0000 UTC"
        );
    }

    #[test]
    fn date_modify_and_durations() {
        let now = ok("now", &[]);
        assert_eq!(
            text("dateModify", &[s("-1.5h"), now.clone()]),
            "2024-02-29 11:04:56 +0000 UTC"
        );
        assert_eq!(
            text("dateModify", &[s("bogus"), now.clone()]),
            "2024-02-29 12:34:56 +0000 UTC"
        );
        assert_eq!(
            call("mustDateModify", &[s("1d"), now.clone()]),
            Err(r#"time: unknown unit "d" in duration "1d""#.to_owned())
        );
        assert_eq!(
            call("dateModify", &[s("1h"), s("2024")]),
            Err("wrong type for value; expected time.Time; got string".to_owned())
        );
        assert_eq!(text("duration", &[s("95")]), "1m35s");
        assert_eq!(text("duration", &[Value::Int64(3600)]), "1h0m0s");
        assert_eq!(
            text("duration", &[i(95)]),
            "0s",
            "date.go duration: an int is not an int64"
        );
        assert_eq!(text("durationRound", &[s("2h10m")]), "2h");
        assert_eq!(
            text("durationRound", &[s("1h")]),
            "60m",
            "strictly more than an hour is needed"
        );
        assert_eq!(
            text("durationRound", &[Value::Int64(3 * 86_400 * 1_000_000_000)]),
            "3d"
        );
        assert_eq!(text("durationRound", &[s("800h")]), "1mo");
        assert_eq!(text("durationRound", &[i(5)]), "0s");
        assert_eq!(text("ago", &[Value::Int64(NOW - 3725)]), "1h2m5s");
        assert_eq!(text("ago", &[ok("now", &[])]), "0s");
    }

    #[test]
    fn go_duration_text() {
        assert_eq!(duration_string(0), "0s");
        assert_eq!(duration_string(1500), "1.5µs");
        assert_eq!(duration_string(1_500_000), "1.5ms");
        assert_eq!(duration_string(-2_500_000_000), "-2.5s");
        assert_eq!(duration_string(90 * 60 * 1_000_000_000), "1h30m0s");
        assert_eq!(parse_duration("1h30m"), Ok(90 * 60 * 1_000_000_000));
        assert_eq!(parse_duration(".5s"), Ok(500_000_000));
        assert_eq!(parse_duration("-0"), Ok(0));
        assert_eq!(
            parse_duration("1"),
            Err(r#"time: missing unit in duration "1""#.to_owned())
        );
        assert_eq!(
            parse_duration(""),
            Err(r#"time: invalid duration """#.to_owned())
        );
        assert_eq!(
            parse_duration("."),
            Err(r#"time: invalid duration ".""#.to_owned())
        );
    }
}
