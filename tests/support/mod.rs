//! Shared test support: the environment that `tests/run` sets up (real Dovecot and Postfix on
//! loopback, a per-run CA) and small scripted servers that replay real providers' lines.
#![allow(dead_code)]

pub mod flights;
pub mod harness;
pub mod hostile;
pub mod mailapps;
pub mod scripted;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use mailsetup::address::Address;
use mailsetup::catalog::{Endpoint, Security};
use mailsetup::check::CheckRequest;
use mailsetup::probe::tls;
use secrecy::SecretString;

#[allow(unused_imports)] // Not every test binary uses both.
pub use harness::{Harness, harness};

/// Runs a command with `stdin` as its input and collects its output (the code goes in on stdin
/// only, as support staff and scripts give it).
pub fn output(mut cmd: std::process::Command, stdin: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn mailsetup");
    if let Some(mut s) = child.stdin.take() {
        let _ = s.write_all(stdin.as_bytes());
    }
    child.wait_with_output().expect("wait")
}

pub fn endpoint(host: &str, port: u16, security: Security, user: &str) -> Endpoint {
    Endpoint {
        host: host.to_string(),
        port,
        security,
        username: user.to_string(),
    }
}

impl Harness {
    pub fn imaps(&self) -> Endpoint {
        endpoint("localhost", self.imaps, Security::Tls, &self.user)
    }
    pub fn imap_starttls(&self) -> Endpoint {
        endpoint(
            "localhost",
            self.imap_starttls,
            Security::Starttls,
            &self.user,
        )
    }
    pub fn smtps(&self) -> Endpoint {
        endpoint("localhost", self.smtps, Security::Tls, &self.user)
    }
    pub fn submission(&self) -> Endpoint {
        endpoint("localhost", self.submission, Security::Starttls, &self.user)
    }

    pub fn request(&self, imap: Endpoint, smtp: Endpoint, pass: &str) -> CheckRequest {
        request(&self.user, None, imap, smtp, pass, &self.ca)
    }
}

pub fn request(
    address: &str,
    provider: Option<&str>,
    imap: Endpoint,
    smtp: Endpoint,
    pass: &str,
    ca: &std::path::Path,
) -> CheckRequest {
    CheckRequest {
        sign_in: mailsetup::store::SignIn::Password,
        address: Address::parse(address).expect("test address"),
        provider: provider.map(str::to_string),
        imap,
        smtp,
        secret: SecretString::from(pass.to_string()),
        tls: tls::client_config(Some(ca)).expect("CA loads"),
        timeout: Duration::from_secs(20),
        stage_timeout: Duration::from_secs(5),
        send_test: false,
        round_trip: None,
        round_trip_wait: mailsetup::probe::roundtrip::WAIT,
    }
}

/// One query parameter of a URL (the sign-in address's `state`, `redirect_uri`…).
pub fn query(url: &str, key: &str) -> Option<String> {
    reqwest::Url::parse(url)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

pub fn server_tls(h: &Harness) -> Arc<rustls::ServerConfig> {
    server_tls_from(h, "server")
}

/// A TLS server configuration from the harness's `NAME.pem` / `NAME.key` (server, expired, self).
pub fn server_tls_from(h: &Harness, name: &str) -> Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(h.dir.join(format!("{name}.pem")))
            .expect("certificate file")
            .collect::<Result<_, _>>()
            .expect("certs");
    let key = PrivateKeyDer::from_pem_file(h.dir.join(format!("{name}.key"))).expect("key file");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .expect("server cert"),
    )
}

/// The `mailsetup` binary, with no language from the environment.
pub fn bin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_mailsetup"));
    c.env_remove("MAILSETUP_LANG");
    c
}

/// `mailsetup ARGS --lang en` with its accounts in `cfg` and `stdin` as its input.
pub fn cli(cfg: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut c = bin();
    c.args(args)
        .args(["--lang", "en"])
        .env("MAILSETUP_CONFIG_DIR", cfg);
    output(c, stdin)
}

/// Standard output and standard error together, as text.
pub fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A fresh, empty directory under the system's temp dir for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mailsetup-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Every file under `dir` with its bytes, in path order (to prove nothing was changed).
pub fn snapshot(dir: &std::path::Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(b) = std::fs::read(&p) {
                out.push((p, b));
            }
        }
    }
    out.sort();
    out
}

/// Every byte of every file under `dir`, appended to `out` (for leak scans).
pub fn files_under(dir: &std::path::Path, out: &mut Vec<u8>) {
    for (_, bytes) in snapshot(dir) {
        out.extend_from_slice(&bytes);
    }
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}
