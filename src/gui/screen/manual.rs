//! Manual servers (手动设置): IMAP and SMTP host, port and security (SSL/TLS or STARTTLS, never
//! plain text) and the login name, prefilled with what was found or the usual names, checked
//! before anything is tested. Reached when nothing was found, and from any found-servers screen.

use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Length, Task};
use mailsetup::address::Address;
use mailsetup::catalog::{Endpoint, Security};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::probe::Protocol;
use mailsetup::setup::{self, FieldError};

use crate::gui::focus::Tab;
use crate::gui::{style, widget};
use mailsetup::setup::Target;

pub const IMAP_HOST: &str = "manual-imap-host";

pub struct State {
    address: Address,
    imap: Server,
    smtp: Server,
    login: String,
    /// Next was asked for: from then on, what is wrong is said under each field.
    submitted: bool,
    /// The password typed before (back here from a failed test): kept for the test after, so
    /// it is not asked again.
    kept: Option<setup::Credential>,
}

/// One server's fields as typed.
struct Server {
    host: String,
    port: String,
    security: Security,
}

impl Server {
    fn from(e: &Endpoint) -> Self {
        Self {
            host: e.host.clone(),
            port: e.port.to_string(),
            security: e.security,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Host(Protocol, String),
    Port(Protocol, String),
    Security(Protocol, Security),
    Login(String),
    /// Enter or the Next button.
    Next,
    /// The Back button (same as Esc).
    Back,
}

pub enum Event {
    Continue {
        target: Box<Target>,
        address: Address,
        /// The password typed before, if any.
        kept: Option<setup::Credential>,
    },
    /// Back to the start, with the address kept.
    Back(Address),
}

impl State {
    /// `target`: what was found (or saved) for the address, whose servers are the starting point.
    pub fn new(address: Address, target: Option<&Target>) -> (Self, Task<Message>) {
        let (imap, smtp) = setup::suggested_servers(&address, target);
        let s = Self {
            login: imap.username.clone(),
            imap: Server::from(&imap),
            smtp: Server::from(&smtp),
            address,
            submitted: false,
            kept: None,
        };
        (s, iced::widget::operation::focus(IMAP_HOST))
    }

    /// Keeps the password typed before for the test after these servers.
    pub fn keeping(mut self, credential: setup::Credential) -> Self {
        self.kept = Some(credential);
        self
    }

    /// Esc: the Back button.
    pub fn back(&self) -> Option<Message> {
        Some(Message::Back)
    }

    fn server_mut(&mut self, p: Protocol) -> &mut Server {
        match p {
            Protocol::Imap => &mut self.imap,
            Protocol::Smtp => &mut self.smtp,
        }
    }

    fn endpoint(&self, s: &Server) -> Result<Endpoint, FieldError> {
        setup::typed_endpoint(&s.host, &s.port, s.security, &self.login)
    }

    /// Both servers, if every field is right.
    fn servers(&self) -> Option<(Endpoint, Endpoint)> {
        Some((
            self.endpoint(&self.imap).ok()?,
            self.endpoint(&self.smtp).ok()?,
        ))
    }

    /// Enter: Next (the servers are checked first).
    pub fn primary(&self) -> Option<Message> {
        Some(Message::Next)
    }

    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::Host(p, h) => {
                self.server_mut(p).host = h;
                None
            }
            Message::Port(p, v) => {
                self.server_mut(p).port = v;
                None
            }
            Message::Security(p, to) => {
                let server = self.server_mut(p);
                // 993 ↔ 143 and 465 ↔ 587 go with the security; any other port is the user's.
                if let Ok(port) = server.port.trim().parse::<u16>() {
                    server.port = setup::usual_port(p, port, to).to_string();
                }
                server.security = to;
                None
            }
            Message::Login(l) => {
                self.login = l;
                None
            }
            Message::Next => self.next(),
            Message::Back => Some(Event::Back(self.address.clone())),
        };
        (Task::none(), event)
    }

    fn next(&mut self) -> Option<Event> {
        self.submitted = true;
        let (imap, smtp) = self.servers()?;
        Some(Event::Continue {
            target: Box::new(Target::Servers {
                imap,
                smtp,
                found: None,
            }),
            address: self.address.clone(),
            kept: self.kept.clone(),
        })
    }

    pub fn view<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let login_error = self
            .submitted
            .then(|| setup::login_name(&self.login).is_none())
            .filter(|bad| *bad)
            .map(|_| l.tr(msg::GUI_MANUAL_BAD_LOGIN));
        let mut login = column![
            text(l.tr(msg::GUI_MANUAL_LOGIN)).size(style::BODY),
            text_input(&l.tr(msg::GUI_MANUAL_LOGIN_HINT), &self.login)
                .on_input(Message::Login)
                .on_submit(Message::Next)
                .size(style::BODY)
                .padding(8),
        ]
        .spacing(6);
        if let Some(e) = login_error {
            login = login.push(text(e).size(style::SMALL).style(style::text::error));
        }
        let body = column![
            text(l.tr(msg::GUI_MANUAL_INTRO)).size(style::BODY),
            self.server(l, Protocol::Imap),
            self.server(l, Protocol::Smtp),
            login,
        ]
        .spacing(14);
        widget::screen(
            column![text(l.tr(msg::GUI_MANUAL_TITLE)).size(style::HEADING), body]
                .spacing(style::GAP),
            widget::bottom_bar(
                Some(widget::secondary(l.tr(msg::GUI_BACK), Message::Back)),
                vec![widget::primary(l.tr(msg::GUI_NEXT), Some(Message::Next))],
            ),
        )
    }

    /// One server's card: its name, host and port, and the two securities as a choice.
    fn server<'a>(&'a self, l: &Localizer, p: Protocol) -> Element<'a, Message> {
        let (s, title) = match p {
            Protocol::Imap => (&self.imap, msg::GUI_MANUAL_IMAP),
            Protocol::Smtp => (&self.smtp, msg::GUI_MANUAL_SMTP),
        };
        let mut host = text_input(&l.tr(msg::GUI_MANUAL_HOST), &s.host)
            .on_input(move |h| Message::Host(p, h))
            .on_submit(Message::Next)
            .size(style::BODY)
            .padding(8)
            .width(Length::Fill);
        if p == Protocol::Imap {
            host = host.id(IMAP_HOST);
        }
        let port = text_input(&l.tr(msg::GUI_MANUAL_PORT), &s.port)
            .on_input(move |v| Message::Port(p, v))
            .on_submit(Message::Next)
            .size(style::BODY)
            .padding(8)
            .width(80);
        let choice = |sec: Security, label: &'static str| {
            button(text(label).size(style::SMALL))
                .padding([8, 12])
                .style(if s.security == sec {
                    style::primary
                } else {
                    style::secondary
                })
                .tab(Message::Security(p, sec))
        };
        let mut card = column![
            text(l.tr(title)).size(style::BODY),
            row![
                host,
                port,
                choice(Security::Tls, "SSL/TLS"),
                choice(Security::Starttls, "STARTTLS"),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(6);
        let error = match self.endpoint(s) {
            Err(FieldError::Host) => Some(l.tr(msg::GUI_MANUAL_BAD_HOST)),
            Err(FieldError::Port) => Some(l.tr(msg::GUI_MANUAL_BAD_PORT)),
            _ => None,
        };
        if let Some(e) = error.filter(|_| self.submitted) {
            card = card.push(text(e).size(style::SMALL).style(style::text::error));
        }
        container(card)
            .padding(12)
            .width(Length::Fill)
            .style(style::card)
            .into()
    }
}
