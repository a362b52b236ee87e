//! A chart whose one template is the input, rendered as `helm template`
//! renders it, with a small values.yaml to read from.
#![no_main]

use ingresslab_core::helm::{ChartFile, ChartSource, TemplateRequest, template};

const CHART_YAML: &str = "apiVersion: v2\nname: fuzz\nversion: 0.1.0\n";
const VALUES_YAML: &str =
    "name: openshell\nlist: [a, b, c]\nmap: {x: 1, y: true}\nport: 8080\nempty: \"\"\n";

libfuzzer_sys::fuzz_target!(|text: &[u8]| {
    let file = |name: &str, data: &[u8]| ChartFile {
        name: name.to_owned(),
        data: data.to_vec(),
    };
    let chart = ChartSource::Archive(vec![
        file("Chart.yaml", CHART_YAML.as_bytes()),
        file("values.yaml", VALUES_YAML.as_bytes()),
        file("templates/_helpers.tpl", b"{{- define \"h\" -}}{{ .Values.name | upper }}{{- end -}}"),
        file("templates/input.yaml", text),
    ]);
    let _ = template(chart, &TemplateRequest::new("release", "default"));
});
