//! The wizard's screens, each with its own `State`, `Message`, `Event`, `update` and `view`;
//! what they borrow from the app comes in a `Context`.

pub mod certificate;
pub mod credentials;
pub mod mailapp;
pub mod manual;
pub mod phone;
pub mod result;
pub mod signin;
pub mod start;
pub mod steps;
pub mod testing;

/// Opens a URL in the browser (tests stand in for it).
pub type Browser = fn(&str) -> std::io::Result<()>;

/// Asks the user for a certificate file (tests stand in for the system's dialog).
pub type PickFile = fn() -> futures::future::BoxFuture<'static, Option<std::path::PathBuf>>;
