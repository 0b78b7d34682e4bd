//! The `mailsetup` binary as support staff and scripts use it: JSON shapes, exit codes, saving to
//! the real Secret Service keyring (started by `tests/run`) and to accounts.json.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use support::harness;

fn bin() -> Command {
    let mut c = support::bin();
    c.env_remove("MAILSETUP_LANG");
    c
}

fn run(cmd: Command, stdin: &str) -> Output {
    support::output(cmd, stdin)
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn config_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("mailsetup-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn detect_json_gives_catalog_endpoints() {
    let mut c = bin();
    c.args(["detect", "张三＠ｑｑ．com", "--json", "--lang", "en"]);
    let out = run(c, "");
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["provider"], "qq");
    assert_eq!(v["source"], "catalog");
    assert_eq!(v["address"], "张三@qq.com");
    assert_eq!(v["imap"]["host"], "imap.qq.com");
    assert_eq!(v["imap"]["port"], 993);
    assert_eq!(v["imap"]["security"], "tls");
    assert_eq!(v["smtp"]["username"], "张三@qq.com");
    assert!(
        v["steps"]
            .as_array()
            .is_some_and(|s| s.iter().all(|s| s["url"].is_string()))
    );
}

#[test]
fn detect_human_output_is_localised() {
    let mut c = bin();
    c.args(["detect", "a@163.com", "--lang", "zh-CN"]);
    let out = run(c, "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("网易163邮箱") && text.contains("客户端授权密码"),
        "{text}"
    );
    let mut c = bin();
    c.args(["detect", "a@163.com"])
        .env("MAILSETUP_LANG", "zh-TW");
    let text = String::from_utf8_lossy(&run(c, "").stdout).to_string();
    assert!(text.contains("網易163郵箱"), "{text}");
}

#[test]
fn usage_errors_exit_2_with_a_sentence() {
    for (args, stdin, needle) in [
        (vec!["check", "nobody", "--password-stdin"], "x", "@"),
        (vec!["check", "a@qq.com"], "", "--password-stdin"),
        (
            vec!["check", "a@qq.com", "--password-stdin"],
            "  \n",
            "authorization code",
        ),
        (
            vec![
                "check",
                "a@qq.com",
                "--password-stdin",
                "--imap",
                "nonsense",
            ],
            "x",
            "HOST:PORT",
        ),
        (vec!["detect", "a@b@c.com"], "", "more than one"),
    ] {
        let mut c = bin();
        c.args(&args).args(["--lang", "en"]);
        let out = run(c, stdin);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // Servers that cannot be found: "not found" (1), with the way on.
    let mut c = bin();
    c.args(["check", "a@example.org", "--password-stdin", "--no-network"])
        .args(["--lang", "en"]);
    let out = run(c, "x");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("could not find") && err.contains("--imap"),
        "{err}"
    );
}

#[test]
#[ignore = "needs tests/run"]
fn code_format_warning_before_connecting() {
    let h = harness();
    // A QQ number where an auth code is expected: said at once, nothing sent (usage error 2).
    let mut c = bin();
    c.args([
        "check",
        "12345@qq.com",
        "--password-stdin",
        "--lang",
        "en",
        "--timeout",
        "5",
    ]);
    c.args(["--imap", &format!("localhost:{}:tls", h.imaps)]);
    c.args(["--smtp", &format!("localhost:{}:tls", h.smtps)]);
    c.args(["--ca-file", h.ca.to_str().expect("utf-8 path")]);
    let out = run(c, "123456789\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("looks like a number or a login password"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(2));
}

fn check_cmd(h: &support::Harness, cfg: &Path, extra: &[&str]) -> Command {
    let mut c = bin();
    c.args([
        "check",
        &h.user,
        "--password-stdin",
        "--json",
        "--lang",
        "en",
    ]);
    c.args(["--imap", &format!("localhost:{}:tls", h.imaps)]);
    c.args(["--smtp", &format!("localhost:{}:starttls", h.submission)]);
    c.args(["--ca-file", h.ca.to_str().expect("utf-8 path")]);
    c.args(extra);
    c.env("MAILSETUP_CONFIG_DIR", cfg);
    c
}

#[test]
#[ignore = "needs tests/run"]
fn check_json_shape_and_exit_codes() {
    let h = harness();
    let cfg = config_dir("shape");
    let out = run(check_cmd(&h, &cfg, &[]), &format!("{}\n", h.pass));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["ok"], true);
    for p in ["imap", "smtp"] {
        assert_eq!(v[p]["ok"], true);
        assert!(v[p]["error"].is_null());
        let stages = v[p]["stages"].as_array().expect("stages");
        assert!(
            stages
                .iter()
                .all(|s| s["name"].is_string() && s["ms"].is_u64())
        );
    }
    assert_eq!(v["smtp"]["security"], "starttls");
    assert_eq!(v["saved"], false);

    let out = run(check_cmd(&h, &cfg, &[]), "definitelywrongpw\n");
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    for p in ["imap", "smtp"] {
        let e = &v[p]["error"];
        assert_eq!(e["kind"], "auth", "{v}");
        assert!(e["server_text"].is_string());
        // The harness user is a qq.com address, so the advice is QQ's own.
        assert!(
            e["advice"].as_str().is_some_and(|a| a.contains("QQ Mail")),
            "{v}"
        );
        assert_eq!(e["help_url"], "https://wx.mail.qq.com/account/index");
    }
}

#[test]
#[ignore = "needs tests/run"]
fn save_goes_to_the_keyring_and_accounts_json() {
    let h = harness();
    let cfg = config_dir("save");
    let out = run(check_cmd(&h, &cfg, &["--save"]), &format!("{}\n", h.pass));
    let v = json(&out);
    assert_eq!(v["saved"], true, "{v}");

    // The secret is in the real Secret Service …
    let store = mailsetup::store::Store::at(&cfg);
    let secret = store
        .secret(&h.user)
        .expect("keyring reachable")
        .expect("stored");
    assert_eq!(secrecy::ExposeSecret::expose_secret(&secret), h.pass);
    // … and nowhere in the file or the output.
    let file = std::fs::read_to_string(store.accounts_path()).expect("accounts.json");
    assert!(file.contains(&h.user) && !file.contains(&h.pass));
    assert!(!String::from_utf8_lossy(&out.stdout).contains(&h.pass));
    assert!(!String::from_utf8_lossy(&out.stderr).contains(&h.pass));

    // Saving the same address again asks for --replace; with it, the account is replaced.
    let out = run(check_cmd(&h, &cfg, &["--save"]), &format!("{}\n", h.pass));
    let v = json(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(v["saved"], false);
    assert!(
        v["save_error"]
            .as_str()
            .is_some_and(|e| e.contains("--replace")),
        "{v}"
    );
    let out = run(
        check_cmd(&h, &cfg, &["--save", "--replace", "--name", " 张三\n"]),
        &format!("{}\n", h.pass),
    );
    assert_eq!(json(&out)["saved"], true);

    let mut c = bin();
    c.args(["accounts", "--json"])
        .env("MAILSETUP_CONFIG_DIR", &cfg);
    let v = json(&run(c, ""));
    assert_eq!(v["accounts"][0]["address"], h.user.as_str());
    assert_eq!(v["accounts"][0]["imap"]["port"], h.imaps);
    assert_eq!(v["accounts"][0]["name"], "张三", "the name recipients see");

    let mut c = bin();
    c.args(["remove", &h.user, "--lang", "en"])
        .env("MAILSETUP_CONFIG_DIR", &cfg);
    let out = run(c, "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(store.secret(&h.user).expect("keyring").is_none());
    assert!(store.load().expect("load").accounts.is_empty());
    let _ = std::fs::remove_dir_all(cfg);
}

#[test]
#[ignore = "needs tests/run"]
fn no_keyring_means_nothing_saved() {
    let h = harness();
    let cfg = config_dir("nokeyring");
    let mut c = check_cmd(&h, &cfg, &["--save"]);
    // A session bus that does not exist: no Secret Service.
    c.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    let out = run(c, &format!("{}\n", h.pass));
    let v = json(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(v["ok"], true);
    assert_eq!(v["saved"], false);
    assert!(
        v["save_error"]
            .as_str()
            .is_some_and(|e| e.contains("keyring is not available")),
        "{v}"
    );
    assert!(!cfg.join("accounts.json").exists(), "no half-saved account");
}

/// Company domains served by the test DNS server (dnsmasq, started by tests/run).
#[test]
#[ignore = "needs tests/run"]
fn detect_finds_enterprise_providers_by_mx() {
    let _ = harness();
    let dns = std::env::var("MAILSETUP_TEST_DNS").expect("MAILSETUP_TEST_DNS");
    for (domain, provider, imap_host) in [
        ("exmail-corp.test", "exmail", "imap.exmail.qq.com"),
        ("netease-corp.test", "netease-qiye", "imap.qiye.163.com"),
        ("aliyun-corp.test", "aliyun-qiye", "imap.qiye.aliyun.com"),
        ("google-corp.test", "google-workspace", "imap.gmail.com"),
        ("m365-corp.test", "microsoft365", "outlook.office365.com"),
    ] {
        let mut c = bin();
        c.args([
            "detect",
            &format!("zhang@{domain}"),
            "--json",
            "--lang",
            "en",
        ]);
        c.args(["--dns-server", &dns]);
        let out = run(c, "");
        assert_eq!(out.status.code(), Some(0), "{domain}");
        let v = json(&out);
        assert_eq!(v["provider"], provider, "{domain}: {v}");
        assert_eq!(v["source"], "mx");
        assert_eq!(v["imap"]["host"], imap_host);
        assert_eq!(v["imap"]["username"], format!("zhang@{domain}"));
        assert!(
            v["admin_note"]
                .as_str()
                .is_some_and(|n| n.contains("administrator"))
        );
    }
    // An MX no provider matches, and a domain with no MX at all: not found, exit 1.
    for domain in ["self-hosted.test", "nothing-here.test"] {
        let mut c = bin();
        c.args([
            "detect",
            &format!("a@{domain}"),
            "--json",
            "--dns-server",
            &dns,
        ]);
        let out = run(c, "");
        assert_eq!(out.status.code(), Some(1), "{domain}");
        assert!(json(&out)["provider"].is_null());
    }
    // --no-network: the catalog only, so the company domain is not found.
    let mut c = bin();
    c.args(["detect", "zhang@exmail-corp.test", "--json", "--no-network"]);
    assert_eq!(run(c, "").status.code(), Some(1));
}

/// `mailsetup providers | head -1`: the reader leaves early. The CLI must end quietly with 0, not
/// panic on the broken pipe (it did, and `grep -q` in tests/package caught it). A full disk is a
/// clear sentence and exit 1.
#[test]
fn output_to_a_closed_pipe_or_full_disk_does_not_panic() {
    use std::process::Stdio;
    for args in [
        &["providers", "--lang", "zh-CN"][..],
        &["providers", "--json"],
        &["detect", "a@qq.com"],
    ] {
        let mut c = bin();
        c.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = c.spawn().expect("spawn");
        drop(child.stdout.take()); // the reader is gone before the first line
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
    if let Ok(full) = std::fs::File::options().write(true).open("/dev/full") {
        let mut c = bin();
        c.args(["providers", "--lang", "en"])
            .stdout(full)
            .stderr(Stdio::piped());
        let out = c.output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("Could not write the output"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// Started where there is no graphical session (SSH, a server): a sentence pointing to the
/// command line and exit 2, not a panic.
#[test]
fn no_display_is_a_sentence_not_a_panic() {
    for (lang, words) in [("en", "mailsetup providers"), ("zh-CN", "图形桌面")] {
        let mut cmd = bin();
        cmd.args(["--lang", lang])
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("WAYLAND_SOCKET");
        let out = run(cmd, "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(words), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// `DISPLAY` set but nothing answers there (an expired `ssh -X`, a stopped Xvfb): the same
/// sentence and exit code as no display at all, not the window library's panic.
#[test]
fn an_unreachable_display_is_the_no_display_sentence() {
    let free = (60..99).find(|n| {
        !std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            && std::process::Command::new("bash")
                .args(["-c", &format!("exec 3<>/dev/tcp/127.0.0.1/{}", 6000 + n)])
                .status()
                .is_ok_and(|s| !s.success())
    });
    let Some(n) = free else { return };
    for (display, lang, words) in [
        (format!(":{n}"), "en", "mailsetup providers"),
        (format!(":{n}.0"), "zh-CN", "图形桌面"),
        (format!("127.0.0.1:{n}"), "en", "mailsetup providers"),
    ] {
        let mut cmd = bin();
        cmd.args(["--lang", lang])
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("WAYLAND_SOCKET");
        let out = run(cmd, "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{display}: {err}");
        assert!(err.contains(words), "{display}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// A setup link as the desktop hands it over: a bad one is a sentence in the link's language
/// (or the system's), never a panic; a good one, with no display, says there is none.
#[test]
fn setup_links_are_checked() {
    for (link, words) in [
        (
            "mailsetup://setup?provider=evil&lang=en",
            "mail provider this app does not know (\"evil\")",
        ),
        (
            "mailsetup://setup?address=%E5%BC%A0%E4%B8%89&lang=zh-CN",
            "邮箱地址“张三”不对",
        ),
        ("mailsetup://setup?password=x&lang=en", "(\"password\")"),
        ("mailsetup:", "not a Mail Setup link"),
        (
            "mailsetup://setup?provider=qq&lang=en",
            "mailsetup providers",
        ),
    ] {
        let mut cmd = bin();
        cmd.arg(link)
            .env("MAILSETUP_LANG", "en")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("WAYLAND_SOCKET");
        let out = run(cmd, "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{link}: {err}");
        assert!(err.contains(words), "{link}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// A display that answers at its socket but does not open (here: an X socket that hangs up at
/// once) is tried again quietly for about a second; only then is the user told there is no
/// desktop (exit 2).
#[cfg(target_os = "linux")]
#[test]
fn a_display_that_does_not_open_is_tried_for_a_second() {
    use std::os::unix::net::UnixListener;
    let _ = std::fs::create_dir_all("/tmp/.X11-unix");
    // A display number no X server here uses (xvfb-run -a starts at 99 and counts up).
    let n = (150..250)
        .find(|n| !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists())
        .expect("a free display number");
    let socket = format!("/tmp/.X11-unix/X{n}");
    let listener = UnixListener::bind(&socket).expect("a fake X socket");
    // Hangs up on every client: the socket answers, the X handshake never does.
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            drop(conn);
        }
    });
    let cfg = config_dir("no-open");
    let mut c = bin();
    c.env("DISPLAY", format!(":{n}"))
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .env("MAILSETUP_LOG", "info")
        .env("MAILSETUP_CONFIG_DIR", &cfg)
        .args(["--lang", "en"]);
    let started = std::time::Instant::now();
    let out = run(c, "");
    let took = started.elapsed();
    let _ = std::fs::remove_file(&socket);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("trying again").count(), 9, "{err}");
    assert!(err.contains("no graphical desktop"), "{err}");
    assert!(took >= std::time::Duration::from_millis(900), "{took:?}");
    assert!(took < std::time::Duration::from_secs(5), "{took:?}");
}
