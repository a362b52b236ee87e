//! What the playground shows for one values text, as plain data: computed by
//! the core, independent of the browser, so it is tested natively.

use ingresslab_core::{
    Analysis, Code, DiagramFormat, Input, Release, Severity, SourceKind, ValueRow, analyze,
    analyze_with,
};

/// The values the editor starts with: the plain-HTTP example.
pub const STARTING_VALUES: &str = include_str!("../../../docs/examples/plain-http.yaml");

/// The examples offered as presets: label and values text.
pub const PRESETS: &[(&str, &str)] = &[
    ("Plain HTTP (development)", STARTING_VALUES),
    (
        "Gateway only",
        include_str!("../../../docs/examples/gateway-only.yaml"),
    ),
    (
        "GRPCRoute on an existing Gateway",
        include_str!("../../../docs/examples/grpc-route-existing-gateway.yaml"),
    ),
    (
        "TLS passthrough",
        include_str!("../../../docs/examples/passthrough.yaml"),
    ),
    (
        "Terminate + re-encrypt",
        include_str!("../../../docs/examples/terminate-reencrypt.yaml"),
    ),
    (
        "Terminate + plaintext backend",
        include_str!("../../../docs/examples/terminate-plaintext.yaml"),
    ),
    (
        "Mixed: HTTPS and passthrough",
        include_str!("../../../docs/examples/mixed.yaml"),
    ),
    (
        "Legacy grpcRoute values",
        include_str!("../../../docs/examples/legacy.yaml"),
    ),
];

/// How the values file is named in the page.
pub const VALUES_FILE_NAME: &str = "values.yaml";

/// One diagnostic as the Problems list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// Stable code, e.g. `CH002`.
    pub code: &'static str,
    /// Values key path.
    pub path: String,
    /// 1-based line in the editor, when the problem is in the editor text.
    pub line: Option<u32>,
    /// 1-based column.
    pub column: Option<u32>,
    /// The message.
    pub message: String,
    /// What to change.
    pub help: Option<String>,
    /// Other places in the editor it concerns: their key path and 1-based line.
    pub also: Vec<(String, u32)>,
}

/// Everything the page shows for one values text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageModel {
    /// The rendered YAML stream, or `None` when Helm would fail.
    pub manifests: Option<String>,
    /// How many resources were rendered.
    pub resource_count: usize,
    /// Problems, errors first.
    pub problems: Vec<Problem>,
    /// Whether the editor text is not valid YAML (the last good render stays shown).
    pub syntax_error: bool,
    /// Whether the text holds pre-`gatewayApi` values that `migrate` can rewrite.
    pub legacy: bool,
}

impl PageModel {
    /// Analyse one values text against the embedded chart.
    #[must_use]
    pub fn compute(values_text: &str, release: &Release) -> Self {
        Self::from_analysis(&analyze_values(values_text, release))
    }

    /// What the page shows of an analysis.
    #[must_use]
    pub fn from_analysis(analysis: &Analysis) -> Self {
        // The editor holds the only user file; positions elsewhere (chart defaults) are not shown as lines.
        let in_editor = |origin: &ingresslab_core::Origin| {
            analysis.sources.get(origin.source).kind == SourceKind::ValuesFile
        };
        let mut problems: Vec<Problem> = analysis
            .diagnostics
            .iter()
            .map(|diagnostic| {
                let position = diagnostic
                    .origin
                    .filter(in_editor)
                    .map(|origin| analysis.sources.start_of(origin));
                let also = diagnostic
                    .related
                    .iter()
                    .filter(|related| in_editor(&related.origin))
                    .map(|related| {
                        let line = analysis.sources.start_of(related.origin).line;
                        (related.path.clone(), line)
                    })
                    .collect();
                Problem {
                    severity: diagnostic.severity.as_str(),
                    code: diagnostic.code.as_str(),
                    path: diagnostic.path.clone(),
                    line: position.map(|position| position.line),
                    column: position.map(|position| position.column),
                    message: diagnostic.message.clone(),
                    help: diagnostic.help.clone(),
                    also,
                }
            })
            .collect();
        problems.sort_by_key(|problem| severity_rank(problem.severity));
        Self {
            manifests: analysis.manifest_stream(),
            resource_count: analysis.manifests.as_ref().map_or(0, Vec::len),
            problems,
            syntax_error: analysis
                .diagnostics
                .iter()
                .any(|diagnostic| matches!(diagnostic.code, Code::YamlSyntax | Code::InputLimit)),
            legacy: analysis
                .diagnostics
                .iter()
                .any(|diagnostic| diagnostic.code == Code::LegacyGrpcRoute),
        }
    }

    /// Number of problems of a severity (`error`, `warning`, `info`).
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|problem| problem.severity == severity.as_str())
            .count()
    }

    /// The status line: counts and what was rendered.
    #[must_use]
    pub fn status(&self, elapsed_ms: Option<f64>) -> String {
        let mut parts = vec![
            counted(self.count(Severity::Error), "error"),
            counted(self.count(Severity::Warning), "warning"),
        ];
        let rendered = match (&self.manifests, elapsed_ms) {
            (None, _) => "Helm would refuse these values".to_owned(),
            (Some(_), Some(ms)) => format!(
                "rendered {} in {ms:.1} ms",
                counted(self.resource_count, "resource")
            ),
            (Some(_), None) => format!("rendered {}", counted(self.resource_count, "resource")),
        };
        parts.push(rendered);
        parts.join(" · ")
    }
}

thread_local! {
    /// The embedded chart's template parses and defaults, kept between edits.
    static ANALYZER: std::cell::RefCell<ingresslab_core::Analyzer> =
        std::cell::RefCell::default();
}

/// The one analysis of the editor's text an edit costs; every pane is drawn from it.
#[must_use]
pub fn analyze_values(values_text: &str, release: &Release) -> Analysis {
    let mut input = Input::with_values(VALUES_FILE_NAME, values_text);
    input.release = release.clone();
    ANALYZER.with(|analyzer| match analyzer.try_borrow_mut() {
        Ok(mut analyzer) => analyze_with(&input, &mut analyzer),
        // Never nested in practice; analyse without the cache rather than fail.
        Err(_) => analyze(&input),
    })
}

/// The traffic diagram (or, with `compare`, both modes and the capability matrix) as SVG.
#[must_use]
pub fn diagram_svg(analysis: &Analysis, compare: bool) -> String {
    analysis.diagram(DiagramFormat::Svg, compare)
}

/// The chart's documented keys with the value in effect beside each default.
#[must_use]
pub fn documented_values(analysis: &Analysis) -> Vec<ValueRow> {
    analysis.documented_values()
}

/// The values rewritten by `migrate`, with a one-line summary, or why not.
///
/// # Errors
/// When the text is not YAML, has several documents, or holds a setting
/// the chart cannot express.
pub fn migrate_values(values_text: &str) -> Result<(String, String), String> {
    let migration = ingresslab_core::migrate(values_text, &ingresslab_core::Chart::embedded())
        .map_err(|diagnostics| {
            diagnostics.first().map_or_else(
                || "the values cannot be migrated".to_owned(),
                |diagnostic| diagnostic.message.clone(),
            )
        })?;
    if let Some(key) = migration.inexpressible.first() {
        return Err(format!("{}: {}", key.key, key.reason));
    }
    // The page holds no old chart to render: say so rather than claim a proof.
    let mut summary = format!(
        "Moved {} settings to gatewayApi (not proven here: `ingresslab migrate --from-chart` renders both charts and compares them)",
        migration.moved.len()
    );
    for note in &migration.notes {
        summary.push_str("; ");
        summary.push_str(note);
    }
    Ok((migration.text, summary))
}

fn severity_rank(severity: &str) -> u8 {
    match severity {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    }
}

fn counted(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starting_values_render_a_gateway_and_a_route() {
        let page = PageModel::compute(STARTING_VALUES, &Release::default());
        let manifests = page.manifests.clone().unwrap();
        assert!(manifests.contains("kind: Gateway"));
        assert!(manifests.contains("kind: GRPCRoute"));
        assert_eq!(page.resource_count, 2);
        assert_eq!(page.count(Severity::Error), 0);
    }

    #[test]
    fn refusals_show_as_problems_on_editor_lines() {
        let page = PageModel::compute("grpcRoute: {}\n", &Release::default());
        assert!(page.manifests.is_none());
        let problem = &page.problems[0];
        assert_eq!(problem.code, "CH001");
        assert_eq!((problem.line, problem.column), (Some(1), Some(1)));
        assert!(page.status(None).contains("Helm would refuse"));
    }

    #[test]
    fn a_problem_about_two_keys_marks_both_lines() {
        let page = PageModel::compute(
            "server:\n  disableTls: true\ngatewayApi:\n  gateway:\n    create: true\n  routes:\n    tls:\n      enabled: true\n      hostnames: [a.example.com]\n",
            &Release::default(),
        );
        let problem = page
            .problems
            .iter()
            .find(|problem| problem.code == "CH002")
            .unwrap();
        assert_eq!(problem.line, Some(8));
        assert_eq!(problem.also, [("server.disableTls".to_owned(), 2)]);
    }

    #[test]
    fn syntax_errors_are_flagged() {
        let page = PageModel::compute("gatewayApi: [\n", &Release::default());
        assert!(page.syntax_error);
        assert!(page.manifests.is_none());
    }

    #[test]
    fn every_preset_renders_and_legacy_migrates() {
        for (label, text) in PRESETS {
            let page = PageModel::compute(text, &Release::default());
            if page.legacy {
                let (migrated, summary) = migrate_values(text).unwrap();
                assert!(
                    !PageModel::compute(&migrated, &Release::default()).legacy,
                    "{label}"
                );
                assert!(summary.starts_with("Moved"));
            } else {
                assert_eq!(
                    page.count(Severity::Error),
                    0,
                    "{label}: {:?}",
                    page.problems
                );
                assert!(
                    diagram_svg(&analyze_values(text, &Release::default()), false)
                        .starts_with("<svg"),
                    "{label}"
                );
            }
        }
        assert!(
            diagram_svg(&analyze_values(STARTING_VALUES, &Release::default()), true)
                .contains("Terminate + re-encrypt")
        );
    }

    #[test]
    fn release_names_reach_the_manifests_and_values_show_changes() {
        let release = Release {
            name: "edge".to_owned(),
            namespace: "shell".to_owned(),
        };
        let page = PageModel::compute(STARTING_VALUES, &release);
        assert!(page.manifests.unwrap().contains("name: edge-openshell"));
        let rows = documented_values(&analyze_values(STARTING_VALUES, &release));
        let create = rows
            .iter()
            .find(|row| row.key == "gatewayApi.gateway.create")
            .unwrap();
        assert!(create.changed && create.value == "true" && create.default == "false");
        assert!(
            rows.iter()
                .any(|row| row.key == "service.port" && !row.changed)
        );
    }

    #[test]
    fn defaults_render_nothing() {
        let page = PageModel::compute("", &Release::default());
        assert_eq!(page.manifests.as_deref(), Some(""));
        assert_eq!(page.resource_count, 0);
    }
}
