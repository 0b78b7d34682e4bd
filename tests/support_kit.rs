//! The support-staff kit: `mailsetup report` and `mailsetup export`, through the real
//! binary, against the loopback servers and keyring that `tests/run` starts.

mod support;

use serde_json::Value;
use support::harness;

use support::{cli as run, text};

fn servers(h: &support::Harness) -> Vec<String> {
    vec![
        "--imap".into(),
        format!("localhost:{}:tls", h.imaps),
        "--smtp".into(),
        format!("localhost:{}:starttls", h.submission),
        "--ca-file".into(),
        h.ca.display().to_string(),
    ]
}

#[test]
#[ignore = "needs tests/run"]
fn report_and_export_of_a_saved_account() {
    let h = harness();
    let cfg = std::env::temp_dir().join(format!("mailsetup-kit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cfg);
    let srv = servers(&h);
    let srv: Vec<&str> = srv.iter().map(String::as_str).collect();
    let mut args = vec!["check", h.user.as_str(), "--password-stdin", "--save"];
    args.extend(&srv);
    let out = run(&cfg, &args, &format!("{}\n", h.pass));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // The --ca-file the check trusted is kept with the account (a private copy).
    let json = std::fs::read_to_string(cfg.join("accounts.json")).expect("accounts.json");
    let kept = cfg
        .join("certificates")
        .join(format!("{}.pem", h.user.replace('@', "_")));
    assert!(json.contains("\"ca\":") && kept.is_file(), "{json}");

    // The report of a saved account tests it with the saved code, the servers and the CA kept
    // with it (no --ca-file), and shows every stage.
    let args = vec!["report", h.user.as_str()];
    let out = run(&cfg, &args, "");
    let t = text(&out);
    assert_eq!(out.status.code(), Some(0), "{t}");
    for want in [
        concat!("mailsetup ", env!("CARGO_PKG_VERSION")),
        std::env::consts::OS,
        "discovery: catalog (provider qq",
        "[imap] localhost:",
        "[smtp] localhost:",
        "select",
        "auth",
    ] {
        assert!(t.contains(want), "{want:?} missing:\n{t}");
    }
    assert!(!t.contains(&h.pass));

    let mut args = vec!["report", h.user.as_str(), "--json"];
    args.extend(&srv[4..]);
    let out = run(&cfg, &args, "");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["app"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["check"]["ok"], true);
    assert_eq!(v["discovery"]["provider"], "qq");
    assert!(
        v["check"]["imap"]["stages"]
            .as_array()
            .is_some_and(|s| s.len() >= 5)
    );

    // A wrong code given on stdin: the report says what failed and why, exit 1.
    let mut args = vec!["report", h.user.as_str(), "--password-stdin", "--json"];
    args.extend(&srv);
    let out = run(&cfg, &args, "ReportWrongCodeZz\n");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["check"]["imap"]["error"]["kind"], "auth");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("ReportWrongCodeZz"));

    // Export for Thunderbird: our own parser reads back the saved servers.
    let out = run(
        &cfg,
        &["export", h.user.as_str(), "--format", "thunderbird"],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let xml = String::from_utf8_lossy(&out.stdout).to_string();
    let address = mailsetup::address::Address::parse(&h.user).expect("valid");
    let back = mailsetup::discover::autoconfig::parse(&xml, &address).expect("parses");
    let saved = mailsetup::store::Store::at(&cfg)
        .find(&h.user)
        .expect("load")
        .expect("saved");
    assert_eq!(back.imap.as_ref(), Some(&saved.imap));
    assert_eq!(back.smtp.as_ref(), Some(&saved.smtp));

    // Apple profile: without the code unless asked; with it, to a private file.
    let out = run(
        &cfg,
        &["export", h.user.as_str(), "--format", "mobileconfig"],
        "",
    );
    let plist = String::from_utf8_lossy(&out.stdout);
    assert!(plist.contains("com.apple.mail.managed") && !plist.contains(&h.pass));
    let file = cfg.join("profile.mobileconfig");
    let out = run(
        &cfg,
        &[
            "export",
            h.user.as_str(),
            "--format",
            "mobileconfig",
            "--include-password",
            "-o",
            file.to_str().expect("utf-8"),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(written.contains(&format!("<string>{}</string>", h.pass)));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "only the owner may read it");
    }
    // Thunderbird for Android: the terminal's QR code, read back by zbar, holds the account.
    let out = run(
        &cfg,
        &["export", h.user.as_str(), "--format", "thunderbird-android"],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let drawn = String::from_utf8_lossy(&out.stdout).to_string();
    let v: Value = serde_json::from_str(&decode_terminal_qr(&cfg, &drawn)).expect("json");
    assert_eq!(
        (&v[0], &v[3][0][1][0]),
        (&1.into(), &h.user.as_str().into())
    );
    assert_eq!(v[2][7], "", "no code unless asked");

    // A Thunderbird file cannot hold a password: said, exit 2.
    let out = run(
        &cfg,
        &[
            "export",
            h.user.as_str(),
            "--format",
            "thunderbird",
            "--include-password",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));

    let _ = mailsetup::store::Store::at(&cfg).remove(&h.user);
    let _ = std::fs::remove_dir_all(&cfg);
}

#[test]
#[ignore = "needs tests/run"]
fn report_on_a_company_address_shows_discovery() {
    let h = harness();
    let cfg = std::env::temp_dir().join(format!("mailsetup-kit2-{}", std::process::id()));
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let (dns, ispdb) = (var("MAILSETUP_TEST_DNS"), var("MAILSETUP_TEST_ISPDB"));
    let ca = h.ca.display().to_string();
    let common = [
        "--dns-server",
        &dns,
        "--ispdb-url",
        &ispdb,
        "--ca-file",
        &ca,
    ];
    // No code: discovery only, and a note saying the sign-in was not tested.
    let mut args = vec!["report", "tester@autoconf-corp.test"];
    args.extend(common);
    let out = run(&cfg, &args, "");
    let t = text(&out);
    assert_eq!(out.status.code(), Some(0), "{t}");
    assert!(t.contains("discovery: autoconfig"), "{t}");
    assert!(t.contains("autoconfig") && t.contains("found"), "{t}");
    assert!(t.contains("not tested"), "{t}");
    // With the code: the whole check through the discovered servers.
    let mut args = vec![
        "report",
        "tester@autoconf-corp.test",
        "--password-stdin",
        "--json",
    ];
    args.extend(common);
    let out = run(&cfg, &args, &format!("{}\n", h.pass));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["discovery"]["source"], "autoconfig", "{v}");
    assert_eq!(v["check"]["ok"], true, "{v}");
    // Nothing to find: exit 1 with the reason in the report.
    let mut args = vec!["report", "a@nothing-here.test", "--json"];
    args.extend(common);
    let out = run(&cfg, &args, "");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["discovery_error"].is_string());
    // No address: the app's own facts.
    let out = run(&cfg, &["report"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out).contains(env!("CARGO_PKG_VERSION")));
    let _ = std::fs::remove_dir_all(&cfg);
}

/// A QR code drawn with half blocks (two rows per character) as a PBM picture, decoded by zbar.
fn decode_terminal_qr(dir: &std::path::Path, drawn: &str) -> String {
    let mut rows: Vec<Vec<u8>> = Vec::new();
    for line in drawn.lines() {
        let cells: Vec<(u8, u8)> = line
            .chars()
            .map(|c| match c {
                '█' => (1, 1),
                '▀' => (1, 0),
                '▄' => (0, 1),
                _ => (0, 0),
            })
            .collect();
        rows.push(cells.iter().map(|c| c.0).collect());
        rows.push(cells.iter().map(|c| c.1).collect());
    }
    // Scaled up four times: zbar wants more than one pixel per module.
    let (w, scale) = (rows.iter().map(Vec::len).max().unwrap_or(0), 4);
    let mut pbm = format!("P1\n{} {}\n", w * scale, rows.len() * scale);
    for row in &rows {
        let line: Vec<String> = (0..w)
            .flat_map(|x| std::iter::repeat_n(row.get(x).copied().unwrap_or(0), scale))
            .map(|b| b.to_string())
            .collect();
        for _ in 0..scale {
            pbm.push_str(&line.join(" "));
            pbm.push('\n');
        }
    }
    let file = dir.join("terminal-qr.pbm");
    std::fs::write(&file, pbm).expect("pbm");
    let out = std::process::Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sbinary"])
        .arg(&file)
        .output()
        .expect("zbarimg (tests/run installs zbar-tools)");
    assert!(out.status.success(), "zbar found no QR code in:\n{drawn}");
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}
