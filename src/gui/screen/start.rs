//! Start: type the address (the provider is recognised as you type) or pick a provider tile;
//! below them the saved accounts (`component::saved_accounts`).

use std::sync::Arc;

use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Length, Task};
use mailsetup::address::{Address, AddressError};
use mailsetup::catalog::Catalog;
use mailsetup::discover::{Detection, DiscoverError};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::store::Account;
use secrecy::SecretString;

use crate::gui::component::saved_accounts;
use crate::gui::focus::Tab;
use crate::gui::style;
use mailsetup::setup::{Accounts, Target};

pub const ADDRESS_INPUT: &str = "address";

pub struct State {
    /// The providers offered (the built-in catalog; tests bring their own).
    catalog: &'static Catalog,
    address: String,
    /// Chosen by tile (enterprise mail on the company's own domain) or recognised from the address.
    provider: Option<String>,
    picked: bool,
    /// Next was asked for: from then on, what is wrong with the address is said as it is typed
    /// (not from the first keystroke, when every address is still incomplete).
    submitted: bool,
    /// The saved accounts, with their own buttons.
    saved: saved_accounts::State,
    /// Looking up the servers of a domain that is not a provider's own.
    lookup: Lookup,
    /// Said at the top (a setup link that could not be used).
    launch_notice: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The address field changed.
    AddressChanged(String),
    /// A provider tile was clicked.
    Picked(String),
    /// "Other" was clicked: the provider comes from the address alone.
    Other,
    /// Enter in the field, or the Next button.
    Next,
    /// The saved accounts' part.
    Saved(saved_accounts::Message),
    /// Discovery for an unknown domain finished.
    Detected(Result<Arc<Detection>, Arc<DiscoverError>>),
    /// "Enter servers yourself" (after a lookup, found or not).
    Manual,
}

/// What the screen needs from the app.
pub struct Context<'a> {
    pub accounts: &'a Accounts,
    /// How company domains are looked up.
    pub discovery: &'a mailsetup::discover::DetectOptions,
}

/// Discovery for the typed address; reset whenever it changes.
enum Lookup {
    Idle,
    Looking,
    Found(Arc<Detection>),
    NotFound(Arc<DiscoverError>),
}

pub enum Event {
    Continue {
        target: Target,
        address: Address,
    },
    /// Re-test this saved account with its secret (`None`: the keyring no longer has it).
    Retest(Account, Option<SecretString>),
    /// Hand this saved account to a mail app.
    MailApp(Account),
    /// Type the servers, starting from what was found (if anything).
    Manual {
        address: Address,
        found: Option<Target>,
    },
}

/// What discovery found and from where; for company mail found by MX, the admin note.
fn found<'a>(l: &Localizer, domain: &str, d: &Detection) -> Element<'a, Message> {
    let source = l.tr(d.source.message_id());
    let mut lines = column![
        text(l.tr_args(
            msg::GUI_FOUND,
            &[
                ("domain", domain.to_string().into()),
                ("source", source.into())
            ]
        ))
        .size(style::BODY)
        .style(style::text::success)
    ]
    .spacing(4);
    if let Some(p) = d.provider {
        let name = l.tr(&p.name);
        lines = lines.push(
            text(l.tr_args(msg::GUI_DETECTED, &[("provider", name.clone().into())]))
                .size(style::BODY),
        );
        if d.needs_admin() {
            lines = lines.push(
                text(l.tr_args(msg::DETECT_ADMIN_NOTE, &[("provider", name.into())]))
                    .size(style::SMALL),
            );
        }
    } else {
        lines = lines.push(
            text(l.tr_args(
                msg::GUI_FOUND_SERVERS,
                &[
                    ("imap", format!("{}:{}", d.imap.host, d.imap.port).into()),
                    ("smtp", format!("{}:{}", d.smtp.host, d.smtp.port).into()),
                ],
            ))
            .size(style::SMALL),
        );
    }
    lines.into()
}

/// A provider tile: its badge over its name.
fn tile<'a>(badge: String, color: iced::Color, name: String) -> Element<'a, Message> {
    column![
        container(text(badge).size(style::SMALL))
            .padding([2, 8])
            .style(style::badge_box(color)),
        text(name).size(style::SMALL).center(),
    ]
    .spacing(6)
    .align_x(iced::Alignment::Center)
    .width(Length::Fill)
    .height(Length::Fill)
    .into()
}

impl State {
    /// The screen, and the tasks that read the saved accounts and focus the address field.
    pub fn new(address: String, accounts: &Accounts) -> (Self, Task<Message>) {
        let mut s = Self {
            catalog: Catalog::builtin(),
            address: String::new(),
            provider: None,
            picked: false,
            submitted: false,
            lookup: Lookup::Idle,
            saved: saved_accounts::State::default(),
            launch_notice: None,
        };
        s.set_address(address);
        let tasks = Task::batch([
            saved_accounts::load(accounts).map(Message::Saved),
            iced::widget::operation::focus(ADDRESS_INPUT),
        ]);
        (s, tasks)
    }

    /// A sentence for the top of the screen (a setup link that could not be used).
    pub fn set_notice(&mut self, notice: String) {
        self.launch_notice = Some(notice);
    }

    /// The same screen offering another catalog's providers (a provider added as data).
    #[cfg(test)]
    pub fn with_catalog(mut self, catalog: &'static Catalog) -> Self {
        self.catalog = catalog;
        self
    }

    fn set_address(&mut self, address: String) {
        self.address = address;
        self.lookup = Lookup::Idle;
        if !self.picked {
            self.provider = Address::parse(&self.address)
                .ok()
                .and_then(|a| self.catalog.by_domain(a.domain()))
                .map(|p| p.id.clone());
        }
    }

    fn parsed(&self) -> Result<Address, AddressError> {
        Address::parse(&self.address)
    }

    /// "Next": the provider's steps, or the servers found; else look them up first (MX,
    /// autoconfig, SRV, ISPDB, guessing), off the UI thread.
    fn next(&mut self, cx: &Context<'_>) -> (Task<Message>, Option<Event>) {
        self.submitted = true;
        let Ok(address) = self.parsed() else {
            return (Task::none(), None);
        };
        let target = match (&self.provider, &self.lookup) {
            (Some(id), _) => Target::Provider {
                id: id.clone(),
                via_mx: false,
            },
            (None, Lookup::Found(d)) => Target::from_detection(d.clone()),
            (None, Lookup::Looking) => return (Task::none(), None),
            // Not a provider's own domain: find its servers first.
            (None, Lookup::Idle | Lookup::NotFound(_)) => {
                self.lookup = Lookup::Looking;
                let opts = cx.discovery.clone();
                let detect = async move {
                    let found = mailsetup::discover::detect(&address, &opts).await;
                    found.map(Arc::new).map_err(Arc::new)
                };
                return (Task::perform(detect, Message::Detected), None);
            }
        };
        let go = Event::Continue { target, address };
        (Task::none(), Some(go))
    }

    /// A provider tile: personal mail pre-fills its domain; company mail keeps the address.
    fn pick(&mut self, id: String) {
        let Some(p) = self.catalog.by_id(&id) else {
            return;
        };
        if let Some(domain) = p.domains.first() {
            let local = self.address.split(['@', '＠']).next().unwrap_or_default();
            self.address = format!("{local}@{domain}");
        }
        self.provider = Some(id);
        self.picked = true;
    }

    /// Enter: Next.
    pub fn primary(&self) -> Option<Message> {
        Some(Message::Next)
    }

    /// Esc: the first screen has nothing before it.
    pub fn back(&self) -> Option<Message> {
        None
    }

    pub fn update(&mut self, message: Message, cx: &Context<'_>) -> (Task<Message>, Option<Event>) {
        let none = Task::none;
        match message {
            Message::AddressChanged(a) => {
                // A provider recognised from the domain wins over an earlier tile pick.
                if Address::parse(&a)
                    .ok()
                    .and_then(|x| self.catalog.by_domain(x.domain()))
                    .is_some()
                {
                    self.picked = false;
                }
                self.set_address(a);
            }
            Message::Picked(id) => self.pick(id),
            Message::Other => {
                self.picked = false;
                let a = self.address.clone();
                self.set_address(a);
            }
            Message::Next => return self.next(cx),
            Message::Detected(result) => {
                // A late answer for an address that has changed since is dropped.
                if matches!(self.lookup, Lookup::Looking) {
                    self.lookup = match result {
                        Ok(d) => Lookup::Found(d),
                        Err(e) => Lookup::NotFound(e),
                    };
                }
            }
            Message::Manual => {
                let Ok(address) = self.parsed() else {
                    return (none(), None);
                };
                let found = match &self.lookup {
                    Lookup::Found(d) => Some(Target::from_detection(d.clone())),
                    _ => None,
                };
                return (none(), Some(Event::Manual { address, found }));
            }
            Message::Saved(m) => {
                let (task, event) = self.saved.update(m, cx.accounts);
                let event = event.map(|e| match e {
                    saved_accounts::Event::Retest(a, secret) => Event::Retest(a, secret),
                    saved_accounts::Event::MailApp(a) => Event::MailApp(a),
                });
                return (task.map(Message::Saved), event);
            }
        }
        (none(), None)
    }

    pub fn view<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let input = text_input(&l.tr(msg::GUI_ADDRESS_PLACEHOLDER), &self.address)
            .id(ADDRESS_INPUT)
            .on_input(Message::AddressChanged)
            .on_submit(Message::Next)
            .size(style::HEADING)
            .padding(12);
        let status = self.status(l);
        let rows = self.tiles(l);
        // An unknown domain can still go on: Next then looks up who hosts it.
        // Next with an incomplete address says what is missing (the field's Enter does too).
        let can_go = !self.address.trim().is_empty() && !matches!(self.lookup, Lookup::Looking);
        let next = button(text(l.tr(msg::GUI_NEXT)).size(style::BODY))
            .style(style::primary)
            .padding([10, 28])
            .tab_maybe(can_go.then_some(Message::Next));

        let mut content = column![].spacing(style::GAP);
        if let Some(n) = &self.launch_notice {
            content = content.push(text(n.clone()).size(style::BODY).style(style::text::error));
        }
        let content = content.extend([
            text(l.tr(msg::GUI_ADDRESS_LABEL))
                .size(style::HEADING)
                .into(),
            input.into(),
            status,
            text(l.tr(msg::GUI_OR_PICK)).size(style::BODY).into(),
            rows,
        ]);

        let saved = self.saved.view(l).into_iter();
        let content = content.extend(saved.map(|e| e.map(Message::Saved)));
        // The buttons stay in view at any window size; what does not fit scrolls above them.
        crate::gui::widget::screen(content, self.bottom(l, next))
    }

    /// Next, and after a lookup (found or not) for a domain of no provider, "Enter servers
    /// yourself": nothing found is never a dead end, and what was found can be corrected.
    fn bottom<'a>(
        &'a self,
        l: &Localizer,
        next: crate::gui::focus::Focusable<'a, Message>,
    ) -> Element<'a, Message> {
        let looked = matches!(self.lookup, Lookup::Found(_) | Lookup::NotFound(_));
        let mut bar = row![iced::widget::space::horizontal()].spacing(8);
        if looked && self.provider.is_none() {
            bar = bar.push(crate::gui::widget::secondary(
                l.tr(msg::GUI_MANUAL_LINK),
                Message::Manual,
            ));
        }
        bar.push(next).into()
    }

    /// Under the address: the provider recognised, the lookup's progress or result, or what is
    /// wrong with the address.
    fn status<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        let catalog = self.catalog;
        let domain = self
            .parsed()
            .map(|a| a.domain().to_string())
            .unwrap_or_default();
        match (self.parsed(), &self.provider, &self.lookup) {
            (_, Some(id), _) => {
                let name = catalog.by_id(id).map(|p| l.tr(&p.name)).unwrap_or_default();
                text(l.tr_args(msg::GUI_DETECTED, &[("provider", name.into())]))
                    .size(style::BODY)
                    .style(style::text::success)
                    .into()
            }
            (_, None, Lookup::Looking) => {
                text(l.tr_args(msg::GUI_LOOKING, &[("domain", domain.into())]))
                    .size(style::BODY)
                    .into()
            }
            (_, None, Lookup::Found(d)) => found(l, &domain, d),
            (_, None, Lookup::NotFound(e)) => text(match e.as_ref() {
                // The wizard's way on is its own button, not the CLI's --imap/--smtp.
                DiscoverError::NotFound { domain, .. } if !e.offline() => {
                    l.tr_args(msg::GUI_NOT_FOUND, &[("domain", domain.clone().into())])
                }
                other => messages::discover_error(l, other),
            })
            .size(style::BODY)
            .style(style::text::error)
            .into(),
            (Ok(a), None, Lookup::Idle) => text(l.tr_args(
                msg::UNKNOWN_PROVIDER,
                &[("domain", a.domain().to_string().into())],
            ))
            .size(style::BODY)
            .into(),
            (Err(e), None, Lookup::Idle) if self.submitted && !self.address.trim().is_empty() => {
                text(messages::address_error(l, &e))
                    .size(style::BODY)
                    .style(style::text::error)
                    .into()
            }
            _ => text("").into(),
        }
    }

    /// The provider tiles, five to a row, then "other".
    fn tiles<'a>(&'a self, l: &Localizer) -> Element<'a, Message> {
        // Tiles of one size in rows that wrap: five across at the default window, four at
        // the smallest, and no label broken inside a word by a narrow tile.
        let sized = |b: iced::widget::Button<'a, Message>| {
            b.width(Length::Fixed(136.0))
                .height(Length::Fixed(70.0))
                .padding([8, 6])
        };
        let mut tiles: Vec<Element<'a, Message>> = Vec::new();
        for (p, t) in self.catalog.tiles() {
            let id = p.id.as_str();
            let selected = self.provider.as_deref() == Some(id);
            let b = button(tile(l.tr(&t.badge), style::badge_color(t), l.tr(&p.name))).style(
                if selected {
                    style::primary
                } else {
                    style::tile
                },
            );
            tiles.push(sized(b).tab(Message::Picked(id.to_string())).into());
        }
        let other = button(tile("@".into(), style::OTHER_BADGE, l.tr(msg::GUI_OTHER)));
        tiles.push(sized(other.style(style::tile)).tab(Message::Other).into());
        iced::widget::Row::with_children(tiles)
            .spacing(8)
            .wrap()
            .vertical_spacing(8)
            .into()
    }
}
