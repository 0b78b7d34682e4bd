//! Saving an account: the secret into the OS keyring (Secret Service, Keychain, Credential
//! Manager), the server settings into `accounts.json`. Both or neither: there is no plaintext
//! fallback, and a file we cannot read is set aside, never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::catalog::Endpoint;

pub const KEYRING_SERVICE: &str = "mailsetup";
const FILE_NAME: &str = "accounts.json";
/// 2: accounts keep the places they were handed to (`handed`). A version-1 file loads (none
/// recorded); an older app reads a version-2 file too (it ignores the version and fields it does
/// not know), though saving it there drops the record.
const FILE_VERSION: u32 = 2;

/// How an account signs in, and so what its keyring entry holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignIn {
    /// A password or authorization code, sent with LOGIN / AUTH PLAIN.
    #[default]
    Password,
    /// The provider's own sign-in page (OAuth 2.0): the keyring holds the refresh token, and
    /// each check gets a fresh access token and sends it with XOAUTH2.
    OAuth,
}

impl SignIn {
    pub fn as_str(self) -> &'static str {
        match self {
            SignIn::Password => "password",
            SignIn::OAuth => "oauth",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub address: String,
    pub provider: Option<String>,
    pub imap: Endpoint,
    pub smtp: Endpoint,
    /// Files written before OAuth have no such field: those accounts use a password.
    #[serde(default)]
    pub sign_in: SignIn,
    /// Seconds since the Unix epoch.
    pub saved_at: u64,
    /// The company's own certificate authority trusted for this account's servers (and only
    /// theirs): a file in `certificates/` beside `accounts.json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca: Option<String>,
    /// The mail apps (profiles, phones) this app handed the account to, the last first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handed: Vec<crate::apps::HandOff>,
    /// The name recipients see, as the user gave it; without one, [`Account::sender_name`]
    /// guesses (older files have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Account {
    /// The name recipients see, for every mail app the account is handed to: the one the user
    /// gave, else their full name as the system knows it, else the address's own part.
    pub fn sender_name(&self) -> String {
        crate::sender::or_default(self.name.as_deref(), &self.address)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct AccountsFile {
    version: u32,
    accounts: Vec<Account>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("keyring unavailable: {0}")]
    KeyringUnavailable(String),
    #[error("keyring error: {0}")]
    Keyring(String),
    #[error("{path}: {reason}")]
    File { path: PathBuf, reason: String },
    #[error("no configuration directory could be determined")]
    NoConfigDir,
    /// Saving without `replace` found the address already saved; nothing was changed.
    #[error("{0} is already saved")]
    Exists(String),
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub accounts: Vec<Account>,
    /// Where an unreadable file was moved, to be reported to the user.
    pub set_aside: Option<PathBuf>,
}

#[derive(Debug)]
pub struct Saved {
    /// The account as saved (its time, and the name of its own CA file if it has one).
    pub account: Account,
    pub path: PathBuf,
    pub replaced: bool,
    pub set_aside: Option<PathBuf>,
}

/// The wizard's remembered choices, beside `accounts.json`.
const PREFERENCES: &str = "preferences.json";

/// What the user chose once and expects to find chosen again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Send a test message to the address itself after the sign-ins pass (the round trip).
    pub round_trip: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self { round_trip: true }
    }
}

#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// `MAILSETUP_CONFIG_DIR` if set (tests, portable use), else the platform config dir.
    pub fn open_default() -> Result<Self, StoreError> {
        if let Some(dir) = std::env::var_os("MAILSETUP_CONFIG_DIR") {
            return Ok(Self::at(dir));
        }
        // Windows: %APPDATA%\mailsetup, where people (and support) look, rather than the
        // directories crate's %APPDATA%\mailsetup\config.
        #[cfg(windows)]
        let dir = directories::BaseDirs::new().map(|d| d.config_dir().join("mailsetup"));
        #[cfg(not(windows))]
        let dir = directories::ProjectDirs::from("", "", "mailsetup")
            .map(|d| d.config_dir().to_path_buf());
        Ok(Self::at(dir.ok_or(StoreError::NoConfigDir)?))
    }

    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn accounts_path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The remembered choices; a missing or unreadable file is the defaults (a choice is not
    /// worth an error).
    pub fn preferences(&self) -> Preferences {
        std::fs::read(self.dir.join(PREFERENCES))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn set_preferences(&self, p: &Preferences) -> Result<(), StoreError> {
        let path = self.dir.join(PREFERENCES);
        let bytes = serde_json::to_vec_pretty(p).unwrap_or_default();
        write_atomic(&path, &bytes).map_err(|e| file_err(&path, e))
    }

    pub fn load(&self) -> Result<Loaded, StoreError> {
        let path = self.accounts_path();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(e) => return Err(file_err(&path, e)),
        };
        match serde_json::from_slice::<AccountsFile>(&bytes) {
            Ok(f) => Ok(Loaded {
                accounts: f.accounts,
                set_aside: None,
            }),
            Err(_) => {
                let aside = path.with_file_name(format!("{FILE_NAME}.corrupt-{}", now()));
                std::fs::rename(&path, &aside).map_err(|e| file_err(&path, e))?;
                tracing::warn!(path = %aside.display(), "unreadable accounts file set aside");
                Ok(Loaded {
                    accounts: Vec::new(),
                    set_aside: Some(aside),
                })
            }
        }
    }

    pub fn find(&self, address: &str) -> Result<Option<Account>, StoreError> {
        Ok(self
            .load()?
            .accounts
            .into_iter()
            .find(|a| a.address == address))
    }

    /// Saves the secret and the settings together; on any failure neither is changed. An
    /// address already saved is replaced only with `replace` (else [`StoreError::Exists`]).
    pub fn save(
        &self,
        mut account: Account,
        secret: &SecretString,
        replace: bool,
    ) -> Result<Saved, StoreError> {
        let loaded = self.load()?;
        if !replace && loaded.accounts.iter().any(|a| a.address == account.address) {
            return Err(StoreError::Exists(account.address));
        }
        let entry = entry(&account.address)?;
        // Kept as raw bytes, so a rollback restores exactly what was there, of either kind.
        let previous = match entry.get_secret() {
            Ok(p) => Some(secrecy::SecretBox::new(p.into_boxed_slice())),
            Err(keyring::Error::NoEntry) => None,
            Err(e) => return Err(keyring_err(e)),
        };
        put(&entry, account.sign_in, secret)?;

        account.saved_at = now();
        // A new code for the same account keeps where it was handed to (a repair mends those)
        // and the name given before.
        if let Some(old) = loaded
            .accounts
            .iter()
            .find(|a| a.address == account.address)
        {
            if account.handed.is_empty() {
                account.handed = old.handed.clone();
            }
            if account.name.is_none() {
                account.name = old.name.clone();
            }
        }
        let mut accounts = loaded.accounts;
        let replaced = accounts.iter().any(|a| a.address == account.address);
        accounts.retain(|a| a.address != account.address);
        accounts.push(account.clone());
        let path = self.accounts_path();
        if let Err(e) = self.write(&accounts) {
            // Roll the keyring back so nothing is left half-saved.
            let _ = match previous {
                Some(p) => entry.set_secret(p.expose_secret()),
                None => entry.delete_credential(),
            };
            return Err(e);
        }
        Ok(Saved {
            account,
            path,
            replaced,
            set_aside: loaded.set_aside,
        })
    }

    /// Where an account's own certificate authority is kept, if it has one.
    pub fn ca_path(&self, account: &Account) -> Option<PathBuf> {
        // Only a plain file name: accounts.json names no other place.
        let name = account.ca.as_deref().filter(|n| !n.contains(['/', '\\']))?;
        Some(self.dir.join(CA_DIR).join(name))
    }

    /// Keeps `pem` (readable by this user only) as the certificate authority of `account`.
    /// Returns what the file held before, for [`Store::put_back_ca`] should the save fail.
    pub fn keep_ca(&self, account: &mut Account, pem: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let name = format!("{}.pem", crate::address::file_stem(&account.address));
        let path = self.dir.join(CA_DIR).join(&name);
        let before = std::fs::read(&path).ok();
        write_atomic(&path, pem.as_bytes()).map_err(|e| file_err(&path, e))?;
        account.ca = Some(name);
        Ok(before)
    }

    /// Undoes [`Store::keep_ca`] after a failed save: the account's CA file as it was, or gone.
    pub fn put_back_ca(&self, account: &Account, before: Option<Vec<u8>>) {
        let Some(path) = self.ca_path(account) else {
            return;
        };
        let _ = match before {
            Some(bytes) => write_atomic(&path, &bytes),
            None => std::fs::remove_file(&path),
        };
    }

    /// Removes an account's settings and secret; `false` if there was none.
    pub fn remove(&self, address: &str) -> Result<bool, StoreError> {
        let mut accounts = self.load()?.accounts;
        let before = accounts.len();
        // Removed only once the account is gone from the file, which names it.
        let ca: Vec<PathBuf> = accounts
            .iter()
            .filter(|a| a.address == address)
            .filter_map(|a| self.ca_path(a))
            .collect();
        accounts.retain(|a| a.address != address);
        let in_file = accounts.len() != before;
        let in_keyring = match entry(address)?.delete_credential() {
            Ok(()) => true,
            Err(keyring::Error::NoEntry) => false,
            Err(e) => return Err(keyring_err(e)),
        };
        if in_file {
            self.write(&accounts)?;
        }
        for file in ca {
            let _ = std::fs::remove_file(file);
        }
        Ok(in_file || in_keyring)
    }

    /// Replaces the refresh token of a saved browser sign-in (the provider rotated it).
    pub fn set_token(&self, address: &str, token: &SecretString) -> Result<(), StoreError> {
        put(&entry(address)?, SignIn::OAuth, token)
    }

    /// The saved secret, for a re-test: the code or password, or the refresh token.
    pub fn secret(&self, address: &str) -> Result<Option<SecretString>, StoreError> {
        let sign_in = self.find(address)?.map(|a| a.sign_in).unwrap_or_default();
        let entry = entry(address)?;
        let read = match sign_in {
            SignIn::Password => entry.get_password(),
            SignIn::OAuth => entry.get_secret().and_then(|b| {
                String::from_utf8(b).map_err(|e| keyring::Error::BadEncoding(e.into_bytes()))
            }),
        };
        match read {
            Ok(p) => Ok(Some(SecretString::from(p))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_err(e)),
        }
    }

    /// Remembers that `address` was handed to `to` (one record per app and place: a newer one
    /// replaces it). An address not saved records nothing.
    pub fn record_handoff(
        &self,
        address: &str,
        to: crate::apps::HandOff,
    ) -> Result<(), StoreError> {
        let mut accounts = self.load()?.accounts;
        let Some(account) = accounts.iter_mut().find(|a| a.address == address) else {
            return Ok(());
        };
        account
            .handed
            .retain(|h| (h.app, &h.place) != (to.app, &to.place));
        account.handed.insert(0, to);
        self.write(&accounts)
    }

    fn write(&self, accounts: &[Account]) -> Result<(), StoreError> {
        let file = AccountsFile {
            version: FILE_VERSION,
            accounts: accounts.to_vec(),
        };
        let path = self.accounts_path();
        let bytes = serde_json::to_vec_pretty(&file).map_err(|e| file_err(&path, e))?;
        write_atomic(&path, &bytes).map_err(|e| file_err(&path, e))
    }
}

/// A password as the OS store keeps passwords (Credential Manager: UTF-16, viewable there); a
/// refresh token as its UTF-8 bytes. Microsoft's can be well over 1,280 characters, which is all
/// Credential Manager's 2,560-byte limit holds in UTF-16.
fn put(entry: &keyring::Entry, sign_in: SignIn, secret: &SecretString) -> Result<(), StoreError> {
    match sign_in {
        SignIn::Password => entry.set_password(secret.expose_secret()),
        SignIn::OAuth => entry.set_secret(secret.expose_secret().as_bytes()),
    }
    .map_err(keyring_err)
}

fn entry(address: &str) -> Result<keyring::Entry, StoreError> {
    keyring::Entry::new(KEYRING_SERVICE, address).map_err(keyring_err)
}

fn keyring_err(e: keyring::Error) -> StoreError {
    use keyring::Error as K;
    match e {
        K::NoDefaultStore | K::NoStorageAccess(_) => StoreError::KeyringUnavailable(e.to_string()),
        K::PlatformFailure(ref p) => {
            let text = p.to_string();
            // No Secret Service on the session bus (or no bus at all) means: unavailable.
            let absent = [
                "ServiceUnknown",
                "org.freedesktop",
                "D-Bus",
                "DBus",
                "dbus",
                "bus",
            ]
            .iter()
            .any(|s| text.contains(s));
            if absent {
                StoreError::KeyringUnavailable(text)
            } else {
                StoreError::Keyring(text)
            }
        }
        other => StoreError::Keyring(other.to_string()),
    }
}

fn file_err(path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::File {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Writes a file only its owner can read (an export may hold the code), atomically.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic(path, bytes)
}

/// Temp file in the same directory, fsync, rename over the old file, fsync the directory: a
/// crash at any point leaves either the old or the new file, never a torn one.
/// The folder of the accounts' own certificate authorities, beside `accounts.json`.
const CA_DIR: &str = "certificates";

fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(FILE_NAME);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        #[cfg(unix)]
        std::fs::File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = r#"{"version": 1, "accounts": [{"address": "zs@qq.com", "provider": "qq",
        "imap": {"host": "imap.qq.com", "port": 993, "security": "tls", "username": "zs@qq.com"},
        "smtp": {"host": "smtp.qq.com", "port": 465, "security": "tls", "username": "zs@qq.com"},
        "sign_in": "password", "saved_at": 1}]}"#;

    /// A file of the previous version loads (nothing recorded); a hand-off is recorded once per
    /// app and place, the last first, and written as version 2.
    #[test]
    fn a_version_1_file_loads_and_hand_offs_are_recorded() {
        use crate::apps::{HandOff, MailApp};
        let dir = tempdir();
        std::fs::write(dir.join(FILE_NAME), V1).expect("write");
        let store = Store::at(&dir);
        let loaded = store.load().expect("load");
        assert!(loaded.set_aside.is_none());
        assert!(loaded.accounts[0].handed.is_empty());
        let profile = Some(PathBuf::from("/home/zs/.thunderbird/a.default-release"));
        let tb = |at| HandOff {
            at,
            ..HandOff::now(MailApp::Thunderbird, profile.clone(), true)
        };
        store.record_handoff("zs@qq.com", tb(5)).expect("record");
        store
            .record_handoff("zs@qq.com", HandOff::now(MailApp::Android, None, false))
            .expect("record");
        store.record_handoff("zs@qq.com", tb(9)).expect("record");
        store
            .record_handoff("nobody@qq.com", tb(9))
            .expect("not saved: nothing");
        let handed = &store.load().expect("load").accounts[0].handed;
        assert_eq!(handed.len(), 2, "{handed:?}");
        assert_eq!((handed[0].app, handed[0].at), (MailApp::Thunderbird, 9));
        assert_eq!(handed[1].app, MailApp::Android);
        let text = std::fs::read_to_string(dir.join(FILE_NAME)).expect("read");
        assert!(
            text.contains("\"version\": 2") && text.contains("\"app\": \"thunderbird\""),
            "{text}"
        );
    }

    /// An older release reads a version-2 file: its accounts (v1's fields) ignore `handed` and
    /// `name`.
    #[test]
    fn an_older_release_reads_a_version_2_file() {
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct OldFile {
            version: u32,
            accounts: Vec<OldAccount>,
        }
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct OldAccount {
            address: String,
            provider: Option<String>,
            imap: Endpoint,
            smtp: Endpoint,
            #[serde(default)]
            sign_in: SignIn,
            saved_at: u64,
            #[serde(default)]
            ca: Option<String>,
        }
        let v2 = V1.replace("\"version\": 1", "\"version\": 2").replace(
            "\"saved_at\": 1",
            r#""saved_at": 1, "name": "张三", "handed": [{"app": "evolution", "place": "/x", "at": 2, "code": true}]"#,
        );
        let old: OldFile = serde_json::from_str(&v2).expect("an older release reads it");
        assert_eq!(old.accounts[0].address, "zs@qq.com");
    }

    #[test]
    fn preferences_are_remembered_and_default_to_the_round_trip() {
        let dir = tempdir();
        let store = Store::at(&dir);
        assert!(store.preferences().round_trip, "on by default");
        let off = Preferences { round_trip: false };
        store.set_preferences(&off).expect("saved");
        assert_eq!(Store::at(&dir).preferences(), off);
        std::fs::write(dir.join(PREFERENCES), b"{ not json").expect("write");
        assert_eq!(store.preferences(), Preferences::default());
    }

    #[test]
    fn corrupt_file_is_set_aside_not_overwritten() {
        let dir = tempdir();
        let store = Store::at(&dir);
        std::fs::write(store.accounts_path(), b"{ not json").expect("write");
        let loaded = store.load().expect("load");
        let aside = loaded.set_aside.expect("set aside");
        assert_eq!(std::fs::read(&aside).expect("read"), b"{ not json");
        assert!(!store.accounts_path().exists());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempdir();
        let path = dir.join("x.json");
        write_atomic(&path, b"old").expect("write");
        write_atomic(&path, b"new").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        let leftovers = std::fs::read_dir(&dir).expect("dir").count();
        assert_eq!(leftovers, 1);
        let _ = std::fs::remove_dir_all(dir);
    }

    fn tempdir() -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "mailsetup-store-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("mkdir");
        d
    }
}
