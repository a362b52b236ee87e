//! What ingresslab tells the user: a severity, a stable code, the values key
//! it is about, where that key was written, and what to do.

use crate::codes::Code;
use crate::span::Origin;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The values are wrong: Helm refuses them, the API server rejects the
    /// result, or the traffic cannot work.
    Error,
    /// Probably a mistake; the result renders but likely not as intended.
    Warning,
    /// Worth knowing; nothing is wrong by itself.
    Info,
}

impl Severity {
    /// Lower-case name (`error`, `warning`, `info`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding about the values.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Stable code, see [`Code`].
    pub code: Code,
    /// The values key path it is about (`gatewayApi.routes.tls.hostnames[0]`);
    /// empty when it is about a whole file.
    pub path: String,
    /// Where the key or value was written, when known.
    pub origin: Option<Origin>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to change.
    pub help: Option<String>,
    /// Other places it concerns (a refusal about two keys is one
    /// diagnostic marked at both), each with a short note.
    pub related: Vec<Related>,
    /// An edit that resolves it, when there is a sure one.
    pub fix: Option<Fix>,
}

/// An edit of the user's text that resolves a [`Diagnostic`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What it does, as a button says it (`Rename to className`).
    pub label: String,
    /// The text to put in place of the bytes at `origin`.
    pub replacement: String,
    /// The bytes to replace.
    pub origin: Origin,
}

/// A secondary place of a [`Diagnostic`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// The values key path written there.
    pub path: String,
    /// Where it was written.
    pub origin: Origin,
    /// What this place has to do with the diagnostic.
    pub note: String,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    #[must_use]
    pub fn new(
        code: Code,
        path: impl Into<String>,
        origin: Option<Origin>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: code.default_severity(),
            code,
            path: path.into(),
            origin,
            message: message.into(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// Mark another place it concerns.
    #[must_use]
    pub fn with_related(
        mut self,
        path: impl Into<String>,
        origin: Origin,
        note: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            path: path.into(),
            origin,
            note: note.into(),
        });
        self
    }

    /// Attach help text.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attach the edit that resolves it.
    #[must_use]
    pub fn with_fix(
        mut self,
        label: impl Into<String>,
        origin: Origin,
        replacement: impl Into<String>,
    ) -> Self {
        self.fix = Some(Fix {
            label: label.into(),
            replacement: replacement.into(),
            origin,
        });
        self
    }
}
