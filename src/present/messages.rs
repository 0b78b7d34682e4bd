//! Every typed error and warning mapped to its Fluent message, in one place.

use fluent_bundle::FluentValue;

use crate::address::AddressError;
use crate::catalog::{Catalog, CodeWarning, CredentialKind, Endpoint, Provider};
use crate::i18n::{Localizer, msg};
use crate::probe::ProbeReport;
use crate::probe::classify::Diagnosis;
use crate::setup::{CredentialError, SetupError};
use crate::store::StoreError;

/// A path as people are shown it: under the home folder as `~/…` (Windows: `%APPDATA%\…` or
/// `%USERPROFILE%\…`, which Explorer's address bar opens as typed). Shorter, and it keeps the
/// user's account name out of a screenshot or report sent to support.
pub fn path(p: &std::path::Path) -> String {
    let Some(dirs) = directories::BaseDirs::new() else {
        return p.display().to_string();
    };
    #[cfg(windows)]
    let prefixes = [
        (dirs.config_dir(), "%APPDATA%"),
        (dirs.home_dir(), "%USERPROFILE%"),
    ];
    #[cfg(not(windows))]
    let prefixes = [(dirs.home_dir(), "~")];
    for (dir, shown) in prefixes {
        if dir.parent().is_some()
            && let Ok(rest) = p.strip_prefix(dir)
        {
            return std::path::Path::new(shown).join(rest).display().to_string();
        }
    }
    p.display().to_string()
}

pub fn address_error(l: &Localizer, e: &AddressError) -> String {
    l.tr(match e {
        AddressError::Empty => msg::ADDRESS_EMPTY,
        AddressError::MissingAt => msg::ADDRESS_MISSING_AT,
        AddressError::MultipleAt => msg::ADDRESS_MULTIPLE_AT,
        AddressError::EmptyLocal => msg::ADDRESS_EMPTY_LOCAL,
        AddressError::BadDomain => msg::ADDRESS_BAD_DOMAIN,
        AddressError::TooLong => msg::ADDRESS_TOO_LONG,
        AddressError::Spaces => msg::ADDRESS_SPACES,
    })
}

/// Why discovery found nothing (the GUI adds nothing; the CLI adds its --imap/--smtp hint).
pub fn discover_error(l: &Localizer, e: &crate::discover::DiscoverError) -> String {
    use crate::discover::DiscoverError;
    match e {
        DiscoverError::NotFound { domain, .. } if e.offline() => {
            l.tr_args(msg::DETECT_OFFLINE, &[("domain", domain.clone().into())])
        }
        DiscoverError::NotFound { domain, .. } => {
            l.tr_args(msg::DETECT_NOT_FOUND, &[("domain", domain.clone().into())])
        }
        DiscoverError::Setup(reason) => l.tr_args(
            msg::DETECT_SETUP_FAILED,
            &[("reason", reason.clone().into())],
        ),
    }
}

fn credential_name(l: &Localizer, provider: Option<&Provider>) -> String {
    l.tr(provider
        .map(|p| p.credential)
        .unwrap_or(CredentialKind::AuthCode)
        .message_id())
}

pub fn code_warning(l: &Localizer, provider: Option<&Provider>, w: &CodeWarning) -> String {
    let name = provider.map(|p| l.tr(&p.name)).unwrap_or_default();
    let credential = match provider {
        Some(_) => credential_name(l, provider),
        None => l.tr(msg::CREDENTIAL_PASSWORD),
    };
    match w {
        CodeWarning::Empty => l.tr_args(msg::CODE_EMPTY, &[("credential", credential.into())]),
        CodeWarning::LooksLikePassword => l.tr_args(
            msg::CODE_WARN_DIGITS,
            &[("provider", name.into()), ("credential", credential.into())],
        ),
        CodeWarning::WrongShape { expected, actual } => l.tr_args(
            msg::CODE_WARN_FORMAT,
            &[
                ("provider", name.into()),
                ("credential", credential.into()),
                ("length", (*expected).into()),
                ("actual", (*actual).into()),
            ],
        ),
        CodeWarning::NotACode { expected } => l.tr_args(
            msg::CODE_WARN_PASSWORD,
            &[
                ("provider", name.into()),
                ("credential", credential.into()),
                ("length", (*expected).into()),
            ],
        ),
        CodeWarning::OauthOnly => l.tr_args(msg::CODE_WARN_OAUTH, &[("provider", name.into())]),
        CodeWarning::EdgeSpaces => l.tr(msg::CODE_WARN_EDGE_SPACES),
    }
}

/// The localised sentence for a failed probe.
pub fn advice(l: &Localizer, d: &Diagnosis, r: &ProbeReport, provider: Option<&str>) -> String {
    let provider = provider.and_then(|id| Catalog::builtin().by_id(id));
    let args: [(&str, FluentValue<'_>); 3] = [
        ("host", r.endpoint.host.clone().into()),
        ("port", r.endpoint.port.into()),
        ("credential", credential_name(l, provider).into()),
    ];
    l.tr_args(d.advice_id, &args)
}

/// Why a check could not start.
pub fn setup_error(l: &Localizer, e: &SetupError) -> String {
    match e {
        SetupError::UnknownProvider(domain) => {
            l.tr_args(msg::UNKNOWN_PROVIDER, &[("domain", domain.clone().into())])
        }
        SetupError::CaFile { path, reason } => l.tr_args(
            msg::CA_FILE_FAILED,
            &[
                ("path", self::path(path).into()),
                ("reason", reason.clone().into()),
            ],
        ),
    }
}

/// A credential refused before connecting.
pub fn credential_error(l: &Localizer, e: &CredentialError) -> String {
    match e {
        CredentialError::Empty => l.tr_args(
            msg::CODE_EMPTY,
            &[("credential", l.tr(msg::CREDENTIAL_PASSWORD).into())],
        ),
        CredentialError::Format(p, w) => code_warning(l, Some(p), w),
    }
}

/// The secret store as this OS calls it (Windows Credential Manager, Keychain, …), with the OS
/// itself for sentences whose advice differs by platform.
fn keyring_args(l: &Localizer) -> [(&'static str, FluentValue<'static>); 2] {
    let os = std::env::consts::OS;
    let name = l.tr_args(msg::KEYRING_NAME, &[("os", os.into())]);
    [("keyring", name.into()), ("os", os.into())]
}

/// An unreadable accounts file was kept aside at `aside`.
pub fn set_aside(l: &Localizer, aside: &std::path::Path) -> String {
    l.tr_args(msg::STORE_FILE_CORRUPT, &[("path", path(aside).into())])
}

/// "Saved: the code is in the <keyring>, the server settings in <path>."
pub fn saved(l: &Localizer, path: &std::path::Path, sign_in: crate::store::SignIn) -> String {
    let [keyring, os] = keyring_args(l);
    l.tr_args(
        match sign_in {
            crate::store::SignIn::Password => msg::STORE_SAVED,
            crate::store::SignIn::OAuth => msg::STORE_SAVED_OAUTH,
        },
        &[keyring, os, ("path", self::path(path).into())],
    )
}

/// The same for the window: where the code went, in the words of the OS, and no file path (a
/// path means nothing to the person the wizard is for; the CLI and the report give it).
pub fn saved_plain(l: &Localizer, credential: &str, sign_in: crate::store::SignIn) -> String {
    let [keyring, os] = keyring_args(l);
    l.tr_args(
        match sign_in {
            crate::store::SignIn::Password => msg::SAVED,
            crate::store::SignIn::OAuth => msg::SAVED_OAUTH,
        },
        &[keyring, os, ("credential", credential.to_string().into())],
    )
}

pub fn store_error(l: &Localizer, e: &StoreError) -> String {
    let [keyring, os] = keyring_args(l);
    match e {
        StoreError::KeyringUnavailable(_) => {
            l.tr_args(msg::STORE_KEYRING_UNAVAILABLE, &[keyring, os])
        }
        StoreError::Keyring(reason) => l.tr_args(
            msg::STORE_KEYRING_FAILED,
            &[keyring, ("reason", reason.clone().into())],
        ),
        StoreError::File { path, reason } => l.tr_args(
            msg::STORE_FILE_FAILED,
            &[
                ("path", self::path(path).into()),
                ("reason", reason.clone().into()),
            ],
        ),
        StoreError::Exists(address) => {
            l.tr_args(msg::STORE_EXISTS, &[("address", address.clone().into())])
        }
        StoreError::NoConfigDir => l.tr_args(
            msg::STORE_FILE_FAILED,
            &[
                ("path", "accounts.json".into()),
                ("reason", e.to_string().into()),
            ],
        ),
    }
}

/// One server's settings as a mail app asks for them: "IMAP: host:993 (TLS), user name …".
pub fn endpoint_line(l: &Localizer, protocol_id: &str, e: &Endpoint) -> String {
    l.tr_args(
        msg::ENDPOINT_LINE,
        &[
            ("protocol", l.tr(protocol_id).into()),
            ("host", e.host.clone().into()),
            ("port", e.port.into()),
            ("security", e.security.as_str().to_uppercase().into()),
            ("username", e.username.clone().into()),
        ],
    )
}

/// A setup link that cannot be used, and what to do instead.
pub fn link_error(l: &Localizer, e: &crate::link::LinkError) -> String {
    use crate::link::LinkError;
    let (id, value) = match e {
        LinkError::NotALink => return l.tr(msg::LINK_NOT_A_LINK),
        LinkError::UnknownParameter(v) => (msg::LINK_UNKNOWN_PARAMETER, v),
        LinkError::Repeated(v) => (msg::LINK_REPEATED, v),
        LinkError::UnknownProvider(v) => (msg::LINK_UNKNOWN_PROVIDER, v),
        LinkError::BadAddress(v) => (msg::LINK_BAD_ADDRESS, v),
        LinkError::UnknownLang(v) => (msg::LINK_UNKNOWN_LANG, v),
    };
    l.tr_args(id, &[("value", value.clone().into())])
}

/// Who runs the sign-in page: "Microsoft" for Outlook.com and Microsoft 365, "Google" for
/// Gmail and Workspace (the name people see on that page).
pub fn oauth_company(l: &Localizer, p: &Provider) -> String {
    match p.oauth.as_ref().map(|o| o.client.as_str()) {
        Some("microsoft") => "Microsoft".to_string(),
        Some("google") => "Google".to_string(),
        _ => l.tr(&p.name),
    }
}

/// The sign-in button: "Sign in with Microsoft" / "使用微软账号登录".
pub fn oauth_button(l: &Localizer, p: &Provider) -> String {
    let client = p.oauth.as_ref().map_or("", |o| o.client.as_str());
    l.tr_args(msg::OAUTH_BUTTON, &[("client", client.to_string().into())])
}

/// Why a browser sign-in (or the refresh of a saved one) did not work, and what to do.
pub fn oauth_error(l: &Localizer, e: &crate::oauth::OAuthError, p: &Provider) -> String {
    use crate::oauth::OAuthError as E;
    let company: FluentValue<'_> = oauth_company(l, p).into();
    let minutes = (crate::oauth::SIGN_IN_TIMEOUT.as_secs() / 60).into();
    match e {
        E::NoClientId(_) => l.tr_args(msg::OAUTH_NO_CLIENT, &[("provider", company)]),
        E::Denied(_) => l.tr_args(msg::OAUTH_DENIED, &[("provider", company)]),
        E::Timeout => l.tr_args(msg::OAUTH_TIMEOUT, &[("minutes", minutes)]),
        E::Revoked(_) => l.tr(msg::OAUTH_REVOKED),
        E::Failed(reason) => l.tr_args(msg::OAUTH_FAILED, &[("reason", reason.clone().into())]),
        E::NoRefreshToken => l.tr_args(msg::OAUTH_NO_REFRESH, &[("provider", company)]),
        E::Cancelled => l.tr(msg::OAUTH_CANCELLED),
    }
}

/// The small pages the browser shows after coming back to the loopback listener.
pub fn oauth_pages(l: &Localizer) -> crate::oauth::Pages {
    crate::oauth::Pages {
        done: l.tr(msg::OAUTH_PAGE_DONE),
        denied: l.tr(msg::OAUTH_PAGE_DENIED),
        refused: l.tr(msg::OAUTH_PAGE_REFUSED),
    }
}

/// How an account signs in, in words ("password", "browser sign-in (OAuth)").
pub fn sign_in_name(l: &Localizer, s: crate::store::SignIn) -> String {
    l.tr(match s {
        crate::store::SignIn::Password => msg::SIGN_IN_PASSWORD,
        crate::store::SignIn::OAuth => msg::SIGN_IN_OAUTH,
    })
}

/// A mail app's name as the user knows it.
pub fn app_name(l: &Localizer, app: crate::handoff::MailApp) -> String {
    use crate::handoff::MailApp;
    l.tr(match app {
        MailApp::Thunderbird => msg::APP_THUNDERBIRD,
        MailApp::Evolution => msg::APP_EVOLUTION,
        MailApp::Outlook => msg::APP_OUTLOOK,
        MailApp::Foxmail => msg::APP_FOXMAIL,
        MailApp::WindowsMail => msg::APP_WINDOWS_MAIL,
        MailApp::MailMaster => msg::APP_MAIL_MASTER,
        MailApp::AppleMail => msg::APP_APPLE_MAIL,
        MailApp::Iphone => msg::APP_IPHONE,
        MailApp::Android => msg::APP_ANDROID,
        MailApp::Program => msg::APP_PROGRAM,
    })
}

/// `apps`: one app, whether it is on this computer and how it gets the account.
pub fn app_line(l: &Localizer, f: &crate::handoff::Found) -> String {
    use crate::handoff::{MailApp, Way};
    let way = match (f.app, f.way) {
        // Microsoft ended it on 31 Dec 2024: no steps for an app that no longer works.
        (MailApp::WindowsMail, _) => msg::HANDOFF_RETIRED_WINDOWS_MAIL,
        (_, Way::Direct) => msg::HANDOFF_WAY_DIRECT,
        (_, Way::Guided) => msg::HANDOFF_WAY_GUIDED,
    };
    // Phones are never on this computer: they scan a QR code in the window.
    let here = match (f.app, f.installed) {
        (MailApp::Iphone | MailApp::Android, _) => msg::HANDOFF_PHONE,
        (_, true) => msg::HANDOFF_INSTALLED,
        (_, false) => msg::HANDOFF_NOT_INSTALLED,
    };
    l.tr_args(
        msg::CLI_APP_LINE,
        &[
            ("name", app_name(l, f.app).into()),
            ("here", l.tr(here).into()),
            ("way", l.tr(way).into()),
        ],
    )
}

/// After a removal: the mail apps that still have the account (this app leaves them as they
/// are), or nothing when it was handed to none.
pub fn still_handed(l: &Localizer, handed: &[crate::apps::HandOff]) -> Option<String> {
    if handed.is_empty() {
        return None;
    }
    let apps = handed_names(l, handed);
    Some(l.tr_args(msg::STORE_STILL_HANDED, &[("apps", apps.into())]))
}

/// A browser sign-in renewed: the apps it was handed to sign in through the provider's page
/// themselves, so nothing of ours is given to them (the wizard's mend card, `repair`).
pub fn oauth_apps_sign_in_themselves(
    l: &Localizer,
    p: &Provider,
    apps: &[crate::apps::HandOff],
) -> String {
    let args = [
        ("apps", handed_names(l, apps).into()),
        ("provider", oauth_company(l, p).into()),
    ];
    l.tr_args(msg::REPAIR_OAUTH_APPS, &args)
}

/// The mail apps an account was handed to, a Thunderbird profile by its folder.
pub fn handed_names(l: &Localizer, handed: &[crate::apps::HandOff]) -> String {
    use crate::apps::MailApp;
    // In the order the apps are offered (Thunderbird first), not the order they were handed.
    let mut handed: Vec<&crate::apps::HandOff> = handed.iter().collect();
    handed.sort_by_key(|h| MailApp::ALL.iter().position(|a| *a == h.app));
    let mut apps: Vec<String> = handed
        .iter()
        .map(|h| match &h.place {
            Some(place) if h.app == MailApp::Thunderbird => {
                format!("{} ({})", app_name(l, h.app), path(place))
            }
            _ => app_name(l, h.app),
        })
        .collect();
    let Some(last) = apps.pop() else {
        return String::new();
    };
    if apps.is_empty() {
        return last;
    }
    let first = apps.join(l.tr(msg::LIST_SEPARATOR).as_str());
    l.tr_args(
        msg::LIST_AND,
        &[("first", first.into()), ("last", last.into())],
    )
}

/// What a direct set-up did, and what the user does next.
pub fn added(
    l: &Localizer,
    app: crate::handoff::MailApp,
    account: &crate::store::Account,
    added: &crate::handoff::Added,
    profile: &std::path::Path,
) -> String {
    use crate::handoff::Added;
    let id = match added {
        Added::AlreadyThere => msg::HANDOFF_ALREADY,
        Added::Updated { .. } => msg::HANDOFF_UPDATED,
        Added::Added { password: true, .. } => msg::HANDOFF_ADDED,
        Added::Added { .. } if account.sign_in == crate::store::SignIn::OAuth => {
            msg::HANDOFF_ADDED_OAUTH
        }
        Added::Added { .. } => msg::HANDOFF_ADDED_ASKS,
    };
    let said = l.tr_args(
        id,
        &[
            ("app", app_name(l, app).into()),
            ("address", account.address.clone().into()),
            ("profile", path(profile).into()),
        ],
    );
    match company_ca(l, app, account, added) {
        Some(ca) => l.then(&said, &ca),
        None => said,
    }
}

/// The mail apps trust only their own certificate store, not the company CA this app was
/// given, so they ask once about the server's certificate: say which dialog and which button
/// (the real Evolution shows exactly this prompt, tests/harness/evolution_window.sh).
fn company_ca(
    l: &Localizer,
    app: crate::handoff::MailApp,
    account: &crate::store::Account,
    added: &crate::handoff::Added,
) -> Option<String> {
    use crate::handoff::{Added, MailApp};
    // An account the app already had: its certificate was accepted the first time.
    if account.ca.is_none() || matches!(added, Added::AlreadyThere | Added::Updated { .. }) {
        return None;
    }
    let id = match app {
        MailApp::Thunderbird => msg::HANDOFF_CA_THUNDERBIRD,
        MailApp::Evolution => msg::HANDOFF_CA_EVOLUTION,
        _ => return None,
    };
    Some(l.tr_args(id, &[("host", account.imap.host.clone().into())]))
}

/// Why a saved account could not be handed to a mail app; nothing was changed.
pub fn add_to_error(
    l: &Localizer,
    app: crate::handoff::MailApp,
    e: &crate::setup::AddToError,
    profile: &std::path::Path,
) -> String {
    use crate::setup::AddToError as E;
    match e {
        E::Store(s) => store_error(l, s),
        E::NotSaved(a) => l.tr_args(msg::STORE_NOT_FOUND, &[("address", a.clone().into())]),
        E::App(a) => handoff_error(l, app, a, profile),
    }
}

/// The provider's name as people see it, else the address: the title of a profile or export.
pub fn account_title(l: &Localizer, account: &crate::store::Account) -> String {
    account
        .provider
        .as_deref()
        .and_then(|id| Catalog::builtin().by_id(id))
        .map(|p| l.tr(&p.name))
        .unwrap_or_else(|| account.address.clone())
}

/// Why the account could not go to a phone; `credential` names the code as the provider does.
pub fn phone_error(l: &Localizer, e: &crate::setup::PhoneError, credential: &str) -> String {
    use crate::setup::PhoneError as E;
    use crate::share::ShareError;
    match e {
        // Never App: nothing is written into an app for a phone.
        E::Account(a) => add_to_error(
            l,
            crate::handoff::MailApp::Iphone,
            a,
            std::path::Path::new(""),
        ),
        E::NoCode => l.tr_args(
            msg::PHONE_NO_CODE,
            &[("credential", credential.to_string().into())],
        ),
        E::Share(ShareError::NoNetwork) => l.tr(msg::PHONE_NO_NETWORK),
        E::Share(ShareError::Listen(reason)) => l.tr_args(
            msg::PHONE_LISTEN_FAILED,
            &[("reason", reason.clone().into())],
        ),
        E::Share(ShareError::Expired) => l.tr(msg::PHONE_EXPIRED),
        E::Write { path: p, reason } => l.tr_args(
            msg::EXPORT_WRITE_FAILED,
            &[("path", path(p).into()), ("reason", reason.clone().into())],
        ),
    }
}

/// Why a certificate file cannot be trusted.
pub fn ca_error(l: &Localizer, e: &crate::setup::certificate::CaError) -> String {
    use crate::setup::certificate::CaError;
    match e {
        CaError::NoCertificate(p) => {
            l.tr_args(msg::CA_NOT_A_CERTIFICATE, &[("path", path(p).into())])
        }
        CaError::Unreadable { path: p, reason } => l.tr_args(
            msg::CA_UNREADABLE,
            &[("path", path(p).into()), ("reason", reason.clone().into())],
        ),
    }
}

/// Why a direct set-up could not be done; nothing was changed in every case.
pub fn handoff_error(
    l: &Localizer,
    app: crate::handoff::MailApp,
    e: &crate::handoff::HandoffError,
    profile: &std::path::Path,
) -> String {
    use crate::handoff::{HandoffError as E, KeyDbError};
    let at = ("path", path(profile).into());
    match e {
        E::Running => l.tr_args(msg::HANDOFF_RUNNING, &[("app", app_name(l, app).into())]),
        E::NoProfile(p) => l.tr_args(msg::HANDOFF_NO_PROFILE_AT, &[("path", path(p).into())]),
        E::Unreadable(p) => l.tr_args(msg::HANDOFF_UNREADABLE, &[("path", path(p).into())]),
        E::Keys(KeyDbError::PrimaryPassword) => l.tr(msg::HANDOFF_PRIMARY_PASSWORD),
        E::Keys(other) => l.tr_args(
            msg::HANDOFF_PASSWORDS_FAILED,
            &[at, ("reason", other.to_string().into())],
        ),
        E::Io { path: p, reason } => l.tr_args(
            msg::HANDOFF_FAILED,
            &[("path", path(p).into()), ("reason", reason.clone().into())],
        ),
    }
}

/// The round trip's letter in the user's language.
pub fn letter(l: &Localizer) -> crate::probe::roundtrip::Letter {
    crate::probe::roundtrip::Letter {
        subject: l.tr(msg::ROUND_TRIP_SUBJECT),
        body: format!("{}\r\n", l.tr(msg::ROUND_TRIP_BODY)),
    }
}

/// Where the test message arrived, and, when it could not be removed, where it stays.
pub fn round_trip(l: &Localizer, t: &crate::probe::roundtrip::RoundTrip) -> String {
    use crate::probe::roundtrip::{Arrived, Removal};
    let folder = t.folder.clone().unwrap_or_default();
    let seconds = seconds(t.after_ms);
    let args = [("seconds", seconds.into()), ("folder", folder.into())];
    let arrived = l.tr_args(
        match t.arrived {
            Arrived::Inbox => msg::ROUND_TRIP_ARRIVED,
            Arrived::Junk => msg::ROUND_TRIP_JUNK,
            Arrived::NotYet => msg::ROUND_TRIP_NOT_YET,
            Arrived::Unknown => msg::ROUND_TRIP_UNKNOWN,
        },
        &args,
    );
    match t.removal {
        Removal::Left => format!("{arrived}\n{}", l.tr_args(msg::ROUND_TRIP_LEFT, &args)),
        _ => arrived,
    }
}

/// Milliseconds as seconds with one decimal under ten ("0.8", "12").
fn seconds(ms: u64) -> String {
    if ms < 10_000 {
        format!("{:.1}", ms.max(100) as f64 / 1000.0)
    } else {
        (ms / 1000).to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn apps_word_phones_as_phones_and_windows_mail_as_ended() {
        use super::app_line;
        use crate::handoff::{Found, MailApp};
        use crate::i18n::{Lang, Localizer, msg};
        let l = Localizer::new(Lang::En);
        let line = |app: MailApp| {
            let f = Found {
                app,
                installed: false,
                way: app.way(),
                profiles: Vec::new(),
            };
            app_line(&l, &f)
        };
        let phone = l.tr(msg::HANDOFF_PHONE);
        assert!(line(MailApp::Iphone).contains(&phone));
        assert!(line(MailApp::Android).contains(&phone));
        assert!(!line(MailApp::Android).contains(&l.tr(msg::HANDOFF_NOT_INSTALLED)));
        assert!(line(MailApp::WindowsMail).contains(&l.tr(msg::HANDOFF_RETIRED_WINDOWS_MAIL)));
        assert!(line(MailApp::Foxmail).contains(&l.tr(msg::HANDOFF_NOT_INSTALLED)));
    }

    use super::path;

    /// A company account handed to Thunderbird or Evolution says which certificate dialog the
    /// app shows and which button to press; other accounts, and "already has", say nothing more.
    #[test]
    fn a_company_ca_says_what_the_mail_app_will_ask() {
        use crate::catalog::{Endpoint, Security};
        use crate::handoff::{Added, MailApp};
        use crate::i18n::{Lang, Localizer};
        let end = |host: &str, port| Endpoint {
            host: host.into(),
            port,
            security: Security::Tls,
            username: "zs@corp.example".into(),
        };
        let mut account = crate::store::Account {
            address: "zs@corp.example".into(),
            provider: None,
            imap: end("mail.corp.example", 993),
            smtp: end("mail.corp.example", 465),
            sign_in: crate::store::SignIn::Password,
            saved_at: 0,
            ca: Some("corp.pem".into()),
            handed: Vec::new(),
            name: None,
        };
        let added = Added::Added {
            backups: Vec::new(),
            password: true,
        };
        let l = Localizer::new(Lang::En);
        let p = std::path::Path::new("/p");
        let evo = super::added(&l, MailApp::Evolution, &account, &added, p);
        assert!(evo.contains("is now in Evolution"), "{evo}");
        assert!(
            evo.contains("mail.corp.example, choose \"Accept Permanently\""),
            "{evo}"
        );
        let tb = super::added(&l, MailApp::Thunderbird, &account, &added, p);
        assert!(tb.contains("\"Confirm Security Exception\""), "{tb}");
        let zh = super::added(
            &Localizer::new(Lang::ZhCn),
            MailApp::Evolution,
            &account,
            &added,
            p,
        );
        assert!(zh.contains("“永久接受”"), "{zh}");
        let again = super::added(&l, MailApp::Evolution, &account, &Added::AlreadyThere, p);
        assert!(!again.contains("certificate"), "{again}");
        account.ca = None;
        let plain = super::added(&l, MailApp::Evolution, &account, &added, p);
        assert!(!plain.contains("certificate"), "{plain}");
    }

    #[cfg(unix)]
    #[test]
    fn paths_under_home_are_shown_with_a_tilde() {
        let Some(home) = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()) else {
            return;
        };
        if home.parent().is_none() {
            return; // HOME=/ : nothing to shorten
        }
        let p = home.join(".config/mailsetup/accounts.json");
        assert_eq!(path(&p), "~/.config/mailsetup/accounts.json");
        assert_eq!(path(std::path::Path::new("/etc/x")), "/etc/x");
        // A sibling that only shares the prefix as text is not under home.
        let sibling = format!("{}-other/x", home.display());
        assert_eq!(path(std::path::Path::new(&sibling)), sibling);
    }
}
