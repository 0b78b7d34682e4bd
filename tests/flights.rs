//! The round trips the check waits for, counted by the benchmark's proxy (tests/support/flights.rs)
//! in front of the harness's Dovecot and Postfix and of a scripted server. The counts are
//! deterministic, so they are asserted here and a change that adds a round trip fails; the times
//! stay in the benchmark (tests/bench).

mod support;

use std::future::Future;
use std::time::Duration;

use mailsetup::catalog::Security;
use mailsetup::check;
use mailsetup::probe::roundtrip::{Arrived, Letter};
use mailsetup::probe::{self, ProbeOptions};
use secrecy::SecretString;
use support::flights::{Proxy, Tally, proxy};
use support::scripted::{self, Script};
use support::{Harness, endpoint, harness, request, runtime};

const RTT: Duration = Duration::from_millis(20);

/// What the proxies counted while `fut` ran, once the client's last bytes (a goodbye not waited
/// for) have reached them. A check's future is better boxed: it is larger than a test thread's
/// stack.
async fn counted<T>(proxies: &[&Proxy], fut: impl Future<Output = T>) -> (Tally, T) {
    let count = || proxies.iter().fold(Tally::default(), |a, p| a + p.tally());
    let before = count();
    let out = fut.await;
    tokio::time::sleep(RTT * 5).await;
    (count() - before, out)
}

fn options(h: &Harness, user: &str) -> ProbeOptions {
    ProbeOptions {
        bearer: false,
        tls: mailsetup::probe::tls::client_config(Some(&h.ca)).expect("CA"),
        stage_timeout: Duration::from_secs(10),
        deadline: tokio::time::Instant::now() + Duration::from_secs(30),
        send_test: false,
        address: user.to_string(),
    }
}

#[test]
#[ignore = "needs tests/run"]
fn imap_and_smtp_reach_their_verdicts_in_four_round_trips_each() {
    let h = harness();
    let pass = SecretString::from(h.pass.clone());
    runtime().block_on(async {
        let imap = proxy(h.imaps, RTT).await;
        let smtp = proxy(h.smtps, RTT).await;
        let ep = |p: &Proxy| endpoint("localhost", p.port, Security::Tls, &h.user);
        let (n, r) = counted(
            &[&imap],
            probe::probe_imap(&ep(&imap), &pass, &options(&h, &h.user), None),
        )
        .await;
        assert!(r.ok(), "{:?}", r.error);
        // TLS 1.3 (2), then ID + AUTHENTICATE PLAIN with SASL-IR + SELECT in one flight; the
        // LOGOUT is sent and not waited for.
        eprintln!("IMAP: {n:?}");
        assert!(n.round_trips <= 4, "IMAP: {n:?}");
        let (n, r) = counted(
            &[&smtp],
            probe::probe_smtp(&ep(&smtp), &pass, &options(&h, &h.user), None),
        )
        .await;
        assert!(r.ok(), "{:?}", r.error);
        // TLS 1.3 (2), EHLO after the greeting, AUTH PLAIN with its initial response.
        eprintln!("SMTP: {n:?}");
        assert!(n.round_trips <= 4, "SMTP: {n:?}");
    });
}

#[test]
#[ignore = "needs tests/run"]
fn the_message_to_oneself_adds_at_most_six_round_trips() {
    let h = harness();
    runtime().block_on(async {
        let imap = proxy(h.imaps, RTT).await;
        let smtp = proxy(h.smtps, RTT).await;
        let ep = |p: &Proxy| endpoint("localhost", p.port, Security::Tls, &h.user);
        let mut req = request(&h.user, None, ep(&imap), ep(&smtp), &h.pass, &h.ca);
        let (check, r) = counted(&[&imap, &smtp], Box::pin(check::run(&req, None))).await;
        assert!(r.ok(), "{:?} {:?}", r.imap.error, r.smtp.error);
        req.round_trip = Some(Letter {
            subject: "flights".to_string(),
            body: "counted\r\n".to_string(),
        });
        let (trip, r) = counted(&[&imap, &smtp], Box::pin(check::run(&req, None))).await;
        assert!(r.ok(), "{:?} {:?}", r.imap.error, r.smtp.error);
        let arrived = r.round_trip.map(|t| t.arrived);
        assert_eq!(arrived, Some(Arrived::Inbox));
        // SMTP: MAIL, RCPT and DATA pipelined, then the text. IMAP: LIST and IDLE while the
        // message travels, DONE + UID SEARCH, UID STORE + UID EXPUNGE.
        let more = trip.round_trips - check.round_trips;
        eprintln!("the check {check:?}, with the message to oneself {trip:?}: {more} more");
        assert!(more <= 6, "{more} more: {trip:?} against {check:?}");
    });
}

#[test]
#[ignore = "needs tests/run"]
fn a_greeting_without_capabilities_costs_one_capability_and_nothing_more() {
    let h = harness();
    let user = "someone@example.com";
    runtime().block_on(async {
        let srv = scripted::start(Script::ImapBareGreeting, Some(support::server_tls(&h))).await;
        let p = proxy(srv.addr.port(), RTT).await;
        let ep = endpoint("localhost", p.port, Security::Tls, user);
        let pass = SecretString::from("abcdefghijklmnop".to_string());
        let (n, r) = counted(
            &[&p],
            probe::probe_imap(&ep, &pass, &options(&h, user), None),
        )
        .await;
        assert!(r.ok(), "{:?}", r.error);
        // TLS (2), CAPABILITY, AUTHENTICATE PLAIN and its response (no SASL-IR offered), SELECT:
        // the seven of before, less the LOGOUT that is no longer waited for.
        eprintln!("a greeting without capabilities: {n:?}");
        assert!(n.round_trips <= 6, "{n:?}");
    });
}
