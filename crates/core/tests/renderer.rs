//! A chart rendered again and again through one `Renderer`: each render is
//! what `template` alone gives, and an edited template is read afresh.

use std::path::Path;

use ingresslab_core::helm::{
    ChartFile, ChartSource, Renderer, TemplateRequest, ValuesInput, template,
};

#[path = "support/chart_dir.rs"]
mod chart_dir;

fn chart() -> ChartSource {
    chart_dir::read_chart(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/anchors/charts/openshell-pr2108"),
    )
}

/// The chart's `Chart.yaml` and files, to edit.
fn directory() -> (Result<String, String>, Vec<ChartFile>) {
    match chart() {
        ChartSource::Directory { chart_yaml, files } => (chart_yaml, files),
        ChartSource::Archive(_) => panic!("a directory chart"),
    }
}

fn request(values: &str) -> TemplateRequest {
    let mut request = TemplateRequest::new("openshell", "openshell");
    request.values.push(ValuesInput::File {
        name: "values.yaml".to_owned(),
        text: values.to_owned(),
    });
    request
}

fn stdout(
    result: Result<ingresslab_core::helm::TemplateOutput, ingresslab_core::helm::TemplateError>,
) -> String {
    match result {
        Ok(output) => output.stdout,
        Err(error) => format!("Error: {}", error.message),
    }
}

#[test]
fn renders_again_as_a_fresh_template_run_does() {
    let mut renderer = Renderer::default();
    for values in [
        "",
        "gatewayApi:\n  gateway:\n    create: true\n  routes:\n    grpc:\n      enabled: true\n",
        "replicaCount: 2\n",
        "",
    ] {
        assert_eq!(
            stdout(renderer.template(chart(), &request(values))),
            stdout(template(chart(), &request(values))),
            "{values:?}"
        );
    }
}

#[test]
fn an_edited_template_is_parsed_again() {
    let mut renderer = Renderer::default();
    let before = stdout(renderer.template(chart(), &request("")));
    let (chart_yaml, mut files) = directory();
    let service = files
        .iter_mut()
        .find(|file| file.name == "templates/service.yaml")
        .expect("the chart has a Service");
    let edited = format!("# edited\n{}", String::from_utf8_lossy(&service.data));
    *service = ChartFile::new(service.name.clone(), edited.into_bytes());
    let after =
        stdout(renderer.template(ChartSource::Directory { chart_yaml, files }, &request("")));
    assert!(!before.contains("# edited"));
    assert!(after.contains("# edited"), "{after}");

    // A parse error is reported every time, not only when first parsed.
    let (chart_yaml, mut files) = directory();
    files.push(ChartFile::new("templates/broken.yaml", "{{ if }}"));
    for _ in 0..2 {
        let broken = ChartSource::Directory {
            chart_yaml: chart_yaml.clone(),
            files: files.clone(),
        };
        assert!(stdout(renderer.template(broken, &request(""))).starts_with("Error: parse error"));
    }
}

#[test]
fn analysis_with_a_kept_renderer_equals_a_fresh_one_edit_after_edit() {
    use ingresslab_core::{Input, analyze, analyze_with};
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples");
    let mut texts: Vec<String> = std::fs::read_dir(examples)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    // Edits back and forth, as in the playground.
    let edits: Vec<&String> = texts.iter().chain(texts.iter().rev()).collect();
    let mut analyzer = ingresslab_core::Analyzer::default();
    for text in edits {
        let input = Input::with_values("values.yaml", text);
        let fresh = analyze(&input);
        let kept = analyze_with(&input, &mut analyzer);
        assert_eq!(kept.manifests, fresh.manifests);
        assert_eq!(kept.diagnostics, fresh.diagnostics);
    }
}

#[test]
fn a_kept_renderer_follows_a_changed_kube_version() {
    // `.Capabilities` is kept between renders only while its versions stay.
    let mut renderer = Renderer::default();
    for version in ["v1.30.0", "v1.35.0", "", "v1.30.0"] {
        let mut request = request("gatewayApi:\n  gateway:\n    create: true\n");
        request.kube_version = (!version.is_empty()).then(|| version.to_owned());
        request.api_versions = vec![format!("example.com/{version}")];
        let kept = renderer
            .template(chart(), &request)
            .map(|output| output.stdout);
        let fresh = template(chart(), &request).map(|output| output.stdout);
        assert_eq!(kept, fresh, "{version}");
    }
}
