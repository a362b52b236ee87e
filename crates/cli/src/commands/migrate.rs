//! `ingresslab migrate`: legacy `grpcRoute` values → `gatewayApi` values for
//! a target chart. With `--from-chart` the result is written only once both
//! charts render the same Gateway API resources from the old and the new
//! values; without it the rewrite is written and said to be unproven.

use ingresslab_core::{Chart, Difference, ProofSide, Release, migrate, prove_migration};

use crate::args::MigrateArgs;
use crate::{ExitStatus, Terminal, inputs, output, printer};

pub(crate) fn run(args: &MigrateArgs, terminal: &mut Terminal<'_>) -> Result<ExitStatus, String> {
    let old_text = inputs::read(&args.values)?;
    let target = inputs::chart(args.chart.as_deref())?;
    let target_files = match &args.chart {
        Some(dir) => crate::chart_files::chart_source(dir)?,
        None => Chart::embedded_source(),
    };
    let old_chart = args
        .from_chart
        .as_deref()
        .map(crate::chart_files::chart_source)
        .transpose()?;
    let target_name = args.chart.as_ref().map_or_else(
        || "ingresslab's chart".to_owned(),
        |dir| dir.display().to_string(),
    );
    let say = |terminal: &mut Terminal<'_>, line: &str| printer::line(terminal.stderr, line);

    let migration = match migrate(&old_text, &target) {
        Ok(migration) => migration,
        Err(diagnostics) => {
            let message = diagnostics
                .first()
                .map_or_else(String::new, |diagnostic| diagnostic.message.clone());
            say(
                terminal,
                &format!(
                    "error: cannot migrate {}: {message}",
                    inputs::display_name(&args.values)
                ),
            );
            return Ok(ExitStatus::Refused);
        }
    };
    if migration.unchanged {
        say(
            terminal,
            &format!(
                "note: {} has no grpcRoute values: it is already migrated, nothing to change",
                inputs::display_name(&args.values)
            ),
        );
        write(args, terminal, &migration.text)?;
        return Ok(ExitStatus::Clean);
    }
    for (from, to) in &migration.moved {
        say(terminal, &format!("moved: {from} -> {to}"));
    }
    for note in &migration.notes {
        say(terminal, &format!("note: {note}"));
    }
    let mut refused = false;
    for key in &migration.inexpressible {
        say(
            terminal,
            &format!(
                "error: {}: {} cannot express it. {}",
                key.key, target_name, key.reason
            ),
        );
        refused = true;
    }
    if let Some(old_chart) = old_chart {
        let release = Release {
            name: args.release_name.clone(),
            namespace: args.namespace.clone(),
        };
        let proof = prove_migration(
            ProofSide {
                chart: old_chart,
                values: &old_text,
            },
            ProofSide {
                chart: target_files,
                values: &migration.text,
            },
            &release,
        );
        for (which, message) in &proof.refused {
            say(
                terminal,
                &format!(
                    "error: the {which} chart refuses the {which} values, so nothing can be compared: {message}"
                ),
            );
        }
        let said: Vec<&str> = migration
            .inexpressible
            .iter()
            .map(|key| key.key.as_str())
            .collect();
        for difference in &proof.differences {
            if difference
                .keys
                .iter()
                .any(|key| said.contains(&key.as_str()))
            {
                continue;
            }
            say(
                terminal,
                &format!("error: {}", describe(difference, &target_name)),
            );
        }
        for resource in &proof.added {
            say(
                terminal,
                &format!(
                    "note: {target_name} also renders {resource}, which lifts Envoy Gateway's 15 s stream timeout for the GRPCRoute (gatewayApi.routes.grpc.streamTimeouts.enabled: false leaves it out)"
                ),
            );
        }
        if !proof.holds() {
            refused = true;
        } else if !refused {
            write(args, terminal, &migration.text)?;
            say(
                terminal,
                &format!(
                    "proved: {} rendered with {} and the new values rendered with {target_name} give the same Gateway API resources",
                    inputs::display_name(&args.values),
                    args.from_chart
                        .as_ref()
                        .map_or_else(String::new, |dir| dir.display().to_string()),
                ),
            );
            return Ok(ExitStatus::Clean);
        }
    }
    if refused {
        say(
            terminal,
            "error: the new chart cannot render what the old one did; nothing was written",
        );
        return Ok(ExitStatus::Refused);
    }
    write(args, terminal, &migration.text)?;
    say(
        terminal,
        "note: nothing was proven; give --from-chart with the chart the old values were written for to render both charts and compare their Gateway API resources",
    );
    Ok(ExitStatus::Clean)
}

fn write(args: &MigrateArgs, terminal: &mut Terminal<'_>, text: &str) -> Result<(), String> {
    match &args.output {
        Some(path) => output::write_atomic(path, text.as_bytes()),
        None => {
            printer::text(terminal.stdout, text);
            Ok(())
        }
    }
}

/// A difference in words: the old keys behind it first.
fn describe(difference: &Difference, target_name: &str) -> String {
    let field = field_path(&difference.field);
    let place = if field.is_empty() {
        difference.resource.clone()
    } else {
        format!("{} field {field}", difference.resource)
    };
    let what = match (&difference.before, &difference.after) {
        (Some(before), Some(after)) => format!(
            "the old chart rendered `{before}` at {place}; {target_name} renders `{after}` from the new values"
        ),
        (Some(before), None) if field.is_empty() => {
            format!(
                "the old chart rendered {place}; {target_name} renders no such resource from the new values"
            )
        }
        (Some(before), None) => format!(
            "the old chart rendered `{before}` at {place}; {target_name} renders nothing there from the new values"
        ),
        (None, Some(after)) if field.is_empty() => {
            format!(
                "{target_name} renders {place} from the new values, which the old chart did not"
            )
        }
        (None, Some(after)) => format!(
            "{target_name} renders `{after}` at {place} from the new values, where the old chart rendered nothing"
        ),
        (None, None) => format!("{place} differs"),
    };
    if difference.keys.is_empty() {
        what
    } else {
        format!(
            "{}: {target_name} cannot express it: {what}",
            difference.keys.join(", ")
        )
    }
}

/// `/spec/listeners/0/port` as `spec.listeners[0].port`.
fn field_path(pointer: &str) -> String {
    let mut path = String::new();
    for step in pointer.split('/').skip(1) {
        let step = step.replace("~1", "/").replace("~0", "~");
        if step.parse::<usize>().is_ok() {
            path.push_str(&format!("[{step}]"));
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&step);
        }
    }
    path
}
