//! Finding the servers of any address (issue 4). So far: the catalog by domain, then the
//! domain's MX hosts matched against the catalog's MX patterns (company mail hosted by Exmail,
//! NetEase, Aliyun, Google or Microsoft), and the Thunderbird autoconfig format.

pub mod autoconfig;

use std::net::SocketAddr;
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{NameServerConfig, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::RData;

use crate::address::Address;
use crate::catalog::{Catalog, Provider};

/// Where a detection came from; `as_str` is the `source` of `detect --json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Catalog,
    Mx,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Catalog => "catalog",
            Source::Mx => "mx",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Detection {
    pub provider: &'static Provider,
    pub source: Source,
    /// The domain's MX hosts, best first (empty for a catalog hit).
    pub mx: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct DetectOptions {
    /// Ask this DNS server instead of the system's (tests, support).
    pub dns_server: Option<SocketAddr>,
    /// Catalog only.
    pub no_network: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DiscoverError {
    #[error("no known mail provider for {domain} (MX: {mx:?})")]
    NotFound { domain: String, mx: Vec<String> },
    #[error("DNS lookup failed: {0}")]
    Dns(String),
}

/// Overall limit for the network part of detection.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(5);

/// The catalog by domain first; then, for any other domain, its MX hosts.
pub async fn detect(address: &Address, opts: &DetectOptions) -> Result<Detection, DiscoverError> {
    let catalog = Catalog::builtin();
    if let Some(p) = catalog.by_domain(address.domain()) {
        return Ok(Detection {
            provider: p,
            source: Source::Catalog,
            mx: Vec::new(),
        });
    }
    let not_found = |mx: Vec<String>| DiscoverError::NotFound {
        domain: address.domain().to_string(),
        mx,
    };
    if opts.no_network {
        return Err(not_found(Vec::new()));
    }
    let mx = tokio::time::timeout(
        DEFAULT_DEADLINE,
        mx_hosts(address.domain(), opts.dns_server),
    )
    .await
    .map_err(|_| DiscoverError::Dns("no answer in time".into()))??;
    match mx.iter().find_map(|h| catalog.by_mx(h)) {
        Some(p) => Ok(Detection {
            provider: p,
            source: Source::Mx,
            mx,
        }),
        None => Err(not_found(mx)),
    }
}

/// The domain's MX hosts, lowest preference first. A domain without MX gives an empty list.
pub async fn mx_hosts(domain: &str, dns: Option<SocketAddr>) -> Result<Vec<String>, DiscoverError> {
    let dns_err = |e: &dyn std::fmt::Display| DiscoverError::Dns(e.to_string());
    let resolver = match dns {
        Some(addr) => {
            let mut ns = NameServerConfig::udp_and_tcp(addr.ip());
            for c in &mut ns.connections {
                c.port = addr.port();
            }
            let config = ResolverConfig::from_name_servers(vec![ns]);
            TokioResolver::builder_with_config(config, TokioRuntimeProvider::default()).build()
        }
        None => TokioResolver::builder_tokio().and_then(|b| b.build()),
    }
    .map_err(|e| dns_err(&e))?;
    let lookup = match resolver.mx_lookup(format!("{domain}.")).await {
        Ok(l) => l,
        // NXDOMAIN / no records: not an error, just nothing hosted there.
        Err(e) if e.is_no_records_found() || e.is_nx_domain() => return Ok(Vec::new()),
        Err(e) => return Err(dns_err(&e)),
    };
    let mut mx: Vec<(u16, String)> = lookup
        .answers()
        .iter()
        .filter_map(|r| match &r.data {
            RData::MX(m) => Some((
                m.preference,
                m.exchange
                    .to_ascii()
                    .trim_end_matches('.')
                    .to_ascii_lowercase(),
            )),
            _ => None,
        })
        .collect();
    mx.sort();
    Ok(mx.into_iter().map(|(_, h)| h).collect())
}
