//! `ingresslab docs`: a chart's README, as helm-docs v1.14.2 writes it.
//!
//! As helm-docs does, a chart that cannot be documented is skipped with a
//! warning and exit 0, and a template that stops early still writes the part
//! it rendered.

use std::path::{Path, PathBuf};

use ingresslab_core::docs::{DocsError, DocsInput, SortOrder, readme};

use crate::args::{DocsArgs, SortOrderArg};
use crate::{ExitStatus, Terminal, inputs, output, printer};

/// Read a file of the chart when it exists.
fn optional(path: &Path) -> Result<Option<String>, String> {
    if path.exists() {
        inputs::read(path).map(Some)
    } else {
        Ok(None)
    }
}

pub(crate) fn run(args: &DocsArgs, terminal: &mut Terminal<'_>) -> Result<ExitStatus, String> {
    let chart_yaml = inputs::read(&args.chart.join("Chart.yaml"))?;
    let Some(values_yaml) = optional(&args.chart.join("values.yaml"))? else {
        printer::line(
            terminal.stderr,
            &format!(
                "warning: {} has no values.yaml; helm-docs skips such a chart, nothing written",
                args.chart.display()
            ),
        );
        return Ok(ExitStatus::Clean);
    };
    let requirements_yaml = optional(&args.chart.join("requirements.yaml"))?;
    // A template file that does not exist falls back to the default template, as in helm-docs.
    let template_path = args
        .template
        .clone()
        .or_else(|| Some(args.chart.join("README.md.gotmpl")))
        .filter(|path| {
            let exists = path.exists();
            if !exists && args.template.is_some() {
                printer::line(
                    terminal.stderr,
                    &format!(
                        "note: {} does not exist; using helm-docs' default template",
                        path.display()
                    ),
                );
            }
            exists
        });
    let template = template_path
        .as_ref()
        .map(|path| inputs::read(path))
        .transpose()?;
    let template_name = template_path
        .as_ref()
        .and_then(|path| path.file_name())
        .map(|name| name.to_string_lossy().into_owned());
    let input = DocsInput {
        chart_yaml: &chart_yaml,
        values_yaml: &values_yaml,
        requirements_yaml: requirements_yaml.as_deref(),
        template: template_name.as_deref().zip(template.as_deref()),
        sort: match args.sort_values_order {
            SortOrderArg::Alphanum => SortOrder::Alphanum,
            SortOrderArg::File => SortOrder::File,
        },
    };
    let text = match readme(&input) {
        Ok(text) => text,
        Err(DocsError::Partial { text, reason }) => {
            printer::line(
                terminal.stderr,
                &format!(
                    "warning: {reason}; writing what was rendered before it, as helm-docs does"
                ),
            );
            text
        }
        Err(DocsError::Skipped(reason)) => {
            printer::line(
                terminal.stderr,
                &format!(
                    "warning: {}: helm-docs skips this chart ({reason}); nothing written",
                    args.chart.display()
                ),
            );
            return Ok(ExitStatus::Clean);
        }
        Err(error) => return Err(format!("{}: {error}", args.chart.display())),
    };
    let target: PathBuf = args
        .output
        .clone()
        .unwrap_or_else(|| args.chart.join("README.md"));
    output::deliver(
        &target,
        &text,
        args.check,
        args.dry_run,
        "ingresslab docs",
        terminal,
    )
}
