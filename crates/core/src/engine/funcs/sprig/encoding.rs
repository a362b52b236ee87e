//! strings.go `base64encode`/`base64decode`/`base32encode`/`base32decode`:
//! Go's `encoding/base64` and `encoding/base32` `StdEncoding` (padded), whose
//! decoders skip `\r` and `\n`. A decoding error comes back as the result
//! text (`illegal base64 data at input byte N`), as Sprig returns it.

use crate::engine::funcs::Host;
use crate::engine::value::Value;

use super::cast::{from_go_bytes, str_arg};

type Out = Result<Value, String>;

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// `base64.StdEncoding.EncodeToString`.
pub(super) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word = chunk.iter().enumerate().fold(0u32, |acc, (index, &byte)| {
            acc | u32::from(byte) << (16 - 8 * index)
        });
        for index in 0..4 {
            if index <= chunk.len() {
                out.push(char::from(BASE64[(word >> (18 - 6 * index)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_value(byte: u8) -> Option<u32> {
    BASE64
        .iter()
        .position(|&c| c == byte)
        .and_then(|index| u32::try_from(index).ok())
}

/// `base64.StdEncoding.DecodeString`, its `CorruptInputError` offset as the error.
fn base64_decode(src: &[u8]) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(src.len() / 4 * 3);
    let mut si = 0;
    while si < src.len() {
        // decodeQuantum
        let mut dbuf = [0u32; 4];
        let mut dlen = 4;
        let mut j = 0;
        while j < 4 {
            if si == src.len() {
                if j == 0 {
                    return Ok(out);
                }
                return Err(si - j);
            }
            let byte = src[si];
            si += 1;
            if let Some(value) = base64_value(byte) {
                dbuf[j] = value;
                j += 1;
                continue;
            }
            if byte == b'\n' || byte == b'\r' {
                continue;
            }
            if byte != b'=' {
                return Err(si - 1);
            }
            match j {
                0 | 1 => return Err(si - 1),
                2 => {
                    while si < src.len() && matches!(src[si], b'\n' | b'\r') {
                        si += 1;
                    }
                    if si == src.len() {
                        return Err(src.len());
                    }
                    if src[si] != b'=' {
                        return Err(si - 1);
                    }
                    si += 1;
                }
                _ => {}
            }
            while si < src.len() && matches!(src[si], b'\n' | b'\r') {
                si += 1;
            }
            if si < src.len() {
                return Err(si);
            }
            dlen = j;
            break;
        }
        let word = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
        let bytes = [(word >> 16) as u8, (word >> 8) as u8, word as u8];
        out.extend_from_slice(&bytes[..dlen - 1]);
        if dlen < 4 {
            break;
        }
    }
    Ok(out)
}

/// `base32.StdEncoding.EncodeToString`.
fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut word = 0u64;
        for (index, &byte) in chunk.iter().enumerate() {
            word |= u64::from(byte) << (32 - 8 * index);
        }
        let chars = (chunk.len() * 8).div_ceil(5);
        for index in 0..8 {
            if index < chars {
                out.push(char::from(BASE32[(word >> (35 - 5 * index)) as usize & 31]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `base32.StdEncoding.DecodeString`: newlines stripped first, then `decode`.
fn base32_decode(text: &[u8]) -> Result<Vec<u8>, usize> {
    let src: Vec<u8> = text
        .iter()
        .copied()
        .filter(|&b| b != b'\n' && b != b'\r')
        .collect();
    let olen = src.len();
    let mut rest: &[u8] = &src;
    let mut out = Vec::new();
    let mut end = false;
    while !rest.is_empty() && !end {
        let mut dbuf = [0u8; 8];
        let mut dlen = 8;
        let mut j = 0;
        while j < 8 {
            if rest.is_empty() {
                return Err(olen - j);
            }
            let byte = rest[0];
            rest = &rest[1..];
            if byte == b'=' && j >= 2 && rest.len() < 8 {
                if rest.len() + j < 8 - 1 {
                    return Err(olen);
                }
                for k in 0..8 - 1 - j {
                    if rest.len() > k && rest[k] != b'=' {
                        return Err(olen - rest.len() + k - 1);
                    }
                }
                dlen = j;
                end = true;
                if matches!(dlen, 1 | 3 | 6) {
                    return Err(olen - rest.len() - 1);
                }
                break;
            }
            match BASE32.iter().position(|&c| c == byte) {
                Some(value) => dbuf[j] = value as u8,
                None => return Err(olen - rest.len() - 1),
            }
            j += 1;
        }
        let word = dbuf
            .iter()
            .fold(0u64, |acc, &value| acc << 5 | u64::from(value));
        let bytes = word.to_be_bytes();
        let count = match dlen {
            8 => 5,
            7 => 4,
            5 => 3,
            4 => 2,
            _ => 1,
        };
        out.extend_from_slice(&bytes[3..3 + count]);
    }
    Ok(out)
}

pub(super) fn b64enc(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(base64_encode(str_arg(args, 0).as_bytes())))
}

pub(super) fn b64dec(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(match base64_decode(str_arg(args, 0).as_bytes()) {
        Ok(bytes) => from_go_bytes(&bytes),
        Err(at) => Value::string(format!("illegal base64 data at input byte {at}")),
    })
}

pub(super) fn b32enc(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(base32_encode(str_arg(args, 0).as_bytes())))
}

pub(super) fn b32dec(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(match base32_decode(str_arg(args, 0).as_bytes()) {
        Ok(bytes) => from_go_bytes(&bytes),
        Err(at) => Value::string(format!("illegal base32 data at input byte {at}")),
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{s, text};

    #[test]
    fn base64_round_trips_and_reports_like_go() {
        assert_eq!(text("b64enc", &[s("hello")]), "aGVsbG8=");
        assert_eq!(text("b64enc", &[s("")]), "");
        assert_eq!(text("b64enc", &[s("ab")]), "YWI=");
        assert_eq!(text("b64dec", &[s("aGVsbG8=")]), "hello");
        assert_eq!(text("b64dec", &[s("aGVs\nbG8=")]), "hello");
        assert_eq!(
            text("b64dec", &[s("aGVsbG8")]),
            "illegal base64 data at input byte 4"
        );
        assert_eq!(
            text("b64dec", &[s("a!")]),
            "illegal base64 data at input byte 1"
        );
        assert_eq!(
            text("b64dec", &[s("YWI=x")]),
            "illegal base64 data at input byte 4"
        );
    }

    #[test]
    fn base32_round_trips_and_reports_like_go() {
        assert_eq!(text("b32enc", &[s("hello")]), "NBSWY3DP");
        assert_eq!(text("b32enc", &[s("a")]), "ME======");
        assert_eq!(text("b32dec", &[s("NBSWY3DP")]), "hello");
        assert_eq!(text("b32dec", &[s("ME======")]), "a");
        assert_eq!(
            text("b32dec", &[s("ME")]),
            "illegal base32 data at input byte 0"
        );
        assert_eq!(
            text("b32dec", &[s("M1======")]),
            "illegal base32 data at input byte 1"
        );
    }
}
