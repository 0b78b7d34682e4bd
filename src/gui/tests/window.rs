//! The window as a whole: the bundled font, the smallest window, the screens to look at.

use mailsetup::i18n::{Lang, Localizer, msg};

use crate::gui::screen::{credentials, start};
use crate::gui::{App, Launch, Message, Screen};

use super::kit::{look, new_app, report, said, sees};

/// The screens that need no servers, each checked for what it must show; with
/// `MAILSETUP_SHOTS=1 cargo test --bin mailsetup screens_to_look_at` also as PNGs (see `look`).
#[test]
fn screens_to_look_at() {
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        ..Launch::default()
    });
    assert!(sees(&app, "Your email address"));
    look(&mut app, "start");
    let mut app = new_app(Launch {
        lang: Lang::En,
        provider: Some("qq".into()),
        address: Some("zhang.san@qq.com".into()),
        ..Launch::default()
    });
    assert!(matches!(app.screen, Screen::Steps(_)));
    assert!(sees(&app, &l.tr(msg::QQ_STEP_ENABLE)));
    look(&mut app, "steps-qq");
    let _ = app.update(Message::Steps(crate::gui::screen::steps::Message::Next));
    assert!(matches!(app.screen, Screen::Credentials(_)));
    assert!(sees(&app, "zhang.san@qq.com"));
    look(&mut app, "credentials-qq");
    // The QQ password typed where the code goes: said before anything is sent.
    let _ = app.update(Message::Credentials(credentials::Message::CodeChanged(
        crate::gui::redacted::Redacted(secrecy::SecretString::from("zhangsan1990".to_string())),
    )));
    let args = [
        ("provider", l.tr(msg::PROVIDER_QQ).into()),
        ("credential", l.tr(msg::CREDENTIAL_AUTH_CODE).into()),
        ("length", 16.into()),
    ];
    assert!(sees(&app, &l.tr_args(msg::CODE_WARN_PASSWORD, &args)));
    look(&mut app, "credentials-not-a-code");
}

/// Every string the window can show, in all three languages.
const TRANSLATIONS: [&str; 3] = [
    include_str!("../../../i18n/zh-CN/mailsetup.ftl"),
    include_str!("../../../i18n/zh-TW/mailsetup.ftl"),
    include_str!("../../../i18n/en/mailsetup.ftl"),
];

fn bundled_font() -> ttf_parser::Face<'static> {
    ttf_parser::Face::parse(crate::gui::fonts::BUNDLED, 0).expect("font parses")
}

#[test]
fn bundled_font_covers_every_translated_string() {
    let face = bundled_font();
    let missing: String = (TRANSLATIONS.iter().chain(&["张三李四王五。✓×→…"]))
        .flat_map(|t| t.chars())
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .filter(|c| face.glyph_index(*c).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "run assets/fonts/subset.sh; missing: {missing}"
    );
}

/// The translations' glyphs, and those the autohinter measures, come first in the bundled font
/// (assets/fonts/cluster.py): the kernel maps the binary's pages 64 KB or a large folio at a
/// time, and glyphs spread over the font's 2.6 MB made all of it resident.
#[test]
fn the_strings_glyphs_lie_together_at_the_start_of_the_font() {
    let face = bundled_font();
    let autohinted = include_str!("../../../assets/fonts/autohint.txt");
    let last = (TRANSLATIONS.iter().chain(&[autohinted]))
        .flat_map(|t| t.chars())
        .filter_map(|c| face.glyph_index(c))
        .map(|g| g.0)
        .max();
    // 1,722 glyphs with the components they are made of, of 33,501.
    assert!(
        last.is_some_and(|g| g < 2_500),
        "run assets/fonts/subset.sh (it clusters them); last glyph {last:?} of {}",
        face.number_of_glyphs()
    );
}

/// The window's icon is decoded by the png crate now that iced's image feature is gone.
#[test]
fn the_window_icon_decodes_to_8_bit_rgba() {
    let (rgba, size) = crate::gui::icon().expect("icon decodes").into_raw();
    assert_eq!((size.width, size.height), (64, 64));
    assert_eq!(rgba.len(), 64 * 64 * 4);
    // Not blank, and the 16-bit samples were cut to 8, not read as pairs of bytes.
    assert!(rgba.chunks(4).any(|p| p[3] == 255));
}

#[test]
fn the_system_chinese_font_comes_first_and_the_bundled_one_is_the_fallback() {
    let pick = |present: &'static str| {
        crate::gui::fonts::default_family(move |p| p.to_string_lossy().ends_with(present))
    };
    assert_eq!(pick("NotoSansCJK-Regular.ttc"), "Noto Sans CJK SC");
    assert_eq!(pick("PingFang.ttc"), "PingFang SC");
    assert_eq!(pick("nothing-installed"), crate::gui::fonts::BUNDLED_NAME);
}

/// What people type must not vanish: all of GB2312, the less common name characters of the
/// 通用规范汉字表 beyond it, full-width forms and CJK punctuation.
#[test]
fn bundled_font_covers_what_people_type() {
    let face = ttf_parser::Face::parse(crate::gui::fonts::BUNDLED, 0).expect("font parses");
    let bytes: Vec<u8> = (0xB0..=0xF7u8)
        .flat_map(|r| (0xA1..=0xFEu8).flat_map(move |c| [r, c]))
        .collect();
    let (gb2312, _, _) = encoding_rs::GB18030.decode(&bytes);
    let names = "喆堃玥珺璟赟燊昇晟翀淏暻琤犇珏婧妤彧铖昊炜钰祎";
    let full_width: String = (0xFF01..=0xFF5E).filter_map(char::from_u32).collect();
    let punctuation = "《》【】‘’“”、。，；：？！「」『』〈〉…—·";
    let missing: String = [gb2312.as_ref(), names, &full_width, punctuation]
        .iter()
        .flat_map(|t| t.chars())
        // GB2312 leaves D7FA–D7FE unassigned (GB18030 maps them to private use).
        .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c) && !c.is_whitespace())
        .filter(|c| face.glyph_index(*c).is_none())
        .collect();
    assert!(missing.is_empty(), "missing: {missing}");
}

/// The smallest window the app allows.
const SMALLEST: iced::Size = iced::Size::new(640.0, 520.0);

/// The buttons `labels` of `app`'s screen are whole and inside the smallest window.
fn fits(app: &App, l: &Localizer, labels: &[&str], screen: &str) {
    let settings = iced::Settings {
        fonts: vec![crate::gui::fonts::BUNDLED.into()],
        default_font: iced::Font::with_name(crate::gui::fonts::BUNDLED_NAME),
        ..iced::Settings::default()
    };
    let mut ui = iced_test::Simulator::with_size(settings, SMALLEST, app.view());
    for id in labels {
        let label = l.tr(id);
        let found = ui
            .find(label.as_str())
            .unwrap_or_else(|_| panic!("{:?} {screen}: no {label:?}", l.lang()));
        let b = found.bounds();
        let v = found.visible_bounds().unwrap_or_default();
        assert!(
            v.width >= b.width - 0.5 && v.height >= b.height - 0.5,
            "{:?} {screen}: {label:?} is cut off ({v:?} of {b:?})",
            l.lang()
        );
        assert!(
            b.y + b.height <= SMALLEST.height && b.x + b.width <= SMALLEST.width,
            "{:?} {screen}: {label:?} at {b:?} is outside the window",
            l.lang()
        );
    }
}

/// Every screen at the smallest window (640×520), in all three languages, with the bundled
/// font: the bottom bar's buttons are whole and inside the window (the body scrolls instead).
#[test]
fn every_screen_fits_the_smallest_window() {
    for lang in [Lang::ZhCn, Lang::ZhTw, Lang::En] {
        let l = Localizer::new(lang);
        start_and_manual_fit(&l);
        steps_code_and_results_fit(&l);
        outlook_fits(&l);
    }
}

/// Start, after a lookup that found nothing (the longest status line); then the servers by
/// hand, with every field wrong.
fn start_and_manual_fit(l: &Localizer) {
    use mailsetup::discover::DiscoverError;
    use std::sync::Arc;
    let mut app = new_app(Launch {
        lang: l.lang(),
        ..Launch::default()
    });
    let _ = app.update(Message::Start(start::Message::AddressChanged(
        "zhang.san@nothing-here.test".into(),
    )));
    let _ = app.update(Message::Start(start::Message::Next));
    let _ = app.update(Message::Start(start::Message::Detected(Err(Arc::new(
        DiscoverError::NotFound {
            domain: "nothing-here.test".into(),
            mx: Vec::new(),
            attempts: Vec::new(),
            elapsed: std::time::Duration::ZERO,
        },
    )))));
    fits(&app, l, &[msg::GUI_NEXT, msg::GUI_MANUAL_LINK], "start");
    let _ = app.update(Message::Start(start::Message::Manual));
    for m in [
        crate::gui::screen::manual::Message::Port(mailsetup::probe::Protocol::Imap, "x".into()),
        crate::gui::screen::manual::Message::Host(mailsetup::probe::Protocol::Smtp, "a b".into()),
        crate::gui::screen::manual::Message::Login(String::new()),
        crate::gui::screen::manual::Message::Next,
    ] {
        let _ = app.update(Message::Manual(m));
    }
    assert!(matches!(app.screen, Screen::Manual(_)));
    fits(&app, l, &[msg::GUI_NEXT, msg::GUI_BACK], "manual");
}

/// QQ's five steps, the code screen with a warning, then the results.
fn steps_code_and_results_fit(l: &Localizer) {
    let mut app = new_app(Launch {
        lang: l.lang(),
        provider: Some("qq".into()),
        address: Some("zhang.san@qq.com".into()),
        ..Launch::default()
    });
    fits(&app, l, &[msg::GUI_HAVE_CODE, msg::GUI_BACK], "steps");
    let _ = app.update(Message::Steps(crate::gui::screen::steps::Message::Next));
    let _ = app.update(Message::Credentials(credentials::Message::CodeChanged(
        crate::gui::redacted::Redacted(secrecy::SecretString::from("abc".to_string())),
    )));
    fits(&app, l, &[msg::GUI_TEST, msg::GUI_BACK], "credentials");
    results_fit(&mut app, l);
}

/// A failure on both servers with different causes (two cards), a success, the round trip's
/// longest sentences (in the spam folder and left there; a message refused after the sign-in).
fn results_fit(app: &mut App, l: &Localizer) {
    use mailsetup::probe::{ErrorKind, Stage};
    let draft = mailsetup::setup::Draft::new(
        mailsetup::setup::Target::provider_id("qq").expect("qq"),
        mailsetup::address::Address::parse("zhang.san@qq.com").expect("valid"),
        mailsetup::setup::Credential::Password("abcdefghijklmnop".to_string().into()),
    );
    let show = |app: &mut App, report: mailsetup::check::CheckReport| {
        let _ = app.go(crate::gui::route::Next::Result(
            draft.clone(),
            Box::new(report),
        ));
    };
    let failed = [msg::GUI_TRY_AGAIN, msg::GUI_BACK, msg::GUI_COPY_REPORT];
    let succeeded = [msg::GUI_DONE, msg::GUI_ADD_ANOTHER];
    let refused = said(
        Stage::Auth,
        ErrorKind::Auth,
        "535 Login Fail. Please enter your authorization code to login. More information in https://service.mail.qq.com/detail/0/53",
    );
    show(app, report("zhang.san@qq.com", Some(refused)));
    fits(app, l, &failed, "failure");
    show(app, report("zhang.san@qq.com", None));
    fits(app, l, &succeeded, "success");
    let mut junk = report("zhang.san@qq.com", None);
    junk.round_trip = Some(mailsetup::probe::roundtrip::RoundTrip {
        arrived: mailsetup::probe::roundtrip::Arrived::Junk,
        folder: Some("垃圾箱".into()),
        after_ms: 4200,
        removal: mailsetup::probe::roundtrip::Removal::Left,
    });
    show(app, junk);
    fits(app, l, &succeeded, "spam folder");
    look(app, "result-junk");
    let spam = said(
        Stage::Send,
        ErrorKind::SendRefused,
        "554 DT:SPM 163 smtp14,EsCowAD3_0R4 1718000000,please see http://mail.163.com/help/help_spam_16.htm?ip=1.2.3.4",
    );
    let mut refused_send = report("zhang.san@qq.com", Some(spam));
    refused_send.imap.error = None;
    show(app, refused_send);
    fits(app, l, &failed, "sending refused");
    look(app, "result-send-refused");
}

/// Outlook's steps, and a sign-in that ended with the longest sentence.
fn outlook_fits(l: &Localizer) {
    let mut app = new_app(Launch {
        lang: l.lang(),
        provider: Some("outlook".into()),
        address: Some("li.lei@outlook.com".into()),
        ..Launch::default()
    });
    fits(&app, l, &[msg::GUI_BACK], "outlook steps");
    let draft = mailsetup::setup::Draft::new(
        mailsetup::setup::Target::provider_id("outlook").expect("outlook"),
        mailsetup::address::Address::parse("li.lei@outlook.com").expect("valid"),
        mailsetup::setup::Credential::Password(String::new().into()),
    );
    let failed = mailsetup::oauth::OAuthError::NoClientId("microsoft".into());
    let _ = app.go(crate::gui::route::Next::SignInFailed(draft, failed));
    fits(
        &app,
        l,
        &[msg::OAUTH_AGAIN, msg::GUI_BACK],
        "sign-in failed",
    );
}
