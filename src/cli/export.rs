//! `mailsetup export`: a saved account's settings as a Thunderbird or Apple file.

use std::io::Write;
use std::path::Path;

use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::store::Store;
use secrecy::ExposeSecret;

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
    let name = messages::account_title(l, &account);
    // The code only where the format can carry it, and only when asked for.
    let secret = match (include_password, format) {
        (true, Format::Thunderbird) => return Err(Exit(2, l.tr(msg::EXPORT_NO_PASSWORD_IN_XML))),
        (true, _) => Some(
            store
                .secret(&address)
                .map_err(|e| Exit(1, messages::store_error(l, &e)))?
                .ok_or_else(|| Exit(1, l.tr(msg::EXPORT_NO_SAVED_CODE)))?,
        ),
        (false, _) => None,
    };
    let text = match format {
        Format::Thunderbird => export::thunderbird(&account, &name),
        Format::Mobileconfig => export::mobileconfig(&account, &name, secret.as_ref()),
        Format::ThunderbirdAndroid => {
            let text = export::thunderbird_android(&account, secret.as_ref());
            if output.is_none() {
                write_out(format_args!("{}", terminal_qr(text.expose_secret())?));
                return Ok(());
            }
            text.expose_secret().to_string()
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

/// A QR code drawn with half blocks, two rows per line with its quiet zone. On a terminal each
/// line is black on white, so it scans on a dark background too.
fn terminal_qr(text: &str) -> Result<String, Exit> {
    use qrcode::render::unicode::Dense1x2;
    use std::io::IsTerminal;
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::L)
        .map_err(|e| Exit(1, e.to_string()))?;
    let drawn = code.render::<Dense1x2>().build();
    if !std::io::stdout().is_terminal() {
        return Ok(drawn);
    }
    Ok(drawn
        .lines()
        .map(|line| format!("\x1b[30;107m{line}\x1b[0m\n"))
        .collect())
}
