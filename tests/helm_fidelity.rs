//! Renders where a naive reimplementation of Helm goes wrong, on both chart
//! revisions: a printed value with a trailing newline, a `|` block scalar,
//! `-n ""`, wrong types for whole sections, an unclosed `--set` index, numbers
//! from values files printed as float64.
//!
//! Each case states what Helm v4.1.4 printed for it; with real Helm available
//! (`INGRESSLAB_HELM`), stdout, stderr and the exit status must also equal
//! Helm's byte for byte (the random key of the released chart masked).

use ingresslab_tests::helm_oracle::{Candidate, Helm, InProcess, mask_random_key};
use ingresslab_tests::shared_dir;

/// One case: the values text, extra flags, and what must hold of the output.
struct Case {
    name: &'static str,
    /// The chart revisions the values are written for.
    revisions: &'static [&'static str],
    values: &'static str,
    flags: &'static [&'static str],
    /// Exit status.
    status: i32,
    /// Text stdout must contain.
    stdout_has: &'static [&'static str],
    /// Text stderr must contain.
    stderr_has: &'static [&'static str],
}

const OFFLINE: &str = "agentSandbox.preflight.enabled=false";

const CASES: &[Case] = &[
    Case {
        name: "printed-trailing-newline",
        revisions: &["pr2108"],
        values: "gatewayApi:\n  gateway:\n    create: true\n    className: \"eg\\n\"\n  routes:\n    grpc:\n      enabled: true\n",
        flags: &[],
        status: 0,
        // `{{ .Values.gatewayApi.gateway.className }}` prints the newline raw.
        stdout_has: &["gatewayClassName: eg\n\n"],
        stderr_has: &[],
    },
    Case {
        name: "released-printed-trailing-newline",
        revisions: &["released"],
        values: "grpcRoute:\n  enabled: true\n  gateway:\n    create: true\n    className: \"eg\\n\"\n",
        flags: &[],
        status: 0,
        stdout_has: &["gatewayClassName: eg\n\n"],
        stderr_has: &[],
    },
    Case {
        name: "printed-block-scalar",
        revisions: &["pr2108"],
        values: "gatewayApi:\n  gateway:\n    create: true\n    className: |\n      eg\n  routes:\n    grpc:\n      enabled: true\n",
        flags: &[],
        status: 0,
        stdout_has: &["gatewayClassName: eg\n\n"],
        stderr_has: &[],
    },
    Case {
        name: "empty-namespace-is-default",
        revisions: &["pr2108", "released"],
        values: "",
        flags: &["-n", ""],
        status: 0,
        stdout_has: &["namespace: default\n"],
        stderr_has: &[],
    },
    Case {
        name: "gateway-api-as-list",
        revisions: &["pr2108"],
        values: "gatewayApi: []\n",
        flags: &[],
        status: 1,
        stdout_has: &[],
        stderr_has: &["can't evaluate field", "in type interface {}"],
    },
    Case {
        name: "server-as-string",
        revisions: &["pr2108", "released"],
        values: "server: \"tls\"\n",
        flags: &[],
        status: 1,
        stdout_has: &[],
        stderr_has: &["Error: ", "in type interface {}"],
    },
    Case {
        name: "unclosed-set-index-dropped",
        revisions: &["pr2108", "released"],
        values: "",
        flags: &[
            "--set",
            "service.port=9000,gatewayApi.routes.grpc.hostnames[0=a",
        ],
        status: 0,
        stdout_has: &["port: 9000\n"],
        stderr_has: &[],
    },
    Case {
        name: "set-kinds-apply-in-helms-order",
        revisions: &["pr2108", "released"],
        values: "",
        // --set-string applies after every --set, whatever the command-line order.
        flags: &[
            "--set-string",
            "server.logLevel=late",
            "--set",
            "server.logLevel=early",
        ],
        status: 0,
        stdout_has: &["log_level             = \"late\""],
        stderr_has: &[],
    },
    Case {
        name: "set-literal-keeps-commas",
        revisions: &["pr2108", "released"],
        values: "",
        flags: &["--set-literal", "server.logLevel=a,b"],
        status: 0,
        stdout_has: &["log_level             = \"a,b\""],
        stderr_has: &[],
    },
    Case {
        name: "values-file-numbers-are-float64",
        revisions: &["pr2108", "released"],
        values: "service:\n  port: 1000000\n",
        flags: &[],
        status: 0,
        stdout_has: &["0.0.0.0:1e+06"],
        stderr_has: &[],
    },
];

fn chart(revision: &str) -> String {
    shared_dir()
        .join(format!("anchors/charts/openshell-{revision}"))
        .display()
        .to_string()
}

fn args(case: &Case, revision: &str, values_path: &str) -> Vec<String> {
    let mut args = vec![
        "openshell".to_owned(),
        chart(revision),
        "-f".to_owned(),
        values_path.to_owned(),
    ];
    args.extend(["--set".to_owned(), OFFLINE.to_owned()]);
    args.extend(case.flags.iter().map(|flag| (*flag).to_owned()));
    if !case.flags.contains(&"-n") {
        args.extend(["-n".to_owned(), "openshell".to_owned()]);
    }
    args
}

#[test]
fn hard_cases_render_as_helm_renders_them() {
    let helm = Helm::from_env("hard_cases_render_as_helm_renders_them");
    let dir = std::env::temp_dir().join(format!("ingresslab-fidelity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    for revision in ["pr2108", "released"] {
        for case in CASES
            .iter()
            .filter(|case| case.revisions.contains(&revision))
        {
            let path = dir.join(format!("{revision}-{}.yaml", case.name));
            std::fs::write(&path, case.values).unwrap();
            let args = args(case, revision, &path.display().to_string());
            let ours = InProcess.template(&args);
            let label = format!("{revision}/{}", case.name);
            if ours.status != case.status {
                failures.push(format!(
                    "{label}: status {} (stderr {:?})",
                    ours.status, ours.stderr
                ));
            }
            for text in case.stdout_has {
                if !ours.stdout.contains(text) {
                    failures.push(format!("{label}: stdout lacks {text:?}"));
                }
            }
            for text in case.stderr_has {
                if !ours.stderr.contains(text) {
                    failures.push(format!("{label}: stderr lacks {text:?}: {:?}", ours.stderr));
                }
            }
            if let Some(helm) = &helm {
                let theirs = helm.template(&args);
                if (theirs.status, &theirs.stderr) != (ours.status, &ours.stderr)
                    || mask_random_key(&theirs.stdout) != mask_random_key(&ours.stdout)
                {
                    failures.push(format!(
                        "{label}: differs from Helm (status {} vs {}; stderr {:?} vs {:?})",
                        theirs.status, ours.status, theirs.stderr, ours.stderr
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
