//! The few lines of HTTP/1.1 this app serves itself: the browser's OAuth redirect on loopback and
//! a phone's one download of its profile on the local network. One request per connection, read
//! up to the end of its head; every reply closes the connection.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request's head is small; anything larger is not one of ours.
const MAX_REQUEST: usize = 8 * 1024;

/// A request's method and target, and whether it came from a page's script (it sends `Origin`).
pub struct Request {
    pub method: String,
    pub target: String,
    pub from_page: bool,
}

/// The next connection, and its request: `None` when no readable HTTP head came within 10 s
/// (one silent client must not hold the listener for long).
pub async fn accept(listener: &TcpListener) -> (TcpStream, SocketAddr, Option<Request>) {
    loop {
        let Ok((mut stream, peer)) = listener.accept().await else {
            continue;
        };
        let read = tokio::time::timeout(Duration::from_secs(10), read_request(&mut stream));
        let request = read.await.ok().flatten();
        return (stream, peer, request);
    }
}

/// Reads one request's head; `None` for anything that is not a readable HTTP head.
pub async fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() + n > MAX_REQUEST {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    parse_head(&String::from_utf8(buf).ok()?)
}

/// A request head's method, target and `Origin`.
pub fn parse_head(head: &str) -> Option<Request> {
    let mut lines = head.lines();
    let mut first = lines.next()?.split(' ');
    let (method, target) = (first.next()?.to_string(), first.next()?.to_string());
    let from_page = lines.any(|l| l.to_ascii_lowercase().starts_with("origin:"));
    Some(Request {
        method,
        target,
        from_page,
    })
}

/// Writes one reply and closes the connection. `headers` are extra lines, each ending in CRLF.
pub async fn reply(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    headers: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\n{headers}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.shutdown().await
}

/// A one-paragraph HTML page (the text escaped).
pub fn page(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<!doctype html><meta charset=\"utf-8\"><title>Mail Setup</title>\
         <body style=\"font-family:sans-serif;margin:3em\"><p>{escaped}</p></body>"
    )
}
