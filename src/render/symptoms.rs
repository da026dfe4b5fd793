//! A symptom's words for people, shared by the Markdown report and the terminal: the channel and how
//! it was decided, and what explains it or what to ask for.

use crate::report::Symptom;

/// "`ticket.txt:3` (3 times), printed by a browser".
pub fn where_words(s: &Symptom) -> String {
    let times = if s.count > 1 {
        format!(" ({} times)", s.count)
    } else {
        String::new()
    };
    format!(
        "{}:{}{times}, printed by {}",
        s.input,
        s.line,
        s.printed_by.words()
    )
}

/// "channel a (Browser ⇄ Workbench): …", "channel not decided (a or c): …", "no Workbench channel: …".
pub fn channel_words(s: &Symptom) -> String {
    match s.channel {
        Some(c) => format!("channel {} ({}): {}", c.as_str(), c.title(), s.decided_by),
        None if s.candidates.is_empty() => format!("no Workbench channel: {}", s.decided_by),
        None => format!(
            "channel not decided ({}): {}",
            crate::base::Channel::list(&s.candidates, "or"),
            s.decided_by
        ),
    }
}

/// What explains it: the findings, else the files to ask for, else that the given files explain none
/// of its usual causes.
pub fn explained_words(s: &Symptom) -> String {
    if !s.confirmed_by.is_empty() {
        let rules: Vec<String> = s.confirmed_by.iter().map(|r| format!("`{r}`")).collect();
        format!("explained by the findings {}", rules.join(", "))
    } else if !s.ask_for.is_empty() {
        format!(
            "nothing given explains it; ask for {}",
            s.ask_for.join("; ")
        )
    } else if s.channel.is_none() && s.candidates.is_empty() {
        "not about Workbench's configuration".to_string()
    } else {
        "the given files explain none of its usual causes".to_string()
    }
}
