//! What the command line asked the window for: support staff can open the wizard prefilled,
//! and tests hand it their own servers, folders and stand-ins for the system's services.

use std::sync::Arc;

use mailsetup::i18n::Lang;
use mailsetup::setup::{Accounts, Servers};

use super::services::{Browser, FindApps, PickFile, StartApp};

#[derive(Clone, Debug, Default)]
pub struct Launch {
    pub lang: Lang,
    pub provider: Option<String>,
    pub address: Option<String>,
    /// Servers to test instead of the catalog's (support, company servers, tests).
    pub servers: Servers,
    /// How to look up company domains (DNS server, or no network).
    pub discovery: mailsetup::discover::DetectOptions,
    /// Where accounts are saved (tests give a directory of their own).
    pub accounts: Accounts,
    /// Where exports go; `None`: the user's downloads folder.
    pub export_dir: Option<std::path::PathBuf>,
    /// Said on the start screen (a setup link that could not be used).
    pub notice: Option<String>,
    /// Opened by a setup link: where its address is a saved account, that account is
    /// re-tested at once (a code the provider stopped taking leads to the steps for a new one).
    pub from_link: bool,
    /// Opens a page in the browser (tests stand in for it); `None`: the system's browser.
    pub browser: Option<Browser>,
    /// The accounts saved while the window was open, for whoever launched it (`--result-json`).
    pub saved: SessionSaves,
    /// The OAuth clients of the browser sign-in (default: the environment's and the build's).
    pub oauth: mailsetup::oauth::Clients,
    /// The address a phone fetches its profile from; `None`: this computer's on the local
    /// network (tests give loopback).
    pub lan: Option<std::net::IpAddr>,
    /// Asks for a certificate file; `None`: the system's file dialog.
    pub pick_file: Option<PickFile>,
    /// Starts a mail app ("Open Thunderbird"); `None`: the real start.
    pub start_app: Option<StartApp>,
    /// Looks for the mail apps here; `None`: on this computer.
    pub find_apps: Option<FindApps>,
}

/// The accounts saved in this session, shared with the launcher.
pub type SessionSaves = Arc<std::sync::Mutex<Vec<mailsetup::store::Account>>>;
