//! `mailsetup apps`, `mailsetup add-to APP ADDRESS` and `mailsetup secret ADDRESS`: the saved
//! account handed to the user's mail app, or to a program.

use mailsetup::handoff::{self, MailApp, thunderbird};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::setup::{self, SignIn};
use mailsetup::store::{Account, Store};
use secrecy::ExposeSecret;

use super::*;

/// `apps`: the mail apps found on this computer first, each Thunderbird profile by its path.
pub(super) fn apps(l: &Localizer, as_json: bool) -> Result<(), Exit> {
    let found = handoff::apps();
    if as_json {
        print_json(&mailsetup::present::json::AppsJson::new(l, &found));
        return Ok(());
    }
    for f in &found {
        outln!("{}", messages::app_line(l, f));
        for p in &f.profiles {
            let mark = if p.default { "*" } else { " " };
            outln!("    {mark} {} ({})", p.name, p.path.display());
        }
    }
    Ok(())
}

/// `add-to thunderbird ADDRESS [--profile PATH]`: the saved account and its code written into
/// the profile (the default one unless named); exit 1 with a sentence when it cannot be.
pub(super) fn add_to(
    l: &Localizer,
    app: AddToApp,
    input: &str,
    place: Option<&Path>,
) -> Result<(), Exit> {
    let address = parse_address(l, input)?.to_string();
    let (app, place) = match app {
        AddToApp::Thunderbird => (
            MailApp::Thunderbird,
            place.map(Path::to_path_buf).or_else(default_profile),
        ),
        AddToApp::Evolution => (
            MailApp::Evolution,
            place
                .map(Path::to_path_buf)
                .or_else(handoff::evolution::sources_dir),
        ),
    };
    let place = place.ok_or_else(|| Exit(1, l.tr(msg::HANDOFF_NO_PROFILE)))?;
    let store = Store::open_default().map_err(|e| Exit(1, messages::store_error(l, &e)))?;
    match setup::add_to(&store, app, &address, &place) {
        Ok((account, added)) => {
            outln!("{}", messages::added(l, app, &account, &added, &place));
            // The app asks for the code once: where to get it without typing it.
            let asks = matches!(
                added,
                handoff::Added::Added {
                    password: false,
                    ..
                }
            );
            if asks && account.sign_in == SignIn::Password {
                let credential = l.tr(setup::Target::saved(&account).credential_id());
                let args = [
                    ("address", account.address.clone().into()),
                    ("credential", credential.into()),
                ];
                outln!("{}", l.tr_args(msg::CLI_HANDOFF_ASKS_SECRET, &args));
            }
            Ok(())
        }
        Err(e) => Err(Exit(1, messages::add_to_error(l, app, &e, &place))),
    }
}

fn default_profile() -> Option<std::path::PathBuf> {
    let profiles = thunderbird::all_profiles();
    profiles
        .iter()
        .find(|p| p.default)
        .or(profiles.first())
        .map(|p| p.path.clone())
}

/// `secret ADDRESS [--access-token]`: the saved code alone on standard output (for
/// `passwordeval` / `PassCmd`), or for a browser sign-in a fresh access token.
pub(super) fn secret(
    l: &Localizer,
    input: &str,
    access_token: bool,
    ca_file: Option<&Path>,
) -> Result<(), Exit> {
    let (account, secret) = saved(l, input)?;
    match (account.sign_in, access_token) {
        (SignIn::Password, true) => return Err(Exit(2, l.tr(msg::CLI_SECRET_NOT_OAUTH))),
        (SignIn::OAuth, false) => return Err(Exit(2, l.tr(msg::CLI_SECRET_OAUTH))),
        _ => {}
    }
    let secret = secret.ok_or_else(|| {
        Exit(
            1,
            l.tr_args(
                msg::REPORT_NO_CODE_FOR,
                &[("address", account.address.clone().into())],
            ),
        )
    })?;
    let out = match account.sign_in {
        SignIn::Password => secret,
        SignIn::OAuth => {
            let accounts = setup::Accounts::open_default();
            let provider = setup::Target::saved(&account).provider();
            let fresh =
                runtime()?.block_on(setup::access_token(&account, secret, ca_file, &accounts));
            fresh.map_err(|e| {
                let text = provider.map(|p| messages::oauth_error(l, &e, p));
                Exit(1, text.unwrap_or_default())
            })?
        }
    };
    outln!("{}", out.expose_secret());
    Ok(())
}

/// The saved account and its secret (None: nothing in the keyring any more).
fn saved(l: &Localizer, input: &str) -> Result<(Account, Option<secrecy::SecretString>), Exit> {
    let address = parse_address(l, input)?.to_string();
    let store = Store::open_default().map_err(|e| Exit(1, messages::store_error(l, &e)))?;
    let fail = |e| Exit(1, messages::store_error(l, &e));
    let account = store.find(&address).map_err(fail)?.ok_or_else(|| {
        Exit(
            1,
            l.tr_args(msg::STORE_NOT_FOUND, &[("address", address.clone().into())]),
        )
    })?;
    let secret = store.secret(&address).map_err(fail)?;
    Ok((account, secret))
}
