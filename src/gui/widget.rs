//! Small pieces every screen uses, so buttons and the bottom bar look the same everywhere.

use iced::widget::{button, column, row, scrollable, space, text};
use iced::{Element, Length, Padding};

use super::style;

/// The name recipients see (asked on the code's screen and on the sign-in screen); left empty,
/// `fallback`, the address's own part, applies (shown greyed).
pub fn name_input<'a, M: Clone + 'a>(
    id: &'static str,
    fallback: &str,
    name: &str,
    on_input: impl Fn(String) -> M + 'a,
) -> iced::widget::TextInput<'a, M> {
    iced::widget::text_input(fallback, name)
        .id(id)
        .on_input(on_input)
        .size(style::BODY)
        .padding(10)
}

/// The screen's main action (blue); disabled while `on_press` is None.
pub fn primary<'a, M: Clone + 'a>(label: String, on_press: Option<M>) -> Element<'a, M> {
    let b = button(text(label).size(style::BODY))
        .style(style::primary)
        .padding(Padding::from([10, 28]))
        .on_press_maybe(on_press.clone());
    super::focus::focusable(b, on_press).into()
}

/// A secondary action (grey): Back, Cancel, Copy report, Add another.
pub fn secondary<'a, M: Clone + 'a>(label: String, on_press: M) -> Element<'a, M> {
    let b = button(text(label).size(style::BODY))
        .style(style::secondary)
        .padding(Padding::from([10, 20]))
        .on_press(on_press.clone());
    super::focus::focusable(b, Some(on_press)).into()
}

/// Wide enough for "Copied" in every language at the small size.
const COPY_WIDTH: f32 = 76.0;

/// A small grey "Copy" beside a value, "Copied" once it was pressed.
pub fn copy_button<'a, M: Clone + 'a>(
    l: &mailsetup::i18n::Localizer,
    copied: bool,
    on_press: M,
) -> Element<'a, M> {
    use mailsetup::i18n::msg;
    let label = l.tr(if copied {
        msg::GUI_COPIED
    } else {
        msg::GUI_COPY
    });
    use super::focus::Tab;
    // One width for both labels, so the value beside it does not move when it turns "Copied".
    button(text(label).size(style::SMALL).center().width(Length::Fill))
        .width(Length::Fixed(COPY_WIDTH))
        .style(style::secondary)
        .tab(on_press)
        .into()
}

/// No browser started for `url`: its address in red, with Copy to paste it into one.
pub fn open_failed<'a, M: Clone + 'a>(
    l: &mailsetup::i18n::Localizer,
    url: &str,
    on_copy: M,
) -> Element<'a, M> {
    use mailsetup::i18n::msg;
    row![
        text(l.tr_args(msg::GUI_OPEN_FAILED, &[("url", url.to_string().into())]))
            .size(style::SMALL)
            .style(style::text::error)
            .width(Length::Fill),
        copy_button(l, false, on_copy),
    ]
    .spacing(8)
    .align_y(iced::Alignment::Center)
    .into()
}

/// The bottom bar: a secondary action on the left, the rest (primary last) on the right.
pub fn bottom_bar<'a, M: 'a>(
    left: Option<Element<'a, M>>,
    right: Vec<Element<'a, M>>,
) -> Element<'a, M> {
    let mut bar = row![].spacing(8);
    if let Some(l) = left {
        bar = bar.push(l);
    }
    bar.push(space::horizontal()).extend(right).into()
}

/// A screen: its body scrolls when the window is too small for it, and the bottom bar stays in
/// view, so the buttons are never cut off (640×520 is the smallest window).
/// The id of every screen's scrolling body, so the keyboard can scroll whichever is shown.
pub const BODY: &str = "body";

/// A new screen opens at its top (the scrollable's offset would otherwise carry over from the
/// screen before, which sits at the same place in the widget tree).
pub fn to_top<M: Send + 'static>() -> iced::Task<M> {
    iced::widget::operation::snap_to(BODY, iced::widget::scrollable::RelativeOffset::START)
}

pub fn screen<'a, M: 'a>(body: impl Into<Element<'a, M>>, bar: Element<'a, M>) -> Element<'a, M> {
    let body = iced::widget::container(body).padding(Padding::ZERO.right(14));
    column![scrollable(body).id(BODY).height(Length::Fill), bar]
        .spacing(style::GAP)
        .into()
}

/// A card: a padded box across the screen, set off from the page.
pub fn card<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    iced::widget::container(content)
        .padding(14)
        .width(Length::Fill)
        .style(style::card)
        .into()
}

/// A server as a mail app wants it ("IMAP: imap.qq.com, port 993, SSL/TLS") with Copy beside
/// it for the server's name.
pub fn server_line<'a, M: Clone + 'a>(
    l: &mailsetup::i18n::Localizer,
    protocol: &str,
    endpoint: &mailsetup::catalog::Endpoint,
    copied: bool,
    on_copy: M,
) -> Element<'a, M> {
    row![
        text(mailsetup::present::messages::endpoint_line(
            l, protocol, endpoint
        ))
        .size(style::BODY)
        .width(Length::Fill),
        copy_button(l, copied, on_copy),
    ]
    .spacing(8)
    .align_y(iced::Alignment::Center)
    .into()
}
