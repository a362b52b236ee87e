//! The `ingresslab` command line, as a library so tests can drive it.
//!
//! Commands read files and flags, hand them to `ingresslab_core`, and print
//! through `printer`. No rule logic lives here.

mod args;
#[allow(dead_code, reason = "chart rendering from files is wired in next")]
mod chart_files;
mod commands;
mod inputs;
mod output;
mod printer;

use codespan_reporting::term::termcolor::{Buffer, WriteColor};

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

/// Where a run writes.
pub struct Terminal<'out> {
    /// Standard output.
    pub stdout: &'out mut dyn WriteColor,
    /// Standard error.
    pub stderr: &'out mut dyn WriteColor,
}

/// Run one command.
pub fn run(args: &Args, terminal: &mut Terminal<'_>) -> ExitStatus {
    let outcome = match &args.command {
        Command::Render(render) => commands::render::run(render, terminal),
        Command::Validate(validate) => commands::validate::run(validate, terminal),
        Command::Schema(schema) => commands::schema::run(schema, terminal),
        Command::Diagram(diagram) => commands::diagram::run(diagram, terminal),
        Command::Migrate(migrate) => commands::migrate::run(migrate, terminal),
        Command::Docs(docs) => commands::docs::run(docs, terminal),
        Command::Guide(guide) => commands::guide::run(guide, terminal),
    };
    match outcome {
        Ok(status) => status,
        Err(error) => {
            printer::line(terminal.stderr, &format!("error: {error}"));
            ExitStatus::Error
        }
    }
}

/// The outcome of [`run_captured`].
#[derive(Debug)]
pub struct CapturedRun {
    /// Exit status.
    pub status: ExitStatus,
    /// Everything written to stdout.
    pub stdout: String,
    /// Everything written to stderr.
    pub stderr: String,
}

/// Parse `argv` (without the program name) and run it with output captured,
/// exactly as the binary would, minus colour.
#[must_use]
pub fn run_captured<I, S>(argv: I) -> CapturedRun
where
    I: IntoIterator<Item = S>,
    S: Into<std::ffi::OsString> + Clone,
{
    use clap::Parser;

    let mut stdout = Buffer::no_color();
    let mut stderr = Buffer::no_color();
    let argv = std::iter::once(std::ffi::OsString::from("ingresslab"))
        .chain(argv.into_iter().map(Into::into));
    let status = match Args::try_parse_from(argv) {
        Ok(args) => run(
            &args,
            &mut Terminal {
                stdout: &mut stdout,
                stderr: &mut stderr,
            },
        ),
        Err(error) => {
            printer::text(&mut stderr, &error.render().to_string());
            ExitStatus::Error
        }
    };
    CapturedRun {
        status,
        stdout: String::from_utf8_lossy(stdout.as_slice()).into_owned(),
        stderr: String::from_utf8_lossy(stderr.as_slice()).into_owned(),
    }
}
