//! The wizard's screens, each with its own `State`, `Message`, `Event`, `update`, `view`,
//! `primary()` (Enter) and `back()` (Esc); what they borrow from the app comes in a `Context`.
//! No screen builds another: the router (`gui::route`) does, from their events.

pub mod credentials;
pub mod failure;
pub mod mailapp;
pub mod manual;
pub mod signin;
pub mod start;
pub mod steps;
pub mod success;
pub mod testing;
