//! What the user has given so far in the wizard (the target, the address, the code or sign-in,
//! a certificate authority), carried between its screens so Back and Try again keep it, and
//! turned into an [`Attempt`] for each check.

use std::path::PathBuf;

use secrecy::SecretString;

use crate::address::Address;
use crate::oauth::Clients;
use crate::probe::roundtrip::Letter;
use crate::store::{Account, SignIn};

use super::{Accounts, Attempt, Credential, Servers, Target};

#[derive(Clone)]
pub struct Draft {
    pub target: Target,
    pub address: Address,
    /// The code or password, or the browser sign-in (what gets saved is its refresh token).
    pub credential: Credential,
    /// A re-test of a saved account: saving it again is not replacing someone else's.
    pub saved: bool,
    /// A new code (or sign-in) for a saved account, in place of one the provider stopped
    /// taking: the apps it was handed to still have the old one.
    pub renewed: bool,
    /// The company's own certificate authority the user chose to trust for these servers
    /// (or the one kept with the saved account): used for this test, kept with the account.
    pub ca: Option<PathBuf>,
    /// The name recipients see, as given (a saved account's own); `None`: not given, so the
    /// system's full name or the address's own part ([`Account::sender_name`]).
    pub name: Option<String>,
}

impl Draft {
    pub fn new(target: Target, address: Address, credential: Credential) -> Self {
        Self {
            target,
            address,
            credential,
            saved: false,
            renewed: false,
            ca: None,
            name: None,
        }
    }

    /// A saved account with the code (or refresh token) from the keyring, and the certificate
    /// authority kept with it. `None`: its address no longer parses.
    pub fn saved(account: &Account, secret: SecretString, accounts: &Accounts) -> Option<Self> {
        let address = Address::parse(&account.address).ok()?;
        let credential = match account.sign_in {
            SignIn::Password => Credential::Password(secret),
            SignIn::OAuth => Credential::Saved(secret),
        };
        Some(Self {
            saved: true,
            ca: accounts.ca_path(account),
            name: account.name.clone(),
            ..Self::new(Target::saved(account), address, credential)
        })
    }

    /// The account this draft's check confirmed, as it is saved: with the name given here.
    pub fn account(&self, report: &crate::check::CheckReport) -> Account {
        Account {
            name: self.name.clone(),
            ..super::account(report)
        }
    }

    pub fn sign_in(&self) -> SignIn {
        self.credential.sign_in()
    }

    /// The check of this draft. The servers named at launch replace the target's (a saved
    /// account keeps its own); the certificate authority chosen here comes before the launch's.
    pub fn attempt(&self, launch: &Servers, clients: &Clients, letter: Option<Letter>) -> Attempt {
        let given = if self.saved {
            Servers::default()
        } else {
            launch.clone()
        };
        let servers = Servers {
            ca_file: self.ca.clone().or_else(|| launch.ca_file.clone()),
            ..given
        };
        Attempt {
            clients: clients.clone(),
            round_trip: letter,
            ..Attempt::new(
                self.address.clone(),
                self.target.clone(),
                servers,
                self.credential.clone(),
            )
        }
    }

    /// After a check: the secret it kept (a code as sent, or a rotated refresh token) is what
    /// the next check of this draft signs in with.
    pub fn keep(&mut self, kept: SecretString) {
        self.credential = match self.sign_in() {
            SignIn::Password => Credential::Password(kept),
            SignIn::OAuth => Credential::Saved(kept),
        };
    }
}

impl std::fmt::Debug for Draft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Messages are Debug; the secret must never show up in one.
        f.debug_struct("Draft")
            .field("target", &self.target)
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn qq() -> Draft {
        let target = Target::provider_id("qq").expect("qq in the catalog");
        let address = Address::parse("zhang@qq.com").expect("valid");
        let code = Credential::Password(SecretString::from("abcdefghijklmnop".to_string()));
        Draft::new(target, address, code)
    }

    fn launch() -> Servers {
        Servers {
            username: Some("launch".into()),
            ca_file: Some("/launch/ca.pem".into()),
            ..Servers::default()
        }
    }

    #[test]
    fn the_launch_servers_apply_and_the_chosen_ca_comes_first() {
        let clients = Clients::default();
        let a = qq().attempt(&launch(), &clients, None);
        assert_eq!(a.given.username.as_deref(), Some("launch"));
        assert_eq!(a.given.ca_file, Some("/launch/ca.pem".into()));
        let chosen = Draft {
            ca: Some("/it/company.pem".into()),
            ..qq()
        };
        let a = chosen.attempt(&launch(), &clients, None);
        assert_eq!(a.given.ca_file, Some("/it/company.pem".into()));
    }

    #[test]
    fn a_saved_account_keeps_its_own_servers() {
        let saved = Draft {
            saved: true,
            ..qq()
        };
        let a = saved.attempt(&launch(), &Clients::default(), None);
        assert_eq!(a.given.username, None);
        assert_eq!(a.given.ca_file, Some("/launch/ca.pem".into()));
    }

    #[test]
    fn the_kept_secret_is_the_next_sign_in_and_never_shown() {
        let mut d = qq();
        d.keep(SecretString::from("ponmlkjihgfedcba".to_string()));
        assert_eq!(d.credential.kept().expose_secret(), "ponmlkjihgfedcba");
        assert_eq!(d.sign_in(), SignIn::Password);
        assert!(!format!("{d:?}").contains("ponm"));
    }
}
