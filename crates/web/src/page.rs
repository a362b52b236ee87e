//! What the playground shows for one values text, as plain data: computed by
//! the core, independent of the browser, so it is tested natively.

use ingresslab_core::controllers::Controller;
use ingresslab_core::helm::archive::load_archive_file;
use ingresslab_core::helm::{ChartSource, chart_from_files};
use ingresslab_core::{
    Analysis, Chart, Code, DiagramFormat, Input, Release, Severity, SourceKind, ValueRow, analyze,
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

/// A chart the user opened from disk: read in the page, never uploaded.
#[derive(Clone, Debug)]
pub struct OpenedChart {
    /// Its metadata and defaults.
    pub chart: Chart,
    /// Its files, rendered by its own templates.
    pub source: ChartSource,
    /// What it was opened from (the `.tgz` or folder name).
    pub opened_from: String,
}

impl OpenedChart {
    /// A chart archive, as `helm pull` writes it.
    ///
    /// # Errors
    /// Helm's message when Helm could not read it.
    pub fn from_archive(file_name: &str, bytes: &[u8]) -> Result<Self, String> {
        let files = load_archive_file(file_name, bytes).map_err(|error| error.message)?;
        Self::new(ChartSource::Archive(files), file_name)
    }

    /// A chart folder, as a folder picker gives it: each file's path below
    /// the chosen folder, which is the chart's own (`openshell/templates/x.yaml`).
    ///
    /// # Errors
    /// When it holds no chart.
    pub fn from_folder(files: Vec<(String, Vec<u8>)>) -> Result<Self, String> {
        let folder = files
            .first()
            .and_then(|(path, _)| path.split_once('/'))
            .map(|(folder, _)| folder.to_owned())
            .unwrap_or_default();
        let files = files
            .into_iter()
            .map(|(path, data)| {
                let inside = path.split_once('/').map_or(path.as_str(), |(_, rest)| rest);
                (inside.to_owned(), data)
            })
            .collect();
        Self::new(chart_from_files(files)?, &format!("{folder}/"))
    }

    fn new(source: ChartSource, opened_from: &str) -> Result<Self, String> {
        let chart = Chart::from_source(&source).map_err(|error| error.to_string())?;
        Ok(Self {
            chart,
            source,
            opened_from: opened_from.to_owned(),
        })
    }

    /// `name version`, as the page and share links name it.
    #[must_use]
    pub fn label(&self) -> String {
        format!(
            "{} {}",
            self.chart.metadata.name, self.chart.metadata.version
        )
    }
}

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
    /// The edit that resolves it, in the editor's text.
    pub fix: Option<TextFix>,
    /// The bytes of the editor's text it is about, for its squiggle.
    pub span: Option<(usize, usize)>,
}

/// An edit of the editor's text: replace `start..end` (bytes) with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextFix {
    /// What it does (`rename to className`).
    pub label: String,
    /// First byte replaced.
    pub start: usize,
    /// Byte after the last one replaced.
    pub end: usize,
    /// The new text.
    pub replacement: String,
}

/// Everything the page shows for one values text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageModel {
    /// The rendered Gateway API resources as a YAML stream, or `None` when
    /// Helm would fail.
    pub manifests: Option<String>,
    /// Every rendered resource, as `helm template` prints them.
    pub all_documents: Option<String>,
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
        Self::from_analysis(&analyze_values(values_text, release, None, None))
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
                let fix = diagnostic
                    .fix
                    .as_ref()
                    .filter(|fix| in_editor(&fix.origin))
                    .map(|fix| TextFix {
                        label: fix.label.clone(),
                        start: fix.origin.span.start as usize,
                        end: fix.origin.span.end as usize,
                        replacement: fix.replacement.clone(),
                    });
                let span = diagnostic
                    .origin
                    .filter(in_editor)
                    .map(|origin| (origin.span.start as usize, origin.span.end as usize));
                Problem {
                    fix,
                    span,
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
        ingresslab_core::sort::sort_by_key(&mut problems, |problem| {
            severity_rank(problem.severity)
        });
        Self {
            manifests: analysis.manifest_stream(),
            all_documents: analysis.all_documents.clone(),
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

/// The one analysis of the editor's text an edit costs; every pane is drawn
/// from it. `chart` is one the user opened; the embedded chart otherwise.
#[must_use]
pub fn analyze_values(
    values_text: &str,
    release: &Release,
    chart: Option<&OpenedChart>,
    controller: Option<Controller>,
) -> Analysis {
    let mut input = Input::with_values(VALUES_FILE_NAME, values_text);
    input.release = release.clone();
    input.controller = controller;
    if let Some(opened) = chart {
        input.chart = opened.chart.clone();
        input.chart_files = Some(opened.source.clone());
    }
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

/// The UTF-16 offset (what the DOM counts) of byte `offset` of `text`.
#[must_use]
pub fn utf16_of_byte(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    let counted: usize = text
        .char_indices()
        .take_while(|(at, _)| *at < offset)
        .map(|(_, ch)| ch.len_utf16())
        .sum();
    u32::try_from(counted).unwrap_or(u32::MAX)
}

/// The byte offset of UTF-16 offset `offset` of `text`.
#[must_use]
pub fn byte_of_utf16(text: &str, offset: u32) -> usize {
    let mut units = 0u32;
    for (at, ch) in text.char_indices() {
        if units >= offset {
            return at;
        }
        units += u32::try_from(ch.len_utf16()).unwrap_or(2);
    }
    text.len()
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
        // And Envoy Gateway's policy that keeps the route's streams open.
        assert!(manifests.contains("kind: BackendTrafficPolicy"));
        assert_eq!(page.resource_count, 3);
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
                    diagram_svg(
                        &analyze_values(text, &Release::default(), None, None),
                        false
                    )
                    .starts_with("<svg"),
                    "{label}"
                );
            }
        }
        assert!(
            diagram_svg(
                &analyze_values(STARTING_VALUES, &Release::default(), None, None),
                true
            )
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
        let rows = documented_values(&analyze_values(STARTING_VALUES, &release, None, None));
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
    fn a_misspelt_key_comes_with_its_fix_in_editor_bytes() {
        let text = "gatewayApi:\n  gateway:\n    clasName: eg # é\n";
        let page = PageModel::compute(text, &Release::default());
        let fix = page
            .problems
            .iter()
            .find_map(|problem| problem.fix.clone())
            .unwrap();
        assert_eq!(fix.label, "rename to className");
        assert_eq!(&text[fix.start..fix.end], "clasName");
        assert_eq!(fix.replacement, "className");
    }

    #[test]
    fn offsets_convert_between_bytes_and_utf16() {
        let text = "é: 😀x";
        assert_eq!(utf16_of_byte(text, text.find('x').unwrap()), 5);
        assert_eq!(byte_of_utf16(text, 5), text.find('x').unwrap());
        assert_eq!(byte_of_utf16(text, 99), text.len());
    }

    #[test]
    fn defaults_render_nothing() {
        let page = PageModel::compute("", &Release::default());
        assert_eq!(page.manifests.as_deref(), Some(""));
        assert_eq!(page.resource_count, 0);
    }

    fn released_chart_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/anchors/charts/openshell-released")
    }

    /// The released chart's files as a folder picker gives them.
    fn released_chart_folder() -> Vec<(String, Vec<u8>)> {
        fn walk(root: &std::path::Path, dir: &std::path::Path, files: &mut Vec<(String, Vec<u8>)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(root, &path, files);
                } else {
                    let inside = path
                        .strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    files.push((
                        format!("openshell-released/{inside}"),
                        std::fs::read(&path).unwrap(),
                    ));
                }
            }
        }
        let root = released_chart_dir();
        let mut files = Vec::new();
        walk(&root, &root, &mut files);
        files
    }

    #[test]
    fn an_opened_chart_renders_its_own_values() {
        let opened = OpenedChart::from_folder(released_chart_folder()).unwrap();
        assert_eq!(opened.opened_from, "openshell-released/");
        assert_eq!(opened.label(), "helm-chart 0.0.0");
        let values = "agentSandbox: {preflight: {enabled: false}}\ngrpcRoute:\n  enabled: true\n  gateway: {create: true}\n";
        let page = PageModel::from_analysis(&analyze_values(
            values,
            &Release::default(),
            Some(&opened),
            None,
        ));
        let manifests = page.manifests.unwrap();
        assert!(manifests.contains("kind: GRPCRoute"), "{manifests}");
        assert!(manifests.contains("kind: Gateway"));
        assert!(
            page.problems.iter().all(|problem| problem.code != "CH001"),
            "{:?}",
            page.problems
        );
    }

    #[test]
    fn a_file_that_is_no_chart_archive_says_why() {
        let error = OpenedChart::from_archive("notes.tgz", b"not gzip").unwrap_err();
        assert!(!error.is_empty());
    }
}
