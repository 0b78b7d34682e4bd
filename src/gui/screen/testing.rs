//! Testing: IMAP and SMTP rows with their live stages and elapsed time. Cancel works at any
//! moment (the check task is aborted) and nothing is saved.

use std::time::{Duration, Instant};

use futures::StreamExt;
use iced::widget::{column, container, progress_bar, row, text};
use iced::{Element, Length, Subscription, Task};
use mailsetup::check::CheckReport;
use mailsetup::i18n::{Localizer, msg};
use mailsetup::oauth::OAuthError;
use mailsetup::present::messages;
use mailsetup::probe::{Progress, Protocol, Stage, StageState};
use mailsetup::setup::repair::{Verdict, verdict_of};
use mailsetup::setup::{Outcome, SetupError};
use mailsetup::store::{Account, SignIn};
use secrecy::SecretString;

use crate::gui::{style, widget};
use mailsetup::setup::{Accounts, Draft, Servers};

/// Stages a probe usually goes through, for the progress bar; the round trip adds its own
/// (sending; waiting and removing).
const EXPECTED_STAGES: f32 = 8.0;
const ROUND_TRIP_STAGES: f32 = 2.0;

/// What a check borrows from the app.
pub struct Context<'a> {
    /// The launch's servers (and CA file), which replace the target's.
    pub servers: &'a Servers,
    pub accounts: &'a Accounts,
    pub clients: &'a mailsetup::oauth::Clients,
    /// The round trip's letter, when the user wants a test message sent to themselves.
    pub letter: Option<mailsetup::probe::roundtrip::Letter>,
}

pub struct State {
    draft: Draft,
    started: Instant,
    now: Instant,
    imap: Vec<(Stage, StageState)>,
    smtp: Vec<(Stage, StageState)>,
    /// A test message is sent to the address itself after the sign-ins.
    round_trip: bool,
    /// When the watch for the test message began (its wait is shown counting).
    receiving: Option<Instant>,
    setup_error: Option<SetupError>,
    /// The secret is the keyring's (a saved account's re-test), not one just typed.
    retest: bool,
    /// Dropping it aborts the check: leaving this screen by any route cancels.
    _task: Option<iced::task::Handle>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// A stage started or ended.
    Progress(Progress),
    /// Both probes are done; with the secret to keep (a rotated refresh token, maybe).
    Finished(Box<Outcome>),
    /// A saved browser sign-in could not be renewed (revoked, expired…): sign in again.
    SignInFailed(OAuthError),
    /// Redraw the elapsed time.
    Tick(Instant),
    /// The Cancel button.
    Cancel,
}

pub enum Event {
    Cancelled(Draft),
    Finished(Draft, Box<CheckReport>),
    SignInFailed(Draft, OAuthError),
    /// The saved code, re-tested, was refused by both servers: the provider revoked it.
    Revoked(Draft),
}

impl State {
    /// A check of what the user gave: a code, or a browser sign-in with the access token just
    /// received, else one renewed from the refresh token in `draft` (a saved account's: a
    /// rotated token is saved at once). The launch's servers replace the target's (not a saved
    /// account's).
    pub fn start(draft: Draft, cx: &Context<'_>) -> (Self, Task<Message>) {
        let attempt = draft.attempt(cx.servers, cx.clients, cx.letter.clone());
        let prepared = match attempt.prepare() {
            Ok(p) => p,
            Err(e) => return Self::failed(draft, e),
        };
        let keep = draft.saved.then(|| cx.accounts.clone());
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let progress = futures::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|p| (Message::Progress(p), rx))
        });
        let done = futures::stream::once(async move {
            match prepared.run(Some(tx), keep.as_ref()).await {
                Ok(outcome) => Message::Finished(Box::new(outcome)),
                Err(e) => Message::SignInFailed(e),
            }
        });
        // Progress ends when the check drops its senders, so the report always comes last.
        let stream = futures::stream::select(progress, done);
        let (task, handle) = Task::stream(stream.boxed()).abortable();
        let mut state = Self::new(draft, None, Some(handle.abort_on_drop()));
        state.round_trip = cx.letter.is_some();
        (state, task)
    }

    /// Re-test a saved account with its saved servers and the code (or sign-in) from the
    /// keyring; the certificate authority kept with it, else the launch's.
    pub fn retest(
        account: Account,
        secret: SecretString,
        cx: &Context<'_>,
    ) -> Option<(Self, Task<Message>)> {
        let draft = Draft::saved(&account, secret, cx.accounts)?;
        let (mut s, task) = Self::start(draft, cx);
        s.retest = true;
        Some((s, task))
    }

    fn failed(draft: Draft, error: SetupError) -> (Self, Task<Message>) {
        (Self::new(draft, Some(error), None), Task::none())
    }

    fn new(
        draft: Draft,
        setup_error: Option<SetupError>,
        task: Option<iced::task::Handle>,
    ) -> Self {
        let now = Instant::now();
        Self {
            draft,
            started: now,
            now,
            imap: Vec::new(),
            smtp: Vec::new(),
            round_trip: false,
            receiving: None,
            setup_error,
            retest: false,
            _task: task,
        }
    }

    /// Enter does nothing while the check runs.
    /// What is being tested (the tests read it).
    #[cfg(test)]
    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    pub fn primary(&self) -> Option<Message> {
        None
    }

    /// Esc neither: the check is left with Cancel, which says it stops.
    pub fn back(&self) -> Option<Message> {
        None
    }

    pub fn subscription(&self) -> Subscription<Message> {
        iced::time::every(Duration::from_millis(200)).map(Message::Tick)
    }

    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::Progress(p) => {
                if p.stage == Stage::Receive {
                    self.receiving = (p.state == StageState::Started).then(Instant::now);
                }
                let rows = match p.protocol {
                    Protocol::Imap => &mut self.imap,
                    Protocol::Smtp => &mut self.smtp,
                };
                match rows
                    .iter_mut()
                    .rev()
                    .find(|(s, st)| *s == p.stage && *st == StageState::Started)
                {
                    Some(row) if p.state != StageState::Started => row.1 = p.state,
                    _ => rows.push((p.stage, p.state)),
                }
                None
            }
            Message::Finished(outcome) => {
                // A re-test signs in with the kept secret: the code, or a (rotated) refresh token.
                self.draft.keep(outcome.keep);
                let revoked = self.retest
                    && self.draft.sign_in() == SignIn::Password
                    && verdict_of(&outcome.report) == Verdict::Refused;
                if revoked {
                    return (Task::none(), Some(Event::Revoked(self.draft.clone())));
                }
                Some(Event::Finished(
                    self.draft.clone(),
                    Box::new(outcome.report),
                ))
            }
            Message::SignInFailed(e) => Some(Event::SignInFailed(self.draft.clone(), e)),
            Message::Tick(now) => {
                self.now = now;
                None
            }
            Message::Cancel => {
                self._task = None;
                Some(Event::Cancelled(self.draft.clone()))
            }
        };
        (Task::none(), event)
    }

    fn expected_stages(&self) -> f32 {
        if self.round_trip {
            EXPECTED_STAGES + ROUND_TRIP_STAGES
        } else {
            EXPECTED_STAGES
        }
    }

    fn row<'a>(
        &'a self,
        l: &Localizer,
        protocol: Protocol,
        rows: &'a [(Stage, StageState)],
    ) -> Element<'a, Message> {
        let finished = rows
            .iter()
            .filter(|(_, s)| matches!(s, StageState::Done { .. }))
            .count();
        let failed = rows
            .iter()
            .any(|(_, s)| matches!(s, StageState::Failed { .. }));
        // Signed off: this side is done, however many stages it took.
        let complete = rows.iter().any(|(stage, state)| {
            matches!(stage, Stage::Logout | Stage::Quit) && matches!(state, StageState::Done { .. })
        });
        let finished = if complete {
            self.expected_stages()
        } else {
            finished as f32
        };
        let waiting = self.receiving.filter(|_| protocol == Protocol::Imap);
        let current = rows
            .last()
            .map(|(stage, state)| {
                if let (Some(since), Stage::Receive) = (waiting, stage) {
                    let seconds = self.now.saturating_duration_since(since).as_secs();
                    return l.tr_args(msg::ROUND_TRIP_WAITING, &[("seconds", seconds.into())]);
                }
                let mark = match state {
                    StageState::Started => "…",
                    StageState::Done { .. } => "✓",
                    StageState::Failed { .. } => "×",
                };
                format!("{} {mark}", l.tr(stage.message_id()))
            })
            .unwrap_or_else(|| l.tr(msg::GUI_WAITING));
        let color = if failed {
            style::text::error
        } else {
            style::text::muted
        };
        container(
            column![
                row![
                    text(l.tr(protocol.message_id()))
                        .size(style::HEADING)
                        .width(Length::Fill),
                    text(current).size(style::BODY).style(color),
                ]
                .align_y(iced::Alignment::Center),
                progress_bar(0.0..=self.expected_stages(), finished).girth(10),
            ]
            .spacing(10),
        )
        .padding(14)
        .style(style::card)
        .into()
    }

    pub fn view<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let elapsed = self.now.saturating_duration_since(self.started).as_secs();
        let mut content = column![
            text(l.tr_args(
                msg::GUI_TESTING_TITLE,
                &[("address", self.draft.address.to_string().into())]
            ))
            .size(style::HEADING),
            self.row(l, Protocol::Imap, &self.imap),
            self.row(l, Protocol::Smtp, &self.smtp),
            text(l.tr_args(msg::GUI_SECONDS, &[("seconds", elapsed.into())])).size(style::BODY),
        ]
        .spacing(style::GAP);
        if let Some(e) = &self.setup_error {
            let line = messages::setup_error(l, e);
            content = content.push(text(line).size(style::BODY));
        }
        widget::screen(
            content,
            widget::bottom_bar(
                None,
                vec![widget::secondary(l.tr(msg::GUI_CANCEL), Message::Cancel)],
            ),
        )
    }
}
