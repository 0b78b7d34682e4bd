//! The secret never leaves the keyring: the whole command-line flow runs with logs at
//! trace level, with the right code and with a recognisable wrong one, and every byte the
//! program wrote (stdout, stderr, the support report, accounts.json, the whole config dir) is
//! searched for both. The wizard's run is searched the same way by tests/screenshots.rs.

mod support;

use std::path::Path;

use support::harness;

const WRONG: &str = "LeakProbeWrongCodeQx";

fn run(h: &support::Harness, cfg: &Path, args: &[&str], stdin: &str) -> Vec<u8> {
    let mut c = support::bin();
    c.args(args)
        .env("MAILSETUP_CONFIG_DIR", cfg)
        .env("MAILSETUP_LOG", "trace")
        .env("RUST_BACKTRACE", "full")
        .env_remove("MAILSETUP_LANG");
    if args.first() == Some(&"check") {
        c.args(["--imap", &format!("localhost:{}:tls", h.imaps)])
            .args(["--smtp", &format!("localhost:{}:starttls", h.submission)])
            .args(["--ca-file", h.ca.to_str().expect("utf-8")]);
    }
    let out = support::output(c, stdin);
    let mut all = out.stdout;
    all.extend_from_slice(&out.stderr);
    all
}

fn count(haystack: &[u8], needle: &str) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle.as_bytes())
        .count()
}

use support::files_under;

#[test]
#[ignore = "needs tests/run"]
fn no_byte_the_cli_writes_contains_the_secret() {
    let h = harness();
    let cfg = std::env::temp_dir().join(format!("mailsetup-secrets-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cfg);
    let user = h.user.as_str();
    let pass = format!("{}\n", h.pass);
    let wrong = format!("{WRONG}\n");

    let mut written = Vec::new();
    // Success, saved, with a test message; JSON and human output.
    written.extend(run(
        &h,
        &cfg,
        &[
            "check",
            user,
            "--password-stdin",
            "--save",
            "--send-test",
            "--json",
        ],
        &pass,
    ));
    written.extend(run(
        &h,
        &cfg,
        &["check", user, "--password-stdin", "--save", "--replace"],
        &pass,
    ));
    // Failure with a recognisable wrong code, both outputs and both languages.
    written.extend(run(
        &h,
        &cfg,
        &["check", user, "--password-stdin", "--json"],
        &wrong,
    ));
    written.extend(run(
        &h,
        &cfg,
        &["check", user, "--password-stdin", "--lang", "zh-CN"],
        &wrong,
    ));
    written.extend(run(&h, &cfg, &["accounts", "--json"], ""));
    written.extend(run(&h, &cfg, &["accounts"], ""));
    files_under(&cfg, &mut written);

    // The support report ("Copy report" in the wizard) of a failed check.
    let rt = support::runtime();
    let req = h.request(h.imaps(), h.submission(), WRONG);
    let report = rt.block_on(mailsetup::check::run(&req, None));
    assert!(!report.ok());
    let l = mailsetup::i18n::Localizer::new(mailsetup::i18n::Lang::ZhCn);
    written.extend(mailsetup::present::report::check_text(&l, &report).into_bytes());
    let json = mailsetup::present::json::CheckJson::new(&l, &report);
    written.extend(serde_json::to_vec(&json).unwrap_or_default());
    written.extend(format!("{report:?}").into_bytes());

    assert!(
        written.len() > 10_000,
        "the run wrote little: {} bytes",
        written.len()
    );
    let leaks = count(&written, &h.pass) + count(&written, WRONG);
    eprintln!(
        "searched {} bytes written by the CLI: {leaks} copies of the secret",
        written.len()
    );
    assert_eq!(leaks, 0);

    // The right code is where it belongs: in the keyring.
    let store = mailsetup::store::Store::at(&cfg);
    assert!(store.secret(user).expect("keyring").is_some());
    assert!(store.remove(user).expect("remove"));
    let _ = std::fs::remove_dir_all(&cfg);
}
