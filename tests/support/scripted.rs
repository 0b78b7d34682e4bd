//! Scripted IMAP/SMTP servers that replay what real providers send, for behaviour no local server
//! has: NetEase's "Unsafe Login" without ID, QQ's error lines, GBK replies, no STARTTLS.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// What a scripted server does.
#[derive(Clone)]
pub enum Script {
    /// NetEase IMAP: LOGIN is accepted, SELECT refused unless ID came first.
    Netease163Imap { advertise_id: bool },
    /// IMAP whose LOGIN is answered with this line (after the tag).
    ImapLoginReply(&'static str),
    /// SMTP whose AUTH is answered with these bytes (a full reply line, CRLF included).
    SmtpAuthReply(Vec<u8>),
    /// A plain-text IMAP server that does not offer STARTTLS.
    ImapNoStarttls,
    /// IMAP whose greeting names no capabilities: a client must ask with CAPABILITY.
    ImapBareGreeting,
    /// A plain-text SMTP server that does not offer STARTTLS.
    SmtpNoStarttls,
    /// SMTP that takes AUTH, then answers the message's command `at` (`MAIL`, `RCPT`, or `DATA`
    /// for the end of its text) with this line: what providers say after a good sign-in.
    SmtpSendReply {
        at: &'static str,
        reply: &'static str,
    },
}

/// Commands the server received, with anything after LOGIN/AUTH cut off.
pub type Log = Arc<Mutex<Vec<String>>>;

pub struct Server {
    pub addr: SocketAddr,
    pub log: Log,
}

/// Starts the script on a free loopback port; `tls` wraps every connection in TLS first.
pub async fn start(script: Script, tls: Option<Arc<rustls::ServerConfig>>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let log: Log = Arc::default();
    let log2 = log.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let script = script.clone();
            let log = log2.clone();
            let tls = tls.clone();
            tokio::spawn(async move {
                match tls {
                    Some(cfg) => {
                        let acceptor = tokio_rustls::TlsAcceptor::from(cfg);
                        if let Ok(s) = acceptor.accept(tcp).await {
                            serve(s, script, log).await;
                        }
                    }
                    None => serve(tcp, script, log).await,
                }
            });
        }
    });
    Server { addr, log }
}

fn record(log: &Log, line: &str) {
    let upper = line.to_ascii_uppercase();
    // Keep only the verb for commands that carry credentials.
    let shown = if upper.contains(" LOGIN ") || upper.starts_with("AUTH ") {
        line.split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
            + " …"
    } else {
        line.to_string()
    };
    log.lock().expect("log").push(shown);
}

async fn serve<S: AsyncRead + AsyncWrite + Unpin>(stream: S, script: Script, log: Log) {
    let (r, mut w) = tokio::io::split(stream);
    let mut lines = BufReader::new(r).lines();
    let imap = matches!(
        script,
        Script::Netease163Imap { .. }
            | Script::ImapLoginReply(_)
            | Script::ImapNoStarttls
            | Script::ImapBareGreeting
    );
    let greeting: &[u8] = match &script {
        Script::Netease163Imap { advertise_id: true } => {
            b"* OK [CAPABILITY IMAP4rev1 ID XLIST UIDPLUS MOVE] Coremail System IMap Server Ready(163com[20150930])\r\n"
        }
        Script::Netease163Imap { advertise_id: false } => {
            b"* OK [CAPABILITY IMAP4rev1 XLIST UIDPLUS MOVE] Coremail System IMap Server Ready(163com[20150930])\r\n"
        }
        Script::ImapLoginReply(_) => b"* OK [CAPABILITY IMAP4 IMAP4rev1 ID AUTH=PLAIN AUTH=LOGIN NAMESPACE] QQMail XMIMAP4Server ready\r\n",
        Script::ImapNoStarttls => b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] plain only\r\n",
        Script::ImapBareGreeting => b"* OK ready\r\n",
        Script::SmtpAuthReply(_) | Script::SmtpNoStarttls | Script::SmtpSendReply { .. } => {
            b"220 smtp.example.com Esmtp\r\n"
        }
    };
    if w.write_all(greeting).await.is_err() {
        return;
    }
    let mut got_id = false;
    while let Ok(Some(line)) = lines.next_line().await {
        record(&log, &line);
        let reply: Vec<u8> = if imap {
            let mut parts = line.splitn(3, ' ');
            let tag = parts.next().unwrap_or("*").to_string();
            let cmd = parts.next().unwrap_or("").to_ascii_uppercase();
            match (cmd.as_str(), &script) {
                ("CAPABILITY", _) => format!("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n{tag} OK done\r\n").into(),
                ("ID", _) => {
                    got_id = true;
                    format!("* ID (\"name\" \"scripted\")\r\n{tag} OK ID completed\r\n").into()
                }
                ("LOGIN", Script::ImapLoginReply(reply)) => format!("{tag} {reply}\r\n").into(),
                // AUTHENTICATE PLAIN without SASL-IR: an empty challenge, the credentials line,
                // then the same reply LOGIN gets.
                ("AUTHENTICATE", _) => {
                    if w.write_all(b"+ \r\n").await.is_err() {
                        return;
                    }
                    let Ok(Some(_credentials)) = lines.next_line().await else {
                        return;
                    };
                    match &script {
                        Script::ImapLoginReply(reply) => format!("{tag} {reply}\r\n").into(),
                        _ => format!("{tag} OK AUTHENTICATE completed\r\n").into(),
                    }
                }
                ("LOGIN", _) => format!("{tag} OK LOGIN completed\r\n").into(),
                ("SELECT", Script::Netease163Imap { .. }) if !got_id => {
                    format!("{tag} NO SELECT Unsafe Login. Please contact kefu@188.com for help\r\n").into()
                }
                ("SELECT", _) => format!("* 0 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1] UIDs valid\r\n* FLAGS (\\Seen)\r\n{tag} OK [READ-WRITE] SELECT complete\r\n").into(),
                ("LOGOUT", _) => {
                    let _ = w.write_all(format!("* BYE\r\n{tag} OK LOGOUT completed\r\n").as_bytes()).await;
                    return;
                }
                _ => format!("{tag} BAD unknown\r\n").into(),
            }
        } else {
            let upper = line.to_ascii_uppercase();
            if upper.starts_with("EHLO") {
                b"250-smtp.example.com\r\n250-AUTH LOGIN PLAIN\r\n250 8BITMIME\r\n".to_vec()
            } else if upper.starts_with("AUTH") {
                match &script {
                    Script::SmtpAuthReply(r) => r.clone(),
                    _ => b"235 ok\r\n".to_vec(),
                }
            } else if let Some(verb) = ["MAIL", "RCPT", "DATA"]
                .into_iter()
                .find(|v| upper.starts_with(v))
            {
                let refused = match &script {
                    Script::SmtpSendReply { at, reply } if *at == verb => Some(*reply),
                    _ => None,
                };
                if verb == "DATA" {
                    // The text up to its lone "." line, then the verdict on it.
                    if w.write_all(b"354 go ahead\r\n").await.is_err() {
                        return;
                    }
                    while let Ok(Some(l)) = lines.next_line().await {
                        if l == "." {
                            break;
                        }
                    }
                }
                match refused {
                    Some(r) => format!("{r}\r\n").into_bytes(),
                    None => b"250 ok\r\n".to_vec(),
                }
            } else if upper.starts_with("QUIT") {
                let _ = w.write_all(b"221 bye\r\n").await;
                return;
            } else {
                b"502 unknown\r\n".to_vec()
            }
        };
        if w.write_all(&reply).await.is_err() {
            return;
        }
    }
}
