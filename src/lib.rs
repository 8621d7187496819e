//! AI inference cost calculator.
//!
//! A [`scenario::Scenario`] (what the user entered) goes through [`core::evaluate`] (pure
//! maths) to a [`core::Report`] (what the page shows), which the Leptos components in `ui`
//! render. `core` and `scenario` are pure and compile natively; `ui` exists only for wasm32,
//! `cli` (the command line over the same core) only natively.

pub mod core;
pub mod scenario;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
