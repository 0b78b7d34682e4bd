//! The real mail apps the hand-off and the repair are tested with (tests/handoff.rs,
//! tests/repair.rs): Debian's Thunderbird, headless in a network namespace with only loopback
//! (tests/harness/thunderbird.sh), its profiles, logins and lock; the harness's servers as the
//! CLI takes them.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;

use super::{Harness, cli, harness, temp_dir, text};

/// The tests save the same addresses into the one keyring: one at a time.
pub static KEYRING: Mutex<()> = Mutex::new(());

/// The mail app's `file` must be here: tests/run installs it.
pub fn installed(file: &str, what: &str) {
    assert!(
        Path::new(file).is_file(),
        "{what} is not installed: tests/run installs it"
    );
}

/// The harness, where Thunderbird is installed too.
pub fn thunderbird_harness() -> Harness {
    let h = harness();
    installed("/usr/lib/thunderbird/thunderbird", "Thunderbird");
    h
}

/// The harness's servers as the CLI takes them: Dovecot (TLS), Postfix (STARTTLS), its CA.
pub fn servers(h: &Harness) -> Vec<String> {
    let ca = h.ca.to_string_lossy().into_owned();
    let imap = format!("localhost:{}:tls", h.imaps);
    let smtp = format!("localhost:{}:starttls", h.submission);
    ["--imap", &imap, "--smtp", &smtp, "--ca-file", &ca]
        .map(String::from)
        .to_vec()
}

/// `check --save` of a harness user against Dovecot (TLS) and Postfix (STARTTLS).
pub fn save(h: &Harness, cfg: &Path, address: &str) {
    save_with(h, cfg, address, &h.pass);
}

/// `check --save` of `address` with `code`.
pub fn save_with(h: &Harness, cfg: &Path, address: &str, code: &str) {
    let servers = servers(h);
    let mut args = vec!["check", address, "--password-stdin", "--save", "--replace"];
    args.extend(servers.iter().map(String::as_str));
    let out = cli(cfg, &args, &format!("{code}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

/// A profile as Thunderbird left it after its first start (with its key for saved passwords),
/// made once per run by the real Thunderbird; each test gets a copy.
pub fn started_profile(h: &Harness) -> &'static Path {
    static TEMPLATE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let p = temp_dir("tb-first-start");
        let out = Command::new("tests/harness/thunderbird.sh")
            .arg(&h.dir)
            .arg(&p)
            .arg("40")
            .arg("init")
            .output()
            .expect("thunderbird.sh");
        assert!(out.status.success(), "first start: {}", text(&out));
        let _ = std::fs::remove_file(p.join(".startup-incomplete"));
        p
    })
}

/// A copy of a profile Thunderbird has started once, trusting the test CA (as a company's CA
/// would be trusted; test only).
pub fn profile(name: &str, h: &Harness) -> PathBuf {
    profile_at(temp_dir(&format!("tb-{name}")), h)
}

pub fn profile_at(p: PathBuf, h: &Harness) -> PathBuf {
    std::fs::create_dir_all(&p).expect("mkdir");
    let copied = Command::new("cp")
        .arg("-a")
        .arg(format!("{}/.", started_profile(h).display()))
        .arg(&p)
        .status();
    assert!(copied.is_ok_and(|s| s.success()));
    trust_test_ca(&p, h);
    p
}

/// A profile Thunderbird has never started: an empty key database without a key yet.
pub fn never_started_profile(name: &str, h: &Harness) -> PathBuf {
    let p = temp_dir(&format!("tb-{name}"));
    let db = format!("sql:{}", p.display());
    let made = Command::new("certutil")
        .args(["-N", "-d", &db, "--empty-password"])
        .status();
    assert!(made.is_ok_and(|s| s.success()));
    trust_test_ca(&p, h);
    p
}

pub fn trust_test_ca(p: &Path, h: &Harness) {
    let db = format!("sql:{}", p.display());
    let ca = h.ca.to_string_lossy().into_owned();
    let add_ca = ["-A", "-d", &db, "-n", "test CA", "-t", "C,,", "-i", &ca];
    assert!(
        Command::new("certutil")
            .args(add_ca)
            .status()
            .is_ok_and(|s| s.success())
    );
    // A namespace with only loopback looks offline to Thunderbird, which then stays offline
    // at start-up: tell it to ignore the OS's network state (test only, like the CA).
    let user_js = "user_pref(\"offline.autoDetect\", false);\nuser_pref(\"network.manage-offline-status\", false);\n";
    std::fs::write(p.join("user.js"), user_js).expect("user.js");
}

pub fn add_to(cfg: &Path, profile: &Path, address: &str) -> Output {
    let p = profile.to_string_lossy().into_owned();
    cli(
        cfg,
        &["add-to", "thunderbird", address, "--profile", &p],
        "",
    )
}

/// Runs the real Thunderbird on the profile until Dovecot has seen `selects` connections
/// select INBOX; whether it did, and what Dovecot logged.
pub fn run_thunderbird(h: &Harness, profile: &Path, selects: usize) -> (bool, String) {
    let out = Command::new("tests/harness/thunderbird.sh")
        .arg(&h.dir)
        .arg(profile)
        .arg("40")
        .arg(format!("select:{selects}"))
        .output()
        .expect("thunderbird.sh");
    (out.status.success(), text(&out))
}

/// Holds `profile`'s lock as Thunderbird does (a POSIX lock on `.parentlock`) until killed.
pub fn hold_lock(profile: &Path) -> std::process::Child {
    let script = "import fcntl,sys,time\nf=open(sys.argv[1],'a')\nfcntl.lockf(f,fcntl.LOCK_EX)\nprint('locked',flush=True)\ntime.sleep(30)";
    let mut holder = Command::new("python3")
        .args(["-c", script])
        .arg(profile.join(".parentlock"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    let mut line = String::new();
    if let Some(out) = holder.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    assert_eq!(line.trim(), "locked");
    holder
}

/// What `logins.json` holds for each origin: (origin, decrypted password).
pub fn logins_of(profile: &Path) -> Vec<(String, String)> {
    let keys = mailsetup::handoff::keydb::open(profile).expect("key4.db");
    let text = std::fs::read_to_string(profile.join("logins.json")).expect("logins.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let list = v["logins"].as_array().cloned().unwrap_or_default();
    list.iter()
        .map(|l| {
            let sealed = l["encryptedPassword"].as_str().expect("value");
            let plain = keys.decrypt(sealed).expect("decrypts");
            let origin = l["hostname"].as_str().unwrap_or_default().to_string();
            (
                origin,
                secrecy::ExposeSecret::expose_secret(&plain).to_string(),
            )
        })
        .collect()
}

pub fn prefs(profile: &Path) -> String {
    std::fs::read_to_string(profile.join("prefs.js")).unwrap_or_default()
}

pub fn imap_servers(prefs: &str) -> usize {
    prefs.matches(".type\", \"imap\")").count()
}
