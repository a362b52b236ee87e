//! A chart directory handed over as a list of files (what a browser's
//! folder picker gives: each file's path below the chosen folder and its
//! bytes), read as Helm's directory loader reads a directory: `.helmignore`
//! applied (with Helm's defaults), files in the order of Helm's walk
//! (lexical within each directory), `Chart.yaml` required.

use super::ChartFile;
use super::ignore::{HELM_IGNORE, Rules};
use super::render::ChartSource;

/// The chart in `files` (paths relative to the chart's own directory,
/// `/`-separated).
///
/// # Errors
/// When there is no `Chart.yaml`, or the `.helmignore` cannot be parsed.
pub fn chart_from_files(files: Vec<(String, Vec<u8>)>) -> Result<ChartSource, String> {
    let mut rules = match files.iter().find(|(path, _)| path == HELM_IGNORE) {
        Some((_, data)) => Rules::parse(data).map_err(|error| error.message)?,
        None => Rules::empty(),
    };
    rules.add_defaults();
    let chart_yaml = files
        .iter()
        .find(|(path, _)| path == "Chart.yaml")
        .map(|(_, data)| String::from_utf8_lossy(data).into_owned())
        .ok_or_else(|| {
            "the folder holds no Chart.yaml: choose the chart's own folder".to_owned()
        })?;
    let mut kept: Vec<ChartFile> = files
        .into_iter()
        .filter(|(path, _)| !ignored(&rules, path))
        .map(|(path, data)| ChartFile::new(path, strip_bom(data)))
        .collect();
    // Helm walks each directory in lexical order, which is not the order
    // of whole paths (`a-b/x` sorts before `a/x`, but `a/` is walked first).
    crate::sort::sort_by(&mut kept, |a, b| a.name.split('/').cmp(b.name.split('/')));
    Ok(ChartSource::Directory {
        chart_yaml: Ok(chart_yaml),
        files: kept,
    })
}

/// Whether `.helmignore` leaves `path` out, or any directory above it.
fn ignored(rules: &Rules, path: &str) -> bool {
    let mut directory = String::new();
    let parts: Vec<&str> = path.split('/').collect();
    for part in &parts[..parts.len() - 1] {
        if !directory.is_empty() {
            directory.push('/');
        }
        directory.push_str(part);
        if rules.ignore(&directory, true) {
            return true;
        }
    }
    rules.ignore(path, false)
}

/// Helm drops a UTF-8 byte-order mark from every file it loads.
fn strip_bom(mut data: Vec<u8>) -> Vec<u8> {
    if data.starts_with(b"\xEF\xBB\xBF") {
        data.drain(..3);
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(source: &ChartSource) -> Vec<&str> {
        match source {
            ChartSource::Directory { files, .. } => {
                files.iter().map(|file| file.name.as_str()).collect()
            }
            ChartSource::Archive(_) => Vec::new(),
        }
    }

    #[test]
    fn helmignore_applies_and_the_walk_order_is_helms() {
        let file = |path: &str, text: &str| (path.to_owned(), text.as_bytes().to_vec());
        let source = chart_from_files(vec![
            file("templates/b.yaml", "b"),
            file("a/x.yaml", "x"),
            file("a-b/x.yaml", "x"),
            file("Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n"),
            file(".helmignore", "*.bak\nskipped/\n"),
            file("templates/old.yaml.bak", "old"),
            file("skipped/inner.yaml", "inner"),
            file("values.yaml", "a: 1\n"),
        ])
        .unwrap();
        assert_eq!(
            names(&source),
            [
                ".helmignore",
                "Chart.yaml",
                "a/x.yaml",
                "a-b/x.yaml",
                "templates/b.yaml",
                "values.yaml"
            ]
        );
    }

    #[test]
    fn a_folder_without_chart_yaml_is_refused() {
        let error = chart_from_files(vec![("values.yaml".to_owned(), Vec::new())]).unwrap_err();
        assert!(error.contains("no Chart.yaml"), "{error}");
    }
}
