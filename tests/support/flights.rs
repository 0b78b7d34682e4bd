//! A TCP proxy in front of a local server that adds latency and counts the client's round trips:
//! the benchmark (tests/benchmarks/check.rs, through `#[path]`) times the check through it, and
//! tests/flights.rs asserts its counts. Std and tokio only, so both crates can include it.
//!
//! A *flight* is a run of client bytes after the server last spoke (or the first one). A *round
//! trip* is a flight the client waited on: the server's answer reached the client before it spoke
//! again or hung up. A goodbye sent and not waited for (LOGOUT, QUIT) is a flight, not a round
//! trip; the TCP handshake is neither. Both counts are deterministic: the injected delay (RTT / 2
//! each way) is far longer than the client takes between two writes of one flight, or between its
//! goodbye and its hang-up.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::time::Instant;

/// What a proxy counted so far, over all its connections.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub flights: u32,
    pub round_trips: u32,
}

impl std::ops::Sub for Tally {
    type Output = Tally;

    fn sub(self, before: Tally) -> Tally {
        Tally {
            flights: self.flights - before.flights,
            round_trips: self.round_trips - before.round_trips,
        }
    }
}

impl std::ops::Add for Tally {
    type Output = Tally;

    fn add(self, other: Tally) -> Tally {
        Tally {
            flights: self.flights + other.flights,
            round_trips: self.round_trips + other.round_trips,
        }
    }
}

#[derive(Default)]
struct Counts {
    flights: AtomicU32,
    round_trips: AtomicU32,
}

pub struct Proxy {
    pub port: u16,
    counts: Arc<Counts>,
}

impl Proxy {
    pub fn tally(&self) -> Tally {
        Tally {
            flights: self.counts.flights.load(Ordering::SeqCst),
            round_trips: self.counts.round_trips.load(Ordering::SeqCst),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Speaker {
    Nobody,
    Client,
    Server,
}

/// One connection's state: who spoke last (as the proxy read it), whether the client's latest
/// flight has had an answer delivered yet, and whether the client hung up.
struct Conn {
    last: Speaker,
    open: bool,
    gone: bool,
    counts: Arc<Counts>,
}

impl Conn {
    fn client_spoke(&mut self) {
        if self.last != Speaker::Client {
            self.counts.flights.fetch_add(1, Ordering::SeqCst);
            self.open = true;
            self.last = Speaker::Client;
        }
    }

    /// Server bytes are about to reach the client: the first after a flight make it a round trip,
    /// unless the client already hung up (its goodbye was not waited for).
    fn answer(&mut self) {
        if self.open && !self.gone {
            self.counts.round_trips.fetch_add(1, Ordering::SeqCst);
        }
        self.open = false;
    }
}

/// Starts a proxy to `127.0.0.1:target` adding `rtt / 2` each way, plus one `rtt` for the TCP
/// handshake it stands in for.
pub async fn proxy(target: u16, rtt: Duration) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let counts = Arc::new(Counts::default());
    let c = counts.clone();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let counts = c.clone();
            tokio::spawn(async move {
                tokio::time::sleep(rtt).await; // SYN / SYN-ACK
                let Ok(server) = TcpStream::connect(("127.0.0.1", target)).await else {
                    return;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let conn = Arc::new(Mutex::new(Conn {
                    last: Speaker::Nobody,
                    open: false,
                    gone: false,
                    counts,
                }));
                let (cr, cw) = client.into_split();
                let (sr, sw) = server.into_split();
                tokio::spawn(pipe(cr, sw, conn.clone(), Speaker::Client, rtt / 2));
                tokio::spawn(pipe(sr, cw, conn, Speaker::Server, rtt / 2));
            });
        }
    });
    Proxy { port, counts }
}

/// Copies one direction, each read delivered `delay` later. `from` is who writes into it.
async fn pipe(
    mut rd: OwnedReadHalf,
    mut wr: OwnedWriteHalf,
    conn: Arc<Mutex<Conn>>,
    from: Speaker,
    delay: Duration,
) {
    let (tx, mut rx) = mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    let delivered = conn.clone();
    tokio::spawn(async move {
        while let Some((due, bytes)) = rx.recv().await {
            tokio::time::sleep_until(due).await;
            // Marked before the write: the client cannot answer bytes it has not been sent.
            if from == Speaker::Server
                && let Ok(mut c) = delivered.lock()
            {
                c.answer();
            }
            if wr.write_all(&bytes).await.is_err() {
                return;
            }
        }
        let _ = wr.shutdown().await;
    });
    let mut buf = vec![0u8; 16 * 1024];
    while let Ok(n) = rd.read(&mut buf).await {
        if n == 0 {
            break;
        }
        if let Ok(mut c) = conn.lock() {
            match from {
                Speaker::Client => c.client_spoke(),
                _ => c.last = Speaker::Server,
            }
        }
        if tx
            .send((Instant::now() + delay, buf[..n].to_vec()))
            .is_err()
        {
            break;
        }
    }
    if from == Speaker::Client
        && let Ok(mut c) = conn.lock()
    {
        c.gone = true;
    }
}
