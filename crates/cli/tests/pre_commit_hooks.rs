//! `.pre-commit-hooks.yaml` works with real pre-commit (`pre-commit try-repo`,
//! as a new user tries a hook repository): `ingresslab-docs` rewrites a stale
//! README and passes once it is current; `ingresslab-validate` fails on
//! refused values and names the problem; `ingresslab-check-docs` fails on a
//! page whose example the chart refuses, at the line of the flag.
//!
//! Needs pre-commit: `INGRESSLAB_PRE_COMMIT` names it (`cargo xtask test`
//! installs it from PyPI and sets it); without it the test says so and passes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;
use support::{path_with_ingresslab, repo_root};

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A command in `dir` with `ingresslab` first on PATH and git able to commit.
fn command(program: &Path, dir: &Path, home: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(dir)
        .env("PATH", path_with_ingresslab())
        .env("PRE_COMMIT_HOME", home.join("pre-commit-cache"))
        .env("GIT_AUTHOR_NAME", "ingresslab test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "ingresslab test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid");
    command
}

#[test]
fn the_hooks_run_under_pre_commit() {
    let Some(pre_commit) = std::env::var_os("INGRESSLAB_PRE_COMMIT").map(PathBuf::from) else {
        eprintln!("skipped: set INGRESSLAB_PRE_COMMIT to pre-commit (cargo xtask test does)");
        return;
    };
    let home = std::env::temp_dir().join(format!("ingresslab-pre-commit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    let chart = home.join("chart");
    std::fs::create_dir_all(&chart).unwrap();
    // A user's chart repository: the embedded chart's metadata and values, a stale README.
    let source = repo_root().join("crates/core/chart");
    for file in ["Chart.yaml", "values.yaml"] {
        std::fs::copy(source.join(file), chart.join(file)).unwrap();
    }
    std::fs::write(chart.join("README.md"), "stale\n").unwrap();
    std::fs::write(
        chart.join("values-prod.yaml"),
        "grpcRoute:\n  enabled: true\n",
    )
    .unwrap();
    std::fs::write(
        chart.join("install.mdx"),
        "```shell\nhelm upgrade --install openshell oci://ghcr.io/nvidia/openshell/helm-chart \\\n  --set grpcRoute.enabled=true\n```\n",
    )
    .unwrap();
    let git = |args: &[&str]| {
        let out = command(Path::new("git"), &chart, &home)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", text(&out));
    };
    git(&["init", "--quiet"]);
    git(&["add", "."]);
    git(&["commit", "--quiet", "-m", "chart"]);
    let hooks = repo_root();
    let try_hook = |hook: &str| {
        command(&pre_commit, &chart, &home)
            .args(["try-repo", hooks.to_str().unwrap(), hook, "--all-files"])
            .output()
            .expect("pre-commit runs")
    };

    let first = try_hook("ingresslab-docs");
    assert_eq!(first.status.code(), Some(1), "{}", text(&first));
    assert!(
        text(&first).contains("files were modified by this hook"),
        "{}",
        text(&first)
    );
    let readme = std::fs::read_to_string(chart.join("README.md")).unwrap();
    assert!(
        readme.contains("| gatewayApi.gateway.create | bool | `false` |"),
        "{readme}"
    );
    let second = try_hook("ingresslab-docs");
    assert_eq!(second.status.code(), Some(0), "{}", text(&second));

    let validate = try_hook("ingresslab-validate");
    assert_eq!(validate.status.code(), Some(1), "{}", text(&validate));
    assert!(text(&validate).contains("CH001"), "{}", text(&validate));

    // The page's example enables the legacy tree, which the embedded chart refuses.
    let check_docs = try_hook("ingresslab-check-docs");
    assert_eq!(check_docs.status.code(), Some(1), "{}", text(&check_docs));
    assert!(
        text(&check_docs).contains("install.mdx:3:9: error[CH001] example 1"),
        "{}",
        text(&check_docs)
    );

    let _ = std::fs::remove_dir_all(&home);
}
