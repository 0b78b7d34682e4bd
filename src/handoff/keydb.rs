//! Thunderbird's saved passwords are encrypted with its "secret decoder ring" key, which the
//! profile's NSS key database (`key4.db`, SQLite) keeps under the primary password (empty for
//! almost everyone). It is read here without NSS, so the hand-off is the same code on Windows,
//! macOS and Linux and needs nothing of Thunderbird's install; the key database is only read,
//! never written.
//!
//! Formats (NSS's softoken, as Thunderbird 60 to 153 write them):
//! - `metaData` row `password`: `item1` the global salt, `item2` the text `password-check`
//!   encrypted under the primary password; `nssPrivate`: the keys, `a11` (CKA_VALUE) encrypted
//!   the same way, `a102` (CKA_ID) the key's id, `a100` (CKA_KEY_TYPE) AES or 3DES.
//! - Those values are PKCS#5 PBES2 (PBKDF2 with HMAC-SHA-256, AES-256-CBC, the IV written as
//!   14 bytes after its own DER header), or, in profiles from before 2020, PKCS#12's
//!   pbeWithSHAAnd3-KeyTripleDES-CBC as NSS derives it; the seed is SHA-1 of the global salt
//!   and the password (SHA-384 where the salt is 48 bytes).
//! - A login's value in `logins.json` is the base64 of DER `SEQUENCE { OCTET STRING key id,
//!   SEQUENCE { OID AES-256-CBC or DES-EDE3-CBC, OCTET STRING IV }, OCTET STRING ciphertext }`,
//!   PKCS#7 padded. Thunderbird 144 and later add an AES key and use it; older ones have 3DES.

use std::num::NonZeroU32;
use std::path::Path;

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use der_parser::ber::BerObject;
use ring::{digest, hmac, pbkdf2};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

/// NSS's default secret-decoder-ring key id (pk11sdr.c).
const SDR_KEY_ID: [u8; 16] = [0xf8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
/// CKO_SECRET_KEY, as the database keeps a CK_ULONG: 4 bytes, big-endian.
const SECRET_KEY: [u8; 4] = [0, 0, 0, 4];
const KEY_TYPE_AES: [u8; 4] = [0, 0, 0, 0x1f];
const KEY_TYPE_DES3: [u8; 4] = [0, 0, 0, 0x15];

// Object identifiers, as DER bodies.
const PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
const PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
const PBE_SHA1_3DES: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x05, 0x01, 0x03,
];
const HMAC_SHA1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x07];
const HMAC_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09];
const AES256_CBC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a];
const DES3_CBC: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x03, 0x07];

/// NSS's own count is 1 without a primary password and 10000 with one; a file asking for far
/// more is not one NSS wrote, and would only hold the app up.
const MAX_ITERATIONS: u64 = 1_000_000;

#[derive(Debug, thiserror::Error)]
pub enum KeyDbError {
    /// No key for saved passwords yet (Thunderbird has never started on this profile): the
    /// account can still be written, and Thunderbird asks for the code once.
    #[error("the profile has no key for saved passwords yet")]
    NoKey,
    /// The key database has a primary password: nothing can be written without it.
    #[error("the profile has a primary password")]
    PrimaryPassword,
    #[error("key4.db: {0}")]
    Unreadable(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cipher {
    Aes256Cbc,
    Des3Cbc,
}

impl Cipher {
    fn oid(self) -> &'static [u8] {
        match self {
            Cipher::Aes256Cbc => AES256_CBC,
            Cipher::Des3Cbc => DES3_CBC,
        }
    }

    fn of_oid(oid: &[u8]) -> Option<Self> {
        [Cipher::Aes256Cbc, Cipher::Des3Cbc]
            .into_iter()
            .find(|c| c.oid() == oid)
    }

    fn key_len(self) -> usize {
        match self {
            Cipher::Aes256Cbc => 32,
            Cipher::Des3Cbc => 24,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            Cipher::Aes256Cbc => 16,
            Cipher::Des3Cbc => 8,
        }
    }

    /// CBC with PKCS#7 padding; `None` for a key or IV of the wrong length.
    fn encrypt(self, key: &[u8], iv: &[u8], plain: &[u8]) -> Option<Vec<u8>> {
        Some(match self {
            Cipher::Aes256Cbc => cbc::Encryptor::<aes::Aes256>::new_from_slices(key, iv)
                .ok()?
                .encrypt_padded_vec::<Pkcs7>(plain),
            Cipher::Des3Cbc => cbc::Encryptor::<des::TdesEde3>::new_from_slices(key, iv)
                .ok()?
                .encrypt_padded_vec::<Pkcs7>(plain),
        })
    }

    /// `None` for a wrong key (the padding does not check out) or a malformed value.
    fn decrypt(self, key: &[u8], iv: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        let plain = match self {
            Cipher::Aes256Cbc => cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv)
                .ok()?
                .decrypt_padded_vec::<Pkcs7>(sealed),
            Cipher::Des3Cbc => cbc::Decryptor::<des::TdesEde3>::new_from_slices(key, iv)
                .ok()?
                .decrypt_padded_vec::<Pkcs7>(sealed),
        };
        plain.ok().map(Zeroizing::new)
    }
}

struct SdrKey {
    id: Vec<u8>,
    cipher: Cipher,
    key: Zeroizing<Vec<u8>>,
}

/// The profile's keys for saved passwords, read from its `key4.db`.
pub struct KeyDb {
    keys: Vec<SdrKey>,
}

impl std::fmt::Debug for KeyDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ciphers: Vec<Cipher> = self.keys.iter().map(|k| k.cipher).collect();
        f.debug_struct("KeyDb").field("keys", &ciphers).finish()
    }
}

/// Reads the profile's keys for saved passwords with the empty primary password.
pub fn open(profile: &Path) -> Result<KeyDb, KeyDbError> {
    let path = profile.join("key4.db");
    if !path.is_file() {
        return Err(KeyDbError::NoKey);
    }
    let flags =
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let db = rusqlite::Connection::open_with_flags(&path, flags).map_err(unreadable)?;
    let row = db.query_row(
        "SELECT item1, item2 FROM metaData WHERE id = 'password'",
        [],
        |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?)),
    );
    let (salt, check) = match row {
        Ok(r) => r,
        // A database NSS made but never signed in to (no password set, not even the empty one).
        Err(rusqlite::Error::QueryReturnedNoRows) => return Err(KeyDbError::NoKey),
        Err(e) => return Err(unreadable(e)),
    };
    let password = Password {
        salt: &salt,
        text: b"",
    };
    match password.decrypt(&check)? {
        Some(plain) if plain.as_slice() == b"password-check" => {}
        _ => return Err(KeyDbError::PrimaryPassword),
    }
    let keys = read_keys(&db, &password)?;
    if keys.is_empty() {
        return Err(KeyDbError::NoKey);
    }
    Ok(KeyDb { keys })
}

fn unreadable(e: impl std::fmt::Display) -> KeyDbError {
    KeyDbError::Unreadable(e.to_string())
}

/// The secret keys whose value decrypts to a key of their type; others are passed over.
fn read_keys(
    db: &rusqlite::Connection,
    password: &Password<'_>,
) -> Result<Vec<SdrKey>, KeyDbError> {
    let mut query = db
        .prepare("SELECT a0, a100, a102, a11 FROM nssPrivate")
        .map_err(unreadable)?;
    let rows = query
        .query_map([], |r| {
            Ok((
                r.get::<_, Option<Vec<u8>>>(0)?,
                r.get::<_, Option<Vec<u8>>>(1)?,
                r.get::<_, Option<Vec<u8>>>(2)?,
                r.get::<_, Option<Vec<u8>>>(3)?,
            ))
        })
        .map_err(unreadable)?;
    let mut keys = Vec::new();
    for row in rows {
        let (class, kind, id, value) = row.map_err(unreadable)?;
        let (Some(class), Some(kind), Some(id), Some(value)) = (class, kind, id, value) else {
            continue;
        };
        let cipher = match kind.as_slice() {
            k if k == KEY_TYPE_AES => Cipher::Aes256Cbc,
            k if k == KEY_TYPE_DES3 => Cipher::Des3Cbc,
            _ => continue,
        };
        if class != SECRET_KEY {
            continue;
        }
        if let Ok(Some(key)) = password.decrypt(&value)
            && key.len() == cipher.key_len()
        {
            keys.push(SdrKey { id, cipher, key });
        }
    }
    Ok(keys)
}

impl KeyDb {
    /// The key Thunderbird itself uses now: its AES key where it has one (144 and later).
    fn current(&self) -> Option<&SdrKey> {
        let default = |k: &&SdrKey| k.id == SDR_KEY_ID;
        let aes = |k: &&SdrKey| k.cipher == Cipher::Aes256Cbc;
        (self.keys.iter().find(|k| default(k) && aes(k)))
            .or_else(|| self.keys.iter().find(default))
            .or_else(|| self.keys.first())
    }

    /// The base64 of the value encrypted as Thunderbird's `logins.json` holds it.
    pub fn encrypt(&self, plain: &SecretString) -> Result<String, KeyDbError> {
        use base64::Engine as _;
        let key = self.current().ok_or(KeyDbError::NoKey)?;
        let mut iv = vec![0u8; key.cipher.iv_len()];
        ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut iv)
            .map_err(|_| unreadable("no random numbers"))?;
        let sealed = key
            .cipher
            .encrypt(&key.key, &iv, plain.expose_secret().as_bytes())
            .ok_or_else(|| unreadable("bad key"))?;
        let algorithm = der(0x30, &[&der(0x06, &[key.cipher.oid()]), &der(0x04, &[&iv])]);
        let blob = der(
            0x30,
            &[&der(0x04, &[&key.id]), &algorithm, &der(0x04, &[&sealed])],
        );
        Ok(base64::engine::general_purpose::STANDARD.encode(blob))
    }

    /// A `logins.json` value decrypted (to find an entry already saved for the same user);
    /// `None` for a value of another key or not one of these.
    pub fn decrypt(&self, encoded: &str) -> Option<SecretString> {
        use base64::Engine as _;
        let blob = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .ok()?;
        let top = parse(&blob)?;
        let [id, algorithm, sealed] = top.as_sequence().ok()?.as_slice() else {
            return None;
        };
        let [oid, iv] = algorithm.as_sequence().ok()?.as_slice() else {
            return None;
        };
        let cipher = Cipher::of_oid(oid.as_oid().ok()?.as_bytes())?;
        let id = id.as_slice().ok()?;
        let key = self
            .keys
            .iter()
            .find(|k| k.id == id && k.cipher == cipher)?;
        let plain = cipher.decrypt(&key.key, iv.as_slice().ok()?, sealed.as_slice().ok()?)?;
        String::from_utf8(plain.to_vec())
            .ok()
            .map(SecretString::from)
    }
}

/// The primary password (empty) with the database's global salt.
struct Password<'a> {
    salt: &'a [u8],
    text: &'a [u8],
}

impl Password<'_> {
    /// SHA-1 of salt and password (SHA-384 where NSS made a 48-byte salt).
    fn seed(&self) -> Zeroizing<Vec<u8>> {
        let hash = if self.salt.len() == 48 {
            &digest::SHA384
        } else {
            &digest::SHA1_FOR_LEGACY_USE_ONLY
        };
        let mut cx = digest::Context::new(hash);
        cx.update(self.salt);
        cx.update(self.text);
        Zeroizing::new(cx.finish().as_ref().to_vec())
    }

    /// A key database value decrypted: `Ok(None)` when this password does not open it (the
    /// padding does not check out), `Err` for a value this code cannot read.
    fn decrypt(&self, value: &[u8]) -> Result<Option<Zeroizing<Vec<u8>>>, KeyDbError> {
        let bad = || unreadable("an encrypted value of an unknown form");
        let top = parse(value).ok_or_else(bad)?;
        let [algorithm, sealed] = top.as_sequence().map_err(|_| bad())?.as_slice() else {
            return Err(bad());
        };
        let [oid, params] = algorithm.as_sequence().map_err(|_| bad())?.as_slice() else {
            return Err(bad());
        };
        let sealed = sealed.as_slice().map_err(|_| bad())?;
        match oid.as_oid().map_err(|_| bad())?.as_bytes() {
            o if o == PBES2 => self.pbes2(params, sealed).ok_or_else(bad),
            o if o == PBE_SHA1_3DES => self.pbe_sha1_3des(params, sealed).ok_or_else(bad),
            _ => Err(bad()),
        }
    }

    /// PBES2: PBKDF2 (HMAC-SHA-256 or -SHA-1) over the seed, then AES-256-CBC.
    /// `None`: not of this form; `Some(None)`: the wrong password.
    fn pbes2(&self, params: &BerObject<'_>, sealed: &[u8]) -> Option<Option<Zeroizing<Vec<u8>>>> {
        let [kdf, scheme] = params.as_sequence().ok()?.as_slice() else {
            return None;
        };
        let [kdf_oid, kdf_params] = kdf.as_sequence().ok()?.as_slice() else {
            return None;
        };
        let [enc_oid, iv] = scheme.as_sequence().ok()?.as_slice() else {
            return None;
        };
        if kdf_oid.as_oid().ok()?.as_bytes() != PBKDF2
            || enc_oid.as_oid().ok()?.as_bytes() != AES256_CBC
        {
            return None;
        }
        let kdf_params = kdf_params.as_sequence().ok()?;
        let (salt, iterations) = (kdf_params.first()?, kdf_params.get(1)?);
        let mut prf = pbkdf2::PBKDF2_HMAC_SHA1;
        for p in &kdf_params[2..] {
            if let Ok(seq) = p.as_sequence() {
                match seq.first()?.as_oid().ok()?.as_bytes() {
                    o if o == HMAC_SHA256 => prf = pbkdf2::PBKDF2_HMAC_SHA256,
                    o if o == HMAC_SHA1 => {}
                    _ => return None,
                }
            }
        }
        let mut key = Zeroizing::new(vec![0u8; 32]);
        pbkdf2::derive(
            prf,
            count(iterations)?,
            salt.as_slice().ok()?,
            &self.seed(),
            &mut key,
        );
        // NSS keeps a 16-byte IV as 14 bytes after its own DER header (04 0e).
        let iv = iv.as_slice().ok()?;
        let iv = match iv.len() {
            14 => [&[0x04, 0x0e][..], iv].concat(),
            _ => iv.to_vec(),
        };
        Some(Cipher::Aes256Cbc.decrypt(&key, &iv, sealed))
    }

    /// PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC, with the key and IV as NSS derives them for its
    /// key database (HMAC-SHA-1 over the entry salt).
    fn pbe_sha1_3des(
        &self,
        params: &BerObject<'_>,
        sealed: &[u8],
    ) -> Option<Option<Zeroizing<Vec<u8>>>> {
        let [salt, _iterations] = params.as_sequence().ok()?.as_slice() else {
            return None;
        };
        let salt = salt.as_slice().ok()?;
        let mut cx = digest::Context::new(&digest::SHA1_FOR_LEGACY_USE_ONLY);
        cx.update(&self.seed());
        cx.update(salt);
        let chp = cx.finish();
        let key = hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, chp.as_ref());
        let mut padded = salt.to_vec();
        padded.resize(padded.len().max(20), 0);
        let k1 = hmac::sign(&key, &[&padded[..], salt].concat());
        let tk = hmac::sign(&key, &padded);
        let k2 = hmac::sign(&key, &[tk.as_ref(), salt].concat());
        let k = Zeroizing::new([k1.as_ref(), k2.as_ref()].concat());
        Some(Cipher::Des3Cbc.decrypt(&k[..24], &k[k.len() - 8..], sealed))
    }
}

fn count(iterations: &BerObject<'_>) -> Option<NonZeroU32> {
    let n = iterations.as_u64().ok()?;
    if n > MAX_ITERATIONS {
        return None;
    }
    NonZeroU32::new(u32::try_from(n).ok()?)
}

fn parse(bytes: &[u8]) -> Option<BerObject<'_>> {
    der_parser::parse_der(bytes).ok().map(|(_, o)| o)
}

/// One DER element: tag, length (short or long form), the parts as its content.
fn der(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = vec![tag];
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    for p in parts {
        out.extend_from_slice(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Key databases and values made by real NSS (tests/data/thunderbird/make.sh).
    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/thunderbird")
            .join(name)
    }

    fn values() -> serde_json::Value {
        let text = std::fs::read(fixture("values.json")).expect("values.json");
        serde_json::from_slice(&text).expect("values.json")
    }

    fn plain() -> String {
        values()["plain"].as_str().expect("plain").to_string()
    }

    /// Thunderbird 153's own key database: its AES key; a value its NSS encrypted is read, and
    /// a value encrypted here uses that key and reads back.
    #[test]
    fn thunderbirds_aes_key_reads_nss_values_and_seals_new_ones() {
        let keys = open(&fixture("thunderbird")).expect("Thunderbird's key4.db");
        assert_eq!(format!("{keys:?}"), "KeyDb { keys: [Aes256Cbc] }");
        let nss = values()["aes"].as_str().expect("aes").to_string();
        let read = keys.decrypt(&nss).expect("NSS's value");
        assert_eq!(read.expose_secret(), plain());

        let sealed = keys.encrypt(&SecretString::from(plain())).expect("encrypt");
        let again = keys.decrypt(&sealed).expect("read back");
        assert_eq!(again.expose_secret(), plain());
        // AES-256-CBC under the default key id, a fresh IV each time.
        use base64::Engine as _;
        let blob = base64::engine::general_purpose::STANDARD
            .decode(&sealed)
            .expect("base64");
        assert!(blob.windows(AES256_CBC.len()).any(|w| w == AES256_CBC));
        assert_eq!(&blob[4..20], &SDR_KEY_ID);
        assert_ne!(
            sealed,
            keys.encrypt(&SecretString::from(plain())).expect("encrypt")
        );
    }

    /// A 3DES key, as NSS made it before Thunderbird 144 (Debian's NSS 3.87 here).
    #[test]
    fn an_older_3des_key_reads_nss_values_and_seals_with_3des() {
        let keys = open(&fixture("nss-3des")).expect("3DES key4.db");
        assert_eq!(format!("{keys:?}"), "KeyDb { keys: [Des3Cbc] }");
        let nss = values()["des3"].as_str().expect("des3").to_string();
        assert_eq!(
            keys.decrypt(&nss).expect("NSS's value").expose_secret(),
            plain()
        );
        let sealed = keys.encrypt(&SecretString::from(plain())).expect("encrypt");
        assert_eq!(
            keys.decrypt(&sealed).expect("back").expose_secret(),
            plain()
        );
        // The other key's value is not this key's.
        let aes = values()["aes"].as_str().expect("aes").to_string();
        assert!(keys.decrypt(&aes).is_none());
    }

    #[test]
    fn a_primary_password_a_blank_database_and_none_are_told_apart() {
        assert!(matches!(
            open(&fixture("primary")),
            Err(KeyDbError::PrimaryPassword)
        ));
        assert!(matches!(open(&fixture("blank")), Err(KeyDbError::NoKey)));
        assert!(matches!(open(&fixture("none")), Err(KeyDbError::NoKey)));
    }

    /// Not a database, or a database without NSS's tables: unreadable, never a panic.
    #[test]
    fn a_broken_key_database_is_unreadable() {
        let dir = std::env::temp_dir().join(format!("mailsetup-keydb-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("key4.db"), b"not a database at all").expect("write");
        assert!(matches!(open(&dir), Err(KeyDbError::Unreadable(_))));
        let _ = std::fs::remove_file(dir.join("key4.db"));
        let db = rusqlite::Connection::open(dir.join("key4.db")).expect("sqlite");
        db.execute_batch("CREATE TABLE metaData (id PRIMARY KEY, item1, item2); INSERT INTO metaData VALUES ('password', x'00', x'3003020101');")
            .expect("table");
        drop(db);
        assert!(matches!(open(&dir), Err(KeyDbError::Unreadable(_))));
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Profiles from before 2020 keep their check and keys under PKCS#12's SHA-1 and 3DES PBE.
    /// The values are those of a key database Debian's NSS 3.87 made with the empty password
    /// (`certutil -N -d dbm:DIR --empty-password`, its `password-check` entry).
    #[test]
    fn the_pre_2020_pbe_opens_the_check_nss_wrote() {
        let hex = |s: &str| -> Vec<u8> {
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
                .collect()
        };
        let salt = hex("e9c00880c7dc9f66cbbcfc1dfc3b39d9e288270d");
        let entry_salt = hex("40d33e3bf10104f9c77b3e6f0471571a713f4fba");
        let sealed = hex("404d891e5b9d0473973a82d57c0799b3");
        let params = der(0x30, &[&der(0x04, &[&entry_salt]), &der(0x02, &[&[1]])]);
        let algorithm = der(0x30, &[&der(0x06, &[PBE_SHA1_3DES]), &params]);
        let value = der(0x30, &[&algorithm, &der(0x04, &[&sealed])]);
        let empty = Password {
            salt: &salt,
            text: b"",
        };
        let plain = empty.decrypt(&value).expect("readable").expect("opens");
        assert_eq!(plain.as_slice(), b"password-check");
        let wrong = Password {
            salt: &salt,
            text: b"guess",
        };
        assert!(wrong.decrypt(&value).expect("readable").is_none());
    }

    /// Whatever a value in logins.json or a key database holds, reading it does not panic.
    #[test]
    fn garbage_values_are_refused_quietly() {
        let keys = open(&fixture("thunderbird")).expect("key4.db");
        let password = Password {
            salt: b"salt",
            text: b"",
        };
        let samples: [&[u8]; 6] = [
            b"",
            b"\x30",
            b"\x30\x80",
            b"\x30\x03\x04\x01",
            &[0x30; 64],
            b"\x04\x00",
        ];
        for s in samples {
            use base64::Engine as _;
            assert!(
                keys.decrypt(&base64::engine::general_purpose::STANDARD.encode(s))
                    .is_none()
            );
            assert!(password.decrypt(s).is_err());
        }
        assert!(keys.decrypt("not base64 !").is_none());
        let long = der(0x04, &[&[7u8; 300]]);
        assert_eq!(&long[..4], &[0x04, 0x82, 0x01, 0x2c]);
    }
}
