//! The last mile: a tested account handed to the user's own mail app. Which mail apps this
//! computer has, and setting an account up directly where the app keeps accounts in files
//! another program may write (Thunderbird's profile). Files of another program are changed only
//! while it is not running, atomically, after a backup, keeping everything that was there.
//! No wording here: `present` says what happened.

pub mod evolution;
pub mod keydb;
pub mod launch;
mod prefs;
pub mod thunderbird;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use keydb::KeyDbError;

pub use crate::apps::{MailApp, Way};

/// One app as found on this computer.
#[derive(Clone, Debug, Serialize)]
pub struct Found {
    pub app: MailApp,
    pub installed: bool,
    pub way: Way,
    /// Thunderbird's profiles (the default one marked).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<thunderbird::Profile>,
}

/// Every app, those installed here first (in the order of [`MailApp::ALL`]).
pub fn apps() -> Vec<Found> {
    let tb_profiles = thunderbird::all_profiles();
    let mut out: Vec<Found> = MailApp::ALL
        .iter()
        .map(|&app| {
            let (installed, profiles) = match app {
                MailApp::Thunderbird => (
                    thunderbird::installed() || !tb_profiles.is_empty(),
                    tb_profiles.clone(),
                ),
                other => (installed(other), Vec::new()),
            };
            Found {
                app,
                installed,
                way: app.way(),
                profiles,
            }
        })
        .collect();
    out.sort_by_key(|f| !f.installed);
    out
}

/// Whether a desktop app is installed, by the file that proves it.
fn installed(app: MailApp) -> bool {
    let env = |v: &str| std::env::var_os(v).map(PathBuf::from);
    let candidates: Vec<PathBuf> = match app {
        MailApp::Evolution => return evolution::installed(),
        MailApp::Outlook | MailApp::WindowsMail | MailApp::Foxmail | MailApp::MailMaster
            if cfg!(windows) =>
        {
            let sub = match app {
                MailApp::Outlook => "Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
                MailApp::Foxmail => "Foxmail 7.2\\Foxmail.exe",
                MailApp::MailMaster => "Netease\\MailMaster\\Application\\mailmaster.exe",
                _ => "WindowsApps",
            };
            ["ProgramFiles", "ProgramFiles(x86)"]
                .iter()
                .filter_map(|v| env(v).map(|d| d.join(sub)))
                .collect()
        }
        MailApp::AppleMail if cfg!(target_os = "macos") => {
            vec!["/System/Applications/Mail.app".into()]
        }
        _ => Vec::new(),
    };
    candidates.iter().any(|p| p.exists())
}

/// What a direct set-up did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Added {
    /// Written; the files as they were are kept beside them; `password`: the code was handed
    /// over too (else the app asks for it, or signs in through the browser).
    Added {
        backups: Vec<PathBuf>,
        password: bool,
    },
    /// The app already had this account, with another code: the code it keeps was replaced
    /// (the provider issued a new one); the files as they were are kept beside them.
    Updated { backups: Vec<PathBuf> },
    /// The app already had this account, with this code: nothing was changed.
    AlreadyThere,
}

#[derive(Debug, thiserror::Error)]
pub enum HandoffError {
    /// The app is running (it holds its profile lock): close it first.
    #[error("the mail app is running")]
    Running,
    #[error("no profile at {0}")]
    NoProfile(PathBuf),
    /// A file of the app's that this app cannot read: left untouched.
    #[error("{0} could not be read")]
    Unreadable(PathBuf),
    /// Thunderbird's key for saved passwords could not be used.
    #[error(transparent)]
    Keys(#[from] KeyDbError),
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
}

impl HandoffError {
    fn io(path: &Path, e: impl std::fmt::Display) -> Self {
        HandoffError::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }
    }
}

/// A held profile lock; released on drop, and the lock file removed if this app made it.
pub struct Lock {
    _file: std::fs::File,
    /// Unix: the lock file this app made, removed while the lock is still held (Windows: the
    /// file deletes itself when closed).
    made: Option<PathBuf>,
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(p) = &self.made {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Takes the app's profile lock the way the app does (POSIX `fcntl` on Unix, an exclusive open
/// on Windows): `Running` when the app holds it.
fn lock(path: &Path) -> Result<Lock, HandoffError> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let made = (!path.exists()).then(|| path.to_path_buf());
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| HandoffError::io(path, e))?;
        // SAFETY: a plain fcntl call on an open descriptor with a zeroed `flock` struct.
        let locked = unsafe {
            let mut fl: libc::flock = std::mem::zeroed();
            fl.l_type = libc::F_WRLCK as _;
            fl.l_whence = libc::SEEK_SET as _;
            libc::fcntl(file.as_raw_fd(), libc::F_SETLK, &fl) == 0
        };
        let lock = Lock { _file: file, made };
        if !locked {
            return Err(HandoffError::Running);
        }
        Ok(lock)
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        /// The file goes when its last handle closes (it cannot be deleted while held).
        const FILE_FLAG_DELETE_ON_CLOSE: u32 = 0x0400_0000;
        // Thunderbird's lock is `parent.lock`, opened without sharing while it runs.
        let path = path.with_file_name("parent.lock");
        let mut options = std::fs::OpenOptions::new();
        options
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .share_mode(0);
        // One this app makes goes when it is let go, as Thunderbird's own does.
        if !path.exists() {
            options.custom_flags(FILE_FLAG_DELETE_ON_CLOSE);
        }
        options
            .open(&path)
            .map(|file| Lock {
                _file: file,
                made: None,
            })
            .map_err(|e| match e.raw_os_error() {
                Some(32 | 33) => HandoffError::Running,
                _ => HandoffError::io(&path, e),
            })
    }
}

/// Copies a file beside itself (`NAME.mailsetup-backup-TIME`) before it is changed; nothing to
/// do for a file that does not exist yet.
fn backup(path: &Path) -> Result<Option<PathBuf>, HandoffError> {
    if !path.exists() {
        return Ok(None);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let to = path.with_file_name(format!(
        "{}.mailsetup-backup-{}",
        name.unwrap_or_default(),
        now_ms()
    ));
    std::fs::copy(path, &to).map_err(|e| HandoffError::io(path, e))?;
    Ok(Some(to))
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), HandoffError> {
    crate::store::write_private(path, bytes).map_err(|e| HandoffError::io(path, e))
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// A random (version 4) UUID, as Thunderbird's login entries carry.
fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}
