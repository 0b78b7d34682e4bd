//! Credentials: address and code (masked, show/hide, paste); the format check runs inline before
//! anything is sent; Enter is "Test".

use iced::widget::{button, checkbox, column, row, text, text_input};
use iced::{Element, Task};
use mailsetup::address::Address;
use mailsetup::catalog::{CodeWarning, Provider};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::sender;
use secrecy::{ExposeSecret, SecretString};

use crate::gui::focus::Tab;
use crate::gui::redacted::Redacted;
use crate::gui::{style, widget};
use mailsetup::setup;
use mailsetup::setup::{Draft, Target};

pub const CODE_INPUT: &str = "code";
pub const NAME_INPUT: &str = "name";

pub struct State {
    target: Target,
    /// The address field (editable where the servers do not belong to the address).
    address: String,
    /// The address this screen was reached with: Back takes it if the field does not parse.
    given: Address,
    code: SecretString,
    show: bool,
    /// A code found on the clipboard when the user came back from the provider's page: offered,
    /// used only if accepted, dropped otherwise.
    offer: Option<SecretString>,
    /// The certificate authority trusted for these servers (back here from a failed test).
    ca: Option<std::path::PathBuf>,
    /// The name recipients see: asked here once, prefilled (a saved account's, else the
    /// system's full name for the user).
    name: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The address field changed.
    AddressChanged(String),
    /// The code field changed (typed or pasted).
    CodeChanged(Redacted<SecretString>),
    /// The name field changed.
    NameChanged(String),
    /// Show or hide the code.
    ToggleShow,
    /// The Paste button: read the clipboard.
    Paste,
    /// The clipboard's content arrived.
    Pasted(Option<Redacted<SecretString>>),
    /// Enter or the Test button.
    Test,
    /// "Use it and test" for the code found on the clipboard.
    AcceptOffer,
    /// "No" to it.
    DismissOffer,
    /// "Send a test message to myself" ticked or not.
    RoundTrip(bool),
    /// The Back button (same as Esc).
    Back,
}

pub enum Event {
    Test(Box<Draft>),
    /// The round-trip choice changed: the app remembers it.
    RoundTrip(bool),
    /// Back to the provider's steps, with the address as typed if it parses.
    Back {
        target: Target,
        address: Address,
    },
}

impl State {
    pub fn new(target: Target, address: Address) -> (Self, Task<Message>) {
        let s = Self {
            name: target.sender_name(),
            target,
            address: address.to_string(),
            given: address,
            code: SecretString::from(String::new()),
            show: false,
            offer: None,
            ca: None,
        };
        (s, iced::widget::operation::focus(CODE_INPUT))
    }

    /// The code screen with a code from the clipboard offered.
    pub fn with_offer(
        target: Target,
        address: Address,
        code: SecretString,
    ) -> (Self, Task<Message>) {
        let (mut s, task) = Self::new(target, address);
        s.offer = Some(code);
        (s, task)
    }

    /// Back from testing or a failed result: everything typed is kept.
    pub fn resume(draft: Draft) -> (Self, Task<Message>) {
        let s = Self {
            target: draft.target,
            address: draft.address.to_string(),
            given: draft.address,
            code: draft.credential.kept().clone(),
            show: false,
            offer: None,
            ca: draft.ca,
            name: draft.name.unwrap_or_default(),
        };
        (s, iced::widget::operation::focus(CODE_INPUT))
    }

    /// Esc: the Back button.
    pub fn back(&self) -> Option<Message> {
        Some(Message::Back)
    }

    /// The secret as it will be sent: a code cleaned, a password as typed.
    fn secret(&self) -> SecretString {
        setup::secret(self.target.provider(), self.code.expose_secret())
    }

    /// What to say under the field before anything is sent (nothing while it is empty).
    fn warning(&self) -> Option<(Option<&'static Provider>, CodeWarning)> {
        match setup::check_credential(self.target.provider(), &self.secret()) {
            Ok(w) => w,
            Err(setup::CredentialError::Format(p, w)) => Some((Some(p), w)),
            Err(setup::CredentialError::Empty) => None,
        }
    }

    fn ready(&self) -> Option<Draft> {
        let address = Address::parse(&self.address).ok()?;
        // A code that cannot work is not sent; the warning under the field says why.
        let secret = self.secret();
        setup::check_credential(self.target.provider(), &secret).ok()?;
        Some(Draft {
            target: self.target.clone(),
            address,
            credential: setup::Credential::Password(secret),
            // A saved account's new code replaces its own code, no one else's.
            saved: matches!(self.target, Target::Saved(_)),
            renewed: matches!(self.target, Target::Saved(_)),
            ca: self.ca.clone(),
            name: sender::clean(&self.name),
        })
    }

    /// Enter: Test (a code that cannot work is not sent).
    pub fn primary(&self) -> Option<Message> {
        Some(Message::Test)
    }

    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            // Found servers belong to the address they were found for.
            Message::AddressChanged(a) if !self.target.fixed_address() => self.address = a,
            Message::AddressChanged(_) => {}
            Message::CodeChanged(Redacted(c)) => self.code = c,
            Message::NameChanged(n) => self.name = n,
            Message::ToggleShow => self.show = !self.show,
            Message::Paste => {
                let task = iced::clipboard::read()
                    .map(|t| Message::Pasted(t.map(|t| Redacted(SecretString::from(t)))));
                return (task, None);
            }
            Message::Pasted(Some(Redacted(c))) => self.code = c,
            Message::Pasted(None) => {}
            Message::Test => return (Task::none(), self.ready().map(|i| Event::Test(Box::new(i)))),
            Message::AcceptOffer => {
                if let Some(code) = self.offer.take() {
                    self.code = code;
                }
                return (Task::none(), self.ready().map(|i| Event::Test(Box::new(i))));
            }
            Message::DismissOffer => self.offer = None,
            Message::RoundTrip(on) => return (Task::none(), Some(Event::RoundTrip(on))),
            Message::Back => {
                let address = Address::parse(&self.address).unwrap_or(self.given.clone());
                let target = self.target.clone();
                return (Task::none(), Some(Event::Back { target, address }));
            }
        }
        (Task::none(), None)
    }

    /// The code field with Show/Hide and Paste beside it.
    fn code_row<'a>(
        &self,
        l: &Localizer,
        code: iced::widget::TextInput<'a, Message>,
    ) -> Element<'a, Message> {
        let show = l.tr(if self.show {
            msg::GUI_HIDE
        } else {
            msg::GUI_SHOW
        });
        row![
            code,
            button(text(show).size(style::SMALL))
                .style(style::secondary)
                .padding(12)
                .tab(Message::ToggleShow),
            button(text(l.tr(msg::GUI_PASTE)).size(style::SMALL))
                .style(style::secondary)
                .padding(12)
                .tab(Message::Paste),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center)
        .into()
    }

    fn name_input(&self) -> iced::widget::TextInput<'_, Message> {
        let fallback = self.address.split('@').next().unwrap_or_default();
        widget::name_input(NAME_INPUT, fallback, &self.name, Message::NameChanged)
            .on_submit(Message::Test)
    }

    /// `round_trip`: the remembered choice of sending a test message to oneself.
    pub fn view<'a>(&'a self, l: &Localizer, round_trip: bool) -> Element<'a, Message> {
        let credential = l.tr(self.target.credential_id());
        let address = text_input(&l.tr(msg::GUI_ADDRESS_PLACEHOLDER), &self.address)
            .on_input_maybe(
                (!self.target.fixed_address()).then_some(Message::AddressChanged as fn(_) -> _),
            )
            .on_submit(Message::Test)
            .size(style::BODY)
            .padding(10);
        let code = text_input(&credential, self.code.expose_secret())
            .id(CODE_INPUT)
            .secure(!self.show)
            .on_input(|c| Message::CodeChanged(Redacted(SecretString::from(c))))
            .on_submit(Message::Test)
            .size(style::HEADING)
            .padding(10);
        let offer = self.offer.as_ref().map(|_| offer_card(l, &credential));
        let mut content = column![
            text(l.tr_args(
                msg::GUI_CRED_TITLE,
                &[("credential", credential.clone().into())]
            ))
            .size(style::HEADING),
            text(l.tr(msg::GUI_ADDRESS_LABEL)).size(style::BODY),
            address,
        ]
        .spacing(12);
        if let Some(offer) = offer {
            content = content.push(offer);
        }
        if let Err(e) = Address::parse(&self.address) {
            content = content.push(
                text(messages::address_error(l, &e))
                    .size(style::BODY)
                    .style(style::text::error),
            );
        }
        content = content
            .push(
                text(l.tr_args(msg::GUI_CODE_LABEL, &[("credential", credential.into())]))
                    .size(style::BODY),
            )
            .push(self.code_row(l, code));
        if let Some((p, w)) = self.warning().filter(|(_, w)| *w != CodeWarning::Empty) {
            content = content.push(
                text(messages::code_warning(l, p, &w))
                    .size(style::BODY)
                    .style(style::text::error),
            );
        }
        content = content
            .push(text(l.tr(msg::GUI_NAME_LABEL)).size(style::BODY))
            .push(self.name_input());
        let tick = checkbox(round_trip)
            .label(l.tr(msg::ROUND_TRIP_CHOICE))
            .text_size(style::SMALL)
            .on_toggle(Message::RoundTrip);
        content = content.push(crate::gui::focus::focusable(
            tick,
            Some(Message::RoundTrip(!round_trip)),
        ));
        widget::screen(
            content,
            widget::bottom_bar(
                Some(widget::secondary(l.tr(msg::GUI_BACK), Message::Back)),
                vec![widget::primary(
                    l.tr(msg::GUI_TEST),
                    self.ready().map(|_| Message::Test),
                )],
            ),
        )
    }
}

/// "A code is on the clipboard: use it and test?" with Use and test / Not now.
fn offer_card<'a>(l: &Localizer, credential: &str) -> Element<'a, Message> {
    crate::gui::widget::card(
        column![
            text(l.tr_args(
                msg::GUI_CLIPBOARD_OFFER,
                &[("credential", credential.to_string().into())]
            ))
            .size(style::BODY),
            row![
                widget::primary(l.tr(msg::GUI_USE_AND_TEST), Some(Message::AcceptOffer)),
                widget::secondary(l.tr(msg::GUI_NOT_NOW), Message::DismissOffer),
            ]
            .spacing(12),
        ]
        .spacing(10),
    )
}
