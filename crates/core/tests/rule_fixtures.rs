//! One fixture per rule: a values file whose `# expect:` header lines list
//! every diagnostic it must produce, exactly (code, severity, key path,
//! line:column, or `-` when the diagnostic has no position in the file),
//! then `also PATH line:column` for each other place it marks.
//!
//! Optional header lines: `# set: K=V` (a `--set` flag), `# release: NAME NAMESPACE`,
//! `# chart: DIR` (a chart directory, relative to the repository, rendered by its own templates),
//! `# controller: NAME` (as `--controller` names it).

use std::fs;

#[path = "support/chart_dir.rs"]
mod chart_dir;
use std::path::Path;

use ingresslab_core::controllers::Controller;
use ingresslab_core::helm::{ChartFile, ChartSource};
use ingresslab_core::{Chart, Input, Release, SetFlag, SetKind, SourceKind, ValuesFile, analyze};

const FILE_NAME: &str = "values.yaml";

fn actual(text: &str) -> Vec<String> {
    let mut set_flags = Vec::new();
    let mut release = Release::default();
    let mut chart_files = None;
    let mut controller = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("# controller: ") {
            controller = Some(Controller::parse(name).expect("a known controller"));
        }
        if let Some(dir) = line.strip_prefix("# chart: ") {
            chart_files = Some(chart_dir::read_chart(
                &Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../..")
                    .join(dir.trim()),
            ));
        }
        if let Some(flag) = line.strip_prefix("# set: ") {
            set_flags.push(SetFlag {
                kind: SetKind::Set,
                text: flag.trim().to_owned(),
            });
        } else if let Some(rest) = line.strip_prefix("# release: ") {
            let mut parts = rest.split_whitespace();
            release = Release {
                name: parts.next().unwrap().to_owned(),
                namespace: parts.next().unwrap().to_owned(),
            };
        }
    }
    let chart = match &chart_files {
        Some(ChartSource::Directory {
            chart_yaml: Ok(chart_yaml),
            files,
        }) => {
            let values = files
                .iter()
                .find(|file| file.name == "values.yaml")
                .map(ChartFile::text)
                .unwrap_or_default();
            Chart::from_texts(chart_yaml, "values.yaml", &values).unwrap()
        }
        _ => Chart::embedded(),
    };
    let analysis = analyze(&Input {
        chart,
        value_files: vec![ValuesFile {
            name: FILE_NAME.to_owned(),
            text: text.to_owned(),
        }],
        set_flags,
        release,
        chart_files,
        controller,
        cluster: Default::default(),
    });
    let mut found: Vec<String> = analysis
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let position = diagnostic
                .origin
                .filter(|origin| analysis.sources.get(origin.source).kind == SourceKind::ValuesFile)
                .map_or_else(
                    || "-".to_owned(),
                    |origin| {
                        let at = analysis.sources.start_of(origin);
                        format!("{}:{}", at.line, at.column)
                    },
                );
            let path = if diagnostic.path.is_empty() {
                "-"
            } else {
                &diagnostic.path
            };
            let mut line = format!(
                "{} {} {path} {position}",
                diagnostic.code,
                diagnostic.severity.as_str()
            );
            for related in &diagnostic.related {
                let place =
                    if analysis.sources.get(related.origin.source).kind == SourceKind::ValuesFile {
                        let at = analysis.sources.start_of(related.origin);
                        format!("{}:{}", at.line, at.column)
                    } else {
                        "-".to_owned()
                    };
                line.push_str(&format!(" also {} {place}", related.path));
            }
            line
        })
        .collect();
    found.sort();
    found
}

fn expected(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text
        .lines()
        .filter_map(|line| line.strip_prefix("# expect: "))
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    lines.sort();
    lines
}

#[test]
fn every_rule_fixture_produces_exactly_its_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let text = fs::read_to_string(path).unwrap();
        let (want, got) = (expected(&text), actual(&text));
        if want != got {
            failures.push(format!(
                "{}\n  expected:\n    {}\n  actual:\n    {}",
                path.file_name().unwrap().to_string_lossy(),
                want.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(paths.len() >= 20, "fixtures are missing");
}

#[test]
fn every_code_has_a_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let all: String = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    for code in ingresslab_core::Code::ALL {
        let needle = format!("# expect: {code} ");
        let exempt = matches!(code.as_str(), "IN999");
        assert!(
            exempt || all.contains(&needle),
            "no fixture expects {code} ({})",
            code.name()
        );
    }
}
