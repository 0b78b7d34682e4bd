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

/// A small coloured mark per provider for the start tiles (drawn, not the providers' trademarks).
pub fn badge(provider: &str) -> (&'static str, Color) {
    let rgb = |r, g, b| Color::from_rgb8(r, g, b);
    match provider {
        "qq" => ("QQ", rgb(0x12, 0xB7, 0xF5)),
        "netease-163" => ("163", rgb(0xD8, 0x1E, 0x06)),
        "netease-126" => ("126", rgb(0x2E, 0x8B, 0x57)),
        "exmail" => ("EX", rgb(0x1E, 0x6F, 0xD9)),
        "netease-qiye" => ("网易", rgb(0xC4, 0x1E, 0x3A)),
        "aliyun" => ("阿里", rgb(0xFF, 0x6A, 0x00)),
        "gmail" => ("G", rgb(0xEA, 0x43, 0x35)),
        "outlook" => ("O", rgb(0x00, 0x78, 0xD4)),
        "icloud" => ("i", rgb(0x36, 0x93, 0xF3)),
        _ => ("@", rgb(0x70, 0x70, 0x70)),
    }
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
