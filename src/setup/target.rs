//! What is being set up and which servers get tested: the target (a provider, found servers, a
//! saved account), servers named at launch, and servers typed on the manual screen.

use std::path::PathBuf;
use std::sync::Arc;

use crate::address::{Address, normalize_host};
use crate::catalog::{Catalog, Endpoint, Provider, Security};
use crate::discover::{Detection, Source};
use crate::i18n::msg;
use crate::store::Account;

use super::SetupError;

/// What is being set up: a catalog provider, or servers found (or saved) for another domain.
#[derive(Clone, Debug)]
pub enum Target {
    /// Picked, recognised by domain, or found through the domain's MX hosts (`via_mx`: the
    /// company's admin may have to enable IMAP/SMTP first).
    Provider { id: String, via_mx: bool },
    /// Servers from autoconfig, SRV, ISPDB or guessing, or given outright.
    Servers {
        imap: Endpoint,
        smtp: Endpoint,
        found: Option<Arc<Detection>>,
    },
    /// A saved account: its own servers (as they passed), its provider's steps and advice.
    Saved(Box<Account>),
}

impl Target {
    /// A provider picked from the catalog (tile, `--provider`).
    pub fn provider_id(id: &str) -> Option<Self> {
        Catalog::builtin().by_id(id).map(|p| Target::Provider {
            id: p.id.clone(),
            via_mx: false,
        })
    }

    /// What a finished lookup leads to.
    pub fn from_detection(d: Arc<Detection>) -> Self {
        match (d.source, d.provider) {
            (Source::Catalog | Source::Mx, Some(p)) => Target::Provider {
                id: p.id.clone(),
                via_mx: d.source == Source::Mx,
            },
            _ => Target::Servers {
                imap: d.imap.clone(),
                smtp: d.smtp.clone(),
                found: Some(d),
            },
        }
    }

    /// Both servers given (support staff, tests): the domain's catalog provider, whose login
    /// form and advice apply, with those servers in place; else the servers as given.
    pub fn given(address: &Address, imap: &Endpoint, smtp: &Endpoint) -> Self {
        Catalog::builtin()
            .by_domain(address.domain())
            .and_then(|p| Self::provider_id(&p.id))
            .unwrap_or_else(|| Target::Servers {
                imap: imap.clone(),
                smtp: smtp.clone(),
                found: None,
            })
    }

    /// The name recipients see, to prefill where it is asked: the saved account's, else the
    /// system's full name; empty where there is neither (the address's own part applies).
    pub fn sender_name(&self) -> String {
        let saved = match self {
            Target::Saved(account) => account.name.clone(),
            _ => None,
        };
        saved
            .or_else(crate::sender::system_name)
            .unwrap_or_default()
    }

    /// A saved account, re-tested with the servers it was saved with.
    pub fn saved(account: &Account) -> Self {
        Target::Saved(Box::new(account.clone()))
    }

    /// The catalog provider whose steps and code format apply, if any.
    pub fn provider(&self) -> Option<&'static Provider> {
        match self {
            Target::Provider { id, .. } => Catalog::builtin().by_id(id),
            Target::Servers { found, .. } => found.as_ref().and_then(|d| d.provider),
            Target::Saved(a) => a
                .provider
                .as_deref()
                .and_then(|id| Catalog::builtin().by_id(id)),
        }
    }

    /// The servers to test for an address.
    pub fn endpoints(&self, address: &Address) -> Option<(Endpoint, Endpoint)> {
        match self {
            Target::Provider { .. } => self.provider().map(|p| p.endpoints(address)),
            Target::Servers { imap, smtp, .. } => Some((imap.clone(), smtp.clone())),
            Target::Saved(a) => Some((a.imap.clone(), a.smtp.clone())),
        }
    }

    /// The servers to test, with those named on the command line (support staff, tests) in
    /// place of the target's own; the login name stays the target's unless one is given.
    pub fn servers(
        &self,
        address: &Address,
        given: &Servers,
    ) -> Result<(Endpoint, Endpoint), SetupError> {
        let (imap, smtp) = self
            .endpoints(address)
            .ok_or_else(|| SetupError::UnknownProvider(address.domain().to_string()))?;
        let given_login = &given.username;
        let pick = |given: &Option<Endpoint>, own: Endpoint| {
            let e = match given {
                Some(e) => Endpoint {
                    username: own.username,
                    ..e.clone()
                },
                None => own,
            };
            match &given_login {
                Some(u) => Endpoint {
                    username: u.clone(),
                    ..e
                },
                None => e,
            }
        };
        Ok((pick(&given.imap, imap), pick(&given.smtp, smtp)))
    }

    /// The address is part of the servers found: changing it means looking again.
    pub fn fixed_address(&self) -> bool {
        matches!(self, Target::Servers { .. } | Target::Saved(_))
    }

    /// What the credential is called: the provider's word, else "password".
    pub fn credential_id(&self) -> &'static str {
        credential_id(self.provider())
    }
}

/// The Fluent id of what the credential is called: the provider's word, else "password".
pub fn credential_id(provider: Option<&Provider>) -> &'static str {
    provider
        .map(|p| p.credential.message_id())
        .unwrap_or(msg::CREDENTIAL_PASSWORD)
}

/// Servers named at launch or on the command line instead of the target's, and extra trusted
/// roots (`--ca-file`: a company CA, or the tests').
#[derive(Clone, Debug, Default)]
pub struct Servers {
    pub imap: Option<Endpoint>,
    pub smtp: Option<Endpoint>,
    /// The login name for both servers, where it is not what the target says (the address).
    pub username: Option<String>,
    pub ca_file: Option<PathBuf>,
}

/// A login name as typed, if it can be one: not empty, no line breaks or other control
/// characters (they would end the command), at most 255 characters. Spaces inside are kept
/// (some company directories have them); the edges are trimmed.
pub fn login_name(typed: &str) -> Option<String> {
    let name = typed.trim();
    let ok = !name.is_empty() && name.chars().count() <= 255 && !name.chars().any(char::is_control);
    ok.then(|| name.to_string())
}

/// What is wrong with one typed server setting (the manual-servers screen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    Host,
    Port,
    Login,
}

/// One server as typed: host, port and login name are checked; security is a choice (TLS or
/// STARTTLS, never plain text).
pub fn typed_endpoint(
    host: &str,
    port: &str,
    security: Security,
    login: &str,
) -> Result<Endpoint, FieldError> {
    let host = normalize_host(host).ok_or(FieldError::Host)?;
    let port = port
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|p| *p > 0)
        .ok_or(FieldError::Port)?;
    let username = login_name(login).ok_or(FieldError::Login)?;
    Ok(Endpoint {
        host,
        port,
        security,
        username,
    })
}

/// What the manual-servers screen starts with: the servers found (or saved) if any, else the
/// names most company servers use (`imap.<domain>` on 993, `smtp.<domain>` on 465, both TLS)
/// with the address as the login name.
pub fn suggested_servers(address: &Address, target: Option<&Target>) -> (Endpoint, Endpoint) {
    if let Some(servers) = target.and_then(|t| t.endpoints(address)) {
        return servers;
    }
    let guess = |prefix: &str, port| Endpoint {
        host: format!("{prefix}.{}", address.domain()),
        port,
        security: Security::Tls,
        username: address.to_string(),
    };
    (guess("imap", 993), guess("smtp", 465))
}

/// The usual port of the other security, when the port is the usual one of this: switching
/// 993 TLS to STARTTLS means 143, 465 means 587 (and back). Any other port is the user's.
pub fn usual_port(protocol: crate::probe::Protocol, port: u16, to: Security) -> u16 {
    use crate::probe::Protocol::{Imap, Smtp};
    match (protocol, port, to) {
        (Imap, 993, Security::Starttls) => 143,
        (Imap, 143, Security::Tls) => 993,
        (Smtp, 465, Security::Starttls) => 587,
        (Smtp, 587 | 25, Security::Tls) => 465,
        _ => port,
    }
}
