//! Keeps what the server said (only what it said: the client's writes, which carry the secret,
//! are never recorded) so failures can quote the server's own words, decoded as UTF-8 or GBK.

use std::collections::VecDeque;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use secrecy::{ExposeSecret, SecretString};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use zeroize::Zeroizing;

use super::literal::{Incoming, Literal};

/// Default cap on everything one connection may send: a sign-in check is a few KiB, a server
/// sending more is broken or hostile (see [`Recorder::limit`]).
const MAX_TOTAL: usize = 1024 * 1024;
/// No real IMAP/SMTP reply line is anywhere near this; a server that sends one is broken or
/// hostile, and buffering it would let it eat memory until the timeout.
pub const MAX_LINE: usize = 64 * 1024;
/// How much of the server's recent output is kept for quoting.
const TAIL: usize = 8 * 1024;
/// Longest quote put into an error.
const MAX_QUOTE_CHARS: usize = 600;

#[derive(Clone)]
pub struct Transcript {
    inner: Arc<Mutex<Inner>>,
    secret: SecretString,
}

#[derive(Default)]
struct Inner {
    total: u64,
    tail: VecDeque<u8>,
}

impl Transcript {
    /// `secret` is only used to cut it out of quotes, should a server echo it back.
    pub fn new(secret: SecretString) -> Self {
        Self {
            inner: Arc::default(),
            secret,
        }
    }

    fn record(&self, bytes: &[u8]) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        inner.total += bytes.len() as u64;
        inner.tail.extend(bytes);
        let excess = inner.tail.len().saturating_sub(TAIL);
        inner.tail.drain(..excess);
    }

    pub fn position(&self) -> u64 {
        self.inner.lock().map(|i| i.total).unwrap_or(0)
    }

    /// Every line received since `pos` (as far as the kept tail reaches), decoded, with the
    /// secret removed.
    pub fn lines_since(&self, pos: u64) -> Vec<String> {
        let Some(bytes) = self.bytes_since(pos) else {
            return Vec::new();
        };
        let secret = self.secret.expose_secret();
        decode(&bytes)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                if secret.is_empty() {
                    l.to_string()
                } else {
                    l.replace(secret, "[redacted]")
                }
            })
            .collect()
    }

    fn bytes_since(&self, pos: u64) -> Option<Vec<u8>> {
        let inner = self.inner.lock().ok()?;
        let new = inner.total.saturating_sub(pos).min(inner.tail.len() as u64) as usize;
        Some(
            inner
                .tail
                .iter()
                .skip(inner.tail.len() - new)
                .copied()
                .collect(),
        )
    }

    /// The server's last reply lines received since `pos`, decoded and with the secret removed.
    pub fn text_since(&self, pos: u64) -> Option<String> {
        let bytes = self.bytes_since(pos)?;
        let text = decode(&bytes);
        // Continuation prompts (SMTP `334 VXNlcm5hbWU6`, IMAP `+ `) are the protocol asking for
        // the next line, never what went wrong: quoting them only hides the real reply.
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !is_prompt(l))
            .collect();
        let start = lines.len().saturating_sub(3);
        let mut quote = lines[start..].join("\n");
        if quote.is_empty() {
            return None;
        }
        let secret = self.secret.expose_secret();
        if !secret.is_empty() {
            quote = quote.replace(secret, "[redacted]");
        }
        if quote.chars().count() > MAX_QUOTE_CHARS {
            quote = quote.chars().take(MAX_QUOTE_CHARS).collect::<String>() + "…";
        }
        Some(quote)
    }
}

impl Transcript {
    /// IMAP: the answer to the command tagged `tag` among what was received since `pos` (its
    /// tagged line and the untagged lines just before it), for quoting when several commands
    /// were answered in one read. Decoded, the secret removed, as `text_since`.
    pub fn reply(&self, pos: u64, tag: &str) -> Option<String> {
        let lines = self.lines_since(pos);
        let end = lines
            .iter()
            .position(|l| l.starts_with(&format!("{tag} ")))?;
        let start = lines[..end]
            .iter()
            .rposition(|l| !l.starts_with('*'))
            .map_or(0, |i| i + 1);
        let ours: Vec<&str> = lines[start..=end].iter().map(String::as_str).collect();
        let first = ours.len().saturating_sub(3);
        let quote = ours[first..].join("\n");
        Some(if quote.chars().count() > MAX_QUOTE_CHARS {
            quote.chars().take(MAX_QUOTE_CHARS).collect::<String>() + "…"
        } else {
            quote
        })
    }
}

fn is_prompt(line: &str) -> bool {
    line == "+" || line.starts_with("+ ") || line.starts_with("334 ") || line == "334"
}

/// UTF-8 when valid, else GBK: older QQ and NetEase servers answer in GBK.
pub fn decode(bytes: &[u8]) -> String {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    };
    // Server text is shown in a terminal and the window: no escape sequences or other control
    // characters from a hostile server, only its line breaks.
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => c,
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// A stream wrapper that records what is read, caps line length, and can hand the protocol
/// library a few bytes first (a greeting we already consumed ourselves).
pub struct Recorder<S> {
    inner: S,
    transcript: TranscriptHandle,
    inject: Vec<u8>,
    line_len: usize,
    /// Bytes read so far, and the most allowed.
    total: usize,
    max_total: usize,
    /// SMTP: the most continuation lines (`250-…`) one reply may have, and the count so far.
    max_continued: Option<usize>,
    continued: usize,
    line_continues: bool,
    peer: Option<SocketAddr>,
    /// IMAP: a LOGIN whose password goes as a literal (see `literal.rs`).
    literal: Option<Literal>,
    /// Bytes on their way out ahead of anything else (a literal's; wiped when dropped).
    out: Zeroizing<Vec<u8>>,
    /// A line from the server not yet whole, while the literal waits for its `+`.
    line: Vec<u8>,
    hung_up: HangUp,
}

/// Ends what the protocol library reads, for a goodbye not waited for: after `now`, every read
/// sees the end of the stream (lettre reads an answer after every command, even a QUIT).
#[derive(Clone, Debug, Default)]
pub struct HangUp(Arc<AtomicBool>);

impl HangUp {
    pub fn now(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    fn done(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

// By hand: the bytes going out may be a password (a literal's), never to be printed.
impl<S: std::fmt::Debug> std::fmt::Debug for Recorder<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("inner", &self.inner)
            .field("peer", &self.peer)
            .finish_non_exhaustive()
    }
}

/// `Transcript` without a Debug that could ever print the secret.
#[derive(Clone)]
pub struct TranscriptHandle(Transcript);

impl std::fmt::Debug for TranscriptHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Transcript")
    }
}

impl<S> Recorder<S> {
    pub fn new(inner: S, transcript: &Transcript, peer: Option<SocketAddr>) -> Self {
        Self {
            inner,
            transcript: TranscriptHandle(transcript.clone()),
            inject: Vec::new(),
            line_len: 0,
            total: 0,
            max_total: MAX_TOTAL,
            max_continued: None,
            continued: 0,
            line_continues: false,
            peer,
            literal: None,
            out: Zeroizing::new(Vec::new()),
            line: Vec::new(),
            hung_up: HangUp::default(),
        }
    }

    /// A handle that ends this stream's reads (see [`HangUp`]).
    pub fn hang_up(&self) -> HangUp {
        self.hung_up.clone()
    }

    /// The next LOGIN carrying this literal's placeholder sends the password as a literal.
    pub(crate) fn literal_login(&mut self, literal: Literal) {
        self.literal = Some(literal);
    }

    /// Bytes served to the reader before anything from the network (not recorded).
    pub fn inject(mut self, bytes: &[u8]) -> Self {
        self.inject = bytes.to_vec();
        self
    }

    /// Caps the bytes this connection may read. lettre re-parses a growing multi-line reply on
    /// every line, so an endless one must be cut off early or it holds the thread for seconds.
    pub fn limit(mut self, bytes: usize) -> Self {
        self.max_total = bytes;
        self
    }

    /// SMTP: caps the lines of one multi-line reply. lettre re-parses the whole reply on every
    /// new line, so an endless `250-` stream would hold the thread long before any byte cap.
    pub fn smtp_lines(mut self, max: usize) -> Self {
        self.max_continued = Some(max);
        self
    }

    pub fn into_inner(self) -> S {
        self.inner
    }

    pub fn peer(&self) -> Option<SocketAddr> {
        self.peer
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for Recorder<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.drain(cx)?.is_pending() {
            return Poll::Pending;
        }
        if this.hung_up.done() {
            return Poll::Ready(Ok(()));
        }
        if !this.inject.is_empty() {
            let n = this.inject.len().min(buf.remaining());
            buf.put_slice(&this.inject[..n]);
            this.inject.drain(..n);
            return Poll::Ready(Ok(()));
        }
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                let new = &buf.filled()[before..];
                this.transcript.0.record(new);
                this.total += new.len();
                if this.total > this.max_total {
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("server sent more than {} KiB", this.max_total / 1024),
                    )));
                }
                for &b in new {
                    if b == b'\n' {
                        this.line_len = 0;
                        this.continued = if this.line_continues {
                            this.continued + 1
                        } else {
                            0
                        };
                        this.line_continues = false;
                        if this.max_continued.is_some_and(|m| this.continued > m) {
                            return Poll::Ready(Err(io::Error::new(
                                io::ErrorKind::InvalidData,
                                "server sent a reply with too many lines",
                            )));
                        }
                    } else {
                        // "250-…": the fourth byte says more lines follow.
                        if this.line_len == 3 {
                            this.line_continues = b == b'-';
                        }
                        this.line_len += 1;
                        if this.line_len > MAX_LINE {
                            return Poll::Ready(Err(io::Error::new(
                                io::ErrorKind::InvalidData,
                                "server sent a line longer than 64 KiB",
                            )));
                        }
                    }
                }
                if this.literal.as_ref().is_some_and(Literal::waiting) {
                    return this.literal_reply(cx, buf, before);
                }
                Poll::Ready(Ok(()))
            }
            other => other,
        }
    }
}

impl<S: AsyncWrite + Unpin> Recorder<S> {
    /// Writes and flushes what is queued in `out` (a TLS stream holds what is written until
    /// flushed, and the reader's side flushes nothing); `Pending` until all of it is gone.
    fn drain(&mut self, cx: &mut Context<'_>) -> io::Result<Poll<()>> {
        if self.out.is_empty() {
            return Ok(Poll::Ready(()));
        }
        while !self.out.is_empty() {
            match Pin::new(&mut self.inner).poll_write(cx, &self.out) {
                Poll::Ready(Ok(0)) => return Err(io::ErrorKind::WriteZero.into()),
                Poll::Ready(Ok(n)) => drop(self.out.drain(..n)),
                Poll::Ready(Err(e)) => return Err(e),
                Poll::Pending => return Ok(Poll::Pending),
            }
        }
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Ready(r) => r.map(Poll::Ready),
            Poll::Pending => Ok(Poll::Pending),
        }
    }

    /// While the literal waits: the server's `+` is taken out of what async-imap reads and the
    /// password goes out; any other line passes.
    fn literal_reply(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
        before: usize,
    ) -> Poll<io::Result<()>> {
        let new = buf.filled()[before..].to_vec();
        buf.set_filled(before);
        let mut keep = Vec::new();
        for b in new {
            self.line.push(b);
            let Some(literal) = self.literal.as_mut().filter(|l| l.waiting()) else {
                continue;
            };
            if b == b'\n' {
                let line = std::mem::take(&mut self.line);
                match literal.incoming(&line) {
                    Incoming::Send(rest) => self.out.extend_from_slice(&rest),
                    Incoming::Pass => keep.extend_from_slice(&line),
                }
            }
        }
        if !self.literal.as_ref().is_some_and(Literal::waiting) {
            keep.append(&mut self.line);
        }
        buf.put_slice(&keep);
        if keep.is_empty() {
            // Nothing for async-imap yet (an empty read would mean the end): poll again, which
            // sends the password first.
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Recorder<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.drain(cx)?.is_pending() {
            return Poll::Pending;
        }
        // The rest of the command (its CRLF may come as a write of its own) waits behind the
        // password for the server's `+`.
        if let Some(literal) = this.literal.as_mut().filter(|l| l.waiting()) {
            literal.hold(buf);
            return Poll::Ready(Ok(buf.len()));
        }
        if let Some(out) = this.literal.as_mut().and_then(|l| l.outgoing(buf)) {
            // Taken whole: what the inner stream does not take now goes with the next poll.
            this.out = out;
            let _ = this.drain(cx)?;
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.drain(cx)?.is_pending() {
            return Poll::Pending;
        }
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_from_the_server_are_neutralised() {
        assert_eq!(
            decode(b"535 \x1b[31mred\x07\r\n"),
            "535 \u{FFFD}[31mred\u{FFFD}\r\n"
        );
    }

    #[test]
    fn gbk_is_decoded() {
        // "535 Error: 请使用授权码登录" as QQ's older servers sent it, in GBK.
        let (gbk, _, _) = encoding_rs::GBK.encode("535 Error: 请使用授权码登录");
        assert_eq!(decode(&gbk), "535 Error: 请使用授权码登录");
        assert_eq!(decode("a ✓".as_bytes()), "a ✓");
    }

    #[test]
    fn quotes_only_new_lines_and_never_the_secret() {
        let t = Transcript::new(SecretString::from("hunter2hunter2"));
        t.record(b"* OK ready\r\n");
        let pos = t.position();
        t.record(b"a1 NO bad password hunter2hunter2\r\n");
        assert_eq!(
            t.text_since(pos).as_deref(),
            Some("a1 NO bad password [redacted]")
        );
        assert_eq!(t.text_since(t.position()), None);
    }

    #[test]
    fn a_pipelined_reply_is_quoted_by_its_tag() {
        let t = Transcript::new(SecretString::from("hunter2hunter2"));
        t.record(b"* OK ready\r\n");
        let pos = t.position();
        t.record(b"* ID NIL\r\ni1 OK ID done\r\n* NO [ALERT] locked hunter2hunter2\r\n");
        t.record(b"a1 NO [AUTHENTICATIONFAILED] failed\r\ns1 BAD not logged in\r\n");
        assert_eq!(
            t.reply(pos, "a1").as_deref(),
            Some("* NO [ALERT] locked [redacted]\na1 NO [AUTHENTICATIONFAILED] failed")
        );
        assert_eq!(t.reply(pos, "s1").as_deref(), Some("s1 BAD not logged in"));
        assert_eq!(t.reply(pos, "x9"), None);
    }

    #[test]
    fn continuation_prompts_are_not_quoted() {
        let t = Transcript::new(SecretString::from("x"));
        t.record(b"334 VXNlcm5hbWU6\r\n334 UGFzc3dvcmQ6\r\n535 5.7.8 bad credentials\r\n");
        assert_eq!(
            t.text_since(0).as_deref(),
            Some("535 5.7.8 bad credentials")
        );
        t.record(b"+ \r\na1 NO [AUTHENTICATIONFAILED] no\r\n");
        assert_eq!(
            t.text_since(0).as_deref(),
            Some("535 5.7.8 bad credentials\na1 NO [AUTHENTICATIONFAILED] no")
        );
    }
}
