//! One whole-chart `helm template` in the core, for both OpenShell chart
//! revisions: from the chart's files and a values file to the printed
//! stream (loading, values, parsing and executing every template, reading
//! and sorting the documents).
//!
//! Run with `cargo bench -p ingresslab-core --bench template`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use ingresslab_core::helm::{TemplateRequest, ValuesInput, template};

#[path = "../tests/support/chart_dir.rs"]
mod chart_dir;

fn bench(criterion: &mut Criterion) {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/anchors");
    for (revision, case, release, namespace) in [
        ("pr2108", "passthrough", "openshell", "openshell"),
        ("released", "grpc-https-edge", "openshell", "openshell"),
    ] {
        let chart = chart_dir::read_chart(&shared.join(format!("charts/openshell-{revision}")));
        let values_path = shared.join(format!("golden-full/{revision}/{case}.yaml"));
        let mut request = TemplateRequest::new(release, namespace);
        request.values.push(ValuesInput::File {
            name: values_path.display().to_string(),
            text: std::fs::read_to_string(&values_path).unwrap(),
        });
        assert!(
            template(chart.clone(), &request).is_ok(),
            "{revision}/{case} renders"
        );
        criterion.bench_function(&format!("template_{revision}_{case}"), |bencher| {
            bencher.iter(|| template(chart.clone(), &request).map(|output| output.stdout.len()));
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
