//! The wizard's order: which screen each screen's event leads to. Screens are built here and
//! only here, so no screen knows another.

use iced::Task;
use mailsetup::address::Address;
use mailsetup::check::CheckReport;
use mailsetup::handoff::MailApp;
use mailsetup::oauth::OAuthError;
use mailsetup::setup::{Credential, Draft, Servers, Target};
use mailsetup::store::{Account, SignIn};
use secrecy::SecretString;

use super::redacted::Redacted;
use super::screen::{
    credentials, failure, mailapp, manual, signin, start, steps, success, testing,
};
use super::{App, Launch, Message, Screen};

/// What comes after a screen's event: another screen, or work for the app itself.
pub enum Next {
    /// The address first (with what was typed so far).
    Start(String),
    /// The servers by hand, starting from those found; `kept`: the password typed before.
    Manual {
        address: Address,
        found: Option<Target>,
        kept: Option<Credential>,
    },
    Steps(Target, Address),
    /// The code, with one found on the clipboard offered.
    Credentials(Target, Address, Option<SecretString>),
    /// Back to what was typed: the code, or for a browser sign-in the steps (where its button is).
    Edit(Draft),
    SignIn(Target, Address),
    SignInFailed(Draft, OAuthError),
    Test(Draft),
    /// A saved account's re-test with the keyring's secret (`None`: it is gone, ask again).
    Retest(Account, Option<SecretString>),
    Result(Draft, Box<CheckReport>),
    /// The saved code was refused: the provider's steps for a new one.
    Renew(Draft),
    MailApp(Account),
    /// The mail-app screen, setting the account up in this app at once.
    AddTo(Account, MailApp),
    /// Back from the mail app to the screen it was opened over.
    Under,
    /// The round-trip choice, to remember.
    RoundTrip(bool),
    /// An account saved in this session, for whoever launched the window.
    Saved(Box<Account>),
    Exit,
}

/// The launch's first screen: a prefilled launch goes straight to the steps, as a support
/// person asked for; without an address (or one that does not parse) it is typed first.
pub fn first(launch: &Launch) -> (Screen, Task<Message>) {
    let (screen, task) = first_screen(launch);
    (screen, Task::batch([task, link_retest(launch)]))
}

/// A setup link whose address is a saved account: that account's re-test, once its secret is
/// read from the keyring (nothing, for any other address).
fn link_retest(launch: &Launch) -> Task<Message> {
    let address = launch.address.as_deref().map(Address::parse);
    let Some(Ok(address)) = address.filter(|_| launch.from_link) else {
        return Task::none();
    };
    let accounts = launch.accounts.clone();
    let found = async move {
        let address = address.to_string();
        let account = accounts.find(address.clone()).await.ok().flatten()?;
        let secret = accounts.secret(address).await.ok().flatten();
        Some((account, secret))
    };
    Task::future(found).then(|found| match found {
        Some((a, s)) => Task::done(Message::Retest(Box::new(a), Redacted(s))),
        None => Task::none(),
    })
}

fn first_screen(launch: &Launch) -> (Screen, Task<Message>) {
    let provider = launch.provider.as_deref().and_then(Target::provider_id);
    let address = launch.address.as_deref().map(Address::parse);
    if let (Some(t), Some(Ok(address))) = (provider, address) {
        return (Screen::Steps(steps::State::new(t, address)), Task::none());
    }
    let typed = launch.address.clone().unwrap_or_default();
    let (mut s, task) = start::State::new(typed, &launch.accounts);
    if let Some(n) = &launch.notice {
        s.set_notice(n.clone());
    }
    (Screen::Start(s), task.map(Message::Start))
}

impl App {
    /// Shows `screen`, leaving the mail app if it was open.
    fn show(&mut self, screen: Screen) {
        self.under = None;
        self.screen = screen;
    }

    pub(super) fn go(&mut self, next: Next) -> Task<Message> {
        match next {
            Next::Start(typed) => {
                let (s, task) = start::State::new(typed, &self.accounts);
                self.show(Screen::Start(s));
                task.map(Message::Start)
            }
            Next::Manual {
                address,
                found,
                kept,
            } => {
                let (m, task) = manual::State::new(address, found.as_ref());
                self.show(Screen::Manual(match kept {
                    Some(c) => m.keeping(c),
                    None => m,
                }));
                task.map(Message::Manual)
            }
            Next::Steps(target, address) => {
                self.show(Screen::Steps(steps::State::new(target, address)));
                Task::none()
            }
            Next::Credentials(target, address, offer) => {
                let (c, task) = match offer {
                    Some(code) => credentials::State::with_offer(target, address, code),
                    None => credentials::State::new(target, address),
                };
                self.show(Screen::Credentials(c));
                task.map(Message::Credentials)
            }
            Next::Edit(draft) if draft.sign_in() == SignIn::OAuth => {
                self.go(Next::Steps(draft.target, draft.address))
            }
            Next::Edit(draft) => {
                let (c, task) = credentials::State::resume(draft);
                self.show(Screen::Credentials(c));
                task.map(Message::Credentials)
            }
            Next::SignIn(target, address) => self.sign_in(target, address),
            Next::SignInFailed(draft, e) => {
                let s = signin::State::failed(draft.target, draft.address, e);
                self.show(Screen::SignIn(s));
                Task::none()
            }
            Next::Test(draft) => {
                let (t, check) = testing::State::start(draft, &self.testing_cx());
                self.show(Screen::Testing(t));
                check.map(Message::Testing)
            }
            Next::Retest(account, secret) => self.retest(account, secret),
            Next::Result(draft, report) => self.result(draft, report),
            Next::Renew(draft) => {
                let s = steps::State::renewing(draft.target, draft.address);
                self.show(Screen::Steps(s));
                Task::none()
            }
            Next::MailApp(account) => self.mail_app(account, None),
            Next::AddTo(account, app) => self.mail_app(account, Some(app)),
            Next::Under => {
                if let Some(under) = self.under.take() {
                    self.screen = *under;
                }
                Task::none()
            }
            Next::RoundTrip(on) => self.remember_round_trip(on),
            Next::Saved(account) => {
                let mut saved = self.saved.lock().unwrap_or_else(|e| e.into_inner());
                saved.retain(|a| a.address != account.address);
                saved.push(*account);
                Task::none()
            }
            Next::Exit => iced::exit(),
        }
    }

    /// The mail-app screen over the one it was opened from (Back returns there).
    fn mail_app(&mut self, account: Account, add_at_once: Option<MailApp>) -> Task<Message> {
        let (s, task) = mailapp::State::new(account, add_at_once, self.find_apps);
        let under = std::mem::replace(&mut self.screen, Screen::MailApp(s));
        self.under = Some(Box::new(under));
        task.map(Message::MailApp)
    }

    /// The provider's page in the browser, and the wait for its redirect.
    fn sign_in(&mut self, target: Target, address: Address) -> Task<Message> {
        let pages = mailsetup::present::messages::oauth_pages(&self.l10n);
        let cx = signin_cx(self.browser, &pages, &self.servers, &self.oauth);
        let (s, task) = signin::State::start(target, address, &cx);
        self.show(Screen::SignIn(s));
        task.map(Message::SignIn)
    }

    /// A saved account tested again with its secret; with none left in the keyring, the
    /// browser sign-in or the code is asked for again.
    fn retest(&mut self, account: Account, secret: Option<SecretString>) -> Task<Message> {
        let target = Target::saved(&account);
        let (address, sign_in) = (Address::parse(&account.address), account.sign_in);
        let retest = secret.and_then(|s| testing::State::retest(account, s, &self.testing_cx()));
        if let Some((t, task)) = retest {
            self.show(Screen::Testing(t));
            return task.map(Message::Testing);
        }
        let Ok(address) = address else {
            return Task::none();
        };
        match sign_in {
            SignIn::OAuth => self.go(Next::Steps(target, address)),
            SignIn::Password => self.go(Next::Credentials(target, address, None)),
        }
    }

    /// A passed check is saved on the success screen; a failed one says why.
    fn result(&mut self, draft: Draft, report: Box<CheckReport>) -> Task<Message> {
        if !report.ok() {
            self.show(Screen::Failure(failure::State::new(draft, report)));
            return Task::none();
        }
        let cx = success::Context {
            accounts: &self.accounts,
            export_dir: &self.export_dir,
            find_apps: self.find_apps,
        };
        let (s, save) = success::State::new(draft, report, &cx);
        self.show(Screen::Success(s));
        save.map(Message::Success)
    }

    /// A choice that could not be remembered is asked again next time: no error.
    fn remember_round_trip(&mut self, on: bool) -> Task<Message> {
        self.round_trip = on;
        let prefs = mailsetup::store::Preferences { round_trip: on };
        let accounts = self.accounts.clone();
        Task::future(async move { accounts.set_preferences(prefs).await }).discard()
    }

    /// What a check borrows: the launch's servers, the accounts, the OAuth clients, and the
    /// round trip's letter when the user wants one.
    fn testing_cx(&self) -> testing::Context<'_> {
        testing::Context {
            servers: &self.servers,
            accounts: &self.accounts,
            clients: &self.oauth,
            letter: self
                .round_trip
                .then(|| mailsetup::present::messages::letter(&self.l10n)),
        }
    }
}

/// What the sign-in screen borrows. Built from the app's fields, not `&self`, because the
/// screen itself is borrowed mutably beside it.
pub fn signin_cx<'a>(
    browser: super::Browser,
    pages: &'a mailsetup::oauth::Pages,
    servers: &'a Servers,
    clients: &'a mailsetup::oauth::Clients,
) -> signin::Context<'a> {
    signin::Context {
        browser,
        pages,
        ca_file: servers.ca_file.as_deref(),
        clients,
    }
}

impl From<start::Event> for Next {
    fn from(e: start::Event) -> Self {
        match e {
            start::Event::Continue { target, address } => Next::Steps(target, address),
            start::Event::Manual { address, found } => Next::Manual {
                address,
                found,
                kept: None,
            },
            start::Event::MailApp(account) => Next::MailApp(account),
            start::Event::Retest(account, secret) => Next::Retest(account, secret),
        }
    }
}

impl From<manual::Event> for Next {
    fn from(e: manual::Event) -> Self {
        match e {
            // Back from a failed test: straight to the password, still typed.
            manual::Event::Continue {
                target,
                address,
                kept: Some(credential),
            } => Next::Edit(Draft::new(*target, address, credential)),
            manual::Event::Continue {
                target, address, ..
            } => Next::Steps(*target, address),
            manual::Event::Back(address) => Next::Start(address.to_string()),
        }
    }
}

impl From<steps::Event> for Next {
    fn from(e: steps::Event) -> Self {
        match e {
            steps::Event::Next { target, address } => Next::Credentials(target, address, None),
            steps::Event::Offer {
                target,
                address,
                code,
            } => Next::Credentials(target, address, Some(code)),
            steps::Event::SignIn { target, address } => Next::SignIn(target, address),
            steps::Event::Manual { target, address } => Next::Manual {
                address,
                found: Some(target),
                kept: None,
            },
            steps::Event::MailApp(account) => Next::MailApp(*account),
            steps::Event::Back(address) => Next::Start(address.to_string()),
        }
    }
}

impl From<signin::Event> for Next {
    fn from(e: signin::Event) -> Self {
        match e {
            signin::Event::SignedIn {
                target,
                address,
                credential,
                name,
            } => {
                // Signing in again for a saved account renews it; it replaces no one else's.
                let saved = matches!(target, Target::Saved(_));
                Next::Test(Draft {
                    saved,
                    renewed: saved,
                    name,
                    ..Draft::new(target, address, credential)
                })
            }
            signin::Event::Back { target, address } => Next::Steps(target, address),
        }
    }
}

impl From<credentials::Event> for Next {
    fn from(e: credentials::Event) -> Self {
        match e {
            credentials::Event::Test(draft) => Next::Test(*draft),
            credentials::Event::RoundTrip(on) => Next::RoundTrip(on),
            credentials::Event::Back { target, address } => Next::Steps(target, address),
        }
    }
}

impl From<testing::Event> for Next {
    fn from(e: testing::Event) -> Self {
        match e {
            testing::Event::Cancelled(draft) => Next::Edit(draft),
            testing::Event::SignInFailed(draft, e) => Next::SignInFailed(draft, e),
            testing::Event::Finished(draft, report) => Next::Result(draft, report),
            testing::Event::Revoked(draft) => Next::Renew(draft),
        }
    }
}

impl From<success::Event> for Next {
    fn from(e: success::Event) -> Self {
        match e {
            success::Event::Saved(account) => Next::Saved(account),
            success::Event::MailApp(account) => Next::MailApp(*account),
            success::Event::AddTo(account, app) => Next::AddTo(*account, app),
            success::Event::AddAnother => Next::Start(String::new()),
            success::Event::Done => Next::Exit,
        }
    }
}

impl From<failure::Event> for Next {
    fn from(e: failure::Event) -> Self {
        match e {
            failure::Event::TryAgain(draft) => Next::Test(draft),
            failure::Event::Back(draft) => Next::Edit(draft),
            failure::Event::Manual(draft) => {
                let password = draft.sign_in() == SignIn::Password;
                Next::Manual {
                    address: draft.address,
                    found: Some(draft.target),
                    kept: password.then_some(draft.credential),
                }
            }
        }
    }
}

impl From<mailapp::Event> for Next {
    fn from(e: mailapp::Event) -> Self {
        match e {
            mailapp::Event::Back => Next::Under,
        }
    }
}
