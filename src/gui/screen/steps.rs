//! Steps: the provider's numbered steps for getting the code, each with a button that opens its
//! page; the admin part first for enterprise mail; a plain warning for OAuth-only providers.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length};
use mailsetup::catalog::{Catalog, CredentialKind, Provider};
use mailsetup::i18n::{Localizer, msg};

use crate::gui::{style, widget};

pub struct State {
    provider: String,
    address: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Open a step's page in the browser.
    Open(String),
    /// "I have the code".
    Next,
    /// The Back button (same as Esc).
    Back,
}

pub enum Event {
    Next { provider: String, address: String },
    Back,
}

impl State {
    pub fn new(provider: String, address: String) -> Self {
        Self { provider, address }
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    fn provider(&self) -> Option<&'static Provider> {
        Catalog::builtin().by_id(&self.provider)
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Open(url) => {
                // Only catalog links (build.rs: https only) reach here. A failure to start a
                // browser is not worth a dialog; the URL stays visible under the button.
                if let Err(e) = open::that_detached(&url) {
                    tracing::warn!("could not open a browser: {e}");
                }
                None
            }
            Message::Next => Some(Event::Next {
                provider: self.provider.clone(),
                address: self.address.clone(),
            }),
            Message::Back => Some(Event::Back),
        }
    }

    pub fn view<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let Some(p) = self.provider() else {
            return text("").into();
        };
        let credential = l.tr(p.credential.message_id());
        let title = l.tr_args(
            msg::GUI_STEPS_TITLE,
            &[
                ("credential", credential.clone().into()),
                ("provider", l.tr(&p.name).into()),
            ],
        );
        let mut list = column![].spacing(12);
        for (i, step) in p.steps.iter().enumerate() {
            let url = p.link(&step.link).unwrap_or_default().to_string();
            let mut words = column![].spacing(4);
            if step.admin {
                words = words.push(text(l.tr(msg::GUI_ADMIN_BADGE)).size(style::SMALL).style(
                    |t: &iced::Theme| text::Style {
                        color: Some(style::error_color(t)),
                    },
                ));
            }
            words = words.push(text(l.tr(&step.text)).size(style::BODY)).push(
                text(url.clone())
                    .size(style::SMALL)
                    .style(|t: &iced::Theme| text::Style {
                        color: Some(style::muted(t)),
                    }),
            );
            list = list.push(
                container(
                    row![
                        text(format!("{}", i + 1)).size(style::HEADING).width(32),
                        words.width(Length::Fill),
                        button(text(l.tr(msg::GUI_OPEN_PAGE)).size(style::SMALL))
                            .style(button::secondary)
                            .on_press(Message::Open(url)),
                    ]
                    .spacing(12)
                    .align_y(iced::Alignment::Center),
                )
                .padding(12)
                .style(style::card),
            );
        }
        let note = match (&p.code_format, p.credential) {
            (_, CredentialKind::OauthOnly) => {
                Some(l.tr_args(msg::CODE_WARN_OAUTH, &[("provider", l.tr(&p.name).into())]))
            }
            (Some(f), _) => Some(l.tr_args(
                match f.charset {
                    mailsetup::catalog::Charset::Alpha => msg::CODE_FORMAT_ALPHA,
                    mailsetup::catalog::Charset::Alnum => msg::CODE_FORMAT_ALNUM,
                },
                &[("length", f.length.into())],
            )),
            (None, _) => None,
        };
        let mut content = column![
            text(title).size(style::HEADING),
            scrollable(list.padding(iced::Padding::ZERO.right(14))).height(Length::Fill)
        ]
        .spacing(style::GAP);
        if let Some(n) = note {
            content = content.push(text(n).size(style::BODY));
        }
        content
            .push(widget::bottom_bar(
                Some(widget::secondary(l.tr(msg::GUI_BACK), Message::Back)),
                vec![widget::primary(
                    l.tr(msg::GUI_HAVE_CODE),
                    Some(Message::Next),
                )],
            ))
            .into()
    }
}
