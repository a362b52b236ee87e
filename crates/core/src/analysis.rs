//! The one entry point: inputs → merged values → the chart's render →
//! diagnostics, manifests and the traffic model. The CLI and the playground
//! both call [`analyze`].

use crate::chart::Chart;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::trace::Trace;
use crate::keys::{self, Key};
use crate::release::Release;
use crate::render::{Manifest, to_yaml_stream};
use crate::rules::RuleContext;
use crate::source::{SourceKind, Sources};
use crate::span::{Origin, SourceId, Span};
use crate::traffic::TrafficModel;
use crate::values::{
    Map, Node, Value, apply_set, apply_set_json, coalesce, merge_user_file, read_values_file,
};

/// The chart's values.yaml is always the first source of an analysis.
pub(crate) const CHART_VALUES_SOURCE: SourceId = SourceId(0);

/// A `-f` values file.
#[derive(Clone, Debug)]
pub struct ValuesFile {
    /// The name to show in diagnostics (the path as given).
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// Which flag a `--set`-style value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetKind {
    /// `--set-json`: each value is JSON (or the flag is one JSON object).
    SetJson,
    /// `--set`: values are typed (`true`, `10`, `null`).
    Set,
    /// `--set-string`: values stay strings.
    SetString,
}

/// One `--set` / `--set-string` flag.
#[derive(Clone, Debug)]
pub struct SetFlag {
    /// Which flag.
    pub kind: SetKind,
    /// Its text, `key=value[,key=value...]`.
    pub text: String,
}

/// Everything one analysis reads.
#[derive(Clone, Debug)]
pub struct Input {
    /// Chart metadata and defaults.
    pub chart: Chart,
    /// `-f` files, in order.
    pub value_files: Vec<ValuesFile>,
    /// `--set` / `--set-string` flags, in command-line order.
    pub set_flags: Vec<SetFlag>,
    /// Release name and namespace.
    pub release: Release,
    /// The whole chart, when it was given (`--chart DIR`); without it the
    /// embedded chart is rendered. Either is rendered by its own templates.
    pub chart_files: Option<crate::helm::ChartSource>,
    /// The controller running the Gateways, when the user names it; without
    /// it, a well-known GatewayClass name says.
    pub controller: Option<crate::controllers::Controller>,
    /// The cluster the chart is rendered for, as `--kube-version` and
    /// `--api-versions` give it (`.Capabilities`); Helm's defaults without.
    pub cluster: Cluster,
}

/// What `.Capabilities` says about the cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cluster {
    /// `--kube-version`.
    pub kube_version: Option<String>,
    /// `--api-versions`, each `group/version` or `group/version/Kind`.
    pub api_versions: Vec<String>,
}

impl Input {
    /// The embedded chart with one values text, as the playground uses it.
    #[must_use]
    pub fn with_values(name: &str, text: &str) -> Self {
        Self {
            chart: Chart::embedded(),
            value_files: vec![ValuesFile {
                name: name.to_owned(),
                text: text.to_owned(),
            }],
            set_flags: Vec::new(),
            release: Release::default(),
            chart_files: None,
            controller: None,
            cluster: Cluster::default(),
        }
    }
}

/// A documented key with the value in effect and the chart default (both as JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueRow {
    /// Key path.
    pub key: String,
    /// The merged value.
    pub value: String,
    /// The chart default.
    pub default: String,
    /// The chart's description.
    pub description: String,
    /// Whether the value differs from the default.
    pub changed: bool,
}

/// How a diagram is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagramFormat {
    /// Self-contained SVG.
    Svg,
    /// A Mermaid flowchart, for Markdown.
    Mermaid,
}

/// What ingresslab found and rendered.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// Every input text, for turning origins into file:line:column.
    pub sources: Sources,
    /// All diagnostics, ordered by source and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The merged values.
    pub values: Node,
    /// The chart's defaults (with the terminate proposal's keys filled in).
    pub defaults: Node,
    /// The release the values were rendered for.
    pub release: Release,
    /// What Helm would render, or `None` when Helm itself would fail
    /// (bad YAML, a bad `--set`, or one of the chart's refusals).
    pub manifests: Option<Vec<Manifest>>,
    /// Every path a client can take through what the chart rendered
    /// (none when Helm would fail).
    pub traffic: TrafficModel,
    /// What the chart's templates read and printed, when Helm would render.
    pub trace: Option<Trace>,
    /// Every document Helm would render, as `helm template` prints them.
    pub all_documents: Option<String>,
    /// The controller the user named ([`Input::controller`]).
    pub controller: Option<crate::controllers::Controller>,
}

impl Analysis {
    /// Number of diagnostics of a severity.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    }

    /// Whether any diagnostic is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// Every diagnostic as JSON, for machines (`validate --format json`, the
    /// npm package): severity, code and its name, key path, file, 1-based
    /// line and column (null when unknown), message, help, and each related place.
    #[must_use]
    pub fn diagnostics_json(&self) -> serde_json::Value {
        use serde_json::json;
        let place = |origin: crate::span::Origin| {
            let position = self.sources.start_of(origin);
            (
                json!(self.sources.get(origin.source).name),
                json!(position.line),
                json!(position.column),
            )
        };
        let diagnostics: Vec<serde_json::Value> = self
            .diagnostics
            .iter()
            .map(|diagnostic| {
                let (file, line, column) = diagnostic
                    .origin
                    .map_or((json!(null), json!(null), json!(null)), place);
                let related: Vec<serde_json::Value> = diagnostic
                    .related
                    .iter()
                    .map(|related| {
                        let (file, line, column) = place(related.origin);
                        json!({
                            "path": related.path,
                            "file": file,
                            "line": line,
                            "column": column,
                            "note": related.note,
                        })
                    })
                    .collect();
                json!({
                    "severity": diagnostic.severity.as_str(),
                    "code": diagnostic.code.as_str(),
                    "name": diagnostic.code.name(),
                    "path": diagnostic.path,
                    "line": line,
                    "column": column,
                    "file": file,
                    "message": diagnostic.message,
                    "help": diagnostic.help,
                    "related": related,
                })
            })
            .collect();
        serde_json::Value::Array(diagnostics)
    }

    /// The same values carried by passthrough and by terminate + re-encrypt,
    /// each rendered by the embedded chart.
    #[must_use]
    pub fn compare(&self) -> (TrafficModel, TrafficModel) {
        crate::traffic::compare(&self.values, &self.release, &self.traffic, self.controller)
    }

    /// The traffic diagram (or, with `compare`, both modes and the capability matrix).
    #[must_use]
    pub fn diagram(&self, format: DiagramFormat, compare: bool) -> String {
        let title = format!(
            "Traffic to OpenShell for release {} in {}",
            self.release.name, self.release.namespace
        );
        match (format, compare) {
            (DiagramFormat::Svg, false) => crate::diagram::svg(&self.traffic, &title),
            (DiagramFormat::Svg, true) => {
                let (passthrough, terminate) = self.compare();
                let controller = terminate.controller().or(passthrough.controller());
                crate::diagram::compare_svg(
                    &passthrough,
                    &terminate,
                    controller,
                    &format!("{title}: passthrough versus terminate + re-encrypt"),
                )
            }
            (DiagramFormat::Mermaid, false) => crate::diagram::mermaid(&self.traffic, &title),
            (DiagramFormat::Mermaid, true) => {
                let (passthrough, terminate) = self.compare();
                let mut paths = Vec::new();
                for (prefix, model) in [
                    ("Passthrough", passthrough),
                    ("Terminate + re-encrypt", terminate),
                ] {
                    paths.extend(model.paths.into_iter().map(|mut path| {
                        path.title = format!("{prefix}: {}", path.title);
                        path
                    }));
                }
                crate::diagram::mermaid(&TrafficModel { paths }, &title)
            }
        }
    }

    /// Every described key of the chart with the value in effect beside the
    /// chart's default, for the playground's Values tab.
    #[must_use]
    pub fn documented_values(&self) -> Vec<ValueRow> {
        let chart_values = &self.sources.get(CHART_VALUES_SOURCE).text;
        crate::docs::descriptions(chart_values)
            .iter()
            .filter_map(|(key, description)| {
                let default = self.defaults.lookup(key)?.value.to_json();
                let value = self
                    .values
                    .lookup(key)
                    .map_or(serde_json::Value::Null, |node| node.value.to_json());
                Some(ValueRow {
                    changed: value != default,
                    value: value.to_string(),
                    default: default.to_string(),
                    key: key.clone(),
                    description: description.clone(),
                })
            })
            .collect()
    }

    /// The manifests as one YAML stream, if Helm would render.
    #[must_use]
    pub fn manifest_stream(&self) -> Option<String> {
        self.manifests.as_deref().map(to_yaml_stream)
    }
}

/// Analyse chart values: merge them as Helm does, check them, render them.
#[must_use]
pub fn analyze(input: &Input) -> Analysis {
    analyze_inner(input, None)
}

/// What analyses of one chart, again and again (the playground, on every
/// edit), keep from one to the next: the chart's template parses and
/// defaults as the engine reads them, and its values.yaml as read here.
#[derive(Default)]
pub struct Analyzer {
    renderer: crate::helm::Renderer,
    /// The chart's values.yaml as a source, its tree, and what reading it reported.
    defaults: Option<(crate::source::Source, Map, Vec<Diagnostic>)>,
}

/// [`analyze`], keeping what the next analysis of the same chart can reuse.
#[must_use]
pub fn analyze_with(input: &Input, analyzer: &mut Analyzer) -> Analysis {
    analyze_inner(input, Some(analyzer))
}

/// The chart's values.yaml, added to `sources` as source 0 and read, or
/// both taken from `analyzer`.
fn chart_defaults(
    input: &Input,
    analyzer: Option<&mut Analyzer>,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Map {
    let text = &input.chart.values_text;
    let add = |sources: &mut Sources| {
        let id = sources.add(
            input.chart.values_name.clone(),
            SourceKind::ChartValues,
            text.clone(),
        );
        debug_assert_eq!(id, CHART_VALUES_SOURCE);
    };
    let Some(analyzer) = analyzer else {
        add(sources);
        return read_values_file(text, CHART_VALUES_SOURCE, diagnostics);
    };
    match &analyzer.defaults {
        Some((source, map, reported))
            if source.text == *text && source.name == input.chart.values_name =>
        {
            sources.add_source(source.clone());
            diagnostics.extend(reported.iter().cloned());
            map.clone()
        }
        _ => {
            add(sources);
            let mut reported = Vec::new();
            let map = read_values_file(text, CHART_VALUES_SOURCE, &mut reported);
            diagnostics.extend(reported.iter().cloned());
            let source = sources.get(CHART_VALUES_SOURCE).clone();
            analyzer.defaults = Some((source, map.clone(), reported));
            map
        }
    }
}

fn analyze_inner(input: &Input, mut analyzer: Option<&mut Analyzer>) -> Analysis {
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();

    let mut defaults = chart_defaults(
        input,
        analyzer.as_deref_mut(),
        &mut sources,
        &mut diagnostics,
    );
    let chart_source = CHART_VALUES_SOURCE;
    // What the chart itself defines, before the proposal's keys are filled in
    // for the values rules: a chart rendered by its own templates has exactly these.
    let own_defaults = defaults.clone();
    let missing_extensions = fill_extension_defaults(&mut defaults, &mut sources);

    let mut user = Map::new();
    for file in &input.value_files {
        let source = sources.add(file.name.clone(), SourceKind::ValuesFile, file.text.clone());
        merge_user_file(
            &mut user,
            read_values_file(&file.text, source, &mut diagnostics),
        );
    }
    // Helm applies every --set-json, then every --set, then every
    // --set-string, whatever the command-line order.
    for kind in [SetKind::SetJson, SetKind::Set, SetKind::SetString] {
        for flag in input.set_flags.iter().filter(|flag| flag.kind == kind) {
            let (name, source_kind) = match kind {
                SetKind::SetJson => ("--set-json", SourceKind::Set),
                SetKind::Set => ("--set", SourceKind::Set),
                SetKind::SetString => ("--set-string", SourceKind::SetString),
            };
            let source = sources.add(name, source_kind, flag.text.clone());
            let applied = match kind {
                SetKind::SetJson => apply_set_json(&flag.text, source, &mut user),
                _ => apply_set(&flag.text, source, kind == SetKind::SetString, &mut user),
            };
            if let Err(diagnostic) = applied {
                diagnostics.push(*diagnostic);
            }
        }
    }

    // Given to a chart that lacks them, the proposal's keys are ignored by
    // it (VA001 says so): the values rules must not see them either.
    let written = user.clone();
    if input.chart_files.is_some() {
        for key in &missing_extensions {
            let (parent, name) = key.split_last();
            if let Some(map) = map_at_mut(&mut user, parent) {
                map.remove(name);
            }
        }
    }
    let merged = coalesce(&user, &defaults, &mut diagnostics);
    let as_node = |map: Map| {
        Node::new(
            Value::Map(map),
            Origin {
                source: chart_source,
                span: Span::default(),
            },
        )
    };
    let written = as_node(written);
    let own_defaults = as_node(own_defaults);
    let user = Node::new(
        Value::Map(user),
        Origin {
            source: chart_source,
            span: Span::default(),
        },
    );
    let values = Node::new(
        Value::Map(merged),
        Origin {
            source: chart_source,
            span: Span::default(),
        },
    );
    let defaults = Node::new(
        Value::Map(defaults),
        Origin {
            source: chart_source,
            span: Span::default(),
        },
    );
    // The rules know the `gatewayApi` tree; a chart without it (the released
    // revision, any other chart) is judged only by what its templates do.
    let has_gateway_api_tree =
        input.chart_files.is_none() || defaults.get(keys::GATEWAY_API).is_some();
    let rules = has_gateway_api_tree.then(|| {
        RuleContext::new(
            &values,
            &user,
            &defaults,
            &input.release,
            input.chart_files.is_some(),
        )
    });
    if let Some(rules) = &rules {
        crate::rules::check_values(rules, &mut diagnostics);
    }

    let helm_fails = diagnostics
        .iter()
        .any(|diagnostic| diagnostic.code.stops_helm());
    let rendered = if helm_fails {
        None
    } else {
        // The embedded chart is rendered by its own templates too.
        let chart_files = input
            .chart_files
            .clone()
            .unwrap_or_else(Chart::embedded_source);
        render_chart(
            input,
            chart_files,
            analyzer.map(|analyzer| &mut analyzer.renderer),
            [&written, &own_defaults],
            rules.as_ref(),
            &sources,
            &mut diagnostics,
        )
    };
    drop(rules);

    sort_by_position(&mut diagnostics);
    let (manifests, traffic, trace, all_documents) = match rendered {
        Some((manifests, traffic, trace, stdout)) => {
            (Some(manifests), traffic, Some(trace), Some(stdout))
        }
        None => (None, TrafficModel::default(), None, None),
    };
    Analysis {
        sources,
        diagnostics,
        values,
        defaults,
        release: input.release.clone(),
        manifests,
        traffic,
        trace,
        all_documents,
        controller: input.controller,
    }
}

fn sort_by_position(diagnostics: &mut [Diagnostic]) {
    crate::sort::sort_by_key(diagnostics, |diagnostic| {
        diagnostic
            .origin
            .map(|origin| (origin.source.0, origin.span.start))
    });
}

/// Render a whole chart through the template engine, as `helm template`
/// does, and keep its Gateway API documents. A refusal of the chart's own
/// templates is CH007 with Helm's message.
fn render_chart(
    input: &Input,
    chart_files: crate::helm::ChartSource,
    renderer: Option<&mut crate::helm::Renderer>,
    written: [&Node; 2],
    rules: Option<&RuleContext<'_>>,
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Vec<Manifest>, TrafficModel, Trace, String)> {
    use crate::helm::{TemplateRequest, ValuesInput, template};

    let mut request = TemplateRequest::new(&input.release.name, &input.release.namespace);
    request
        .values
        .extend(input.value_files.iter().map(|file| ValuesInput::File {
            name: file.name.clone(),
            text: file.text.clone(),
        }));
    request
        .values
        .extend(input.set_flags.iter().map(|flag| match flag.kind {
            SetKind::SetJson => ValuesInput::SetJson(flag.text.clone()),
            SetKind::Set => ValuesInput::Set(flag.text.clone()),
            SetKind::SetString => ValuesInput::SetString(flag.text.clone()),
        }));
    request.kube_version.clone_from(&input.cluster.kube_version);
    request.api_versions.clone_from(&input.cluster.api_versions);
    request.trace = true;
    let rendered = match renderer {
        Some(renderer) => renderer.template(chart_files, &request),
        None => template(chart_files, &request),
    };
    match rendered {
        Ok(output) => {
            let [user, defaults] = written;
            let placed = crate::rendered::placed_documents(&output);
            crate::read_rules::check_all(
                &crate::read_rules::ReadContext {
                    user,
                    defaults,
                    trace: &output.trace,
                    complete: true,
                    whole_chart: input.chart_files.is_some(),
                    sources,
                },
                diagnostics,
            );
            let rendered = crate::rendered::Rendered::read(placed);
            // Before the CRD check, which leaves out what these already say.
            if let Some(rules) = rules {
                crate::rules::check_rendered(
                    &rules.on_render(&rendered, &output.trace),
                    diagnostics,
                );
            }
            crate::crd::check_traced(
                &rendered.documents,
                &output.trace.emitted,
                written,
                diagnostics,
            );
            let manifests = rendered
                .documents
                .iter()
                .filter_map(crate::rendered::Placed::manifest)
                .collect();
            crate::path_rules::check_all(
                &crate::path_rules::PathContext {
                    rendered: &rendered,
                    trace: &output.trace,
                    user,
                    defaults,
                    namespace: &input.release.namespace,
                    controller: input.controller,
                },
                diagnostics,
            );
            let traffic =
                TrafficModel::from_rendered(&rendered, &input.release.namespace, input.controller);
            drop(rendered);
            Some((manifests, traffic, output.trace, output.stdout))
        }
        Err(failure) if !failure.refusals.is_empty() => {
            // One value the templates cannot read stops many of them: say it once.
            let unreadable = |refusal: &crate::engine::trace::Refusal| {
                refusal
                    .keys
                    .first()
                    .filter(|_| !refusal.deliberate)
                    .cloned()
            };
            // A check reached through several templates (an `include` of
            // the file that holds it) is one refusal: keep the reach with
            // the fewest enclosing conditions, the check's own.
            let mut refusals: Vec<&crate::engine::trace::Refusal> = Vec::new();
            for refusal in &failure.refusals {
                let place = (refusal.file.as_ref(), refusal.line, &refusal.message);
                match refusals
                    .iter_mut()
                    .find(|kept| (kept.file.as_ref(), kept.line, &kept.message) == place)
                {
                    Some(kept) if refusal.keys.len() < kept.keys.len() => *kept = refusal,
                    Some(_) => {}
                    None => refusals.push(refusal),
                }
            }
            let mut said = Vec::new();
            for refusal in refusals {
                let mut diagnostic = refusal_diagnostic(refusal, written);
                if let Some(key) = unreadable(refusal) {
                    if said.contains(&key) {
                        continue;
                    }
                    let others = failure
                        .refusals
                        .iter()
                        .filter(|other| unreadable(other).as_ref() == Some(&key))
                        .count()
                        - 1;
                    if let Some(help) = diagnostic.help.as_mut().filter(|_| others > 0) {
                        help.push_str(&format!(" ({others} other templates stop on it too)"));
                    }
                    said.push(key);
                }
                diagnostics.push(diagnostic);
            }
            // A quoted "false" is often why the chart refused.
            if let Some(trace) = &failure.trace {
                let [user, defaults] = written;
                crate::read_rules::check_all(
                    &crate::read_rules::ReadContext {
                        user,
                        defaults,
                        trace,
                        complete: false,
                        whole_chart: input.chart_files.is_some(),
                        sources,
                    },
                    diagnostics,
                );
            }
            None
        }
        Err(failure) => {
            diagnostics.push(
                Diagnostic::new(Code::ChartRefused, "", None, failure.message.clone()).with_help(
                    "the chart's own templates refuse these values; `helm template` stops with the same error",
                ),
            );
            None
        }
    }
}

/// A chart's `fail` or `required` as a diagnostic at the keys behind it:
/// marked first where the user wrote one, at the chart's default otherwise,
/// and at each other key as a related place.
fn refusal_diagnostic(refusal: &crate::engine::trace::Refusal, written: [&Node; 2]) -> Diagnostic {
    let [user, defaults] = written;
    // Keys the user wrote first, then keys only the chart's defaults have.
    let mut places: Vec<(String, Origin, bool)> = Vec::new();
    for by_user in [true, false] {
        for key in &refusal.keys {
            let tree = if by_user { user } else { defaults };
            let path = key.to_string();
            if places.iter().any(|(known, _, _)| *known == path) {
                continue;
            }
            if let Some(origin) = tree.place_of(key) {
                places.push((path, origin, by_user));
            }
        }
    }
    let mut places = places.into_iter();
    let first = places.next();
    let (path, origin) = match &first {
        Some((path, origin, _)) => (path.clone(), Some(*origin)),
        None => (
            refusal
                .keys
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
            None,
        ),
    };
    let mut diagnostic = Diagnostic::new(Code::ChartRefused, path, origin, refusal.message.clone())
        .with_help(if refusal.deliberate {
            format!(
                "the chart's check at {}:{} refuses these values; `helm template` stops with this message",
                chart_relative(&refusal.file),
                refusal.line
            )
        } else {
            format!(
                "the chart's template {}:{} cannot read this value, so `helm template` stops; give it the shape the chart's values.yaml has",
                chart_relative(&refusal.file),
                refusal.line
            )
        });
    for (path, origin, by_user) in places {
        let note = if by_user {
            "also read by the chart's check"
        } else {
            "also read by the chart's check (the chart's default)"
        };
        diagnostic = diagnostic.with_related(path, origin, note);
    }
    diagnostic
}

/// A template's name without the chart's name in front
/// (`templates/_helpers.tpl`), as the file sits in the chart directory.
fn chart_relative(template: &str) -> &str {
    template.split_once('/').map_or(template, |(_, path)| path)
}

/// Fill in the proposal's keys ([`keys::PROPOSAL`]) the chart lacks, from
/// the embedded chart's defaults; which ones they were. A chart without
/// them (PR 2108's) then reads as the embedded chart with them off.
fn fill_extension_defaults(defaults: &mut Map, sources: &mut Sources) -> Vec<Key> {
    let missing: Vec<Key> = keys::PROPOSAL
        .into_iter()
        .filter(|key| {
            let (parent, name) = key.split_last();
            map_at(defaults, parent).is_some_and(|map| !map.contains_key(name))
        })
        .collect();
    if missing.is_empty() {
        return missing;
    }
    let embedded = Chart::embedded();
    let source = sources.add(
        embedded.values_name.clone(),
        SourceKind::ChartValues,
        embedded.values_text.clone(),
    );
    let embedded_values = read_values_file(&embedded.values_text, source, &mut Vec::new());
    for key in &missing {
        let (parent, name) = key.split_last();
        let Some(entry) = map_at(&embedded_values, parent)
            .and_then(|map| map.entry(name))
            .cloned()
        else {
            continue;
        };
        if let Some(target) = map_at_mut(defaults, parent) {
            target.insert(name.to_owned(), entry.key_origin, entry.node);
        }
    }
    missing
}

fn map_at(map: &Map, key: Key) -> Option<&Map> {
    key.segments()
        .iter()
        .try_fold(map, |map, segment| map.get(segment)?.as_map())
}

fn map_at_mut(map: &mut Map, key: Key) -> Option<&mut Map> {
    key.segments()
        .iter()
        .try_fold(map, |map, segment| match &mut map.get_mut(segment)?.value {
            Value::Map(nested) => Some(nested),
            _ => None,
        })
}
