//! After the first day: a saved code the provider revoked leads from its re-test straight to
//! the steps for a new one, and the new code replaces the old without asking.

use mailsetup::i18n::{Lang, Localizer, msg};
use mailsetup::store::Store;
use secrecy::{ExposeSecret, SecretString};

use crate::gui::component::saved_accounts;
use crate::gui::redacted::Redacted;
use crate::gui::screen::{start, success};
use crate::gui::{Message, Screen};

use super::kit::{enter_code_and_test, harness_app, look, sees, serial, settle};

#[test]
#[ignore = "needs tests/run"]
fn a_revoked_code_leads_to_the_steps_for_a_new_one() {
    let _serial = serial();
    let (mut app, user, pass) = harness_app(None);
    let l = Localizer::new(Lang::En);
    enter_code_and_test(&mut app, &pass);
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)), "saved first");
    let store = Store::at(super::kit::config_dir());
    let account = store.find(&user).expect("load").expect("saved");
    // The provider revoked it: the keyring still holds a code both servers now refuse.
    let revoked = SecretString::from("revokedrevokedre".to_string());
    store.save(account.clone(), &revoked, true).expect("save");

    let _ = app.update(Message::Success(success::Message::AddAnother));
    let read = saved_accounts::Message::SecretRead(Box::new(account), Redacted(Ok(Some(revoked))));
    let task = app.update(Message::Start(start::Message::Saved(read)));
    settle(&mut app, task);
    assert!(matches!(app.screen, Screen::Steps(_)), "to the steps");
    let credential = ("credential", l.tr(msg::CREDENTIAL_AUTH_CODE).into());
    assert!(sees(&app, &l.tr_args(msg::GUI_RENEW_NOTICE, &[credential])));
    look(&mut app, "renew-steps");

    enter_code_and_test(&mut app, &pass);
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    // Its own account: replaced without "replace the saved one?".
    let question = l.tr_args(msg::GUI_ASK_REPLACE, &[("address", user.clone().into())]);
    assert!(!sees(&app, &question));
    let secret = store.secret(&user).expect("keyring").expect("kept");
    assert_eq!(secret.expose_secret(), pass);
    let _ = store.remove(&user);
}
