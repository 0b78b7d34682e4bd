//! The provider's steps: the code copied on its page, offered on coming back.

use mailsetup::i18n::{Lang, Localizer, msg};
use mailsetup::store::Store;

use crate::gui::screen::{start, steps};
use crate::gui::{Launch, Message, Screen};

use super::kit::{OPENED, act, config_dir, harness_app_at, new_app, sees, serial, settle};

/// The code comes to the user: back from QQ's settings page with the code copied, the code
/// screen offers it, and one click tests and saves. Launch to saved in at most 4 user actions
/// besides the webmail work (typing the address, Enter, "Use it and test").
#[test]
#[ignore = "needs tests/run"]
fn the_copied_code_is_offered_when_the_user_comes_back() {
    let _serial = serial();
    let (mut app, user, pass) = harness_app_at(None, None);
    let l = Localizer::new(Lang::En);
    let mut actions = 0;
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite(&user);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    actions += 2;
    assert!(matches!(app.screen, Screen::Steps(_)));
    // The webmail work: open QQ's settings page, turn IMAP on, copy the code there.
    let open = l.tr_args(msg::GUI_OPEN_SITE, &[("site", "wx.mail.qq.com".into())]);
    act(&mut app, |ui| {
        let _ = ui.click(open.as_str());
    });
    assert!(
        OPENED
            .lock()
            .map(|o| o.contains(&"https://wx.mail.qq.com/account/index".to_string()))
            .unwrap_or(false)
    );
    // Back in the window: the runtime reads the clipboard and hands over its text.
    let task = app.update(Message::Focused);
    settle(&mut app, task);
    let task = app.update(Message::Steps(steps::Message::Clipboard(Some(
        crate::gui::redacted::Redacted(secrecy::SecretString::from(format!("{}\n", pass))),
    ))));
    settle(&mut app, task);
    assert!(matches!(app.screen, Screen::Credentials(_)));
    assert!(sees(
        &app,
        &l.tr_args(
            msg::GUI_CLIPBOARD_OFFER,
            &[("credential", l.tr(msg::CREDENTIAL_AUTH_CODE).into())]
        )
    ));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_USE_AND_TEST).as_str());
    });
    actions += 1;
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    let store = Store::at(config_dir());
    assert!(store.find(&user).expect("load").is_some(), "saved");
    eprintln!("QQ from launch to saved: {actions} user actions besides the webmail work");
    assert!(actions <= 4);
    assert!(store.remove(&user).expect("remove"));
}

/// Something else on the clipboard (a URL, a sentence): no offer, the steps stay.
#[test]
fn anything_but_a_code_on_the_clipboard_is_left_alone() {
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        provider: Some("qq".into()),
        address: Some("zhang.san@qq.com".into()),
        ..Launch::default()
    });
    let open = l.tr_args(msg::GUI_OPEN_SITE, &[("site", "mail.qq.com".into())]);
    act(&mut app, |ui| {
        let _ = ui.click(open.as_str());
    });
    for text in [
        "https://mail.qq.com/",
        "your code is abcdefghijklmnop",
        "12345678",
    ] {
        let task = app.update(Message::Steps(steps::Message::Clipboard(Some(
            crate::gui::redacted::Redacted(secrecy::SecretString::from(text.to_string())),
        ))));
        settle(&mut app, task);
        assert!(matches!(app.screen, Screen::Steps(_)), "{text}");
    }
}
