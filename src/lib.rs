//! wb-ssl-check: checks Posit Workbench SSL and Job Launcher configuration.
//!
//! The core is pure: [`check`] takes named inputs and options and returns a [`Report`]; it does no I/O,
//! reads no clock and does no cryptographic arithmetic, so the same code runs natively (CLI, tests) and
//! in WebAssembly (the page). Signatures are questions it asks ([`check_round`]) and audited code
//! answers: ring natively, the platform's WebCrypto in WebAssembly ([`pki::signatures`]).
//!
//! Flow, one way (no module imports one above it): [`base`] (severity, channel, location, wording) →
//! [`input`] decodes and classifies bytes, and reads pasted s_client/curl output → [`config`] resolves
//! settings with rserver's own semantics, [`pki`] reads certificates and keys → [`model`] links files
//! into deployments → [`facts`] computes what everyone shares, once → [`rules`] (one file per rule,
//! one registry) report typed findings → [`report`], [`channels`] and [`chain_view`] → the shells.

pub mod base;
pub mod catalog;
pub mod chain_view;
pub mod channels;
mod check;
pub mod config;
pub mod derived;
pub mod edits;
pub mod facts;
pub mod fix;
pub mod input;
pub mod limits;
pub mod listing;
pub mod metadata;
pub mod model;
pub mod net;
pub mod pki;
pub mod plan;
pub mod render;
pub mod report;
pub mod rules;
pub mod symptoms;

#[cfg(feature = "cli")]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(target_arch = "wasm32")]
pub mod webcrypto;

pub use check::{check, check_round, format_time, parse_time, referenced_paths, MAX_ROUNDS};
pub use input::Input;
pub use model::CheckOptions;
pub use report::Report;
