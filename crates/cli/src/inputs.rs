//! Reading the files and flags named on the command line into a core `Input`.

use std::cell::Cell;
use std::fs;
use std::io::Read;
use std::path::Path;

use ingresslab_core::values::{DEFAULT_INPUT_LIMIT, INPUT_LIMIT_HELP, input_too_large};
use ingresslab_core::{Chart, Input, Release, SetFlag, SetKind, ValuesFile};

use crate::args::ValuesArgs;

/// Read the chart, values files and flags.
///
/// # Errors
/// A message naming the file that could not be read or used.
pub(crate) fn load(args: &ValuesArgs) -> Result<Input, String> {
    let chart = chart(args.chart.as_deref())?;
    let from_stdin = args.values.iter().filter(|path| is_stdin(path)).count();
    if from_stdin > 1 {
        return Err("-f - reads standard input, which can be read only once".to_owned());
    }
    let value_files = args
        .values
        .iter()
        .map(|path| {
            Ok(ValuesFile {
                name: display_name(path),
                text: read(path)?,
            })
        })
        .collect::<Result<_, String>>()?;
    let set_flags = args
        .set
        .iter()
        .map(|text| (SetKind::Set, text))
        .chain(
            args.set_string
                .iter()
                .map(|text| (SetKind::SetString, text)),
        )
        .map(|(kind, text)| SetFlag {
            kind,
            text: text.clone(),
        })
        .collect();
    Ok(Input {
        chart,
        value_files,
        set_flags,
        release: Release {
            name: args.release_name.clone(),
            namespace: args.namespace.clone(),
        },
        chart_files: args
            .chart
            .as_deref()
            .map(crate::chart_files::chart_source)
            .transpose()?,
        controller: args.controller,
        cluster: args.cluster.cluster(),
    })
}

/// The chart in `dir`, or the embedded one.
pub(crate) fn chart(dir: Option<&Path>) -> Result<Chart, String> {
    dir.map_or_else(|| Ok(Chart::embedded()), load_chart)
}

fn load_chart(dir: &Path) -> Result<Chart, String> {
    let chart_yaml = read(&dir.join("Chart.yaml"))?;
    let values_path = dir.join("values.yaml");
    let values_text = if values_path.exists() {
        read(&values_path)?
    } else {
        String::new()
    };
    Chart::from_texts(
        &chart_yaml,
        &values_path.display().to_string(),
        &values_text,
    )
    .map_err(|error| format!("{}: {error}", dir.display()))
}

thread_local! {
    /// `--max-input-size` of the run on this thread (set by `run`, so runs
    /// captured side by side in tests keep their own).
    static INPUT_LIMIT: Cell<usize> = const { Cell::new(DEFAULT_INPUT_LIMIT) };
}

/// Use `limit` for every file this thread reads from now on.
pub(crate) fn set_input_limit(limit: usize) {
    INPUT_LIMIT.with(|cell| cell.set(limit));
}

/// Read a UTF-8 text file; `-` is standard input, as with Helm's `-f -`.
pub(crate) fn read(path: &Path) -> Result<String, String> {
    let name = display_name(path);
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|_| format!("cannot read {name}: the file is not UTF-8 text"))
}

/// A file's bytes (`-` is standard input), refused past the input limit
/// before they are all read.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let name = display_name(path);
    let limit = INPUT_LIMIT.with(Cell::get);
    let cannot = |error: std::io::Error| format!("cannot read {name}: {error}");
    let reader: Box<dyn Read> = if is_stdin(path) {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(fs::File::open(path).map_err(cannot)?)
    };
    let mut bytes = Vec::new();
    // One byte past the limit says the file is larger, without reading it all.
    let limit_plus_one = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader
        .take(limit_plus_one)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > limit {
        // A file's size is known; a stream is not read to its end.
        let size = (!is_stdin(path))
            .then(|| fs::metadata(path).ok())
            .flatten()
            .map(|metadata| usize::try_from(metadata.len()).unwrap_or(usize::MAX));
        let what = input_too_large(&name, size, limit);
        return Err(format!("{what} [IN002]; {INPUT_LIMIT_HELP}"));
    }
    Ok(bytes)
}

/// Whether `path` names standard input.
pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// How a file is named in messages: `<stdin>` for `-`.
pub(crate) fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}
