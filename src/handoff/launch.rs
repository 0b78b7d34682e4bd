//! Starting the mail app an account was just handed to: the same install its profile belongs
//! to (a Snap's profile is opened by the Snap, a Flatpak's by the Flatpak), on that profile.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::thunderbird::Profile;

/// Thunderbird on `profile`: `--profile` names the folder itself, so the install opens the
/// profile the account was written into, whichever is its default.
pub fn thunderbird(profile: &Profile) -> Command {
    let mut cmd = match profile.sandbox() {
        Some("Snap") => Command::new("/snap/bin/thunderbird"),
        Some(_) => {
            let mut c = Command::new("flatpak");
            c.args(["run", "org.mozilla.Thunderbird"]);
            c
        }
        None => installed_thunderbird(),
    };
    cmd.arg("--profile").arg(&profile.path);
    cmd
}

/// The installed program: Windows' from its install folder, macOS' through `open`, elsewhere
/// `thunderbird` as the desktop's launcher finds it.
fn installed_thunderbird() -> Command {
    if cfg!(windows) {
        let exe = ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"]
            .iter()
            .filter_map(std::env::var_os)
            .map(PathBuf::from)
            .flat_map(|d| {
                [
                    d.join("Mozilla Thunderbird"),
                    d.join("Programs").join("Mozilla Thunderbird"),
                ]
            })
            .map(|d| d.join("thunderbird.exe"))
            .find(|f| f.is_file());
        return Command::new(exe.unwrap_or_else(|| "thunderbird.exe".into()));
    }
    if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.args(["-n", "-a", "Thunderbird", "--args"]);
        return c;
    }
    Command::new("thunderbird")
}

/// Evolution's window.
pub fn evolution() -> Command {
    Command::new("evolution")
}

/// Starts `cmd` on its own: its output goes nowhere, and it outlives this app. A thread waits
/// for it so it leaves no zombie behind while this app runs.
pub fn start(mut cmd: Command) -> std::io::Result<()> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handoff::thunderbird::default_profile_at as at;

    fn words(cmd: &Command) -> Vec<String> {
        std::iter::once(cmd.get_program())
            .chain(cmd.get_args())
            .map(|s| s.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn each_install_opens_its_own_profile() {
        let snap = at("/home/zs/snap/thunderbird/common/.thunderbird/a.default-release");
        assert_eq!(
            words(&thunderbird(&snap)),
            [
                "/snap/bin/thunderbird",
                "--profile",
                &snap.path.to_string_lossy()
            ]
        );
        let flatpak =
            at("/home/zs/.var/app/org.mozilla.Thunderbird/.thunderbird/b.default-release");
        let w = words(&thunderbird(&flatpak));
        assert_eq!(w[..3], ["flatpak", "run", "org.mozilla.Thunderbird"]);
        assert_eq!(
            w[3..],
            [
                "--profile".to_string(),
                flatpak.path.to_string_lossy().into()
            ]
        );
        if cfg!(target_os = "linux") {
            let plain = at("/home/zs/.thunderbird/c.default-release");
            assert_eq!(
                words(&thunderbird(&plain))[..2],
                ["thunderbird", "--profile"]
            );
        }
    }
}
