//! The phone's part of "Where will you read this mail?": a QR code that sets the account up.
//! iPhone / iPad: the code is a link to a configuration profile that this computer offers once
//! on the local network (the Camera opens it in Safari; Settings installs it), or the profile is
//! saved as a file for mail or AirDrop. Android: the QR code Thunderbird for Android imports.
//! The code goes in only when the user ticks the box; the QR code is dropped when hidden.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use futures::StreamExt;
use iced::widget::{checkbox, column, qr_code, row, text};
use iced::{Element, Task};
use mailsetup::i18n::{Localizer, msg};
use mailsetup::present::messages;
use mailsetup::setup::{Phone, PhoneError};
use mailsetup::share::{self, ShareError};
use mailsetup::store::Account;
use secrecy::{ExposeSecret, SecretString};

use crate::gui::{style, widget};
use mailsetup::setup::Accounts;

/// What the phone part needs from the app: where accounts are, where files go, which address
/// the phone is sent to (`None`: this computer's on the local network).
pub struct Context<'a> {
    pub accounts: &'a Accounts,
    pub export_dir: &'a std::path::Path,
    pub lan: Option<IpAddr>,
    pub account: &'a Account,
    /// The provider's name as people see it (the profile's title).
    pub name: String,
}

pub struct State {
    phone: Phone,
    with_code: bool,
    qr: Option<qr_code::Data>,
    status: Status,
    /// The offer's listener stops when this is dropped (the screen closed, the QR code hidden).
    serving: Option<iced::task::Handle>,
}

#[derive(Debug, Clone)]
enum Status {
    Idle,
    Preparing,
    /// The iPhone's link is offered; waiting for the phone.
    Waiting,
    /// The iPhone fetched the profile; `with_code`: the code went with it.
    Fetched {
        with_code: bool,
    },
    Saved(PathBuf),
    Expired,
    Failed(Arc<PhoneError>),
}

#[derive(Debug, Clone)]
pub enum Message {
    IncludeCode(bool),
    Show,
    Hide,
    /// Android: the QR code's text (it may hold the code; never logged).
    Text(Result<Payload, Arc<PhoneError>>),
    /// iPhone: the link is offered.
    Offered(Result<Payload, Arc<PhoneError>>),
    /// iPhone: a phone fetched the profile, or the link expired.
    Fetched(Result<SocketAddr, ShareError>),
    Save,
    Saved(Result<PathBuf, Arc<PhoneError>>),
}

/// A QR code's text, kept out of `Debug` (it may carry the code).
#[derive(Clone)]
pub struct Payload(pub SecretString);

impl std::fmt::Debug for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Payload(..)")
    }
}

impl State {
    pub fn new(phone: Phone) -> Self {
        Self {
            phone,
            with_code: false,
            qr: None,
            status: Status::Idle,
            serving: None,
        }
    }

    pub fn update(&mut self, message: Message, cx: &Context<'_>) -> Task<Message> {
        match message {
            Message::IncludeCode(on) => {
                self.with_code = on;
                // A code shown without the box ticked (or the other way round) must go.
                if self.qr.is_some() {
                    return self.show(cx);
                }
            }
            Message::Show => return self.show(cx),
            Message::Hide => self.hide(),
            Message::Text(Ok(Payload(text))) => self.set_qr(text.expose_secret(), Status::Idle),
            Message::Offered(Ok(Payload(url))) => self.set_qr(url.expose_secret(), Status::Waiting),
            Message::Text(Err(e)) | Message::Offered(Err(e)) | Message::Saved(Err(e)) => {
                self.hide();
                self.status = Status::Failed(e);
            }
            Message::Fetched(r) => {
                self.hide();
                self.status = match r {
                    Ok(_) => Status::Fetched {
                        with_code: self.with_code,
                    },
                    Err(_) => Status::Expired,
                };
            }
            Message::Save => return self.save(cx),
            Message::Saved(Ok(path)) => self.status = Status::Saved(path),
        }
        Task::none()
    }

    fn hide(&mut self) {
        self.qr = None;
        self.serving = None;
        self.status = Status::Idle;
    }

    fn set_qr(&mut self, text: &str, status: Status) {
        // Low error correction, as Thunderbird's own export: the smallest code to scan.
        self.qr = qr_code::Data::with_error_correction(text, qr_code::ErrorCorrection::Low).ok();
        self.status = status;
    }

    fn show(&mut self, cx: &Context<'_>) -> Task<Message> {
        self.hide();
        self.status = Status::Preparing;
        let (accounts, name) = (cx.accounts.clone(), cx.name.clone());
        let (address, with_code) = (address(cx), self.with_code);
        if self.phone == Phone::Android {
            let text = async move {
                let phone = Phone::Android;
                let text = accounts.for_phone(phone, address, name, with_code).await;
                text.map(Payload).map_err(Arc::new)
            };
            return Task::perform(text, Message::Text);
        }
        let lan = cx.lan;
        let offered = futures::stream::once(async move {
            accounts.offer_profile(address, name, with_code, lan).await
        });
        let stream = offered.flat_map(|r| match r {
            Ok(o) => {
                let url = Message::Offered(Ok(Payload(o.offer.url.clone().into())));
                let served = o
                    .offer
                    .serve_once(o.profile, share::MOBILECONFIG, share::OFFER_LIMIT);
                let fetched = futures::stream::once(async move { Message::Fetched(served.await) });
                futures::stream::iter([url]).chain(fetched).boxed()
            }
            Err(e) => futures::stream::iter([Message::Offered(Err(Arc::new(e)))]).boxed(),
        });
        let (task, handle) = Task::stream(stream).abortable();
        self.serving = Some(handle.abort_on_drop());
        task
    }

    fn save(&mut self, cx: &Context<'_>) -> Task<Message> {
        let (accounts, name, dir) = (cx.accounts.clone(), cx.name.clone(), cx.export_dir.into());
        let (address, with_code) = (address(cx), self.with_code);
        let save = async move {
            let saved = accounts.save_profile(address, name, with_code, dir).await;
            saved.map_err(Arc::new)
        };
        Task::perform(save, Message::Saved)
    }

    pub fn view<'a>(&'a self, l: &Localizer, account: &Account) -> Element<'a, Message> {
        let credential = l.tr(mailsetup::setup::Target::saved(account).credential_id());
        let (intro, show, scan) = match self.phone {
            Phone::Iphone => (
                msg::GUI_PHONE_IPHONE_INTRO,
                msg::GUI_PHONE_IPHONE_SHOW,
                msg::GUI_PHONE_IPHONE_SCAN,
            ),
            Phone::Android => (
                msg::GUI_PHONE_ANDROID_INTRO,
                msg::GUI_PHONE_ANDROID_SHOW,
                msg::GUI_PHONE_ANDROID_SCAN,
            ),
        };
        // Android imports the code only when it is in the QR code: else it asks for it once.
        let intro = match (self.phone, self.with_code) {
            (Phone::Android, false) if account.sign_in == mailsetup::store::SignIn::Password => {
                let credential = ("credential", credential.clone().into());
                l.tr_args(msg::GUI_PHONE_ANDROID_INTRO_NO_CODE, &[credential])
            }
            _ => l.tr(intro),
        };
        let mut part = column![text(intro).size(style::BODY)].spacing(10);
        if account.sign_in == mailsetup::store::SignIn::Password {
            let label = l.tr_args(
                msg::GUI_PHONE_INCLUDE_CODE,
                &[("credential", credential.into())],
            );
            let tick = checkbox(self.with_code)
                .label(label)
                .text_size(style::SMALL)
                .on_toggle(Message::IncludeCode);
            part = part.push(crate::gui::focus::focusable(
                tick,
                Some(Message::IncludeCode(!self.with_code)),
            ));
        }
        if let Some(qr) = &self.qr {
            part = part.push(qr_code(qr).cell_size(4));
            part = part.push(text(l.tr(scan)).size(style::SMALL));
        }
        if let Some(line) = self.status_line(l, account) {
            part = part.push(line);
        }
        part.push(self.buttons(l, show)).into()
    }

    fn buttons<'a>(&self, l: &Localizer, show: &str) -> Element<'a, Message> {
        let busy = matches!(self.status, Status::Preparing);
        let mut buttons = row![].spacing(8);
        buttons = if self.qr.is_some() {
            buttons.push(widget::secondary(l.tr(msg::GUI_PHONE_HIDE), Message::Hide))
        } else {
            buttons.push(widget::primary(
                l.tr(show),
                (!busy).then_some(Message::Show),
            ))
        };
        if self.phone == Phone::Iphone {
            let save = widget::secondary(l.tr(msg::GUI_PHONE_SAVE_PROFILE), Message::Save);
            buttons = buttons.push(save);
        }
        buttons.wrap().vertical_spacing(8).into()
    }

    fn status_line<'a>(&self, l: &Localizer, account: &Account) -> Option<Element<'a, Message>> {
        let (line, style): (String, fn(&iced::Theme) -> text::Style) = match &self.status {
            Status::Idle | Status::Preparing => return None,
            Status::Waiting => (l.tr(msg::GUI_PHONE_WAITING), text::default),
            Status::Fetched { with_code: true } => {
                (l.tr(msg::GUI_PHONE_FETCHED), style::text::success)
            }
            // The profile asks for the password when installed: which one to type.
            Status::Fetched { with_code: false } => {
                let credential = l.tr(mailsetup::setup::Target::saved(account).credential_id());
                let credential = ("credential", credential.into());
                let said = l.tr_args(msg::GUI_PHONE_FETCHED_NO_CODE, &[credential]);
                (said, style::text::success)
            }
            Status::Saved(p) => (
                l.tr_args(msg::GUI_PHONE_SAVED, &[("path", messages::path(p).into())]),
                style::text::success,
            ),
            Status::Expired => (l.tr(msg::PHONE_EXPIRED), style::text::error),
            Status::Failed(e) => {
                let credential = l.tr(mailsetup::setup::Target::saved(account).credential_id());
                (messages::phone_error(l, e, &credential), style::text::error)
            }
        };
        Some(text(line).size(style::SMALL).style(style).into())
    }
}

fn address(cx: &Context<'_>) -> String {
    cx.account.address.clone()
}
