//! Command-line arguments (clap derive); each doc comment is the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Check, render and explain the OpenShell chart's Gateway API values.
#[derive(Debug, Parser)]
#[command(name = "ingresslab", version)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Refuse any values or text file larger than this (bytes, or with KiB/MiB/KB/MB), up to 16MiB.
    #[arg(
        long,
        global = true,
        value_name = "SIZE",
        default_value = "1MiB",
        value_parser = parse_size
    )]
    pub max_input_size: usize,
}

/// Flags of every command (`global`), which `template` accepts besides Helm's.
pub(crate) const GLOBAL_FLAGS: &[&str] = &["max-input-size"];

/// A byte count: `N`, `NB`, `NKiB`/`NK`, `NMiB`/`NM`, `NKB`, `NMB`.
fn parse_size(text: &str) -> Result<usize, String> {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = match &text[digits.len()..] {
        "" | "B" => 1,
        "K" | "KiB" => 1 << 10,
        "M" | "MiB" => 1 << 20,
        "KB" => 1_000,
        "MB" => 1_000_000,
        other => return Err(format!("unknown unit {other:?}; use B, KiB, MiB, KB or MB")),
    };
    let bytes = digits
        .parse::<usize>()
        .ok()
        .and_then(|count| count.checked_mul(unit))
        .ok_or_else(|| format!("{text:?} is not a size such as 1MiB or 4194304"))?;
    let max = ingresslab_core::values::MAX_INPUT_BYTES;
    if bytes > max {
        return Err(format!(
            "more than the {} ingresslab can read",
            ingresslab_core::values::byte_size(max)
        ));
    }
    Ok(bytes)
}

/// The commands; each variant's doc comment is its help line.
///
/// Each command's flags are built only when it runs (`defer`): building all
/// of them was a noticeable part of a millisecond run. Deferred flags are
/// added after the help line, so the argument structs carry plain comments:
/// a doc comment there would replace the variant's help line.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Render a chart exactly as `helm template` does: same arguments, same output.
    #[command(override_usage = "ingresslab template [NAME] CHART [OPTIONS]")]
    Template(TemplateArgs),
    /// Print the Gateway API manifests Helm renders from these values.
    Render(RenderArgs),
    /// Check the values and print every problem found.
    Validate(ValidateArgs),
    /// Print a values.schema.json (JSON Schema draft-07) for the trees ingresslab models.
    Schema(SchemaArgs),
    /// Draw the traffic paths these values create (SVG or Mermaid).
    Diagram(DiagramArgs),
    /// Rewrite legacy `grpcRoute` values as `gatewayApi` values, and prove the result.
    Migrate(MigrateArgs),
    /// Write a chart's README exactly as helm-docs v1.14.2 does.
    Docs(DocsArgs),
    /// Build the ingress guide from its template and the validated examples.
    Guide(GuideArgs),
    /// Check every helm command and values block in Markdown/MDX pages against the chart.
    CheckDocs(CheckDocsArgs),
    /// Print a shell completion script (bash, zsh or fish) to stdout.
    Completions(CompletionsArgs),
}

// `ingresslab check-docs`.
#[derive(Debug, clap::Args)]
pub struct CheckDocsArgs {
    /// Markdown or MDX pages; a folder means every .md and .mdx under it.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// The chart the pages install (default: the embedded OpenShell chart).
    #[arg(long, value_name = "DIR")]
    pub chart: Option<PathBuf>,
    /// A chart reference (OCI, repository/name or path) that is this chart, besides
    /// `.../openshell` and `.../openshell/helm-chart`; repeatable.
    #[arg(long = "chart-ref", value_name = "REF")]
    pub chart_refs: Vec<String>,
    /// The cluster `helm install` and `helm upgrade` talk to.
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Treat warnings as errors: exit 1 when any example has a warning.
    #[arg(long)]
    pub strict: bool,
}

// `ingresslab completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: ShellArg,
}

/// Shells with completion scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    /// Bash (`source <(ingresslab completions bash)`).
    Bash,
    /// Zsh (save as `_ingresslab` on `$fpath`).
    Zsh,
    /// Fish (save under `~/.config/fish/completions/`).
    Fish,
}

// `ingresslab template [NAME] [CHART]`, a drop-in for `helm template`.
#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// `[NAME] CHART`: the release name (default `release-name`) and a chart directory or `.tgz`.
    #[arg(value_name = "NAME_AND_CHART", num_args = 1.., required = true)]
    pub args: Vec<String>,
    /// Values file (`-` reads stdin); repeat or separate with commas, later ones win.
    #[arg(
        short = 'f',
        long = "values",
        value_name = "FILE",
        value_delimiter = ','
    )]
    pub values: Vec<String>,
    /// Set values (key=value[,key=value]), typed as Helm types them.
    #[arg(long = "set", value_name = "K=V")]
    pub set: Vec<String>,
    /// Set string values.
    #[arg(long = "set-string", value_name = "K=V")]
    pub set_string: Vec<String>,
    /// Set JSON values (key=json[,key=json], or one JSON object).
    #[arg(long = "set-json", value_name = "K=JSON")]
    pub set_json: Vec<String>,
    /// Set values from files (key=path): the file's contents become the string.
    #[arg(long = "set-file", value_name = "K=PATH")]
    pub set_file: Vec<String>,
    /// Set one literal string value (key=value, commas and all).
    #[arg(long = "set-literal", value_name = "K=V")]
    pub set_literal: Vec<String>,
    /// The release namespace (`default` when empty or not given).
    #[arg(short = 'n', long, value_name = "NS", default_value = "")]
    pub namespace: String,
    /// Only print the manifests rendered from these templates (paths or globs such as `templates/gateway.yaml`).
    #[arg(short = 's', long = "show-only", value_name = "TEMPLATE")]
    pub show_only: Vec<String>,
    /// The cluster `.Capabilities` describes.
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Print the chart's `crds/` files too.
    #[arg(long)]
    pub include_crds: bool,
    /// Leave out test hooks.
    #[arg(long)]
    pub skip_tests: bool,
    /// Leave out every hook.
    #[arg(long)]
    pub no_hooks: bool,
    /// Render as an upgrade (`.Release.IsUpgrade`).
    #[arg(long)]
    pub is_upgrade: bool,
    /// Seed for `randBytes`, `randAlphaNum` and the other random functions, for output that
    /// repeats (default: a fresh seed each run, as Helm's values differ each run).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Helm flags that do not change what `helm template` prints, accepted so that a Helm
    /// command line runs unchanged.
    #[command(flatten)]
    pub ignored: IgnoredHelmFlags,
}

// `helm template` flags with no effect on its output (they concern installing).
#[derive(Debug, clap::Args)]
pub struct IgnoredHelmFlags {
    #[arg(long, hide = true)]
    create_namespace: bool,
    #[arg(long, hide = true)]
    wait: bool,
    #[arg(long, hide = true)]
    wait_for_jobs: bool,
    #[arg(long, hide = true)]
    atomic: bool,
    #[arg(long, hide = true)]
    devel: bool,
    #[arg(long, hide = true)]
    skip_schema_validation: bool,
    #[arg(long, hide = true)]
    disable_openapi_validation: bool,
    #[arg(long, hide = true)]
    dependency_update: bool,
    #[arg(long, hide = true, value_name = "DURATION")]
    timeout: Option<String>,
    #[arg(long, hide = true, value_name = "TEXT")]
    description: Option<String>,
    #[arg(long, hide = true, value_name = "VERSION")]
    version: Option<String>,
}

// `ingresslab guide`.
#[derive(Debug, clap::Args)]
pub struct GuideArgs {
    /// Where the guide goes; diagrams go to `diagrams/` and the values table to `values.md` beside it.
    #[arg(long, value_name = "FILE", default_value = "docs/ingress.md")]
    pub output: PathBuf,
    /// The guide's template (minijinja, with the prose).
    #[arg(long, value_name = "FILE", default_value = "docs/guide/ingress.md.j2")]
    pub template: PathBuf,
    /// The folder of example values files.
    #[arg(long, value_name = "DIR", default_value = "docs/examples")]
    pub examples: PathBuf,
    /// The template of values.md (helm-docs directives).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "docs/guide/values.md.gotmpl"
    )]
    pub values_template: PathBuf,
    /// Write nothing; exit 1 with a diff when a generated file is not up to date.
    #[arg(long)]
    pub check: bool,
}

// `ingresslab docs`.
#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    /// Chart directory with Chart.yaml and values.yaml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub chart: PathBuf,
    /// README template: helm-docs Go-template directives, or minijinja when it ends in `.j2`
    /// (default: the chart's README.md.gotmpl, else helm-docs' default template).
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Where to write (default: README.md in the chart directory).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Row order of the values table.
    #[arg(long, value_enum, default_value_t = SortOrderArg::Alphanum)]
    pub sort_values_order: SortOrderArg,
    /// Write nothing; exit 1 with a diff on stderr when the file is not up to date.
    #[arg(long, conflicts_with = "dry_run")]
    pub check: bool,
    /// Print the README to stdout instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
}

/// Values table row orders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortOrderArg {
    /// By key, comparing bytes.
    Alphanum,
    /// As written in values.yaml.
    File,
}

// `ingresslab migrate`.
#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// The values file written for the chart before `gatewayApi`.
    #[arg(short = 'f', long = "values", value_name = "OLD.yaml")]
    pub values: PathBuf,
    /// Write the new values here (atomically) instead of stdout.
    #[arg(short = 'o', long, value_name = "NEW.yaml")]
    pub output: Option<PathBuf>,
    /// The chart the new values are for (default: ingresslab's chart, the terminate + re-encrypt proposal).
    #[arg(long, value_name = "DIR")]
    pub chart: Option<PathBuf>,
    /// The chart the old values were written for: render both and prove the migration.
    #[arg(long, value_name = "DIR")]
    pub from_chart: Option<PathBuf>,
    /// Release name used in the proof.
    #[arg(long, value_name = "NAME", default_value = "openshell")]
    pub release_name: String,
    /// Release namespace used in the proof.
    #[arg(short = 'n', long, value_name = "NS", default_value = "openshell")]
    pub namespace: String,
}

// `ingresslab diagram`.
#[derive(Debug, clap::Args)]
pub struct DiagramArgs {
    /// Values inputs.
    #[command(flatten)]
    pub values: ValuesArgs,
    /// Show passthrough and terminate + re-encrypt side by side, with the capability matrix.
    #[arg(long)]
    pub compare: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiagramFormatArg::Svg)]
    pub format: DiagramFormatArg,
    /// Write to this file (atomically) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Diagram formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiagramFormatArg {
    /// Self-contained SVG.
    Svg,
    /// Mermaid flowchart text.
    Mermaid,
}

// `ingresslab schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Chart directory with Chart.yaml and values.yaml (default: the embedded OpenShell chart).
    #[arg(long, value_name = "DIR")]
    pub chart: Option<PathBuf>,
}

// The cluster a chart is rendered for (`.Capabilities`), as `helm template` takes it.
#[derive(Debug, clap::Args)]
pub struct ClusterArgs {
    /// The Kubernetes version `.Capabilities.KubeVersion` reports (default v1.35.0).
    #[arg(long, value_name = "VERSION")]
    pub kube_version: Option<String>,
    /// Extra API versions `.Capabilities.APIVersions` reports; repeat or separate with commas.
    #[arg(
        short = 'a',
        long = "api-versions",
        value_name = "VERSION",
        value_delimiter = ','
    )]
    pub api_versions: Vec<String>,
}

impl ClusterArgs {
    /// The core's view of the same cluster.
    #[must_use]
    pub fn cluster(&self) -> ingresslab_core::Cluster {
        ingresslab_core::Cluster {
            kube_version: self.kube_version.clone(),
            api_versions: self.api_versions.clone(),
        }
    }
}

// Where values come from, as with `helm template`.
#[derive(Debug, clap::Args)]
pub struct ValuesArgs {
    /// Chart directory with Chart.yaml and values.yaml (default: the embedded OpenShell chart).
    #[arg(long, value_name = "DIR")]
    pub chart: Option<PathBuf>,
    /// Values file; repeat or separate with commas (as Helm does) to layer files, later ones win.
    #[arg(
        short = 'f',
        long = "values",
        value_name = "FILE",
        value_delimiter = ','
    )]
    pub values: Vec<PathBuf>,
    /// Set values on the command line (key=value[,key=value]), typed like Helm's --set.
    #[arg(long = "set", value_name = "K=V")]
    pub set: Vec<String>,
    /// Set string values on the command line; applied after every --set, as Helm does.
    #[arg(long = "set-string", value_name = "K=V")]
    pub set_string: Vec<String>,
    /// Release name.
    #[arg(long, value_name = "NAME", default_value = "openshell")]
    pub release_name: String,
    /// Release namespace.
    #[arg(short = 'n', long, value_name = "NS", default_value = "openshell")]
    pub namespace: String,
    /// The Gateway controller, when its GatewayClass has another name than its quickstart's
    /// (envoy-gateway, cilium, nginx-gateway-fabric, traefik, contour, istio).
    #[arg(long, value_name = "NAME", value_parser = parse_controller)]
    pub controller: Option<ingresslab_core::controllers::Controller>,
    /// The cluster `.Capabilities` describes.
    #[command(flatten)]
    pub cluster: ClusterArgs,
}

fn parse_controller(text: &str) -> Result<ingresslab_core::controllers::Controller, String> {
    ingresslab_core::controllers::Controller::parse(text).ok_or_else(|| {
        format!(
            "not a controller ingresslab knows; use one of {}",
            ingresslab_core::controllers::Controller::ids()
        )
    })
}

// `ingresslab render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Values inputs.
    #[command(flatten)]
    pub values: ValuesArgs,
    /// Render what Helm would render even when ingresslab finds errors.
    /// The chart's own refusals still stop the render, as they stop Helm.
    #[arg(long)]
    pub force: bool,
}

// `ingresslab validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Values inputs.
    #[command(flatten)]
    pub values: ValuesArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Treat warnings as errors: exit 1 when there is any warning.
    #[arg(long)]
    pub strict: bool,
}

/// Diagnostic output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Compiler-style text with source snippets.
    Text,
    /// `{"diagnostics": [...]}`.
    Json,
    /// GitHub Actions workflow commands (`::error file=...,line=...,col=...::message`).
    Github,
}
