//! The `mailsetup` binary: the command line (support staff, scripts, tests).

// On Windows the .exe is a GUI program, so starting it from the Start menu opens no console
// window; started from cmd or PowerShell it attaches to that console so the CLI still prints.
#![cfg_attr(windows, windows_subsystem = "windows")]

mod cli;
mod gui;

fn main() -> std::process::ExitCode {
    #[cfg(windows)]
    attach_parent_console();
    cli::main()
}

/// A GUI-subsystem program starts with no standard handles unless they were redirected (a pipe
/// or a file, which must be kept). Only when they are missing, borrow the parent's console.
#[cfg(windows)]
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
    };
    // SAFETY: plain Win32 calls with constant arguments; a failure (no parent console, e.g.
    // started from Explorer) just leaves the handles unset, which is what we want then.
    unsafe {
        let missing = |id| {
            let h = GetStdHandle(id);
            h.is_null() || h == windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE
        };
        if missing(STD_OUTPUT_HANDLE) || missing(STD_ERROR_HANDLE) {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
