//! `mailsetup check`: the live IMAP + SMTP test through `mailsetup::setup`, and `--save`.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use fluent_bundle::FluentValue;
use mailsetup::check::CheckReport;
use mailsetup::i18n::{Localizer, msg};
use mailsetup::oauth;
use mailsetup::present::messages;
use mailsetup::probe::ProbeReport;
use mailsetup::setup::{self, Attempt, Credential, Target};
use mailsetup::store::Store;

use super::*;

pub(super) fn run_check(l: &Localizer, a: CheckArgs) -> Result<(), Exit> {
    let address = parse_address(l, &a.address)?;
    let user = address.to_string();
    let given = a.servers.servers(l, &user)?;
    let ca_file = given.ca_file.clone();
    // With both servers given, no lookup is needed: the catalog alone names the provider.
    let target = match (&given.imap, &given.smtp) {
        (Some(imap), Some(smtp)) => Target::given(&address, imap, smtp),
        _ => {
            let opts = a.discovery.options(l, given.ca_file.as_deref())?;
            let found = find_servers(l, &address, &opts).map_err(|Exit(_, m)| Exit(1, m))?;
            Target::from_detection(Arc::new(found))
        }
    };
    let (credential, warnings) = if a.oauth {
        (
            browser(
                l,
                (a.no_browser, a.json),
                &target,
                &address,
                given.ca_file.as_deref(),
            )?,
            Vec::new(),
        )
    } else {
        password(l, &a, &target)?
    };
    let provider = target.provider();
    let attempt = Attempt {
        timeout: Duration::from_secs(a.timeout.max(1)),
        send_test: a.send_test,
        round_trip: a.round_trip.then(|| messages::letter(l)),
        ..Attempt::new(address.clone(), target, given, credential)
    };
    let prepared = attempt
        .prepare()
        .map_err(|e| Exit(2, messages::setup_error(l, &e)))?;
    if !a.json {
        errln!(
            "{}",
            l.tr_args(
                msg::CLI_CHECK_START,
                &[("address", address.to_string().into())]
            )
        );
    }
    let runtime = runtime()?;
    // Only a saved sign-in is renewed first (and can fail so); `check` starts from a new one.
    let outcome = runtime.block_on(prepared.run(None, None)).map_err(|e| {
        let text = provider.map(|p| messages::oauth_error(l, &e, p));
        Exit(1, text.unwrap_or_default())
    })?;
    drop(runtime);
    let report = &outcome.report;

    // Saving happens outside the runtime: the keyring client blocks.
    // A --ca-file the check trusted is kept with the account, for its re-tests.
    let ca = ca_file.as_deref();
    let saved = (a.save && report.ok()).then(|| {
        Store::open_default()
            .and_then(|s| {
                let account = mailsetup::store::Account {
                    name: a.name.as_deref().and_then(mailsetup::sender::clean),
                    ..setup::account(report)
                };
                setup::save(&s, account, &outcome.keep, a.replace, ca)
            })
            .map_err(|e| messages::store_error(l, &e))
    });
    print_outcome(l, &a, report, &warnings, saved.as_ref());
    match saved {
        Some(Err(e)) => Err(Exit(1, if a.json { String::new() } else { e })),
        _ if report.ok() => Ok(()),
        _ => Err(Exit(1, String::new())),
    }
}

/// A typed code or password (standard input), with the warnings about it.
fn password(
    l: &Localizer,
    a: &CheckArgs,
    target: &Target,
) -> Result<(Credential, Vec<String>), Exit> {
    if !a.password_stdin {
        return Err(Exit(2, l.tr(msg::CLI_PASSWORD_STDIN_REQUIRED)));
    }
    let secret = read_secret(l, target.provider())?;
    // Certainly wrong (empty, a QQ number or login password, a password where only OAuth
    // works): said here, and nothing goes to the server.
    let warnings: Vec<String> = setup::check_credential(target.provider(), &secret)
        .map_err(|e| Exit(2, messages::credential_error(l, &e)))?
        .map(|(p, w)| messages::code_warning(l, p, &w))
        .into_iter()
        .collect();
    if !a.json {
        for w in &warnings {
            errln!(
                "{}",
                l.tr_args(msg::CLI_WARNING, &[("text", w.clone().into())])
            );
        }
    }
    Ok((Credential::Password(secret), warnings))
}

/// The browser sign-in: the provider's page opens (or, with --no-browser, its address is
/// printed for whoever is at this computer), and the loopback listener takes the code.
/// `(no_browser, json)`: the command's options.
pub(super) fn browser(
    l: &Localizer,
    (no_browser, json): (bool, bool),
    target: &Target,
    address: &Address,
    ca_file: Option<&Path>,
) -> Result<Credential, Exit> {
    let provider = target
        .provider()
        .filter(|p| p.oauth.is_some())
        .ok_or_else(|| {
            let name = target
                .provider()
                .map(|p| l.tr(&p.name))
                .unwrap_or_else(|| address.domain().to_string());
            Exit(
                2,
                l.tr_args(msg::OAUTH_NOT_OFFERED, &[("provider", name.into())]),
            )
        })?;
    let minutes: u64 = oauth::SIGN_IN_TIMEOUT.as_secs() / 60;
    let open = |url: &str| {
        let company = messages::oauth_company(l, provider);
        if !no_browser && open::that_detached(url).is_ok() {
            let args = [("provider", company.into()), ("minutes", minutes.into())];
            errln!("{}", l.tr_args(msg::CLI_OAUTH_OPEN, &args));
            return;
        }
        errln!(
            "{}",
            l.tr_args(msg::CLI_OAUTH_URL, &[("minutes", minutes.into())])
        );
        // Alone on its line, on standard output (standard error with --json, which keeps
        // standard output for the JSON): support staff copy it, scripts read it.
        if json {
            errln!("{url}");
        } else {
            outln!("{url}");
        }
    };
    let pages = messages::oauth_pages(l);
    let credential = runtime()?
        .block_on(setup::browser_sign_in(
            provider,
            &Default::default(),
            ca_file,
            &pages,
            open,
        ))
        .map_err(|e| Exit(1, messages::oauth_error(l, &e, provider)))?;
    if !json {
        errln!("{}", l.tr(msg::CLI_OAUTH_SIGNED_IN));
    }
    Ok(credential)
}

/// The check's outcome, and where it was saved (or why not), as JSON or as text.
fn print_outcome(
    l: &Localizer,
    a: &CheckArgs,
    report: &CheckReport,
    warnings: &[String],
    saved: Option<&Result<mailsetup::store::Saved, String>>,
) {
    if a.json {
        let v = mailsetup::present::json::CheckJson {
            warnings: Some(warnings.to_vec()),
            saved: Some(matches!(saved, Some(Ok(_)))),
            save_error: saved.and_then(|s| s.as_ref().err().cloned()),
            ..mailsetup::present::json::CheckJson::new(l, report)
        };
        print_json(&v);
        return;
    }
    print_human(l, report);
    if let Some(Ok(s)) = saved {
        if let Some(aside) = &s.set_aside {
            outln!("{}", messages::set_aside(l, aside));
        }
        outln!("{}", messages::saved(l, &s.path, report.sign_in));
    }
}

pub(super) fn print_human(l: &Localizer, report: &CheckReport) {
    for r in [&report.imap, &report.smtp] {
        print_probe(l, report, r);
    }
    if let Some(t) = &report.round_trip {
        outln!("{} {}", round_trip_mark(t), messages::round_trip(l, t));
    }
    outln!();
    outln!(
        "{}",
        l.tr(if report.ok() {
            msg::CLI_ALL_OK
        } else {
            msg::CLI_SOME_FAILED
        })
    );
}

/// Arrived in INBOX ✓; in the spam folder or not (yet) at all: a warning, not a failure.
fn round_trip_mark(t: &mailsetup::probe::roundtrip::RoundTrip) -> &'static str {
    match t.arrived {
        mailsetup::probe::roundtrip::Arrived::Inbox => "✓",
        _ => "!",
    }
}

pub(super) fn print_probe(l: &Localizer, report: &CheckReport, r: &ProbeReport) {
    let proto: FluentValue<'_> = l.tr(r.protocol.message_id()).into();
    let d = report.diagnosis(r);
    match (&r.error, &d) {
        (Some(e), Some(d)) => {
            let advice = messages::advice(l, d, r, report.provider.as_deref());
            outln!(
                "✗ {}",
                l.tr_args(
                    msg::CLI_CHECK_FAILED,
                    &[("protocol", proto), ("advice", advice.into())]
                )
            );
            if let Some(text) = &e.server_text {
                outln!(
                    "    {}",
                    l.tr_args(msg::SERVER_SAID, &[("text", text.clone().into())])
                );
            }
            if let Some(url) = &d.help_url {
                outln!(
                    "    {}",
                    l.tr_args(msg::CLI_HELP_LINK, &[("url", url.clone().into())])
                );
            }
        }
        _ => outln!("✓ {}", l.tr_args(msg::CLI_CHECK_OK, &[("protocol", proto)])),
    }
    let stages: Vec<String> = r
        .stages
        .iter()
        .map(|s| {
            l.tr_args(
                msg::CLI_STAGE,
                &[
                    ("stage", l.tr(s.stage.message_id()).into()),
                    ("ms", s.ms.into()),
                ],
            )
        })
        .collect();
    outln!("    {}", stages.join(" → "));
}
