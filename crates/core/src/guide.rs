//! The ingress guide: a Markdown template with the prose, filled with
//! examples that are validated, rendered and drawn at build time, so the
//! guide cannot drift from what the chart renders. Pure: the CLI reads the
//! template and examples and writes what [`render`] returns.

use std::collections::BTreeMap;

use minijinja::{Environment, context};

use crate::analysis::{DiagramFormat, Input, analyze};
use crate::chart::Chart;
use crate::controllers::Controller;
use crate::diagnostic::Severity;
use crate::migrate::migrate;
use crate::traffic::{Mode, capabilities};
use crate::values::{Map, Value};

/// One example values file.
#[derive(Clone, Debug)]
pub struct Example {
    /// File stem (`passthrough`).
    pub name: String,
    /// Path shown in the guide (`docs/examples/passthrough.yaml`).
    pub path: String,
    /// The values text.
    pub text: String,
}

/// A file the guide produces, relative to the guide's directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuideFile {
    /// Relative path (`ingress.md`, `diagrams/passthrough.svg`).
    pub path: String,
    /// Content.
    pub text: String,
}

/// The chart reference used in install commands.
const CHART_REFERENCE: &str = "oci://ghcr.io/nvidia/openshell/helm-chart";

/// Render the guide: `guide_name` (the Markdown file name) from `template`,
/// plus one SVG per example and the compare diagram.
///
/// # Errors
/// When an example has errors (the guide must only show working values), a
/// legacy example cannot be migrated, or the template fails.
pub fn render(
    guide_name: &str,
    template: &str,
    examples: &[Example],
) -> Result<Vec<GuideFile>, String> {
    let chart = Chart::embedded();
    let mut files = Vec::new();
    let mut blocks = BTreeMap::new();
    let mut problems = Vec::new();
    for example in examples {
        let is_legacy =
            crate::values::parse_document(&example.text, crate::span::SourceId(0), &mut Vec::new())
                .and_then(|root| root.as_map().map(|map| map.contains_key("grpcRoute")))
                .unwrap_or(false);
        let block = if is_legacy {
            migration_block(example, &chart, &mut files)
        } else {
            example_block(example, &example.text, &mut files)
        };
        match block {
            Ok(block) => {
                blocks.insert(example.name.clone(), block);
            }
            Err(problem) => problems.push(format!("{}: {problem}", example.path)),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let compare_source = examples
        .iter()
        .find(|example| example.name == "passthrough")
        .map_or("", |example| example.text.as_str());
    let compare = analyze(&Input::with_values("values.yaml", compare_source));
    files.push(GuideFile {
        path: "diagrams/compare.svg".to_owned(),
        text: compare.diagram(DiagramFormat::Svg, true),
    });

    let mut env = Environment::new();
    env.set_keep_trailing_newline(true);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.add_template(guide_name, template)
        .map_err(|error| format!("{error:#}"))?;
    let ctx = context! {
        examples => blocks,
        capabilities => capability_table(),
        controllers => controller_table(),
        compare_diagram => "diagrams/compare.svg",
        compare_mermaid => compare.diagram(DiagramFormat::Mermaid, true),
    };
    let text = env
        .get_template(guide_name)
        .and_then(|template| template.render(ctx))
        .map_err(|error| format!("{error:#}"))?;
    files.insert(
        0,
        GuideFile {
            path: guide_name.to_owned(),
            text,
        },
    );
    Ok(files)
}

fn fenced(language: &str, text: &str) -> String {
    let body = text.trim_end_matches('\n');
    format!("```{language}\n{body}\n```")
}

/// Values, install command, manifests, what ingresslab says, and the traffic diagram.
fn example_block(
    example: &Example,
    values_text: &str,
    files: &mut Vec<GuideFile>,
) -> Result<String, String> {
    let analysis = analyze(&Input::with_values(
        &format!("{}.yaml", example.name),
        values_text,
    ));
    let errors: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| {
            format!(
                "{} {}: {}",
                diagnostic.code, diagnostic.path, diagnostic.message
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(format!(
            "the example does not validate: {}",
            errors.join("; ")
        ));
    }
    let manifests = analysis.manifest_stream().unwrap_or_default();
    let notes: Vec<String> = analysis
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let kind = match diagnostic.severity {
                Severity::Warning => "Warning",
                _ => "Note",
            };
            let help = diagnostic
                .help
                .as_ref()
                .map_or_else(String::new, |help| format!(" ({help})"));
            format!(
                "> **{kind} {}** `{}`: {}{help}",
                diagnostic.code, diagnostic.path, diagnostic.message
            )
        })
        .collect();
    let svg_path = format!("diagrams/{}.svg", example.name);
    if !analysis.traffic.paths.is_empty() {
        files.push(GuideFile {
            path: svg_path.clone(),
            text: analysis.diagram(DiagramFormat::Svg, false),
        });
    }
    let mut block = String::new();
    block.push_str(&format!(
        "Values (`{}`):\n\n{}\n\n",
        example.path,
        fenced("yaml", values_text)
    ));
    block.push_str(&format!(
        "The same values as an install command:\n\n{}\n\n",
        fenced("shell", &install_command(values_text))
    ));
    if manifests.is_empty() {
        block.push_str("These values render no Gateway API resources.\n\n");
    } else {
        block.push_str(&format!(
            "What the chart renders:\n\n{}\n\n",
            fenced("yaml", &manifests)
        ));
    }
    if notes.is_empty() {
        block.push_str("`ingresslab validate` finds nothing to report.\n\n");
    } else {
        block.push_str(&format!(
            "What `ingresslab validate` reports:\n\n{}\n\n",
            notes.join("\n>\n")
        ));
    }
    if !analysis.traffic.paths.is_empty() {
        block.push_str(&format!(
            "The traffic path:\n\n![Traffic for {}]({svg_path})\n\n{}\n",
            example.name,
            fenced("mermaid", &analysis.diagram(DiagramFormat::Mermaid, false))
        ));
    }
    Ok(block.trim_end().to_owned())
}

/// Old values, the migrate command, the new values (then shown as an example).
fn migration_block(
    example: &Example,
    chart: &Chart,
    files: &mut Vec<GuideFile>,
) -> Result<String, String> {
    let migration = migrate(&example.text, chart)
        .map_err(|_| "the legacy example is not valid YAML".to_owned())?;
    if let Some(key) = migration.inexpressible.first() {
        return Err(format!(
            "the legacy example cannot be migrated: {}: {}",
            key.key, key.reason
        ));
    }
    let moved: Vec<String> = migration
        .moved
        .iter()
        .map(|(from, to)| format!("- `{from}` moved to `{to}`"))
        .collect();
    let notes: Vec<String> = migration
        .notes
        .iter()
        .map(|note| format!("- {note}"))
        .collect();
    let mut block = format!(
        "Old values (`{}`), which the chart now refuses:\n\n{}\n\n",
        example.path,
        fenced("yaml", &example.text)
    );
    block.push_str(&format!(
        "Rewrite them, keeping every other key and the comments:\n\n{}\n\n",
        fenced(
            "shell",
            &format!(
                "ingresslab migrate -f {}.yaml --from-chart OLD_CHART_DIR -o values.yaml",
                example.name
            )
        )
    ));
    block.push_str(&format!("What moved:\n\n{}\n\n", moved.join("\n")));
    if !notes.is_empty() {
        block.push_str(&format!("Worth knowing:\n\n{}\n\n", notes.join("\n")));
    }
    block.push_str(
        "With `--from-chart`, `migrate` proves its result before writing it: it renders the old values with the old chart and the new values with the new one (`--chart`, ingresslab's chart by default) and compares their Gateway API resources, Gateway API defaults counting as equal to their absence. When they differ it writes nothing, exits 1 and names each old key whose behaviour the new chart cannot express.\n\n",
    );
    let migrated = Example {
        name: format!("{}-migrated", example.name),
        path: "values.yaml".to_owned(),
        text: migration.text.clone(),
    };
    block.push_str(&example_block(&migrated, &migration.text, files)?);
    Ok(block)
}

/// The capability matrix as a Markdown table.
fn capability_table() -> String {
    let mut table = String::from("| Capability |");
    for mode in Mode::ALL {
        table.push_str(&format!(" {} |", mode.name()));
    }
    table.push_str("\n|---|");
    for _ in Mode::ALL {
        table.push_str("---|");
    }
    for capability in capabilities(Some(Controller::EnvoyGateway)) {
        table.push_str(&format!("\n| {} |", capability.name));
        for mode in Mode::ALL {
            let (support, note) = capability.of(mode);
            let cell = if note.is_empty() {
                support.label().to_owned()
            } else {
                format!("{} ({note})", support.label())
            };
            table.push_str(&format!(" {cell} |"));
        }
    }
    table
}

/// What each controller does with the chart's resources, as a Markdown
/// table, then each controller's notes with their evidence.
fn controller_table() -> String {
    let mut table = String::from("| Capability |");
    for controller in Controller::ALL {
        let profile = controller.profile();
        table.push_str(&format!(" {} {} |", profile.name, profile.checked_release));
    }
    table.push_str("\n|---|");
    for _ in Controller::ALL {
        table.push_str("---|");
    }
    let rows = Controller::EnvoyGateway.capabilities();
    for (index, row) in rows.iter().enumerate() {
        table.push_str(&format!("\n| {} |", row.capability));
        for controller in Controller::ALL {
            let works = controller.capabilities()[index].works;
            table.push_str(if works { " ✓ yes |" } else { " ✕ no |" });
        }
    }
    for controller in Controller::ALL {
        table.push_str(&format!(
            "\n\n**{}** (GatewayClass `{}`, `--controller {}`):\n",
            controller.name(),
            controller.profile().class_name,
            controller.id()
        ));
        for row in controller.capabilities() {
            let links: Vec<String> = row
                .evidence
                .iter()
                .enumerate()
                .map(|(at, link)| format!("[{}]({link})", at + 1))
                .collect();
            let evidence = if links.is_empty() {
                String::new()
            } else {
                format!(" ({})", links.join(", "))
            };
            table.push_str(&format!("\n- {}: {}{evidence}.", row.capability, row.note));
        }
    }
    table
}

/// `helm upgrade --install` with `--set`/`--set-string`/`--set-json` flags that
/// reproduce `values_text` exactly; a test parses the flags back to prove it.
#[must_use]
pub fn install_command(values_text: &str) -> String {
    let mut flags = Vec::new();
    if let Some(Value::Map(map)) =
        crate::values::parse_document(values_text, crate::span::SourceId(0), &mut Vec::new())
            .map(|node| node.value)
    {
        set_flags(&map, "", &mut flags);
    }
    let mut lines = vec![
        format!("helm upgrade --install openshell {CHART_REFERENCE} \\"),
        "  --namespace openshell --create-namespace".to_owned(),
    ];
    for flag in flags {
        let last = lines.len() - 1;
        lines[last].push_str(" \\");
        lines.push(format!("  {flag}"));
    }
    lines.join("\n")
}

fn escape_key(key: &str) -> String {
    key.replace('.', "\\.")
        .replace(',', "\\,")
        .replace('=', "\\=")
        .replace('[', "\\[")
}

fn shell_quote(argument: &str) -> String {
    // Brackets and braces are shell patterns, so they are quoted too.
    if argument
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || "-_./=:,@+".contains(ch))
    {
        argument.to_owned()
    } else {
        format!("'{}'", argument.replace('\'', "'\\''"))
    }
}

fn set_flags(map: &Map, prefix: &str, flags: &mut Vec<String>) {
    for (key, entry) in map.iter() {
        let path = if prefix.is_empty() {
            escape_key(key)
        } else {
            format!("{prefix}.{}", escape_key(key))
        };
        value_flags(&entry.node.value, &path, flags);
    }
}

fn value_flags(value: &Value, path: &str, flags: &mut Vec<String>) {
    match value {
        Value::Map(nested) if !nested.is_empty() => set_flags(nested, path, flags),
        Value::Map(_) => flags.push(format!(
            "--set-json {}",
            shell_quote(&format!("{path}={{}}"))
        )),
        Value::List(items) if items.is_empty() => {
            flags.push(format!("--set-json {}", shell_quote(&format!("{path}=[]"))))
        }
        Value::List(items) => {
            for (index, item) in items.iter().enumerate() {
                value_flags(&item.value, &format!("{path}[{index}]"), flags);
            }
        }
        Value::String(text) => {
            let escaped = text.replace('\\', "\\\\").replace(',', "\\,");
            // --set would type `true`, `10` or `null`; keep strings strings.
            let typed_by_set =
                matches!(
                    text.to_ascii_lowercase().as_str(),
                    "true" | "false" | "null"
                ) || (!text.is_empty() && !text.starts_with('0') && text.parse::<i64>().is_ok())
                    || text == "0";
            let flag = if typed_by_set || text.is_empty() {
                "--set-string"
            } else {
                "--set"
            };
            flags.push(format!(
                "{flag} {}",
                shell_quote(&format!("{path}={escaped}"))
            ));
        }
        Value::Null => flags.push(format!("--set {}", shell_quote(&format!("{path}=null")))),
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
            flags.push(format!(
                "--set {}",
                shell_quote(&format!("{path}={}", crate::gotmpl::print(value)))
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::test_support::to_json;
    use crate::values::{Node, apply_set, parse_document};

    /// Undo `shell_quote` for one argument.
    fn unquote(argument: &str) -> String {
        argument
            .strip_prefix('\'')
            .and_then(|rest| rest.strip_suffix('\''))
            .map_or_else(|| argument.to_owned(), |inner| inner.replace("'\\''", "'"))
    }

    /// Set a dotted path, creating maps on the way (what `--set-json` does here).
    fn insert_path(map: &mut Map, path: &str, value: Value) {
        let origin = crate::span::Origin {
            source: crate::span::SourceId(0),
            span: crate::span::Span::default(),
        };
        let (first, rest) = path
            .split_once('.')
            .map_or((path, None), |(first, rest)| (first, Some(rest)));
        match rest {
            None => map.insert(first.to_owned(), origin, Node::new(value, origin)),
            Some(rest) => {
                if !matches!(map.get(first).map(|node| &node.value), Some(Value::Map(_))) {
                    map.insert(
                        first.to_owned(),
                        origin,
                        Node::new(Value::Map(Map::new()), origin),
                    );
                }
                if let Some(Node {
                    value: Value::Map(nested),
                    ..
                }) = map.get_mut(first)
                {
                    insert_path(nested, rest, value);
                }
            }
        }
    }

    /// Apply the command's flags the way Helm does and compare with the file.
    fn round_trip(values: &str) {
        let command = install_command(values);
        let mut applied = Map::new();
        let arguments: Vec<&str> = command.split(" \\\n  ").skip(2).collect();
        for argument in arguments {
            let (flag, rest) = argument.split_once(' ').unwrap();
            let text = unquote(rest);
            match flag {
                "--set" | "--set-string" => {
                    apply_set(
                        &text,
                        crate::span::SourceId(0),
                        flag == "--set-string",
                        &mut applied,
                    )
                    .unwrap();
                }
                "--set-json" => {
                    // The command only uses --set-json for empty lists and maps.
                    let (path, json) = text.split_once('=').unwrap();
                    let empty = if json == "[]" {
                        Value::List(Vec::new())
                    } else {
                        Value::Map(Map::new())
                    };
                    insert_path(&mut applied, path, empty);
                }
                other => panic!("unexpected flag {other}"),
            }
        }
        let expected = parse_document(values, crate::span::SourceId(0), &mut Vec::new()).unwrap();
        assert_eq!(
            to_json(&Value::Map(applied)),
            to_json(&expected.value),
            "{command}"
        );
    }

    #[test]
    fn install_commands_reproduce_the_values() {
        round_trip(
            "gatewayApi:\n  gateway:\n    create: true\n    className: eg\n  routes:\n    tls:\n      enabled: true\n      hostnames: [a.example.com, b.example.com]\n",
        );
        round_trip(
            "server:\n  tls:\n    clientCaSecretName: \"\"\n  disableTls: false\ngatewayApi:\n  gateway:\n    https:\n      certificateRefs:\n        - name: edge\n  routes:\n    grpc:\n      hostnames: []\nservice:\n  port: 8080\n  note: \"10\"\n",
        );
    }
}
