//! What the window asks of the system: a browser for pages, a file dialog for certificates.
//! Tests stand in for both through `Launch`.

/// Opens a URL in the browser.
pub type Browser = fn(&str) -> std::io::Result<()>;

/// Asks the user for a certificate file.
pub type PickFile = fn() -> futures::future::BoxFuture<'static, Option<std::path::PathBuf>>;

/// Starts a mail app on its own (tests record the command instead of starting it).
pub type StartApp = fn(std::process::Command) -> std::io::Result<()>;

/// Looks for the mail apps on this computer (tests give the apps of the computer they stage).
pub type FindApps = fn() -> Vec<mailsetup::handoff::Found>;

/// The mail apps found on this computer, off the UI thread (it reads their files).
pub fn find_apps<M: Send + 'static>(
    find: FindApps,
    to: impl Fn(Vec<mailsetup::handoff::Found>) -> M + Send + 'static,
) -> iced::Task<M> {
    let find = async move { tokio::task::spawn_blocking(find).await.unwrap_or_default() };
    iced::Task::perform(find, to)
}

/// Opens `url` in the browser; `Some(url)` when none started, for the screen to show it with
/// Copy instead (no dialog).
pub fn open_page(browser: Browser, url: String) -> Option<String> {
    let e = browser(&url).err()?;
    tracing::warn!("could not open a browser: {e}");
    Some(url)
}

/// The system's browser.
pub fn system_browser(url: &str) -> std::io::Result<()> {
    open::that_detached(url)
}

/// The system's file dialog: Windows' own, on Linux the desktop portal (or zenity).
pub fn system_picker() -> futures::future::BoxFuture<'static, Option<std::path::PathBuf>> {
    use futures::FutureExt;
    rfd::AsyncFileDialog::new()
        .add_filter("PEM / CRT / CER", &["pem", "crt", "cer", "der"])
        .pick_file()
        .map(|f| f.map(|f| f.path().to_path_buf()))
        .boxed()
}
