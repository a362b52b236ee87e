//! `ingresslab guide`: the ingress guide, its diagrams, and the values table,
//! generated from templates and validated examples.

use std::fs;
use std::path::Path;

use ingresslab_core::Chart;
use ingresslab_core::docs::{DocsInput, SortOrder, readme};
use ingresslab_core::guide::{Example, render};

use crate::args::GuideArgs;
use crate::{ExitStatus, Terminal, inputs, output};

pub(crate) fn run(args: &GuideArgs, terminal: &mut Terminal<'_>) -> Result<ExitStatus, String> {
    let template = inputs::read(&args.template)?;
    let examples = read_examples(&args.examples)?;
    let guide_name = args.output.file_name().map_or_else(
        || "ingress.md".to_owned(),
        |name| name.to_string_lossy().into_owned(),
    );
    let directory = args.output.parent().unwrap_or(Path::new("."));
    let mut files = render(&guide_name, &template, &examples)
        .map_err(|problem| format!("the guide cannot be built:\n{problem}"))?;

    let (chart_yaml, values_yaml) = Chart::embedded_files();
    let values_template = inputs::read(&args.values_template)?;
    let values_md = readme(&DocsInput {
        chart_yaml,
        values_yaml,
        requirements_yaml: None,
        template: Some(("values.md.gotmpl", &values_template)),
        sort: SortOrder::Alphanum,
    })
    .map_err(|error| error.to_string())?;
    files.push(ingresslab_core::guide::GuideFile {
        path: "values.md".to_owned(),
        text: values_md,
    });

    let mut status = ExitStatus::Clean;
    for file in files {
        let path = directory.join(&file.path);
        if !args.check
            && let Some(parent) = path.parent()
        {
            fs::create_dir_all(parent)
                .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
        }
        if output::deliver(
            &path,
            &file.text,
            args.check,
            false,
            "ingresslab guide",
            terminal,
        )? != ExitStatus::Clean
        {
            status = ExitStatus::Refused;
        }
    }
    Ok(status)
}

fn read_examples(directory: &Path) -> Result<Vec<Example>, String> {
    let mut paths: Vec<_> = fs::read_dir(directory)
        .map_err(|error| format!("cannot read {}: {error}", directory.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            Ok(Example {
                name: path
                    .file_stem()
                    .map(|stem| stem.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                path: path.display().to_string(),
                text: inputs::read(path)?,
            })
        })
        .collect()
}
