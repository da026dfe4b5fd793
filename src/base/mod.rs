//! The bottom layer: types and helpers that every other layer uses (severity, channel, location,
//! wording and redaction). It imports nothing from the crate.

mod sort;
mod types;
mod words;

pub use sort::{sort, sort_by};
pub use types::{Channel, Location, PrintedBy, SettingRef, Severity};
pub use words::{
    count, excerpt, looks_like_path, looks_secret, lower_first, markdown_prose, nth, ordinal,
    shown_line, upper_first,
};
