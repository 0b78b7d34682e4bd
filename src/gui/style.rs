//! Sizes and colours in one place, so screens stay consistent and readable.

use iced::widget::container;
use iced::{Border, Color, Theme};

/// Big, readable text for non-technical users.
pub const TITLE: f32 = 26.0;
pub const HEADING: f32 = 22.0;
pub const BODY: f32 = 17.0;
pub const SMALL: f32 = 14.0;
pub const GAP: f32 = 18.0;
/// The header's height: the title's line, whole pixels (see [`whole`]).
pub const HEADER: f32 = 34.0;

/// A text line of `size` a whole number of pixels high (iced's 1.3 × size, rounded up). Above a
/// scrolling list it keeps the list's edge on a pixel row: the renderer redraws only what
/// changed, and a scrollbar edge between rows left a sliver behind on the next screen.
pub fn whole(size: f32) -> iced::widget::text::LineHeight {
    iced::widget::text::LineHeight::Absolute((size * 1.3).ceil().into())
}

pub fn card(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.weak.color.into()),
        border: Border {
            radius: 10.0.into(),
            width: 1.0,
            color: palette.background.strong.color,
        },
        ..container::Style::default()
    }
}

/// Named text styles, so screens say what a line is rather than repeat how it looks.
pub mod text {
    use iced::Theme;
    use iced::widget::text::Style;

    pub fn success(theme: &Theme) -> Style {
        Style {
            color: Some(super::ok_color(theme)),
        }
    }

    pub fn error(theme: &Theme) -> Style {
        Style {
            color: Some(super::error_color(theme)),
        }
    }

    pub fn muted(theme: &Theme) -> Style {
        Style {
            color: Some(super::muted(theme)),
        }
    }

    /// Worth knowing, not a failure (the test message in the spam folder, or not yet arrived).
    pub fn warning(theme: &Theme) -> Style {
        Style {
            color: Some(theme.extended_palette().warning.strong.color),
        }
    }
}

pub fn ok_color(theme: &Theme) -> Color {
    theme.extended_palette().success.strong.color
}

pub fn error_color(theme: &Theme) -> Color {
    theme.extended_palette().danger.strong.color
}

pub fn muted(theme: &Theme) -> Color {
    theme.extended_palette().background.strong.text
}

/// The "other" tile's badge: any provider, so no provider's colour.
pub const OTHER_BADGE: Color = Color::from_rgb8(0x70, 0x70, 0x70);

/// A tile's badge colour, from the catalog.
pub fn badge_color(tile: &mailsetup::catalog::Tile) -> Color {
    let [r, g, b] = tile.rgb();
    Color::from_rgb8(r, g, b)
}

pub fn badge_box(color: Color) -> impl Fn(&Theme) -> container::Style {
    move |_| container::Style {
        background: Some(color.into()),
        text_color: Some(Color::WHITE),
        border: Border {
            radius: 6.0.into(),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// An unselected provider tile: light card, darker on hover.
pub fn tile(theme: &Theme, status: iced::widget::button::Status) -> iced::widget::button::Style {
    use iced::widget::button::{Status, Style};
    let p = theme.extended_palette();
    let bg = match status {
        Status::Hovered | Status::Pressed => p.background.strong.color,
        _ => p.background.weak.color,
    };
    Style {
        background: Some(bg.into()),
        text_color: p.background.base.text,
        border: Border {
            radius: 8.0.into(),
            width: 1.0,
            color: p.background.strong.color,
        },
        ..Style::default()
    }
}

/// The main action: the theme's accent; disabled, grey with dark text (white on pale blue
/// could not be read).
pub fn primary(theme: &Theme, status: iced::widget::button::Status) -> iced::widget::button::Style {
    use iced::widget::button::{Status, Style};
    let base = iced::widget::button::primary(theme, status);
    if status != Status::Disabled {
        return base;
    }
    Style {
        background: Some(Color::from_rgb8(0xdd, 0xdd, 0xdd).into()),
        text_color: Color::from_rgb8(0x5c, 0x5c, 0x5c),
        ..base
    }
}

/// A secondary action (Back, Open, Paste, Copy): white with an accent outline and accent
/// text, so it reads as a button to press, not as a disabled one.
pub fn secondary(
    theme: &Theme,
    status: iced::widget::button::Status,
) -> iced::widget::button::Style {
    use iced::widget::button::{Status, Style};
    let p = theme.extended_palette();
    let background = match status {
        Status::Hovered | Status::Pressed => p.primary.weak.color.scale_alpha(0.25),
        _ => p.background.base.color,
    };
    let text_color = match status {
        Status::Disabled => p.background.strong.color,
        _ => p.primary.strong.color,
    };
    Style {
        background: Some(background.into()),
        text_color,
        border: Border {
            radius: 4.0.into(),
            width: 1.0,
            color: text_color,
        },
        ..Style::default()
    }
}
