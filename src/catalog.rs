//! The provider catalog: `assets/providers.json`, embedded at build time (build.rs validates it).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::address::Address;

static CATALOG_JSON: &str = include_str!("../assets/providers.json");

static BUILTIN: LazyLock<Catalog> = LazyLock::new(|| {
    // build.rs has already parsed and validated this exact text, so failure here is a build bug.
    serde_json::from_str(CATALOG_JSON).expect("assets/providers.json was validated by build.rs")
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Implicit TLS (993, 465).
    Tls,
    /// Plain connection upgraded with STARTTLS, which must succeed (143, 587).
    Starttls,
}

impl Security {
    pub fn as_str(self) -> &'static str {
        match self {
            Security::Tls => "tls",
            Security::Starttls => "starttls",
        }
    }
}

/// Which login name a server wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsernameForm {
    Address,
    LocalPart,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerTemplate {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: UsernameForm,
}

/// A server to talk to, with the login name already filled in for one address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    AuthCode,
    ClientPassword,
    AppPassword,
    /// The mailbox's own login password (21CN, 263, company servers).
    Password,
    OauthOnly,
}

impl CredentialKind {
    pub fn message_id(self) -> &'static str {
        use crate::i18n::msg;
        match self {
            CredentialKind::AuthCode => msg::CREDENTIAL_AUTH_CODE,
            CredentialKind::ClientPassword => msg::CREDENTIAL_CLIENT_PASSWORD,
            CredentialKind::AppPassword => msg::CREDENTIAL_APP_PASSWORD,
            CredentialKind::Password => msg::CREDENTIAL_PASSWORD,
            CredentialKind::OauthOnly => msg::CREDENTIAL_OAUTH_ONLY,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Charset {
    Alpha,
    Alnum,
}

/// The known shape of a provider's code, e.g. QQ and 163: 16 letters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeFormat {
    pub charset: Charset,
    pub length: usize,
    /// Separators the provider shows inside the code (iCloud: `-`), ignored when checking.
    #[serde(default)]
    pub ignore: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    Personal,
    Enterprise,
}

/// Sign-in through the provider's page (OAuth 2.0): its endpoints and scopes. The client id is
/// the distributor's (see `oauth::config`); `client` names which one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuth {
    /// `microsoft` or `google`: whose client id and endpoint overrides apply.
    pub client: String,
    pub authorize_url: String,
    pub token_url: String,
    pub scopes: Vec<String>,
    /// Extra authorization parameters (Google: `access_type=offline` for a refresh token).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
}

/// A start-screen tile: where it goes and its badge (a short mark, not the provider's logo).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tile {
    /// Tiles are shown in this order.
    pub order: u32,
    /// Fluent id of the badge's text.
    pub badge: String,
    /// The badge's colour, `#RRGGBB`.
    pub color: String,
}

impl Tile {
    /// The colour as RGB bytes (build.rs has checked its form; grey if it were wrong).
    pub fn rgb(&self) -> [u8; 3] {
        let hex = self.color.trim_start_matches('#');
        let byte = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .unwrap_or(0x70)
        };
        [byte(0), byte(2), byte(4)]
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Fluent message id of the step's text.
    pub text: String,
    /// Name of the entry in the provider's `links` that this step's button opens.
    pub link: String,
    /// A step only the mail administrator can do (enterprise mail).
    #[serde(default)]
    pub admin: bool,
}

/// The cause a provider's known reply names (the probe's error kinds a reply can settle).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyKind {
    Auth,
    ClientNotAllowed,
    ServiceDisabled,
    SendRefused,
    RateLimited,
}

/// A line the provider's servers are known to say, and what it means. Matched (lower-case,
/// anywhere in the server's reply) before the generic words, so the advice names the setting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// A lower-case fragment of the reply.
    pub says: String,
    pub kind: ReplyKind,
    /// Fluent id of the advice.
    pub advice: String,
    /// A real reply that contains it, for the reader (build.rs checks that it matches).
    #[serde(default)]
    pub example: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provider {
    pub id: String,
    /// Fluent message id of the display name.
    pub name: String,
    pub kind: ProviderKind,
    pub domains: Vec<String>,
    /// MX host patterns (`*` matches any run of characters) that identify hosted domains.
    pub mx: Vec<String>,
    pub imap: ServerTemplate,
    pub smtp: ServerTemplate,
    pub credential: CredentialKind,
    /// Fluent id of the advice when the server refuses the credential (else the generic one).
    #[serde(default)]
    pub auth_advice: Option<String>,
    /// Shown as a tile on the start screen.
    #[serde(default)]
    pub tile: Option<Tile>,
    #[serde(default)]
    pub code_format: Option<CodeFormat>,
    /// Sign-in through the provider's page, where it offers one (Microsoft, Google).
    #[serde(default)]
    pub oauth: Option<OAuth>,
    /// The provider's known server replies, in the order they are tried.
    #[serde(default)]
    pub replies: Vec<Reply>,
    /// Its IMAP server refuses SELECT ("Unsafe Login") to a client that did not say who it is
    /// with ID (RFC 2971): NetEase's Coremail. Mail apps have a setting for it.
    #[serde(default)]
    pub needs_imap_id: bool,
    pub links: BTreeMap<String, String>,
    pub steps: Vec<Step>,
    #[serde(default)]
    pub note: Option<String>,
}

/// What the format check found wrong with a code before anything is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeWarning {
    Empty,
    /// Only digits: almost certainly a QQ number or a login password.
    LooksLikePassword,
    WrongShape {
        expected: usize,
        actual: usize,
    },
    /// Characters the provider's codes never have (QQ's are letters only): a login password.
    NotACode {
        expected: usize,
    },
    /// The provider does not accept passwords at all (Outlook).
    OauthOnly,
    /// A password (sent exactly as typed) that begins or ends with a space: rarely meant, but
    /// never removed behind the user's back.
    EdgeSpaces,
}

impl CodeWarning {
    /// The code cannot work: nothing is sent to the server (a shape mismatch only warns, in
    /// case the provider changed its format).
    pub fn is_certain(&self) -> bool {
        matches!(
            self,
            CodeWarning::Empty
                | CodeWarning::LooksLikePassword
                | CodeWarning::NotACode { .. }
                | CodeWarning::OauthOnly
        )
    }
}

impl Provider {
    pub fn endpoints(&self, address: &Address) -> (Endpoint, Endpoint) {
        (fill(&self.imap, address), fill(&self.smtp, address))
    }

    pub fn link(&self, name: &str) -> Option<&str> {
        self.links.get(name).map(String::as_str)
    }

    /// The page to open when something about the code or the service is wrong. A settings
    /// link that is only the webmail's front door (NetEase's settings live inside its app, with
    /// no address of their own) helps less than the help article naming the menu.
    pub fn settings_url(&self) -> Option<&str> {
        match self.link("settings") {
            Some(s) if Some(s) != self.link("webmail") => Some(s),
            _ => self.link("help").or_else(|| self.link("settings")),
        }
    }

    /// Checks a normalised code against what this provider issues.
    pub fn check_code(&self, code: &SecretString) -> Option<CodeWarning> {
        let code = code.expose_secret();
        if code.is_empty() {
            return Some(CodeWarning::Empty);
        }
        if self.credential == CredentialKind::OauthOnly {
            return Some(CodeWarning::OauthOnly);
        }
        let format = self.code_format.as_ref()?;
        if code.chars().all(|c| c.is_ascii_digit()) {
            return Some(CodeWarning::LooksLikePassword);
        }
        let kept: Vec<char> = code
            .chars()
            .filter(|c| !format.ignore.contains(*c))
            .collect();
        let charset_ok = kept.iter().all(|c| match format.charset {
            Charset::Alpha => c.is_ascii_alphabetic(),
            Charset::Alnum => c.is_ascii_alphanumeric(),
        });
        if !charset_ok {
            return Some(CodeWarning::NotACode {
                expected: format.length,
            });
        }
        (kept.len() != format.length).then_some(CodeWarning::WrongShape {
            expected: format.length,
            actual: kept.len(),
        })
    }
}

fn fill(t: &ServerTemplate, address: &Address) -> Endpoint {
    Endpoint {
        host: t.host.clone(),
        port: t.port,
        security: t.security,
        username: match t.username {
            UsernameForm::Address => address.to_string(),
            UsernameForm::LocalPart => address.local_part().to_string(),
        },
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Catalog {
    pub providers: Vec<Provider>,
}

impl Catalog {
    pub fn builtin() -> &'static Catalog {
        &BUILTIN
    }

    /// A catalog from JSON in the shape of `assets/providers.json` (the built-in one was
    /// checked by build.rs; this one is only parsed).
    pub fn from_json(json: &str) -> Result<Catalog, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The first provider reply that `text` contains (any case), and whose it is.
    pub fn reply_in(&self, text: &str) -> Option<(&Provider, &Reply)> {
        let lower = text.to_lowercase();
        self.providers.iter().find_map(|p| {
            p.replies
                .iter()
                .find(|r| lower.contains(r.says.as_str()))
                .map(|r| (p, r))
        })
    }

    pub fn by_id(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// The provider whose own mail domain this is (qq.com, 163.com, …).
    pub fn by_domain(&self, domain: &str) -> Option<&Provider> {
        let domain = domain.to_ascii_lowercase();
        self.providers.iter().find(|p| p.domains.contains(&domain))
    }

    /// The provider whose IMAP server this is, for a domain that is not a provider's own
    /// (servers found by autoconfig, SRV or guessing): a company domain on imap.gmail.com is
    /// Google Workspace, not personal Gmail, so the hosted-domain offer comes first.
    pub fn by_imap_host(&self, host: &str) -> Option<&Provider> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let mut matches = self.providers.iter().filter(|p| p.imap.host == host);
        let first = matches.clone().next();
        matches
            .find(|p| p.kind == ProviderKind::Enterprise)
            .or(first)
    }

    /// The providers with a start-screen tile, in their order.
    pub fn tiles(&self) -> Vec<(&Provider, &Tile)> {
        let mut tiles: Vec<_> = self
            .providers
            .iter()
            .filter_map(|p| p.tile.as_ref().map(|t| (p, t)))
            .collect();
        tiles.sort_by_key(|(_, t)| t.order);
        tiles
    }

    /// The provider that hosts mail for a domain whose MX host is `mx_host`.
    pub fn by_mx(&self, mx_host: &str) -> Option<&Provider> {
        let host = mx_host.trim_end_matches('.').to_ascii_lowercase();
        self.providers
            .iter()
            .find(|p| p.mx.iter().any(|pat| wildcard_match(pat, &host)))
    }
}

/// `*` matches any run of characters (including dots), everything else literally.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::normalize_code;

    /// The catalog with the test provider of `tests/data/example-provider.json` added first.
    fn with_example_provider(catalog: &str) -> String {
        let entry = include_str!("../tests/data/example-provider.json");
        catalog.replacen("\"providers\": [", &format!("\"providers\": [{entry},"), 1)
    }

    /// A provider is data: a JSON entry and its .ftl lines give it a tile with its badge, steps
    /// with their links, and its own advice when its server refuses the code.
    #[test]
    fn a_provider_added_as_data_gets_its_tile_steps_and_advice() {
        let json = with_example_provider(CATALOG_JSON);
        let ftl = include_str!("../tests/data/example-provider.ftl");
        let locales: Vec<(&str, String)> = ["en", "zh-CN", "zh-TW"]
            .iter()
            .map(|l| (*l, format!("{}\n{ftl}", crate::i18n::ftl_source(l))))
            .collect();
        let locales: Vec<(&str, &str)> = locales.iter().map(|(l, t)| (*l, t.as_str())).collect();
        assert!(crate::validate::validate(&json, &locales).is_ok());

        let catalog: &'static Catalog = Box::leak(Box::new(
            serde_json::from_str::<Catalog>(&json).expect("parses"),
        ));
        let (first, tile) = catalog.tiles()[0];
        assert_eq!(
            (first.id.as_str(), tile.badge.as_str(), tile.rgb()),
            ("example", "badge-example", [0x33, 0x66, 0x99])
        );
        let example = catalog.by_domain("example.cn").expect("by domain");
        assert_eq!(example.steps[0].text, "example-step");
        assert_eq!(
            example.link(&example.steps[0].link),
            Some("https://mail.example.cn/settings")
        );
        let refused = crate::probe::ProbeError {
            stage: crate::probe::Stage::Login,
            kind: crate::probe::ErrorKind::Auth,
            tls_reason: None,
            server_text: Some("NO LOGIN failed".into()),
            detail: String::new(),
        };
        let d = crate::probe::classify::diagnose(&refused, Some(example));
        assert_eq!(d.advice_id, "advice-example");
        assert_eq!(
            d.help_url.as_deref(),
            Some("https://mail.example.cn/settings")
        );
    }

    #[test]
    fn every_listed_domain_is_found() {
        let c = Catalog::builtin();
        for (domain, id) in [
            ("qq.com", "qq"),
            ("foxmail.com", "qq"),
            ("vip.qq.com", "qq"),
            ("163.com", "netease-163"),
            ("126.com", "netease-126"),
            ("yeah.net", "netease-yeah"),
            ("188.com", "netease-188"),
            ("aliyun.com", "aliyun"),
            ("sohu.com", "sohu"),
            ("139.com", "mail139"),
            ("sina.com", "sina"),
            ("gmail.com", "gmail"),
            ("googlemail.com", "gmail"),
            ("hotmail.com", "outlook"),
            ("msn.com", "outlook"),
            ("me.com", "icloud"),
            ("mac.com", "icloud"),
        ] {
            assert_eq!(
                c.by_domain(domain).map(|p| p.id.as_str()),
                Some(id),
                "{domain}"
            );
        }
        assert!(c.by_domain("example.org").is_none());
    }

    #[test]
    fn catalog_is_sane() {
        let c = Catalog::builtin();
        assert!(c.providers.len() >= 18);
        for p in &c.providers {
            assert!(!p.steps.is_empty(), "{} has no steps", p.id);
            assert!(p.imap.port > 0 && p.smtp.port > 0);
            for s in &p.steps {
                assert!(p.link(&s.link).is_some(), "{}: step without link", p.id);
            }
            if p.kind == ProviderKind::Enterprise {
                assert!(!p.mx.is_empty(), "{}: enterprise needs MX patterns", p.id);
            }
        }
        // Exmail: the admin must enable IMAP/SMTP for the member first, so that part comes first.
        let ex = c.by_id("exmail").expect("exmail");
        assert!(ex.steps[0].admin && ex.steps[1].admin && !ex.steps[2].admin);
        assert!(ex.link("admin").is_some());
    }

    /// build.rs accepts exactly the reply kinds the catalog can read.
    #[test]
    fn reply_kinds_checked_by_the_build_are_the_catalogs() {
        for k in crate::validate::REPLY_KINDS {
            let parsed: Result<ReplyKind, _> = serde_json::from_value(serde_json::json!(k));
            assert!(parsed.is_ok(), "{k}");
        }
        let bad: Result<ReplyKind, _> = serde_json::from_value(serde_json::json!("dns"));
        assert!(bad.is_err());
    }

    #[test]
    fn mx_patterns_find_enterprise_hosts() {
        let c = Catalog::builtin();
        for (mx, id) in [
            ("mxbiz1.qq.com.", "exmail"),
            ("qiye163mx01.mxmail.netease.com", "netease-qiye"),
            ("mx1.qiye.aliyun.com", "aliyun-qiye"),
            ("aspmx.l.google.com", "google-workspace"),
            ("alt1.aspmx.l.google.com", "google-workspace"),
            ("contoso-com.mail.protection.outlook.com", "microsoft365"),
        ] {
            assert_eq!(c.by_mx(mx).map(|p| p.id.as_str()), Some(id), "{mx}");
        }
        assert!(c.by_mx("mx.example.org").is_none());
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("*.qiye.163.com", "mx.qiye.163.com"));
        assert!(!wildcard_match("*.qiye.163.com", "qiye.163.com.evil.org"));
        assert!(wildcard_match("mxbiz1.qq.com", "mxbiz1.qq.com"));
        assert!(!wildcard_match("mxbiz1.qq.com", "mxbiz1.qq.com.cn"));
        assert!(wildcard_match(
            "163mx*.mxmail.netease.com",
            "163mx01.mxmail.netease.com"
        ));
    }

    #[test]
    fn endpoints_fill_the_login_name() {
        let c = Catalog::builtin();
        let a = Address::parse("Tim@icloud.com").expect("valid");
        let (imap, smtp) = c.by_id("icloud").expect("icloud").endpoints(&a);
        assert_eq!(imap.username, "Tim");
        assert_eq!(smtp.username, "Tim@icloud.com");
        assert_eq!(smtp.security, Security::Starttls);
        let a = Address::parse("x@qq.com").expect("valid");
        let (imap, smtp) = c.by_id("qq").expect("qq").endpoints(&a);
        assert_eq!((imap.host.as_str(), imap.port), ("imap.qq.com", 993));
        assert_eq!((smtp.host.as_str(), smtp.port), ("smtp.qq.com", 465));
    }

    /// The gaps a support person met: each domain is its provider's, with its own servers.
    #[test]
    fn chinese_and_regional_domains_are_known() {
        let c = Catalog::builtin();
        for (domain, id, imap) in [
            ("vip.163.com", "netease-vip163", "imap.vip.163.com"),
            ("vip.126.com", "netease-vip126", "imap.vip.126.com"),
            ("189.cn", "telecom-189", "imap.189.cn"),
            ("21cn.com", "cn21", "imap.21cn.com"),
            ("wo.cn", "wo", "imap.wo.cn"),
            ("263.net", "mail263", "imap.263.net"),
            ("sina.cn", "sina-cn", "imap.sina.cn"),
            ("sina.com", "sina", "imap.sina.com"),
            ("live.cn", "outlook", "outlook.office365.com"),
            ("hotmail.com.tw", "outlook", "outlook.office365.com"),
            ("windowslive.com", "outlook", "outlook.office365.com"),
        ] {
            let p = c
                .by_domain(domain)
                .unwrap_or_else(|| panic!("{domain} unknown"));
            assert_eq!(
                (p.id.as_str(), p.imap.host.as_str()),
                (id, imap),
                "{domain}"
            );
        }
        assert_eq!(
            c.by_mx("contoso-com.mx.microsoft").map(|p| p.id.as_str()),
            Some("microsoft365")
        );
        // A password provider: sent as typed, and its refusal names the password.
        assert_eq!(
            c.by_id("cn21").map(|p| p.credential),
            Some(CredentialKind::Password)
        );
    }

    #[test]
    fn company_servers_on_google_or_microsoft_are_the_business_offer() {
        let c = Catalog::builtin();
        let id = |h: &str| c.by_imap_host(h).map(|p| p.id.as_str());
        assert_eq!(id("imap.gmail.com"), Some("google-workspace"));
        assert_eq!(id("outlook.office365.com."), Some("microsoft365"));
        assert_eq!(id("imap.qq.com"), Some("qq"));
        assert_eq!(id("imap.example.com"), None);
    }

    #[test]
    fn a_failure_opens_a_page_that_fixes_it_not_the_webmail_front_door() {
        let c = Catalog::builtin();
        for id in ["netease-163", "netease-126"] {
            let p = c.by_id(id).expect(id);
            assert_ne!(p.settings_url(), p.link("webmail"), "{id}");
            assert_eq!(p.settings_url(), p.link("help"), "{id}");
        }
        let qq = c.by_id("qq").expect("qq");
        assert_eq!(
            qq.settings_url(),
            Some("https://wx.mail.qq.com/account/index")
        );
    }

    #[test]
    fn code_format_check() {
        let c = Catalog::builtin();
        let qq = c.by_id("qq").expect("qq");
        assert_eq!(qq.check_code(&normalize_code("abcd efgh ijkl mnop")), None);
        assert_eq!(qq.check_code(&normalize_code("")), Some(CodeWarning::Empty));
        assert_eq!(
            qq.check_code(&normalize_code("123456789")),
            Some(CodeWarning::LooksLikePassword)
        );
        assert_eq!(
            qq.check_code(&normalize_code("abcdefgh")),
            Some(CodeWarning::WrongShape {
                expected: 16,
                actual: 8
            })
        );
        // Letters and digits where QQ's codes are letters only: the login password, and
        // nothing is sent.
        let password = qq.check_code(&normalize_code("zhangsan1990"));
        assert_eq!(password, Some(CodeWarning::NotACode { expected: 16 }));
        assert!(password.is_some_and(|w| w.is_certain()));
        assert_eq!(
            qq.check_code(&normalize_code("ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐ")),
            None
        );
        let icloud = c.by_id("icloud").expect("icloud");
        assert_eq!(
            icloud.check_code(&normalize_code("abcd-efgh-ijkl-mnop")),
            None
        );
        let outlook = c.by_id("outlook").expect("outlook");
        assert_eq!(
            outlook.check_code(&normalize_code("x")),
            Some(CodeWarning::OauthOnly)
        );
    }
}
