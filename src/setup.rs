//! The setup flow, shared by the command line and the wizard: what is being set up, which
//! servers get tested, the credential check before anything is sent, the check request, and the
//! account a passed check saves. No iced here; each front end only asks and shows.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};

use crate::address::{Address, normalize_code, normalize_host, secret_len};
use crate::catalog::{Catalog, CodeWarning, Endpoint, Provider, Security};
use crate::check::{self, CheckReport, CheckRequest};
use crate::discover::{Detection, Source};
use crate::i18n::msg;
use crate::oauth::{self, OAuthError};
use crate::probe::tls;
pub use crate::store::SignIn;
use crate::store::{Account, Loaded, Saved, Store, StoreError};

/// What is being set up: a catalog provider, or servers found (or saved) for another domain.
#[derive(Clone, Debug)]
pub enum Target {
    /// Picked, recognised by domain, or found through the domain's MX hosts (`via_mx`: the
    /// company's admin may have to enable IMAP/SMTP first).
    Provider { id: String, via_mx: bool },
    /// Servers from autoconfig, SRV, ISPDB or guessing, or given outright.
    Servers {
        imap: Endpoint,
        smtp: Endpoint,
        found: Option<Arc<Detection>>,
    },
    /// A saved account: its own servers (as they passed), its provider's steps and advice.
    Saved(Box<Account>),
}

impl Target {
    /// A provider picked from the catalog (tile, `--provider`).
    pub fn provider_id(id: &str) -> Option<Self> {
        Catalog::builtin().by_id(id).map(|p| Target::Provider {
            id: p.id.clone(),
            via_mx: false,
        })
    }

    /// What a finished lookup leads to.
    pub fn from_detection(d: Arc<Detection>) -> Self {
        match (d.source, d.provider) {
            (Source::Catalog | Source::Mx, Some(p)) => Target::Provider {
                id: p.id.clone(),
                via_mx: d.source == Source::Mx,
            },
            _ => Target::Servers {
                imap: d.imap.clone(),
                smtp: d.smtp.clone(),
                found: Some(d),
            },
        }
    }

    /// Both servers given (support staff, tests): the domain's catalog provider, whose login
    /// form and advice apply, with those servers in place; else the servers as given.
    pub fn given(address: &Address, imap: &Endpoint, smtp: &Endpoint) -> Self {
        Catalog::builtin()
            .by_domain(address.domain())
            .and_then(|p| Self::provider_id(&p.id))
            .unwrap_or_else(|| Target::Servers {
                imap: imap.clone(),
                smtp: smtp.clone(),
                found: None,
            })
    }

    /// A saved account, re-tested with the servers it was saved with.
    pub fn saved(account: &Account) -> Self {
        Target::Saved(Box::new(account.clone()))
    }

    /// The catalog provider whose steps and code format apply, if any.
    pub fn provider(&self) -> Option<&'static Provider> {
        match self {
            Target::Provider { id, .. } => Catalog::builtin().by_id(id),
            Target::Servers { found, .. } => found.as_ref().and_then(|d| d.provider),
            Target::Saved(a) => a
                .provider
                .as_deref()
                .and_then(|id| Catalog::builtin().by_id(id)),
        }
    }

    /// The servers to test for an address.
    pub fn endpoints(&self, address: &Address) -> Option<(Endpoint, Endpoint)> {
        match self {
            Target::Provider { .. } => self.provider().map(|p| p.endpoints(address)),
            Target::Servers { imap, smtp, .. } => Some((imap.clone(), smtp.clone())),
            Target::Saved(a) => Some((a.imap.clone(), a.smtp.clone())),
        }
    }

    /// The servers to test, with those named on the command line (support staff, tests) in
    /// place of the target's own; the login name stays the target's unless one is given.
    pub fn servers(
        &self,
        address: &Address,
        given: &Servers,
    ) -> Result<(Endpoint, Endpoint), SetupError> {
        let (imap, smtp) = self
            .endpoints(address)
            .ok_or_else(|| SetupError::UnknownProvider(address.domain().to_string()))?;
        let given_login = &given.username;
        let pick = |given: &Option<Endpoint>, own: Endpoint| {
            let e = match given {
                Some(e) => Endpoint {
                    username: own.username,
                    ..e.clone()
                },
                None => own,
            };
            match &given_login {
                Some(u) => Endpoint {
                    username: u.clone(),
                    ..e
                },
                None => e,
            }
        };
        Ok((pick(&given.imap, imap), pick(&given.smtp, smtp)))
    }

    /// The address is part of the servers found: changing it means looking again.
    pub fn fixed_address(&self) -> bool {
        matches!(self, Target::Servers { .. } | Target::Saved(_))
    }

    /// What the credential is called: the provider's word, else "password".
    pub fn credential_id(&self) -> &'static str {
        credential_id(self.provider())
    }
}

/// The Fluent id of what the credential is called: the provider's word, else "password".
pub fn credential_id(provider: Option<&Provider>) -> &'static str {
    provider
        .map(|p| p.credential.message_id())
        .unwrap_or(msg::CREDENTIAL_PASSWORD)
}

/// Servers named at launch or on the command line instead of the target's, and extra trusted
/// roots (`--ca-file`: a company CA, or the tests').
#[derive(Clone, Debug, Default)]
pub struct Servers {
    pub imap: Option<Endpoint>,
    pub smtp: Option<Endpoint>,
    /// The login name for both servers, where it is not what the target says (the address).
    pub username: Option<String>,
    pub ca_file: Option<PathBuf>,
}

/// A login name as typed, if it can be one: not empty, no line breaks or other control
/// characters (they would end the command), at most 255 characters. Spaces inside are kept
/// (some company directories have them); the edges are trimmed.
pub fn login_name(typed: &str) -> Option<String> {
    let name = typed.trim();
    let ok = !name.is_empty() && name.chars().count() <= 255 && !name.chars().any(char::is_control);
    ok.then(|| name.to_string())
}

/// What is wrong with one typed server setting (the manual-servers screen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    Host,
    Port,
    Login,
}

/// One server as typed: host, port and login name are checked; security is a choice (TLS or
/// STARTTLS, never plain text).
pub fn typed_endpoint(
    host: &str,
    port: &str,
    security: Security,
    login: &str,
) -> Result<Endpoint, FieldError> {
    let host = normalize_host(host).ok_or(FieldError::Host)?;
    let port = port
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|p| *p > 0)
        .ok_or(FieldError::Port)?;
    let username = login_name(login).ok_or(FieldError::Login)?;
    Ok(Endpoint {
        host,
        port,
        security,
        username,
    })
}

/// What the manual-servers screen starts with: the servers found (or saved) if any, else the
/// names most company servers use (`imap.<domain>` on 993, `smtp.<domain>` on 465, both TLS)
/// with the address as the login name.
pub fn suggested_servers(address: &Address, target: Option<&Target>) -> (Endpoint, Endpoint) {
    if let Some(servers) = target.and_then(|t| t.endpoints(address)) {
        return servers;
    }
    let guess = |prefix: &str, port| Endpoint {
        host: format!("{prefix}.{}", address.domain()),
        port,
        security: Security::Tls,
        username: address.to_string(),
    };
    (guess("imap", 993), guess("smtp", 465))
}

/// The usual port of the other security, when the port is the usual one of this: switching
/// 993 TLS to STARTTLS means 143, 465 means 587 (and back). Any other port is the user's.
pub fn usual_port(protocol: crate::probe::Protocol, port: u16, to: Security) -> u16 {
    use crate::probe::Protocol::{Imap, Smtp};
    match (protocol, port, to) {
        (Imap, 993, Security::Starttls) => 143,
        (Imap, 143, Security::Tls) => 993,
        (Smtp, 465, Security::Starttls) => 587,
        (Smtp, 587 | 25, Security::Tls) => 465,
        _ => port,
    }
}

/// Why a check could not even start.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SetupError {
    /// No catalog provider and no servers for this domain.
    #[error("no servers known for {0}")]
    UnknownProvider(String),
    /// `--ca-file` could not be used.
    #[error("the certificate file {path} could not be used: {reason}")]
    CaFile { path: PathBuf, reason: String },
}

/// A credential that certainly cannot work: said before connecting, and nothing is sent.
#[derive(Debug, Clone)]
pub enum CredentialError {
    Empty,
    /// Refused by the provider's code format (a QQ number, a password where only OAuth works…).
    Format(&'static Provider, CodeWarning),
}

/// The secret as it goes to the server. A provider's authorization code has a format the
/// provider defines (letters shown in groups, copied with spaces, line breaks or full-width
/// letters): it is cleaned. Any other password is sent exactly as typed.
pub fn secret(provider: Option<&Provider>, typed: &str) -> SecretString {
    if provider.is_some_and(|p| p.code_format.is_some()) {
        normalize_code(typed)
    } else {
        SecretString::from(typed.to_string())
    }
}

/// The clipboard's text, if it is exactly one code of this provider's format (QQ and NetEase:
/// 16 letters, maybe in groups): offered when the user comes back from the provider's page.
/// Anything longer or of another shape is not a code, and is not kept.
pub fn clipboard_code(provider: Option<&Provider>, text: &str) -> Option<SecretString> {
    let p = provider.filter(|p| p.code_format.is_some())?;
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 64 {
        return None;
    }
    let code = secret(Some(p), text);
    p.check_code(&code).is_none().then_some(code)
}

/// A warning to show before the check: which provider's format it is about, if any.
pub type CredentialWarning = (Option<&'static Provider>, CodeWarning);

/// Checks the credential (as [`secret`] made it) before anything is sent: `Err` for what
/// certainly cannot work, a warning for what is merely odd (a QQ code one letter short, a
/// password ending in a space).
pub fn check_credential(
    provider: Option<&'static Provider>,
    secret: &SecretString,
) -> Result<Option<CredentialWarning>, CredentialError> {
    match provider.and_then(|p| p.check_code(secret).map(|w| (p, w))) {
        Some((p, w)) if w.is_certain() => Err(CredentialError::Format(p, w)),
        Some((p, w)) => Ok(Some((Some(p), w))),
        None if secret_len(secret) == 0 => Err(CredentialError::Empty),
        None => {
            let s = secret.expose_secret();
            let edge = s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace);
            Ok(edge.then_some((provider, CodeWarning::EdgeSpaces)))
        }
    }
}

/// The check of these servers for `address` (`provider`: whose known replies and advice apply),
/// with the default timeouts and no test mail.
pub fn request(
    provider: Option<&Provider>,
    address: &Address,
    (imap, smtp): (Endpoint, Endpoint),
    secret: SecretString,
    ca_file: Option<&Path>,
) -> Result<CheckRequest, SetupError> {
    let tls = tls::client_config(ca_file).map_err(|e| SetupError::CaFile {
        path: ca_file.map(Path::to_path_buf).unwrap_or_default(),
        reason: e.to_string(),
    })?;
    Ok(CheckRequest {
        address: address.clone(),
        provider: provider.map(|p| p.id.clone()),
        imap,
        smtp,
        secret,
        sign_in: SignIn::Password,
        tls,
        timeout: check::DEFAULT_TIMEOUT,
        stage_timeout: check::DEFAULT_STAGE_TIMEOUT,
        send_test: false,
    })
}

/// Starts the provider's browser sign-in: PKCE, `state` and a loopback listener; the caller
/// opens (or shows) the returned page and then waits with [`oauth::Pending::finish`].
pub async fn sign_in(provider: &Provider) -> Result<oauth::Pending, OAuthError> {
    oauth::begin(oauth::config(provider)?).await
}

/// The check of a browser sign-in: the access token goes to the servers with XOAUTH2.
pub fn oauth_request(
    provider: &Provider,
    address: &Address,
    servers: (Endpoint, Endpoint),
    access: SecretString,
    ca_file: Option<&Path>,
) -> Result<CheckRequest, SetupError> {
    let mut r = request(Some(provider), address, servers, access, ca_file)?;
    r.sign_in = SignIn::OAuth;
    Ok(r)
}

/// A fresh access token from a refresh token, before every check of a saved sign-in. Providers
/// may answer with a new refresh token and retire the old one (rotation): with `keep`, a new one
/// replaces the saved one at once, so a failed check cannot lose the sign-in. Returns the
/// access token and the refresh token to keep.
pub async fn refresh(
    provider: &Provider,
    refresh: &SecretString,
    ca_file: Option<&Path>,
    keep: Option<(&Accounts, &str)>,
) -> Result<(SecretString, SecretString), OAuthError> {
    let config = oauth::config(provider)?;
    let http = oauth::Http::new(ca_file)?;
    let t = oauth::refresh(&config, refresh, &http).await?;
    let next = t.refresh.unwrap_or_else(|| refresh.clone());
    if let Some((accounts, address)) = keep
        && next.expose_secret() != refresh.expose_secret()
    {
        accounts
            .set_token(address.to_string(), next.clone())
            .await
            .map_err(|e| OAuthError::Failed(e.to_string()))?;
    }
    Ok((t.access, next))
}

/// The account as a check confirmed it: the servers that answered, for saving and exporting.
pub fn account(report: &CheckReport) -> Account {
    Account {
        address: report.address.clone(),
        provider: report.provider.clone(),
        imap: report.imap.endpoint.clone(),
        smtp: report.smtp.endpoint.clone(),
        sign_in: report.sign_in,
        saved_at: 0,
    }
}

/// The saved accounts for a front end that must not block (the wizard): each call runs on
/// tokio's blocking pool, since the keyring clients block (D-Bus, Credential Manager), and every
/// failure is a `StoreError`. Cheap to clone; held by the app and handed to the screens.
#[derive(Clone, Debug)]
pub struct Accounts {
    /// `None` when no config dir could be determined: every call then says so.
    store: Option<Arc<Store>>,
}

impl Default for Accounts {
    fn default() -> Self {
        Self::open_default()
    }
}

impl Accounts {
    /// The platform config dir (or `MAILSETUP_CONFIG_DIR`).
    pub fn open_default() -> Self {
        Self {
            store: Store::open_default().ok().map(Arc::new),
        }
    }

    /// Accounts in this directory (tests, portable use).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self {
            store: Some(Arc::new(Store::at(dir))),
        }
    }

    pub async fn load(&self) -> Result<Loaded, StoreError> {
        self.run(|s| s.load()).await
    }

    /// The saved code, if any.
    pub async fn secret(&self, address: String) -> Result<Option<SecretString>, StoreError> {
        self.run(move |s| s.secret(&address)).await
    }

    /// Unless `replace`, an address already saved is refused with `StoreError::Exists`.
    pub async fn save(
        &self,
        account: Account,
        secret: SecretString,
        replace: bool,
    ) -> Result<Saved, StoreError> {
        self.run(move |s| s.save(account, &secret, replace)).await
    }

    /// Replaces only the keyring's refresh token (the provider rotated it).
    pub async fn set_token(&self, address: String, token: SecretString) -> Result<(), StoreError> {
        self.run(move |s| s.set_token(&address, &token)).await
    }

    /// Whether there was anything to remove.
    pub async fn remove(&self, address: String) -> Result<bool, StoreError> {
        self.run(move |s| s.remove(&address)).await
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = self.store.clone().ok_or(StoreError::NoConfigDir)?;
        tokio::task::spawn_blocking(move || work(&store))
            .await
            // The work panicked (a bug): say so rather than leave the screen waiting.
            .unwrap_or_else(|e| Err(StoreError::Keyring(e.to_string())))
    }
}

/// Where exports go: the user's downloads folder (`MAILSETUP_EXPORT_DIR` for support staff who
/// want them elsewhere), else the home folder.
pub fn downloads_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("MAILSETUP_EXPORT_DIR") {
        return dir.into();
    }
    directories::UserDirs::new()
        .and_then(|u| {
            u.download_dir()
                .map(PathBuf::from)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(std::env::temp_dir)
}

/// Writes an account's settings for another mail app (never with the code) into `dir`, off the
/// caller's thread; the file's path, or why it could not be written.
pub async fn export(
    account: Account,
    name: String,
    format: crate::export::Format,
    dir: PathBuf,
) -> Result<PathBuf, String> {
    use crate::export::Format;
    tokio::task::spawn_blocking(move || {
        let text = match format {
            Format::Thunderbird => crate::export::thunderbird(&account, &name),
            Format::Mobileconfig => crate::export::mobileconfig(&account, &name, None),
        };
        let path = dir.join(format.file_name(&account.address));
        crate::store::write_private(&path, text.as_bytes())
            .map(|()| path)
            .map_err(|e| e.to_string())
    })
    .await
    .unwrap_or_else(|e| Err(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::Protocol;

    #[test]
    fn codes_are_cleaned_and_passwords_sent_as_typed() {
        let c = Catalog::builtin();
        let qq = c.by_id("qq");
        assert_eq!(
            secret(qq, " abcd efgh ijkl mnop\n").expose_secret(),
            "abcdefghijklmnop"
        );
        let typed = " correct horse² Ｐ密码 ";
        assert_eq!(secret(None, typed).expose_secret(), typed);
        // A provider whose credential is the login password: as typed too.
        assert_eq!(secret(c.by_id("cn21"), typed).expose_secret(), typed);
        let warned = check_credential(None, &secret(None, typed)).expect("may be sent");
        assert!(matches!(warned, Some((None, CodeWarning::EdgeSpaces))));
        assert!(matches!(
            check_credential(None, &secret(None, "x y")),
            Ok(None)
        ));
    }

    #[test]
    fn only_one_code_of_the_right_shape_is_offered_from_the_clipboard() {
        let c = Catalog::builtin();
        let qq = c.by_id("qq");
        let offered = |t: &str| clipboard_code(qq, t).map(|s| s.expose_secret().to_string());
        assert_eq!(
            offered(" abcd efgh ijkl mnop\n").as_deref(),
            Some("abcdefghijklmnop")
        );
        assert_eq!(offered("abcdefghijklmnop"), Some("abcdefghijklmnop".into()));
        for not_a_code in [
            "",
            "123456789",
            "abcdefgh",
            "your code is abcdefghijklmnop",
            "https://mail.qq.com/",
        ] {
            assert_eq!(offered(not_a_code), None, "{not_a_code}");
        }
        // No code format (a company password): the clipboard is never offered.
        assert!(clipboard_code(None, "abcdefghijklmnop").is_none());
    }

    #[test]
    fn typed_servers_are_checked() {
        let ok = typed_endpoint(" Mail.Example.COM ", "993", Security::Tls, "zsan").expect("ok");
        assert_eq!((ok.host.as_str(), ok.port), ("mail.example.com", 993));
        assert_eq!(
            typed_endpoint("mail example", "993", Security::Tls, "a"),
            Err(FieldError::Host)
        );
        for port in ["", "0", "70000", "99a"] {
            assert_eq!(
                typed_endpoint("mail.example.com", port, Security::Tls, "a"),
                Err(FieldError::Port),
                "{port}"
            );
        }
        assert_eq!(
            typed_endpoint("mail.example.com", "587", Security::Starttls, " \n"),
            Err(FieldError::Login)
        );
    }

    #[test]
    fn switching_security_moves_only_the_usual_ports() {
        assert_eq!(usual_port(Protocol::Imap, 993, Security::Starttls), 143);
        assert_eq!(usual_port(Protocol::Smtp, 587, Security::Tls), 465);
        assert_eq!(usual_port(Protocol::Smtp, 2525, Security::Tls), 2525);
    }

    #[test]
    fn suggestions_follow_what_was_found_else_the_usual_names() {
        let a = Address::parse("li@corp.example").expect("valid");
        let (imap, smtp) = suggested_servers(&a, None);
        assert_eq!((imap.host.as_str(), imap.port), ("imap.corp.example", 993));
        assert_eq!((smtp.host.as_str(), smtp.port), ("smtp.corp.example", 465));
        assert_eq!(imap.username, "li@corp.example");
    }
}
