//! `ingresslab docs`: a chart's README, as helm-docs v1.14.2 writes it.

use std::path::PathBuf;

use ingresslab_core::docs::{DocsInput, SortOrder, readme};

use crate::args::{DocsArgs, SortOrderArg};
use crate::{ExitStatus, Terminal, inputs, output};

pub(crate) fn run(args: &DocsArgs, terminal: &mut Terminal<'_>) -> Result<ExitStatus, String> {
    let chart_yaml = inputs::read(&args.chart.join("Chart.yaml"))?;
    let values_path = args.chart.join("values.yaml");
    let values_yaml = if values_path.exists() {
        inputs::read(&values_path)?
    } else {
        String::new()
    };
    let template_path = args.template.clone().or_else(|| {
        let default = args.chart.join("README.md.gotmpl");
        default.exists().then_some(default)
    });
    // As in helm-docs, a template file that does not exist falls back to the default template.
    let template_path = template_path.filter(|path| {
        let exists = path.exists();
        if !exists {
            crate::printer::line(
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
        template: template_name.as_deref().zip(template.as_deref()),
        sort: match args.sort_values_order {
            SortOrderArg::Alphanum => SortOrder::Alphanum,
            SortOrderArg::File => SortOrder::File,
        },
    };
    let text = readme(&input).map_err(|error| format!("{}: {error}", args.chart.display()))?;
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
