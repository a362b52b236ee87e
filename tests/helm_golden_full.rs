//! Whole-chart golden cases: `ingresslab template` on the two real chart
//! revisions must give what Helm v4.1.4 gave (`../shared/anchors/golden-full`),
//! document by document with its `# Source:`, compared as data; a refusal must
//! give Helm's `Error:` message and a non-zero exit status.
//!
//! `INGRESSLAB_CANDIDATE=helm` (with `INGRESSLAB_HELM`) runs the same cases
//! against real Helm, which checks the harness and the expected files.

use std::fs;
use std::path::Path;

use ingresslab_tests::helm_oracle::{
    Candidate, InProcess, RANDOM_MASK, candidate_from_env, compare_documents, data_documents,
    document_data, first_difference, mask_random_key, split_documents,
};
use ingresslab_tests::shared_dir;
use serde_json::Value;

/// One row of `<chart>.tsv`.
struct Case {
    chart: String,
    name: String,
    release: String,
    namespace: String,
}

fn read_cases(dir: &Path, chart: &str) -> Vec<Case> {
    let table = fs::read_to_string(dir.join(format!("{chart}.tsv"))).expect("<chart>.tsv");
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            assert_eq!(columns.len(), 3, "{chart}.tsv: {line:?}");
            Case {
                chart: chart.to_owned(),
                name: columns[0].to_owned(),
                release: columns[1].to_owned(),
                namespace: columns[2].to_owned(),
            }
        })
        .collect()
}

/// The case's failure, or `None` when the candidate matches Helm.
fn check(candidate: &dyn Candidate, dir: &Path, case: &Case) -> Option<String> {
    let chart = shared_dir().join(format!("anchors/charts/openshell-{}", case.chart));
    let values = dir.join(&case.chart).join(format!("{}.yaml", case.name));
    let args: Vec<String> = vec![
        case.release.clone(),
        chart.display().to_string(),
        "-n".into(),
        case.namespace.clone(),
        "-f".into(),
        values.display().to_string(),
    ];
    let expected_path = dir
        .join(format!("{}.expected", case.chart))
        .join(format!("{}.json", case.name));
    let expected: Value = serde_json::from_str(&fs::read_to_string(&expected_path).unwrap())
        .unwrap_or_else(|error| panic!("{}: {error}", expected_path.display()));
    let outcome = candidate.template(&args);
    let command = format!("template {}", args.join(" "));
    let failure = |what: String| {
        Some(format!(
            "{}/{}: {what}\n  command: {command}\n  status {}, stderr:\n{}",
            case.chart, case.name, outcome.status, outcome.stderr
        ))
    };

    if let Some(error) = expected.get("error") {
        let expected_message = format!("Error: {}", error.as_str().unwrap());
        if outcome.status == 0 {
            return failure(format!(
                "Helm refuses with `{expected_message}`; the candidate exited 0"
            ));
        }
        let message = outcome.error_message();
        if message.as_deref() != Some(expected_message.as_str()) {
            return failure(format!(
                "expected the error\n    {expected_message}\n  got\n    {}",
                message.as_deref().unwrap_or("<no `Error:` line>")
            ));
        }
        return None;
    }

    if outcome.status != 0 {
        return failure("Helm renders these values; the candidate refused".to_owned());
    }
    let expected_documents: Vec<(String, Value)> = expected["docs"]
        .as_array()
        .expect("`docs` or `error`")
        .iter()
        .map(|entry| {
            (
                entry["source"].as_str().unwrap().to_owned(),
                entry["doc"].clone(),
            )
        })
        .collect();
    // The expected files leave out the documents Helm prints with comments
    // only (a template whose `if` follows its licence header).
    let actual: Vec<(String, Value)> = match data_documents(&outcome.stdout) {
        Ok(documents) => documents
            .into_iter()
            .filter(|(_, data)| !data.is_null())
            .collect(),
        Err(error) => return failure(error),
    };
    compare_documents(&expected_documents, &actual).and_then(failure)
}

#[test]
fn whole_chart_renders_match_helm() {
    let in_process = InProcess;
    let candidate = candidate_from_env(&in_process);
    let dir = shared_dir().join("anchors/golden-full");
    let cases: Vec<Case> = ["released", "pr2108"]
        .iter()
        .flat_map(|chart| read_cases(&dir, chart))
        .collect();
    assert!(cases.len() >= 6, "golden-full has {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| check(candidate.as_ref(), &dir, case))
        .collect();
    println!(
        "{}: {} of {} whole-chart cases match Helm",
        candidate.name(),
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from Helm:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// The comparison itself: Helm's layout, the masked key, a pointer to the difference.
#[test]
fn the_comparison_reads_helm_layout_and_masks_the_random_key() {
    // `randBytes 32 | b64enc` as Helm printed it once.
    const KEY: &str = "Q253eFhPdExaSkd4YS9xUFVnVHFjNnhRc2l1YllLR2NCUkdZUVFmT1FzST0=";
    let stdout = "---\n# Source: c/templates/a.yaml\n# comment only\n\
        ---\n# Source: c/templates/credential-storage-key-encryption-key-secret.yaml\n\
        kind: Secret\ndata:\n  key-encryption-key: \"{KEY}\"\n";
    let stdout = stdout.replace("{KEY}", KEY);
    let documents = data_documents(&stdout).unwrap();
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[0].1, Value::Null);
    let masked = mask_random_key(&stdout);
    assert!(masked.ends_with("key-encryption-key: \"<random>\"\n"));
    assert_eq!(masked.len(), stdout.len() - KEY.len() + RANDOM_MASK.len());
    let expected =
        serde_json::json!({"kind": "Secret", "data": {"key-encryption-key": RANDOM_MASK}});
    assert_eq!(first_difference(&expected, &documents[1].1), None);
    let other = serde_json::json!({"kind": "Secret", "data": {"key-encryption-key": "x"}});
    assert!(
        first_difference(&other, &documents[1].1)
            .unwrap()
            .contains("/data/key-encryption-key")
    );
    let reordered = vec![documents[1].clone(), documents[0].clone()];
    assert!(
        compare_documents(&documents, &reordered)
            .unwrap()
            .contains("document 0")
    );
    assert!(data_documents("apiVersion: v1\n").is_err());
    // A block scalar ending one document keeps its newline, and the split
    // documents put together give the output back.
    let two = "---\n# Source: c/a.yaml\nx: |\n  a\n---\n# Source: c/b.yaml\ny: 1\n";
    let split = split_documents(two).unwrap();
    assert_eq!(
        document_data(&split[0].text).unwrap(),
        serde_json::json!({"x": "a\n"})
    );
    let joined: String = split
        .iter()
        .map(|document| format!("---\n# Source: {}\n{}", document.source, document.text))
        .collect();
    assert_eq!(joined, two);
}
