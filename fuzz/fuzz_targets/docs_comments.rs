//! A values.yaml as helm-docs reads it: `# --` comments, `@default`,
//! `@raw`, sections, then the README written from it.
#![no_main]

use ingresslab_core::docs::{DocsInput, SortOrder, readme};

libfuzzer_sys::fuzz_target!(|values_yaml: &str| {
    let _ = readme(&DocsInput {
        chart_yaml: "apiVersion: v2\nname: fuzz\nversion: 0.1.0\n",
        values_yaml,
        requirements_yaml: None,
        template: None,
        sort: SortOrder::Alphanum,
    });
});
