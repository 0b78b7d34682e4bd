//! Hostile and broken servers: every case must end in a classified error within its
//! stage timeout, without a panic, and the secret never goes out in clear. The table this prints
//! (also written to tests/out/hostile.md) is docs/testing.md's "Reliability" table.

mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mailsetup::catalog::Security;
use mailsetup::probe::{self, ErrorKind, ProbeOptions, ProbeReport, TlsReason};
use secrecy::SecretString;
use support::hostile::{self, Misbehaviour as M, Proto};
use support::{endpoint, harness, runtime, server_tls, server_tls_from};

const STAGE: Duration = Duration::from_secs(2);
/// A case may take its stage timeout plus this much (scheduling, TLS on a loaded machine).
const SLACK: Duration = Duration::from_millis(1500);
const SECRET: &str = "hostile-secret-Zq9";

#[derive(Clone)]
struct Case {
    name: &'static str,
    proto: Proto,
    /// Where to connect: the host name (for the certificate), port, security.
    host: &'static str,
    port: u16,
    security: Security,
    want: ErrorKind,
    want_tls: Option<TlsReason>,
    /// A word the server's text must contain, when it sent one.
    said: Option<&'static str>,
}

/// "Too many connections" is a rate limit; a bare 554 is the server refusing service.
fn p_kind(proto: Proto) -> ErrorKind {
    match proto {
        Proto::Imap => ErrorKind::RateLimited,
        Proto::Smtp => ErrorKind::Protocol,
    }
}

async fn probe_one(c: &Case, tls: std::sync::Arc<rustls::ClientConfig>) -> (ProbeReport, Duration) {
    let opts = ProbeOptions {
        bearer: false,
        tls,
        stage_timeout: STAGE,
        deadline: tokio::time::Instant::now() + Duration::from_secs(20),
        send_test: false,
        address: "tester@example.com".into(),
    };
    let e = endpoint(c.host, c.port, c.security, "tester@example.com");
    let secret = SecretString::from(SECRET.to_string());
    let t = Instant::now();
    let r = match c.proto {
        Proto::Imap => probe::probe_imap(&e, &secret, &opts, None).await,
        Proto::Smtp => probe::probe_smtp(&e, &secret, &opts, None).await,
    };
    (r, t.elapsed())
}

/// `openssl s_server` limited to TLS 1.0: a real old server, which rustls must refuse.
fn tls10_server(h: &support::Harness) -> (Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let child = Command::new("openssl")
        .args([
            "s_server",
            "-quiet",
            "-tls1",
            "-cipher",
            "DEFAULT:@SECLEVEL=0",
        ])
        .args(["-accept", &format!("127.0.0.1:{port}")])
        .arg("-cert")
        .arg(h.dir.join("server.pem"))
        .arg("-key")
        .arg(h.dir.join("server.key"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl s_server");
    for _ in 0..50 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    (child, port)
}

#[test]
#[ignore = "needs tests/run"]
fn every_hostile_server_ends_in_a_classified_error_in_time() {
    let h = harness();
    let rt = runtime();
    let good = server_tls(&h);
    let expired = server_tls_from(&h, "expired");
    let selfsigned = server_tls_from(&h, "self");
    let (mut old, old_port) = tls10_server(&h);

    let cases = rt.block_on(async {
        let mut cases = Vec::new();
        for proto in [Proto::Imap, Proto::Smtp] {
            let p = |s: &'static str, t: &'static str| match proto {
                Proto::Imap => s,
                Proto::Smtp => t,
            };
            let tls_port = |bad, cfg| hostile::start(proto, bad, Some(cfg));
            let mut add = |name, port, host, security, want, want_tls, said| {
                cases.push(Case {
                    name,
                    proto,
                    host,
                    port,
                    security,
                    want,
                    want_tls,
                    said,
                });
            };
            use ErrorKind as K;
            use Security::{Starttls, Tls};
            add(
                "black hole (accepts, never speaks)",
                tls_port(M::BlackHole, good.clone()).await.port(),
                "localhost",
                Tls,
                K::Timeout,
                None,
                None,
            );
            add(
                "closes right after connect",
                tls_port(M::CloseAtOnce, good.clone()).await.port(),
                "localhost",
                Tls,
                K::Protocol,
                None,
                None,
            );
            add(
                "garbage greeting",
                tls_port(M::GarbageGreeting, good.clone()).await.port(),
                "localhost",
                Tls,
                K::Protocol,
                None,
                None,
            );
            add(
                "10 MB line without a newline",
                tls_port(M::HugeLine, good.clone()).await.port(),
                "localhost",
                Tls,
                K::Protocol,
                None,
                None,
            );
            add(
                p("endless untagged responses", "endless continuation lines"),
                tls_port(M::EndlessStream, good.clone()).await.port(),
                "localhost",
                Tls,
                K::Protocol,
                None,
                None,
            );
            add(
                p("disconnect during LOGIN", "disconnect during AUTH"),
                tls_port(M::DisconnectAtLogin, good.clone()).await.port(),
                "localhost",
                Tls,
                K::Protocol,
                None,
                None,
            );
            add(
                p("STARTTLS not offered on 143", "STARTTLS not offered on 587"),
                hostile::start(proto, M::GbkReply, None).await.port(),
                "localhost",
                Starttls,
                K::StarttlsUnavailable,
                None,
                None,
            );
            add(
                "STARTTLS offered, handshake fails",
                hostile::start(proto, M::StarttlsThenGarbage, None)
                    .await
                    .port(),
                "localhost",
                Starttls,
                K::Tls,
                None,
                None,
            );
            add(
                "certificate for another host name",
                tls_port(M::NoAlert, good.clone()).await.port(),
                "127.0.0.1",
                Tls,
                K::Tls,
                Some(TlsReason::NameMismatch),
                None,
            );
            add(
                "expired certificate",
                tls_port(M::NoAlert, expired.clone()).await.port(),
                "localhost",
                Tls,
                K::Tls,
                Some(TlsReason::Expired),
                None,
            );
            add(
                "self-signed certificate",
                tls_port(M::NoAlert, selfsigned.clone()).await.port(),
                "localhost",
                Tls,
                K::Tls,
                Some(TlsReason::UnknownIssuer),
                None,
            );
            add(
                "TLS 1.0-only server (openssl s_server)",
                old_port,
                "localhost",
                Tls,
                K::Tls,
                Some(TlsReason::Incompatible),
                None,
            );
            add(
                p("BYE at once", "554 at once"),
                tls_port(M::ByeAtOnce, good.clone()).await.port(),
                "localhost",
                Tls,
                p_kind(proto),
                None,
                Some(p("Too many connections", "Service unavailable")),
            );
            add(
                p("NO [ALERT] to LOGIN", "535 account locked"),
                tls_port(M::NoAlert, good.clone()).await.port(),
                "localhost",
                Tls,
                K::Auth,
                None,
                Some("locked"),
            );
            add(
                "reply in GBK",
                tls_port(M::GbkReply, good.clone()).await.port(),
                "localhost",
                Tls,
                K::Auth,
                None,
                Some("登录失败"),
            );
            add(
                p(
                    "LOGIN answered with an unfinished literal",
                    "AUTH reply line that never ends",
                ),
                tls_port(M::UnfinishedLiteral, good.clone()).await.port(),
                "localhost",
                Tls,
                K::Timeout,
                None,
                None,
            );
        }
        cases
    });

    let tls = mailsetup::probe::tls::client_config(Some(&h.ca)).expect("CA");
    // Each case on its own task, as separate connections would be.
    let results: Vec<(ProbeReport, Duration)> = rt.block_on(async {
        let tasks: Vec<_> = cases
            .iter()
            .map(|c| {
                let c = c.clone();
                let tls = tls.clone();
                tokio::spawn(async move { probe_one(&c, tls).await })
            })
            .collect();
        futures::future::join_all(tasks)
            .await
            .into_iter()
            .map(|r| r.expect("a probe panicked"))
            .collect()
    });
    let _ = old.kill();
    let _ = old.wait();

    let mut table = String::from(
        "| protocol | case | outcome | stage | time to error |\n|---|---|---|---|---|\n",
    );
    let mut wrong = Vec::new();
    for (c, (r, took)) in cases.iter().zip(&results) {
        let Some(e) = &r.error else {
            wrong.push(format!("{}: succeeded", c.name));
            continue;
        };
        let outcome = match (e.tls_reason, &e.server_text) {
            (Some(t), _) => format!("{} ({})", e.kind.as_str(), t.as_str()),
            (None, Some(text)) => {
                let short: String = text.chars().take(44).collect();
                let short = short
                    .trim_end()
                    .replace(['\r', '\n'], " ")
                    .replace('|', "\\|");
                format!("{}: “{short}…”", e.kind.as_str())
            }
            (None, None) => e.kind.as_str().to_string(),
        };
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} ms |\n",
            match c.proto {
                Proto::Imap => "IMAP",
                Proto::Smtp => "SMTP",
            },
            c.name,
            outcome,
            e.stage.as_str(),
            took.as_millis()
        ));
        if e.kind != c.want || (c.want_tls.is_some() && e.tls_reason != c.want_tls) {
            wrong.push(format!(
                "{:?} {}: got {outcome} ({})",
                c.proto, c.name, e.detail
            ));
        }
        if let Some(word) = c.said
            && !e.server_text.as_deref().is_some_and(|t| t.contains(word))
        {
            wrong.push(format!(
                "{:?} {}: server text {:?}",
                c.proto, c.name, e.server_text
            ));
        }
        if *took > STAGE + SLACK {
            wrong.push(format!("{:?} {}: took {took:?}", c.proto, c.name));
        }
        let all = format!("{r:?}");
        if all.contains(SECRET) {
            wrong.push(format!(
                "{:?} {}: the secret is in the report",
                c.proto, c.name
            ));
        }
    }
    eprintln!("{table}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/out");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(out.join("hostile.md"), &table);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
