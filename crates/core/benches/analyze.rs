//! How long one analysis takes (what the playground does per keystroke and
//! the CLI per run), and how fast hostile inputs are cut off.
//!
//! Cases: hostile inputs, and every example of the guide (`docs/examples/`).
//!
//! Run with `cargo bench -p ingresslab-core --bench analyze`.

use criterion::{Criterion, criterion_group, criterion_main};
use ingresslab_core::{Input, analyze};

const PASSTHROUGH: &str = "gatewayApi:
  gateway:
    create: true
  routes:
    grpc:
      enabled: true
      hostnames: [grpc.example.com]
    tls:
      enabled: true
      hostnames: [shell.example.com]
pkiInitJob:
  serverDnsNames: [shell.example.com]
";

fn alias_bomb() -> String {
    let mut text = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let refs = vec![format!("*l{}", level - 1); 9].join(", ");
        text.push_str(&format!("l{level}: &l{level} [{refs}]\n"));
    }
    text
}

fn bench(criterion: &mut Criterion) {
    let cases = [
        ("defaults_only", String::new()),
        ("gateway_and_both_routes", PASSTHROUGH.to_owned()),
        ("alias_bomb", alias_bomb()),
        ("nesting_20000_deep", format!("a: {}", "[".repeat(20_000))),
        (
            "block_nesting_20000_deep",
            format!("a:\n{}", "- ".repeat(20_000)),
        ),
        ("file_50_mb", "# filler\n".repeat(50 * 1024 * 1024 / 9)),
    ];
    // The first analysis compiles templates and CRD schemas once; measure steady state.
    let _ = analyze(&Input::with_values("values.yaml", PASSTHROUGH));
    // Every example of the guide, as `ingresslab validate` sees it.
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples");
    let mut files: Vec<_> = std::fs::read_dir(&examples)
        .expect("docs/examples")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let input = Input::with_values("values.yaml", &std::fs::read_to_string(&path).unwrap());
        criterion.bench_function(&format!("analyze/example/{name}"), |bencher| {
            bencher.iter(|| analyze(&input))
        });
    }
    for (name, text) in &cases {
        let input = Input::with_values("values.yaml", text);
        criterion.bench_function(&format!("analyze/{name}"), |bencher| {
            bencher.iter(|| analyze(&input))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
