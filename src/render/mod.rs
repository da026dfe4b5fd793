//! Text renderings of a report and of the rule catalog that every shell shares (Markdown for support
//! tickets and docs). Terminal colours and SARIF live in the CLI; they are of no use to the page.

mod markdown;
pub mod plan;
mod rule_docs;
pub mod symptoms;

pub use markdown::markdown;
pub use rule_docs::{rule_docs_markdown, rule_explanation};
