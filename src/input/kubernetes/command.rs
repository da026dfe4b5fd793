//! A pasted `helm install|upgrade|template` command: its release, namespace, chart version, values
//! files and `--set` flags. Real reports often carry only that.

use super::values::SetKind;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HelmCommand {
    pub release: Option<String>,
    pub namespace: Option<String>,
    pub version: Option<String>,
    /// The chart reference (`rstudio/rstudio-workbench`).
    pub chart: Option<String>,
    /// `-f`/`--values` files in order (`-` is standard input).
    pub values_files: Vec<String>,
    /// `--set` family flags in order: (the flag as written, its kind, its argument).
    pub sets: Vec<(String, SetKind, String)>,
}

/// The first `helm install|upgrade|template` command in `text` that installs a Workbench chart, with
/// its continued lines (`\` at the end of a line) joined.
pub fn find(text: &str) -> Option<HelmCommand> {
    let joined = text.replace("\\\r\n", " ").replace("\\\n", " ");
    joined.lines().find_map(|line| {
        let words = shell_words(line);
        let start = words
            .iter()
            .position(|w| w == "helm" || w.ends_with("/helm"))?;
        let command = parse(&words[start + 1..])?;
        let chart = command.chart.as_deref().unwrap_or("");
        (chart.contains("rstudio-workbench")
            || chart.contains("rstudio-server")
            || chart.contains("workbench"))
        .then_some(command)
    })
}

fn parse(words: &[String]) -> Option<HelmCommand> {
    let sub = words.first()?;
    if !matches!(sub.as_str(), "install" | "upgrade" | "template") {
        return None;
    }
    let mut out = HelmCommand::default();
    let mut positional = Vec::new();
    let mut i = 1;
    while i < words.len() {
        let word = &words[i];
        if matches!(word.as_str(), "|" | "&&" | ";" | "||") {
            break;
        }
        let (flag, inline) = match word.split_once('=') {
            Some((f, v)) if f.starts_with('-') => (f, Some(v.to_string())),
            _ => (word.as_str(), None),
        };
        let takes_value = matches!(
            flag,
            "-f" | "--values"
                | "--set"
                | "--set-string"
                | "--set-file"
                | "--set-json"
                | "--set-literal"
                | "--version"
                | "-n"
                | "--namespace"
                | "--kube-context"
                | "--timeout"
                | "--repo"
                | "-o"
                | "--output"
                | "--post-renderer"
                | "--description"
                | "--kubeconfig"
                | "--output-dir"
        );
        let value = if takes_value {
            match inline {
                Some(v) => Some(v),
                None => {
                    i += 1;
                    words.get(i).cloned()
                }
            }
        } else {
            None
        };
        match (flag, value) {
            ("-f" | "--values", Some(v)) => {
                out.values_files.extend(v.split(',').map(str::to_string))
            }
            ("--set" | "--set-json", Some(v)) => {
                out.sets.push((format!("{flag} {v}"), SetKind::Typed, v))
            }
            ("--set-string" | "--set-literal", Some(v)) => {
                out.sets.push((format!("{flag} {v}"), SetKind::String, v))
            }
            ("--set-file", Some(v)) => out.sets.push((format!("{flag} {v}"), SetKind::File, v)),
            ("--version", Some(v)) => out.version = Some(v),
            ("-n" | "--namespace", Some(v)) => out.namespace = Some(v),
            _ if word.starts_with('-') => {}
            _ => positional.push(word.clone()),
        }
        i += 1;
    }
    // install/upgrade/template [NAME] CHART: with one positional word it is the chart
    // (`--generate-name`).
    match positional.as_slice() {
        [chart] => out.chart = Some(chart.clone()),
        [name, chart, ..] => {
            out.release = Some(name.clone());
            out.chart = Some(chart.clone());
        }
        [] => {}
    }
    Some(out)
}

/// Shell words: quotes removed, `\x` kept as `x` outside single quotes, `${VAR}` left as written.
///
/// Written here because the few rules a pasted command needs do not justify a dependency.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                // Inside double quotes a backslash escapes only `"`, `\`, `$` and a backquote.
                match chars.peek() {
                    Some(&n) if "\"\\$`".contains(n) => {
                        word.push(n);
                        chars.next();
                    }
                    _ => word.push('\\'),
                }
            }
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                if let Some(n) = chars.next() {
                    word.push(n);
                }
                in_word = true;
            }
            (None, '#') if !in_word => break,
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_real_command() {
        // tests/fixtures/kubernetes/cases/soleng-workshop-ha-ville/command.txt
        let c = find("helm upgrade --install ha-ville rstudio/rstudio-workbench \\\n  --set license.key=\"${RSW_LICENSE}\" \\\n  --set \"config.secret.database\\.conf.password\"=\"${RSW_POSTGRES_PASS}\" \\\n  -f ha-ville.yaml\n").unwrap();
        assert_eq!(c.release.as_deref(), Some("ha-ville"));
        assert_eq!(c.chart.as_deref(), Some("rstudio/rstudio-workbench"));
        assert_eq!(c.values_files, ["ha-ville.yaml"]);
        assert_eq!(c.sets.len(), 2);
        assert_eq!(
            c.sets[1].2,
            "config.secret.database\\.conf.password=${RSW_POSTGRES_PASS}"
        );
        let c = find("$ helm upgrade --install workbench rstudio/rstudio-workbench --version=0.7.6 -n posit --set service.type=LoadBalancer").unwrap();
        assert_eq!(c.version.as_deref(), Some("0.7.6"));
        assert_eq!(c.namespace.as_deref(), Some("posit"));
        assert!(find("helm repo add rstudio https://helm.rstudio.com").is_none());
        assert!(find("helm install my-db bitnami/postgresql").is_none());
    }
}
