//! Failure: the cause and the fix in plain words, one card per cause, with what each server
//! said and the page that fixes it; a company's own certificate authority to pick; "Try again",
//! "Enter servers yourself", and a redacted report for support.

use iced::widget::{button, column, text};
use iced::{Element, Task};
use mailsetup::check::CheckReport;
use mailsetup::discover::Source;
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::present::report::{Discovery, Report};
use mailsetup::probe::{ProbeReport, TlsReason, classify};
use mailsetup::setup::{Draft, Target};

use crate::gui::component::certificate;
use crate::gui::focus::Tab;
use crate::gui::services::{Browser, PickFile};
use crate::gui::{style, widget};

pub struct State {
    draft: Draft,
    report: Box<CheckReport>,
    copied: bool,
    /// No browser started for this help page: its address is shown to copy.
    open_failed: Option<String>,
    /// A company server's own certificate authority, picked to be trusted.
    ca: certificate::State,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Open the page that fixes the problem.
    OpenHelp(String),
    /// Copy the help page's address (no browser started).
    CopyUrl(String),
    /// Put the redacted report on the clipboard.
    CopyReport,
    /// "Try again": the same check again, at once (a server that was busy, a network back).
    TryAgain,
    /// Back (or Esc): to the code, keeping what was typed, to change it.
    Back,
    /// "Enter servers yourself": correct the servers of a company account.
    Manual,
    /// Picking and trusting a company's certificate authority.
    Certificate(certificate::Message),
}

/// What the screen borrows from the app.
pub struct Context<'a> {
    pub l10n: &'a Localizer,
    /// Opens the help page (tests stand in for the browser).
    pub browser: Browser,
    /// Asks for the company's certificate file.
    pub pick_file: PickFile,
}

pub enum Event {
    /// The same check again (with the company CA, when one was just trusted).
    TryAgain(Draft),
    /// Back to what was typed.
    Back(Draft),
    /// The servers by hand, starting from these.
    Manual(Draft),
}

impl State {
    pub fn new(draft: Draft, report: Box<CheckReport>) -> Self {
        Self {
            draft,
            report,
            copied: false,
            open_failed: None,
            ca: Default::default(),
        }
    }

    pub fn update(&mut self, message: Message, cx: &Context<'_>) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::OpenHelp(url) => {
                self.open_failed = crate::gui::services::open_page(cx.browser, url);
                None
            }
            Message::CopyUrl(url) => return (iced::clipboard::write(url), None),
            Message::Certificate(m) => return self.certificate(m, cx),
            Message::CopyReport => {
                self.copied = true;
                return (iced::clipboard::write(self.report_text(cx.l10n)), None);
            }
            Message::TryAgain => Some(Event::TryAgain(self.draft.clone())),
            Message::Back => Some(Event::Back(self.draft.clone())),
            Message::Manual => Some(Event::Manual(self.draft.clone())),
        };
        (Task::none(), event)
    }

    /// The certificate card's work; a CA the user trusts is tried at once.
    fn certificate(
        &mut self,
        m: certificate::Message,
        cx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        let (task, event) = self.ca.update(m, cx.pick_file);
        let task = task.map(Message::Certificate);
        let Some(certificate::Event::Trust(path)) = event else {
            return (task, None);
        };
        let draft = Draft {
            ca: Some(path),
            ..self.draft.clone()
        };
        (task, Some(Event::TryAgain(draft)))
    }

    /// The redacted report "Copy report for support" puts on the clipboard.
    pub fn report_text(&self, l: &Localizer) -> String {
        let discovery = match &self.draft.target {
            Target::Provider { id, via_mx } => Some(Discovery::known(
                if *via_mx { Source::Mx } else { Source::Catalog },
                Some(id.clone()),
            )),
            Target::Servers { found: Some(d), .. } => Some(Discovery::from_detection(d)),
            Target::Servers { found: None, .. } => None,
            Target::Saved(a) => Some(Discovery::known(Source::Catalog, a.provider.clone())),
        };
        Report {
            address: Some(self.draft.address.to_string()),
            discovery,
            check: Some((*self.report).clone()),
            ..Report::default()
        }
        .text(l)
    }

    /// Enter: "Try again", or where only the company's certificate can help, its button
    /// (trying again would fail the same way).
    pub fn primary(&self) -> Option<Message> {
        if self.company_ca() {
            return Some(Message::Certificate(self.ca.primary()));
        }
        Some(Message::TryAgain)
    }

    /// Esc: back to the code.
    pub fn back(&self) -> Option<Message> {
        Some(Message::Back)
    }

    pub fn view<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        widget::screen(self.content(l), self.bar(l))
    }

    /// One card per failed protocol: the cause in plain words, the server's own, the fix. One
    /// card for both when they failed for one cause (offline; the same credential refused; the
    /// same certificate problem).
    fn content<'a>(&'a self, l: &Localizer) -> iced::widget::Column<'a, Message> {
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
        reports: &[&ProbeReport],
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
        for line in reports.iter().filter_map(|r| said(l, r, reports.len())) {
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
        widget::card(card)
    }

    /// A company server (no catalog provider's: there an unknown authority means someone in
    /// between) whose certificate no trusted authority signed.
    fn wants_company_ca(&self, r: &ProbeReport) -> bool {
        let unknown = r
            .error
            .as_ref()
            .is_some_and(|e| e.tls_reason == Some(TlsReason::UnknownIssuer));
        unknown && self.draft.target.provider().is_none()
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

    /// Try again is the accent button (Enter), except where the certificate card's is.
    fn bar<'a>(&self, l: &Localizer) -> Element<'a, Message> {
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
        match &self.draft.target {
            Target::Servers { .. } => true,
            Target::Saved(a) => a.provider.is_none(),
            Target::Provider { .. } => false,
        }
    }
}

/// What a server said, for its line under the advice; with both servers on one card, each line
/// names its server.
fn said(l: &Localizer, r: &ProbeReport, servers: usize) -> Option<String> {
    let said = r.error.as_ref().and_then(|e| e.server_text.clone());
    match (servers, said) {
        (1, Some(said)) => Some(l.tr_args(msg::SERVER_SAID, &[("text", said.into())])),
        (_, Some(said)) => Some(format!(
            "{}:{} — {}",
            r.endpoint.host,
            r.endpoint.port,
            l.tr_args(msg::SERVER_SAID, &[("text", said.into())])
        )),
        (1, None) => None,
        (_, None) => Some(format!("{}:{}", r.endpoint.host, r.endpoint.port)),
    }
}
