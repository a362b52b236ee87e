//! The `ingresslab` binary: parse arguments, run, map the outcome to an exit code.
//!
//! On Linux the binary starts at C's `main` and leaves through `_exit`: a
//! run is a couple of milliseconds, and Rust's start-up (a read of
//! `/proc/self/maps` to place a stack guard, a signal stack) and the
//! clean-up at exit cost a run about a tenth. Output is flushed before
//! leaving; SIGPIPE keeps its default, so `ingresslab template ... | head`
//! ends quietly as `helm template ... | head` does.
#![cfg_attr(target_os = "linux", no_main)]

use std::io::{IsTerminal, Write};

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

/// A run allocates many small blocks and ends soon: see `alloc.rs`.
#[global_allocator]
static ALLOCATOR: ingresslab_cli::alloc::Allocator = ingresslab_cli::alloc::Allocator;

fn color(is_terminal: bool) -> ColorChoice {
    if is_terminal {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    }
}

/// Run the command line; the process exit code.
fn run() -> u8 {
    let mut argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if std::env::var_os("HELM_PLUGIN_NAME").is_some() {
        argv = ingresslab_cli::as_helm_plugin(argv, std::env::var_os("HELM_NAMESPACE"));
    }
    let args = match ingresslab_cli::parse(argv) {
        Ok(args) => args,
        Err(failure) => {
            if failure.status == ingresslab_cli::ExitStatus::Clean {
                print!("{}", failure.message);
            } else {
                eprint!("{}", failure.message);
            }
            return failure.status as u8;
        }
    };
    let mut stdout = StandardStream::stdout(color(std::io::stdout().is_terminal()));
    let mut stderr = StandardStream::stderr(color(std::io::stderr().is_terminal()));
    let mut terminal = ingresslab_cli::Terminal {
        stdout: &mut stdout,
        stderr: &mut stderr,
    };
    ingresslab_cli::run(&args, &mut terminal) as u8
}

#[cfg(target_os = "linux")]
#[unsafe(no_mangle)]
extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
    // std reads the arguments itself (glibc hands them to its initialiser).
    ingresslab_cli::alloc::prepare();
    let status = run();
    // A failed flush (a closed pipe) has nothing left to report to.
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: everything the process wrote is flushed; nothing else needs
    // to run at exit (no temporary files, no other threads' work).
    unsafe { libc::_exit(libc::c_int::from(status)) }
}

#[cfg(not(target_os = "linux"))]
fn main() -> std::process::ExitCode {
    let status = run();
    let _ = std::io::stdout().flush();
    std::process::ExitCode::from(status)
}
