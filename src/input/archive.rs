//! Archives: a `.tar.gz`/`.tgz`, `.tar`, `.zip` or a lone `.gz` given as one input, usually a copy of
//! `/etc/rstudio` or a diagnostics folder attached to a ticket. Its members are read as if they had
//! been given one by one, each classified by its content, under the name `<archive>/<member path>`:
//! folders inside the archive then pair files into servers, and into the nodes of a cluster, exactly
//! as the CLI's folders do (`model::pair_configs`).
//!
//! Everything happens in memory: nothing is ever written to disk, so a member's path (`../../etc/x`,
//! an absolute path, a link) is only a name. Limits ([`Limits`]) bound what an archive can cost, so an
//! archive bomb gives a `limit-exceeded` finding, not an exhausted page.
//!
//! Recognising an archive (`format_of`) is always compiled; opening one needs the `archives` feature
//! (flate2, tar and zip), which the page's first module leaves out: there an archive is listed as not
//! opened, and the page moves to its second module (scripts/build-web).

/// An archive's format, from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// gzip around a tar (`.tar.gz`, `.tgz`).
    TarGz,
    Tar,
    Zip,
    /// gzip around one file (`rserver.log.gz`).
    Gzip,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::TarGz => "a .tar.gz archive",
            Format::Tar => "a .tar archive",
            Format::Zip => "a .zip archive",
            Format::Gzip => "a gzip-compressed file",
        }
    }
}

/// What opening an archive gave: the archive's own entry in the report. Its members are inputs of
/// their own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opened {
    pub format: Format,
    /// The archive's own size, in bytes.
    pub size: usize,
    /// Members read as inputs.
    pub members: usize,
    /// Members not read, each with why: `` `x`: a symbolic link (not followed) ``.
    pub skipped: Vec<String>,
    /// The limit reading stopped at, in words; members read before it are still checked.
    pub limit: Option<String>,
    /// Why the archive (or its rest) could not be read: corrupt, truncated, encrypted.
    pub error: Option<String>,
}

impl Opened {
    pub fn description(&self) -> String {
        let mut out = format!(
            "{} of {} bytes: {} {} read from it, each by its content",
            self.format.label(),
            self.size,
            self.members,
            if self.members == 1 { "file" } else { "files" }
        );
        if !self.skipped.is_empty() {
            const SHOWN: usize = 5;
            let mut listed = self.skipped[..self.skipped.len().min(SHOWN)].join("; ");
            if self.skipped.len() > SHOWN {
                listed.push_str(&format!("; and {} more", self.skipped.len() - SHOWN));
            }
            out.push_str(&format!("; {} skipped ({listed})", self.skipped.len()));
        }
        if let Some(limit) = &self.limit {
            out.push_str(&format!("; stopped at a limit: {limit}"));
        }
        if let Some(error) = &self.error {
            out.push_str(&format!("; {error}"));
        }
        out
    }
}

/// The format of bytes that are an archive, if they are one. `name` decides only between a gzipped
/// tar and a lone gzipped file when the content cannot be looked into (without the `archives` feature).
pub fn format_of(name: &str, bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(&[0x1f, 0x8b, 0x08]) {
        let base = name.to_ascii_lowercase();
        return Some(if base.ends_with(".tar.gz") || base.ends_with(".tgz") {
            Format::TarGz
        } else {
            Format::Gzip
        });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some(Format::Zip);
    }
    if is_tar(bytes) {
        return Some(Format::Tar);
    }
    None
}

/// A POSIX or GNU tar: the `ustar` magic of the first header block.
fn is_tar(bytes: &[u8]) -> bool {
    bytes.len() >= 512 && &bytes[257..262] == b"ustar"
}

/// What one check may take out of archives, together. Real `/etc/rstudio` copies hold tens of small
/// files; a diagnostics folder a few hundred, with logs of some megabytes.
pub struct Limits;

impl Limits {
    /// Members read, over all archives.
    pub const MEMBERS: usize = 2_000;
    /// Bytes taken out of archives, over all of them: the same as all inputs together.
    pub const TOTAL_BYTES: usize = crate::limits::MAX_TOTAL_BYTES;
    /// Bytes out per byte in, past the first MiB. Configs, certificates and logs compress 3 to 20
    /// times, a log of one line repeated about 100; deflate's most, about 1032:1, is runs of one byte,
    /// the filling of an archive bomb.
    pub const RATIO: usize = 250;
    /// Archives inside archives: a zip of the nodes' `.tar.gz`s is two levels.
    pub const NESTING: usize = 3;
    /// Folders in a member's path.
    pub const PATH_DEPTH: usize = 32;
}

/// The inputs with every archive among them opened: the archive stays (with what opening it gave,
/// and no bytes), and its members follow it. Other inputs are unchanged.
#[cfg(feature = "archives")]
pub fn expand(inputs: &[super::Input]) -> Vec<super::Input> {
    let mut budget = Budget {
        members: 0,
        bytes: 0,
    };
    let mut out = Vec::with_capacity(inputs.len());
    for input in inputs {
        expand_into(input.clone(), 0, &mut budget, &mut out);
    }
    out
}

#[cfg(feature = "archives")]
struct Budget {
    members: usize,
    bytes: usize,
}

#[cfg(feature = "archives")]
fn expand_into(
    mut input: super::Input,
    nesting: usize,
    budget: &mut Budget,
    out: &mut Vec<super::Input>,
) {
    let Some(format) = (input.read_error.is_none() && input.opened.is_none())
        .then(|| format_of(&input.name, &input.bytes))
        .flatten()
    else {
        out.push(input);
        return;
    };
    let bytes = std::mem::take(&mut input.bytes);
    let mut opened = Opened {
        format,
        size: bytes.len(),
        members: 0,
        skipped: Vec::new(),
        limit: None,
        error: None,
    };
    let mut members = Vec::new();
    if nesting >= Limits::NESTING {
        opened.limit = Some(format!(
            "an archive inside {} levels of archives is not opened",
            Limits::NESTING
        ));
    } else {
        let mut reader = Reader {
            archive: &input.name,
            compressed: bytes.len(),
            taken: 0,
            budget,
            opened: &mut opened,
            members: &mut members,
        };
        reader.read(&bytes);
    }
    opened.members = members.len();
    input.opened = Some(opened);
    out.push(input);
    for member in members {
        expand_into(member, nesting + 1, budget, out);
    }
}

/// A stream that fails once it has given `left` bytes and has more, setting `hit`.
#[cfg(feature = "archives")]
struct Capped<R> {
    inner: R,
    left: usize,
    hit: std::rc::Rc<std::cell::Cell<bool>>,
}

#[cfg(feature = "archives")]
impl<R: std::io::Read> std::io::Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            if self.inner.read(&mut [0u8; 1])? == 0 {
                return Ok(0);
            }
            self.hit.set(true);
            return Err(std::io::Error::other("over the archive limit"));
        }
        let n = buf.len().min(self.left);
        let got = self.inner.read(&mut buf[..n])?;
        self.left -= got;
        Ok(got)
    }
}

/// Why reading stopped: a limit (already noted on the archive), or a read error.
#[cfg(feature = "archives")]
enum Stop {
    Limit,
    Error(String),
}

/// Reads one archive's members into inputs, within the budget.
#[cfg(feature = "archives")]
struct Reader<'a> {
    archive: &'a str,
    /// The archive's own size, for the ratio.
    compressed: usize,
    /// Bytes taken out of this archive so far.
    taken: usize,
    budget: &'a mut Budget,
    opened: &'a mut Opened,
    members: &'a mut Vec<super::Input>,
}

#[cfg(feature = "archives")]
impl Reader<'_> {
    fn read(&mut self, bytes: &[u8]) {
        match self.opened.format {
            Format::Zip => self.read_zip(bytes),
            Format::Tar => self.read_tar(bytes, &std::cell::Cell::new(false)),
            Format::TarGz | Format::Gzip => {
                use std::io::Read;
                let mut decoder = flate2::read::GzDecoder::new(bytes);
                let original_name = decoder
                    .header()
                    .and_then(|h| h.filename())
                    .map(|n| String::from_utf8_lossy(n).into_owned());
                // Everything that comes out of the decoder counts, members or not: a tar's skipped
                // entries cost decompression too.
                let hit = std::rc::Rc::new(std::cell::Cell::new(false));
                let mut stream = Capped {
                    inner: &mut decoder,
                    left: self.room(),
                    hit: hit.clone(),
                };
                let mut head = Vec::with_capacity(512);
                if let Err(e) = (&mut stream).take(512).read_to_end(&mut head) {
                    let stop = self.why(&hit, e, "the decompressed archive");
                    return self.stopped(stop);
                }
                if is_tar(&head) {
                    self.opened.format = Format::TarGz;
                    let whole = std::io::Cursor::new(head).chain(stream);
                    self.read_tar(whole, &hit);
                } else {
                    self.opened.format = Format::Gzip;
                    let rest = match self.take(&mut stream, "the decompressed file") {
                        Ok(rest) => rest,
                        Err(Stop::Error(e)) => {
                            let stop =
                                self.why(&hit, std::io::Error::other(e), "the decompressed file");
                            return self.stopped(stop);
                        }
                        Err(stop) => return self.stopped(stop),
                    };
                    head.extend(rest);
                    let name = original_name.unwrap_or_else(|| {
                        let base = super::base_name(self.archive);
                        let lower = base.to_ascii_lowercase();
                        let stem = lower
                            .strip_suffix(".gz")
                            .map(|s| &base[..s.len()])
                            .unwrap_or(base);
                        stem.to_string()
                    });
                    self.add(&name, head);
                }
            }
        }
    }

    /// How many more bytes this archive may give: what is left of the total, and of its ratio.
    fn room(&self) -> usize {
        let ratio_cap = (1usize << 20).max(self.compressed.saturating_mul(Limits::RATIO));
        (Limits::TOTAL_BYTES - self.budget.bytes).min(ratio_cap.saturating_sub(self.taken))
    }

    /// A read error of a capped stream: the limit (noted on the archive) when the cap was hit.
    fn why(&mut self, hit: &std::cell::Cell<bool>, e: std::io::Error, what: &str) -> Stop {
        if hit.get() {
            self.note_limit(what);
            Stop::Limit
        } else {
            Stop::Error(e.to_string())
        }
    }

    fn note_limit(&mut self, what: &str) {
        let ratio_cap = (1usize << 20).max(self.compressed.saturating_mul(Limits::RATIO));
        self.opened.limit = Some(
            if self.budget.bytes + ratio_cap.saturating_sub(self.taken) > Limits::TOTAL_BYTES {
                format!(
                    "{what} goes past the {} MiB that archives may hold in all",
                    Limits::TOTAL_BYTES >> 20
                )
            } else {
                format!(
                "{what} decompresses to more than {}:1 of the archive's size, the shape of an archive bomb",
                Limits::RATIO
            )
            },
        );
    }

    /// Everything `from` gives, within the limits left. A limit reached is noted on the archive;
    /// a read error is returned, for the caller to say whether the rest could be read.
    fn take(&mut self, from: &mut dyn std::io::Read, what: &str) -> Result<Vec<u8>, Stop> {
        use std::io::Read;
        let room = self.room();
        let mut data = Vec::new();
        match from.take(room as u64 + 1).read_to_end(&mut data) {
            Ok(n) if n > room => {
                self.note_limit(what);
                Err(Stop::Limit)
            }
            Ok(n) => {
                self.taken += n;
                self.budget.bytes += n;
                Ok(data)
            }
            Err(e) => Err(Stop::Error(e.to_string())),
        }
    }

    fn stopped(&mut self, stop: Stop) {
        if let Stop::Error(e) = stop {
            self.opened.error = Some(format!(
                "it is corrupt or truncated ({e}), so the rest of it was not read"
            ));
        }
    }

    /// Adds a member under its path in the archive; `false` when no more may be added.
    fn add(&mut self, path: &str, bytes: Vec<u8>) -> bool {
        if self.budget.members >= Limits::MEMBERS {
            self.opened.limit = Some(format!(
                "more than {} files in archives; the rest were not read",
                Limits::MEMBERS
            ));
            return false;
        }
        self.budget.members += 1;
        let mut member = super::Input::new(format!("{}/{path}", self.archive), bytes);
        member.in_archive = true;
        self.members.push(member);
        true
    }

    /// A member's path as a name: `/`-separated, without `.`, `..` or leading `/` (it names, it is
    /// never opened); `None` for entries nobody would want read (macOS resource forks, folders only).
    fn member_path(&mut self, raw: &[u8]) -> Option<String> {
        let raw = String::from_utf8_lossy(raw).replace('\\', "/");
        let parts: Vec<&str> = raw
            .split('/')
            .filter(|p| !p.is_empty() && *p != "." && *p != "..")
            .collect();
        let last = parts.last()?;
        if parts.first() == Some(&"__MACOSX") || last.starts_with("._") {
            return None;
        }
        if parts.len() > Limits::PATH_DEPTH {
            self.opened.skipped.push(format!(
                "`{last}`: more than {} folders deep",
                Limits::PATH_DEPTH
            ));
            return None;
        }
        Some(parts.join("/"))
    }

    fn read_tar(&mut self, from: impl std::io::Read, hit: &std::cell::Cell<bool>) {
        let mut archive = tar::Archive::new(from);
        let entries = match archive.entries() {
            Ok(entries) => entries,
            Err(e) => {
                self.opened.error = Some(format!("it could not be read as a tar ({e})"));
                return;
            }
        };
        for entry in entries {
            let mut entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let stop = self.why(
                        hit,
                        std::io::Error::other(e.to_string()),
                        "the decompressed archive",
                    );
                    return self.stopped(stop);
                }
            };
            let kind = entry.header().entry_type();
            let raw = entry.path_bytes().into_owned();
            if kind.is_dir() {
                continue;
            }
            let Some(path) = self.member_path(&raw) else {
                continue;
            };
            if !(kind.is_file() || kind.is_contiguous()) {
                let what = if kind.is_symlink() || kind.is_hard_link() {
                    "a link (not followed)"
                } else {
                    "not a regular file"
                };
                self.opened.skipped.push(format!("`{path}`: {what}"));
                continue;
            }
            let what = format!("`{path}`");
            let data = match self.take(&mut entry, &what) {
                Ok(data) => data,
                Err(Stop::Error(e)) => {
                    let stop = self.why(hit, std::io::Error::other(e), &what);
                    return self.stopped(stop);
                }
                Err(stop) => return self.stopped(stop),
            };
            if !self.add(&path, data) {
                return;
            }
        }
        // tar stops at its end marker; the rest of a gzip stream holds its checksum, which is what
        // tells whether the members read were whole.
        if let Err(e) = std::io::copy(&mut archive.into_inner(), &mut std::io::sink()) {
            let stop = self.why(hit, e, "the end of the archive");
            self.stopped(stop);
        }
    }

    fn read_zip(&mut self, bytes: &[u8]) {
        let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
            Ok(archive) => archive,
            Err(e) => {
                self.opened.error = Some(format!("it could not be read as a zip ({e})"));
                return;
            }
        };
        for i in 0..archive.len() {
            let mut file = match archive.by_index(i) {
                Ok(file) => file,
                Err(e) => {
                    // One member the reader cannot open (encrypted, an unsupported compression
                    // method): the others are still read.
                    self.opened.skipped.push(format!("member {}: {e}", i + 1));
                    continue;
                }
            };
            if file.is_dir() {
                continue;
            }
            let raw = file.name_raw().to_vec();
            let Some(path) = self.member_path(&raw) else {
                continue;
            };
            if file.is_symlink() {
                self.opened
                    .skipped
                    .push(format!("`{path}`: a link (not followed)"));
                continue;
            }
            let data = match self.take(&mut file, &format!("`{path}`")) {
                Ok(data) => data,
                // A member that fails its checksum or inflation: a zip's others may still be fine.
                Err(Stop::Error(e)) => {
                    self.opened.skipped.push(format!("`{path}`: corrupt ({e})"));
                    continue;
                }
                Err(Stop::Limit) => return,
            };
            if !self.add(&path, data) {
                return;
            }
        }
    }
}
