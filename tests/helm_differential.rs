//! Differential test: generated values and flags for both chart revisions,
//! rendered by real Helm and by `ingresslab template` with the same
//! arguments. Exit status, the `Error:` message, stdout as data (document by
//! document, with `# Source:`) and stdout byte for byte must all agree.
//!
//! The generator is data: `tests/differential/*.tsv` lists the paths and the
//! candidate values (see the header of `common.tsv`), the command-line
//! choices, and the released chart's preflight escape; the charts' own `ci/`
//! files and the golden-full values are the bases mutations go on top of.
//!
//! Needs `INGRESSLAB_HELM` (skips without it, fails without it under `CI` or
//! `INGRESSLAB_REQUIRE_HELM`). `INGRESSLAB_DIFF_SEED` (default below) and
//! `INGRESSLAB_DIFF_CASES` (per chart) choose the cases; the seed and every
//! failing case's values and command are printed, so a failure reproduces.
//! `INGRESSLAB_DIFF_DATA_ONLY=1` fails only on data differences while still
//! counting byte differences. `INGRESSLAB_CANDIDATE=helm` (or
//! `helm-one-byte-off`) puts Helm (or Helm with one byte changed) on the
//! candidate side, which proves the harness.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use ingresslab_tests::helm_oracle::{
    Candidate, Helm, InProcess, Outcome, candidate_from_env, compare_documents, data_documents,
    first_differing_line, mask_random_key, write_file,
};
use ingresslab_tests::{repo_root, shared_dir};

const DEFAULT_SEED: u64 = 2108;
const DEFAULT_CASES: usize = 300;
/// Failing cases printed in full; the rest are listed by name.
const SHOWN_FAILURES: usize = 40;
const WORKERS: usize = 2;

/// SplitMix64: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(bound).unwrap()).unwrap()
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One row of a mutation table.
#[derive(Clone, Debug)]
struct Mutation {
    how: String,
    path: String,
    value: String,
}

/// Undo the table's escapes: `\n`, `\t`, `\\`.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some(other) => panic!("unknown escape \\{other} in {text:?}"),
                None => panic!("a lone \\ ends {text:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The rows of a table: tab-separated, `#` comments, escapes undone.
fn read_table(name: &str, columns: usize) -> Vec<Vec<String>> {
    let path = repo_root().join("tests/differential").join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(number, line)| {
            let row: Vec<String> = line.splitn(columns, '\t').map(unescape).collect();
            assert_eq!(row.len(), columns, "{name}:{}: {line:?}", number + 1);
            row
        })
        .collect()
}

fn mutations(name: &str) -> Vec<Mutation> {
    read_table(name, 3)
        .into_iter()
        .map(|row| {
            let how = row[0].clone();
            assert!(
                ["file", "set", "set-string", "set-json", "raw", "pre"].contains(&how.as_str()),
                "{name}: unknown kind {how:?}"
            );
            Mutation {
                how,
                path: row[1].clone(),
                value: row[2].clone(),
            }
        })
        .collect()
}

/// A values file being built: nested keys, leaves of YAML text.
enum Node {
    Leaf(String),
    Map(Vec<(String, Node)>),
}

impl Node {
    fn set(&mut self, path: &[&str], value: &str) {
        let Some((first, rest)) = path.split_first() else {
            *self = Node::Leaf(value.to_owned());
            return;
        };
        if !matches!(self, Node::Map(_)) {
            *self = Node::Map(Vec::new());
        }
        let Node::Map(entries) = self else {
            unreachable!()
        };
        let index = entries
            .iter()
            .position(|(key, _)| key == first)
            .unwrap_or_else(|| {
                entries.push(((*first).to_owned(), Node::Map(Vec::new())));
                entries.len() - 1
            });
        entries[index].1.set(rest, value);
    }

    /// Block-style YAML; a leaf's later lines are indented under its key.
    fn write(&self, indent: usize, out: &mut String) {
        let Node::Map(entries) = self else {
            unreachable!("the root is a map")
        };
        for (key, node) in entries {
            match node {
                Node::Map(_) => {
                    writeln!(out, "{:indent$}{key}:", "").unwrap();
                    node.write(indent + 2, out);
                }
                Node::Leaf(value) if value.is_empty() => {
                    writeln!(out, "{:indent$}{key}:", "").unwrap();
                }
                Node::Leaf(value) => {
                    let mut lines = value.split('\n');
                    writeln!(out, "{:indent$}{key}: {}", "", lines.next().unwrap()).unwrap();
                    for line in lines {
                        writeln!(out, "{:width$}{line}", "", width = indent + 2).unwrap();
                    }
                }
            }
        }
    }
}

/// What the generator draws from for one chart.
struct Space {
    chart: String,
    chart_dir: PathBuf,
    mutations: Vec<Mutation>,
    pre: Vec<Mutation>,
    bases: Vec<PathBuf>,
    templates: Vec<String>,
    args: Vec<Vec<String>>,
}

impl Space {
    fn load(chart: &str) -> Self {
        let chart_dir = shared_dir().join(format!("anchors/charts/openshell-{chart}"));
        let (pre, mut own): (Vec<Mutation>, Vec<Mutation>) = mutations(&format!("{chart}.tsv"))
            .into_iter()
            .partition(|mutation| mutation.how == "pre");
        own.extend(mutations("common.tsv"));
        let mut bases: Vec<PathBuf> = Vec::new();
        for dir in [
            chart_dir.join("ci"),
            shared_dir().join(format!("anchors/golden-full/{chart}")),
        ] {
            if let Ok(entries) = fs::read_dir(&dir) {
                bases.extend(entries.filter_map(Result::ok).map(|entry| entry.path()));
            }
        }
        bases.sort();
        let mut templates: Vec<String> = fs::read_dir(chart_dir.join("templates"))
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('_'))
            .map(|name| format!("templates/{name}"))
            .collect();
        templates.sort();
        templates.push("templates/not-in-the-chart.yaml".to_owned());
        Self {
            chart: chart.to_owned(),
            chart_dir,
            mutations: own,
            pre,
            bases,
            templates,
            args: read_table("args.tsv", 2),
        }
    }

    fn arg_choices(&self, kind: &str) -> Vec<&str> {
        let choices: Vec<&str> = self
            .args
            .iter()
            .filter(|row| row[0] == kind)
            .map(|row| row[1].as_str())
            .collect();
        assert!(!choices.is_empty(), "args.tsv has no {kind} row");
        choices
    }
}

/// One generated case: its values files and the arguments after `template`.
struct Case {
    name: String,
    files: Vec<(PathBuf, String)>,
    args: Vec<String>,
}

impl Case {
    fn describe(&self) -> String {
        let words: Vec<String> = self.args.iter().map(|arg| shell_word(arg)).collect();
        let mut text = format!("{}\n  command: template {}\n", self.name, words.join(" "));
        for (path, contents) in &self.files {
            writeln!(text, "  {}:", path.display()).unwrap();
            for line in contents.lines() {
                writeln!(text, "    | {line}").unwrap();
            }
        }
        text
    }
}

/// An argument as a POSIX shell reads it back, so a printed command can be pasted.
fn shell_word(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_./=:,@+-[]{}".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

/// Case `index` of a chart: a few mutations, maybe a base file, random flags.
fn generate(space: &Space, rng: &mut Rng, index: usize, dir: &Path) -> Case {
    let name = format!("{}-{index:04}", space.chart);
    let mut values = Node::Map(Vec::new());
    let mut raw = String::new();
    let mut flags: Vec<Vec<String>> = Vec::new();
    let mut touched = false;

    let mut apply = |mutation: &Mutation, flags: &mut Vec<Vec<String>>| match mutation.how.as_str()
    {
        "file" | "pre" if mutation.path.starts_with("--") => {
            flags.push(vec![mutation.path.clone(), mutation.value.clone()]);
        }
        "file" | "pre" => {
            let path: Vec<&str> = mutation.path.split('.').collect();
            values.set(&path, &mutation.value);
            touched = true;
        }
        "raw" => {
            raw.push_str(&mutation.value);
            raw.push('\n');
            touched = true;
        }
        how => flags.push(vec![
            format!("--{how}"),
            format!("{}={}", mutation.path, mutation.value),
        ]),
    };

    if !space.pre.is_empty() && rng.chance(90) {
        apply(rng.pick(&space.pre), &mut flags);
    }
    let count = rng.below(7);
    for _ in 0..count {
        let mutation = rng.pick(&space.mutations).clone();
        // Flags from the table only now and then; most cases are files.
        if mutation.how.starts_with("set") && !rng.chance(35) {
            continue;
        }
        apply(&mutation, &mut flags);
    }

    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let base = (!space.bases.is_empty() && rng.chance(40)).then(|| rng.pick(&space.bases).clone());
    if touched {
        let mut text = String::new();
        values.write(0, &mut text);
        text.push_str(&raw);
        files.push((dir.join(format!("{name}.yaml")), text));
    }
    let mut value_paths: Vec<String> = base.iter().map(|p| p.display().to_string()).collect();
    value_paths.extend(files.iter().map(|(path, _)| path.display().to_string()));
    if value_paths.len() == 2 && rng.chance(25) {
        flags.push(vec!["-f".into(), value_paths.join(",")]);
    } else {
        for path in value_paths {
            flags.push(vec![
                if rng.chance(50) { "-f" } else { "--values" }.to_owned(),
                path,
            ]);
        }
    }

    let choice = |rng: &mut Rng, kind: &str| (*rng.pick(&space.arg_choices(kind))).to_owned();
    let namespace = choice(rng, "namespace");
    match namespace.as_str() {
        "<omit>" => {}
        "<empty>" => flags.push(vec!["-n".into(), String::new()]),
        namespace => flags.push(vec![
            if rng.chance(50) { "-n" } else { "--namespace" }.to_owned(),
            namespace.to_owned(),
        ]),
    }
    if rng.chance(15) {
        for _ in 0..=rng.below(2) {
            flags.push(vec![
                "--show-only".into(),
                rng.pick(&space.templates).clone(),
            ]);
        }
    }
    if rng.chance(10) {
        flags.push(vec!["--api-versions".into(), choice(rng, "api-versions")]);
    }
    if rng.chance(10) {
        flags.push(vec!["--kube-version".into(), choice(rng, "kube-version")]);
    }
    // Flags in any order; Helm's meaning does not depend on it.
    for index in (1..flags.len()).rev() {
        flags.swap(index, rng.below(index + 1));
    }

    let mut args: Vec<String> = Vec::new();
    let release_kind = if rng.chance(8) {
        "bad-release"
    } else {
        "release"
    };
    let release = choice(rng, release_kind);
    if release != "<omit>" {
        args.push(release);
    }
    args.push(space.chart_dir.display().to_string());
    args.extend(flags.into_iter().flatten());
    Case { name, files, args }
}

/// How one case compared.
#[derive(Default)]
struct Verdict {
    status: bool,
    error_message: bool,
    data: bool,
    bytes: bool,
    helm_refused: bool,
    helm_error: Option<String>,
    report: String,
}

fn compare(case: &Case, oracle: &Outcome, candidate: &Outcome) -> Verdict {
    let mut verdict = Verdict {
        status: oracle.status == candidate.status,
        error_message: oracle.error_message() == candidate.error_message(),
        helm_refused: oracle.status != 0,
        helm_error: oracle.error_message(),
        ..Verdict::default()
    };
    let mut report = String::new();
    if !verdict.status {
        writeln!(
            report,
            "  exit status: Helm {}, candidate {}",
            oracle.status, candidate.status
        )
        .unwrap();
    }
    if !verdict.error_message {
        writeln!(
            report,
            "  error message:\n    Helm:      {}\n    candidate: {}",
            oracle.error_message().unwrap_or_else(|| "<none>".into()),
            candidate.error_message().unwrap_or_else(|| "<none>".into())
        )
        .unwrap();
    }
    let expected = mask_random_key(&oracle.stdout);
    let actual = mask_random_key(&candidate.stdout);
    let data_difference = match (data_documents(&expected), data_documents(&actual)) {
        (Ok(left), Ok(right)) => compare_documents(&left, &right),
        (Err(error), _) => Some(format!("Helm's stdout: {error}")),
        (_, Err(error)) => Some(format!("candidate's stdout: {error}")),
    };
    verdict.data = data_difference.is_none();
    if let Some(difference) = data_difference {
        writeln!(report, "  as data: {difference}").unwrap();
    }
    let byte_difference = first_differing_line(&expected, &actual);
    verdict.bytes = byte_difference.is_none();
    if let Some(difference) = byte_difference {
        writeln!(report, "  as bytes: {difference}").unwrap();
    }
    if !report.is_empty() {
        verdict.report = format!(
            "{}{report}  candidate stderr: {}\n",
            case.describe(),
            candidate.stderr.trim_end()
        );
    }
    verdict
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(text) if !text.is_empty() => text
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a number")),
        _ => default,
    }
}

#[test]
fn generated_values_render_as_helm_renders_them() {
    let Some(helm) = Helm::from_env("helm_differential") else {
        return;
    };
    let in_process = InProcess;
    let candidate = candidate_from_env(&in_process);
    let seed: u64 = env_number("INGRESSLAB_DIFF_SEED", DEFAULT_SEED);
    let per_chart: usize = env_number("INGRESSLAB_DIFF_CASES", DEFAULT_CASES);
    let data_only = std::env::var_os("INGRESSLAB_DIFF_DATA_ONLY").is_some_and(|v| v == "1");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("helm-differential")
        .join(format!("seed-{seed}"));
    let _ = fs::remove_dir_all(&dir);
    println!(
        "helm_differential: seed {seed} (INGRESSLAB_DIFF_SEED), {per_chart} cases per chart \
         (INGRESSLAB_DIFF_CASES), oracle {}, candidate {}, files in {}",
        helm.name(),
        candidate.name(),
        dir.display()
    );

    let mut cases = Vec::new();
    for (number, chart) in ["released", "pr2108"].iter().enumerate() {
        let space = Space::load(chart);
        let mut rng = Rng(seed ^ (u64::try_from(number).unwrap() << 56));
        for index in 0..per_chart {
            let case = generate(&space, &mut rng, index, &dir);
            for (path, text) in &case.files {
                write_file(path, text);
            }
            cases.push(case);
        }
    }

    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let verdicts: Mutex<Vec<(usize, Verdict)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = cases.get(index) else { break };
                    let oracle = helm.template(&case.args);
                    let outcome = candidate.template(&case.args);
                    let verdict = compare(case, &oracle, &outcome);
                    verdicts.lock().unwrap().push((index, verdict));
                }
            });
        }
    });
    let elapsed = started.elapsed();
    let mut verdicts = verdicts.into_inner().unwrap();
    verdicts.sort_by_key(|(index, _)| *index);

    let count = |test: fn(&Verdict) -> bool| verdicts.iter().filter(|(_, v)| test(v)).count();
    let total = verdicts.len();
    let mut helm_errors: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, verdict) in &verdicts {
        if let Some(line) = verdict.helm_error.as_deref() {
            *helm_errors.entry(line).or_default() += 1;
        }
    }
    println!(
        "helm_differential: {total} cases in {:.1} s ({:.1} cases/s); Helm rendered {} and refused {} \
         ({} distinct Error: messages)",
        elapsed.as_secs_f64(),
        f64::from(u32::try_from(total).unwrap()) / elapsed.as_secs_f64(),
        count(|v| !v.helm_refused),
        count(|v| v.helm_refused),
        helm_errors.len()
    );
    for (message, times) in &helm_errors {
        let short: String = message.replace('\n', " ").chars().take(150).collect();
        println!("helm_differential: {times:4} x {short}");
    }
    println!(
        "helm_differential: equal exit status {}/{total}, Error: message {}/{total}, \
         stdout as data {}/{total}, stdout byte for byte {}/{total}",
        count(|v| v.status),
        count(|v| v.error_message),
        count(|v| v.data),
        count(|v| v.bytes)
    );

    let failing: Vec<&(usize, Verdict)> = verdicts
        .iter()
        .filter(|(_, v)| !(v.status && v.error_message && v.data && (v.bytes || data_only)))
        .collect();
    if failing.is_empty() {
        return;
    }
    let mut message = format!(
        "{} of {total} cases differ from Helm (seed {seed}); the first {}:\n\n",
        failing.len(),
        failing.len().min(SHOWN_FAILURES)
    );
    for (_, verdict) in failing.iter().take(SHOWN_FAILURES) {
        writeln!(message, "{}", verdict.report).unwrap();
    }
    let names: Vec<&str> = failing
        .iter()
        .map(|(index, _)| cases[*index].name.as_str())
        .collect();
    writeln!(message, "all failing cases: {}", names.join(" ")).unwrap();
    panic!("{message}");
}

/// Legacy `grpcRoute` values, generated: the released chart's keys with a
/// comment on some lines, and whatever the released chart needs to render.
fn legacy_values(rng: &mut Rng) -> String {
    let mut text = String::from(
        "# generated legacy values\nagentSandbox:\n  preflight:\n    enabled: false\n",
    );
    let https = rng.chance(40);
    text.push_str("grpcRoute:\n");
    if rng.chance(90) {
        let enabled = rng.chance(85);
        text.push_str(&format!("  enabled: {enabled} # the route\n"));
    }
    match rng.below(3) {
        0 => {}
        1 => text.push_str("  hostnames: [shell.example.com]\n"),
        _ => text.push_str(
            "  # who may call\n  hostnames:\n    - shell.example.com # first\n    - \"*.apps.example.com\"\n",
        ),
    }
    // A key with nothing under it is `null`, which the released chart cannot read.
    let mut gateway = String::new();
    if rng.chance(80) {
        gateway.push_str(&format!("    create: {}\n", rng.chance(80)));
    }
    if rng.chance(50) {
        let class = rng.pick(&["eg", "cilium", "\"nginx\""]);
        gateway.push_str(&format!("    className: {class}\n"));
    }
    if rng.chance(30) {
        gateway.push_str("    name: edge # shared Gateway\n");
    }
    if rng.chance(20) {
        gateway.push_str("    namespace: gateways\n");
    }
    let mut listener = String::new();
    let port = if https {
        rng.pick(&["443", "8443"])
    } else {
        rng.pick(&["80", "80", "8080"])
    };
    if rng.chance(70) {
        listener.push_str(&format!("      port: {port} # listener port\n"));
    }
    if https {
        listener.push_str(
            "      protocol: HTTPS\n      tls:\n        certificateRefs:\n          - name: edge-tls # edge certificate\n",
        );
    } else if rng.chance(50) {
        listener.push_str("      protocol: HTTP # plain\n");
    }
    if rng.chance(30) {
        let from = rng.pick(&["Same", "All"]);
        listener.push_str(&format!("      allowedRoutes: {from}\n"));
    }
    if !listener.is_empty() {
        gateway.push_str("    listener:\n");
        gateway.push_str(&listener);
    }
    if !gateway.is_empty() {
        text.push_str("  gateway:\n");
        text.push_str(&gateway);
    }
    // The released chart refuses HTTPS at the listener in front of a TLS server.
    let plaintext = https || rng.chance(50);
    text.push_str(&format!(
        "server:\n  disableTls: {plaintext} # behind the edge\n"
    ));
    text
}

/// A render's Gateway API documents, keyed by kind and name, with what the
/// comparison ignores dropped: labels, annotations, the release namespace,
/// and the Gateway API defaults (`allowedRoutes` from `Same`, a parentRef's
/// group and kind).
fn gateway_api_documents(stdout: &str, namespace: &str) -> BTreeMap<String, serde_json::Value> {
    let mut documents = BTreeMap::new();
    for (_, mut document) in data_documents(stdout).unwrap() {
        let api = document["apiVersion"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if !api.starts_with("gateway.networking.k8s.io/") {
            continue;
        }
        let key = format!(
            "{} {}",
            document["kind"].as_str().unwrap(),
            document["metadata"]["name"]
        );
        let metadata = document["metadata"].as_object_mut().unwrap();
        metadata.remove("labels");
        metadata.remove("annotations");
        if metadata.get("namespace").and_then(|n| n.as_str()) == Some(namespace) {
            metadata.remove("namespace");
        }
        let spec = &mut document["spec"];
        if let Some(listeners) = spec["listeners"].as_array_mut() {
            for listener in listeners {
                let listener = listener.as_object_mut().unwrap();
                if listener.get("allowedRoutes")
                    == Some(&serde_json::json!({ "namespaces": { "from": "Same" } }))
                {
                    listener.remove("allowedRoutes");
                }
            }
        }
        if let Some(parents) = spec["parentRefs"].as_array_mut() {
            for parent in parents {
                let parent = parent.as_object_mut().unwrap();
                for (key, default) in [
                    ("group", "gateway.networking.k8s.io"),
                    ("kind", "Gateway"),
                    ("namespace", namespace),
                ] {
                    if parent.get(key).and_then(|v| v.as_str()) == Some(default) {
                        parent.remove(key);
                    }
                }
            }
        }
        documents.insert(key, document);
    }
    documents
}

#[test]
fn generated_legacy_values_migrate_only_where_real_helm_renders_them_alike() {
    let Some(helm) = Helm::from_env("helm_differential") else {
        return;
    };
    let seed: u64 = env_number("INGRESSLAB_DIFF_SEED", DEFAULT_SEED);
    let cases: usize = env_number("INGRESSLAB_MIGRATE_CASES", 40);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("helm-differential-migrate")
        .join(format!("seed-{seed}"));
    let _ = fs::remove_dir_all(&dir);
    let charts = shared_dir().join("anchors/charts");
    let released = charts.join("openshell-released");
    let targets = [
        ("pr2108", charts.join("openshell-pr2108")),
        ("ingresslab", repo_root().join("crates/core/chart")),
    ];
    let path = |p: &Path| p.to_str().unwrap().to_owned();
    let render = |chart: &Path, values: &Path| {
        let outcome = helm.template(&[
            "openshell".to_owned(),
            path(chart),
            "-n".to_owned(),
            "openshell".to_owned(),
            "-f".to_owned(),
            path(values),
        ]);
        assert_eq!(
            outcome.status,
            0,
            "helm template {}: {}",
            values.display(),
            outcome.stderr
        );
        gateway_api_documents(&outcome.stdout, "openshell")
    };
    let mut rng = Rng(seed ^ 0x006d_6967_7261_7465);
    let mut proven = 0;
    let mut refused = 0;
    let mut failures = Vec::new();
    for index in 0..cases {
        let old_text = legacy_values(&mut rng);
        let old = dir.join(format!("case-{index}/old.yaml"));
        write_file(&old, &old_text);
        let before = render(&released, &old);
        for (name, target) in &targets {
            let new = dir.join(format!("case-{index}/{name}.yaml"));
            let run = ingresslab_cli::run_captured([
                "migrate",
                "-f",
                &path(&old),
                "--from-chart",
                &path(&released),
                "--chart",
                &path(target),
                "-o",
                &path(&new),
            ]);
            let case = format!("case {index} to {name} ({})", old.display());
            match run.status {
                ingresslab_cli::ExitStatus::Clean => {
                    proven += 1;
                    let new_text = fs::read_to_string(&new).unwrap();
                    let after = render(target, &new);
                    if before != after {
                        failures.push(format!(
                            "{case}: proven, but real Helm renders differ:\n{before:#?}\n{after:#?}"
                        ));
                    }
                    for comment in old_text.lines().filter_map(|line| {
                        line.find(" #").map(|at| &line[at + 1..]).or_else(|| {
                            line.trim_start()
                                .starts_with('#')
                                .then(|| line.trim_start())
                        })
                    }) {
                        if !new_text.contains(comment) {
                            failures.push(format!("{case}: the comment {comment:?} was lost"));
                        }
                    }
                    assert!(!run.stderr.contains("error:"), "{case}: {}", run.stderr);
                    // Migrated values are migrated.
                    let again = ingresslab_cli::run_captured([
                        "migrate",
                        "-f",
                        &path(&new),
                        "--chart",
                        &path(target),
                    ]);
                    assert_eq!(
                        again.status,
                        ingresslab_cli::ExitStatus::Clean,
                        "{case}: {}",
                        again.stderr
                    );
                    assert!(
                        again.stderr.contains("already migrated"),
                        "{case}: {}",
                        again.stderr
                    );
                }
                _ => {
                    refused += 1;
                    if !run.stderr.contains("error: grpcRoute.") || run.stderr.contains("proved") {
                        failures.push(format!(
                            "{case}: refused without naming a key:\n{}",
                            run.stderr
                        ));
                    }
                    if new.exists() {
                        failures.push(format!(
                            "{case}: refused, yet {} was written",
                            new.display()
                        ));
                    }
                }
            }
        }
    }
    println!(
        "helm_differential: {cases} legacy values, two targets: {proven} migrations proven and checked against real Helm, {refused} refused with the key named"
    );
    assert!(
        proven > 0 && refused > 0,
        "the generator must reach both outcomes"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
