//! Share links: the page state (values, release, namespace, tab) compressed
//! into the URL fragment, which browsers never send to a server.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;

/// Fragment prefix, so the format can change later.
const PREFIX: &str = "v1.";
/// Largest decompressed state accepted from a link.
const MAX_STATE_BYTES: usize = 1024 * 1024;

/// What a share link restores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedState {
    /// The values text.
    pub values: String,
    /// Release name.
    pub release: String,
    /// Release namespace.
    pub namespace: String,
    /// The active output tab.
    pub tab: String,
    /// The chart the values were written for (`name version`), when it was
    /// one opened from disk: the link cannot carry the chart itself.
    pub chart: Option<String>,
    /// The Gateway controller picked in the page (its `--controller` id).
    pub controller: Option<String>,
}

/// The fragment (without `#`) for a state.
#[must_use]
pub fn encode(state: &SharedState) -> String {
    let mut document = json!({
        "values": state.values,
        "release": state.release,
        "namespace": state.namespace,
        "tab": state.tab,
    });
    if let Some(chart) = &state.chart {
        document["chart"] = json!(chart);
    }
    if let Some(controller) = &state.controller {
        document["controller"] = json!(controller);
    }
    let document = document.to_string();
    let compressed = miniz_oxide::deflate::compress_to_vec(document.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The state in a fragment (with or without `#`), if it is a valid share link.
#[must_use]
pub fn decode(fragment: &str) -> Option<SharedState> {
    let payload = fragment.trim_start_matches('#').strip_prefix(PREFIX)?;
    let compressed = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_STATE_BYTES).ok()?;
    let document: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let field = |name: &str| {
        document
            .get(name)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    Some(SharedState {
        values: field("values")?,
        release: field("release")?,
        namespace: field("namespace")?,
        tab: field("tab").unwrap_or_default(),
        chart: field("chart"),
        controller: field("controller"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_survive_a_round_trip() {
        let state = SharedState {
            values: "gatewayApi:\n  gateway:\n    create: true # é\n".to_owned(),
            release: "edge".to_owned(),
            namespace: "shell".to_owned(),
            tab: "traffic".to_owned(),
            chart: None,
            controller: None,
        };
        let fragment = encode(&state);
        assert!(
            fragment
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "-_.".contains(ch))
        );
        assert_eq!(decode(&format!("#{fragment}")), Some(state.clone()));
        let with_chart = SharedState {
            chart: Some("openshell 0.0.0".to_owned()),
            controller: Some("cilium".to_owned()),
            ..state
        };
        assert_eq!(decode(&encode(&with_chart)), Some(with_chart));
    }

    #[test]
    fn anything_else_is_ignored() {
        assert_eq!(decode(""), None);
        assert_eq!(decode("#v1.not-base64!"), None);
        assert_eq!(decode("#v2.abc"), None);
    }
}
