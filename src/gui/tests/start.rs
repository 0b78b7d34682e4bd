//! The start screen: the address, the tiles, the language, saved accounts, links and keys.

use crate::gui::component::saved_accounts;
use iced_test::simulator;
use mailsetup::catalog::{Endpoint, Security};
use mailsetup::i18n::{Lang, Localizer, msg};
use mailsetup::store::Store;

use crate::gui::screen::start;
use crate::gui::{Accounts, Launch, Message, Screen};

use super::kit::{act, config_dir, harness_app_at, new_app, sees, start_cx};

#[test]
fn typing_an_address_picks_the_provider_and_shows_its_steps() {
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        ..Launch::default()
    });
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite("someone＠qq.com");
    });
    assert!(sees(
        &app,
        &l.tr_args(msg::GUI_DETECTED, &[("provider", "QQ Mail".into())])
    ));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_NEXT).as_str());
    });
    assert!(matches!(app.screen, Screen::Steps(_)));
    // Every QQ step; one Open button per page, named by its site, and no raw links.
    assert!(sees(&app, &l.tr(msg::QQ_STEP_ENABLE)));
    let open = |site: &str| l.tr_args(msg::GUI_OPEN_SITE, &[("site", site.into())]);
    assert!(sees(&app, &open("mail.qq.com")));
    assert!(sees(&app, &open("wx.mail.qq.com")));
    assert!(!sees(&app, "https://wx.mail.qq.com/account/index"));
    assert!(sees(
        &app,
        &l.tr_args(msg::CODE_FORMAT_ALPHA, &[("length", 16.into())])
    ));
}

#[test]
fn exmail_shows_the_admin_steps_first() {
    let l = Localizer::new(Lang::ZhCn);
    let mut app = new_app(Launch {
        lang: Lang::ZhCn,
        ..Launch::default()
    });
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::PROVIDER_EXMAIL).as_str());
    });
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite("zhang@example-company.cn");
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(
        matches!(app.screen, Screen::Steps(_)),
        "company address + Exmail tile continues"
    );
    assert!(sees(&app, &l.tr(msg::EXMAIL_STEP_ADMIN_LOGIN)));
    assert!(sees(
        &app,
        &l.tr_args(msg::GUI_OPEN_SITE, &[("site", "work.weixin.qq.com".into())])
    ));
}

#[test]
fn language_switch_changes_the_visible_texts() {
    let mut app = new_app(Launch {
        lang: Lang::ZhCn,
        ..Launch::default()
    });
    assert!(sees(&app, "输入邮箱地址"));
    act(&mut app, |ui| {
        let _ = ui.click("English");
    });
    assert!(sees(&app, "Your email address"));
    assert!(!sees(&app, "输入邮箱地址"));
    act(&mut app, |ui| {
        let _ = ui.click("繁體中文");
    });
    assert!(sees(&app, "輸入電子郵件地址"));
}

#[test]
fn esc_goes_back_and_keeps_the_address() {
    let mut app = new_app(Launch {
        lang: Lang::En,
        provider: Some("netease-163".into()),
        address: Some("keep@163.com".into()),
        ..Launch::default()
    });
    assert!(
        matches!(app.screen, Screen::Steps(_)),
        "prefilled launch opens on the steps"
    );
    let _ = app.update(Message::Back);
    assert!(matches!(app.screen, Screen::Start(_)));
    assert!(sees(&app, "keep@163.com"));
}

#[test]
#[ignore = "needs tests/run"]
fn company_address_is_recognised_through_mx_and_shows_the_admin_steps() {
    let (mut app, _, _) = harness_app_at(None, None);
    let l = Localizer::new(Lang::En);
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite("zhang@exmail-corp.test");
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    let name = l.tr(msg::PROVIDER_EXMAIL);
    assert!(sees(
        &app,
        &l.tr_args(
            msg::GUI_FOUND,
            &[
                ("domain", "exmail-corp.test".into()),
                ("source", l.tr(msg::SOURCE_MX).into())
            ]
        )
    ));
    assert!(sees(
        &app,
        &l.tr_args(msg::GUI_DETECTED, &[("provider", name.into())])
    ));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_NEXT).as_str());
    });
    assert!(matches!(app.screen, Screen::Steps(_)));
    assert!(sees(&app, &l.tr(msg::EXMAIL_STEP_ADMIN_SCOPE)));
}

#[test]
fn an_unreadable_accounts_file_is_kept_aside_and_said() {
    let dir = std::env::temp_dir().join(format!("mailsetup-gui-corrupt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("accounts.json"), b"{ torn").expect("write");
    let (mut state, _) = start::State::new(String::new(), &Accounts::at(config_dir()));
    let loaded = Store::at(&dir)
        .load()
        .map(|l| (l.accounts, l.set_aside))
        .map_err(std::sync::Arc::new);
    let _ = state.update(
        start::Message::Saved(saved_accounts::Message::Loaded(loaded)),
        &start_cx(),
    );
    let aside = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains(".corrupt-"))
        .expect("kept aside, not deleted");
    assert_eq!(std::fs::read(&aside).expect("read"), b"{ torn");
    let l = Localizer::new(Lang::En);
    let line = l.tr_args(
        msg::STORE_FILE_CORRUPT,
        &[("path", mailsetup::present::messages::path(&aside).into())],
    );
    let mut ui = simulator(state.view(&l));
    assert!(ui.find(line.as_str()).is_ok(), "the start screen says so");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A keyring that cannot be asked for a saved account's code is a sentence on the start screen,
/// not a silent jump to the code screen.
#[test]
fn a_failed_keyring_call_on_retest_is_said_on_the_start_screen() {
    let mut app = new_app(Launch {
        lang: Lang::En,
        ..Launch::default()
    });
    let account = mailsetup::store::Account {
        sign_in: Default::default(),
        address: "zhang@qq.com".into(),
        provider: Some("qq".into()),
        imap: Endpoint {
            host: "imap.qq.com".into(),
            port: 993,
            security: Security::Tls,
            username: "zhang@qq.com".into(),
        },
        smtp: Endpoint {
            host: "smtp.qq.com".into(),
            port: 465,
            security: Security::Tls,
            username: "zhang@qq.com".into(),
        },
        saved_at: 0,
        ca: None,
        handed: Vec::new(),
        name: None,
    };
    let locked = mailsetup::store::StoreError::KeyringUnavailable("locked".into());
    let sentence = mailsetup::present::messages::store_error(&Localizer::new(Lang::En), &locked);
    let _ = app.update(Message::Start(start::Message::Saved(
        saved_accounts::Message::SecretRead(
            Box::new(account),
            crate::gui::redacted::Redacted(Err(std::sync::Arc::new(locked))),
        ),
    )));
    assert!(
        matches!(app.screen, Screen::Start(_)),
        "stays on the start screen"
    );
    assert!(sees(&app, &sentence), "says why: {sentence}");
}

/// A provider is data: added to the catalog as JSON and to the translations as Fluent lines
/// only, the start screen shows its tile with its badge and recognises its domain.
#[test]
fn a_provider_added_as_data_gets_its_tile_and_badge() {
    let entry = include_str!("../../../tests/data/example-provider.json");
    let json = include_str!("../../../assets/providers.json").replacen(
        "\"providers\": [",
        &format!("\"providers\": [{entry},"),
        1,
    );
    let catalog: &'static mailsetup::catalog::Catalog = Box::leak(Box::new(
        mailsetup::catalog::Catalog::from_json(&json).expect("catalog"),
    ));
    let l = Localizer::new(Lang::En)
        .with_lines(include_str!("../../../tests/data/example-provider.ftl"));
    let (state, _) = start::State::new(String::new(), &Accounts::at(config_dir()));
    let mut state = state.with_catalog(catalog);
    {
        let mut ui = simulator(state.view(&l));
        assert!(ui.find("EX!").is_ok(), "its badge");
        assert!(ui.find("Example Mail").is_ok(), "its tile");
        assert!(ui.find("QQ Mail").is_ok(), "the others stay");
    }
    let _ = state.update(
        start::Message::AddressChanged("zhang@example.cn".into()),
        &start_cx(),
    );
    let recognised = l.tr_args(msg::GUI_DETECTED, &[("provider", "Example Mail".into())]);
    let mut ui = simulator(state.view(&l));
    assert!(ui.find(recognised.as_str()).is_ok(), "recognised by domain");
}

/// What is wrong with the address is said once Next is asked for, not from the first keystroke.
#[test]
fn an_address_problem_is_said_after_next_not_while_typing() {
    let l = Localizer::new(Lang::En);
    let missing_at = l.tr(msg::ADDRESS_MISSING_AT);
    let (mut state, _) = start::State::new(String::new(), &Accounts::at(config_dir()));
    let _ = state.update(start::Message::AddressChanged("z".into()), &start_cx());
    assert!(simulator(state.view(&l)).find(missing_at.as_str()).is_err());
    assert!(
        state.update(start::Message::Next, &start_cx()).1.is_none(),
        "nothing to go on with"
    );
    assert!(simulator(state.view(&l)).find(missing_at.as_str()).is_ok());
    let _ = state.update(
        start::Message::AddressChanged("zhang@qq.com".into()),
        &start_cx(),
    );
    assert!(simulator(state.view(&l)).find(missing_at.as_str()).is_err());
}

/// "Remove" asks before it removes an account and its code; Cancel keeps it.
#[test]
fn removing_a_saved_account_asks_first() {
    let l = Localizer::new(Lang::ZhCn);
    let account: mailsetup::store::Account = serde_json::from_str(
        r#"{"address": "zhang@qq.com", "provider": "qq", "saved_at": 0,
            "imap": {"host": "imap.qq.com", "port": 993, "security": "tls", "username": "zhang@qq.com"},
            "smtp": {"host": "smtp.qq.com", "port": 465, "security": "tls", "username": "zhang@qq.com"}}"#,
    )
    .expect("account");
    let (mut state, _) = start::State::new(String::new(), &Accounts::at(config_dir()));
    let _ = state.update(
        start::Message::Saved(saved_accounts::Message::Loaded(Ok((vec![account], None)))),
        &start_cx(),
    );
    let question = l.tr_args(
        msg::GUI_REMOVE_CONFIRM,
        &[("address", "zhang@qq.com".into())],
    );
    let remove = start::Message::Saved(saved_accounts::Message::Remove("zhang@qq.com".into()));
    assert!(state.update(remove, &start_cx()).1.is_none());
    assert!(simulator(state.view(&l)).find(question.as_str()).is_ok());
    assert!(
        state
            .update(
                start::Message::Saved(saved_accounts::Message::CancelRemove),
                &start_cx()
            )
            .1
            .is_none()
    );
    assert!(simulator(state.view(&l)).find(question.as_str()).is_err());
    let _ = state.update(
        start::Message::Saved(saved_accounts::Message::Remove("zhang@qq.com".into())),
        &start_cx(),
    );
    // Confirmed: the screen removes it itself (keyring and file), off the UI thread.
    let (task, event) = state.update(
        start::Message::Saved(saved_accounts::Message::ConfirmRemove),
        &start_cx(),
    );
    assert!(event.is_none());
    assert!(
        iced_runtime::task::into_stream(task).is_some(),
        "the removal runs"
    );
    assert!(simulator(state.view(&l)).find(question.as_str()).is_err());
}

/// A setup link that could not be used says why at the top of the start screen.
#[test]
fn a_bad_link_is_said_on_the_start_screen() {
    let l = Localizer::new(Lang::ZhCn);
    let e = mailsetup::link::parse("mailsetup://setup?provider=evil").expect_err("bad");
    let notice = mailsetup::present::messages::link_error(&l, &e);
    let app = new_app(Launch {
        lang: Lang::ZhCn,
        notice: Some(notice.clone()),
        ..Launch::default()
    });
    assert!(matches!(app.screen, Screen::Start(_)));
    assert!(sees(&app, &notice));
}

/// The window's keys: Esc goes back even when a text field had it (one press, not two); Enter,
/// Tab and the scrolling keys only when no widget used them.
#[test]
fn esc_works_from_a_field_and_enter_only_when_free() {
    use iced::event::Status;
    use iced::keyboard::{self, Key, key::Named};
    let press = |named| {
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: Key::Named(named),
            modified_key: Key::Named(named),
            physical_key: keyboard::key::Physical::Unidentified(
                keyboard::key::NativeCode::Unidentified,
            ),
            location: keyboard::Location::Standard,
            modifiers: keyboard::Modifiers::default(),
            text: None,
            repeat: false,
        })
    };
    let id = iced::window::Id::unique();
    let k = |named, status| crate::gui::keys::listen(press(named), status, id);
    assert!(matches!(
        k(Named::Escape, Status::Captured),
        Some(Message::Back)
    ));
    assert!(k(Named::Enter, Status::Captured).is_none());
    assert!(matches!(
        k(Named::Enter, Status::Ignored),
        Some(Message::Primary)
    ));
    assert!(matches!(
        k(Named::Tab, Status::Ignored),
        Some(Message::Focus { forward: true })
    ));
    assert!(matches!(k(Named::PageDown, Status::Ignored), Some(Message::Scroll(d)) if d > 0.0));
    assert!(k(Named::ArrowDown, Status::Captured).is_none());
}

/// A company address on a computer where no lookup gets an answer: the start screen says the
/// computer seems offline, not that the address may be mistyped.
#[test]
fn a_company_address_offline_blames_the_network_not_the_address() {
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        discovery: mailsetup::discover::DetectOptions {
            dns_server: "127.0.0.1:9".parse().ok(),
            ispdb_url: Some("https://127.0.0.1:9/".into()),
            deadline: Some(std::time::Duration::from_secs(2)),
            ..Default::default()
        },
        ..Launch::default()
    });
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite("li@offline-corp.test");
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    let domain = ("domain", "offline-corp.test".into());
    assert!(sees(
        &app,
        &l.tr_args(msg::DETECT_OFFLINE, std::slice::from_ref(&domain))
    ));
    assert!(!sees(&app, &l.tr_args(msg::GUI_NOT_FOUND, &[domain])));
}
