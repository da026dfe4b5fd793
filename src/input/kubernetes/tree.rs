//! One small tree for every YAML the Kubernetes reader meets (values files, `--set` flags, manifests,
//! the chart's own defaults): scalars typed as Helm types them, maps in the order written, and for
//! every node where it came from, so a finding can say what decided it.

/// Where a value came from: what a finding names as having decided it.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// A line of an input (a values file or a manifest).
    File { name: String, line: u32 },
    /// A `--set` family flag of a pasted `helm` command.
    Flag(String),
    /// The chart's own `values.yaml` of this version.
    ChartDefault(String),
    /// Written by the chart's templates, not by any values key: what and where.
    Injected(&'static str),
}

impl Origin {
    /// The origin in words: "values.yaml line 12", "the chart 0.22.0's default".
    pub fn words(&self) -> String {
        match self {
            Origin::File { name, line } => format!("{} line {line}", super::super::base_name(name)),
            Origin::Flag(flag) => format!("`{flag}` in the helm command"),
            Origin::ChartDefault(version) => format!("the default of chart {version}"),
            Origin::Injected(what) => (*what).to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// Helm reads values as JSON, so every number is a float64.
    Number(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Keys in the order written (a later duplicate replaces an earlier one, as Go's YAML reader does).
    Map(Vec<(String, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub origin: Origin,
}

impl Node {
    pub fn new(value: Value, origin: Origin) -> Node {
        Node { value, origin }
    }

    pub fn map(&self) -> Option<&[(String, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn seq(&self) -> &[Node] {
        match &self.value {
            Value::Seq(s) => s,
            _ => &[],
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.map()?
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The node at a dotted path of keys (`["config", "server", "rserver.conf"]`).
    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }

    pub fn str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        self.value == Value::Null
    }

    /// Go templates' truth (`{{ if .Values.x }}`): false, 0, "", null, an empty map or list are false.
    pub fn truthy(&self) -> bool {
        match &self.value {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => *n != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Seq(s) => !s.is_empty(),
            Value::Map(m) => !m.is_empty(),
        }
    }

    pub fn number(&self) -> Option<f64> {
        match &self.value {
            Value::Number(n) => Some(*n),
            Value::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The value as sprig's `toString` writes it into a rendered file (`fmt.Sprintf("%v")`).
    pub fn go_string(&self) -> String {
        match &self.value {
            Value::Null => "<nil>".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => go_float(*n),
            Value::Str(s) => s.clone(),
            Value::Seq(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(Node::go_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            Value::Map(entries) => {
                let mut sorted: Vec<&(String, Node)> = entries.iter().collect();
                sorted.sort_by(|a, b| a.0.cmp(&b.0));
                format!(
                    "map[{}]",
                    sorted
                        .iter()
                        .map(|(k, v)| format!("{k}:{}", v.go_string()))
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            }
        }
    }

    /// The line of an input this node was read from, if it was.
    pub fn line(&self) -> Option<u32> {
        match self.origin {
            Origin::File { line, .. } => Some(line),
            _ => None,
        }
    }
}

/// Go's `%v` of a float64, which is `%g` with the shortest digits that read back: an exponent from
/// 1e6 up and below 1e-4. That is why Helm writes `1000000` from a values file as `1e+06`.
///
/// Written here because it is a few lines and no crate formats floats Go's way.
pub fn go_float(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    // Rust's `{:e}` is the shortest round-trip digits with an exponent: `1.234567e6`.
    let scientific = format!("{n:e}");
    let Some((mantissa, exp)) = scientific.split_once('e') else {
        return scientific;
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    if n == 0.0 || (-4..6).contains(&exp) {
        // Rust's Display is the shortest round-trip form without an exponent, as Go's %g then is.
        return format!("{n}");
    }
    let sign = if exp < 0 { '-' } else { '+' };
    format!(
        "{mantissa}e{sign}{}",
        pad_exponent(&exp.unsigned_abs().to_string())
    )
}

fn pad_exponent(digits: &str) -> String {
    if digits.len() < 2 {
        format!("0{digits}")
    } else {
        digits.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_written_as_go_writes_them() {
        // Go's own outputs (`fmt.Sprintf("%v", x)`), as Helm users meet them in rendered files.
        assert_eq!(go_float(8787.0), "8787");
        assert_eq!(go_float(999999.0), "999999");
        assert_eq!(go_float(1e6), "1e+06");
        assert_eq!(go_float(1234567.0), "1.234567e+06");
        assert_eq!(go_float(0.5), "0.5");
        assert_eq!(go_float(0.0001), "0.0001");
        assert_eq!(go_float(-3.0), "-3");
        assert_eq!(go_float(0.0), "0");
        assert_eq!(go_float(1.5e-7), "1.5e-07");
    }
}
