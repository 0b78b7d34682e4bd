//! After the first day: the provider stops taking the saved code (QQ after a password change,
//! a deleted NetEase client password, a code rotated by support staff). A re-test of the saved
//! account tells a refused code from a network failure; a new code is tested against the same
//! servers and only then saved; and every app the account was handed to gets it in one go
//! ([`super::mend`]). `mailsetup repair` and the wizard's re-test both decide here.

use secrecy::SecretString;

use crate::address::Address;
use crate::apps::HandOff;
use crate::check::CheckReport;
use crate::oauth::OAuthError;
use crate::store::{Account, SignIn, Store, StoreError};

use super::{Attempt, Credential, Outcome, Servers, Target};

/// What a test of a saved account's sign-in came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Both servers take it.
    Works,
    /// The provider no longer takes it: both servers refused the code, or the saved browser
    /// sign-in was revoked. A new code (or sign-in) is what mends it.
    Refused,
    /// Something else failed (the network, a server, a certificate): whether the code still
    /// works is not known, and a new one would not help.
    Failed,
}

/// The verdict of a finished check, or of a saved sign-in that could not be renewed.
pub fn verdict(outcome: &Result<Outcome, OAuthError>) -> Verdict {
    match outcome {
        Ok(o) => verdict_of(&o.report),
        Err(OAuthError::Revoked(_)) => Verdict::Refused,
        Err(_) => Verdict::Failed,
    }
}

/// The verdict of one check: refused only when both servers refused the credential itself
/// (QQ's SMTP says "535 Login Fail" to any refusal, so one server alone does not prove it).
pub fn verdict_of(report: &CheckReport) -> Verdict {
    if report.ok() {
        Verdict::Works
    } else if report.both_refused_the_credential() {
        Verdict::Refused
    } else {
        Verdict::Failed
    }
}

/// The check of a saved account with `credential` (its saved secret, or a new code), against
/// its own servers and with the certificate authority kept with it.
pub fn attempt(store: &Store, account: &Account, credential: Credential) -> Option<Attempt> {
    let address = Address::parse(&account.address).ok()?;
    let given = Servers {
        ca_file: store.ca_path(account),
        ..Servers::default()
    };
    Some(Attempt::new(
        address,
        Target::saved(account),
        given,
        credential,
    ))
}

/// The saved secret as the credential a re-test signs in with: the code, or the browser
/// sign-in's refresh token.
pub fn saved_credential(account: &Account, secret: SecretString) -> Credential {
    match account.sign_in {
        SignIn::Password => Credential::Password(secret),
        SignIn::OAuth => Credential::Saved(secret),
    }
}

/// Where a renewed account's hand-offs stand: the apps this app writes to (`super::mend`), and
/// the phones that keep the old code until the user changes it there. A phone that signs in
/// through the provider's page (a browser sign-in) needs nothing, so it is not among them.
pub fn reach(account: &Account) -> (Vec<HandOff>, Vec<HandOff>) {
    let (direct, phones): (Vec<HandOff>, Vec<HandOff>) =
        (account.handed.iter().cloned()).partition(|h| h.app.way() == crate::handoff::Way::Direct);
    let phones = match account.sign_in {
        SignIn::Password => phones,
        SignIn::OAuth => Vec::new(),
    };
    (direct, phones)
}

/// Keeps a new code (or sign-in) that passed its check: in the keyring and `accounts.json`,
/// replacing the old one and keeping the account's name, its certificate authority and where
/// it was handed to. Blocking (the keyring).
pub fn keep(
    store: &Store,
    account: &Account,
    report: &CheckReport,
    secret: &SecretString,
) -> Result<(), StoreError> {
    let renewed = Account {
        name: account.name.clone(),
        handed: account.handed.clone(),
        ..super::account(report)
    };
    let ca = store.ca_path(account);
    super::save(store, renewed, secret, true, ca.as_deref()).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::{ErrorKind, ProbeError, Stage};

    fn report(imap: Option<ErrorKind>, smtp: Option<ErrorKind>) -> CheckReport {
        use crate::catalog::{Endpoint, Security};
        use crate::probe::{ProbeReport, Protocol};
        let probe = |protocol, kind: Option<ErrorKind>| ProbeReport {
            protocol,
            endpoint: Endpoint {
                host: "imap.qq.com".into(),
                port: 993,
                security: Security::Tls,
                username: "zhang@qq.com".into(),
            },
            stages: Vec::new(),
            error: kind.map(|kind| ProbeError {
                stage: Stage::Auth,
                kind,
                tls_reason: None,
                server_text: None,
                detail: String::new(),
            }),
            total_ms: 0,
        };
        CheckReport {
            address: "zhang@qq.com".into(),
            provider: Some("qq".into()),
            sign_in: SignIn::Password,
            typed: crate::check::Typed::Code,
            imap: probe(Protocol::Imap, imap),
            smtp: probe(Protocol::Smtp, smtp),
            round_trip: None,
        }
    }

    /// Only a refusal of the code by both servers is "refused"; a network failure, or one
    /// server's refusal, is not (a new code would not mend it).
    #[test]
    fn only_both_servers_refusing_the_code_calls_for_a_new_one() {
        use ErrorKind::{Auth, Timeout};
        assert_eq!(verdict_of(&report(None, None)), Verdict::Works);
        assert_eq!(
            verdict_of(&report(Some(Auth), Some(Auth))),
            Verdict::Refused
        );
        assert_eq!(verdict_of(&report(Some(Auth), None)), Verdict::Failed);
        assert_eq!(
            verdict_of(&report(Some(Timeout), Some(Timeout))),
            Verdict::Failed
        );
        let revoked = Err(OAuthError::Revoked("invalid_grant".into()));
        assert_eq!(verdict(&revoked), Verdict::Refused);
        let offline = Err(OAuthError::Failed("connection refused".into()));
        assert_eq!(verdict(&offline), Verdict::Failed);
    }
}
