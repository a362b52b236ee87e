//! `ingresslab migrate`: legacy `grpcRoute` values → `gatewayApi` values,
//! written only once the result is proven equivalent.

use ingresslab_core::{Release, migrate, prove_migration};

use crate::args::MigrateArgs;
use crate::{ExitStatus, Terminal, inputs, output, printer};

pub(crate) fn run(args: &MigrateArgs, terminal: &mut Terminal<'_>) -> Result<ExitStatus, String> {
    let old_text = inputs::read(&args.values)?;
    let chart = inputs::chart(args.chart.as_deref())?;
    let migration = match migrate(&old_text) {
        Ok(migration) => migration,
        Err(diagnostics) => {
            let message = diagnostics
                .first()
                .map_or_else(String::new, |diagnostic| diagnostic.message.clone());
            printer::line(
                terminal.stderr,
                &format!("error: cannot migrate {}: {message}", args.values.display()),
            );
            return Ok(ExitStatus::Refused);
        }
    };
    if migration.unchanged {
        printer::line(
            terminal.stderr,
            &format!(
                "note: {} has no grpcRoute values; nothing to migrate",
                args.values.display()
            ),
        );
    }
    let release = Release {
        name: args.release_name.clone(),
        namespace: args.namespace.clone(),
    };
    let problems = prove_migration(&old_text, &migration, &chart, &release);
    for (from, to) in &migration.moved {
        printer::line(terminal.stderr, &format!("moved: {from} -> {to}"));
    }
    for note in &migration.notes {
        printer::line(terminal.stderr, &format!("note: {note}"));
    }
    if !problems.is_empty() {
        for problem in &problems {
            printer::line(terminal.stderr, &format!("error: {problem}"));
        }
        printer::line(
            terminal.stderr,
            "error: the migration could not be proven; nothing was written",
        );
        return Ok(ExitStatus::Refused);
    }
    match &args.output {
        Some(path) => output::write_atomic(path, migration.text.as_bytes())?,
        None => printer::text(terminal.stdout, &migration.text),
    }
    if !migration.unchanged {
        printer::line(
            terminal.stderr,
            "proved: the new values validate without errors and render the same Gateway, GRPCRoute, parentRefs, hostnames and certificateRefs as the old chart",
        );
    }
    Ok(ExitStatus::Clean)
}
