//! The `ingresslab` command line, as a library so tests can drive it.
//!
//! Commands read files and flags, hand them to `ingresslab_core`, and print
//! through `printer`. No rule logic lives here.

pub mod alloc;
mod args;
mod chart_files;
mod commands;
mod helm_flags;
mod inputs;
mod output;
mod printer;
mod stack;

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
    inputs::set_input_limit(args.max_input_size);
    let outcome = match &args.command {
        Command::Template(template) => commands::template::run(template, terminal),
        Command::Render(render) => commands::render::run(render, terminal),
        Command::Validate(validate) => commands::validate::run(validate, terminal),
        Command::Schema(schema) => commands::schema::run(schema, terminal),
        Command::Diagram(diagram) => commands::diagram::run(diagram, terminal),
        Command::Migrate(migrate) => commands::migrate::run(migrate, terminal),
        Command::Docs(docs) => commands::docs::run(docs, terminal),
        Command::Guide(guide) => commands::guide::run(guide, terminal),
        Command::CheckDocs(check) => commands::check_docs::run(check, terminal),
        Command::Completions(completions) => commands::completions::run(completions, terminal),
    };
    match outcome {
        Ok(status) => status,
        Err(error) => {
            printer::line(terminal.stderr, &format!("error: {error}"));
            ExitStatus::Error
        }
    }
}

/// Arguments that could not be parsed: what to print and how to exit.
#[derive(Debug)]
pub struct ParseFailure {
    /// The text for stderr (or stdout for `--help`).
    pub message: String,
    /// The exit status.
    pub status: ExitStatus,
}

/// Parse a full argument vector (program name first). `template` reports
/// flag mistakes in Helm's words and with Helm's exit status, as a drop-in
/// must; the other commands use clap's.
///
/// # Errors
/// Usage errors, and `--help`/`--version` (whose text is the message, status 0).
pub fn parse(argv: Vec<std::ffi::OsString>) -> Result<Args, ParseFailure> {
    use clap::Parser;

    if let Some(message) = helm_flags::check(&argv) {
        return Err(ParseFailure {
            message: format!("Error: {message}\n"),
            status: ExitStatus::Refused,
        });
    }
    Args::try_parse_from(argv).map_err(|error| ParseFailure {
        message: error.render().to_string(),
        status: if error.use_stderr() {
            ExitStatus::Error
        } else {
            ExitStatus::Clean
        },
    })
}

/// The arguments of a run as a Helm plugin (`helm ingresslab ...`). Helm
/// keeps its own `--namespace`/`-n` and passes it as `HELM_NAMESPACE`, so
/// the commands that take a release namespace get it back as a flag unless
/// they were given one.
#[must_use]
pub fn as_helm_plugin(
    mut argv: Vec<std::ffi::OsString>,
    namespace: Option<std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    const TAKES_NAMESPACE: &[&str] = &["template", "render", "validate", "diagram", "migrate"];
    let Some(namespace) = namespace.filter(|namespace| !namespace.is_empty()) else {
        return argv;
    };
    let command = argv.get(1).and_then(|command| command.to_str());
    let given = argv.iter().skip(2).any(|arg| {
        arg.to_str().is_some_and(|arg| {
            // `-n`, `-nNS`, `--namespace NS` or `--namespace=NS`.
            arg.starts_with("-n") || arg == "--namespace" || arg.starts_with("--namespace=")
        })
    });
    if command.is_some_and(|command| TAKES_NAMESPACE.contains(&command)) && !given {
        argv.push("--namespace".into());
        argv.push(namespace);
    }
    argv
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
    let mut stdout = Buffer::no_color();
    let mut stderr = Buffer::no_color();
    let argv: Vec<std::ffi::OsString> = std::iter::once(std::ffi::OsString::from("ingresslab"))
        .chain(argv.into_iter().map(Into::into))
        .collect();
    let status = match parse(argv) {
        Ok(args) => run(
            &args,
            &mut Terminal {
                stdout: &mut stdout,
                stderr: &mut stderr,
            },
        ),
        Err(failure) => {
            printer::text(&mut stderr, &failure.message);
            failure.status
        }
    };
    CapturedRun {
        status,
        stdout: String::from_utf8_lossy(stdout.as_slice()).into_owned(),
        stderr: String::from_utf8_lossy(stderr.as_slice()).into_owned(),
    }
}
