//! crypto.go: the digests (`sha1sum`, `sha256sum`, `sha512sum`,
//! `adler32sum`), `randBytes`, `uuidv4`, and goutils' `CryptoRandom…`
//! behind `randAlphaNum` and friends, all drawing on the host's seeded
//! source. Key, certificate, cipher and password-hash generation is not
//! reproduced: those functions fail with a clear message.

use std::fmt::Write as _;

use crate::engine::funcs::Host;
use crate::engine::value::Value;

use super::cast::{int_arg, str_arg};
use super::encoding::base64_encode;

type Out = Result<Value, String>;

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// `hash/adler32.Checksum`.
fn adler32(input: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in input {
        a = (a + u32::from(byte)) % MOD;
        b = (b + a) % MOD;
    }
    b << 16 | a
}

/// The hex digest of the first argument with `D` (RustCrypto's SHA family).
fn digest<D: sha2::Digest>(args: &[Value]) -> Out {
    Ok(Value::string(hex(&D::digest(str_arg(args, 0).as_bytes()))))
}

pub(super) fn sha1sum(_: &mut dyn Host, args: &[Value]) -> Out {
    digest::<sha1::Sha1>(args)
}

pub(super) fn sha256sum(_: &mut dyn Host, args: &[Value]) -> Out {
    digest::<sha2::Sha256>(args)
}

pub(super) fn sha512sum(_: &mut dyn Host, args: &[Value]) -> Out {
    digest::<sha2::Sha512>(args)
}

pub(super) fn adler32sum(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(
        adler32(str_arg(args, 0).as_bytes()).to_string(),
    ))
}

pub(super) fn rand_bytes(host: &mut dyn Host, args: &[Value]) -> Out {
    let count = usize::try_from(int_arg(args, 0))
        .map_err(|_| "runtime error: makeslice: len out of range".to_owned())?;
    Ok(Value::string(base64_encode(&host.random().bytes(count))))
}

pub(super) fn uuidv4(host: &mut dyn Host, _: &[Value]) -> Out {
    // google/uuid NewRandom: 16 random bytes, version 4, RFC 4122 variant.
    let mut bytes = host.random().bytes(16);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let text = hex(&bytes);
    Ok(Value::string(format!(
        "{}-{}-{}-{}-{}",
        &text[..8],
        &text[8..12],
        &text[12..16],
        &text[16..20],
        &text[20..]
    )))
}

/// goutils `CryptoRandom(count, start, end, letters, numbers)` for the four
/// character sets Sprig uses; a negative count is an error Sprig drops ("").
fn crypto_random(
    host: &mut dyn Host,
    count: i64,
    ascii: bool,
    letters: bool,
    numbers: bool,
) -> Value {
    let Ok(count) = usize::try_from(count) else {
        return Value::str("");
    };
    let (start, end) = if ascii {
        (32u32, 127u32)
    } else {
        (u32::from(' '), u32::from('z') + 1)
    };
    let mut out = String::with_capacity(count);
    while out.len() < count {
        let code = start + u32::try_from(host.random().below(u64::from(end - start))).unwrap_or(0);
        let ch = char::from_u32(code).unwrap_or(' ');
        if ascii || letters && ch.is_alphabetic() || numbers && ch.is_ascii_digit() {
            out.push(ch);
        }
    }
    Value::string(out)
}

pub(super) fn rand_alpha_num(host: &mut dyn Host, args: &[Value]) -> Out {
    Ok(crypto_random(host, int_arg(args, 0), false, true, true))
}

pub(super) fn rand_alpha(host: &mut dyn Host, args: &[Value]) -> Out {
    Ok(crypto_random(host, int_arg(args, 0), false, true, false))
}

pub(super) fn rand_ascii(host: &mut dyn Host, args: &[Value]) -> Out {
    Ok(crypto_random(host, int_arg(args, 0), true, false, false))
}

pub(super) fn rand_numeric(host: &mut dyn Host, args: &[Value]) -> Out {
    Ok(crypto_random(host, int_arg(args, 0), false, false, true))
}

/// The error of a function this engine does not reproduce.
fn unsupported(name: &str) -> Out {
    Err(format!(
        "{name} is not supported by ingresslab: it generates keys, certificates or password hashes"
    ))
}

macro_rules! unsupported_bodies {
    ($($body:ident => $name:literal),* $(,)?) => {
        $(
            pub(super) fn $body(_: &mut dyn Host, _: &[Value]) -> Out {
                unsupported($name)
            }
        )*
    };
}

unsupported_bodies! {
    unsupported_bcrypt => "bcrypt",
    unsupported_htpasswd => "htpasswd",
    unsupported_gen_private_key => "genPrivateKey",
    unsupported_derive_password => "derivePassword",
    unsupported_build_custom_cert => "buildCustomCert",
    unsupported_gen_ca => "genCA",
    unsupported_gen_ca_with_key => "genCAWithKey",
    unsupported_gen_self_signed_cert => "genSelfSignedCert",
    unsupported_gen_self_signed_cert_with_key => "genSelfSignedCertWithKey",
    unsupported_gen_signed_cert => "genSignedCert",
    unsupported_gen_signed_cert_with_key => "genSignedCertWithKey",
    unsupported_encrypt_aes => "encryptAES",
    unsupported_decrypt_aes => "decryptAES",
}

#[cfg(test)]
mod tests {
    use super::super::testing::{call, i, s, text};

    #[test]
    fn digests_match_go() {
        assert_eq!(
            text("sha1sum", &[s("abc")]),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            text("sha256sum", &[s("abc")]),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            text("sha256sum", &[s("")]),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            text("sha512sum", &[s("abc")]),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
             2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
        let long = "a".repeat(200);
        assert_eq!(
            text("sha256sum", &[s(&long)]),
            "c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5"
        );
        assert_eq!(text("adler32sum", &[s("Wikipedia")]), "300286872");
    }

    #[test]
    fn random_strings_have_the_right_shape() {
        let value = text("randAlphaNum", &[i(32)]);
        assert_eq!(value.len(), 32);
        assert!(value.chars().all(|c| c.is_ascii_alphanumeric()));
        assert!(
            text("randAlpha", &[i(10)])
                .chars()
                .all(|c| c.is_ascii_alphabetic())
        );
        assert!(
            text("randNumeric", &[i(10)])
                .chars()
                .all(|c| c.is_ascii_digit())
        );
        assert!(
            text("randAscii", &[i(10)])
                .chars()
                .all(|c| (' '..='~').contains(&c))
        );
        assert_eq!(text("randAlpha", &[i(-1)]), "");
        assert_eq!(text("randBytes", &[i(3)]).len(), 4);
        let uuid = text("uuidv4", &[]);
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn key_material_is_unsupported() {
        assert_eq!(
            call("genCA", &[s("ca"), i(365)]),
            Err("genCA is not supported by ingresslab: it generates keys, certificates or password hashes".to_owned())
        );
        assert!(call("htpasswd", &[s("u"), s("p")]).is_err());
    }
}
