//! A values file as `-f` reads it: YAML with anchors, merges and spans.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| {
    ingresslab_core::fuzzing::read_values(text);
});
