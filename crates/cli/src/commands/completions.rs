//! `ingresslab completions SHELL`: the completion script clap_complete writes
//! from the same argument definitions the binary parses.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::args::{Args, CompletionsArgs, ShellArg};
use crate::{ExitStatus, Terminal};

pub(crate) fn run(
    args: &CompletionsArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ExitStatus, String> {
    let shell = match args.shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
    };
    let mut command = Args::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "ingresslab", &mut script);
    terminal
        .stdout
        .write_all(&script)
        .map_err(|error| format!("cannot write the script: {error}"))?;
    Ok(ExitStatus::Clean)
}
