//! Normalising what people type or paste: an address typed with a Chinese IME (full-width `＠`,
//! `。`), an IDN domain, an auth code pasted with spaces or line breaks.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use unicode_normalization::UnicodeNormalization;

/// Longest address SMTP allows (RFC 5321 path limit minus the angle brackets).
const MAX_ADDRESS_LEN: usize = 254;

/// A normalised mail address: NFKC, trimmed, domain lower-case and in ASCII (punycode).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Address {
    local: String,
    domain: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("the address is empty")]
    Empty,
    #[error("the address has no @")]
    MissingAt,
    #[error("the address has more than one @")]
    MultipleAt,
    #[error("nothing before the @")]
    EmptyLocal,
    #[error("the domain is not valid")]
    BadDomain,
    #[error("the address is too long")]
    TooLong,
    #[error("the address contains spaces")]
    Spaces,
}

impl Address {
    pub fn parse(input: &str) -> Result<Self, AddressError> {
        let text: String = input.nfkc().collect();
        // NFKC leaves the ideographic full stop alone, but Chinese IMEs type it for ".".
        let text = text.replace(['。', '｡'], ".");
        let text = text.trim();
        if text.is_empty() {
            return Err(AddressError::Empty);
        }
        if text.chars().count() > MAX_ADDRESS_LEN {
            return Err(AddressError::TooLong);
        }
        if text.chars().any(char::is_whitespace) {
            return Err(AddressError::Spaces);
        }
        let mut parts = text.split('@');
        let (Some(local), Some(domain)) = (parts.next(), parts.next()) else {
            return Err(AddressError::MissingAt);
        };
        if parts.next().is_some() {
            return Err(AddressError::MultipleAt);
        }
        if local.is_empty() {
            return Err(AddressError::EmptyLocal);
        }
        let domain = normalize_domain(domain).ok_or(AddressError::BadDomain)?;
        if local.len() + 1 + domain.len() > MAX_ADDRESS_LEN {
            return Err(AddressError::TooLong);
        }
        Ok(Self {
            local: local.to_string(),
            domain,
        })
    }

    pub fn local_part(&self) -> &str {
        &self.local
    }

    /// The domain in lower-case ASCII (IDN already converted to punycode).
    pub fn domain(&self) -> &str {
        &self.domain
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.local, self.domain)
    }
}

/// Lower-cases, converts IDN to punycode and checks the shape of a host name.
pub fn normalize_domain(domain: &str) -> Option<String> {
    // A single trailing dot is the DNS root, harmless; people paste it from dig output.
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    if domain.is_empty() {
        return None;
    }
    let ascii = idna::domain_to_ascii(domain).ok()?;
    let labels: Vec<&str> = ascii.split('.').collect();
    let shape_ok = labels.len() >= 2
        && ascii.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    shape_ok.then_some(ascii)
}

/// A server name as typed: a host name (one label is fine on a company network: `mail`) or an
/// IP address, lower-cased and in ASCII; `None` when it cannot be one.
pub fn normalize_host(host: &str) -> Option<String> {
    let host = host.trim();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<std::net::IpAddr>() {
        return Some(ip.to_string());
    }
    match normalize_domain(host) {
        Some(d) => Some(d),
        // A single label: check it as a label of a domain.
        None if !host.contains('.') => normalize_domain(&format!("{host}.example"))
            .and_then(|d| d.strip_suffix(".example").map(str::to_string)),
        None => None,
    }
}

/// Cleans a pasted authorization code: NFKC (full-width letters become ASCII) and every
/// whitespace character removed (codes are shown in groups, copied with line breaks).
/// The address as a file name: letters, digits, dots and dashes kept, the rest `_`.
pub fn file_stem(address: &str) -> String {
    address
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

pub fn normalize_code(input: &str) -> SecretString {
    let cleaned: String = input.nfkc().filter(|c| !c.is_whitespace()).collect();
    SecretString::from(cleaned)
}

/// Number of characters in a secret, for messages that must not show the secret itself.
pub fn secret_len(secret: &SecretString) -> usize {
    secret.expose_secret().chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_at_and_dot_become_ascii() {
        let a = Address::parse(" Name＠ＱＱ．com ").expect("valid");
        assert_eq!(a.to_string(), "Name@qq.com");
        let a = Address::parse("name@163。com").expect("valid");
        assert_eq!(a.domain(), "163.com");
    }

    #[test]
    fn idn_domain_becomes_punycode() {
        let a = Address::parse("张三@例子.公司").expect("valid");
        assert_eq!(a.domain(), "xn--fsqu00a.xn--55qx5d");
        assert_eq!(a.local_part(), "张三");
    }

    #[test]
    fn domain_is_lower_cased_and_trailing_dot_dropped() {
        let a = Address::parse("Bob@Example.COM.").expect("valid");
        assert_eq!(a.to_string(), "Bob@example.com");
    }

    #[test]
    fn bad_addresses_get_specific_errors() {
        assert_eq!(Address::parse("  "), Err(AddressError::Empty));
        assert_eq!(Address::parse("nameqq.com"), Err(AddressError::MissingAt));
        assert_eq!(Address::parse("a@b@qq.com"), Err(AddressError::MultipleAt));
        assert_eq!(Address::parse("@qq.com"), Err(AddressError::EmptyLocal));
        assert_eq!(Address::parse("name@qq"), Err(AddressError::BadDomain));
        assert_eq!(Address::parse("name@"), Err(AddressError::BadDomain));
        assert_eq!(Address::parse("na me@qq.com"), Err(AddressError::Spaces));
        let long = format!("{}@qq.com", "a".repeat(300));
        assert_eq!(Address::parse(&long), Err(AddressError::TooLong));
        assert_eq!(Address::parse("name@-qq.com"), Err(AddressError::BadDomain));
    }

    #[test]
    fn server_names_may_be_single_labels_or_addresses() {
        assert_eq!(
            normalize_host(" Mail.Example.COM ").as_deref(),
            Some("mail.example.com")
        );
        assert_eq!(normalize_host("localhost").as_deref(), Some("localhost"));
        assert_eq!(
            normalize_host("192.168.1.10").as_deref(),
            Some("192.168.1.10")
        );
        assert_eq!(normalize_host("[::1]").as_deref(), Some("::1"));
        assert_eq!(normalize_host("mail example"), None);
        assert_eq!(normalize_host("-bad"), None);
        assert_eq!(normalize_host(""), None);
    }

    #[test]
    fn pasted_code_loses_spaces_and_full_width() {
        let c = normalize_code(" abcd efgh\nijkl\tmnop \r\n");
        assert_eq!(c.expose_secret(), "abcdefghijklmnop");
        let c = normalize_code("ＡＢＣＤ");
        assert_eq!(c.expose_secret(), "ABCD");
    }
}
