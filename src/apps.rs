//! The mail apps this app knows, and the record of an account handed to one: ground data that
//! the store keeps with the account (which app, which profile, when, with the code or not) and
//! that the hand-off (`handoff`) writes into. No wording here.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// A mail app the success screen and `mailsetup apps` offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MailApp {
    Thunderbird,
    Evolution,
    Outlook,
    Foxmail,
    WindowsMail,
    MailMaster,
    AppleMail,
    Iphone,
    Android,
    Program,
}

/// How this app gets the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Way {
    /// This app writes the account into the app's own files.
    Direct,
    /// The app's own menu path, each field with Copy.
    Guided,
}

impl MailApp {
    pub const ALL: [MailApp; 10] = [
        MailApp::Thunderbird,
        MailApp::Evolution,
        MailApp::Outlook,
        MailApp::Foxmail,
        MailApp::WindowsMail,
        MailApp::MailMaster,
        MailApp::AppleMail,
        MailApp::Iphone,
        MailApp::Android,
        MailApp::Program,
    ];

    pub fn way(self) -> Way {
        match self {
            MailApp::Thunderbird => Way::Direct,
            MailApp::Evolution if cfg!(target_os = "linux") => Way::Direct,
            _ => Way::Guided,
        }
    }
}

impl HandOff {
    /// A hand-off made now.
    pub fn now(app: MailApp, place: Option<PathBuf>, code: bool) -> Self {
        let at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self {
            app,
            place,
            at,
            code,
        }
    }
}

/// One place this app handed an account to, kept with it in `accounts.json` (version 2): when
/// its code stops working, these are the places a repair mends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandOff {
    pub app: MailApp,
    /// The Thunderbird profile or Evolution sources folder written into; a phone has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<PathBuf>,
    /// Seconds since the Unix epoch.
    pub at: u64,
    /// Whether the code went with it (else the app asks for it, or signs in itself).
    pub code: bool,
}
