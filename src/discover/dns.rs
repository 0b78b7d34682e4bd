//! DNS for discovery (hickory-resolver): one resolver per detection, either the system's or the
//! one `--dns-server` names, used for MX, SRV and every host name discovery connects to (the
//! HTTPS client included), so a test or support DNS server answers all of them.

use std::net::SocketAddr;

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{NameServerConfig, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::RData;

use crate::catalog::{Endpoint, Security};

#[derive(Clone)]
pub struct Dns(TokioResolver);

impl Dns {
    pub fn new(server: Option<SocketAddr>) -> Result<Self, String> {
        match server {
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
        .map(Dns)
        .map_err(|e| e.to_string())
    }

    /// The domain's MX hosts, lowest preference first. A domain without MX gives an empty list.
    pub async fn mx(&self, domain: &str) -> Result<Vec<String>, String> {
        let lookup = match self.0.mx_lookup(format!("{domain}.")).await {
            Ok(l) => l,
            // NXDOMAIN / no records: not an error, just nothing hosted there.
            Err(e) if e.is_no_records_found() || e.is_nx_domain() => return Ok(Vec::new()),
            Err(e) => return Err(e.to_string()),
        };
        let mut mx: Vec<(u16, String)> = lookup
            .answers()
            .iter()
            .filter_map(|r| match &r.data {
                RData::MX(m) => Some((m.preference, host_of(&m.exchange.to_ascii()))),
                _ => None,
            })
            .collect();
        mx.sort();
        Ok(mx.into_iter().map(|(_, h)| h).collect())
    }

    /// The best target of an RFC 6186 SRV record (`_imaps._tcp.example.com`): lowest priority,
    /// then highest weight. None when there is no record or the target is "." (no service).
    pub async fn srv(&self, name: String) -> Result<Option<(String, u16)>, String> {
        let lookup = match self.0.srv_lookup(format!("{name}.")).await {
            Ok(l) => l,
            Err(e) if e.is_no_records_found() || e.is_nx_domain() => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        let mut records: Vec<(u16, std::cmp::Reverse<u16>, String, u16)> = lookup
            .answers()
            .iter()
            .filter_map(|r| match &r.data {
                RData::SRV(s) => Some((
                    s.priority,
                    std::cmp::Reverse(s.weight),
                    host_of(&s.target.to_ascii()),
                    s.port,
                )),
                _ => None,
            })
            .collect();
        records.sort();
        Ok(records
            .into_iter()
            .find(|(_, _, host, port)| !host.is_empty() && *port > 0)
            .map(|(_, _, host, port)| (host, port)))
    }

    /// Addresses of a host name, for the guess probes and the HTTPS client.
    pub async fn addrs(&self, host: &str, port: u16) -> Result<Vec<SocketAddr>, String> {
        let lookup = self
            .0
            .lookup_ip(format!("{}.", host.trim_end_matches('.')))
            .await
            .map_err(|e| e.to_string())?;
        Ok(lookup.iter().map(|ip| SocketAddr::new(ip, port)).collect())
    }
}

impl Dns {
    /// Whether a host name has an address at all (a missing autoconfig host is "nothing
    /// there", not a failure).
    pub async fn exists(&self, host: &str) -> Result<bool, String> {
        match self
            .0
            .lookup_ip(format!("{}.", host.trim_end_matches('.')))
            .await
        {
            Ok(l) => Ok(l.iter().next().is_some()),
            Err(e) if e.is_no_records_found() || e.is_nx_domain() => Ok(false),
            Err(e) => Err(e.to_string()),
        }
    }
}

fn host_of(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// The HTTPS client resolves through the same DNS as everything else.
impl reqwest::dns::Resolve for Dns {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let dns = self.clone();
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs = dns
                .addrs(&host, 0)
                .await
                .map_err(Box::<dyn std::error::Error + Send + Sync>::from)?;
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// RFC 6186 / 8314 SRV records: implicit TLS preferred over STARTTLS; plain is never offered.
pub async fn srv_endpoints(
    dns: &Dns,
    domain: &str,
    username: &str,
) -> Result<Option<(Endpoint, Endpoint)>, String> {
    let lookups = ["_imaps", "_imap", "_submissions", "_submission"]
        .map(|service| dns.srv(format!("{service}._tcp.{domain}")));
    let [imaps, imap, submissions, submission] = futures::future::join_all(lookups)
        .await
        .try_into()
        .map_err(|_| "SRV lookups".to_string())?;
    let endpoint = |r: Result<Option<(String, u16)>, String>, security| {
        r.map(|o| {
            o.map(|(host, port)| Endpoint {
                host,
                port,
                security,
                username: username.to_string(),
            })
        })
    };
    let pick = |a, b| -> Result<Option<Endpoint>, String> {
        match (endpoint(a, Security::Tls), endpoint(b, Security::Starttls)) {
            (Ok(Some(e)), _) | (_, Ok(Some(e))) => Ok(Some(e)),
            (Err(e), _) | (_, Err(e)) => Err(e),
            _ => Ok(None),
        }
    };
    let imap = pick(imaps, imap)?;
    let smtp = pick(submissions, submission)?;
    Ok(imap.zip(smtp))
}
