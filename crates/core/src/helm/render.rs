//! `helm template`, from chart files and values inputs to its stdout or its
//! `Error:` line, in Helm's order of checks (`pkg/cmd/template.go`,
//! `pkg/cmd/install.go` `runInstall`, `pkg/action/install.go`,
//! `pkg/engine/engine.go`).

use std::collections::BTreeMap;

use super::capabilities::{Capabilities, KubeVersion};
use super::manifests::{HeadCache, Sorted, print_output, sort_manifests};
use super::values::{ValuesInput, merge};
use super::{Chart, ChartFile, load_chart, load_chart_dir};
use crate::diagnostic::Diagnostic;
use crate::engine::exec::{Exec, ParseCache, Templates, strip_no_value_keeping};
use crate::engine::gopath::is_partial;
use crate::engine::trace::{Refusal, Trace};
use crate::engine::{MapData, MapKind, MapRef, Random, Value};
use crate::source::Sources;

/// What `helm template` is asked to do, besides the chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateRequest {
    /// The release name (`release-name` when none is given).
    pub release_name: String,
    /// `-n`; empty means Helm's default, `default`.
    pub namespace: String,
    /// `-f` and the `--set*` flags, in command-line order.
    pub values: Vec<ValuesInput>,
    /// `--kube-version`.
    pub kube_version: Option<String>,
    /// `--api-versions`.
    pub api_versions: Vec<String>,
    /// `--show-only`.
    pub show_only: Vec<String>,
    /// `--include-crds`.
    pub include_crds: bool,
    /// `--skip-tests`.
    pub skip_tests: bool,
    /// `--no-hooks`.
    pub no_hooks: bool,
    /// `--is-upgrade`.
    pub is_upgrade: bool,
    /// Seed for `randBytes` and friends.
    pub seed: u64,
    /// The time `now` returns, in Unix seconds.
    pub now_unix: i64,
    /// Whether to record what the templates read (for diagnostics; on by default).
    pub trace: bool,
}

impl TemplateRequest {
    /// A request with Helm's defaults for `release` in `namespace`.
    #[must_use]
    pub fn new(release_name: &str, namespace: &str) -> Self {
        Self {
            release_name: release_name.to_owned(),
            namespace: namespace.to_owned(),
            values: Vec::new(),
            kube_version: None,
            api_versions: Vec::new(),
            show_only: Vec::new(),
            include_crds: false,
            skip_tests: false,
            no_hooks: false,
            is_upgrade: false,
            seed: 0,
            now_unix: 0,
            trace: true,
        }
    }
}

/// A successful render.
pub struct TemplateOutput {
    /// Exactly what `helm template` prints on stdout.
    pub stdout: String,
    /// The documents, sorted.
    pub sorted: Sorted,
    /// Each rendered template file's text (before splitting).
    pub rendered: BTreeMap<String, String>,
    /// What the templates read and printed.
    pub trace: Trace,
    /// The user values as merged, with their sources.
    pub sources: Sources,
    /// Problems the values readers noticed (Helm accepts these).
    pub diagnostics: Vec<Diagnostic>,
    /// What Helm logs on the way (`Warning: ...`).
    pub warnings: Vec<String>,
}

/// Why `helm template` stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// The text after `Error: `.
    pub message: String,
    /// Whether the chart was rendered (Helm then adds a hint about `--debug`).
    pub rendered: bool,
    /// What the templates read up to the failure: the keys a `fail`'s
    /// condition tested are the last ones read before it.
    pub trace: Option<Box<Trace>>,
    /// With the trace on, every `fail` and `required` that stopped a
    /// template file, in Helm's order: the other files are still rendered
    /// after the first failure, as each file's refusal is independent of
    /// the others'. The message above is still Helm's, the first failure's.
    pub refusals: Vec<Refusal>,
}

impl TemplateError {
    fn before_render(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            rendered: false,
            trace: None,
            refusals: Vec::new(),
        }
    }

    fn during_render(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            rendered: true,
            trace: None,
            refusals: Vec::new(),
        }
    }

    /// What Helm writes to stderr.
    #[must_use]
    pub fn stderr(&self) -> String {
        if self.rendered {
            format!(
                "Error: {}\n\nUse --debug flag to render out invalid YAML\n",
                self.message
            )
        } else {
            format!("Error: {}\n", self.message)
        }
    }
}

/// The release name pattern Helm enforces.
const RELEASE_NAME_PATTERN: &str =
    r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

/// A chart as the shell read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChartSource {
    /// The files of a `.tgz`.
    Archive(Vec<ChartFile>),
    /// A directory: its `Chart.yaml` as read from disk (or the reason it could
    /// not be read), and its files after `.helmignore`.
    Directory {
        /// `Chart.yaml`, read before the walk, as Helm reads it.
        chart_yaml: Result<String, String>,
        /// Every file the walk kept.
        files: Vec<ChartFile>,
    },
}

impl ChartSource {
    fn load(self) -> Result<Chart, String> {
        match self {
            Self::Archive(files) => load_chart(files).map_err(|error| error.to_string()),
            Self::Directory { chart_yaml, files } => {
                load_chart_dir(&chart_yaml?, files).map_err(|error| error.to_string())
            }
        }
    }
}

/// Run `helm template` on a chart.
///
/// # Errors
/// Whatever Helm refuses, with its message.
pub fn template(
    chart: ChartSource,
    request: &TemplateRequest,
) -> Result<TemplateOutput, TemplateError> {
    render(chart, request, None)
}

/// `helm template` for a chart rendered again and again (the playground on
/// every edit): template files are parsed once and kept while their text
/// stays the same.
#[derive(Default)]
pub struct Renderer {
    parsed: ParseCache,
    /// Each `values.yaml` text the last render read, as Helm loads it (a
    /// chart has a few; a list compares texts without hashing them).
    values: Vec<(String, Value)>,
    /// The last render's documents and what Helm reads of them.
    heads: HeadCache,
    /// The last chart loaded, with the files it was loaded from.
    loaded: Option<(ChartSource, Chart)>,
    /// The last `.Capabilities`: for which Kubernetes version and API
    /// versions, and as the templates see it.
    capabilities: Option<(Option<String>, Vec<String>, Capabilities, Value)>,
}

impl Renderer {
    /// Run `helm template` on a chart, as [`template`] does.
    ///
    /// # Errors
    /// Whatever Helm refuses, with its message.
    pub fn template(
        &mut self,
        chart: ChartSource,
        request: &TemplateRequest,
    ) -> Result<TemplateOutput, TemplateError> {
        render(chart, request, Some(self))
    }

    /// The chart loaded from `source`, or the last one when the files are the same.
    fn load(&mut self, source: ChartSource) -> Result<Chart, TemplateError> {
        if let Some((known, chart)) = &self.loaded
            && *known == source
        {
            return Ok(chart.clone());
        }
        let chart = source
            .clone()
            .load()
            .map_err(TemplateError::before_render)?;
        self.loaded = Some((source, chart.clone()));
        Ok(chart)
    }

    /// `.Capabilities` for the request, built again only when its versions change.
    fn capabilities(
        &mut self,
        request: &TemplateRequest,
        kube_version: Option<KubeVersion>,
    ) -> (Capabilities, Value) {
        if let Some((version, api_versions, capabilities, value)) = &self.capabilities
            && *version == request.kube_version
            && *api_versions == request.api_versions
        {
            // A copy: a template could change the maps it is given.
            return (capabilities.clone(), value.deep_copy());
        }
        let capabilities = Capabilities::new(kube_version, &request.api_versions);
        let value = capabilities.to_value();
        self.capabilities = Some((
            request.kube_version.clone(),
            request.api_versions.clone(),
            capabilities.clone(),
            value.deep_copy(),
        ));
        (capabilities, value)
    }

    /// Give the chart and its subcharts the defaults of a `values.yaml`
    /// read before; one that fails to load is left for the render to refuse
    /// in Helm's order. Only this chart's texts are kept afterwards.
    fn fill_values(&mut self, chart: &mut Chart) {
        let known = std::mem::take(&mut self.values);
        fill_values_into(chart, &known, &mut self.values);
    }
}

fn fill_values_into(chart: &mut Chart, known: &[(String, Value)], kept: &mut Vec<(String, Value)>) {
    if chart.values.is_nil()
        && let Some(text) = &chart.values_text
    {
        let find = |list: &[(String, Value)]| {
            list.iter()
                .find(|(known_text, _)| known_text == text)
                .map(|(_, values)| values.clone())
        };
        if let Some(values) = find(kept) {
            // Another chart of this render has the same defaults.
            chart.values = values.deep_copy();
        } else if let Some(values) =
            find(known).or_else(|| super::dependencies::load_values(text).ok())
        {
            chart.values = values.deep_copy();
            kept.push((text.clone(), values));
        }
    }
    for dependency in &mut chart.dependencies {
        fill_values_into(dependency, known, kept);
    }
}

/// The render; `renderer` keeps what later renders can reuse.
fn render(
    chart: ChartSource,
    request: &TemplateRequest,
    mut renderer: Option<&mut Renderer>,
) -> Result<TemplateOutput, TemplateError> {
    let kube_version = match &request.kube_version {
        Some(text) if !text.is_empty() => Some(KubeVersion::parse(text).map_err(|error| {
            TemplateError::before_render(format!("invalid kube version '{text}': {error}"))
        })?),
        _ => None,
    };
    let user = merge(&request.values).map_err(TemplateError::before_render)?;
    let mut chart = match renderer.as_deref_mut() {
        Some(renderer) => renderer.load(chart)?,
        None => chart.load().map_err(TemplateError::before_render)?,
    };
    if let Some(renderer) = renderer.as_deref_mut() {
        renderer.fill_values(&mut chart);
    }
    let mut warnings = Vec::new();
    if !chart.metadata.dependencies.is_empty() {
        chart.check_dependencies().map_err(|error| {
            TemplateError::before_render(format!(
                "an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: {error}"
            ))
        })?;
    }
    let namespace = if request.namespace.is_empty() {
        "default"
    } else {
        request.namespace.as_str()
    };
    if crate::formats::release_name_problem(&request.release_name).is_some() {
        return Err(TemplateError::before_render(format!(
            "release name check failed: release name {}: invalid release name, must match regex {RELEASE_NAME_PATTERN} and the length must not be longer than 53",
            crate::engine::gofmt::quote(&request.release_name)
        )));
    }
    super::dependencies::process_dependencies(&mut chart, &user.value, &mut warnings).map_err(
        |error| {
            TemplateError::before_render(format!("chart dependencies processing failed: {error}"))
        },
    )?;
    let (capabilities, capabilities_value) = match renderer.as_deref_mut() {
        Some(renderer) => renderer.capabilities(request, kube_version),
        None => {
            let capabilities = Capabilities::new(kube_version, &request.api_versions);
            let value = capabilities.to_value();
            (capabilities, value)
        }
    };
    let values = super::dependencies::coalesce_values(&chart, &user.value, &mut warnings)
        .map_err(|error| TemplateError::before_render(error.to_string()))?;
    if !chart.metadata.kube_version.is_empty()
        && !super::semver::is_compatible_range(
            &chart.metadata.kube_version,
            &capabilities.kube_version.normalized,
        )
    {
        return Err(TemplateError::during_render(format!(
            "chart requires kubeVersion: {} which is incompatible with Kubernetes {}",
            chart.metadata.kube_version, capabilities.kube_version.version
        )));
    }

    let release = release_value(&request.release_name, namespace, request.is_upgrade);
    let mut renderables = Vec::new();
    collect_templates(
        &chart,
        &chart.metadata.name,
        true,
        &values,
        &release,
        &capabilities_value,
        &mut renderables,
    );
    let (parsed, heads) = match renderer {
        Some(renderer) => (Some(&mut renderer.parsed), Some(&mut renderer.heads)),
        None => (None, None),
    };
    let (rendered, trace) = render_templates(&renderables, request, parsed)?;

    // NOTES.txt is rendered like any template but is neither a resource nor a hook.
    let files = rendered
        .iter()
        .filter(|(path, _)| !path.ends_with("NOTES.txt"));
    let sorted = sort_manifests(files, heads).map_err(TemplateError::during_render)?;
    let crds = if request.include_crds {
        crd_documents(&chart)
    } else {
        Vec::new()
    };
    let stdout = print_output(
        &crds,
        &sorted,
        &request.show_only,
        request.skip_tests,
        request.no_hooks,
    )
    .map_err(TemplateError::during_render)?;
    Ok(TemplateOutput {
        stdout,
        sorted,
        rendered,
        trace,
        sources: user.sources,
        diagnostics: user.diagnostics,
        warnings,
    })
}

fn release_value(name: &str, namespace: &str, is_upgrade: bool) -> Value {
    let mut release = MapData::new();
    release.insert("Name".into(), Value::str(name));
    release.insert("Namespace".into(), Value::str(namespace));
    release.insert("IsUpgrade".into(), Value::Bool(is_upgrade));
    release.insert("IsInstall".into(), Value::Bool(!is_upgrade));
    release.insert("Revision".into(), Value::Int(1));
    release.insert("Service".into(), Value::str("Helm"));
    Value::map(release)
}

/// One template file to render, with the top-level object its chart sees.
struct Renderable<'c> {
    path: String,
    /// The template's text, borrowed from the chart when it is valid UTF-8.
    text: std::borrow::Cow<'c, str>,
    base_path: String,
    top: MapRef,
}

/// Helm's `recAllTpls`: every template of a chart and its subcharts, each
/// with its chart's `.Values`, `.Chart`, `.Files` and `.Subcharts`.
#[allow(
    clippy::too_many_arguments,
    reason = "the parts of one chart's top-level object"
)]
fn collect_templates<'c>(
    chart: &'c Chart,
    full_path: &str,
    is_root: bool,
    values: &Value,
    release: &Value,
    capabilities: &Value,
    out: &mut Vec<Renderable<'c>>,
) -> MapRef {
    let top = MapRef::default();
    top.insert("Chart", chart.metadata.metadata_map(is_root));
    top.insert("Files", super::files::Files::new(&chart.files).into_value());
    top.insert("Release", release.clone());
    top.insert("Capabilities", capabilities.clone());
    let chart_values = match values {
        Value::Map(map, _) => Value::Map(map.clone(), MapKind::Values),
        _ => Value::Map(MapRef::default(), MapKind::Values),
    };
    top.insert("Values", chart_values.clone());
    let subcharts = MapRef::default();
    top.insert("Subcharts", Value::Map(subcharts.clone(), MapKind::Plain));
    for dependency in &chart.dependencies {
        let child_values = chart_values
            .as_map()
            .and_then(|map| map.get(dependency.name()))
            .filter(|value| matches!(value, Value::Map(..)))
            .unwrap_or_else(|| Value::Map(MapRef::default(), MapKind::Values));
        let child_path = format!("{full_path}/charts/{}", dependency.name());
        let child = collect_templates(
            dependency,
            &child_path,
            false,
            &child_values,
            release,
            capabilities,
            out,
        );
        subcharts.insert(dependency.name(), Value::Map(child, MapKind::Plain));
    }
    let library = chart.metadata.is_library();
    for template in &chart.templates {
        if library && !is_partial(&template.name) {
            continue;
        }
        out.push(Renderable {
            path: format!("{full_path}/{}", template.name),
            text: template.as_text(),
            base_path: format!("{full_path}/templates"),
            top: top.clone(),
        });
    }
    top
}

/// Helm's `sortTemplates`: deeper paths first, then reverse lexical order.
fn parse_order(renderables: &[Renderable<'_>]) -> Vec<usize> {
    let depths: Vec<usize> = renderables
        .iter()
        .map(|renderable| renderable.path.bytes().filter(|&byte| byte == b'/').count())
        .collect();
    let mut order: Vec<usize> = (0..renderables.len()).collect();
    crate::sort::sort_by(&mut order, |&left, &right| {
        depths[right]
            .cmp(&depths[left])
            .then_with(|| renderables[right].path.cmp(&renderables[left].path))
    });
    order
}

fn render_templates(
    renderables: &[Renderable<'_>],
    request: &TemplateRequest,
    mut parsed: Option<&mut ParseCache>,
) -> Result<(BTreeMap<String, String>, Trace), TemplateError> {
    let order = parse_order(renderables);
    // Each file has its body and a few `define`s.
    let mut templates = Templates::with_capacity(renderables.len() * 4);
    for &index in &order {
        let renderable = &renderables[index];
        let added = match parsed.as_deref_mut() {
            Some(cache) => templates.add_cached(cache, &renderable.path, &renderable.text),
            None => templates.add_file(&renderable.path, &renderable.text),
        };
        if let Err(error) = added {
            if let Some(cache) = parsed.as_deref_mut() {
                cache.abandon();
            }
            return Err(TemplateError::during_render(parse_error(
                &renderable.path,
                &error.message,
            )));
        }
    }
    if let Some(cache) = parsed {
        cache.finish();
    }
    let mut exec = Exec::new(&templates, Random::new(request.seed), request.now_unix);
    exec.set_tracing(request.trace);
    let mut rendered = BTreeMap::new();
    let mut failure: Option<TemplateError> = None;
    for &index in &order {
        let renderable = &renderables[index];
        if is_partial(&renderable.path) {
            continue;
        }
        let mut template = MapData::new();
        template.insert("Name".into(), Value::str(&renderable.path));
        template.insert("BasePath".into(), Value::str(&renderable.base_path));
        renderable.top.insert(
            "Template",
            Value::Map(MapRef::new(template), MapKind::Values),
        );
        let top = Value::Map(renderable.top.clone(), MapKind::Plain);
        let first_print = exec.trace.emitted.len();
        let first_gate = exec.trace.gated.len();
        match exec.render_file(&renderable.path, &top) {
            Ok(text) => {
                let text = strip_no_value_keeping(
                    text,
                    &mut exec.trace.emitted[first_print..],
                    &mut exec.trace.gated[first_gate..],
                );
                rendered.insert(renderable.path.clone(), text);
            }
            Err(error) => {
                let failure = failure.get_or_insert_with(|| {
                    TemplateError::during_render(error.helm_message(&renderable.path))
                });
                // Files that share a check (through one `include`) refuse alike: once is enough.
                if let Some(refusal) = exec.refusal.take()
                    && !failure.refusals.contains(&refusal)
                {
                    failure.refusals.push(refusal);
                }
                // Helm stops here; diagnostics go on to the other files.
                if !request.trace {
                    break;
                }
            }
        }
    }
    match failure {
        Some(mut failure) => {
            failure.trace = Some(Box::new(exec.trace));
            Err(failure)
        }
        None => Ok((rendered, exec.trace)),
    }
}

/// Helm's `cleanupParseError`.
fn parse_error(file: &str, message: &str) -> String {
    let tokens: Vec<&str> = message.split(": ").collect();
    if tokens.len() == 1 {
        return format!("parse error in ({file}): {message}");
    }
    format!(
        "parse error at ({}): {}",
        tokens[1],
        tokens[tokens.len() - 1]
    )
}

/// `CRDObjects` of the chart and its subcharts, as `--include-crds` prints them.
fn crd_documents(chart: &Chart) -> Vec<(String, String)> {
    fn walk(chart: &Chart, prefix: &str, out: &mut Vec<(String, String)>) {
        for file in chart.crd_files() {
            out.push((format!("{prefix}/{}", file.name), file.text()));
        }
        for dependency in &chart.dependencies {
            walk(
                dependency,
                &format!("{prefix}/charts/{}", dependency.name()),
                out,
            );
        }
    }
    let mut out = Vec::new();
    walk(chart, chart.name(), &mut out);
    out
}
