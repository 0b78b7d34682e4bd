//! `mailsetup report`: discovery and, when a code is at hand, the whole check; text or JSON.

use mailsetup::catalog::Catalog;
use mailsetup::check::{self};
use mailsetup::discover::{self};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::messages;
use mailsetup::setup::{self};
use mailsetup::store::Store;

use super::*;

/// `report`: discovery and, when a code is at hand, the whole check; text or JSON.
pub(super) fn report(l: &Localizer, a: ReportArgs) -> Result<(), Exit> {
    use mailsetup::report::{Discovery, Report};
    let mut r = Report::default();
    if let Some(input) = &a.address {
        let address = parse_address(l, input)?;
        r.address = Some(address.to_string());
        let store = Store::open_default().ok();
        let saved = store
            .as_ref()
            .and_then(|s| s.find(&address.to_string()).ok().flatten());
        // A saved account's own servers, else discovery (or the servers given).
        let servers = match (&saved, &a.servers.imap, &a.servers.smtp) {
            (_, Some(i), Some(s)) => {
                let user = address.to_string();
                r.discovery = Some(Discovery::known(discover::Source::Catalog, None));
                Some((parse_endpoint(l, i, &user)?, parse_endpoint(l, s, &user)?))
            }
            (Some(acc), _, _) => {
                r.discovery = Some(Discovery::known(
                    discover::Source::Catalog,
                    acc.provider.clone(),
                ));
                Some((acc.imap.clone(), acc.smtp.clone()))
            }
            _ => {
                let opts = a.discovery.options(l, a.servers.ca_file.as_deref())?;
                match runtime()?.block_on(discover::detect(&address, &opts)) {
                    Ok(d) => {
                        r.discovery = Some(Discovery::from_detection(&d));
                        Some(d.endpoints(&address))
                    }
                    Err(e) => {
                        r.discovery_error = Some(messages::discover_error(l, &e));
                        None
                    }
                }
            }
        };
        let secret = if a.password_stdin {
            Some(read_secret(l)?)
        } else {
            store
                .as_ref()
                .filter(|_| saved.is_some())
                .and_then(|s| s.secret(&address.to_string()).ok().flatten())
        };
        match (servers, secret) {
            (Some(servers), Some(secret)) => {
                let catalog = Catalog::builtin();
                let provider = match r.discovery.as_ref().and_then(|d| d.provider.as_deref()) {
                    Some(id) => catalog.by_id(id),
                    None => catalog.by_domain(address.domain()),
                };
                let ca_file = a.servers.ca_file.as_deref();
                let request = setup::request(provider, &address, servers, secret, ca_file)
                    .map_err(|e| Exit(2, messages::setup_error(l, &e)))?;
                r.check = Some(runtime()?.block_on(check::run(&request, None)));
            }
            (Some(_), None) => r.note = Some(l.tr(msg::REPORT_NO_CODE)),
            (None, _) => {}
        }
    }
    if a.json {
        print_json(&r.json(l));
    } else {
        write_out(format_args!("{}", r.text(l)));
    }
    match &r.check {
        Some(c) if !c.ok() => Err(Exit(1, String::new())),
        _ if r.discovery_error.is_some() => Err(Exit(1, String::new())),
        _ => Ok(()),
    }
}
