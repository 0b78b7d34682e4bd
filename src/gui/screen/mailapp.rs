//! "Where will you read this mail?": the tested account handed to the user's own mail app. The
//! apps found on this computer come first. Thunderbird is set up directly (the account and its
//! code written into its profile); every other app gets its own menu path and each field with a
//! Copy button, the code included (read from the keyring on press, never kept here), and a
//! sentence after each copy saying what the clipboard holds now.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{button, column, pick_list, row, text};
use iced::{Element, Length, Task};
use mailsetup::catalog::{Endpoint, Security};
use mailsetup::handoff::{self, Added, Found, MailApp};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::setup::AddToError;
use mailsetup::store::{Account, SignIn, StoreError};
use secrecy::ExposeSecret;

use crate::gui::component::phone;
use crate::gui::focus::Tab;
use crate::gui::redacted::Redacted;
use crate::gui::{style, widget};
use mailsetup::setup::Accounts;
use secrecy::SecretString;

pub struct State {
    account: Account,
    /// Loaded off the UI thread when the screen opens.
    apps: Vec<Found>,
    chosen: Option<MailApp>,
    profile: Option<PathBuf>,
    adding: bool,
    added: Option<Result<Added, Arc<AddToError>>>,
    /// What the clipboard holds now (the last Copy).
    copied: Option<Field>,
    /// The keyring could not give the code.
    secret_error: Option<SecretProblem>,
    /// A phone's QR code (iPhone, Android).
    phone: Option<phone::State>,
    /// Set the account up in this app as soon as the apps are found ("Add to Thunderbird" on
    /// the success screen).
    add_at_once: Option<MailApp>,
    /// The app did not start after "Open …": why.
    open_failed: Option<String>,
}

/// What the screen needs from the app.
pub struct Context<'a> {
    pub accounts: &'a Accounts,
    pub export_dir: &'a std::path::Path,
    /// The address phones are sent to; `None`: this computer's on the local network.
    pub lan: Option<std::net::IpAddr>,
    pub l10n: &'a Localizer,
    /// Starts the app after "Open …".
    pub start_app: crate::gui::services::StartApp,
}

enum SecretProblem {
    /// Nothing in the keyring any more.
    Gone,
    Failed(Arc<StoreError>),
}

/// A value a mail app asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Address,
    Secret,
    Username,
    ImapHost,
    ImapPort,
    ImapSecurity,
    SmtpHost,
    SmtpPort,
    SmtpSecurity,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The mail apps on this computer were looked for.
    Apps(Vec<Found>),
    /// An app was picked.
    Choose(MailApp),
    /// Another Thunderbird profile was picked.
    Profile(ProfileChoice),
    /// "Add to Thunderbird" (also "Try again" after "Thunderbird is open").
    AddToThunderbird,
    /// "Add to Evolution".
    AddToEvolution,
    /// "Open Thunderbird" (or Evolution) once the account is there.
    Open(MailApp),
    /// The profile was written (or not).
    Added(Result<Added, Arc<AddToError>>),
    /// Copy one field (the code is read from the keyring first).
    Copy(Field),
    /// The code came back from the keyring, for the clipboard only.
    SecretRead(Result<Option<Redacted<SecretString>>, Arc<StoreError>>),
    /// The phone's QR code part.
    Phone(phone::Message),
    /// Back to the screen before.
    Back,
}

pub enum Event {
    Back,
}

/// A Thunderbird profile in the picker, shown by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileChoice(pub handoff::thunderbird::Profile);

impl std::fmt::Display for ProfileChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.sandbox() {
            Some(kind) => write!(f, "{} ({kind})", self.0.name),
            None => f.write_str(&self.0.name),
        }
    }
}

impl State {
    /// The screen; with `add_at_once`, that app chosen and the account set up in it as soon as
    /// the apps (and Thunderbird's profiles) are found.
    pub fn new(
        account: Account,
        add_at_once: Option<MailApp>,
        find_apps: crate::gui::services::FindApps,
    ) -> (Self, Task<Message>) {
        let s = Self {
            account,
            apps: Vec::new(),
            chosen: None,
            profile: None,
            adding: false,
            added: None,
            copied: None,
            secret_error: None,
            phone: None,
            add_at_once,
            open_failed: None,
        };
        (s, crate::gui::services::find_apps(find_apps, Message::Apps))
    }

    /// Enter: the bottom bar's "Add to …" or "Open …", where the chosen app has one.
    pub fn primary(&self) -> Option<Message> {
        let app = self.direct_app()?;
        if matches!(self.added, Some(Ok(_))) {
            return Some(Message::Open(app));
        }
        let add = match app {
            MailApp::Evolution => Message::AddToEvolution,
            _ => Message::AddToThunderbird,
        };
        (!self.adding).then_some(add)
    }

    /// The chosen app, where this app sets it up itself and has a place to write to.
    fn direct_app(&self) -> Option<MailApp> {
        let app = self.chosen.filter(|a| a.way() == handoff::Way::Direct)?;
        self.place(app).is_some().then_some(app)
    }

    /// Esc: the Back button.
    pub fn back(&self) -> Option<Message> {
        Some(Message::Back)
    }

    pub fn update(&mut self, message: Message, cx: &Context<'_>) -> (Task<Message>, Option<Event>) {
        let accounts = cx.accounts;
        match message {
            Message::Apps(apps) => {
                // The first app found here is the likely one.
                self.chosen =
                    (self.add_at_once).or_else(|| apps.iter().find(|f| f.installed).map(|f| f.app));
                self.phone = self.chosen.and_then(phone_of).map(phone::State::new);
                self.profile = thunderbird_profiles(&apps)
                    .iter()
                    .find(|p| p.default)
                    .map(|p| p.path.clone());
                self.apps = apps;
                self.added = None;
                // Kept until there is a place to write to (a profile found).
                if let Some(app) = self.add_at_once.filter(|a| self.place(*a).is_some()) {
                    self.add_at_once = None;
                    return (self.add(accounts, app), None);
                }
            }
            Message::Choose(app) => {
                self.chosen = Some(app);
                self.added = None;
                // What the last copy said belongs to the card it was made on.
                self.copied = None;
                self.secret_error = None;
                self.phone = phone_of(app).map(phone::State::new);
            }
            Message::Profile(p) => {
                // What came of the last add belongs to the profile it was written into.
                self.profile = Some(p.0.path);
                self.added = None;
                self.open_failed = None;
            }
            Message::AddToThunderbird => return (self.add(accounts, MailApp::Thunderbird), None),
            Message::AddToEvolution => return (self.add(accounts, MailApp::Evolution), None),
            Message::Open(app) => self.open(app, cx.start_app),
            Message::Added(r) => {
                self.adding = false;
                // Thunderbird will ask for the code once (its profile had no key for saved
                // passwords yet): the code goes on the clipboard for that one paste.
                let asks = matches!(
                    r,
                    Ok(Added::Added {
                        password: false,
                        ..
                    })
                ) && self.account.sign_in == SignIn::Password;
                self.added = Some(r);
                if asks {
                    return (self.copy_secret(accounts), None);
                }
            }
            Message::Copy(Field::Secret) => return (self.copy_secret(accounts), None),
            Message::Copy(field) => {
                self.copied = Some(field);
                return (iced::clipboard::write(self.value(field)), None);
            }
            Message::SecretRead(read) => return (self.secret_read(read), None),
            Message::Phone(m) => {
                let Some(p) = &mut self.phone else {
                    return (Task::none(), None);
                };
                let name = messages::account_title(cx.l10n, &self.account);
                let pcx = phone::Context {
                    accounts,
                    export_dir: cx.export_dir,
                    lan: cx.lan,
                    account: &self.account,
                    name,
                };
                return (p.update(m, &pcx).map(Message::Phone), None);
            }
            Message::Back => return (Task::none(), Some(Event::Back)),
        }
        (Task::none(), None)
    }

    /// Writes the account into `app` (its profile or sources folder), off the UI thread.
    fn add(&mut self, accounts: &Accounts, app: MailApp) -> Task<Message> {
        let Some(place) = self.place(app) else {
            return Task::none();
        };
        self.adding = true;
        self.added = None;
        self.copied = None;
        self.secret_error = None;
        let accounts = accounts.clone();
        let account = self.account.clone();
        Task::perform(
            async move { accounts.add_to(app, account, place).await },
            Message::Added,
        )
    }

    /// Where the account goes in `app`: Thunderbird's chosen profile, Evolution's sources.
    fn place(&self, app: MailApp) -> Option<PathBuf> {
        match app {
            MailApp::Evolution => handoff::evolution::sources_dir(),
            _ => self.profile.clone(),
        }
    }

    /// Starts the app the account was just added to: for Thunderbird, the install its profile
    /// belongs to, on that profile.
    fn open(&mut self, app: MailApp, start: crate::gui::services::StartApp) {
        let cmd = match app {
            MailApp::Evolution => handoff::launch::evolution(),
            _ => {
                let profiles = thunderbird_profiles(&self.apps);
                let Some(p) = profiles
                    .iter()
                    .find(|p| Some(&p.path) == self.profile.as_ref())
                else {
                    return;
                };
                handoff::launch::thunderbird(p)
            }
        };
        self.open_failed = start(cmd).err().map(|e| e.to_string());
    }

    /// Reads the code from the keyring, for the clipboard.
    fn copy_secret(&self, accounts: &Accounts) -> Task<Message> {
        let (accounts, address) = (accounts.clone(), self.account.address.clone());
        let read = async move {
            let secret = accounts.secret(address).await.map_err(Arc::new)?;
            Ok(secret.map(Redacted))
        };
        Task::perform(read, Message::SecretRead)
    }

    /// The code goes to the clipboard and nowhere else; it is not kept here.
    fn secret_read(
        &mut self,
        read: Result<Option<Redacted<SecretString>>, Arc<StoreError>>,
    ) -> Task<Message> {
        match read {
            Ok(Some(Redacted(secret))) => {
                self.copied = Some(Field::Secret);
                self.secret_error = None;
                iced::clipboard::write(secret.expose_secret().to_string())
            }
            Ok(None) => {
                self.secret_error = Some(SecretProblem::Gone);
                Task::none()
            }
            Err(e) => {
                self.secret_error = Some(SecretProblem::Failed(e));
                Task::none()
            }
        }
    }

    fn value(&self, field: Field) -> String {
        let (i, o) = (&self.account.imap, &self.account.smtp);
        match field {
            Field::Address => self.account.address.clone(),
            Field::Username => i.username.clone(),
            Field::ImapHost => i.host.clone(),
            Field::ImapPort => i.port.to_string(),
            Field::ImapSecurity => security(i).into(),
            Field::SmtpHost => o.host.clone(),
            Field::SmtpPort => o.port.to_string(),
            Field::SmtpSecurity => security(o).into(),
            Field::Secret => String::new(),
        }
    }

    pub fn view<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let mut content = column![
            text(l.tr(msg::GUI_MAILAPP_TITLE)).size(style::HEADING),
            text(l.tr(msg::GUI_MAILAPP_HINT)).size(style::BODY),
            self.chooser(l),
        ]
        .spacing(style::GAP);
        match self.chosen {
            Some(MailApp::Thunderbird) => content = content.push(self.thunderbird(l)),
            Some(MailApp::Evolution) if MailApp::Evolution.way() == handoff::Way::Direct => {
                content = content.push(self.evolution(l));
            }
            Some(app) => content = content.push(self.guided(l, app)),
            None => {}
        }
        // The screen's one action stays in view at any window size.
        let action = self.direct_app().map(|app| self.add_or_open(l, app));
        let back = widget::secondary(l.tr(msg::GUI_BACK), Message::Back);
        widget::screen(
            content,
            widget::bottom_bar(Some(back), action.into_iter().collect()),
        )
    }

    /// One button per app, those on this computer first and marked.
    fn chooser<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let buttons = self.apps.iter().map(|f| {
            let mut label = messages::app_name(l, f.app);
            if f.installed {
                label = format!("{label} ✓");
            }
            let chosen = self.chosen == Some(f.app);
            button(text(label).size(style::SMALL))
                .style(if chosen {
                    style::primary
                } else {
                    style::secondary
                })
                .tab(Message::Choose(f.app))
                .into()
        });
        row(buttons).spacing(8).wrap().vertical_spacing(8).into()
    }

    /// Set up directly: the profile, "Add to Thunderbird", and what came of it.
    fn thunderbird<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let profiles: Vec<ProfileChoice> = thunderbird_profiles(&self.apps)
            .iter()
            .cloned()
            .map(ProfileChoice)
            .collect();
        let mut card = column![text(l.tr(msg::GUI_TB_DIRECT)).size(style::BODY)].spacing(10);
        if profiles.is_empty() {
            card = card.push(text(l.tr(msg::HANDOFF_NO_PROFILE)).size(style::BODY));
            return self.card(card.push(self.steps(l, MailApp::Thunderbird)));
        }
        if profiles.len() > 1 {
            let selected = profiles
                .iter()
                .find(|p| Some(&p.0.path) == self.profile.as_ref())
                .cloned();
            card = card.push(
                row![
                    text(l.tr(msg::GUI_TB_PROFILE)).size(style::SMALL),
                    pick_list(profiles, selected, Message::Profile).text_size(style::SMALL),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            );
        }
        // What came of it stands above the button: in view at the smallest window too.
        if let (Some(result), Some(profile)) = (&self.added, &self.profile) {
            card = card.push(self.outcome(l, MailApp::Thunderbird, result, profile));
            // The code on the clipboard for Thunderbird's one question, or why it is not.
            let credential = l.tr(self.credential_id());
            if let Some(said) = self.copied_line(l, &credential) {
                card = card.push(text(said).size(style::SMALL).style(style::text::success));
            }
        }
        self.card(card.extend(self.open_failed_line(l, MailApp::Thunderbird)))
    }

    /// Set up directly: "Add to Evolution", and what came of it.
    fn evolution<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let mut card = column![text(l.tr(msg::GUI_EVOLUTION_DIRECT)).size(style::BODY)].spacing(10);
        if let (Some(result), Some(dir)) = (&self.added, handoff::evolution::sources_dir()) {
            card = card.push(self.outcome(l, MailApp::Evolution, result, &dir));
        }
        self.card(card.extend(self.open_failed_line(l, MailApp::Evolution)))
    }

    /// "Add to …", or once the account is there, "Open …" (and why it did not start).
    fn add_or_open<'a>(&self, l: &Localizer, app: MailApp) -> Element<'a, Message> {
        let label = if matches!(self.added, Some(Ok(_))) {
            l.tr_args(
                msg::GUI_OPEN_APP,
                &[("app", messages::app_name(l, app).into())],
            )
        } else if app == MailApp::Evolution {
            l.tr(msg::GUI_ADD_TO_EVOLUTION)
        } else {
            l.tr(msg::GUI_ADD_TO_THUNDERBIRD)
        };
        widget::primary(label, self.primary())
    }

    /// Why the app did not start after "Open …".
    fn open_failed_line<'a>(&self, l: &Localizer, app: MailApp) -> Option<Element<'a, Message>> {
        let reason = self.open_failed.as_ref()?;
        let args = [
            ("app", messages::app_name(l, app).into()),
            ("reason", reason.clone().into()),
        ];
        let failed = text(l.tr_args(msg::GUI_OPEN_APP_FAILED, &args)).size(style::SMALL);
        Some(failed.style(style::text::error).into())
    }

    /// What a direct set-up came to, in green or red.
    fn outcome<'a>(
        &self,
        l: &Localizer,
        app: MailApp,
        result: &Result<Added, Arc<AddToError>>,
        place: &std::path::Path,
    ) -> Element<'a, Message> {
        let (line, ok) = match result {
            Ok(added) => (messages::added(l, app, &self.account, added, place), true),
            Err(e) => (messages::add_to_error(l, app, e, place), false),
        };
        let style = if ok {
            style::text::success
        } else {
            style::text::error
        };
        text(line).size(style::BODY).style(style).into()
    }

    /// Guided: the phone's QR code first (the least typing), the app's own menu path, then each
    /// field with Copy.
    fn guided<'a>(&'a self, l: &Localizer, app: MailApp) -> Element<'a, Message> {
        if app == MailApp::WindowsMail {
            return self.retired(l);
        }
        let mut card = column![].spacing(8);
        // An iPhone profile carries only a password: a browser sign-in is set up on the phone.
        let profile_works = app != MailApp::Iphone || self.account.sign_in == SignIn::Password;
        if let (Some(p), true) = (&self.phone, profile_works) {
            card = card.push(p.view(l, &self.account).map(Message::Phone));
            card = card.push(iced::widget::rule::horizontal(1));
        }
        card = card.push(self.steps(l, app));
        // NetEase refuses Thunderbird for Android's IMAP without ID: its setting sends it.
        let needs_id = (self.account.provider.as_deref())
            .and_then(|id| mailsetup::catalog::Catalog::builtin().by_id(id))
            .is_some_and(|p| p.needs_imap_id);
        if app == MailApp::Android && needs_id {
            let tip = text(l.tr(msg::GUI_ANDROID_CLIENT_INFO)).size(style::BODY);
            card = card.push(tip.style(style::text::warning));
        }
        let credential = l.tr(self.credential_id());
        let oauth = self.account.sign_in == SignIn::OAuth;
        let mut fields = vec![(Field::Address, l.tr(msg::GUI_FIELD_ADDRESS))];
        if !oauth {
            fields.push((Field::Secret, capitalized(&credential)));
        }
        if self.account.imap.username != self.account.address {
            fields.push((Field::Username, l.tr(msg::GUI_FIELD_USERNAME)));
        }
        let servers = [
            (Field::ImapHost, msg::GUI_FIELD_IMAP_HOST),
            (Field::ImapPort, msg::GUI_FIELD_IMAP_PORT),
            (Field::ImapSecurity, msg::GUI_FIELD_IMAP_SECURITY),
            (Field::SmtpHost, msg::GUI_FIELD_SMTP_HOST),
            (Field::SmtpPort, msg::GUI_FIELD_SMTP_PORT),
            (Field::SmtpSecurity, msg::GUI_FIELD_SMTP_SECURITY),
        ];
        fields.extend(servers.iter().map(|(f, id)| (*f, l.tr(id))));
        // What the clipboard holds now is said under the row just copied, where the eyes are.
        let said_at = match self.secret_error {
            Some(_) => Some(Field::Secret),
            None => self.copied,
        };
        for (field, label) in fields {
            card = card.push(self.field_row(l, field, label));
            if said_at == Some(field)
                && let Some(said) = self.copied_line(l, &credential)
            {
                card = card.push(text(said).size(style::SMALL).style(style::text::success));
            }
        }
        if oauth {
            card = card.push(text(l.tr(msg::GUI_GUIDE_OAUTH)).size(style::SMALL));
        }
        self.card(card)
    }

    /// Windows Mail stopped working on 31 Dec 2024: no steps, the way to Outlook's card.
    fn retired<'a>(&self, l: &Localizer) -> Element<'a, Message> {
        let said = text(l.tr(msg::GUI_WINDOWS_MAIL_RETIRED)).size(style::BODY);
        let outlook = messages::app_name(l, MailApp::Outlook);
        let go = widget::secondary(outlook, Message::Choose(MailApp::Outlook));
        self.card(column![said, go].spacing(10))
    }

    fn field_row<'a>(&'a self, l: &Localizer, field: Field, label: String) -> Element<'a, Message> {
        let value = match field {
            Field::Secret => "••••••••".to_string(),
            other => self.value(other),
        };
        let copied = self.copied == Some(field);
        row![
            text(label).size(style::SMALL).width(Length::FillPortion(2)),
            text(value).size(style::SMALL).width(Length::FillPortion(3)),
            widget::copy_button(l, copied, Message::Copy(field)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center)
        .into()
    }

    /// What the clipboard holds now, said after each copy.
    fn copied_line(&self, l: &Localizer, credential: &str) -> Option<String> {
        match &self.secret_error {
            Some(SecretProblem::Gone) => {
                let cred = ("credential", credential.to_string().into());
                return Some(l.tr_args(msg::GUI_SECRET_GONE, &[cred]));
            }
            Some(SecretProblem::Failed(e)) => return Some(messages::store_error(l, e)),
            None => {}
        }
        let field = self.copied?;
        Some(match field {
            Field::Secret => l.tr_args(
                msg::GUI_COPIED_SECRET,
                &[("credential", credential.to_string().into())],
            ),
            other => l.tr_args(
                msg::GUI_COPIED_FIELD,
                &[("value", self.value(other).into())],
            ),
        })
    }

    fn steps<'a>(&self, l: &Localizer, app: MailApp) -> Element<'a, Message> {
        let credential = l.tr(self.credential_id());
        text(l.tr_args(guide_id(app), &[("credential", credential.into())]))
            .size(style::BODY)
            .into()
    }

    fn credential_id(&self) -> &'static str {
        mailsetup::setup::Target::saved(&self.account).credential_id()
    }

    fn card<'a>(&self, content: iced::widget::Column<'a, Message>) -> Element<'a, Message> {
        widget::card(content)
    }
}

/// A label from a name used mid-sentence ("authorization code" → "Authorization code").
fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The phones that take the account from a QR code.
fn phone_of(app: MailApp) -> Option<mailsetup::setup::Phone> {
    match app {
        MailApp::Iphone => Some(mailsetup::setup::Phone::Iphone),
        MailApp::Android => Some(mailsetup::setup::Phone::Android),
        _ => None,
    }
}

fn thunderbird_profiles(apps: &[Found]) -> &[handoff::thunderbird::Profile] {
    apps.iter()
        .find(|f| f.app == MailApp::Thunderbird)
        .map(|f| f.profiles.as_slice())
        .unwrap_or_default()
}

/// As mail apps name it.
fn security(e: &Endpoint) -> &'static str {
    match e.security {
        Security::Tls => "SSL/TLS",
        Security::Starttls => "STARTTLS",
    }
}

/// The app's own menu path to add an account.
fn guide_id(app: MailApp) -> &'static str {
    match app {
        MailApp::Thunderbird => msg::GUIDE_THUNDERBIRD,
        MailApp::Evolution => msg::GUIDE_EVOLUTION,
        MailApp::Outlook => msg::GUIDE_OUTLOOK,
        MailApp::Foxmail => msg::GUIDE_FOXMAIL,
        MailApp::WindowsMail => msg::GUI_WINDOWS_MAIL_RETIRED,
        MailApp::MailMaster => msg::GUIDE_MAIL_MASTER,
        MailApp::AppleMail => msg::GUIDE_APPLE_MAIL,
        MailApp::Iphone => msg::GUIDE_IPHONE,
        MailApp::Android => msg::GUIDE_ANDROID,
        MailApp::Program => msg::GUIDE_PROGRAM,
    }
}
