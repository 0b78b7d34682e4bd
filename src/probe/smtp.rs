//! SMTP probe. We read the greeting (and do STARTTLS) ourselves so that TLS failures are
//! classified the same way as for IMAP and the secret never leaves before TLS is up; lettre then
//! does EHLO, AUTH, the optional test message and QUIT over the secured stream. EHLO waits for
//! the greeting (Postfix's postscreen rejects clients that talk first), AUTH for EHLO's list of
//! methods; PLAIN goes with its initial response. QUIT is sent, not waited for.

use std::fmt::Debug;
use std::io;
use std::net::SocketAddr;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream};
use lettre::transport::smtp::commands::{Auth, Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use secrecy::{ExposeSecret, SecretString};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

use super::roundtrip::{Letter, Post};
use super::transcript::{Recorder, Transcript};
use super::{ErrorKind, Fail, ProbeError, ProbeOptions, Side, Stage, Stages, tls};
use crate::catalog::{Endpoint, Security};

/// lettre insists on reading a greeting when handed a stream; ours was already read (or, after
/// STARTTLS, there is none), so it gets this one. It never reaches the network.
const LOCAL_GREETING: &[u8] = b"220 greeting already received\r\n";
/// How long a QUIT after a failure may take: courtesy, not part of the verdict.
const GOODBYE: std::time::Duration = std::time::Duration::from_secs(1);
/// The sign-in methods this app speaks with a password, best first.
const MECHANISMS: [Mechanism; 2] = [Mechanism::Plain, Mechanism::Login];

impl<S> AsyncTokioStream for Recorder<S>
where
    S: AsyncRead + AsyncWrite + Send + Sync + Unpin + Debug,
{
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.peer()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotConnected, "no peer address"))
    }
}

pub(crate) async fn probe(
    ep: &Endpoint,
    secret: &SecretString,
    opts: &ProbeOptions,
    st: &mut Stages,
    side: Side,
) -> Result<(), ProbeError> {
    let (tls, peer) = secured(ep, opts, st).await?;
    // An EHLO reply is well under 1 KiB; see Recorder::limit.
    let rec = Recorder::new(tls, st.transcript(), peer)
        .inject(LOCAL_GREETING)
        .limit(64 * 1024)
        .smtp_lines(100);
    let hang_up = rec.hang_up();
    let hello = ClientId::Domain(hello_name());
    let ehlo_mark = st.transcript().position();
    let mut conn = st
        .run(Stage::Ehlo, async {
            AsyncSmtpConnection::connect_with_transport(Box::new(rec), &hello)
                .await
                .map_err(|e| smtp_fail(&e, ErrorKind::Protocol))
        })
        .await?;
    let creds = Credentials::new(ep.username.clone(), secret.expose_secret().to_string());
    let offered = capabilities(&st.transcript().lines_since(ehlo_mark));
    let authed = st
        .run(Stage::Auth, async {
            if opts.bearer {
                return bearer_auth(&mut conn, creds, &offered).await;
            }
            if conn.server_info().get_auth_mechanism(&MECHANISMS).is_none() {
                return Err(no_usable_auth(&offered, "AUTH PLAIN or LOGIN"));
            }
            conn.auth(&MECHANISMS, &creds)
                .await
                .map(drop)
                .map_err(|e| smtp_fail(&e, ErrorKind::Auth))
        })
        .await;
    if let Err(e) = authed {
        // Say goodbye: servers count dropped connections after a failure as an attack.
        let _ = tokio::time::timeout(GOODBYE, conn.abort()).await;
        return Err(e);
    }
    // RFC 2920: MAIL, RCPT and DATA go in one flight only where the server says it takes that.
    let pipelining = offered.iter().any(|k| k.eq_ignore_ascii_case("PIPELINING"));
    let sent = send_asked(&mut conn, opts, side, pipelining, st).await;
    if let Err(e) = sent {
        let _ = tokio::time::timeout(GOODBYE, conn.abort()).await;
        return Err(e);
    }
    // The verdict is in. QUIT is courtesy: sent, and the connection closed without reading the
    // answer, which tells the check nothing (at least a second to send it, even past the
    // deadline). lettre reads after every command: the recorder tells it the stream has ended.
    let limit = st.remaining().max(GOODBYE);
    let _ = st
        .run_within(Stage::Quit, limit, async {
            hang_up.now();
            conn.abort().await;
            Ok::<(), Fail>(())
        })
        .await;
    Ok(())
}

/// The connection up to TLS: implicit TLS (465), or the greeting, EHLO and a STARTTLS that must
/// succeed (587) — without it the secret would travel unencrypted.
async fn secured(
    ep: &Endpoint,
    opts: &ProbeOptions,
    st: &mut Stages,
) -> Result<
    (
        tokio_rustls::client::TlsStream<tokio::net::TcpStream>,
        Option<SocketAddr>,
    ),
    ProbeError,
> {
    let (tcp, peer) = super::open(ep, st).await?;
    let tls = match ep.security {
        Security::Tls => {
            let tls = st
                .run(Stage::Tls, tls::implicit(tcp, &ep.host, opts.tls.clone()))
                .await?;
            let mut rec = Recorder::new(tls, st.transcript(), peer);
            st.run(Stage::Greeting, expect_greeting(&mut rec)).await?;
            rec.into_inner()
        }
        Security::Starttls => {
            let mut rec = Recorder::new(tcp, st.transcript(), peer);
            st.run(
                Stage::Greeting,
                super::greeting_or_tls(expect_greeting(&mut rec), ep, &opts.tls),
            )
            .await?;
            let ehlo = st.run(Stage::Ehlo, ehlo(&mut rec)).await?;
            st.run(Stage::Starttls, starttls(&mut rec, &ehlo)).await?;
            let tcp = rec.into_inner();
            st.run(Stage::Tls, tls::handshake(tcp, &ep.host, opts.tls.clone()))
                .await?
        }
    };
    Ok((tls, peer))
}

/// The EHLO keywords (`AUTH CRAM-MD5`, `SIZE 10240000`…), without the reply codes and the
/// server's own name on the first line.
fn capabilities(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| l.starts_with("250"))
        .skip(1)
        .filter_map(|l| l.get(4..))
        .map(|k| k.trim().to_string())
        .collect()
}

/// AUTH XOAUTH2 with the access token, built by lettre. lettre's own `auth` cannot take the
/// challenge a refused token gets (it carries the server's JSON error), so the empty answer that
/// brings the server's final 535 (RFC 7628 3.2.3) is sent here.
async fn bearer_auth(
    conn: &mut AsyncSmtpConnection,
    creds: Credentials,
    offered: &[String],
) -> Result<(), Fail> {
    if conn
        .server_info()
        .get_auth_mechanism(&[Mechanism::Xoauth2])
        .is_none()
    {
        return Err(no_usable_auth(offered, "AUTH XOAUTH2"));
    }
    let auth = Auth::new(Mechanism::Xoauth2, creds, None)
        .map_err(|e| Fail::new(ErrorKind::Protocol, e.to_string()))?;
    let reply = conn
        .command(auth)
        .await
        .map_err(|e| smtp_fail(&e, ErrorKind::Auth))?;
    if reply.has_code(334) {
        conn.command("\r\n")
            .await
            .map_err(|e| smtp_fail(&e, ErrorKind::Auth))?;
        return Err(Fail::new(ErrorKind::Auth, "the token was refused"));
    }
    Ok(())
}

/// No AUTH at all, or only methods we cannot use with a password: named with what the server
/// offered, so support sees it without a packet capture.
fn no_usable_auth(offered: &[String], ours: &str) -> Fail {
    let auth = offered
        .iter()
        .find(|k| k.to_ascii_uppercase().starts_with("AUTH"));
    let detail = match auth {
        Some(a) => {
            format!("the server offers only {a}; this app signs in with {ours}")
        }
        None => "the server offers no AUTH (sign-in) after EHLO on this port".to_string(),
    };
    let said = format!("EHLO: {}", offered.join(", "));
    Fail::new(ErrorKind::AuthUnsupported, detail).said(Some(said))
}

fn hello_name() -> String {
    // A fixed name: the real host name would only leak the user's machine name to the server.
    "mailsetup.localhost".to_string()
}

/// Reads one (possibly multi-line) reply; returns its code and lines.
async fn read_reply<S: AsyncRead + Unpin>(stream: &mut S) -> Result<(u16, Vec<String>), Fail> {
    let mut reader = BufReader::new(stream);
    let mut lines = Vec::new();
    loop {
        let mut raw = Vec::new();
        let n = reader
            .read_until(b'\n', &mut raw)
            .await
            .map_err(|e| Fail::new(ErrorKind::Protocol, e.to_string()))?;
        if n == 0 {
            return Err(Fail::new(ErrorKind::Protocol, "connection closed"));
        }
        let line = super::transcript::decode(&raw).trim_end().to_string();
        let code = line
            .get(..3)
            .and_then(|c| c.parse::<u16>().ok())
            .ok_or_else(|| Fail::new(ErrorKind::Protocol, "reply is not SMTP"))?;
        let last = line.as_bytes().get(3) != Some(&b'-');
        lines.push(line);
        if last {
            return Ok((code, lines));
        }
        if lines.len() > 100 {
            return Err(Fail::new(ErrorKind::Protocol, "reply has too many lines"));
        }
    }
}

async fn expect_greeting<S: AsyncRead + Unpin>(stream: &mut S) -> Result<(), Fail> {
    let (code, _) = read_reply(stream).await?;
    if code == 220 {
        Ok(())
    } else {
        Err(Fail::new(
            ErrorKind::Protocol,
            format!("greeting code {code}"),
        ))
    }
}

async fn send_line<S: AsyncWrite + Unpin>(stream: &mut S, line: &str) -> Result<(), Fail> {
    let io = |e: io::Error| Fail::new(ErrorKind::Protocol, e.to_string());
    stream.write_all(line.as_bytes()).await.map_err(io)?;
    stream.flush().await.map_err(io)
}

async fn ehlo<S: AsyncRead + AsyncWrite + Unpin>(stream: &mut S) -> Result<Vec<String>, Fail> {
    send_line(stream, &format!("EHLO {}\r\n", hello_name())).await?;
    let (code, lines) = read_reply(stream).await?;
    if code != 250 {
        return Err(Fail::new(ErrorKind::Protocol, format!("EHLO code {code}")));
    }
    Ok(lines)
}

async fn starttls<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    ehlo: &[String],
) -> Result<(), Fail> {
    let offered = ehlo.iter().any(|l| {
        l.get(4..)
            .is_some_and(|k| k.trim().eq_ignore_ascii_case("STARTTLS"))
    });
    if !offered {
        return Err(Fail::new(
            ErrorKind::StarttlsUnavailable,
            "server does not advertise STARTTLS",
        ));
    }
    send_line(stream, "STARTTLS\r\n").await?;
    let (code, _) = read_reply(stream).await?;
    if code != 220 {
        return Err(Fail::new(
            ErrorKind::StarttlsUnavailable,
            format!("STARTTLS refused with {code}"),
        ));
    }
    Ok(())
}

/// The message the check was asked to send, if any: the round trip's, or `--send-test`'s.
async fn send_asked(
    conn: &mut AsyncSmtpConnection,
    opts: &ProbeOptions,
    side: Side,
    pipelining: bool,
    st: &mut Stages,
) -> Result<(), ProbeError> {
    match side {
        Side::Post(post) => send_letter(conn, opts, post, pipelining, st).await,
        _ if opts.send_test => {
            let test = test_letter();
            let out = Outgoing {
                address: &opts.address,
                letter: &test,
                message_id: None,
                pipelining,
                heard: st.transcript().clone(),
            };
            st.run(Stage::Send, send(conn, out)).await
        }
        _ => Ok(()),
    }
}

/// The round trip's letter, once INBOX is being watched (the watch may take longer than the
/// check's deadline to start, so the send has its own stage timeout).
async fn send_letter(
    conn: &mut AsyncSmtpConnection,
    opts: &ProbeOptions,
    mut post: Post,
    pipelining: bool,
    st: &mut Stages,
) -> Result<(), ProbeError> {
    if !post.wait_for_watcher().await {
        // IMAP failed: a message nobody watches for (and removes) is not sent.
        return Ok(());
    }
    let id = format!("<{}@{}>", post.token, hello_name());
    let subject = format!("{} [{}]", post.letter.subject, post.token);
    let letter = Letter {
        subject,
        body: post.letter.body.clone(),
    };
    let out = Outgoing {
        address: &opts.address,
        letter: &letter,
        message_id: Some(id),
        pipelining,
        heard: st.transcript().clone(),
    };
    st.run_within(Stage::Send, opts.stage_timeout, send(conn, out))
        .await?;
    post.accepted();
    Ok(())
}

/// `--send-test`'s message, which stays in the mailbox (the round trip's is removed).
fn test_letter() -> Letter {
    Letter {
        subject: "mailsetup: test message / 测试邮件".to_string(),
        body: "This message was sent by mailsetup to check that sending works.\r\n\
               这封邮件由邮箱设置助手发送，用于确认发信功能正常。\r\n"
            .to_string(),
    }
}

/// One message to the address itself, and how to send it.
struct Outgoing<'a> {
    address: &'a str,
    letter: &'a Letter,
    message_id: Option<String>,
    /// The server offers PIPELINING (RFC 2920).
    pipelining: bool,
    /// What the server says, for quoting the refusal among several answers read at once.
    heard: Transcript,
}

/// MAIL FROM, RCPT TO and DATA of one message to the address itself. A refusal at any of them
/// is the server's policy (spam filter, frequency or daily limit, sender rules), not the
/// credential, and is classified from its words.
async fn send(conn: &mut AsyncSmtpConnection, out: Outgoing<'_>) -> Result<(), Fail> {
    use lettre::Message;
    use lettre::message::header::ContentType;
    let mailbox = out
        .address
        .parse::<lettre::message::Mailbox>()
        .map_err(|e| Fail::new(ErrorKind::Protocol, e.to_string()))?;
    let message = Message::builder()
        .from(mailbox.clone())
        .to(mailbox)
        .subject(out.letter.subject.clone())
        .message_id(out.message_id.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(out.letter.body.clone())
        .map_err(|e| Fail::new(ErrorKind::Protocol, e.to_string()))?;
    let email = message.formatted();
    if out.pipelining {
        return pipelined(conn, message.envelope(), &email, &out.heard).await;
    }
    conn.send(message.envelope(), &email)
        .await
        .map(drop)
        .map_err(|e| smtp_fail(&e, ErrorKind::SendRefused))
}

/// MAIL FROM, RCPT TO and DATA in one flight (RFC 2920 3.1: DATA last in its group, since the
/// text must wait for its 354), then the text. Every answer is read, in order; the first refusal
/// is the one reported (a 503 after it is its consequence). A DATA accepted after a refusal is
/// never given the text: the connection is closed instead.
async fn pipelined(
    conn: &mut AsyncSmtpConnection,
    envelope: &lettre::address::Envelope,
    email: &[u8],
    heard: &Transcript,
) -> Result<(), Fail> {
    let mark = heard.position();
    let group = format!(
        "{}{}{}",
        Mail::new(
            envelope.from().cloned(),
            mail_parameters(conn, envelope, email)?
        ),
        envelope
            .to()
            .iter()
            .map(|to| Rcpt::new(to.clone(), vec![]).to_string())
            .collect::<String>(),
        Data
    );
    let mut answers = vec![conn.command(group).await];
    for _ in 0..envelope.to().len() + 1 {
        answers.push(conn.read_response().await);
    }
    if let Some(e) = answers.into_iter().find_map(Result::err) {
        let said = first_refusal(&heard.lines_since(mark));
        return Err(smtp_fail(&e, ErrorKind::SendRefused).said(said));
    }
    conn.message(email)
        .await
        .map(drop)
        .map_err(|e| smtp_fail(&e, ErrorKind::SendRefused))
}

/// What lettre's own `send` puts on MAIL FROM: SMTPUTF8 for a non-ASCII address, BODY=8BITMIME
/// for a non-ASCII text, each only where the server offers it.
fn mail_parameters(
    conn: &AsyncSmtpConnection,
    envelope: &lettre::address::Envelope,
    email: &[u8],
) -> Result<Vec<MailParameter>, Fail> {
    let info = conn.server_info();
    let mut parameters = Vec::new();
    let addresses = envelope.from().into_iter().chain(envelope.to());
    if addresses.map(AsRef::<str>::as_ref).any(|a| !a.is_ascii()) {
        if !info.supports_feature(Extension::SmtpUtfEight) {
            return Err(Fail::new(
                ErrorKind::Protocol,
                "the address is not ASCII and the server does not offer SMTPUTF8",
            ));
        }
        parameters.push(MailParameter::SmtpUtfEight);
    }
    if !email.is_ascii() {
        if !info.supports_feature(Extension::EightBitMime) {
            return Err(Fail::new(
                ErrorKind::Protocol,
                "the message is not ASCII and the server does not offer 8BITMIME",
            ));
        }
        parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    Ok(parameters)
}

/// The first refusal (4xx or 5xx) among the replies, with its continuation lines: the reply the
/// classification reads (its last line), without the 503s that follow it.
fn first_refusal(lines: &[String]) -> Option<String> {
    let end = lines.iter().position(|l| {
        matches!(l.as_bytes().first(), Some(b'4' | b'5')) && l.as_bytes().get(3) != Some(&b'-')
    })?;
    let code = lines[end].get(..3)?;
    let start = lines[..end]
        .iter()
        .rposition(|l| !l.starts_with(&format!("{code}-")))
        .map_or(0, |i| i + 1);
    Some(lines[start..=end].join("\n"))
}

/// `rejected` is what a 5xx reply means at this stage (AUTH: credentials refused); a 4xx is a
/// temporary refusal, which the server's words may sharpen (classify::refine).
fn smtp_fail(e: &lettre::transport::smtp::Error, rejected: ErrorKind) -> Fail {
    let kind = if e.is_permanent() {
        rejected
    } else if e.is_transient() {
        ErrorKind::Temporary
    } else {
        ErrorKind::Protocol
    };
    Fail::new(kind, e.to_string())
}

#[cfg(test)]
mod tests {
    use super::first_refusal;

    #[test]
    fn the_first_refusal_is_quoted_without_the_replies_it_caused() {
        let lines = [
            "250 2.1.0 Ok",
            "550-5.7.1 Connection frequency limited.",
            "550 5.7.1 See http://service.mail.qq.com/",
            "503 5.5.1 Error: need RCPT command",
        ]
        .map(String::from);
        assert_eq!(
            first_refusal(&lines).as_deref(),
            Some(
                "550-5.7.1 Connection frequency limited.\n550 5.7.1 See http://service.mail.qq.com/"
            )
        );
        assert_eq!(first_refusal(&["250 2.1.5 Ok".to_string()]), None);
    }
}
