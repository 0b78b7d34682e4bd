//! The failure screen's way past "the server's certificate is not signed by an authority this
//! computer trusts" for a company server: the user picks the certificate file the IT
//! department sent (the system's file dialog), sees whose it is and its SHA-256 fingerprint,
//! and only then trusts it — for this account's servers alone, on this test and its re-tests.

use std::path::PathBuf;

use iced::widget::{column, row, text};
use iced::{Element, Task};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::setup::certificate::{self, CaError, CaInfo};

use crate::gui::services::PickFile;
use crate::gui::{style, widget};

#[derive(Default)]
pub struct State {
    picked: Option<Result<(PathBuf, CaInfo), CaError>>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// "Use the certificate file from IT…": the file dialog.
    Pick,
    /// The dialog closed (`None`: nothing chosen).
    Picked(Option<PathBuf>),
    /// What the file holds.
    Read(Box<Result<(PathBuf, CaInfo), CaError>>),
    /// "Trust it and test again".
    Trust,
    Cancel,
}

pub enum Event {
    /// Test again trusting this certificate authority (for these servers only).
    Trust(PathBuf),
}

impl State {
    pub fn update(&mut self, message: Message, pick: PickFile) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Pick => return (Task::perform(pick(), Message::Picked), None),
            Message::Picked(None) => {}
            Message::Picked(Some(path)) => {
                let read = async move {
                    let info = tokio::task::spawn_blocking({
                        let path = path.clone();
                        move || certificate::inspect(&path)
                    })
                    .await
                    .unwrap_or_else(|e| {
                        Err(CaError::Unreadable {
                            path: path.clone(),
                            reason: e.to_string(),
                        })
                    });
                    Box::new(info.map(|i| (path, i)))
                };
                return (Task::perform(read, Message::Read), None);
            }
            Message::Read(r) => self.picked = Some(*r),
            Message::Trust => {
                if let Some(Ok((path, _))) = self.picked.take() {
                    return (Task::none(), Some(Event::Trust(path)));
                }
            }
            Message::Cancel => self.picked = None,
        }
        (Task::none(), None)
    }

    /// Enter: the accent button shown, "Trust it and test again" once a file was read, else
    /// the file dialog.
    pub fn primary(&self) -> Message {
        match &self.picked {
            Some(Ok(_)) => Message::Trust,
            _ => Message::Pick,
        }
    }

    /// The button, or what the chosen file holds with Trust / Cancel.
    pub fn view<'a>(&'a self, l: &Localizer, host: &str) -> Element<'a, Message> {
        match &self.picked {
            // The accent button: it is what Enter does (see `primary`).
            None => widget::primary(l.tr(msg::GUI_CA_PICK), Some(Message::Pick)),
            Some(Err(e)) => column![
                text(messages::ca_error(l, e))
                    .size(style::SMALL)
                    .style(style::text::error),
                widget::primary(l.tr(msg::GUI_CA_PICK), Some(Message::Pick)),
            ]
            .spacing(8)
            .into(),
            Some(Ok((_, info))) => confirm(l, host, info),
        }
    }
}

/// A fingerprint on two lines of 16 bytes each: 95 characters without a space would run past
/// the smallest window.
fn halves(fingerprint: &str) -> String {
    let bytes: Vec<&str> = fingerprint.split(':').collect();
    let (a, b) = bytes.split_at(bytes.len().div_ceil(2));
    format!("{}\n{}", a.join(":"), b.join(":"))
}

/// Whose certificate it is, and its fingerprint, before it is trusted.
fn confirm<'a>(l: &Localizer, host: &str, info: &CaInfo) -> Element<'a, Message> {
    let line = |id: &str, key: &'static str, value: &str| {
        text(l.tr_args(id, &[(key, value.to_string().into())])).size(style::SMALL)
    };
    let card = column![
        text(l.tr_args(msg::GUI_CA_TITLE, &[("host", host.to_string().into())])).size(style::BODY),
        line(msg::GUI_CA_SUBJECT, "name", &info.subject),
        line(msg::GUI_CA_ISSUER, "name", &info.issuer),
        line(
            msg::GUI_CA_FINGERPRINT,
            "fingerprint",
            &halves(&info.fingerprint)
        ),
        text(l.tr(msg::GUI_CA_COMPARE))
            .size(style::SMALL)
            .style(style::text::muted),
        row![
            widget::primary(l.tr(msg::GUI_CA_TRUST), Some(Message::Trust)),
            widget::secondary(l.tr(msg::GUI_CANCEL), Message::Cancel),
        ]
        .spacing(8),
    ]
    .spacing(8);
    widget::card(card)
}
