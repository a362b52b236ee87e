//! The Helm release a chart is rendered for.

/// Helm release identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
    /// Release name (`helm install NAME`).
    pub name: String,
    /// Release namespace.
    pub namespace: String,
}

impl Default for Release {
    fn default() -> Self {
        Self {
            name: "openshell".to_owned(),
            namespace: "openshell".to_owned(),
        }
    }
}
