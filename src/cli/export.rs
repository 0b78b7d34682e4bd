//! `mailsetup export`: a saved account's settings as a Thunderbird or Apple file.

use std::io::Write;
use std::path::Path;

use mailsetup::catalog::Catalog;
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::store::Store;

use super::*;

/// `export`: a saved account's settings as a Thunderbird or Apple file.
pub(super) fn export(
    l: &Localizer,
    input: &str,
    format: mailsetup::export::Format,
    include_password: bool,
    output: Option<&Path>,
) -> Result<(), Exit> {
    use mailsetup::export::{self, Format};
    let address = parse_address(l, input)?.to_string();
    let store = Store::open_default().map_err(|e| Exit(1, messages::store_error(l, &e)))?;
    let account = store
        .find(&address)
        .map_err(|e| Exit(1, messages::store_error(l, &e)))?
        .ok_or_else(|| {
            Exit(
                1,
                l.tr_args(msg::STORE_NOT_FOUND, &[("address", address.clone().into())]),
            )
        })?;
    let name = account
        .provider
        .as_deref()
        .and_then(|id| Catalog::builtin().by_id(id))
        .map(|p| l.tr(&p.name))
        .unwrap_or_else(|| address.clone());
    let text = match format {
        Format::Thunderbird => {
            if include_password {
                return Err(Exit(2, l.tr(msg::EXPORT_NO_PASSWORD_IN_XML)));
            }
            export::thunderbird(&account, &name)
        }
        Format::Mobileconfig => {
            let secret = if include_password {
                Some(
                    store
                        .secret(&address)
                        .map_err(|e| Exit(1, messages::store_error(l, &e)))?
                        .ok_or_else(|| Exit(1, l.tr(msg::EXPORT_NO_SAVED_CODE)))?,
                )
            } else {
                None
            };
            export::mobileconfig(&account, &name, secret.as_ref())
        }
    };
    match output {
        Some(path) => {
            mailsetup::store::write_private(path, text.as_bytes()).map_err(|e| {
                Exit(
                    1,
                    l.tr_args(
                        msg::EXPORT_WRITE_FAILED,
                        &[
                            ("path", messages::path(path).into()),
                            ("reason", e.to_string().into()),
                        ],
                    ),
                )
            })?;
            errln!(
                "{}",
                l.tr_args(
                    msg::EXPORT_WRITTEN,
                    &[("path", messages::path(path).into())]
                )
            );
        }
        None => write_out(format_args!("{text}")),
    }
    Ok(())
}
