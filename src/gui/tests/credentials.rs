//! The code or password, and the servers typed by hand.

use iced_test::simulator;
use mailsetup::catalog::{Endpoint, Security};
use mailsetup::i18n::{Lang, Localizer, msg};
use mailsetup::store::Store;

use crate::gui::screen::{credentials, start};
use crate::gui::{App, Launch, Message, Screen};

use super::kit::{
    act, config_dir, continue_and_test, discovering_app, new_app, report, sees, serial, settle,
};

/// Nothing found is not a dead end: "Enter servers yourself", checked before testing, then a
/// company account on other implementations (pymap, aiosmtpd) with its own login name and a
/// password sent exactly as typed, saved like any other.
#[test]
#[ignore = "needs tests/run"]
fn servers_typed_by_hand_are_checked_tested_and_saved() {
    use crate::gui::screen::manual::{self, Message as M};
    use mailsetup::probe::Protocol;
    let _serial = serial();
    let (mut app, _) = discovering_app();
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let l = Localizer::new(Lang::En);
    let user = "zhang.san@nothing-here.test";
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite(user);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(matches!(app.screen, Screen::Start(_)));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_MANUAL_LINK).as_str());
    });
    assert!(matches!(app.screen, Screen::Manual(_)));
    // Prefilled with the names most servers use, the address as the login name.
    assert!(sees(&app, "imap.nothing-here.test"));
    assert!(sees(&app, "smtp.nothing-here.test"));
    let send = |app: &mut App, m: M| {
        let task = app.update(Message::Manual(m));
        settle(app, task);
    };
    // Checked before anything is tested: a bad port keeps the screen and says why.
    send(&mut app, M::Port(Protocol::Imap, "99999".into()));
    send(&mut app, M::Next);
    assert!(matches!(app.screen, Screen::Manual(_)));
    assert!(sees(&app, &l.tr(msg::GUI_MANUAL_BAD_PORT)));
    // pymap's port wants STARTTLS; left at SSL/TLS, the check names the setting.
    send(&mut app, M::Host(Protocol::Imap, "localhost".into()));
    send(
        &mut app,
        M::Port(Protocol::Imap, var("MAILSETUP_TEST_PYMAP")),
    );
    send(&mut app, M::Host(Protocol::Smtp, "localhost".into()));
    send(
        &mut app,
        M::Port(Protocol::Smtp, var("MAILSETUP_TEST_AIO_TLS")),
    );
    send(&mut app, M::Login(var("MAILSETUP_TEST_ODD_LOGIN")));
    send(&mut app, M::Next);
    assert!(
        matches!(app.screen, Screen::Steps(_)),
        "{}",
        manual::IMAP_HOST
    );
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_HAVE_PASSWORD).as_str());
    });
    assert!(matches!(app.screen, Screen::Credentials(_)));
    let pass = std::fs::read_to_string(var("MAILSETUP_TEST_ODD_PASS_FILE")).expect("password");
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.typewrite(&pass);
    });
    // The edge spaces are said, not removed.
    assert!(sees(&app, &l.tr(msg::CODE_WARN_EDGE_SPACES)));
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(sees(&app, &l.tr(msg::GUI_FAILURE_TITLE)));
    assert!(sees(
        &app,
        &l.tr_args(
            msg::ADVICE_WANTS_STARTTLS,
            &[
                ("host", "localhost".into()),
                ("port", var("MAILSETUP_TEST_PYMAP").into())
            ]
        )
    ));
    corrected_and_saved(&mut app, &l, user);
}

/// From the failure back to the servers, as typed, to correct the security; straight to the
/// password, still typed, and saved with the company's own login name.
fn corrected_and_saved(app: &mut App, l: &Localizer, user: &str) {
    use crate::gui::screen::manual::Message as M;
    use mailsetup::probe::Protocol;
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let send = |app: &mut App, m: M| {
        let task = app.update(Message::Manual(m));
        settle(app, task);
    };
    // From the failure back to the servers, as typed, to correct the security.
    act(app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_MANUAL_LINK).as_str());
    });
    assert!(matches!(app.screen, Screen::Manual(_)));
    send(app, M::Security(Protocol::Imap, Security::Starttls));
    send(app, M::Next);
    // Straight to the password, still typed: Enter tests.
    assert!(matches!(app.screen, Screen::Credentials(_)));
    act(app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(sees(app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    let saved = Store::at(config_dir())
        .find(user)
        .expect("accounts.json")
        .expect("saved");
    assert_eq!(saved.provider, None);
    assert_eq!(saved.imap.username, var("MAILSETUP_TEST_ODD_LOGIN"));
    assert_eq!(saved.imap.security, Security::Starttls);
    assert_eq!(saved.smtp.port.to_string(), var("MAILSETUP_TEST_AIO_TLS"));
    assert!(Store::at(config_dir()).remove(user).expect("remove"));
}

/// A login password (letters and digits) where QQ wants its 16-letter code: said to be the
/// password, and Test stays off (nothing is sent).
#[test]
fn a_qq_password_in_the_code_field_is_named_and_not_sent() {
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        provider: Some("qq".into()),
        address: Some("zhang.san@qq.com".into()),
        ..Launch::default()
    });
    continue_and_test(&mut app, msg::GUI_HAVE_CODE, "zhangsan1990");
    assert!(matches!(app.screen, Screen::Credentials(_)), "not tested");
    let args = [
        ("provider", l.tr(msg::PROVIDER_QQ).into()),
        ("credential", l.tr(msg::CREDENTIAL_AUTH_CODE).into()),
        ("length", 16.into()),
    ];
    assert!(sees(&app, &l.tr_args(msg::CODE_WARN_PASSWORD, &args)));
}

/// A company server's failed test → "Enter servers yourself" → Next: the password typed before
/// is still there (Test works at once), not asked again.
#[test]
fn correcting_the_servers_after_a_failure_keeps_the_password() {
    use mailsetup::probe::{ErrorKind, ProbeError, Stage};
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        ..Launch::default()
    });
    let address = "li.lei@example-corp.test";
    let ep = |host: &str, port| Endpoint {
        host: host.into(),
        port,
        security: Security::Tls,
        username: address.into(),
    };
    let input = mailsetup::setup::Draft {
        target: mailsetup::setup::Target::Servers {
            imap: ep("127.0.0.1", 9),
            smtp: ep("127.0.0.1", 9),
            found: None,
        },
        address: mailsetup::address::Address::parse(address).expect("valid"),
        credential: mailsetup::setup::Credential::Password("Company-Pass-1".to_string().into()),
        saved: false,
        renewed: false,
        ca: None,
        name: None,
    };
    let refused = ProbeError {
        stage: Stage::Connect,
        kind: ErrorKind::Refused,
        tls_reason: None,
        server_text: None,
        detail: String::new(),
    };
    let _ = app.go(crate::gui::route::Next::Result(
        input,
        Box::new(report(address, Some(refused))),
    ));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_MANUAL_LINK).as_str());
    });
    assert!(matches!(app.screen, Screen::Manual(_)));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_NEXT).as_str());
    });
    assert!(
        matches!(app.screen, Screen::Credentials(_)),
        "to the password"
    );
    // Test is enabled: the password is there.
    let mut ui = simulator(app.view());
    let _ = ui.click(l.tr(msg::GUI_TEST).as_str());
    let pressed: Vec<Message> = ui.into_messages().collect();
    assert!(
        pressed
            .iter()
            .any(|m| matches!(m, Message::Credentials(credentials::Message::Test))),
        "Test is enabled"
    );
}
