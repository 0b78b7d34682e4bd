//! The keys the whole window answers, as the router's messages.

use iced::{keyboard, window};

use super::Message;

/// Esc goes back even from inside a text field (where the field would otherwise take the first
/// press to let go of the focus); Enter, Tab and the scrolling keys only when no widget used
/// them. The window getting the focus back is reported too.
pub fn listen(
    event: iced::Event,
    status: iced::event::Status,
    _window: window::Id,
) -> Option<Message> {
    use keyboard::key::Named;
    let iced::Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event else {
        return match event {
            iced::Event::Window(window::Event::Focused) => Some(Message::Focused),
            _ => None,
        };
    };
    let free = status == iced::event::Status::Ignored;
    match key {
        keyboard::Key::Named(Named::Escape) => Some(Message::Back),
        keyboard::Key::Named(Named::Enter) if free => Some(Message::Primary),
        keyboard::Key::Named(Named::Tab) if free => Some(Message::Focus {
            forward: !modifiers.shift(),
        }),
        keyboard::Key::Named(Named::PageDown) if free => Some(Message::Scroll(300.0)),
        keyboard::Key::Named(Named::PageUp) if free => Some(Message::Scroll(-300.0)),
        keyboard::Key::Named(Named::ArrowDown) if free => Some(Message::Scroll(40.0)),
        keyboard::Key::Named(Named::ArrowUp) if free => Some(Message::Scroll(-40.0)),
        _ => None,
    }
}
