//! Wizard flows, headless with iced_test: the real screens, the real check against the local
//! Dovecot/Postfix harness (started by tests/run), the real keyring. One file per screen; what
//! they share (the app, the runtime's loop, the harness) is in `kit`.

/// The harness tests/run starts, read as tests/ read it.
#[allow(dead_code)]
#[path = "../../../tests/support/harness.rs"]
mod harness;
mod kit;

mod credentials;
mod mailapp;
mod phone;
mod renew;
mod result;
mod signin;
mod start;
mod steps;
mod testing;
mod window;
