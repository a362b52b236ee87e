//! The ingresslab core as an npm package (`cargo xtask npm` builds it with
//! wasm-pack into `target/npm/ingresslab/`, for Node.js and for the web).
//!
//! Four functions take the values text and options (release, namespace,
//! controller, and optionally a chart as the bytes of a `.tgz`):
//! `validate` returns the diagnostics, `render` the Gateway API manifests,
//! `template` what `helm template` prints, `diagram` the traffic SVG.
//! Without a chart, ingresslab's embedded chart is used.

use ingresslab_core::controllers::Controller;
use ingresslab_core::helm::ChartSource;
use ingresslab_core::helm::archive::load_archive_file;
use ingresslab_core::{Analysis, Chart, DiagramFormat, Input, Severity, analyze};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Where and how to render. */
export interface Options {
  /** Release name (default "openshell"). */
  release?: string;
  /** Release namespace (default "openshell"). */
  namespace?: string;
  /** The Gateway controller, when its GatewayClass is not its quickstart's:
   * "envoy-gateway", "cilium", "nginx-gateway-fabric", "traefik", "contour", "istio". */
  controller?: string;
  /** A chart as the bytes of a .tgz (what `helm pull` writes); default: ingresslab's chart. */
  chart?: Uint8Array;
}

/** A place a diagnostic also concerns. */
export interface Related {
  path: string;
  file: string;
  line: number;
  column: number;
  note: string;
}

/** One problem found in the values. */
export interface Diagnostic {
  severity: "error" | "warning" | "info";
  /** Stable code, such as "VA001". */
  code: string;
  /** The code's name, such as "unknown-key". */
  name: string;
  /** The values key, such as "gatewayApi.gateway.className". */
  path: string;
  /** 1-based; null when the problem has no place in the values text. */
  line: number | null;
  column: number | null;
  file: string | null;
  message: string;
  help: string | null;
  related: Related[];
}

/** Every problem in the values; the chart's own refusals included. */
export function validate(values: string, options?: Options): Diagnostic[];
/** The Gateway API manifests Helm renders. Throws when there are errors. */
export function render(values: string, options?: Options): string;
/** Exactly what `helm template` prints. Throws with Helm's error when the chart refuses. */
export function template(values: string, options?: Options): string;
/** The traffic paths as a self-contained SVG. */
export function diagram(values: string, options?: Options): string;
"#;

/// The values file's name in diagnostics.
const VALUES_FILE: &str = "values.yaml";

/// Every problem in `values`, as `Diagnostic[]`.
///
/// # Errors
/// Unusable options (a chart that is not a `.tgz`, an unknown controller).
#[wasm_bindgen(skip_typescript)]
pub fn validate(values: &str, options: JsValue) -> Result<JsValue, JsError> {
    let analysis = analysis(values, &options)?;
    js_sys::JSON::parse(&analysis.diagnostics_json().to_string())
        .map_err(|_| JsError::new("the diagnostics are not JSON"))
}

/// The Gateway API manifests Helm renders from `values`.
///
/// # Errors
/// When the values have errors (the first is the message), or Helm refuses them.
#[wasm_bindgen(skip_typescript)]
pub fn render(values: &str, options: JsValue) -> Result<String, JsError> {
    let analysis = analysis(values, &options)?;
    if let Some(error) = first_error(&analysis) {
        return Err(error);
    }
    Ok(analysis.manifest_stream().unwrap_or_default())
}

/// What `helm template` prints for `values`.
///
/// # Errors
/// When Helm would refuse the values, with its message.
#[wasm_bindgen(skip_typescript)]
pub fn template(values: &str, options: JsValue) -> Result<String, JsError> {
    let analysis = analysis(values, &options)?;
    match &analysis.all_documents {
        Some(stdout) => Ok(stdout.clone()),
        None => Err(first_error(&analysis)
            .unwrap_or_else(|| JsError::new("Helm would refuse these values"))),
    }
}

/// The traffic diagram of `values` as SVG.
///
/// # Errors
/// Unusable options.
#[wasm_bindgen(skip_typescript)]
pub fn diagram(values: &str, options: JsValue) -> Result<String, JsError> {
    Ok(analysis(values, &options)?.diagram(DiagramFormat::Svg, false))
}

fn first_error(analysis: &Analysis) -> Option<JsError> {
    analysis
        .diagnostics
        .iter()
        .find(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| {
            JsError::new(&format!(
                "{} {}: {}",
                diagnostic.code, diagnostic.path, diagnostic.message
            ))
        })
}

/// Analyse `values` with the options a caller passed.
fn analysis(values: &str, options: &JsValue) -> Result<Analysis, JsError> {
    let text = |name: &str| {
        js_sys::Reflect::get(options, &JsValue::from_str(name))
            .ok()
            .and_then(|value| value.as_string())
    };
    let mut input = Input::with_values(VALUES_FILE, values);
    let options_given = options.is_object();
    if options_given {
        if let Some(release) = text("release") {
            input.release.name = release;
        }
        if let Some(namespace) = text("namespace") {
            input.release.namespace = namespace;
        }
        if let Some(controller) = text("controller") {
            input.controller = Some(Controller::parse(&controller).ok_or_else(|| {
                JsError::new(&format!(
                    "unknown controller {controller:?}; use one of {}",
                    Controller::ids()
                ))
            })?);
        }
        let chart = js_sys::Reflect::get(options, &JsValue::from_str("chart"))
            .ok()
            .filter(|value| !value.is_undefined() && !value.is_null());
        if let Some(chart) = chart {
            let bytes = js_sys::Uint8Array::new(&chart).to_vec();
            let files = load_archive_file("chart.tgz", &bytes)
                .map_err(|error| JsError::new(&error.message))?;
            let source = ChartSource::Archive(files);
            input.chart =
                Chart::from_source(&source).map_err(|error| JsError::new(&error.to_string()))?;
            input.chart_files = Some(source);
        }
    }
    Ok(analyze(&input))
}
