//! The `mailsetup` binary: the command line (support staff, scripts, tests).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
