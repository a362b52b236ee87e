//! Versions and ranges as Helm reads them (Masterminds `semver/v3`):
//! `NewVersion` for `Chart.yaml` versions and `NewConstraint`/`Check` for
//! `kubeVersion` and dependency ranges (`IsCompatibleRange`). The one
//! implementation is the one behind Sprig's `semver` and `semverCompare`.

use crate::engine::funcs::sprig::semver;

/// Whether `semver.NewVersion` accepts `text`.
#[must_use]
pub fn is_valid_version(text: &str) -> bool {
    semver::Version::parse(text).is_ok()
}

/// `IsCompatibleRange(constraint, version)`: whether `version` parses and
/// satisfies the range `constraint` (false when either does not parse).
#[must_use]
pub fn is_compatible_range(constraint: &str, version: &str) -> bool {
    semver::check(constraint, version).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_as_helm_accepts_them() {
        for good in [
            "1.0.0",
            "v1",
            "01.2.3",
            "1.0.0+01",
            "0.0.0-dev+abc.1",
            "2",
            "1.2",
        ] {
            assert!(is_valid_version(good), "{good}");
        }
        for bad in [
            "1.0.0-01",
            "1.0.0-a..b",
            "1.2.3.4",
            " 1.0.0",
            "latest",
            "1.x",
            "",
        ] {
            assert!(!is_valid_version(bad), "{bad}");
        }
    }

    #[test]
    fn ranges() {
        let ok = is_compatible_range;
        assert!(ok("0.1.0", "0.1.0"));
        assert!(!ok("0.1.0", "0.1.1"));
        assert!(ok("~1.2.3", "1.2.9"));
        assert!(!ok("~1.2.3", "1.3.0"));
        assert!(ok("^1.2.3", "1.9.0"));
        assert!(!ok("^1.2.3", "2.0.0"));
        assert!(ok("^0.2.3", "0.2.5"));
        assert!(!ok("^0.2.3", "0.3.0"));
        assert!(ok(">=1.0.0 <2.0.0", "1.5.0"));
        assert!(ok(">= 1.0.0, < 2.0.0", "1.5.0"));
        assert!(!ok(">=1.0.0 <2.0.0", "2.0.0"));
        assert!(ok("1.x", "1.4.0"));
        assert!(ok("*", "3.0.0"));
        assert!(!ok("*", "3.0.0-rc.1"));
        assert!(ok(">=1.0.0-0", "1.0.0-rc.1"));
        assert!(ok("1.0 - 2.0", "1.5.0"));
        assert!(ok("<1.0.0 || >=3.0.0", "3.1.0"));
        assert!(!ok("", "1.0.0"));
        assert!(!ok("1.0.0", "nope"));
    }
}
