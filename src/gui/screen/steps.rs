//! Steps: the provider's numbered steps for getting the code, each with a button that opens its
//! page; the admin part first for enterprise mail; a plain warning for OAuth-only providers.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length};
use mailsetup::address::Address;
use mailsetup::catalog::CredentialKind;
use mailsetup::discover::Detection;
use mailsetup::discover::autoconfig::{Page, pick_text};
use mailsetup::i18n::{Localizer, msg};

use crate::gui::{Target, style, widget};

pub struct State {
    target: Target,
    address: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Open a step's page in the browser.
    Open(String),
    /// "I have the code".
    Next,
    /// "Enter servers yourself": change the servers found.
    Manual,
    /// The Back button (same as Esc).
    Back,
}

pub enum Event {
    Next { target: Target, address: String },
    Manual { target: Target, address: Address },
    Back,
}

impl State {
    pub fn new(target: Target, address: String) -> Self {
        Self { target, address }
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Open(url) => {
                // Only catalog links (build.rs: https only) and https pages of an autoconfig file
                // reach here. A failure to start a browser is not worth a dialog; the URL stays
                // visible under the button.
                if let Err(e) = open::that_detached(&url) {
                    tracing::warn!("could not open a browser: {e}");
                }
                None
            }
            Message::Next => Some(Event::Next {
                target: self.target.clone(),
                address: self.address.clone(),
            }),
            Message::Manual => Address::parse(&self.address)
                .ok()
                .map(|address| Event::Manual {
                    target: self.target.clone(),
                    address,
                }),
            Message::Back => Some(Event::Back),
        }
    }

    pub fn view<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let Some(p) = self.target.provider() else {
            return self.generic(l);
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
        if let Target::Servers { found: Some(d), .. } = &self.target {
            list = list.push(found_line(l, d));
        }
        if let Target::Provider { via_mx: true, .. } = &self.target {
            list = list.push(
                text(l.tr_args(
                    msg::DETECT_ADMIN_NOTE,
                    &[("provider", l.tr(&p.name).into())],
                ))
                .size(style::BODY),
            );
        }
        for (i, step) in p.steps.iter().enumerate() {
            let url = p.link(&step.link).unwrap_or_default().to_string();
            let mut words = column![].spacing(4);
            if step.admin {
                words = words.push(
                    text(l.tr(msg::GUI_ADMIN_BADGE))
                        .size(style::SMALL)
                        .style(style::text::error),
                );
            }
            words = words.push(text(l.tr(&step.text)).size(style::BODY)).push(
                text(url.clone())
                    .size(style::SMALL)
                    .style(style::text::muted),
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
        // Servers found (not the provider's own): they can be corrected by hand.
        let mut right = Vec::new();
        if matches!(self.target, Target::Servers { .. }) {
            right.push(widget::secondary(
                l.tr(msg::GUI_MANUAL_LINK),
                Message::Manual,
            ));
        }
        right.push(widget::primary(
            l.tr(msg::GUI_HAVE_CODE),
            Some(Message::Next),
        ));
        content
            .push(widget::bottom_bar(
                Some(widget::secondary(l.tr(msg::GUI_BACK), Message::Back)),
                right,
            ))
            .into()
    }

    /// Servers found for a domain no catalog provider covers: where they were found, the
    /// provider's own "enable first" and help pages, and what to sign in with.
    fn generic<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let (name, found) = match &self.target {
            Target::Servers { found: Some(d), .. } => (
                d.display_name
                    .clone()
                    .unwrap_or_else(|| domain_of(&self.address)),
                Some(d),
            ),
            _ => (domain_of(&self.address), None),
        };
        let mut list = column![].spacing(12);
        if let (Target::Servers { imap, smtp, .. }, None) = (&self.target, found) {
            list = list.push(servers_line(l, imap, smtp));
        }
        if let Some(d) = found {
            list = list.push(found_line(l, d));
            if !d.enable.is_empty() {
                list = list.push(text(l.tr(msg::GUI_ENABLE_HEADER)).size(style::BODY));
                for p in &d.enable {
                    list = list.push(page_card(l, p));
                }
            }
        }
        list = list.push(
            container(text(l.tr(msg::GUI_GENERIC_PASSWORD)).size(style::BODY))
                .padding(12)
                .width(Length::Fill)
                .style(style::card),
        );
        if let Some(d) = found.filter(|d| !d.documentation.is_empty()) {
            list = list.push(text(l.tr(msg::GUI_DOCS_HEADER)).size(style::BODY));
            for p in &d.documentation {
                list = list.push(page_card(l, p));
            }
        }
        column![
            text(l.tr_args(msg::GUI_GENERIC_TITLE, &[("name", name.into())])).size(style::HEADING),
            scrollable(list.padding(iced::Padding::ZERO.right(14))).height(Length::Fill),
            widget::bottom_bar(
                Some(widget::secondary(l.tr(msg::GUI_BACK), Message::Back)),
                vec![
                    widget::secondary(l.tr(msg::GUI_MANUAL_LINK), Message::Manual),
                    widget::primary(l.tr(msg::GUI_HAVE_PASSWORD), Some(Message::Next)),
                ],
            ),
        ]
        .spacing(style::GAP)
        .into()
    }
}

fn domain_of(address: &str) -> String {
    address
        .rsplit(['@', '＠'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The servers typed on the manual screen.
fn servers_line<'a>(
    l: &Localizer,
    imap: &mailsetup::catalog::Endpoint,
    smtp: &mailsetup::catalog::Endpoint,
) -> Element<'a, Message> {
    text(l.tr_args(
        msg::GUI_FOUND_SERVERS,
        &[
            ("imap", format!("{}:{}", imap.host, imap.port).into()),
            ("smtp", format!("{}:{}", smtp.host, smtp.port).into()),
        ],
    ))
    .size(style::SMALL)
    .style(style::text::muted)
    .into()
}

/// "Found … through …" and the servers.
fn found_line<'a>(l: &Localizer, d: &Detection) -> Element<'a, Message> {
    column![
        text(l.tr_args(
            msg::DETECT_SOURCE,
            &[("source", l.tr(d.source.message_id()).into())]
        ))
        .size(style::SMALL),
        text(l.tr_args(
            msg::GUI_FOUND_SERVERS,
            &[
                ("imap", format!("{}:{}", d.imap.host, d.imap.port).into()),
                ("smtp", format!("{}:{}", d.smtp.host, d.smtp.port).into()),
            ],
        ))
        .size(style::SMALL)
        .style(style::text::muted),
    ]
    .spacing(2)
    .into()
}

/// A page from the provider's autoconfig file: its text in the user's language and Open.
fn page_card<'a>(l: &Localizer, p: &Page) -> Element<'a, Message> {
    let words = pick_text(&p.texts, l.lang().tag())
        .unwrap_or(p.url.as_str())
        .to_string();
    container(
        row![
            column![
                text(words).size(style::BODY),
                text(p.url.clone())
                    .size(style::SMALL)
                    .style(style::text::muted),
            ]
            .spacing(4)
            .width(Length::Fill),
            button(text(l.tr(msg::GUI_OPEN_PAGE)).size(style::SMALL))
                .style(button::secondary)
                .on_press(Message::Open(p.url.clone())),
        ]
        .spacing(12)
        .align_y(iced::Alignment::Center),
    )
    .padding(12)
    .style(style::card)
    .into()
}
