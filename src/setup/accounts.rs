//! The saved accounts for the front ends, off their threads, and exports for other mail apps.

use std::path::PathBuf;
use std::sync::Arc;

use secrecy::SecretString;

use crate::apps::HandOff;
use crate::handoff::{self, Added, HandoffError, MailApp};
use crate::store::{Account, Loaded, Saved, SignIn, Store, StoreError};

/// Why a saved account could not be handed to a mail app.
#[derive(Debug, thiserror::Error)]
pub enum AddToError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No account is saved for this address.
    #[error("{0} is not saved")]
    NotSaved(String),
    #[error(transparent)]
    App(#[from] HandoffError),
}

/// Writes the saved account `address` into a mail app: a Thunderbird profile or Evolution's
/// sources folder (`place`), with its code from the keyring (a browser sign-in hands over none:
/// the app signs in itself). Blocking: the keyring, Thunderbird's key database, D-Bus.
pub fn add_to(
    store: &Store,
    app: MailApp,
    address: &str,
    place: &std::path::Path,
) -> Result<(Account, Added), AddToError> {
    let account = store
        .find(address)?
        .ok_or_else(|| AddToError::NotSaved(address.to_string()))?;
    let added = add_account_to(store, app, &account, place)?;
    Ok((account, added))
}

/// Writes `account` into a mail app, with its code from the keyring when it has one saved. A
/// browser sign-in needs nothing saved: the app signs in to the provider itself (how Outlook.com
/// works in a build without this app's own Microsoft client id).
pub fn add_account_to(
    store: &Store,
    app: MailApp,
    account: &Account,
    place: &std::path::Path,
) -> Result<Added, AddToError> {
    let secret = match account.sign_in {
        SignIn::Password => store.secret(&account.address)?,
        SignIn::OAuth => None,
    };
    let name = &account.sender_name();
    let secret = secret.as_ref();
    let added = match app {
        MailApp::Evolution => {
            let secrets = &handoff::evolution::SecretService;
            handoff::evolution::add(place, account, name, secret, secrets)?
        }
        _ => handoff::thunderbird::add(place, account, name, secret)?,
    };
    let code = match &added {
        Added::Added { password, .. } => *password,
        Added::Updated { .. } | Added::AlreadyThere => secret.is_some(),
    };
    // Where it went is kept for a repair; a record that could not be written does not undo the
    // hand-off, which did happen.
    let to = HandOff::now(app, Some(place.to_path_buf()), code);
    if let Err(e) = store.record_handoff(&account.address, to) {
        tracing::warn!("the hand-off was not recorded: {e}");
    }
    Ok(added)
}

/// One place a repair reached: the hand-off as recorded, and what writing the saved code there
/// came to (`Added::Updated`, `Added::AlreadyThere`, or why not: the app is running, …).
pub type Mended = (HandOff, Result<Added, AddToError>);

/// Gives the saved code to every app the account was handed to and this app can write to
/// (Thunderbird profiles, Evolution): after a new code, one call mends them all, each under the
/// same rules as `add_to` (not while the app runs, a backup, atomic writes, one login per
/// server). Phones are not in it: they cannot be written to (offer their QR code again).
pub fn mend(store: &Store, address: &str) -> Result<Vec<Mended>, AddToError> {
    let account = store
        .find(address)?
        .ok_or_else(|| AddToError::NotSaved(address.to_string()))?;
    let direct = account
        .handed
        .iter()
        .filter(|h| h.app.way() == handoff::Way::Direct)
        .filter_map(|h| h.place.clone().map(|place| (h.clone(), place)));
    Ok(direct
        .map(|(h, place)| {
            let done = add_account_to(store, h.app, &account, &place);
            (h, done)
        })
        .collect())
}

/// Saves a tested account and its secret. With `ca`, the certificate authority the check
/// trusted (the company's own) is kept with the account and trusted again on its re-tests.
/// An address already saved is refused before anything is written, unless `replace`.
pub fn save(
    store: &Store,
    mut account: Account,
    secret: &SecretString,
    replace: bool,
    ca: Option<&std::path::Path>,
) -> Result<Saved, StoreError> {
    if let Some(path) = ca {
        if !replace && store.find(&account.address)?.is_some() {
            return Err(StoreError::Exists(account.address));
        }
        let info = super::certificate::inspect(path).map_err(|e| StoreError::File {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let before = store.keep_ca(&mut account, &info.pem)?;
        let kept = account.clone();
        return store.save(account, secret, replace).inspect_err(|_| {
            // Nothing half-saved: a replaced account keeps the CA it had.
            store.put_back_ca(&kept, before);
        });
    }
    store.save(account, secret, replace)
}

/// The saved accounts for a front end that must not block (the wizard): each call runs on
/// tokio's blocking pool, since the keyring clients block (D-Bus, Credential Manager), and every
/// failure is a `StoreError`. Cheap to clone; held by the app and handed to the screens.
#[derive(Clone, Debug)]
pub struct Accounts {
    /// `None` when no config dir could be determined: every call then says so.
    store: Option<Arc<Store>>,
}

impl Default for Accounts {
    fn default() -> Self {
        Self::open_default()
    }
}

impl Accounts {
    /// The platform config dir (or `MAILSETUP_CONFIG_DIR`).
    pub fn open_default() -> Self {
        Self {
            store: Store::open_default().ok().map(Arc::new),
        }
    }

    /// Accounts in this directory (tests, portable use).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self {
            store: Some(Arc::new(Store::at(dir))),
        }
    }

    /// The remembered choices (the defaults without a config dir).
    pub fn preferences(&self) -> crate::store::Preferences {
        self.store
            .as_ref()
            .map(|s| s.preferences())
            .unwrap_or_default()
    }

    pub async fn set_preferences(&self, p: crate::store::Preferences) -> Result<(), StoreError> {
        self.run(move |s| s.set_preferences(&p)).await
    }

    pub async fn load(&self) -> Result<Loaded, StoreError> {
        self.run(|s| s.load()).await
    }

    /// The saved account for this address, if any.
    pub async fn find(&self, address: String) -> Result<Option<Account>, StoreError> {
        self.run(move |s| s.find(&address)).await
    }

    /// The saved code, if any.
    pub async fn secret(&self, address: String) -> Result<Option<SecretString>, StoreError> {
        self.run(move |s| s.secret(&address)).await
    }

    /// [`save`], off the caller's thread.
    pub async fn save(
        &self,
        account: Account,
        secret: SecretString,
        replace: bool,
        ca: Option<PathBuf>,
    ) -> Result<Saved, StoreError> {
        self.run(move |s| save(s, account, &secret, replace, ca.as_deref()))
            .await
    }

    /// Where a saved account's own certificate authority is kept, if it has one.
    pub fn ca_path(&self, account: &Account) -> Option<PathBuf> {
        self.store.as_ref()?.ca_path(account)
    }

    /// Replaces only the keyring's refresh token (the provider rotated it).
    pub async fn set_token(&self, address: String, token: SecretString) -> Result<(), StoreError> {
        self.run(move |s| s.set_token(&address, &token)).await
    }

    /// [`mend`], off the caller's thread.
    pub async fn mend(&self, address: String) -> Result<Vec<Mended>, AddToError> {
        let store = self.store.clone().ok_or(StoreError::NoConfigDir)?;
        let done = tokio::task::spawn_blocking(move || mend(&store, &address)).await;
        done.unwrap_or_else(|e| Err(StoreError::Keyring(e.to_string()).into()))
    }

    /// [`add_account_to`], off the caller's thread.
    pub async fn add_to(
        &self,
        app: MailApp,
        account: Account,
        place: PathBuf,
    ) -> Result<Added, Arc<AddToError>> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || {
            let store = store.ok_or(StoreError::NoConfigDir)?;
            add_account_to(&store, app, &account, &place)
        })
        .await
        .unwrap_or_else(|e| Err(StoreError::Keyring(e.to_string()).into()))
        .map_err(Arc::new)
    }

    /// Whether there was anything to remove.
    pub async fn remove(&self, address: String) -> Result<bool, StoreError> {
        self.run(move |s| s.remove(&address)).await
    }

    /// Remembers that `address` was handed to `to` (a phone's QR code or profile).
    pub async fn record_handoff(&self, address: String, to: HandOff) -> Result<(), StoreError> {
        self.run(move |s| s.record_handoff(&address, to)).await
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = self.store.clone().ok_or(StoreError::NoConfigDir)?;
        tokio::task::spawn_blocking(move || work(&store))
            .await
            // The work panicked (a bug): say so rather than leave the screen waiting.
            .unwrap_or_else(|e| Err(StoreError::Keyring(e.to_string())))
    }
}

/// Where exports go: the user's downloads folder (`MAILSETUP_EXPORT_DIR` for support staff who
/// want them elsewhere), else the home folder.
pub fn downloads_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("MAILSETUP_EXPORT_DIR") {
        return dir.into();
    }
    directories::UserDirs::new()
        .and_then(|u| {
            u.download_dir()
                .map(PathBuf::from)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(std::env::temp_dir)
}

/// Writes an account's settings for another mail app (never with the code) into `dir`, off the
/// caller's thread; the file's path, or why it could not be written.
pub async fn export(
    account: Account,
    name: String,
    format: crate::export::Format,
    dir: PathBuf,
) -> Result<PathBuf, String> {
    use crate::export::Format;
    tokio::task::spawn_blocking(move || {
        let text = match format {
            Format::Thunderbird => crate::export::thunderbird(&account, &name),
            Format::Mobileconfig => crate::export::mobileconfig(&account, &name, None),
            Format::ThunderbirdAndroid => {
                let text = crate::export::thunderbird_android(&account, None);
                secrecy::ExposeSecret::expose_secret(&text).to_string()
            }
        };
        let path = dir.join(format.file_name(&account.address));
        crate::store::write_private(&path, text.as_bytes())
            .map(|()| path)
            .map_err(|e| e.to_string())
    })
    .await
    .unwrap_or_else(|e| Err(e.to_string()))
}
