//! Leptos views. One component per file; state lives in [`App`].

// Leptos' #[component] macro generates `pub` props types and functions.
#![allow(unreachable_pub)]

mod app;
mod diagram;
mod manifests;
mod problems;

pub use app::App;
