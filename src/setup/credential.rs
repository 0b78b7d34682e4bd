//! The credential before anything is sent: how a typed code or password is cleaned (or not), the
//! code offered from the clipboard, and what certainly cannot work.

use secrecy::{ExposeSecret, SecretString};

use crate::address::{normalize_code, secret_len};
use crate::catalog::{CodeWarning, Provider};

/// A credential that certainly cannot work: said before connecting, and nothing is sent.
#[derive(Debug, Clone)]
pub enum CredentialError {
    Empty,
    /// Refused by the provider's code format (a QQ number, a password where only OAuth works…).
    Format(&'static Provider, CodeWarning),
}

/// The secret as it goes to the server. A provider's authorization code has a format the
/// provider defines (letters shown in groups, copied with spaces, line breaks or full-width
/// letters): it is cleaned. Any other password is sent exactly as typed.
pub fn secret(provider: Option<&Provider>, typed: &str) -> SecretString {
    if provider.is_some_and(|p| p.code_format.is_some()) {
        normalize_code(typed)
    } else {
        SecretString::from(typed.to_string())
    }
}

/// The clipboard's text, if it is exactly one code of this provider's format (QQ and NetEase:
/// 16 letters, maybe in groups): offered when the user comes back from the provider's page.
/// Anything longer or of another shape is not a code, and is not kept.
pub fn clipboard_code(provider: Option<&Provider>, text: &str) -> Option<SecretString> {
    let p = provider.filter(|p| p.code_format.is_some())?;
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 64 {
        return None;
    }
    let code = secret(Some(p), text);
    p.check_code(&code).is_none().then_some(code)
}

/// A warning to show before the check: which provider's format it is about, if any.
pub type CredentialWarning = (Option<&'static Provider>, CodeWarning);

/// Checks the credential (as [`secret`] made it) before anything is sent: `Err` for what
/// certainly cannot work, a warning for what is merely odd (a QQ code one letter short, a
/// password ending in a space).
pub fn check_credential(
    provider: Option<&'static Provider>,
    secret: &SecretString,
) -> Result<Option<CredentialWarning>, CredentialError> {
    match provider.and_then(|p| p.check_code(secret).map(|w| (p, w))) {
        Some((p, w)) if w.is_certain() => Err(CredentialError::Format(p, w)),
        Some((p, w)) => Ok(Some((Some(p), w))),
        None if secret_len(secret) == 0 => Err(CredentialError::Empty),
        None => {
            let s = secret.expose_secret();
            let edge = s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace);
            Ok(edge.then_some((provider, CodeWarning::EdgeSpaces)))
        }
    }
}
