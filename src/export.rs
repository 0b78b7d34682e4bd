//! A working account's settings for other mail clients: a Thunderbird autoconfig file
//! (clientConfig 1.1, which this project's own parser reads back), an Apple configuration
//! profile (`.mobileconfig`) and the QR code payload Thunderbird for Android imports ("Export
//! for Mobile", format version 1). The password goes in only when asked for.

use quick_xml::escape::escape;
use secrecy::{ExposeSecret, SecretString};

use crate::catalog::{Endpoint, Security};
use crate::store::Account;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Thunderbird autoconfig XML (config-v1.1.xml).
    Thunderbird,
    /// Apple Mail / iOS configuration profile.
    Mobileconfig,
    /// Thunderbird for Android's QR code text (JSON).
    ThunderbirdAndroid,
}

impl Format {
    pub fn file_name(self, address: &str) -> String {
        let safe = crate::address::file_stem(address);
        match self {
            Format::Thunderbird => format!("{safe}.config-v1.1.xml"),
            Format::Mobileconfig => format!("{safe}.mobileconfig"),
            Format::ThunderbirdAndroid => format!("{safe}.thunderbird-android.json"),
        }
    }
}

fn domain_of(address: &str) -> &str {
    address.rsplit_once('@').map_or("", |(_, d)| d)
}

/// The login name as a placeholder where it is one, so the file fits the whole domain.
fn username_template(e: &Endpoint, address: &str) -> String {
    let local = address.rsplit_once('@').map_or(address, |(l, _)| l);
    if e.username == address {
        "%EMAILADDRESS%".into()
    } else if e.username == local {
        "%EMAILLOCALPART%".into()
    } else {
        e.username.clone()
    }
}

fn socket(e: &Endpoint) -> &'static str {
    match e.security {
        Security::Tls => "SSL",
        Security::Starttls => "STARTTLS",
    }
}

/// Thunderbird's clientConfig for the account's domain.
pub fn thunderbird(account: &Account, display_name: &str) -> String {
    let domain = escape(domain_of(&account.address)).into_owned();
    let server = |tag: &str, kind: &str, e: &Endpoint| {
        format!(
            "    <{tag} type=\"{kind}\">\n      <hostname>{}</hostname>\n      <port>{}</port>\n      <socketType>{}</socketType>\n      <username>{}</username>\n      <authentication>password-cleartext</authentication>\n    </{tag}>\n",
            escape(&e.host),
            e.port,
            socket(e),
            escape(username_template(e, &account.address)),
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Exported by mailsetup {} -->\n<clientConfig version=\"1.1\">\n  <emailProvider id=\"{domain}\">\n    <domain>{domain}</domain>\n    <displayName>{}</displayName>\n{}{}  </emailProvider>\n</clientConfig>\n",
        crate::APP_VERSION,
        escape(display_name),
        server("incomingServer", "imap", &account.imap),
        server("outgoingServer", "smtp", &account.smtp),
    )
}

/// A UUID-shaped identifier derived from the address (the same account gives the same one, so
/// installing the profile again replaces it).
fn uuid_for(seed: &str) -> String {
    // FNV-1a, twice with different offsets: stable across runs and platforms.
    let fnv = |offset: u64| {
        seed.bytes().fold(offset, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
    };
    let (a, b) = (fnv(0xcbf2_9ce4_8422_2325), fnv(0x8422_2325_cbf2_9ce4));
    let hex = format!("{a:016X}{b:016X}");
    format!(
        "{}-{}-4{}-8{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// An Apple configuration profile with one mail account payload.
pub fn mobileconfig(
    account: &Account,
    display_name: &str,
    password: Option<&SecretString>,
) -> String {
    let a = &account.address;
    let s = |v: &str| format!("<string>{}</string>", escape(v));
    let mut mail = vec![
        ("EmailAccountDescription", s(display_name)),
        // The name recipients see ("the user name in sent messages", Apple's reference).
        ("EmailAccountName", s(&account.sender_name())),
        ("EmailAccountType", s("EmailTypeIMAP")),
        ("EmailAddress", s(a)),
        ("IncomingMailServerAuthentication", s("EmailAuthPassword")),
        ("IncomingMailServerHostName", s(&account.imap.host)),
        (
            "IncomingMailServerPortNumber",
            format!("<integer>{}</integer>", account.imap.port),
        ),
        // Apple's "use SSL" covers STARTTLS on 143/587 too; accounts are never plain text.
        ("IncomingMailServerUseSSL", "<true/>".to_string()),
        ("IncomingMailServerUsername", s(&account.imap.username)),
        ("OutgoingMailServerAuthentication", s("EmailAuthPassword")),
        ("OutgoingMailServerHostName", s(&account.smtp.host)),
        (
            "OutgoingMailServerPortNumber",
            format!("<integer>{}</integer>", account.smtp.port),
        ),
        ("OutgoingMailServerUseSSL", "<true/>".to_string()),
        ("OutgoingMailServerUsername", s(&account.smtp.username)),
        (
            "OutgoingPasswordSameAsIncomingPassword",
            "<true/>".to_string(),
        ),
        ("PayloadDisplayName", s(display_name)),
        (
            "PayloadIdentifier",
            s(&format!("app.mailsetup.account.{}", uuid_for(a))),
        ),
        ("PayloadType", s("com.apple.mail.managed")),
        ("PayloadUUID", s(&uuid_for(&format!("mail:{a}")))),
        ("PayloadVersion", "<integer>1</integer>".to_string()),
    ];
    if let Some(p) = password {
        mail.push(("IncomingPassword", s(p.expose_secret())));
        mail.push(("OutgoingPassword", s(p.expose_secret())));
    }
    mail.sort_by_key(|(k, _)| *k);
    let dict: String = mail
        .iter()
        .map(|(k, v)| format!("\t\t\t<key>{k}</key>\n\t\t\t{v}\n"))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n<dict>\n\t<key>PayloadContent</key>\n\t<array>\n\t\t<dict>\n{dict}\t\t</dict>\n\t</array>\n\t<key>PayloadDisplayName</key>\n\t{}\n\t<key>PayloadIdentifier</key>\n\t{}\n\t<key>PayloadType</key>\n\t<string>Configuration</string>\n\t<key>PayloadUUID</key>\n\t{}\n\t<key>PayloadVersion</key>\n\t<integer>1</integer>\n</dict>\n</plist>\n",
        s(&format!("{display_name} ({a})")),
        s(&format!("app.mailsetup.{}", uuid_for(a))),
        s(&uuid_for(&format!("profile:{a}"))),
    )
}

/// The text of the QR code Thunderbird for Android scans ("Import settings" → "Scan QR code"):
/// Thunderbird desktop's "Export for Mobile" format 1, JSON arrays for compactness — format
/// version, [sequence number, of], the IMAP server, then the SMTP server groups each with their
/// identities. A browser sign-in goes as OAuth2 (the app signs in to the provider itself).
pub fn thunderbird_android(account: &Account, password: Option<&SecretString>) -> SecretString {
    use crate::store::SignIn;
    use serde_json::json;
    const IMAP: u8 = 0;
    const SMTP: u8 = 0;
    let security = |e: &Endpoint| match e.security {
        Security::Starttls => 2,
        Security::Tls => 3,
    };
    let (auth, password) = match account.sign_in {
        SignIn::Password => (1, password.map(|p| p.expose_secret()).unwrap_or_default()),
        SignIn::OAuth => (6, ""),
    };
    let (i, o) = (&account.imap, &account.smtp);
    let payload = json!([
        1,
        [1, 1],
        // The account name: empty means "the identity's address".
        [
            IMAP,
            i.host,
            i.port,
            security(i),
            auth,
            i.username,
            "",
            password
        ],
        [[
            [
                SMTP,
                o.host,
                o.port,
                security(o),
                auth,
                o.username,
                password
            ],
            [account.address, account.sender_name()]
        ]]
    ]);
    SecretString::from(payload.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::Address;

    fn account() -> Account {
        let ep = |host: &str, port, security, user: &str| Endpoint {
            host: host.into(),
            port,
            security,
            username: user.into(),
        };
        Account {
            sign_in: Default::default(),
            address: "li.lei@example-corp.cn".into(),
            provider: None,
            imap: ep("imap.example-corp.cn", 993, Security::Tls, "li.lei"),
            smtp: ep(
                "smtp.example-corp.cn",
                587,
                Security::Starttls,
                "li.lei@example-corp.cn",
            ),
            saved_at: 0,
            ca: None,
            handed: Vec::new(),
            name: Some("李雷".into()),
        }
    }

    #[test]
    fn thunderbird_export_parses_back_to_the_same_servers() {
        let a = account();
        let xml = thunderbird(&a, "Example <Corp> & Co");
        let address = Address::parse(&a.address).expect("valid");
        let back = crate::discover::autoconfig::parse(&xml, &address).expect("parses");
        assert_eq!(back.imap.as_ref(), Some(&a.imap));
        assert_eq!(back.smtp.as_ref(), Some(&a.smtp));
        assert_eq!(back.display_name.as_deref(), Some("Example <Corp> & Co"));
        assert!(xml.contains("%EMAILLOCALPART%") && xml.contains("%EMAILADDRESS%"));
    }

    /// The shape of the specification's own example "One IMAP account" (Thunderbird for
    /// Android's `docs/qr-code-format.md`), each value's JSON type at each place.
    const SPEC_EXAMPLE: &str = r#"[1,[1,1],[0,"imap.domain.example",993,3,1,"user@domain.example"],
        [[[0,"smtp.domain.example",465,3,1,"user@domain.example"],["user@domain.example","Jane Doe"]]]]"#;

    fn shape(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::Array(items) => {
                format!(
                    "[{}]",
                    items.iter().map(shape).collect::<Vec<_>>().join(",")
                )
            }
            serde_json::Value::Number(_) => "n".into(),
            serde_json::Value::String(_) => "s".into(),
            other => other.to_string(),
        }
    }

    #[test]
    fn the_android_qr_payload_follows_thunderbirds_format_1() {
        let a = account();
        let without = thunderbird_android(&a, None);
        let v: serde_json::Value = serde_json::from_str(without.expose_secret()).expect("json");
        let spec: serde_json::Value = serde_json::from_str(SPEC_EXAMPLE).expect("spec json");
        // Ours adds the optional account name and passwords (empty: "not included").
        let spec_shape = shape(&spec)
            .replace("[[[n,s,n,n,n,s],", "[[[n,s,n,n,n,s,s],")
            .replace("[n,s,n,n,n,s],", "[n,s,n,n,n,s,s,s],");
        assert_eq!(shape(&v), spec_shape);
        assert_eq!(v[2][1], "imap.example-corp.cn");
        assert_eq!(v[2][3], 3, "993 is TLS");
        assert_eq!(v[3][0][0][3], 2, "587 is STARTTLS");
        assert_eq!(v[2][5], "li.lei");
        assert_eq!(v[3][0][1][0], "li.lei@example-corp.cn");
        assert_eq!(v[3][0][1][1], "李雷", "the name recipients see");
        assert_eq!((&v[2][7], &v[3][0][0][6]), (&"".into(), &"".into()));
        let code = SecretString::from("abcdefghijklmnop".to_string());
        let with = thunderbird_android(&a, Some(&code));
        let v: serde_json::Value = serde_json::from_str(with.expose_secret()).expect("json");
        assert_eq!(
            (&v[2][7], &v[3][0][0][6]),
            (&code.expose_secret().into(), &code.expose_secret().into())
        );
        let oauth = Account {
            sign_in: crate::store::SignIn::OAuth,
            ..account()
        };
        let v: serde_json::Value =
            serde_json::from_str(thunderbird_android(&oauth, Some(&code)).expose_secret())
                .expect("json");
        assert_eq!(
            (&v[2][4], &v[2][7]),
            (&6.into(), &"".into()),
            "OAuth2, no secret"
        );
    }

    #[test]
    fn mobileconfig_is_well_formed_and_has_the_password_only_when_asked() {
        let a = account();
        let without = mobileconfig(&a, "Example", None);
        let secret = SecretString::from("s3cret&<code>".to_string());
        let with = mobileconfig(&a, "Example", Some(&secret));
        for doc in [&without, &with] {
            let mut r = quick_xml::Reader::from_str(doc);
            loop {
                match r.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("not well-formed: {e}"),
                }
            }
            assert!(doc.contains("<string>imap.example-corp.cn</string>"));
            assert!(doc.contains("<integer>587</integer>"));
            assert!(doc.contains("<key>EmailAccountName</key>\n\t\t\t<string>李雷</string>"));
        }
        assert!(!without.contains("Password</key>\n\t\t\t<string>"));
        assert!(with.contains("<string>s3cret&amp;&lt;code&gt;</string>"));
        assert_eq!(uuid_for("x").len(), 36);
        assert_eq!(uuid_for("x"), uuid_for("x"));
    }
}
