//! Benchmark: the live check through a latency-injecting TCP proxy (tests/support/flights.rs) in
//! front of the local Dovecot and Postfix (started by `tests/bench`). Prints (a) wall time of
//! IMAP alone, SMTP alone and both together, with the ratio together / max(alone) (target ≤ 1.1);
//! (b) the round trips each probe waits for from connect to verdict (target ≤ 4 each); (c) what
//! the round trip (a message to oneself, delivered by Postfix to Dovecot, watched for and removed)
//! adds to the check, in time (target: under 1.5 s more) and in round trips (target ≤ 6). The
//! counts are asserted by tests/flights.rs; the times stay here.

#[allow(dead_code)]
#[path = "../support/harness.rs"]
mod harness;

#[allow(dead_code)]
#[path = "../support/flights.rs"]
mod flights;

use std::time::Duration;

use mailsetup::address::Address;
use mailsetup::catalog::{Endpoint, Security};
use mailsetup::check::{self, CheckRequest};
use mailsetup::probe::{self, ProbeOptions, tls};
use secrecy::SecretString;
use tokio::time::Instant;

use flights::{Tally, proxy};

const RTT: Duration = Duration::from_millis(50);
const RUNS: usize = 7;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs `fut`, then lets the proxies see the client's last bytes (a goodbye not waited for);
/// returns its time, what the proxies counted meanwhile, and its result.
async fn measured<T>(
    proxies: &[&flights::Proxy],
    fut: impl std::future::Future<Output = T>,
) -> (Duration, Tally, T) {
    let count = || {
        proxies
            .iter()
            .map(|p| p.tally())
            .fold(Tally::default(), |a, b| a + b)
    };
    let before = count();
    let t = Instant::now();
    let out = fut.await;
    let took = t.elapsed();
    tokio::time::sleep(RTT * 2).await;
    (took, count() - before, out)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let h = harness::harness();
    let (user, pass) = (h.user.clone(), SecretString::from(h.pass.clone()));
    let tls = tls::client_config(Some(&h.ca)).expect("CA");

    let imap_proxy = proxy(h.imaps, RTT).await;
    let smtp_proxy = proxy(h.smtps, RTT).await;
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
    let both = [&imap_proxy, &smtp_proxy];
    let (mut t_imap, mut t_smtp, mut t_both, mut t_trip) = (vec![], vec![], vec![], vec![]);
    let [mut f_imap, mut f_smtp, mut f_both, mut f_trip] = [Tally::default(); 4];
    for _ in 0..RUNS {
        let (t, f, r) = measured(
            &[&imap_proxy],
            probe::probe_imap(&imap, &pass, &opts(), None),
        )
        .await;
        assert!(r.ok(), "{:?}", r.error);
        t_imap.push(t);
        f_imap = f;

        let (t, f, r) = measured(
            &[&smtp_proxy],
            probe::probe_smtp(&smtp, &pass, &opts(), None),
        )
        .await;
        assert!(r.ok(), "{:?}", r.error);
        t_smtp.push(t);
        f_smtp = f;

        let (t, f, r) = measured(&both, check::run(&request(None), None)).await;
        assert!(r.ok());
        t_both.push(t);
        f_both = f;

        let (t, f, r) = measured(&both, check::run(&request(Some(letter())), None)).await;
        assert!(r.ok(), "{:?} {:?}", r.imap.error, r.smtp.error);
        let arrived = r.round_trip.map(|t| t.arrived);
        assert_eq!(arrived, Some(mailsetup::probe::roundtrip::Arrived::Inbox));
        t_trip.push(t);
        f_trip = f;
    }
    report(
        [
            median(t_imap),
            median(t_smtp),
            median(t_both),
            median(t_trip),
        ],
        [f_imap, f_smtp, f_both, f_trip],
    );
}

/// Prints the figures: times of IMAP, SMTP, both, both with the round trip, and their counts.
fn report(
    [imap_ms, smtp_ms, both_ms, trip_ms]: [Duration; 4],
    [imap, smtp, both, trip]: [Tally; 4],
) {
    let ratio = both_ms.as_secs_f64() / imap_ms.max(smtp_ms).as_secs_f64();
    println!(
        "mailsetup check benchmark — {} ms RTT injected, median of {RUNS} runs",
        RTT.as_millis()
    );
    println!("  IMAP alone          {:>6} ms", imap_ms.as_millis());
    println!("  SMTP alone          {:>6} ms", smtp_ms.as_millis());
    println!("  IMAP + SMTP         {:>6} ms", both_ms.as_millis());
    println!("  together / max(alone) = {ratio:.2} (target ≤ 1.10)");
    println!(
        "  round trips to the verdict: IMAP {}, SMTP {} (target ≤ 4 each; flights sent, \
         goodbye included: {}, {})",
        imap.round_trips, smtp.round_trips, imap.flights, smtp.flights
    );
    let extra = trip_ms.saturating_sub(both_ms);
    println!(
        "  with the round trip {:>6} ms: {} ms more, arrival included (target < 1500 ms more)",
        trip_ms.as_millis(),
        extra.as_millis()
    );
    println!(
        "  round trips it adds: {} (target ≤ 6; IMAP + SMTP {} against {}; flights {} against {})",
        trip.round_trips.saturating_sub(both.round_trips),
        trip.round_trips,
        both.round_trips,
        trip.flights,
        both.flights
    );
}

fn letter() -> mailsetup::probe::roundtrip::Letter {
    mailsetup::probe::roundtrip::Letter {
        subject: "benchmark".to_string(),
        body: "round trip benchmark\r\n".to_string(),
    }
}
