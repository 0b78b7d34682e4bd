//! What every wizard test uses: the app on a config dir of its own, the iced runtime's
//! loop, the simulator, and the harness's servers.

use futures::StreamExt;
use iced::Task;
use iced_test::simulator;
use mailsetup::catalog::{Endpoint, Security};
use mailsetup::i18n::{Lang, Localizer, msg};

use super::harness;
use crate::gui::screen::{credentials, start};
use crate::gui::{Accounts, App, Launch, Message, Screen, Servers};

/// All wizard tests share one config dir, handed to the app as its accounts store; exports go
/// under it too.
pub(super) fn config_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("mailsetup-gui-{}", std::process::id()))
}

pub(super) fn new_app(launch: Launch) -> App {
    App::new(Launch {
        accounts: Accounts::at(config_dir()),
        export_dir: Some(config_dir().join("exports")),
        browser: Some(launch.browser.unwrap_or(record_browser)),
        start_app: Some(launch.start_app.unwrap_or(record_start)),
        // A computer with no mail app; tests stage the apps they need.
        find_apps: Some(launch.find_apps.unwrap_or(Vec::new)),
        ..launch
    })
    .0
}

/// Pages the wizard asked the browser to open (no browser is started by the tests).
pub(super) static OPENED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

pub(super) fn record_browser(url: &str) -> std::io::Result<()> {
    OPENED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(url.to_string());
    Ok(())
}

/// The mail apps "Open …" started (no app is started by the tests): program and arguments.
pub(super) static STARTED: std::sync::Mutex<Vec<Vec<String>>> = std::sync::Mutex::new(Vec::new());

pub(super) fn record_start(cmd: std::process::Command) -> std::io::Result<()> {
    let words = std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    STARTED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(words);
    Ok(())
}

/// What the app last wrote to the clipboard (there is no real one here).
pub(super) static CLIPBOARD: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

pub(super) fn clipboard() -> Option<String> {
    CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Runs a task's outputs through `update` until nothing is left, as the iced runtime would
/// (widget, clipboard and window actions have no window to act on here).
pub(super) fn settle(app: &mut App, task: Task<Message>) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut pending = vec![task];
    while let Some(task) = pending.pop() {
        let Some(stream) = iced_runtime::task::into_stream(task) else {
            continue;
        };
        let outputs: Vec<Message> = rt.block_on(
            stream
                .filter_map(|a| async move {
                    match a {
                        iced_runtime::Action::Output(m) => Some(m),
                        iced_runtime::Action::Clipboard(
                            iced_runtime::clipboard::Action::Write { contents, .. },
                        ) => {
                            *CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner()) = Some(contents);
                            None
                        }
                        _ => None,
                    }
                })
                .collect(),
        );
        for m in outputs {
            pending.push(app.update(m));
        }
    }
}

/// Feeds what the user did on the current view back into the app.
pub(super) fn act(app: &mut App, f: impl FnOnce(&mut iced_test::Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        f(&mut ui);
        ui.into_messages().collect()
    };
    for m in messages {
        let task = app.update(m);
        settle(app, task);
    }
}

/// The folder `look` writes to: tests/out/screens in the checkout, whatever the working dir.
pub(super) fn screens_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/out/screens")
}

/// With `MAILSETUP_SHOTS=1`, the screen as people see it, at the smallest window (640×520)
/// and the default one (880×680), in English and both Chinese: PNGs to look at, not compared,
/// written to tests/out/screens.
pub(super) fn look(app: &mut App, name: &str) {
    if std::env::var_os("MAILSETUP_SHOTS").is_none() {
        return;
    }
    let dir = screens_dir();
    std::fs::create_dir_all(&dir).expect("tests/out/screens");
    let settings = || iced::Settings {
        fonts: vec![crate::gui::fonts::BUNDLED.into()],
        default_font: iced::Font::with_name(crate::gui::fonts::BUNDLED_NAME),
        ..iced::Settings::default()
    };
    let back = app.l10n.lang();
    for lang in [Lang::En, Lang::ZhCn, Lang::ZhTw] {
        let _ = app.update(Message::Language(lang));
        for (w, h) in [(640.0, 520.0), (880.0, 680.0)] {
            let size = iced::Size::new(w, h);
            let mut ui = iced_test::Simulator::with_size(settings(), size, app.view());
            let shot = ui.snapshot(&iced::Theme::Light).expect("snapshot");
            let file = dir.join(format!("{name}-{lang:?}-{w}.png"));
            // matches_image compares with an existing file instead of writing: always fresh.
            let _ = std::fs::remove_file(
                file.with_file_name(format!("{name}-{lang:?}-{w}-tiny-skia.png")),
            );
            let _ = shot.matches_image(file);
        }
    }
    let _ = app.update(Message::Language(back));
}

/// The start screen's context for tests that drive it alone: the shared config dir, no lookups.
pub(super) fn start_cx() -> start::Context<'static> {
    static ACCOUNTS: std::sync::OnceLock<Accounts> = std::sync::OnceLock::new();
    static DISCOVERY: std::sync::OnceLock<mailsetup::discover::DetectOptions> =
        std::sync::OnceLock::new();
    start::Context {
        accounts: ACCOUNTS.get_or_init(|| Accounts::at(config_dir())),
        discovery: DISCOVERY.get_or_init(|| mailsetup::discover::DetectOptions {
            no_network: true,
            ..Default::default()
        }),
    }
}

pub(super) fn sees(app: &App, text: &str) -> bool {
    let mut ui = simulator(app.view());
    ui.find(text).is_ok()
}

/// The harness tests share one mailbox and config dir: one at a time, so "nothing was saved"
/// is not confused by another test's successful save.
pub(super) static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub(super) fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

pub(super) fn harness_app(pass_override: Option<&str>) -> (App, String, String) {
    harness_app_at(pass_override, Some("netease-163"))
}

/// The app on the harness's servers, prefilled with its user at `provider`'s steps (or, with no
/// provider, at the start), the user and the code (or `pass_override`).
pub(super) fn harness_app_at(
    pass_override: Option<&str>,
    provider: Option<&str>,
) -> (App, String, String) {
    let h = harness::harness();
    let pass = pass_override.map_or(h.pass.clone(), str::to_string);
    let app = new_app(Launch {
        lang: Lang::En,
        provider: provider.map(str::to_string),
        address: provider.map(|_| h.user.clone()),
        servers: harness_servers(&h),
        discovery: test_discovery(&h),
        ..Launch::default()
    });
    (app, h.user, pass)
}

/// The harness's Dovecot (IMAPS) and Postfix (submission) as launch servers, with its CA.
pub(super) fn harness_servers(h: &harness::Harness) -> Servers {
    let ep = |port: u16, security| Endpoint {
        host: "localhost".into(),
        port,
        security,
        username: String::new(),
    };
    Servers {
        imap: Some(ep(h.imaps, Security::Tls)),
        smtp: Some(ep(h.submission, Security::Starttls)),
        username: None,
        ca_file: Some(h.ca.clone()),
    }
}

/// Discovery through the harness: its DNS server, CA and ISPDB.
pub(super) fn test_discovery(h: &harness::Harness) -> mailsetup::discover::DetectOptions {
    mailsetup::discover::DetectOptions {
        dns_server: h.dns.parse().ok(),
        tls: mailsetup::probe::tls::client_config(Some(&h.ca)).ok(),
        ispdb_url: Some(h.ispdb.clone()),
        ..Default::default()
    }
}

/// The harness without server overrides: the servers come from discovery.
pub(super) fn discovering_app() -> (App, String) {
    let h = harness::harness();
    let app = new_app(Launch {
        lang: Lang::En,
        servers: Servers {
            ca_file: Some(h.ca.clone()),
            ..Servers::default()
        },
        discovery: test_discovery(&h),
        ..Launch::default()
    });
    (app, h.pass)
}

/// "Continue" on a company server's steps, then the password and Enter (English).
pub(super) fn password_and_test(app: &mut App, pass: &str) {
    continue_and_test(app, msg::GUI_HAVE_PASSWORD, pass);
}

/// "Add another" on the success screen, the same address again, its code, Enter (English).
pub(super) fn add_another_and_test(app: &mut App, user: &str, pass: &str) {
    let l = Localizer::new(Lang::En);
    act(app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_ADD_ANOTHER).as_str());
    });
    act(app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite(user);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    enter_code_and_test(app, pass);
}

pub(super) fn enter_code_and_test(app: &mut App, pass: &str) {
    continue_and_test(app, msg::GUI_HAVE_CODE, pass);
}

/// The steps screen's button (`label`, English), then the code or password and Enter.
pub(super) fn continue_and_test(app: &mut App, label: &str, pass: &str) {
    let l = Localizer::new(Lang::En);
    act(app, |ui| {
        let _ = ui.click(l.tr(label).as_str());
    });
    assert!(matches!(app.screen, Screen::Credentials(_)));
    act(app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.typewrite(pass);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
}

/// A report as the check would make it: both servers, each failed with `error` or passed.
pub(super) fn report(
    address: &str,
    error: Option<mailsetup::probe::ProbeError>,
) -> mailsetup::check::CheckReport {
    use mailsetup::probe::{ProbeReport, Protocol};
    let probe = |protocol, host: &str, port| ProbeReport {
        protocol,
        endpoint: Endpoint {
            host: host.into(),
            port,
            security: Security::Tls,
            username: address.into(),
        },
        stages: Vec::new(),
        error: error.clone(),
        total_ms: 40,
    };
    mailsetup::check::CheckReport {
        address: address.into(),
        sign_in: mailsetup::store::SignIn::Password,
        typed: Default::default(),
        provider: Some("qq".into()),
        imap: probe(Protocol::Imap, "imap.qq.com", 993),
        smtp: probe(Protocol::Smtp, "smtp.qq.com", 465),
        round_trip: None,
    }
}

/// A failure at `stage` with the server's words.
pub(super) fn said(
    stage: mailsetup::probe::Stage,
    kind: mailsetup::probe::ErrorKind,
    text: &str,
) -> mailsetup::probe::ProbeError {
    mailsetup::probe::ProbeError {
        stage,
        kind,
        tls_reason: None,
        server_text: Some(text.into()),
        detail: String::new(),
    }
}

/// A Thunderbird profile it has started (its key database as Thunderbird 153 made it,
/// tests/data/thunderbird), fresh under the config dir.
pub(super) fn started_thunderbird_profile(name: &str) -> std::path::PathBuf {
    let profile = config_dir().join(name);
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).expect("profile");
    let key4 = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/thunderbird/thunderbird/key4.db");
    std::fs::copy(key4, profile.join("key4.db")).expect("key4.db");
    profile
}

/// The mail-app screen as on a computer with Thunderbird (these profiles) and Foxmail.
pub(super) fn mail_apps_found(app: &mut App, profiles: &[&std::path::Path]) {
    use crate::gui::screen::mailapp;
    let apps = apps_with_thunderbird(profiles);
    let task = app.update(Message::MailApp(mailapp::Message::Apps(apps)));
    settle(app, task);
}

/// The apps of a computer with Thunderbird (these profiles) and Foxmail.
pub(super) fn apps_with_thunderbird(
    profiles: &[&std::path::Path],
) -> Vec<mailsetup::handoff::Found> {
    use mailsetup::handoff::{Found, MailApp, thunderbird::Profile};
    let found = |app: MailApp, installed, profiles| Found {
        app,
        installed,
        way: app.way(),
        profiles,
    };
    let profiles = profiles
        .iter()
        .map(|p| Profile {
            name: "default-release".into(),
            path: p.to_path_buf(),
            default: true,
        })
        .collect();
    vec![
        found(MailApp::Thunderbird, true, profiles),
        found(MailApp::Foxmail, false, Vec::new()),
    ]
}

/// "Use it in my mail app" after the QQ walk: Thunderbird is set up directly (the account in the
/// profile, the code in its logins), and a guided app's fields are copied, the code read from
/// the keyring at the moment of the copy, with a sentence saying what the clipboard holds.
/// The code, the test, the account saved (replacing one a previous test saved), then "Use it in
/// my mail app".
pub(super) fn test_save_and_open_mail_apps(app: &mut App, pass: &str) {
    let l = Localizer::new(Lang::En);
    enter_code_and_test(app, pass);
    assert!(sees(app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    if sees(app, &l.tr(msg::GUI_REPLACE)) {
        act(app, |ui| {
            let _ = ui.click(l.tr(msg::GUI_REPLACE).as_str());
        });
    }
    act(app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_MAILAPP_BUTTON).as_str());
    });
    assert!(matches!(app.screen, Screen::MailApp(..)));
    assert!(sees(app, &l.tr(msg::GUI_MAILAPP_TITLE)));
}
