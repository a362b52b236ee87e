//! CH003 invalid-release-name.
//!
//! ## What it does
//! Checks the release name the way Helm does before it renders anything:
//! at most 53 characters, lower-case letters, digits, `-` and `.`, starting
//! and ending with a letter or digit.
//!
//! ## Why is this bad?
//! `helm install` and `helm template` refuse the release outright, so none of
//! the manifests exist.
//!
//! ## Fix
//! Choose a shorter or simpler release name.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::formats::release_name_problem;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let name = &ctx.release.name;
    if let Some(problem) = release_name_problem(name) {
        diagnostics.push(
            Diagnostic::new(
                Code::InvalidReleaseName,
                "",
                None,
                format!("Helm refuses the release name `{name}`: {problem}"),
            )
            .with_help("use at most 53 lower-case letters, digits, `-` and `.`, starting and ending with a letter or digit"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Input, analyze};
    use crate::codes::Code;
    use crate::formats::MAX_RELEASE_NAME_LEN;
    use crate::release::Release;

    fn codes_for(name: &str) -> Vec<Code> {
        let mut input = Input::with_values("values.yaml", "");
        input.release = Release {
            name: name.to_owned(),
            namespace: "default".to_owned(),
        };
        analyze(&input)
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.code)
            .collect()
    }

    #[test]
    fn helm_release_name_rules() {
        let longest = "a".repeat(MAX_RELEASE_NAME_LEN);
        for good in ["openshell", "shell.prod", "a1", longest.as_str()] {
            assert!(
                !codes_for(good).contains(&Code::InvalidReleaseName),
                "{good}"
            );
        }
        let too_long = "a".repeat(MAX_RELEASE_NAME_LEN + 1);
        for bad in [
            "",
            "Shell",
            "-shell",
            "shell-",
            "shell_prod",
            "a..b",
            too_long.as_str(),
        ] {
            assert!(
                codes_for(bad).contains(&Code::InvalidReleaseName),
                "{bad:?}"
            );
        }
    }
}
