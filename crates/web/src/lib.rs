//! The ingresslab playground: edit values, see the diagnostics and the
//! manifests the chart renders, recomputed by `ingresslab_core` on every
//! keystroke, entirely in the page.
//!
//! [`page`] holds what the page shows as plain data (tested natively);
//! [`components`] are the Leptos views over it.

mod components;
mod editor;
pub mod highlight;
pub mod page;
pub mod share;

pub use components::App;
