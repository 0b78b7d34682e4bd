//! The live check of one server: IMAP (ID → LOGIN → SELECT INBOX) or SMTP (EHLO → AUTH), each
//! stage timed, reported as progress, and bounded by a per-stage timeout and an overall deadline.
//! The report types (protocol, stages, error kinds, the report) live in `report.rs` and are
//! re-exported here.

pub mod classify;
mod imap;
mod literal;
mod report;
pub mod roundtrip;
mod smtp;
pub mod tls;
pub mod transcript;
mod wire;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use tokio::net::TcpStream;
use tokio::time::Instant;

use crate::catalog::Endpoint;
use transcript::Transcript;

pub use report::{
    ErrorKind, ProbeError, ProbeReport, Progress, ProgressSink, Protocol, Stage, StageState,
    StageTiming, TlsReason,
};

/// A failure before it is tied to its stage.
#[derive(Debug)]
pub(crate) struct Fail {
    kind: ErrorKind,
    tls_reason: Option<TlsReason>,
    detail: String,
    /// What the server said that explains this failure when it was said in an earlier stage
    /// (the EHLO line listing sign-in methods); else the stage's own replies are quoted.
    said: Option<String>,
}

impl Fail {
    pub(crate) fn new(kind: ErrorKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            tls_reason: None,
            detail: detail.into(),
            said: None,
        }
    }

    pub(crate) fn said(mut self, text: Option<String>) -> Self {
        self.said = text;
        self
    }
}

#[derive(Clone, Debug)]
pub struct ProbeOptions {
    pub tls: Arc<rustls::ClientConfig>,
    pub stage_timeout: Duration,
    pub deadline: Instant,
    /// SMTP only: send one message to the address itself.
    pub send_test: bool,
    /// The mailbox address (for the SMTP test message's envelope).
    pub address: String,
    /// The secret is an OAuth access token: sign in with XOAUTH2 (or OAUTHBEARER).
    pub bearer: bool,
}

/// Runs stages one after another, timing them and enforcing the timeouts.
pub(crate) struct Stages {
    protocol: Protocol,
    stage_timeout: Duration,
    deadline: Instant,
    timings: Vec<StageTiming>,
    progress: Option<ProgressSink>,
    transcript: Transcript,
}

impl Stages {
    pub(crate) fn transcript(&self) -> &Transcript {
        &self.transcript
    }

    /// One stage, under the stage timeout and the check's deadline.
    pub(crate) async fn run<T>(
        &mut self,
        stage: Stage,
        fut: impl Future<Output = Result<T, Fail>>,
    ) -> Result<T, ProbeError> {
        let limit = self.remaining();
        self.run_within(stage, limit, fut).await
    }

    /// What one more stage may take: its own limit, within the check's deadline.
    pub(crate) fn remaining(&self) -> Duration {
        self.stage_timeout
            .min(self.deadline.saturating_duration_since(Instant::now()))
    }

    /// One stage under its own limit: the round trip's stages come after the sign-in check's
    /// deadline and wait longer than any one command may.
    pub(crate) async fn run_within<T>(
        &mut self,
        stage: Stage,
        limit: Duration,
        fut: impl Future<Output = Result<T, Fail>>,
    ) -> Result<T, ProbeError> {
        self.emit(stage, StageState::Started);
        let started = Instant::now();
        let mark = self.transcript.position();
        let result = match tokio::time::timeout(limit, fut).await {
            Ok(r) => r,
            Err(_) => Err(Fail::new(
                ErrorKind::Timeout,
                format!("no answer within {} ms", limit.as_millis()),
            )),
        };
        let ms = started.elapsed().as_millis() as u64;
        self.timings.push(StageTiming {
            stage,
            ms,
            ok: result.is_ok(),
        });
        match result {
            Ok(v) => {
                self.emit(stage, StageState::Done { ms });
                // The transcript never holds the secret (see transcript.rs), so it may be logged.
                tracing::debug!(
                    protocol = self.protocol.as_str(),
                    stage = stage.as_str(),
                    ms,
                    server = self.transcript.text_since(mark).as_deref().unwrap_or(""),
                    "stage done"
                );
                Ok(v)
            }
            Err(f) => {
                self.emit(stage, StageState::Failed { ms });
                let mut e = ProbeError {
                    stage,
                    kind: f.kind,
                    tls_reason: f.tls_reason,
                    server_text: f.said.or_else(|| self.transcript.text_since(mark)),
                    detail: f.detail,
                };
                classify::refine(self.protocol, &mut e);
                tracing::info!(
                    protocol = self.protocol.as_str(),
                    stage = stage.as_str(),
                    ms,
                    kind = e.kind.as_str(),
                    detail = %e.detail,
                    server = e.server_text.as_deref().unwrap_or(""),
                    "stage failed"
                );
                Err(e)
            }
        }
    }

    fn emit(&self, stage: Stage, state: StageState) {
        if let Some(p) = &self.progress {
            let _ = p.send(Progress {
                protocol: self.protocol,
                stage,
                state,
            });
        }
    }
}

/// The first two stages of either probe: resolve the host, connect to it. Also the peer's
/// address, which the transcript keeps for the support report.
pub(crate) async fn open(
    ep: &Endpoint,
    st: &mut Stages,
) -> Result<(TcpStream, Option<SocketAddr>), ProbeError> {
    let addrs = st.run(Stage::Resolve, resolve(&ep.host, ep.port)).await?;
    let tcp = st.run(Stage::Connect, connect(&addrs)).await?;
    let peer = tcp.peer_addr().ok();
    Ok((tcp, peer))
}

/// How long a STARTTLS port may stay silent before we ask whether it wants SSL/TLS instead.
const SILENCE: Duration = Duration::from_millis(1500);

/// Waits for the plain-text greeting of a port set to STARTTLS. A port that wants SSL/TLS from
/// the start stays silent, waiting for our handshake: after a moment of silence a second
/// connection tries one, and if the port speaks TLS the wrong setting is named at once instead
/// of a timeout blamed on the network.
pub(crate) async fn greeting_or_tls<T>(
    greeting: impl Future<Output = Result<T, Fail>>,
    ep: &Endpoint,
    tls: &Arc<rustls::ClientConfig>,
) -> Result<T, Fail> {
    let other = async {
        tokio::time::sleep(SILENCE).await;
        if speaks_tls(ep, tls.clone()).await {
            Err(Fail::new(
                ErrorKind::SecurityMismatch,
                "no plain-text greeting, but the port completes a TLS handshake: it wants SSL/TLS",
            ))
        } else {
            std::future::pending().await
        }
    };
    tokio::select! {
        biased;
        r = greeting => r,
        r = other => r,
    }
}

async fn speaks_tls(ep: &Endpoint, config: Arc<rustls::ClientConfig>) -> bool {
    let Ok(addrs) = resolve(&ep.host, ep.port).await else {
        return false;
    };
    let Ok(tcp) = connect(&addrs).await else {
        return false;
    };
    match tls::handshake(tcp, &ep.host, config).await {
        Ok(_) => true,
        // A certificate we do not trust still proves the port speaks TLS.
        Err(f) => f.kind == ErrorKind::Tls && f.tls_reason != Some(TlsReason::Other),
    }
}

pub(crate) async fn resolve(host: &str, port: u16) -> Result<Vec<SocketAddr>, Fail> {
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| Fail::new(ErrorKind::Dns, e.to_string()))?
        .collect();
    if addrs.is_empty() {
        return Err(Fail::new(ErrorKind::Dns, "no address for this name"));
    }
    Ok(addrs)
}

/// Tries each address in turn (IPv6 first where the resolver says so).
pub(crate) async fn connect(addrs: &[SocketAddr]) -> Result<TcpStream, Fail> {
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect(addr).await {
            Ok(s) => {
                // Probes are short request/response exchanges: Nagle would only add latency.
                let _ = s.set_nodelay(true);
                return Ok(s);
            }
            Err(e) => last = Some(e),
        }
    }
    let detail = last.map(|e| e.to_string()).unwrap_or_default();
    Err(Fail::new(ErrorKind::Refused, detail))
}

/// Checks one IMAP server: connect, TLS, greeting, ID, LOGIN, SELECT INBOX, LOGOUT.
pub async fn probe_imap(
    endpoint: &Endpoint,
    secret: &SecretString,
    opts: &ProbeOptions,
    progress: Option<ProgressSink>,
) -> ProbeReport {
    run(
        Protocol::Imap,
        endpoint,
        secret,
        opts,
        progress,
        Side::Alone,
    )
    .await
}

/// Checks one SMTP server: connect, TLS or required STARTTLS, EHLO, AUTH, QUIT.
pub async fn probe_smtp(
    endpoint: &Endpoint,
    secret: &SecretString,
    opts: &ProbeOptions,
    progress: Option<ProgressSink>,
) -> ProbeReport {
    run(
        Protocol::Smtp,
        endpoint,
        secret,
        opts,
        progress,
        Side::Alone,
    )
    .await
}

/// Both probes at once; with a letter, the round trip too: once both signed in, the letter goes
/// to the address itself and is watched for in INBOX and the spam folder, then removed.
pub async fn probe_both(
    imap: &Endpoint,
    smtp: &Endpoint,
    secret: &SecretString,
    opts: &ProbeOptions,
    progress: Option<ProgressSink>,
    letter: Option<(roundtrip::Letter, Duration)>,
) -> (ProbeReport, ProbeReport, Option<roundtrip::RoundTrip>) {
    let Some((letter, wait)) = letter else {
        let (a, b) = tokio::join!(
            probe_imap(imap, secret, opts, progress.clone()),
            probe_smtp(smtp, secret, opts, progress),
        );
        return (a, b, None);
    };
    let (watch, post, outcome) = roundtrip::pair(letter, wait);
    let (a, b) = tokio::join!(
        run(
            Protocol::Imap,
            imap,
            secret,
            opts,
            progress.clone(),
            Side::Watch(watch)
        ),
        run(
            Protocol::Smtp,
            smtp,
            secret,
            opts,
            progress,
            Side::Post(post)
        ),
    );
    (a, b, outcome.await.ok())
}

/// A probe's part in the round trip, if any.
pub(crate) enum Side {
    Alone,
    Watch(roundtrip::Watch),
    Post(roundtrip::Post),
}

async fn run(
    protocol: Protocol,
    endpoint: &Endpoint,
    secret: &SecretString,
    opts: &ProbeOptions,
    progress: Option<ProgressSink>,
    side: Side,
) -> ProbeReport {
    let started = Instant::now();
    let mut stages = Stages {
        protocol,
        stage_timeout: opts.stage_timeout,
        deadline: opts.deadline,
        timings: Vec::new(),
        progress,
        transcript: Transcript::new(secret.clone()),
    };
    let result = match protocol {
        Protocol::Imap => imap::probe(endpoint, secret, opts, &mut stages, side).await,
        Protocol::Smtp => smtp::probe(endpoint, secret, opts, &mut stages, side).await,
    };
    ProbeReport {
        protocol,
        endpoint: endpoint.clone(),
        stages: stages.timings,
        error: result.err(),
        total_ms: started.elapsed().as_millis() as u64,
    }
}
