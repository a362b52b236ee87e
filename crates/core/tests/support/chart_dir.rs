//! A chart directory's files for tests and benchmarks, read the simple way
//! (sorted walk, no `.helmignore`: the charts used here need none).

use std::fs;
use std::path::Path;

use ingresslab_core::helm::{ChartFile, ChartSource};

/// A chart directory's files, as the CLI reads them (no `.helmignore` needed here).
pub(crate) fn read_chart(dir: &Path) -> ChartSource {
    fn walk(root: &Path, dir: &Path, files: &mut Vec<ChartFile>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push(ChartFile::new(name, fs::read(&path).unwrap()));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    ChartSource::Directory {
        chart_yaml: Ok(fs::read_to_string(dir.join("Chart.yaml")).unwrap()),
        files,
    }
}
