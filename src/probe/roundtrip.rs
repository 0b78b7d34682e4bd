//! The round trip: one short message to the address itself, watched for over IMAP, then removed.
//! A sign-in proves the credential; only this proves mail flows, and Chinese providers refuse mail
//! after AUTH succeeded (163's `554 DT:SPM` at DATA, QQ's frequency limits).
//!
//! The two probes meet twice: the IMAP side says "INBOX is open" before the SMTP side sends
//! (a message nobody can watch for and remove is not sent), and the SMTP side says "accepted"
//! before the IMAP side starts its clock.

use std::fmt::Debug;
use std::time::Duration;

use async_imap::Session;
use async_imap::extensions::idle::IdleResponse;
use async_imap::imap_proto::{MailboxDatum, NameAttribute, Response};
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::oneshot;
use tokio::time::Instant;

use super::transcript::Recorder;
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

type Imap<S> = Session<Recorder<S>>;

/// What the server offers for the watch and the removal, learned after sign-in (Dovecot, like
/// most, lists UIDPLUS, MOVE and IDLE only then).
#[derive(Default)]
struct Abilities {
    idle: bool,
    uidplus: bool,
    moves: bool,
    junk: Option<String>,
    trash: Option<String>,
}

/// Runs the IMAP side after SELECT INBOX. The session comes back unless the connection broke.
pub(crate) async fn watch<S>(
    mut session: Imap<S>,
    w: Watch,
    st: &mut Stages,
) -> (Option<Imap<S>>, Result<(), ProbeError>)
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
    // Learned while the message is on its way, so it costs no time of its own.
    let can = abilities(&mut session).await;
    let Ok(accepted) = accepted.await else {
        // Not sent: the SMTP report says why.
        return (Some(session), Ok(()));
    };
    let looked = st
        .run_within(Stage::Receive, wait + SLICE * 2, async {
            look(session, &token, &can, accepted, wait).await
        })
        .await;
    let (mut session, found) = match looked {
        Ok(v) => v,
        Err(_) => {
            // Signed in and sent: a server that cannot be watched (a refused search, a broken
            // IDLE) does not make the mailbox fail. Its stage says so; the user looks.
            let _ = done.send(RoundTrip {
                arrived: Arrived::Unknown,
                folder: None,
                after_ms: accepted.elapsed().as_millis() as u64,
                removal: Removal::NotArrived,
            });
            return (None, Ok(()));
        }
    };
    let after_ms = accepted.elapsed().as_millis() as u64;
    let removal = match &found {
        Some((folder, uid)) => {
            // Its own stage timeout: the check's deadline may have passed during the wait.
            let limit = st.stage_timeout;
            let removed = st
                .run_within(
                    Stage::Remove,
                    limit,
                    remove(&mut session, folder, *uid, &can),
                )
                .await;
            match removed {
                Ok(r) => r,
                Err(e) => return (Some(session), Err(e)),
            }
        }
        None => Removal::NotArrived,
    };
    let _ = done.send(outcome(found.as_ref(), &can, after_ms, removal));
    (Some(session), Ok(()))
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

async fn abilities<S>(session: &mut Imap<S>) -> Abilities
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let mut can = Abilities::default();
    if let Ok(caps) = session.capabilities().await {
        can.idle = caps.has_str("IDLE");
        can.uidplus = caps.has_str("UIDPLUS");
        can.moves = caps.has_str("MOVE");
    }
    // Top level only: spam and trash folders are there, and a big tree is not read for them.
    let Ok(names) = session.list(Some(""), Some("%")).await else {
        return can;
    };
    let names: Vec<_> = names.try_collect().await.unwrap_or_default();
    for n in &names {
        let marked = |a: &NameAttribute| n.attributes().contains(a);
        if marked(&NameAttribute::Junk) || (can.junk.is_none() && is_named(n.name(), JUNK)) {
            can.junk = Some(n.name().to_string());
        }
        if marked(&NameAttribute::Trash) || (can.trash.is_none() && is_named(n.name(), TRASH)) {
            can.trash = Some(n.name().to_string());
        }
    }
    can
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
    mut session: Imap<S>,
    token: &str,
    can: &Abilities,
    accepted: Instant,
    wait: Duration,
) -> Result<(Imap<S>, Option<(String, u32)>), Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    // The first slice is short where it is a poll: local delivery takes well under a second.
    let mut slice = if can.idle { SLICE } else { SLICE / 4 };
    let mut news = true;
    loop {
        if let Some(uid) = find(&mut session, token).await? {
            return Ok((session, Some(("INBOX".to_string(), uid))));
        }
        if let (false, Some(junk)) = (news, &can.junk) {
            session.examine(junk).await.map_err(imap)?;
            let found = find(&mut session, token).await?;
            session.select("INBOX").await.map_err(imap)?;
            if let Some(uid) = found {
                return Ok((session, Some((junk.clone(), uid))));
            }
            // It may have reached INBOX meanwhile, which a fresh SELECT does not announce: look
            // once more before the next slice.
            news = true;
            continue;
        }
        let left = wait.saturating_sub(accepted.elapsed());
        if left.is_zero() {
            return Ok((session, None));
        }
        (session, news) = pause(session, can.idle, left.min(slice)).await?;
        slice = (slice * 2).min(SLICE);
    }
}

/// Waits one slice; in IDLE, an arrival (or any news) ends it early and says so.
async fn pause<S>(session: Imap<S>, idle: bool, slice: Duration) -> Result<(Imap<S>, bool), Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    if !idle {
        tokio::time::sleep(slice).await;
        return Ok((session, false));
    }
    let mut handle = session.idle();
    handle.init().await.map_err(imap)?;
    let waited = {
        let (news, _stop) = handle.wait_with_timeout(slice);
        news.await
    };
    let news = matches!(waited.map_err(imap)?, IdleResponse::NewData(_));
    Ok((handle.done().await.map_err(imap)?, news))
}

/// The test message's UID in the selected folder, by the token in its Message-ID or subject.
async fn find<S>(session: &mut Imap<S>, token: &str) -> Result<Option<u32>, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    // Some servers search only a few keys: the subject alone where the header is refused.
    match search(
        session,
        &format!("OR HEADER Message-ID {token} SUBJECT {token}"),
    )
    .await
    {
        Err(async_imap::error::Error::No(_) | async_imap::error::Error::Bad(_)) => {
            search(session, &format!("SUBJECT {token}"))
                .await
                .map_err(imap)
        }
        other => other.map_err(imap),
    }
}

/// `UID SEARCH`, its refusal kept: async-imap's own `uid_search` reads a NO or BAD as "nothing
/// found", which would turn a server that cannot search into a message that never arrived.
/// The results come as untagged data, which the session hands to its unsolicited channel.
async fn search<S>(session: &mut Imap<S>, query: &str) -> async_imap::error::Result<Option<u32>>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    while session.unsolicited_responses.try_recv().is_ok() {}
    session
        .run_command_and_check_ok(format!("UID SEARCH {query}"))
        .await?;
    let mut found = None;
    while let Ok(r) = session.unsolicited_responses.try_recv() {
        if let async_imap::types::UnsolicitedResponse::Other(data) = r
            && let Response::MailboxData(MailboxDatum::Search(uids)) = data.parsed()
        {
            found = found.max(uids.iter().copied().max());
        }
    }
    Ok(found)
}

/// Removes that one message and nothing else: a bare EXPUNGE would also remove every message
/// the user had marked deleted, so without UIDPLUS it is moved to Trash, or left.
async fn remove<S>(
    session: &mut Imap<S>,
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
        session.select(folder).await.map_err(imap)?;
    }
    if can.uidplus {
        // Through check_ok: async-imap's uid_store and uid_expunge read a NO as success.
        for command in [
            format!("UID STORE {uid} +FLAGS.SILENT (\\Deleted)"),
            format!("UID EXPUNGE {uid}"),
        ] {
            session
                .run_command_and_check_ok(command)
                .await
                .map_err(imap)?;
        }
        while session.unsolicited_responses.try_recv().is_ok() {}
        return Ok(Removal::Expunged);
    }
    let trash = can.trash.as_deref().unwrap_or("Trash");
    session.uid_mv(uid.to_string(), trash).await.map_err(imap)?;
    Ok(Removal::MovedToTrash)
}

fn imap(e: async_imap::error::Error) -> Fail {
    Fail::new(ErrorKind::Protocol, e.to_string())
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
