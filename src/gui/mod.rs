//! The wizard window: start → (manual servers) → steps → credentials or the browser sign-in →
//! testing → success or failure, and the mail app over any of them. Each screen is a module
//! with its own State, Message, Event, update and view; this module only routes messages to
//! the screen shown, and `route` turns the screens' events into the next screen.

mod component;
pub mod display;
mod focus;
mod fonts;
mod keys;
mod launch;
mod redacted;
mod route;
mod screen;
mod services;
mod style;
#[cfg(test)]
mod tests;
mod widget;

use iced::widget::{button, column, container, row, space, text};
use iced::{Element, Font, Length, Size, Subscription, Task, window};
use mailsetup::i18n::{Lang, Localizer, msg};
use mailsetup::setup::{Accounts, Servers};

pub use launch::{Launch, SessionSaves};
use route::Next;
use screen::{credentials, failure, mailapp, manual, signin, start, steps, success, testing};
use services::{Browser, FindApps, PickFile, StartApp};

/// 64×64: the title bar and the task switcher scale it; the desktop entry and the Windows
/// .exe carry the large sizes. A 256×256 one stayed in memory as 256 KB of pixels.
const ICON: &[u8] = include_bytes!("../../assets/icons/mailsetup-64.png");

pub fn run(launch: Launch) -> iced::Result {
    fonts::load_bundled();
    iced::application(move || App::new(launch.clone()), App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .default_font(Font::with_name(fonts::default_family(|p| p.is_file())))
        .window(window::Settings {
            size: Size::new(880.0, 680.0),
            min_size: Some(Size::new(640.0, 520.0)),
            icon: icon(),
            ..window::Settings::default()
        })
        .centered()
        .run()
}

/// The window's icon, decoded with the png crate: iced's `icon::from_file_data` needs its
/// `image` feature, which links every format of the image crate (an AV1 encoder among them)
/// for this one PNG.
fn icon() -> Option<window::Icon> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(ICON));
    // The file is 16-bit RGBA; an icon is 8-bit RGBA.
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut rgba = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut rgba).ok()?;
    rgba.truncate(frame.buffer_size());
    window::icon::from_rgba(rgba, frame.width, frame.height).ok()
}

pub enum Screen {
    Start(start::State),
    Manual(manual::State),
    Steps(steps::State),
    SignIn(signin::State),
    Credentials(credentials::State),
    Testing(testing::State),
    Success(success::State),
    Failure(failure::State),
    /// The hand-off to a mail app, over the screen it was opened from (`App::under`).
    MailApp(mailapp::State),
}

pub struct App {
    l10n: Localizer,
    screen: Screen,
    /// The screen the mail-app screen was opened over: Back returns there.
    under: Option<Box<Screen>>,
    servers: Servers,
    discovery: mailsetup::discover::DetectOptions,
    accounts: Accounts,
    export_dir: std::path::PathBuf,
    browser: Browser,
    saved: SessionSaves,
    oauth: mailsetup::oauth::Clients,
    lan: Option<std::net::IpAddr>,
    pick_file: PickFile,
    start_app: StartApp,
    find_apps: FindApps,
    /// Send a test message to oneself after the sign-ins (remembered in preferences.json).
    round_trip: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The user picked another language; applied at once.
    Language(Lang),
    /// Esc: what the screen's Back does.
    Back,
    /// Enter outside a text field: the screen's primary button.
    Primary,
    /// Tab / Shift+Tab: move the keyboard focus between fields.
    Focus {
        forward: bool,
    },
    /// Page Up/Down and the arrow keys outside a field: scroll the screen's body.
    Scroll(f32),
    /// The window got the keyboard focus back (the steps screen may find a code copied).
    Focused,
    /// A setup link named a saved account: re-test it with its secret from the keyring.
    Retest(
        Box<mailsetup::store::Account>,
        redacted::Redacted<Option<secrecy::SecretString>>,
    ),
    Start(start::Message),
    Manual(manual::Message),
    Steps(steps::Message),
    SignIn(signin::Message),
    Credentials(credentials::Message),
    Testing(testing::Message),
    Success(success::Message),
    Failure(failure::Message),
    MailApp(mailapp::Message),
}

impl App {
    pub fn new(launch: Launch) -> (Self, Task<Message>) {
        let (screen, task) = route::first(&launch);
        let app = Self {
            l10n: Localizer::new(launch.lang),
            screen,
            under: None,
            servers: launch.servers.clone(),
            discovery: launch.discovery.clone(),
            accounts: launch.accounts.clone(),
            export_dir: (launch.export_dir.clone()).unwrap_or_else(mailsetup::setup::downloads_dir),
            browser: launch.browser.unwrap_or(services::system_browser),
            saved: launch.saved.clone(),
            oauth: launch.oauth.clone(),
            lan: launch.lan,
            pick_file: launch.pick_file.unwrap_or(services::system_picker),
            start_app: launch
                .start_app
                .unwrap_or(mailsetup::handoff::launch::start),
            find_apps: launch.find_apps.unwrap_or(mailsetup::handoff::apps),
            round_trip: launch.accounts.preferences().round_trip,
        };
        (app, task)
    }

    fn title(&self) -> String {
        self.l10n.tr(msg::APP_NAME)
    }

    fn subscription(&self) -> Subscription<Message> {
        let keys = iced::event::listen_with(keys::listen);
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
            Message::Focus { forward: true } => iced::widget::operation::focus_next(),
            Message::Focus { forward: false } => iced::widget::operation::focus_previous(),
            Message::Primary | Message::Back => {
                match self.key_action(matches!(message, Message::Primary)) {
                    Some(m) => self.update(m),
                    None => Task::none(),
                }
            }
            Message::Focused => self.update(Message::Steps(steps::Message::Focused)),
            Message::Retest(account, redacted::Redacted(secret)) => {
                let go = self.go(route::Next::Retest(*account, secret));
                Task::batch([go, widget::to_top()])
            }
            screen => {
                let (task, next) = self.on_screen(screen);
                let Some(next) = next else {
                    return task;
                };
                let before = std::mem::discriminant(&self.screen);
                let go = self.go(next);
                if std::mem::discriminant(&self.screen) == before {
                    return Task::batch([task, go]);
                }
                Task::batch([task, go, widget::to_top()])
            }
        }
    }

    /// What Enter (the screen's primary button) or Esc (its Back) does on the screen shown.
    fn key_action(&self, enter: bool) -> Option<Message> {
        macro_rules! pick {
            ($s:expr, $m:path) => {
                if enter { $s.primary() } else { $s.back() }.map($m)
            };
        }
        match &self.screen {
            Screen::Start(s) => pick!(s, Message::Start),
            Screen::Manual(s) => pick!(s, Message::Manual),
            Screen::Steps(s) => pick!(s, Message::Steps),
            Screen::SignIn(s) => pick!(s, Message::SignIn),
            Screen::Credentials(s) => pick!(s, Message::Credentials),
            Screen::Testing(s) => pick!(s, Message::Testing),
            Screen::Success(s) => pick!(s, Message::Success),
            Screen::Failure(s) => pick!(s, Message::Failure),
            Screen::MailApp(s) => pick!(s, Message::MailApp),
        }
    }

    /// A screen's message to the screen shown (a late one for a screen left is dropped), with
    /// what it borrows; its event says what comes next.
    fn on_screen(&mut self, message: Message) -> (Task<Message>, Option<Next>) {
        macro_rules! to {
            ($s:expr, $wrap:path) => {{
                let (task, event) = $s;
                (task.map($wrap), event.map(Next::from))
            }};
        }
        let (l10n, accounts) = (&self.l10n, &self.accounts);
        match (&mut self.screen, message) {
            (Screen::Start(s), Message::Start(m)) => {
                let cx = start::Context {
                    accounts,
                    discovery: &self.discovery,
                };
                to!(s.update(m, &cx), Message::Start)
            }
            (Screen::Manual(s), Message::Manual(m)) => to!(s.update(m), Message::Manual),
            (Screen::Steps(s), Message::Steps(m)) => {
                let cx = steps::Context {
                    clients: &self.oauth,
                    browser: self.browser,
                };
                to!(s.update(m, &cx), Message::Steps)
            }
            (Screen::SignIn(s), Message::SignIn(m)) => {
                let pages = mailsetup::present::messages::oauth_pages(l10n);
                let cx = route::signin_cx(self.browser, &pages, &self.servers, &self.oauth);
                to!(s.update(m, &cx), Message::SignIn)
            }
            (Screen::Credentials(s), Message::Credentials(m)) => {
                to!(s.update(m), Message::Credentials)
            }
            (Screen::Testing(s), Message::Testing(m)) => to!(s.update(m), Message::Testing),
            (Screen::Success(s), Message::Success(m)) => {
                let cx = success::Context {
                    accounts,
                    export_dir: &self.export_dir,
                    find_apps: self.find_apps,
                };
                to!(s.update(m, &cx), Message::Success)
            }
            (Screen::Failure(s), Message::Failure(m)) => {
                let (browser, pick_file) = (self.browser, self.pick_file);
                let cx = failure::Context {
                    l10n,
                    browser,
                    pick_file,
                };
                to!(s.update(m, &cx), Message::Failure)
            }
            (Screen::MailApp(s), Message::MailApp(m)) => {
                let (export_dir, lan, start_app) = (&self.export_dir, self.lan, self.start_app);
                let cx = mailapp::Context {
                    accounts,
                    export_dir,
                    lan,
                    l10n,
                    start_app,
                };
                to!(s.update(m, &cx), Message::MailApp)
            }
            _ => (Task::none(), None),
        }
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
            Screen::Success(s) => s.view(l).map(Message::Success),
            Screen::Failure(s) => s.view(l).map(Message::Failure),
            Screen::MailApp(s) => s.view(l).map(Message::MailApp),
        };
        let languages = Lang::ALL.iter().fold(row![].spacing(4), |r, lang| {
            let b = button(text(lang.native_name()).size(14)).style(if *lang == l.lang() {
                button::primary
            } else {
                button::text
            });
            r.push(focus::Tab::tab(b, Message::Language(*lang)))
        });
        // A whole number of pixels high, so every screen's body starts on a pixel row: the
        // renderer redraws only what changed, and a scrollbar whose edge straddled a row left
        // that row's sliver behind (an 8×1 px grey stub) on the screens after it.
        let header = row![
            text(l.tr(msg::APP_NAME)).size(style::TITLE),
            space::horizontal(),
            languages
        ]
        .height(style::HEADER)
        .align_y(iced::Alignment::Center);
        container(column![header, body].spacing(style::GAP).max_width(760))
            .padding(24)
            .center_x(Length::Fill)
            .into()
    }
}
