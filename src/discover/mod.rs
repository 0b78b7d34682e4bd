//! Finding the servers of any address. The catalog answers its own domains at once;
//! for any other domain every network source starts together under one deadline: MX hosts
//! matched against the catalog, the domain's autoconfig file, SRV records, an ISPDB-format
//! database, and guessing. The best source wins by a fixed preference, and an answer is returned
//! as soon as no better source is still running: a slow worse source never delays it.

pub mod autoconfig;
pub mod dns;
pub mod guess;
pub mod http;

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio::time::Instant;

use crate::address::Address;
use crate::catalog::{Catalog, Endpoint, Provider};
use autoconfig::{Autoconfig, Page};
use dns::Dns;

/// Where a detection came from, best first: the `source` of `detect --json` (`as_str`, the
/// same name, is for logs and the report's text).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Catalog,
    Mx,
    Autoconfig,
    Srv,
    Ispdb,
    Guess,
}

impl Source {
    pub const NETWORK: [Source; 5] = [
        Source::Mx,
        Source::Autoconfig,
        Source::Srv,
        Source::Ispdb,
        Source::Guess,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Catalog => "catalog",
            Source::Mx => "mx",
            Source::Autoconfig => "autoconfig",
            Source::Srv => "srv",
            Source::Ispdb => "ispdb",
            Source::Guess => "guess",
        }
    }

    /// Fluent id of "found through …", for the wizard and the CLI.
    pub fn message_id(self) -> &'static str {
        use crate::i18n::msg;
        match self {
            Source::Catalog => msg::SOURCE_CATALOG,
            Source::Mx => msg::SOURCE_MX,
            Source::Autoconfig => msg::SOURCE_AUTOCONFIG,
            Source::Srv => msg::SOURCE_SRV,
            Source::Ispdb => msg::SOURCE_ISPDB,
            Source::Guess => msg::SOURCE_GUESS,
        }
    }
}

/// What one source did, for `--json` and the support report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceAttempt {
    pub source: Source,
    pub ms: u64,
    pub outcome: SourceOutcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceOutcome {
    Found,
    Nothing,
    Failed(String),
    /// Still running when a better answer was ready (or the deadline passed); not waited for.
    NotWaited,
}

impl SourceOutcome {
    pub fn as_str(&self) -> &'static str {
        match self {
            SourceOutcome::Found => "found",
            SourceOutcome::Nothing => "nothing",
            SourceOutcome::Failed(_) => "failed",
            SourceOutcome::NotWaited => "not_waited",
        }
    }
}

/// The servers of an address and what the wizard tells the user about them.
#[derive(Clone, Debug)]
pub struct Detection {
    pub source: Source,
    /// A catalog provider whose steps apply: by domain, by MX, or because the servers found are
    /// that provider's (an autoconfig file naming imap.exmail.qq.com is Exmail).
    pub provider: Option<&'static Provider>,
    pub imap: Endpoint,
    pub smtp: Endpoint,
    /// The domain's MX hosts, best first (when they were looked up).
    pub mx: Vec<String>,
    /// From an autoconfig file: the provider's name, help pages and "enable IMAP first" steps.
    pub display_name: Option<String>,
    pub documentation: Vec<Page>,
    pub enable: Vec<Page>,
    pub attempts: Vec<SourceAttempt>,
    pub elapsed: Duration,
}

impl Detection {
    /// A catalog provider's servers for an address.
    pub fn from_provider(p: &'static Provider, address: &Address, source: Source) -> Self {
        let (imap, smtp) = p.endpoints(address);
        Detection {
            source,
            provider: Some(p),
            imap,
            smtp,
            mx: Vec::new(),
            display_name: None,
            documentation: Vec::new(),
            enable: Vec::new(),
            attempts: Vec::new(),
            elapsed: Duration::ZERO,
        }
    }

    /// The servers for `address`: a catalog provider's fill in the login name again (the address
    /// may have been edited since), found servers are used as found.
    pub fn endpoints(&self, address: &Address) -> (Endpoint, Endpoint) {
        match (self.source, self.provider) {
            (Source::Catalog | Source::Mx, Some(p)) => p.endpoints(address),
            _ => (self.imap.clone(), self.smtp.clone()),
        }
    }

    /// The company's admin may have to turn IMAP/SMTP on first (enterprise mail found by MX).
    pub fn needs_admin(&self) -> bool {
        self.source == Source::Mx
    }
}

#[derive(Clone, Debug, Default)]
pub struct DetectOptions {
    /// Ask this DNS server instead of the system's (tests, support).
    pub dns_server: Option<SocketAddr>,
    /// Catalog only.
    pub no_network: bool,
    /// TLS for autoconfig, ISPDB and guessing (platform roots plus `--ca-file`).
    pub tls: Option<Arc<rustls::ClientConfig>>,
    /// ISPDB base URL; default Thunderbird's.
    pub ispdb_url: Option<String>,
    /// Overall limit; default [`DEFAULT_DEADLINE`].
    pub deadline: Option<Duration>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DiscoverError {
    #[error("no mail servers found for {domain} (MX: {mx:?})")]
    NotFound {
        domain: String,
        mx: Vec<String>,
        attempts: Vec<SourceAttempt>,
        /// How long the search took (the deadline, when nothing answered).
        elapsed: Duration,
    },
    #[error("discovery could not start: {0}")]
    Setup(String),
}

impl DiscoverError {
    /// Every lookup failed without an answer (not even "no such record"): the network is
    /// more likely down than the address wrong. Guessing proves nothing either way (it finds
    /// nothing offline too).
    pub fn offline(&self) -> bool {
        match self {
            DiscoverError::NotFound { attempts, .. } => {
                let mut network = attempts
                    .iter()
                    .filter(|a| !matches!(a.source, Source::Catalog | Source::Guess))
                    .peekable();
                network.peek().is_some()
                    && network.all(|a| {
                        matches!(
                            a.outcome,
                            SourceOutcome::Failed(_) | SourceOutcome::NotWaited
                        )
                    })
            }
            DiscoverError::Setup(_) => false,
        }
    }
}

/// Overall limit for the network part of detection.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(5);

struct Answer {
    source: Source,
    ms: u64,
    result: Result<Option<Found>, String>,
    mx: Vec<String>,
}

struct Found {
    provider: Option<&'static Provider>,
    imap: Endpoint,
    smtp: Endpoint,
    config: Option<Autoconfig>,
}

impl Found {
    fn servers((imap, smtp): (Endpoint, Endpoint)) -> Self {
        // Servers that are a catalog provider's get that provider's steps.
        let provider = Catalog::builtin().by_imap_host(&imap.host);
        Found {
            provider,
            imap,
            smtp,
            config: None,
        }
    }

    fn config(c: Autoconfig) -> Option<Self> {
        let (imap, smtp) = (c.imap.clone()?, c.smtp.clone()?);
        let mut f = Found::servers((imap, smtp));
        f.config = Some(c);
        Some(f)
    }
}

type SourceFuture<'a> = Pin<Box<dyn Future<Output = Answer> + Send + 'a>>;

/// Labels a source's answer and times it.
fn timed(source: Source, fut: SourceFuture<'_>) -> SourceFuture<'_> {
    Box::pin(async move {
        let t = Instant::now();
        let mut a = fut.await;
        a.source = source;
        a.ms = t.elapsed().as_millis() as u64;
        a
    })
}

/// The catalog by domain at once; otherwise every network source raced under the deadline.
pub async fn detect(address: &Address, opts: &DetectOptions) -> Result<Detection, DiscoverError> {
    let started = Instant::now();
    if let Some(p) = Catalog::builtin().by_domain(address.domain()) {
        return Ok(Detection::from_provider(p, address, Source::Catalog));
    }
    let not_found = |mx: Vec<String>, attempts| DiscoverError::NotFound {
        domain: address.domain().to_string(),
        mx,
        attempts,
        elapsed: started.elapsed(),
    };
    if opts.no_network {
        return Err(not_found(Vec::new(), Vec::new()));
    }
    let deadline = opts.deadline.unwrap_or(DEFAULT_DEADLINE);
    let dns = Dns::new(opts.dns_server).map_err(DiscoverError::Setup)?;
    let tls = match &opts.tls {
        Some(t) => t.clone(),
        None => crate::probe::tls::client_config(None)
            .map_err(|e| DiscoverError::Setup(e.to_string()))?,
    };
    let http = http::Fetcher::new(&dns, &tls, deadline).map_err(DiscoverError::Setup)?;
    let ispdb = opts.ispdb_url.as_deref().unwrap_or(http::DEFAULT_ISPDB);
    let clients = Clients {
        dns: &dns,
        http: &http,
        tls: &tls,
        ispdb,
    };
    let race = race(sources(address, &clients), deadline, started).await;
    let Some((source, found)) = race.best else {
        return Err(not_found(race.mx, race.attempts));
    };
    let config = found.config.unwrap_or_default();
    Ok(Detection {
        source,
        provider: found.provider,
        imap: found.imap,
        smtp: found.smtp,
        mx: race.mx,
        display_name: config.display_name,
        documentation: config.documentation,
        enable: config.enable,
        attempts: race.attempts,
        elapsed: started.elapsed(),
    })
}

/// What the network sources share: one resolver, one HTTPS client, one TLS configuration.
struct Clients<'a> {
    dns: &'a Dns,
    http: &'a http::Fetcher,
    tls: &'a Arc<rustls::ClientConfig>,
    ispdb: &'a str,
}

fn answer(result: Result<Option<Found>, String>, mx: Vec<String>) -> Answer {
    Answer {
        source: Source::Catalog,
        ms: 0,
        result,
        mx,
    }
}

/// Every network source, started together.
fn sources<'a>(address: &'a Address, c: &'a Clients<'a>) -> FuturesUnordered<SourceFuture<'a>> {
    let domain = address.domain();
    let running: FuturesUnordered<SourceFuture<'a>> = FuturesUnordered::new();
    running.push(timed(
        Source::Mx,
        Box::pin(async move {
            match c.dns.mx(domain).await {
                Ok(mx) => {
                    let catalog = Catalog::builtin();
                    let found = mx.iter().find_map(|h| catalog.by_mx(h)).map(|p| {
                        let mut f = Found::servers(p.endpoints(address));
                        f.provider = Some(p);
                        f
                    });
                    answer(Ok(found), mx)
                }
                Err(e) => answer(Err(e), Vec::new()),
            }
        }),
    ));
    running.push(timed(
        Source::Autoconfig,
        Box::pin(async move {
            let r = c.http.autoconfig(address).await;
            answer(r.map(|c| c.and_then(Found::config)), Vec::new())
        }),
    ));
    running.push(timed(
        Source::Srv,
        Box::pin(async move {
            let r = dns::srv_endpoints(c.dns, domain, &address.to_string()).await;
            answer(r.map(|s| s.map(Found::servers)), Vec::new())
        }),
    ));
    running.push(timed(
        Source::Ispdb,
        Box::pin(async move {
            let r = c.http.ispdb(c.ispdb, address).await;
            answer(r.map(|c| c.and_then(Found::config)), Vec::new())
        }),
    ));
    running.push(timed(
        Source::Guess,
        Box::pin(async move {
            let r = guess::guess(c.dns, c.tls, domain, &address.to_string()).await;
            answer(Ok(r.map(Found::servers)), Vec::new())
        }),
    ));
    running
}

/// How the race ended: the best answer, every source's attempt, the MX hosts.
struct Race {
    best: Option<(Source, Found)>,
    attempts: Vec<SourceAttempt>,
    mx: Vec<String>,
}

/// Takes answers as they come until a found answer has no better source still running, or the
/// deadline passes; sources not waited for are listed as such.
async fn race(
    mut running: FuturesUnordered<SourceFuture<'_>>,
    deadline: Duration,
    started: Instant,
) -> Race {
    let mut best: Option<(Source, Found)> = None;
    let mut attempts: Vec<SourceAttempt> = Vec::new();
    let mut mx = Vec::new();
    let limit = tokio::time::sleep(deadline);
    tokio::pin!(limit);
    loop {
        // Done when a found answer has no better source still running.
        if let Some((b, _)) = &best
            && Source::NETWORK
                .iter()
                .filter(|s| *s < b)
                .all(|s| attempts.iter().any(|a| a.source == *s))
        {
            break;
        }
        let next = tokio::select! {
            a = running.next() => a,
            () = &mut limit => None,
        };
        let Some(a) = next else { break };
        if a.source == Source::Mx {
            mx = a.mx;
        }
        let outcome = match a.result {
            Ok(Some(found)) => {
                if best.as_ref().is_none_or(|(b, _)| a.source < *b) {
                    best = Some((a.source, found));
                }
                SourceOutcome::Found
            }
            Ok(None) => SourceOutcome::Nothing,
            Err(e) => {
                tracing::info!("discovery via {}: {e}", a.source.as_str());
                SourceOutcome::Failed(e)
            }
        };
        attempts.push(SourceAttempt {
            source: a.source,
            ms: a.ms,
            outcome,
        });
    }
    for s in Source::NETWORK {
        if !attempts.iter().any(|a| a.source == s) {
            attempts.push(SourceAttempt {
                source: s,
                ms: started.elapsed().as_millis() as u64,
                outcome: SourceOutcome::NotWaited,
            });
        }
    }
    attempts.sort_by_key(|a| a.source);
    Race { best, attempts, mx }
}
