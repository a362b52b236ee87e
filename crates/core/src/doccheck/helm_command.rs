//! A `helm install`, `helm upgrade` or `helm template` command line, read
//! as Helm reads it: which release, which chart, which values.

use super::shell::Word;
use crate::analysis::SetKind;

/// The Helm commands that render a chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelmVerb {
    /// `helm install`.
    Install,
    /// `helm upgrade` (with or without `--install`).
    Upgrade,
    /// `helm template`: no cluster.
    Template,
}

impl HelmVerb {
    /// The subcommand as typed.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Install => "install",
            Self::Upgrade => "upgrade",
            Self::Template => "template",
        }
    }

    /// Whether Helm talks to a cluster, so `.Capabilities` is the cluster's.
    #[must_use]
    pub fn reaches_cluster(self) -> bool {
        !matches!(self, Self::Template)
    }
}

/// A values flag of the command, with the word that carries its value.
#[derive(Clone, Debug)]
pub(crate) struct ValueFlag {
    pub(crate) kind: SetKind,
    pub(crate) value: Word,
}

/// The parts of a Helm command ingresslab checks.
#[derive(Clone, Debug)]
pub(crate) struct HelmCommand {
    pub(crate) verb: HelmVerb,
    /// The `helm` word.
    pub(crate) start: usize,
    pub(crate) release: Option<Word>,
    pub(crate) chart: Option<Word>,
    pub(crate) namespace: Option<Word>,
    /// `--version`: which release of the chart (not checked; its placeholder is reported).
    pub(crate) version: Option<Word>,
    pub(crate) values_files: Vec<Word>,
    pub(crate) set_flags: Vec<ValueFlag>,
    /// `--set-file` and `--set-literal`, which are checked as strings.
    pub(crate) string_flags: Vec<(String, Word)>,
    pub(crate) kube_version: Option<String>,
    pub(crate) api_versions: Vec<String>,
    /// `--repo URL`: the chart is a name in that repository.
    pub(crate) repo: Option<String>,
}

/// Flags of `helm install`, `upgrade` and `template` (Helm v4.1.4's
/// `pkg/cmd`, with the global ones) that take a value in the next word.
/// `--wait` and `--dry-run` take one only after `=`.
const TAKES_VALUE: &[&str] = &[
    "--version",
    "--namespace",
    "-n",
    "--values",
    "-f",
    "--set",
    "--set-string",
    "--set-json",
    "--set-file",
    "--set-literal",
    "--kube-version",
    "--api-versions",
    "-a",
    "--repo",
    "--username",
    "--password",
    "--cert-file",
    "--key-file",
    "--ca-file",
    "--timeout",
    "--description",
    "--post-renderer",
    "--post-renderer-args",
    "--name-template",
    "--output-dir",
    "--show-only",
    "-s",
    "--output",
    "-o",
    "--labels",
    "-l",
    "--history-max",
    "--kube-context",
    "--kubeconfig",
    "--kube-apiserver",
    "--kube-as-user",
    "--kube-as-group",
    "--kube-ca-file",
    "--kube-token",
    "--kube-tls-server-name",
    "--burst-limit",
    "--qps",
    "--registry-config",
    "--repository-cache",
    "--repository-config",
    "--content-cache",
];

/// Read `words` (after `helm`) as a rendering Helm command, or `None` for
/// any other Helm command (`repo add`, `uninstall`, ...).
pub(crate) fn parse(words: &[Word]) -> Option<HelmCommand> {
    let helm = words.first()?;
    let verb = match words.get(1)?.text.as_str() {
        "install" | "i" => HelmVerb::Install,
        "upgrade" => HelmVerb::Upgrade,
        "template" => HelmVerb::Template,
        _ => return None,
    };
    let mut command = HelmCommand {
        verb,
        start: helm.start(),
        release: None,
        chart: None,
        namespace: None,
        version: None,
        values_files: Vec::new(),
        set_flags: Vec::new(),
        string_flags: Vec::new(),
        kube_version: None,
        api_versions: Vec::new(),
        repo: None,
    };
    let mut positionals = Vec::new();
    let mut generate_name = false;
    let mut rest = words[2..].iter();
    while let Some(word) = rest.next() {
        let text = word.text.as_str();
        if text == "--" {
            positionals.extend(rest.by_ref().cloned());
            break;
        }
        if !text.starts_with('-') || text == "-" {
            positionals.push(word.clone());
            continue;
        }
        // `--flag=value`, `-fvalue`, or `--flag value`.
        let (name, value) = match text.split_once('=') {
            Some((name, _)) if name.starts_with("--") => (name, Some(word.tail(name.len() + 1))),
            _ if !text.starts_with("--") && text.len() > 2 && text.is_char_boundary(2) => {
                let name = &text[..2];
                if TAKES_VALUE.contains(&name) {
                    let from = if text.as_bytes()[2] == b'=' { 3 } else { 2 };
                    (name, Some(word.tail(from)))
                } else {
                    (text, None)
                }
            }
            _ => (text, None),
        };
        if matches!(name, "-g" | "--generate-name") {
            generate_name = true;
        }
        if !TAKES_VALUE.contains(&name) {
            continue;
        }
        let Some(value) = value.or_else(|| rest.next().cloned()) else {
            break;
        };
        match name {
            "-n" | "--namespace" => command.namespace = Some(value),
            "--version" => command.version = Some(value),
            "-f" | "--values" => {
                // `-f a.yaml,b.yaml` names two files, as Helm splits it.
                let mut from = 0;
                for part in value.text.split(',') {
                    let mut file = value.tail(from);
                    file.text.truncate(part.len());
                    file.offsets.truncate(part.len());
                    from += part.len() + 1;
                    command.values_files.push(file);
                }
            }
            "--set" => command.set_flags.push(ValueFlag {
                kind: SetKind::Set,
                value,
            }),
            "--set-string" => command.set_flags.push(ValueFlag {
                kind: SetKind::SetString,
                value,
            }),
            "--set-json" => command.set_flags.push(ValueFlag {
                kind: SetKind::SetJson,
                value,
            }),
            "--set-file" | "--set-literal" => command.string_flags.push((name.to_owned(), value)),
            "--kube-version" => command.kube_version = Some(value.text),
            "-a" | "--api-versions" => command
                .api_versions
                .extend(value.text.split(',').map(str::to_owned)),
            "--repo" => command.repo = Some(value.text),
            _ => {}
        }
    }
    let mut positionals = positionals.into_iter();
    match (verb, generate_name) {
        (HelmVerb::Install | HelmVerb::Template, true) => command.chart = positionals.next(),
        (HelmVerb::Template, false) if words.len() > 2 => {
            // `helm template CHART` names no release.
            let first = positionals.next();
            match positionals.next() {
                Some(chart) => {
                    command.release = first;
                    command.chart = Some(chart);
                }
                None => command.chart = first,
            }
        }
        _ => {
            command.release = positionals.next();
            command.chart = positionals.next();
        }
    }
    Some(command)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command(line: &str) -> HelmCommand {
        let offsets: Vec<usize> = (0..line.len()).collect();
        let words = &super::super::shell::commands(line, &offsets)[0];
        parse(words).expect("a rendering command")
    }

    #[test]
    fn release_chart_and_values_flags() {
        let parsed = command(
            "helm upgrade --install openshell oci://ghcr.io/x/helm-chart --version 1.0 -n ns --set a=1 --set-string=b=2 -fvalues.yaml,more.yaml --wait --set-json 'c={\"d\":1}'",
        );
        assert_eq!(parsed.verb, HelmVerb::Upgrade);
        assert_eq!(parsed.release.unwrap().text, "openshell");
        assert_eq!(parsed.chart.unwrap().text, "oci://ghcr.io/x/helm-chart");
        assert_eq!(parsed.namespace.unwrap().text, "ns");
        let files: Vec<String> = parsed
            .values_files
            .iter()
            .map(|file| file.text.clone())
            .collect();
        assert_eq!(files, ["values.yaml", "more.yaml"]);
        assert_eq!(parsed.values_files[1].start(), 121);
        let kinds: Vec<(SetKind, &str)> = parsed
            .set_flags
            .iter()
            .map(|flag| (flag.kind, flag.value.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (SetKind::Set, "a=1"),
                (SetKind::SetString, "b=2"),
                (SetKind::SetJson, "c={\"d\":1}")
            ]
        );
    }

    #[test]
    fn template_with_one_positional_names_only_the_chart() {
        let parsed = command("helm template ./chart --set a=1");
        assert!(parsed.release.is_none());
        assert_eq!(parsed.chart.unwrap().text, "./chart");
        assert!(parse(&super::super::shell::commands("helm repo add x y", &[0; 17])[0]).is_none());
        // A short flag with a letter of more than one byte is an unknown flag, not a crash.
        assert_eq!(
            command("helm template -é ./chart").chart.unwrap().text,
            "./chart"
        );
    }
}
