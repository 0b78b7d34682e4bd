//! Thunderbird: its profiles (`profiles.ini`), and an account written into one (`prefs.js`: IMAP
//! server, SMTP server, identity; `logins.json`: the code, encrypted with the key of the
//! profile's own key database, which is only read). Only while Thunderbird is not running (its
//! profile lock), never a second copy of an account, a backup of every file changed, each
//! written atomically.

use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde::Serialize;
use serde_json::{Value, json};

use super::prefs::Prefs;
use super::{Added, HandoffError, backup, lock, write_atomic};
use crate::catalog::{Endpoint, Security};
use crate::store::{Account, SignIn};

/// One profile from `profiles.ini`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub name: String,
    pub path: PathBuf,
    /// The one Thunderbird opens by default (preselected).
    pub default: bool,
}

/// Under the home folder: where Ubuntu's Snap of Thunderbird keeps its profiles, and the
/// Flatpak's own folder.
const SNAP_ROOT: &str = "snap/thunderbird/common/.thunderbird";
const FLATPAK_APP: &str = ".var/app/org.mozilla.Thunderbird";

impl Profile {
    /// "Snap" or "Flatpak" for a profile of such a Thunderbird (names, not wording): beside a
    /// packaged one, both may be called `default-release`.
    pub fn sandbox(&self) -> Option<&'static str> {
        let path = self.path.to_string_lossy();
        if path.contains(SNAP_ROOT) {
            Some("Snap")
        } else if path.contains(FLATPAK_APP) {
            Some("Flatpak")
        } else {
            None
        }
    }
}

/// Where Thunderbird keeps `profiles.ini` for this user, the usual place first; only those
/// that have one.
pub fn roots() -> Vec<PathBuf> {
    let Some(base) = directories::BaseDirs::new() else {
        return Vec::new();
    };
    candidate_roots(base.home_dir(), base.config_dir())
        .into_iter()
        .filter(|r| r.join("profiles.ini").is_file())
        .collect()
}

/// On Linux also the XDG config folder (Thunderbirds since 150 where `~/.thunderbird` is
/// missing may go there), Ubuntu's Snap and the Flatpak: the same profiles elsewhere.
fn candidate_roots(home: &Path, config: &Path) -> Vec<PathBuf> {
    if cfg!(windows) {
        vec![config.join("Thunderbird")]
    } else if cfg!(target_os = "macos") {
        vec![home.join("Library/Thunderbird")]
    } else {
        let flatpak = home.join(FLATPAK_APP);
        vec![
            home.join(".thunderbird"),
            config.join("thunderbird"),
            home.join(SNAP_ROOT),
            flatpak.join(".thunderbird"),
            flatpak.join("config/thunderbird"),
        ]
    }
}

/// Whether Thunderbird is installed: its program, or its Snap or Flatpak.
pub fn installed() -> bool {
    let mut files: Vec<PathBuf> = Vec::new();
    if cfg!(windows) {
        for var in ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"] {
            if let Some(d) = std::env::var_os(var) {
                let d = PathBuf::from(d);
                files.push(d.join("Mozilla Thunderbird").join("thunderbird.exe"));
                files.push(
                    d.join("Programs")
                        .join("Mozilla Thunderbird")
                        .join("thunderbird.exe"),
                );
            }
        }
    } else if cfg!(target_os = "macos") {
        files.push("/Applications/Thunderbird.app".into());
    } else {
        let user_flatpak = directories::BaseDirs::new()
            .map(|b| b.data_dir().join("flatpak/app/org.mozilla.Thunderbird"));
        files.extend(
            [
                "/usr/lib/thunderbird/thunderbird",
                "/usr/lib64/thunderbird/thunderbird",
                "/opt/thunderbird/thunderbird",
                "/snap/bin/thunderbird",
                "/var/lib/flatpak/app/org.mozilla.Thunderbird",
            ]
            .map(PathBuf::from),
        );
        files.extend(user_flatpak);
    }
    files.iter().any(|f| f.exists())
}

/// The profiles of every root, one of them the default: where several installs each have
/// one (a Snap beside a package), the one used last (its `prefs.js` written last).
pub fn all_profiles() -> Vec<Profile> {
    let mut all: Vec<Profile> = roots().iter().flat_map(|r| profiles(r)).collect();
    one_default(&mut all);
    all
}

fn one_default(all: &mut [Profile]) {
    let used = |p: &Profile| {
        std::fs::metadata(p.path.join("prefs.js"))
            .and_then(|m| m.modified())
            .ok()
    };
    // Reversed: of equals, the first root's.
    let last = all
        .iter()
        .enumerate()
        .filter(|(_, p)| p.default)
        .rev()
        .max_by_key(|(_, p)| used(p))
        .map(|(i, _)| i);
    for (i, p) in all.iter_mut().enumerate() {
        p.default = Some(i) == last;
    }
}

/// The profiles listed in `root/profiles.ini`, the default one marked: the install's own
/// default (`[Install…] Default=`), else the profile marked `Default=1`, else the only one.
pub fn profiles(root: &Path) -> Vec<Profile> {
    let Ok(text) = std::fs::read_to_string(root.join("profiles.ini")) else {
        return Vec::new();
    };
    let sections = ini(&text);
    let install_default = sections
        .iter()
        .find(|(name, _)| name.starts_with("Install"))
        .and_then(|(_, kv)| value(kv, "Default"));
    let mut out: Vec<Profile> = sections
        .iter()
        .filter(|(name, _)| name.starts_with("Profile"))
        .filter_map(|(_, kv)| {
            let path = value(kv, "Path")?;
            let full = match value(kv, "IsRelative") {
                Some("0") => PathBuf::from(path),
                // `Profiles/x.default` on Windows too: joined part by part, it is a Windows path.
                _ => path
                    .split('/')
                    .fold(root.to_path_buf(), |p, part| p.join(part)),
            };
            Some(Profile {
                name: value(kv, "Name").unwrap_or(path).to_string(),
                default: install_default.map_or(value(kv, "Default") == Some("1"), |d| d == path),
                path: full,
            })
        })
        .collect();
    if out.len() == 1 {
        out[0].default = true;
    }
    out
}

type Section<'a> = (&'a str, Vec<(&'a str, &'a str)>);

fn ini(text: &str) -> Vec<Section<'_>> {
    let mut out: Vec<Section<'_>> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push((name, Vec::new()));
        } else if let (Some((k, v)), Some(last)) = (line.split_once('='), out.last_mut()) {
            last.1.push((k.trim(), v.trim()));
        }
    }
    out
}

fn value<'a>(kv: &[(&'a str, &'a str)], key: &str) -> Option<&'a str> {
    kv.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// Thunderbird's `socketType` / `try_ssl`: 3 SSL/TLS, 2 STARTTLS.
fn socket_type(e: &Endpoint) -> i64 {
    match e.security {
        Security::Tls => 3,
        Security::Starttls => 2,
    }
}

/// Thunderbird's `authMethod`: 3 normal password, 10 its own OAuth2 sign-in.
fn auth_method(sign_in: SignIn) -> i64 {
    match sign_in {
        SignIn::Password => 3,
        SignIn::OAuth => 10,
    }
}

/// Adds `account` to the profile: IMAP server, SMTP server and identity in `prefs.js`, and with
/// `secret` (a code or password; a browser sign-in has none: Thunderbird signs in itself) both
/// logins in `logins.json`. Refused while Thunderbird runs, except to say the account is already
/// there with this code (that changes nothing); an account there with another code gets this
/// one.
pub fn add(
    profile: &Path,
    account: &Account,
    name: &str,
    secret: Option<&SecretString>,
) -> Result<Added, HandoffError> {
    if !profile.is_dir() {
        return Err(HandoffError::NoProfile(profile.to_path_buf()));
    }
    // Read without the lock first: "already there" writes nothing, so Thunderbird may run.
    if has_account(&read_prefs(profile)?.1, &account.imap) {
        return update_code(profile, account, secret);
    }
    // Held while writing: Thunderbird started meanwhile finds the profile in use.
    let _lock = lock(&profile.join(".parentlock"))?;
    let (prefs_path, mut prefs) = read_prefs(profile)?;
    if has_account(&prefs, &account.imap) {
        return update_code(profile, account, secret);
    }
    let mut backups = Vec::new();
    let password = match (account.sign_in, secret) {
        (SignIn::Password, Some(s)) => save_logins(profile, account, s, &mut backups)?,
        _ => false,
    };
    write_account(&mut prefs, account, name);
    backups.extend(backup(&prefs_path)?);
    write_atomic(&prefs_path, prefs.text().as_bytes())?;
    Ok(Added::Added { backups, password })
}

/// The profile's `prefs.js` (none yet: empty), parsed.
fn read_prefs(profile: &Path) -> Result<(PathBuf, Prefs), HandoffError> {
    let path = profile.join("prefs.js");
    let text = match std::fs::read(&path) {
        Ok(b) => String::from_utf8(b).map_err(|_| HandoffError::Unreadable(path.clone()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(HandoffError::io(&path, e)),
    };
    let prefs = Prefs::parse(&text).map_err(|_| HandoffError::Unreadable(path.clone()))?;
    Ok((path, prefs))
}

/// The account is in the profile already: its saved code is replaced where it is not `secret`
/// (the provider revoked the old one), under the profile lock; the same code, a browser
/// sign-in, or a profile without a key for saved passwords yet (Thunderbird asks) changes
/// nothing.
fn update_code(
    profile: &Path,
    account: &Account,
    secret: Option<&SecretString>,
) -> Result<Added, HandoffError> {
    let Some(secret) = secret.filter(|_| account.sign_in == SignIn::Password) else {
        return Ok(Added::AlreadyThere);
    };
    if logins_hold(profile, account, secret)? {
        return Ok(Added::AlreadyThere);
    }
    let _lock = lock(&profile.join(".parentlock"))?;
    let mut backups = Vec::new();
    if !save_logins(profile, account, secret, &mut backups)? {
        return Ok(Added::AlreadyThere);
    }
    Ok(Added::Updated { backups })
}

/// Whether `logins.json` already holds `secret` for both servers (read only). A profile
/// without a key yet holds nothing to replace: Thunderbird asks for the code itself.
fn logins_hold(
    profile: &Path,
    account: &Account,
    secret: &SecretString,
) -> Result<bool, HandoffError> {
    use secrecy::ExposeSecret;
    let keys = match super::keydb::open(profile) {
        Ok(keys) => keys,
        Err(super::keydb::KeyDbError::NoKey) => return Ok(true),
        Err(e) => return Err(e.into()),
    };
    let Ok(bytes) = std::fs::read(profile.join("logins.json")) else {
        return Ok(false);
    };
    let logins: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let list = logins.get("logins").and_then(Value::as_array);
    let holds = |origin: String, user: &str| {
        list.into_iter().flatten().any(|l| {
            let field = |k: &str| {
                l.get(k)
                    .and_then(Value::as_str)
                    .and_then(|v| keys.decrypt(v))
            };
            l.get("hostname").and_then(Value::as_str) == Some(origin.as_str())
                && field("encryptedUsername").is_some_and(|u| u.expose_secret() == user)
                && field("encryptedPassword")
                    .is_some_and(|p| p.expose_secret() == secret.expose_secret())
        })
    };
    let (i, o) = (&account.imap, &account.smtp);
    Ok(holds(format!("imap://{}", i.host), &i.username)
        && holds(format!("smtp://{}", o.host), &o.username))
}

/// An IMAP server of this host and login is already in the profile.
fn has_account(prefs: &Prefs, imap: &Endpoint) -> bool {
    let servers: Vec<String> = prefs
        .names("mail.server.server")
        .filter(|k| k.ends_with(".hostname"))
        .map(|k| k.trim_end_matches(".hostname").to_string())
        .collect();
    servers.iter().any(|s| {
        prefs.str(&format!("{s}.type")) == Some("imap")
            && prefs
                .str(&format!("{s}.hostname"))
                .is_some_and(|h| h.eq_ignore_ascii_case(&imap.host))
            && prefs.str(&format!("{s}.userName")) == Some(imap.username.as_str())
    })
}

/// The prefs of one account, numbered after those already there; the list prefs gain it, and
/// a profile without Local Folders gets them (Thunderbird needs one local account).
fn write_account(p: &mut Prefs, account: &Account, name: &str) {
    let n = p.next_number("mail.account.account");
    let s = p.next_number("mail.server.server");
    let id = p.next_number("mail.identity.id");
    let smtp = p.next_number("mail.smtpserver.smtp");
    let (i, o) = (&account.imap, &account.smtp);
    let server = format!("mail.server.server{s}");
    p.set(
        &format!("mail.account.account{n}.server"),
        format!("server{s}"),
    );
    p.set(
        &format!("mail.account.account{n}.identities"),
        format!("id{id}"),
    );
    p.set(&format!("{server}.type"), "imap");
    p.set(&format!("{server}.hostname"), i.host.as_str());
    p.set(&format!("{server}.port"), i.port);
    p.set(&format!("{server}.userName"), i.username.as_str());
    p.set(&format!("{server}.socketType"), socket_type(i));
    p.set(
        &format!("{server}.authMethod"),
        auth_method(account.sign_in),
    );
    p.set(&format!("{server}.name"), account.address.as_str());
    p.set(&format!("{server}.login_at_startup"), true);
    let ident = format!("mail.identity.id{id}");
    p.set(&format!("{ident}.useremail"), account.address.as_str());
    p.set(&format!("{ident}.fullName"), name);
    p.set(&format!("{ident}.smtpServer"), format!("smtp{smtp}"));
    p.set(&format!("{ident}.valid"), true);
    let out = format!("mail.smtpserver.smtp{smtp}");
    p.set(&format!("{out}.hostname"), o.host.as_str());
    p.set(&format!("{out}.port"), o.port);
    p.set(&format!("{out}.username"), o.username.as_str());
    p.set(&format!("{out}.try_ssl"), socket_type(o));
    p.set(&format!("{out}.authMethod"), auth_method(account.sign_in));
    p.set(&format!("{out}.description"), account.address.as_str());
    append_list(p, "mail.smtpservers", &format!("smtp{smtp}"));
    if p.str("mail.smtp.defaultserver").is_none() {
        p.set("mail.smtp.defaultserver", format!("smtp{smtp}"));
    }
    append_list(p, "mail.accountmanager.accounts", &format!("account{n}"));
    if p.str("mail.accountmanager.defaultaccount").is_none() {
        p.set("mail.accountmanager.defaultaccount", format!("account{n}"));
    }
    if p.str("mail.accountmanager.localfoldersserver").is_none() {
        let (ln, ls) = (n + 1, s + 1);
        let local = format!("mail.server.server{ls}");
        p.set(
            &format!("mail.account.account{ln}.server"),
            format!("server{ls}"),
        );
        p.set(&format!("{local}.type"), "none");
        p.set(&format!("{local}.hostname"), "Local Folders");
        p.set(&format!("{local}.userName"), "nobody");
        p.set(&format!("{local}.name"), "Local Folders");
        append_list(p, "mail.accountmanager.accounts", &format!("account{ln}"));
        p.set(
            "mail.accountmanager.localfoldersserver",
            format!("server{ls}"),
        );
    }
}

fn append_list(p: &mut Prefs, name: &str, item: &str) {
    let list = match p.str(name) {
        Some(l) if !l.is_empty() => format!("{l},{item}"),
        _ => item.to_string(),
    };
    p.set(name, list);
}

/// Both logins in `logins.json` (`imap://HOST`, `smtp://HOST`), encrypted with the profile's
/// own key; an entry of the same origin and user gets the new code instead of a twin. `false`:
/// the profile has no key yet (Thunderbird never started on it), so Thunderbird asks once.
fn save_logins(
    profile: &Path,
    account: &Account,
    secret: &SecretString,
    backups: &mut Vec<PathBuf>,
) -> Result<bool, HandoffError> {
    // A primary password is found before anything is changed (or backed up).
    let keys = match super::keydb::open(profile) {
        Ok(keys) => keys,
        Err(super::keydb::KeyDbError::NoKey) => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    let path = profile.join("logins.json");
    let mut logins: Value = match std::fs::read(&path) {
        Ok(b) => serde_json::from_slice(&b).map_err(|_| HandoffError::Unreadable(path.clone()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            json!({"nextId": 1, "logins": [], "potentiallyVulnerablePasswords": [],
                   "dismissedBreachAlertsByLoginGUID": {}, "version": 3})
        }
        Err(e) => return Err(HandoffError::io(&path, e)),
    };
    let entries = [
        (
            format!("imap://{}", account.imap.host),
            &account.imap.username,
        ),
        (
            format!("smtp://{}", account.smtp.host),
            &account.smtp.username,
        ),
    ];
    for (origin, user) in entries {
        let user = SecretString::from(user.clone());
        let login = Login {
            origin: &origin,
            user: keys.encrypt(&user)?,
            password: keys.encrypt(secret)?,
        };
        login
            .put(&mut logins, |enc| {
                keys.decrypt(enc).is_some_and(|u| {
                    secrecy::ExposeSecret::expose_secret(&u)
                        == secrecy::ExposeSecret::expose_secret(&user)
                })
            })
            .ok_or_else(|| HandoffError::Unreadable(path.clone()))?;
    }
    backups.extend(backup(&path)?);
    let bytes = serde_json::to_vec(&logins).map_err(|e| HandoffError::io(&path, e))?;
    write_atomic(&path, &bytes)?;
    Ok(true)
}

struct Login<'a> {
    origin: &'a str,
    user: String,
    password: String,
}

impl Login<'_> {
    /// Replaces the password of the entry for this origin whose user `same_user` recognises,
    /// else appends a new entry. `None` when the file's shape is not Thunderbird's.
    fn put(self, logins: &mut Value, same_user: impl Fn(&str) -> bool) -> Option<()> {
        let now = crate::handoff::now_ms();
        let next_id = logins.get("nextId").and_then(Value::as_u64).unwrap_or(1);
        let list = logins.get_mut("logins")?.as_array_mut()?;
        let existing = list.iter_mut().find(|l| {
            l.get("hostname").and_then(Value::as_str) == Some(self.origin)
                && l.get("encryptedUsername")
                    .and_then(Value::as_str)
                    .is_some_and(&same_user)
        });
        if let Some(entry) = existing {
            entry["encryptedPassword"] = self.password.into();
            entry["timePasswordChanged"] = now.into();
            return Some(());
        }
        list.push(json!({
            "id": next_id,
            "hostname": self.origin,
            "httpRealm": self.origin,
            "formSubmitURL": null,
            "usernameField": "",
            "passwordField": "",
            "encryptedUsername": self.user,
            "encryptedPassword": self.password,
            "guid": format!("{{{}}}", crate::handoff::uuid()),
            "encType": 1,
            "timeCreated": now,
            "timeLastUsed": now,
            "timePasswordChanged": now,
            "timesUsed": 1,
        }));
        logins["nextId"] = (next_id + 1).into();
        Some(())
    }
}

/// A default profile at `path`, as tests name one.
#[cfg(test)]
pub(crate) fn default_profile_at(path: &str) -> Profile {
    Profile {
        name: "default-release".into(),
        path: path.into(),
        default: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str) -> Profile {
        default_profile_at(path)
    }

    #[test]
    fn a_snaps_or_flatpaks_profile_says_which() {
        let snap = at("/home/zs/snap/thunderbird/common/.thunderbird/a.default-release");
        let flatpak =
            at("/home/zs/.var/app/org.mozilla.Thunderbird/.thunderbird/b.default-release");
        assert_eq!(snap.sandbox(), Some("Snap"));
        assert_eq!(flatpak.sandbox(), Some("Flatpak"));
        assert_eq!(
            at("/home/zs/.thunderbird/c.default-release").sandbox(),
            None
        );
    }
}
