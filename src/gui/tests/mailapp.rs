//! The mail-app screen: the tested account handed to the mail apps found.

use mailsetup::i18n::{Lang, Localizer, msg};

use crate::gui::{Message, Screen};

use super::kit::{
    act, clipboard, config_dir, harness_app_at, look, mail_apps_found, sees, serial, settle,
    started_thunderbird_profile, test_save_and_open_mail_apps,
};

#[test]
#[ignore = "needs tests/run"]
fn the_tested_account_goes_into_the_users_mail_app() {
    let _serial = serial();
    let (mut app, user, pass) = harness_app_at(None, Some("qq"));
    let l = Localizer::new(Lang::En);
    test_save_and_open_mail_apps(&mut app, &pass);

    // The apps as found on a computer with Thunderbird and one profile it has started.
    let profile = started_thunderbird_profile("tb-profile");
    mail_apps_found(&mut app, &[&profile]);
    assert!(sees(&app, &l.tr(msg::GUI_TB_DIRECT)));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_ADD_TO_THUNDERBIRD).as_str());
    });
    let prefs = std::fs::read_to_string(profile.join("prefs.js")).unwrap_or_default();
    let logins = std::fs::read_to_string(profile.join("logins.json")).unwrap_or_default();
    assert!(prefs.contains(&format!("\"{user}\"")), "{prefs}");
    assert_eq!(logins.matches("encryptedPassword").count(), 2, "{logins}");
    assert!(!prefs.contains(&pass) && !logins.contains(&pass));
    // What Thunderbird will decrypt is the code.
    let keys = mailsetup::handoff::keydb::open(&profile).expect("key4.db");
    let v: serde_json::Value = serde_json::from_str(&logins).expect("logins.json");
    let sealed = v["logins"][0]["encryptedPassword"].as_str().expect("value");
    let code = keys.decrypt(sealed).expect("decrypts");
    assert_eq!(secrecy::ExposeSecret::expose_secret(&code), pass);
    let at = |p: &std::path::Path| mailsetup::present::messages::path(p);
    let said = |id, p: &std::path::Path| {
        let args = [
            ("app", "Thunderbird".into()),
            ("address", user.clone().into()),
            ("profile", at(p).into()),
        ];
        l.tr_args(id, &args)
    };
    assert!(sees(&app, &said(msg::HANDOFF_ADDED, &profile)));
    look(&mut app, "mailapp-thunderbird-added");

    // A profile Thunderbird never started has no key yet: the account goes in, and the code
    // goes on the clipboard for the one time Thunderbird asks.
    let never = config_dir().join("tb-never");
    let _ = std::fs::remove_dir_all(&never);
    std::fs::create_dir_all(&never).expect("profile");
    mail_apps_found(&mut app, &[&never]);
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_ADD_TO_THUNDERBIRD).as_str());
    });
    assert!(std::fs::read_to_string(never.join("prefs.js")).is_ok_and(|p| p.contains(&user)));
    assert!(sees(&app, &said(msg::HANDOFF_ADDED_ASKS, &never)));
    assert_eq!(clipboard().as_deref(), Some(pass.as_str()));
    let credential = l.tr(msg::CREDENTIAL_AUTH_CODE);
    let copied = [("credential", credential.into())];
    assert!(sees(&app, &l.tr_args(msg::GUI_COPIED_SECRET, &copied)));
    look(&mut app, "mailapp-thunderbird-asks");
    foxmail_fields_are_copied(&mut app, &l, &user, &pass);
}

/// Foxmail: its own steps, every field with Copy; the code comes from the keyring; Back (Esc)
/// returns to the success screen as it was.
fn foxmail_fields_are_copied(app: &mut crate::gui::App, l: &Localizer, user: &str, pass: &str) {
    use crate::gui::screen::mailapp;
    // Foxmail: its own steps, every field with Copy; the code comes from the keyring.
    act(app, |ui| {
        let _ = ui.click("Foxmail");
    });
    let credential = l.tr(msg::CREDENTIAL_AUTH_CODE);
    assert!(sees(
        app,
        &l.tr_args(
            msg::GUIDE_FOXMAIL,
            &[("credential", credential.clone().into())]
        )
    ));
    act(app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_COPY).as_str());
    });
    assert_eq!(clipboard().as_deref(), Some(user));
    assert!(sees(
        app,
        &l.tr_args(msg::GUI_COPIED_FIELD, &[("value", user.into())])
    ));
    let task = app.update(Message::MailApp(mailapp::Message::Copy(
        mailapp::Field::Secret,
    )));
    settle(app, task);
    assert_eq!(clipboard().as_deref(), Some(pass));
    assert!(sees(
        app,
        &l.tr_args(msg::GUI_COPIED_SECRET, &[("credential", credential.into())])
    ));
    look(app, "mailapp-foxmail-copied");
    // Back (Esc) returns to the success screen as it was.
    let _ = app.update(Message::Back);
    assert!(matches!(app.screen, Screen::Success(_)));
    assert!(sees(app, &l.tr(msg::GUI_SUCCESS_TITLE)));
}

/// From launch to reading mail in Thunderbird, counted as the user acts in this window (the
/// address typed at the start): Next, "I have the code", the code, Enter, "Add to Thunderbird"
/// (the success screen's accent button, where Thunderbird is here) and "Open Thunderbird".
/// tests/handoff.rs starts the real Thunderbird with the command recorded here.
#[test]
#[ignore = "needs tests/run"]
fn launch_to_thunderbird_takes_six_actions() {
    use crate::gui::screen::{credentials, start, success};
    let _serial = serial();
    let (mut app, user, pass) = harness_app_at(None, None);
    let l = Localizer::new(Lang::En);
    let profile = started_thunderbird_profile("tb-six");
    let actions = std::cell::Cell::new(0);
    let click = |app: &mut crate::gui::App, label: String| {
        actions.set(actions.get() + 1);
        act(app, |ui| {
            let _ = ui.click(label.as_str());
        });
    };
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite(&user);
    });
    click(&mut app, l.tr(msg::GUI_NEXT));
    click(&mut app, l.tr(msg::GUI_HAVE_CODE));
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.typewrite(&pass);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    actions.set(actions.get() + 2);
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    if sees(&app, &l.tr(msg::GUI_REPLACE)) {
        // A saved account of an earlier test: not part of a first walk.
        act(&mut app, |ui| {
            let _ = ui.click(l.tr(msg::GUI_REPLACE).as_str());
        });
    }
    // Found on this computer: Thunderbird with a profile it has started.
    let apps = super::kit::apps_with_thunderbird(&[&profile]);
    let _ = app.update(Message::Success(success::Message::Apps(apps)));
    look(&mut app, "success-direct");
    click(&mut app, l.tr(msg::GUI_ADD_TO_THUNDERBIRD));
    assert!(matches!(app.screen, Screen::MailApp(..)));
    mail_apps_found(&mut app, &[&profile]);
    let prefs = std::fs::read_to_string(profile.join("prefs.js")).unwrap_or_default();
    assert!(
        prefs.contains(&format!("\"{user}\"")),
        "added at once: {prefs}"
    );
    look(&mut app, "mailapp-open");
    let open = l.tr_args(msg::GUI_OPEN_APP, &[("app", "Thunderbird".into())]);
    click(&mut app, open);
    assert_eq!(actions.get(), 6);
    let started = super::kit::STARTED
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let profile = profile.to_string_lossy().into_owned();
    assert!(
        started
            .iter()
            .any(|w| w[0] == "thunderbird" && w[1..] == ["--profile".to_string(), profile.clone()]),
        "{started:?}"
    );
}
