//! A file handed to a phone on the same network: this computer listens on its local-network
//! address, under a random path, until one phone has fetched the file or the offer expires.
//! The phone opens the link from a QR code (an iPhone's Camera opens it in Safari, which
//! installs a configuration profile from a download). Plain HTTP, because a phone trusts no
//! certificate this computer could make: the random path, the one fetch and the time limit keep
//! the window for anyone else on the network small.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use tokio::net::TcpListener;

/// How long a link works.
pub const OFFER_LIMIT: Duration = Duration::from_secs(600);

/// What an Apple configuration profile is served as (Safari offers to install it).
pub const MOBILECONFIG: &str = "application/x-apple-aspen-config";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// No address a phone on the same network could reach (no Wi-Fi or cable network).
    #[error("no local network address")]
    NoNetwork,
    #[error("could not listen on the local network: {0}")]
    Listen(String),
    /// Nobody fetched the file in time.
    #[error("the link expired")]
    Expired,
}

/// This computer's address that a phone on the same network most likely reaches: a private
/// IPv4 address (home and office Wi-Fi), else any other non-loopback IPv4 one.
pub fn lan_address() -> Option<IpAddr> {
    let ips: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.is_oper_up() && !i.is_p2p())
        .map(|i| i.ip())
        .collect();
    pick(&ips)
}

fn pick(ips: &[IpAddr]) -> Option<IpAddr> {
    let v4 = ips.iter().filter_map(|ip| match ip {
        IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified() => {
            Some(*v4)
        }
        _ => None,
    });
    let (private, other): (Vec<_>, Vec<_>) = v4.partition(|v4| v4.is_private());
    private.first().or(other.first()).copied().map(IpAddr::V4)
}

/// A file offered once, at `url`.
pub struct Offer {
    pub url: String,
    listener: TcpListener,
    path: String,
}

/// Listens on `ip` (a random port) for one fetch of `file_name` under a random path.
pub async fn offer(ip: IpAddr, file_name: &str) -> Result<Offer, ShareError> {
    let listener = TcpListener::bind(SocketAddr::new(ip, 0))
        .await
        .map_err(|e| ShareError::Listen(e.to_string()))?;
    let port = listener
        .local_addr()
        .map_err(|e| ShareError::Listen(e.to_string()))?
        .port();
    let token = uuid::Uuid::new_v4().simple().to_string();
    let path = format!("/{token}/{file_name}");
    let url = format!("http://{}{path}", SocketAddr::new(ip, port));
    Ok(Offer {
        url,
        listener,
        path,
    })
}

impl Offer {
    /// Serves `body` to the first GET of the link and stops; every other request gets 404. The
    /// listener is closed when this returns. The fetching phone's address, or `Expired`.
    pub async fn serve_once(
        self,
        body: SecretString,
        content_type: &str,
        limit: Duration,
    ) -> Result<SocketAddr, ShareError> {
        tokio::time::timeout(limit, self.serve(body, content_type))
            .await
            .map_err(|_| ShareError::Expired)
    }

    async fn serve(&self, body: SecretString, content_type: &str) -> SocketAddr {
        let name = self.path.rsplit('/').next().unwrap_or_default();
        let disposition = format!("Content-Disposition: attachment; filename=\"{name}\"\r\n");
        loop {
            let (mut stream, peer, request) = crate::serve::accept(&self.listener).await;
            let ours = request.is_some_and(|r| r.method == "GET" && r.target == self.path);
            if !ours {
                let page = crate::serve::page("404");
                let html = "text/html; charset=utf-8";
                let _ =
                    crate::serve::reply(&mut stream, "404 Not Found", html, "", page.as_bytes())
                        .await;
                continue;
            }
            let bytes = body.expose_secret().as_bytes();
            let sent =
                crate::serve::reply(&mut stream, "200 OK", content_type, &disposition, bytes);
            if sent.await.is_ok() {
                return peer;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phone_is_offered_the_home_network_address() {
        let ip = |s: &str| s.parse::<IpAddr>().expect("ip");
        let found = [
            ip("127.0.0.1"),
            ip("169.254.3.4"),
            ip("100.64.0.9"),
            ip("192.168.1.20"),
        ];
        assert_eq!(pick(&found), Some(ip("192.168.1.20")));
        assert_eq!(
            pick(&[ip("127.0.0.1"), ip("100.64.0.9")]),
            Some(ip("100.64.0.9"))
        );
        assert_eq!(pick(&[ip("127.0.0.1"), ip("::1"), ip("fe80::1")]), None);
    }

    #[tokio::test]
    async fn an_offer_nobody_takes_expires_and_closes() {
        let offer = offer(std::net::Ipv4Addr::LOCALHOST.into(), "a.mobileconfig")
            .await
            .expect("listen");
        let port = offer.listener.local_addr().expect("addr").port();
        let body = SecretString::from("profile".to_string());
        let served = offer.serve_once(body, MOBILECONFIG, Duration::from_millis(200));
        assert_eq!(served.await, Err(ShareError::Expired));
        let again = tokio::net::TcpStream::connect(("127.0.0.1", port)).await;
        assert!(again.is_err(), "the listener is closed");
    }
}
