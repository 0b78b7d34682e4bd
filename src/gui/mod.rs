//! The wizard window: start → (manual servers) → steps → credentials or the browser sign-in →
//! testing → result. Each screen is a module with its own State, Message, Event, update and
//! view; this module only routes between them.

mod focus;
mod screen;
mod style;
#[cfg(test)]
mod tests;
mod widget;

use iced::widget::{button, column, container, row, space, text};
use iced::{Element, Font, Length, Size, Subscription, Task, keyboard, window};
use mailsetup::address::Address;
use std::sync::Arc;

use mailsetup::i18n::{Lang, Localizer, msg};
pub use mailsetup::setup::{Accounts, Servers, Target};
use mailsetup::store::StoreError;

use mailsetup::setup::Draft;
pub use screen::{Browser, PickFile};
use screen::{credentials, mailapp, manual, result, signin, start, steps, testing};

/// WenQuanYi Micro Hei cut to the app's strings (assets/fonts/subset.sh): Chinese must render on
/// machines without any CJK font.
const FONT: &[u8] = include_bytes!("../../assets/fonts/mailsetup-cjk.ttf");
const FONT_NAME: &str = "WenQuanYi Micro Hei";
const ICON: &[u8] = include_bytes!("../../assets/icon.png");

/// What the command line asked for: support staff can open the wizard prefilled.
#[derive(Clone, Debug, Default)]
pub struct Launch {
    pub lang: Lang,
    pub provider: Option<String>,
    pub address: Option<String>,
    /// Servers to test instead of the catalog's (support, company servers, tests).
    pub servers: Servers,
    /// How to look up company domains (DNS server, or no network).
    pub discovery: mailsetup::discover::DetectOptions,
    /// Where accounts are saved (tests give a directory of their own).
    pub accounts: Accounts,
    /// Where exports go; `None`: the user's downloads folder.
    pub export_dir: Option<std::path::PathBuf>,
    /// Said on the start screen (a setup link that could not be used).
    pub notice: Option<String>,
    /// Opens a page in the browser (tests stand in for it); `None`: the system's browser.
    pub browser: Option<Browser>,
    /// The accounts saved while the window was open, for whoever launched it (`--result-json`).
    pub saved: Saved,
    /// The OAuth clients of the browser sign-in (default: the environment's and the build's).
    pub oauth: mailsetup::oauth::Clients,
    /// The address a phone fetches its profile from; `None`: this computer's on the local
    /// network (tests give loopback).
    pub lan: Option<std::net::IpAddr>,
    /// Asks for a certificate file; `None`: the system's file dialog.
    pub pick_file: Option<PickFile>,
}

/// The accounts saved in this session, shared with the launcher.
pub type Saved = Arc<std::sync::Mutex<Vec<mailsetup::store::Account>>>;

/// The keys the whole window answers. Esc goes back even from inside a text field (where the
/// field would otherwise take the first press to let go of the focus); Enter, Tab and the
/// scrolling keys only when no widget used them.
fn keys(event: iced::Event, status: iced::event::Status, _window: window::Id) -> Option<Message> {
    use keyboard::key::Named;
    let iced::Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event else {
        return match event {
            iced::Event::Window(window::Event::Focused) => Some(Message::Focused),
            _ => None,
        };
    };
    let free = status == iced::event::Status::Ignored;
    match key {
        keyboard::Key::Named(Named::Escape) => Some(Message::Back),
        keyboard::Key::Named(Named::Enter) if free => Some(Message::Primary),
        keyboard::Key::Named(Named::Tab) if free => Some(Message::Focus {
            forward: !modifiers.shift(),
        }),
        keyboard::Key::Named(Named::PageDown) if free => Some(Message::Scroll(300.0)),
        keyboard::Key::Named(Named::PageUp) if free => Some(Message::Scroll(-300.0)),
        keyboard::Key::Named(Named::ArrowDown) if free => Some(Message::Scroll(40.0)),
        keyboard::Key::Named(Named::ArrowUp) if free => Some(Message::Scroll(-40.0)),
        _ => None,
    }
}

/// The system's file dialog: Windows' own, on Linux the desktop portal (or zenity).
fn system_picker() -> futures::future::BoxFuture<'static, Option<std::path::PathBuf>> {
    use futures::FutureExt;
    rfd::AsyncFileDialog::new()
        .add_filter("PEM / CRT / CER", &["pem", "crt", "cer", "der"])
        .pick_file()
        .map(|f| f.map(|f| f.path().to_path_buf()))
        .boxed()
}

fn system_browser(url: &str) -> std::io::Result<()> {
    open::that_detached(url)
}

pub fn run(launch: Launch) -> iced::Result {
    let icon = window::icon::from_file_data(ICON, None).ok();
    iced::application(move || App::new(launch.clone()), App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .font(FONT)
        .default_font(Font::with_name(default_font(|p| p.is_file())))
        .window(window::Settings {
            size: Size::new(880.0, 680.0),
            min_size: Some(Size::new(640.0, 520.0)),
            icon,
            ..window::Settings::default()
        })
        .centered()
        .run()
}

/// The system's own Chinese UI fonts, by the file that proves each is installed.
const SYSTEM_CJK: &[(&str, &str)] = &[
    ("Fonts/msyh.ttc", "Microsoft YaHei"), // under %WINDIR%
    ("/System/Library/Fonts/PingFang.ttc", "PingFang SC"),
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "Noto Sans CJK SC",
    ),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "Noto Sans CJK SC",
    ),
    (
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "Noto Sans CJK SC",
    ),
];

/// The system's Chinese UI font where there is one (it has every character and matches the
/// desktop), else the bundled one, which stays loaded as the fallback for what a font lacks.
fn default_font(exists: impl Fn(&std::path::Path) -> bool) -> &'static str {
    let windir = std::env::var_os("WINDIR").map(std::path::PathBuf::from);
    SYSTEM_CJK
        .iter()
        .find(|(file, _)| {
            let path = match (file.starts_with('/'), &windir) {
                (true, _) => std::path::PathBuf::from(file),
                (false, Some(w)) => w.join(file),
                (false, None) => return false,
            };
            exists(&path)
        })
        .map_or(FONT_NAME, |(_, family)| family)
}

pub enum Screen {
    Start(start::State),
    Manual(manual::State),
    Steps(steps::State),
    SignIn(signin::State),
    Credentials(credentials::State),
    Testing(testing::State),
    Result(result::State),
    /// The hand-off to a mail app, over the screen it was opened from (Back returns there).
    MailApp(mailapp::State, Box<Screen>),
}

pub struct App {
    l10n: Localizer,
    screen: Screen,
    servers: Servers,
    discovery: mailsetup::discover::DetectOptions,
    accounts: Accounts,
    export_dir: std::path::PathBuf,
    browser: Browser,
    saved: Saved,
    oauth: mailsetup::oauth::Clients,
    lan: Option<std::net::IpAddr>,
    pick_file: PickFile,
    /// Send a test message to oneself after the sign-ins (remembered in preferences.json).
    round_trip: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The user picked another language; applied at once.
    Language(Lang),
    /// Esc: one screen back.
    Back,
    /// Enter outside a text field: the screen's primary button.
    Primary,
    /// Tab / Shift+Tab: move the keyboard focus between fields.
    Focus {
        forward: bool,
    },
    /// Page Up/Down and the arrow keys outside a field: scroll the screen's body.
    Scroll(f32),
    Start(start::Message),
    Manual(manual::Message),
    Steps(steps::Message),
    SignIn(signin::Message),
    /// The window got the keyboard focus back.
    Focused,
    Credentials(credentials::Message),
    Testing(testing::Message),
    Result(result::Message),
    MailApp(mailapp::Message),
}

impl App {
    pub fn new(launch: Launch) -> (Self, Task<Message>) {
        let l10n = Localizer::new(launch.lang);
        let provider = launch.provider.as_deref().and_then(Target::provider_id);
        let address = launch.address.as_deref().map(Address::parse);
        let (screen, task) = match (provider, address) {
            // Prefilled launch: straight to the steps, as a support person asked for.
            (Some(t), Some(Ok(address))) => {
                (Screen::Steps(steps::State::new(t, address)), Task::none())
            }
            // No address (or none that parses): it is typed first, and the provider follows.
            _ => {
                let typed = launch.address.clone().unwrap_or_default();
                let (mut s, task) = start::State::new(typed, &launch.accounts);
                if let Some(n) = &launch.notice {
                    s.set_notice(n.clone());
                }
                (Screen::Start(s), task.map(Message::Start))
            }
        };
        (
            Self {
                l10n,
                screen,
                servers: launch.servers,
                discovery: launch.discovery,
                accounts: launch.accounts.clone(),
                export_dir: launch
                    .export_dir
                    .unwrap_or_else(mailsetup::setup::downloads_dir),
                browser: launch.browser.unwrap_or(system_browser),
                saved: launch.saved,
                oauth: launch.oauth,
                lan: launch.lan,
                pick_file: launch.pick_file.unwrap_or(system_picker),
                round_trip: launch.accounts.preferences().round_trip,
            },
            task,
        )
    }

    fn title(&self) -> String {
        self.l10n.tr(msg::APP_NAME)
    }

    fn subscription(&self) -> Subscription<Message> {
        let keys = iced::event::listen_with(keys);
        let screen = match &self.screen {
            Screen::Testing(s) => s.subscription().map(Message::Testing),
            _ => Subscription::none(),
        };
        Subscription::batch([keys, screen])
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Scroll(dy) => iced::widget::operation::scroll_by(
                widget::BODY,
                iced::widget::scrollable::AbsoluteOffset { x: 0.0, y: dy },
            ),
            Message::Language(lang) => {
                self.l10n = Localizer::new(lang);
                Task::none()
            }
            Message::Back => self.back(),
            Message::Focus { forward: true } => iced::widget::operation::focus_next(),
            Message::Focus { forward: false } => iced::widget::operation::focus_previous(),
            // Enter: what the screen says its accent button does.
            Message::Primary => {
                let primary = match &self.screen {
                    Screen::Start(s) => s.primary().map(Message::Start),
                    Screen::Manual(s) => s.primary().map(Message::Manual),
                    Screen::Steps(s) => s.primary().map(Message::Steps),
                    Screen::SignIn(s) => s.primary().map(Message::SignIn),
                    Screen::Credentials(s) => s.primary().map(Message::Credentials),
                    Screen::Testing(_) | Screen::MailApp(..) => None,
                    Screen::Result(r) => r.primary().map(Message::Result),
                };
                match primary {
                    Some(m) => self.update(m),
                    None => Task::none(),
                }
            }
            Message::Start(m) => self.on_start(m),
            Message::Manual(m) => self.on_manual(m),
            Message::Steps(m) => self.on_steps(m),
            Message::SignIn(m) => self.on_sign_in(m),
            // Back from the provider's page, the steps screen may find the code on the clipboard.
            Message::Focused => self.on_steps(steps::Message::Focused),
            Message::Credentials(m) => self.on_credentials(m),
            Message::Testing(m) => self.on_testing(m),
            Message::Result(m) => self.on_result(m),
            Message::MailApp(m) => self.on_mailapp(m),
        }
    }

    /// "Where will you read this mail?" over the current screen.
    fn mailapp(&mut self, account: mailsetup::store::Account) -> Task<Message> {
        let (s, task) = mailapp::State::new(account);
        let placeholder = Screen::Start(start::State::new(String::new(), &self.accounts).0);
        let under = std::mem::replace(&mut self.screen, placeholder);
        self.screen = Screen::MailApp(s, Box::new(under));
        task.map(Message::MailApp)
    }

    fn on_mailapp(&mut self, m: mailapp::Message) -> Task<Message> {
        let Screen::MailApp(s, _) = &mut self.screen else {
            return Task::none();
        };
        let cx = mailapp::Context {
            accounts: &self.accounts,
            export_dir: &self.export_dir,
            lan: self.lan,
            l10n: &self.l10n,
        };
        let (task, event) = s.update(m, &cx);
        let task = task.map(Message::MailApp);
        match event {
            Some(mailapp::Event::Back) => {
                let back = self.back();
                Task::batch([task, back])
            }
            None => task,
        }
    }

    fn on_start(&mut self, m: start::Message) -> Task<Message> {
        let Screen::Start(s) = &mut self.screen else {
            return Task::none();
        };
        let cx = start::Context {
            accounts: &self.accounts,
            discovery: &self.discovery,
        };
        let (task, event) = s.update(m, &cx);
        let task = task.map(Message::Start);
        let next = match event {
            Some(start::Event::Continue { target, address }) => self.steps(target, address),
            Some(start::Event::Manual { address, found }) => {
                self.manual(address, found.as_ref(), None)
            }
            Some(start::Event::MailApp(account)) => self.mailapp(account),
            Some(start::Event::Retest(account, start::Secret(secret))) => {
                self.on_retest(account, secret)
            }
            None => Task::none(),
        };
        Task::batch([task, next])
    }

    fn on_retest(
        &mut self,
        account: mailsetup::store::Account,
        secret: Result<Option<secrecy::SecretString>, Arc<StoreError>>,
    ) -> Task<Message> {
        // The keyring could not be asked: say so on the start screen, where the user is.
        let secret = match secret {
            Ok(secret) => secret,
            Err(e) => return self.on_start(start::Message::StoreFailed(e)),
        };
        let target = Target::saved(&account);
        let address = account.address.clone();
        let sign_in = account.sign_in;
        let retest = secret.and_then(|s| testing::State::retest(account, s, &self.testing_cx()));
        if let Some((t, task)) = retest {
            self.screen = Screen::Testing(t);
            return task.map(Message::Testing);
        }
        // Nothing in the keyring any more: sign in again, or ask for the code again.
        let Ok(address) = Address::parse(&address) else {
            return Task::none();
        };
        if sign_in == mailsetup::store::SignIn::OAuth {
            return self.steps(target, address);
        }
        self.credentials(credentials::State::new(target, address))
    }

    /// The servers by hand; `kept`: the password typed before, not asked for again.
    fn manual(
        &mut self,
        address: Address,
        found: Option<&Target>,
        kept: Option<mailsetup::setup::Credential>,
    ) -> Task<Message> {
        let (m, task) = manual::State::new(address, found);
        self.screen = Screen::Manual(match kept {
            Some(c) => m.keeping(c),
            None => m,
        });
        task.map(Message::Manual)
    }

    fn on_manual(&mut self, m: manual::Message) -> Task<Message> {
        let Screen::Manual(s) = &mut self.screen else {
            return Task::none();
        };
        let (task, event) = s.update(m);
        let task = task.map(Message::Manual);
        let next = match event {
            // Back from a failed test: straight to the password, still typed.
            Some(manual::Event::Continue {
                target,
                address,
                kept: Some(credential),
            }) => self.edit(Draft::new(*target, address, credential)),
            Some(manual::Event::Continue {
                target, address, ..
            }) => self.steps(*target, address),
            Some(manual::Event::Back) => self.back(),
            None => Task::none(),
        };
        Task::batch([task, next])
    }

    fn steps(&mut self, target: Target, address: Address) -> Task<Message> {
        self.screen = Screen::Steps(steps::State::new(target, address));
        Task::none()
    }

    fn credentials(
        &mut self,
        (c, task): (credentials::State, Task<credentials::Message>),
    ) -> Task<Message> {
        self.screen = Screen::Credentials(c);
        task.map(Message::Credentials)
    }

    fn on_steps(&mut self, m: steps::Message) -> Task<Message> {
        let Screen::Steps(s) = &mut self.screen else {
            return Task::none();
        };
        let cx = steps::Context {
            clients: &self.oauth,
            browser: self.browser,
        };
        let (task, event) = s.update(m, &cx);
        let task = task.map(Message::Steps);
        let next = match event {
            Some(steps::Event::Next { target, address }) => {
                self.credentials(credentials::State::new(target, address))
            }
            Some(steps::Event::Offer {
                target,
                address,
                code,
            }) => self.credentials(credentials::State::with_offer(target, address, code)),
            Some(steps::Event::SignIn { target, address }) => self.sign_in(target, address),
            Some(steps::Event::Manual { target, address }) => {
                self.manual(address, Some(&target), None)
            }
            Some(steps::Event::MailApp(account)) => self.mailapp(*account),
            Some(steps::Event::Back) => self.back(),
            None => Task::none(),
        };
        Task::batch([task, next])
    }

    /// The provider's page in the browser, and the wait for its redirect.
    fn sign_in(&mut self, target: Target, address: Address) -> Task<Message> {
        let pages = mailsetup::present::messages::oauth_pages(&self.l10n);
        let cx = signin_cx(self.browser, &pages, &self.servers, &self.oauth);
        let (s, task) = signin::State::start(target, address, &cx);
        self.screen = Screen::SignIn(s);
        task.map(Message::SignIn)
    }

    fn on_sign_in(&mut self, m: signin::Message) -> Task<Message> {
        let pages = mailsetup::present::messages::oauth_pages(&self.l10n);
        let cx = signin_cx(self.browser, &pages, &self.servers, &self.oauth);
        let Screen::SignIn(s) = &mut self.screen else {
            return Task::none();
        };
        let (task, event) = s.update(m, &cx);
        let task = task.map(Message::SignIn);
        let next = match event {
            Some(signin::Event::SignedIn {
                target,
                address,
                credential,
            }) => {
                // Signing in again for a saved account renews it; it replaces no one else's.
                let saved = matches!(target, Target::Saved(_));
                self.test(Draft {
                    saved,
                    ..Draft::new(target, address, credential)
                })
            }
            Some(signin::Event::Back { target, address }) => self.steps(target, address),
            None => Task::none(),
        };
        Task::batch([task, next])
    }

    /// The live check of what the user gave: a code, or a browser sign-in (with the access
    /// token just received, else renewed from the refresh token).
    fn test(&mut self, input: Draft) -> Task<Message> {
        let (t, check) = testing::State::start(input, &self.testing_cx());
        self.screen = Screen::Testing(t);
        check.map(Message::Testing)
    }

    /// What a check borrows: the launch's servers, the accounts, the OAuth clients, and the
    /// round trip's letter when the user wants one.
    fn testing_cx(&self) -> testing::Context<'_> {
        testing::Context {
            servers: &self.servers,
            accounts: &self.accounts,
            clients: &self.oauth,
            letter: self
                .round_trip
                .then(|| mailsetup::present::messages::letter(&self.l10n)),
        }
    }

    /// Back to the code, or for a browser sign-in to the steps (where "Sign in" is).
    fn edit(&mut self, input: Draft) -> Task<Message> {
        if input.sign_in() == mailsetup::store::SignIn::OAuth {
            return self.steps(input.target, input.address);
        }
        self.credentials(credentials::State::resume(input))
    }

    fn on_credentials(&mut self, m: credentials::Message) -> Task<Message> {
        let Screen::Credentials(s) = &mut self.screen else {
            return Task::none();
        };
        let (task, event) = s.update(m);
        let task = task.map(Message::Credentials);
        match event {
            Some(credentials::Event::Test(input)) => {
                let check = self.test(*input);
                Task::batch([task, check])
            }
            Some(credentials::Event::RoundTrip(on)) => {
                self.round_trip = on;
                let prefs = mailsetup::store::Preferences { round_trip: on };
                let accounts = self.accounts.clone();
                // A choice that could not be remembered is asked again next time: no error.
                let save = Task::future(async move { accounts.set_preferences(prefs).await });
                Task::batch([task, save.discard()])
            }
            Some(credentials::Event::Back) => self.back(),
            None => task,
        }
    }

    fn on_testing(&mut self, m: testing::Message) -> Task<Message> {
        let Screen::Testing(s) = &mut self.screen else {
            return Task::none();
        };
        let (task, event) = s.update(m);
        let task = task.map(Message::Testing);
        let next = match event {
            Some(testing::Event::Cancelled(input)) => self.edit(input),
            Some(testing::Event::SignInFailed(input, e)) => {
                self.screen = Screen::SignIn(signin::State::failed(input.target, input.address, e));
                Task::none()
            }
            Some(testing::Event::Finished(input, report)) => {
                let (r, task) = result::State::new(
                    input,
                    report,
                    self.accounts.clone(),
                    self.export_dir.clone(),
                );
                self.screen = Screen::Result(r);
                task.map(Message::Result)
            }
            None => Task::none(),
        };
        Task::batch([task, next])
    }

    fn on_result(&mut self, m: result::Message) -> Task<Message> {
        let Screen::Result(s) = &mut self.screen else {
            return Task::none();
        };
        let cx = result::Context {
            l10n: &self.l10n,
            browser: self.browser,
            pick_file: self.pick_file,
        };
        let (task, event) = s.update(m, &cx);
        let task = task.map(Message::Result);
        match event {
            Some(result::Event::TryAgain(input)) => {
                let check = self.test(input);
                Task::batch([task, check])
            }
            Some(result::Event::Edit(input)) => {
                let t = self.edit(input);
                Task::batch([task, t])
            }
            Some(result::Event::Manual(input)) => {
                let password = input.sign_in() == mailsetup::store::SignIn::Password;
                let kept = password.then_some(input.credential);
                let t = self.manual(input.address, Some(&input.target), kept);
                Task::batch([task, t])
            }
            Some(result::Event::Saved(account)) => {
                let mut saved = self.saved.lock().unwrap_or_else(|e| e.into_inner());
                saved.retain(|a| a.address != account.address);
                saved.push(*account);
                task
            }
            Some(result::Event::MailApp(account)) => {
                let t = self.mailapp(*account);
                Task::batch([task, t])
            }
            Some(result::Event::AddAnother) => {
                let (s, start) = start::State::new(String::new(), &self.accounts);
                self.screen = Screen::Start(s);
                Task::batch([task, start.map(Message::Start)])
            }
            Some(result::Event::Done) => iced::exit(),
            None => task,
        }
    }

    /// Esc and the Back buttons: one screen back, keeping what was typed.
    fn back(&mut self) -> Task<Message> {
        if let Screen::Result(r) = &self.screen {
            return match r.back() {
                Some(m) => self.update(Message::Result(m)),
                None => Task::none(),
            };
        }
        // A placeholder while the old screen is taken apart (its tasks are never run).
        let screen = std::mem::replace(
            &mut self.screen,
            Screen::Start(start::State::new(String::new(), &self.accounts).0),
        );
        let mut task = Task::none();
        self.screen = match screen {
            Screen::Steps(s) => {
                let (start, load) = start::State::new(s.address().to_string(), &self.accounts);
                task = load.map(Message::Start);
                Screen::Start(start)
            }
            Screen::Manual(m) => {
                let (start, load) = start::State::new(m.address().to_string(), &self.accounts);
                task = load.map(Message::Start);
                Screen::Start(start)
            }
            Screen::Credentials(c) => Screen::Steps(c.back_to_steps()),
            Screen::MailApp(_, under) => *under,
            Screen::SignIn(mut s) => match s.back() {
                signin::Event::Back { target, address } => {
                    Screen::Steps(steps::State::new(target, address))
                }
                _ => Screen::SignIn(s),
            },
            // Testing is left with Cancel; a result goes back through its own message.
            other => other,
        };
        task
    }

    pub fn view(&self) -> Element<'_, Message> {
        let l = &self.l10n;
        let body = match &self.screen {
            Screen::Start(s) => s.view(l).map(Message::Start),
            Screen::Manual(s) => s.view(l).map(Message::Manual),
            Screen::Steps(s) => s.view(l, &self.oauth).map(Message::Steps),
            Screen::SignIn(s) => s.view(l).map(Message::SignIn),
            Screen::Credentials(s) => s.view(l, self.round_trip).map(Message::Credentials),
            Screen::Testing(s) => s.view(l).map(Message::Testing),
            Screen::Result(s) => s.view(l).map(Message::Result),
            Screen::MailApp(s, _) => s.view(l).map(Message::MailApp),
        };
        let languages = Lang::ALL.iter().fold(row![].spacing(4), |r, lang| {
            let b = button(text(lang.native_name()).size(14)).style(if *lang == l.lang() {
                button::primary
            } else {
                button::text
            });
            r.push(focus::Tab::tab(b, Message::Language(*lang)))
        });
        let header = row![
            text(l.tr(msg::APP_NAME)).size(style::TITLE),
            space::horizontal(),
            languages
        ]
        .align_y(iced::Alignment::Center);
        container(column![header, body].spacing(style::GAP).max_width(760))
            .padding(24)
            .center_x(Length::Fill)
            .into()
    }
}

/// What the sign-in screen borrows. Built from the app's fields, not `&self`, because the
/// screen itself is borrowed mutably beside it.
fn signin_cx<'a>(
    browser: Browser,
    pages: &'a mailsetup::oauth::Pages,
    servers: &'a Servers,
    clients: &'a mailsetup::oauth::Clients,
) -> signin::Context<'a> {
    signin::Context {
        browser,
        pages,
        ca_file: servers.ca_file.as_deref(),
        clients,
    }
}
