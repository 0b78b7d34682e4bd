//! The X display, opened before the window and held until it closes.
//!
//! An X server started without `-noreset` (as `xvfb-run` starts Xvfb) resets each time its last
//! client leaves, and hangs up on a connection it accepted but had not answered yet. A short-lived
//! client (a `xdotool` poll, a script's `xprop`) leaving just as winit opens the display makes
//! winit fail, and winit makes one event loop per process: a failed one cannot be made again.
//! Opening the display here first, where a failure can be retried, and keeping that connection
//! until the window closes means the server always has a client while winit connects.

use std::time::Duration;

/// How many times the display is tried, and the wait between tries: about a second in all, so a
/// desktop that is there is always found, and one that is not is said at once.
const TRIES: u32 = 10;
const PAUSE: Duration = Duration::from_millis(100);

/// What `open` found: the window may be opened (holding the X connection when it is X11), or
/// the display named does not open.
pub enum Display {
    /// Windows, macOS, Wayland: nothing to hold.
    Native,
    /// The X server of `DISPLAY`, connected; held for its `Drop`, after the window closes.
    #[cfg(all(unix, not(target_os = "macos")))]
    X11 { _held: Box<Held> },
    /// No display is named, or the one named did not open within about a second.
    Missing,
}

/// Opens the display the window will use, trying again quietly for about a second.
pub fn open() -> Display {
    if cfg!(any(windows, target_os = "macos")) {
        return Display::Native;
    }
    let named = |v: &str| std::env::var_os(v).is_some_and(|s| !s.is_empty());
    // winit takes Wayland whenever it is named, and X11 only without it.
    if named("WAYLAND_DISPLAY") || named("WAYLAND_SOCKET") {
        return Display::Native;
    }
    if !named("DISPLAY") {
        return Display::Missing;
    }
    open_x11()
}

#[cfg(all(unix, not(target_os = "macos")))]
fn open_x11() -> Display {
    let Ok(xlib) = x11_dl::xlib::Xlib::open() else {
        // No libX11: winit cannot open it either.
        return Display::Missing;
    };
    // SAFETY: the first Xlib call of the process, as Xlib asks of threaded programs (winit,
    // which makes the same call later, needs it too).
    unsafe { (xlib.XInitThreads)() };
    for tried in 1..=TRIES {
        // SAFETY: a null name means `DISPLAY`; the result is checked for null before use.
        let display = unsafe { (xlib.XOpenDisplay)(std::ptr::null()) };
        if !display.is_null() {
            return Display::X11 {
                _held: Box::new(Held { xlib, display }),
            };
        }
        if tried < TRIES {
            tracing::info!(tried, "the display did not open: trying again");
            std::thread::sleep(PAUSE);
        }
    }
    Display::Missing
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn open_x11() -> Display {
    Display::Native
}

/// An open X connection that does nothing but exist.
#[cfg(all(unix, not(target_os = "macos")))]
pub struct Held {
    xlib: x11_dl::xlib::Xlib,
    display: *mut x11_dl::xlib::Display,
}

#[cfg(all(unix, not(target_os = "macos")))]
impl Drop for Held {
    fn drop(&mut self) {
        // SAFETY: `display` came from XOpenDisplay, is not null, and is closed only here.
        unsafe { (self.xlib.XCloseDisplay)(self.display) };
    }
}
