//! The native-app sign-in's own parts (RFC 8252): the authorization URL (PKCE S256, `state`,
//! loopback redirect), the one-shot loopback listener (only our redirect is taken; forged ones
//! are refused and never exchanged; the port closes after one use; a time limit), and the
//! exchange of the code with its PKCE verifier. The whole flow against a real OpenID provider,
//! Dovecot and a browser is issue 14's next part.

mod support;

use std::time::Duration;

use mailsetup::oauth::{self, Config, OAuthError, Pages};
use secrecy::ExposeSecret;
use support::query;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

fn config(token_url: &str) -> Config {
    Config {
        authorize_url: "https://login.example.test/authorize".into(),
        token_url: token_url.into(),
        scopes: vec![
            "https://outlook.office.com/IMAP.AccessAsUser.All".into(),
            "offline_access".into(),
        ],
        params: Vec::new(),
        client_id: "mailsetup-test".into(),
        client_secret: None,
    }
}

fn pages() -> Pages {
    Pages {
        done: "done, close this tab".into(),
        denied: "you said no".into(),
        refused: "not ours".into(),
    }
}

/// Sends one raw request to the listener and returns the status line.
async fn send(port: u16, request: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    s.write_all(request.as_bytes()).await.expect("write");
    let mut out = String::new();
    let _ = s.read_to_string(&mut out).await;
    out.lines().next().unwrap_or_default().to_string()
}

#[tokio::test]
async fn the_authorization_url_has_pkce_state_and_a_loopback_redirect() {
    let p = oauth::begin(config("https://login.example.test/token"))
        .await
        .expect("begin");
    assert_eq!(
        query(&p.url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert!(query(&p.url, "code_challenge").is_some_and(|c| c.len() >= 43));
    assert!(query(&p.url, "state").is_some_and(|s| s.len() >= 16));
    assert_eq!(
        query(&p.url, "redirect_uri"),
        Some(format!("http://127.0.0.1:{}/", p.port()))
    );
    assert_eq!(query(&p.url, "response_type").as_deref(), Some("code"));
    assert!(query(&p.url, "scope").is_some_and(|s| s.contains("offline_access")));
    // Two sign-ins never share a state or a port.
    let q = oauth::begin(config("https://login.example.test/token"))
        .await
        .expect("begin");
    assert_ne!(query(&p.url, "state"), query(&q.url, "state"));
    assert_ne!(p.port(), q.port());
}

/// A token endpoint standing in for the provider's: it answers one request, and hands back the
/// form it got (so the test sees the code and the PKCE verifier went out).
async fn token_endpoint() -> (String, tokio::task::JoinHandle<String>) {
    let l = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!(
        "http://127.0.0.1:{}/token",
        l.local_addr().expect("addr").port()
    );
    let handle = tokio::spawn(async move {
        let (mut s, _) = l.accept().await.expect("accept");
        let mut buf = vec![0u8; 16 * 1024];
        let mut got = Vec::new();
        // The form is small; read until its body has arrived.
        while !String::from_utf8_lossy(&got).contains("code_verifier") {
            let n = s.read(&mut buf).await.expect("read");
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
        }
        let body = r#"{"access_token":"at-123","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-456"}"#;
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        s.write_all(reply.as_bytes()).await.expect("reply");
        String::from_utf8_lossy(&got).into_owned()
    });
    (url, handle)
}

#[tokio::test]
async fn forged_redirects_are_refused_and_ours_is_exchanged_once() {
    let (token_url, token_seen) = token_endpoint().await;
    let p = oauth::begin(config(&token_url)).await.expect("begin");
    let port = p.port();
    let state = query(&p.url, "state").expect("state");
    let http = oauth::TokenClient::new(None).expect("http");
    let waiting =
        tokio::spawn(async move { p.finish(&pages(), &http, Duration::from_secs(20)).await });
    // Forged: another state, no state, a page's request (Origin), a POST, another path.
    for forged in [
        "GET /?code=evil&state=guess HTTP/1.1\r\nHost: x\r\n\r\n".to_string(),
        "GET /?code=evil HTTP/1.1\r\nHost: x\r\n\r\n".to_string(),
        format!("GET /?code=evil&state={state} HTTP/1.1\r\nOrigin: https://evil.example\r\n\r\n"),
        format!("POST /?code=evil&state={state} HTTP/1.1\r\nHost: x\r\n\r\n"),
        format!("GET /favicon.ico?code=evil&state={state} HTTP/1.1\r\n\r\n"),
    ] {
        let status = send(port, &forged).await;
        assert!(status.contains("400"), "{forged}: {status}");
    }
    // Ours: taken, answered with the page, exchanged with the verifier.
    let status = send(
        port,
        &format!("GET /?code=good-code&state={state} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
    )
    .await;
    assert!(status.contains("200"), "{status}");
    let tokens = waiting.await.expect("join").expect("tokens");
    assert_eq!(tokens.access.expose_secret(), "at-123");
    assert_eq!(
        tokens
            .refresh
            .as_ref()
            .map(|r| r.expose_secret().to_string())
            .as_deref(),
        Some("rt-456")
    );
    let form = token_seen.await.expect("token endpoint");
    assert!(form.contains("code=good-code"), "{form}");
    assert!(
        !form.contains("code=evil"),
        "a forged code was exchanged: {form}"
    );
    assert!(form.contains("code_verifier="), "{form}");
    // One use: the port is closed now.
    assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
}

#[tokio::test]
async fn denied_consent_and_silence_end_in_their_own_errors() {
    let p = oauth::begin(config("http://127.0.0.1:9/token"))
        .await
        .expect("begin");
    let port = p.port();
    let state = query(&p.url, "state").expect("state");
    let http = oauth::TokenClient::new(None).expect("http");
    let waiting =
        tokio::spawn(async move { p.finish(&pages(), &http, Duration::from_secs(20)).await });
    let status = send(
        port,
        &format!("GET /?error=access_denied&state={state} HTTP/1.1\r\n\r\n"),
    )
    .await;
    assert!(status.contains("200"));
    assert!(
        matches!(waiting.await.expect("join"), Err(OAuthError::Denied(e)) if e == "access_denied")
    );

    let p = oauth::begin(config("http://127.0.0.1:9/token"))
        .await
        .expect("begin");
    let http = oauth::TokenClient::new(None).expect("http");
    let r = p.finish(&pages(), &http, Duration::from_millis(300)).await;
    assert!(matches!(r, Err(OAuthError::Timeout)));
}
