//! `ingresslab docs` on the real chart: its README.md byte for byte, and the
//! write/check/dry-run contract (nothing written with --check or --dry-run).

use std::fs;

use ingresslab_cli::{ExitStatus, run_captured};
use ingresslab_tests::shared_dir;

#[test]
fn the_real_chart_readme_is_reproduced_byte_for_byte() {
    let chart = shared_dir().join("anchors/openshell-chart");
    let run = run_captured(["docs", "--chart", chart.to_str().unwrap(), "--dry-run"]);
    assert_eq!(run.status, ExitStatus::Clean, "{}", run.stderr);
    let expected = fs::read_to_string(chart.join("README.md")).unwrap();
    assert!(
        run.stdout == expected,
        "the README differs from helm-docs' output"
    );
}

fn scratch_chart(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ingresslab-docs-{name}-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("Chart.yaml"),
        "apiVersion: v2\nname: scratch\nversion: 0.1.0\n",
    )
    .unwrap();
    fs::write(dir.join("values.yaml"), "# -- Replicas\nreplicas: 1\n").unwrap();
    dir
}

#[test]
fn check_writes_nothing_and_reports_a_diff() {
    let dir = scratch_chart("check");
    let readme = dir.join("README.md");
    fs::write(&readme, "stale\n").unwrap();
    let run = run_captured(["docs", "--chart", dir.to_str().unwrap(), "--check"]);
    assert_eq!(run.status, ExitStatus::Refused);
    assert!(
        run.stderr.contains("-stale")
            && run.stderr.contains("+| replicas | int | `1` | Replicas |"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(&readme).unwrap(),
        "stale\n",
        "--check must not write"
    );

    let write = run_captured(["docs", "--chart", dir.to_str().unwrap()]);
    assert_eq!(write.status, ExitStatus::Clean, "{}", write.stderr);
    assert!(
        fs::read_to_string(&readme)
            .unwrap()
            .contains("| replicas | int | `1` | Replicas |")
    );
    let check = run_captured(["docs", "--chart", dir.to_str().unwrap(), "--check"]);
    assert_eq!(check.status, ExitStatus::Clean, "{}", check.stderr);
}

#[test]
fn file_order_and_output_path() {
    let dir = scratch_chart("order");
    fs::write(dir.join("values.yaml"), "# -- Z\nz: 1\n# -- A\na: 2\n").unwrap();
    let out = dir.join("VALUES.md");
    let run = run_captured([
        "docs",
        "--chart",
        dir.to_str().unwrap(),
        "--sort-values-order",
        "file",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status, ExitStatus::Clean, "{}", run.stderr);
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.find("| z |").unwrap() < text.find("| a |").unwrap());
}

#[test]
fn charts_helm_docs_skips_write_nothing_and_exit_0() {
    let dir = scratch_chart("skip");
    fs::write(dir.join("values.yaml"), "limit: .inf\n").unwrap();
    let readme = dir.join("README.md");
    let _ = fs::remove_file(&readme);
    let run = run_captured(["docs", "--chart", dir.to_str().unwrap()]);
    assert_eq!(run.status, ExitStatus::Clean, "{}", run.stderr);
    assert!(run.stderr.contains("skips this chart"), "{}", run.stderr);
    assert!(!readme.exists(), "nothing is written for a skipped chart");
}

#[test]
fn a_template_that_stops_early_writes_what_came_before() {
    let dir = scratch_chart("partial");
    fs::write(
        dir.join("README.md.gotmpl"),
        "# {{ template \"chart.name\" . }}\n{{ template \"chart.nope\" . }}\nafter\n",
    )
    .unwrap();
    let run = run_captured(["docs", "--chart", dir.to_str().unwrap(), "--dry-run"]);
    assert_eq!(run.status, ExitStatus::Clean, "{}", run.stderr);
    assert_eq!(run.stdout, "# scratch\n");
    assert!(run.stderr.contains("chart.nope"));
}
