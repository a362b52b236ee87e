//! Every input the fuzz targets (`fuzz/`) found a crash, a hang or a blow-up
//! with, run again as the target runs it, with what the render must say.
//! The inputs are under `tests/fixtures/fuzz/<target>/`.

use std::path::Path;

use ingresslab_core::helm::{ChartFile, ChartSource, TemplateRequest, template};

/// `fuzz/fuzz_targets/template_engine.rs`: a chart whose one template is `text`.
fn render_template(text: &[u8]) -> Result<String, String> {
    let file = |name: &str, data: &[u8]| ChartFile {
        name: name.to_owned(),
        data: data.to_vec(),
    };
    let chart =
        ChartSource::Archive(vec![
        file("Chart.yaml", b"apiVersion: v2\nname: fuzz\nversion: 0.1.0\n"),
        file(
            "values.yaml",
            b"name: openshell\nlist: [a, b, c]\nmap: {x: 1, y: true}\nport: 8080\nempty: \"\"\n",
        ),
        file(
            "templates/_helpers.tpl",
            b"{{- define \"h\" -}}{{ .Values.name | upper }}{{- end -}}",
        ),
        file("templates/input.yaml", text),
    ]);
    template(chart, &TemplateRequest::new("release", "default"))
        .map(|output| output.stdout)
        .map_err(|error| error.message)
}

fn fixture(target: &str, name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fuzz")
            .join(target)
            .join(name),
    )
    .expect("the fuzz input")
}

/// A 3 KB document whose quoted scalar the YAML reader re-indented on each
/// of its retries, growing the text until one render took seconds (a
/// libFuzzer timeout). The retries now stop when the text would double.
#[test]
fn a_quoted_scalar_retried_into_a_growing_text() {
    let error = render_template(&fixture(
        "template_engine",
        "timeout-14477f49f8c339f2452c3a86634756a268ea2d2f",
    ))
    .unwrap_err();
    assert!(
        error.starts_with("YAML parse error on fuzz/templates/input.yaml"),
        "{error}"
    );
}
