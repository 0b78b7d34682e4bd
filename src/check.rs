//! The whole live check: IMAP and SMTP probed concurrently under one deadline. The report is
//! data and advice ids (never the secret); `present` turns it into sentences, text and JSON.

use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
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
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    pub address: String,
    pub provider: Option<String>,
    pub sign_in: SignIn,
    pub imap: ProbeReport,
    pub smtp: ProbeReport,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.imap.ok() && self.smtp.ok()
    }

    pub fn diagnosis(&self, report: &ProbeReport) -> Option<Diagnosis> {
        let provider = self
            .provider
            .as_deref()
            .and_then(|id| Catalog::builtin().by_id(id));
        report.error.as_ref().map(|e| match (self.sign_in, e.kind) {
            // A refused token is not the user's typing: the provider's sign-in must be redone.
            (SignIn::OAuth, ErrorKind::Auth) => Diagnosis {
                advice_id: crate::i18n::msg::ADVICE_OAUTH_REFUSED,
                help_url: None,
            },
            _ => diagnose(e, provider),
        })
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
    let (imap, smtp) = tokio::join!(
        probe::probe_imap(&req.imap, &req.secret, &opts, progress.clone()),
        probe::probe_smtp(&req.smtp, &req.secret, &opts, progress),
    );
    CheckReport {
        address: req.address.to_string(),
        provider: req.provider.clone(),
        sign_in: req.sign_in,
        imap,
        smtp,
    }
}
