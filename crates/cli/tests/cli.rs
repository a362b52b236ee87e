//! The `ingresslab` binary as a process: exit codes, streams, and messages.

use std::path::PathBuf;
use std::process::{Command, Output};

fn ingresslab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ingresslab"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn write_temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ingresslab-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `validate --format json` on a values file: the exit code and the report.
fn validate_json(name: &str, values_text: &str) -> (Option<i32>, serde_json::Value) {
    let values = write_temp(name, values_text);
    let out = ingresslab(&[
        "validate",
        "-f",
        values.to_str().unwrap(),
        "--format",
        "json",
    ]);
    // Some inputs are large on purpose; they are not kept.
    let _ = std::fs::remove_file(&values);
    let report = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    (out.status.code(), report)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn clean_values_render_to_stdout_with_exit_0() {
    let out = ingresslab(&["render", "--set", "gatewayApi.gateway.create=true"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .starts_with("---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n")
    );
}

#[test]
fn defaults_render_nothing_and_validate_clean() {
    let render = ingresslab(&["render"]);
    assert_eq!(render.status.code(), Some(0));
    assert!(render.stdout.is_empty());
    let validate = ingresslab(&["validate"]);
    assert_eq!(validate.status.code(), Some(0));
    assert!(text(&validate.stdout).contains("no problems found"));
}

#[test]
fn refusals_exit_1_with_diagnostics_on_stderr_even_with_force() {
    let values = write_temp("legacy.yaml", "grpcRoute:\n  enabled: true\n");
    for force in [false, true] {
        let mut args = vec!["render", "-f", values.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let out = ingresslab(&args);
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
        let stderr = text(&out.stderr);
        assert!(stderr.contains("CH001"), "{stderr}");
        assert!(stderr.contains("legacy.yaml:1:1"), "{stderr}");
    }
}

#[test]
fn validate_json_names_each_key_with_positions() {
    let (status, report) = validate_json(
        "conflict.yaml",
        "server:\n  disableTls: true\ngatewayApi:\n  routes:\n    tls:\n      enabled: true\n",
    );
    assert_eq!(status, Some(1));
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let find = |path: &str| {
        diagnostics
            .iter()
            .find(|diagnostic| diagnostic["path"] == path)
            .unwrap_or_else(|| panic!("no diagnostic for {path}"))
    };
    // One diagnostic, marked at both keys.
    let route = find("gatewayApi.routes.tls.enabled");
    assert_eq!(route["severity"], "error");
    assert_eq!(route["code"], "CH002");
    assert_eq!(
        (route["line"].as_u64(), route["column"].as_u64()),
        (Some(6), Some(16))
    );
    assert!(route["file"].as_str().unwrap().ends_with("conflict.yaml"));
    let server = &route["related"][0];
    assert_eq!(server["path"], "server.disableTls");
    assert_eq!(
        (server["line"].as_u64(), server["column"].as_u64()),
        (Some(2), Some(15))
    );
    assert!(server["file"].as_str().unwrap().ends_with("conflict.yaml"));
}

#[test]
fn a_missing_file_is_a_usage_error_with_exit_2() {
    let out = ingresslab(&["render", "-f", "/nonexistent/values.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read /nonexistent/values.yaml"));
}

#[test]
fn a_chart_without_chart_yaml_is_exit_2() {
    let out = ingresslab(&["validate", "--chart", "/nonexistent-chart"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Chart.yaml"));
}

#[test]
fn unknown_flags_are_exit_2() {
    let out = ingresslab(&["render", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_set_syntax_points_into_the_flag() {
    let out = ingresslab(&[
        "validate",
        "--set",
        "gatewayApi.gateway.create",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &report["diagnostics"][0];
    assert_eq!(first["code"], "IN003");
    assert_eq!(first["file"], "--set");
    assert_eq!(first["line"], 1);
}

/// Hostile inputs end in one input-limit error, never a hang or a crash.
fn assert_limit_error(name: &str, text: &str) {
    let (status, report) = validate_json(name, text);
    assert_eq!(status, Some(1), "{name}");
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|diagnostic| diagnostic["code"].as_str())
        .collect();
    assert!(codes.contains(&"IN002"), "{name}: {codes:?}");
}

/// A values text of about `mib` MiB: comments, so any size is valid YAML.
fn filler(mib: usize) -> String {
    "# filler line of a very large values file\n".repeat(mib * 1024 * 1024 / 42 + 1)
}

#[test]
fn a_file_over_the_input_limit_is_refused_naming_the_flag() {
    let huge = write_temp("huge.yaml", &filler(50));
    let two = write_temp("two-mib.yaml", &filler(2));
    let (huge, two) = (huge.to_str().unwrap(), two.to_str().unwrap());
    // `template` fails with Helm's status for an unusable input.
    for (args, status) in [
        (vec!["validate", "-f", two], 2),
        (vec!["template", "openshell", "../core/chart", "-f", two], 1),
        (vec!["validate", "--max-input-size", "16MiB", "-f", huge], 2),
    ] {
        let out = ingresslab(&args);
        assert_eq!(out.status.code(), Some(status), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("bytes, more than the input limit of"),
            "{stderr}"
        );
        assert!(
            stderr.contains("[IN002]") && stderr.contains("--max-input-size"),
            "{stderr}"
        );
    }
    // Raised, the same file is read (and, being comments, is clean).
    let out = ingresslab(&["validate", "--max-input-size", "4MiB", "-f", two]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = ingresslab(&[
        "template",
        "--max-input-size=3MB",
        "x",
        "../core/chart",
        "-f",
        two,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Past what the reader takes at all, the flag itself is refused.
    let out = ingresslab(&["validate", "--max-input-size", "64MiB", "-f", two]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("more than the 16MiB ingresslab can read"));
    let _ = std::fs::remove_file(huge);
}

#[test]
fn nesting_20000_deep_is_refused() {
    assert_limit_error("deep-flow.yaml", &format!("a: {}", "[".repeat(20_000)));
    assert_limit_error("deep-block.yaml", &format!("a:\n{}", "- ".repeat(20_000)));
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut text = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let previous = level - 1;
        let refs = vec![format!("*l{previous}"); 9].join(", ");
        text.push_str(&format!("l{level}: &l{level} [{refs}]\n"));
    }
    assert_limit_error("bomb.yaml", &text);
}

#[test]
fn values_files_separated_by_commas_layer_like_repeated_flags() {
    let gateway = write_temp(
        "comma-gateway.yaml",
        "gatewayApi:\n  gateway:\n    create: true\n    name: first\n",
    );
    let rename = write_temp(
        "comma-rename.yaml",
        "gatewayApi:\n  gateway:\n    name: second\n",
    );
    let joined = format!("{},{}", gateway.display(), rename.display());
    let out = ingresslab(&["render", "-f", &joined]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("  name: second\n"));
}

#[test]
fn a_release_name_helm_refuses_is_refused() {
    let out = ingresslab(&[
        "render",
        "--release-name",
        "My_Release",
        "--set",
        "gatewayApi.gateway.create=true",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("CH003"), "{}", text(&out.stderr));
}

/// `ingresslab template` as a process, with stdin (`-f -`).
fn template_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut all = vec!["template"];
    all.extend_from_slice(args);
    with_stdin(&all, stdin)
}

/// `ingresslab` as a process, with `stdin` on its standard input.
fn with_stdin(args: &[&str], stdin: &str) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ingresslab"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A command that refuses its arguments exits without reading its
    // input; the closed pipe is then its answer, not the test's failure.
    match child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        written => written.unwrap(),
    }
    child.wait_with_output().unwrap()
}

/// A file under the shared anchors (`charts/openshell-pr2108`, ...).
fn anchor(path: &str) -> String {
    format!(
        "{}/../../../shared/anchors/{path}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn fixture_chart(name: &str) -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/tests/fixtures/charts/"
    )
    .to_owned()
        + name
}

#[test]
fn template_renders_a_packaged_chart_with_its_subchart() {
    // What `helm template demo parent-1.0.0.tgz -n team` prints (Helm v4.1.4).
    let out = ingresslab(&[
        "template",
        "demo",
        &fixture_chart("parent-1.0.0.tgz"),
        "-n",
        "team",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "---\n# Source: parent/charts/sub/templates/s.yaml\n# sub\n---\n# Source: parent/templates/p.yaml\n# long\n"
    );
}

#[test]
fn template_reads_values_from_stdin_and_refuses_as_helm() {
    let chart = anchor("charts/openshell-pr2108");
    let out = template_with_stdin(
        &["openshell", &chart, "-f", "-"],
        "grpcRoute:\n  enabled: true\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("Error: execution error at (helm-chart/templates/"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("\n\nUse --debug flag to render out invalid YAML\n"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn template_flag_mistakes_read_as_helm() {
    let out = ingresslab(&["template", "-bad", &fixture_chart("sub-0.2.0.tgz")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "Error: unknown shorthand flag: 'b' in -bad\n"
    );
    let out = ingresslab(&["template", "x", "/nonexistent/chart"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "Error: path \"/nonexistent/chart\" not found\n"
    );
}

/// A chart whose one template recurses through `define`s.
fn recursive_chart(tag: &str, body: &str) -> PathBuf {
    let chart = write_temp(&format!("recursive-{tag}"), "").with_extension("d");
    std::fs::create_dir_all(chart.join("templates")).unwrap();
    std::fs::write(
        chart.join("Chart.yaml"),
        "apiVersion: v2\nname: deep\nversion: 0.1.0\n",
    )
    .unwrap();
    std::fs::write(
        chart.join("templates/_r.tpl"),
        "{{- define \"deep.again\" -}}{{ include \"deep.again\" . }}{{- end -}}\n\
         {{- define \"deep.down\" -}}{{ template \"deep.down\" . }}{{- end -}}\n",
    )
    .unwrap();
    std::fs::write(chart.join("templates/a.yaml"), body).unwrap();
    chart
}

#[test]
fn template_recursion_stops_at_helms_limits_without_exhausting_the_stack() {
    // The render runs on the main thread with a raised stack limit, or on a
    // thread with a large stack when the hard limit forbids that.
    let chart = recursive_chart("include", "x: {{ include \"deep.again\" . }}\n");
    let out = ingresslab(&["template", chart.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    // Helm v4.1.4 stops `include` at 1000 levels of one name.
    assert_eq!(stderr.matches("error calling include").count(), 1002);
    assert!(stderr.contains(
        "rendering template has a nested reference name: deep.again: unable to execute template"
    ));

    let chart = recursive_chart("template", "x: {{ template \"deep.down\" . }}\n");
    let out = ingresslab(&["template", chart.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    // Helm's text: Go's limit is 100000 levels.
    assert_eq!(
        text(&out.stderr),
        "Error: deep/templates/_r.tpl:2:38\n  executing \"deep.down\" at <{{template \"deep.down\" .}}>:\n    exceeded maximum template depth (100000)\n\nUse --debug flag to render out invalid YAML\n"
    );
}

#[test]
fn each_command_help_opens_with_its_line_in_the_command_list() {
    let list = text(&ingresslab(&["--help"]).stdout);
    let commands: Vec<(&str, &str)> = list
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.trim().split_once(char::is_whitespace))
        .filter(|(name, _)| *name != "help")
        .map(|(name, about)| (name, about.trim()))
        .collect();
    assert_eq!(commands.len(), 10, "{list}");
    for (name, about) in commands {
        let help = ingresslab(&[name, "--help"]);
        assert_eq!(help.status.code(), Some(0));
        let first = text(&help.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(first, about.trim_end_matches('.'), "`{name} --help`");
    }
}

#[test]
fn output_is_complete_and_the_status_kept_when_the_process_ends() {
    // The binary leaves through `_exit`: nothing buffered may be lost.
    let chart = anchor("charts/openshell-pr2108");
    let golden = anchor("golden-full/pr2108/passthrough.yaml");
    let out = ingresslab(&[
        "template",
        "openshell",
        &chart,
        "-n",
        "openshell",
        "-f",
        &golden,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Larger than the stdio buffers, and whole to its last line.
    let printed = text(&out.stdout);
    assert!(printed.len() > 16_384, "{} bytes", printed.len());
    assert!(printed.ends_with('\n'));
    let last_source = printed.rfind("# Source: ").unwrap();
    assert!(printed[last_source..].lines().count() > 3);
    let refused = ingresslab(&["template", "r", "/nonexistent/chart"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).starts_with("Error: "));
}

#[test]
fn proposal_keys_given_to_a_chart_without_them_say_whose_keys_they_are() {
    let values = write_temp(
        "proposal.yaml",
        "gatewayApi:\n  gateway:\n    create: true\n    https: {enabled: true}\n",
    );
    let out = ingresslab(&[
        "validate",
        "--chart",
        &anchor("charts/openshell-pr2108"),
        "-f",
        values.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ignored = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|diagnostic| diagnostic["path"] == "gatewayApi.gateway.https")
        .expect("the HTTPS key is reported");
    assert_eq!(ignored["code"], "VA001");
    assert_eq!(ignored["line"], 4);
    assert!(
        ignored["help"]
            .as_str()
            .unwrap()
            .contains("a key of ingresslab's own chart"),
        "{ignored}"
    );
}

#[test]
fn every_command_reads_values_from_stdin_with_dash() {
    let values = "gatewayApi:\n  gateway:\n    create: true\n    clasName: eg\n";
    let validate = with_stdin(&["validate", "-f", "-"], values);
    assert_eq!(
        validate.status.code(),
        Some(1),
        "{}",
        text(&validate.stderr)
    );
    let report = text(&validate.stdout);
    assert!(
        report.contains("<stdin>:4:5") && report.contains("VA001"),
        "{report}"
    );
    let render = with_stdin(
        &["render", "-f", "-"],
        "server: {disableTls: true}\ngatewayApi: {gateway: {create: true}, routes: {grpc: {enabled: true}}}\n",
    );
    assert_eq!(render.status.code(), Some(0), "{}", text(&render.stderr));
    assert!(text(&render.stdout).contains("kind: GRPCRoute"));
    let diagram = with_stdin(
        &["diagram", "--format", "mermaid", "-f", "-"],
        "gatewayApi: {gateway: {create: true}, routes: {tls: {enabled: true, hostnames: [a.example.com]}}}\n",
    );
    assert!(
        text(&diagram.stdout).starts_with("flowchart LR"),
        "{}",
        text(&diagram.stdout)
    );
    let migrate = with_stdin(&["migrate", "-f", "-"], "grpcRoute:\n  enabled: true\n");
    assert!(
        text(&migrate.stdout).contains("gatewayApi:"),
        "{}",
        text(&migrate.stderr)
    );
    // Standard input can be read once.
    let twice = with_stdin(&["validate", "-f", "-", "-f", "-"], values);
    assert_eq!(twice.status.code(), Some(2));
    assert!(text(&twice.stderr).contains("read only once"));
}

#[test]
fn completion_scripts_cover_every_command() {
    let bash = ingresslab(&["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0));
    let script = text(&bash.stdout);
    for command in [
        "template", "render", "validate", "diagram", "migrate", "docs", "guide", "schema",
    ] {
        assert!(script.contains(command), "bash: {command}");
    }
    assert!(script.contains("--controller") && script.contains("--values"));
    // Bash itself loads it and registers the completion.
    let dir = std::env::temp_dir().join(format!("ingresslab-completions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ingresslab.bash");
    std::fs::write(&path, &bash.stdout).unwrap();
    let loaded = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {} && complete -p ingresslab",
            path.display()
        ))
        .output()
        .expect("bash runs");
    assert!(
        text(&loaded.stdout).contains("-F _ingresslab ingresslab"),
        "{}{}",
        text(&loaded.stdout),
        text(&loaded.stderr)
    );
    let zsh = text(&ingresslab(&["completions", "zsh"]).stdout);
    assert!(zsh.starts_with("#compdef ingresslab") && zsh.contains("--controller"));
    let fish = text(&ingresslab(&["completions", "fish"]).stdout);
    assert!(fish.contains("complete -c ingresslab") && fish.contains("-l controller"));
    assert_eq!(ingresslab(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn a_values_file_that_is_not_utf8_is_refused_as_helm_refuses_it() {
    let dir = std::env::temp_dir().join(format!("ingresslab-cli-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let values = dir.join("latin1.yaml");
    std::fs::write(&values, b"a: ok\nb: caf\xe9 au lait\n").unwrap();
    let out = ingresslab(&[
        "template",
        "x",
        "../core/chart",
        "-f",
        values.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    // Helm v4.1.4's line for the same file.
    assert_eq!(
        text(&out.stderr),
        format!(
            "Error: failed to parse {}: cannot unmarshal yaml document: error converting YAML to JSON: yaml: invalid trailing UTF-8 octet\n",
            values.display()
        )
    );
    let _ = std::fs::remove_dir_all(dir);
}
