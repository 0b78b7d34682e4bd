//! The one reader of the environment `tests/run` sets up (tests/harness/servers.sh writes it):
//! its directory, CA, user and the servers' ports. Used by tests/support and, through
//! `#[path]`, by the wizard's tests in src/gui/tests. Std only, so both crates can include it.
//! A test that calls it is marked `#[ignore = "needs tests/run"]`; run without the harness
//! anyway, it fails and says so instead of passing.

use std::path::PathBuf;

/// What the harness is: where it lives, its CA, its user and the ports of its servers.
#[derive(Clone, Debug)]
pub struct Harness {
    pub dir: PathBuf,
    pub ca: PathBuf,
    pub other_ca: PathBuf,
    pub user: String,
    pub pass: String,
    pub imaps: u16,
    pub imap_starttls: u16,
    pub smtps: u16,
    pub submission: u16,
    /// The harness's DNS server (`IP:PORT`), where discovery tests look names up.
    pub dns: String,
    /// Its ISPDB (Thunderbird's autoconfig database) over HTTPS.
    pub ispdb: String,
}

/// One harness variable; missing, the test was run outside `tests/run`.
pub fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: this test needs the servers tests/run starts (run tests/run)")
    })
}

/// A harness port variable.
pub fn port(name: &str) -> u16 {
    let value = var(name);
    value
        .parse()
        .unwrap_or_else(|_| panic!("{name}={value} is not a port"))
}

/// The harness tests/run started.
pub fn harness() -> Harness {
    Harness {
        dir: var("MAILSETUP_TEST_DIR").into(),
        ca: var("MAILSETUP_TEST_CA").into(),
        other_ca: var("MAILSETUP_TEST_OTHER_CA").into(),
        user: var("MAILSETUP_TEST_USER"),
        pass: var("MAILSETUP_TEST_PASS"),
        imaps: port("MAILSETUP_TEST_IMAPS"),
        imap_starttls: port("MAILSETUP_TEST_IMAP_STARTTLS"),
        smtps: port("MAILSETUP_TEST_SMTPS"),
        submission: port("MAILSETUP_TEST_SUBMISSION"),
        dns: var("MAILSETUP_TEST_DNS"),
        ispdb: var("MAILSETUP_TEST_ISPDB"),
    }
}
