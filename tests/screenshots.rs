//! The real binary in a real X window under Xvfb, driven by keyboard: one PNG per screen in
//! zh-CN and en, written to tests/out/screenshots (CI keeps them), none of them blank; and a
//! company's own CA picked in the system's file dialog (zenity), the account saved with it.

#[allow(dead_code)]
#[path = "support/harness.rs"]
mod harness;

use std::path::Path;
use std::process::Command;

const SCREENS: [&str; 17] = [
    "1-start",
    "2-steps",
    "3-credentials",
    "4-testing",
    "5-result-failure",
    "6-result-success",
    "7-found",
    "8-company-steps",
    "9-not-found",
    "10-manual",
    "11-keyboard-focus",
    "12-outlook-steps",
    "13-sign-in",
    "14-gmail-steps",
    "15-ca-failure",
    "16-ca-picked",
    "17-ca-trusted",
];

/// Distinct colours in an image: a blank or single-colour window has only a few.
fn colours(png: &Path) -> u64 {
    let out = Command::new("identify")
        .args(["-format", "%k"])
        .arg(png)
        .output()
        .expect("imagemagick identify");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

/// Distinct colours in one part of an image (`WxH+X+Y`).
fn colours_in(png: &Path, geometry: &str) -> u64 {
    let out = Command::new("convert")
        .arg(png)
        .args(["-crop", geometry, "+repage", "-format", "%k", "info:"])
        .output()
        .expect("imagemagick convert");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

#[test]
#[ignore = "needs tests/run"]
fn every_screen_in_both_languages_renders_in_a_real_window() {
    let _ = harness::harness();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("tests/out/screenshots");
    let logs = root.join("tests/out/wizard-run");
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_dir_all(&logs);
    let status = Command::new(root.join("tests/screenshots.sh"))
        .arg(env!("CARGO_BIN_EXE_mailsetup"))
        .arg(&out)
        .arg(&logs)
        .status()
        .expect("run tests/screenshots.sh");
    assert!(status.success());
    // `--result-json`: Done after saving is exit 0 and the account, without its code.
    for lang in ["zh-CN", "en"] {
        let rc =
            std::fs::read_to_string(logs.join(format!("{lang}-result.rc"))).unwrap_or_default();
        assert_eq!(rc.trim(), "0", "{lang}: the wizard's exit after Done");
        let json = std::fs::read(logs.join(format!("{lang}-result.json"))).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_slice(&json).expect("result JSON");
        assert_eq!(v["saved"], true, "{v}");
        let user = std::env::var("MAILSETUP_TEST_USER").unwrap_or_default();
        assert_eq!(v["accounts"][0]["address"], user.as_str(), "{v}");
        let pass = std::env::var("MAILSETUP_TEST_PASS").unwrap_or_default();
        assert!(!String::from_utf8_lossy(&json).contains(&pass));
    }
    // The company CA picked in the system's file dialog: the account saved, with its CA.
    for lang in ["zh-CN", "en"] {
        let json = std::fs::read(logs.join(format!("{lang}-ca.json"))).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap_or_default();
        assert_eq!(
            v["saved"], true,
            "{lang}: the company CA run saved nothing: {v}"
        );
        assert_eq!(v["accounts"][0]["address"], "tester@srv-corp.test", "{v}");
        let file = logs.join(format!("home-{lang}/.config/mailsetup/accounts.json"));
        let saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&file).unwrap_or_default()).unwrap_or_default();
        let kept = saved["accounts"]
            .as_array()
            .and_then(|a| a.iter().find(|a| a["address"] == "tester@srv-corp.test"))
            .map(|a| a["ca"].is_string());
        assert_eq!(
            kept,
            Some(true),
            "{lang}: no CA kept with the account: {saved}"
        );
    }
    for lang in ["zh-CN", "en"] {
        for screen in SCREENS {
            let png = out.join(format!("{lang}-{screen}.png"));
            assert!(png.exists(), "{} missing", png.display());
            let n = colours(&png);
            assert!(n > 50, "{} looks blank ({n} colours)", png.display());
        }
        // The smallest and a large window: captured whole (their layout is checked by
        // every_screen_fits_the_smallest_window).
        for size in ["640", "1280"] {
            for screen in [
                "size-start",
                "size-steps",
                "size-credentials",
                "size-failure",
            ] {
                let png = out.join(format!("{lang}-{screen}-{size}.png"));
                assert!(png.exists(), "{} missing", png.display());
                let n = colours(&png);
                assert!(n > 50, "{} looks blank ({n} colours)", png.display());
            }
        }
        // Where the start and steps screens drew their scrollbars (right of the body, from
        // the header to the bottom bar), the code's screen, which does not scroll, is blank:
        // the renderer redraws only what changed, and a scrollbar edge off the pixel grid used
        // to leave an 8×1 px sliver there.
        let png = out.join(format!("{lang}-size-credentials-640.png"));
        let rail = colours_in(&png, "12x370+604+60");
        assert_eq!(
            rail,
            1,
            "{}: something is left right of the body",
            png.display()
        );
    }

    // Everything the wizard wrote (trace logs, stdout, stderr, its config dir) holds neither the
    // right code nor the wrong one typed in the failure run.
    let mut written = Vec::new();
    read_all(&logs, &mut written);
    let pass = std::env::var("MAILSETUP_TEST_PASS").expect("MAILSETUP_TEST_PASS");
    let leaks = [pass.as_str(), "wrongwrongwrongw"]
        .iter()
        .map(|s| {
            written
                .windows(s.len())
                .filter(|w| *w == s.as_bytes())
                .count()
        })
        .sum::<usize>();
    eprintln!(
        "searched {} bytes written by the wizard: {leaks} copies of the secret",
        written.len()
    );
    assert!(written.len() > 1000, "the wizard wrote little");
    assert_eq!(leaks, 0);
}

fn read_all(dir: &Path, out: &mut Vec<u8>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            read_all(&p, out);
        } else if let Ok(b) = std::fs::read(&p) {
            out.extend_from_slice(&b);
        }
    }
}
