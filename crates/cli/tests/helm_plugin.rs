//! `plugin.yaml` at the repository root makes ingresslab a Helm 4 plugin:
//! installed with real Helm into a temporary plugins directory, `helm
//! ingresslab ...` runs this binary, Helm's `-n` reaches it, its exit status
//! comes back, and `helm ingresslab template` prints what `helm template` does.
//!
//! Needs real Helm: `INGRESSLAB_HELM` names it (`cargo xtask test` sets it);
//! without it the test says so and passes.

use std::path::PathBuf;
use std::process::{Command, Output};

mod support;
use support::{path_with_ingresslab, repo_root};

struct PluginHome {
    helm: PathBuf,
    home: PathBuf,
}

impl PluginHome {
    fn helm(&self, args: &[&str]) -> Output {
        Command::new(&self.helm)
            .args(args)
            .current_dir(repo_root())
            .env("PATH", path_with_ingresslab())
            .env("HELM_DATA_HOME", self.home.join("data"))
            .env("HELM_PLUGINS", self.home.join("data/plugins"))
            .env("HELM_CONFIG_HOME", self.home.join("config"))
            .env("HELM_CACHE_HOME", self.home.join("cache"))
            .env_remove("HELM_NAMESPACE")
            .output()
            .expect("helm runs")
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn helm_runs_ingresslab_as_a_plugin() {
    let Some(helm) = std::env::var_os("INGRESSLAB_HELM").map(PathBuf::from) else {
        eprintln!("skipped: set INGRESSLAB_HELM to real Helm (cargo xtask test does)");
        return;
    };
    let home = std::env::temp_dir().join(format!("ingresslab-helm-plugin-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).unwrap();
    let plugins = PluginHome { helm, home };

    let install = plugins.helm(&["plugin", "install", "."]);
    assert!(install.status.success(), "{}", text(&install.stderr));
    let list = text(&plugins.helm(&["plugin", "list"]).stdout);
    assert!(
        list.contains("ingresslab") && list.contains("cli/v1"),
        "{list}"
    );

    // Helm keeps -n for itself; the release namespace still reaches the render.
    let render = plugins.helm(&[
        "ingresslab",
        "render",
        "-n",
        "shell",
        "-f",
        "docs/examples/passthrough.yaml",
    ]);
    assert!(render.status.success(), "{}", text(&render.stderr));
    assert!(text(&render.stdout).contains("namespace: shell"));

    // Refused values: ingresslab's exit status comes back through Helm.
    let refused = plugins.helm(&["ingresslab", "validate", "--set", "grpcRoute.enabled=true"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stdout));
    assert!(text(&refused.stdout).contains("CH001"));

    // The drop-in prints what helm template prints.
    let chart = "../shared/anchors/charts/openshell-pr2108";
    let args = [
        "rel",
        chart,
        "-n",
        "team",
        "--set",
        "gatewayApi.gateway.create=true",
    ];
    let through_plugin = plugins.helm(&[&["ingresslab", "template"][..], &args[..]].concat());
    let by_helm = plugins.helm(&[&["template"][..], &args[..]].concat());
    assert!(by_helm.status.success(), "{}", text(&by_helm.stderr));
    assert_eq!(text(&through_plugin.stdout), text(&by_helm.stdout));

    // check-docs through Helm, on the fixture pages: the same report as run directly.
    let pages = "crates/cli/tests/fixtures/docs";
    let check_docs = plugins.helm(&[
        "ingresslab",
        "check-docs",
        "--chart",
        "../shared/anchors/charts/openshell-released",
        pages,
    ]);
    assert_eq!(
        check_docs.status.code(),
        Some(1),
        "{}",
        text(&check_docs.stderr)
    );
    assert!(
        text(&check_docs.stdout).ends_with("7 examples found: 5 checked, 2 skipped, 3 failing\n"),
        "{}",
        text(&check_docs.stdout)
    );

    let _ = std::fs::remove_dir_all(&plugins.home);
}
