//! `check-docs`: the examples of hand-written Markdown and MDX pages (every
//! `helm install`, `helm upgrade` and `helm template` command in a shell
//! block, every YAML block of chart values) run through the analysis on the
//! chart they install, each finding put back on the page's own line.
//!
//! Reading a page ([`read_page`]) and checking an example ([`check`]) are
//! two steps so the caller can read the values files a command names
//! (relative to the page) in between: the core does no I/O.

mod helm_command;
mod markdown;
mod shell;

use crate::analysis::{Analyzer, Cluster, Input, SetFlag, SetKind, ValuesFile, analyze_with};
use crate::chart::Chart;
use crate::codes::Code;
use crate::diagnostic::Severity;
use crate::helm::ChartSource;
use crate::release::Release;
use crate::source::SourceKind;
use crate::span::LineIndex;

pub use helm_command::HelmVerb;
use helm_command::ValueFlag;
use shell::Word;

/// How check-docs decides what to check.
#[derive(Clone, Debug, Default)]
pub struct DocOptions {
    /// Chart references that are the checked chart, besides the ones
    /// recognised by name (see [`is_chart_ref`]).
    pub chart_refs: Vec<String>,
    /// The cluster of `helm install` and `helm upgrade` (`helm template` has none).
    pub cluster: Cluster,
}

/// A place on the page: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct PagePosition {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

/// What an example is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExampleKind {
    /// A Helm command line.
    Command(HelmVerb),
    /// A YAML block of chart values.
    ValuesBlock,
}

/// A `<placeholder>` or `$VARIABLE` and what was put in its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder {
    /// As written.
    pub text: String,
    /// The stand-in checked instead.
    pub stand_in: String,
    /// Where it is.
    pub at: PagePosition,
}

/// One example found on a page.
#[derive(Clone, Debug)]
pub struct Example {
    /// 1-based, over the page's examples (commands for other charts included).
    pub number: usize,
    /// What it is.
    pub kind: ExampleKind,
    /// Its first line.
    pub at: PagePosition,
    /// Why it is not checked (another chart, a Helm command that renders nothing).
    pub skipped: Option<String>,
    /// The values files it names, as written (relative to the page).
    pub values_files: Vec<String>,
    /// Placeholders substituted in it.
    pub placeholders: Vec<Placeholder>,
    release: String,
    namespace: String,
    /// Its values flags, placeholders substituted, still mapped to the page.
    set_flags: Vec<ValueFlag>,
    cluster: Cluster,
    /// For a values block: its text and the page offset of each byte.
    block: Option<Word>,
}

/// A finding, placed on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Which example (its number).
    pub example: usize,
    /// Severity.
    pub severity: Severity,
    /// The diagnostic code.
    pub code: Code,
    /// Where on the page (or in the values file the example names).
    pub at: PagePosition,
    /// The file, when the finding is in a values file the page names rather than on the page.
    pub file: Option<String>,
    /// The values key concerned.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
    /// Other places the finding concerns (a default in the chart's values.yaml, another flag).
    pub related: Vec<RelatedPlace>,
}

/// A place a finding concerns besides its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelatedPlace {
    /// The file, when not the page (a values file, the chart's values.yaml).
    pub file: Option<String>,
    /// Where.
    pub at: PagePosition,
    /// The values key written there.
    pub path: String,
    /// What it has to do with the finding.
    pub note: String,
}

/// A page's examples.
#[derive(Clone, Debug)]
pub struct Page {
    /// Every example, in page order.
    pub examples: Vec<Example>,
    text: String,
    line_index: LineIndex,
}

/// Find the examples of `text` (Markdown or MDX).
#[must_use]
pub fn read_page(text: &str, chart: &Chart, options: &DocOptions) -> Page {
    let mut page = Page {
        examples: Vec::new(),
        text: text.to_owned(),
        line_index: LineIndex::new(text),
    };
    let position = |offset: usize| page.position(offset);
    let chart_keys = top_level_keys(&chart.values_text);
    let mut examples = Vec::new();
    let mut placeholders = Placeholders::default();
    for fence in markdown::fences(text) {
        match fence.language.as_str() {
            // A fence without a language is often a shell session too.
            "" | "shell" | "sh" | "bash" | "zsh" | "console" | "shell-session" | "terminal" => {
                for words in shell::commands(&fence.body, &fence.offsets) {
                    // `VAR=value helm ...` and `sudo helm ...` run helm too.
                    let first = words
                        .iter()
                        .position(|word| !word.text.contains('=') && word.text != "sudo");
                    let Some(first) = first.filter(|&index| words[index].text == "helm") else {
                        continue;
                    };
                    let Some(command) = helm_command::parse(&words[first..]) else {
                        continue;
                    };
                    let number = examples.len() + 1;
                    examples.push(command_example(
                        number,
                        &command,
                        options,
                        &mut placeholders,
                        &position,
                    ));
                }
            }
            "yaml" | "yml" => {
                let names_values_file = fence
                    .meta
                    .split(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '=')
                    .any(|part| {
                        let name = part.rsplit('/').next().unwrap_or(part);
                        name.contains("values")
                            && (name.ends_with(".yaml") || name.ends_with(".yml"))
                    });
                let keys = top_level_keys(&fence.body);
                let chart_values =
                    !keys.is_empty() && keys.iter().all(|key| chart_keys.contains(key));
                if !(names_values_file || chart_values) {
                    continue;
                }
                let body = Word {
                    text: fence.body.clone(),
                    offsets: fence.offsets.clone(),
                };
                let substituted = placeholders.substitute(&body, &position);
                examples.push(Example {
                    number: examples.len() + 1,
                    kind: ExampleKind::ValuesBlock,
                    at: position(fence.start),
                    skipped: None,
                    values_files: Vec::new(),
                    placeholders: substituted.1,
                    release: "openshell".to_owned(),
                    namespace: "openshell".to_owned(),
                    set_flags: Vec::new(),
                    cluster: options.cluster.clone(),
                    block: Some(substituted.0),
                });
            }
            _ => {}
        }
    }
    page.examples = examples;
    page
}

fn command_example(
    number: usize,
    command: &helm_command::HelmCommand,
    options: &DocOptions,
    placeholders: &mut Placeholders,
    position: &dyn Fn(usize) -> PagePosition,
) -> Example {
    let chart = command.chart.as_ref().map(|word| word.text.as_str());
    let skipped = match chart {
        None => Some(format!("`helm {}` names no chart", command.verb.as_str())),
        Some(chart) if !is_chart_ref(chart, command.repo.as_deref(), &options.chart_refs) => {
            Some(format!("installs {chart}, not the checked chart"))
        }
        Some(_) => None,
    };
    let mut found = Vec::new();
    let mut substitute = |word: &Word| {
        let (word, mut seen) = placeholders.substitute(word, position);
        found.append(&mut seen);
        word
    };
    let mut set_flags: Vec<ValueFlag> = command
        .set_flags
        .iter()
        .map(|flag| ValueFlag {
            kind: flag.kind,
            value: substitute(&flag.value),
        })
        .collect();
    // `--set-file k=path` and `--set-literal k=v` give strings: the key is
    // checked with a stand-in string.
    for (_, word) in &command.string_flags {
        let mut value = substitute(word);
        if let Some(eq) = value.text.find('=') {
            value.text.truncate(eq + 1);
            value.offsets.truncate(eq + 1);
            let end = value.offset_of(eq);
            for c in "stand-in".chars() {
                value.text.push(c);
                value.offsets.push(end);
            }
        }
        set_flags.push(ValueFlag {
            kind: SetKind::SetString,
            value,
        });
    }
    let release = command
        .release
        .as_ref()
        .map_or_else(|| "release-name".to_owned(), |word| substitute(word).text);
    let namespace = command
        .namespace
        .as_ref()
        .map_or_else(|| "default".to_owned(), |word| substitute(word).text);
    if let Some(version) = &command.version {
        substitute(version);
    }
    let mut cluster = if command.verb.reaches_cluster() {
        options.cluster.clone()
    } else {
        Cluster::default()
    };
    if command.kube_version.is_some() {
        cluster.kube_version.clone_from(&command.kube_version);
    }
    cluster
        .api_versions
        .extend(command.api_versions.iter().cloned());
    crate::sort::sort_by_key(&mut found, |placeholder| placeholder.at);
    Example {
        number,
        kind: ExampleKind::Command(command.verb),
        at: position(command.start),
        skipped,
        values_files: command
            .values_files
            .iter()
            .map(|file| file.text.clone())
            .collect(),
        placeholders: found,
        release,
        namespace,
        set_flags,
        cluster,
        block: None,
    }
}

/// Whether `reference` (with `--repo`, when given) is the checked chart:
/// one of `chart_refs`, or an OpenShell chart by name (`.../openshell`,
/// `.../openshell/helm-chart`, `deploy/helm/openshell`), any version tag.
/// Other OpenShell charts (`openshell-workspace`) are not.
#[must_use]
pub fn is_chart_ref(reference: &str, repo: Option<&str>, chart_refs: &[String]) -> bool {
    let without_tag = |text: &str| -> String {
        let text = text.trim_end_matches('/');
        // `oci://host/path:tag` (a port has a slash after it).
        match text.rsplit_once(':') {
            Some((head, tag)) if !tag.contains('/') && head.contains('/') => head.to_owned(),
            _ => text.to_owned(),
        }
    };
    let full = match repo {
        Some(repo) => format!("{}/{reference}", repo.trim_end_matches('/')),
        None => reference.to_owned(),
    };
    let full = without_tag(&full);
    if chart_refs
        .iter()
        .any(|known| without_tag(known) == full || without_tag(known) == without_tag(reference))
    {
        return true;
    }
    let mut segments = full.rsplit('/');
    let last = segments.next().unwrap_or_default();
    let parent = segments.next().unwrap_or_default();
    last == "openshell" || (last == "helm-chart" && parent == "openshell")
}

/// Stand-ins for placeholders, the same one each time a placeholder recurs.
#[derive(Default)]
struct Placeholders {
    known: Vec<(String, String)>,
}

impl Placeholders {
    fn stand_in(&mut self, placeholder: &str) -> String {
        if let Some((_, stand_in)) = self.known.iter().find(|(text, _)| text == placeholder) {
            return stand_in.clone();
        }
        let name: String = placeholder
            .trim_matches(|c: char| !c.is_ascii_alphanumeric())
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let has = |part: &str| name.split('-').any(|word| word == part);
        // A stand-in of the placeholder's kind, valid where such a value goes.
        let stand_in = if has("version") {
            "0.0.0".to_owned()
        } else if has("port") {
            "8443".to_owned()
        } else if has("ip") || has("address") {
            "192.0.2.10".to_owned()
        } else if has("url") || has("uri") || has("endpoint") {
            format!("https://{name}.example.com")
        } else if has("hostname") || has("host") || has("domain") || has("issuer") || has("fqdn") {
            format!("{name}.example.com")
        } else {
            name
        };
        self.known.push((placeholder.to_owned(), stand_in.clone()));
        stand_in
    }

    /// `word` with each `<name>`, `$NAME` and `${NAME}` replaced by its
    /// stand-in (every byte of which maps to the placeholder's start).
    fn substitute(
        &mut self,
        word: &Word,
        position: &dyn Fn(usize) -> PagePosition,
    ) -> (Word, Vec<Placeholder>) {
        let text = &word.text;
        let mut out = Word::default();
        let mut found = Vec::new();
        let mut index = 0;
        while index < text.len() {
            let rest = &text[index..];
            let length = placeholder_length(rest);
            if length > 0 {
                let placeholder = &rest[..length];
                let stand_in = self.stand_in(placeholder);
                let at = word.offset_of(index);
                found.push(Placeholder {
                    text: placeholder.to_owned(),
                    stand_in: stand_in.clone(),
                    at: position(at),
                });
                out.text.push_str(&stand_in);
                out.offsets.extend(std::iter::repeat_n(at, stand_in.len()));
                index += length;
                continue;
            }
            let c = rest.chars().next().unwrap_or_default();
            out.text.push(c);
            out.offsets
                .extend((index..index + c.len_utf8()).map(|byte| word.offset_of(byte)));
            index += c.len_utf8();
        }
        (out, found)
    }
}

/// The length of a placeholder at the start of `text`, or 0.
fn placeholder_length(text: &str) -> usize {
    let name_length = |text: &str, extra: &[char]| {
        text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || extra.contains(&c)))
            .unwrap_or(text.len())
    };
    if let Some(rest) = text.strip_prefix('<') {
        let length = name_length(rest, &['-', '.', ' ']);
        let name = &rest[..length];
        if length > 0
            && rest[length..].starts_with('>')
            && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        {
            return length + 2;
        }
    } else if let Some(rest) = text.strip_prefix("${") {
        let length = name_length(rest, &[]);
        if length > 0 && rest[length..].starts_with('}') {
            return length + 3;
        }
    } else if let Some(rest) = text.strip_prefix('$') {
        let length = name_length(rest, &[]);
        if length > 0
            && rest
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        {
            return length + 1;
        }
    }
    0
}

/// The top-level keys of a YAML mapping text (none when it is not one).
fn top_level_keys(text: &str) -> Vec<String> {
    let mut ignored = Vec::new();
    match crate::values::parse_document(text, crate::span::SourceId(0), &mut ignored) {
        Some(node) => match node.value {
            crate::values::Value::Map(map) => map.iter().map(|(key, _)| key.clone()).collect(),
            _ => Vec::new(),
        },
        None => Vec::new(),
    }
}

/// What [`check`] needs besides the example.
#[derive(Clone, Copy, Debug)]
pub struct CheckContext<'a> {
    /// The chart's metadata and defaults.
    pub chart: &'a Chart,
    /// The chart's files, rendered by its own templates.
    pub chart_files: &'a ChartSource,
    /// API versions the chart asks the cluster about (see [`probed_api_versions`]).
    pub probed_api_versions: &'a [String],
}

/// The outcome of checking one example.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    /// Findings placed on the page.
    pub findings: Vec<Finding>,
    /// API versions the chart refused to render without, which the cluster
    /// of `helm install` must serve: a prerequisite of the page.
    pub prerequisite: Vec<String>,
    /// Values files the page names but does not provide: placeholders.
    pub missing_files: Vec<String>,
}

/// Every API version the chart's templates ask `.Capabilities.APIVersions.Has` about.
#[must_use]
pub fn probed_api_versions(chart_files: &ChartSource) -> Vec<String> {
    let files = match chart_files {
        ChartSource::Archive(files) | ChartSource::Directory { files, .. } => files,
    };
    let mut found: Vec<String> = Vec::new();
    for file in files {
        let text = String::from_utf8_lossy(&file.data);
        for (index, _) in text.match_indices("APIVersions.Has") {
            let rest = text[index + "APIVersions.Has".len()..].trim_start();
            if let Some(quoted) = rest.strip_prefix('"')
                && let Some(end) = quoted.find('"')
            {
                let version = quoted[..end].to_owned();
                if !found.contains(&version) {
                    found.push(version);
                }
            }
        }
    }
    found
}

/// Check one example; `analyzer` keeps the chart's template parses and
/// defaults from one example to the next. `read_file` gives the text of a values file the
/// example names (relative to the page), or `None` when the page's
/// repository does not have it.
#[must_use]
pub fn check(
    page: &Page,
    example: &Example,
    context: &CheckContext<'_>,
    analyzer: &mut Analyzer,
    read_file: &dyn Fn(&str) -> Option<String>,
) -> Checked {
    let mut checked = Checked::default();
    if example.skipped.is_some() {
        return checked;
    }
    let mut value_files = Vec::new();
    for name in &example.values_files {
        match read_file(name) {
            Some(text) => value_files.push(ValuesFile {
                name: name.clone(),
                text,
            }),
            None => checked.missing_files.push(name.clone()),
        }
    }
    if let Some(block) = &example.block {
        value_files.push(ValuesFile {
            name: format!("values block {}", example.number),
            text: block.text.clone(),
        });
    }
    let input = |cluster: Cluster| Input {
        chart: context.chart.clone(),
        value_files: value_files.clone(),
        set_flags: example
            .set_flags
            .iter()
            .map(|flag| SetFlag {
                kind: flag.kind,
                text: flag.value.text.clone(),
            })
            .collect(),
        release: Release {
            name: example.release.clone(),
            namespace: example.namespace.clone(),
        },
        chart_files: Some(context.chart_files.clone()),
        controller: None,
        cluster,
    };
    let mut analysis = analyze_with(&input(example.cluster.clone()), analyzer);
    let refusals = |analysis: &crate::Analysis| -> Vec<String> {
        analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code == Code::ChartRefused)
            .map(|diagnostic| diagnostic.message.clone())
            .collect()
    };
    let reaches_cluster = match example.kind {
        ExampleKind::Command(verb) => verb.reaches_cluster(),
        ExampleKind::ValuesBlock => true,
    };
    let refused = refusals(&analysis);
    let missing: Vec<String> = context
        .probed_api_versions
        .iter()
        .filter(|version| !example.cluster.api_versions.contains(version))
        .cloned()
        .collect();
    if reaches_cluster && !refused.is_empty() && !missing.is_empty() {
        // A refusal that goes once the cluster serves the APIs the chart
        // asks about is a prerequisite of the page, not this example's
        // fault; what the example itself gets wrong shows after it.
        let mut with = |versions: &[String]| {
            let mut cluster = example.cluster.clone();
            cluster.api_versions.extend(versions.iter().cloned());
            analyze_with(&input(cluster), analyzer)
        };
        let lifted = |analysis: &crate::Analysis| {
            let now = refusals(analysis);
            !refused.iter().all(|message| now.contains(message))
        };
        let with_all = with(&missing);
        if lifted(&with_all) {
            analysis = with_all;
            // Each version alone: the ones that each suffice are the choices
            // to name (a `group/version/Kind` only when its `group/version` is not).
            for version in &missing {
                if checked
                    .prerequisite
                    .iter()
                    .any(|known| version.starts_with(&format!("{known}/")))
                {
                    continue;
                }
                if lifted(&with(std::slice::from_ref(version))) {
                    checked.prerequisite.push(version.clone());
                }
            }
            if checked.prerequisite.is_empty() {
                checked.prerequisite = missing;
            }
        }
    }
    checked.findings = place(page, example, &analysis);
    checked
}

/// The analysis' diagnostics placed on the page: a `--set` finding at the
/// flag's value, a values block's at its line, a values file's in that
/// file, anything else (the chart's defaults, a render) at the command.
fn place(page: &Page, example: &Example, analysis: &crate::Analysis) -> Vec<Finding> {
    // The analysis numbers --set-json, --set and --set-string flags in that order.
    let mut flag_order: Vec<&ValueFlag> = Vec::new();
    for kind in [SetKind::SetJson, SetKind::Set, SetKind::SetString] {
        flag_order.extend(example.set_flags.iter().filter(|flag| flag.kind == kind));
    }
    let position = |offset: usize| page.position(offset);
    let mut flags = flag_order.into_iter();
    let mut flag_of = Vec::new();
    for (id, source) in analysis.sources.iter() {
        if matches!(source.kind, SourceKind::Set | SourceKind::SetString)
            && let Some(flag) = flags.next()
        {
            flag_of.push((id, flag));
        }
    }
    // Where an origin is: on the page (a flag, a values block), in a values
    // file the command names, or in the chart's values.yaml.
    let locate = |origin: crate::span::Origin| -> Option<(Option<String>, PagePosition)> {
        let source = analysis.sources.get(origin.source);
        let offset = origin.span.start as usize;
        let in_file = |name: &str| {
            let place = source.line_column(origin.span.start);
            let at = PagePosition {
                line: place.line as usize,
                column: place.column as usize,
            };
            Some((Some(name.to_owned()), at))
        };
        if let Some((_, flag)) = flag_of.iter().find(|(id, _)| *id == origin.source) {
            return Some((None, position(flag.value.offset_of(offset))));
        }
        match source.kind {
            // A values file is named in the analysis as the command names it.
            SourceKind::ValuesFile => match &example.block {
                Some(block) => Some((None, position(block.offset_of(offset)))),
                None => in_file(&source.name),
            },
            SourceKind::ChartValues => in_file(&source.name),
            SourceKind::Set | SourceKind::SetString => None,
        }
    };
    let mut findings: Vec<Finding> = analysis
        .diagnostics
        .iter()
        .map(|diagnostic| {
            // A finding in the chart's own values.yaml is the command's: the
            // page chose (or kept) that default.
            let (file, at) = diagnostic
                .origin
                .filter(|origin| {
                    analysis.sources.get(origin.source).kind != SourceKind::ChartValues
                })
                .and_then(&locate)
                .unwrap_or((None, example.at));
            let related = diagnostic
                .related
                .iter()
                .filter_map(|related| {
                    let (file, at) = locate(related.origin)?;
                    Some(RelatedPlace {
                        file,
                        at,
                        path: related.path.clone(),
                        note: related.note.clone(),
                    })
                })
                .collect();
            Finding {
                example: example.number,
                severity: diagnostic.severity,
                code: diagnostic.code,
                at,
                file,
                path: diagnostic.path.clone(),
                message: diagnostic.message.clone(),
                help: diagnostic.help.clone(),
                related,
            }
        })
        .collect();
    crate::sort::sort_by_key(&mut findings, |finding| (finding.file.clone(), finding.at));
    findings
}

impl Page {
    /// The line and column of a page offset.
    fn position(&self, offset: usize) -> PagePosition {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let place = self.line_index.line_column(&self.text, offset);
        PagePosition {
            line: place.line as usize,
            column: place.column as usize,
        }
    }
}
