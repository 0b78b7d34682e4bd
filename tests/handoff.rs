//! The last mile, against the real mail app: `mailsetup add-to thunderbird` writes a saved
//! account into a profile, and Debian's Thunderbird (headless, in a network namespace with only
//! loopback, tests/harness/thunderbird.sh) signs in to the harness's Dovecot with the code that
//! was handed over, and sends through its Postfix. Also: `apps`, the profile lock, a second run,
//! other accounts kept, a primary password, an unreadable profile, OAuth accounts, and `secret`.
//! The apps' helpers are in tests/support/mailapps.rs.

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use support::mailapps::*;
use support::{Harness, bin, cli, harness, snapshot, temp_dir, text};

/// The harness with Thunderbird, the keyring held for this test, and the harness user's account
/// saved (`check --save`) in a config dir of its own named `name`.
fn saved_account(name: &str) -> (Harness, std::sync::MutexGuard<'static, ()>, PathBuf) {
    let h = thunderbird_harness();
    let k = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
    let cfg = temp_dir(name);
    save(&h, &cfg, &h.user);
    (h, k, cfg)
}

/// Runs the real Thunderbird on the profile and has it send one message to its own address
/// (tests/harness/thunderbird_send.py, over Marionette); whether it was sent, and the logs.
fn thunderbird_sends(h: &Harness, profile: &Path, subject: &str) -> (bool, String) {
    let out = Command::new("tests/harness/thunderbird.sh")
        .arg(&h.dir)
        .arg(profile)
        .arg("60")
        .arg(format!("send:{}:{subject}", h.user))
        .output()
        .expect("thunderbird.sh");
    (out.status.success(), text(&out))
}

/// The command "Open Thunderbird" runs for `profile`, run in the namespace until Dovecot has
/// seen one connection select INBOX; whether it did, and what Dovecot logged.
fn open_thunderbird(h: &Harness, profile: &Path) -> (bool, String) {
    let p = mailsetup::handoff::thunderbird::Profile {
        name: "default-release".into(),
        path: profile.to_path_buf(),
        default: true,
    };
    let cmd = mailsetup::handoff::launch::thunderbird(&p);
    let out = Command::new("tests/harness/thunderbird.sh")
        .arg(&h.dir)
        .arg(profile)
        .args(["40", "select:1"])
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .output()
        .expect("thunderbird.sh");
    (out.status.success(), text(&out))
}

#[test]
#[ignore = "needs tests/run"]
fn thunderbird_signs_in_with_the_code_handed_over() {
    let (h, _k, cfg) = saved_account("handoff-cfg");
    let p = profile("fresh", &h);
    let key4 = std::fs::read(p.join("key4.db")).expect("key4.db");

    let out = add_to(&cfg, &p, &h.user);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("is now in Thunderbird, with its code"),
        "{}",
        text(&out)
    );
    // No code in the preferences, nor in our output: only in logins.json, encrypted.
    let logins = std::fs::read(p.join("logins.json")).expect("logins.json");
    for written in [prefs(&p).as_bytes(), &logins, &out.stdout, &out.stderr] {
        assert!(!support::contains(written, h.pass.as_bytes()));
    }
    // The key database is only read.
    assert_eq!(std::fs::read(p.join("key4.db")).expect("key4.db"), key4);

    let (selected, log) = run_thunderbird(&h, &p, 1);
    assert!(selected, "Thunderbird did not select INBOX:\n{log}");
    assert!(log.contains(&format!("Login: user=<{}>", h.user)), "{log}");
    assert!(log.to_lowercase().contains("select \"inbox\""), "{log}");

    // And it sends: through Postfix (STARTTLS, signed in with the handed-over code) into the
    // user's own INBOX, with nothing typed into Thunderbird.
    let subject = format!("from Thunderbird {}", std::process::id());
    let (sent, log) = thunderbird_sends(&h, &p, &subject);
    assert!(sent, "Thunderbird did not send:\n{log}");
    assert!(log.contains(&format!("sasl_username={}", h.user)), "{log}");
    assert!(log.contains("status=sent"), "{log}");
    assert!(log.contains("saved mail to INBOX"), "{log}");

    // Again: still one account, and the code is not saved twice.
    let again = add_to(&cfg, &p, &h.user);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
    assert!(text(&again).contains("already has"), "{}", text(&again));
    assert_eq!(imap_servers(&prefs(&p)), 1, "{}", prefs(&p));
    let logins: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p.join("logins.json")).expect("read")).expect("json");
    assert_eq!(
        logins["logins"].as_array().map(Vec::len),
        Some(2),
        "{logins}"
    );
}

/// Thunderbird never started on the profile, so it has no key for saved passwords yet: the
/// account is written, the key database is left as it was, and the user is told Thunderbird
/// asks for the code once.
#[test]
#[ignore = "needs tests/run"]
fn a_profile_thunderbird_never_started_asks_for_the_code_once() {
    let (h, _k, cfg) = saved_account("handoff-never-cfg");
    let p = never_started_profile("never", &h);
    let key4 = std::fs::read(p.join("key4.db")).expect("key4.db");
    let out = add_to(&cfg, &p, &h.user);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("asks for the code once"),
        "{}",
        text(&out)
    );
    assert_eq!(imap_servers(&prefs(&p)), 1, "{}", prefs(&p));
    assert!(!p.join("logins.json").exists());
    assert_eq!(std::fs::read(p.join("key4.db")).expect("key4.db"), key4);
}

/// The values this app puts in logins.json are the real NSS's: Thunderbird's own NSS (its AES
/// key, in a profile it started) and Debian's NSS 3.87 (a 3DES key, as Thunderbird before 144
/// made) decrypt what this app encrypted, and this app reads what they encrypted
/// (tests/harness/nss_sdr.py).
#[test]
#[ignore = "needs tests/run"]
fn thunderbirds_own_nss_and_this_app_read_each_others_values() {
    use mailsetup::handoff::keydb;
    use secrecy::{ExposeSecret, SecretString};
    let h = thunderbird_harness();
    let fixture = Path::new("tests/data/thunderbird/nss-3des/key4.db");
    let old = temp_dir("tb-nss-3des");
    std::fs::copy(fixture, old.join("key4.db")).expect("copy");
    let nss = [
        (
            profile("nss-aes", &h),
            "/usr/lib/thunderbird/libnss3.so",
            "encrypt-aes",
        ),
        (old, "/usr/lib/x86_64-linux-gnu/libnss3.so", "encrypt"),
    ];
    let plain = "授权码 abcdefghijklmnop \"'\\";
    for (p, lib, encrypt) in nss {
        let sdr = |op: &str, input: &str| {
            let mut c = Command::new("python3");
            c.args(["tests/harness/nss_sdr.py", lib])
                .arg(&p)
                .arg(op)
                .env("LD_LIBRARY_PATH", "/usr/lib/thunderbird");
            let out = support::output(c, input);
            assert!(out.status.success(), "{lib} {op}: {}", text(&out));
            String::from_utf8(out.stdout).expect("utf-8")
        };
        let keys = keydb::open(&p).expect("key4.db");
        let ours = keys.encrypt(&SecretString::from(plain)).expect("encrypt");
        assert_eq!(sdr("decrypt", &ours), plain, "{lib} reads ours");
        let theirs = sdr(encrypt, plain);
        let read = keys.decrypt(theirs.trim()).expect("theirs");
        assert_eq!(read.expose_secret(), plain, "we read {lib}'s");
    }
}

#[test]
#[ignore = "needs tests/run"]
fn other_accounts_and_preferences_are_kept() {
    let h = thunderbird_harness();
    let _k = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
    let cfg = temp_dir("handoff-keep-cfg");
    let other = "tester@autoconf-corp.test";
    save(&h, &cfg, other);
    save(&h, &cfg, &h.user);
    let p = profile("keep", &h);
    assert_eq!(add_to(&cfg, &p, other).status.code(), Some(0));
    // The user's own preferences and comments, as Thunderbird would have them.
    let mut before = prefs(&p);
    before.push_str("// a comment of the user's\nuser_pref(\"mailsetup.test.kept\", \"yes\");\n");
    std::fs::write(p.join("prefs.js"), &before).expect("write");

    let out = add_to(&cfg, &p, &h.user);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let after = prefs(&p);
    // Every line stays, but the two lists, which gain the new account.
    let lists = ["\"mail.smtpservers\"", "\"mail.accountmanager.accounts\""];
    for line in before
        .lines()
        .filter(|l| !lists.iter().any(|k| l.contains(k)))
    {
        assert!(after.contains(line), "lost {line:?}:\n{after}");
    }
    assert!(after.contains("\"smtp1,smtp2\""), "{after}");
    assert!(after.contains("\"account1,account2,account3\""), "{after}");
    assert_eq!(imap_servers(&after), 2, "{after}");
    assert!(p.read_dir().expect("dir").flatten().any(|e| {
        e.file_name()
            .to_string_lossy()
            .starts_with("prefs.js.mailsetup-backup-")
    }));

    let (selected, log) = run_thunderbird(&h, &p, 2);
    assert!(selected, "{log}");
    for user in [other, h.user.as_str()] {
        assert!(
            log.contains(&format!("Login: user=<{user}>")),
            "{user}: {log}"
        );
    }
    assert!(prefs(&p).contains("mailsetup.test.kept"), "{}", prefs(&p));
}

#[test]
#[ignore = "needs tests/run"]
fn a_running_thunderbird_keeps_its_profile() {
    let (h, _k, cfg) = saved_account("handoff-running-cfg");

    // The real Thunderbird holds the profile.
    let p = profile("running", &h);
    let stop = temp_dir("handoff-running-stop").join("stop");
    let mut tb = Command::new("tests/harness/thunderbird.sh")
        .arg(&h.dir)
        .arg(&p)
        .arg("30")
        .arg(format!("hold:{}", stop.display()))
        .stdout(Stdio::piped())
        .spawn()
        .expect("thunderbird.sh");
    let mut said = tb.stdout.take().map(BufReader::new);
    let mut first = String::new();
    if let Some(out) = &mut said {
        let _ = out.read_line(&mut first);
    }
    assert_eq!(first.trim(), "running");
    let out = add_to(&cfg, &p, &h.user);
    // Thunderbird quits and the script cleans up after itself; what it prints then is read
    // to the end (a closed pipe would stop it before it stops its Dovecot).
    std::fs::write(&stop, "").expect("stop");
    if let Some(mut rest) = said {
        let _ = std::io::Read::read_to_end(&mut rest, &mut Vec::new());
    }
    let _ = tb.wait();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("Thunderbird is open. Quit Thunderbird"),
        "{}",
        text(&out)
    );
    assert_eq!(imap_servers(&prefs(&p)), 0);

    // Byte for byte: a profile whose lock is held (as Thunderbird holds it) is not touched.
    let p = profile("locked", &h);
    std::fs::write(p.join("prefs.js"), "user_pref(\"a\", 1);\n").expect("write");
    let mut holder = hold_lock(&p);
    let before = snapshot(&p);
    let out = add_to(&cfg, &p, &h.user);
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(snapshot(&p), before);
}

#[test]
#[ignore = "needs tests/run"]
fn a_primary_password_or_an_unreadable_profile_is_left_untouched() {
    let (h, _k, cfg) = saved_account("handoff-primary-cfg");

    let p = temp_dir("tb-primary");
    let pw = p.join("pw.txt");
    std::fs::write(&pw, "primary secret\n").expect("write");
    let db = format!("sql:{}", p.display());
    let made = Command::new("certutil")
        .args(["-N", "-d", &db, "-f"])
        .arg(&pw)
        .status();
    assert!(made.is_ok_and(|s| s.success()));
    std::fs::remove_file(&pw).expect("rm");
    let before = snapshot(&p);
    let out = add_to(&cfg, &p, &h.user);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("primary password"), "{}", text(&out));
    assert_eq!(snapshot(&p), before);

    let p = profile("unreadable", &h);
    std::fs::write(p.join("prefs.js"), "user_pref(\"a\" 1);\n").expect("write");
    let before = snapshot(&p);
    let out = add_to(&cfg, &p, &h.user);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("left untouched"), "{}", text(&out));
    assert_eq!(snapshot(&p), before);
}

/// An account saved as a browser sign-in (its refresh token in the keyring).
fn oauth_account(cfg: &Path) {
    std::fs::create_dir_all(cfg).expect("cfg");
    let server = |host: &str, port: u16| {
        serde_json::json!({"host": host, "port": port, "security": if port == 993 { "tls" } else { "starttls" },
                           "username": "zhang@outlook.com"})
    };
    let file = serde_json::json!({"version": 1, "accounts": [{
        "address": "zhang@outlook.com", "provider": "outlook", "sign_in": "oauth", "saved_at": 0,
        "imap": server("outlook.office365.com", 993), "smtp": server("smtp.office365.com", 587)}]});
    std::fs::write(cfg.join("accounts.json"), file.to_string()).expect("write");
}

#[test]
#[ignore = "needs tests/run"]
fn an_oauth_account_gets_thunderbirds_own_sign_in() {
    let h = thunderbird_harness();
    let cfg = temp_dir("handoff-oauth-cfg");
    oauth_account(&cfg);
    let p = profile("oauth", &h);
    let out = add_to(&cfg, &p, "zhang@outlook.com");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("opens the provider's sign-in page"),
        "{}",
        text(&out)
    );
    let prefs = prefs(&p);
    assert!(prefs.contains("\"outlook.office365.com\""), "{prefs}");
    assert_eq!(prefs.matches(".authMethod\", 10)").count(), 2, "{prefs}");
    assert!(!p.join("logins.json").exists(), "no token is handed over");
    // A token is for programs that ask for one.
    let out = cli(&cfg, &["secret", "zhang@outlook.com"], "");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(out.stdout.is_empty());
}

/// `mailsetup apps --json` for a user whose home is `home`.
fn apps_json(home: &Path) -> serde_json::Value {
    let mut c = bin();
    c.env("HOME", home).args(["apps", "--json"]);
    let out = support::output(c, "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    serde_json::from_slice(&out.stdout).expect("json")
}

/// `mailsetup add-to thunderbird ADDRESS` without `--profile`: the default one of `home`'s.
fn add_to_default(home: &Path, cfg: &Path, address: &str) {
    let mut c = bin();
    c.env("HOME", home).env("MAILSETUP_CONFIG_DIR", cfg).args([
        "add-to",
        "thunderbird",
        address,
        "--lang",
        "en",
    ]);
    let out = support::output(c, "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
#[ignore = "needs tests/run"]
fn apps_lists_thunderbird_profiles_and_add_to_picks_the_default() {
    let h = harness();
    let _k = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
    let home = temp_dir("handoff-home");
    let root = home.join(".thunderbird");
    std::fs::create_dir_all(root.join("abc.default")).expect("mkdir");
    std::fs::create_dir_all(root.join("xyz.work")).expect("mkdir");
    let ini = "[Profile1]\nName=default\nIsRelative=1\nPath=abc.default\nDefault=1\n\n[Profile0]\nName=work\nIsRelative=1\nPath=xyz.work\n\n[Install4F96D1932A9F858E]\nDefault=xyz.work\nLocked=1\n\n[General]\nStartWithLastProfile=1\nVersion=2\n";
    std::fs::write(root.join("profiles.ini"), ini).expect("write");
    let cfg = temp_dir("handoff-apps-cfg");
    let v = apps_json(&home);
    let tb = &v["apps"][0];
    assert_eq!(tb["id"], "thunderbird", "{v}");
    assert_eq!(tb["installed"], true);
    assert_eq!(tb["way"], "direct");
    let profiles = tb["profiles"].as_array().expect("profiles");
    assert_eq!(profiles.len(), 2);
    let default: Vec<_> = profiles.iter().filter(|p| p["default"] == true).collect();
    assert_eq!(default.len(), 1);
    assert!(
        default[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("xyz.work"))
    );
    assert!(
        v["apps"]
            .as_array()
            .is_some_and(|a| a.iter().any(|x| x["id"] == "iphone"))
    );

    // Without --profile: the install's default, not the other one.
    save(&h, &cfg, &h.user);
    add_to_default(&home, &cfg, &h.user);
    assert_eq!(imap_servers(&prefs(&root.join("xyz.work"))), 1);
    assert!(!root.join("abc.default/prefs.js").exists());
}

/// Ubuntu's Thunderbird is a Snap and others use the Flatpak: their profiles are found where
/// those keep them, the one used last is the default, and the real Thunderbird signs in there.
#[test]
#[ignore = "needs tests/run"]
fn a_snap_or_flatpak_thunderbirds_profile_is_found_and_used() {
    let h = thunderbird_harness();
    let _k = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
    let home = temp_dir("handoff-sandboxed-home");
    let snap = home.join("snap/thunderbird/common/.thunderbird");
    let flatpak = home.join(".var/app/org.mozilla.Thunderbird/.thunderbird");
    let ini = "[Profile0]\nName=default-release\nIsRelative=1\nPath=k3y4.default-release\nDefault=1\n\n[General]\nStartWithLastProfile=1\nVersion=2\n";
    for root in [&snap, &flatpak] {
        profile_at(root.join("k3y4.default-release"), &h);
        std::fs::write(root.join("profiles.ini"), ini).expect("profiles.ini");
    }
    // The Flatpak was used last.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    let prefs_js = std::fs::File::options()
        .write(true)
        .open(flatpak.join("k3y4.default-release/prefs.js"))
        .expect("prefs.js");
    prefs_js.set_modified(later).expect("mtime");

    let v = apps_json(&home);
    let profiles = v["apps"][0]["profiles"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(profiles.len(), 2, "{v}");
    let default: Vec<_> = profiles.iter().filter(|p| p["default"] == true).collect();
    assert_eq!(default.len(), 1, "{v}");
    assert!(
        default[0]["path"]
            .as_str()
            .is_some_and(|p| p.contains(".var/app")),
        "{v}"
    );

    let cfg = temp_dir("handoff-sandboxed-cfg");
    save(&h, &cfg, &h.user);
    add_to_default(&home, &cfg, &h.user);
    let used = flatpak.join("k3y4.default-release");
    assert_eq!(imap_servers(&prefs(&used)), 1);
    assert_eq!(imap_servers(&prefs(&snap.join("k3y4.default-release"))), 0);
    let (selected, log) = run_thunderbird(&h, &used, 1);
    assert!(selected, "Thunderbird did not select INBOX:\n{log}");
    assert!(log.contains(&format!("Login: user=<{}>", h.user)), "{log}");
}

#[test]
#[ignore = "needs tests/run"]
fn secret_prints_only_the_code() {
    let h = harness();
    let _k = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
    let cfg = temp_dir("handoff-secret-cfg");
    save(&h, &cfg, &h.user);
    let out = cli(&cfg, &["secret", &h.user], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(out.stdout, format!("{}\n", h.pass).into_bytes());
    assert!(out.stderr.is_empty(), "{}", text(&out));
    let out = cli(&cfg, &["secret", &h.user, "--access-token"], "");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let out = cli(&cfg, &["secret", "nobody@qq.com"], "");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(out.stdout.is_empty());
    assert!(text(&out).contains("No saved account"), "{}", text(&out));
}

/// Evolution: the real evolution-data-server registry loads the account, its identity and its
/// transport from the sources written, and finds the code in the Secret Service by Evolution's
/// own attributes (tests/harness/evolution.sh, in a D-Bus session and keyring of its own).
#[test]
#[ignore = "needs tests/run"]
fn evolution_data_server_loads_the_account_and_finds_its_code() {
    let h = harness();
    let registry = "/usr/libexec/evolution-source-registry";
    installed(registry, "evolution-data-server");
    let work = temp_dir("handoff-evolution");
    let mut c = Command::new("tests/harness/evolution.sh");
    c.arg(env!("CARGO_BIN_EXE_mailsetup"))
        .arg(&work)
        .arg(&h.user)
        .args(servers(&h));
    let out = support::output(c, &h.pass);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!support::contains(&out.stdout, h.pass.as_bytes()));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("registry JSON");
    let accounts = v["accounts"].as_array().expect("accounts");
    assert_eq!(accounts.len(), 1, "one account after two runs: {v}");
    let a = &accounts[0];
    assert_eq!(a["backend"], "imapx");
    assert_eq!(
        (a["host"].as_str(), a["port"].as_u64()),
        (Some("localhost"), Some(u64::from(h.imaps)))
    );
    assert_eq!(a["user"], h.user.as_str());
    assert_eq!(a["security"], "ssl-on-alternate-port");
    assert_eq!(a["identity"], h.user.as_str());
    assert_eq!(a["transport"], "smtp");
    assert_eq!(a["smtp_port"].as_u64(), Some(u64::from(h.submission)));
    assert_eq!(a["smtp_security"], "starttls-on-standard-port");
    assert_eq!(
        (a["secret"].as_bool(), a["smtp_secret"].as_bool()),
        (Some(true), Some(true)),
        "{v}"
    );
    assert!(
        v["said"][0]
            .as_str()
            .is_some_and(|s| s.contains("is now in Evolution, with its code")),
        "{v}"
    );
    assert!(
        v["said"][1]
            .as_str()
            .is_some_and(|s| s.contains("Evolution already has")),
        "{v}"
    );
}

/// Evolution itself: its window (under Xvfb, in a network namespace with only loopback and
/// copies of the harness's servers, tests/harness/evolution_window.sh) opens on the account
/// `add-to evolution` wrote and signs in to Dovecot with the code it finds in the Secret
/// Service, asking nothing: Dovecot logs the user's login and a SELECT of INBOX. Then its own
/// composer sends through Postfix with the transport's code (Ctrl+Enter), and the message is
/// saved in the user's INBOX.
#[test]
#[ignore = "needs tests/run"]
fn evolution_signs_in_and_sends_with_the_code_from_the_secret_service() {
    let h = harness();
    installed("/usr/bin/evolution", "Evolution");
    let work = temp_dir("handoff-evolution-window");
    let mut c = Command::new("tests/harness/evolution_window.sh");
    c.arg(&h.dir)
        .arg(env!("CARGO_BIN_EXE_mailsetup"))
        .arg(&work)
        .arg("60")
        .arg(&h.user)
        .args(servers(&h))
        .env("SUBJECT", "sent-by-evolution");
    let out = support::output(c, &h.pass);
    if std::env::var_os("MAILSETUP_SHOTS").is_some() {
        let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/out/screens");
        let _ = std::fs::create_dir_all(&shots);
        for f in ["evolution.png", "evolution-sent.png"] {
            let _ = std::fs::copy(work.join(f), shots.join(f));
        }
    }
    let log = text(&out);
    assert!(out.status.success(), "{log}");
    assert!(log.contains("is now in Evolution, with its code"), "{log}");
    assert!(log.contains(&format!("Login: user=<{}>", h.user)), "{log}");
    assert!(log.contains("evolution: signed in"), "{log}");
    assert!(log.contains("evolution: sent"), "{log}");
    assert!(log.contains(&format!("sasl_username={}", h.user)), "{log}");
    assert!(log.contains(".camel@"), "Evolution's own message id: {log}");
    assert!(log.contains("saved mail to INBOX"), "{log}");
    assert!(!support::contains(&out.stdout, h.pass.as_bytes()), "{log}");
}

/// "Open Thunderbird" after the hand-off: the command it runs starts the installed Thunderbird
/// on the profile the account went into, which signs in with the code by itself.
#[test]
#[ignore = "needs tests/run"]
fn open_thunderbird_starts_it_on_the_profile_it_was_handed() {
    let (h, _k, cfg) = saved_account("open-cfg");
    let p = profile("open", &h);
    let out = add_to(&cfg, &p, &h.user);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let (selected, log) = open_thunderbird(&h, &p);
    assert!(selected, "Thunderbird did not select INBOX:\n{log}");
    assert!(log.contains(&format!("Login: user=<{}>", h.user)), "{log}");
}

/// An account already in Thunderbird: with the same code that is said even while Thunderbird
/// runs, and nothing changes; with a new code (the provider revoked the old one) the code is
/// replaced, one login per server, and only with Thunderbird closed; the real Thunderbird then
/// signs in with the new code.
#[test]
#[ignore = "needs tests/run"]
fn an_account_already_there_gets_a_new_code_not_a_twin() {
    let (h, _k, cfg) = saved_account("handoff-update-cfg");
    // The code Thunderbird got first, since revoked: the server takes only the harness's now.
    let store = mailsetup::store::Store::at(&cfg);
    let account = store.find(&h.user).expect("load").expect("saved");
    let old = secrecy::SecretString::from("revoked-code-aaaa".to_string());
    store.save(account, &old, true).expect("save");
    let p = profile("update", &h);
    assert_eq!(add_to(&cfg, &p, &h.user).status.code(), Some(0));

    // The same code, Thunderbird running: said, and nothing touched.
    let mut holder = hold_lock(&p);
    let before = snapshot(&p);
    let out = add_to(&cfg, &p, &h.user);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("already has"), "{}", text(&out));
    assert_eq!(snapshot(&p), before);

    // The new code saved (as the wizard's renewal saves it): refused while Thunderbird runs...
    save(&h, &cfg, &h.user);
    let out = add_to(&cfg, &p, &h.user);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("Thunderbird is open"), "{}", text(&out));
    assert_eq!(snapshot(&p), before, "byte for byte");
    let _ = holder.kill();
    let _ = holder.wait();

    // ...and put in once it is closed, replacing the old one for both servers.
    let out = add_to(&cfg, &p, &h.user);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("now has the new one"), "{}", text(&out));
    let logins = logins_of(&p);
    assert_eq!(logins.len(), 2, "one login per server");
    assert!(
        logins.iter().all(|(_, code)| code == &h.pass),
        "the new code"
    );
    assert_eq!(imap_servers(&prefs(&p)), 1, "one account");
    let backups = std::fs::read_dir(&p)
        .expect("profile")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("mailsetup-backup"))
        .count();
    assert!(backups >= 1, "logins.json kept as it was");
    let (selected, log) = run_thunderbird(&h, &p, 1);
    assert!(
        selected,
        "Thunderbird did not sign in with the new code:\n{log}"
    );
    assert!(log.contains(&format!("Login: user=<{}>", h.user)), "{log}");
    // Once more: the same code now, nothing changes.
    let before = snapshot(&p);
    assert_eq!(add_to(&cfg, &p, &h.user).status.code(), Some(0));
    assert_eq!(snapshot(&p), before);
}
