//! A Markdown or MDX page as check-docs reads it: fences, shell words,
//! Helm command lines and placeholders.
#![no_main]

use ingresslab_core::Chart;
use ingresslab_core::doccheck::{DocOptions, read_page};

libfuzzer_sys::fuzz_target!(|page: &str| {
    let _ = read_page(page, &Chart::embedded(), &DocOptions::default());
});
