//! Section 7 of the rule catalog: files and permissions.

pub mod file_permissions_too_open;
pub mod launcher_file_unreadable;
pub mod referenced_file_not_provided;
