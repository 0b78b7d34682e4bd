//! Presentation: every error and advice id to its sentence (`messages`), the support report's
//! text (`report`) and the documented `--json` shapes (`json`). It sits above the library and
//! the setup flow and below the CLI and the wizard: nothing underneath imports it.

pub mod json;
pub mod messages;
pub mod report;
