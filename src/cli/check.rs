//! `mailsetup check`: the live IMAP + SMTP test through `mailsetup::setup`, and `--save`.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use fluent_bundle::FluentValue;
use mailsetup::check::{self, CheckReport, CheckRequest};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::messages;
use mailsetup::oauth::{self, OAuthError};
use mailsetup::probe::ProbeReport;
use mailsetup::setup::{self, Target};
use mailsetup::store::Store;
use secrecy::SecretString;

use super::*;

pub(super) fn run_check(l: &Localizer, a: CheckArgs) -> Result<(), Exit> {
    let address = parse_address(l, &a.address)?;
    let user = address.to_string();
    let given = a.servers.servers(l, &user)?;
    // With both servers given, no lookup is needed: the catalog alone names the provider.
    let target = match (&given.imap, &given.smtp) {
        (Some(imap), Some(smtp)) => Target::given(&address, imap, smtp),
        _ => {
            let opts = a.discovery.options(l, given.ca_file.as_deref())?;
            let found = find_servers(l, &address, &opts).map_err(|Exit(_, m)| Exit(1, m))?;
            Target::from_detection(Arc::new(found))
        }
    };
    let servers = target
        .servers(&address, &given)
        .map_err(|e| Exit(2, messages::setup_error(l, &e)))?;
    let ca_file = given.ca_file.as_deref();
    let (mut request, keep, warnings) = if a.oauth {
        let (request, refresh) = oauth_request(l, &a, &target, &address, servers, ca_file)?;
        (request, refresh, Vec::new())
    } else {
        password_request(l, &a, &target, &address, servers, ca_file)?
    };
    request.timeout = Duration::from_secs(a.timeout.max(1));
    request.send_test = a.send_test;
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
    let report = runtime.block_on(check::run(&request, None));
    drop(runtime);

    // Saving happens outside the runtime: the keyring client blocks.
    let saved = (a.save && report.ok()).then(|| {
        Store::open_default()
            .and_then(|s| s.save(setup::account(&report), &keep, a.replace))
            .map_err(|e| messages::store_error(l, &e))
    });
    print_outcome(l, &a, &report, &warnings, saved.as_ref());
    match saved {
        Some(Err(e)) => Err(Exit(1, if a.json { String::new() } else { e })),
        _ if report.ok() => Ok(()),
        _ => Err(Exit(1, String::new())),
    }
}

/// The check of a typed code or password (standard input), with the warnings about it.
fn password_request(
    l: &Localizer,
    a: &CheckArgs,
    target: &Target,
    address: &Address,
    servers: (Endpoint, Endpoint),
    ca_file: Option<&Path>,
) -> Result<(CheckRequest, SecretString, Vec<String>), Exit> {
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
    let request = setup::request(target.provider(), address, servers, secret.clone(), ca_file)
        .map_err(|e| Exit(2, messages::setup_error(l, &e)))?;
    Ok((request, secret, warnings))
}

/// The browser sign-in: the provider's page opens (or, with --no-browser, its address is
/// printed for whoever is at this computer), the loopback listener takes the code, and the
/// check runs with the access token. Returns the check and the refresh token to keep.
fn oauth_request(
    l: &Localizer,
    a: &CheckArgs,
    target: &Target,
    address: &Address,
    servers: (Endpoint, Endpoint),
    ca_file: Option<&Path>,
) -> Result<(CheckRequest, SecretString), Exit> {
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
    let fail = |e: OAuthError| Exit(1, messages::oauth_error(l, &e, provider));
    let minutes: u64 = oauth::SIGN_IN_TIMEOUT.as_secs() / 60;
    let runtime = runtime()?;
    let tokens = runtime.block_on(async {
        let pending = setup::sign_in(provider).await.map_err(fail)?;
        let company = messages::oauth_company(l, provider);
        let opened = !a.no_browser && open::that_detached(&pending.url).is_ok();
        if opened {
            errln!(
                "{}",
                l.tr_args(
                    msg::CLI_OAUTH_OPEN,
                    &[("provider", company.into()), ("minutes", minutes.into())]
                )
            );
        } else {
            errln!(
                "{}",
                l.tr_args(msg::CLI_OAUTH_URL, &[("minutes", minutes.into())])
            );
            // Alone on its line, on standard output (standard error with --json, which keeps
            // standard output for the JSON): support staff copy it, scripts read it.
            if a.json {
                errln!("{}", pending.url);
            } else {
                outln!("{}", pending.url);
            }
        }
        let http = oauth::Http::new(ca_file).map_err(fail)?;
        pending
            .finish(&messages::oauth_pages(l), &http, oauth::SIGN_IN_TIMEOUT)
            .await
            .map_err(fail)
    })?;
    if !a.json {
        errln!("{}", l.tr(msg::CLI_OAUTH_SIGNED_IN));
    }
    let refresh = tokens
        .refresh
        .ok_or_else(|| fail(OAuthError::NoRefreshToken))?;
    let request = setup::oauth_request(provider, address, servers, tokens.access, ca_file)
        .map_err(|e| Exit(2, messages::setup_error(l, &e)))?;
    Ok((request, refresh))
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
        let v = mailsetup::json::CheckJson {
            warnings: Some(warnings.to_vec()),
            saved: Some(matches!(saved, Some(Ok(_)))),
            save_error: saved.and_then(|s| s.as_ref().err().cloned()),
            ..mailsetup::json::CheckJson::new(l, report)
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
                    l.tr_args(msg::CLI_SERVER_SAID, &[("text", text.clone().into())])
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
