//! Result: on success the account is saved (keyring + accounts.json) and the server settings are
//! shown; on failure the cause and fix in plain words, the page that fixes it, "Try again" and a
//! redacted report for support.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{button, column, container, text};
use iced::{Element, Length, Task};
use mailsetup::check::CheckReport;
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::probe::classify;
use mailsetup::setup;
use mailsetup::store::{SignIn, StoreError};

use mailsetup::discover::Source;
use mailsetup::export::Format;
use mailsetup::present::report::{Discovery, Report};

use crate::gui::focus::Tab;
use crate::gui::{style, widget};
use mailsetup::setup::{Accounts, Draft, Target};

enum Saving {
    /// Nothing to save: the check failed.
    NotNeeded,
    InProgress,
    /// The address is already saved: replace it only if the user says so.
    AskReplace,
    /// The user kept the saved account.
    Kept,
    Saved,
    Failed(Arc<StoreError>),
}

pub struct State {
    input: Draft,
    report: Box<CheckReport>,
    accounts: Accounts,
    /// Where exports go (the user's downloads folder).
    export_dir: PathBuf,
    saving: Saving,
    copied: bool,
    /// The server name last copied.
    copied_host: Option<String>,
    /// No browser started for this help page: its address is shown to copy.
    open_failed: Option<String>,
    /// Where the last export went, or why it failed.
    exported: Option<Result<PathBuf, String>>,
    /// A company server's own certificate authority, picked to be trusted.
    ca: super::certificate::State,
    /// The account as saved, once it is.
    saved: Option<Box<mailsetup::store::Account>>,
}

/// What a save attempt came to.
#[derive(Debug, Clone)]
pub enum SaveOutcome {
    /// The account as saved (with its own CA, when the check trusted one).
    Saved(Box<mailsetup::store::Account>),
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
    /// Open the page that fixes the problem.
    OpenHelp(String),
    /// Copy the help page's address (no browser started).
    CopyUrl(String),
    /// Put the redacted report on the clipboard.
    CopyReport,
    /// Put a server's name on the clipboard (for the mail app's settings).
    CopyHost(String),
    /// "Try again": the same check again, at once (a server that was busy, a network back).
    TryAgain,
    /// Back (or Esc) after a failure: to the code, keeping what was typed, to change it.
    Back,
    /// "Enter servers yourself": correct the servers of a company account.
    Manual,
    /// "Use it in my mail app": where will you read this mail?
    MailApp,
    /// "Add another".
    AddAnother,
    /// "Done": close the app.
    Done,
    /// Picking and trusting a company's certificate authority.
    Certificate(super::certificate::Message),
}

/// What the screen needs from the app.
pub struct Context<'a> {
    pub l10n: &'a Localizer,
    /// Opens the help page (tests stand in for the browser).
    pub browser: super::Browser,
    /// Asks for the company's certificate file.
    pub pick_file: super::PickFile,
}

pub enum Event {
    /// The account is in the keyring and accounts.json now.
    Saved(Box<mailsetup::store::Account>),
    /// Hand the account as tested to the user's mail app.
    MailApp(Box<mailsetup::store::Account>),
    TryAgain(Draft),
    Edit(Draft),
    Manual(Draft),
    AddAnother,
    Done,
}

impl State {
    pub fn new(
        input: Draft,
        report: Box<CheckReport>,
        accounts: Accounts,
        export_dir: PathBuf,
    ) -> (Self, Task<Message>) {
        if !report.ok() {
            let s = Self {
                input,
                report,
                accounts,
                export_dir,
                saving: Saving::NotNeeded,
                copied: false,
                copied_host: None,
                open_failed: None,
                exported: None,
                ca: Default::default(),
                saved: None,
            };
            return (s, Task::none());
        }
        // A re-test of a saved account just refreshes it; anything else asks before replacing.
        let save = save(&accounts, &input, &report, input.saved);
        let s = Self {
            input,
            report,
            accounts,
            export_dir,
            saving: Saving::InProgress,
            copied: false,
            copied_host: None,
            open_failed: None,
            exported: None,
            ca: Default::default(),
            saved: None,
        };
        (s, save)
    }

    pub fn update(&mut self, message: Message, cx: &Context<'_>) -> (Task<Message>, Option<Event>) {
        let l = cx.l10n;
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
                let save = save(&self.accounts, &self.input, &self.report, true);
                return (save, None);
            }
            Message::Keep => self.saving = Saving::Kept,
            Message::Export(format) => return (self.export(format), None),
            Message::Exported(r) => self.exported = Some(r),
            Message::OpenFolder(dir) => {
                if let Err(e) = open::that_detached(&dir) {
                    tracing::warn!("could not open the folder: {e}");
                }
            }
            Message::OpenHelp(url) => {
                self.open_failed = None;
                if let Err(e) = (cx.browser)(&url) {
                    tracing::warn!("could not open a browser: {e}");
                    self.open_failed = Some(url);
                }
            }
            Message::CopyUrl(url) => return (iced::clipboard::write(url), None),
            Message::Certificate(m) => {
                let (task, event) = self.ca.update(m, cx.pick_file);
                let task = task.map(Message::Certificate);
                let Some(super::certificate::Event::Trust(path)) = event else {
                    return (task, None);
                };
                let input = Draft {
                    ca: Some(path),
                    ..self.input.clone()
                };
                return (task, Some(Event::TryAgain(input)));
            }
            Message::CopyReport => {
                self.copied = true;
                return (iced::clipboard::write(self.report_text(l)), None);
            }
            Message::CopyHost(host) => {
                self.copied_host = Some(host.clone());
                return (iced::clipboard::write(host), None);
            }
            Message::TryAgain => return (Task::none(), Some(Event::TryAgain(self.input.clone()))),
            Message::Back => return (Task::none(), Some(Event::Edit(self.input.clone()))),
            Message::Manual => return (Task::none(), Some(Event::Manual(self.input.clone()))),
            Message::MailApp => {
                // As saved (its CA too, for what the mail app will ask), else as tested.
                let account =
                    (self.saved.clone()).unwrap_or_else(|| Box::new(setup::account(&self.report)));
                return (Task::none(), Some(Event::MailApp(account)));
            }
            Message::AddAnother => return (Task::none(), Some(Event::AddAnother)),
            Message::Done => return (Task::none(), Some(Event::Done)),
        }
        (Task::none(), None)
    }

    #[cfg(test)]
    pub fn report(&self) -> &CheckReport {
        &self.report
    }

    /// The redacted report "Copy report for support" puts on the clipboard.
    pub fn report_text(&self, l: &Localizer) -> String {
        let discovery = match &self.input.target {
            Target::Provider { id, via_mx } => Some(Discovery::known(
                if *via_mx { Source::Mx } else { Source::Catalog },
                Some(id.clone()),
            )),
            Target::Servers { found: Some(d), .. } => Some(Discovery::from_detection(d)),
            Target::Servers { found: None, .. } => None,
            Target::Saved(a) => Some(Discovery::known(Source::Catalog, a.provider.clone())),
        };
        Report {
            address: Some(self.input.address.to_string()),
            discovery,
            check: Some((*self.report).clone()),
            ..Report::default()
        }
        .text(l)
    }

    /// The account as the check confirmed it, written for Thunderbird or Apple Mail (never with
    /// the code) to the downloads folder, off the UI thread.
    fn export(&self, format: Format) -> Task<Message> {
        let account = setup::account(&self.report);
        let name = self.input.address.domain().to_string();
        let dir = self.export_dir.clone();
        Task::perform(setup::export(account, name, format, dir), Message::Exported)
    }

    /// What Enter does here: "Done" after success once saving is settled, the highlighted
    /// "Replace" while the wizard asks whether to, "Try again" after a failure.
    pub fn primary(&self) -> Option<Message> {
        // The company's certificate is the only way on: trying again would fail the same way.
        if self.company_ca() {
            return Some(Message::Certificate(self.ca.primary()));
        }
        if !self.report.ok() {
            return Some(Message::TryAgain);
        }
        match self.saving {
            Saving::InProgress => None,
            Saving::AskReplace => Some(Message::Replace),
            _ => Some(Message::Done),
        }
    }

    /// Esc: back to the code after a failure; a success has nothing to go back to.
    pub fn back(&self) -> Option<Message> {
        (!self.report.ok()).then_some(Message::Back)
    }

    pub fn view<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let (content, bar) = if self.report.ok() {
            (self.success(l), self.success_bar(l))
        } else {
            (self.failure(l), self.failure_bar(l))
        };
        widget::screen(content, bar)
    }

    /// Saved (or asking before replacing), the server settings, and the exports.
    fn success<'a>(&'a self, l: &Localizer) -> iced::widget::Column<'a, Message> {
        let title = text(l.tr(msg::GUI_SUCCESS_TITLE))
            .size(style::TITLE)
            .style(style::text::success);
        let saving: Element<'a, Message> = if matches!(self.saving, Saving::AskReplace) {
            self.ask_replace(l)
        } else {
            text(self.saving_line(l)).size(style::BODY).into()
        };
        // Nothing was set up in a mail app yet: say what the user does next, and with what.
        let next = match (self.input.sign_in(), self.input.target.provider()) {
            (SignIn::OAuth, Some(p)) => l.tr_args(
                msg::GUI_SUCCESS_NEXT_OAUTH,
                &[("provider", messages::oauth_company(l, p).into())],
            ),
            _ => {
                let credential = l.tr(self.input.target.credential_id());
                l.tr_args(msg::GUI_SUCCESS_NEXT, &[("credential", credential.into())])
            }
        };
        let next = text(next).size(style::BODY);
        let hand_off = widget::primary(l.tr(msg::GUI_MAILAPP_BUTTON), Some(Message::MailApp));
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
        let content = content.extend([saving, next.into(), hand_off, self.server_settings(l)]);
        // An Apple profile can only carry a password: nothing to export for a browser sign-in.
        match self.input.sign_in() {
            SignIn::Password => content.push(self.exports(l)),
            SignIn::OAuth => content,
        }
    }

    fn saving_line(&self, l: &Localizer) -> String {
        match &self.saving {
            Saving::InProgress | Saving::NotNeeded | Saving::AskReplace => l.tr(msg::GUI_SAVING),
            Saving::Kept => l.tr_args(
                msg::GUI_KEPT,
                &[("address", self.input.address.to_string().into())],
            ),
            Saving::Saved => messages::saved_plain(
                l,
                &l.tr(self.input.target.credential_id()),
                self.input.sign_in(),
            ),
            Saving::Failed(e) => messages::store_error(l, e),
        }
    }

    /// The address is saved already: replace it, or keep the saved one.
    fn ask_replace<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let question = text(l.tr_args(
            msg::GUI_ASK_REPLACE,
            &[("address", self.input.address.to_string().into())],
        ))
        .size(style::BODY);
        let buttons = iced::widget::row![
            widget::primary(l.tr(msg::GUI_REPLACE), Some(Message::Replace)),
            widget::secondary(l.tr(msg::GUI_KEEP), Message::Keep),
        ]
        .spacing(12);
        container(column![question, buttons].spacing(10))
            .padding(14)
            .width(Length::Fill)
            .style(style::card)
            .into()
    }

    /// What to type into a mail app, each server's name with a Copy button.
    fn server_settings<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let line = |protocol, endpoint: &mailsetup::catalog::Endpoint| {
            let host = endpoint.host.clone();
            let copied = self.copied_host.as_deref() == Some(host.as_str());
            iced::widget::row![
                text(messages::endpoint_line(l, protocol, endpoint))
                    .size(style::BODY)
                    .width(Length::Fill),
                widget::copy_button(l, copied, Message::CopyHost(host)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center)
        };
        container(
            column![
                text(l.tr(msg::GUI_SERVER_SETTINGS)).size(style::BODY),
                line(msg::PROTOCOL_IMAP, &self.report.imap.endpoint),
                line(msg::PROTOCOL_SMTP, &self.report.smtp.endpoint),
            ]
            .spacing(8),
        )
        .padding(14)
        .width(Length::Fill)
        .style(style::card)
        .into()
    }

    /// The export buttons, and where the last export went (or why it failed).
    fn exports<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        // Only what a mail app opens: Apple Mail and iPhone install the profile. Thunderbird has
        // no import for its autoconfig file (the CLI still writes one, for mail admins).
        let buttons = iced::widget::row![widget::secondary(
            l.tr(msg::GUI_EXPORT_APPLE),
            Message::Export(Format::Mobileconfig)
        )]
        .spacing(12);
        let mut exports = column![buttons].spacing(6);
        match &self.exported {
            Some(Ok(path)) => {
                let folder = path.parent().map(PathBuf::from).unwrap_or_default();
                let written = l.tr_args(
                    msg::EXPORT_WRITTEN,
                    &[("path", messages::path(path).into())],
                );
                exports = exports.push(
                    iced::widget::row![
                        text(written).size(style::SMALL).width(Length::Fill),
                        button(text(l.tr(msg::GUI_OPEN_FOLDER)).size(style::SMALL))
                            .style(button::text)
                            .tab(Message::OpenFolder(folder)),
                    ]
                    .align_y(iced::Alignment::Center),
                );
            }
            Some(Err(reason)) => {
                exports = exports.push(
                    text(l.tr_args(
                        msg::EXPORT_WRITE_FAILED,
                        &[("path", "".into()), ("reason", reason.clone().into())],
                    ))
                    .size(style::SMALL),
                );
            }
            None => {}
        }
        exports.into()
    }

    /// One card per failed protocol: the cause in plain words, the server's own, the fix. One
    /// card for both when they failed for one cause (offline; the same credential refused; the
    /// same certificate problem).
    fn failure<'a>(&'a self, l: &Localizer) -> iced::widget::Column<'a, Message> {
        let mut content = column![
            text(l.tr(msg::GUI_FAILURE_TITLE))
                .size(style::TITLE)
                .style(style::text::error)
        ]
        .spacing(style::GAP);
        let both = [&self.report.imap, &self.report.smtp];
        if let Some(advice) = classify::shared_cause(&self.report.imap, &self.report.smtp) {
            // Offline: no help article about either server.
            let card = self.card(l, &both, l.tr(advice), None);
            return self.with_copy(l, content.push(card));
        }
        if self.report.one_cause()
            && let Some(d) = self.report.diagnosis(&self.report.imap)
        {
            let advice =
                messages::advice(l, &d, &self.report.imap, self.report.provider.as_deref());
            let card = self.card(l, &both, advice, d.help_url);
            return self.with_copy(l, content.push(card));
        }
        for r in both {
            let Some(d) = self.report.diagnosis(r) else {
                continue;
            };
            let advice = messages::advice(l, &d, r, self.report.provider.as_deref());
            content = content.push(self.card(l, &[r], advice, d.help_url));
        }
        self.with_copy(l, content)
    }

    /// A failure card: which servers, the advice, what each server said, the help page.
    fn card<'a>(
        &'a self,
        l: &Localizer,
        reports: &[&mailsetup::probe::ProbeReport],
        advice: String,
        help_url: Option<String>,
    ) -> Element<'a, Message> {
        let names: Vec<String> = reports
            .iter()
            .map(|r| l.tr(r.protocol.message_id()))
            .collect();
        let mut card = column![
            text(format!("× {}", names.join(" / "))).size(style::HEADING),
            text(advice).size(style::BODY),
        ]
        .spacing(8);
        for r in reports {
            let said = r.error.as_ref().and_then(|e| e.server_text.clone());
            let line = match (reports.len(), said) {
                (1, Some(said)) => l.tr_args(msg::SERVER_SAID, &[("text", said.into())]),
                (_, Some(said)) => format!(
                    "{}:{} — {}",
                    r.endpoint.host,
                    r.endpoint.port,
                    l.tr_args(msg::SERVER_SAID, &[("text", said.into())])
                ),
                (1, None) => continue,
                (_, None) => format!("{}:{}", r.endpoint.host, r.endpoint.port),
            };
            card = card.push(text(line).size(style::SMALL).style(style::text::muted));
        }
        if let Some(r) = reports.iter().find(|r| self.wants_company_ca(r)) {
            card = card.push(self.ca.view(l, &r.endpoint.host).map(Message::Certificate));
        }
        if let Some(url) = help_url {
            if self.open_failed.as_ref() == Some(&url) {
                card = card.push(widget::open_failed(l, &url, Message::CopyUrl(url.clone())));
            }
            card = card.push(
                button(text(l.tr(msg::GUI_OPEN_HELP)).size(style::SMALL))
                    .style(style::secondary)
                    .tab(Message::OpenHelp(url)),
            );
        }
        container(card)
            .padding(14)
            .width(Length::Fill)
            .style(style::card)
            .into()
    }

    /// A company server (no catalog provider's: there an unknown authority means someone in
    /// between) whose certificate no trusted authority signed.
    fn wants_company_ca(&self, r: &mailsetup::probe::ProbeReport) -> bool {
        let unknown = r
            .error
            .as_ref()
            .is_some_and(|e| e.tls_reason == Some(mailsetup::probe::TlsReason::UnknownIssuer));
        unknown && self.input.target.provider().is_none()
    }

    /// Below the causes: "Enter servers yourself" for a company account, and that the report
    /// was copied.
    fn with_copy<'a>(
        &'a self,
        l: &Localizer,
        mut content: iced::widget::Column<'a, Message>,
    ) -> iced::widget::Column<'a, Message> {
        if self.typed_servers() {
            content = content.push(widget::secondary(
                l.tr(msg::GUI_MANUAL_LINK),
                Message::Manual,
            ));
        }
        if self.copied {
            content = content.push(text(l.tr(msg::GUI_REPORT_COPIED)).size(style::SMALL));
        }
        content
    }

    fn success_bar<'a>(&self, l: &Localizer) -> Element<'a, Message> {
        widget::bottom_bar(
            None,
            vec![
                widget::secondary(l.tr(msg::GUI_ADD_ANOTHER), Message::AddAnother),
                widget::primary(l.tr(msg::GUI_DONE), self.primary()),
            ],
        )
    }

    /// Try again is the accent button (Enter), except where the certificate card's is.
    fn failure_bar<'a>(&self, l: &Localizer) -> Element<'a, Message> {
        let again = if self.company_ca() {
            widget::secondary(l.tr(msg::GUI_TRY_AGAIN), Message::TryAgain)
        } else {
            widget::primary(l.tr(msg::GUI_TRY_AGAIN), Some(Message::TryAgain))
        };
        widget::bottom_bar(
            Some(widget::secondary(l.tr(msg::GUI_BACK), Message::Back)),
            vec![
                widget::secondary(l.tr(msg::GUI_COPY_REPORT), Message::CopyReport),
                again,
            ],
        )
    }

    /// The certificate card is shown for one of the servers.
    fn company_ca(&self) -> bool {
        [&self.report.imap, &self.report.smtp]
            .into_iter()
            .any(|r| self.wants_company_ca(r))
    }

    /// Servers found or typed (not a provider's own) may be what is wrong: they can be
    /// corrected from here.
    fn typed_servers(&self) -> bool {
        match &self.input.target {
            Target::Servers { .. } => true,
            Target::Saved(a) => a.provider.is_none(),
            Target::Provider { .. } => false,
        }
    }
}

/// Saves the account off the UI thread (the keyring client blocks). Unless `replace`, an
/// existing account for the address is left alone and reported.
fn save(accounts: &Accounts, input: &Draft, report: &CheckReport, replace: bool) -> Task<Message> {
    let accounts = accounts.clone();
    let account = setup::account(report);
    let secret = input.credential.kept().clone();
    let ca = input.ca.clone();
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
