//! The one registry of diagnostic codes. A code is never reused for a
//! different meaning; add new ones at the end of their family.
//!
//! Families: `IN` input (YAML, `--set`, limits), `CH` refusals of the chart
//! itself (Helm fails the render).

use crate::diagnostic::Severity;

/// A stable diagnostic code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Code {
    /// A values file is not valid YAML.
    YamlSyntax,
    /// An input goes past a size, depth or alias-expansion limit.
    InputLimit,
    /// A `--set` flag does not follow Helm's `key=value` syntax.
    SetSyntax,
    /// A key is written twice in one map; the last one wins.
    DuplicateKey,
    /// A values file's top level is not a map.
    ValuesNotAMap,
    /// A values file has more than one YAML document; Helm reads the first.
    ExtraDocument,
    /// A map and a non-map meet during the merge; Helm keeps the user's value and warns.
    MergeTypeMismatch,
    /// The chart refuses any legacy `grpcRoute` key.
    LegacyGrpcRoute,
    /// The chart refuses TLS passthrough while the server has TLS disabled.
    PassthroughWithDisabledTls,
    /// A template failed to render; a defect in ingresslab, never in the values.
    RenderFailed,
}

impl Code {
    /// Every code, in registry order.
    pub const ALL: &'static [Code] = &[
        Code::YamlSyntax,
        Code::InputLimit,
        Code::SetSyntax,
        Code::DuplicateKey,
        Code::ValuesNotAMap,
        Code::ExtraDocument,
        Code::MergeTypeMismatch,
        Code::LegacyGrpcRoute,
        Code::PassthroughWithDisabledTls,
        Code::RenderFailed,
    ];

    /// The short code (`CH002`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Code::YamlSyntax => "IN001",
            Code::InputLimit => "IN002",
            Code::SetSyntax => "IN003",
            Code::DuplicateKey => "IN004",
            Code::ValuesNotAMap => "IN005",
            Code::ExtraDocument => "IN006",
            Code::MergeTypeMismatch => "IN007",
            Code::LegacyGrpcRoute => "CH001",
            Code::PassthroughWithDisabledTls => "CH002",
            Code::RenderFailed => "IN999",
        }
    }

    /// The kebab-case name, naming the flagged pattern.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Code::YamlSyntax => "yaml-syntax",
            Code::InputLimit => "input-limit",
            Code::SetSyntax => "set-syntax",
            Code::DuplicateKey => "duplicate-key",
            Code::ValuesNotAMap => "values-not-a-map",
            Code::ExtraDocument => "extra-document",
            Code::MergeTypeMismatch => "merge-type-mismatch",
            Code::LegacyGrpcRoute => "legacy-grpc-route",
            Code::PassthroughWithDisabledTls => "passthrough-with-disabled-tls",
            Code::RenderFailed => "render-failed",
        }
    }

    /// The severity a diagnostic with this code has unless a rule says otherwise.
    #[must_use]
    pub fn default_severity(self) -> Severity {
        match self {
            Code::DuplicateKey | Code::ExtraDocument | Code::MergeTypeMismatch => Severity::Warning,
            Code::YamlSyntax
            | Code::InputLimit
            | Code::SetSyntax
            | Code::ValuesNotAMap
            | Code::LegacyGrpcRoute
            | Code::PassthroughWithDisabledTls
            | Code::RenderFailed => Severity::Error,
        }
    }

    /// Whether Helm itself would fail on this (bad input, or a `fail` in the
    /// chart): then there is nothing to render, even with `--force`.
    #[must_use]
    pub fn stops_helm(self) -> bool {
        matches!(
            self,
            Code::YamlSyntax
                | Code::InputLimit
                | Code::SetSyntax
                | Code::ValuesNotAMap
                | Code::LegacyGrpcRoute
                | Code::PassthroughWithDisabledTls
                | Code::RenderFailed
        )
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique() {
        let codes: HashSet<_> = Code::ALL.iter().map(|code| code.as_str()).collect();
        let names: HashSet<_> = Code::ALL.iter().map(|code| code.name()).collect();
        assert_eq!(codes.len(), Code::ALL.len());
        assert_eq!(names.len(), Code::ALL.len());
    }
}
