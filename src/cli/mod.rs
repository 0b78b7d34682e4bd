//! Command line: `providers`, `detect`, `check`, `accounts`, `remove`. Human output is localised;
//! `--json` output is stable (docs/cli.md). Exit codes: 0 ok, 1 check failed / not found, 2 usage.

#[macro_use]
mod output;
mod accounts;
mod args;
mod check;
mod detect;
mod export;
mod handoff;
mod providers;
mod repair;
mod report;

use accounts::{accounts, remove};
use args::*;
use check::run_check;
use detect::{detect, find_servers};
use export::export;
use handoff::{add_to, apps, secret};
use output::*;
use providers::providers;
use repair::repair;
use report::report;

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{CommandFactory, FromArgMatches};
use mailsetup::address::Address;
use mailsetup::catalog::{Endpoint, Security};
use mailsetup::i18n::{Lang, Localizer, msg};
use mailsetup::present::messages;
use mailsetup::probe::tls;
use mailsetup::setup;

/// A user-facing failure: the message is already localised.
struct Exit(u8, String);

pub fn main() -> ExitCode {
    init_tracing();
    let args: Vec<String> = std::env::args().collect();
    // A setup link, as the desktop or the browser hands it over (`mailsetup %u`).
    if let [_, link] = args.as_slice()
        && mailsetup::link::is_link(link)
    {
        return finish(open_link(link));
    }
    let lang = Lang::detect(lang_arg(&args).as_deref());
    let l = Localizer::new(lang);
    let cmd = Cli::command().about(l.tr(msg::CLI_ABOUT));
    let cli = match cmd
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    if let Some(tag) = cli.lang.as_deref()
        && Lang::from_tag(tag).is_none()
    {
        errln!(
            "{}",
            l.tr_args(msg::CLI_LANG_UNKNOWN, &[("lang", tag.into())])
        );
    }
    let result = match cli.command {
        // The window has its own strings: this copy of them need not stay in memory meanwhile.
        None => open_wizard(l, cli),
        Some(Command::Providers { json }) => providers(&l, json),
        Some(Command::Detect {
            address,
            json,
            discovery,
            ca_file,
        }) => discovery
            .options(&l, ca_file.as_deref())
            .and_then(|opts| detect(&l, &address, json, &opts)),
        Some(Command::Check(a)) => run_check(&l, a),
        Some(Command::Accounts { json }) => accounts(&l, json),
        Some(Command::Remove { address }) => remove(&l, &address),
        Some(Command::Report(a)) => report(&l, a),
        Some(Command::Repair(a)) => repair(&l, a),
        Some(Command::Apps { json }) => apps(&l, json),
        Some(Command::AddTo {
            app,
            address,
            profile,
        }) => add_to(&l, app, &address, profile.as_deref()),
        Some(Command::Secret {
            address,
            access_token,
            ca_file,
        }) => secret(&l, &address, access_token, ca_file.as_deref()),
        Some(Command::Export {
            address,
            format,
            include_password,
            output,
        }) => export(
            &l,
            &address,
            format.into(),
            include_password,
            output.as_deref(),
        ),
    };
    finish(result)
}

fn finish(result: Result<(), Exit>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Exit(code, message)) => {
            if !message.is_empty() {
                errln!("{message}");
            }
            ExitCode::from(code)
        }
    }
}

/// Opens the wizard as a setup link asks; a link that cannot be used opens it on the start
/// screen with a sentence saying why (it was clicked, so nobody reads a terminal).
fn open_link(link: &str) -> Result<(), Exit> {
    let parsed = mailsetup::link::parse(link);
    let lang = Lang::detect(mailsetup::link::lang(link).map(Lang::tag));
    let l = Localizer::new(lang);
    let notice = parsed.as_ref().err().map(|e| messages::link_error(&l, e));
    if !has_display() {
        return Err(Exit(2, notice.unwrap_or_else(|| l.tr(msg::CLI_NO_DISPLAY))));
    }
    let link = parsed.unwrap_or_default();
    drop(l);
    run_window(crate::gui::Launch {
        lang,
        provider: link.provider,
        address: link.address,
        notice,
        from_link: true,
        accounts: setup::Accounts::open_default(),
        ..crate::gui::Launch::default()
    })
}

/// The window, where the display named cannot be opened (an expired `ssh -X`, a stopped Xvfb)
/// said as "no display", not as the window library's panic with an English backtrace.
fn run_window(launch: crate::gui::Launch) -> Result<(), Exit> {
    let lang = launch.lang;
    let no_display = || Exit(2, Localizer::new(lang).tr(msg::CLI_NO_DISPLAY));
    // Held until the window has closed (see gui/display.rs).
    let display = crate::gui::display::open();
    if matches!(display, crate::gui::display::Display::Missing) {
        return Err(no_display());
    }
    // winit panics when it cannot open the display after all.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| crate::gui::run(launch)));
    std::panic::set_hook(hook);
    drop(display);
    match ran {
        Ok(r) => r.map_err(|e| Exit(1, e.to_string())),
        Err(panic) => {
            let text = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or_default()
                .to_lowercase();
            if text.contains("event loop") || text.contains("display") {
                return Err(no_display());
            }
            std::panic::resume_unwind(panic)
        }
    }
}

fn open_wizard(l: Localizer, cli: Cli) -> Result<(), Exit> {
    if !has_display() {
        return Err(Exit(2, l.tr(msg::CLI_NO_DISPLAY)));
    }
    // The login name is filled in per address by the wizard.
    let servers = cli.servers.servers(&l, "")?;
    let discovery = cli.discovery.options(&l, servers.ca_file.as_deref())?;
    let lang = l.lang();
    drop(l);
    let saved = crate::gui::SessionSaves::default();
    run_window(crate::gui::Launch {
        lang,
        provider: cli.provider,
        address: cli.address,
        discovery,
        servers,
        accounts: setup::Accounts::open_default(),
        export_dir: None,
        notice: None,
        from_link: false,
        browser: None,
        saved: saved.clone(),
        oauth: Default::default(),
        lan: None,
        pick_file: None,
        start_app: None,
        find_apps: None,
    })?;
    if !cli.result_json {
        return Ok(());
    }
    let accounts = std::mem::take(&mut *saved.lock().unwrap_or_else(|e| e.into_inner()));
    let none = accounts.is_empty();
    print_json(&mailsetup::present::json::WizardResultJson::new(accounts));
    if none {
        return Err(Exit(1, String::new()));
    }
    Ok(())
}

/// The language must be known before clap runs, to localise its help.
fn lang_arg(args: &[String]) -> Option<String> {
    args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
    })
}

/// Logs go to stderr, filtered by MAILSETUP_LOG. The `log` crate is deliberately not bridged:
/// async-imap traces raw commands (LOGIN included) through it.
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MAILSETUP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

fn parse_address(l: &Localizer, input: &str) -> Result<Address, Exit> {
    Address::parse(input).map_err(|e| Exit(2, messages::address_error(l, &e)))
}

fn runtime() -> Result<tokio::runtime::Runtime, Exit> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Exit(1, e.to_string()))
}

fn parse_endpoint(l: &Localizer, value: &str, username: &str) -> Result<Endpoint, Exit> {
    let bad = || {
        Exit(
            2,
            l.tr_args(
                msg::CLI_BAD_ENDPOINT,
                &[("value", value.to_string().into())],
            ),
        )
    };
    let mut parts = value.rsplitn(3, ':');
    let (Some(sec), Some(port), Some(host)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let security = match sec.to_ascii_lowercase().as_str() {
        "tls" | "ssl" => Security::Tls,
        "starttls" => Security::Starttls,
        _ => return Err(bad()),
    };
    let port: u16 = port.parse().map_err(|_| bad())?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() || port == 0 {
        return Err(bad());
    }
    Ok(Endpoint {
        host: host.to_string(),
        port,
        security,
        username: username.to_string(),
    })
}

/// The secret from stdin: the line's own end (`echo` adds one) is not part of it; the rest is
/// cleaned only if it is a provider's code (see `setup::secret`).
fn read_secret(
    l: &Localizer,
    provider: Option<&mailsetup::catalog::Provider>,
) -> Result<secrecy::SecretString, Exit> {
    let mut raw = String::new();
    std::io::stdin().read_to_string(&mut raw).map_err(|e| {
        Exit(
            2,
            l.tr_args(
                msg::CLI_PASSWORD_READ_FAILED,
                &[("reason", e.to_string().into())],
            ),
        )
    })?;
    let line = raw
        .strip_suffix("\r\n")
        .or_else(|| raw.strip_suffix('\n'))
        .unwrap_or(&raw);
    let secret = mailsetup::setup::secret(provider, line);
    // Overwrite the raw copy: it is about to be dropped, but need not linger in freed memory.
    raw.clear();
    raw.shrink_to_fit();
    Ok(secret)
}

fn tls_config(l: &Localizer, ca_file: Option<&Path>) -> Result<Arc<rustls::ClientConfig>, Exit> {
    tls::client_config(ca_file).map_err(|e| {
        let path = ca_file.map(|p| p.display().to_string()).unwrap_or_default();
        Exit(
            2,
            l.tr_args(
                msg::CA_FILE_FAILED,
                &[("path", path.into()), ("reason", e.to_string().into())],
            ),
        )
    })
}

/// Whether a window can open: on Linux and the BSDs only inside an X11 or Wayland session (over
/// SSH there is none, and the window library would panic).
fn has_display() -> bool {
    if cfg!(any(windows, target_os = "macos")) {
        return true;
    }
    ["WAYLAND_DISPLAY", "WAYLAND_SOCKET", "DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}
