//! The `mailsetup` binary: the command line (support staff, scripts, tests).

mod cli;
mod gui;

fn main() -> std::process::ExitCode {
    cli::main()
}
