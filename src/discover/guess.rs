//! Guessing: `imap.`/`mail.` and `smtp.`/`mail.` + domain on the standard ports, all probed at
//! once. A candidate counts only if it completes a TLS handshake with a certificate valid for its
//! name: at once on 993/465, after STARTTLS on 143/587. A server that would take the secret in
//! clear, or whose certificate the check would refuse, is never proposed. No login is attempted;
//! the live check does that.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::dns::Dns;
use crate::catalog::{Endpoint, Security};
use crate::probe::Protocol;

/// Per candidate: connecting, TLS and reading the greeting together.
pub const CANDIDATE_TIMEOUT: Duration = Duration::from_secs(3);
/// A greeting or capability line longer than this is not a mail server worth guessing.
const MAX_LINE: usize = 4096;
const MAX_LINES: usize = 64;

/// Candidates in order of preference: implicit TLS first, the protocol's own name first.
fn candidates(protocol: Protocol, domain: &str) -> Vec<(String, u16, Security)> {
    let (name, tls_port, starttls_port) = match protocol {
        Protocol::Imap => ("imap", 993, 143),
        Protocol::Smtp => ("smtp", 465, 587),
    };
    let mut out = Vec::new();
    for (port, security) in [
        (tls_port, Security::Tls),
        (starttls_port, Security::Starttls),
    ] {
        for prefix in [name, "mail"] {
            out.push((format!("{prefix}.{domain}"), port, security));
        }
    }
    out
}

/// The best IMAP and SMTP servers that answered, if both did.
pub async fn guess(
    dns: &Dns,
    tls: &Arc<rustls::ClientConfig>,
    domain: &str,
    username: &str,
) -> Option<(Endpoint, Endpoint)> {
    let best = |protocol| async move {
        let list = candidates(protocol, domain);
        let probes = list.iter().map(|(host, port, security)| {
            let host = host.clone();
            async move {
                tokio::time::timeout(
                    CANDIDATE_TIMEOUT,
                    candidate(dns, tls, protocol, &host, *port, *security),
                )
                .await
                .unwrap_or(false)
            }
        });
        // All at once; then the first in preference order that worked.
        let answered = futures::future::join_all(probes).await;
        list.into_iter()
            .zip(answered)
            .find(|(_, ok)| *ok)
            .map(|((host, port, security), _)| Endpoint {
                host,
                port,
                security,
                username: username.to_string(),
            })
    };
    let (imap, smtp) = tokio::join!(best(Protocol::Imap), best(Protocol::Smtp));
    imap.zip(smtp)
}

async fn candidate(
    dns: &Dns,
    tls: &Arc<rustls::ClientConfig>,
    protocol: Protocol,
    host: &str,
    port: u16,
    security: Security,
) -> bool {
    let Ok(addrs) = dns.addrs(host, port).await else {
        return false;
    };
    let Some(addr) = addrs.first() else {
        return false;
    };
    let Ok(tcp) = TcpStream::connect(addr).await else {
        return false;
    };
    match security {
        Security::Tls => {
            let Ok(stream) = crate::probe::tls::handshake(tcp, host, tls.clone()).await else {
                return false;
            };
            greets(&mut BufReader::new(stream), protocol).await
        }
        Security::Starttls => match starttls(tcp, protocol).await {
            Some(tcp) => crate::probe::tls::handshake(tcp, host, tls.clone())
                .await
                .is_ok(),
            None => false,
        },
    }
}

/// Reads one reply line, bounded in length.
async fn line<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> Option<String> {
    let mut buf = Vec::new();
    let mut limited = (&mut *r).take(MAX_LINE as u64);
    match limited.read_until(b'\n', &mut buf).await {
        Ok(0) | Err(_) => None,
        Ok(_) if !buf.ends_with(b"\n") => None,
        Ok(_) => Some(String::from_utf8_lossy(&buf).trim_end().to_string()),
    }
}

/// The server's greeting says it is the right kind of server.
async fn greets<R: AsyncRead + Unpin>(r: &mut BufReader<R>, protocol: Protocol) -> bool {
    match (protocol, line(r).await) {
        (Protocol::Imap, Some(l)) => l.starts_with("* OK") || l.starts_with("* PREAUTH"),
        (Protocol::Smtp, Some(l)) => l.starts_with("220"),
        _ => false,
    }
}

/// Asks for STARTTLS if the server offers it; the connection, ready for the TLS handshake.
async fn starttls(tcp: TcpStream, protocol: Protocol) -> Option<TcpStream> {
    let mut r = BufReader::new(tcp);
    offers_starttls(&mut r, protocol)
        .await
        .filter(|&offered| offered)?;
    let (command, ok): (&[u8], &str) = match protocol {
        Protocol::Imap => (b"g2 STARTTLS\r\n", "g2 OK"),
        Protocol::Smtp => (b"STARTTLS\r\n", "220"),
    };
    r.get_mut().write_all(command).await.ok()?;
    let reply = line(&mut r).await?;
    // Bytes already waiting after the go-ahead were sent before TLS: a sign of injection
    // (CVE-2011-0411 style), so the candidate is dropped.
    (reply.starts_with(ok) && r.buffer().is_empty()).then(|| r.into_inner())
}

/// Reads the greeting and capabilities; `None` when this is not the right kind of server.
async fn offers_starttls(r: &mut BufReader<TcpStream>, protocol: Protocol) -> Option<bool> {
    let greeting = line(r).await?;
    match protocol {
        Protocol::Imap => {
            if !greeting.starts_with("* OK") {
                return None;
            }
            if greeting.contains("STARTTLS") {
                return Some(true);
            }
            r.get_mut().write_all(b"g1 CAPABILITY\r\n").await.ok()?;
            let mut found = false;
            for _ in 0..MAX_LINES {
                let l = line(r).await?;
                if l.starts_with("g1 ") {
                    return Some(found);
                }
                found |= l.starts_with("* CAPABILITY") && l.contains("STARTTLS");
            }
            None
        }
        Protocol::Smtp => {
            // A multi-line greeting ends with "220 ".
            let mut last = greeting;
            for _ in 0..MAX_LINES {
                if !last.starts_with("220-") {
                    break;
                }
                last = line(r).await?;
            }
            if !last.starts_with("220 ") && last != "220" {
                return None;
            }
            r.get_mut().write_all(b"EHLO mailsetup\r\n").await.ok()?;
            let mut found = false;
            for _ in 0..MAX_LINES {
                let l = line(r).await?;
                if !l.starts_with("250") {
                    return None;
                }
                found |= l[3..]
                    .trim_start_matches(['-', ' '])
                    .eq_ignore_ascii_case("STARTTLS");
                if !l.starts_with("250-") {
                    return Some(found);
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_ports_and_own_names_come_first() {
        let c = candidates(Protocol::Smtp, "example.cn");
        let names: Vec<String> = c.iter().map(|(h, p, _)| format!("{h}:{p}")).collect();
        assert_eq!(
            names,
            [
                "smtp.example.cn:465",
                "mail.example.cn:465",
                "smtp.example.cn:587",
                "mail.example.cn:587"
            ]
        );
    }
}
