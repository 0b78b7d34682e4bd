//! `mailsetup detect`: the provider and servers of an address, and how they were found.

use mailsetup::address::Address;
use mailsetup::discover::{self, DetectOptions, Detection};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;

use mailsetup::present::json::{DetectJson, Detected, NotDetected};

use super::*;

/// The servers of an address, from the catalog or discovery. Not found: the localised reason.
pub(super) fn find_servers(
    l: &Localizer,
    address: &Address,
    opts: &DetectOptions,
) -> Result<Detection, Exit> {
    runtime()?
        .block_on(discover::detect(address, opts))
        .map_err(|e| {
            tracing::info!("detection: {e}");
            Exit(1, not_found(l, &e))
        })
}

/// Discovery's reason, and for the command line how to go on without it.
pub(super) fn not_found(l: &Localizer, e: &discover::DiscoverError) -> String {
    format!(
        "{}\n{}",
        messages::discover_error(l, e),
        l.tr(msg::CLI_DETECT_UNKNOWN)
    )
}

pub(super) fn admin_note(l: &Localizer, d: &Detection) -> Option<String> {
    let p = d.provider.filter(|_| d.needs_admin())?;
    Some(l.tr_args(
        msg::DETECT_ADMIN_NOTE,
        &[("provider", l.tr(&p.name).into())],
    ))
}

pub(super) fn detect(
    l: &Localizer,
    input: &str,
    as_json: bool,
    opts: &DetectOptions,
) -> Result<(), Exit> {
    let address = parse_address(l, input)?;
    let detection = runtime()?.block_on(discover::detect(&address, opts));
    if as_json {
        print_json(&detection_json(l, &address, &detection));
        return match detection {
            Ok(_) => Ok(()),
            Err(_) => Err(Exit(1, String::new())),
        };
    }
    let d = detection.map_err(|e| Exit(1, not_found(l, &e)))?;
    print_detection(l, &address, &d);
    Ok(())
}

/// The `detect --json` shape docs/cli.md documents.
fn detection_json(
    l: &Localizer,
    address: &Address,
    detection: &Result<Detection, discover::DiscoverError>,
) -> DetectJson {
    let address = address.to_string();
    match detection {
        Ok(d) => DetectJson::Found(Box::new(Detected::new(l, &address, d, admin_note(l, d)))),
        Err(e) => DetectJson::NotFound(NotDetected::new(
            &address,
            e,
            messages::discover_error(l, e),
        )),
    }
}

/// Who hosts the address, how that was found, its servers, pages and steps, as text.
fn print_detection(l: &Localizer, address: &Address, d: &Detection) {
    let name = d
        .provider
        .map(|p| l.tr(&p.name))
        .or_else(|| d.display_name.clone())
        .unwrap_or_else(|| address.domain().to_string());
    outln!(
        "{}",
        l.tr_args(
            msg::CLI_DETECT_FOUND,
            &[
                ("address", address.to_string().into()),
                ("provider", name.into())
            ]
        )
    );
    outln!(
        "  {}",
        l.tr_args(
            msg::DETECT_SOURCE,
            &[("source", l.tr(d.source.message_id()).into())]
        )
    );
    if let Some(note) = admin_note(l, d) {
        outln!("  {note}");
    }
    for (proto, e) in [(msg::PROTOCOL_IMAP, &d.imap), (msg::PROTOCOL_SMTP, &d.smtp)] {
        outln!("  {}", messages::endpoint_line(l, proto, e));
    }
    for page in d.enable.iter().chain(&d.documentation) {
        if let Some(t) = discover::autoconfig::pick_text(&page.texts, l.lang().tag()) {
            outln!("  {t}");
        }
        outln!(
            "     {}",
            l.tr_args(msg::CLI_LINK, &[("url", page.url.clone().into())])
        );
    }
    let Some(p) = d.provider else {
        return;
    };
    // "How to get the browser sign-in only (OAuth)" is no sentence: say how to sign in.
    let header = match p.credential {
        mailsetup::catalog::CredentialKind::OauthOnly => l.tr(msg::CLI_STEPS_OAUTH_HEADER),
        kind => l.tr_args(
            msg::CLI_STEPS_HEADER,
            &[("credential", l.tr(kind.message_id()).into())],
        ),
    };
    outln!("\n{header}");
    for (i, s) in p.steps.iter().enumerate() {
        let admin = if s.admin {
            l.tr(msg::CLI_ADMIN_STEP)
        } else {
            String::new()
        };
        outln!("  {}. {}{}", i + 1, admin, l.tr(&s.text));
        if let Some(url) = p.link(&s.link) {
            outln!("     {}", l.tr_args(msg::CLI_LINK, &[("url", url.into())]));
        }
    }
}
