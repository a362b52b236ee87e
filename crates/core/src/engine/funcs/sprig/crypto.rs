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

/// The Merkle–Damgård padding shared by SHA-1, SHA-256 (64-byte blocks) and SHA-512 (128-byte blocks).
fn padded(input: &[u8], block: usize) -> Vec<u8> {
    let length_bytes = block / 8;
    let mut data = input.to_vec();
    data.push(0x80);
    while data.len() % block != block - length_bytes {
        data.push(0);
    }
    let bits = (input.len() as u128).wrapping_mul(8);
    data.extend_from_slice(&bits.to_be_bytes()[16 - length_bytes..]);
    data
}

/// SHA-1 (FIPS 180-4).
pub(super) fn sha1(input: &[u8]) -> [u8; 20] {
    let mut state: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    for block in padded(input, 64).chunks(64) {
        let mut w = [0u32; 80];
        for (index, word) in block.chunks(4).enumerate() {
            w[index] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for index in 16..80 {
            w[index] = (w[index - 3] ^ w[index - 8] ^ w[index - 14] ^ w[index - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = state;
        for (index, &word) in w.iter().enumerate() {
            let (f, k) = match index {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let temp = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(word);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = temp;
        }
        for (slot, value) in state.iter_mut().zip([a, b, c, d, e]) {
            *slot = slot.wrapping_add(value);
        }
    }
    let mut out = [0u8; 20];
    for (chunk, word) in out.chunks_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

const SHA256_K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// SHA-256 (FIPS 180-4).
pub(super) fn sha256(input: &[u8]) -> [u8; 32] {
    let mut state: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    for block in padded(input, 64).chunks(64) {
        let mut w = [0u32; 64];
        for (index, word) in block.chunks(4).enumerate() {
            w[index] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for index in 16..64 {
            let s0 = w[index - 15].rotate_right(7)
                ^ w[index - 15].rotate_right(18)
                ^ (w[index - 15] >> 3);
            let s1 = w[index - 2].rotate_right(17)
                ^ w[index - 2].rotate_right(19)
                ^ (w[index - 2] >> 10);
            w[index] = w[index - 16]
                .wrapping_add(s0)
                .wrapping_add(w[index - 7])
                .wrapping_add(s1);
        }
        let mut v = state;
        for index in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(SHA256_K[index])
                .wrapping_add(w[index]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (slot, value) in state.iter_mut().zip(v) {
            *slot = slot.wrapping_add(value);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

const SHA512_K: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

/// SHA-512 (FIPS 180-4).
pub(super) fn sha512(input: &[u8]) -> [u8; 64] {
    let mut state: [u64; 8] = [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    for block in padded(input, 128).chunks(128) {
        let mut w = [0u64; 80];
        for (index, word) in block.chunks(8).enumerate() {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(word);
            w[index] = u64::from_be_bytes(bytes);
        }
        for index in 16..80 {
            let s0 = w[index - 15].rotate_right(1)
                ^ w[index - 15].rotate_right(8)
                ^ (w[index - 15] >> 7);
            let s1 =
                w[index - 2].rotate_right(19) ^ w[index - 2].rotate_right(61) ^ (w[index - 2] >> 6);
            w[index] = w[index - 16]
                .wrapping_add(s0)
                .wrapping_add(w[index - 7])
                .wrapping_add(s1);
        }
        let mut v = state;
        for index in 0..80 {
            let s1 = v[4].rotate_right(14) ^ v[4].rotate_right(18) ^ v[4].rotate_right(41);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(SHA512_K[index])
                .wrapping_add(w[index]);
            let s0 = v[0].rotate_right(28) ^ v[0].rotate_right(34) ^ v[0].rotate_right(39);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (slot, value) in state.iter_mut().zip(v) {
            *slot = slot.wrapping_add(value);
        }
    }
    let mut out = [0u8; 64];
    for (chunk, word) in out.chunks_mut(8).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
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

pub(super) fn sha1sum(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(hex(&sha1(str_arg(args, 0).as_bytes()))))
}

pub(super) fn sha256sum(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(hex(&sha256(str_arg(args, 0).as_bytes()))))
}

pub(super) fn sha512sum(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(Value::string(hex(&sha512(str_arg(args, 0).as_bytes()))))
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
