//! From rendered template files to `helm template`'s output: files split
//! into documents, each read for its kind and hook annotations, sorted in
//! install order, printed with `---` and `# Source:` headers
//! (`pkg/release/v1/util/manifest.go`, `manifest_sorter.go`,
//! `kind_sorter.go`, `pkg/action/action.go`, `pkg/cmd/template.go`).

use std::collections::HashMap;

use crate::engine::Value;

/// Helm's `InstallOrder`.
const INSTALL_ORDER: &[&str] = &[
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// Hook events Helm knows; a document with another hook is dropped.
const HOOK_EVENTS: &[&str] = &[
    "pre-install",
    "post-install",
    "pre-delete",
    "post-delete",
    "pre-upgrade",
    "post-upgrade",
    "pre-rollback",
    "post-rollback",
    "test",
    "test-success",
];

/// One document of the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The template it came from (`helm-chart/templates/gateway.yaml`).
    pub source: String,
    /// Its text, trimmed, as printed.
    pub content: String,
    /// Its `kind` (empty when it has none).
    pub kind: String,
    /// Whether it is a test hook (`helm.sh/hook: test`).
    pub is_test_hook: bool,
}

/// Documents sorted as Helm prints them: manifests, then hooks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sorted {
    /// Resources, in install order.
    pub manifests: Vec<Document>,
    /// Hook resources, in install order.
    pub hooks: Vec<Document>,
}

/// Helm's `SplitManifests`: the documents of one file, trimmed, empty ones
/// dropped. The separator is the pattern `(?:^|\s*\n)---\s*`, matched
/// leftmost-first: `---` at the very start, or after a run of white space
/// that ends in a newline; it takes the white space after it too.
#[must_use]
pub fn split_manifests(text: &str) -> Vec<String> {
    let text = go_trim(text);
    let bytes = text.as_bytes();
    let is_space = |byte: u8| matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let skip_space = |mut at: usize| {
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        at
    };
    let mut pieces = Vec::new();
    let mut piece_start = 0;
    if text.starts_with("---") {
        piece_start = skip_space(3);
    }
    // A separator's white space ends in the newline before its `---`, so
    // each one is found at a `\n---`; those the previous separator's
    // trailing white space swallowed are not separators.
    for newline in memchr::memmem::find_iter(bytes, b"\n---") {
        if newline < piece_start {
            continue;
        }
        let mut run_start = newline;
        while run_start > piece_start && is_space(bytes[run_start - 1]) {
            run_start -= 1;
        }
        pieces.push(&text[piece_start..run_start]);
        piece_start = skip_space(newline + 4);
    }
    pieces.push(&text[piece_start.min(text.len())..]);
    pieces
        .into_iter()
        .filter(|document| !document.is_empty())
        .map(|document| go_trim(document).to_owned())
        .collect()
}

/// Go's `strings.TrimSpace` (Unicode white space).
fn go_trim(text: &str) -> &str {
    text.trim_matches(|ch: char| ch.is_whitespace())
}

/// Heads of the documents the last render read, by file and place in it,
/// with their text: a render with other values leaves most documents as
/// they were. (Keyed by place so that only short keys are hashed.)
#[derive(Default)]
pub(crate) struct HeadCache {
    heads: HashMap<(String, usize), (String, Head)>,
}

/// Helm's `SortManifests` over rendered files (path, text), given in path order.
/// With a `cache`, a document's head is taken from it when the last render
/// read the same text there; the cache then holds this render's.
///
/// # Errors
/// `YAML parse error on <file>: ...` for a document Helm cannot read.
pub(crate) fn sort_manifests<'f>(
    files: impl IntoIterator<Item = (&'f String, &'f String)>,
    mut cache: Option<&mut HeadCache>,
) -> Result<Sorted, String> {
    let mut sorted = Sorted::default();
    let mut read = HashMap::new();
    for (path, content) in files {
        if crate::engine::gopath::is_partial(path) || go_trim(content).is_empty() {
            continue;
        }
        for (index, document) in split_manifests(content).into_iter().enumerate() {
            let place = (path.clone(), index);
            let cached = cache
                .as_deref_mut()
                .and_then(|cache| cache.heads.remove(&place))
                .filter(|(text, _)| *text == document);
            let head = match cached {
                Some((_, head)) => head,
                None => read_head(&document)
                    .map_err(|error| format!("YAML parse error on {path}: {error}"))?,
            };
            if cache.is_some() {
                read.insert(place, (document.clone(), head.clone()));
            }
            let entry = Document {
                source: path.clone(),
                content: document,
                kind: head.kind,
                is_test_hook: false,
            };
            match head.hook {
                None => sorted.manifests.push(entry),
                Some(events) => {
                    let events: Vec<String> = events
                        .split(',')
                        .map(|event| event.trim().to_lowercase())
                        .collect();
                    if events
                        .iter()
                        .any(|event| !HOOK_EVENTS.contains(&event.as_str()))
                    {
                        continue;
                    }
                    let is_test_hook = events
                        .iter()
                        .any(|event| event == "test" || event == "test-success");
                    sorted.hooks.push(Document {
                        is_test_hook,
                        ..entry
                    });
                }
            }
        }
    }
    if let Some(cache) = cache {
        cache.heads = read;
    }
    sort_by_kind(&mut sorted.manifests);
    sort_by_kind(&mut sorted.hooks);
    Ok(sorted)
}

/// Helm's `lessByKind`, stable: known kinds in install order, then unknown
/// kinds by name.
fn sort_by_kind(documents: &mut [Document]) {
    let rank = |kind: &str| INSTALL_ORDER.iter().position(|known| *known == kind);
    crate::sort::sort_by(documents, |left, right| {
        match (rank(&left.kind), rank(&right.kind)) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => left.kind.cmp(&right.kind),
        }
    });
}

/// What Helm reads of a document (`SimpleHead`).
#[derive(Clone)]
struct Head {
    kind: String,
    /// The `helm.sh/hook` annotation.
    hook: Option<String>,
}

/// Read a document as `yaml.Unmarshal(doc, &SimpleHead{})` does; the
/// engine's reader gives Helm's error texts, wrong field types included.
fn read_head(document: &str) -> Result<Head, String> {
    let value = crate::engine::yaml::parse_manifest(document)?;
    let text = |value: Option<Value>| value.and_then(|value| value.as_str().map(str::to_owned));
    let Some(map) = value.as_map() else {
        return Ok(Head {
            kind: String::new(),
            hook: None,
        });
    };
    let hook = map
        .get("metadata")
        .and_then(|metadata| metadata.as_map()?.get("annotations"))
        .and_then(|annotations| annotations.as_map()?.get("helm.sh/hook"));
    Ok(Head {
        kind: text(map.get("kind")).unwrap_or_default(),
        hook: text(hook),
    })
}

/// The stdout of `helm template`: CRDs when asked, the manifests, then the
/// hooks (test hooks dropped with `--skip-tests`), or only the documents
/// `--show-only` names.
///
/// # Errors
/// `could not find template X in chart` for a `--show-only` pattern that matches nothing.
pub fn print_output(
    crds: &[(String, String)],
    sorted: &Sorted,
    show_only: &[String],
    skip_tests: bool,
    no_hooks: bool,
) -> Result<String, String> {
    let mut manifest = String::new();
    for (source, content) in crds {
        manifest.push_str(&format!("---\n# Source: {source}\n{content}\n"));
    }
    for document in &sorted.manifests {
        manifest.push_str(&format!(
            "---\n# Source: {}\n{}\n",
            document.source, document.content
        ));
    }
    let mut out = String::new();
    out.push_str(go_trim(&manifest));
    out.push('\n');
    for hook in &sorted.hooks {
        if no_hooks || (skip_tests && hook.is_test_hook) {
            continue;
        }
        out.push_str(&format!(
            "---\n# Source: {}\n{}\n",
            hook.source, hook.content
        ));
    }
    if show_only.is_empty() {
        return Ok(out);
    }
    let pieces = split_manifests(&out);
    let mut shown = String::new();
    for pattern in show_only {
        let pattern = pattern.replace('\\', "/");
        let mut missing = true;
        for piece in &pieces {
            let Some(name) = source_path(piece) else {
                continue;
            };
            if !super::ignore::filepath_match(&pattern, name).unwrap_or(false) {
                continue;
            }
            shown.push_str(&format!("---\n{piece}\n"));
            missing = false;
        }
        if missing {
            return Err(format!("could not find template {pattern} in chart"));
        }
    }
    Ok(shown)
}

/// What `# Source: [^/]+/(.+)` captures in a printed document.
fn source_path(piece: &str) -> Option<&str> {
    let start = piece.find("# Source: ")? + "# Source: ".len();
    let line = piece[start..].lines().next()?;
    let slash = line.find('/')?;
    if slash == 0 {
        return None;
    }
    let rest = &line[slash + 1..];
    (!rest.is_empty()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_follows_helms_separator_pattern() {
        // manifest.go: `(?:^|\s*\n)---\s*` eats the blank line after `---`, so a
        // second `---` right after it stays inside the next document.
        let docs = split_manifests("a: 1\n---\n\n---\nkind: Zeta\n---foo: bar\n");
        assert_eq!(docs, ["a: 1", "---\nkind: Zeta", "foo: bar"]);
        assert_eq!(
            split_manifests("---\n# only a comment\n"),
            ["# only a comment"]
        );
        assert!(split_manifests("  \n---\n  ").is_empty());
    }

    #[test]
    fn split_equals_the_pattern_on_generated_text() {
        // The pattern itself, with Go's Split semantics, as the reference.
        let pattern = regex_lite::Regex::new(r"(?:^|[\t\n\x0c\r ]*\n)---[\t\n\x0c\r ]*").unwrap();
        let reference = |text: &str| -> Vec<String> {
            pattern
                .split(go_trim(text))
                .filter(|document| !document.is_empty())
                .map(|document| go_trim(document).to_owned())
                .collect()
        };
        let atoms = ["a", "-", "---", "\n", " ", "\t", "#", "\r\n"];
        let mut state = 0x2108_u64;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..12 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(atoms[(state >> 33) as usize % atoms.len()]);
            }
            assert_eq!(split_manifests(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn kinds_sort_in_install_order_then_by_name() {
        let doc = |kind: &str| Document {
            source: String::new(),
            content: kind.to_owned(),
            kind: kind.to_owned(),
            is_test_hook: false,
        };
        let mut documents = vec![
            doc("Gateway"),
            doc("Service"),
            doc(""),
            doc("Namespace"),
            doc("GRPCRoute"),
        ];
        sort_by_kind(&mut documents);
        let kinds: Vec<&str> = documents
            .iter()
            .map(|document| document.kind.as_str())
            .collect();
        assert_eq!(kinds, ["Namespace", "Service", "", "GRPCRoute", "Gateway"]);
    }

    #[test]
    fn source_paths_drop_the_chart_name() {
        assert_eq!(
            source_path("# Source: helm-chart/templates/a.yaml\nkind: X"),
            Some("templates/a.yaml")
        );
    }
}
