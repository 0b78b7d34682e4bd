//! The command line's arguments (clap).

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Parser, Subcommand};
use mailsetup::discover::DetectOptions;
use mailsetup::i18n::Localizer;

use mailsetup::setup::Servers;

use super::*;

#[derive(Parser, Debug)]
#[command(name = "mailsetup", version)]
pub(super) struct Cli {
    /// Language: zh-CN, zh-TW or en (default: MAILSETUP_LANG, then the system's).
    #[arg(long, global = true)]
    pub(super) lang: Option<String>,
    /// Open the wizard on this provider's steps (support staff), e.g. `--provider qq`.
    #[arg(long)]
    pub(super) provider: Option<String>,
    /// Prefill the address in the wizard.
    #[arg(long)]
    pub(super) address: Option<String>,
    /// When the wizard closes, print what was saved as JSON on standard output; exit 0 when
    /// an account was saved, 1 when the window was closed without saving one.
    #[arg(long)]
    pub(super) result_json: bool,
    #[command(flatten)]
    pub(super) servers: ServerArgs,
    #[command(flatten)]
    pub(super) discovery: DiscoveryArgs,
    #[command(subcommand)]
    pub(super) command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
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
    /// The mail apps on this computer (each Thunderbird profile by its path) and the others,
    /// with how each gets an account: set up directly, or guided.
    Apps {
        #[arg(long)]
        json: bool,
    },
    /// Set a saved account up in a mail app directly, with its code (the app must be closed).
    AddTo {
        #[arg(value_enum)]
        app: AddToApp,
        address: String,
        /// Thunderbird: the profile folder (default: the profile Thunderbird opens); Evolution:
        /// its sources folder (default: ~/.config/evolution/sources).
        #[arg(long, value_name = "PATH")]
        profile: Option<PathBuf>,
    },
    /// Print a saved account's code to standard output, alone on its line (for a program's
    /// `passwordeval` / `PassCmd`); with --access-token, a fresh token for a browser sign-in.
    Secret {
        address: String,
        #[arg(long)]
        access_token: bool,
        /// Extra trusted CA certificates (PEM) for the token endpoint.
        #[arg(long, value_name = "PEM")]
        ca_file: Option<PathBuf>,
    },
    /// When the saved code stopped working: re-test it and, if the provider refused it, test
    /// a new one (standard input, or asked for in a terminal), save it and give it to every
    /// mail app the account was handed to. Exit 0 when all have the code that works.
    Repair(RepairArgs),
    /// Settings of a saved account for another mail client.
    Export {
        address: String,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Put the code in (mobileconfig and thunderbird-android; keep it private).
        #[arg(long)]
        include_password: bool,
        /// Write here instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
pub(super) struct RepairArgs {
    pub(super) address: String,
    /// Read the new code from standard input (else, in a terminal, it is asked for).
    #[arg(long)]
    pub(super) password_stdin: bool,
    /// A browser sign-in that must be done again: print its address instead of starting a
    /// browser.
    #[arg(long)]
    pub(super) no_browser: bool,
    /// Overall deadline of each check in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub(super) timeout: u64,
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(clap::Args, Debug)]
pub(super) struct CheckArgs {
    pub(super) address: String,
    /// Read the authorization code from standard input (the only way to give it).
    #[arg(long)]
    pub(super) password_stdin: bool,
    /// Sign in through the provider's page in the browser instead (Outlook.com, Microsoft 365,
    /// Gmail, Google Workspace); with --save the sign-in is kept in the keyring.
    #[arg(long, conflicts_with = "password_stdin")]
    pub(super) oauth: bool,
    /// With --oauth: do not start a browser; print the sign-in address to open yourself.
    #[arg(long, requires = "oauth")]
    pub(super) no_browser: bool,
    #[command(flatten)]
    pub(super) servers: ServerArgs,
    #[command(flatten)]
    pub(super) discovery: DiscoveryArgs,
    /// Overall deadline in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub(super) timeout: u64,
    /// Save to the keyring and accounts.json when both checks pass.
    #[arg(long)]
    pub(super) save: bool,
    /// With --save: replace an account already saved for this address.
    #[arg(long, requires = "save")]
    pub(super) replace: bool,
    /// With --save: the name recipients see, kept with the account for every mail app it is
    /// handed to (default: your full name on this computer, else the address's own part).
    #[arg(long, requires = "save", value_name = "NAME")]
    pub(super) name: Option<String>,
    /// Also send one test message to the address itself (it stays in the mailbox).
    #[arg(long)]
    pub(super) send_test: bool,
    /// Send a test message to the address itself, watch for it in the inbox and the spam folder
    /// (up to 60 s), then remove it.
    #[arg(long, conflicts_with = "send_test")]
    pub(super) round_trip: bool,
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(clap::Args, Debug)]
pub(super) struct ReportArgs {
    /// The address to report on (omit for the app and saved accounts only).
    pub(super) address: Option<String>,
    /// Test the sign-in with a code read from standard input (else the saved one, if any).
    #[arg(long)]
    pub(super) password_stdin: bool,
    #[command(flatten)]
    pub(super) servers: ServerArgs,
    #[command(flatten)]
    pub(super) discovery: DiscoveryArgs,
    /// Also send a test message to the address itself, watch for it and remove it.
    #[arg(long)]
    pub(super) round_trip: bool,
    #[arg(long)]
    pub(super) json: bool,
}

/// The mail apps `add-to` sets up directly.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(super) enum AddToApp {
    Thunderbird,
    Evolution,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(super) enum ExportFormat {
    /// Thunderbird autoconfig XML (config-v1.1.xml)
    Thunderbird,
    /// Apple Mail / iPhone configuration profile
    Mobileconfig,
    /// Thunderbird for Android: a QR code in the terminal to scan (Add account → Import
    /// settings), or its text with --output
    ThunderbirdAndroid,
}

impl From<ExportFormat> for mailsetup::export::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Thunderbird => mailsetup::export::Format::Thunderbird,
            ExportFormat::Mobileconfig => mailsetup::export::Format::Mobileconfig,
            ExportFormat::ThunderbirdAndroid => mailsetup::export::Format::ThunderbirdAndroid,
        }
    }
}

/// How `detect` and `check` look beyond the catalog.
#[derive(clap::Args, Debug)]
pub(super) struct DiscoveryArgs {
    /// Ask this DNS server (IP:PORT) instead of the system's.
    #[arg(long, value_name = "IP:PORT")]
    pub(super) dns_server: Option<std::net::SocketAddr>,
    /// Catalog only: no DNS or other network lookups.
    #[arg(long)]
    pub(super) no_network: bool,
    /// ISPDB-format database to ask (HTTPS), default Thunderbird's.
    #[arg(long, value_name = "URL")]
    pub(super) ispdb_url: Option<String>,
    /// Time limit for finding the servers, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 5)]
    pub(super) discovery_timeout: u64,
}

impl DiscoveryArgs {
    pub(super) fn options(
        &self,
        l: &Localizer,
        ca_file: Option<&Path>,
    ) -> Result<DetectOptions, Exit> {
        Ok(DetectOptions {
            dns_server: self.dns_server,
            no_network: self.no_network,
            // Only a --ca-file is read now (a bad one is said at once); the system's roots
            // wait for the first lookup that needs them (reading them costs time and memory
            // at every window's start).
            tls: ca_file.map(|p| tls_config(l, Some(p))).transpose()?,
            ispdb_url: self.ispdb_url.clone(),
            deadline: Some(Duration::from_secs(self.discovery_timeout.max(1))),
        })
    }
}

/// Servers to test instead of the catalog's, for `check` and for the wizard.
#[derive(clap::Args, Debug)]
pub(super) struct ServerArgs {
    /// IMAP server as HOST:PORT:tls|starttls (default: from the catalog).
    #[arg(long, value_name = "HOST:PORT:SECURITY")]
    pub(super) imap: Option<String>,
    /// SMTP server as HOST:PORT:tls|starttls (default: from the catalog).
    #[arg(long, value_name = "HOST:PORT:SECURITY")]
    pub(super) smtp: Option<String>,
    /// Login name for both servers, where it is not the address (e.g. `zhangsan` or
    /// `CORP\\zhangsan`); saved with the account.
    #[arg(long, value_name = "NAME")]
    pub(super) username: Option<String>,
    /// Extra trusted CA certificates (PEM), e.g. a company's own CA.
    #[arg(long, value_name = "PEM")]
    pub(super) ca_file: Option<PathBuf>,
}

impl ServerArgs {
    /// The servers as `mailsetup::setup` takes them; `username` is the login name they get
    /// (the target's own replaces it where there is one).
    pub(super) fn servers(&self, l: &Localizer, username: &str) -> Result<Servers, Exit> {
        let endpoint = |v: &Option<String>| {
            v.as_deref()
                .map(|v| parse_endpoint(l, v, username))
                .transpose()
        };
        let login = self
            .username
            .as_deref()
            .map(|u| {
                mailsetup::setup::login_name(u).ok_or_else(|| {
                    Exit(
                        2,
                        l.tr_args(msg::CLI_BAD_USERNAME, &[("value", u.to_string().into())]),
                    )
                })
            })
            .transpose()?;
        Ok(Servers {
            imap: endpoint(&self.imap)?,
            smtp: endpoint(&self.smtp)?,
            username: login,
            ca_file: self.ca_file.clone(),
        })
    }
}
