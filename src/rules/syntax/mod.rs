//! Section 1 of the rule catalog: inputs, syntax and options of any config file.

pub mod cluster_incomplete;
pub mod duplicate_option;
pub mod empty_value;
pub mod file_unrecognized;
pub mod input_too_large;
pub mod input_unreadable;
pub mod invalid_value;
pub mod limit_exceeded;
pub mod missing_section;
pub mod option_in_wrong_file;
pub mod option_outside_section;
pub mod placeholder_value;
pub mod quoted_value;
pub mod section_in_rserver_conf;
pub mod unexpanded_variable;
pub mod unknown_cluster_reference;
pub mod unknown_cluster_type;
pub mod unknown_option;
pub mod unparsable_line;
pub mod unsupported_encoding;
pub mod value_truncated_by_comment;
