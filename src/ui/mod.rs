//! Leptos components. They render the [`crate::core::Report`] and turn user edits into
//! changes of the [`crate::scenario::Scenario`]; they do no maths.

pub mod app;
pub mod boot;
pub mod codec;
pub mod commitment;
pub mod commitment_inputs;
pub mod dom;
pub mod embed;
pub mod field;
pub mod html;
pub mod import;
pub mod js;
pub mod lazy;
pub mod models;
pub mod projection;
pub mod results;
pub mod rules;
pub mod selfhost;
pub mod share;
pub mod share_panels;
pub mod stages;
pub mod state;
pub mod table;
pub mod usage_import;
pub mod workloads;

pub use app::App;
