//! Evolution (GNOME): an account is three key files in `~/.config/evolution/sources/` — the
//! account (`[Mail Account]`, IMAP), its identity (`[Mail Identity]`, `[Mail Submission]`) and
//! its transport (`[Mail Transport]`, SMTP) — and the code is a Secret Service item under
//! evolution-data-server's own attributes (`e-source-uid`, `eds-origin`), one for the account and
//! one for the transport, so Evolution signs in without asking. Only while Evolution is not
//! running; an account of the same host and login already there is left as it is.

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

/// Whether an IMAP account of this host and login is already among the sources.
fn has_account(dir: &Path, imap: &Endpoint) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        text.contains("[Mail Account]")
            && text
                .lines()
                .any(|l| l.eq_ignore_ascii_case(&format!("Host={}", imap.host)))
            && text
                .lines()
                .any(|l| l == format!("User={}", escape(&imap.username)))
    })
}

/// Writes the three sources and, with `secret`, the two Secret Service items. `save` stores one
/// item: (source uid, label, secret). Refused while Evolution runs.
pub fn add(
    dir: &Path,
    account: &Account,
    name: &str,
    secret: Option<&SecretString>,
    save: impl Fn(&str, &str, &SecretString) -> Result<(), String>,
) -> Result<Added, HandoffError> {
    if running() {
        return Err(HandoffError::Running);
    }
    if has_account(dir, &account.imap) {
        return Ok(Added::AlreadyThere);
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
            save(uid, &label, s).map_err(|e| HandoffError::io(dir, e))?;
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

/// Stores one secret as evolution-data-server's own `e_secret_store_store_sync` does: the
/// default collection, schema `org.gnome.Evolution.Data.Source`, attributes `e-source-uid` and
/// `eds-origin`. Blocking (D-Bus).
#[cfg(target_os = "linux")]
pub fn store_secret(uid: &str, label: &str, secret: &SecretString) -> Result<(), String> {
    use secrecy::ExposeSecret;
    use secret_service::EncryptionType;
    use secret_service::blocking::SecretService;
    let ss = SecretService::connect(EncryptionType::Dh).map_err(|e| e.to_string())?;
    let collection = ss.get_default_collection().map_err(|e| e.to_string())?;
    collection.unlock().map_err(|e| e.to_string())?;
    let attributes = std::collections::HashMap::from([
        ("xdg:schema", "org.gnome.Evolution.Data.Source"),
        ("e-source-uid", uid),
        ("eds-origin", "evolution-data-server"),
    ]);
    let bytes = secret.expose_secret().as_bytes();
    collection
        .create_item(label, attributes, bytes, true, "text/plain")
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(not(target_os = "linux"))]
pub fn store_secret(_uid: &str, _label: &str, _secret: &SecretString) -> Result<(), String> {
    Err("Evolution keeps its passwords in the Secret Service, which is Linux's".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_as_gkeyfile_reads_them() {
        assert_eq!(escape(r"CORP\zs"), r"CORP\\zs");
        assert_eq!(escape(" a\nb"), r"\sa\nb");
    }
}
