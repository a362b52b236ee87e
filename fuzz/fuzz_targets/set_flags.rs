//! One `--set` / `--set-string` flag, in Helm's strvals syntax.
#![no_main]

libfuzzer_sys::fuzz_target!(|flag: &str| {
    ingresslab_core::fuzzing::apply_set(flag);
});
