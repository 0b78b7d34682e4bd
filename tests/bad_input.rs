//! Bad input: every odd address and code gets its own sentence, and nothing that is
//! certainly wrong reaches the network. The servers given are a loopback listener that counts
//! connections. The table this prints (also tests/out/bad-input.md) is in docs/testing.md.

use std::io::Write;
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use mailsetup::address::AddressError;
use mailsetup::i18n::{Lang, Localizer, msg};
use mailsetup::present::messages;

/// A listener that counts connections and hangs up at once.
fn counting_listener() -> (u16, Arc<AtomicUsize>) {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    let n = Arc::new(AtomicUsize::new(0));
    let n2 = n.clone();
    std::thread::spawn(move || {
        for c in l.incoming() {
            n2.fetch_add(1, Ordering::SeqCst);
            drop(c);
        }
    });
    (port, n)
}

struct Row {
    case: String,
    exit: Option<i32>,
    said: String,
    connections: usize,
    ms: u128,
}

fn check(address: &str, code: &str, port: u16, n: &AtomicUsize) -> Row {
    let before = n.load(Ordering::SeqCst);
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailsetup"));
    c.env_remove("MAILSETUP_LANG")
        .args([
            "check",
            address,
            "--password-stdin",
            "--lang",
            "en",
            "--timeout",
            "3",
        ])
        .args(["--imap", &format!("127.0.0.1:{port}:tls")])
        .args(["--smtp", &format!("127.0.0.1:{port}:tls")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let t = Instant::now();
    let mut child = c.spawn().expect("spawn");
    if let Some(mut s) = child.stdin.take() {
        let _ = s.write_all(code.as_bytes());
    }
    let out = child.wait_with_output().expect("wait");
    let ms = t.elapsed().as_millis();
    // The listener thread may count a moment later.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let stderr = String::from_utf8_lossy(&out.stderr);
    Row {
        case: String::new(),
        exit: out.status.code(),
        said: stderr
            .lines()
            .find(|l| !l.trim().is_empty() && !l.starts_with("Testing"))
            .unwrap_or_default()
            .to_string(),
        connections: n.load(Ordering::SeqCst) - before,
        ms,
    }
}

fn detect(address: &str) -> (Option<i32>, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_mailsetup"))
        .env_remove("MAILSETUP_LANG")
        .args(["detect", address, "--json", "--no-network", "--lang", "en"])
        .output()
        .expect("run");
    (
        out.status.code(),
        serde_json::from_slice(&out.stdout).unwrap_or_default(),
    )
}

#[test]
fn bad_addresses_and_codes_get_their_own_sentence_and_never_reach_the_network() {
    let l = Localizer::new(Lang::En);
    let (port, n) = counting_listener();
    let mut rows = Vec::new();
    let mut wrong = Vec::new();

    // Addresses that cannot be right: exit 2, their own sentence, no connection.
    let long = format!("{}@qq.com", "a".repeat(300));
    for (name, input, err) in [
        ("empty", "", AddressError::Empty),
        ("no @", "zhangsan.qq.com", AddressError::MissingAt),
        ("two @", "zhang@san@qq.com", AddressError::MultipleAt),
        ("spaces inside", "zhang san@qq.com", AddressError::Spaces),
        ("300 characters", long.as_str(), AddressError::TooLong),
        ("only a domain", "qq.com", AddressError::MissingAt),
        ("nothing before @", "@qq.com", AddressError::EmptyLocal),
        ("domain without a dot", "zhang@qq", AddressError::BadDomain),
    ] {
        let mut r = check(input, "abcdefghijklmnop", port, &n);
        r.case = format!("address: {name}");
        let want = messages::address_error(&l, &err);
        if r.exit != Some(2) || !r.said.contains(&want) || r.connections != 0 {
            wrong.push(format!(
                "{name}: exit {:?}, said {:?}, {} connections",
                r.exit, r.said, r.connections
            ));
        }
        rows.push(r);
    }

    // Addresses that are fine once normalised.
    for (name, input, normal) in [
        ("full-width ＠ and ．", "张三＠ｑｑ．com", "张三@qq.com"),
        ("spaces around it", "  zhang@qq.com ", "zhang@qq.com"),
        ("trailing dot", "zhang@qq.com.", "zhang@qq.com"),
        ("IDN", "zhang@例子.公司", "zhang@xn--fsqu00a.xn--55qx5d"),
        ("upper case", "ZHANG@QQ.COM", "ZHANG@qq.com"),
    ] {
        let t = Instant::now();
        let (code, v) = detect(input);
        let got = v["address"].as_str().unwrap_or_default().to_string();
        if got != normal {
            wrong.push(format!("{name}: {got} (exit {code:?})"));
        }
        rows.push(Row {
            case: format!("address: {name}"),
            exit: code,
            said: format!("accepted as {got}"),
            connections: 0,
            ms: t.elapsed().as_millis(),
        });
    }

    // Codes. Certainly wrong: said at once, nothing sent.
    for (name, address, code, want) in [
        (
            "empty",
            "tester@qq.com",
            "  \n",
            l.tr_args(
                msg::CODE_EMPTY,
                &[("credential", l.tr(msg::CREDENTIAL_AUTH_CODE).into())],
            ),
        ),
        (
            "digits only (QQ number / password)",
            "tester@qq.com",
            "123456789\n",
            "looks like a number or a login password".to_string(),
        ),
        (
            "a password for Outlook (OAuth only)",
            "someone@outlook.com",
            "hunter2hunter2\n",
            "does not accept passwords".to_string(),
        ),
    ] {
        let mut r = check(address, code, port, &n);
        r.case = format!("code: {name}");
        if r.exit != Some(2) || !r.said.contains(&want) || r.connections != 0 {
            wrong.push(format!(
                "code {name}: exit {:?}, said {:?}, {} connections",
                r.exit, r.said, r.connections
            ));
        }
        rows.push(r);
    }
    // Fine once cleaned, or only possibly wrong: sent (and here refused by the listener).
    for (name, code, warned) in [
        (
            "with spaces and line breaks",
            "abcd efgh\nijkl mnop\n",
            false,
        ),
        (
            "full-width letters",
            "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐ",
            false,
        ),
        ("15 letters (QQ issues 16)", "abcdefghijklmno", true),
    ] {
        let mut r = check("tester@qq.com", code, port, &n);
        r.case = format!("code: {name}");
        let ok = r.exit == Some(1) && r.connections > 0 && (!warned || r.said.contains("16"));
        if !ok {
            wrong.push(format!(
                "code {name}: exit {:?}, said {:?}, {} connections",
                r.exit, r.said, r.connections
            ));
        }
        if !warned {
            r.said = "cleaned, then sent".into();
        }
        rows.push(r);
    }

    let mut table = String::from(
        "| input | exit | what the user is told | connections | time |\n|---|---|---|---|---|\n",
    );
    for r in &rows {
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} ms |\n",
            r.case,
            r.exit.map(|c| c.to_string()).unwrap_or_default(),
            r.said.replace('|', "\\|"),
            r.connections,
            r.ms
        ));
    }
    eprintln!("{table}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/out");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(out.join("bad-input.md"), &table);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
