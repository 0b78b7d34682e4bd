//! Thunderbird's clientConfig (autoconfig) format, parsed with quick-xml: the servers, with the
//! `%EMAILADDRESS%` / `%EMAILLOCALPART%` / `%EMAILDOMAIN%` placeholders filled in, and the
//! `documentation` / `enable` texts a wizard shows. Plain-text servers are never offered.

use serde::Deserialize;

use crate::address::Address;
use crate::catalog::{Endpoint, Security};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AutoconfigError {
    #[error("not a clientConfig document: {0}")]
    Xml(String),
    #[error("the document has no emailProvider")]
    NoProvider,
}

/// A help text in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalText {
    pub lang: Option<String>,
    pub text: String,
}

/// A page with descriptions: `documentation` (help) or `enable` (a step to do first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub url: String,
    pub texts: Vec<LocalText>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Autoconfig {
    pub provider_id: Option<String>,
    pub display_name: Option<String>,
    pub domains: Vec<String>,
    /// The first IMAP server offering TLS or STARTTLS.
    pub imap: Option<Endpoint>,
    /// The first SMTP server offering TLS or STARTTLS.
    pub smtp: Option<Endpoint>,
    pub documentation: Vec<Page>,
    pub enable: Vec<Page>,
}

#[derive(Deserialize)]
struct ClientConfig {
    #[serde(rename = "emailProvider", default)]
    providers: Vec<EmailProvider>,
    #[serde(default)]
    enable: Vec<XmlPage>,
}

#[derive(Deserialize)]
struct EmailProvider {
    #[serde(rename = "@id")]
    id: Option<String>,
    #[serde(default)]
    domain: Vec<String>,
    #[serde(rename = "displayName")]
    display_name: Option<String>,
    #[serde(rename = "incomingServer", default)]
    incoming: Vec<Server>,
    #[serde(rename = "outgoingServer", default)]
    outgoing: Vec<Server>,
    #[serde(default)]
    documentation: Vec<XmlPage>,
}

/// One server entry. EWS, OWA and Graph entries (Microsoft 365's own ISPDB file) have a `url`
/// instead of host, port and socket type: every field is optional, and such entries skipped.
#[derive(Deserialize)]
struct Server {
    #[serde(rename = "@type")]
    kind: String,
    hostname: Option<String>,
    port: Option<u16>,
    #[serde(rename = "socketType")]
    socket_type: Option<String>,
    username: Option<String>,
}

#[derive(Deserialize)]
/// `documentation url=…` with `descr` children, or `enable visiturl=…` with `instruction` ones.
struct XmlPage {
    #[serde(rename = "@url", alias = "@visiturl")]
    url: String,
    #[serde(rename = "$value", default)]
    texts: Vec<Descr>,
}

#[derive(Deserialize)]
struct Descr {
    #[serde(rename = "@lang")]
    lang: Option<String>,
    #[serde(rename = "$text", default)]
    text: String,
}

fn fill(template: &str, address: &Address) -> String {
    template
        .replace("%EMAILADDRESS%", &address.to_string())
        .replace("%EMAILLOCALPART%", address.local_part())
        .replace("%EMAILDOMAIN%", address.domain())
}

fn endpoint(servers: &[Server], kind: &str, address: &Address) -> Option<Endpoint> {
    servers.iter().find_map(|s| {
        let security = match s.socket_type.as_deref()?.to_ascii_uppercase().as_str() {
            "SSL" | "TLS" => Security::Tls,
            "STARTTLS" => Security::Starttls,
            // "plain": the secret would travel in clear text.
            _ => return None,
        };
        let host = s.hostname.as_deref().filter(|h| !h.trim().is_empty())?;
        let port = s.port.filter(|p| *p > 0)?;
        s.kind.eq_ignore_ascii_case(kind).then(|| Endpoint {
            host: fill(host.trim(), address).to_ascii_lowercase(),
            port,
            security,
            username: fill(s.username.as_deref().unwrap_or("%EMAILADDRESS%"), address),
        })
    })
}

fn pages(pages: Vec<XmlPage>) -> Vec<Page> {
    pages
        .into_iter()
        .filter(|p| p.url.starts_with("https://"))
        .map(|p| Page {
            url: p.url,
            texts: p
                .texts
                .into_iter()
                .map(|d| LocalText {
                    lang: d.lang,
                    text: d.text.trim().to_string(),
                })
                .collect(),
        })
        .collect()
}

/// The text for a language tag (`zh-CN`): that language, else the same language in another
/// region, else English, else one without a language, else the first.
pub fn pick_text<'a>(texts: &'a [LocalText], tag: &str) -> Option<&'a str> {
    let primary = |t: &str| {
        t.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let find = |f: &dyn Fn(Option<&str>) -> bool| {
        texts
            .iter()
            .find(|t| f(t.lang.as_deref()))
            .map(|t| t.text.as_str())
    };
    find(&|l| l.is_some_and(|l| l.eq_ignore_ascii_case(tag)))
        .or_else(|| find(&|l| l.is_some_and(|l| primary(l) == primary(tag))))
        .or_else(|| find(&|l| l.is_some_and(|l| primary(l) == "en")))
        .or_else(|| find(&|l| l.is_none()))
        .or_else(|| texts.first().map(|t| t.text.as_str()))
}

/// Parses a clientConfig document for `address`.
pub fn parse(xml: &str, address: &Address) -> Result<Autoconfig, AutoconfigError> {
    let doc: ClientConfig =
        quick_xml::de::from_str(xml).map_err(|e| AutoconfigError::Xml(e.to_string()))?;
    let provider = doc
        .providers
        .into_iter()
        .next()
        .ok_or(AutoconfigError::NoProvider)?;
    Ok(Autoconfig {
        imap: endpoint(&provider.incoming, "imap", address),
        smtp: endpoint(&provider.outgoing, "smtp", address),
        provider_id: provider.id,
        display_name: provider.display_name,
        domains: provider.domain,
        documentation: pages(provider.documentation),
        enable: pages(doc.enable),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr() -> Address {
        Address::parse("li.lei@example-corp.cn").expect("valid")
    }

    #[test]
    fn full_document_every_element() {
        let c = parse(include_str!("../../tests/autoconfig/full.xml"), &addr()).expect("parses");
        assert_eq!(c.provider_id.as_deref(), Some("example-corp.cn"));
        assert_eq!(c.display_name.as_deref(), Some("Example Corp Mail"));
        assert_eq!(c.domains, ["example-corp.cn", "example-corp.com"]);
        // POP3 and the plain-text IMAP server are skipped; placeholders are filled in.
        let imap = c.imap.expect("imap");
        assert_eq!(
            (imap.host.as_str(), imap.port, imap.security),
            ("imap.example-corp.cn", 993, Security::Tls)
        );
        assert_eq!(imap.username, "li.lei");
        let smtp = c.smtp.expect("smtp");
        assert_eq!((smtp.port, smtp.security), (587, Security::Starttls));
        assert_eq!(smtp.username, "li.lei@example-corp.cn");
        assert_eq!(c.documentation.len(), 1);
        assert_eq!(
            c.documentation[0].url,
            "https://help.example-corp.cn/mail/imap"
        );
        assert_eq!(c.documentation[0].texts[1].lang.as_deref(), Some("zh-CN"));
        assert_eq!(c.documentation[0].texts[1].text, "如何设置 IMAP");
        assert_eq!(
            c.enable[0].url,
            "https://mail.example-corp.cn/settings/imap"
        );
        assert_eq!(
            c.enable[0].texts[0].text,
            "Turn on IMAP in the web mail settings first."
        );
    }

    #[test]
    fn plain_text_servers_are_never_offered() {
        let c = parse(
            include_str!("../../tests/autoconfig/plain-only.xml"),
            &addr(),
        )
        .expect("parses");
        assert_eq!((c.imap, c.smtp), (None, None));
    }

    /// Thunderbird's own ISPDB files, as mail clients get them: Microsoft 365's lists EWS, OWA
    /// and Graph entries (a `url`, no host) beside IMAP and SMTP.
    #[test]
    fn real_ispdb_files_parse() {
        let a = Address::parse("li@contoso.onmicrosoft.com").expect("valid");
        let c = parse(
            include_str!("../../tests/autoconfig/ispdb-office365.com.xml"),
            &a,
        )
        .expect("Microsoft 365's ISPDB file parses");
        let imap = c.imap.expect("imap");
        assert_eq!(
            (imap.host.as_str(), imap.port, imap.security),
            ("outlook.office365.com", 993, Security::Tls)
        );
        let smtp = c.smtp.expect("smtp");
        assert_eq!(
            (smtp.host.as_str(), smtp.port, smtp.security),
            ("smtp.office365.com", 587, Security::Starttls)
        );
        assert_eq!(smtp.username, "li@contoso.onmicrosoft.com");
        for (file, host) in [
            (
                include_str!("../../tests/autoconfig/ispdb-hotmail.com.xml"),
                "outlook.office365.com",
            ),
            (
                include_str!("../../tests/autoconfig/ispdb-qq.com.xml"),
                "imap.qq.com",
            ),
            (
                include_str!("../../tests/autoconfig/ispdb-163.com.xml"),
                "imap.163.com",
            ),
        ] {
            let c = parse(file, &a).expect("ISPDB file parses");
            assert_eq!(c.imap.map(|e| e.host).as_deref(), Some(host));
            assert!(c.smtp.is_some());
        }
    }

    #[test]
    fn broken_documents_are_errors_not_panics() {
        for bad in [
            "",
            "<clientConfig>",
            "<html><body>404</body></html>",
            "<clientConfig version=\"1.1\"></clientConfig>",
            "\u{0}\u{1}garbage",
        ] {
            assert!(parse(bad, &addr()).is_err(), "{bad:?}");
        }
    }
}
