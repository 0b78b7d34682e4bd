//! The whole live check: IMAP and SMTP probed concurrently under one deadline. The report is
//! data and advice ids (never the secret); `present` turns it into sentences, text and JSON.

use std::sync::Arc;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use tokio::time::Instant;

use crate::catalog::{Catalog, Endpoint};
use crate::probe::classify::{Diagnosis, diagnose};
use crate::probe::{self, ErrorKind, ProbeOptions, ProbeReport, ProgressSink};
use crate::store::SignIn;

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_STAGE_TIMEOUT: Duration = Duration::from_secs(10);

pub struct CheckRequest {
    pub address: crate::address::Address,
    /// Catalog id of the provider, when known (for provider-specific advice).
    pub provider: Option<String>,
    pub imap: Endpoint,
    pub smtp: Endpoint,
    /// The password or code, or with [`SignIn::OAuth`] the access token.
    pub secret: SecretString,
    pub sign_in: SignIn,
    pub tls: Arc<rustls::ClientConfig>,
    pub timeout: Duration,
    pub stage_timeout: Duration,
    pub send_test: bool,
    /// The round trip's letter, in the user's language; `None` checks the sign-ins only.
    pub round_trip: Option<probe::roundtrip::Letter>,
    /// How long the round trip watches for its letter ([`probe::roundtrip::WAIT`]).
    pub round_trip_wait: Duration,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    pub address: String,
    pub provider: Option<String>,
    pub sign_in: SignIn,
    /// What the secret looked like (never the secret): it tells a wrong code from a password.
    pub typed: Typed,
    pub imap: ProbeReport,
    pub smtp: ProbeReport,
    /// Where the test message arrived and what became of it, when one was sent.
    pub round_trip: Option<probe::roundtrip::RoundTrip>,
}

/// The shape of what the user typed, against the provider's codes. QQ's SMTP answers "please
/// enter your authorization code" to every refused credential, so only this tells a wrong,
/// revoked or expired code (or the service not turned on) from the login password.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Typed {
    /// Shaped as the provider's codes are (QQ, NetEase: 16 letters).
    Code,
    /// Not shaped as its codes (digits, symbols, another length): most likely the login password.
    NotCode,
    /// The provider has no code format, or this is a browser sign-in.
    #[default]
    Unknown,
}

impl Typed {
    pub fn of(
        provider: Option<&crate::catalog::Provider>,
        secret: &SecretString,
        sign_in: SignIn,
    ) -> Self {
        match (provider, sign_in) {
            (Some(p), SignIn::Password) if p.code_format.is_some() => {
                match p.check_code(&crate::address::normalize_code(secret.expose_secret())) {
                    None => Typed::Code,
                    Some(_) => Typed::NotCode,
                }
            }
            _ => Typed::Unknown,
        }
    }
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.imap.ok() && self.smtp.ok()
    }

    /// The cause and fix of one server's failure. When both servers refused the same
    /// credential, both get the same one (the incoming server's, which says more).
    pub fn diagnosis(&self, report: &ProbeReport) -> Option<Diagnosis> {
        report.error.as_ref()?;
        let report = if self.both_refused_the_credential() {
            &self.imap
        } else {
            report
        };
        let e = report.error.as_ref()?;
        let provider = self
            .provider
            .as_deref()
            .and_then(|id| Catalog::builtin().by_id(id));
        Some(match (self.sign_in, e.kind) {
            // A refused token is not the user's typing: the provider's sign-in must be redone.
            (SignIn::OAuth, ErrorKind::Auth) => Diagnosis {
                advice_id: crate::i18n::msg::ADVICE_OAUTH_REFUSED,
                help_url: None,
            },
            _ => self.by_what_was_typed(diagnose(e, provider), e.kind),
        })
    }

    /// Both servers failed for one cause (the credential refused; the same certificate
    /// problem, as a company's own CA gives both): said once, for both.
    pub fn one_cause(&self) -> bool {
        let (Some(a), Some(b)) = (&self.imap.error, &self.smtp.error) else {
            return false;
        };
        let tls =
            a.kind == ErrorKind::Tls && b.kind == ErrorKind::Tls && a.tls_reason == b.tls_reason;
        tls || self.both_refused_the_credential()
    }

    /// Both sign-ins refused: one cause, said once.
    pub fn both_refused_the_credential(&self) -> bool {
        let refused = |r: &ProbeReport| r.error.as_ref().is_some_and(|e| e.kind == ErrorKind::Auth);
        refused(&self.imap) && refused(&self.smtp)
    }

    /// QQ's lines name no cause ("please enter your authorization code" whatever was refused;
    /// "account is abnormal, service is not open, password is incorrect"): what was typed does.
    fn by_what_was_typed(&self, mut d: Diagnosis, kind: ErrorKind) -> Diagnosis {
        use crate::i18n::msg;
        let qq_line = [msg::ADVICE_QQ_AUTH_CODE, msg::ADVICE_QQ_LOGIN_FAIL].contains(&d.advice_id);
        if kind == ErrorKind::Auth && qq_line && self.provider.as_deref() == Some("qq") {
            d.advice_id = match self.typed {
                Typed::Code => msg::ADVICE_QQ_LOGIN_FAIL,
                Typed::NotCode => msg::ADVICE_QQ_AUTH_CODE,
                Typed::Unknown => d.advice_id,
            };
        }
        d
    }
}

/// Runs both probes at once; the slower one bounds the total, not the sum.
pub async fn run(req: &CheckRequest, progress: Option<ProgressSink>) -> CheckReport {
    let opts = ProbeOptions {
        tls: req.tls.clone(),
        stage_timeout: req.stage_timeout,
        deadline: Instant::now() + req.timeout,
        send_test: req.send_test,
        address: req.address.to_string(),
        bearer: req.sign_in == SignIn::OAuth,
    };
    let (imap, smtp, round_trip) = probe::probe_both(
        &req.imap,
        &req.smtp,
        &req.secret,
        &opts,
        progress,
        req.round_trip.clone().map(|l| (l, req.round_trip_wait)),
    )
    .await;
    let provider = req
        .provider
        .as_deref()
        .and_then(|id| Catalog::builtin().by_id(id));
    CheckReport {
        address: req.address.to_string(),
        provider: req.provider.clone(),
        sign_in: req.sign_in,
        typed: Typed::of(provider, &req.secret, req.sign_in),
        imap,
        smtp,
        round_trip,
    }
}
