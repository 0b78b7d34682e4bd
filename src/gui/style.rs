//! Sizes and colours in one place, so screens stay consistent and readable.

use iced::widget::container;
use iced::{Border, Color, Theme};

/// Big, readable text for non-technical users.
pub const TITLE: f32 = 26.0;
pub const HEADING: f32 = 22.0;
pub const BODY: f32 = 17.0;
pub const SMALL: f32 = 14.0;
pub const GAP: f32 = 18.0;

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

pub fn ok_color(theme: &Theme) -> Color {
    theme.extended_palette().success.strong.color
}

pub fn error_color(theme: &Theme) -> Color {
    theme.extended_palette().danger.strong.color
}

pub fn muted(theme: &Theme) -> Color {
    theme.extended_palette().background.strong.text
}
