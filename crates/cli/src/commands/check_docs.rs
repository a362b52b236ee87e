//! `ingresslab check-docs`: every example of the pages checked against the
//! chart, findings on the pages' own lines; exit 1 when an example has an
//! error (`--strict`: a warning).

use std::path::{Path, PathBuf};

use ingresslab_core::doccheck::{
    self, CheckContext, Checked, DocOptions, Example, ExampleKind, Finding, Page,
};
use ingresslab_core::{Analyzer, Chart, Severity};
use serde_json::{Value, json};

use crate::args::{CheckDocsArgs, Format};
use crate::{ExitStatus, Terminal, inputs, printer};

/// One page with its examples checked.
struct PageReport {
    name: String,
    page: Page,
    checked: Vec<Checked>,
    /// API versions the page's installs need, with the first example that needs them.
    prerequisite: Option<(usize, Vec<String>)>,
}

pub(crate) fn run(args: &CheckDocsArgs, terminal: &mut Terminal<'_>) -> Result<ExitStatus, String> {
    let chart = inputs::chart(args.chart.as_deref())?;
    let chart_files = match &args.chart {
        Some(dir) => crate::chart_files::chart_source(dir)?,
        None => Chart::embedded_source(),
    };
    let options = DocOptions {
        chart_refs: args.chart_refs.clone(),
        cluster: args.cluster.cluster(),
    };
    let probed = doccheck::probed_api_versions(&chart_files);
    let context = CheckContext {
        chart: &chart,
        chart_files: &chart_files,
        probed_api_versions: &probed,
    };
    // One chart for every page: its template parses and defaults are kept.
    let mut analyzer = Analyzer::default();
    let mut reports = Vec::new();
    for path in pages(&args.files)? {
        let text = inputs::read(&path)?;
        let page = doccheck::read_page(&text, &chart, &options);
        let directory = path.parent().map(Path::to_path_buf).unwrap_or_default();
        // A values file relative to the page, or else to where the check
        // runs (docs often name files from the repository's root).
        let read_file = |name: &str| {
            [directory.join(name), PathBuf::from(name)]
                .into_iter()
                .find(|file| file.is_file())
                .and_then(|file| inputs::read(&file).ok())
        };
        let mut checked: Vec<Checked> = page
            .examples
            .iter()
            .map(|example| doccheck::check(&page, example, &context, &mut analyzer, &read_file))
            .collect();
        // A values file's findings are named as the user would open the file.
        for finding in checked.iter_mut().flat_map(|checked| &mut checked.findings) {
            if let Some(file) = &mut finding.file {
                let beside_page = directory.join(&*file);
                if beside_page.is_file() {
                    *file = inputs::display_name(&beside_page);
                }
            }
        }
        let prerequisite = page
            .examples
            .iter()
            .zip(&checked)
            .find(|(_, checked)| !checked.prerequisite.is_empty())
            .map(|(example, checked)| (example.number, checked.prerequisite.clone()));
        reports.push(PageReport {
            name: inputs::display_name(&path),
            page,
            checked,
            prerequisite,
        });
    }
    let failing = |checked: &Checked| {
        checked.findings.iter().any(|finding| {
            finding.severity == Severity::Error
                || (args.strict && finding.severity == Severity::Warning)
        })
    };
    let summary = Summary::of(&reports, &failing);
    let output = match args.format {
        Format::Text => text_report(&reports, &summary, &failing),
        Format::Json => json_report(&reports, &summary, &failing),
        Format::Github => github_report(&reports, &summary),
    };
    printer::text(terminal.stdout, &output);
    Ok(if summary.failing > 0 {
        ExitStatus::Refused
    } else {
        ExitStatus::Clean
    })
}

/// The pages named: files as given, folders walked for `.md` and `.mdx` in name order.
fn pages(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut pages = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut pages)?;
        } else {
            pages.push(path.clone());
        }
    }
    Ok(pages)
}

fn walk(dir: &Path, pages: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|error| format!("cannot list {}: {error}", dir.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for entry in entries {
        let hidden = entry
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with('.'));
        if hidden || entry.file_name().is_some_and(|name| name == "node_modules") {
            continue;
        }
        if entry.is_dir() {
            walk(&entry, pages)?;
        } else if entry
            .extension()
            .is_some_and(|ext| ext == "md" || ext == "mdx")
        {
            pages.push(entry);
        }
    }
    Ok(())
}

/// Examples found, checked, skipped and failing, over every page.
struct Summary {
    found: usize,
    checked: usize,
    skipped: usize,
    failing: usize,
}

impl Summary {
    fn of(reports: &[PageReport], failing: &dyn Fn(&Checked) -> bool) -> Self {
        let mut summary = Self {
            found: 0,
            checked: 0,
            skipped: 0,
            failing: 0,
        };
        for report in reports {
            for (example, checked) in report.page.examples.iter().zip(&report.checked) {
                summary.found += 1;
                if example.skipped.is_some() {
                    summary.skipped += 1;
                } else {
                    summary.checked += 1;
                    summary.failing += usize::from(failing(checked));
                }
            }
        }
        summary
    }

    fn line(&self) -> String {
        let examples = if self.found == 1 {
            "example"
        } else {
            "examples"
        };
        format!(
            "{} {examples} found: {} checked, {} skipped, {} failing",
            self.found, self.checked, self.skipped, self.failing
        )
    }
}

/// `skipped`, `failing`, `warnings` or `passing`.
fn status(
    example: &Example,
    checked: &Checked,
    failing: &dyn Fn(&Checked) -> bool,
) -> &'static str {
    let warned = checked
        .findings
        .iter()
        .any(|finding| finding.severity == Severity::Warning);
    if example.skipped.is_some() {
        "skipped"
    } else if failing(checked) {
        "failing"
    } else if warned {
        "warnings"
    } else {
        "passing"
    }
}

fn kind_name(example: &Example) -> String {
    match example.kind {
        ExampleKind::Command(verb) => format!("helm {}", verb.as_str()),
        ExampleKind::ValuesBlock => "values block".to_owned(),
    }
}

/// As `validate` prints it in text (its JSON says `info`, as here).
fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn finding_file<'a>(report: &'a PageReport, finding: &'a Finding) -> &'a str {
    finding.file.as_deref().unwrap_or(&report.name)
}

fn prerequisite_message(versions: &[String]) -> String {
    format!(
        "the chart refuses to install unless the cluster serves {}; the page's prerequisites must install it before these commands",
        versions.join(" or ")
    )
}

fn text_report(
    reports: &[PageReport],
    summary: &Summary,
    failing: &dyn Fn(&Checked) -> bool,
) -> String {
    let mut out = String::new();
    for report in reports {
        if let Some((number, versions)) = &report.prerequisite
            && let Some(example) = report.page.examples.get(number - 1)
        {
            out.push_str(&format!(
                "{}:{}:{}: prerequisite: {}\n",
                report.name,
                example.at.line,
                example.at.column,
                prerequisite_message(versions)
            ));
        }
        for (example, checked) in report.page.examples.iter().zip(&report.checked) {
            let head = format!(
                "{}:{}:{}: example {} ({})",
                report.name,
                example.at.line,
                example.at.column,
                example.number,
                kind_name(example)
            );
            if let Some(why) = &example.skipped {
                out.push_str(&format!("{head}: skipped, {why}\n"));
                continue;
            }
            out.push_str(&format!("{head}: {}\n", status(example, checked, failing)));
            for finding in &checked.findings {
                out.push_str(&format!(
                    "{}:{}:{}: {}[{}] example {}: {}\n",
                    finding_file(report, finding),
                    finding.at.line,
                    finding.at.column,
                    severity_name(finding.severity),
                    finding.code,
                    example.number,
                    finding.message
                ));
                for related in &finding.related {
                    out.push_str(&format!(
                        "    {}:{}:{}: {}: {}\n",
                        related.file.as_deref().unwrap_or(&report.name),
                        related.at.line,
                        related.at.column,
                        related.path,
                        related.note
                    ));
                }
                if let Some(help) = &finding.help {
                    out.push_str(&format!("    help: {}\n", help.replace('\n', "\n    ")));
                }
            }
            for placeholder in &example.placeholders {
                out.push_str(&format!(
                    "{}:{}:{}: note: example {}: placeholder {} checked as {}\n",
                    report.name,
                    placeholder.at.line,
                    placeholder.at.column,
                    example.number,
                    placeholder.text,
                    placeholder.stand_in
                ));
            }
            for file in &checked.missing_files {
                out.push_str(&format!(
                    "{head}: note: {file} is not beside the page; checked without it, as a placeholder\n"
                ));
            }
        }
    }
    out.push_str(&summary.line());
    out.push('\n');
    out
}

fn position_json(line: usize, column: usize) -> Value {
    json!({ "line": line, "column": column })
}

fn json_report(
    reports: &[PageReport],
    summary: &Summary,
    failing: &dyn Fn(&Checked) -> bool,
) -> String {
    let pages: Vec<Value> = reports
        .iter()
        .map(|report| {
            let examples: Vec<Value> = report
                .page
                .examples
                .iter()
                .zip(&report.checked)
                .map(|(example, checked)| {
                    let findings: Vec<Value> = checked
                        .findings
                        .iter()
                        .map(|finding| {
                            json!({
                                "file": finding_file(report, finding),
                                "line": finding.at.line,
                                "column": finding.at.column,
                                "severity": finding.severity.as_str(),
                                "code": finding.code.as_str(),
                                "name": finding.code.name(),
                                "path": finding.path,
                                "message": finding.message,
                                "help": finding.help,
                                "related": finding.related.iter().map(|related| json!({
                                    "file": related.file.as_deref().unwrap_or(&report.name),
                                    "line": related.at.line,
                                    "column": related.at.column,
                                    "path": related.path,
                                    "note": related.note,
                                })).collect::<Vec<Value>>(),
                            })
                        })
                        .collect();
                    let placeholders: Vec<Value> = example
                        .placeholders
                        .iter()
                        .map(|placeholder| {
                            json!({
                                "text": placeholder.text,
                                "stand_in": placeholder.stand_in,
                                "line": placeholder.at.line,
                                "column": placeholder.at.column,
                            })
                        })
                        .collect();
                    json!({
                        "number": example.number,
                        "kind": kind_name(example),
                        "line": example.at.line,
                        "column": example.at.column,
                        "status": status(example, checked, failing),
                        "skipped": example.skipped,
                        "values_files": example.values_files,
                        "missing_files": checked.missing_files,
                        "placeholders": placeholders,
                        "findings": findings,
                    })
                })
                .collect();
            let prerequisite = report.prerequisite.as_ref().map(|(number, versions)| {
                let at = report.page.examples[number - 1].at;
                json!({
                    "example": number,
                    "api_versions": versions,
                    "message": prerequisite_message(versions),
                    "position": position_json(at.line, at.column),
                })
            });
            json!({
                "file": report.name,
                "prerequisite": prerequisite,
                "examples": examples,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({
        "pages": pages,
        "summary": {
            "found": summary.found,
            "checked": summary.checked,
            "skipped": summary.skipped,
            "failing": summary.failing,
        },
    }))
    .unwrap_or_default();
    text.push('\n');
    text
}

fn github_report(reports: &[PageReport], summary: &Summary) -> String {
    let mut out = String::new();
    let mut annotate =
        |command: &str, file: &str, line: usize, column: usize, title: &str, message: &str| {
            out.push_str(&format!(
                "::{command} file={},line={line},col={column},title={}::{}\n",
                printer::escape_property(file),
                printer::escape_property(title),
                printer::escape_data(message)
            ));
        };
    for report in reports {
        if let Some((number, versions)) = &report.prerequisite {
            let at = report.page.examples[number - 1].at;
            let message = prerequisite_message(versions);
            annotate(
                "notice",
                &report.name,
                at.line,
                at.column,
                "prerequisite",
                &message,
            );
        }
        for (example, checked) in report.page.examples.iter().zip(&report.checked) {
            for finding in &checked.findings {
                let command = printer::github_command(finding.severity);
                let title = format!(
                    "{} {} (example {})",
                    finding.code,
                    finding.code.name(),
                    example.number
                );
                let mut message = finding.message.clone();
                for related in &finding.related {
                    let place = related.file.as_deref().unwrap_or(&report.name);
                    message = format!(
                        "{message}\nalso {place}:{}:{}: {}: {}",
                        related.at.line, related.at.column, related.path, related.note
                    );
                }
                if let Some(help) = &finding.help {
                    message = format!("{message}\nhelp: {help}");
                }
                let file = finding_file(report, finding);
                annotate(
                    command,
                    file,
                    finding.at.line,
                    finding.at.column,
                    &title,
                    &message,
                );
            }
        }
    }
    out.push_str(&summary.line());
    out.push('\n');
    out
}
