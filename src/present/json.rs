//! The `--json` shapes docs/cli.md documents, as types in one place: what scripts and support
//! tools get from `detect`, `check`, `report`, `providers` and `accounts`. A test parses the
//! examples in docs/cli.md into them (unknown fields refused), so the documentation cannot drift.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::catalog::{CredentialKind, Endpoint, ProviderKind, Security, ServerTemplate};
use crate::check::CheckReport;
use crate::discover::autoconfig::Page;
use crate::discover::{Detection, Source, SourceAttempt, SourceOutcome};
use crate::i18n::Localizer;
use crate::present::report::{Discovery, Report};
use crate::probe::{ErrorKind, ProbeReport, Stage, TlsReason};
use crate::store::Account;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointJson {
    pub host: String,
    pub port: u16,
    /// `tls` or `starttls`.
    pub security: Security,
    pub username: String,
}

impl From<&Endpoint> for EndpointJson {
    fn from(e: &Endpoint) -> Self {
        Self {
            host: e.host.clone(),
            port: e.port,
            security: e.security,
            username: e.username.clone(),
        }
    }
}

/// One network source of discovery: how long it took and what came of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttemptJson {
    pub source: Source,
    pub ms: u64,
    /// `found`, `nothing`, `failed` or `not_waited`.
    pub outcome: String,
    pub error: Option<String>,
}

impl From<&SourceAttempt> for AttemptJson {
    fn from(a: &SourceAttempt) -> Self {
        Self {
            source: a.source,
            ms: a.ms,
            outcome: a.outcome.as_str().to_string(),
            error: match &a.outcome {
                SourceOutcome::Failed(e) => Some(e.clone()),
                _ => None,
            },
        }
    }
}

fn attempts(list: &[SourceAttempt]) -> Vec<AttemptJson> {
    list.iter().map(AttemptJson::from).collect()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepJson {
    pub text: String,
    pub url: Option<String>,
    pub admin: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextJson {
    pub lang: Option<String>,
    pub text: String,
}

/// A help or "enable first" page from an autoconfig file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageJson {
    pub url: String,
    pub texts: Vec<TextJson>,
}

fn pages(list: &[Page]) -> Vec<PageJson> {
    list.iter()
        .map(|p| PageJson {
            url: p.url.clone(),
            texts: p
                .texts
                .iter()
                .map(|t| TextJson {
                    lang: t.lang.clone(),
                    text: t.text.clone(),
                })
                .collect(),
        })
        .collect()
}

/// `detect --json`: the servers found, or (exit 1) why nothing was.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DetectJson {
    Found(Box<Detected>),
    NotFound(NotDetected),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detected {
    pub address: String,
    /// A catalog provider's id, else null.
    pub provider: Option<String>,
    pub name: Option<String>,
    pub kind: Option<ProviderKind>,
    pub credential: Option<CredentialKind>,
    /// `catalog`, `mx`, `autoconfig`, `srv`, `ispdb` or `guess`.
    pub source: Source,
    pub mx: Vec<String>,
    /// For company mail found by MX: the admin may have to enable IMAP/SMTP first.
    pub admin_note: Option<String>,
    pub imap: EndpointJson,
    pub smtp: EndpointJson,
    pub steps: Vec<StepJson>,
    pub documentation: Vec<PageJson>,
    pub enable: Vec<PageJson>,
    pub elapsed_ms: u64,
    pub attempts: Vec<AttemptJson>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotDetected {
    pub address: String,
    /// Always null: nothing was found.
    pub provider: Option<String>,
    /// Always null: nothing was found.
    pub source: Option<String>,
    pub mx: Vec<String>,
    pub elapsed_ms: u64,
    pub attempts: Vec<AttemptJson>,
    /// What to try, localised.
    pub error: String,
}

impl Detected {
    /// `admin_note`: the localised note, which the caller words.
    pub fn new(l: &Localizer, address: &str, d: &Detection, admin_note: Option<String>) -> Self {
        let p = d.provider;
        Self {
            address: address.to_string(),
            provider: p.map(|p| p.id.clone()),
            name: p.map(|p| l.tr(&p.name)).or_else(|| d.display_name.clone()),
            kind: p.map(|p| p.kind),
            credential: p.map(|p| p.credential),
            source: d.source,
            mx: d.mx.clone(),
            admin_note,
            imap: (&d.imap).into(),
            smtp: (&d.smtp).into(),
            steps: p
                .map(|p| {
                    p.steps
                        .iter()
                        .map(|s| StepJson {
                            text: l.tr(&s.text),
                            url: p.link(&s.link).map(str::to_string),
                            admin: s.admin,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            documentation: pages(&d.documentation),
            enable: pages(&d.enable),
            elapsed_ms: d.elapsed.as_millis() as u64,
            attempts: attempts(&d.attempts),
        }
    }
}

impl NotDetected {
    pub fn new(address: &str, e: &crate::discover::DiscoverError, error: String) -> Self {
        let (mx, tried, elapsed_ms) = match e {
            crate::discover::DiscoverError::NotFound {
                mx,
                attempts: a,
                elapsed,
                ..
            } => (mx.clone(), attempts(a), elapsed.as_millis() as u64),
            crate::discover::DiscoverError::Setup(_) => (Vec::new(), Vec::new(), 0),
        };
        Self {
            address: address.to_string(),
            provider: None,
            source: None,
            mx,
            elapsed_ms,
            attempts: tried,
            error,
        }
    }
}

/// `check --json` (and the `check` part of `report --json`, without `saved` and `warnings`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckJson {
    pub address: String,
    pub provider: Option<String>,
    /// `password` (a code or password) or `oauth` (a browser sign-in; never the token).
    #[serde(default)]
    pub sign_in: crate::store::SignIn,
    /// Both protocols passed.
    pub ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<bool>,
    /// Why `--save` could not save.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_error: Option<String>,
    /// Warnings about the code (e.g. a QQ code one letter short), localised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<String>>,
    pub imap: ProbeJson,
    pub smtp: ProbeJson,
    /// The test message to the address itself (`--round-trip`), when one was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round_trip: Option<RoundTripJson>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundTripJson {
    /// `inbox`, `junk` or `not_yet`.
    pub arrived: crate::probe::roundtrip::Arrived,
    /// The folder it arrived in, as the server names it.
    pub folder: Option<String>,
    /// From the server's acceptance to its arrival (or the whole wait).
    pub after_ms: u64,
    /// `expunged`, `moved_to_trash`, `left` or `not_arrived`.
    pub removal: crate::probe::roundtrip::Removal,
    /// What it means, localised.
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProbeJson {
    pub ok: bool,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
    pub total_ms: u64,
    /// Every stage reached, in order; a failed one is last.
    pub stages: Vec<StageJson>,
    pub error: Option<ProbeErrorJson>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageJson {
    pub name: Stage,
    pub ms: u64,
    pub ok: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProbeErrorJson {
    pub kind: ErrorKind,
    pub stage: Stage,
    pub tls_reason: Option<TlsReason>,
    /// The server's own reply (UTF-8, else decoded from GBK).
    pub server_text: Option<String>,
    /// What to do, localised.
    pub advice: Option<String>,
    /// The page that fixes it.
    pub help_url: Option<String>,
    pub detail: String,
}

impl CheckJson {
    pub fn new(l: &Localizer, report: &CheckReport) -> Self {
        Self {
            address: report.address.clone(),
            sign_in: report.sign_in,
            provider: report.provider.clone(),
            ok: report.ok(),
            saved: None,
            save_error: None,
            warnings: None,
            imap: ProbeJson::new(l, report, &report.imap),
            smtp: ProbeJson::new(l, report, &report.smtp),
            round_trip: report.round_trip.as_ref().map(|t| RoundTripJson {
                arrived: t.arrived,
                folder: t.folder.clone(),
                after_ms: t.after_ms,
                removal: t.removal,
                message: crate::present::messages::round_trip(l, t),
            }),
        }
    }
}

impl ProbeJson {
    fn new(l: &Localizer, report: &CheckReport, r: &ProbeReport) -> Self {
        let error = r.error.as_ref().map(|e| {
            let d = report.diagnosis(r);
            ProbeErrorJson {
                kind: e.kind,
                stage: e.stage,
                tls_reason: e.tls_reason,
                server_text: e.server_text.clone(),
                advice: d
                    .as_ref()
                    .map(|d| crate::present::messages::advice(l, d, r, report.provider.as_deref())),
                help_url: d.and_then(|d| d.help_url),
                detail: e.detail.clone(),
            }
        });
        Self {
            ok: r.ok(),
            host: r.endpoint.host.clone(),
            port: r.endpoint.port,
            security: r.endpoint.security,
            username: r.endpoint.username.clone(),
            total_ms: r.total_ms,
            stages: r
                .stages
                .iter()
                .map(|s| StageJson {
                    name: s.stage,
                    ms: s.ms,
                    ok: s.ok,
                })
                .collect(),
            error,
        }
    }
}

/// `report --json`: the support report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportJson {
    pub app: AppJson,
    pub address: Option<String>,
    pub discovery: Option<DiscoveryJson>,
    pub discovery_error: Option<String>,
    pub check: Option<CheckJson>,
    /// `password` or `oauth`, when known (a saved account, or a check).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_in: Option<crate::store::SignIn>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppJson {
    pub version: String,
    pub os: String,
    pub arch: String,
    pub language: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscoveryJson {
    pub source: Source,
    pub provider: Option<String>,
    pub mx: Vec<String>,
    pub elapsed_ms: u64,
    pub attempts: Vec<AttemptJson>,
}

impl From<&Discovery> for DiscoveryJson {
    fn from(d: &Discovery) -> Self {
        Self {
            source: d.source,
            provider: d.provider.clone(),
            mx: d.mx.clone(),
            elapsed_ms: d.elapsed_ms,
            attempts: attempts(&d.attempts),
        }
    }
}

impl ReportJson {
    pub fn new(l: &Localizer, r: &Report) -> Self {
        Self {
            app: AppJson {
                version: crate::APP_VERSION.to_string(),
                os: std::env::consts::OS.to_string(),
                arch: std::env::consts::ARCH.to_string(),
                language: l.lang().tag().to_string(),
            },
            address: r.address.clone(),
            discovery: r.discovery.as_ref().map(DiscoveryJson::from),
            discovery_error: r.discovery_error.clone(),
            check: r.check.as_ref().map(|c| CheckJson::new(l, c)),
            sign_in: r.sign_in(),
            note: r.note.clone(),
        }
    }
}

/// `providers --json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvidersJson {
    pub providers: Vec<ProviderJson>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderJson {
    pub id: String,
    /// Localised.
    pub name: String,
    pub kind: ProviderKind,
    pub domains: Vec<String>,
    pub credential: CredentialKind,
    pub imap: ServerTemplate,
    pub smtp: ServerTemplate,
    /// Sign-in through the provider's page: endpoints and scopes (the client id is the
    /// distributor's, never shown here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth: Option<crate::catalog::OAuth>,
    pub links: BTreeMap<String, String>,
}

impl ProvidersJson {
    pub fn new(l: &Localizer, catalog: &crate::catalog::Catalog) -> Self {
        Self {
            providers: catalog
                .providers
                .iter()
                .map(|p| ProviderJson {
                    id: p.id.clone(),
                    name: l.tr(&p.name),
                    kind: p.kind,
                    domains: p.domains.clone(),
                    credential: p.credential,
                    imap: p.imap.clone(),
                    smtp: p.smtp.clone(),
                    oauth: p.oauth.clone(),
                    links: p.links.clone(),
                })
                .collect(),
        }
    }
}

/// `accounts --json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountsJson {
    pub accounts: Vec<Account>,
    /// Where an unreadable accounts file was kept aside.
    pub set_aside: Option<PathBuf>,
}

/// `mailsetup --result-json`: what the wizard saved before it closed (exit 0), or nothing
/// (`saved` false, exit 1: the window was closed first).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WizardResultJson {
    pub saved: bool,
    pub accounts: Vec<Account>,
}

impl WizardResultJson {
    pub fn new(accounts: Vec<Account>) -> Self {
        Self {
            saved: !accounts.is_empty(),
            accounts,
        }
    }
}

/// `repair --json`: what the re-test of the saved code found, the new code's check where one
/// was needed, and what became of every place the account was handed to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepairJson {
    pub address: String,
    /// The saved code (or sign-in): `works`, `refused` (a new one was needed) or `failed`
    /// (something else failed: nothing was changed).
    pub verdict: crate::setup::repair::Verdict,
    /// A new code was tested and saved in its place.
    pub renewed: bool,
    /// The last check: the new code's, else the re-test's (absent when a saved browser
    /// sign-in could not even be renewed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckJson>,
    /// Each Thunderbird profile or Evolution folder it was handed to, and what became of it.
    pub mended: Vec<MendedJson>,
    /// What cannot be done from here (a phone), or is left (an app that was open), localised.
    pub notes: Vec<String>,
    /// Every place it was handed to that this app writes to has the code that works.
    pub ok: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MendedJson {
    pub app: crate::apps::MailApp,
    pub place: Option<PathBuf>,
    /// `updated` (it had another code), `unchanged` (it had this one) or `not_updated`.
    pub result: MendResult,
    /// What happened, localised (why not, for `not_updated`).
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MendResult {
    Updated,
    Unchanged,
    NotUpdated,
}

impl MendedJson {
    pub fn new(l: &Localizer, account: &Account, m: &crate::setup::Mended) -> Self {
        use crate::handoff::Added;
        let (h, done) = m;
        let place = h.place.clone().unwrap_or_default();
        let (result, text) = match done {
            Ok(added) => {
                let result = match added {
                    Added::AlreadyThere => MendResult::Unchanged,
                    _ => MendResult::Updated,
                };
                let said = super::messages::added(l, h.app, account, added, &place);
                (result, said)
            }
            Err(e) => {
                let said = super::messages::add_to_error(l, h.app, e, &place);
                (MendResult::NotUpdated, said)
            }
        };
        Self {
            app: h.app,
            place: h.place.clone(),
            result,
            text,
        }
    }
}

/// `apps --json`: every mail app, those on this computer first.
#[derive(Clone, Debug, Serialize)]
pub struct AppsJson {
    pub apps: Vec<MailAppJson>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MailAppJson {
    pub id: crate::handoff::MailApp,
    pub name: String,
    pub installed: bool,
    /// `direct`: `add-to` writes the account into the app; `guided`: the app's own steps.
    pub way: crate::handoff::Way,
    /// Thunderbird's profiles: name, path, and the one it opens by default.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<crate::handoff::thunderbird::Profile>,
}

impl AppsJson {
    pub fn new(l: &Localizer, found: &[crate::handoff::Found]) -> Self {
        let apps = found
            .iter()
            .map(|f| MailAppJson {
                id: f.app,
                name: crate::present::messages::app_name(l, f.app),
                installed: f.installed,
                way: f.way,
                profiles: f.profiles.clone(),
            })
            .collect();
        Self { apps }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON names come from `Serialize`; `as_str` (logs, the report's text) must say the same.
    #[test]
    fn text_names_are_the_json_names() {
        fn same<T: Serialize>(v: T, name: &str) {
            assert_eq!(serde_json::to_value(v).ok(), Some(name.into()), "{name}");
        }
        use crate::probe::Protocol;
        for s in [Security::Tls, Security::Starttls] {
            same(s, s.as_str());
        }
        for s in [Source::Catalog].into_iter().chain(Source::NETWORK) {
            same(s, s.as_str());
        }
        for p in [Protocol::Imap, Protocol::Smtp] {
            same(p, p.as_str());
        }
        for s in [crate::store::SignIn::Password, crate::store::SignIn::OAuth] {
            same(s, s.as_str());
        }
        use Stage::*;
        let stages = [
            Resolve, Connect, Tls, Greeting, Capability, Starttls, Id, Login, Select, Logout, Ehlo,
            Auth, Send, Receive, Remove, Quit,
        ];
        for s in stages {
            same(s, s.as_str());
        }
        use ErrorKind as K;
        let kinds = [
            K::Dns,
            K::Refused,
            K::Timeout,
            K::Tls,
            K::StarttlsUnavailable,
            K::SecurityMismatch,
            K::Auth,
            K::AuthUnsupported,
            K::Temporary,
            K::SendRefused,
            K::ServiceDisabled,
            K::ClientNotAllowed,
            K::RateLimited,
            K::Protocol,
        ];
        for k in kinds {
            same(k, k.as_str());
        }
        use TlsReason as T;
        for t in [
            T::UnknownIssuer,
            T::NameMismatch,
            T::Expired,
            T::Incompatible,
            T::Other,
        ] {
            same(t, t.as_str());
        }
    }

    /// The first ```json block after `heading` in docs/cli.md.
    fn cli_doc_example(heading: &str) -> &'static str {
        let doc = include_str!("../../docs/cli.md");
        let at = doc.find(heading).expect("docs/cli.md section");
        let start = doc[at..].find("```json\n").expect("json block") + at + "```json\n".len();
        let end = doc[start..].find("```").expect("block end") + start;
        &doc[start..end]
    }

    #[test]
    fn the_cli_docs_examples_are_the_programs_shapes() {
        let detect: DetectJson =
            serde_json::from_str(cli_doc_example("### `detect --json`")).expect("detect example");
        let DetectJson::Found(d) = &detect else {
            panic!("docs/cli.md's detect example is a found answer");
        };
        assert_eq!(d.imap.host, "imap.qq.com");
        let check: CheckJson =
            serde_json::from_str(cli_doc_example("### `check --json`")).expect("check example");
        assert_eq!(check.saved, Some(false));
        assert_eq!(
            check.smtp.error.as_ref().map(|e| e.kind.as_str()),
            Some("auth")
        );
        let trip: CheckJson =
            serde_json::from_str(cli_doc_example("With `--round-trip` the check"))
                .expect("round-trip example");
        let t = trip.round_trip.expect("round_trip");
        assert_eq!(t.arrived, crate::probe::roundtrip::Arrived::Inbox);
        assert!(trip.imap.stages.iter().any(|s| s.name == Stage::Receive));
        let repair: RepairJson =
            serde_json::from_str(cli_doc_example("`repair --json` prints")).expect("repair");
        assert_eq!(repair.verdict, crate::setup::repair::Verdict::Refused);
        assert_eq!(repair.mended[0].result, MendResult::NotUpdated);
        assert!(!repair.ok);
    }

    #[test]
    fn what_the_program_writes_reads_back_as_the_same_shape() {
        let l = Localizer::new(crate::i18n::Lang::En);
        let address = crate::address::Address::parse("zhang@qq.com").expect("address");
        let qq = crate::catalog::Catalog::builtin().by_id("qq").expect("qq");
        let d = Detection::from_provider(qq, &address, crate::discover::Source::Catalog);
        let found = DetectJson::Found(Box::new(Detected::new(&l, "zhang@qq.com", &d, None)));
        let text = serde_json::to_string(&found).expect("serialise");
        assert_eq!(
            serde_json::from_str::<DetectJson>(&text).expect("parse"),
            found
        );
        let providers = ProvidersJson::new(&l, crate::catalog::Catalog::builtin());
        let text = serde_json::to_string(&providers).expect("serialise");
        assert_eq!(
            serde_json::from_str::<ProvidersJson>(&text).expect("parse"),
            providers
        );
    }
}
