//! `mailsetup accounts` and `mailsetup remove`.

use std::io::Write;

use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::store::Store;

use super::*;

pub(super) fn accounts(l: &Localizer, as_json: bool) -> Result<(), Exit> {
    let store = Store::open_default().map_err(|e| Exit(1, messages::store_error(l, &e)))?;
    let loaded = store
        .load()
        .map_err(|e| Exit(1, messages::store_error(l, &e)))?;
    if let Some(aside) = &loaded.set_aside {
        errln!("{}", messages::set_aside(l, aside));
    }
    if as_json {
        print_json(&mailsetup::present::json::AccountsJson {
            accounts: loaded.accounts,
            set_aside: loaded.set_aside,
        });
        return Ok(());
    }
    if loaded.accounts.is_empty() {
        outln!("{}", l.tr(msg::CLI_ACCOUNTS_EMPTY));
        return Ok(());
    }
    outln!("{}", l.tr(msg::CLI_ACCOUNTS_HEADER));
    for a in &loaded.accounts {
        outln!("  {}", a.address);
        outln!(
            "    {}",
            messages::endpoint_line(l, msg::PROTOCOL_IMAP, &a.imap)
        );
        outln!(
            "    {}",
            messages::endpoint_line(l, msg::PROTOCOL_SMTP, &a.smtp)
        );
        let kind = messages::sign_in_name(l, a.sign_in);
        outln!(
            "    {}",
            l.tr_args(msg::CLI_SIGN_IN, &[("kind", kind.into())])
        );
        if !a.handed.is_empty() {
            let apps = ("apps", messages::handed_names(l, &a.handed).into());
            outln!("    {}", l.tr_args(msg::HANDED_TO, &[apps]));
        }
    }
    Ok(())
}

pub(super) fn remove(l: &Localizer, input: &str) -> Result<(), Exit> {
    let address = parse_address(l, input)?.to_string();
    let store = Store::open_default().map_err(|e| Exit(1, messages::store_error(l, &e)))?;
    // Where it was handed to, said after: the mail apps keep it.
    let handed = store.find(&address).ok().flatten().map(|a| a.handed);
    match store.remove(&address) {
        Ok(true) => {
            outln!(
                "{}",
                l.tr_args(msg::STORE_REMOVED, &[("address", address.into())])
            );
            if let Some(said) = messages::still_handed(l, &handed.unwrap_or_default()) {
                outln!("{said}");
            }
            Ok(())
        }
        Ok(false) => Err(Exit(
            1,
            l.tr_args(msg::STORE_NOT_FOUND, &[("address", address.into())]),
        )),
        Err(e) => Err(Exit(1, messages::store_error(l, &e))),
    }
}
