//! The setup flow, shared by the command line and the wizard: what is being set up and which
//! servers get tested (`target`), the credential check before anything is sent (`credential`),
//! one attempt from request (or sign-in refresh) to outcome (`attempt`), what the wizard
//! carries between its screens (`draft`), the saved accounts (`accounts`), the account for a
//! phone (`phone`) and mending an account whose code stopped working (`repair`). No iced and
//! no wording here; each front end only asks and shows.

mod accounts;
mod attempt;
pub mod certificate;
mod credential;
mod draft;
mod phone;
pub mod repair;
mod target;

use std::path::PathBuf;

pub use crate::store::SignIn;
pub use accounts::{Accounts, AddToError, Mended, add_to, downloads_dir, export, mend, save};
pub use attempt::{Attempt, Credential, Outcome, Prepared, access_token, account, browser_sign_in};
pub use credential::{
    CredentialError, CredentialWarning, check_credential, clipboard_code, secret,
};
pub use draft::Draft;
pub use phone::{Offered, Phone, PhoneError};
pub use target::{
    FieldError, Servers, Target, credential_id, login_name, suggested_servers, typed_endpoint,
    usual_port,
};

/// Why a check could not even start.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SetupError {
    /// No catalog provider and no servers for this domain.
    #[error("no servers known for {0}")]
    UnknownProvider(String),
    /// `--ca-file` could not be used.
    #[error("the certificate file {path} could not be used: {reason}")]
    CaFile { path: PathBuf, reason: String },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::Address;
    use crate::catalog::{Catalog, CodeWarning, Security};
    use crate::probe::Protocol;
    use secrecy::ExposeSecret;

    #[test]
    fn codes_are_cleaned_and_passwords_sent_as_typed() {
        let c = Catalog::builtin();
        let qq = c.by_id("qq");
        assert_eq!(
            secret(qq, " abcd efgh ijkl mnop\n").expose_secret(),
            "abcdefghijklmnop"
        );
        let typed = " correct horse² Ｐ密码 ";
        assert_eq!(secret(None, typed).expose_secret(), typed);
        // A provider whose credential is the login password: as typed too.
        assert_eq!(secret(c.by_id("cn21"), typed).expose_secret(), typed);
        let warned = check_credential(None, &secret(None, typed)).expect("may be sent");
        assert!(matches!(warned, Some((None, CodeWarning::EdgeSpaces))));
        assert!(matches!(
            check_credential(None, &secret(None, "x y")),
            Ok(None)
        ));
    }

    #[test]
    fn only_one_code_of_the_right_shape_is_offered_from_the_clipboard() {
        let c = Catalog::builtin();
        let qq = c.by_id("qq");
        let offered = |t: &str| clipboard_code(qq, t).map(|s| s.expose_secret().to_string());
        assert_eq!(
            offered(" abcd efgh ijkl mnop\n").as_deref(),
            Some("abcdefghijklmnop")
        );
        assert_eq!(offered("abcdefghijklmnop"), Some("abcdefghijklmnop".into()));
        for not_a_code in [
            "",
            "123456789",
            "abcdefgh",
            "your code is abcdefghijklmnop",
            "https://mail.qq.com/",
        ] {
            assert_eq!(offered(not_a_code), None, "{not_a_code}");
        }
        // No code format (a company password): the clipboard is never offered.
        assert!(clipboard_code(None, "abcdefghijklmnop").is_none());
    }

    #[test]
    fn typed_servers_are_checked() {
        let ok = typed_endpoint(" Mail.Example.COM ", "993", Security::Tls, "zsan").expect("ok");
        assert_eq!((ok.host.as_str(), ok.port), ("mail.example.com", 993));
        assert_eq!(
            typed_endpoint("mail example", "993", Security::Tls, "a"),
            Err(FieldError::Host)
        );
        for port in ["", "0", "70000", "99a"] {
            assert_eq!(
                typed_endpoint("mail.example.com", port, Security::Tls, "a"),
                Err(FieldError::Port),
                "{port}"
            );
        }
        assert_eq!(
            typed_endpoint("mail.example.com", "587", Security::Starttls, " \n"),
            Err(FieldError::Login)
        );
    }

    #[test]
    fn switching_security_moves_only_the_usual_ports() {
        assert_eq!(usual_port(Protocol::Imap, 993, Security::Starttls), 143);
        assert_eq!(usual_port(Protocol::Smtp, 587, Security::Tls), 465);
        assert_eq!(usual_port(Protocol::Smtp, 2525, Security::Tls), 2525);
    }

    #[test]
    fn suggestions_follow_what_was_found_else_the_usual_names() {
        let a = Address::parse("li@corp.example").expect("valid");
        let (imap, smtp) = suggested_servers(&a, None);
        assert_eq!((imap.host.as_str(), imap.port), ("imap.corp.example", 993));
        assert_eq!((smtp.host.as_str(), smtp.port), ("smtp.corp.example", 465));
        assert_eq!(imap.username, "li@corp.example");
    }
}
