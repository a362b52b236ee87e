//! `ingresslab template`: `helm template`'s arguments, stdout and `Error:`
//! line, from the engine in the core.

use std::path::Path;

use ingresslab_core::helm::{TemplateRequest, ValuesInput, file_input, set_file_paths, template};

use crate::args::TemplateArgs;
use crate::chart_files::{chart_source, os_error};
use crate::printer;
use crate::{ExitStatus, Terminal};

/// Deeply nested `include`s recurse in the engine; give them room.
const RENDER_STACK_BYTES: usize = 64 * 1024 * 1024;

pub(crate) fn run(args: &TemplateArgs, terminal: &mut Terminal<'_>) -> Result<ExitStatus, String> {
    let outcome = if crate::stack::main_stack_can_grow_to(RENDER_STACK_BYTES) {
        render(args)
    } else {
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("template".to_owned())
                .stack_size(RENDER_STACK_BYTES)
                .spawn_scoped(scope, || render(args))
                .map_err(|error| format!("cannot start the renderer: {error}"))?
                .join()
                .map_err(|_| "the renderer stopped unexpectedly".to_owned())
        })?
    };
    match outcome {
        Ok(stdout) => {
            printer::text(terminal.stdout, &stdout);
            Ok(ExitStatus::Clean)
        }
        Err(stderr) => {
            printer::text(terminal.stderr, &stderr);
            Ok(ExitStatus::Refused)
        }
    }
}

/// Helm's stdout, or everything it writes to stderr.
fn render(args: &TemplateArgs) -> Result<String, String> {
    let error = |message: String| format!("Error: {message}\n");
    let (release_name, chart_ref) = match args.args.as_slice() {
        [chart] => ("release-name".to_owned(), chart.clone()),
        [name, chart] => (name.clone(), chart.clone()),
        [_, _, rest @ ..] => {
            return Err(error(format!(
                "expected at most two arguments, unexpected arguments: {}",
                rest.join(", ")
            )));
        }
        [] => {
            return Err(error(
                "\"ingresslab template\" requires at least 1 argument".to_owned(),
            ));
        }
    };
    let chart_path = Path::new(&chart_ref);
    if !chart_path.exists() {
        return Err(error(format!("path {chart_ref:?} not found")));
    }
    let mut request = TemplateRequest::new(&release_name, &args.namespace);
    for file in &args.values {
        let bytes = read_file(file).map_err(error)?;
        request.values.push(file_input(file, bytes).map_err(error)?);
    }
    request
        .values
        .extend(args.set_json.iter().cloned().map(ValuesInput::SetJson));
    request
        .values
        .extend(args.set.iter().cloned().map(ValuesInput::Set));
    request
        .values
        .extend(args.set_string.iter().cloned().map(ValuesInput::SetString));
    for text in &args.set_file {
        let files = set_file_paths(text)
            .into_iter()
            .map(|path| {
                let contents = read_text(&path);
                (path, contents)
            })
            .collect();
        request.values.push(ValuesInput::SetFile {
            text: text.clone(),
            files,
        });
    }
    request.values.extend(
        args.set_literal
            .iter()
            .cloned()
            .map(ValuesInput::SetLiteral),
    );
    request.kube_version.clone_from(&args.cluster.kube_version);
    request.api_versions.clone_from(&args.cluster.api_versions);
    request.show_only.clone_from(&args.show_only);
    request.include_crds = args.include_crds;
    request.skip_tests = args.skip_tests;
    request.no_hooks = args.no_hooks;
    request.is_upgrade = args.is_upgrade;
    request.seed = args.seed.unwrap_or_else(fresh_seed);
    // `template` prints Helm's output and no diagnostics: no trace needed.
    request.trace = false;
    request.now_unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(0));
    let chart = chart_source(chart_path).map_err(error)?;
    template(chart, &request)
        .map(|output| output.stdout)
        .map_err(|failure| failure.stderr())
}

/// A file's bytes; `-` is standard input.
fn read_file(path: &str) -> Result<Vec<u8>, String> {
    let path = Path::new(path);
    if !crate::inputs::is_stdin(path) {
        // Helm's words for a file that cannot be opened.
        std::fs::File::open(path).map_err(|failure| os_error("open", path, &failure))?;
    }
    crate::inputs::read_bytes(path)
}

/// A file's text as Go reads it (invalid UTF-8 kept as replacement
/// characters): `--set-file` contents, which are never parsed as YAML.
fn read_text(path: &str) -> Result<String, String> {
    read_file(path).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// A seed that differs per run: the standard library's per-process random hash keys.
fn fresh_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(u64::from(std::process::id()));
    hasher.finish()
}
