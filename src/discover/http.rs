//! Fetching clientConfig documents over HTTPS only: the domain's own autoconfig addresses and an
//! ISPDB-format database (Thunderbird's by default). Certificates are verified like the probes'
//! (platform roots plus `--ca-file`); redirects may not leave HTTPS.

use std::sync::Arc;
use std::time::Duration;

use super::autoconfig::{self, Autoconfig};
use super::dns::Dns;
use crate::address::Address;

/// Thunderbird's ISPDB, which serves one clientConfig file per domain.
pub const DEFAULT_ISPDB: &str = "https://autoconfig.thunderbird.net/v1.1/";
/// Nobody's autoconfig file is this big; a server sending more is not one.
const MAX_BODY: usize = 256 * 1024;

pub struct Fetcher {
    client: reqwest::Client,
    dns: Dns,
}

impl Fetcher {
    pub fn new(
        dns: &Dns,
        tls: &Arc<rustls::ClientConfig>,
        timeout: Duration,
    ) -> Result<Self, String> {
        reqwest::Client::builder()
            .tls_backend_preconfigured((**tls).clone())
            .dns_resolver(Arc::new(dns.clone()))
            .https_only(true)
            .redirect(reqwest::redirect::Policy::limited(3))
            .no_proxy()
            .timeout(timeout)
            .user_agent(concat!("mailsetup/", env!("CARGO_PKG_VERSION")))
            .build()
            .map(|client| Fetcher {
                client,
                dns: dns.clone(),
            })
            .map_err(|e| e.to_string())
    }

    async fn get(&self, url: &str) -> Result<String, String> {
        let mut response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|e| error_chain(&e))?;
        if !response.status().is_success() {
            return Err(format!("{url}: HTTP {}", response.status()));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| error_chain(&e))? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(format!("{url}: larger than {MAX_BODY} bytes"));
            }
            body.extend_from_slice(&chunk);
        }
        String::from_utf8(body).map_err(|_| format!("{url}: not UTF-8"))
    }

    async fn fetch(&self, url: &str, address: &Address) -> Result<Option<Autoconfig>, String> {
        let host = reqwest::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .ok_or_else(|| format!("{url}: not a URL"))?;
        // An IP address (`--ispdb-url https://127.0.0.1:8443/`) has nothing to look up.
        let ip = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok();
        if !ip && !self.dns.exists(&host).await? {
            return Ok(None);
        }
        let xml = self.get(url).await?;
        let config = autoconfig::parse(&xml, address).map_err(|e| format!("{url}: {e}"))?;
        // A file without a usable (TLS) server for both sides answers nothing.
        Ok((config.imap.is_some() && config.smtp.is_some()).then_some(config))
    }

    /// The domain's own file: `autoconfig.<domain>` first, then its `.well-known` address; both
    /// are asked at once.
    pub async fn autoconfig(&self, address: &Address) -> Result<Option<Autoconfig>, String> {
        let domain = address.domain();
        let query: String = form_encode(&address.to_string());
        let urls = [
            format!("https://autoconfig.{domain}/mail/config-v1.1.xml?emailaddress={query}"),
            format!("https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml"),
        ];
        let (a, b) = tokio::join!(self.fetch(&urls[0], address), self.fetch(&urls[1], address));
        match (a, b) {
            (Ok(Some(c)), _) | (_, Ok(Some(c))) => Ok(Some(c)),
            (Err(e), _) | (_, Err(e)) => Err(e),
            _ => Ok(None),
        }
    }

    /// The ISPDB entry for the domain, from `base` (a URL ending in `/`).
    pub async fn ispdb(&self, base: &str, address: &Address) -> Result<Option<Autoconfig>, String> {
        let url = format!("{}/{}", base.trim_end_matches('/'), address.domain());
        match self.fetch(&url, address).await {
            // Most domains are not in the database: that is "nothing", not a failure.
            Err(e) if e.ends_with("HTTP 404 Not Found") => Ok(None),
            other => other,
        }
    }
}

/// Percent-encodes a query value (an address: letters, digits and a few symbols).
fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// reqwest's errors keep their cause in `source()`; support needs the whole chain.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses_are_encoded_for_the_query() {
        assert_eq!(
            super::form_encode("li.lei+x@例子.cn"),
            "li.lei%2Bx%40%E4%BE%8B%E5%AD%90.cn"
        );
    }
}
