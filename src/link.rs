//! Setup links support staff send: `mailsetup://setup?provider=qq&address=…&lang=zh-CN` opens
//! the wizard prefilled, as `--provider/--address/--lang` do. The desktop entry (.deb) and the
//! Windows installer register the scheme. Every parameter is checked: a link comes from
//! outside, and a bad one is a sentence, never a crash or a half-filled wizard.

use crate::address::Address;
use crate::catalog::Catalog;
use crate::i18n::Lang;

/// Longer than any real link; a longer one is not ours.
const MAX_LEN: usize = 2048;

/// What a valid link asks for (each part optional).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    /// A catalog provider's id.
    pub provider: Option<String>,
    /// The address, normalised.
    pub address: Option<String>,
    pub lang: Option<Lang>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("not a mailsetup://setup link")]
    NotALink,
    #[error("unknown parameter {0}")]
    UnknownParameter(String),
    #[error("parameter {0} given twice")]
    Repeated(String),
    #[error("unknown provider {0}")]
    UnknownProvider(String),
    #[error("not an address: {0}")]
    BadAddress(String),
    #[error("unknown language {0}")]
    UnknownLang(String),
}

/// Whether a command-line argument is a setup link (so the binary treats it as one).
pub fn is_link(arg: &str) -> bool {
    arg.get(..10)
        .is_some_and(|s| s.eq_ignore_ascii_case("mailsetup:"))
}

/// The link's language, even when another part of it is bad: the sentence saying so should be
/// in the language support staff asked for.
pub fn lang(link: &str) -> Option<Lang> {
    let url = reqwest::Url::parse(link.get(..MAX_LEN.min(link.len()))?.trim()).ok()?;
    url.query_pairs()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::from_tag(v.trim()))
}

pub fn parse(link: &str) -> Result<Link, LinkError> {
    if link.len() > MAX_LEN {
        return Err(LinkError::NotALink);
    }
    let url = reqwest::Url::parse(link.trim()).map_err(|_| LinkError::NotALink)?;
    if url.scheme() != "mailsetup" || url.host_str() != Some("setup") {
        return Err(LinkError::NotALink);
    }
    let mut out = Link::default();
    for (key, value) in url.query_pairs() {
        let value = value.trim().to_string();
        let slot_taken = match key.as_ref() {
            "provider" => {
                let p = Catalog::builtin()
                    .by_id(&value)
                    .ok_or_else(|| LinkError::UnknownProvider(value.clone()))?;
                out.provider.replace(p.id.clone()).is_some()
            }
            "address" => {
                let a = Address::parse(&value).map_err(|_| LinkError::BadAddress(value.clone()))?;
                out.address.replace(a.to_string()).is_some()
            }
            "lang" => {
                let l =
                    Lang::from_tag(&value).ok_or_else(|| LinkError::UnknownLang(value.clone()))?;
                out.lang.replace(l).is_some()
            }
            other => return Err(LinkError::UnknownParameter(other.to_string())),
        };
        if slot_taken {
            return Err(LinkError::Repeated(key.to_string()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_support_link_prefills_the_wizard() {
        let l = parse(
            "mailsetup://setup?provider=qq&address=%E5%BC%A0%E4%B8%89%EF%BC%A0qq.com&lang=zh-CN",
        )
        .expect("valid");
        assert_eq!(l.provider.as_deref(), Some("qq"));
        assert_eq!(l.address.as_deref(), Some("张三@qq.com"));
        assert_eq!(l.lang, Some(Lang::ZhCn));
        assert_eq!(parse("mailsetup://setup").expect("valid"), Link::default());
        assert!(is_link("MailSetup://setup?lang=en"));
        assert!(!is_link("check"));
    }

    #[test]
    fn every_bad_part_is_named() {
        use LinkError::*;
        for (link, want) in [
            ("https://example.com/?provider=qq", NotALink),
            ("mailsetup://delete?provider=qq", NotALink),
            ("mailsetup:", NotALink),
            (
                "mailsetup://setup?provider=evil",
                UnknownProvider("evil".into()),
            ),
            (
                "mailsetup://setup?address=nobody",
                BadAddress("nobody".into()),
            ),
            ("mailsetup://setup?lang=xx", UnknownLang("xx".into())),
            (
                "mailsetup://setup?password=x",
                UnknownParameter("password".into()),
            ),
            (
                "mailsetup://setup?lang=en&lang=zh-CN",
                Repeated("lang".into()),
            ),
            (
                "mailsetup://setup?address=%FF%FE",
                BadAddress("\u{FFFD}\u{FFFD}".into()),
            ),
        ] {
            assert_eq!(parse(link), Err(want), "{link}");
        }
        let long = format!("mailsetup://setup?address={}", "a".repeat(3000));
        assert_eq!(parse(&long), Err(NotALink));
    }
}
