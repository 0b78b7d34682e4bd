//! Wizard flows, headless with iced_test: the real screens, the real check against the local
//! Dovecot/Postfix harness (started by tests/run), the real keyring.

use futures::StreamExt;
use iced::Task;
use iced_test::simulator;
use mailsetup::catalog::{Endpoint, Security};
use mailsetup::i18n::{Lang, Localizer, msg};
use mailsetup::store::Store;

use super::screen::{credentials, start, steps};

mod phone;
use super::{Accounts, App, Launch, Message, Screen, Servers};

/// All wizard tests share one config dir, handed to the app as its accounts store; exports go
/// under it too.
fn config_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("mailsetup-gui-{}", std::process::id()))
}

fn new_app(launch: Launch) -> App {
    App::new(Launch {
        accounts: Accounts::at(config_dir()),
        export_dir: Some(config_dir().join("exports")),
        browser: Some(launch.browser.unwrap_or(record_browser)),
        ..launch
    })
    .0
}

/// Pages the wizard asked the browser to open (no browser is started by the tests).
static OPENED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

fn record_browser(url: &str) -> std::io::Result<()> {
    OPENED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(url.to_string());
    Ok(())
}

/// What the app last wrote to the clipboard (there is no real one here).
static CLIPBOARD: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn clipboard() -> Option<String> {
    CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Runs a task's outputs through `update` until nothing is left, as the iced runtime would
/// (widget, clipboard and window actions have no window to act on here).
fn settle(app: &mut App, task: Task<Message>) {
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
fn act(app: &mut App, f: impl FnOnce(&mut iced_test::Simulator<'_, Message>)) {
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

/// With `MAILSETUP_SHOTS=DIR`, the screen as people see it, at the smallest window (640×520)
/// and the default one (880×680), in English and both Chinese: PNGs to look at, not compared.
fn look(app: &mut App, name: &str) {
    let Some(dir) = std::env::var_os("MAILSETUP_SHOTS") else {
        return;
    };
    let settings = || iced::Settings {
        fonts: vec![super::FONT.into()],
        default_font: iced::Font::with_name(super::FONT_NAME),
        ..iced::Settings::default()
    };
    let back = app.l10n.lang();
    for lang in [Lang::En, Lang::ZhCn, Lang::ZhTw] {
        let _ = app.update(Message::Language(lang));
        for (w, h) in [(640.0, 520.0), (880.0, 680.0)] {
            let size = iced::Size::new(w, h);
            let mut ui = iced_test::Simulator::with_size(settings(), size, app.view());
            let shot = ui.snapshot(&iced::Theme::Light).expect("snapshot");
            let file = std::path::Path::new(&dir).join(format!("{name}-{lang:?}-{w}.png"));
            // matches_image compares with an existing file instead of writing: always fresh.
            let _ = std::fs::remove_file(
                file.with_file_name(format!("{name}-{lang:?}-{w}-tiny-skia.png")),
            );
            let _ = shot.matches_image(file);
        }
    }
    let _ = app.update(Message::Language(back));
}

/// `MAILSETUP_SHOTS=DIR cargo test --bin mailsetup screens_to_look_at`: the screens that need
/// no servers, as PNGs (see `look`).
#[test]
fn screens_to_look_at() {
    if std::env::var_os("MAILSETUP_SHOTS").is_none() {
        return;
    }
    let mut app = new_app(Launch::default());
    look(&mut app, "start");
    let mut app = new_app(Launch {
        provider: Some("qq".into()),
        address: Some("zhang.san@qq.com".into()),
        ..Launch::default()
    });
    look(&mut app, "steps-qq");
    let _ = app.update(Message::Steps(super::screen::steps::Message::Next));
    assert!(matches!(app.screen, Screen::Credentials(_)));
    look(&mut app, "credentials-qq");
    // The QQ password typed where the code goes: said before anything is sent.
    let _ = app.update(Message::Credentials(credentials::Message::CodeChanged(
        credentials::Code(secrecy::SecretString::from("zhangsan1990".to_string())),
    )));
    look(&mut app, "credentials-not-a-code");
}

/// The start screen's context for tests that drive it alone: the shared config dir, no lookups.
fn start_cx() -> start::Context<'static> {
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

fn sees(app: &App, text: &str) -> bool {
    let mut ui = simulator(app.view());
    ui.find(text).is_ok()
}

#[test]
fn typing_an_address_picks_the_provider_and_shows_its_steps() {
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        ..Launch::default()
    });
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite("someone＠qq.com");
    });
    assert!(sees(
        &app,
        &l.tr_args(msg::GUI_DETECTED, &[("provider", "QQ Mail".into())])
    ));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_NEXT).as_str());
    });
    assert!(matches!(app.screen, Screen::Steps(_)));
    // Every QQ step; one Open button per page, named by its site, and no raw links.
    assert!(sees(&app, &l.tr(msg::QQ_STEP_ENABLE)));
    let open = |site: &str| l.tr_args(msg::GUI_OPEN_SITE, &[("site", site.into())]);
    assert!(sees(&app, &open("mail.qq.com")));
    assert!(sees(&app, &open("wx.mail.qq.com")));
    assert!(!sees(&app, "https://wx.mail.qq.com/account/index"));
    assert!(sees(
        &app,
        &l.tr_args(msg::CODE_FORMAT_ALPHA, &[("length", 16.into())])
    ));
}

#[test]
fn exmail_shows_the_admin_steps_first() {
    let l = Localizer::new(Lang::ZhCn);
    let mut app = new_app(Launch {
        lang: Lang::ZhCn,
        ..Launch::default()
    });
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::PROVIDER_EXMAIL).as_str());
    });
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite("zhang@example-company.cn");
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(
        matches!(app.screen, Screen::Steps(_)),
        "company address + Exmail tile continues"
    );
    assert!(sees(&app, &l.tr(msg::EXMAIL_STEP_ADMIN_LOGIN)));
    assert!(sees(
        &app,
        &l.tr_args(msg::GUI_OPEN_SITE, &[("site", "work.weixin.qq.com".into())])
    ));
}

#[test]
fn language_switch_changes_the_visible_texts() {
    let mut app = new_app(Launch {
        lang: Lang::ZhCn,
        ..Launch::default()
    });
    assert!(sees(&app, "输入邮箱地址"));
    act(&mut app, |ui| {
        let _ = ui.click("English");
    });
    assert!(sees(&app, "Your email address"));
    assert!(!sees(&app, "输入邮箱地址"));
    act(&mut app, |ui| {
        let _ = ui.click("繁體中文");
    });
    assert!(sees(&app, "輸入電子郵件地址"));
}

#[test]
fn esc_goes_back_and_keeps_the_address() {
    let mut app = new_app(Launch {
        lang: Lang::En,
        provider: Some("netease-163".into()),
        address: Some("keep@163.com".into()),
        ..Launch::default()
    });
    assert!(
        matches!(app.screen, Screen::Steps(_)),
        "prefilled launch opens on the steps"
    );
    let _ = app.update(Message::Back);
    assert!(matches!(app.screen, Screen::Start(_)));
    assert!(sees(&app, "keep@163.com"));
}

/// The harness tests share one mailbox and config dir: one at a time, so "nothing was saved"
/// is not confused by another test's successful save.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn harness_app(pass_override: Option<&str>) -> Option<(App, String, String)> {
    harness_app_at(pass_override, Some("netease-163"))
}

fn harness_app_at(
    pass_override: Option<&str>,
    provider: Option<&str>,
) -> Option<(App, String, String)> {
    let (dir, servers) = harness_servers()?;
    let var = |k: &str| std::env::var(k).ok();
    let user = var("MAILSETUP_TEST_USER")?;
    let pass = pass_override
        .map(str::to_string)
        .or(var("MAILSETUP_TEST_PASS"))?;
    let app = new_app(Launch {
        lang: Lang::En,
        provider: provider.map(str::to_string),
        address: provider.map(|_| user.clone()),
        servers,
        discovery: test_discovery(&dir),
        ..Launch::default()
    });
    Some((app, user, pass))
}

/// The harness's directory, and its Dovecot (IMAPS) and Postfix (submission) as launch servers
/// with its CA; `None` (a skip) outside tests/run.
fn harness_servers() -> Option<(String, Servers)> {
    let var = |k: &str| std::env::var(k).ok();
    let Some(dir) = var("MAILSETUP_TEST_DIR") else {
        assert!(
            var("MAILSETUP_REQUIRE_SERVERS").is_none(),
            "harness missing"
        );
        return None;
    };
    let port = |k: &str| var(k).and_then(|v| v.parse::<u16>().ok());
    let ep = |p: u16, security| Endpoint {
        host: "localhost".into(),
        port: p,
        security,
        username: String::new(),
    };
    let servers = Servers {
        imap: Some(ep(port("MAILSETUP_TEST_IMAPS")?, Security::Tls)),
        smtp: Some(ep(port("MAILSETUP_TEST_SUBMISSION")?, Security::Starttls)),
        username: None,
        ca_file: Some(std::path::Path::new(&dir).join("ca.pem")),
    };
    Some((dir, servers))
}

/// Discovery through the harness: its DNS server, CA and ISPDB.
fn test_discovery(dir: &str) -> mailsetup::discover::DetectOptions {
    let var = |k: &str| std::env::var(k).ok();
    mailsetup::discover::DetectOptions {
        dns_server: var("MAILSETUP_TEST_DNS").and_then(|d| d.parse().ok()),
        tls: mailsetup::probe::tls::client_config(Some(&std::path::Path::new(dir).join("ca.pem")))
            .ok(),
        ispdb_url: var("MAILSETUP_TEST_ISPDB"),
        ..Default::default()
    }
}

/// The harness without server overrides: the servers come from discovery.
fn discovering_app() -> Option<(App, String)> {
    let dir = std::env::var("MAILSETUP_TEST_DIR").ok();
    let Some(dir) = dir else {
        assert!(
            std::env::var("MAILSETUP_REQUIRE_SERVERS").is_err(),
            "harness missing"
        );
        return None;
    };
    let pass = std::env::var("MAILSETUP_TEST_PASS").ok()?;
    let app = new_app(Launch {
        lang: Lang::En,
        servers: Servers {
            ca_file: Some(std::path::Path::new(&dir).join("ca.pem")),
            ..Servers::default()
        },
        discovery: test_discovery(&dir),
        ..Launch::default()
    });
    Some((app, pass))
}

/// "Continue" on a company server's steps, then the password and Enter (English).
fn password_and_test(app: &mut App, pass: &str) {
    continue_and_test(app, msg::GUI_HAVE_PASSWORD, pass);
}

/// "Add another" on the success screen, the same address again, its code, Enter (English).
fn add_another_and_test(app: &mut App, user: &str, pass: &str) {
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

fn enter_code_and_test(app: &mut App, pass: &str) {
    continue_and_test(app, msg::GUI_HAVE_CODE, pass);
}

/// The steps screen's button (`label`, English), then the code or password and Enter.
fn continue_and_test(app: &mut App, label: &str, pass: &str) {
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

#[test]
fn whole_flow_against_the_local_servers_saves_the_account() {
    let _serial = serial();
    let Some((mut app, user, pass)) = harness_app_at(None, None) else {
        return;
    };
    let l = Localizer::new(Lang::En);
    // Start: type the address; the provider (QQ) is recognised; Enter goes to its steps.
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite(&user);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(matches!(app.screen, Screen::Steps(_)));
    enter_code_and_test(&mut app, &pass);
    assert!(
        matches!(app.screen, Screen::Result(_)),
        "test ran to a result"
    );
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    let store = Store::at(config_dir());
    let secret = store
        .secret(&user)
        .expect("keyring")
        .expect("saved in the keyring");
    assert_eq!(secrecy::ExposeSecret::expose_secret(&secret), pass);
    let saved = store.find(&user).expect("accounts.json").expect("saved");
    assert_eq!(saved.provider.as_deref(), Some("qq"));
    let file = std::fs::read_to_string(store.accounts_path()).expect("read");
    assert!(
        !file.contains(&pass),
        "the secret never goes to accounts.json"
    );
    // The settings card has a Copy button per server name.
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_COPY).as_str());
    });
    assert!(sees(&app, &l.tr(msg::GUI_COPIED)));
    // Only exports a mail app opens: the Apple profile (Thunderbird has no import for its file).
    assert!(!sees(&app, &l.tr(msg::GUI_EXPORT_THUNDERBIRD)));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_EXPORT_APPLE).as_str());
    });
    let file = config_dir()
        .join("exports")
        .join(mailsetup::export::Format::Mobileconfig.file_name(&user));
    let profile = std::fs::read_to_string(&file).expect("exported");
    assert!(profile.contains(&saved.imap.host));
    assert!(!profile.contains(&pass));
    assert!(sees(
        &app,
        &l.tr_args(
            msg::EXPORT_WRITTEN,
            &[("path", mailsetup::present::messages::path(&file).into())]
        )
    ));
    // The same address again: the wizard asks before replacing; "Keep" leaves it as it was.
    add_another_and_test(&mut app, &user, &pass);
    let ask = l.tr_args(msg::GUI_ASK_REPLACE, &[("address", user.clone().into())]);
    assert!(sees(&app, &ask), "asks before replacing");
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_KEEP).as_str());
    });
    assert!(sees(
        &app,
        &l.tr_args(msg::GUI_KEPT, &[("address", user.clone().into())])
    ));
    assert_eq!(
        store.find(&user).expect("load").map(|a| a.saved_at),
        Some(saved.saved_at),
        "kept as it was"
    );
    // Once more, and Enter answers with the highlighted "Replace".
    add_another_and_test(&mut app, &user, &pass);
    assert!(sees(&app, &ask), "asks before replacing");
    let task = app.update(Message::Primary);
    settle(&mut app, task);
    assert!(!sees(&app, &ask), "Enter answered the question");
    let credential = l.tr(msg::CREDENTIAL_AUTH_CODE);
    let saved_line = mailsetup::present::messages::saved_plain(
        &l,
        &credential,
        mailsetup::store::SignIn::Password,
    );
    assert!(sees(&app, &saved_line), "replaced and saved");
    // "Add another": the start screen lists the saved account; "Remove" clears both stores.
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_ADD_ANOTHER).as_str());
    });
    assert!(matches!(app.screen, Screen::Start(_)));
    assert!(sees(&app, &user));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_REMOVE).as_str());
    });
    // One click only asks: the account and its code are still there.
    let question = l.tr_args(msg::GUI_REMOVE_CONFIRM, &[("address", user.clone().into())]);
    assert!(sees(&app, &question));
    assert!(store.secret(&user).expect("keyring").is_some());
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_REMOVE).as_str());
    });
    assert!(sees(
        &app,
        &l.tr_args(msg::STORE_REMOVED, &[("address", user.clone().into())])
    ));
    assert!(store.find(&user).expect("load").is_none());
    assert!(store.secret(&user).expect("keyring").is_none());
}

/// The round trip: on by default, the test message arrives and is shown on the result screen;
/// unticking it is remembered by the next window, whose check sends nothing.
#[test]
fn the_test_message_arrives_and_the_choice_is_remembered() {
    let _serial = serial();
    let prefs = config_dir().join("preferences.json");
    let _ = std::fs::remove_file(&prefs);
    let Some((mut app, user, pass)) = harness_app_at(None, None) else {
        return;
    };
    let l = Localizer::new(Lang::En);
    let to_code = |app: &mut App| {
        act(app, |ui| {
            let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
            let _ = ui.typewrite(&user);
            let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
        });
        act(app, |ui| {
            let _ = ui.click(l.tr(msg::GUI_HAVE_CODE).as_str());
        });
    };
    to_code(&mut app);
    assert!(
        sees(&app, &l.tr(msg::ROUND_TRIP_CHOICE)),
        "the choice is visible"
    );
    look(&mut app, "credentials-round-trip");
    enter_code_and_test_here(&mut app, &pass);
    let Screen::Result(r) = &app.screen else {
        panic!("the test ran to a result");
    };
    let t = r
        .report()
        .round_trip
        .clone()
        .expect("a test message was sent");
    assert_eq!(t.arrived, mailsetup::probe::roundtrip::Arrived::Inbox);
    assert!(sees(
        &app,
        &mailsetup::present::messages::round_trip(&l, &t)
    ));
    look(&mut app, "result-round-trip");
    let _ = Store::at(config_dir()).remove(&user);
    // Unticked: remembered, and the next window's check signs in only.
    let mut app = harness_app_at(None, None).expect("harness").0;
    to_code(&mut app);
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::ROUND_TRIP_CHOICE).as_str());
    });
    let saved = std::fs::read_to_string(&prefs).expect("preferences.json written");
    assert!(saved.contains("\"round_trip\": false"), "{saved}");
    let mut app = harness_app_at(None, None).expect("harness").0;
    to_code(&mut app);
    enter_code_and_test_here(&mut app, &pass);
    let Screen::Result(r) = &app.screen else {
        panic!("the test ran to a result");
    };
    assert!(r.report().ok() && r.report().round_trip.is_none());
    let _ = Store::at(config_dir()).remove(&user);
    let _ = std::fs::remove_file(&prefs);
}

/// On the code screen already: the code and Enter.
fn enter_code_and_test_here(app: &mut App, pass: &str) {
    act(app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.typewrite(pass);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
}

#[test]
fn failure_shows_the_advice_and_try_again_keeps_the_input() {
    let _serial = serial();
    let Some((mut app, user, _)) = harness_app(Some("wrongwrongwrongw")) else {
        return;
    };
    enter_code_and_test(&mut app, "wrongwrongwrongw");
    let l = Localizer::new(Lang::En);
    assert!(sees(&app, &l.tr(msg::GUI_FAILURE_TITLE)));
    assert!(
        sees(&app, &l.tr(msg::ADVICE_NETEASE_AUTH)),
        "provider-specific advice"
    );
    // Try again tests again at once (the same code, the same failure here).
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_TRY_AGAIN).as_str());
    });
    assert!(sees(&app, &l.tr(msg::GUI_FAILURE_TITLE)));
    // Back (or Esc) goes to the code, keeping what was typed.
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_BACK).as_str());
    });
    assert!(matches!(app.screen, Screen::Credentials(_)));
    assert!(sees(&app, &user));
    assert!(Store::at(config_dir()).find(&user).expect("load").is_none());
}

#[test]
fn cancel_mid_test_saves_nothing() {
    let _serial = serial();
    let Some((mut app, user, pass)) = harness_app(None) else {
        return;
    };
    // A server that accepts and never answers: the check would wait for its timeout.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    app.servers.imap = Some(Endpoint {
        host: "127.0.0.1".into(),
        port,
        security: Security::Tls,
        username: String::new(),
    });
    let l = Localizer::new(Lang::En);
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_HAVE_CODE).as_str());
    });
    // Press Test but do not run the check task: the user cancels while it is under way.
    let mut pending = Vec::new();
    {
        let mut ui = simulator(app.view());
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.typewrite(&pass);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
        pending.extend(ui.into_messages());
    }
    for m in pending {
        let _ = app.update(m);
    }
    assert!(matches!(app.screen, Screen::Testing(_)));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_CANCEL).as_str());
    });
    assert!(matches!(app.screen, Screen::Credentials(_)));
    assert!(Store::at(config_dir()).find(&user).expect("load").is_none());
    drop(listener);
}

#[test]
fn bundled_font_covers_every_translated_string() {
    let face = ttf_parser::Face::parse(super::FONT, 0).expect("font parses");
    let texts = [
        include_str!("../../i18n/zh-CN/mailsetup.ftl"),
        include_str!("../../i18n/zh-TW/mailsetup.ftl"),
        include_str!("../../i18n/en/mailsetup.ftl"),
        "张三李四王五。✓×→…",
    ];
    let missing: String = texts
        .iter()
        .flat_map(|t| t.chars())
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .filter(|c| face.glyph_index(*c).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "run assets/fonts/subset.sh; missing: {missing}"
    );
}

#[test]
fn the_system_chinese_font_comes_first_and_the_bundled_one_is_the_fallback() {
    let pick = |present: &'static str| {
        super::default_font(move |p| p.to_string_lossy().ends_with(present))
    };
    assert_eq!(pick("NotoSansCJK-Regular.ttc"), "Noto Sans CJK SC");
    assert_eq!(pick("PingFang.ttc"), "PingFang SC");
    assert_eq!(pick("nothing-installed"), super::FONT_NAME);
}

/// What people type must not vanish: all of GB2312, the less common name characters of the
/// 通用规范汉字表 beyond it, full-width forms and CJK punctuation.
#[test]
fn bundled_font_covers_what_people_type() {
    let face = ttf_parser::Face::parse(super::FONT, 0).expect("font parses");
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

#[test]
fn company_address_is_recognised_through_mx_and_shows_the_admin_steps() {
    let Some((mut app, _, _)) = harness_app_at(None, None) else {
        return;
    };
    let l = Localizer::new(Lang::En);
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite("zhang@exmail-corp.test");
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    let name = l.tr(msg::PROVIDER_EXMAIL);
    assert!(sees(
        &app,
        &l.tr_args(
            msg::GUI_FOUND,
            &[
                ("domain", "exmail-corp.test".into()),
                ("source", l.tr(msg::SOURCE_MX).into())
            ]
        )
    ));
    assert!(sees(
        &app,
        &l.tr_args(msg::GUI_DETECTED, &[("provider", name.into())])
    ));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_NEXT).as_str());
    });
    assert!(matches!(app.screen, Screen::Steps(_)));
    assert!(sees(&app, &l.tr(msg::EXMAIL_STEP_ADMIN_SCOPE)));
}

#[test]
fn company_servers_from_autoconfig_are_tested_and_saved() {
    let _serial = serial();
    let Some((mut app, pass)) = discovering_app() else {
        return;
    };
    let l = Localizer::new(Lang::En);
    let user = "tester@autoconf-corp.test";
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite(user);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    // The start screen says what was found and from where.
    assert!(sees(
        &app,
        &l.tr_args(
            msg::GUI_FOUND,
            &[
                ("domain", "autoconf-corp.test".into()),
                ("source", l.tr(msg::SOURCE_AUTOCONFIG).into())
            ]
        )
    ));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_NEXT).as_str());
    });
    // No catalog steps: the provider's own "enable first" and help pages, and the password note.
    assert!(matches!(app.screen, Screen::Steps(_)));
    assert!(sees(
        &app,
        &l.tr_args(
            msg::GUI_GENERIC_TITLE,
            &[("name", "Autoconf Corp Mail".into())]
        )
    ));
    assert!(sees(&app, "Turn on IMAP in the web mail settings first."));
    assert!(sees(&app, "How to use IMAP at Test Corp"));
    password_and_test(&mut app, &pass);
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    let saved = Store::at(config_dir())
        .find(user)
        .expect("accounts.json")
        .expect("saved");
    assert_eq!(saved.provider, None);
    assert_eq!(saved.imap.host, "localhost");
    let store = Store::at(config_dir());
    assert!(store.remove(user).expect("remove"));
}

#[test]
fn an_unreadable_accounts_file_is_kept_aside_and_said() {
    let dir = std::env::temp_dir().join(format!("mailsetup-gui-corrupt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("accounts.json"), b"{ torn").expect("write");
    let (mut state, _) = start::State::new(String::new(), &Accounts::at(config_dir()));
    let loaded = Store::at(&dir)
        .load()
        .map(|l| (l.accounts, l.set_aside))
        .map_err(std::sync::Arc::new);
    let _ = state.update(start::Message::Loaded(loaded), &start_cx());
    let aside = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains(".corrupt-"))
        .expect("kept aside, not deleted");
    assert_eq!(std::fs::read(&aside).expect("read"), b"{ torn");
    let l = Localizer::new(Lang::En);
    let line = l.tr_args(
        msg::STORE_FILE_CORRUPT,
        &[("path", mailsetup::present::messages::path(&aside).into())],
    );
    let mut ui = simulator(state.view(&l));
    assert!(ui.find(line.as_str()).is_ok(), "the start screen says so");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A keyring that cannot be asked for a saved account's code is a sentence on the start screen,
/// not a silent jump to the code screen.
#[test]
fn a_failed_keyring_call_on_retest_is_said_on_the_start_screen() {
    let mut app = new_app(Launch {
        lang: Lang::En,
        ..Launch::default()
    });
    let account = mailsetup::store::Account {
        sign_in: Default::default(),
        address: "zhang@qq.com".into(),
        provider: Some("qq".into()),
        imap: Endpoint {
            host: "imap.qq.com".into(),
            port: 993,
            security: Security::Tls,
            username: "zhang@qq.com".into(),
        },
        smtp: Endpoint {
            host: "smtp.qq.com".into(),
            port: 465,
            security: Security::Tls,
            username: "zhang@qq.com".into(),
        },
        saved_at: 0,
        ca: None,
    };
    let locked = mailsetup::store::StoreError::KeyringUnavailable("locked".into());
    let sentence = mailsetup::present::messages::store_error(&Localizer::new(Lang::En), &locked);
    let _ = app.update(Message::Start(start::Message::SecretRead(
        Box::new(account),
        start::Secret(Err(std::sync::Arc::new(locked))),
    )));
    assert!(
        matches!(app.screen, Screen::Start(_)),
        "stays on the start screen"
    );
    assert!(sees(&app, &sentence), "says why: {sentence}");
}

/// A provider is data: added to the catalog as JSON and to the translations as Fluent lines
/// only, the start screen shows its tile with its badge and recognises its domain.
#[test]
fn a_provider_added_as_data_gets_its_tile_and_badge() {
    let entry = include_str!("../../tests/data/example-provider.json");
    let json = include_str!("../../assets/providers.json").replacen(
        "\"providers\": [",
        &format!("\"providers\": [{entry},"),
        1,
    );
    let catalog: &'static mailsetup::catalog::Catalog = Box::leak(Box::new(
        mailsetup::catalog::Catalog::from_json(&json).expect("catalog"),
    ));
    let l =
        Localizer::new(Lang::En).with_lines(include_str!("../../tests/data/example-provider.ftl"));
    let (state, _) = start::State::new(String::new(), &Accounts::at(config_dir()));
    let mut state = state.with_catalog(catalog);
    {
        let mut ui = simulator(state.view(&l));
        assert!(ui.find("EX!").is_ok(), "its badge");
        assert!(ui.find("Example Mail").is_ok(), "its tile");
        assert!(ui.find("QQ Mail").is_ok(), "the others stay");
    }
    let _ = state.update(
        start::Message::AddressChanged("zhang@example.cn".into()),
        &start_cx(),
    );
    let recognised = l.tr_args(msg::GUI_DETECTED, &[("provider", "Example Mail".into())]);
    let mut ui = simulator(state.view(&l));
    assert!(ui.find(recognised.as_str()).is_ok(), "recognised by domain");
}

/// What is wrong with the address is said once Next is asked for, not from the first keystroke.
#[test]
fn an_address_problem_is_said_after_next_not_while_typing() {
    let l = Localizer::new(Lang::En);
    let missing_at = l.tr(msg::ADDRESS_MISSING_AT);
    let (mut state, _) = start::State::new(String::new(), &Accounts::at(config_dir()));
    let _ = state.update(start::Message::AddressChanged("z".into()), &start_cx());
    assert!(simulator(state.view(&l)).find(missing_at.as_str()).is_err());
    assert!(
        state.update(start::Message::Next, &start_cx()).1.is_none(),
        "nothing to go on with"
    );
    assert!(simulator(state.view(&l)).find(missing_at.as_str()).is_ok());
    let _ = state.update(
        start::Message::AddressChanged("zhang@qq.com".into()),
        &start_cx(),
    );
    assert!(simulator(state.view(&l)).find(missing_at.as_str()).is_err());
}

/// "Remove" asks before it removes an account and its code; Cancel keeps it.
#[test]
fn removing_a_saved_account_asks_first() {
    let l = Localizer::new(Lang::ZhCn);
    let account: mailsetup::store::Account = serde_json::from_str(
        r#"{"address": "zhang@qq.com", "provider": "qq", "saved_at": 0,
            "imap": {"host": "imap.qq.com", "port": 993, "security": "tls", "username": "zhang@qq.com"},
            "smtp": {"host": "smtp.qq.com", "port": 465, "security": "tls", "username": "zhang@qq.com"}}"#,
    )
    .expect("account");
    let (mut state, _) = start::State::new(String::new(), &Accounts::at(config_dir()));
    let _ = state.update(
        start::Message::Loaded(Ok((vec![account], None))),
        &start_cx(),
    );
    let question = l.tr_args(
        msg::GUI_REMOVE_CONFIRM,
        &[("address", "zhang@qq.com".into())],
    );
    let remove = start::Message::Remove("zhang@qq.com".into());
    assert!(state.update(remove, &start_cx()).1.is_none());
    assert!(simulator(state.view(&l)).find(question.as_str()).is_ok());
    assert!(
        state
            .update(start::Message::CancelRemove, &start_cx())
            .1
            .is_none()
    );
    assert!(simulator(state.view(&l)).find(question.as_str()).is_err());
    let _ = state.update(start::Message::Remove("zhang@qq.com".into()), &start_cx());
    // Confirmed: the screen removes it itself (keyring and file), off the UI thread.
    let (task, event) = state.update(start::Message::ConfirmRemove, &start_cx());
    assert!(event.is_none());
    assert!(
        iced_runtime::task::into_stream(task).is_some(),
        "the removal runs"
    );
    assert!(simulator(state.view(&l)).find(question.as_str()).is_err());
}

/// Nothing found is not a dead end: "Enter servers yourself", checked before testing, then a
/// company account on other implementations (pymap, aiosmtpd) with its own login name and a
/// password sent exactly as typed, saved like any other.
#[test]
fn servers_typed_by_hand_are_checked_tested_and_saved() {
    use super::screen::manual::{self, Message as M};
    use mailsetup::probe::Protocol;
    let _serial = serial();
    let Some((mut app, _)) = discovering_app() else {
        return;
    };
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let l = Localizer::new(Lang::En);
    let user = "zhang.san@nothing-here.test";
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite(user);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(matches!(app.screen, Screen::Start(_)));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_MANUAL_LINK).as_str());
    });
    assert!(matches!(app.screen, Screen::Manual(_)));
    // Prefilled with the names most servers use, the address as the login name.
    assert!(sees(&app, "imap.nothing-here.test"));
    assert!(sees(&app, "smtp.nothing-here.test"));
    let send = |app: &mut App, m: M| {
        let task = app.update(Message::Manual(m));
        settle(app, task);
    };
    // Checked before anything is tested: a bad port keeps the screen and says why.
    send(&mut app, M::Port(Protocol::Imap, "99999".into()));
    send(&mut app, M::Next);
    assert!(matches!(app.screen, Screen::Manual(_)));
    assert!(sees(&app, &l.tr(msg::GUI_MANUAL_BAD_PORT)));
    // pymap's port wants STARTTLS; left at SSL/TLS, the check names the setting.
    send(&mut app, M::Host(Protocol::Imap, "localhost".into()));
    send(
        &mut app,
        M::Port(Protocol::Imap, var("MAILSETUP_TEST_PYMAP")),
    );
    send(&mut app, M::Host(Protocol::Smtp, "localhost".into()));
    send(
        &mut app,
        M::Port(Protocol::Smtp, var("MAILSETUP_TEST_AIO_TLS")),
    );
    send(&mut app, M::Login(var("MAILSETUP_TEST_ODD_LOGIN")));
    send(&mut app, M::Next);
    assert!(
        matches!(app.screen, Screen::Steps(_)),
        "{}",
        manual::IMAP_HOST
    );
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_HAVE_PASSWORD).as_str());
    });
    assert!(matches!(app.screen, Screen::Credentials(_)));
    let pass = std::fs::read_to_string(var("MAILSETUP_TEST_ODD_PASS_FILE")).expect("password");
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.typewrite(&pass);
    });
    // The edge spaces are said, not removed.
    assert!(sees(&app, &l.tr(msg::CODE_WARN_EDGE_SPACES)));
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(sees(&app, &l.tr(msg::GUI_FAILURE_TITLE)));
    assert!(sees(
        &app,
        &l.tr_args(
            msg::ADVICE_WANTS_STARTTLS,
            &[
                ("host", "localhost".into()),
                ("port", var("MAILSETUP_TEST_PYMAP").into())
            ]
        )
    ));
    // From the failure back to the servers, as typed, to correct the security.
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_MANUAL_LINK).as_str());
    });
    assert!(matches!(app.screen, Screen::Manual(_)));
    send(&mut app, M::Security(Protocol::Imap, Security::Starttls));
    send(&mut app, M::Next);
    // Straight to the password, still typed: Enter tests.
    assert!(matches!(app.screen, Screen::Credentials(_)));
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(credentials::CODE_INPUT));
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    let saved = Store::at(config_dir())
        .find(user)
        .expect("accounts.json")
        .expect("saved");
    assert_eq!(saved.provider, None);
    assert_eq!(saved.imap.username, var("MAILSETUP_TEST_ODD_LOGIN"));
    assert_eq!(saved.imap.security, Security::Starttls);
    assert_eq!(saved.smtp.port.to_string(), var("MAILSETUP_TEST_AIO_TLS"));
    assert!(Store::at(config_dir()).remove(user).expect("remove"));
}

/// Offline (here: names that resolve nowhere) is one card saying to check the network, not two
/// cards blaming two servers with help articles about them.
#[test]
fn unreachable_servers_are_one_cause_not_two() {
    let _serial = serial();
    let Some((mut app, _)) = discovering_app() else {
        return;
    };
    let l = Localizer::new(Lang::En);
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite("li@nothing-here.test");
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_MANUAL_LINK).as_str());
    });
    // The suggested imap./smtp.nothing-here.test resolve nowhere.
    let task = app.update(Message::Primary);
    settle(&mut app, task);
    password_and_test(&mut app, "a password");
    assert!(sees(&app, &l.tr(msg::GUI_FAILURE_TITLE)));
    assert!(sees(&app, &l.tr(msg::ADVICE_OFFLINE_DNS)));
    assert!(!sees(&app, &l.tr(msg::GUI_OPEN_HELP)));
    // Esc goes back to the password, kept.
    let task = app.update(Message::Back);
    settle(&mut app, task);
    assert!(matches!(app.screen, Screen::Credentials(_)));
}

/// A report as the check would make it: both servers, each failed with `error` or passed.
fn report(
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
fn said(
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

/// Every screen at the smallest window (640×520), in all three languages, with the bundled
/// font: the bottom bar's buttons are whole and inside the window (the body scrolls instead).
#[test]
fn every_screen_fits_the_smallest_window() {
    use super::screen::result;
    use mailsetup::discover::DiscoverError;
    use mailsetup::probe::{ErrorKind, Stage};
    use std::sync::Arc;
    let window = iced::Size::new(640.0, 520.0);
    let check = |app: &App, l: &Localizer, labels: &[&str], screen: &str| {
        let settings = iced::Settings {
            fonts: vec![super::FONT.into()],
            default_font: iced::Font::with_name(super::FONT_NAME),
            ..iced::Settings::default()
        };
        let mut ui = iced_test::Simulator::with_size(settings, window, app.view());
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
                b.y + b.height <= window.height && b.x + b.width <= window.width,
                "{:?} {screen}: {label:?} at {b:?} is outside the window",
                l.lang()
            );
        }
    };
    for lang in [Lang::ZhCn, Lang::ZhTw, Lang::En] {
        let l = Localizer::new(lang);
        // Start, after a lookup that found nothing (the longest status line).
        let mut app = new_app(Launch {
            lang,
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
        check(&app, &l, &[msg::GUI_NEXT, msg::GUI_MANUAL_LINK], "start");
        // Manual servers, with every field wrong.
        let _ = app.update(Message::Start(start::Message::Manual));
        for m in [
            super::screen::manual::Message::Port(mailsetup::probe::Protocol::Imap, "x".into()),
            super::screen::manual::Message::Host(mailsetup::probe::Protocol::Smtp, "a b".into()),
            super::screen::manual::Message::Login(String::new()),
            super::screen::manual::Message::Next,
        ] {
            let _ = app.update(Message::Manual(m));
        }
        assert!(matches!(app.screen, Screen::Manual(_)));
        check(&app, &l, &[msg::GUI_NEXT, msg::GUI_BACK], "manual");
        // QQ's five steps, then the code screen with a warning.
        let mut app = new_app(Launch {
            lang,
            provider: Some("qq".into()),
            address: Some("zhang.san@qq.com".into()),
            ..Launch::default()
        });
        check(&app, &l, &[msg::GUI_HAVE_CODE, msg::GUI_BACK], "steps");
        let _ = app.update(Message::Steps(super::screen::steps::Message::Next));
        let _ = app.update(Message::Credentials(credentials::Message::CodeChanged(
            credentials::Code(secrecy::SecretString::from("abc".to_string())),
        )));
        check(&app, &l, &[msg::GUI_TEST, msg::GUI_BACK], "credentials");
        // A failure on both servers with different causes (two cards), then a success.
        let input = super::Draft {
            target: mailsetup::setup::Target::provider_id("qq").expect("qq"),
            address: mailsetup::address::Address::parse("zhang.san@qq.com").expect("valid"),
            credential: mailsetup::setup::Credential::Password(secrecy::SecretString::from(
                "abcdefghijklmnop".to_string(),
            )),
            saved: false,
            ca: None,
        };
        let show = |app: &mut App, report: mailsetup::check::CheckReport| {
            let (r, _) = result::State::new(
                input.clone(),
                Box::new(report),
                Accounts::at(config_dir()),
                config_dir(),
            );
            app.screen = Screen::Result(r);
        };
        let failed = [msg::GUI_TRY_AGAIN, msg::GUI_BACK, msg::GUI_COPY_REPORT];
        let refused = said(
            Stage::Auth,
            ErrorKind::Auth,
            "535 Login Fail. Please enter your authorization code to login. More information in https://service.mail.qq.com/detail/0/53",
        );
        show(&mut app, report("zhang.san@qq.com", Some(refused)));
        check(&app, &l, &failed, "failure");
        show(&mut app, report("zhang.san@qq.com", None));
        check(&app, &l, &[msg::GUI_DONE, msg::GUI_ADD_ANOTHER], "success");
        // The round trip's longest sentences: in the spam folder and left there; a message
        // refused after the sign-in.
        let mut junk = report("zhang.san@qq.com", None);
        junk.round_trip = Some(mailsetup::probe::roundtrip::RoundTrip {
            arrived: mailsetup::probe::roundtrip::Arrived::Junk,
            folder: Some("垃圾箱".into()),
            after_ms: 4200,
            removal: mailsetup::probe::roundtrip::Removal::Left,
        });
        show(&mut app, junk);
        check(
            &app,
            &l,
            &[msg::GUI_DONE, msg::GUI_ADD_ANOTHER],
            "spam folder",
        );
        look(&mut app, "result-junk");
        let spam = said(
            Stage::Send,
            ErrorKind::SendRefused,
            "554 DT:SPM 163 smtp14,EsCowAD3_0R4 1718000000,please see http://mail.163.com/help/help_spam_16.htm?ip=1.2.3.4",
        );
        let mut refused_send = report("zhang.san@qq.com", Some(spam));
        refused_send.imap.error = None;
        show(&mut app, refused_send);
        check(&app, &l, &failed, "sending refused");
        look(&mut app, "result-send-refused");
        // Outlook's steps, and a sign-in that ended with the longest sentence.
        let mut app = new_app(Launch {
            lang,
            provider: Some("outlook".into()),
            address: Some("li.lei@outlook.com".into()),
            ..Launch::default()
        });
        check(&app, &l, &[msg::GUI_BACK], "outlook steps");
        let target = mailsetup::setup::Target::provider_id("outlook").expect("outlook");
        app.screen = Screen::SignIn(super::screen::signin::State::failed(
            target,
            mailsetup::address::Address::parse("li.lei@outlook.com").expect("valid"),
            mailsetup::oauth::OAuthError::NoClientId("microsoft".into()),
        ));
        check(
            &app,
            &l,
            &[msg::OAUTH_AGAIN, msg::GUI_BACK],
            "sign-in failed",
        );
    }
}

/// The code comes to the user: back from QQ's settings page with the code copied, the code
/// screen offers it, and one click tests and saves. Launch to saved in at most 4 user actions
/// besides the webmail work (typing the address, Enter, "Use it and test").
#[test]
fn the_copied_code_is_offered_when_the_user_comes_back() {
    let _serial = serial();
    let Some((mut app, user, pass)) = harness_app_at(None, None) else {
        return;
    };
    let l = Localizer::new(Lang::En);
    let mut actions = 0;
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite(&user);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    actions += 2;
    assert!(matches!(app.screen, Screen::Steps(_)));
    // The webmail work: open QQ's settings page, turn IMAP on, copy the code there.
    let open = l.tr_args(msg::GUI_OPEN_SITE, &[("site", "wx.mail.qq.com".into())]);
    act(&mut app, |ui| {
        let _ = ui.click(open.as_str());
    });
    assert!(
        OPENED
            .lock()
            .map(|o| o.contains(&"https://wx.mail.qq.com/account/index".to_string()))
            .unwrap_or(false)
    );
    // Back in the window: the runtime reads the clipboard and hands over its text.
    let task = app.update(Message::Focused);
    settle(&mut app, task);
    let task = app.update(Message::Steps(steps::Message::Clipboard(Some(
        credentials::Code(secrecy::SecretString::from(format!("{}\n", pass))),
    ))));
    settle(&mut app, task);
    assert!(matches!(app.screen, Screen::Credentials(_)));
    assert!(sees(
        &app,
        &l.tr_args(
            msg::GUI_CLIPBOARD_OFFER,
            &[("credential", l.tr(msg::CREDENTIAL_AUTH_CODE).into())]
        )
    ));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_USE_AND_TEST).as_str());
    });
    actions += 1;
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    let store = Store::at(config_dir());
    assert!(store.find(&user).expect("load").is_some(), "saved");
    eprintln!("QQ from launch to saved: {actions} user actions besides the webmail work");
    assert!(actions <= 4);
    assert!(store.remove(&user).expect("remove"));
}

/// Something else on the clipboard (a URL, a sentence): no offer, the steps stay.
#[test]
fn anything_but_a_code_on_the_clipboard_is_left_alone() {
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        provider: Some("qq".into()),
        address: Some("zhang.san@qq.com".into()),
        ..Launch::default()
    });
    let open = l.tr_args(msg::GUI_OPEN_SITE, &[("site", "mail.qq.com".into())]);
    act(&mut app, |ui| {
        let _ = ui.click(open.as_str());
    });
    for text in [
        "https://mail.qq.com/",
        "your code is abcdefghijklmnop",
        "12345678",
    ] {
        let task = app.update(Message::Steps(steps::Message::Clipboard(Some(
            credentials::Code(secrecy::SecretString::from(text.to_string())),
        ))));
        settle(&mut app, task);
        assert!(matches!(app.screen, Screen::Steps(_)), "{text}");
    }
}

/// A setup link that could not be used says why at the top of the start screen.
#[test]
fn a_bad_link_is_said_on_the_start_screen() {
    let l = Localizer::new(Lang::ZhCn);
    let e = mailsetup::link::parse("mailsetup://setup?provider=evil").expect_err("bad");
    let notice = mailsetup::present::messages::link_error(&l, &e);
    let app = new_app(Launch {
        lang: Lang::ZhCn,
        notice: Some(notice.clone()),
        ..Launch::default()
    });
    assert!(matches!(app.screen, Screen::Start(_)));
    assert!(sees(&app, &notice));
}

/// The window's keys: Esc goes back even when a text field had it (one press, not two); Enter,
/// Tab and the scrolling keys only when no widget used them.
#[test]
fn esc_works_from_a_field_and_enter_only_when_free() {
    use iced::event::Status;
    use iced::keyboard::{self, Key, key::Named};
    let press = |named| {
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: Key::Named(named),
            modified_key: Key::Named(named),
            physical_key: keyboard::key::Physical::Unidentified(
                keyboard::key::NativeCode::Unidentified,
            ),
            location: keyboard::Location::Standard,
            modifiers: keyboard::Modifiers::default(),
            text: None,
            repeat: false,
        })
    };
    let id = iced::window::Id::unique();
    let k = |named, status| super::keys(press(named), status, id);
    assert!(matches!(
        k(Named::Escape, Status::Captured),
        Some(Message::Back)
    ));
    assert!(k(Named::Enter, Status::Captured).is_none());
    assert!(matches!(
        k(Named::Enter, Status::Ignored),
        Some(Message::Primary)
    ));
    assert!(matches!(
        k(Named::Tab, Status::Ignored),
        Some(Message::Focus { forward: true })
    ));
    assert!(matches!(k(Named::PageDown, Status::Ignored), Some(Message::Scroll(d)) if d > 0.0));
    assert!(k(Named::ArrowDown, Status::Captured).is_none());
}

/// Outlook takes no password: its steps say so, and there is no "I have the code" leading to a
/// code screen that could never succeed (nor does Enter lead there).
#[test]
fn outlook_has_no_code_screen() {
    let l = Localizer::new(Lang::ZhCn);
    let mut app = new_app(Launch {
        lang: Lang::ZhCn,
        provider: Some("outlook".into()),
        address: Some("li@outlook.com".into()),
        ..Launch::default()
    });
    assert!(sees(
        &app,
        &l.tr_args(
            msg::GUI_OAUTH_TITLE,
            &[("provider", l.tr(msg::PROVIDER_OUTLOOK).into())]
        )
    ));
    assert!(!sees(&app, &l.tr(msg::GUI_HAVE_CODE)));
    // Enter is "Sign in with Microsoft"; in a build without the distributor's client id it is
    // "Set it up in my mail app" (the mail app signs in to Microsoft itself).
    let _serial = serial();
    let task = app.update(Message::Primary);
    settle(&mut app, task);
    if option_env!("MAILSETUP_OAUTH_MICROSOFT_CLIENT_ID").is_none() {
        assert!(matches!(app.screen, Screen::MailApp(..)));
    }
}

/// The address the browser signs in as in the wizard tests (the test provider's login).
const OAUTH_ADDRESS: &str = "wizard.tester@outlook.com";

/// Headless Chromium plays the user at the test OpenID provider: signs in and consents (or
/// denies). Started, not waited for, as the system browser would be.
fn play(url: &str, answer: &str) -> std::io::Result<()> {
    let script = std::env::var("MAILSETUP_TEST_BROWSER").map_err(std::io::Error::other)?;
    std::process::Command::new("node")
        .arg(script)
        .args([url, OAUTH_ADDRESS, answer])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}

fn consenting_browser(url: &str) -> std::io::Result<()> {
    play(url, "consent")
}

fn denying_browser(url: &str) -> std::io::Result<()> {
    play(url, "deny")
}

/// This build's Microsoft sign-in pointed at the test OpenID provider, handed to the app (no
/// environment variables are set).
fn test_clients(idp: &str) -> mailsetup::oauth::Clients {
    let client = mailsetup::oauth::GivenClient {
        client_id: "mailsetup-test".into(),
        authorize_url: Some(format!("{idp}/auth")),
        token_url: Some(format!("{idp}/token")),
    };
    mailsetup::oauth::Clients::default().with("microsoft", client)
}

/// The Outlook wizard against the test provider and the harness servers.
fn oauth_app(browser: super::Browser) -> Option<App> {
    let (_, servers) = harness_servers()?;
    let idp = std::env::var("MAILSETUP_TEST_IDP").ok()?;
    let app = new_app(Launch {
        lang: Lang::En,
        provider: Some("outlook".into()),
        address: Some(OAUTH_ADDRESS.into()),
        servers,
        browser: Some(browser),
        oauth: test_clients(&idp),
        ..Launch::default()
    });
    Some(app)
}

/// The Outlook wizard after "Sign in with Microsoft", once the browser (`browser`) is done.
fn signed_in(browser: super::Browser) -> Option<App> {
    let mut app = oauth_app(browser)?;
    act(&mut app, |ui| {
        let _ = ui.click("Sign in with Microsoft");
    });
    Some(app)
}

/// Outlook.com in the wizard: "Sign in with Microsoft" → the browser signs in and consents →
/// IMAP and SMTP pass with the token → the refresh token is saved; a re-test from the start
/// screen renews the token (and keeps the rotated refresh token); once the user has removed the
/// app's access, a re-test says to sign in again.
#[test]
fn outlook_signs_in_in_the_browser_tests_saves_and_retests() {
    let _serial = serial();
    let Some(mut app) = signed_in(consenting_browser) else {
        return;
    };
    let l = Localizer::new(Lang::En);
    let Screen::Result(r) = &app.screen else {
        panic!("not on the result screen");
    };
    assert!(r.report().ok(), "{:?}", r.report());
    assert!(sees(
        &app,
        &l.tr_args(
            msg::GUI_SUCCESS_NEXT_OAUTH,
            &[("provider", "Microsoft".into())]
        )
    ));
    assert!(!sees(&app, &l.tr(msg::GUI_EXPORT_APPLE)));
    let store = Store::at(config_dir());
    let account = store
        .find(OAUTH_ADDRESS)
        .expect("accounts.json")
        .expect("saved");
    assert_eq!(account.sign_in, mailsetup::store::SignIn::OAuth);
    let refresh = store
        .secret(OAUTH_ADDRESS)
        .expect("keyring")
        .expect("token");

    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_ADD_ANOTHER).as_str());
    });
    // The start screen lists it as a browser sign-in.
    assert!(sees(&app, &l.tr(msg::SIGN_IN_OAUTH)));
    let task = app.update(Message::Start(start::Message::SecretRead(
        Box::new(account),
        start::Secret(Ok(Some(refresh.clone()))),
    )));
    settle(&mut app, task);
    let Screen::Result(r) = &app.screen else {
        panic!("the re-test did not finish");
    };
    assert!(r.report().ok(), "{:?}", r.report());
    use secrecy::ExposeSecret;
    let kept = store
        .secret(OAUTH_ADDRESS)
        .expect("keyring")
        .expect("token");
    assert_ne!(
        kept.expose_secret(),
        refresh.expose_secret(),
        "the rotated refresh token was not kept"
    );
    // The user removes the app's access at the provider: the next re-test asks to sign in again.
    let dir = std::env::var("MAILSETUP_TEST_DIR").expect("harness");
    let idp = std::env::var("MAILSETUP_TEST_IDP").expect("harness");
    let revoked = std::process::Command::new("curl")
        .args(["-sf", "--cacert", &format!("{dir}/ca.pem"), "-d"])
        .args(["client_id=mailsetup-test", "-d"])
        .arg(format!("token={}", kept.expose_secret()))
        .arg(format!("{idp}/token/revocation"))
        .status()
        .expect("curl");
    assert!(revoked.success());
    let account = store
        .find(OAUTH_ADDRESS)
        .expect("accounts.json")
        .expect("saved");
    let _ = app.update(Message::Result(super::result::Message::AddAnother));
    let task = app.update(Message::Start(start::Message::SecretRead(
        Box::new(account),
        start::Secret(Ok(Some(kept))),
    )));
    settle(&mut app, task);
    assert!(matches!(app.screen, Screen::SignIn(_)));
    assert!(sees(&app, &l.tr(msg::OAUTH_REVOKED)));
    assert!(sees(&app, &l.tr(msg::OAUTH_AGAIN)));
    // No token the provider issued (access or refresh) is in any file the wizard wrote.
    let log =
        std::fs::read_to_string(std::path::Path::new(&dir).join("idp/idp.log")).unwrap_or_default();
    let tokens: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("issued "))
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    assert!(tokens.len() >= 4, "{log}");
    for entry in std::fs::read_dir(config_dir())
        .into_iter()
        .flatten()
        .flatten()
    {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !tokens.iter().any(|t| text.contains(t)),
            "a token in {entry:?}"
        );
    }
    // The config dir is shared: leave the start screen's list as the other tests expect it.
    assert!(store.remove(OAUTH_ADDRESS).expect("remove"));
}

/// Cancel while the browser is open: the listener goes (the wait is dropped), the screen says
/// so and offers "Sign in again"; Esc goes back to the steps.
#[test]
fn cancelling_a_sign_in_is_said_and_esc_goes_back() {
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        ..Launch::default()
    });
    let target = mailsetup::setup::Target::provider_id("outlook").expect("outlook");
    let pages = mailsetup::present::messages::oauth_pages(&l);
    let cx = super::screen::signin::Context {
        browser: record_browser,
        pages: &pages,
        ca_file: None,
        clients: &Default::default(),
    };
    let address = mailsetup::address::Address::parse("li.lei@outlook.com").expect("valid");
    let (s, _never_run) = super::screen::signin::State::start(target, address, &cx);
    app.screen = Screen::SignIn(s);
    assert!(sees(&app, &l.tr(msg::GUI_CANCEL)));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_CANCEL).as_str());
    });
    assert!(sees(&app, &l.tr(msg::OAUTH_CANCELLED)));
    assert!(sees(&app, &l.tr(msg::OAUTH_AGAIN)));
    let task = app.update(Message::Back);
    settle(&mut app, task);
    assert!(matches!(app.screen, Screen::Steps(_)));
}

/// "Deny" on the provider's page: the sign-in screen says so, offers "Sign in again", and
/// nothing is saved.
#[test]
fn a_denied_sign_in_is_said_with_sign_in_again() {
    let _serial = serial();
    let Some(mut app) = signed_in(denying_browser) else {
        return;
    };
    let l = Localizer::new(Lang::En);
    assert!(matches!(app.screen, Screen::SignIn(_)));
    assert!(sees(
        &app,
        &l.tr_args(msg::OAUTH_DENIED, &[("provider", "Microsoft".into())])
    ));
    assert!(sees(&app, &l.tr(msg::OAUTH_AGAIN)));
    // Back goes to the steps, where the button is.
    let task = app.update(Message::Back);
    settle(&mut app, task);
    assert!(matches!(app.screen, Screen::Steps(_)));
}

/// "Use it in my mail app" after the QQ walk: Thunderbird is set up directly (the account in the
/// profile, the code in its logins), and a guided app's fields are copied, the code read from
/// the keyring at the moment of the copy, with a sentence saying what the clipboard holds.
/// The code, the test, the account saved (replacing one a previous test saved), then "Use it in
/// my mail app".
fn test_save_and_open_mail_apps(app: &mut App, pass: &str) {
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

/// A Thunderbird profile it has started (its key database as Thunderbird 153 made it,
/// tests/data/thunderbird), fresh under the config dir.
fn started_thunderbird_profile(name: &str) -> std::path::PathBuf {
    let profile = config_dir().join(name);
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).expect("profile");
    let key4 = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/thunderbird/thunderbird/key4.db");
    std::fs::copy(key4, profile.join("key4.db")).expect("key4.db");
    profile
}

/// The mail-app screen as on a computer with Thunderbird (these profiles) and Foxmail.
fn mail_apps_found(app: &mut App, profiles: &[&std::path::Path]) {
    use super::screen::mailapp;
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
    let apps = vec![
        found(MailApp::Thunderbird, true, profiles),
        found(MailApp::Foxmail, false, Vec::new()),
    ];
    let task = app.update(Message::MailApp(mailapp::Message::Apps(apps)));
    settle(app, task);
}

#[test]
fn the_tested_account_goes_into_the_users_mail_app() {
    use super::screen::mailapp;
    let _serial = serial();
    let Some((mut app, user, pass)) = harness_app_at(None, Some("qq")) else {
        return;
    };
    let l = Localizer::new(Lang::En);
    test_save_and_open_mail_apps(&mut app, &pass);

    // The apps as found on a computer with Thunderbird and one profile it has started.
    let profile = started_thunderbird_profile("tb-profile");
    mail_apps_found(&mut app, &[&profile]);
    assert!(sees(&app, &l.tr(msg::GUI_TB_DIRECT)));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_ADD_TO_THUNDERBIRD).as_str());
    });
    let prefs = std::fs::read_to_string(profile.join("prefs.js")).unwrap_or_default();
    let logins = std::fs::read_to_string(profile.join("logins.json")).unwrap_or_default();
    assert!(prefs.contains(&format!("\"{user}\"")), "{prefs}");
    assert_eq!(logins.matches("encryptedPassword").count(), 2, "{logins}");
    assert!(!prefs.contains(&pass) && !logins.contains(&pass));
    // What Thunderbird will decrypt is the code.
    let keys = mailsetup::handoff::keydb::open(&profile).expect("key4.db");
    let v: serde_json::Value = serde_json::from_str(&logins).expect("logins.json");
    let sealed = v["logins"][0]["encryptedPassword"].as_str().expect("value");
    let code = keys.decrypt(sealed).expect("decrypts");
    assert_eq!(secrecy::ExposeSecret::expose_secret(&code), pass);
    let at = |p: &std::path::Path| mailsetup::present::messages::path(p);
    let said = |id, p: &std::path::Path| {
        let args = [
            ("app", "Thunderbird".into()),
            ("address", user.clone().into()),
            ("profile", at(p).into()),
        ];
        l.tr_args(id, &args)
    };
    assert!(sees(&app, &said(msg::HANDOFF_ADDED, &profile)));
    look(&mut app, "mailapp-thunderbird-added");

    // A profile Thunderbird never started has no key yet: the account goes in, and the code
    // goes on the clipboard for the one time Thunderbird asks.
    let never = config_dir().join("tb-never");
    let _ = std::fs::remove_dir_all(&never);
    std::fs::create_dir_all(&never).expect("profile");
    mail_apps_found(&mut app, &[&never]);
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_ADD_TO_THUNDERBIRD).as_str());
    });
    assert!(std::fs::read_to_string(never.join("prefs.js")).is_ok_and(|p| p.contains(&user)));
    assert!(sees(&app, &said(msg::HANDOFF_ADDED_ASKS, &never)));
    assert_eq!(clipboard().as_deref(), Some(pass.as_str()));
    let credential = l.tr(msg::CREDENTIAL_AUTH_CODE);
    let copied = [("credential", credential.into())];
    assert!(sees(&app, &l.tr_args(msg::GUI_COPIED_SECRET, &copied)));
    look(&mut app, "mailapp-thunderbird-asks");

    // Foxmail: its own steps, every field with Copy; the code comes from the keyring.
    act(&mut app, |ui| {
        let _ = ui.click("Foxmail");
    });
    let credential = l.tr(msg::CREDENTIAL_AUTH_CODE);
    assert!(sees(
        &app,
        &l.tr_args(
            msg::GUIDE_FOXMAIL,
            &[("credential", credential.clone().into())]
        )
    ));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_COPY).as_str());
    });
    assert_eq!(clipboard().as_deref(), Some(user.as_str()));
    assert!(sees(
        &app,
        &l.tr_args(msg::GUI_COPIED_FIELD, &[("value", user.clone().into())])
    ));
    let task = app.update(Message::MailApp(mailapp::Message::Copy(
        mailapp::Field::Secret,
    )));
    settle(&mut app, task);
    assert_eq!(clipboard().as_deref(), Some(pass.as_str()));
    assert!(sees(
        &app,
        &l.tr_args(msg::GUI_COPIED_SECRET, &[("credential", credential.into())])
    ));
    // Back (Esc) returns to the success screen as it was.
    let _ = app.update(Message::Back);
    assert!(matches!(app.screen, Screen::Result(_)));
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
}

fn no_browser(_: &str) -> std::io::Result<()> {
    Err(std::io::Error::other("no browser here"))
}

/// Both of QQ's servers refuse a 16-letter code: one card says it once (a refused code, not
/// "your QQ password"), with each server's own words; its help page, when no browser starts,
/// is shown with Copy.
#[test]
fn both_servers_refusing_one_code_is_said_once_with_the_page_to_copy() {
    use super::screen::result;
    use mailsetup::probe::{ErrorKind, ProbeError, Stage};
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        browser: Some(no_browser),
        ..Launch::default()
    });
    let code = "abcdefghijklmnop";
    let input = super::Draft {
        target: mailsetup::setup::Target::provider_id("qq").expect("qq"),
        address: mailsetup::address::Address::parse("zhang.san@qq.com").expect("valid"),
        credential: mailsetup::setup::Credential::Password(code.to_string().into()),
        saved: false,
        ca: None,
    };
    let refused = |line: &str| ProbeError {
        stage: Stage::Auth,
        kind: ErrorKind::Auth,
        tls_reason: None,
        server_text: Some(line.into()),
        detail: String::new(),
    };
    let imap_line =
        "NO Login fail. Account is abnormal, service is not open, password is incorrect";
    let smtp_line = "535 Login Fail. Please enter your authorization code to login.";
    let mut r = report("zhang.san@qq.com", None);
    r.imap.error = Some(refused(imap_line));
    r.smtp.error = Some(refused(smtp_line));
    r.typed = mailsetup::check::Typed::Code;
    let (s, _) = result::State::new(input, Box::new(r), Accounts::at(config_dir()), config_dir());
    app.screen = Screen::Result(s);

    let credential = ("credential", l.tr(msg::CREDENTIAL_AUTH_CODE).into());
    let advice = l.tr_args(msg::ADVICE_QQ_LOGIN_FAIL, &[credential]);
    let mut ui = simulator(app.view());
    assert!(ui.find(advice.as_str()).is_ok());
    // One card for both, not one per server.
    let (imap, smtp) = (l.tr(msg::PROTOCOL_IMAP), l.tr(msg::PROTOCOL_SMTP));
    assert!(ui.find(format!("× {imap} / {smtp}")).is_ok());
    assert!(ui.find(format!("× {imap}")).is_err() && ui.find(format!("× {smtp}")).is_err());
    for (server, line) in [
        ("imap.qq.com:993", imap_line),
        ("smtp.qq.com:465", smtp_line),
    ] {
        let said = l.tr_args(msg::SERVER_SAID, &[("text", line.into())]);
        assert!(ui.find(format!("{server} — {said}")).is_ok(), "{line}");
    }
    let password = l.tr(msg::ADVICE_QQ_AUTH_CODE);
    assert!(
        ui.find(password.as_str()).is_err(),
        "not 'you entered your QQ password'"
    );
    drop(ui);

    // No browser starts: the page is shown, and Copy puts it on the clipboard.
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_OPEN_HELP).as_str());
    });
    let url = "https://wx.mail.qq.com/account/index";
    assert!(sees(
        &app,
        &l.tr_args(msg::GUI_OPEN_FAILED, &[("url", url.into())])
    ));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_COPY).as_str());
    });
    assert_eq!(clipboard().as_deref(), Some(url));
}

/// A company address on a computer where no lookup gets an answer: the start screen says the
/// computer seems offline, not that the address may be mistyped.
#[test]
fn a_company_address_offline_blames_the_network_not_the_address() {
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        discovery: mailsetup::discover::DetectOptions {
            dns_server: "127.0.0.1:9".parse().ok(),
            ispdb_url: Some("https://127.0.0.1:9/".into()),
            deadline: Some(std::time::Duration::from_secs(2)),
            ..Default::default()
        },
        ..Launch::default()
    });
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite("li@offline-corp.test");
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    let domain = ("domain", "offline-corp.test".into());
    assert!(sees(
        &app,
        &l.tr_args(msg::DETECT_OFFLINE, std::slice::from_ref(&domain))
    ));
    assert!(!sees(&app, &l.tr_args(msg::GUI_NOT_FOUND, &[domain])));
}

/// A login password (letters and digits) where QQ wants its 16-letter code: said to be the
/// password, and Test stays off (nothing is sent).
#[test]
fn a_qq_password_in_the_code_field_is_named_and_not_sent() {
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        provider: Some("qq".into()),
        address: Some("zhang.san@qq.com".into()),
        ..Launch::default()
    });
    continue_and_test(&mut app, msg::GUI_HAVE_CODE, "zhangsan1990");
    assert!(matches!(app.screen, Screen::Credentials(_)), "not tested");
    let args = [
        ("provider", l.tr(msg::PROVIDER_QQ).into()),
        ("credential", l.tr(msg::CREDENTIAL_AUTH_CODE).into()),
        ("length", 16.into()),
    ];
    assert!(sees(&app, &l.tr_args(msg::CODE_WARN_PASSWORD, &args)));
}

/// A company server's failed test → "Enter servers yourself" → Next: the password typed before
/// is still there (Test works at once), not asked again.
#[test]
fn correcting_the_servers_after_a_failure_keeps_the_password() {
    use super::screen::result;
    use mailsetup::probe::{ErrorKind, ProbeError, Stage};
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        ..Launch::default()
    });
    let address = "li.lei@example-corp.test";
    let ep = |host: &str, port| Endpoint {
        host: host.into(),
        port,
        security: Security::Tls,
        username: address.into(),
    };
    let input = super::Draft {
        target: mailsetup::setup::Target::Servers {
            imap: ep("127.0.0.1", 9),
            smtp: ep("127.0.0.1", 9),
            found: None,
        },
        address: mailsetup::address::Address::parse(address).expect("valid"),
        credential: mailsetup::setup::Credential::Password("Company-Pass-1".to_string().into()),
        saved: false,
        ca: None,
    };
    let refused = ProbeError {
        stage: Stage::Connect,
        kind: ErrorKind::Refused,
        tls_reason: None,
        server_text: None,
        detail: String::new(),
    };
    let (s, _) = result::State::new(
        input,
        Box::new(report(address, Some(refused))),
        Accounts::at(config_dir()),
        config_dir(),
    );
    app.screen = Screen::Result(s);
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_MANUAL_LINK).as_str());
    });
    assert!(matches!(app.screen, Screen::Manual(_)));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_NEXT).as_str());
    });
    assert!(
        matches!(app.screen, Screen::Credentials(_)),
        "to the password"
    );
    // Test is enabled: the password is there.
    let mut ui = simulator(app.view());
    let _ = ui.click(l.tr(msg::GUI_TEST).as_str());
    let pressed: Vec<Message> = ui.into_messages().collect();
    assert!(
        pressed
            .iter()
            .any(|m| matches!(m, Message::Credentials(credentials::Message::Test))),
        "Test is enabled"
    );
}

/// The certificate file a stand-in for the system's dialog "picks": the harness's CA.
fn pick_harness_ca() -> futures::future::BoxFuture<'static, Option<std::path::PathBuf>> {
    let dir = std::env::var("MAILSETUP_TEST_DIR").ok();
    Box::pin(async move { dir.map(|d| std::path::Path::new(&d).join("ca.pem")) })
}

/// A company server whose certificate comes from the company's own CA, tested and saved from
/// the window alone: the failure offers the certificate file, shows whose it is and its
/// fingerprint (as openssl reads it), tests again trusting it, keeps it with the account, and
/// the re-test from the start screen uses it.
#[test]
fn a_company_ca_is_picked_checked_trusted_and_kept_with_the_account() {
    let _serial = serial();
    let Some((mut app, pass)) = discovering_app() else {
        return;
    };
    app.servers.ca_file = None;
    app.pick_file = pick_harness_ca;
    let l = Localizer::new(Lang::En);
    let user = "tester@autoconf-corp.test";
    let _ = Store::at(config_dir()).remove(user);
    act(&mut app, |ui| {
        let _ = ui.click(iced_test::selector::id(start::ADDRESS_INPUT));
        let _ = ui.typewrite(user);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_NEXT).as_str());
    });
    password_and_test(&mut app, &pass);
    assert!(sees(&app, &l.tr(msg::ADVICE_TLS_UNKNOWN_ISSUER)));
    look(&mut app, "ca-failure");
    assert!(sees(&app, &l.tr(msg::GUI_CA_PICK)));
    // Enter is the file dialog here: trying again would fail the same way.
    let task = app.update(Message::Primary);
    settle(&mut app, task);
    look(&mut app, "ca-picked");
    // Whose it is, and the fingerprint openssl gives for the same file.
    let ca =
        std::path::Path::new(&std::env::var("MAILSETUP_TEST_DIR").expect("dir")).join("ca.pem");
    let out = std::process::Command::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
        .arg(&ca)
        .output()
        .expect("openssl");
    let said = String::from_utf8_lossy(&out.stdout);
    let fingerprint = said
        .trim()
        .rsplit('=')
        .next()
        .expect("fingerprint")
        .to_string();
    let host = ("host", "localhost".into());
    assert!(sees(&app, &l.tr_args(msg::GUI_CA_TITLE, &[host])));
    // Shown on two lines of 16 bytes.
    let bytes: Vec<&str> = fingerprint.split(':').collect();
    let shown = format!("{}\n{}", bytes[..16].join(":"), bytes[16..].join(":"));
    let fp = ("fingerprint", shown.into());
    assert!(sees(&app, &l.tr_args(msg::GUI_CA_FINGERPRINT, &[fp])));
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_CA_TRUST).as_str());
    });
    assert!(sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)));
    // Handed to Thunderbird, which trusts only its own certificates: which dialog comes, and
    // which button to choose.
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_MAILAPP_BUTTON).as_str());
    });
    assert!(matches!(app.screen, Screen::MailApp(..)), "mail-app screen");
    let profile = started_thunderbird_profile("tb-company");
    mail_apps_found(&mut app, &[&profile]);
    assert!(sees(&app, &l.tr(msg::GUI_TB_DIRECT)), "tb card");
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_ADD_TO_THUNDERBIRD).as_str());
    });
    let account = Store::at(config_dir())
        .find(user)
        .expect("load")
        .expect("saved");
    let added = mailsetup::handoff::Added::Added {
        backups: Vec::new(),
        password: true,
    };
    let thunderbird = mailsetup::handoff::MailApp::Thunderbird;
    let said = mailsetup::present::messages::added(&l, thunderbird, &account, &added, &profile);
    let ca_said = l.tr_args(msg::HANDOFF_CA_THUNDERBIRD, &[("host", "localhost".into())]);
    assert!(said.ends_with(&ca_said), "{said}");

    assert!(sees(&app, &said), "{said}");
    look(&mut app, "mailapp-company-ca");
    let _ = app.update(Message::Back);

    // Kept with the account, readable by this user only, and only its servers trust it.
    let store = Store::at(config_dir());
    let saved = store.find(user).expect("load").expect("saved");
    let kept = store.ca_path(&saved).expect("the account names its CA");
    let same = |p: &std::path::Path| mailsetup::setup::certificate::inspect(p).expect("cert");
    assert_eq!(same(&kept).fingerprint, same(&ca).fingerprint);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&kept).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0);
    }
    // The re-test of the saved account from the start screen (no CA given at launch) trusts
    // it again.
    let _ = app.update(Message::Result(super::result::Message::AddAnother));
    let account = saved.clone();
    let secret = store.secret(user).expect("keyring");
    let task = app.update(Message::Start(start::Message::SecretRead(
        Box::new(account),
        start::Secret(Ok(secret)),
    )));
    settle(&mut app, task);
    assert!(
        sees(&app, &l.tr(msg::GUI_SUCCESS_TITLE)),
        "re-test with the kept CA"
    );
    assert!(store.remove(user).expect("remove"));
    assert!(!kept.exists(), "removed with the account");
}

/// Outlook.com in a build without a Microsoft client id: no "Sign in with Microsoft" button that
/// can only fail; the user's own mail app signs in to Microsoft itself, and the account goes
/// there untested, with Thunderbird's own OAuth2 and no secret.
#[test]
fn outlook_without_a_client_id_leads_to_the_mail_apps_own_sign_in() {
    use super::screen::mailapp;
    use mailsetup::handoff::{Found, MailApp, thunderbird::Profile};
    let _serial = serial();
    let l = Localizer::new(Lang::En);
    let mut app = new_app(Launch {
        lang: Lang::En,
        provider: Some("outlook".into()),
        address: Some("li.lei@outlook.com".into()),
        oauth: mailsetup::oauth::Clients::only_given(),
        ..Launch::default()
    });
    let outlook = ("provider", l.tr(msg::PROVIDER_OUTLOOK).into());
    assert!(sees(&app, &l.tr_args(msg::GUI_OAUTH_NO_CLIENT, &[outlook])));
    let p = mailsetup::catalog::Catalog::builtin()
        .by_id("outlook")
        .expect("outlook");
    let button = mailsetup::present::messages::oauth_button(&l, p);
    assert!(!sees(&app, &button), "no button that can only fail");
    look(&mut app, "outlook-no-client");
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_OAUTH_VIA_MAIL_APP).as_str());
    });
    assert!(matches!(app.screen, Screen::MailApp(..)));

    // Thunderbird, set up directly: OAuth2 (authMethod 10), nothing saved here, no password.
    let profile = config_dir().join("tb-outlook");
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).expect("profile");
    let tb = Profile {
        name: "default-release".into(),
        path: profile.clone(),
        default: true,
    };
    let found = Found {
        app: MailApp::Thunderbird,
        installed: true,
        way: MailApp::Thunderbird.way(),
        profiles: vec![tb],
    };
    let task = app.update(Message::MailApp(mailapp::Message::Apps(vec![found])));
    settle(&mut app, task);
    act(&mut app, |ui| {
        let _ = ui.click(l.tr(msg::GUI_ADD_TO_THUNDERBIRD).as_str());
    });
    let prefs = std::fs::read_to_string(profile.join("prefs.js")).unwrap_or_default();
    assert!(prefs.contains("\"outlook.office365.com\""), "{prefs}");
    assert!(prefs.contains(".authMethod\", 10)"), "{prefs}");
    assert!(!profile.join("logins.json").exists());
    assert!(
        Store::at(config_dir())
            .find("li.lei@outlook.com")
            .expect("load")
            .is_none()
    );
    // Back returns to the steps.
    let _ = app.update(Message::Back);
    assert!(matches!(app.screen, Screen::Steps(_)));
}

/// The testing screen while the test message travels: both sign-ins done, SMTP has sent it,
/// and IMAP's row counts the seconds of the wait (looked at in three languages).
#[test]
fn the_wait_for_the_test_message_is_shown_counting() {
    use mailsetup::probe::{Progress, Protocol, Stage, StageState};
    let l = Localizer::new(Lang::En);
    use super::screen::testing;
    use mailsetup::setup::Credential;
    let mut app = new_app(Launch {
        lang: Lang::En,
        ..Launch::default()
    });
    app.round_trip = true;
    let target = mailsetup::setup::Target::provider_id("qq").expect("qq");
    let address = mailsetup::address::Address::parse("zhang.san@qq.com").expect("valid");
    let code = secrecy::SecretString::from("abcdefghijklmnop".to_string());
    let draft = mailsetup::setup::Draft::new(target, address, Credential::Password(code));
    // Its check task is never run: the stages come from here.
    let (t, _never_run) = testing::State::start(draft, &app.testing_cx());
    app.screen = Screen::Testing(t);
    let step = |app: &mut App, protocol, stage, state| {
        let p = Progress {
            protocol,
            stage,
            state,
        };
        let _ = app.update(Message::Testing(testing::Message::Progress(p)));
    };
    for protocol in [Protocol::Imap, Protocol::Smtp] {
        for stage in [Stage::Connect, Stage::Tls, Stage::Greeting, Stage::Login] {
            step(&mut app, protocol, stage, StageState::Started);
            step(&mut app, protocol, stage, StageState::Done { ms: 20 });
        }
    }
    step(
        &mut app,
        Protocol::Imap,
        Stage::Select,
        StageState::Done { ms: 5 },
    );
    step(&mut app, Protocol::Smtp, Stage::Send, StageState::Started);
    step(
        &mut app,
        Protocol::Smtp,
        Stage::Send,
        StageState::Done { ms: 90 },
    );
    step(
        &mut app,
        Protocol::Imap,
        Stage::Receive,
        StageState::Started,
    );
    let later = std::time::Instant::now() + std::time::Duration::from_secs(7);
    let _ = app.update(Message::Testing(testing::Message::Tick(later)));
    let waiting = l.tr_args(msg::ROUND_TRIP_WAITING, &[("seconds", 7.into())]);
    assert!(sees(&app, &waiting), "{waiting}");
    look(&mut app, "testing-round-trip-wait");
}
