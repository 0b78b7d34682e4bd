//! Phones: the QR codes as the window draws them, read back by a QR decoder that is not ours
//! (zbar's `zbarimg`); the iPhone's profile fetched over HTTP as a phone would and read by
//! Python's `plistlib`.

use std::io::{Read, Write};

use futures::StreamExt;
use mailsetup::handoff::{Found, MailApp};
use mailsetup::i18n::{Lang, Localizer, msg};

use super::kit::{
    act, apps_with_thunderbird, config_dir, harness_app_at, look, mail_apps_found, sees, serial,
    settle, started_thunderbird_profile, test_save_and_open_mail_apps,
};
use crate::gui::component::phone;
use crate::gui::screen::mailapp;
use crate::gui::{App, Message};

/// What the window shows, as a PNG (a tall window, so the whole card is in it).
fn screenshot(app: &App, name: &str) -> std::path::PathBuf {
    let settings = iced::Settings {
        fonts: vec![crate::gui::fonts::BUNDLED.into()],
        default_font: iced::Font::with_name(crate::gui::fonts::BUNDLED_NAME),
        ..iced::Settings::default()
    };
    let size = iced::Size::new(900.0, 1600.0);
    let mut ui = iced_test::Simulator::with_size(settings, size, app.view());
    let shot = ui.snapshot(&iced::Theme::Light).expect("snapshot");
    // iced_test writes NAME-RENDERER.png, once: a fresh folder for each picture.
    let dir = config_dir().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(shot.matches_image(dir.join(name)).expect("png"));
    let png = std::fs::read_dir(&dir).expect("dir").flatten().next();
    png.expect("a picture").path()
}

/// The one QR code in the window, decoded by zbar.
fn qr_text(app: &App) -> String {
    let png = screenshot(app, "qr");
    let out = std::process::Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sbinary"])
        .arg(&png)
        .output()
        .expect("zbarimg (tests/run installs zbar-tools)");
    assert!(out.status.success(), "no QR code in {}", png.display());
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim_end()
        .to_string()
}

fn choose(app: &mut App, which: MailApp) {
    let found = |app| Found {
        app,
        installed: false,
        way: app.way(),
        profiles: Vec::new(),
    };
    let apps = vec![found(MailApp::Iphone), found(MailApp::Android)];
    let task = app.update(Message::MailApp(mailapp::Message::Apps(apps)));
    settle(app, task);
    let task = app.update(Message::MailApp(mailapp::Message::Choose(which)));
    settle(app, task);
}

fn phone_message(m: phone::Message) -> Message {
    Message::MailApp(mailapp::Message::Phone(m))
}

#[test]
#[ignore = "needs tests/run"]
fn thunderbird_for_android_reads_the_account_from_the_windows_qr_code() {
    let _serial = serial();
    let (mut app, user, pass) = harness_app_at(None, Some("qq"));
    let l = Localizer::new(Lang::En);
    test_save_and_open_mail_apps(&mut app, &pass);
    choose(&mut app, MailApp::Android);
    // The heading follows the box: without the code, the phone asks for it once.
    let code = ("credential", l.tr(msg::CREDENTIAL_AUTH_CODE).into());
    let no_code = l.tr_args(msg::GUI_PHONE_ANDROID_INTRO_NO_CODE, &[code]);
    assert!(sees(&app, &no_code) && !sees(&app, &l.tr(msg::GUI_PHONE_ANDROID_INTRO)));
    // QQ takes Thunderbird for Android as it is: no setting to change.
    assert!(!sees(&app, &l.tr(msg::GUI_ANDROID_CLIENT_INFO)));
    let task = app.update(phone_message(phone::Message::Show));
    settle(&mut app, task);
    assert!(sees(&app, &l.tr(msg::GUI_PHONE_ANDROID_SCAN)));
    look(&mut app, "android");

    let without: serde_json::Value = serde_json::from_str(&qr_text(&app)).expect("json");
    assert_eq!(without[0], 1, "format version 1");
    assert_eq!(without[2][1], "localhost");
    assert_eq!(without[3][0][1][0], user.as_str());
    assert_eq!(without[2][7], "", "no code unless asked");

    // Ticking the box puts the code in, and a new code replaces the shown one at once.
    let task = app.update(phone_message(phone::Message::IncludeCode(true)));
    settle(&mut app, task);
    let with: serde_json::Value = serde_json::from_str(&qr_text(&app)).expect("json");
    assert_eq!(with[2][7], pass.as_str());
    assert_eq!(with[3][0][0][6], pass.as_str());
    assert!(sees(&app, &l.tr(msg::GUI_PHONE_ANDROID_INTRO)));

    // Hidden: no QR code is left in the window.
    let task = app.update(phone_message(phone::Message::Hide));
    settle(&mut app, task);
    assert!(!sees(&app, &l.tr(msg::GUI_PHONE_ANDROID_SCAN)));
}

/// The name recipients see is asked once, on the code's screen, and every app gets it:
/// Thunderbird (added at once from the success screen) and Thunderbird for Android's QR code.
#[test]
#[ignore = "needs tests/run"]
fn the_name_given_once_reaches_thunderbird_and_the_phone() {
    use crate::gui::screen::{credentials, success};
    let _serial = serial();
    let (mut app, _user, pass) = harness_app_at(None, Some("qq"));
    let l = Localizer::new(Lang::En);
    let name = "李雷 Li Lei";
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_HAVE_CODE).as_str());
    });
    assert!(sees(&app, &l.tr(msg::GUI_NAME_LABEL)));
    // Prefilled with the system's full name where it has one: emptied first, as a user would.
    let _ = app.update(Message::Credentials(credentials::Message::NameChanged(
        String::new(),
    )));
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::NAME_INPUT));
        let _ = ui.typewrite(name);
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.typewrite(&pass);
    });
    look(&mut app, "credentials-name");
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    if sees(&app, &l.tr(msg::GUI_REPLACE)) {
        act(&mut app, |ui| {
            let _ = ui.click(l.tr(msg::GUI_REPLACE).as_str());
        });
    }
    let profile = started_thunderbird_profile("tb-name");
    let apps = apps_with_thunderbird(&[&profile]);
    let _ = app.update(Message::Success(success::Message::Apps(apps)));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_ADD_TO_THUNDERBIRD).as_str());
    });
    // The mail-app screen adds it as soon as it has found the apps.
    mail_apps_found(&mut app, &[&profile]);
    let prefs = std::fs::read_to_string(profile.join("prefs.js")).unwrap_or_default();
    assert!(
        prefs.contains(&format!("\"{name}\"")) && prefs.contains(".fullName"),
        "{prefs}"
    );
    choose(&mut app, MailApp::Android);
    let task = app.update(phone_message(phone::Message::Show));
    settle(&mut app, task);
    let qr: serde_json::Value = serde_json::from_str(&qr_text(&app)).expect("json");
    assert_eq!(qr[3][0][1][1], name, "the identity's name");
}

/// A phone's GET of `url`: the status line, the Content-Type and the body.
fn fetch(url: &str) -> std::io::Result<(String, String, Vec<u8>)> {
    let rest = url.strip_prefix("http://").expect("http");
    let (host, path) = rest.split_once('/').expect("path");
    let mut stream = std::net::TcpStream::connect(host)?;
    write!(
        stream,
        "GET /{path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: iPhone\r\n\r\n"
    )?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply)?;
    // A closed listener may still have taken the connection: no head then.
    let split = reply
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no reply"))?;
    let head = String::from_utf8_lossy(&reply[..split]).to_string();
    let status = head.lines().next().unwrap_or_default().to_string();
    let kind = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Type: "))
        .unwrap_or_default()
        .to_string();
    Ok((status, kind, reply[split + 4..].to_vec()))
}

/// The profile's mail payload keys, as Python's plistlib reads them.
fn plist_keys(profile: &[u8]) -> String {
    let script = "import plistlib,sys; d=plistlib.loads(sys.stdin.buffer.read()); \
                  m=d['PayloadContent'][0]; print(d['PayloadType'], m['PayloadType'], \
                  m['IncomingMailServerHostName'], m['EmailAddress'], 'IncomingPassword' in m)";
    let mut py = std::process::Command::new("/usr/bin/python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    py.stdin
        .take()
        .expect("stdin")
        .write_all(profile)
        .expect("write");
    let out = py.wait_with_output().expect("python3");
    assert!(out.status.success(), "plistlib could not read the profile");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
#[ignore = "needs tests/run"]
fn an_iphone_fetches_its_profile_once_from_the_windows_qr_code() {
    let _serial = serial();
    let (mut app, user, pass) = harness_app_at(None, Some("qq"));
    let l = Localizer::new(Lang::En);
    // The phone is this test, on loopback: nothing listens on any other address.
    app.lan = Some(std::net::Ipv4Addr::LOCALHOST.into());
    test_save_and_open_mail_apps(&mut app, &pass);
    choose(&mut app, MailApp::Iphone);
    assert!(sees(&app, &l.tr(msg::GUI_PHONE_IPHONE_INTRO)));

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let task = app.update(phone_message(phone::Message::Show));
    let mut outputs = iced_runtime::task::into_stream(task)
        .expect("a task")
        .filter_map(|a| async move {
            match a {
                iced_runtime::Action::Output(m) => Some(m),
                _ => None,
            }
        })
        .boxed();
    let offered = rt.block_on(outputs.next()).expect("offered");
    let _ = app.update(offered);
    assert!(sees(&app, &l.tr(msg::GUI_PHONE_WAITING)));
    look(&mut app, "iphone");
    let url = qr_text(&app);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(url.ends_with(".mobileconfig"), "{url}");

    // A wrong path is not the profile, and does not use up the link.
    let guessed = format!("{}x", url.rsplit_once('/').expect("/").0);
    let fetched = std::thread::spawn(move || (fetch(&guessed), fetch(&url), fetch(&url)));
    let done = rt.block_on(outputs.next()).expect("fetched");
    let _ = app.update(done);
    let (guessed, first, second) = fetched.join().expect("phone");
    assert!(guessed.expect("404").0.contains("404"));
    let (status, kind, body) = first.expect("profile");
    assert!(status.contains("200"), "{status}");
    assert_eq!(kind, "application/x-apple-aspen-config");
    assert_eq!(
        plist_keys(&body),
        format!("Configuration com.apple.mail.managed localhost {user} False")
    );
    assert!(second.is_err(), "the link works once");
    // Fetched without the code: the iPhone will ask for the password, which is the code.
    let code = ("credential", l.tr(msg::CREDENTIAL_AUTH_CODE).into());
    assert!(sees(
        &app,
        &l.tr_args(msg::GUI_PHONE_FETCHED_NO_CODE, &[code])
    ));
    assert!(!sees(&app, &l.tr(msg::GUI_PHONE_FETCHED)));

    // Saved as a file, for mail or AirDrop, with the code when the box is ticked.
    let task = app.update(phone_message(phone::Message::IncludeCode(true)));
    settle(&mut app, task);
    let task = app.update(phone_message(phone::Message::Save));
    settle(&mut app, task);
    let file = config_dir()
        .join("exports")
        .join(mailsetup::export::Format::Mobileconfig.file_name(&user));
    let profile = std::fs::read(&file).expect("saved profile");
    assert!(plist_keys(&profile).ends_with("True"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "only this user reads it");
    }
    let saved = l.tr_args(
        msg::GUI_PHONE_SAVED,
        &[("path", mailsetup::present::messages::path(&file).into())],
    );
    assert!(sees(&app, &saved));
}

/// NetEase refuses Thunderbird for Android's IMAP without ID ("Unsafe Login"): its card says
/// which setting sends it.
#[test]
fn a_163_account_on_android_says_to_send_client_information() {
    let l = Localizer::new(Lang::En);
    let mut app = super::kit::new_app(crate::gui::Launch {
        lang: Lang::En,
        ..crate::gui::Launch::default()
    });
    let ep = |host: &str, port| mailsetup::catalog::Endpoint {
        host: host.into(),
        port,
        security: mailsetup::catalog::Security::Tls,
        username: "zhang@163.com".into(),
    };
    let account = mailsetup::store::Account {
        address: "zhang@163.com".into(),
        provider: Some("netease-163".into()),
        imap: ep("imap.163.com", 993),
        smtp: ep("smtp.163.com", 465),
        sign_in: Default::default(),
        saved_at: 0,
        ca: None,
        handed: Vec::new(),
        name: None,
    };
    let _ = app.go(crate::gui::route::Next::MailApp(account));
    super::kit::mail_apps_found(&mut app, &[]);
    choose(&mut app, MailApp::Android);
    assert!(sees(&app, &l.tr(msg::GUI_ANDROID_CLIENT_INFO)));
}

/// Windows Mail stopped working on 31 Dec 2024: its card says so and leads to Outlook's, with
/// no steps of its own.
#[test]
fn windows_mail_points_to_outlook() {
    let l = Localizer::new(Lang::En);
    let mut app = super::kit::new_app(crate::gui::Launch {
        lang: Lang::En,
        ..crate::gui::Launch::default()
    });
    let ep = |host: &str| mailsetup::catalog::Endpoint {
        host: host.into(),
        port: 993,
        security: mailsetup::catalog::Security::Tls,
        username: "zhang@qq.com".into(),
    };
    let account = mailsetup::store::Account {
        address: "zhang@qq.com".into(),
        provider: Some("qq".into()),
        imap: ep("imap.qq.com"),
        smtp: ep("smtp.qq.com"),
        sign_in: Default::default(),
        saved_at: 0,
        ca: None,
        handed: Vec::new(),
        name: None,
    };
    let _ = app.go(crate::gui::route::Next::MailApp(account));
    choose(&mut app, MailApp::WindowsMail);
    assert!(sees(&app, &l.tr(msg::GUI_WINDOWS_MAIL_RETIRED)));
    assert!(
        !sees(&app, &l.tr(msg::GUI_FIELD_IMAP_HOST)),
        "no fields to copy"
    );
    super::kit::act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::APP_OUTLOOK).as_str());
    });
    let code = ("credential", l.tr(msg::CREDENTIAL_AUTH_CODE).into());
    assert!(sees(&app, &l.tr_args(msg::GUIDE_OUTLOOK, &[code])));
}
