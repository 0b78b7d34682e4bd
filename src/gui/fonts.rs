//! The window's fonts: the system's Chinese UI font where there is one, else the bundled one.

use std::path::{Path, PathBuf};

/// WenQuanYi Micro Hei cut to the app's strings (assets/fonts/subset.sh): Chinese must render on
/// machines without any CJK font.
pub const BUNDLED: &[u8] = include_bytes!("../../assets/fonts/mailsetup-cjk.ttf");
pub const BUNDLED_NAME: &str = "WenQuanYi Micro Hei";

/// The system's own Chinese UI fonts, by the file that proves each is installed.
const SYSTEM_CJK: &[(&str, &str)] = &[
    ("Fonts/msyh.ttc", "Microsoft YaHei"), // under %WINDIR%
    ("/System/Library/Fonts/PingFang.ttc", "PingFang SC"),
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "Noto Sans CJK SC",
    ),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "Noto Sans CJK SC",
    ),
    (
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "Noto Sans CJK SC",
    ),
];

/// The system's Chinese UI font where there is one (it has every character and matches the
/// desktop), else the bundled one, which stays loaded as the fallback for what a font lacks.
pub fn default_family(exists: impl Fn(&Path) -> bool) -> &'static str {
    let windir = std::env::var_os("WINDIR").map(PathBuf::from);
    SYSTEM_CJK
        .iter()
        .find(|(file, _)| {
            let path = match (file.starts_with('/'), &windir) {
                (true, _) => PathBuf::from(file),
                (false, Some(w)) => w.join(file),
                (false, None) => return false,
            };
            exists(&path)
        })
        .map_or(BUNDLED_NAME, |(_, family)| family)
}

/// Puts the bundled font into iced's font system as the bytes the binary already holds.
/// `application().font(BUNDLED)` would do it through iced_graphics' `load_font`, which copies
/// borrowed bytes to the heap: the 3 MB font was then in memory twice, the copy on the heap
/// and the binary's own pages, all read to make it.
pub fn load_bundled() {
    use iced::advanced::graphics::text::{cosmic_text::fontdb::Source, font_system};
    // Called before the window exists: nothing has drawn or cached any text yet. A poisoned
    // lock still holds a usable database, and without this font there is no Chinese.
    let mut fonts = font_system()
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let source = Source::Binary(std::sync::Arc::new(BUNDLED));
    fonts.raw().db_mut().load_font_source(source);
}
