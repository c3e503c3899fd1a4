//! The standard security handler (ISO 32000-1 §7.6.3) for files that open without a password:
//! "encrypted" only to carry permissions, with an empty user password. MD5, RC4 and AES
//! decryption are written here, small and table-light, rather than pulled in as crates.

use super::objects::{Dict, Obj};

/// The padding string of algorithm 2 (§7.6.3.3), which is also the empty password padded.
const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Method {
    Identity,
    Rc4,
    Aes,
    /// AES-256 with the file key itself (revisions 5 and 6).
    AesV3,
}

/// The file key and how strings and streams are encrypted.
#[derive(Debug)]
pub struct Decryptor {
    key: Vec<u8>,
    strings: Method,
    streams: Method,
    pub encrypt_metadata: bool,
}

impl Decryptor {
    /// The decryptor for an /Encrypt dictionary, or None when the file needs a password (or
    /// uses a handler this reader does not know).
    pub fn new(enc: &Dict, id0: &[u8]) -> Option<Decryptor> {
        let int = |k: &str| enc.get(k).and_then(Obj::as_i64);
        let bytes = |k: &str| enc.get(k).and_then(Obj::as_str).unwrap_or_default();
        if enc.get("Filter").and_then(Obj::as_name) != Some(b"Standard") {
            return None;
        }
        let (v, r) = (int("V").unwrap_or(0), int("R").unwrap_or(0));
        let encrypt_metadata = enc.get("EncryptMetadata") != Some(&Obj::Bool(false));
        let method = |name: &str| -> Option<Method> {
            if v < 4 {
                return Some(Method::Rc4);
            }
            let Some(name) = enc.get(name).and_then(Obj::as_name) else {
                return Some(Method::Identity);
            };
            if name == b"Identity" {
                return Some(Method::Identity);
            }
            let cf = enc.get("CF").and_then(Obj::as_dict)?;
            let filter = cf.0.iter().find(|(k, _)| k == name)?.1.as_dict()?;
            match filter.get("CFM").and_then(Obj::as_name) {
                Some(b"V2") => Some(Method::Rc4),
                Some(b"AESV2") => Some(Method::Aes),
                Some(b"AESV3") => Some(Method::AesV3),
                Some(b"None") | None => Some(Method::Identity),
                _ => None,
            }
        };
        let (strings, streams) = (method("StrF")?, method("StmF")?);
        if v == 5 && (5..=6).contains(&r) {
            let key = key_r6(r, bytes("U"), bytes("UE"))?;
            return Some(Decryptor {
                key,
                strings,
                streams,
                encrypt_metadata,
            });
        }
        if !(1..=4).contains(&v) || !(2..=4).contains(&r) {
            return None;
        }
        let bits = match int("Length") {
            Some(b) => b,
            None if v < 4 => 40,
            None => 128,
        };
        let n = if v == 1 {
            5
        } else {
            (bits / 8).clamp(5, 16) as usize
        };
        let (o, u) = (bytes("O"), bytes("U"));
        let (o, u) = (o.get(..32)?, u.get(..32)?);
        // Algorithm 2: the key from the (empty) password.
        let mut input = PAD.to_vec();
        input.extend_from_slice(o);
        input.extend_from_slice(&(int("P")? as i32).to_le_bytes());
        input.extend_from_slice(id0);
        if r >= 4 && !encrypt_metadata {
            input.extend_from_slice(&[0xFF; 4]);
        }
        let mut hash = md5(&input);
        if r >= 3 {
            for _ in 0..50 {
                hash = md5(&hash[..n]);
            }
        }
        let key = hash[..n].to_vec();
        // Algorithms 4 and 5: is the empty password the user password?
        let ok = if r == 2 {
            rc4(&key, &PAD) == u
        } else {
            let mut x = rc4(&key, &md5(&[&PAD[..], id0].concat()));
            for i in 1..=19u8 {
                let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
                x = rc4(&k, &x);
            }
            x == u[..16]
        };
        ok.then_some(Decryptor {
            key,
            strings,
            streams,
            encrypt_metadata,
        })
    }

    /// Decrypts a string (or, with `stream`, a stream's data) of object `num` `gen`.
    pub fn decrypt(&self, data: &[u8], num: u32, gen: u16, stream: bool) -> Vec<u8> {
        let method = if stream { self.streams } else { self.strings };
        match method {
            Method::Identity => return data.to_vec(),
            Method::AesV3 => return aes_cbc_decrypt(&self.key, data),
            _ => {}
        }
        let mut input = self.key.clone();
        input.extend_from_slice(&num.to_le_bytes()[..3]);
        input.extend_from_slice(&gen.to_le_bytes());
        if method == Method::Aes {
            input.extend_from_slice(b"sAlT");
        }
        let hash = md5(&input);
        let key = &hash[..(self.key.len() + 5).min(16)];
        match method {
            Method::Aes => aes_cbc_decrypt(key, data),
            _ => rc4(key, data),
        }
    }
}

/// MD5 (RFC 1321).
pub fn md5(data: &[u8]) -> [u8; 16] {
    const K: [u32; 64] = [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391,
    ];
    const S: [[u32; 4]; 4] = [
        [7, 12, 17, 22],
        [5, 9, 14, 20],
        [4, 11, 16, 23],
        [6, 10, 15, 21],
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_le_bytes());
    let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    for block in msg.chunks_exact(64) {
        let mut m = [0u32; 16];
        for (w, c) in m.iter_mut().zip(block.chunks_exact(4)) {
            *w = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f.wrapping_add(a).wrapping_add(K[i]).wrapping_add(m[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(S[i / 16][i % 4]));
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 16];
    for (o, w) in out.chunks_exact_mut(4).zip(h) {
        o.copy_from_slice(&w.to_le_bytes());
    }
    out
}

/// RC4 (encryption and decryption are the same).
pub fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255).collect();
    if key.is_empty() {
        return data.to_vec();
    }
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[s[i as usize].wrapping_add(s[j as usize]) as usize]
        })
        .collect()
}

/// SHA-512's round constants; SHA-256's are their upper halves.
const K512: [u64; 80] = [
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
/// SHA-512's initial hash; SHA-256's is its upper halves.
const H512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];
const H384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];

/// The SHA-2 compression over padded data (FIPS 180-4): SHA-256 on u32 words, SHA-384 and
/// SHA-512 on u64 words, with their rotation amounts.
macro_rules! sha2 {
    ($name:ident, $w:ty, $k:expr, $sig:expr) => {
        fn $name(mut h: [$w; 8], data: &[u8]) -> Vec<u8> {
            const W: usize = <$w>::BITS as usize / 8;
            let k: Vec<$w> = $k;
            let [s0, s1, g0, g1]: [[u32; 3]; 4] = $sig;
            let mut msg = data.to_vec();
            msg.push(0x80);
            while msg.len() % (16 * W) != 14 * W {
                msg.push(0);
            }
            let bits = (data.len() as u128).wrapping_mul(8).to_be_bytes();
            msg.extend_from_slice(&bits[16 - 2 * W..]);
            for block in msg.chunks_exact(16 * W) {
                let mut w: Vec<$w> = block
                    .chunks_exact(W)
                    .map(|c| c.iter().fold(0, |a, &b| a << 8 | b as $w))
                    .collect();
                for i in 16..k.len() {
                    let (a, b) = (w[i - 15], w[i - 2]);
                    let a = a.rotate_right(g0[0]) ^ a.rotate_right(g0[1]) ^ a >> g0[2];
                    let b = b.rotate_right(g1[0]) ^ b.rotate_right(g1[1]) ^ b >> g1[2];
                    w.push(
                        w[i - 16]
                            .wrapping_add(a)
                            .wrapping_add(w[i - 7])
                            .wrapping_add(b),
                    );
                }
                let mut v = h;
                for (ki, wi) in k.iter().zip(&w) {
                    let [a, b, c, d, e, f, g, hh] = v;
                    let e1 = e.rotate_right(s1[0]) ^ e.rotate_right(s1[1]) ^ e.rotate_right(s1[2]);
                    let a0 = a.rotate_right(s0[0]) ^ a.rotate_right(s0[1]) ^ a.rotate_right(s0[2]);
                    let t1 = hh
                        .wrapping_add(e1)
                        .wrapping_add((e & f) ^ (!e & g))
                        .wrapping_add(*ki)
                        .wrapping_add(*wi);
                    let t2 = a0.wrapping_add((a & b) ^ (a & c) ^ (b & c));
                    v = [t1.wrapping_add(t2), a, b, c, d.wrapping_add(t1), e, f, g];
                }
                for (x, y) in h.iter_mut().zip(v) {
                    *x = x.wrapping_add(y);
                }
            }
            h.iter().flat_map(|x| x.to_be_bytes()).collect()
        }
    };
}

sha2!(
    sha256_words,
    u32,
    K512.iter().take(64).map(|k| (k >> 32) as u32).collect(),
    [[2, 13, 22], [6, 11, 25], [7, 18, 3], [17, 19, 10]]
);
sha2!(
    sha512_words,
    u64,
    K512.to_vec(),
    [[28, 34, 39], [14, 18, 41], [1, 8, 7], [19, 61, 6]]
);

pub fn sha256(data: &[u8]) -> Vec<u8> {
    sha256_words(H512.map(|h| (h >> 32) as u32), data)
}

fn sha384(data: &[u8]) -> Vec<u8> {
    let mut h = sha512_words(H384, data);
    h.truncate(48);
    h
}

fn sha512(data: &[u8]) -> Vec<u8> {
    sha512_words(H512, data)
}

/// Algorithm 2.B of ISO 32000-2 (§7.6.4.3.4): the hash of a password for revision 6.
fn hash_r6(password: &[u8], salt: &[u8], udata: &[u8]) -> Vec<u8> {
    let mut k = sha256(&[password, salt, udata].concat());
    let mut round = 0;
    loop {
        let k1 = [password, &k, udata].concat().repeat(64);
        let (Some(key), Some(iv)) = (k.get(..16), k.get(16..32)) else {
            return k;
        };
        let e = Aes::new(key).cbc_encrypt(iv, &k1);
        let sum: u32 = e.iter().take(16).map(|&b| b as u32).sum();
        k = match sum % 3 {
            0 => sha256(&e),
            1 => sha384(&e),
            _ => sha512(&e),
        };
        round += 1;
        if round >= 64 && e.last().is_some_and(|&b| b as i32 <= round - 32) {
            break;
        }
    }
    k.truncate(32);
    k
}

/// Revisions 5 and 6 (AES-256): the file key from the empty password, if it opens the file.
fn key_r6(r: i64, u: &[u8], ue: &[u8]) -> Option<Vec<u8>> {
    let hash = |salt: &[u8]| {
        if r == 5 {
            sha256(salt)
        } else {
            hash_r6(b"", salt, b"")
        }
    };
    if hash(u.get(32..40)?) != u.get(..32)? {
        return None;
    }
    let mut data = vec![0; 16];
    data.extend_from_slice(ue.get(..32)?);
    Some(cbc_decrypt(&hash(u.get(40..48)?), &data))
}

/// The AES S-box, built from the multiplicative inverse in GF(2^8) and the affine map.
fn sbox() -> [u8; 256] {
    let mut sbox = [0u8; 256];
    let (mut p, mut q) = (1u8, 1u8);
    loop {
        // p times 3, q divided by 3: q stays the inverse of p.
        p = p ^ (p << 1) ^ if p & 0x80 != 0 { 0x1B } else { 0 };
        q ^= q << 1;
        q ^= q << 2;
        q ^= q << 4;
        if q & 0x80 != 0 {
            q ^= 0x09;
        }
        let x = q ^ q.rotate_left(1) ^ q.rotate_left(2) ^ q.rotate_left(3) ^ q.rotate_left(4);
        sbox[p as usize] = x ^ 0x63;
        if p == 1 {
            break;
        }
    }
    sbox[0] = 0x63;
    sbox
}

fn gmul(mut a: u8, mut b: u8) -> u8 {
    let mut r = 0;
    while b != 0 {
        if b & 1 != 0 {
            r ^= a;
        }
        a = (a << 1) ^ if a & 0x80 != 0 { 0x1B } else { 0 };
        b >>= 1;
    }
    r
}

/// AES with a 16- or 32-byte key (FIPS-197): the round keys and both S-boxes.
struct Aes {
    round_keys: Vec<[u8; 16]>,
    sbox: [u8; 256],
    inv: [u8; 256],
}

impl Aes {
    fn new(key: &[u8]) -> Aes {
        let sbox = sbox();
        let mut inv = [0u8; 256];
        for (i, &s) in sbox.iter().enumerate() {
            inv[s as usize] = i as u8;
        }
        let nk = key.len() / 4;
        let rounds = nk + 6;
        let mut w: Vec<[u8; 4]> = key
            .chunks_exact(4)
            .map(|c| [c[0], c[1], c[2], c[3]])
            .collect();
        let mut rcon = 1u8;
        for i in nk..4 * (rounds + 1) {
            let mut t = w[i - 1];
            if i % nk == 0 {
                t = [t[1], t[2], t[3], t[0]].map(|b| sbox[b as usize]);
                t[0] ^= rcon;
                rcon = gmul(rcon, 2);
            } else if nk > 6 && i % nk == 4 {
                t = t.map(|b| sbox[b as usize]);
            }
            let prev = w[i - nk];
            w.push([0, 1, 2, 3].map(|k| prev[k] ^ t[k]));
        }
        let round_keys = w
            .chunks_exact(4)
            .map(|c| {
                let mut k = [0u8; 16];
                for (dst, word) in k.chunks_exact_mut(4).zip(c) {
                    dst.copy_from_slice(word);
                }
                k
            })
            .collect();
        Aes {
            round_keys,
            sbox,
            inv,
        }
    }

    /// CBC without padding (for algorithm 2.B; `data` is whole blocks).
    fn cbc_encrypt(&self, iv: &[u8], data: &[u8]) -> Vec<u8> {
        let mut prev = [0u8; 16];
        prev.iter_mut().zip(iv).for_each(|(p, v)| *p = *v);
        let mut out = Vec::with_capacity(data.len());
        for c in data.chunks_exact(16) {
            prev.iter_mut().zip(c).for_each(|(p, x)| *p ^= x);
            self.encrypt_block(&mut prev);
            out.extend_from_slice(&prev);
        }
        out
    }

    fn encrypt_block(&self, b: &mut [u8; 16]) {
        let last = self.round_keys.len() - 1;
        xor(b, &self.round_keys[0]);
        for round in 1..=last {
            // SubBytes and ShiftRows: row r moves left by r columns.
            let s = *b;
            for (i, x) in b.iter_mut().enumerate() {
                let (r, c) = (i % 4, i / 4);
                *x = self.sbox[s[r + 4 * ((c + r) % 4)] as usize];
            }
            if round < last {
                mix_columns(b, [2, 3, 1, 1]);
            }
            xor(b, &self.round_keys[round]);
        }
    }

    fn decrypt_block(&self, b: &mut [u8; 16]) {
        let last = self.round_keys.len() - 1;
        xor(b, &self.round_keys[last]);
        for round in (0..last).rev() {
            // Inverse ShiftRows and SubBytes: row r moves right by r columns.
            let s = *b;
            for (i, x) in b.iter_mut().enumerate() {
                let (r, c) = (i % 4, i / 4);
                *x = self.inv[s[r + 4 * ((c + 4 - r) % 4)] as usize];
            }
            xor(b, &self.round_keys[round]);
            if round > 0 {
                mix_columns(b, [14, 11, 13, 9]);
            }
        }
    }
}

fn xor(b: &mut [u8; 16], k: &[u8; 16]) {
    b.iter_mut().zip(k).for_each(|(x, y)| *x ^= y);
}

/// MixColumns with the circulant matrix whose first row is `m` (its inverse too).
fn mix_columns(b: &mut [u8; 16], m: [u8; 4]) {
    for col in b.chunks_exact_mut(4) {
        let a = [col[0], col[1], col[2], col[3]];
        for (r, x) in col.iter_mut().enumerate() {
            *x = (0..4).fold(0, |acc, j| acc ^ gmul(a[j], m[(j + 4 - r) % 4]));
        }
    }
}

/// AES-CBC with the IV in the first 16 bytes and PKCS#5 padding (§7.6.2); a truncated last
/// block is dropped and bad padding is kept.
pub fn aes_cbc_decrypt(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut out = cbc_decrypt(key, data);
    if let Some(&p) = out.last() {
        let p = p as usize;
        if (1..=16).contains(&p) && p <= out.len() {
            out.truncate(out.len() - p);
        }
    }
    out
}

/// AES-CBC decryption without padding, the IV first.
fn cbc_decrypt(key: &[u8], data: &[u8]) -> Vec<u8> {
    if !matches!(key.len(), 16 | 32) || data.len() < 16 {
        return Vec::new();
    }
    let aes = Aes::new(key);
    let mut out = Vec::with_capacity(data.len());
    let mut blocks = data.chunks_exact(16);
    let mut prev = [0u8; 16];
    if let Some(iv) = blocks.next() {
        prev.copy_from_slice(iv);
    }
    for c in blocks {
        let mut b = [0u8; 16];
        b.copy_from_slice(c);
        aes.decrypt_block(&mut b);
        out.extend(b.iter().zip(prev).map(|(x, y)| x ^ y));
        prev.copy_from_slice(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn md5_rfc1321_suite() {
        let cases = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            (
                "abcdefghijklmnopqrstuvwxyz",
                "c3fcd3d76192e4007dfb496cca67e13b",
            ),
            (
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                "d174ab98d277d9f5a5611c2c9f419d9f",
            ),
        ];
        for (input, digest) in cases {
            assert_eq!(md5(input.as_bytes()).to_vec(), hex(digest), "{input}");
        }
        let long = "1234567890".repeat(8);
        assert_eq!(
            md5(long.as_bytes()).to_vec(),
            hex("57edf4a22be3c955ac49da2e2107b67a")
        );
    }

    #[test]
    fn sha2_known_vectors() {
        assert_eq!(
            sha256(b"abc"),
            hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        let long = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(
            sha256(long),
            hex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        );
        assert_eq!(
            sha384(b"abc"),
            hex(
                "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed\
                 8086072ba1e7cc2358baeca134c825a7"
            )
        );
        assert_eq!(
            sha512(b"abc"),
            hex(
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
                 2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
            )
        );
    }

    #[test]
    fn rc4_known_vectors() {
        assert_eq!(rc4(b"Key", b"Plaintext"), hex("bbf316e8d940af0ad3"));
        // RFC 6229, 40-bit key 0102030405, keystream bytes 0–15.
        assert_eq!(
            rc4(&hex("0102030405"), &[0; 16]),
            hex("b2396305f03dc027ccc3524a0a1118a8")
        );
    }

    #[test]
    fn aes_fips197_examples() {
        // C.1 (AES-128) and C.3 (AES-256), decrypted as CBC with a zero IV.
        let plain = hex("00112233445566778899aabbccddeeff");
        for (key, cipher) in [
            (
                "000102030405060708090a0b0c0d0e0f",
                "69c4e0d86a7b0430d8cdb78070b4c55a",
            ),
            (
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                "8ea2b7ca516745bfeafc49904b496089",
            ),
        ] {
            let mut data = vec![0; 16];
            data.extend(hex(cipher));
            assert_eq!(aes_cbc_decrypt(&hex(key), &data), plain);
            assert_eq!(
                Aes::new(&hex(key)).cbc_encrypt(&[0; 16], &plain),
                hex(cipher)
            );
        }
    }
}
