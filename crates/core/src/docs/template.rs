//! README templates: helm-docs' built-in named templates (`chart.header`,
//! `chart.valuesSection`, ...), the default template, `{{ template "NAME" . }}`
//! directives in Markdown (Go template syntax, including `{{-`/`-}}` trims),
//! minijinja `.j2` templates with the same data, and helm-docs' final
//! whitespace pass.

use minijinja::{
    Environment, Error as TemplateError, ErrorKind as TemplateErrorKind, Value as TemplateValue,
};

use super::chart_info::ChartInfo;
use super::rows::{Row, values_table};

/// The helm-docs release whose output is reproduced.
pub(crate) const HELM_DOCS_VERSION: &str = "1.14.2";

/// The template helm-docs uses when a chart has no README.md.gotmpl.
pub(crate) const DEFAULT_TEMPLATE: &str = include_str!("../../templates/readme.default.gotmpl");

/// Everything a README template can print.
pub(crate) struct Documents<'a> {
    pub(crate) chart: &'a ChartInfo,
    pub(crate) rows: &'a [Row],
}

fn badge(label: &str, value: &str, dashes: bool) -> String {
    let escaped = if dashes {
        value.replace('-', "--")
    } else {
        value.to_owned()
    };
    format!(
        "![{label}: {value}](https://img.shields.io/badge/{label}-{escaped}-informational?style=flat-square) "
    )
}

impl Documents<'_> {
    /// The output of a built-in named template, or `None` for an unknown name.
    pub(crate) fn named(&self, name: &str) -> Option<String> {
        let chart = self.chart;
        let text = match name {
            "chart.name" => chart.name.clone(),
            "chart.header" => format!("# {}\n", chart.name),
            "chart.deprecationWarning" => {
                if chart.deprecated {
                    "> **:exclamation: This Helm Chart is deprecated!**".to_owned()
                } else {
                    String::new()
                }
            }
            "chart.version" => chart.version.clone(),
            "chart.type" => chart.chart_type.clone(),
            "chart.appVersion" => chart.app_version.clone(),
            "chart.homepage" => chart.home.clone(),
            "chart.kubeVersion" => chart.kube_version.clone(),
            "chart.description" => chart.description.clone(),
            "chart.versionBadge" => badge("Version", &chart.version, true),
            "chart.typeBadge" => {
                if chart.chart_type.is_empty() {
                    String::new()
                } else {
                    badge("Type", &chart.chart_type, false)
                }
            }
            "chart.appVersionBadge" => {
                if chart.app_version.is_empty() {
                    String::new()
                } else {
                    badge("AppVersion", &chart.app_version, true)
                }
            }
            "chart.badgesSection" => format!(
                "{}{}{}",
                self.named("chart.versionBadge")?,
                self.named("chart.typeBadge")?,
                self.named("chart.appVersionBadge")?
            ),
            "chart.homepageLine" => {
                if chart.home.is_empty() {
                    String::new()
                } else {
                    format!("**Homepage:** <{}>", chart.home)
                }
            }
            "chart.maintainersHeader" => "## Maintainers".to_owned(),
            "chart.maintainersTable" => {
                let mut out = String::from("| Name | Email | Url |\n| ---- | ------ | --- |");
                for maintainer in &chart.maintainers {
                    let link = |value: &str| {
                        if value.is_empty() {
                            String::new()
                        } else {
                            format!("<{value}>")
                        }
                    };
                    out.push_str(&format!(
                        "\n| {} | {} | {} |",
                        maintainer.name,
                        link(&maintainer.email),
                        link(&maintainer.url)
                    ));
                }
                out
            }
            "chart.maintainersSection" => {
                if chart.maintainers.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{}\n\n{}",
                        self.named("chart.maintainersHeader")?,
                        self.named("chart.maintainersTable")?
                    )
                }
            }
            "chart.sourcesHeader" => "## Source Code".to_owned(),
            "chart.sourcesList" => chart
                .sources
                .iter()
                .map(|source| format!("\n* <{source}>"))
                .collect(),
            "chart.sourcesSection" => {
                if chart.sources.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{}\n{}",
                        self.named("chart.sourcesHeader")?,
                        self.named("chart.sourcesList")?
                    )
                }
            }
            "chart.kubeVersionLine" => {
                if chart.kube_version.is_empty() {
                    String::new()
                } else {
                    format!("Kubernetes: `{}`", chart.kube_version)
                }
            }
            "chart.requirementsHeader" => "## Requirements".to_owned(),
            "chart.requirementsTable" => {
                let mut dependencies = chart.dependencies.clone();
                crate::sort::sort_by(&mut dependencies, |left, right| {
                    format!("{}/{}", left.repository, left.name)
                        .cmp(&format!("{}/{}", right.repository, right.name))
                });
                let mut out = String::from(
                    "| Repository | Name | Version |\n|------------|------|---------|",
                );
                for dependency in dependencies {
                    let name = if dependency.alias.is_empty() {
                        dependency.name.clone()
                    } else {
                        format!("{}({})", dependency.alias, dependency.name)
                    };
                    out.push_str(&format!(
                        "\n| {} | {name} | {} |",
                        dependency.repository, dependency.version
                    ));
                }
                out
            }
            "chart.requirementsSection" => {
                if chart.dependencies.is_empty() && chart.kube_version.is_empty() {
                    String::new()
                } else {
                    let mut out = format!("{}\n\n", self.named("chart.requirementsHeader")?);
                    if !chart.kube_version.is_empty() {
                        out.push_str(&format!("{}\n\n", self.named("chart.kubeVersionLine")?));
                    }
                    if !chart.dependencies.is_empty() {
                        out.push_str(&self.named("chart.requirementsTable")?);
                    }
                    out
                }
            }
            "chart.valuesHeader" => "## Values".to_owned(),
            "chart.valuesTable" => values_table(self.rows),
            "chart.valuesSection" => {
                if self.rows.is_empty() {
                    String::new()
                } else {
                    format!("## Values\n\n{}", values_table(self.rows))
                }
            }
            "helm-docs.version" => HELM_DOCS_VERSION.to_owned(),
            "helm-docs.versionFooter" => format!(
                "\n{}\nAutogenerated from chart metadata using [helm-docs v{HELM_DOCS_VERSION}](https://github.com/norwoodj/helm-docs/releases/v{HELM_DOCS_VERSION})",
                "-".repeat(46)
            ),
            _ => return None,
        };
        Some(text)
    }
}

/// One piece of a Go template.
enum Piece<'a> {
    Text(&'a str),
    /// `{{ template "NAME" . }}`; `with_data` is false without the `.`.
    Template {
        name: &'a str,
        with_data: bool,
    },
}

/// Go's trim markers remove only these.
const GO_SPACE: [char; 4] = [' ', '\t', '\r', '\n'];

/// Split a Go template into text and `template` actions, as Go's parser
/// would accept it (`{{/* comments */}}` and `{{-`/`-}}` trimming included).
fn parse_go_template(template: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = template;
    let mut trim_next = false;
    while let Some(open) = rest.find("{{") {
        let mut text = &rest[..open];
        if trim_next {
            text = text.trim_start_matches(GO_SPACE);
        }
        let after_open = &rest[open + 2..];
        let trim_before = after_open.starts_with('-') && after_open[1..].starts_with(GO_SPACE);
        if trim_before {
            text = text.trim_end_matches(GO_SPACE);
        }
        pieces.push(Piece::Text(text));
        let close = after_open
            .find("}}")
            .ok_or_else(|| "an action `{{` is not closed with `}}`".to_owned())?;
        let mut action = &after_open[..close];
        if trim_before {
            action = &action[2..];
        }
        trim_next = action.ends_with('-') && action[..action.len() - 1].ends_with(GO_SPACE);
        if trim_next {
            action = &action[..action.len() - 2];
        }
        rest = &after_open[close + 2..];
        // A comment must touch its delimiters: `{{/* x */}}` or `{{- /* x */ -}}`.
        if action.starts_with("/*") && action.ends_with("*/") {
            continue;
        }
        pieces.push(parse_action(action.trim_matches(GO_SPACE))?);
    }
    pieces.push(Piece::Text(if trim_next {
        rest.trim_start_matches(GO_SPACE)
    } else {
        rest
    }));
    Ok(pieces)
}

fn parse_action(action: &str) -> Result<Piece<'_>, String> {
    let unsupported = || {
        format!(
            "unsupported template action `{{{{ {action} }}}}`; helm-docs templates here use {{{{ template \"chart.NAME\" . }}}}"
        )
    };
    let arguments = action
        .strip_prefix("template")
        .filter(|arguments| arguments.starts_with(GO_SPACE))
        .ok_or_else(unsupported)?
        .trim_matches(GO_SPACE);
    let (name, tail) = arguments
        .strip_prefix('"')
        .and_then(|rest| rest.split_once('"'))
        .ok_or_else(unsupported)?;
    match tail.trim_matches(GO_SPACE) {
        "." => Ok(Piece::Template {
            name,
            with_data: true,
        }),
        "" => Ok(Piece::Template {
            name,
            with_data: false,
        }),
        _ => Err(unsupported()),
    }
}

/// Built-ins that print the same with or without data.
const DATA_FREE: &[&str] = &[
    "chart.valuesHeader",
    "chart.maintainersHeader",
    "chart.sourcesHeader",
    "chart.requirementsHeader",
    "helm-docs.version",
    "helm-docs.versionFooter",
];

/// The result of running a Go template: the text, and the execution error
/// that stopped it early, if any (helm-docs still writes what came before).
pub(crate) struct Expanded {
    pub(crate) text: String,
    pub(crate) stopped: Option<String>,
}

/// Expand a helm-docs (Go template) README template.
///
/// # Errors
/// When Go would not parse the template (helm-docs then skips the chart).
pub(crate) fn expand_go_template(
    template: &str,
    documents: &Documents<'_>,
) -> Result<Expanded, String> {
    let mut text = String::new();
    for piece in parse_go_template(template)? {
        match piece {
            Piece::Text(chunk) => text.push_str(chunk),
            Piece::Template { name, with_data } => {
                let output = if with_data || DATA_FREE.contains(&name) {
                    documents.named(name)
                } else {
                    None
                };
                match output {
                    Some(output) => text.push_str(&output),
                    None if documents.named(name).is_some() => {
                        let stopped =
                            Some(format!("template \"{name}\" needs the data argument `.`"));
                        return Ok(Expanded { text, stopped });
                    }
                    None => {
                        let stopped = Some(format!("no template named \"{name}\""));
                        return Ok(Expanded { text, stopped });
                    }
                }
            }
        }
    }
    Ok(Expanded {
        text,
        stopped: None,
    })
}

/// Render a minijinja README template: `template("chart.NAME")` returns a
/// built-in template's text; `chart` and `values` hold the data.
pub(crate) fn render_jinja(
    name: &str,
    template: &str,
    documents: &Documents<'_>,
) -> Result<String, String> {
    let mut env = Environment::new();
    env.set_keep_trailing_newline(true);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    let named: Vec<(String, String)> = NAMES
        .iter()
        .filter_map(|name| documents.named(name).map(|text| ((*name).to_owned(), text)))
        .collect();
    env.add_function(
        "template",
        move |name: &str| -> Result<String, TemplateError> {
            named
                .iter()
                .find(|(candidate, _)| candidate == name)
                .map(|(_, text)| text.clone())
                .ok_or_else(|| {
                    TemplateError::new(
                        TemplateErrorKind::InvalidOperation,
                        format!("no template named \"{name}\""),
                    )
                })
        },
    );
    let chart = documents.chart;
    let rows: Vec<TemplateValue> = documents
        .rows
        .iter()
        .map(|row| {
            minijinja::context! {
                key => row.key, type => row.value_type, default => row.default,
                description => row.description, section => row.section,
                line => row.position.line, column => row.position.column,
            }
        })
        .collect();
    let context = minijinja::context! {
        chart => minijinja::context! {
            name => chart.name, version => chart.version, appVersion => chart.app_version,
            type => chart.chart_type, description => chart.description, home => chart.home,
            kubeVersion => chart.kube_version, deprecated => chart.deprecated, sources => chart.sources,
        },
        values => rows,
    };
    env.add_template(name, template)
        .map_err(|error| format!("{error:#}"))?;
    env.get_template(name)
        .and_then(|template| template.render(context))
        .map_err(|error| format!("{error:#}"))
}

/// Every built-in template name.
pub(crate) const NAMES: &[&str] = &[
    "chart.name",
    "chart.header",
    "chart.deprecationWarning",
    "chart.version",
    "chart.type",
    "chart.appVersion",
    "chart.homepage",
    "chart.kubeVersion",
    "chart.description",
    "chart.versionBadge",
    "chart.typeBadge",
    "chart.appVersionBadge",
    "chart.badgesSection",
    "chart.homepageLine",
    "chart.maintainersHeader",
    "chart.maintainersTable",
    "chart.maintainersSection",
    "chart.sourcesHeader",
    "chart.sourcesList",
    "chart.sourcesSection",
    "chart.kubeVersionLine",
    "chart.requirementsHeader",
    "chart.requirementsTable",
    "chart.requirementsSection",
    "chart.valuesHeader",
    "chart.valuesTable",
    "chart.valuesSection",
    "helm-docs.version",
    "helm-docs.versionFooter",
];

/// helm-docs' last pass over the whole file: drop one space before each
/// newline, then squeeze three or more newlines into two.
pub(crate) fn post_process(text: &str) -> String {
    let text = text.replace(" \n", "\n");
    let mut out = String::with_capacity(text.len());
    let mut newlines = 0;
    for ch in text.chars() {
        if ch == '\n' {
            newlines += 1;
            if newlines <= 2 {
                out.push(ch);
            }
        } else {
            newlines = 0;
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_pass_removes_one_space_and_squeezes_newlines() {
        assert_eq!(post_process("a  \nb\n\n\n\nc"), "a \nb\n\nc");
    }

    #[test]
    fn go_template_actions_and_trims() {
        let chart = ChartInfo {
            name: "mini".into(),
            version: "0.1.0".into(),
            ..ChartInfo::default()
        };
        let documents = Documents {
            chart: &chart,
            rows: &[],
        };
        let expand = |template: &str| {
            expand_go_template(template, &documents)
                .map(|expanded| (expanded.text, expanded.stopped))
        };
        assert_eq!(
            expand("x {{ template \"chart.name\" . }} y").unwrap(),
            ("x mini y".to_owned(), None)
        );
        assert_eq!(
            expand("x\n  {{- template \"chart.name\" . -}}\n y")
                .unwrap()
                .0,
            "xminiy"
        );
        assert!(expand("{{ .Values.x }}").is_err());
        assert!(
            expand("{{ include \"chart.name\" . }}").is_err(),
            "v1.14.2 has no include"
        );
        assert!(
            expand("{{ /* spaced */ }}").is_err(),
            "a comment must touch its delimiters"
        );
        assert_eq!(expand("a{{/* c */}}b").unwrap().0, "ab");
        let (partial, stopped) = expand("before {{ template \"chart.nope\" . }} after").unwrap();
        assert_eq!(partial, "before ");
        assert!(stopped.unwrap().contains("chart.nope"));
        assert!(
            expand("{{ template \"chart.header\" }}")
                .unwrap()
                .1
                .is_some()
        );
        assert_eq!(
            expand("{{ template \"helm-docs.version\" }}").unwrap().0,
            "1.14.2"
        );
        assert_eq!(
            documents.named("chart.versionBadge").unwrap(),
            "![Version: 0.1.0](https://img.shields.io/badge/Version-0.1.0-informational?style=flat-square) "
        );
    }
}
