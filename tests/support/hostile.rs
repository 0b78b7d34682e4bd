//! Broken and hostile servers on loopback: each misbehaves in one way a real network
//! or a badly run server can. They speak just enough IMAP or SMTP to reach the point where they
//! misbehave; the probes must end every one in a classified error within their stage timeout.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proto {
    Imap,
    Smtp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Misbehaviour {
    /// Accepts TCP and never says anything.
    BlackHole,
    /// Closes right after accepting.
    CloseAtOnce,
    /// A greeting that is not IMAP or SMTP.
    GarbageGreeting,
    /// 10 MB without a line break, then silence.
    HugeLine,
    /// After the greeting, answers every command with an endless stream of untagged lines
    /// (IMAP) or continuation lines (SMTP).
    EndlessStream,
    /// Hangs up as soon as LOGIN / AUTH arrives.
    DisconnectAtLogin,
    /// Offers STARTTLS, says yes, then sends garbage instead of a TLS handshake.
    StarttlsThenGarbage,
    /// `* BYE` (IMAP) / `554` (SMTP) instead of a greeting.
    ByeAtOnce,
    /// `NO [ALERT] …` to LOGIN (IMAP) / `535` with an alert-like text (SMTP).
    NoAlert,
    /// The LOGIN / AUTH reply in GBK bytes.
    GbkReply,
    /// Answers LOGIN with a literal (`{100000}`) it never finishes.
    UnfinishedLiteral,
}

pub const HUGE: usize = 10 * 1024 * 1024;

/// Starts the server on a free loopback port. With `tls`, the whole connection is TLS first
/// (implicit TLS); otherwise plain (the STARTTLS cases).
pub async fn start(
    proto: Proto,
    bad: Misbehaviour,
    tls: Option<Arc<rustls::ServerConfig>>,
) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((tcp, _)) = listener.accept().await {
            match bad {
                Misbehaviour::BlackHole => {
                    // Keep the socket open and silent.
                    held.push(tcp);
                    continue;
                }
                Misbehaviour::CloseAtOnce => {
                    drop(tcp);
                    continue;
                }
                _ => {}
            }
            let tls = tls.clone();
            tokio::spawn(async move {
                match tls {
                    Some(cfg) => {
                        if let Ok(s) = tokio_rustls::TlsAcceptor::from(cfg).accept(tcp).await {
                            serve(s, proto, bad).await;
                        }
                    }
                    None => serve(tcp, proto, bad).await,
                }
            });
        }
    });
    addr
}

async fn serve<S: AsyncRead + AsyncWrite + Unpin>(stream: S, proto: Proto, bad: Misbehaviour) {
    let (r, mut w) = tokio::io::split(stream);
    let mut lines = BufReader::new(r).lines();
    let greeting: Vec<u8> = match (bad, proto) {
        (Misbehaviour::GarbageGreeting, _) => b"\x00\xff\xfeHELLO?? \x1b[31mgarbage\r\n".to_vec(),
        (Misbehaviour::HugeLine, _) => {
            let _ = w.write_all(&vec![b'A'; HUGE]).await;
            // Then silence with the connection open.
            tokio::time::sleep(Duration::from_secs(120)).await;
            return;
        }
        (Misbehaviour::ByeAtOnce, Proto::Imap) => {
            b"* BYE Too many connections from your IP, try again later\r\n".to_vec()
        }
        (Misbehaviour::ByeAtOnce, Proto::Smtp) => {
            b"554 5.7.1 Service unavailable; client host blocked\r\n".to_vec()
        }
        (Misbehaviour::StarttlsThenGarbage, Proto::Imap) => {
            b"* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n".to_vec()
        }
        // No AUTH=PLAIN: these cases are about replies to LOGIN.
        (_, Proto::Imap) => b"* OK [CAPABILITY IMAP4rev1 ID] hostile ready\r\n".to_vec(),
        (_, Proto::Smtp) => b"220 hostile.example ESMTP\r\n".to_vec(),
    };
    if w.write_all(&greeting).await.is_err() {
        return;
    }
    if bad == Misbehaviour::ByeAtOnce {
        return;
    }
    while let Ok(Some(line)) = lines.next_line().await {
        let upper = line.to_ascii_uppercase();
        let tag = line.split(' ').next().unwrap_or("*").to_string();
        let reply: Vec<u8> = match proto {
            Proto::Imap => {
                let cmd = line.split(' ').nth(1).unwrap_or("").to_ascii_uppercase();
                match (bad, cmd.as_str()) {
                    (Misbehaviour::EndlessStream, _) => loop {
                        if w.write_all(b"* 1 EXISTS\r\n* OK still here\r\n").await.is_err() {
                            return;
                        }
                    },
                    (Misbehaviour::StarttlsThenGarbage, "CAPABILITY") => {
                        format!("* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n{tag} OK\r\n")
                            .into_bytes()
                    }
                    (Misbehaviour::StarttlsThenGarbage, "STARTTLS") => {
                        let _ = w
                            .write_all(format!("{tag} OK Begin TLS now\r\n").as_bytes())
                            .await;
                        // After the client's ClientHello: sent with the OK, the garbage would be
                        // read (and dropped) as part of the IMAP reply, and the handshake would
                        // wait for a ServerHello until the stage times out.
                        tokio::time::sleep(Duration::from_millis(300)).await;
                        let _ = w.write_all(b"this is not a TLS ServerHello\r\n").await;
                        tokio::time::sleep(Duration::from_secs(60)).await;
                        return;
                    }
                    (_, "CAPABILITY") => {
                        format!("* CAPABILITY IMAP4rev1 ID\r\n{tag} OK\r\n").into_bytes()
                    }
                    (_, "ID") => format!("* ID NIL\r\n{tag} OK\r\n").into_bytes(),
                    (Misbehaviour::DisconnectAtLogin, "LOGIN" | "AUTHENTICATE") => return,
                    (Misbehaviour::NoAlert, "LOGIN") => format!(
                        "{tag} NO [ALERT] Your account has been locked for security reasons. Visit https://example.com/unlock\r\n"
                    )
                    .into_bytes(),
                    (Misbehaviour::GbkReply, "LOGIN") => {
                        let mut v = format!("{tag} NO ").into_bytes();
                        // "登录失败，密码错误" in GBK.
                        v.extend_from_slice(b"\xb5\xc7\xc2\xbc\xca\xa7\xb0\xdc\xa3\xac\xc3\xdc\xc2\xeb\xb4\xed\xce\xf3\r\n");
                        v
                    }
                    (Misbehaviour::UnfinishedLiteral, "LOGIN") => {
                        let _ = w.write_all(b"* 1 FETCH (BODY[] {100000}\r\npartial data").await;
                        tokio::time::sleep(Duration::from_secs(120)).await;
                        return;
                    }
                    (_, "LOGOUT") => return,
                    _ => format!("{tag} BAD what\r\n").into_bytes(),
                }
            }
            Proto::Smtp => {
                if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                    match bad {
                        Misbehaviour::EndlessStream => loop {
                            if w.write_all(b"250-still going\r\n").await.is_err() {
                                return;
                            }
                        },
                        Misbehaviour::StarttlsThenGarbage => {
                            b"250-hostile.example\r\n250 STARTTLS\r\n".to_vec()
                        }
                        _ => b"250-hostile.example\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
                            .to_vec(),
                    }
                } else if upper.starts_with("STARTTLS") {
                    let _ = w.write_all(b"220 go ahead\r\n").await;
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    let _ = w.write_all(b"this is not a TLS ServerHello\r\n").await;
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    return;
                } else if upper.starts_with("AUTH") {
                    match bad {
                        Misbehaviour::DisconnectAtLogin => return,
                        Misbehaviour::NoAlert => {
                            b"535 5.7.8 Your account has been locked for security reasons\r\n"
                                .to_vec()
                        }
                        Misbehaviour::GbkReply => {
                            let mut v = b"535 ".to_vec();
                            v.extend_from_slice(b"\xb5\xc7\xc2\xbc\xca\xa7\xb0\xdc\xa3\xac\xc3\xdc\xc2\xeb\xb4\xed\xce\xf3\r\n");
                            v
                        }
                        Misbehaviour::UnfinishedLiteral => {
                            // SMTP has no literals: a reply line that never ends.
                            let _ = w.write_all(b"235-ok but").await;
                            tokio::time::sleep(Duration::from_secs(120)).await;
                            return;
                        }
                        _ => b"235 ok\r\n".to_vec(),
                    }
                } else if upper.starts_with("QUIT") {
                    return;
                } else {
                    b"502 what\r\n".to_vec()
                }
            }
        };
        if w.write_all(&reply).await.is_err() {
            return;
        }
    }
}
