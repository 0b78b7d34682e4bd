//! IMAP probe. A check that stops at LOGIN lies: NetEase accepts LOGIN and then refuses SELECT
//! ("Unsafe Login") unless the client sent ID first. So: ID (when advertised), LOGIN, SELECT INBOX.
//! Where the server offers SASL-IR, the three go in one flight (see `pipelined`); elsewhere each
//! waits for the one before, as NetEase's Coremail needs. LOGOUT is sent, not waited for.

use std::fmt::Debug;

use async_imap::imap_proto::{Response, ResponseCode, Status};
use async_imap::{Client, Session};
use secrecy::{ExposeSecret, SecretString};
use tokio::io::{AsyncRead, AsyncWrite};
use zeroize::Zeroizing;

use super::literal::Literal;
use super::transcript::Recorder;
use super::wire::{self, Wire, cap_names, command, has, io_fail};
use super::{ErrorKind, Fail, ProbeError, ProbeOptions, Side, Stage, Stages, tls};
use crate::catalog::{Endpoint, Security};

/// Greeting, capabilities, ID, LOGIN and SELECT are a few KiB even for a big mailbox; an
/// endless stream of untagged lines is cut off here rather than at the stage timeout.
const IMAP_LIMIT: usize = 256 * 1024;
/// How long a LOGOUT after a failure may take: courtesy, not part of the verdict.
const GOODBYE: std::time::Duration = std::time::Duration::from_secs(1);

type Conn<S> = Client<Recorder<S>>;

pub(crate) async fn probe(
    ep: &Endpoint,
    secret: &SecretString,
    opts: &ProbeOptions,
    st: &mut Stages,
    side: Side,
) -> Result<(), ProbeError> {
    let (tcp, peer) = super::open(ep, st).await?;
    match ep.security {
        Security::Tls => {
            let tls = st
                .run(Stage::Tls, tls::implicit(tcp, &ep.host, opts.tls.clone()))
                .await?;
            let mut client =
                Client::new(Recorder::new(tls, st.transcript(), peer).limit(IMAP_LIMIT));
            let caps = st.run(Stage::Greeting, greeting(&mut client)).await?;
            session(client, caps, ep, secret, opts.bearer, st, side).await
        }
        Security::Starttls => {
            let mut client =
                Client::new(Recorder::new(tcp, st.transcript(), peer).limit(IMAP_LIMIT));
            let mut caps = st
                .run(
                    Stage::Greeting,
                    super::greeting_or_tls(greeting(&mut client), ep, &opts.tls),
                )
                .await?;
            if caps.is_none() {
                caps = Some(st.run(Stage::Capability, capability(&mut client)).await?);
            }
            let offered = caps.as_deref().is_some_and(|c| has(c, "STARTTLS"));
            // Never continue in clear text: without STARTTLS the secret would travel unencrypted.
            st.run(Stage::Starttls, async {
                if !offered {
                    return Err(Fail::new(
                        ErrorKind::StarttlsUnavailable,
                        "server does not advertise STARTTLS",
                    ));
                }
                command(&mut client, "s1", "STARTTLS").await.map_err(|f| {
                    if f.kind == ErrorKind::Protocol {
                        Fail::new(ErrorKind::StarttlsUnavailable, f.detail)
                    } else {
                        f
                    }
                })?;
                Ok(())
            })
            .await?;
            let tcp = client.into_inner().into_inner();
            let tls = st
                .run(Stage::Tls, tls::handshake(tcp, &ep.host, opts.tls.clone()))
                .await?;
            // Capabilities learned before TLS must be discarded (RFC 3501 6.2.1).
            let client = Client::new(Recorder::new(tls, st.transcript(), peer).limit(IMAP_LIMIT));
            session(client, None, ep, secret, opts.bearer, st, side).await
        }
    }
}

/// RFC 2971 ID: NetEase refuses SELECT ("Unsafe Login") to a client that did not say who it is.
fn id_command() -> String {
    format!(
        "ID (\"name\" \"{}\" \"version\" \"{}\" \"vendor\" \"{}\")",
        crate::APP_NAME,
        crate::APP_VERSION,
        crate::APP_NAME
    )
}

/// Signed in: async-imap's session, or its client after a pipelined sign-in (async-imap makes
/// sessions only from its own LOGIN and AUTHENTICATE). Either way the same connection.
enum Signed<S: AsyncRead + AsyncWrite + Unpin + Debug + Send> {
    Session(Session<Recorder<S>>),
    Client(Conn<S>),
}

impl<S: AsyncRead + AsyncWrite + Unpin + Debug + Send> Signed<S> {
    fn wire(&mut self) -> &mut Wire<S> {
        match self {
            Signed::Session(s) => s,
            Signed::Client(c) => c,
        }
    }
}

async fn session<S>(
    mut client: Conn<S>,
    caps: Option<Vec<String>>,
    ep: &Endpoint,
    secret: &SecretString,
    bearer: bool,
    st: &mut Stages,
    side: Side,
) -> Result<(), ProbeError>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    // A greeting without capabilities costs this one wait: what follows depends on them.
    let caps = match caps {
        Some(c) => c,
        None => st.run(Stage::Capability, capability(&mut client)).await?,
    };
    let (mut signed, named) = if !bearer && one_flight(&caps) {
        let named = pipelined(&mut client, &caps, ep, secret, st).await?;
        (Signed::Client(client), named)
    } else {
        (stepwise(client, &caps, ep, secret, bearer, st).await?, None)
    };
    if let Side::Watch(w) = side {
        match super::roundtrip::watch(signed.wire(), named, w, st).await {
            (_, Ok(())) => {}
            (true, Err(e)) => {
                let _ = tokio::time::timeout(GOODBYE, command(signed.wire(), "z1", "LOGOUT")).await;
                return Err(e);
            }
            (false, r) => return r,
        }
    }
    // The verdict is in. LOGOUT is courtesy: sent, never waited for, and its failure must not
    // turn success into failure. At least a second to send it: after the round trip's wait the
    // check's deadline may have passed.
    let limit = st.remaining().max(GOODBYE);
    let _ = st
        .run_within(Stage::Logout, limit, wire::hang_up(signed.wire()))
        .await;
    Ok(())
}

/// SASL-IR (RFC 4959) lets AUTHENTICATE PLAIN carry its response in the command itself, so
/// nothing after ID waits for the server's `+`. Only where offered: NetEase's Coremail rejects an
/// initial response.
fn one_flight(caps: &[String]) -> bool {
    needs_authenticate(caps) && has(caps, "SASL-IR")
}

/// ID, AUTHENTICATE PLAIN with its initial response and SELECT INBOX in one flight (RFC 3501
/// 5.5 lets a client send commands without waiting; each is answered in order). This runs only
/// over TLS, and SELECT needs no answer first: if the sign-in is refused, SELECT is refused too
/// and touches nothing. Each stage then reads its own answer. Returns the capabilities the
/// sign-in's OK named (Dovecot's does: UIDPLUS, MOVE, IDLE for the round trip).
async fn pipelined<S>(
    client: &mut Conn<S>,
    caps: &[String],
    ep: &Endpoint,
    secret: &SecretString,
    st: &mut Stages,
) -> Result<Option<Vec<String>>, ProbeError>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let id = has(caps, "ID");
    let mut flight = Zeroizing::new(Vec::new());
    if id {
        flight.extend_from_slice(format!("i1 {}\r\n", id_command()).as_bytes());
    }
    flight.extend_from_slice(b"a1 AUTHENTICATE PLAIN ");
    flight.extend_from_slice(plain_response(&ep.username, secret).as_bytes());
    flight.extend_from_slice(b"\r\ns1 SELECT INBOX\r\n");
    // The answers may all arrive in one read: each stage quotes its own from the transcript.
    let heard = st.transcript().clone();
    let mark = heard.position();
    if id {
        st.run(Stage::Id, async {
            wire::send(client, &flight).await?;
            let done = wire::complete(client, "i1", |_| {}).await?;
            done.check(ErrorKind::Protocol).map(drop)
        })
        .await?;
    }
    let login = st
        .run(Stage::Login, async {
            if !id {
                wire::send(client, &flight).await?;
            }
            let done = wire::complete(client, "a1", |_| {}).await?;
            let caps = done.caps.clone();
            done.check(ErrorKind::Auth)
                .map(|_| caps)
                .map_err(|f| f.said(heard.reply(mark, "a1")))
        })
        .await;
    let selected = match login {
        Ok(named) => {
            st.run(Stage::Select, async {
                let done = wire::complete(client, "s1", |_| {}).await?;
                done.check(ErrorKind::Protocol)
                    .map(|_| named)
                    .map_err(|f| f.said(heard.reply(mark, "s1")))
            })
            .await
        }
        Err(e) => Err(e),
    };
    if selected.is_err() {
        // Say goodbye: servers count dropped connections after a failure as an attack.
        let _ = tokio::time::timeout(GOODBYE, command(client, "z1", "LOGOUT")).await;
    }
    selected
}

/// SASL PLAIN's message (RFC 4616: no authorization id, the login name, the password) in base64,
/// wiped when dropped.
fn plain_response(user: &str, secret: &SecretString) -> Zeroizing<String> {
    use base64::Engine;
    let plain = Plain {
        user,
        secret: secret.expose_secret(),
    };
    let raw = Zeroizing::new(plain.message());
    Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(&*raw))
}

/// ID, the sign-in and SELECT INBOX, each after the answer to the one before: where the server
/// offers no SASL-IR the secret waits for the server's `+`, and NetEase's Coremail is not known
/// to take commands ahead of their turn.
async fn stepwise<S>(
    mut client: Conn<S>,
    caps: &[String],
    ep: &Endpoint,
    secret: &SecretString,
    bearer: bool,
    st: &mut Stages,
) -> Result<Signed<S>, ProbeError>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    if has(caps, "ID") {
        st.run(Stage::Id, command(&mut client, "i1", &id_command()))
            .await?;
    }
    // A refused login hands the connection back, for the LOGOUT below.
    let mut refused = None;
    let login = st
        .run(Stage::Login, async {
            sign_in(client, caps, &ep.username, secret, bearer)
                .await
                .map_err(|(fail, client)| {
                    refused = client;
                    fail
                })
        })
        .await;
    let mut session = match login {
        Ok(s) => s,
        Err(e) => {
            // Say goodbye: servers count dropped connections after a failure as an attack.
            if let Some(mut client) = refused {
                let _ = tokio::time::timeout(GOODBYE, command(&mut client, "z1", "LOGOUT")).await;
            }
            return Err(e);
        }
    };
    let selected = st
        .run(Stage::Select, async {
            session
                .select("INBOX")
                .await
                .map(drop)
                .map_err(|e| imap_fail(e, ErrorKind::Protocol))
        })
        .await;
    if let Err(e) = selected {
        let _ = tokio::time::timeout(GOODBYE, session.logout()).await;
        return Err(e);
    }
    Ok(Signed::Session(session))
}

/// Signs in the way the server takes best: a bearer token (XOAUTH2 / OAUTHBEARER) for a browser
/// sign-in, else AUTHENTICATE PLAIN where offered, else LOGIN (a password quoted strings cannot
/// carry as a literal). A refusal hands the connection back (for the LOGOUT that follows).
async fn sign_in<S>(
    client: Conn<S>,
    caps: &[String],
    user: &str,
    secret: &SecretString,
    bearer: bool,
) -> Result<async_imap::Session<Recorder<S>>, (Fail, Option<Conn<S>>)>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let attempt = if bearer {
        let Some(mechanism) = bearer_mechanism(caps) else {
            return Err((no_bearer(caps), Some(client)));
        };
        let token = Bearer {
            mechanism,
            user,
            token: secret.expose_secret(),
            sent: false,
        };
        client.authenticate(mechanism.name(), token).await
    } else if needs_authenticate(caps) {
        let plain = Plain {
            user,
            secret: secret.expose_secret(),
        };
        client.authenticate("PLAIN", plain).await
    } else if super::literal::needed(secret.expose_secret()) {
        let plus = has(caps, "LITERAL+");
        let (literal, placeholder) = Literal::new(secret.expose_secret(), plus);
        let mut client = client;
        client.get_mut().literal_login(literal);
        client.login(user, placeholder).await
    } else {
        client.login(user, secret.expose_secret()).await
    };
    attempt.map_err(|(e, client)| (imap_fail(e, ErrorKind::Auth), Some(client)))
}

/// AUTHENTICATE PLAIN wherever the server offers it, as Thunderbird does: LOGIN's quoted
/// string is 7-bit only (RFC 3501), and servers disagree on quoting `"` and `\` in it, so a
/// right password such as `q"uo\te*%{1}` can be refused. PLAIN carries any UTF-8 in base64,
/// with SASL-IR only where the server offers it (NetEase's Coremail rejects it). LOGIN where
/// PLAIN is not offered.
fn needs_authenticate(caps: &[String]) -> bool {
    has(caps, "AUTH=PLAIN")
}

/// XOAUTH2 is what Outlook and Gmail document; OAUTHBEARER (RFC 7628) is the standard one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BearerMechanism {
    Xoauth2,
    OAuthBearer,
}

impl BearerMechanism {
    fn name(self) -> &'static str {
        match self {
            BearerMechanism::Xoauth2 => "XOAUTH2",
            BearerMechanism::OAuthBearer => "OAUTHBEARER",
        }
    }
}

fn bearer_mechanism(caps: &[String]) -> Option<BearerMechanism> {
    if has(caps, "AUTH=XOAUTH2") {
        Some(BearerMechanism::Xoauth2)
    } else if has(caps, "AUTH=OAUTHBEARER") {
        Some(BearerMechanism::OAuthBearer)
    } else {
        None
    }
}

fn no_bearer(caps: &[String]) -> Fail {
    let auth: Vec<&str> = caps
        .iter()
        .filter(|c| c.starts_with("AUTH="))
        .map(String::as_str)
        .collect();
    Fail::new(
        ErrorKind::AuthUnsupported,
        "the server offers no token sign-in (AUTH=XOAUTH2 or AUTH=OAUTHBEARER)",
    )
    .said(Some(format!("CAPABILITY: {}", auth.join(" "))))
}

/// The access token as XOAUTH2 or OAUTHBEARER (RFC 7628) sends it. A refused token gets a
/// challenge carrying the server's JSON error; the answer to it is empty (RFC 7628 3.2.3),
/// after which the server sends its NO.
struct Bearer<'a> {
    mechanism: BearerMechanism,
    user: &'a str,
    token: &'a str,
    sent: bool,
}

impl async_imap::Authenticator for Bearer<'_> {
    type Response = Vec<u8>;

    fn process(&mut self, _challenge: &[u8]) -> Vec<u8> {
        if std::mem::replace(&mut self.sent, true) {
            return Vec::new();
        }
        bearer_response(self.mechanism, self.user, self.token).into_bytes()
    }
}

/// The client's first message of XOAUTH2 or OAUTHBEARER.
fn bearer_response(mechanism: BearerMechanism, user: &str, token: &str) -> String {
    match mechanism {
        BearerMechanism::Xoauth2 => format!("user={user}\x01auth=Bearer {token}\x01\x01"),
        // gs2 header: no channel binding, the authorization identity; commas and '=' escaped.
        BearerMechanism::OAuthBearer => format!(
            "n,a={},\x01auth=Bearer {token}\x01\x01",
            user.replace('=', "=3D").replace(',', "=2C")
        ),
    }
}

/// SASL PLAIN (RFC 4616): authorization id empty, then login name and password.
struct Plain<'a> {
    user: &'a str,
    secret: &'a str,
}

impl Plain<'_> {
    fn message(&self) -> Vec<u8> {
        let mut r = Vec::with_capacity(self.user.len() + self.secret.len() + 2);
        r.push(0);
        r.extend_from_slice(self.user.as_bytes());
        r.push(0);
        r.extend_from_slice(self.secret.as_bytes());
        r
    }
}

impl async_imap::Authenticator for Plain<'_> {
    type Response = Vec<u8>;

    fn process(&mut self, _challenge: &[u8]) -> Vec<u8> {
        self.message()
    }
}

/// Reads the greeting; returns the capabilities if the server put them in it (most do).
async fn greeting<S>(client: &mut Conn<S>) -> Result<Option<Vec<String>>, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let resp = client
        .read_response()
        .await
        .map_err(io_fail)?
        .ok_or_else(|| Fail::new(ErrorKind::Protocol, "connection closed before the greeting"))?;
    match resp.parsed() {
        Response::Data {
            status: Status::Ok | Status::PreAuth,
            outcome,
        } => Ok(match &outcome.code {
            Some(ResponseCode::Capabilities(c)) => Some(cap_names(c)),
            _ => None,
        }),
        Response::Data {
            status: Status::Bye,
            ..
        } => Err(Fail::new(ErrorKind::Protocol, "server said BYE at once")),
        other => Err(Fail::new(
            ErrorKind::Protocol,
            format!("unexpected greeting: {other:?}"),
        )),
    }
}

async fn capability<S>(client: &mut Conn<S>) -> Result<Vec<String>, Fail>
where
    S: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    command(client, "c1", "CAPABILITY").await
}

/// `no_kind` is what a NO reply means at this stage (LOGIN: auth rejected); server text
/// patterns may refine it later.
fn imap_fail(e: async_imap::error::Error, no_kind: ErrorKind) -> Fail {
    use async_imap::error::Error;
    match e {
        Error::No(info) => Fail::new(no_kind, format!("NO: {info}")),
        Error::Bad(info) => Fail::new(ErrorKind::Protocol, format!("BAD: {info}")),
        Error::Io(io) => io_fail(io),
        Error::ConnectionLost => Fail::new(ErrorKind::Protocol, "connection closed"),
        other => Fail::new(ErrorKind::Protocol, other.to_string()),
    }
}
