//! The live check against real Dovecot (IMAP) and Postfix (SMTP) on loopback, started by
//! `tests/run`, plus scripted servers replaying QQ's and NetEase's real replies.

mod support;

use mailsetup::catalog::Security;
use mailsetup::check::{self, CheckReport};
use mailsetup::i18n::msg;
use mailsetup::probe::{ErrorKind, Stage, TlsReason};
use support::scripted::{self, Script};
use support::{Harness, endpoint, harness, request, runtime};

fn check(req: &mailsetup::check::CheckRequest) -> CheckReport {
    runtime().block_on(check::run(req, None))
}

fn stages(r: &mailsetup::probe::ProbeReport) -> Vec<Stage> {
    r.stages.iter().map(|s| s.stage).collect()
}

#[test]
#[ignore = "needs tests/run"]
fn implicit_tls_both_pass() {
    let h = harness();
    let r = check(&h.request(h.imaps(), h.smtps(), &h.pass));
    assert!(r.imap.ok(), "{:?}", r.imap.error);
    assert!(r.smtp.ok(), "{:?}", r.smtp.error);
    // The IMAP check goes past LOGIN: ID, then SELECT INBOX.
    let imap = stages(&r.imap);
    for s in [Stage::Tls, Stage::Id, Stage::Login, Stage::Select] {
        assert!(imap.contains(&s), "{imap:?}");
    }
    assert!(stages(&r.smtp).contains(&Stage::Auth));
}

#[test]
#[ignore = "needs tests/run"]
fn starttls_both_pass() {
    let h = harness();
    let r = check(&h.request(h.imap_starttls(), h.submission(), &h.pass));
    assert!(r.imap.ok(), "{:?}", r.imap.error);
    assert!(r.smtp.ok(), "{:?}", r.smtp.error);
    for rep in [&r.imap, &r.smtp] {
        let s = stages(rep);
        let starttls = s
            .iter()
            .position(|x| *x == Stage::Starttls)
            .expect("starttls stage");
        let tls = s.iter().position(|x| *x == Stage::Tls).expect("tls stage");
        let login = s
            .iter()
            .position(|x| matches!(x, Stage::Login | Stage::Auth))
            .expect("login stage");
        assert!(starttls < tls && tls < login, "{s:?}");
    }
}

#[test]
#[ignore = "needs tests/run"]
fn wrong_password_is_auth_on_both() {
    let h = harness();
    let r = check(&h.request(h.imaps(), h.submission(), "wrongwrongwrongw"));
    for rep in [&r.imap, &r.smtp] {
        let e = rep.error.as_ref().expect("must fail");
        assert_eq!(e.kind, ErrorKind::Auth, "{e:?}");
        assert!(e.server_text.is_some(), "server's words are kept: {e:?}");
    }
    assert_eq!(r.imap.error.as_ref().map(|e| e.stage), Some(Stage::Login));
    assert_eq!(r.smtp.error.as_ref().map(|e| e.stage), Some(Stage::Auth));
}

#[test]
#[ignore = "needs tests/run"]
fn unknown_ca_is_tls_unknown_issuer() {
    let h = harness();
    let req = request(&h.user, None, h.imaps(), h.smtps(), &h.pass, &h.other_ca);
    let r = check(&req);
    for rep in [&r.imap, &r.smtp] {
        let e = rep.error.as_ref().expect("must fail");
        assert_eq!(
            (e.kind, e.tls_reason),
            (ErrorKind::Tls, Some(TlsReason::UnknownIssuer))
        );
        assert_eq!(e.stage, Stage::Tls);
    }
}

#[test]
#[ignore = "needs tests/run"]
fn host_name_mismatch_is_tls_error() {
    let h = harness();
    // The certificate is for "localhost"; 127.0.0.1 is the same server under another name.
    let imap = endpoint("127.0.0.1", h.imaps, Security::Tls, &h.user);
    let smtp = endpoint("127.0.0.1", h.submission, Security::Starttls, &h.user);
    let r = check(&h.request(imap, smtp, &h.pass));
    for rep in [&r.imap, &r.smtp] {
        let e = rep.error.as_ref().expect("must fail");
        assert_eq!(
            (e.kind, e.tls_reason),
            (ErrorKind::Tls, Some(TlsReason::NameMismatch)),
            "{e:?}"
        );
    }
}

#[test]
#[ignore = "needs tests/run"]
fn implicit_tls_against_a_plain_port_never_falls_back() {
    let h = harness();
    let imap = endpoint("localhost", h.imap_starttls, Security::Tls, &h.user);
    let smtp = endpoint("localhost", h.submission, Security::Tls, &h.user);
    let r = check(&h.request(imap, smtp, &h.pass));
    for rep in [&r.imap, &r.smtp] {
        let e = rep.error.as_ref().expect("must fail");
        assert_eq!(e.stage, Stage::Tls, "{e:?}");
    }
}

#[test]
#[ignore = "needs tests/run"]
fn starttls_missing_is_refused_before_the_secret_is_sent() {
    let h = harness();
    let rt = runtime();
    let imap_srv = rt.block_on(scripted::start(Script::ImapNoStarttls, None));
    let smtp_srv = rt.block_on(scripted::start(Script::SmtpNoStarttls, None));
    let imap = endpoint(
        "127.0.0.1",
        imap_srv.addr.port(),
        Security::Starttls,
        &h.user,
    );
    let smtp = endpoint(
        "127.0.0.1",
        smtp_srv.addr.port(),
        Security::Starttls,
        &h.user,
    );
    let r = rt.block_on(check::run(&h.request(imap, smtp, &h.pass), None));
    for rep in [&r.imap, &r.smtp] {
        let e = rep.error.as_ref().expect("must fail");
        assert_eq!(e.kind, ErrorKind::StarttlsUnavailable, "{e:?}");
    }
    for log in [&imap_srv.log, &smtp_srv.log] {
        let log = log.lock().expect("log");
        assert!(
            !log.iter()
                .any(|l| l.to_ascii_uppercase().contains("LOGIN") || l.starts_with("AUTH")),
            "credentials must never be sent in clear: {log:?}"
        );
    }
}

#[test]
#[ignore = "needs tests/run"]
fn both_probes_run_concurrently() {
    let h = harness();
    let r = check(&h.request(h.imaps(), h.smtps(), &h.pass));
    assert!(r.ok());
    // Sanity only (figures are in the benchmark): IMAP and SMTP overlap rather than add up.
    assert!(r.imap.total_ms < 5_000 && r.smtp.total_ms < 5_000);
}

fn scripted_pair(h: &Harness, imap: Script, smtp: Script) -> (CheckReport, scripted::Server) {
    let account = ("someone@163.com", "netease-163", "abcdefghijklmnop");
    scripted_pair_for(h, imap, smtp, account)
}

/// The check of (address, provider, secret) against two scripted servers.
fn scripted_pair_for(
    h: &Harness,
    imap: Script,
    smtp: Script,
    (user, provider, secret): (&str, &str, &str),
) -> (CheckReport, scripted::Server) {
    let rt = runtime();
    let tls = support::server_tls(h);
    let imap_srv = rt.block_on(scripted::start(imap, Some(tls.clone())));
    let smtp_srv = rt.block_on(scripted::start(smtp, Some(tls)));
    let req = request(
        user,
        Some(provider),
        endpoint("localhost", imap_srv.addr.port(), Security::Tls, user),
        endpoint("localhost", smtp_srv.addr.port(), Security::Tls, user),
        secret,
        &h.ca,
    );
    (rt.block_on(check::run(&req, None)), imap_srv)
}

#[test]
#[ignore = "needs tests/run"]
fn netease_select_passes_because_id_is_sent() {
    let h = harness();
    let (r, srv) = scripted_pair(
        &h,
        Script::Netease163Imap { advertise_id: true },
        Script::SmtpAuthReply(b"235 Authentication successful\r\n".to_vec()),
    );
    assert!(r.imap.ok(), "{:?}", r.imap.error);
    let log = srv.log.lock().expect("log").clone();
    let id = log
        .iter()
        .position(|l| l.contains(" ID ("))
        .expect("ID sent");
    let login = log
        .iter()
        .position(|l| l.contains(" LOGIN "))
        .expect("LOGIN sent");
    let select = log
        .iter()
        .position(|l| l.contains(" SELECT "))
        .expect("SELECT sent");
    assert!(id < login && login < select, "{log:?}");
    assert!(log[id].contains("\"name\" \"mailsetup\""), "{log:?}");
}

#[test]
#[ignore = "needs tests/run"]
fn netease_unsafe_login_is_caught_at_select() {
    let h = harness();
    // A server that does not advertise ID gets none, and NetEase then refuses SELECT: the
    // check must report that, not the successful LOGIN before it.
    let (r, _) = scripted_pair(
        &h,
        Script::Netease163Imap {
            advertise_id: false,
        },
        Script::SmtpAuthReply(b"550 User has no permission\r\n".to_vec()),
    );
    let e = r.imap.error.as_ref().expect("SELECT refused");
    assert_eq!(
        (e.stage, e.kind),
        (Stage::Select, ErrorKind::ClientNotAllowed)
    );
    assert!(
        e.server_text
            .as_deref()
            .unwrap_or_default()
            .contains("Unsafe Login")
    );
    assert_eq!(
        r.diagnosis(&r.imap).map(|d| d.advice_id),
        Some(msg::ADVICE_NETEASE_UNSAFE_LOGIN)
    );

    let e = r.smtp.error.as_ref().expect("SMTP off");
    assert_eq!(e.kind, ErrorKind::ServiceDisabled);
    let d = r.diagnosis(&r.smtp).expect("diagnosis");
    assert_eq!(d.advice_id, msg::ADVICE_NETEASE_SMTP_OFF);
    assert!(d.help_url.is_some());
}

/// QQ's own lines name no cause (its SMTP says "please enter your authorization code" to every
/// refused credential): what was typed tells a refused code from the login password, and both
/// servers get the one cause.
#[test]
#[ignore = "needs tests/run"]
fn qq_lines_are_read_by_what_was_typed() {
    let h = harness();
    let qq = || {
        (
            Script::ImapLoginReply(
                "NO Login fail. Account is abnormal, service is not open, password is incorrect, login frequency limited, or system is busy. More information at https://help.mail.qq.com/detail/108/1023",
            ),
            Script::SmtpAuthReply(
                b"535 Login Fail. Please enter your authorization code to login. More information in https://service.mail.qq.com/detail/0/53\r\n".to_vec(),
            ),
        )
    };
    for (secret, advice) in [
        // A 16-letter code: wrong, revoked or expired, or IMAP/SMTP not turned on.
        ("abcdefghijklmnop", msg::ADVICE_QQ_LOGIN_FAIL),
        // Not shaped as a code (one letter short): the QQ password.
        ("abcdefghijklmno", msg::ADVICE_QQ_AUTH_CODE),
    ] {
        let (imap, smtp) = qq();
        let (r, srv) = scripted_pair_for(&h, imap, smtp, ("zhang.san@qq.com", "qq", secret));
        assert!(r.both_refused_the_credential());
        // QQ offers AUTH=PLAIN: used instead of LOGIN's quoted string (without SASL-IR).
        let log = srv.log.lock().expect("log").clone();
        assert!(
            log.iter().any(|l| l.ends_with(" AUTHENTICATE PLAIN")),
            "{log:?}"
        );
        assert!(!log.iter().any(|l| l.contains(" LOGIN ")), "{log:?}");
        for p in [&r.imap, &r.smtp] {
            assert_eq!(p.error.as_ref().map(|e| e.kind), Some(ErrorKind::Auth));
            assert_eq!(
                r.diagnosis(p).map(|d| d.advice_id),
                Some(advice),
                "{secret}"
            );
        }
    }
}

#[test]
#[ignore = "needs tests/run"]
fn gbk_reply_is_decoded_and_classified() {
    let h = harness();
    let (line, _, _) = encoding_rs::GBK.encode(
        "535 Error: 请使用授权码登录。详情请看: http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=28&&no=1001256\r\n",
    );
    let (r, _) = scripted_pair(
        &h,
        Script::Netease163Imap { advertise_id: true },
        Script::SmtpAuthReply(line.into_owned()),
    );
    let e = r.smtp.error.as_ref().expect("smtp fails");
    assert_eq!(e.kind, ErrorKind::Auth, "{e:?}");
    assert!(
        e.server_text
            .as_deref()
            .unwrap_or_default()
            .contains("请使用授权码登录"),
        "{e:?}"
    );
    assert_eq!(
        r.diagnosis(&r.smtp).map(|d| d.advice_id),
        Some(msg::ADVICE_QQ_AUTH_CODE)
    );
}

#[test]
#[ignore = "needs tests/run"]
fn progress_events_follow_every_stage_and_send_test_works() {
    let h = harness();
    let mut req = h.request(h.imap_starttls(), h.smtps(), &h.pass);
    req.send_test = true;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let r = runtime().block_on(check::run(&req, Some(tx)));
    assert!(r.ok(), "{:?} {:?}", r.imap.error, r.smtp.error);
    assert!(stages(&r.smtp).contains(&Stage::Send));
    let mut events = Vec::new();
    while let Ok(e) = rx.try_recv() {
        events.push(e);
    }
    for rep in [&r.imap, &r.smtp] {
        for s in &rep.stages {
            let mine =
                |e: &&mailsetup::probe::Progress| e.protocol == rep.protocol && e.stage == s.stage;
            let started = events
                .iter()
                .filter(mine)
                .any(|e| e.state == mailsetup::probe::StageState::Started);
            let done = events
                .iter()
                .filter(mine)
                .any(|e| matches!(e.state, mailsetup::probe::StageState::Done { .. }));
            assert!(started && done, "{:?} {:?}", rep.protocol, s.stage);
        }
    }
}
