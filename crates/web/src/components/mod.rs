//! Leptos views. One component per file; state lives in [`App`].

// Leptos' #[component] macro generates `pub` props types and functions.
#![allow(unreachable_pub)]

mod app;
mod completion;
mod diagram;
mod gutter;
mod highlight;
mod manifests;
mod problems;
mod values;

pub use app::App;
