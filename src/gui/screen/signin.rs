//! Sign-in: the provider's page is open in the browser and the loopback listener waits for its
//! redirect. The page's address stays on screen with Copy (the browser may not have started);
//! Cancel closes the listener. A failure (denied, timed out, revoked, no client id) is said here
//! with "Sign in again".

use futures::StreamExt;
use iced::widget::{button, column, row, text};
use iced::{Element, Length, Task};
use mailsetup::address::Address;
use mailsetup::i18n::{Localizer, msg};
use mailsetup::oauth::{self, OAuthError, Pages};
use mailsetup::present::messages;
use mailsetup::sender;
use mailsetup::setup::{self, Credential};

use crate::gui::focus::Tab;
use crate::gui::services::Browser;
use crate::gui::{style, widget};
use mailsetup::setup::Target;

/// The name field's id (the tests type into it).
pub const NAME_INPUT: &str = "signin-name";

pub struct State {
    target: Target,
    address: Address,
    /// The authorization page, once the listener is up.
    url: Option<String>,
    /// The browser did not start: the address is the way in.
    open_failed: bool,
    error: Option<OAuthError>,
    copied: bool,
    /// The name recipients see: asked here, while the browser signs in, as the code's screen
    /// asks it on the other path (prefilled: a saved account's, else the system's full name).
    name: String,
    /// Dropping it stops waiting and closes the loopback port.
    _task: Option<iced::task::Handle>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The listener is up and the page was handed to the browser (or not).
    Started {
        url: String,
        opened: bool,
    },
    /// The redirect came back and the code was exchanged (or the sign-in ended otherwise).
    Done(Result<Credential, OAuthError>),
    CopyUrl,
    /// The name field changed.
    NameChanged(String),
    Cancel,
    Again,
    Back,
}

/// What the sign-in borrows from the app.
pub struct Context<'a> {
    pub browser: Browser,
    /// The pages the loopback listener answers the browser with, in the user's language.
    pub pages: &'a Pages,
    /// The launch's certificate authority (the token exchange trusts it).
    pub ca_file: Option<&'a std::path::Path>,
    pub clients: &'a mailsetup::oauth::Clients,
}

pub enum Event {
    SignedIn {
        target: Target,
        address: Address,
        credential: Credential,
        name: Option<String>,
    },
    Back {
        target: Target,
        address: Address,
    },
}

impl State {
    /// Starts the sign-in: listener, page, browser; then waits for the redirect.
    pub fn start(target: Target, address: Address, cx: &Context<'_>) -> (Self, Task<Message>) {
        let Some(provider) = target.provider() else {
            return (
                Self::failed(target, address, OAuthError::NoClientId(String::new())),
                Task::none(),
            );
        };
        let (browser, pages, clients) = (cx.browser, cx.pages.clone(), cx.clients.clone());
        let ca_file = cx.ca_file.map(std::path::Path::to_path_buf);
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let started =
            futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|m| (m, rx)) });
        let done = futures::stream::once(async move {
            let open = |url: &str| {
                let opened = browser(url).is_ok();
                let url = url.to_string();
                let _ = tx.send(Message::Started { url, opened });
            };
            let ca_file = ca_file.as_deref();
            Message::Done(setup::browser_sign_in(provider, &clients, ca_file, &pages, open).await)
        });
        // `Started` is sent before the wait begins, so it always comes before `Done`.
        let stream = futures::stream::select(started, done);
        let (task, handle) = Task::stream(stream.boxed()).abortable();
        let state = Self {
            _task: Some(handle.abort_on_drop()),
            ..Self::with(target, address, None)
        };
        (state, task)
    }

    /// A sign-in that ended (or could not start): the sentence and "Sign in again".
    pub fn failed(target: Target, address: Address, error: OAuthError) -> Self {
        Self::with(target, address, Some(error))
    }

    fn with(target: Target, address: Address, error: Option<OAuthError>) -> Self {
        Self {
            name: target.sender_name(),
            target,
            address,
            url: None,
            open_failed: false,
            error,
            copied: false,
            _task: None,
        }
    }

    pub fn update(&mut self, message: Message, cx: &Context<'_>) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::Started { url, opened } => {
                self.url = Some(url);
                self.open_failed = !opened;
                None
            }
            Message::Done(Ok(credential)) => Some(Event::SignedIn {
                target: self.target.clone(),
                address: self.address.clone(),
                credential,
                name: sender::clean(&self.name),
            }),
            Message::Done(Err(e)) => {
                self._task = None;
                self.error = Some(e);
                None
            }
            Message::CopyUrl => {
                self.copied = true;
                let copy = self.url.clone().map(iced::clipboard::write);
                return (copy.unwrap_or_else(Task::none), None);
            }
            Message::NameChanged(n) => {
                self.name = n;
                None
            }
            Message::Cancel => {
                self._task = None;
                self.error = Some(OAuthError::Cancelled);
                None
            }
            Message::Again => {
                let (again, task) = Self::start(self.target.clone(), self.address.clone(), cx);
                let name = std::mem::take(&mut self.name);
                *self = Self { name, ..again };
                return (task, None);
            }
            Message::Back => {
                self._task = None;
                Some(Event::Back {
                    target: self.target.clone(),
                    address: self.address.clone(),
                })
            }
        };
        (Task::none(), event)
    }

    /// Esc: the Back button (the wait stops, the loopback port closes, back to the steps).
    pub fn back(&self) -> Option<Message> {
        Some(Message::Back)
    }

    /// Enter: "Sign in again" once the sign-in has ended; nothing while waiting.
    pub fn primary(&self) -> Option<Message> {
        self.error.is_some().then_some(Message::Again)
    }

    pub fn view<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let company = self
            .target
            .provider()
            .map(|p| messages::oauth_company(l, p))
            .unwrap_or_default();
        let minutes = oauth::SIGN_IN_TIMEOUT.as_secs() / 60;
        let mut content = column![
            text(l.tr_args(msg::OAUTH_WAITING_TITLE, &[("provider", company.into())]))
                .size(style::HEADING)
        ]
        .spacing(style::GAP);
        if let (Some(e), Some(p)) = (&self.error, self.target.provider()) {
            content = content.push(widget::card(
                text(messages::oauth_error(l, e, p))
                    .size(style::BODY)
                    .style(style::text::error),
            ));
        } else {
            content = content.push(
                text(l.tr_args(msg::OAUTH_WAITING_HINT, &[("minutes", minutes.into())]))
                    .size(style::BODY),
            );
            if let Some(url) = &self.url {
                content = content.push(self.address_card(l, url));
            }
            let fallback = self.address.local_part();
            content = content
                .push(text(l.tr(msg::GUI_NAME_LABEL)).size(style::BODY))
                .push(widget::name_input(
                    NAME_INPUT,
                    fallback,
                    &self.name,
                    Message::NameChanged,
                ));
        }
        let right = if self.error.is_some() {
            vec![widget::primary(
                l.tr(msg::OAUTH_AGAIN),
                Some(Message::Again),
            )]
        } else {
            vec![widget::secondary(l.tr(msg::GUI_CANCEL), Message::Cancel)]
        };
        widget::screen(
            content,
            widget::bottom_bar(
                Some(widget::secondary(l.tr(msg::GUI_BACK), Message::Back)),
                right,
            ),
        )
    }

    /// The page's address with Copy: highlighted when no browser started.
    fn address_card<'a>(&'a self, l: &Localizer, url: &'a str) -> Element<'a, Message> {
        let mut hint = text(l.tr(msg::OAUTH_WAITING_URL)).size(style::SMALL);
        if self.open_failed {
            hint = hint.style(style::text::error);
        }
        widget::card(
            column![
                hint,
                row![
                    // The page, not its whole query (hundreds of characters): Copy takes it all.
                    text(short(url))
                        .size(style::SMALL)
                        .style(style::text::muted)
                        .width(Length::Fill),
                    button(
                        text(l.tr(if self.copied {
                            msg::GUI_COPIED
                        } else {
                            msg::GUI_COPY
                        }))
                        .size(style::SMALL)
                    )
                    .style(style::secondary)
                    .tab(Message::CopyUrl),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            ]
            .spacing(6),
        )
    }
}

/// `https://login.microsoftonline.com/common/oauth2/v2.0/authorize…`: where the address goes,
/// without the query that would fill the screen.
fn short(url: &str) -> String {
    match url.split_once('?') {
        Some((page, _)) => format!("{page}…"),
        None => url.to_string(),
    }
}
