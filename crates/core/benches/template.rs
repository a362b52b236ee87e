//! One whole-chart `helm template` in the core, for both OpenShell chart
//! revisions: from the chart's files and a values file to the printed
//! stream (loading, values, parsing and executing every template, reading
//! and sorting the documents). `template_*` starts from nothing, as the CLI
//! does; `render_again_*` renders through a `Renderer` that has rendered the
//! chart before, as the playground does on every edit (templates parsed).
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
        let mut renderer = Renderer::default();
        assert!(renderer.template(chart.clone(), &request).is_ok());
        criterion.bench_function(&format!("render_again_{revision}_{case}"), |bencher| {
            bencher.iter(|| {
                renderer
                    .template(chart.clone(), &request)
                    .map(|output| output.stdout.len())
            });
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
