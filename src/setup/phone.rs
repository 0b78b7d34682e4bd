//! The saved account for a phone: an Apple configuration profile (iPhone, iPad, a Mac) offered
//! once on the local network or saved as a file, and the QR code text Thunderbird for Android
//! imports. The code goes in only when the user asks for it.

use std::net::IpAddr;
use std::path::PathBuf;

use secrecy::{ExposeSecret, SecretString};

use super::{Accounts, AddToError};
use crate::apps::{HandOff, MailApp};
use crate::export::{self, Format};
use crate::share::{self, Offer, ShareError};
use crate::store::{SignIn, StoreError};

/// A phone's own way of taking an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phone {
    /// A configuration profile (`.mobileconfig`).
    Iphone,
    /// Thunderbird for Android's QR code.
    Android,
}

#[derive(Debug, thiserror::Error)]
pub enum PhoneError {
    #[error(transparent)]
    Account(#[from] AddToError),
    /// The code was asked for and the keyring has none.
    #[error("no saved code")]
    NoCode,
    #[error(transparent)]
    Share(#[from] ShareError),
    /// The profile file could not be written.
    #[error("{path}: {reason}")]
    Write { path: PathBuf, reason: String },
}

/// A profile offered to the iPhone: open `offer.url` there; serve it with `serve_once`.
pub struct Offered {
    pub offer: Offer,
    pub profile: SecretString,
}

impl Accounts {
    /// The account `address` in `phone`'s format; `name` is the provider's name people see.
    pub async fn for_phone(
        &self,
        phone: Phone,
        address: String,
        name: String,
        with_code: bool,
    ) -> Result<SecretString, PhoneError> {
        let account = self
            .find(address.clone())
            .await
            .map_err(AddToError::from)?
            .ok_or_else(|| AddToError::NotSaved(address.clone()))?;
        let code = match (with_code, account.sign_in) {
            (true, SignIn::Password) => Some(
                self.secret(address)
                    .await
                    .map_err(AddToError::from)?
                    .ok_or(PhoneError::NoCode)?,
            ),
            _ => None,
        };
        let (app, payload) = match phone {
            Phone::Iphone => (
                MailApp::Iphone,
                export::mobileconfig(&account, &name, code.as_ref()).into(),
            ),
            Phone::Android => (
                MailApp::Android,
                export::thunderbird_android(&account, code.as_ref()),
            ),
        };
        // A phone cannot be written to later: the record says a repair offers the QR again.
        let to = HandOff::now(app, None, code.is_some());
        if let Err(e) = self.record_handoff(account.address.clone(), to).await {
            tracing::warn!("the hand-off was not recorded: {e}");
        }
        Ok(payload)
    }

    /// The iPhone profile, offered once at a link on `ip` (default: this computer's address on
    /// the local network).
    pub async fn offer_profile(
        &self,
        address: String,
        name: String,
        with_code: bool,
        ip: Option<IpAddr>,
    ) -> Result<Offered, PhoneError> {
        let ip = ip
            .or_else(share::lan_address)
            .ok_or(ShareError::NoNetwork)?;
        let file = Format::Mobileconfig.file_name(&address);
        let profile = self
            .for_phone(Phone::Iphone, address, name, with_code)
            .await?;
        let offer = share::offer(ip, &file).await?;
        Ok(Offered { offer, profile })
    }

    /// The iPhone profile written into `dir` (readable by this user only), for mail or AirDrop.
    pub async fn save_profile(
        &self,
        address: String,
        name: String,
        with_code: bool,
        dir: PathBuf,
    ) -> Result<PathBuf, PhoneError> {
        let path = dir.join(Format::Mobileconfig.file_name(&address));
        let profile = self
            .for_phone(Phone::Iphone, address, name, with_code)
            .await?;
        let target = path.clone();
        tokio::task::spawn_blocking(move || {
            crate::store::write_private(&target, profile.expose_secret().as_bytes())
        })
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))
        .and_then(|r| r)
        .map_err(|e| PhoneError::Write {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        Ok(path)
    }
}

impl From<StoreError> for PhoneError {
    fn from(e: StoreError) -> Self {
        Self::Account(e.into())
    }
}
