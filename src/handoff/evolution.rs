//! Evolution (GNOME): an account is three key files in `~/.config/evolution/sources/` — the
//! account (`[Mail Account]`, IMAP), its identity (`[Mail Identity]`, `[Mail Submission]`) and
//! its transport (`[Mail Transport]`, SMTP) — and the code is a Secret Service item under
//! evolution-data-server's own attributes (`e-source-uid`, `eds-origin`), one for the account and
//! one for the transport, so Evolution signs in without asking. Only while Evolution is not
//! running. An account of the same host and login already there keeps its sources; only its two
//! items get the code, where they hold another one (the provider issued a new code).

use std::path::{Path, PathBuf};

use secrecy::SecretString;

use super::{Added, HandoffError, write_atomic};
use crate::catalog::{Endpoint, Security};
use crate::store::Account;

/// Where Evolution keeps its account sources.
pub fn sources_dir() -> Option<PathBuf> {
    let base = directories::BaseDirs::new()?;
    Some(base.config_dir().join("evolution").join("sources"))
}

/// Whether Evolution itself is installed (its data server may be there without it).
pub fn installed() -> bool {
    Path::new("/usr/bin/evolution").is_file()
}

/// Whether the Evolution window is open: its process, by name.
fn running() -> bool {
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return false;
    };
    procs.flatten().any(|p| {
        std::fs::read_to_string(p.path().join("comm")).is_ok_and(|c| c.trim() == "evolution")
    })
}

fn security(e: &Endpoint) -> &'static str {
    match e.security {
        Security::Tls => "ssl-on-alternate-port",
        Security::Starttls => "starttls-on-standard-port",
    }
}

/// One source file's text: its `[Data Source]` group, then the others.
fn source(display: &str, parent: &str, groups: &[(&str, Vec<(&str, String)>)]) -> String {
    let mut out = format!("[Data Source]\nDisplayName={display}\nEnabled=true\nParent={parent}\n");
    for (name, keys) in groups {
        out.push_str(&format!("\n[{name}]\n"));
        for (k, v) in keys {
            out.push_str(&format!("{k}={}\n", escape(v)));
        }
    }
    out
}

/// GKeyFile's escapes for a value: backslash, line breaks, tabs, a leading space.
fn escape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for (i, c) in v.chars().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' ' if i == 0 => out.push_str("\\s"),
            c => out.push(c),
        }
    }
    out
}

fn authentication(e: &Endpoint) -> Vec<(&'static str, String)> {
    vec![
        ("Host", e.host.clone()),
        ("Method", "PLAIN".into()),
        ("Port", e.port.to_string()),
        ("RememberPassword", "true".into()),
        ("User", e.username.clone()),
    ]
}

/// Where Evolution keeps the codes of its sources: the Secret Service on Linux
/// ([`SecretService`]); tests stand in for it.
pub trait Secrets {
    /// The code kept for the source `uid`, if any.
    fn get(&self, uid: &str) -> Result<Option<SecretString>, String>;
    /// Keeps `secret` for the source `uid` (replacing what was kept for it).
    fn put(&self, uid: &str, label: &str, secret: &SecretString) -> Result<(), String>;
}

/// An account already among the sources: its uid and its transport's (through its identity).
struct Existing {
    account: String,
    transport: Option<String>,
}

/// The IMAP account of this host and login among the sources, if there is one.
fn find_account(dir: &Path, imap: &Endpoint) -> Option<Existing> {
    let host = format!("Host={}", imap.host);
    let user = format!("User={}", escape(&imap.username));
    let entries = std::fs::read_dir(dir).ok()?;
    let (path, text) = entries.flatten().find_map(|e| {
        let text = std::fs::read_to_string(e.path()).ok()?;
        let lines = || text.lines();
        (text.contains("[Mail Account]")
            && lines().any(|l| l.eq_ignore_ascii_case(&host))
            && lines().any(|l| l == user))
        .then(|| (e.path(), text.clone()))
    })?;
    let value = |text: &str, key: &str| {
        let prefix = format!("{key}=");
        let found = text.lines().find_map(|l| l.strip_prefix(prefix.as_str()));
        found.map(str::to_string)
    };
    let transport = value(&text, "IdentityUid")
        .and_then(|id| std::fs::read_to_string(dir.join(format!("{id}.source"))).ok())
        .and_then(|identity| value(&identity, "TransportUid"));
    Some(Existing {
        account: path.file_stem()?.to_string_lossy().into_owned(),
        transport,
    })
}

/// An account already there: its items get `secret` where they hold another code. What is
/// kept already is said even while Evolution runs; a change waits until it is closed.
fn update(
    dir: &Path,
    found: Existing,
    account: &Account,
    secret: Option<&SecretString>,
    secrets: &impl Secrets,
) -> Result<Added, HandoffError> {
    use secrecy::ExposeSecret;
    let Some(s) = secret else {
        return Ok(Added::AlreadyThere);
    };
    let items = [
        (Some(found.account), "account"),
        (found.transport, "transport"),
    ];
    let mut stale = Vec::new();
    for (uid, what) in items {
        let Some(uid) = uid else { continue };
        let kept = secrets.get(&uid).map_err(|e| HandoffError::io(dir, e))?;
        if kept.is_none_or(|k| k.expose_secret() != s.expose_secret()) {
            stale.push((uid, what));
        }
    }
    if stale.is_empty() {
        return Ok(Added::AlreadyThere);
    }
    if running() {
        return Err(HandoffError::Running);
    }
    for (uid, what) in stale {
        let label = format!("Evolution Data Source '{}' ({what})", account.address);
        secrets
            .put(&uid, &label, s)
            .map_err(|e| HandoffError::io(dir, e))?;
    }
    Ok(Added::Updated {
        backups: Vec::new(),
    })
}

/// Writes the three sources and, with `secret`, the two Secret Service items; an account
/// already there gets the code where it holds another one. Refused while Evolution runs.
pub fn add(
    dir: &Path,
    account: &Account,
    name: &str,
    secret: Option<&SecretString>,
    secrets: &impl Secrets,
) -> Result<Added, HandoffError> {
    if let Some(found) = find_account(dir, &account.imap) {
        return update(dir, found, account, secret, secrets);
    }
    if running() {
        return Err(HandoffError::Running);
    }
    let uid = |kind: &str| format!("mailsetup-{kind}-{}", super::uuid());
    let (acc, ident, trans) = (uid("account"), uid("identity"), uid("transport"));
    let files = [
        (&acc, account_source(account, &ident)),
        (&ident, identity_source(account, name, &acc, &trans)),
        (&trans, transport_source(account, &acc)),
    ];
    // The secrets first: sources without them would make Evolution ask.
    if let Some(s) = secret {
        for (uid, what) in [(&acc, "account"), (&trans, "transport")] {
            let label = format!("Evolution Data Source '{}' ({what})", account.address);
            secrets
                .put(uid, &label, s)
                .map_err(|e| HandoffError::io(dir, e))?;
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| HandoffError::io(dir, e))?;
    for (uid, text) in &files {
        write_atomic(&dir.join(format!("{uid}.source")), text.as_bytes())?;
    }
    Ok(Added::Added {
        backups: Vec::new(),
        password: secret.is_some(),
    })
}

fn account_source(a: &Account, identity: &str) -> String {
    source(
        &a.address,
        "",
        &[
            (
                "Mail Account",
                vec![
                    ("BackendName", "imapx".into()),
                    ("IdentityUid", identity.into()),
                    ("NeedsInitialSetup", "true".into()),
                ],
            ),
            ("Authentication", authentication(&a.imap)),
            ("Security", vec![("Method", security(&a.imap).into())]),
            ("Offline", vec![("StaySynchronized", "true".into())]),
            (
                "Refresh",
                vec![("Enabled", "true".into()), ("IntervalMinutes", "10".into())],
            ),
        ],
    )
}

fn identity_source(a: &Account, name: &str, account: &str, transport: &str) -> String {
    source(
        &a.address,
        account,
        &[
            (
                "Mail Identity",
                vec![("Address", a.address.clone()), ("Name", name.into())],
            ),
            (
                "Mail Submission",
                vec![
                    ("TransportUid", transport.into()),
                    ("SentFolder", format!("folder://{account}/Sent")),
                ],
            ),
        ],
    )
}

fn transport_source(a: &Account, account: &str) -> String {
    source(
        &a.address,
        account,
        &[
            ("Mail Transport", vec![("BackendName", "smtp".into())]),
            ("Authentication", authentication(&a.smtp)),
            ("Security", vec![("Method", security(&a.smtp).into())]),
        ],
    )
}

/// evolution-data-server's own items in the Secret Service, as `e_secret_store_store_sync`
/// keeps them: the default collection, schema `org.gnome.Evolution.Data.Source`, attributes
/// `e-source-uid` and `eds-origin`. Blocking (D-Bus).
pub struct SecretService;

#[cfg(target_os = "linux")]
impl SecretService {
    fn attributes(uid: &str) -> std::collections::HashMap<&str, &str> {
        std::collections::HashMap::from([
            ("xdg:schema", "org.gnome.Evolution.Data.Source"),
            ("e-source-uid", uid),
            ("eds-origin", "evolution-data-server"),
        ])
    }
}

#[cfg(target_os = "linux")]
impl Secrets for SecretService {
    fn get(&self, uid: &str) -> Result<Option<SecretString>, String> {
        use secret_service::EncryptionType;
        use secret_service::blocking::SecretService as Ss;
        let ss = Ss::connect(EncryptionType::Dh).map_err(|e| e.to_string())?;
        let found = ss
            .search_items(std::collections::HashMap::from([("e-source-uid", uid)]))
            .map_err(|e| e.to_string())?;
        let item = found.unlocked.into_iter().next().or_else(|| {
            let locked = found.locked.into_iter().next()?;
            locked.unlock().ok().map(|()| locked)
        });
        let Some(item) = item else {
            return Ok(None);
        };
        let bytes = item.get_secret().map_err(|e| e.to_string())?;
        let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
        Ok(Some(SecretString::from(text)))
    }

    fn put(&self, uid: &str, label: &str, secret: &SecretString) -> Result<(), String> {
        use secrecy::ExposeSecret;
        use secret_service::EncryptionType;
        use secret_service::blocking::SecretService as Ss;
        let ss = Ss::connect(EncryptionType::Dh).map_err(|e| e.to_string())?;
        let collection = ss.get_default_collection().map_err(|e| e.to_string())?;
        collection.unlock().map_err(|e| e.to_string())?;
        let bytes = secret.expose_secret().as_bytes();
        // `replace`: an item with the same attributes is overwritten, never doubled.
        collection
            .create_item(label, Self::attributes(uid), bytes, true, "text/plain")
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

#[cfg(not(target_os = "linux"))]
impl Secrets for SecretService {
    fn get(&self, _uid: &str) -> Result<Option<SecretString>, String> {
        Err("Evolution keeps its passwords in the Secret Service, which is Linux's".into())
    }

    fn put(&self, _uid: &str, _label: &str, _secret: &SecretString) -> Result<(), String> {
        Err("Evolution keeps its passwords in the Secret Service, which is Linux's".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;
    use std::cell::RefCell;
    use std::collections::HashMap;

    /// The Secret Service as a map from source uid to code.
    #[derive(Default)]
    struct Kept(RefCell<HashMap<String, String>>);

    impl Secrets for Kept {
        fn get(&self, uid: &str) -> Result<Option<SecretString>, String> {
            let kept = self.0.borrow().get(uid).cloned();
            Ok(kept.map(SecretString::from))
        }
        fn put(&self, uid: &str, _label: &str, secret: &SecretString) -> Result<(), String> {
            let code = secret.expose_secret().to_string();
            self.0.borrow_mut().insert(uid.into(), code);
            Ok(())
        }
    }

    fn account() -> Account {
        let ep = |host: &str, port| Endpoint {
            host: host.into(),
            port,
            security: Security::Tls,
            username: "zhang@qq.com".into(),
        };
        Account {
            address: "zhang@qq.com".into(),
            provider: Some("qq".into()),
            imap: ep("imap.qq.com", 993),
            smtp: ep("smtp.qq.com", 465),
            sign_in: Default::default(),
            saved_at: 0,
            ca: None,
            handed: Vec::new(),
            name: None,
        }
    }

    /// A new code for an account already there goes into both its items (the account's and
    /// its transport's, found through its identity); the same code changes nothing; the
    /// sources are never written twice.
    #[test]
    fn an_account_already_there_gets_the_new_code_in_both_items() {
        let dir = std::env::temp_dir().join(format!("evo-update-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let kept = Kept::default();
        let code = |c: &str| SecretString::from(c.to_string());
        let a = account();
        let added = add(&dir, &a, "张三", Some(&code("old")), &kept).expect("added");
        assert!(matches!(added, Added::Added { password: true, .. }));
        let sources = || std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        assert_eq!((sources(), kept.0.borrow().len()), (3, 2));
        let same = add(&dir, &a, "张三", Some(&code("old")), &kept).expect("same");
        assert_eq!(same, Added::AlreadyThere);
        let new = add(&dir, &a, "张三", Some(&code("new")), &kept).expect("new");
        assert!(matches!(new, Added::Updated { .. }), "{new:?}");
        assert_eq!(sources(), 3, "no twin");
        assert!(kept.0.borrow().values().all(|c| c == "new"), "both items");
        let none = add(&dir, &a, "张三", None, &kept).expect("no code");
        assert_eq!(none, Added::AlreadyThere);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn values_are_escaped_as_gkeyfile_reads_them() {
        assert_eq!(escape(r"CORP\zs"), r"CORP\\zs");
        assert_eq!(escape(" a\nb"), r"\sa\nb");
    }
}
