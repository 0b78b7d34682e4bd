//! Everything the command line writes: a reader that leaves early ends the program quietly,
//! a failed write is a sentence; JSON helpers.

use std::io::Write;

use mailsetup::i18n::{Lang, Localizer, msg};

use super::*;

/// `println!` for the CLI: a reader that goes away (`mailsetup providers | head -1`) ends the
/// program quietly, as a Unix tool should, instead of panicking; any other write error (a full
/// disk) is reported and exits 1.
macro_rules! outln {
    () => { write_out(format_args!("\n")) };
    ($($t:tt)*) => { write_out(format_args!("{}\n", format_args!($($t)*))) };
}

/// `eprintln!` that never panics: with stderr closed there is nobody left to tell.
macro_rules! errln {
    ($($t:tt)*) => {{ let _ = writeln!(std::io::stderr(), $($t)*); }};
}

pub(super) fn write_out(args: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        if reader_left(&e) {
            std::process::exit(0);
        }
        let args: Vec<String> = std::env::args().collect();
        let l = Localizer::new(Lang::detect(lang_arg(&args).as_deref()));
        errln!(
            "{}",
            l.tr_args(msg::CLI_OUTPUT_FAILED, &[("reason", e.to_string().into())])
        );
        std::process::exit(1);
    }
}

/// The reader of our output has gone away. Windows also reports this as
/// ERROR_PIPE_NOT_CONNECTED (233), which Rust does not map to `BrokenPipe`.
pub(super) fn reader_left(e: &std::io::Error) -> bool {
    const ERROR_PIPE_NOT_CONNECTED: i32 = 233;
    e.kind() == std::io::ErrorKind::BrokenPipe
        || (cfg!(windows) && e.raw_os_error() == Some(ERROR_PIPE_NOT_CONNECTED))
}

pub(super) fn print_json(v: &impl serde::Serialize) {
    let text = serde_json::to_string_pretty(v).unwrap_or_default();
    outln!("{text}");
}
