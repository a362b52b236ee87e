//! `ingresslab check-docs` on pages written for these tests
//! (`tests/fixtures/docs/`): which examples are found, checked or skipped,
//! and every finding at its exact line and column.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs")
}

fn released_chart() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/anchors/charts/openshell-released")
}

fn check_docs(extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ingresslab"))
        .arg("check-docs")
        .arg("--chart")
        .arg(released_chart())
        .args(extra)
        .arg(fixtures())
        .output()
        .expect("the binary runs")
}

/// Each example as `number kind line:column status`, then its findings as
/// `file line:column code` and its placeholders as `text line:column`.
fn outline(report: &serde_json::Value) -> Vec<String> {
    let mut lines = Vec::new();
    for page in report["pages"].as_array().unwrap() {
        let file = page["file"].as_str().unwrap().rsplit('/').next().unwrap();
        if let Some(prerequisite) = page["prerequisite"].as_object() {
            lines.push(format!(
                "{file} prerequisite at {}:{} {}",
                prerequisite["position"]["line"],
                prerequisite["position"]["column"],
                prerequisite["api_versions"]
            ));
        }
        for example in page["examples"].as_array().unwrap() {
            lines.push(format!(
                "{file} #{} {} {}:{} {}",
                example["number"],
                example["kind"].as_str().unwrap(),
                example["line"],
                example["column"],
                example["status"].as_str().unwrap()
            ));
            for finding in example["findings"].as_array().unwrap() {
                lines.push(format!(
                    "  {} {}:{} {}",
                    finding["file"]
                        .as_str()
                        .unwrap()
                        .rsplit('/')
                        .next()
                        .unwrap(),
                    finding["line"],
                    finding["column"],
                    finding["code"].as_str().unwrap()
                ));
            }
            for placeholder in example["placeholders"].as_array().unwrap() {
                lines.push(format!(
                    "  placeholder {} at {}:{} as {}",
                    placeholder["text"].as_str().unwrap(),
                    placeholder["line"],
                    placeholder["column"],
                    placeholder["stand_in"].as_str().unwrap()
                ));
            }
            for missing in example["missing_files"].as_array().unwrap() {
                lines.push(format!("  missing {}", missing.as_str().unwrap()));
            }
        }
    }
    lines
}

#[test]
fn every_example_is_found_and_each_finding_is_on_its_line() {
    let out = check_docs(&["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = [
        r#"guide.mdx prerequisite at 12:5 ["agents.x-k8s.io/v1beta1","agents.x-k8s.io/v1alpha1"]"#,
        // Indented inside <Steps>, continued, quoted, with --set-json and $VARIABLES.
        "guide.mdx #1 helm upgrade 12:5 warnings",
        "  guide.mdx 14:29 XF005",
        "  guide.mdx 14:29 XF024",
        "  placeholder $NAMESPACE at 13:20 as namespace",
        "  placeholder $GATEWAY_CLASS at 14:69 as gateway-class",
        // A block titled values.yaml: the quoted "false" is true to Helm, and the chart fails on it.
        "guide.mdx #2 values block 22:1 failing",
        "  guide.mdx 22:1 CH007",
        // The manifest block is not chart values: not an example.
        "guide.mdx #3 helm install 39:1 skipped",
        r#"install.md prerequisite at 12:3 ["agents.x-k8s.io/v1beta1","agents.x-k8s.io/v1alpha1"]"#,
        "install.md #1 helm install 6:1 skipped",
        "install.md #2 helm upgrade 12:3 passing",
        "  install.md 16:29 XF024",
        "  placeholder <version> at 14:15 as 0.0.0",
        "  placeholder <external-hostname> at 18:35 as external-hostname.example.com",
        "install.md #3 helm install 25:1 failing",
        "  install.md 25:82 CH007",
        // A values file beside the page is checked in place; one that is not is a placeholder.
        "install.md #4 helm template 32:1 failing",
        "  edge.yaml 2:12 XF005",
        "  edge.yaml 2:12 XF024",
        "  edge.yaml 5:3 VA001",
        "  missing my-own.yaml",
    ];
    assert_eq!(outline(&report), expected);
    assert_eq!(
        report["summary"],
        serde_json::json!({ "found": 7, "checked": 5, "skipped": 2, "failing": 3 })
    );
}

#[test]
fn a_finding_names_every_place_it_concerns() {
    let out = check_docs(&["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // guide.mdx's plaintext route: at the --set-json flag, and at the flag
    // that keeps server.disableTls false.
    let finding = &report["pages"][0]["examples"][0]["findings"][0];
    assert_eq!(finding["code"], "XF005");
    let related = &finding["related"][0];
    assert!(
        related["file"].as_str().unwrap().ends_with("guide.mdx"),
        "{related}"
    );
    assert_eq!(
        (
            related["line"].as_u64(),
            related["column"].as_u64(),
            related["path"].as_str()
        ),
        (Some(15), Some(31), Some("server.disableTls"))
    );
    // install.md's values file leaves it to the chart: its values.yaml is named.
    let finding = &report["pages"][1]["examples"][3]["findings"][0];
    assert_eq!(finding["code"], "XF005");
    let related = &finding["related"][0];
    assert!(
        related["file"]
            .as_str()
            .unwrap()
            .ends_with("openshell-released/values.yaml"),
        "{related}"
    );
    assert_eq!(
        (related["line"].as_u64(), related["path"].as_str()),
        (Some(272), Some("server.disableTls"))
    );
}

#[test]
fn a_cluster_serving_the_prerequisite_has_none_to_report() {
    let out = check_docs(&["--format", "json", "-a", "agents.x-k8s.io/v1alpha1"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for page in report["pages"].as_array().unwrap() {
        assert!(page["prerequisite"].is_null(), "{page}");
    }
}

#[test]
fn text_and_github_formats_name_the_page_line_and_column() {
    let out = check_docs(&[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("install.md:25:82: error[CH007] example 3: grpcRoute.gateway.listener.tls.certificateRefs is required"),
        "{text}"
    );
    assert!(
        text.ends_with("7 examples found: 5 checked, 2 skipped, 3 failing\n"),
        "{text}"
    );
    let out = check_docs(&["--format", "github"]);
    let github = String::from_utf8_lossy(&out.stdout);
    assert!(
        github.lines().any(|line| line.starts_with("::error file=")
            && line.contains("install.md,line=25,col=82,title=CH007 chart-refused (example 3)::")),
        "{github}"
    );
}

#[test]
fn strict_fails_on_warnings_and_other_charts_never_fail() {
    let page =
        std::env::temp_dir().join(format!("ingresslab-check-docs-{}.md", std::process::id()));
    std::fs::write(
        &page,
        "```shell\nhelm install cm oci://quay.io/jetstack/charts/cert-manager --set crds.enabled=true\n```\n\n```shell\nhelm template openshell oci://ghcr.io/nvidia/openshell/helm-chart --set grpcRoute.enabled=true --set agentSandbox.preflight.enabled=false\n```\n",
    )
    .unwrap();
    let run = |strict: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ingresslab"));
        command
            .arg("check-docs")
            .arg("--chart")
            .arg(released_chart())
            .arg(&page);
        if strict {
            command.arg("--strict");
        }
        command.output().unwrap()
    };
    let relaxed = run(false);
    assert_eq!(
        relaxed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&relaxed.stdout)
    );
    assert!(
        String::from_utf8_lossy(&relaxed.stdout)
            .contains("2 examples found: 1 checked, 1 skipped, 0 failing")
    );
    assert_eq!(run(true).status.code(), Some(1));
    let _ = std::fs::remove_file(page);
}

#[test]
fn bare_fences_and_files_named_from_the_repository_root_are_checked() {
    let page = std::env::temp_dir().join(format!(
        "ingresslab-check-docs-root-{}.md",
        std::process::id()
    ));
    // Run from crates/cli, as a docs CI runs from its repository's root.
    std::fs::write(
        &page,
        "```\nhelm template openshell ./deploy/helm/openshell \\\n  -f nowhere.yaml -f tests/fixtures/docs/values/edge.yaml --set agentSandbox.preflight.enabled=false\n```\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ingresslab"))
        .arg("check-docs")
        .arg("--chart")
        .arg(released_chart())
        .arg(&page)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("tests/fixtures/docs/values/edge.yaml:5:3: error[VA001] example 1"),
        "{report}"
    );
    assert!(
        report.ends_with("1 example found: 1 checked, 0 skipped, 1 failing\n"),
        "{report}"
    );
    let _ = std::fs::remove_file(page);
}
