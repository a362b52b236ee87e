//! The oracle for `ingresslab template`: real Helm and the command under test
//! behind one `Candidate` interface, Helm's output split into its `# Source:`
//! documents, and comparison as data and as bytes, with reports that name the
//! first differing document, field or line.
//!
//! Real Helm is found through `INGRESSLAB_HELM` (`cargo xtask test` sets it).
//! Without it a test that needs Helm skips, unless `CI` or
//! `INGRESSLAB_REQUIRE_HELM` is set, when it fails.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use serde_json::Value;

/// The variable naming the Helm binary.
pub const HELM_VAR: &str = "INGRESSLAB_HELM";
/// The variable choosing the candidate: unset (the in-process CLI), `helm`, or
/// `helm-one-byte-off` (Helm with one byte of stdout changed, which every
/// comparison must catch).
pub const CANDIDATE_VAR: &str = "INGRESSLAB_CANDIDATE";
/// The template whose Secret carries `randBytes 32`, different on every render.
pub const RANDOM_KEY_SOURCE: &str = "templates/credential-storage-key-encryption-key-secret.yaml";
/// What a random key-encryption key reads as once masked (and in expected files).
pub const RANDOM_MASK: &str = "<random>";

/// What one `template` run gave: exit status, stdout and stderr.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The exit status (0 rendered, 1 refused).
    pub status: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Outcome {
    /// Helm's report of a refusal: the first stderr line starting with
    /// `Error: `, with the indented lines that continue it (a template
    /// execution error names the template on the first line and says what
    /// failed below it).
    #[must_use]
    pub fn error_message(&self) -> Option<String> {
        let mut lines = self
            .stderr
            .lines()
            .skip_while(|line| !line.starts_with("Error: "));
        let first = lines.next()?;
        let mut message = first.to_owned();
        for line in lines.take_while(|line| line.starts_with([' ', '\t'])) {
            message.push('\n');
            message.push_str(line);
        }
        Some(message)
    }
}

/// Something that behaves like `helm template`.
pub trait Candidate: Sync {
    /// A short name for reports.
    fn name(&self) -> String;
    /// Run with the arguments that follow `template`.
    fn template(&self, args: &[String]) -> Outcome;
}

/// `ingresslab template`, run in-process.
#[derive(Clone, Copy, Debug)]
pub struct InProcess;

impl Candidate for InProcess {
    fn name(&self) -> String {
        "ingresslab (in-process)".to_owned()
    }

    fn template(&self, args: &[String]) -> Outcome {
        let run = ingresslab_cli::run_captured(
            std::iter::once("template".to_owned()).chain(args.iter().cloned()),
        );
        Outcome {
            status: i32::from(run.status as u8),
            stdout: run.stdout,
            stderr: run.stderr,
        }
    }
}

/// Whether a missing Helm must fail rather than skip.
fn helm_required() -> bool {
    ["CI", "INGRESSLAB_REQUIRE_HELM"]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|value| !value.is_empty()))
}

/// Real Helm, run with a clean environment: no `HELM_*` settings and no kube
/// config of the machine's, so `-n ""` and defaults read as on any machine.
#[derive(Clone, Debug)]
pub struct Helm {
    binary: PathBuf,
    home: PathBuf,
}

impl Helm {
    /// Helm at `binary`, keeping its cache, config and data under `home`.
    #[must_use]
    pub fn new(binary: impl Into<PathBuf>, home: impl Into<PathBuf>) -> Self {
        Self {
            binary: binary.into(),
            home: home.into(),
        }
    }

    /// Helm from `INGRESSLAB_HELM`. `None` (after one line saying `test` was
    /// skipped) when it is unset on a developer's machine.
    ///
    /// # Panics
    /// When it is unset but `CI` or `INGRESSLAB_REQUIRE_HELM` is set, or when
    /// the binary it names does not run.
    #[must_use]
    pub fn from_env(test: &str) -> Option<Self> {
        match std::env::var_os(HELM_VAR).filter(|value| !value.is_empty()) {
            Some(binary) => Some(Self::checked(binary.into())),
            None if helm_required() => panic!(
                "{test}: {HELM_VAR} is not set, and CI or INGRESSLAB_REQUIRE_HELM requires real Helm; \
                 `cargo xtask test` installs it and sets the variable"
            ),
            None => {
                println!("{test}: skipped, {HELM_VAR} is not set (`cargo xtask test` sets it)");
                None
            }
        }
    }

    /// Helm from `INGRESSLAB_HELM`, which the caller asked for explicitly.
    ///
    /// # Panics
    /// When it is unset or does not run.
    #[must_use]
    pub fn required(what: &str) -> Self {
        std::env::var_os(HELM_VAR)
            .filter(|value| !value.is_empty())
            .map(|binary| Self::checked(binary.into()))
            .unwrap_or_else(|| panic!("{what} needs real Helm: set {HELM_VAR}"))
    }

    /// Helm at `binary` with its homes in a fresh temporary folder, once it
    /// has said its version.
    fn checked(binary: PathBuf) -> Self {
        let home = std::env::temp_dir().join(format!("ingresslab-helm-{}", std::process::id()));
        let helm = Self::new(binary, home);
        let _version = helm.version();
        helm
    }

    /// `helm version`, short form.
    ///
    /// # Panics
    /// When the binary does not run.
    #[must_use]
    pub fn version(&self) -> String {
        let output = self
            .command()
            .args(["version", "--short"])
            .output()
            .unwrap_or_else(|error| panic!("cannot run {}: {error}", self.binary.display()));
        assert!(
            output.status.success(),
            "{} version failed: {}",
            self.binary.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.binary);
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("HELM_") {
                command.env_remove(&name);
            }
        }
        command
            .env("KUBECONFIG", self.home.join("no-kubeconfig"))
            .env("HELM_CACHE_HOME", self.home.join("cache"))
            .env("HELM_CONFIG_HOME", self.home.join("config"))
            .env("HELM_DATA_HOME", self.home.join("data"));
        command
    }
}

impl Candidate for Helm {
    fn name(&self) -> String {
        format!("helm {}", self.version())
    }

    fn template(&self, args: &[String]) -> Outcome {
        let output = self
            .command()
            .arg("template")
            .args(args)
            .output()
            .unwrap_or_else(|error| panic!("cannot run {}: {error}", self.binary.display()));
        Outcome {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Real Helm with one byte of its stdout changed: the letter nearest the middle
/// changes case. A harness that passes it is broken.
#[derive(Clone, Debug)]
pub struct OneByteOff(pub Helm);

impl Candidate for OneByteOff {
    fn name(&self) -> String {
        format!("{} with one byte of stdout changed", self.0.name())
    }

    fn template(&self, args: &[String]) -> Outcome {
        let mut outcome = self.0.template(args);
        let mut bytes = outcome.stdout.into_bytes();
        let middle = bytes.len() / 2;
        if let Some(byte) = bytes
            .iter_mut()
            .skip(middle)
            .find(|byte| byte.is_ascii_alphabetic())
        {
            *byte ^= 0x20;
        }
        outcome.stdout = String::from_utf8(bytes).expect("ASCII case change keeps UTF-8");
        outcome
    }
}

/// The candidate `INGRESSLAB_CANDIDATE` names; `in_process` when it is unset.
///
/// # Panics
/// On an unknown name, or when a Helm-backed candidate is asked for without Helm.
#[must_use]
pub fn candidate_from_env<'a>(in_process: &'a (dyn Candidate + 'a)) -> Box<dyn Candidate + 'a> {
    struct Borrowed<'a>(&'a (dyn Candidate + 'a));
    impl Candidate for Borrowed<'_> {
        fn name(&self) -> String {
            self.0.name()
        }
        fn template(&self, args: &[String]) -> Outcome {
            self.0.template(args)
        }
    }
    match std::env::var(CANDIDATE_VAR).unwrap_or_default().as_str() {
        "" | "ingresslab" => Box::new(Borrowed(in_process)),
        "helm" => Box::new(Helm::required("INGRESSLAB_CANDIDATE=helm")),
        "helm-one-byte-off" => Box::new(OneByteOff(Helm::required(
            "INGRESSLAB_CANDIDATE=helm-one-byte-off",
        ))),
        other => panic!(
            "{CANDIDATE_VAR}={other:?}: expected unset, `ingresslab`, `helm` or `helm-one-byte-off`"
        ),
    }
}

/// One document of Helm's output: `---\n# Source: <source>\n<text>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The template it came from, as Helm names it (`helm-chart/templates/x.yaml`).
    pub source: String,
    /// The YAML after the `# Source:` line.
    pub text: String,
}

const SEPARATOR: &str = "---\n# Source: ";

/// Split stdout into documents exactly as Helm lays it out; joining
/// `---\n# Source: {source}\n{text}` over the documents gives stdout back.
///
/// # Errors
/// When the text is not in that layout.
pub fn split_documents(stdout: &str) -> Result<Vec<Document>, String> {
    if stdout.is_empty() {
        return Ok(Vec::new());
    }
    let rest = stdout.strip_prefix(SEPARATOR).ok_or_else(|| {
        format!(
            "stdout does not start with {SEPARATOR:?}: {:?}",
            first_chars(stdout)
        )
    })?;
    let chunks: Vec<&str> = rest.split(&format!("\n{SEPARATOR}")).collect();
    let last = chunks.len() - 1;
    chunks
        .iter()
        .enumerate()
        .map(|(index, chunk)| {
            let (source, text) = chunk.split_once('\n').ok_or_else(|| {
                format!(
                    "a `# Source:` line ends the output: {:?}",
                    first_chars(chunk)
                )
            })?;
            // The newline before the next `---` ends this document's text.
            let newline = if index == last { "" } else { "\n" };
            Ok(Document {
                source: source.to_owned(),
                text: format!("{text}{newline}"),
            })
        })
        .collect()
}

fn first_chars(text: &str) -> String {
    text.chars().take(80).collect()
}

/// A document's YAML as data: `null` for a document of comments only.
///
/// # Errors
/// When it is not YAML, or holds several YAML documents.
pub fn document_data(text: &str) -> Result<Value, String> {
    let mut values = Vec::new();
    for document in serde_norway::Deserializer::from_str(text) {
        values.push(Value::deserialize(document).map_err(|error| error.to_string())?);
    }
    match values.len() {
        0 => Ok(Value::Null),
        1 => Ok(values.remove(0)),
        n => Err(format!("{n} YAML documents under one `# Source:`")),
    }
}

/// Every document of stdout as `(source, data)`; a document that is not YAML
/// reads as a string naming the error, so it differs from anything Helm renders.
///
/// # Errors
/// When stdout is not in Helm's layout.
pub fn data_documents(stdout: &str) -> Result<Vec<(String, Value)>, String> {
    Ok(split_documents(stdout)?
        .into_iter()
        .map(|document| {
            let data = document_data(&document.text)
                .unwrap_or_else(|error| Value::String(format!("<not YAML: {error}>")));
            (document.source, data)
        })
        .collect())
}

/// Whether `text` is what `randBytes 32 | b64enc` prints. Sprig's `randBytes`
/// already returns base64 (44 characters for 32 bytes), so the Secret's value
/// is that text encoded again: 60 characters decoding to 44 base64 ones.
#[must_use]
pub fn is_random_key(text: &str) -> bool {
    base64_decode(text).is_some_and(|inner| {
        inner.len() == 44
            && std::str::from_utf8(&inner)
                .is_ok_and(|inner| base64_decode(inner).is_some_and(|raw| raw.len() == 32))
    })
}

/// Standard padded base64, or `None` when `text` is not that.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if text.is_empty() || !text.len().is_multiple_of(4) {
        return None;
    }
    let body = text.trim_end_matches('=');
    if text.len() - body.len() > 2 {
        return None;
    }
    let mut bits: u32 = 0;
    let mut count = 0;
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    for byte in body.bytes() {
        let value = ALPHABET.iter().position(|&letter| letter == byte)?;
        bits = (bits << 6) | u32::try_from(value).ok()?;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push(u8::try_from((bits >> count) & 0xff).ok()?);
        }
    }
    Some(out)
}

/// Stdout with the random key-encryption key replaced by `<random>`, every
/// other byte kept: in the document from [`RANDOM_KEY_SOURCE`], a line
/// `  key: "<value>"` whose value [`is_random_key`].
#[must_use]
pub fn mask_random_key(stdout: &str) -> String {
    let mut out = String::with_capacity(stdout.len());
    let mut in_secret = false;
    let mut previous_was_separator = false;
    for line in stdout.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        if previous_was_separator && let Some(source) = body.strip_prefix("# Source: ") {
            in_secret = source.ends_with(RANDOM_KEY_SOURCE);
        }
        previous_was_separator = body == "---";
        if in_secret
            && let Some((key, value)) = body.split_once(": \"")
            && let Some(value) = value.strip_suffix('"')
            && is_random_key(value)
        {
            out.push_str(key);
            out.push_str(": \"");
            out.push_str(RANDOM_MASK);
            out.push('"');
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Where `actual` first differs from `expected`, as a JSON pointer with both
/// values; `None` when equal. A `"<random>"` in `expected` matches any
/// [`is_random_key`] string.
#[must_use]
pub fn first_difference(expected: &Value, actual: &Value) -> Option<String> {
    difference_at(expected, actual, &mut String::new())
}

fn difference_at(expected: &Value, actual: &Value, pointer: &mut String) -> Option<String> {
    let here = |pointer: &str| {
        Some(format!(
            "at {:?}: expected {}, got {}",
            if pointer.is_empty() { "/" } else { pointer },
            short_json(expected),
            short_json(actual)
        ))
    };
    match (expected, actual) {
        (Value::String(mask), Value::String(text))
            if mask == RANDOM_MASK && (is_random_key(text) || text == RANDOM_MASK) =>
        {
            None
        }
        (Value::Object(left), Value::Object(right)) => {
            for (key, left_value) in left {
                let mark = pointer.len();
                write!(pointer, "/{}", key.replace('~', "~0").replace('/', "~1")).unwrap();
                let found = match right.get(key) {
                    Some(right_value) => difference_at(left_value, right_value, pointer),
                    None => Some(format!(
                        "at {pointer:?}: expected {}, got no such key",
                        short_json(left_value)
                    )),
                };
                pointer.truncate(mark);
                if found.is_some() {
                    return found;
                }
            }
            let extra = right.keys().find(|key| !left.contains_key(*key))?;
            Some(format!(
                "at \"{pointer}/{extra}\": expected no such key, got {}",
                short_json(&right[extra])
            ))
        }
        (Value::Array(left), Value::Array(right)) => {
            for (index, (left_value, right_value)) in left.iter().zip(right).enumerate() {
                let mark = pointer.len();
                write!(pointer, "/{index}").unwrap();
                let found = difference_at(left_value, right_value, pointer);
                pointer.truncate(mark);
                if found.is_some() {
                    return found;
                }
            }
            (left.len() != right.len()).then(|| {
                format!(
                    "at {:?}: expected {} items, got {}",
                    if pointer.is_empty() { "/" } else { pointer },
                    left.len(),
                    right.len()
                )
            })
        }
        (Value::String(left), Value::String(right)) if left != right && left.contains('\n') => {
            Some(format!(
                "at {pointer:?}, a text of several lines: {}",
                first_differing_line(left, right).unwrap_or_default()
            ))
        }
        _ if expected == actual => None,
        _ => here(pointer),
    }
}

fn short_json(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 200 {
        format!("{}…", text.chars().take(200).collect::<String>())
    } else {
        text
    }
}

/// Compare two runs' documents in order, with their `# Source:`; `None` when
/// equal, else the first difference.
#[must_use]
pub fn compare_documents(
    expected: &[(String, Value)],
    actual: &[(String, Value)],
) -> Option<String> {
    for (index, (left, right)) in expected.iter().zip(actual).enumerate() {
        if left.0 != right.0 {
            return Some(format!(
                "document {index}: expected `# Source: {}`, got `# Source: {}`",
                left.0, right.0
            ));
        }
        if let Some(difference) = first_difference(&left.1, &right.1) {
            return Some(format!(
                "document {index} ({}, {} {}): {difference}",
                left.0,
                left.1["kind"].as_str().unwrap_or("-"),
                left.1["metadata"]["name"].as_str().unwrap_or("-"),
            ));
        }
    }
    if expected.len() == actual.len() {
        return None;
    }
    let sources = |documents: &[(String, Value)], from: usize| {
        documents[from.min(documents.len())..]
            .iter()
            .map(|(source, _)| source.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let common = expected.len().min(actual.len());
    Some(format!(
        "expected {} documents, got {}; only expected: [{}]; only got: [{}]",
        expected.len(),
        actual.len(),
        sources(expected, common),
        sources(actual, common)
    ))
}

/// The first line where two texts differ, with two lines of context; `None`
/// when they are byte for byte equal.
#[must_use]
pub fn first_differing_line(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let left: Vec<&str> = expected.split_inclusive('\n').collect();
    let right: Vec<&str> = actual.split_inclusive('\n').collect();
    let index = (0..left.len().max(right.len()))
        .find(|&index| left.get(index) != right.get(index))
        .unwrap_or(0);
    let mut report = format!("first differing line is {}:\n", index + 1);
    for line in &left[index.saturating_sub(2).min(left.len())..index.min(left.len())] {
        writeln!(report, "    {line:?}").unwrap();
    }
    writeln!(
        report,
        "  - {:?}",
        left.get(index).copied().unwrap_or("<end>")
    )
    .unwrap();
    write!(
        report,
        "  + {:?}",
        right.get(index).copied().unwrap_or("<end>")
    )
    .unwrap();
    Some(report)
}

/// Write `text` to `path`, creating its folder.
///
/// # Panics
/// When the file cannot be written.
pub fn write_file(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}
