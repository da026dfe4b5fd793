//! The `rstudio-workbench` chart's own defaults, by version: its `values.yaml` at each version we ship
//! (data/kubernetes/chart-defaults/, verbatim from rstudio/helm with the commit in each NOTES.md).
//! The core never fetches them: the CLI compiles them in, the page loads chart-defaults.json when a
//! values file needs them.

/// A chart version, `major.minor.patch` (a pre-release suffix is dropped).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u32, pub u32, pub u32);

impl Version {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Version {
        Version(major, minor, patch)
    }

    /// `0.7.6`, `v0.7.6`, `0.4.0-rc15`, `rstudio-workbench-0.7.6` (a `helm.sh/chart` label).
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim().trim_matches(['"', '\'']);
        let text = text.rsplit("rstudio-workbench-").next().unwrap_or(text);
        let text = text.strip_prefix('v').unwrap_or(text);
        let core = text.split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|p| p.parse::<u32>().ok());
        let v = Version(parts.next()??, parts.next()??, parts.next()??);
        parts.next().is_none().then_some(v)
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// The chart's `values.yaml` texts, by version, oldest first.
#[derive(Clone, Debug, Default)]
pub struct ChartDefaults {
    pub versions: Vec<(Version, String)>,
}

impl ChartDefaults {
    /// The shipped defaults (data/kubernetes/chart-defaults/; VERSIONS.md says why these versions),
    /// compiled into the native build (the CLI, the tests).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn compiled_in() -> ChartDefaults {
        macro_rules! shipped {
            ($($v:literal),*) => {
                vec![$((
                    Version::parse($v).expect("a shipped version"),
                    include_str!(concat!("../../../data/kubernetes/chart-defaults/", $v, "/values.yaml")).to_string(),
                )),*]
            };
        }
        ChartDefaults {
            versions: shipped!(
                "0.4.0", "0.5.8", "0.5.18", "0.6.8", "0.7.6", "0.8.13", "0.9.16", "0.10.4",
                "0.21.0", "0.22.0"
            ),
        }
    }

    pub fn newest(&self) -> Option<Version> {
        self.versions.iter().map(|(v, _)| *v).max()
    }

    /// The defaults to use for `wanted`: the newest shipped version at or below it (the chart's
    /// defaults change rarely between the versions we ship; VERSIONS.md lists the changes).
    pub fn for_version(&self, wanted: Version) -> Option<(Version, &str)> {
        self.versions
            .iter()
            .filter(|(v, _)| *v <= wanted)
            .max_by_key(|(v, _)| *v)
            .map(|(v, text)| (*v, text.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn versions_parse_and_pick_the_nearest_below() {
        assert_eq!(Version::parse("0.4.0-rc15"), Some(Version(0, 4, 0)));
        assert_eq!(
            Version::parse("rstudio-workbench-0.7.6"),
            Some(Version(0, 7, 6))
        );
        assert_eq!(Version::parse("\"v0.10.4\""), Some(Version(0, 10, 4)));
        assert_eq!(Version::parse("latest"), None);
        let d = ChartDefaults::compiled_in();
        assert_eq!(d.versions.len(), 10);
        assert_eq!(d.newest(), Some(Version(0, 22, 0)));
        assert_eq!(
            d.for_version(Version(0, 7, 9)).map(|(v, _)| v),
            Some(Version(0, 7, 6))
        );
        assert_eq!(d.for_version(Version(0, 3, 9)), None);
    }
}
