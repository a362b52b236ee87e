//! One whole-chart `helm template` in the core, for both OpenShell chart
//! revisions: from the chart's files and a values file to the printed
//! stream (loading, values, parsing and executing every template, reading
//! and sorting the documents).
//!
//! - `template_*` starts from nothing, as the CLI does.
//! - `render_again_*` renders through a `Renderer` that has rendered the
//!   chart before, as the playground does on every edit, alternating
//!   between two values files so that each render changes documents.
//!
//! Run with `cargo bench -p ingresslab-core --bench template`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use ingresslab_core::helm::{Renderer, TemplateRequest, ValuesInput, template};

#[path = "../tests/support/chart_dir.rs"]
mod chart_dir;

/// The allocator the `ingresslab` binary runs the core with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(criterion: &mut Criterion) {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/anchors");
    for (revision, case, other_case) in [
        ("pr2108", "passthrough", "cert-manager-grpc"),
        ("released", "grpc-https-edge", "openshift-route"),
    ] {
        let chart = chart_dir::read_chart(&shared.join(format!("charts/openshell-{revision}")));
        let request = |case: &str| {
            let values_path = shared.join(format!("golden-full/{revision}/{case}.yaml"));
            let mut request = TemplateRequest::new("openshell", "openshell");
            request.values.push(ValuesInput::File {
                name: values_path.display().to_string(),
                text: std::fs::read_to_string(&values_path).unwrap(),
            });
            request
        };
        let requests = [request(case), request(other_case)];
        for request in &requests {
            assert!(
                template(chart.clone(), request).is_ok(),
                "{revision} renders"
            );
        }
        criterion.bench_function(&format!("template_{revision}_{case}"), |bencher| {
            bencher
                .iter(|| template(chart.clone(), &requests[0]).map(|output| output.stdout.len()));
        });
        let mut renderer = Renderer::default();
        let mut turn = 0;
        criterion.bench_function(&format!("render_again_{revision}"), |bencher| {
            bencher.iter(|| {
                turn += 1;
                renderer
                    .template(chart.clone(), &requests[turn % 2])
                    .map(|output| output.stdout.len())
            });
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
