//! Leptos components. They render the [`crate::core::Report`] and turn user edits into
//! changes of the [`crate::scenario::Scenario`]; they do no maths.

pub mod app;
pub mod boot;
pub mod field;
pub mod results;

pub use app::App;
