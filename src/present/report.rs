//! The redacted diagnostic report for support: what `mailsetup report` prints and what the
//! wizard's "Copy report" puts on the clipboard. App version and OS, how the servers were found
//! (source, each source's outcome), the servers, and each stage of the check with its timing,
//! the server's reply and the classified cause. It is built from reports that never hold the
//! secret, so it cannot contain it.

use std::fmt::Write as _;

use crate::check::CheckReport;
use crate::discover::{Detection, Source, SourceAttempt, SourceOutcome};
use crate::i18n::Localizer;

/// How the servers were found, as far as the report needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discovery {
    pub source: Source,
    pub provider: Option<String>,
    pub mx: Vec<String>,
    pub attempts: Vec<SourceAttempt>,
    pub elapsed_ms: u64,
}

impl Discovery {
    pub fn from_detection(d: &Detection) -> Self {
        Discovery {
            source: d.source,
            provider: d.provider.map(|p| p.id.clone()),
            mx: d.mx.clone(),
            attempts: d.attempts.clone(),
            elapsed_ms: d.elapsed.as_millis() as u64,
        }
    }

    /// Known without a lookup (a provider picked, or a saved account).
    pub fn known(source: Source, provider: Option<String>) -> Self {
        Discovery {
            source,
            provider,
            mx: Vec::new(),
            attempts: Vec::new(),
            elapsed_ms: 0,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub address: Option<String>,
    pub discovery: Option<Discovery>,
    /// Why discovery found nothing, when it did not.
    pub discovery_error: Option<String>,
    pub check: Option<CheckReport>,
    /// How the account signs in (a saved account's, or the check's): never the secret itself.
    pub sign_in: Option<crate::store::SignIn>,
    /// Said when the sign-in was not tested (no code given, or a saved sign-in that no longer
    /// works).
    pub note: Option<String>,
}

fn header() -> String {
    format!(
        "mailsetup {} ({} {})",
        crate::APP_VERSION,
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

impl Report {
    pub fn text(&self, l10n: &Localizer) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", header());
        let _ = writeln!(out, "language: {}", l10n.lang().tag());
        if let Some(a) = &self.address {
            let _ = writeln!(out, "address: {a}");
        }
        if let Some(d) = &self.discovery {
            let _ = writeln!(
                out,
                "discovery: {} (provider {}, {} ms)",
                d.source.as_str(),
                d.provider.as_deref().unwrap_or("-"),
                d.elapsed_ms
            );
            if !d.mx.is_empty() {
                let _ = writeln!(out, "  mx: {}", d.mx.join(", "));
            }
            for a in &d.attempts {
                let _ = write!(
                    out,
                    "  {:<10} {:>5} ms  {}",
                    a.source.as_str(),
                    a.ms,
                    a.outcome.as_str()
                );
                if let SourceOutcome::Failed(e) = &a.outcome {
                    let _ = write!(out, ": {e}");
                }
                out.push('\n');
            }
        }
        if let Some(e) = &self.discovery_error {
            let _ = writeln!(out, "discovery: nothing found: {e}");
        }
        if let Some(s) = self.sign_in() {
            let _ = writeln!(out, "sign-in: {}", s.as_str());
        }
        if let Some(c) = &self.check {
            out.push_str(&check_stages(l10n, c));
        }
        if let Some(n) = &self.note {
            let _ = writeln!(out, "\n{n}");
        }
        out
    }

    /// The account's sign-in kind, from the account or else from the check.
    pub fn sign_in(&self) -> Option<crate::store::SignIn> {
        self.sign_in.or(self.check.as_ref().map(|c| c.sign_in))
    }
}

/// The redacted plain-text report of one check for support ("Copy report"): versions, endpoints,
/// stages with timings, server replies and causes. It is built from the report, which never
/// holds the secret.
pub fn check_text(l10n: &Localizer, report: &CheckReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", header());
    let _ = writeln!(out, "address: {}", report.address);
    let _ = writeln!(
        out,
        "provider: {}",
        report.provider.as_deref().unwrap_or("-")
    );
    let _ = writeln!(out, "sign-in: {}", report.sign_in.as_str());
    out.push_str(&check_stages(l10n, report));
    out
}

/// The per-protocol part of the report: endpoint, stages with timings, cause and advice.
pub fn check_stages(l10n: &Localizer, report: &CheckReport) -> String {
    let mut out = String::new();
    for r in [&report.imap, &report.smtp] {
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
        let Some(err) = &r.error else { continue };
        let tls = err.tls_reason.map(|t| format!(" ({})", t.as_str()));
        let _ = writeln!(
            out,
            "  cause: {}{}",
            err.kind.as_str(),
            tls.unwrap_or_default()
        );
        if let Some(t) = &err.server_text {
            let _ = writeln!(out, "  server: {t}");
        }
        let _ = writeln!(out, "  detail: {}", err.detail);
        if let Some(d) = report.diagnosis(r) {
            let advice = super::messages::advice(l10n, &d, r, report.provider.as_deref());
            let _ = writeln!(out, "  advice: {advice}");
        }
    }
    if let Some(t) = &report.round_trip {
        let _ = writeln!(
            out,
            "\n[round trip] {} after {} ms, folder={}, {}",
            serde_plain(&t.arrived),
            t.after_ms,
            t.folder.as_deref().unwrap_or("-"),
            serde_plain(&t.removal)
        );
        let _ = writeln!(out, "  {}", super::messages::round_trip(l10n, t));
    }
    out
}

/// An enum's `--json` name (`not_yet`, `moved_to_trash`), for the plain-text report.
fn serde_plain(v: &impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
