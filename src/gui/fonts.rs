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
