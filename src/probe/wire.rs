//! IMAP commands written by hand, their answers read with async-imap's parser: what pipelining
//! needs, since async-imap sends one command and waits for it before the next. Used after the
//! greeting by the check (`imap.rs`) and the round trip (`roundtrip.rs`).

use std::fmt::Debug;

use async_imap::Connection;
use async_imap::imap_proto::{Capability, RequestId, Response, ResponseCode, Status};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

use super::transcript::Recorder;
use super::{ErrorKind, Fail};

/// The connection as both async-imap's client and its session see it.
pub(crate) type Wire<S> = Connection<Recorder<S>>;

/// What a tagged completion said (imap-proto's `Status` cannot be kept: it is not `Clone`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Ok,
    No,
    Bad,
    Other,
}

impl Verdict {
    fn of(status: &Status) -> Self {
        match status {
            Status::Ok => Verdict::Ok,
            Status::No => Verdict::No,
            Status::Bad => Verdict::Bad,
            _ => Verdict::Other,
        }
    }
}

/// How one tagged command ended.
pub(crate) struct Done {
    pub(crate) status: Verdict,
    pub(crate) text: String,
    /// Capabilities the server named on the way (an untagged CAPABILITY or a `[CAPABILITY …]`).
    pub(crate) caps: Option<Vec<String>>,
}

impl Done {
    pub(crate) fn ok(&self) -> bool {
        self.status == Verdict::Ok
    }

    /// A refusal as async-imap would have named it; `no_kind` is what a NO means here.
    pub(crate) fn fail(&self, no_kind: ErrorKind) -> Fail {
        match self.status {
            Verdict::No => Fail::new(no_kind, format!("NO: {}", self.text)),
            Verdict::Bad => Fail::new(ErrorKind::Protocol, format!("BAD: {}", self.text)),
            other => Fail::new(ErrorKind::Protocol, format!("{other:?}: {}", self.text)),
        }
    }

    /// Ok, or the refusal (`no_kind` for a NO).
    pub(crate) fn check(self, no_kind: ErrorKind) -> Result<Done, Fail> {
        if self.ok() {
            Ok(self)
        } else {
            Err(self.fail(no_kind))
        }
    }
}

/// Writes these bytes (one or more whole command lines) and flushes: one flight.
pub(crate) async fn send<S>(conn: &mut Wire<S>, bytes: &[u8]) -> Result<(), Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let stream = conn.get_mut();
    stream.write_all(bytes).await.map_err(io_fail)?;
    stream.flush().await.map_err(io_fail)
}

/// Reads up to the completion tagged `tag`, handing every other response to `seen` (untagged
/// data, and completions of commands sent before it). A `* BYE` ends it as a failure.
pub(crate) async fn complete<S>(
    conn: &mut Wire<S>,
    tag: &str,
    mut seen: impl FnMut(&Response<'_>),
) -> Result<Done, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let mut caps = None;
    loop {
        let resp = conn
            .read_response()
            .await
            .map_err(io_fail)?
            .ok_or_else(|| Fail::new(ErrorKind::Protocol, "connection closed"))?;
        match resp.parsed() {
            Response::Capabilities(c) => caps = Some(cap_names(c)),
            Response::Done {
                tag: RequestId(t),
                status,
                outcome,
            } if t == tag => {
                if let Some(ResponseCode::Capabilities(c)) = &outcome.code {
                    caps = Some(cap_names(c));
                }
                let text = outcome.information.as_deref().unwrap_or_default();
                return Ok(Done {
                    status: Verdict::of(status),
                    text: text.to_string(),
                    caps,
                });
            }
            Response::Data {
                status: Status::Bye,
                ..
            } => return Err(Fail::new(ErrorKind::Protocol, "server said BYE")),
            other => seen(other),
        }
    }
}

/// Sends one tagged command and reads to its completion; returns any capabilities announced.
pub(crate) async fn command<S>(
    conn: &mut Wire<S>,
    tag: &str,
    cmd: &str,
) -> Result<Vec<String>, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    send(conn, format!("{tag} {cmd}\r\n").as_bytes()).await?;
    let done = complete(conn, tag, |_| {}).await?;
    if !done.ok() {
        return Err(Fail::new(
            ErrorKind::Protocol,
            format!("{cmd} refused: {:?}", done.status),
        ));
    }
    Ok(done.caps.unwrap_or_default())
}

/// The courtesy LOGOUT once the verdict is in: sent, and the connection closed without waiting
/// for the answer, which tells the check nothing.
pub(crate) async fn hang_up<S>(conn: &mut Wire<S>) -> Result<(), Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    send(conn, b"z1 LOGOUT\r\n").await?;
    conn.get_mut().shutdown().await.map_err(io_fail)
}

pub(crate) fn cap_names(caps: &[Capability<'_>]) -> Vec<String> {
    caps.iter()
        .map(|c| match c {
            Capability::Imap4rev1 => "IMAP4REV1".to_string(),
            Capability::Auth(a) => format!("AUTH={}", a.to_ascii_uppercase()),
            Capability::Atom(a) => a.to_ascii_uppercase(),
        })
        .collect()
}

pub(crate) fn has(caps: &[String], name: &str) -> bool {
    caps.iter().any(|c| c == name)
}

pub(crate) fn io_fail(e: std::io::Error) -> Fail {
    Fail::new(ErrorKind::Protocol, e.to_string())
}
