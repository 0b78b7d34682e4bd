//! Property tests (proptest) over what servers and the network control: server replies through
//! the decoder and classifier, and autoconfig documents through the parser. Run with
//! `cargo test --test properties`; PROPTEST_CASES raises the case count.

use proptest::prelude::*;

use mailsetup::address::Address;
use mailsetup::catalog::{Catalog, Security};
use mailsetup::discover::autoconfig;
use mailsetup::i18n::{Lang, Localizer};
use mailsetup::probe::classify::{diagnose, refine};
use mailsetup::probe::transcript::decode;
use mailsetup::probe::{ErrorKind, ProbeError, Protocol, Stage, TlsReason};

fn kind() -> impl Strategy<Value = ErrorKind> {
    prop::sample::select(vec![
        ErrorKind::Dns,
        ErrorKind::Refused,
        ErrorKind::Timeout,
        ErrorKind::Tls,
        ErrorKind::StarttlsUnavailable,
        ErrorKind::Auth,
        ErrorKind::ServiceDisabled,
        ErrorKind::ClientNotAllowed,
        ErrorKind::RateLimited,
        ErrorKind::Protocol,
    ])
}

fn stage() -> impl Strategy<Value = Stage> {
    prop::sample::select(vec![
        Stage::Connect,
        Stage::Tls,
        Stage::Greeting,
        Stage::Login,
        Stage::Auth,
        Stage::Select,
    ])
}

proptest! {
    /// Any bytes a server sends decode to text without control characters (but line breaks).
    #[test]
    fn decoding_any_reply_is_safe(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let text = decode(&bytes);
        prop_assert!(text.chars().all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t')));
    }

    /// Any reply, at any stage, of any kind, for any provider: classified and advised without
    /// a panic, and the advice is a real message in every language.
    #[test]
    fn any_reply_is_classified_and_advised(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        kind in kind(),
        stage in stage(),
        imap in any::<bool>(),
        provider in 0usize..20,
    ) {
        let protocol = if imap { Protocol::Imap } else { Protocol::Smtp };
        let mut e = ProbeError {
            stage,
            kind,
            tls_reason: (kind == ErrorKind::Tls).then_some(TlsReason::Other),
            server_text: Some(decode(&bytes)),
            detail: String::new(),
        };
        refine(protocol, &mut e);
        // A timeout or a TLS failure is never turned into something else by what was said.
        if matches!(kind, ErrorKind::Timeout | ErrorKind::Tls) {
            prop_assert_eq!(e.kind, kind);
        }
        let p = Catalog::builtin().providers.get(provider);
        let d = diagnose(&e, p);
        for lang in [Lang::ZhCn, Lang::ZhTw, Lang::En] {
            let text = Localizer::new(lang).tr(d.advice_id);
            prop_assert!(!text.is_empty() && text != d.advice_id);
        }
    }

    /// A known provider line anywhere in a reply is recognised, whatever surrounds it.
    #[test]
    fn known_lines_are_found_in_noise(before in "[ -~]{0,40}", after in "[ -~]{0,40}") {
        let mut e = ProbeError {
            stage: Stage::Auth,
            kind: ErrorKind::Protocol,
            tls_reason: None,
            server_text: Some(format!("{before}535 Login Fail. Please enter your authorization code to login{after}")),
            detail: String::new(),
        };
        refine(Protocol::Smtp, &mut e);
        prop_assert_eq!(e.kind, ErrorKind::Auth);
    }

    /// Any text is parsed as an autoconfig document without a panic.
    #[test]
    fn any_text_is_parsed_or_refused(text in "\\PC{0,400}") {
        let a = Address::parse("li@example.cn").expect("valid");
        let _ = autoconfig::parse(&text, &a);
    }

    /// Generated documents give back what they describe: the servers with placeholders filled
    /// in, plain-text servers never.
    #[test]
    fn generated_documents_round_trip(
        host in "[a-z][a-z0-9-]{0,20}",
        imap_port in 1u16..,
        smtp_port in 1u16..,
        imap_socket in prop::sample::select(vec!["SSL", "STARTTLS", "plain"]),
        smtp_socket in prop::sample::select(vec!["SSL", "STARTTLS", "plain"]),
        user in prop::sample::select(vec!["%EMAILADDRESS%", "%EMAILLOCALPART%", "%EMAILLOCALPART%@%EMAILDOMAIN%"]),
    ) {
        let a = Address::parse("li.lei@example.cn").expect("valid");
        let xml = format!(
            r#"<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="x">
            <domain>example.cn</domain><displayName>X &amp; Y</displayName>
            <incomingServer type="imap"><hostname>{host}.%EMAILDOMAIN%</hostname><port>{imap_port}</port>
              <socketType>{imap_socket}</socketType><username>{user}</username></incomingServer>
            <outgoingServer type="smtp"><hostname>SMTP.{host}.cn</hostname><port>{smtp_port}</port>
              <socketType>{smtp_socket}</socketType><username>{user}</username></outgoingServer>
            </emailProvider></clientConfig>"#
        );
        let c = autoconfig::parse(&xml, &a).expect("valid document");
        prop_assert_eq!(c.display_name.as_deref(), Some("X & Y"));
        let security = |s: &str| match s {
            "SSL" => Some(Security::Tls),
            "STARTTLS" => Some(Security::Starttls),
            _ => None,
        };
        let username = user
            .replace("%EMAILADDRESS%", "li.lei@example.cn")
            .replace("%EMAILLOCALPART%", "li.lei")
            .replace("%EMAILDOMAIN%", "example.cn");
        match (security(imap_socket), c.imap) {
            (None, None) => {}
            (Some(s), Some(e)) => {
                prop_assert_eq!(e.host, format!("{host}.example.cn"));
                prop_assert_eq!((e.port, e.security), (imap_port, s));
                prop_assert_eq!(&e.username, &username);
            }
            (want, got) => prop_assert!(false, "imap: wanted {:?}, got {:?}", want, got),
        }
        match (security(smtp_socket), c.smtp) {
            (None, None) => {}
            (Some(s), Some(e)) => {
                prop_assert_eq!(e.host, format!("smtp.{host}.cn"));
                prop_assert_eq!((e.port, e.security), (smtp_port, s));
            }
            (want, got) => prop_assert!(false, "smtp: wanted {:?}, got {:?}", want, got),
        }
    }
}
