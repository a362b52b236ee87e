//! The `ingresslab` command line, as a library so tests can drive it.
//!
//! Commands read files and flags, hand them to `ingresslab_core`, and print
//! through [`printer`]. No rule logic lives here.

mod args;
mod commands;
mod inputs;
mod printer;

pub use args::{Args, Command};

/// How a run ended; the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitStatus {
    /// Everything is fine.
    Clean = 0,
    /// The values were refused (errors, or warnings under `--strict`).
    Refused = 1,
    /// Usage or I/O error: a missing file, an unreadable chart.
    Error = 2,
}

/// Run one command.
#[must_use]
pub fn run(args: &Args) -> ExitStatus {
    let outcome = match &args.command {
        Command::Render(render) => commands::render::run(render),
        Command::Validate(validate) => commands::validate::run(validate),
    };
    match outcome {
        Ok(status) => status,
        Err(error) => {
            printer::error(&error);
            ExitStatus::Error
        }
    }
}
