//! `mailsetup detect`: the provider and servers of an address, and how they were found.

use mailsetup::address::Address;
use mailsetup::discover::{self, DetectOptions, Detection};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::messages;
use serde_json::{Value, json};

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

pub(super) fn attempts_json(attempts: &[discover::Attempt]) -> Value {
    attempts
        .iter()
        .map(|a| {
            let error = match &a.outcome {
                discover::Outcome::Failed(e) => Some(e.as_str()),
                _ => None,
            };
            json!({"source": a.source.as_str(), "ms": a.ms, "outcome": a.outcome.as_str(), "error": error})
        })
        .collect()
}

pub(super) fn pages_json(pages: &[discover::autoconfig::Page]) -> Value {
    pages
        .iter()
        .map(|p| json!({"url": p.url, "texts": p.texts.iter().map(|t| json!({"lang": t.lang, "text": t.text})).collect::<Vec<_>>()}))
        .collect()
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

/// The README's `detect --json` shape.
fn detection_json(
    l: &Localizer,
    address: &Address,
    detection: &Result<Detection, discover::DiscoverError>,
) -> Value {
    match detection {
        Ok(d) => {
            let p = d.provider;
            json!({
                "address": address.to_string(),
                "provider": p.map(|p| &p.id),
                "name": p.map(|p| l.tr(&p.name)).or_else(|| d.display_name.clone()),
                "kind": p.map(|p| p.kind), "credential": p.map(|p| p.credential),
                "source": d.source.as_str(), "mx": d.mx, "admin_note": admin_note(l, d),
                "imap": endpoint_json(&d.imap), "smtp": endpoint_json(&d.smtp),
                "steps": p.map(|p| p.steps.iter().map(|s| json!({
                    "text": l.tr(&s.text), "url": p.link(&s.link), "admin": s.admin,
                })).collect::<Vec<_>>()).unwrap_or_default(),
                "documentation": pages_json(&d.documentation),
                "enable": pages_json(&d.enable),
                "elapsed_ms": d.elapsed.as_millis() as u64,
                "attempts": attempts_json(&d.attempts),
            })
        }
        Err(e) => {
            let (mx, attempts) = match e {
                discover::DiscoverError::NotFound { mx, attempts, .. } => {
                    (mx.clone(), attempts_json(attempts))
                }
                discover::DiscoverError::Setup(_) => (Vec::new(), json!([])),
            };
            json!({"address": address.to_string(), "provider": null, "source": null,
                   "mx": mx, "attempts": attempts, "error": messages::discover_error(l, e)})
        }
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
    outln!(
        "\n{}",
        l.tr_args(
            msg::CLI_STEPS_HEADER,
            &[("credential", l.tr(p.credential.message_id()).into())]
        )
    );
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
