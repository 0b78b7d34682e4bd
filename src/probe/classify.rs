//! From a failure and the server's own words to a cause and a fix. The providers' known lines
//! (the catalog's `replies`) are matched first, so the advice can name the exact setting.

use super::{ErrorKind, ProbeError, Protocol, Stage, TlsReason};
use crate::catalog::{Catalog, CredentialKind, Provider, ReplyKind};
use crate::i18n::msg;

/// A generic server line: a lower-case fragment and what it means. Provider-specific lines are
/// the catalog's (`replies` in assets/providers.json) and are tried first: they are more
/// specific than the generic words they contain.
struct Known {
    fragment: &'static str,
    kind: ErrorKind,
    advice: &'static str,
}

const fn known(fragment: &'static str, kind: ErrorKind, advice: &'static str) -> Known {
    Known {
        fragment,
        kind,
        advice,
    }
}

const KNOWN: &[Known] = &[
    // The sender must be the signed-in address: "553 Mail from must equal authorized user";
    // Postfix: "553 5.7.1 <…>: Sender address rejected: not owned by user …".
    known(
        "mail from must equal authorized user",
        ErrorKind::SendRefused,
        msg::ADVICE_SENDER_MISMATCH,
    ),
    known(
        "not owned by user",
        ErrorKind::SendRefused,
        msg::ADVICE_SENDER_MISMATCH,
    ),
    // "552 5.3.4 Message size exceeds fixed maximum message size".
    known(
        "size exceeds",
        ErrorKind::SendRefused,
        msg::ADVICE_TOO_LARGE,
    ),
    known("too large", ErrorKind::SendRefused, msg::ADVICE_TOO_LARGE),
    known("daily", ErrorKind::RateLimited, msg::ADVICE_DAILY_LIMIT),
    known(
        "too many login",
        ErrorKind::RateLimited,
        msg::ADVICE_RATE_LIMITED,
    ),
    known("too many", ErrorKind::RateLimited, msg::ADVICE_RATE_LIMITED),
    known(
        "rate limit",
        ErrorKind::RateLimited,
        msg::ADVICE_RATE_LIMITED,
    ),
    known(
        "try again later",
        ErrorKind::RateLimited,
        msg::ADVICE_RATE_LIMITED,
    ),
    known("频繁", ErrorKind::RateLimited, msg::ADVICE_RATE_LIMITED),
    known("[authenticationfailed]", ErrorKind::Auth, msg::ADVICE_AUTH),
    known("authentication failed", ErrorKind::Auth, msg::ADVICE_AUTH),
];

/// A server line recognised: its cause, the advice, and whose line it is (for a provider's).
struct Match {
    kind: ErrorKind,
    advice: &'static str,
    provider: Option<&'static Provider>,
}

fn error_kind(kind: ReplyKind) -> ErrorKind {
    match kind {
        ReplyKind::Auth => ErrorKind::Auth,
        ReplyKind::ClientNotAllowed => ErrorKind::ClientNotAllowed,
        ReplyKind::ServiceDisabled => ErrorKind::ServiceDisabled,
        ReplyKind::SendRefused => ErrorKind::SendRefused,
        ReplyKind::RateLimited => ErrorKind::RateLimited,
    }
}

/// The provider lines of the catalog first, then the generic ones.
fn lookup(text: &str) -> Option<Match> {
    if let Some((p, r)) = Catalog::builtin().reply_in(text) {
        return Some(Match {
            kind: error_kind(r.kind),
            advice: r.advice.as_str(),
            provider: Some(p),
        });
    }
    let lower = text.to_lowercase();
    KNOWN
        .iter()
        .find(|k| lower.contains(k.fragment))
        .map(|k| Match {
            kind: k.kind,
            advice: k.advice,
            provider: None,
        })
}

/// Sharpens the kind from what the server said (called once, where the error is made).
pub fn refine(protocol: Protocol, e: &mut ProbeError) {
    let Some(text) = e.server_text.as_deref() else {
        return;
    };
    if let Some(k) = lookup(text) {
        // A timeout or TLS failure is what it is, whatever was said before.
        if !matches!(e.kind, ErrorKind::Timeout | ErrorKind::Tls) {
            e.kind = k.kind;
        }
        return;
    }
    if protocol == Protocol::Smtp && e.stage == Stage::Send && e.kind == ErrorKind::Protocol {
        // A refusal lettre could not parse (GBK text) still says 5xx or 4xx.
        match last_line(text).get(..1) {
            Some("5") => e.kind = ErrorKind::SendRefused,
            Some("4") => e.kind = ErrorKind::Temporary,
            _ => {}
        }
        return;
    }
    if protocol != Protocol::Smtp || e.stage != Stage::Auth {
        return;
    }
    // An AUTH reply that lettre could not parse (e.g. GBK text) still says 5xx: a refusal.
    if e.kind == ErrorKind::Protocol && last_line(text).starts_with('5') {
        e.kind = ErrorKind::Auth;
    }
    // Some servers refuse a wrong password with a 4xx ("454 4.7.0 Invalid username or
    // password"); RFC 4954's own "454 Temporary authentication failure" stays temporary.
    if e.kind == ErrorKind::Temporary && names_the_credential(text) {
        e.kind = ErrorKind::Auth;
    }
}

fn names_the_credential(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "password",
        "credential",
        "username",
        "user name",
        "invalid login",
        "密码",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or_default()
}

/// One cause for both servers: neither could be reached, the same way (no name resolves, both
/// refused, both silent). Most often this computer is offline, and two cards blaming two servers
/// (each with a help article) would send the user the wrong way: it is said once.
pub fn shared_cause(imap: &super::ProbeReport, smtp: &super::ProbeReport) -> Option<&'static str> {
    let (a, b) = (imap.error.as_ref()?, smtp.error.as_ref()?);
    let unreachable = |e: &ProbeError| matches!(e.stage, Stage::Resolve | Stage::Connect);
    if a.kind != b.kind || !unreachable(a) || !unreachable(b) {
        return None;
    }
    match a.kind {
        ErrorKind::Dns => Some(msg::ADVICE_OFFLINE_DNS),
        ErrorKind::Refused | ErrorKind::Timeout => Some(msg::ADVICE_OFFLINE),
        _ => None,
    }
}

/// What to tell the user: a Fluent message id and the page that helps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    pub advice_id: &'static str,
    pub help_url: Option<String>,
}

/// `provider` is the provider the address belongs to, if known.
pub fn diagnose(e: &ProbeError, provider: Option<&'static Provider>) -> Diagnosis {
    let settings = |p: Option<&Provider>| p.and_then(Provider::settings_url).map(str::to_string);
    let help = |p: Option<&Provider>| {
        p.and_then(|p| p.link("help").or_else(|| p.link("settings")))
            .map(str::to_string)
    };
    if let Some(k) = e.server_text.as_deref().and_then(lookup)
        && (k.provider.is_some() || e.stage == Stage::Send)
    {
        // The user's own provider page when the line is from a sibling (126 vs 163).
        let owner = provider.or(k.provider);
        // A refused message is fixed by the provider's rules (help), a service that is off in
        // its settings.
        let page = if e.stage == Stage::Send && k.kind != ErrorKind::ServiceDisabled {
            help(owner)
        } else {
            settings(owner)
        };
        return Diagnosis {
            advice_id: k.advice,
            help_url: page,
        };
    }
    let (advice_id, help_url) = match e.kind {
        ErrorKind::Auth => (
            match provider {
                Some(p) if p.credential != CredentialKind::Password => {
                    p.auth_advice.as_deref().unwrap_or(msg::ADVICE_AUTH)
                }
                // A company server, or a provider without codes: the login password is the
                // credential, and "it is not your login password" would be wrong.
                _ => msg::ADVICE_AUTH_PASSWORD,
            },
            settings(provider),
        ),
        ErrorKind::AuthUnsupported => (msg::ADVICE_AUTH_UNSUPPORTED, help(provider)),
        ErrorKind::Temporary if e.stage == Stage::Send => {
            (msg::ADVICE_SEND_TEMPORARY, help(provider))
        }
        ErrorKind::Temporary => (msg::ADVICE_TEMPORARY, help(provider)),
        ErrorKind::SendRefused => (msg::ADVICE_SEND_REFUSED, help(provider)),
        // A handshake that met plain text wants STARTTLS; a silent port that speaks TLS wants
        // SSL/TLS.
        ErrorKind::SecurityMismatch if e.stage == Stage::Tls => {
            (msg::ADVICE_WANTS_STARTTLS, help(provider))
        }
        ErrorKind::SecurityMismatch => (msg::ADVICE_WANTS_TLS, help(provider)),
        ErrorKind::ServiceDisabled => (msg::ADVICE_SERVICE_DISABLED, settings(provider)),
        ErrorKind::ClientNotAllowed => (msg::ADVICE_CLIENT_NOT_ALLOWED, settings(provider)),
        ErrorKind::RateLimited => (msg::ADVICE_RATE_LIMITED, help(provider)),
        ErrorKind::Dns => (msg::ADVICE_DNS, help(provider)),
        ErrorKind::Refused => (msg::ADVICE_REFUSED, help(provider)),
        ErrorKind::Timeout => (msg::ADVICE_TIMEOUT, help(provider)),
        ErrorKind::StarttlsUnavailable => (msg::ADVICE_STARTTLS_UNAVAILABLE, help(provider)),
        ErrorKind::Protocol => (msg::ADVICE_PROTOCOL, help(provider)),
        ErrorKind::Tls => (
            match e.tls_reason {
                Some(TlsReason::UnknownIssuer) => msg::ADVICE_TLS_UNKNOWN_ISSUER,
                Some(TlsReason::NameMismatch) => msg::ADVICE_TLS_NAME_MISMATCH,
                Some(TlsReason::Expired) => msg::ADVICE_TLS_EXPIRED,
                _ => msg::ADVICE_TLS_OTHER,
            },
            help(provider),
        ),
    };
    Diagnosis {
        advice_id,
        help_url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(protocol: Protocol, stage: Stage, kind: ErrorKind, text: &str) -> ProbeError {
        let mut e = ProbeError {
            stage,
            kind,
            tls_reason: None,
            server_text: Some(text.to_string()),
            detail: String::new(),
        };
        refine(protocol, &mut e);
        e
    }

    /// A server line as the probe got it, and the cause, advice and owner it must come out as.
    type Case = (
        Protocol,
        Stage,
        ErrorKind,
        &'static str,
        ErrorKind,
        &'static str,
        Option<&'static str>,
    );

    /// Every real provider line we know.
    const KNOWN_LINES: &[Case] = &[
        (
            Protocol::Smtp,
            Stage::Auth,
            ErrorKind::Auth,
            "535 Login Fail. Please enter your authorization code to login. More information in https://service.mail.qq.com/detail/0/53",
            ErrorKind::Auth,
            msg::ADVICE_QQ_AUTH_CODE,
            Some("qq"),
        ),
        (
            Protocol::Smtp,
            Stage::Auth,
            ErrorKind::Protocol,
            "535 Error: 请使用授权码登录。详情请看: http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=28&&no=1001256",
            ErrorKind::Auth,
            msg::ADVICE_QQ_AUTH_CODE,
            Some("qq"),
        ),
        (
            Protocol::Imap,
            Stage::Login,
            ErrorKind::Auth,
            "A2 NO Login fail. Account is abnormal, service is not open, password is incorrect, login frequency limited, or system is busy. More information at https://help.mail.qq.com/detail/108/1023",
            ErrorKind::Auth,
            msg::ADVICE_QQ_LOGIN_FAIL,
            Some("qq"),
        ),
        (
            Protocol::Imap,
            Stage::Select,
            ErrorKind::Protocol,
            "A4 NO SELECT Unsafe Login. Please contact kefu@188.com for help",
            ErrorKind::ClientNotAllowed,
            msg::ADVICE_NETEASE_UNSAFE_LOGIN,
            Some("netease-163"),
        ),
        (
            Protocol::Smtp,
            Stage::Auth,
            ErrorKind::Protocol,
            "550 User has no permission",
            ErrorKind::ServiceDisabled,
            msg::ADVICE_NETEASE_SMTP_OFF,
            Some("netease-163"),
        ),
        (
            Protocol::Smtp,
            Stage::Auth,
            ErrorKind::Auth,
            "535 Error: 请使用客户端专用密码登录",
            ErrorKind::Auth,
            msg::ADVICE_EXMAIL_CLIENT_PASSWORD,
            Some("exmail"),
        ),
        (
            Protocol::Smtp,
            Stage::Auth,
            ErrorKind::Auth,
            "534-5.7.9 Application-specific password required. For more information, go to\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor",
            ErrorKind::Auth,
            msg::ADVICE_GMAIL_APP_PASSWORD,
            Some("gmail"),
        ),
        (
            Protocol::Imap,
            Stage::Login,
            ErrorKind::Auth,
            "A3 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)",
            ErrorKind::Auth,
            msg::ADVICE_GMAIL_APP_PASSWORD,
            Some("gmail"),
        ),
        (
            Protocol::Smtp,
            Stage::Auth,
            ErrorKind::Auth,
            "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [AM0PR04CA0030.eurprd04.prod.outlook.com]",
            ErrorKind::ClientNotAllowed,
            msg::ADVICE_OUTLOOK_BASIC_AUTH_OFF,
            Some("outlook"),
        ),
        (
            Protocol::Imap,
            Stage::Login,
            ErrorKind::Auth,
            "A2 NO [AUTHENTICATIONFAILED] Authentication failed.",
            ErrorKind::Auth,
            msg::ADVICE_AUTH_PASSWORD,
            None,
        ),
        (
            Protocol::Smtp,
            Stage::Auth,
            ErrorKind::Protocol,
            "421 4.7.0 Too many login attempts, please try again later",
            ErrorKind::RateLimited,
            msg::ADVICE_RATE_LIMITED,
            None,
        ),
        (
            Protocol::Smtp,
            Stage::Auth,
            ErrorKind::Protocol,
            "535 5.7.8 Error: authentication failed: bad credentials",
            ErrorKind::Auth,
            msg::ADVICE_AUTH_PASSWORD,
            None,
        ),
    ];

    /// Every real provider line we know gets the cause and advice it must produce.
    #[test]
    fn every_known_line_is_classified() {
        let c = Catalog::builtin();
        for (proto, stage, kind, text, want_kind, want_advice, owner) in KNOWN_LINES {
            let e = err(*proto, *stage, *kind, text);
            assert_eq!(e.kind, *want_kind, "{text}");
            let d = diagnose(&e, None);
            assert_eq!(d.advice_id, *want_advice, "{text}");
            let want_url = owner
                .and_then(|id| c.by_id(id))
                .and_then(Provider::settings_url)
                .map(str::to_string);
            assert_eq!(d.help_url, want_url, "{text}");
        }
    }

    #[test]
    fn sibling_provider_gets_its_own_page() {
        let c = Catalog::builtin();
        let p126 = c.by_id("netease-126");
        let e = err(
            Protocol::Smtp,
            Stage::Auth,
            ErrorKind::Auth,
            "550 User has no permission",
        );
        let d = diagnose(&e, p126);
        assert_eq!(d.help_url.as_deref(), p126.and_then(Provider::settings_url));
    }

    #[test]
    fn auth_failure_advice_follows_the_provider() {
        let c = Catalog::builtin();
        let e = err(Protocol::Imap, Stage::Login, ErrorKind::Auth, "a NO nope");
        assert_eq!(
            diagnose(&e, c.by_id("netease-163")).advice_id,
            msg::ADVICE_NETEASE_AUTH
        );
        assert_eq!(
            diagnose(&e, c.by_id("exmail")).advice_id,
            msg::ADVICE_EXMAIL_CLIENT_PASSWORD
        );
        // A company server: the login password is the credential, not a code.
        assert_eq!(diagnose(&e, None).advice_id, msg::ADVICE_AUTH_PASSWORD);
    }

    #[test]
    fn smtp_4xx_at_auth_is_a_refusal_or_temporary_by_its_words() {
        let bad = err(
            Protocol::Smtp,
            Stage::Auth,
            ErrorKind::Temporary,
            "454 4.7.0 Invalid username or password",
        );
        assert_eq!(bad.kind, ErrorKind::Auth);
        let busy = err(
            Protocol::Smtp,
            Stage::Auth,
            ErrorKind::Temporary,
            "454 4.7.0 Temporary authentication failure",
        );
        assert_eq!(busy.kind, ErrorKind::Temporary);
        assert_eq!(diagnose(&busy, None).advice_id, msg::ADVICE_TEMPORARY);
    }

    #[test]
    fn timeouts_stay_timeouts() {
        let e = err(
            Protocol::Imap,
            Stage::Login,
            ErrorKind::Timeout,
            "* OK too many words",
        );
        assert_eq!(e.kind, ErrorKind::Timeout);
    }
}
