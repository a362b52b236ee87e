//! `cargo xtask bench-page`: the playground's budgets, measured: the bundle
//! gzipped (wasm and JavaScript), time to the first manifests after
//! navigation, and the analysis per keystroke on the embedded chart and on
//! the released chart opened in the page (real headless Chromium).

use std::process::Command;

use crate::{install, page};

pub(crate) fn page() -> Result<(), String> {
    install::page_tools()?;
    install::browser_tools()?;
    let dist = page::build()?;
    let mut total = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dist)
        .map_err(|error| format!("cannot list {}: {error}", dist.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "wasm" || ext == "js")
        })
        .collect();
    entries.sort();
    for path in entries {
        let bytes = std::fs::read(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let gzipped = gzip_size(&path)?;
        total += gzipped;
        println!(
            "bundle: {} {} bytes, {gzipped} gzipped",
            path.file_name().unwrap_or_default().to_string_lossy(),
            bytes.len()
        );
    }
    println!("bundle: wasm + js {total} bytes gzipped (budget 358400)");
    page::browser_tests(&["--ignored", "--nocapture", "page_budgets"])
}

/// The size of `gzip -9` of the file at `path`, as a web server would send it.
fn gzip_size(path: &std::path::Path) -> Result<usize, String> {
    let output = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|error| format!("cannot run gzip: {error}"))?;
    if output.status.success() {
        Ok(output.stdout.len())
    } else {
        Err(format!("gzip failed on {}", path.display()))
    }
}

/// Runs of each command per case; the median is reported.
const PROCESS_RUNS: usize = 31;

/// `cargo xtask bench`: the `ingresslab` processes against `helm template`
/// on the same chart and values, pair by pair and interleaved (so both
/// meet the same machine state), then `docs` on the embedded chart.
/// Prints Markdown rows for BENCHMARKS.md.
pub(crate) fn processes() -> Result<(), String> {
    let helm = install::helm()?;
    let ingresslab = crate::release::build()?;
    let root = crate::command::project_root();
    let anchors = root.join("../shared/anchors");
    let mut rows = Vec::new();
    for (revision, cases) in [
        ("pr2108", ["passthrough", "cert-manager-grpc"]),
        ("released", ["grpc-https-edge", "openshift-route"]),
    ] {
        let chart = anchors.join(format!("charts/openshell-{revision}"));
        for case in cases {
            let values = anchors.join(format!("golden-full/{revision}/{case}.yaml"));
            let (chart, values) = (chart.display().to_string(), values.display().to_string());
            let helm_args = [
                "template",
                "openshell",
                &chart,
                "-n",
                "openshell",
                "-f",
                &values,
            ];
            let with_chart = |command: &'static str| {
                vec![
                    command.to_owned(),
                    "--chart".to_owned(),
                    chart.clone(),
                    "-f".to_owned(),
                    values.clone(),
                ]
            };
            let ours: Vec<(String, Vec<String>)> = vec![
                (
                    "template".to_owned(),
                    helm_args.iter().map(|arg| (*arg).to_owned()).collect(),
                ),
                ("render".to_owned(), with_chart("render")),
                ("validate".to_owned(), with_chart("validate")),
            ];
            for (name, args) in ours {
                let (ours_ms, helm_ms) = interleaved(&ingresslab, &args, &helm, &helm_args)?;
                rows.push(format!(
                    "| `ingresslab {name}` vs `helm template`, {revision} chart, {case} | {ours_ms:.2} ms | {helm_ms:.1} ms | {:.1}x |",
                    helm_ms / ours_ms
                ));
            }
        }
    }
    let embedded = root.join("crates/core/chart").display().to_string();
    let docs = median_ms(
        &ingresslab,
        &["docs", "--chart", &embedded, "--dry-run"].map(str::to_owned),
    )?;
    rows.push(format!(
        "| `ingresslab docs --dry-run` on crates/core/chart | {docs:.2} ms | | |"
    ));
    println!("| run (median of {PROCESS_RUNS}) | ingresslab | helm | ratio |");
    println!("|---|---|---|---|");
    for row in rows {
        println!("{row}");
    }
    Ok(())
}

/// Median wall times of `ours` and `theirs`, run alternately.
fn interleaved(
    ours: &std::path::Path,
    our_args: &[String],
    theirs: &std::path::Path,
    their_args: &[&str],
) -> Result<(f64, f64), String> {
    let mut our_times = Vec::new();
    let mut their_times = Vec::new();
    for _ in 0..PROCESS_RUNS {
        our_times.push(time_ms(Command::new(ours).args(our_args))?);
        their_times.push(time_ms(Command::new(theirs).args(their_args))?);
    }
    Ok((median(our_times), median(their_times)))
}

fn median_ms(program: &std::path::Path, args: &[String]) -> Result<f64, String> {
    let times = (0..PROCESS_RUNS)
        .map(|_| time_ms(Command::new(program).args(args)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(median(times))
}

/// One run's wall time; its output is discarded, its failure is an error.
fn time_ms(command: &mut Command) -> Result<f64, String> {
    let start = std::time::Instant::now();
    let output = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|error| format!("cannot run {command:?}: {error}"))?;
    let elapsed = start.elapsed().as_secs_f64() * 1000.0;
    // validate exits 1 on refused values; only a usage error (2) is a failure here.
    if output.code() == Some(2) || output.code().is_none() {
        return Err(format!("{command:?} failed: {output}"));
    }
    Ok(elapsed)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
