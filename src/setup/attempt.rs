//! One attempt at an account: the check of a code, a fresh browser sign-in or a saved one against
//! the target's servers — from building the request (and renewing a saved sign-in) to the
//! outcome and the secret to keep. The CLI's `check` and `report` and the wizard's testing,
//! re-test and sign-in screens only call this.

use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::address::Address;
use crate::catalog::Provider;
use crate::check::{self, CheckReport, CheckRequest};
use crate::oauth::{self, OAuthError, Pages};
use crate::probe::{ProgressSink, tls};
use crate::store::{Account, SignIn};

use super::{Accounts, Servers, SetupError, Target};

/// How the user signs in for this attempt.
#[derive(Clone, Debug)]
pub enum Credential {
    /// A code or password, as [`super::secret`] made it.
    Password(SecretString),
    /// A browser sign-in just done: the access token to test with, the refresh token to keep.
    SignedIn {
        access: SecretString,
        refresh: SecretString,
    },
    /// A saved browser sign-in: a fresh access token is got from this refresh token first.
    Saved(SecretString),
}

impl Credential {
    pub fn sign_in(&self) -> SignIn {
        match self {
            Credential::Password(_) => SignIn::Password,
            Credential::SignedIn { .. } | Credential::Saved(_) => SignIn::OAuth,
        }
    }

    /// What a passed check saves: the code, or the refresh token.
    pub fn kept(&self) -> &SecretString {
        match self {
            Credential::Password(s) | Credential::Saved(s) => s,
            Credential::SignedIn { refresh, .. } => refresh,
        }
    }
}

/// Everything one check needs: who, what, where (servers named at launch replace the target's;
/// their CA file is trusted), how to sign in, and the check's options.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub address: Address,
    pub target: Target,
    pub given: Servers,
    pub credential: Credential,
    pub timeout: Duration,
    pub send_test: bool,
    /// Send this letter to the address itself and watch for it (the round trip).
    pub round_trip: Option<crate::probe::roundtrip::Letter>,
    /// The OAuth clients a saved sign-in is renewed with (default: the environment's).
    pub clients: oauth::Clients,
}

impl Attempt {
    /// An attempt with the default deadline and no test mail.
    pub fn new(address: Address, target: Target, given: Servers, credential: Credential) -> Self {
        Self {
            address,
            target,
            given,
            credential,
            timeout: check::DEFAULT_TIMEOUT,
            send_test: false,
            round_trip: None,
            clients: oauth::Clients::default(),
        }
    }

    /// What can fail before anything is sent: the servers, the trusted roots, a browser sign-in
    /// for a target without a provider.
    pub fn prepare(self) -> Result<Prepared, SetupError> {
        let provider = self.target.provider();
        let unknown = || SetupError::UnknownProvider(self.address.domain().to_string());
        if self.credential.sign_in() == SignIn::OAuth && provider.is_none() {
            return Err(unknown());
        }
        let servers = self.target.servers(&self.address, &self.given)?;
        let ca_file = self.given.ca_file.clone();
        let tls = tls::client_config(ca_file.as_deref()).map_err(|e| SetupError::CaFile {
            path: ca_file.clone().unwrap_or_default(),
            reason: e.to_string(),
        })?;
        let request = CheckRequest {
            address: self.address,
            provider: provider.map(|p| p.id.clone()),
            imap: servers.0,
            smtp: servers.1,
            // Set in `run`: a saved sign-in's access token is only got then.
            secret: SecretString::from(String::new()),
            sign_in: self.credential.sign_in(),
            tls,
            timeout: self.timeout,
            stage_timeout: check::DEFAULT_STAGE_TIMEOUT,
            send_test: self.send_test,
            round_trip: self.round_trip,
            round_trip_wait: crate::probe::roundtrip::WAIT,
        };
        Ok(Prepared {
            request,
            credential: self.credential,
            provider,
            ca_file,
            clients: self.clients,
        })
    }
}

/// An attempt whose request is built; [`Prepared::run`] signs in and checks.
pub struct Prepared {
    request: CheckRequest,
    credential: Credential,
    provider: Option<&'static Provider>,
    ca_file: Option<PathBuf>,
    clients: oauth::Clients,
}

/// What an attempt ended with.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub report: CheckReport,
    /// What a passed check saves: the code, or the refresh token (the provider's rotated one,
    /// if it sent one).
    pub keep: SecretString,
}

impl Prepared {
    /// Renews a saved sign-in (with `keep`, a rotated refresh token is saved at once, so a
    /// failed check cannot lose the sign-in), then runs both probes, reporting progress.
    pub async fn run(
        mut self,
        progress: Option<ProgressSink>,
        keep: Option<&Accounts>,
    ) -> Result<Outcome, OAuthError> {
        let (secret, kept) = match self.credential {
            Credential::Password(s) => (s.clone(), s),
            Credential::SignedIn { access, refresh } => (access, refresh),
            Credential::Saved(refresh) => {
                // `prepare` refuses a sign-in without a provider.
                let provider = self.provider.ok_or(OAuthError::NoRefreshToken)?;
                let address = self.request.address.to_string();
                let keep = keep.map(|a| (a, address.as_str()));
                let ca_file = self.ca_file.as_deref();
                refresh_token(provider, &self.clients, &refresh, ca_file, keep).await?
            }
        };
        self.request.secret = secret;
        let report = check::run(&self.request, progress).await;
        Ok(Outcome { report, keep: kept })
    }
}

/// A fresh access token from a refresh token. Providers may answer with a new refresh token and
/// retire the old one (rotation): with `keep`, a new one replaces the saved one at once.
/// Returns the access token and the refresh token to keep.
async fn refresh_token(
    provider: &Provider,
    clients: &oauth::Clients,
    refresh: &SecretString,
    ca_file: Option<&Path>,
    keep: Option<(&Accounts, &str)>,
) -> Result<(SecretString, SecretString), OAuthError> {
    let config = oauth::config_with(provider, clients)?;
    let http = oauth::TokenClient::new(ca_file)?;
    let t = oauth::refresh(&config, refresh, &http).await?;
    let next = t.refresh.unwrap_or_else(|| refresh.clone());
    if let Some((accounts, address)) = keep
        && next.expose_secret() != refresh.expose_secret()
    {
        accounts
            .set_token(address.to_string(), next.clone())
            .await
            .map_err(|e| OAuthError::Failed(e.to_string()))?;
    }
    Ok((t.access, next))
}

/// A fresh access token for a saved browser sign-in (`mailsetup secret --access-token`: for a
/// program that signs in with the account); a rotated refresh token is saved at once.
pub async fn access_token(
    account: &Account,
    refresh: SecretString,
    ca_file: Option<&Path>,
    accounts: &Accounts,
) -> Result<SecretString, OAuthError> {
    let provider = Target::saved(account)
        .provider()
        .ok_or(OAuthError::NoRefreshToken)?;
    let keep = Some((accounts, account.address.as_str()));
    let clients = oauth::Clients::default();
    let (access, _) = refresh_token(provider, &clients, &refresh, ca_file, keep).await?;
    Ok(access)
}

/// The provider's browser sign-in (RFC 8252): PKCE, `state` and a loopback listener; `open` is
/// handed the page once the listener is up (the caller opens it, or shows it), then the redirect
/// is awaited and its code exchanged. A sign-in without a refresh token cannot be kept.
pub async fn browser_sign_in(
    provider: &Provider,
    clients: &oauth::Clients,
    ca_file: Option<&Path>,
    pages: &Pages,
    open: impl FnOnce(&str),
) -> Result<Credential, OAuthError> {
    let pending = oauth::begin(oauth::config_with(provider, clients)?).await?;
    open(&pending.url);
    let http = oauth::TokenClient::new(ca_file)?;
    let tokens = pending.finish(pages, &http, oauth::SIGN_IN_TIMEOUT).await?;
    let refresh = tokens.refresh.ok_or(OAuthError::NoRefreshToken)?;
    Ok(Credential::SignedIn {
        access: tokens.access,
        refresh,
    })
}

/// The account as a check confirmed it: the servers that answered, for saving and exporting.
pub fn account(report: &CheckReport) -> Account {
    Account {
        address: report.address.clone(),
        provider: report.provider.clone(),
        imap: report.imap.endpoint.clone(),
        smtp: report.smtp.endpoint.clone(),
        sign_in: report.sign_in,
        saved_at: 0,
        // Set when it is saved with the certificate authority the check trusted.
        ca: None,
        handed: Vec::new(),
        name: None,
    }
}
