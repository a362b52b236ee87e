//! All terminal output: compiler-style diagnostics (codespan-reporting),
//! JSON, and plain text. A closed pipe (`ingresslab render | head`) is not an error.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Config};
use ingresslab_core::{Analysis, Diagnostic, Severity, SourceKind};
use serde_json::json;

fn report_severity(severity: Severity) -> ReportSeverity {
    match severity {
        Severity::Error => ReportSeverity::Error,
        Severity::Warning => ReportSeverity::Warning,
        Severity::Info => ReportSeverity::Note,
    }
}

/// Diagnostics as source snippets with the offending text underlined.
pub(crate) fn diagnostics_text(
    analysis: &Analysis,
    diagnostics: &[Diagnostic],
    writer: &mut dyn WriteColor,
) {
    let mut files = SimpleFiles::new();
    let file_ids: Vec<usize> = analysis
        .sources
        .iter()
        .map(|(_, source)| files.add(source.name.clone(), source.text.clone()))
        .collect();
    let config = Config::default();
    for diagnostic in diagnostics {
        let mut report = Report::new(report_severity(diagnostic.severity))
            .with_code(diagnostic.code.as_str())
            .with_message(&diagnostic.message);
        if let Some(origin) = diagnostic.origin {
            let label = if diagnostic.path.is_empty() {
                String::new()
            } else {
                diagnostic.path.clone()
            };
            report = report.with_labels(vec![
                Label::primary(file_ids[origin.source.0 as usize], origin.span.range())
                    .with_message(label),
            ]);
            report
                .labels
                .extend(diagnostic.related.iter().map(|related| {
                    Label::secondary(
                        file_ids[related.origin.source.0 as usize],
                        related.origin.span.range(),
                    )
                    .with_message(format!("{}: {}", related.path, related.note))
                }));
        } else if !diagnostic.path.is_empty() {
            report = report.with_notes(vec![format!("key: {}", diagnostic.path)]);
        }
        if let Some(help) = &diagnostic.help {
            report.notes.push(format!("help: {help}"));
        }
        if term::emit(writer, &config, &files, &report).is_err() {
            return;
        }
    }
}

/// One closing line: counts per severity.
pub(crate) fn summary(analysis: &Analysis, writer: &mut dyn WriteColor) {
    let errors = analysis.count(Severity::Error);
    let warnings = analysis.count(Severity::Warning);
    let infos = analysis.count(Severity::Info);
    let text = if errors + warnings + infos == 0 {
        "no problems found".to_owned()
    } else {
        format!(
            "{errors} {}, {warnings} {}, {infos} {}",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(infos, "note")
        )
    };
    line(writer, &text);
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// `{"diagnostics": [...]}` with 1-based line and column (null when unknown).
pub(crate) fn diagnostics_json(analysis: &Analysis) -> String {
    let diagnostics = analysis.diagnostics_json();
    let mut text = serde_json::to_string_pretty(&json!({ "diagnostics": diagnostics }))
        .unwrap_or_else(|_| "{\"diagnostics\":[]}".to_owned());
    text.push('\n');
    text
}

/// GitHub Actions workflow commands, one per diagnostic, so problems show
/// as annotations on the pull request.
pub(crate) fn diagnostics_github(analysis: &Analysis) -> String {
    let mut out = String::new();
    for diagnostic in &analysis.diagnostics {
        let command = github_command(diagnostic.severity);
        let mut properties = Vec::new();
        if let Some(origin) = diagnostic.origin {
            let source = analysis.sources.get(origin.source);
            if matches!(
                source.kind,
                SourceKind::ValuesFile | SourceKind::ChartValues
            ) {
                let position = analysis.sources.start_of(origin);
                properties.push(format!("file={}", escape_property(&source.name)));
                properties.push(format!("line={}", position.line));
                properties.push(format!("col={}", position.column));
            }
        }
        properties.push(format!(
            "title={}",
            escape_property(&format!("{} {}", diagnostic.code, diagnostic.code.name()))
        ));
        let mut message = diagnostic.message.clone();
        if let Some(help) = &diagnostic.help {
            message = format!("{message}\nhelp: {help}");
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape_data(&message)
        ));
    }
    out
}

/// The GitHub Actions workflow command for a severity.
pub(crate) fn github_command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Workflow command data escaping: `%`, CR and LF.
pub(crate) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow command property escaping: data escaping plus `:` and `,`.
pub(crate) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Write text as is.
pub(crate) fn text(writer: &mut dyn WriteColor, text: &str) {
    // A reader that went away (a closed pipe) is not worth an error.
    let _ = writer
        .write_all(text.as_bytes())
        .and_then(|()| writer.flush());
}

/// Write one line.
pub(crate) fn line(writer: &mut dyn WriteColor, line: &str) {
    let _ = writeln!(writer, "{line}");
}
