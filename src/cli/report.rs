//! `mailsetup report`: discovery and, when a code is at hand, the whole check; text or JSON.

use mailsetup::discover;
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::setup::{self, Attempt, Credential, Target};
use mailsetup::store::{SignIn, Store};

use super::*;

/// `report`: discovery and, when a code is at hand, the whole check; text or JSON.
pub(super) fn report(l: &Localizer, a: ReportArgs) -> Result<(), Exit> {
    use mailsetup::present::report::Report;
    let mut r = Report::default();
    // A saved browser sign-in that could not be renewed: said in the note, and exit 1.
    let mut sign_in_failed = false;
    if let Some(input) = &a.address {
        let address = parse_address(l, input)?;
        r.address = Some(address.to_string());
        let store = Store::open_default().ok();
        let saved = store
            .as_ref()
            .and_then(|s| s.find(&address.to_string()).ok().flatten());
        r.sign_in = saved.as_ref().map(|s| s.sign_in);
        let user = address.to_string();
        let mut given = a.servers.servers(l, &user)?;
        // A saved account's own certificate authority, unless --ca-file names another.
        if given.ca_file.is_none() {
            given.ca_file = store
                .as_ref()
                .zip(saved.as_ref())
                .and_then(|(s, a)| s.ca_path(a));
        }
        let target = report_target(l, &a, &address, &given, saved.as_ref(), &mut r)?;
        let provider = target.as_ref().and_then(Target::provider);
        let secret = if a.password_stdin {
            Some(read_secret(l, provider)?)
        } else {
            store
                .as_ref()
                .filter(|_| saved.is_some())
                .and_then(|s| s.secret(&address.to_string()).ok().flatten())
        };
        // A saved browser sign-in is tested with a fresh access token, not the stored secret.
        let oauth = !a.password_stdin && saved.as_ref().is_some_and(|s| s.sign_in == SignIn::OAuth);
        match (target, secret) {
            (Some(target), Some(secret)) => {
                let provider = target.provider();
                let credential = match (oauth, provider) {
                    (true, Some(_)) => Credential::Saved(secret),
                    _ => Credential::Password(secret),
                };
                let attempt = Attempt {
                    round_trip: a.round_trip.then(|| messages::letter(l)),
                    ..Attempt::new(address.clone(), target, given, credential)
                };
                let prepared = attempt
                    .prepare()
                    .map_err(|e| Exit(2, messages::setup_error(l, &e)))?;
                let accounts = setup::Accounts::open_default();
                match runtime()?.block_on(prepared.run(None, Some(&accounts))) {
                    Ok(outcome) => r.check = Some(outcome.report),
                    Err(e) => {
                        let text = provider.map(|p| messages::oauth_error(l, &e, p));
                        r.note = Some(text.unwrap_or_default());
                        sign_in_failed = true;
                    }
                }
            }
            (Some(_), None) => r.note = Some(l.tr(msg::REPORT_NO_CODE)),
            (None, _) => {}
        }
    }
    if a.json {
        print_json(&mailsetup::present::json::ReportJson::new(l, &r));
    } else {
        write_out(format_args!("{}", r.text(l)));
    }
    match &r.check {
        Some(c) if !c.ok() => Err(Exit(1, String::new())),
        _ if r.discovery_error.is_some() || sign_in_failed => Err(Exit(1, String::new())),
        _ => Ok(()),
    }
}

/// The servers given, else a saved account's own, else discovery; how they were found goes into
/// the report (or why nothing was).
fn report_target(
    l: &Localizer,
    a: &ReportArgs,
    address: &Address,
    given: &setup::Servers,
    saved: Option<&mailsetup::store::Account>,
    r: &mut mailsetup::present::report::Report,
) -> Result<Option<Target>, Exit> {
    use mailsetup::present::report::Discovery;
    Ok(match (&given.imap, &given.smtp, saved) {
        (Some(imap), Some(smtp), _) => {
            r.discovery = Some(Discovery::known(discover::Source::Catalog, None));
            Some(Target::given(address, imap, smtp))
        }
        (_, _, Some(acc)) => {
            r.discovery = Some(Discovery::known(
                discover::Source::Catalog,
                acc.provider.clone(),
            ));
            Some(Target::saved(acc))
        }
        _ => {
            let opts = a.discovery.options(l, given.ca_file.as_deref())?;
            match runtime()?.block_on(discover::detect(address, &opts)) {
                Ok(d) => {
                    r.discovery = Some(Discovery::from_detection(&d));
                    Some(Target::from_detection(Arc::new(d)))
                }
                Err(e) => {
                    r.discovery_error = Some(messages::discover_error(l, &e));
                    None
                }
            }
        }
    })
}
