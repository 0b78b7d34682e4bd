//! The whole live check: IMAP and SMTP probed concurrently under one deadline, and the report
//! (JSON for `--json`, support and the GUI), which never contains the secret.

use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use serde_json::Value;
use tokio::time::Instant;

use crate::catalog::{Catalog, Endpoint};
use crate::i18n::Localizer;
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

    /// The stable `--json` shape (documented in the README).
    /// The README's `check --json` shape (`crate::json::CheckJson`).
    pub fn to_json(&self, l10n: &Localizer) -> Value {
        serde_json::to_value(crate::json::CheckJson::new(l10n, self)).unwrap_or_default()
    }

    /// The redacted plain-text report for support ("Copy report"): versions, endpoints, stages
    /// with timings, server replies and causes. It is built from the report, which never holds
    /// the secret.
    pub fn report_text(&self, l10n: &Localizer) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "mailsetup {} ({} {})",
            crate::APP_VERSION,
            std::env::consts::OS,
            std::env::consts::ARCH
        );
        let _ = writeln!(out, "address: {}", self.address);
        let _ = writeln!(out, "provider: {}", self.provider.as_deref().unwrap_or("-"));
        let _ = writeln!(out, "sign-in: {}", self.sign_in.as_str());
        out.push_str(&self.report_stages(l10n));
        out
    }

    /// The per-protocol part of the report: endpoint, stages with timings, cause and advice.
    pub fn report_stages(&self, l10n: &Localizer) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for r in [&self.imap, &self.smtp] {
            let e = &r.endpoint;
            let _ = writeln!(
                out,
                "\n[{}] {}:{} {} user={} -> {}",
                r.protocol.as_str(),
                e.host,
                e.port,
                e.security.as_str(),
                e.username,
                if r.ok() { "OK" } else { "FAILED" }
            );
            for s in &r.stages {
                let mark = if s.ok { "ok" } else { "FAILED" };
                let _ = writeln!(out, "  {:<10} {:>6} ms  {mark}", s.stage.as_str(), s.ms);
            }
            if let Some(err) = &r.error {
                let _ = writeln!(
                    out,
                    "  cause: {}{}",
                    err.kind.as_str(),
                    err.tls_reason
                        .map(|t| format!(" ({})", t.as_str()))
                        .unwrap_or_default()
                );
                if let Some(t) = &err.server_text {
                    let _ = writeln!(out, "  server: {t}");
                }
                let _ = writeln!(out, "  detail: {}", err.detail);
                if let Some(d) = self.diagnosis(r) {
                    let _ = writeln!(
                        out,
                        "  advice: {}",
                        crate::messages::advice(l10n, &d, r, self.provider.as_deref())
                    );
                }
            }
        }
        out
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
