//! Success: the account is saved (keyring + accounts.json), or the wizard asks before replacing
//! a saved one; then what comes next, the way into the user's mail app, the server settings to
//! copy, and the Apple profile.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use iced::widget::{button, column, row, text};
use iced::{Element, Length, Task};
use mailsetup::check::CheckReport;
use mailsetup::export::Format;
use mailsetup::handoff::{self, Found, MailApp};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::setup::{self, Accounts, Draft};
use mailsetup::store::{Account, SignIn, StoreError};

use crate::gui::focus::Tab;
use crate::gui::{style, widget};

enum Saving {
    InProgress,
    /// The address is already saved: replace it only if the user says so.
    AskReplace,
    /// The user kept the saved account.
    Kept,
    Saved,
    Failed(Arc<StoreError>),
}

pub struct State {
    draft: Draft,
    report: Box<CheckReport>,
    saving: Saving,
    /// The server name last copied.
    copied_host: Option<String>,
    /// Where the last export went, or why it failed.
    exported: Option<Result<PathBuf, String>>,
    /// The account as saved, once it is.
    saved: Option<Box<Account>>,
    /// A mail app on this computer that this app sets up itself (Thunderbird with a profile,
    /// else Evolution): its button is the accent one.
    direct: Option<MailApp>,
    /// The saved account's code given to the apps it was handed to: running, or what came of it.
    mending: Mending,
}

/// "Also update Thunderbird and Evolution" after a saved account's new code.
#[derive(Default)]
enum Mending {
    #[default]
    NotAsked,
    InProgress,
    Done(Arc<Result<Vec<setup::Mended>, setup::AddToError>>),
}

/// What a save attempt came to.
#[derive(Debug, Clone)]
pub enum SaveOutcome {
    /// The account as saved (with its own CA, when the check trusted one).
    Saved(Box<Account>),
    /// Not saved: an account for this address exists and replacing was not confirmed.
    Exists,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Saving finished.
    Saved(Result<SaveOutcome, Arc<StoreError>>),
    /// "Replace" the saved account with this one.
    Replace,
    /// "Keep the saved one".
    Keep,
    /// Write the settings for another mail client into the downloads folder.
    Export(Format),
    /// The export was written (or not).
    Exported(Result<PathBuf, String>),
    /// Show the exported file's folder.
    OpenFolder(PathBuf),
    /// Put a server's name on the clipboard (for the mail app's settings).
    CopyHost(String),
    /// "Use it in my mail app": where will you read this mail?
    MailApp,
    /// The mail apps on this computer were looked for.
    Apps(Vec<Found>),
    /// "Add to Thunderbird" (or Evolution): set up at once.
    AddTo(MailApp),
    /// "Also update …": the saved code to every app the account was handed to.
    Mend,
    /// What each of them came to.
    Mended(Arc<Result<Vec<setup::Mended>, setup::AddToError>>),
    /// "Add another".
    AddAnother,
    /// "Done": close the app.
    Done,
}

/// What the screen borrows from the app.
pub struct Context<'a> {
    pub accounts: &'a Accounts,
    /// Where exports go (the user's downloads folder).
    pub export_dir: &'a Path,
    /// Looks for the mail apps on this computer.
    pub find_apps: crate::gui::services::FindApps,
}

pub enum Event {
    /// The account is in the keyring and accounts.json now.
    Saved(Box<Account>),
    /// Hand the account (as saved, else as tested) to the user's mail app.
    MailApp(Box<Account>),
    /// Set the account up in this app at once.
    AddTo(Box<Account>, MailApp),
    AddAnother,
    Done,
}

impl State {
    /// The screen, and its save: a re-test of a saved account just refreshes it; anything else
    /// asks before replacing.
    pub fn new(draft: Draft, report: Box<CheckReport>, cx: &Context<'_>) -> (Self, Task<Message>) {
        let save = save(cx.accounts, &draft, &report, draft.saved);
        let s = Self {
            draft,
            report,
            saving: Saving::InProgress,
            copied_host: None,
            exported: None,
            saved: None,
            direct: None,
            mending: Mending::NotAsked,
        };
        let apps = crate::gui::services::find_apps(cx.find_apps, Message::Apps);
        (s, Task::batch([save, apps]))
    }

    pub fn update(&mut self, message: Message, cx: &Context<'_>) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Saved(Ok(SaveOutcome::Saved(account))) => {
                self.saving = Saving::Saved;
                self.saved = Some(account.clone());
                return (Task::none(), Some(Event::Saved(account)));
            }
            Message::Saved(Ok(SaveOutcome::Exists)) => self.saving = Saving::AskReplace,
            Message::Saved(Err(e)) => self.saving = Saving::Failed(e),
            Message::Replace => {
                self.saving = Saving::InProgress;
                return (save(cx.accounts, &self.draft, &self.report, true), None);
            }
            Message::Keep => self.saving = Saving::Kept,
            Message::Export(format) => return (self.export(format, cx), None),
            Message::Exported(r) => self.exported = Some(r),
            Message::OpenFolder(dir) => {
                if let Err(e) = open::that_detached(&dir) {
                    tracing::warn!("could not open the folder: {e}");
                }
            }
            Message::CopyHost(host) => {
                self.copied_host = Some(host.clone());
                return (iced::clipboard::write(host), None);
            }
            Message::MailApp => return (Task::none(), Some(Event::MailApp(self.account()))),
            Message::Apps(apps) => self.direct = direct(&apps),
            Message::AddTo(app) => return (Task::none(), Some(Event::AddTo(self.account(), app))),
            Message::Mend => {
                self.mending = Mending::InProgress;
                let (accounts, address) = (cx.accounts.clone(), self.draft.address.to_string());
                let mend = async move { Arc::new(accounts.mend(address).await) };
                return (Task::perform(mend, Message::Mended), None);
            }
            Message::Mended(done) => self.mending = Mending::Done(done),
            Message::AddAnother => return (Task::none(), Some(Event::AddAnother)),
            Message::Done => return (Task::none(), Some(Event::Done)),
        }
        (Task::none(), None)
    }

    /// As saved (its CA too, for what the mail app will ask), else as tested.
    fn account(&self) -> Box<Account> {
        (self.saved.clone()).unwrap_or_else(|| Box::new(self.draft.account(&self.report)))
    }

    #[cfg(test)]
    pub fn report(&self) -> &CheckReport {
        &self.report
    }

    /// The account as the check confirmed it, written for Apple Mail (never with the code) to
    /// the downloads folder, off the UI thread.
    fn export(&self, format: Format, cx: &Context<'_>) -> Task<Message> {
        let account = self.draft.account(&self.report);
        let name = self.draft.address.domain().to_string();
        let dir = cx.export_dir.to_path_buf();
        Task::perform(setup::export(account, name, format, dir), Message::Exported)
    }

    /// Enter: "Done" once saving is settled, the highlighted "Replace" while the wizard asks
    /// whether to.
    pub fn primary(&self) -> Option<Message> {
        match self.saving {
            Saving::InProgress => None,
            Saving::AskReplace => Some(Message::Replace),
            _ => Some(Message::Done),
        }
    }

    /// Esc: a success has nothing to go back to.
    pub fn back(&self) -> Option<Message> {
        None
    }

    pub fn view<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let bar = widget::bottom_bar(
            None,
            vec![
                widget::secondary(l.tr(msg::GUI_ADD_ANOTHER), Message::AddAnother),
                widget::primary(l.tr(msg::GUI_DONE), self.primary()),
            ],
        );
        widget::screen(self.content(l), bar)
    }

    /// The round trip's outcome, saved (or asking before replacing), what next, the way into
    /// the mail app, the server settings and the exports.
    fn content<'a>(&'a self, l: &Localizer) -> iced::widget::Column<'a, Message> {
        let title = text(l.tr(msg::GUI_SUCCESS_TITLE))
            .size(style::TITLE)
            .style(style::text::success);
        let mut content = column![title].spacing(style::GAP);
        if let Some(t) = &self.report.round_trip {
            let style = match t.arrived {
                mailsetup::probe::roundtrip::Arrived::Inbox => style::text::success,
                _ => style::text::warning,
            };
            content = content.push(
                text(messages::round_trip(l, t))
                    .size(style::BODY)
                    .style(style),
            );
        }
        let saving: Element<'a, Message> = if matches!(self.saving, Saving::AskReplace) {
            self.ask_replace(l)
        } else {
            text(self.saving_line(l)).size(style::BODY).into()
        };
        let next = text(self.next_line(l)).size(style::BODY).into();
        let content = content.push(saving).extend(self.mend_card(l));
        let content = content.extend([next, self.hand_off(l), self.server_settings(l)]);
        // An Apple profile can only carry a password: nothing to export for a browser sign-in.
        match self.draft.sign_in() {
            SignIn::Password => content.push(self.exports(l)),
            SignIn::OAuth => content,
        }
    }

    /// Where a mail app this app sets up itself is here, "Add to …" is the accent button and
    /// the other apps are one click away; else the picker is the way on.
    fn hand_off<'a>(&self, l: &Localizer) -> Element<'a, Message> {
        let picker = l.tr(msg::GUI_MAILAPP_BUTTON);
        let Some(app) = self.direct else {
            return widget::primary(picker, Some(Message::MailApp));
        };
        let add = match app {
            MailApp::Evolution => msg::GUI_ADD_TO_EVOLUTION,
            _ => msg::GUI_ADD_TO_THUNDERBIRD,
        };
        row![
            widget::primary(l.tr(add), Some(Message::AddTo(app))),
            widget::secondary(picker, Message::MailApp),
        ]
        .spacing(12)
        .into()
    }

    /// A saved account's new code, where the account was handed to mail apps: give them the
    /// code with one button, and what came of it for each; a phone is said to be updated on
    /// the phone.
    fn mend_card<'a>(&self, l: &Localizer) -> Option<Element<'a, Message>> {
        let saved = self.saved.as_ref().filter(|_| self.draft.renewed)?;
        if saved.handed.is_empty() {
            return None;
        }
        let credential = l.tr(self.draft.target.credential_id());
        let (direct, phones) = setup::repair::reach(saved);
        let mut card = column![].spacing(8);
        let provider = self.draft.target.provider();
        match provider.filter(|_| self.draft.sign_in() == SignIn::OAuth) {
            // They sign in through the provider's page themselves: nothing of ours to give.
            Some(p) if !direct.is_empty() => {
                let said = messages::oauth_apps_sign_in_themselves(l, p, &direct);
                card = card.push(text(said).size(style::BODY));
            }
            _ if !direct.is_empty() => card = card.push(self.mend_line(l, &direct, &credential)),
            _ => {}
        }
        for p in &phones {
            let args = [
                ("app", messages::app_name(l, p.app).into()),
                ("credential", credential.clone().into()),
            ];
            card = card.push(text(l.tr_args(msg::GUI_PHONE_NOT_UPDATED, &args)).size(style::BODY));
        }
        Some(widget::card(card))
    }

    /// The button for the apps this app writes to, or what came of each.
    fn mend_line<'a>(
        &self,
        l: &Localizer,
        direct: &[mailsetup::apps::HandOff],
        credential: &str,
    ) -> Element<'a, Message> {
        let apps = ("apps", messages::handed_names(l, direct).into());
        let done = match &self.mending {
            Mending::Done(done) => done,
            busy => {
                let press = matches!(busy, Mending::NotAsked).then_some(Message::Mend);
                let hint = ("credential", credential.to_string().into());
                let said = text(l.tr_args(msg::GUI_MEND_HINT, &[hint])).size(style::BODY);
                let button = widget::primary(l.tr_args(msg::GUI_MEND, &[apps]), press);
                return column![said, button].spacing(8).into();
            }
        };
        let account = self.saved.as_deref();
        let lines: Vec<(String, bool)> = match (done.as_ref(), account) {
            (Ok(mended), Some(account)) => mended
                .iter()
                .map(|(h, r)| mended_line(l, account, h, r))
                .collect(),
            (Err(e), _) => vec![(
                messages::add_to_error(l, MailApp::Thunderbird, e, Path::new("")),
                false,
            )],
            (Ok(_), None) => Vec::new(),
        };
        let left = lines.iter().any(|(_, ok)| !ok);
        let lines = lines.into_iter().map(|(line, ok)| {
            let style = if ok {
                style::text::success
            } else {
                style::text::error
            };
            text(line).size(style::BODY).style(style).into()
        });
        let mut said = column(lines).spacing(6);
        // An app that was open: once it is quit, the same button again (what is done stays).
        if left {
            said = said.push(widget::secondary(l.tr(msg::GUI_TRY_AGAIN), Message::Mend));
        }
        said.into()
    }

    /// Nothing was set up in a mail app yet: what the user does next, and with what.
    fn next_line(&self, l: &Localizer) -> String {
        if let Some(app) = self.direct {
            let app = ("app", messages::app_name(l, app).into());
            return l.tr_args(msg::GUI_SUCCESS_NEXT_DIRECT, &[app]);
        }
        match (self.draft.sign_in(), self.draft.target.provider()) {
            (SignIn::OAuth, Some(p)) => l.tr_args(
                msg::GUI_SUCCESS_NEXT_OAUTH,
                &[("provider", messages::oauth_company(l, p).into())],
            ),
            _ => {
                let credential = l.tr(self.draft.target.credential_id());
                l.tr_args(msg::GUI_SUCCESS_NEXT, &[("credential", credential.into())])
            }
        }
    }

    fn saving_line(&self, l: &Localizer) -> String {
        match &self.saving {
            Saving::InProgress | Saving::AskReplace => l.tr(msg::GUI_SAVING),
            Saving::Kept => l.tr_args(
                msg::GUI_KEPT,
                &[("address", self.draft.address.to_string().into())],
            ),
            Saving::Saved => messages::saved_plain(
                l,
                &l.tr(self.draft.target.credential_id()),
                self.draft.sign_in(),
            ),
            Saving::Failed(e) => messages::store_error(l, e),
        }
    }

    /// The address is saved already: replace it, or keep the saved one.
    fn ask_replace<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let question = text(l.tr_args(
            msg::GUI_ASK_REPLACE,
            &[("address", self.draft.address.to_string().into())],
        ))
        .size(style::BODY);
        let buttons = row![
            widget::primary(l.tr(msg::GUI_REPLACE), Some(Message::Replace)),
            widget::secondary(l.tr(msg::GUI_KEEP), Message::Keep),
        ]
        .spacing(12);
        widget::card(column![question, buttons].spacing(10))
    }

    /// What to type into a mail app, each server's name with a Copy button.
    fn server_settings<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let line = |protocol, endpoint: &mailsetup::catalog::Endpoint| {
            let host = endpoint.host.clone();
            let copied = self.copied_host.as_deref() == Some(host.as_str());
            widget::server_line(l, protocol, endpoint, copied, Message::CopyHost(host))
        };
        widget::card(
            column![
                text(l.tr(msg::GUI_SERVER_SETTINGS)).size(style::BODY),
                line(msg::PROTOCOL_IMAP, &self.report.imap.endpoint),
                line(msg::PROTOCOL_SMTP, &self.report.smtp.endpoint),
            ]
            .spacing(8),
        )
    }

    /// The export button, and where the last export went (or why it failed).
    fn exports<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        // Only what a mail app opens: Apple Mail and iPhone install the profile. Thunderbird has
        // no import for its autoconfig file (the CLI still writes one, for mail admins).
        let export = widget::secondary(
            l.tr(msg::GUI_EXPORT_APPLE),
            Message::Export(Format::Mobileconfig),
        );
        let mut exports = column![row![export].spacing(12)].spacing(6);
        match &self.exported {
            Some(Ok(path)) => {
                let folder = path.parent().map(PathBuf::from).unwrap_or_default();
                let written = l.tr_args(
                    msg::EXPORT_WRITTEN,
                    &[("path", messages::path(path).into())],
                );
                exports = exports.push(
                    row![
                        text(written).size(style::SMALL).width(Length::Fill),
                        button(text(l.tr(msg::GUI_OPEN_FOLDER)).size(style::SMALL))
                            .style(button::text)
                            .tab(Message::OpenFolder(folder)),
                    ]
                    .align_y(iced::Alignment::Center),
                );
            }
            Some(Err(reason)) => {
                let failed = l.tr_args(
                    msg::EXPORT_WRITE_FAILED,
                    &[("path", "".into()), ("reason", reason.clone().into())],
                );
                exports = exports.push(text(failed).size(style::SMALL));
            }
            None => {}
        }
        exports.into()
    }
}

/// What giving the new code to one app came to, and whether it worked.
fn mended_line(
    l: &Localizer,
    account: &Account,
    h: &mailsetup::apps::HandOff,
    r: &Result<handoff::Added, setup::AddToError>,
) -> (String, bool) {
    let place = h.place.clone().unwrap_or_default();
    match r {
        Ok(added) => (messages::added(l, h.app, account, added, &place), true),
        Err(e) => (messages::add_to_error(l, h.app, e, &place), false),
    }
}

/// The app this app sets up itself, if it is here: Thunderbird with a profile to write into
/// (first), else Evolution.
fn direct(apps: &[Found]) -> Option<MailApp> {
    apps.iter()
        .filter(|f| f.installed && f.way == handoff::Way::Direct)
        .find(|f| f.app != MailApp::Thunderbird || !f.profiles.is_empty())
        .map(|f| f.app)
}

/// Saves the account off the UI thread (the keyring client blocks). Unless `replace`, an
/// existing account for the address is left alone and reported.
fn save(accounts: &Accounts, draft: &Draft, report: &CheckReport, replace: bool) -> Task<Message> {
    let accounts = accounts.clone();
    let account = draft.account(report);
    let secret = draft.credential.kept().clone();
    let ca = draft.ca.clone();
    Task::perform(
        async move {
            match accounts.save(account, secret, replace, ca).await {
                Ok(saved) => Ok(SaveOutcome::Saved(Box::new(saved.account))),
                Err(StoreError::Exists(_)) => Ok(SaveOutcome::Exists),
                Err(e) => Err(Arc::new(e)),
            }
        },
        Message::Saved,
    )
}
