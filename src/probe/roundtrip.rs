//! The round trip: one short message to the address itself, watched for over IMAP, then removed.
//! A sign-in proves the credential; only this proves mail flows, and Chinese providers refuse mail
//! after AUTH succeeded (163's `554 DT:SPM` at DATA, QQ's frequency limits).
//!
//! The two probes meet twice: the IMAP side says "INBOX is open" before the SMTP side sends
//! (a message nobody can watch for and remove is not sent), and the SMTP side says "accepted"
//! before the IMAP side starts its clock.

use std::fmt::Debug;
use std::time::Duration;

use async_imap::imap_proto::{MailboxDatum, NameAttribute, Response, Status};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::oneshot;
use tokio::time::Instant;

use super::wire::{self, Done, Wire, has};
use super::{ErrorKind, Fail, ProbeError, Stage, Stages};

/// How long the message is watched for after the server accepted it.
pub const WAIT: Duration = Duration::from_secs(60);
/// One IDLE (or poll) slice: an arrival in INBOX ends it at once; spam folders are looked in
/// between slices.
const SLICE: Duration = Duration::from_secs(2);

/// What the message says, in the user's language (this layer has no wording of its own).
#[derive(Clone, Debug)]
pub struct Letter {
    pub subject: String,
    pub body: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arrived {
    Inbox,
    /// In the spam folder: mail from this address is being filtered.
    Junk,
    /// Sent, and not seen within the wait: a warning, not a failure.
    NotYet,
    /// Sent, but the server could not be watched for it (a search refused): the user looks.
    Unknown,
}

/// What became of the test message. Only that one message is ever touched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Removal {
    /// UID EXPUNGE of its UID alone (UIDPLUS).
    Expunged,
    /// UID MOVE to the Trash folder (no UIDPLUS).
    MovedToTrash,
    /// Neither is possible without touching other messages: left in place.
    Left,
    /// It had not arrived, so there was nothing to remove.
    NotArrived,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoundTrip {
    pub arrived: Arrived,
    /// The folder it was found in, as the server names it (decoded).
    pub folder: Option<String>,
    /// From the server's acceptance to the message seen (or the whole wait).
    pub after_ms: u64,
    pub removal: Removal,
}

/// The SMTP side: sends once the IMAP side is watching.
pub struct Post {
    pub(crate) token: String,
    pub(crate) letter: Letter,
    ready: oneshot::Receiver<()>,
    accepted: oneshot::Sender<Instant>,
}

/// The IMAP side: watches once the SMTP side sent.
pub struct Watch {
    token: String,
    wait: Duration,
    ready: oneshot::Sender<()>,
    accepted: oneshot::Receiver<Instant>,
    done: oneshot::Sender<RoundTrip>,
}

/// Both halves of one round trip, and where its outcome arrives.
pub fn pair(letter: Letter, wait: Duration) -> (Watch, Post, oneshot::Receiver<RoundTrip>) {
    let token = format!("mailsetup-{}", uuid::Uuid::new_v4().simple());
    let (ready_tx, ready_rx) = oneshot::channel();
    let (sent_tx, sent_rx) = oneshot::channel();
    let (done_tx, done_rx) = oneshot::channel();
    let watch = Watch {
        token: token.clone(),
        wait,
        ready: ready_tx,
        accepted: sent_rx,
        done: done_tx,
    };
    let post = Post {
        token,
        letter,
        ready: ready_rx,
        accepted: sent_tx,
    };
    (watch, post, done_rx)
}

impl Post {
    /// Waits until INBOX is open on the other side; false if it never will be.
    pub(crate) async fn wait_for_watcher(&mut self) -> bool {
        (&mut self.ready).await.is_ok()
    }

    pub(crate) fn accepted(self) {
        let _ = self.accepted.send(Instant::now());
    }
}

/// What the server offers for the watch and the removal, learned after sign-in (Dovecot, like
/// most, lists UIDPLUS, MOVE and IDLE only then; its sign-in's OK names them).
#[derive(Default)]
struct Abilities {
    idle: bool,
    uidplus: bool,
    moves: bool,
    junk: Option<String>,
    trash: Option<String>,
}

/// Runs the IMAP side after SELECT INBOX, with the capabilities the sign-in named (if it did).
/// Returns whether the connection is still fit for a LOGOUT, and the outcome.
pub(crate) async fn watch<S>(
    conn: &mut Wire<S>,
    caps: Option<Vec<String>>,
    w: Watch,
    st: &mut Stages,
) -> (bool, Result<(), ProbeError>)
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let Watch {
        token,
        wait,
        ready,
        accepted,
        done,
    } = w;
    let _ = ready.send(());
    // While the message travels, so it costs no time of its own.
    let prepared = prepare(conn, caps).await;
    let Ok(accepted) = accepted.await else {
        // Not sent: the SMTP report says why.
        let idling = prepared.as_ref().is_ok_and(|(_, idling)| *idling);
        let fit = !idling || wire::send(conn, b"DONE\r\n").await.is_ok();
        return (fit, Ok(()));
    };
    let looked = st
        .run_within(Stage::Receive, wait + SLICE * 2, async {
            let (can, idling) = prepared?;
            let found = look(conn, &token, &can, idling, accepted, wait).await?;
            Ok((can, found))
        })
        .await;
    let Ok((can, found)) = looked else {
        // Signed in and sent: a server that cannot be watched (a refused search, a broken IDLE)
        // does not make the mailbox fail. Its stage says so; the user looks.
        let _ = done.send(RoundTrip {
            arrived: Arrived::Unknown,
            folder: None,
            after_ms: accepted.elapsed().as_millis() as u64,
            removal: Removal::NotArrived,
        });
        return (false, Ok(()));
    };
    let after_ms = accepted.elapsed().as_millis() as u64;
    let removal = match &found {
        Some((folder, uid)) => {
            // Its own stage timeout: the check's deadline may have passed during the wait.
            let limit = st.stage_timeout;
            let removed = st
                .run_within(Stage::Remove, limit, remove(conn, folder, *uid, &can))
                .await;
            match removed {
                Ok(r) => r,
                Err(e) => return (true, Err(e)),
            }
        }
        None => Removal::NotArrived,
    };
    let _ = done.send(outcome(found.as_ref(), &can, after_ms, removal));
    (true, Ok(()))
}

fn outcome(
    found: Option<&(String, u32)>,
    can: &Abilities,
    after_ms: u64,
    removal: Removal,
) -> RoundTrip {
    match found {
        Some((folder, _)) => RoundTrip {
            arrived: if Some(folder) == can.junk.as_ref() {
                Arrived::Junk
            } else {
                Arrived::Inbox
            },
            folder: Some(decode_utf7(folder)),
            after_ms,
            removal,
        },
        None => RoundTrip {
            arrived: Arrived::NotYet,
            folder: None,
            after_ms,
            removal,
        },
    }
}

/// One flight while the message travels: CAPABILITY where the sign-in named none, LIST of the
/// top level (spam and trash folders are there; a big tree is not read for them), and IDLE where
/// offered, so the arrival comes without a request. Refusals only leave abilities out. Returns
/// what the server offers and whether IDLE is open.
async fn prepare<S>(
    conn: &mut Wire<S>,
    caps: Option<Vec<String>>,
) -> Result<(Abilities, bool), Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let idle_known = caps.as_deref().is_some_and(|c| has(c, "IDLE"));
    let mut flight = String::new();
    if caps.is_none() {
        flight.push_str("c2 CAPABILITY\r\n");
    }
    flight.push_str("l1 LIST \"\" %\r\n");
    if idle_known {
        flight.push_str("t1 IDLE\r\n");
    }
    wire::send(conn, flight.as_bytes()).await?;
    let caps = match caps {
        Some(c) => c,
        None => wire::complete(conn, "c2", |_| {})
            .await?
            .caps
            .unwrap_or_default(),
    };
    let mut can = Abilities {
        idle: has(&caps, "IDLE"),
        uidplus: has(&caps, "UIDPLUS"),
        moves: has(&caps, "MOVE"),
        ..Abilities::default()
    };
    wire::complete(conn, "l1", |r| {
        if let Response::MailboxData(MailboxDatum::List(l)) = r {
            folder(&mut can, &l.name, &l.name_attributes);
        }
    })
    .await?;
    // CAPABILITY came back only now: IDLE waits for it (an IDLE the server may not know would
    // be refused).
    if can.idle && !idle_known {
        wire::send(conn, b"t1 IDLE\r\n").await?;
    }
    let idling = can.idle && idle_started(conn).await?;
    Ok((can, idling))
}

/// A spam or trash folder, by its SPECIAL-USE mark or else its name.
fn folder(can: &mut Abilities, name: &str, marks: &[NameAttribute<'_>]) {
    let marked = |a: &NameAttribute<'_>| marks.contains(a);
    if marked(&NameAttribute::Junk) || (can.junk.is_none() && is_named(name, JUNK)) {
        can.junk = Some(name.to_string());
    }
    if marked(&NameAttribute::Trash) || (can.trash.is_none() && is_named(name, TRASH)) {
        can.trash = Some(name.to_string());
    }
}

/// Spam folders by name, where the server marks none `\Junk`: QQ's 垃圾箱, NetEase's 垃圾邮件.
const JUNK: &[&str] = &[
    "Junk",
    "Spam",
    "Junk E-mail",
    "Junk Email",
    "垃圾箱",
    "垃圾邮件",
];
const TRASH: &[&str] = &["Trash", "Deleted Messages", "Deleted Items", "已删除"];

fn is_named(raw: &str, names: &[&str]) -> bool {
    names
        .iter()
        .any(|n| raw.eq_ignore_ascii_case(&encode_utf7(n)))
}

/// Watches INBOX (IDLE where offered, else a poll) until the message is seen or the wait is
/// over; the spam folder is looked in whenever a slice passed without news (a message filed
/// there sends INBOX none). Returns the folder and UID it was found at.
async fn look<S>(
    conn: &mut Wire<S>,
    token: &str,
    can: &Abilities,
    mut idling: bool,
    accepted: Instant,
    wait: Duration,
) -> Result<Option<(String, u32)>, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    // The first slice is short where it is a poll: local delivery takes well under a second.
    let mut slice = if can.idle { SLICE } else { SLICE / 4 };
    let mut news = true;
    loop {
        let left = wait.saturating_sub(accepted.elapsed());
        if idling {
            news = idle_news(conn, left.min(slice)).await?;
        }
        // After news or a quiet slice: DONE and the search in one flight.
        if let Some(uid) = find(conn, token, std::mem::take(&mut idling)).await? {
            return Ok(Some(("INBOX".to_string(), uid)));
        }
        if let (false, Some(junk)) = (news, &can.junk) {
            if let Some(uid) = find_in(conn, junk, token).await? {
                return Ok(Some((junk.clone(), uid)));
            }
            // It may have reached INBOX meanwhile, which a fresh SELECT does not announce: look
            // once more before the next slice.
            news = true;
            continue;
        }
        let left = wait.saturating_sub(accepted.elapsed());
        if left.is_zero() {
            return Ok(None);
        }
        if can.idle {
            wire::send(conn, b"t1 IDLE\r\n").await?;
            idling = idle_started(conn).await?;
        }
        if !idling {
            tokio::time::sleep(left.min(slice)).await;
            news = false;
        }
        slice = (slice * 2).min(SLICE);
    }
}

/// Reads until IDLE's `+` (true) or its refusal (false).
async fn idle_started<S>(conn: &mut Wire<S>) -> Result<bool, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    loop {
        let resp = conn
            .read_response()
            .await
            .map_err(wire::io_fail)?
            .ok_or_else(|| Fail::new(ErrorKind::Protocol, "connection closed"))?;
        match resp.parsed() {
            Response::Continue(_) => return Ok(true),
            Response::Done { tag, .. } if tag.0 == "t1" => return Ok(false),
            _ => {}
        }
    }
}

/// In IDLE, waits up to `slice` for news (a new message's EXISTS): true if it came.
async fn idle_news<S>(conn: &mut Wire<S>, slice: Duration) -> Result<bool, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let until = Instant::now() + slice;
    loop {
        // Cancel-safe: what was read stays in async-imap's buffer.
        let Ok(resp) = tokio::time::timeout_at(until, conn.read_response()).await else {
            return Ok(false);
        };
        let resp = resp
            .map_err(wire::io_fail)?
            .ok_or_else(|| Fail::new(ErrorKind::Protocol, "connection closed"))?;
        match resp.parsed() {
            Response::MailboxData(MailboxDatum::Exists(_)) => return Ok(true),
            Response::Data {
                status: Status::Bye,
                ..
            } => return Err(Fail::new(ErrorKind::Protocol, "server said BYE")),
            _ => {}
        }
    }
}

/// The test message in another folder (the spam folder): EXAMINE, search, SELECT INBOX again.
async fn find_in<S>(conn: &mut Wire<S>, folder: &str, token: &str) -> Result<Option<u32>, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    wire::command(conn, "e1", &format!("EXAMINE {}", quoted(folder))).await?;
    let found = find(conn, token, false).await?;
    wire::command(conn, "s2", "SELECT INBOX").await?;
    Ok(found)
}

/// The test message's UID in the selected folder, by the token in its Message-ID or subject;
/// after `DONE` in the same flight when IDLE is open.
async fn find<S>(conn: &mut Wire<S>, token: &str, idling: bool) -> Result<Option<u32>, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let query = format!("OR HEADER Message-ID {token} SUBJECT {token}");
    match search(conn, &query, idling).await? {
        Ok(uid) => Ok(uid),
        // Some servers search only a few keys: the subject alone where the header is refused.
        Err(_) => search(conn, &format!("SUBJECT {token}"), false)
            .await?
            .map_err(|d| d.fail(ErrorKind::Protocol)),
    }
}

/// `UID SEARCH`, its refusal kept (async-imap's own `uid_search` reads a NO or BAD as "nothing
/// found", which would turn a server that cannot search into a message that never arrived).
async fn search<S>(
    conn: &mut Wire<S>,
    query: &str,
    idling: bool,
) -> Result<Result<Option<u32>, Done>, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let done_first = if idling { "DONE\r\n" } else { "" };
    wire::send(
        conn,
        format!("{done_first}f1 UID SEARCH {query}\r\n").as_bytes(),
    )
    .await?;
    if idling {
        // IDLE's own completion says nothing the search does not.
        wire::complete(conn, "t1", |_| {}).await?;
    }
    let mut found = None;
    let done = wire::complete(conn, "f1", |r| {
        if let Response::MailboxData(MailboxDatum::Search(uids)) = r {
            found = found.max(uids.iter().copied().max());
        }
    })
    .await?;
    Ok(if done.ok() { Ok(found) } else { Err(done) })
}

/// Removes that one message and nothing else: a bare EXPUNGE would also remove every message
/// the user had marked deleted, so without UIDPLUS it is moved to Trash, or left.
async fn remove<S>(
    conn: &mut Wire<S>,
    folder: &str,
    uid: u32,
    can: &Abilities,
) -> Result<Removal, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let movable = can.moves && can.trash.is_some();
    if !(can.uidplus || movable) {
        return Ok(Removal::Left);
    }
    if folder != "INBOX" {
        // Waited for: the UID is this folder's, and must never meet another folder's message.
        wire::command(conn, "s3", &format!("SELECT {}", quoted(folder))).await?;
    }
    if can.uidplus {
        // One flight (RFC 4315 UID EXPUNGE takes only this UID, and only if it is \Deleted, so a
        // STORE that failed leaves EXPUNGE nothing to remove). Each answer checked: async-imap's
        // uid_store and uid_expunge read a NO as success.
        let flight =
            format!("r1 UID STORE {uid} +FLAGS.SILENT (\\Deleted)\r\nr2 UID EXPUNGE {uid}\r\n");
        wire::send(conn, flight.as_bytes()).await?;
        for tag in ["r1", "r2"] {
            wire::complete(conn, tag, |_| {})
                .await?
                .check(ErrorKind::Protocol)?;
        }
        return Ok(Removal::Expunged);
    }
    let trash = can.trash.as_deref().unwrap_or("Trash");
    let cmd = format!("UID MOVE {uid} {}", quoted(trash));
    wire::command(conn, "r3", &cmd).await?;
    Ok(Removal::MovedToTrash)
}

/// A mailbox name as an IMAP quoted string.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A name as IMAP's modified UTF-7 spells it (RFC 3501 5.1.3): printable ASCII as is, `&` as
/// `&-`, anything else as UTF-16BE in base64 with `,` for `/`, between `&` and `-`.
fn encode_utf7(name: &str) -> String {
    use base64::Engine;
    let mut out = String::new();
    let mut run: Vec<u16> = Vec::new();
    let flush = |run: &mut Vec<u16>, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let bytes: Vec<u8> = run.iter().flat_map(|u| u.to_be_bytes()).collect();
        let b64 = base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes);
        out.push('&');
        out.push_str(&b64.replace('/', ","));
        out.push('-');
        run.clear();
    };
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut run, &mut out);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            run.extend(c.encode_utf16(&mut [0; 2]).iter());
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The reverse, for showing a folder's name; a malformed name is shown as the server sent it.
fn decode_utf7(raw: &str) -> String {
    use base64::Engine;
    let mut out = String::new();
    let mut rest = raw;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('-') else {
            return raw.to_string();
        };
        let chunk = &after[..end];
        if chunk.is_empty() {
            out.push('&');
        } else {
            let b64 = chunk.replace(',', "/");
            let Ok(bytes) = base64::engine::general_purpose::STANDARD_NO_PAD.decode(b64) else {
                return raw.to_string();
            };
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            out.push_str(&String::from_utf16_lossy(&units));
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_in_modified_utf7() {
        // As QQ and NetEase list them.
        assert_eq!(encode_utf7("垃圾箱"), "&V4NXPnux-");
        assert_eq!(encode_utf7("Junk & Spam"), "Junk &- Spam");
        for name in ["垃圾邮件", "已删除", "Deleted Items", "Ｐ文件夹/子"] {
            assert_eq!(decode_utf7(&encode_utf7(name)), name);
        }
        // A server's malformed name is shown as sent, never a panic.
        assert_eq!(decode_utf7("&&&-"), "&&&-");
        assert_eq!(decode_utf7("&V4N"), "&V4N");
        assert_eq!(decode_utf7("a&-b"), "a&b");
    }
}
