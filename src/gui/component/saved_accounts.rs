//! The saved accounts on the start screen: each with "mail app", "re-test" and "remove" (asked
//! first), what a removal or a keyring read came to, and a file that could not be read.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{button, column, container, row, text};
use iced::{Element, Length, Task};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::setup::Accounts;
use mailsetup::store::{Account, SignIn, StoreError};
use secrecy::SecretString;

use crate::gui::focus::Tab;
use crate::gui::redacted::Redacted;
use crate::gui::style;

#[derive(Default)]
pub struct State {
    accounts: Vec<Account>,
    /// The saved account whose removal is being asked about.
    confirm_remove: Option<String>,
    /// The outcome of the last "remove" (or keyring read), shown under the list.
    notice: Option<Result<String, Arc<StoreError>>>,
    /// The mail apps the account just removed was handed to: they still have it.
    still_handed: Vec<mailsetup::apps::HandOff>,
    /// Reading the saved accounts failed, or an unreadable file was set aside: said, not hidden.
    /// `Ok(path)`: the unreadable file kept aside there.
    load_problem: Option<Result<PathBuf, Arc<StoreError>>>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The saved accounts were read (off the UI thread); `Some(path)`: an unreadable file was
    /// kept aside there.
    Loaded(Result<(Vec<Account>, Option<PathBuf>), Arc<StoreError>>),
    /// Re-test a saved account.
    Retest(String),
    /// A saved account's secret came back from the keyring, for its re-test (never logged).
    SecretRead(
        Box<Account>,
        Redacted<Result<Option<SecretString>, Arc<StoreError>>>,
    ),
    /// "Mail app" on a saved account: hand it to the user's mail app.
    MailApp(String),
    /// "Remove" on a saved account: asks first.
    Remove(String),
    /// The removal was confirmed.
    ConfirmRemove,
    /// The removal was not confirmed.
    CancelRemove,
    /// The keyring and file answered the removal.
    Removed(Result<String, Arc<StoreError>>),
}

pub enum Event {
    /// Re-test this saved account with its secret (`None`: the keyring no longer has it).
    Retest(Account, Option<SecretString>),
    /// Hand this saved account to a mail app.
    MailApp(Account),
}

/// Reads the saved accounts off the UI thread: the start screen opens at once.
pub fn load(accounts: &Accounts) -> Task<Message> {
    let accounts = accounts.clone();
    Task::perform(
        async move {
            let loaded = accounts.load().await;
            loaded.map(|l| (l.accounts, l.set_aside)).map_err(Arc::new)
        },
        Message::Loaded,
    )
}

impl State {
    pub fn update(
        &mut self,
        message: Message,
        accounts: &Accounts,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Loaded(Ok((list, aside))) => {
                self.accounts = list;
                self.load_problem = aside.map(Ok);
            }
            Message::Loaded(Err(e)) => {
                self.accounts.clear();
                self.load_problem = Some(Err(e));
            }
            Message::Retest(address) => return (self.read_secret(&address, accounts), None),
            Message::SecretRead(account, Redacted(Ok(secret))) => {
                return (Task::none(), Some(Event::Retest(*account, secret)));
            }
            // The keyring could not be asked: said here, where the user is.
            Message::SecretRead(_, Redacted(Err(e))) => self.notice = Some(Err(e)),
            Message::MailApp(address) => {
                return (Task::none(), self.saved(&address).map(Event::MailApp));
            }
            // The code goes with the account, so one click does not do it.
            Message::Remove(address) => self.confirm_remove = Some(address),
            Message::ConfirmRemove => {
                if let Some(address) = self.confirm_remove.take() {
                    return (remove(address, accounts), None);
                }
            }
            Message::CancelRemove => self.confirm_remove = None,
            Message::Removed(result) => {
                self.still_handed.clear();
                if let Ok(address) = &result {
                    if let Some(a) = self.saved(address) {
                        self.still_handed = a.handed;
                    }
                    self.accounts.retain(|a| &a.address != address);
                }
                self.notice = Some(result);
            }
        }
        (Task::none(), None)
    }

    /// A saved account by its address.
    fn saved(&self, address: &str) -> Option<Account> {
        self.accounts.iter().find(|a| a.address == address).cloned()
    }

    /// Reads a saved account's secret for its re-test, off the UI thread.
    fn read_secret(&self, address: &str, accounts: &Accounts) -> Task<Message> {
        let Some(account) = self.saved(address) else {
            return Task::none();
        };
        let accounts = accounts.clone();
        let read = async move {
            let secret = accounts.secret(account.address.clone()).await;
            Message::SecretRead(Box::new(account), Redacted(secret.map_err(Arc::new)))
        };
        Task::perform(read, |m| m)
    }

    /// The list (if any account is saved), then what went wrong reading it or the last removal.
    pub fn view<'a>(&'a self, l: &Localizer) -> Vec<Element<'a, Message>> {
        let mut parts = Vec::new();
        if !self.accounts.is_empty() {
            parts.push(self.list(l));
        }
        if let Some(p) = &self.load_problem {
            let line = match p {
                Ok(path) => messages::set_aside(l, path),
                Err(e) => messages::store_error(l, e),
            };
            parts.push(
                text(line)
                    .size(style::SMALL)
                    .style(style::text::error)
                    .into(),
            );
        }
        if let Some(n) = &self.notice {
            let line = match n {
                Ok(address) => {
                    l.tr_args(msg::STORE_REMOVED, &[("address", address.clone().into())])
                }
                Err(e) => messages::store_error(l, e),
            };
            parts.push(text(line).size(style::SMALL).into());
            if let Some(said) = messages::still_handed(l, &self.still_handed) {
                parts.push(text(said).size(style::SMALL).into());
            }
        }
        parts
    }

    /// Saved accounts with "mail app", "re-test" and "remove".
    fn list<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let mut list = column![text(l.tr(msg::GUI_SAVED_ACCOUNTS)).size(style::BODY)].spacing(8);
        for a in &self.accounts {
            list = list.push(
                if self.confirm_remove.as_deref() == Some(a.address.as_str()) {
                    confirm_row(l, &a.address)
                } else {
                    account_row(l, a)
                },
            );
        }
        container(list).padding(14).style(style::card).into()
    }
}

/// One saved account and its buttons. A browser sign-in says so: its re-test needs no code, and
/// may ask to sign in again.
fn account_row<'a>(l: &Localizer, a: &'a Account) -> Element<'a, Message> {
    let mut name = row![text(&a.address).size(style::BODY)]
        .spacing(8)
        .align_y(iced::Alignment::Center);
    if a.sign_in == SignIn::OAuth {
        name = name.push(
            text(messages::sign_in_name(l, a.sign_in))
                .size(style::SMALL)
                .style(style::text::muted),
        );
    }
    let name = column![name].spacing(2);
    // Where it was handed to: what a new code will have to reach.
    let name = match a.handed.is_empty() {
        true => name,
        false => {
            let apps = ("apps", messages::handed_names(l, &a.handed).into());
            let line = text(l.tr_args(msg::HANDED_TO, &[apps])).size(style::SMALL);
            name.push(line.style(style::text::muted))
        }
    };
    let small = |id| text(l.tr(id)).size(style::SMALL);
    row![
        name.width(Length::Fill),
        button(small(msg::GUI_MAIL_APP_SHORT))
            .style(style::secondary)
            .tab(Message::MailApp(a.address.clone())),
        button(small(msg::GUI_RETEST))
            .style(style::secondary)
            .tab(Message::Retest(a.address.clone())),
        button(small(msg::GUI_REMOVE))
            .style(button::danger)
            .tab(Message::Remove(a.address.clone())),
    ]
    .spacing(8)
    .align_y(iced::Alignment::Center)
    .into()
}

/// "Remove this account and its code?" with Remove and Cancel, in place of its row.
fn confirm_row<'a>(l: &Localizer, address: &str) -> Element<'a, Message> {
    row![
        text(l.tr_args(
            msg::GUI_REMOVE_CONFIRM,
            &[("address", address.to_string().into())]
        ))
        .size(style::BODY)
        .width(Length::Fill),
        button(text(l.tr(msg::GUI_REMOVE)).size(style::SMALL))
            .style(button::danger)
            .tab(Message::ConfirmRemove),
        button(text(l.tr(msg::GUI_CANCEL)).size(style::SMALL))
            .style(style::secondary)
            .tab(Message::CancelRemove),
    ]
    .spacing(8)
    .align_y(iced::Alignment::Center)
    .into()
}

/// Removes a saved account (keyring and file), off the UI thread.
fn remove(address: String, accounts: &Accounts) -> Task<Message> {
    let accounts = accounts.clone();
    let remove = async move {
        let removed = accounts.remove(address.clone()).await;
        removed.map(|_| address).map_err(Arc::new)
    };
    Task::perform(remove, Message::Removed)
}
