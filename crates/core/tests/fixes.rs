//! A diagnostic's fix, applied to the text it was found in, resolves it.

use ingresslab_core::{Diagnostic, Input, analyze};

/// The text with the first fix of `code` applied.
fn fixed(text: &str, code: &str) -> (String, Diagnostic) {
    let analysis = analyze(&Input::with_values("values.yaml", text));
    let diagnostic = analysis
        .diagnostics
        .iter()
        .find(|diagnostic| diagnostic.code.as_str() == code && diagnostic.fix.is_some())
        .unwrap_or_else(|| panic!("no {code} with a fix in {:?}", analysis.diagnostics))
        .clone();
    let fix = diagnostic.fix.as_ref().unwrap();
    let span = fix.origin.span;
    let mut text = text.to_owned();
    text.replace_range(span.start as usize..span.end as usize, &fix.replacement);
    (text, diagnostic)
}

fn codes(text: &str) -> Vec<String> {
    analyze(&Input::with_values("values.yaml", text))
        .diagnostics
        .iter()
        .map(|diagnostic| format!("{} {}", diagnostic.code, diagnostic.path))
        .collect()
}

#[test]
fn a_misspelt_key_is_renamed() {
    let (text, diagnostic) = fixed(
        "gatewayApi:\n  gateway:\n    create: true\n    clasName: eg\n",
        "VA001",
    );
    assert_eq!(diagnostic.fix.unwrap().label, "rename to className");
    assert_eq!(
        text,
        "gatewayApi:\n  gateway:\n    create: true\n    className: eg\n"
    );
    assert!(codes(&text).iter().all(|code| !code.starts_with("VA001")));
}

#[test]
fn a_quoted_boolean_loses_its_quotes() {
    let (text, _) = fixed("gatewayApi:\n  gateway:\n    create: \"false\"\n", "VA002");
    assert_eq!(text, "gatewayApi:\n  gateway:\n    create: false\n");
    assert!(codes(&text).is_empty(), "{:?}", codes(&text));
}
