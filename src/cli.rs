//! Command line: `providers`, `detect`, `check`, `accounts`, `remove`. Human output is localised;
//! `--json` output is stable (see README). Exit codes: 0 ok, 1 check failed / not found, 2 usage.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use fluent_bundle::FluentValue;
use mailsetup::address::{Address, normalize_code};
use mailsetup::catalog::{Catalog, Endpoint, Provider, Security};
use mailsetup::check::{self, CheckReport, CheckRequest};
use mailsetup::discover::{self, DetectOptions, Detection};
use mailsetup::i18n::{Lang, Localizer, msg};
use mailsetup::messages;
use mailsetup::probe::{ProbeReport, tls};
use mailsetup::store::{Account, Store};
use serde_json::{Value, json};

/// `println!` for the CLI: a reader that goes away (`mailsetup providers | head -1`) ends the
/// program quietly, as a Unix tool should, instead of panicking; any other write error (a full
/// disk) is reported and exits 1.
macro_rules! outln {
    () => { write_out(format_args!("\n")) };
    ($($t:tt)*) => { write_out(format_args!("{}\n", format_args!($($t)*))) };
}

/// `eprintln!` that never panics: with stderr closed there is nobody left to tell.
macro_rules! errln {
    ($($t:tt)*) => {{ let _ = writeln!(std::io::stderr(), $($t)*); }};
}

fn write_out(args: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        if reader_left(&e) {
            std::process::exit(0);
        }
        let args: Vec<String> = std::env::args().collect();
        let l = Localizer::new(Lang::detect(lang_arg(&args).as_deref()));
        errln!(
            "{}",
            l.tr_args(msg::CLI_OUTPUT_FAILED, &[("reason", e.to_string().into())])
        );
        std::process::exit(1);
    }
}

/// The reader of our output has gone away. Windows also reports this as
/// ERROR_PIPE_NOT_CONNECTED (233), which Rust does not map to `BrokenPipe`.
fn reader_left(e: &std::io::Error) -> bool {
    const ERROR_PIPE_NOT_CONNECTED: i32 = 233;
    e.kind() == std::io::ErrorKind::BrokenPipe
        || (cfg!(windows) && e.raw_os_error() == Some(ERROR_PIPE_NOT_CONNECTED))
}

#[derive(Parser, Debug)]
#[command(name = "mailsetup", version)]
struct Cli {
    /// Language: zh-CN, zh-TW or en (default: MAILSETUP_LANG, then the system's).
    #[arg(long, global = true)]
    lang: Option<String>,
    /// Open the wizard on this provider's steps (support staff), e.g. `--provider qq`.
    #[arg(long)]
    provider: Option<String>,
    /// Prefill the address in the wizard.
    #[arg(long)]
    address: Option<String>,
    #[command(flatten)]
    servers: ServerArgs,
    #[command(flatten)]
    discovery: DiscoveryArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List the known providers.
    Providers {
        #[arg(long)]
        json: bool,
    },
    /// Find the provider and servers of an address (catalog, MX, autoconfig, SRV, ISPDB, guessing).
    Detect {
        address: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        discovery: DiscoveryArgs,
        /// Extra trusted CA certificates (PEM) for autoconfig and guessing.
        #[arg(long, value_name = "PEM")]
        ca_file: Option<PathBuf>,
    },
    /// Test IMAP and SMTP sign-in live (the code is read from standard input).
    Check(CheckArgs),
    /// List saved accounts.
    Accounts {
        #[arg(long)]
        json: bool,
    },
    /// Remove a saved account and its code.
    Remove { address: String },
    /// The redacted diagnostic report for support: how the servers were found and, with a
    /// saved account or --password-stdin, every stage of the sign-in test. Never the code.
    Report(ReportArgs),
    /// Settings of a saved account for another mail client.
    Export {
        address: String,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Put the code into the file (mobileconfig only; keep the file private).
        #[arg(long)]
        include_password: bool,
        /// Write here instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
struct ReportArgs {
    /// The address to report on (omit for the app and saved accounts only).
    address: Option<String>,
    /// Test the sign-in with a code read from standard input (else the saved one, if any).
    #[arg(long)]
    password_stdin: bool,
    #[command(flatten)]
    servers: ServerArgs,
    #[command(flatten)]
    discovery: DiscoveryArgs,
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ExportFormat {
    /// Thunderbird autoconfig XML (config-v1.1.xml)
    Thunderbird,
    /// Apple Mail / iPhone configuration profile
    Mobileconfig,
}

impl From<ExportFormat> for mailsetup::export::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Thunderbird => mailsetup::export::Format::Thunderbird,
            ExportFormat::Mobileconfig => mailsetup::export::Format::Mobileconfig,
        }
    }
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    address: String,
    /// Read the authorization code from standard input (the only way to give it).
    #[arg(long)]
    password_stdin: bool,
    #[command(flatten)]
    servers: ServerArgs,
    #[command(flatten)]
    discovery: DiscoveryArgs,
    /// Overall deadline in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    timeout: u64,
    /// Save to the keyring and accounts.json when both checks pass.
    #[arg(long)]
    save: bool,
    /// With --save: replace an account already saved for this address.
    #[arg(long, requires = "save")]
    replace: bool,
    /// Also send one test message to the address itself.
    #[arg(long)]
    send_test: bool,
    #[arg(long)]
    json: bool,
}

/// How `detect` and `check` look beyond the catalog.
#[derive(clap::Args, Debug)]
struct DiscoveryArgs {
    /// Ask this DNS server (IP:PORT) instead of the system's.
    #[arg(long, value_name = "IP:PORT")]
    dns_server: Option<std::net::SocketAddr>,
    /// Catalog only: no DNS or other network lookups.
    #[arg(long)]
    no_network: bool,
    /// ISPDB-format database to ask (HTTPS), default Thunderbird's.
    #[arg(long, value_name = "URL")]
    ispdb_url: Option<String>,
    /// Time limit for finding the servers, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 5)]
    discovery_timeout: u64,
}

impl DiscoveryArgs {
    fn options(&self, l: &Localizer, ca_file: Option<&Path>) -> Result<DetectOptions, Exit> {
        Ok(DetectOptions {
            dns_server: self.dns_server,
            no_network: self.no_network,
            tls: Some(tls_config(l, ca_file)?),
            ispdb_url: self.ispdb_url.clone(),
            deadline: Some(Duration::from_secs(self.discovery_timeout.max(1))),
        })
    }
}

fn tls_config(l: &Localizer, ca_file: Option<&Path>) -> Result<Arc<rustls::ClientConfig>, Exit> {
    tls::client_config(ca_file).map_err(|e| {
        let path = ca_file.map(|p| p.display().to_string()).unwrap_or_default();
        Exit(
            2,
            l.tr_args(
                msg::CLI_CA_FILE_FAILED,
                &[("path", path.into()), ("reason", e.to_string().into())],
            ),
        )
    })
}

/// Servers to test instead of the catalog's, for `check` and for the wizard.
#[derive(clap::Args, Debug)]
struct ServerArgs {
    /// IMAP server as HOST:PORT:tls|starttls (default: from the catalog).
    #[arg(long, value_name = "HOST:PORT:SECURITY")]
    imap: Option<String>,
    /// SMTP server as HOST:PORT:tls|starttls (default: from the catalog).
    #[arg(long, value_name = "HOST:PORT:SECURITY")]
    smtp: Option<String>,
    /// Extra trusted CA certificates (PEM), e.g. a company's own CA.
    #[arg(long, value_name = "PEM")]
    ca_file: Option<PathBuf>,
}

/// A user-facing failure: the message is already localised.
struct Exit(u8, String);

pub fn main() -> ExitCode {
    init_tracing();
    let args: Vec<String> = std::env::args().collect();
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
        None => open_wizard(&l, cli),
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

fn open_wizard(l: &Localizer, cli: Cli) -> Result<(), Exit> {
    // The login name is filled in per address by the wizard.
    let endpoint = |v: &Option<String>| v.as_deref().map(|v| parse_endpoint(l, v, "")).transpose();
    let servers = crate::gui::Servers {
        imap: endpoint(&cli.servers.imap)?,
        smtp: endpoint(&cli.servers.smtp)?,
        ca_file: cli.servers.ca_file,
    };
    crate::gui::run(crate::gui::Launch {
        lang: l.lang(),
        provider: cli.provider,
        address: cli.address,
        discovery: cli.discovery.options(l, servers.ca_file.as_deref())?,
        servers,
    })
    .map_err(|e| Exit(1, e.to_string()))
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

fn print_json(v: &Value) {
    let text = serde_json::to_string_pretty(v).unwrap_or_default();
    outln!("{text}");
}

fn endpoint_json(e: &Endpoint) -> Value {
    json!({"host": e.host, "port": e.port, "security": e.security.as_str(), "username": e.username})
}

fn providers(l: &Localizer, as_json: bool) -> Result<(), Exit> {
    let c = Catalog::builtin();
    if as_json {
        let list: Vec<Value> = c
            .providers
            .iter()
            .map(|p| {
                json!({
                    "id": p.id, "name": l.tr(&p.name), "kind": p.kind, "domains": p.domains,
                    "credential": p.credential, "imap": p.imap, "smtp": p.smtp, "links": p.links,
                })
            })
            .collect();
        print_json(&json!({ "providers": list }));
        return Ok(());
    }
    outln!("{}", l.tr(msg::CLI_PROVIDERS_HEADER));
    for p in &c.providers {
        outln!("  {:<18} {}  {}", p.id, l.tr(&p.name), p.domains.join(", "));
    }
    Ok(())
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

/// The servers of an address, from the catalog or discovery. Not found: the localised reason.
fn find_servers(l: &Localizer, address: &Address, opts: &DetectOptions) -> Result<Detection, Exit> {
    runtime()?
        .block_on(discover::detect(address, opts))
        .map_err(|e| {
            tracing::info!("detection: {e}");
            Exit(1, not_found(l, &e))
        })
}

/// Discovery's reason, and for the command line how to go on without it.
fn not_found(l: &Localizer, e: &discover::DiscoverError) -> String {
    format!(
        "{}\n{}",
        messages::discover_error(l, e),
        l.tr(msg::CLI_DETECT_UNKNOWN)
    )
}

fn admin_note(l: &Localizer, d: &Detection) -> Option<String> {
    let p = d.provider.filter(|_| d.needs_admin())?;
    Some(l.tr_args(
        msg::DETECT_ADMIN_NOTE,
        &[("provider", l.tr(&p.name).into())],
    ))
}

fn attempts_json(attempts: &[discover::Attempt]) -> Value {
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

fn pages_json(pages: &[discover::autoconfig::Page]) -> Value {
    pages
        .iter()
        .map(|p| json!({"url": p.url, "texts": p.texts.iter().map(|t| json!({"lang": t.lang, "text": t.text})).collect::<Vec<_>>()}))
        .collect()
}

fn detect(l: &Localizer, input: &str, as_json: bool, opts: &DetectOptions) -> Result<(), Exit> {
    let address = parse_address(l, input)?;
    let detection = runtime()?.block_on(discover::detect(&address, opts));
    if as_json {
        let v = match &detection {
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
        };
        print_json(&v);
        return match detection {
            Ok(_) => Ok(()),
            Err(_) => Err(Exit(1, String::new())),
        };
    }
    let d = detection.map_err(|e| Exit(1, not_found(l, &e)))?;
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
    if let Some(note) = admin_note(l, &d) {
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
        return Ok(());
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
    Ok(())
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

fn read_secret(l: &Localizer) -> Result<secrecy::SecretString, Exit> {
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
    let secret = normalize_code(&raw);
    // Overwrite the raw copy: it is about to be dropped, but need not linger in freed memory.
    raw.clear();
    raw.shrink_to_fit();
    Ok(secret)
}

fn run_check(l: &Localizer, a: CheckArgs) -> Result<(), Exit> {
    let address = parse_address(l, &a.address)?;
    // With both servers given, no lookup is needed: the catalog alone names the provider.
    let detection: Option<Detection> = if a.servers.imap.is_some() && a.servers.smtp.is_some() {
        Catalog::builtin()
            .by_domain(address.domain())
            .map(|p| Detection::from_provider(p, &address, discover::Source::Catalog))
    } else {
        let opts = a.discovery.options(l, a.servers.ca_file.as_deref())?;
        Some(find_servers(l, &address, &opts).map_err(|Exit(_, m)| Exit(1, m))?)
    };
    let provider: Option<&Provider> = detection.as_ref().and_then(|d| d.provider);
    let (cat_imap, cat_smtp) = match &detection {
        Some(d) => {
            let (i, s) = d.endpoints(&address);
            (Some(i), Some(s))
        }
        None => (None, None),
    };
    let user = address.to_string();
    let pick = |given: &Option<String>, found: Option<Endpoint>| -> Result<Endpoint, Exit> {
        match (given, found) {
            (Some(v), found) => {
                let username = found.map(|c| c.username).unwrap_or_else(|| user.clone());
                parse_endpoint(l, v, &username)
            }
            (None, Some(c)) => Ok(c),
            (None, None) => Err(Exit(
                2,
                l.tr_args(
                    msg::CLI_DETECT_UNKNOWN,
                    &[("domain", address.domain().to_string().into())],
                ),
            )),
        }
    };
    let imap = pick(&a.servers.imap, cat_imap)?;
    let smtp = pick(&a.servers.smtp, cat_smtp)?;
    if !a.password_stdin {
        return Err(Exit(2, l.tr(msg::CLI_PASSWORD_STDIN_REQUIRED)));
    }
    let secret = read_secret(l)?;
    let mut warnings = Vec::new();
    match provider.and_then(|p| p.check_code(&secret).map(|w| (p, w))) {
        // Certainly wrong (empty, a QQ number or login password, a password where only OAuth
        // works): said here, and nothing goes to the server.
        Some((p, w)) if w.is_certain() => {
            return Err(Exit(2, messages::code_warning(l, p, &w)));
        }
        Some((p, w)) => warnings.push(messages::code_warning(l, p, &w)),
        None if mailsetup::address::secret_len(&secret) == 0 => {
            return Err(Exit(
                2,
                l.tr_args(
                    msg::CODE_EMPTY,
                    &[("credential", l.tr(msg::CREDENTIAL_PASSWORD).into())],
                ),
            ));
        }
        None => {}
    }
    if !a.json {
        for w in &warnings {
            errln!(
                "{}",
                l.tr_args(msg::CLI_WARNING, &[("text", w.clone().into())])
            );
        }
    }
    let tls = tls_config(l, a.servers.ca_file.as_deref())?;
    let request = CheckRequest {
        address: address.clone(),
        provider: provider.map(|p| p.id.clone()),
        imap,
        smtp,
        secret,
        tls,
        timeout: Duration::from_secs(a.timeout.max(1)),
        stage_timeout: check::DEFAULT_STAGE_TIMEOUT,
        send_test: a.send_test,
    };
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
    let mut saved = None;
    let mut save_error = None;
    if a.save && report.ok() {
        let account = Account {
            address: address.to_string(),
            provider: request.provider.clone(),
            imap: request.imap.clone(),
            smtp: request.smtp.clone(),
            saved_at: 0,
        };
        match Store::open_default().and_then(|s| s.save(account, &request.secret, a.replace)) {
            Ok(s) => saved = Some(s),
            Err(e) => save_error = Some(messages::store_error(l, &e)),
        }
    }

    if a.json {
        let mut v = report.to_json(l);
        v["warnings"] = json!(warnings);
        v["saved"] = json!(saved.is_some());
        if let Some(e) = &save_error {
            v["save_error"] = json!(e);
        }
        print_json(&v);
    } else {
        print_human(l, &report);
        if let Some(s) = &saved {
            if let Some(aside) = &s.set_aside {
                outln!(
                    "{}",
                    l.tr_args(
                        msg::STORE_FILE_CORRUPT,
                        &[("path", messages::path(aside).into())]
                    )
                );
            }
            outln!("{}", messages::saved(l, &s.path));
        }
    }
    if let Some(e) = save_error {
        return Err(Exit(1, if a.json { String::new() } else { e }));
    }
    if report.ok() {
        Ok(())
    } else {
        Err(Exit(1, String::new()))
    }
}

fn print_human(l: &Localizer, report: &CheckReport) {
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

fn print_probe(l: &Localizer, report: &CheckReport, r: &ProbeReport) {
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

fn accounts(l: &Localizer, as_json: bool) -> Result<(), Exit> {
    let store = Store::open_default().map_err(|e| Exit(1, messages::store_error(l, &e)))?;
    let loaded = store
        .load()
        .map_err(|e| Exit(1, messages::store_error(l, &e)))?;
    if let Some(aside) = &loaded.set_aside {
        errln!(
            "{}",
            l.tr_args(
                msg::STORE_FILE_CORRUPT,
                &[("path", messages::path(aside).into())]
            )
        );
    }
    if as_json {
        print_json(&json!({"accounts": loaded.accounts, "set_aside": loaded.set_aside}));
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
    }
    Ok(())
}

fn remove(l: &Localizer, input: &str) -> Result<(), Exit> {
    let address = parse_address(l, input)?.to_string();
    let store = Store::open_default().map_err(|e| Exit(1, messages::store_error(l, &e)))?;
    match store.remove(&address) {
        Ok(true) => {
            outln!(
                "{}",
                l.tr_args(msg::STORE_REMOVED, &[("address", address.into())])
            );
            Ok(())
        }
        Ok(false) => Err(Exit(
            1,
            l.tr_args(msg::STORE_NOT_FOUND, &[("address", address.into())]),
        )),
        Err(e) => Err(Exit(1, messages::store_error(l, &e))),
    }
}

/// `report`: discovery and, when a code is at hand, the whole check; text or JSON.
fn report(l: &Localizer, a: ReportArgs) -> Result<(), Exit> {
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
            (Some((imap, smtp)), Some(secret)) => {
                let request = CheckRequest {
                    address: address.clone(),
                    provider: r
                        .discovery
                        .as_ref()
                        .and_then(|d| d.provider.clone())
                        .or_else(|| {
                            Catalog::builtin()
                                .by_domain(address.domain())
                                .map(|p| p.id.clone())
                        }),
                    imap,
                    smtp,
                    secret,
                    tls: tls_config(l, a.servers.ca_file.as_deref())?,
                    timeout: check::DEFAULT_TIMEOUT,
                    stage_timeout: check::DEFAULT_STAGE_TIMEOUT,
                    send_test: false,
                };
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

/// `export`: a saved account's settings as a Thunderbird or Apple file.
fn export(
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
