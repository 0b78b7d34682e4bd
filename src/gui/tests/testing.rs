//! The test against the local servers: the whole flow, the test message, cancel, discovery.

use iced_test::simulator;
use mailsetup::catalog::{Endpoint, Security};
use mailsetup::i18n::{Lang, Localizer, msg};
use mailsetup::store::Store;

use crate::gui::screen::{credentials, start};
use crate::gui::{App, Launch, Message, Screen};

use super::kit::{
    act, add_another_and_test, config_dir, discovering_app, enter_code_and_test, harness_app,
    harness_app_at, look, new_app, password_and_test, sees, serial, settle,
};

#[test]
#[ignore = "needs tests/run"]
fn whole_flow_against_the_local_servers_saves_the_account() {
    let _serial = serial();
    let (mut app, user, pass) = harness_app_at(None, None);
    let l = Localizer::new(Lang::En);
    // Start: type the address; the provider (QQ) is recognised; Enter goes to its steps.
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite(&user);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(matches!(app.screen, Screen::Steps(_)));
    enter_code_and_test(&mut app, &pass);
    assert!(
        matches!(app.screen, Screen::Success(_)),
        "test ran to a result"
    );
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    let store = Store::at(config_dir());
    let secret = store
        .secret(&user)
        .expect("keyring")
        .expect("saved in the keyring");
    assert_eq!(secrecy::ExposeSecret::expose_secret(&secret), pass);
    let saved = store.find(&user).expect("accounts.json").expect("saved");
    assert_eq!(saved.provider.as_deref(), Some("qq"));
    let file = std::fs::read_to_string(store.accounts_path()).expect("read");
    assert!(
        !file.contains(&pass),
        "the secret never goes to accounts.json"
    );
    copies_and_exports(&mut app, &l, &user, &pass, &saved);
    asks_before_replacing(&mut app, &l, &user, &pass, &saved);
    removes_after_asking(&mut app, &l, &user);
}

/// The saved account's settings: a Copy button per server name, and the Apple profile only
/// (Thunderbird has no import for its file), without the code.
fn copies_and_exports(
    app: &mut crate::gui::App,
    l: &Localizer,
    user: &str,
    pass: &str,
    saved: &mailsetup::store::Account,
) {
    // The settings card has a Copy button per server name.
    act(app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_COPY).as_str());
    });
    assert!(sees(app, &l.tr(msg::GUI_COPIED)));
    // Only exports a mail app opens: the Apple profile (Thunderbird has no import for its file).
    assert!(!sees(app, &l.tr(msg::GUI_EXPORT_THUNDERBIRD)));
    act(app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_EXPORT_APPLE).as_str());
    });
    let file = config_dir()
        .join("exports")
        .join(mailsetup::export::Format::Mobileconfig.file_name(user));
    let profile = std::fs::read_to_string(&file).expect("exported");
    assert!(profile.contains(&saved.imap.host));
    assert!(!profile.contains(pass));
    assert!(sees(
        app,
        &l.tr_args(
            msg::EXPORT_WRITTEN,
            &[("path", mailsetup::present::messages::path(&file).into())]
        )
    ));
}

/// The same address again: the wizard asks before replacing; "Keep" leaves it as it was; once
/// more, Enter answers with the highlighted "Replace".
fn asks_before_replacing(
    app: &mut crate::gui::App,
    l: &Localizer,
    user: &str,
    pass: &str,
    saved: &mailsetup::store::Account,
) {
    let store = Store::at(config_dir());
    // The same address again: the wizard asks before replacing; "Keep" leaves it as it was.
    add_another_and_test(app, user, pass);
    let ask = l.tr_args(msg::GUI_ASK_REPLACE, &[("address", user.into())]);
    assert!(sees(app, &ask), "asks before replacing");
    act(app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_KEEP).as_str());
    });
    assert!(sees(
        app,
        &l.tr_args(msg::GUI_KEPT, &[("address", user.into())])
    ));
    assert_eq!(
        store.find(user).expect("load").map(|a| a.saved_at),
        Some(saved.saved_at),
        "kept as it was"
    );
    // Once more, and Enter answers with the highlighted "Replace".
    add_another_and_test(app, user, pass);
    assert!(sees(app, &ask), "asks before replacing");
    let task = app.update(Message::Primary);
    settle(app, task);
    assert!(!sees(app, &ask), "Enter answered the question");
    let credential = l.tr(msg::CREDENTIAL_AUTH_CODE);
    let saved_line = mailsetup::present::messages::saved_plain(
        l,
        &credential,
        mailsetup::store::SignIn::Password,
    );
    assert!(sees(app, &saved_line), "replaced and saved");
}

/// "Add another": the start screen lists the saved account; "Remove" asks first, then clears
/// both stores.
fn removes_after_asking(app: &mut crate::gui::App, l: &Localizer, user: &str) {
    let store = Store::at(config_dir());
    // "Add another": the start screen lists the saved account; "Remove" clears both stores.
    act(app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_ADD_ANOTHER).as_str());
    });
    assert!(matches!(app.screen, Screen::Start(_)));
    assert!(sees(app, user));
    act(app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_REMOVE).as_str());
    });
    // One click only asks: the account and its code are still there.
    let question = l.tr_args(msg::GUI_REMOVE_CONFIRM, &[("address", user.into())]);
    assert!(sees(app, &question));
    assert!(store.secret(user).expect("keyring").is_some());
    act(app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_REMOVE).as_str());
    });
    assert!(sees(
        app,
        &l.tr_args(msg::STORE_REMOVED, &[("address", user.into())])
    ));
    assert!(store.find(user).expect("load").is_none());
    assert!(store.secret(user).expect("keyring").is_none());
}

/// The round trip: on by default, the test message arrives and is shown on the result screen;
/// unticking it is remembered by the next window, whose check sends nothing.
#[test]
#[ignore = "needs tests/run"]
fn the_test_message_arrives_and_the_choice_is_remembered() {
    let _serial = serial();
    let prefs = config_dir().join("preferences.json");
    let _ = std::fs::remove_file(&prefs);
    let (mut app, user, pass) = harness_app_at(None, None);
    let l = Localizer::new(Lang::En);
    let to_code = |app: &mut App| {
        act(app, |ui| {
            let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
            let _ = ui.typewrite(&user);
            let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
        });
        act(app, |ui| {
            let _ = ui.click(l.tr(msg::GUI_HAVE_CODE).as_str());
        });
    };
    to_code(&mut app);
    assert!(
        sees(&app, &l.tr(msg::ROUND_TRIP_CHOICE)),
        "the choice is visible"
    );
    look(&mut app, "credentials-round-trip");
    enter_code_and_test_here(&mut app, &pass);
    let Screen::Success(r) = &app.screen else {
        panic!("the test ran to a result");
    };
    let t = r
        .report()
        .round_trip
        .clone()
        .expect("a test message was sent");
    assert_eq!(t.arrived, mailsetup::probe::roundtrip::Arrived::Inbox);
    assert!(sees(
        &app,
        &mailsetup::present::messages::round_trip(&l, &t)
    ));
    look(&mut app, "result-round-trip");
    let _ = Store::at(config_dir()).remove(&user);
    // Unticked: remembered, and the next window's check signs in only.
    let mut app = harness_app_at(None, None).0;
    to_code(&mut app);
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::ROUND_TRIP_CHOICE).as_str());
    });
    let saved = std::fs::read_to_string(&prefs).expect("preferences.json written");
    assert!(saved.contains("\"round_trip\": false"), "{saved}");
    let mut app = harness_app_at(None, None).0;
    to_code(&mut app);
    enter_code_and_test_here(&mut app, &pass);
    let Screen::Success(r) = &app.screen else {
        panic!("the test ran to a result");
    };
    assert!(r.report().ok() && r.report().round_trip.is_none());
    let _ = Store::at(config_dir()).remove(&user);
    let _ = std::fs::remove_file(&prefs);
}

/// On the code screen already: the code and Enter.
fn enter_code_and_test_here(app: &mut App, pass: &str) {
    act(app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.typewrite(pass);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
}

#[test]
#[ignore = "needs tests/run"]
fn failure_shows_the_advice_and_try_again_keeps_the_input() {
    let _serial = serial();
    let (mut app, user, _) = harness_app(Some("wrongwrongwrongw"));
    enter_code_and_test(&mut app, "wrongwrongwrongw");
    let l = Localizer::new(Lang::En);
    assert!(sees(&app, &l.tr(msg::GUI_FAILURE_TITLE)));
    assert!(
        sees(&app, &l.tr(msg::ADVICE_NETEASE_AUTH)),
        "provider-specific advice"
    );
    // Try again tests again at once (the same code, the same failure here).
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_TRY_AGAIN).as_str());
    });
    assert!(sees(&app, &l.tr(msg::GUI_FAILURE_TITLE)));
    // Back (or Esc) goes to the code, keeping what was typed.
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_BACK).as_str());
    });
    assert!(matches!(app.screen, Screen::Credentials(_)));
    assert!(sees(&app, &user));
    assert!(Store::at(config_dir()).find(&user).expect("load").is_none());
}

#[test]
#[ignore = "needs tests/run"]
fn cancel_mid_test_saves_nothing() {
    let _serial = serial();
    let (mut app, user, pass) = harness_app(None);
    // A server that accepts and never answers: the check would wait for its timeout.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    app.servers.imap = Some(Endpoint {
        host: "127.0.0.1".into(),
        port,
        security: Security::Tls,
        username: String::new(),
    });
    let l = Localizer::new(Lang::En);
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_HAVE_CODE).as_str());
    });
    // Press Test but do not run the check task: the user cancels while it is under way.
    let mut pending = Vec::new();
    {
        let mut ui = simulator(app.view());
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.typewrite(&pass);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
        pending.extend(ui.into_messages());
    }
    for m in pending {
        let _ = app.update(m);
    }
    assert!(matches!(app.screen, Screen::Testing(_)));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_CANCEL).as_str());
    });
    assert!(matches!(app.screen, Screen::Credentials(_)));
    assert!(Store::at(config_dir()).find(&user).expect("load").is_none());
    drop(listener);
}

#[test]
#[ignore = "needs tests/run"]
fn company_servers_from_autoconfig_are_tested_and_saved() {
    let _serial = serial();
    let (mut app, pass) = discovering_app();
    let l = Localizer::new(Lang::En);
    let user = "tester@autoconf-corp.test";
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite(user);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    // The start screen says what was found and from where.
    assert!(sees(
        &app,
        &l.tr_args(
            msg::GUI_FOUND,
            &[
                ("domain", "autoconf-corp.test".into()),
                ("source", l.tr(msg::SOURCE_AUTOCONFIG).into())
            ]
        )
    ));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_NEXT).as_str());
    });
    // No catalog steps: the provider's own "enable first" and help pages, and the password note.
    assert!(matches!(app.screen, Screen::Steps(_)));
    assert!(sees(
        &app,
        &l.tr_args(
            msg::GUI_GENERIC_TITLE,
            &[("name", "Autoconf Corp Mail".into())]
        )
    ));
    assert!(sees(&app, "Turn on IMAP in the web mail settings first."));
    assert!(sees(&app, "How to use IMAP at Test Corp"));
    password_and_test(&mut app, &pass);
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    let saved = Store::at(config_dir())
        .find(user)
        .expect("accounts.json")
        .expect("saved");
    assert_eq!(saved.provider, None);
    assert_eq!(saved.imap.host, "localhost");
    let store = Store::at(config_dir());
    assert!(store.remove(user).expect("remove"));
}

/// The testing screen while the test message travels: both sign-ins done, SMTP has sent it,
/// and IMAP's row counts the seconds of the wait (looked at in three languages).
#[test]
fn the_wait_for_the_test_message_is_shown_counting() {
    use mailsetup::probe::{Progress, Protocol, Stage, StageState};
    let l = Localizer::new(Lang::En);
    use crate::gui::screen::testing;
    use mailsetup::setup::Credential;
    let mut app = new_app(Launch {
        lang: Lang::En,
        ..Launch::default()
    });
    app.round_trip = true;
    let target = mailsetup::setup::Target::provider_id("qq").expect("qq");
    let address = mailsetup::address::Address::parse("zhang.san@qq.com").expect("valid");
    let code = secrecy::SecretString::from("abcdefghijklmnop".to_string());
    let draft = mailsetup::setup::Draft::new(target, address, Credential::Password(code));
    // Its check task is never run: the stages come from here.
    let _never_run = app.go(crate::gui::route::Next::Test(draft));
    let step = |app: &mut App, protocol, stage, state| {
        let p = Progress {
            protocol,
            stage,
            state,
        };
        let _ = app.update(Message::Testing(testing::Message::Progress(p)));
    };
    for protocol in [Protocol::Imap, Protocol::Smtp] {
        for stage in [Stage::Connect, Stage::Tls, Stage::Greeting, Stage::Login] {
            step(&mut app, protocol, stage, StageState::Started);
            step(&mut app, protocol, stage, StageState::Done { ms: 20 });
        }
    }
    step(
        &mut app,
        Protocol::Imap,
        Stage::Select,
        StageState::Done { ms: 5 },
    );
    step(&mut app, Protocol::Smtp, Stage::Send, StageState::Started);
    step(
        &mut app,
        Protocol::Smtp,
        Stage::Send,
        StageState::Done { ms: 90 },
    );
    step(
        &mut app,
        Protocol::Imap,
        Stage::Receive,
        StageState::Started,
    );
    let later = std::time::Instant::now() + std::time::Duration::from_secs(7);
    let _ = app.update(Message::Testing(testing::Message::Tick(later)));
    let waiting = l.tr_args(msg::ROUND_TRIP_WAITING, &[("seconds", 7.into())]);
    assert!(sees(&app, &waiting), "{waiting}");
    look(&mut app, "testing-round-trip-wait");
}
