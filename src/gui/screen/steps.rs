//! Steps: the provider's numbered steps for getting the code, each with a button that opens its
//! page; the admin part first for enterprise mail; the browser sign-in button for providers
//! with OAuth (the only way in for Outlook.com and Microsoft 365).

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length, Task};
use mailsetup::address::Address;
use mailsetup::catalog::{CredentialKind, Provider};
use mailsetup::discover::Detection;
use mailsetup::discover::autoconfig::{Page, pick_text};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::oauth::OAuthError;
use mailsetup::present::messages;
use mailsetup::setup;
use secrecy::{ExposeSecret, SecretString};

use crate::gui::focus::Tab;
use crate::gui::redacted::Redacted;
use crate::gui::services::Browser;
use crate::gui::{style, widget};
use mailsetup::setup::Target;

pub struct State {
    target: Target,
    address: Address,
    /// A page was opened: coming back to the window may bring the code on the clipboard.
    opened: bool,
    /// The browser did not start for this page: its address is shown to copy instead.
    open_failed: Option<String>,
    /// The browser sign-in could not start (this build has no client id for the provider).
    sign_in_error: Option<OAuthError>,
    /// The saved code was refused on its re-test: these steps make a new one.
    renewing: bool,
}

/// What the steps screen borrows from the app.
pub struct Context<'a> {
    pub clients: &'a mailsetup::oauth::Clients,
    pub browser: Browser,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Open a step's page in the browser.
    Open(String),
    /// Copy the page's address (when no browser started).
    CopyUrl(String),
    /// The window has the focus again (back from the provider's page, maybe).
    Focused,
    /// The clipboard's text, read when the focus came back.
    Clipboard(Option<Redacted<SecretString>>),
    /// "I have the code".
    Next,
    /// "Sign in with Microsoft / Google": the provider's page in the browser (OAuth).
    SignIn,
    /// "Enter servers yourself": change the servers found.
    Manual,
    /// "Set it up in my mail app": the app signs in to the provider itself.
    MailApp,
    /// The Back button (same as Esc).
    Back,
}

pub enum Event {
    /// The account, untested, to the user's mail app, which signs in to the provider itself.
    MailApp(Box<mailsetup::store::Account>),
    Next {
        target: Target,
        address: Address,
    },
    /// A code in the provider's format was on the clipboard: the code screen offers it.
    Offer {
        target: Target,
        address: Address,
        code: SecretString,
    },
    SignIn {
        target: Target,
        address: Address,
    },
    Manual {
        target: Target,
        address: Address,
    },
    /// Back to the start, with the address kept.
    Back(Address),
}

impl State {
    pub fn new(target: Target, address: Address) -> Self {
        Self {
            target,
            address,
            opened: false,
            open_failed: None,
            sign_in_error: None,
            renewing: false,
        }
    }

    /// The steps for a new code, said as such: the saved one was refused on its re-test.
    pub fn renewing(target: Target, address: Address) -> Self {
        Self {
            renewing: true,
            ..Self::new(target, address)
        }
    }

    /// Esc: the Back button.
    pub fn back(&self) -> Option<Message> {
        Some(Message::Back)
    }

    fn oauth_only(&self) -> bool {
        self.target
            .provider()
            .is_some_and(|p| p.credential == CredentialKind::OauthOnly)
    }

    /// Enter: "I have the code" (or, where only it works, the browser sign-in).
    pub fn primary(&self) -> Option<Message> {
        Some(Message::Next)
    }

    pub fn update(&mut self, message: Message, cx: &Context<'_>) -> (Task<Message>, Option<Event>) {
        let event = match message {
            // Only catalog links (build.rs: https only) and https pages of an autoconfig file
            // reach here.
            Message::Open(url) => {
                self.opened = true;
                self.open_failed = crate::gui::services::open_page(cx.browser, url);
                None
            }
            Message::CopyUrl(url) => return (iced::clipboard::write(url), None),
            Message::Focused => return (self.read_clipboard(), None),
            Message::Clipboard(text) => self.offer(text),
            // Only the browser sign-in can work here: Enter starts it.
            Message::Next if self.oauth_only() => return self.update(Message::SignIn, cx),
            Message::SignIn => return self.sign_in(cx),
            Message::Next => Some(Event::Next {
                target: self.target.clone(),
                address: self.address.clone(),
            }),
            Message::Manual => Some(Event::Manual {
                target: self.target.clone(),
                address: self.address.clone(),
            }),
            Message::MailApp => self.mail_app(),
            Message::Back => Some(Event::Back(self.address.clone())),
        };
        (Task::none(), event)
    }

    /// Back from the provider's page, the code may be on the clipboard: read it now (and only
    /// now, and only where the provider's codes have a format to recognise) to offer it.
    fn read_clipboard(&self) -> Task<Message> {
        let recognisable = self
            .target
            .provider()
            .is_some_and(|p| p.code_format.is_some());
        if !(self.opened && recognisable) {
            return Task::none();
        }
        iced::clipboard::read()
            .map(|text| Message::Clipboard(text.map(|t| Redacted(SecretString::from(t)))))
    }

    fn offer(&self, text: Option<Redacted<SecretString>>) -> Option<Event> {
        let Redacted(text) = text?;
        let code = setup::clipboard_code(self.target.provider(), text.expose_secret())?;
        Some(Event::Offer {
            target: self.target.clone(),
            address: self.address.clone(),
            code,
        })
    }

    fn sign_in(&mut self, cx: &Context<'_>) -> (Task<Message>, Option<Event>) {
        let Some(provider) = self.target.provider() else {
            return (Task::none(), None);
        };
        // No client id in this build: where only the browser sign-in works, the user's mail
        // app signs in itself (what the screen's button offers); else say so.
        if let Err(e) = mailsetup::oauth::config_with(provider, cx.clients) {
            if self.oauth_only() {
                return (Task::none(), self.mail_app());
            }
            self.sign_in_error = Some(e);
            return (Task::none(), None);
        }
        self.sign_in_error = None;
        let go = Event::SignIn {
            target: self.target.clone(),
            address: self.address.clone(),
        };
        (Task::none(), Some(go))
    }

    /// The account as the provider's catalog entry has it, signing in through the browser.
    fn mail_app(&self) -> Option<Event> {
        let p = self.target.provider()?;
        let (imap, smtp) = p.endpoints(&self.address);
        Some(Event::MailApp(Box::new(mailsetup::store::Account {
            address: self.address.to_string(),
            provider: Some(p.id.clone()),
            imap,
            smtp,
            sign_in: mailsetup::store::SignIn::OAuth,
            saved_at: 0,
            ca: None,
            handed: Vec::new(),
            name: None,
        })))
    }

    /// `clients`: whether this build can sign in to the provider itself (its client id).
    pub fn view<'a>(
        &'a self,
        l: &Localizer,
        clients: &mailsetup::oauth::Clients,
    ) -> Element<'a, Message> {
        let Some(p) = self.target.provider() else {
            return self.generic(l);
        };
        let oauth_only = p.credential == CredentialKind::OauthOnly;
        let can_sign_in = p.oauth.is_some() && mailsetup::oauth::config_with(p, clients).is_ok();
        let title = if oauth_only {
            l.tr_args(msg::GUI_OAUTH_TITLE, &[("provider", l.tr(&p.name).into())])
        } else {
            l.tr_args(
                msg::GUI_STEPS_TITLE,
                &[
                    ("credential", l.tr(p.credential.message_id()).into()),
                    ("provider", l.tr(&p.name).into()),
                ],
            )
        };
        // Whole-pixel lines above the list, so its scrollbar's edge sits on a pixel row.
        let title = text(title)
            .size(style::HEADING)
            .line_height(style::whole(style::HEADING));
        let mut content = column![title].spacing(style::GAP);
        if self.renewing {
            let credential = ("credential", l.tr(p.credential.message_id()).into());
            let said = text(l.tr_args(msg::GUI_RENEW_NOTICE, &[credential]));
            let said = said
                .size(style::BODY)
                .line_height(style::whole(style::BODY));
            content = content.push(said.style(style::text::warning));
        }
        let steps = self.step_list(l, p, can_sign_in);
        let body = scrollable(steps.padding(iced::Padding::ZERO.right(14)))
            .id(widget::BODY)
            .height(Length::Fill);
        content = content.push(body);
        if let Some(failed) = self.open_failed(l) {
            content = content.push(failed);
        }
        if let Some(e) = &self.sign_in_error {
            content = content.push(
                text(messages::oauth_error(l, e, p))
                    .size(style::BODY)
                    .style(style::text::error),
            );
        }
        if let Some(n) = code_note(l, p) {
            content = content.push(text(n).size(style::BODY));
        }
        content.push(self.bar(l, p, can_sign_in)).into()
    }

    /// What was found, the browser sign-in card, the admin note, then the numbered steps.
    fn step_list<'a>(
        &'a self,
        l: &Localizer,
        p: &'a Provider,
        can_sign_in: bool,
    ) -> iced::widget::Column<'a, Message> {
        let oauth_only = p.credential == CredentialKind::OauthOnly;
        let mut list = column![].spacing(12);
        if let Target::Servers { found: Some(d), .. } = &self.target {
            list = list.push(found_line(l, d));
        }
        // Only the browser sign-in works and this build has no client id for it: no button
        // that can only fail; the user's own mail app signs in to the provider itself.
        if oauth_only && !can_sign_in {
            list = list.push(
                container(
                    text(l.tr_args(
                        msg::GUI_OAUTH_NO_CLIENT,
                        &[("provider", l.tr(&p.name).into())],
                    ))
                    .size(style::BODY),
                )
                .padding(12)
                .style(style::card),
            );
        }
        // Gmail: the browser sign-in spares the 2-Step Verification and app password steps.
        if can_sign_in && !oauth_only {
            list = list.push(
                container(
                    row![
                        text(l.tr(msg::OAUTH_GMAIL_ALTERNATIVE))
                            .size(style::BODY)
                            .width(Length::Fill),
                        button(text(messages::oauth_button(l, p)).size(style::SMALL))
                            .style(style::primary)
                            .tab(Message::SignIn),
                    ]
                    .spacing(12)
                    .align_y(iced::Alignment::Center),
                )
                .padding(12)
                .style(style::card),
            );
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
        // One Open button per distinct page, on the first step that needs it, named by its site:
        // five buttons to two pages only made people wonder which one to press.
        let mut opened: Vec<&str> = Vec::new();
        // Without the sign-in here, the steps about it would mislead: only why it is needed.
        let shown = if oauth_only && !can_sign_in {
            &p.steps[..p.steps.len().min(1)]
        } else {
            &p.steps[..]
        };
        for (i, step) in shown.iter().enumerate() {
            let url = p.link(&step.link).unwrap_or_default();
            let first = !url.is_empty() && !opened.contains(&url);
            if first {
                opened.push(url);
            }
            list = list.push(step_card(l, i, step, first.then_some(url)));
        }
        list
    }

    /// Back, and the way on: the code screen, the browser sign-in, or correcting the servers.
    fn bar<'a>(&self, l: &Localizer, p: &Provider, can_sign_in: bool) -> Element<'a, Message> {
        let oauth_only = p.credential == CredentialKind::OauthOnly;
        // Servers found (not the provider's own): they can be corrected by hand.
        let mut right = Vec::new();
        if matches!(self.target, Target::Servers { .. }) {
            right.push(widget::secondary(
                l.tr(msg::GUI_MANUAL_LINK),
                Message::Manual,
            ));
        }
        // No code can work where only browser sign-in does: no code screen behind this one.
        if oauth_only && can_sign_in {
            right.push(widget::primary(
                messages::oauth_button(l, p),
                Some(Message::SignIn),
            ));
        }
        if oauth_only && !can_sign_in {
            right.push(widget::primary(
                l.tr(msg::GUI_OAUTH_VIA_MAIL_APP),
                Some(Message::MailApp),
            ));
        }
        if !oauth_only {
            right.push(widget::primary(
                l.tr(msg::GUI_HAVE_CODE),
                Some(Message::Next),
            ));
        }
        widget::bottom_bar(
            Some(widget::secondary(l.tr(msg::GUI_BACK), Message::Back)),
            right,
        )
    }

    /// No browser started: the page's address, to copy into one.
    fn open_failed<'a>(&'a self, l: &Localizer) -> Option<Element<'a, Message>> {
        let url = self.open_failed.as_ref()?;
        Some(widget::open_failed(l, url, Message::CopyUrl(url.clone())))
    }

    /// Servers found for a domain no catalog provider covers: where they were found, the
    /// provider's own "enable first" and help pages, and what to sign in with.
    fn generic<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let (name, found) = match &self.target {
            Target::Servers { found: Some(d), .. } => (
                d.display_name
                    .clone()
                    .unwrap_or_else(|| self.address.domain().to_string()),
                Some(d),
            ),
            _ => (self.address.domain().to_string(), None),
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
        if let Some(failed) = self.open_failed(l) {
            list = list.push(failed);
        }
        column![
            text(l.tr_args(msg::GUI_GENERIC_TITLE, &[("name", name.into())]))
                .size(style::HEADING)
                .line_height(style::whole(style::HEADING)),
            scrollable(list.padding(iced::Padding::ZERO.right(14)))
                .id(widget::BODY)
                .height(Length::Fill),
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

/// A page's site as people read it: its host without `www.` (`mail.qq.com`).
fn site(url: &str) -> String {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(host).to_string()
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
            text(words).size(style::BODY).width(Length::Fill),
            button(
                text(l.tr_args(msg::GUI_OPEN_SITE, &[("site", site(&p.url).into())]))
                    .size(style::SMALL)
            )
            .style(style::secondary)
            .tab(Message::Open(p.url.clone())),
        ]
        .spacing(12)
        .align_y(iced::Alignment::Center),
    )
    .padding(12)
    .style(style::card)
    .into()
}

/// One numbered step, with the Open button of its page where it is the page's first step.
fn step_card<'a>(
    l: &Localizer,
    i: usize,
    step: &'a mailsetup::catalog::Step,
    open: Option<&'a str>,
) -> Element<'a, Message> {
    let mut words = column![].spacing(4);
    if step.admin {
        words = words.push(
            text(l.tr(msg::GUI_ADMIN_BADGE))
                .size(style::SMALL)
                .style(style::text::error),
        );
    }
    words = words.push(text(l.tr(&step.text)).size(style::BODY));
    let mut line = row![
        text(format!("{}", i + 1)).size(style::HEADING).width(32),
        words.width(Length::Fill),
    ]
    .spacing(12)
    .align_y(iced::Alignment::Center);
    if let Some(url) = open {
        line = line.push(
            button(
                text(l.tr_args(msg::GUI_OPEN_SITE, &[("site", site(url).into())]))
                    .size(style::SMALL),
            )
            .style(style::secondary)
            .tab(Message::Open(url.to_string())),
        );
    }
    container(line).padding(12).style(style::card).into()
}

/// The code's format (16 letters…), or that only the browser sign-in works.
fn code_note(l: &Localizer, p: &Provider) -> Option<String> {
    match (&p.code_format, p.credential) {
        (_, CredentialKind::OauthOnly) if p.oauth.is_none() => {
            Some(l.tr_args(msg::CODE_WARN_OAUTH, &[("provider", l.tr(&p.name).into())]))
        }
        (_, CredentialKind::OauthOnly) => None,
        (Some(f), _) => Some(l.tr_args(
            match f.charset {
                mailsetup::catalog::Charset::Alpha => msg::CODE_FORMAT_ALPHA,
                mailsetup::catalog::Charset::Alnum => msg::CODE_FORMAT_ALNUM,
            },
            &[("length", f.length.into())],
        )),
        (None, _) => None,
    }
}
