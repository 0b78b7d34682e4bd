//! Testing: IMAP and SMTP rows with their live stages and elapsed time. Cancel works at any
//! moment (the check task is aborted) and nothing is saved.

use std::time::{Duration, Instant};

use futures::StreamExt;
use iced::widget::{column, container, progress_bar, row, text};
use iced::{Element, Length, Subscription, Task};
use mailsetup::check::{self, CheckReport, CheckRequest};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::messages;
use mailsetup::oauth::OAuthError;
use mailsetup::probe::{Progress, Protocol, Stage, StageState};
use mailsetup::setup::{self, SetupError, Target};
use mailsetup::store::{Account, SignIn};
use secrecy::SecretString;

use crate::gui::{Accounts, Input, Servers, style, widget};

/// Stages a probe usually goes through, for the progress bar.
const EXPECTED_STAGES: f32 = 8.0;

pub struct State {
    input: Input,
    started: Instant,
    now: Instant,
    imap: Vec<(Stage, StageState)>,
    smtp: Vec<(Stage, StageState)>,
    setup_error: Option<SetupError>,
    /// Dropping it aborts the check: leaving this screen by any route cancels.
    _task: Option<iced::task::Handle>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// A stage started or ended.
    Progress(Progress),
    /// Both probes are done.
    Finished(Box<CheckReport>),
    /// The provider sent a new refresh token with the access token: it is the one to keep.
    Refreshed(SecretString),
    /// A saved browser sign-in could not be renewed (revoked, expired…): sign in again.
    SignInFailed(OAuthError),
    /// Redraw the elapsed time.
    Tick(Instant),
    /// The Cancel button.
    Cancel,
}

pub enum Event {
    Cancelled(Input),
    Finished(Input, Box<CheckReport>),
    SignInFailed(Input, OAuthError),
}

/// The access token for a check of a browser sign-in, and a rotated refresh token if any.
type Access = Result<(SecretString, Option<SecretString>), OAuthError>;

impl State {
    /// A new check with the target's servers, unless the launch named servers of its own.
    pub fn start(input: Input, servers: &Servers) -> (Self, Task<Message>) {
        let request = input
            .target
            .servers(&input.address, servers)
            .and_then(|endpoints| {
                setup::request(
                    input.target.provider(),
                    &input.address,
                    endpoints,
                    input.secret.clone(),
                    servers.ca_file.as_deref(),
                )
            });
        match request {
            Ok(request) => {
                let code = request.secret.clone();
                Self::run(input, request, async move { Ok((code, None)) })
            }
            Err(e) => Self::failed(input, e),
        }
    }

    /// A check of a browser sign-in: with the access token just received, or else one renewed
    /// from the refresh token in `input` (a saved account's: a rotated token is saved at once).
    pub fn start_oauth(
        input: Input,
        servers: &Servers,
        access: Option<SecretString>,
        accounts: &Accounts,
    ) -> (Self, Task<Message>) {
        let Some(provider) = input.target.provider() else {
            let domain = input.address.domain().to_string();
            return Self::failed(input, SetupError::UnknownProvider(domain));
        };
        let ca_file = servers.ca_file.clone();
        let request = input.target.servers(&input.address, servers).and_then(|e| {
            setup::oauth_request(
                provider,
                &input.address,
                e,
                SecretString::from(String::new()),
                ca_file.as_deref(),
            )
        });
        let request = match request {
            Ok(r) => r,
            Err(e) => return Self::failed(input, e),
        };
        let refresh = input.secret.clone();
        let keep = input
            .saved
            .then(|| (accounts.clone(), input.address.to_string()));
        let access = async move {
            if let Some(a) = access {
                return Ok((a, None));
            }
            let keep = keep.as_ref().map(|(a, address)| (a, address.as_str()));
            setup::refresh(provider, &refresh, ca_file.as_deref(), keep)
                .await
                .map(|(a, next)| (a, Some(next)))
        };
        Self::run(input, request, access)
    }

    /// Re-test a saved account with its saved servers and the code (or sign-in) from the
    /// keyring; only the trusted certificates come from the launch.
    pub fn retest(
        account: Account,
        secret: SecretString,
        launch: &Servers,
        accounts: &Accounts,
    ) -> Option<(Self, Task<Message>)> {
        let address = mailsetup::address::Address::parse(&account.address).ok()?;
        let input = Input {
            target: Target::saved(&account),
            address,
            secret,
            sign_in: account.sign_in,
            saved: true,
        };
        let servers = Servers {
            ca_file: launch.ca_file.clone(),
            ..Servers::default()
        };
        Some(match account.sign_in {
            SignIn::Password => Self::start(input, &servers),
            SignIn::OAuth => Self::start_oauth(input, &servers, None, accounts),
        })
    }

    fn run(
        input: Input,
        mut request: CheckRequest,
        access: impl Future<Output = Access> + Send + 'static,
    ) -> (Self, Task<Message>) {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let progress = futures::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|p| (Message::Progress(p), rx))
        });
        let done = futures::stream::once(async move {
            let (secret, rotated) = match access.await {
                Ok(a) => a,
                Err(e) => return vec![Message::SignInFailed(e)],
            };
            request.secret = secret;
            let report = check::run(&request, Some(tx)).await;
            rotated
                .map(Message::Refreshed)
                .into_iter()
                .chain([Message::Finished(Box::new(report))])
                .collect()
        })
        .flat_map(futures::stream::iter);
        // Progress ends when the check drops its senders, so the report always comes last.
        let stream = futures::stream::select(progress, done);
        let (task, handle) = Task::stream(stream.boxed()).abortable();
        (Self::new(input, None, Some(handle.abort_on_drop())), task)
    }

    fn failed(input: Input, error: SetupError) -> (Self, Task<Message>) {
        (Self::new(input, Some(error), None), Task::none())
    }

    fn new(
        input: Input,
        setup_error: Option<SetupError>,
        task: Option<iced::task::Handle>,
    ) -> Self {
        let now = Instant::now();
        Self {
            input,
            started: now,
            now,
            imap: Vec::new(),
            smtp: Vec::new(),
            setup_error,
            _task: task,
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        iced::time::every(Duration::from_millis(200)).map(Message::Tick)
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Progress(p) => {
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
            Message::Finished(report) => Some(Event::Finished(self.input.clone(), report)),
            Message::Refreshed(next) => {
                self.input.secret = next;
                None
            }
            Message::SignInFailed(e) => Some(Event::SignInFailed(self.input.clone(), e)),
            Message::Tick(now) => {
                self.now = now;
                None
            }
            Message::Cancel => {
                self._task = None;
                Some(Event::Cancelled(self.input.clone()))
            }
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
        let current = rows
            .last()
            .map(|(stage, state)| {
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
                progress_bar(0.0..=EXPECTED_STAGES, finished as f32).girth(10),
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
                &[("address", self.input.address.to_string().into())]
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
