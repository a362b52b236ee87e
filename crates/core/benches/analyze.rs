//! How long one analysis takes (what the playground does per keystroke and
//! the CLI per run), and how fast hostile inputs are cut off.
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
    for (name, text) in &cases {
        let input = Input::with_values("values.yaml", text);
        criterion.bench_function(&format!("analyze/{name}"), |bencher| {
            bencher.iter(|| analyze(&input))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
