//! Benchmark: the live check through a latency-injecting TCP proxy in front of the local Dovecot
//! and Postfix (started by `tests/bench`). Prints (a) wall time of IMAP alone, SMTP alone and
//! both together, with the ratio together / max(alone) (target ≤ 1.1); (b) the round trips each
//! probe needs from connect to verdict (target ≤ 6 each); (c) what the round trip (a message to
//! oneself, delivered by Postfix to Dovecot, watched for and removed) adds to the check, in time
//! (target: under 1.5 s more) and in round trips.

#[allow(dead_code)]
#[path = "../support/harness.rs"]
mod harness;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailsetup::address::Address;
use mailsetup::catalog::{Endpoint, Security};
use mailsetup::check::{self, CheckRequest};
use mailsetup::probe::{self, ProbeOptions, tls};
use secrecy::SecretString;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::time::Instant;

const RTT: Duration = Duration::from_millis(50);
const RUNS: usize = 7;

/// A proxy adding RTT/2 each way, plus one RTT for the TCP handshake it stands in for. Counts
/// client "flights": runs of client data after the server last spoke, i.e. request round trips.
struct Proxy {
    port: u16,
    flights: Arc<AtomicU32>,
}

async fn proxy(target: u16) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let flights = Arc::new(AtomicU32::new(0));
    let f = flights.clone();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let f = f.clone();
            tokio::spawn(async move {
                tokio::time::sleep(RTT).await; // SYN / SYN-ACK
                let Ok(server) = TcpStream::connect(("127.0.0.1", target)).await else {
                    return;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                // Who spoke last: 0 = nobody, 1 = client, 2 = server.
                let last = Arc::new(Mutex::new(0u8));
                let (cr, cw) = client.into_split();
                let (sr, sw) = server.into_split();
                tokio::spawn(pipe(cr, sw, last.clone(), Some(f)));
                tokio::spawn(pipe(sr, cw, last, None));
            });
        }
    });
    Proxy { port, flights }
}

/// Copies one direction with RTT/2 delay; `flights` is Some for the client → server direction.
async fn pipe(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    last: Arc<Mutex<u8>>,
    flights: Option<Arc<AtomicU32>>,
) {
    let (tx, mut rx) = mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    tokio::spawn(async move {
        while let Some((due, bytes)) = rx.recv().await {
            tokio::time::sleep_until(due).await;
            if to.write_all(&bytes).await.is_err() {
                return;
            }
        }
        let _ = to.shutdown().await;
    });
    let me = if flights.is_some() { 1 } else { 2 };
    let mut buf = vec![0u8; 16 * 1024];
    while let Ok(n) = from.read(&mut buf).await {
        if n == 0 {
            break;
        }
        if let Ok(mut l) = last.lock()
            && *l != me
        {
            if let Some(f) = &flights {
                f.fetch_add(1, Ordering::SeqCst);
            }
            *l = me;
        }
        if tx
            .send((Instant::now() + RTT / 2, buf[..n].to_vec()))
            .is_err()
        {
            break;
        }
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let h = harness::harness();
    let (user, pass) = (h.user.clone(), SecretString::from(h.pass.clone()));
    let tls = tls::client_config(Some(&h.ca)).expect("CA");

    let imap_proxy = proxy(h.imaps).await;
    let smtp_proxy = proxy(h.smtps).await;
    let ep = |p: u16| Endpoint {
        host: "localhost".into(),
        port: p,
        security: Security::Tls,
        username: user.clone(),
    };
    let imap = ep(imap_proxy.port);
    let smtp = ep(smtp_proxy.port);
    let opts = || ProbeOptions {
        bearer: false,
        tls: tls.clone(),
        stage_timeout: Duration::from_secs(10),
        deadline: Instant::now() + Duration::from_secs(30),
        send_test: false,
        address: user.clone(),
    };

    let request = |round_trip| CheckRequest {
        sign_in: mailsetup::store::SignIn::Password,
        address: Address::parse(&user).expect("address"),
        provider: None,
        imap: imap.clone(),
        smtp: smtp.clone(),
        secret: pass.clone(),
        tls: tls.clone(),
        timeout: Duration::from_secs(30),
        stage_timeout: Duration::from_secs(10),
        send_test: false,
        round_trip,
        round_trip_wait: mailsetup::probe::roundtrip::WAIT,
    };
    let (mut t_imap, mut t_smtp, mut t_both) = (Vec::new(), Vec::new(), Vec::new());
    let mut t_trip = Vec::new();
    let (mut f_imap, mut f_smtp, mut f_both, mut f_trip) = (0, 0, 0, 0);
    for _ in 0..RUNS {
        let before = imap_proxy.flights.load(Ordering::SeqCst);
        let t = Instant::now();
        let r = probe::probe_imap(&imap, &pass, &opts(), None).await;
        t_imap.push(t.elapsed());
        assert!(r.ok(), "{:?}", r.error);
        f_imap = imap_proxy.flights.load(Ordering::SeqCst) - before;

        let before = smtp_proxy.flights.load(Ordering::SeqCst);
        let t = Instant::now();
        let r = probe::probe_smtp(&smtp, &pass, &opts(), None).await;
        t_smtp.push(t.elapsed());
        assert!(r.ok(), "{:?}", r.error);
        f_smtp = smtp_proxy.flights.load(Ordering::SeqCst) - before;

        let flights = || {
            imap_proxy.flights.load(Ordering::SeqCst) + smtp_proxy.flights.load(Ordering::SeqCst)
        };
        let before = flights();
        let t = Instant::now();
        let r = check::run(&request(None), None).await;
        t_both.push(t.elapsed());
        assert!(r.ok());
        f_both = flights() - before;

        let before = flights();
        let t = Instant::now();
        let r = check::run(&request(Some(letter())), None).await;
        t_trip.push(t.elapsed());
        assert!(r.ok(), "{:?} {:?}", r.imap.error, r.smtp.error);
        let arrived = r.round_trip.map(|t| t.arrived);
        assert_eq!(arrived, Some(mailsetup::probe::roundtrip::Arrived::Inbox));
        f_trip = flights() - before;
    }
    let (imap_ms, smtp_ms, both_ms) = (median(t_imap), median(t_smtp), median(t_both));
    let ratio = both_ms.as_secs_f64() / imap_ms.max(smtp_ms).as_secs_f64();
    // Flights + 1 for the TCP handshake − 1 for LOGOUT / QUIT, which follow the verdict.
    let (rt_imap, rt_smtp) = (f_imap, f_smtp);
    println!(
        "mailsetup check benchmark — {} ms RTT injected, median of {RUNS} runs",
        RTT.as_millis()
    );
    println!("  IMAP alone          {:>6} ms", imap_ms.as_millis());
    println!("  SMTP alone          {:>6} ms", smtp_ms.as_millis());
    println!("  IMAP + SMTP         {:>6} ms", both_ms.as_millis());
    println!("  together / max(alone) = {ratio:.2} (target ≤ 1.10)");
    println!("  round trips to verdict: IMAP {rt_imap}, SMTP {rt_smtp} (target ≤ 6 each)");
    let trip_ms = median(t_trip);
    let extra = trip_ms.saturating_sub(both_ms);
    println!(
        "  with the round trip {:>6} ms: {} ms more, arrival included (target < 1500 ms more)",
        trip_ms.as_millis(),
        extra.as_millis()
    );
    println!(
        "  round trips it adds: {} (IMAP + SMTP flights {f_trip} against {f_both})",
        f_trip.saturating_sub(f_both)
    );
}

fn letter() -> mailsetup::probe::roundtrip::Letter {
    mailsetup::probe::roundtrip::Letter {
        subject: "benchmark".to_string(),
        body: "round trip benchmark\r\n".to_string(),
    }
}
