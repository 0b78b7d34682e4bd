//! Core of mailsetup: provider catalog, input normalisation, the live IMAP + SMTP check, storage
//! and localisation. No GUI code lives here, so the CLI, the wizard and the tests all share it.

pub mod address;
pub mod apps;
pub mod catalog;
pub mod check;
pub mod discover;
pub mod export;
pub mod handoff;
pub mod i18n;
pub mod link;
pub mod oauth;
pub mod present;
pub mod probe;
pub mod sender;
pub mod serve;
pub mod setup;
pub mod share;
pub mod store;
#[cfg(test)]
mod validate;

/// Name and version sent to servers in the IMAP `ID` command and the SMTP EHLO-free parts.
pub const APP_NAME: &str = "mailsetup";
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
