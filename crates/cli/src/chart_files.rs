//! Reading a chart from disk into the files the core's chart loader takes:
//! a directory walked as Helm's `LoadDir` walks it, or a `.tgz` archive.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use ingresslab_core::helm::archive::{MAX_DECOMPRESSED_FILE_SIZE, load_archive_file};
use ingresslab_core::helm::ignore::HELM_IGNORE;
use ingresslab_core::helm::{ChartFile, ChartSource, Rules, trim_bom};

/// The chart at `path` as `helm template` reads it: a chart directory
/// (its `Chart.yaml` first, then its files, walked in lexical order,
/// following symbolic links, `.helmignore` applied as Helm applies it) or a
/// chart archive (read as `helm template` reads one, without `.helmignore`).
///
/// # Errors
/// Helm's message when Helm would refuse to read the chart.
pub(crate) fn chart_source(path: &Path) -> Result<ChartSource, String> {
    let metadata = fs::metadata(path).map_err(|error| os_error("stat", path, &error))?;
    if metadata.is_dir() {
        let (chart_yaml, files) = read_dir(path)?;
        Ok(ChartSource::Directory {
            chart_yaml: Ok(chart_yaml),
            files,
        })
    } else {
        let bytes = fs::read(path).map_err(|error| os_error("open", path, &error))?;
        load_archive_file(&path.display().to_string(), &bytes)
            .map(ChartSource::Archive)
            .map_err(|error| error.message)
    }
}

/// Go's `*PathError` text: `open /x/Chart.yaml: no such file or directory`.
pub(crate) fn os_error(op: &str, path: &Path, error: &io::Error) -> String {
    let reason = match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = error.to_string();
            text.split(" (os error")
                .next()
                .unwrap_or(&text)
                .to_lowercase()
        }
    };
    format!("{op} {}: {reason}", path.display())
}

/// A file's bytes, its size already known: read straight into a buffer of
/// that size (`fs::read` and `read_to_end` would ask the size again).
fn read_sized(path: &Path, size: u64) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut file = fs::File::open(path)?;
    // One byte more than the size, so the read that returns 0 ends it.
    let mut data = vec![0; usize::try_from(size).map_or(0, |size| size + 1)];
    let mut filled = 0;
    loop {
        if filled == data.len() {
            // The file grew since it was listed.
            data.resize(data.len() * 2 + 1, 0);
        }
        match file.read(&mut data[filled..]) {
            Ok(0) => break,
            Ok(count) => filled += count,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    data.truncate(filled);
    Ok(data)
}

/// `LoadDir`: the chart directory's `Chart.yaml` text (read first, as Helm
/// detects a chart) and its files, relative, `/`-separated.
fn read_dir(dir: &Path) -> Result<(String, Vec<ChartFile>), String> {
    let top = std::path::absolute(dir).map_err(|error| os_error("stat", dir, &error))?;
    let chart_yaml_path = top.join("Chart.yaml");
    let chart_yaml = match fs::read(&chart_yaml_path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(error) => {
            return Err(format!(
                "unable to detect chart at {}: {}",
                chart_yaml_path.display(),
                os_error("open", &chart_yaml_path, &error)
            ));
        }
    };
    let ignore_file = top.join(HELM_IGNORE);
    let mut rules = if ignore_file.exists() {
        let data =
            fs::read(&ignore_file).map_err(|error| os_error("open", &ignore_file, &error))?;
        Rules::parse(&data).map_err(|error| error.message)?
    } else {
        Rules::empty()
    };
    rules.add_defaults();
    let mut walk = Walk {
        top: top.clone(),
        rules,
        files: Vec::new(),
        open_dirs: Vec::new(),
    };
    let info = fs::metadata(&top).map_err(|error| os_error("stat", &top, &error))?;
    walk.dir(&top, &info)?;
    Ok((chart_yaml, walk.files))
}

struct Walk {
    top: PathBuf,
    rules: Rules,
    files: Vec<ChartFile>,
    /// The directories being walked, to skip a symbolic link back into one
    /// of them (Helm would recurse until paths overflow).
    open_dirs: Vec<DirIdentity>,
}

/// Which directory a path is, whatever the path: its device and inode
/// (read from the metadata the walk has anyway), or its canonical path.
#[derive(PartialEq, Eq)]
enum DirIdentity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Canonical(PathBuf),
}

impl DirIdentity {
    fn of(dir: &Path, info: &fs::Metadata) -> Result<Self, String> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let _ = dir;
            Ok(Self::Inode(info.dev(), info.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = info;
            fs::canonicalize(dir)
                .map(Self::Canonical)
                .map_err(|error| os_error("lstat", dir, &error))
        }
    }
}

impl Walk {
    fn relative(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.top).unwrap_or(path);
        relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Walk `dir`, whose metadata (after symbolic links) is `info`.
    fn dir(&mut self, dir: &Path, info: &fs::Metadata) -> Result<(), String> {
        let identity = DirIdentity::of(dir, info)?;
        if self.open_dirs.contains(&identity) {
            return Ok(());
        }
        self.open_dirs.push(identity);
        let mut names: Vec<_> = fs::read_dir(dir)
            .map_err(|error| os_error("open", dir, &error))?
            .map(|entry| entry.map(|entry| entry.file_name()))
            .collect::<Result<_, _>>()
            .map_err(|error| os_error("readdirent", dir, &error))?;
        // Go sorts names as byte strings.
        names.sort_by(|left, right| left.as_encoded_bytes().cmp(right.as_encoded_bytes()));
        for name in names {
            self.entry(&dir.join(name))?;
        }
        self.open_dirs.pop();
        Ok(())
    }

    fn entry(&mut self, path: &Path) -> Result<(), String> {
        let mut info =
            fs::symlink_metadata(path).map_err(|error| os_error("lstat", path, &error))?;
        if info.file_type().is_symlink() {
            let resolved = fs::canonicalize(path).map_err(|error| {
                format!(
                    "error evaluating symlink {}: {}",
                    path.display(),
                    os_error("lstat", path, &error)
                )
            })?;
            info = fs::symlink_metadata(&resolved)
                .map_err(|error| os_error("lstat", &resolved, &error))?;
        }
        let name = self.relative(path);
        if info.is_dir() {
            if self.rules.ignore(&name, true) {
                return Ok(());
            }
            return self.dir(path, &info);
        }
        if self.rules.ignore(&name, false) {
            return Ok(());
        }
        if !info.is_file() {
            return Err(format!(
                "cannot load irregular file {} as it has file mode type bits set",
                path.display()
            ));
        }
        if info.len() > MAX_DECOMPRESSED_FILE_SIZE {
            let base = path
                .file_name()
                .map_or_else(String::new, |base| base.to_string_lossy().into_owned());
            return Err(format!(
                "chart file {base:?} is larger than the maximum file size {MAX_DECOMPRESSED_FILE_SIZE}"
            ));
        }
        let data = read_sized(path, info.len())
            .map_err(|error| format!("error reading {name}: {}", os_error("open", path, &error)))?;
        self.files.push(ChartFile {
            name,
            data: trim_bom(data),
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/anchors/charts")
            .join(name)
    }

    /// The chart's files, directory or archive.
    fn read_chart(path: &Path) -> Result<Vec<ChartFile>, String> {
        chart_source(path).map(|source| match source {
            ChartSource::Directory { files, .. } | ChartSource::Archive(files) => files,
        })
    }

    fn names(files: &[ChartFile]) -> Vec<&str> {
        files.iter().map(|file| file.name.as_str()).collect()
    }

    /// A scratch directory under the system temp dir, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(tag: &str) -> Self {
            let dir =
                std::env::temp_dir().join(format!("ingresslab-chart-{tag}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Self(dir)
        }

        fn write(&self, name: &str, text: &str) {
            let path = self.0.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn the_real_charts_load_with_the_files_helm_keeps() {
        // File lists of `helm package` v4.1.4 for each revision (which
        // loads the directory with LoadDir), in walk order.
        for (revision, templates) in [("openshell-released", 21), ("openshell-pr2108", 17)] {
            let files = read_chart(&anchor(revision)).unwrap();
            let listed = names(&files);
            assert_eq!(
                listed[..3],
                [".helmignore", "Chart.yaml", "README.md"],
                "{revision}"
            );
            assert_eq!(*listed.last().unwrap(), "values.yaml", "{revision}");
            assert!(!listed.iter().any(|name| name.starts_with("ci/")
                || *name == "skaffold.yaml"
                || *name == "README.md.gotmpl"));
            let chart = match chart_source(&anchor(revision)).unwrap() {
                ChartSource::Directory { chart_yaml, files } => {
                    ingresslab_core::helm::load_chart_dir(&chart_yaml.unwrap(), files).unwrap()
                }
                ChartSource::Archive(_) => unreachable!("a directory"),
            };
            assert_eq!(chart.name(), "helm-chart");
            assert_eq!(chart.templates.len(), templates, "{revision}");
            assert_eq!(names(&chart.files), [".helmignore", "README.md"]);
        }
    }

    #[test]
    fn helmignore_and_symlink_loops() {
        let scratch = Scratch::new("walk");
        scratch.write("Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
        scratch.write(".helmignore", "*.bak\ndocs/\n");
        scratch.write("templates/a.yaml", "\u{feff}kind: A\n");
        scratch.write("templates/.hidden", "x");
        scratch.write("templates/b.bak", "x");
        scratch.write("docs/readme.txt", "x");
        scratch.write("files/B.txt", "x");
        scratch.write("files/a.txt", "x");
        std::os::unix::fs::symlink(&scratch.0, scratch.0.join("files/loop")).unwrap();
        std::os::unix::fs::symlink("a.txt", scratch.0.join("files/link.txt")).unwrap();
        let files = read_chart(&scratch.0).unwrap();
        assert_eq!(
            names(&files),
            [
                ".helmignore",
                "Chart.yaml",
                "files/B.txt",
                "files/a.txt",
                "files/link.txt",
                "templates/a.yaml"
            ]
        );
        assert_eq!(files[5].data, b"kind: A\n");
    }

    #[test]
    fn helms_errors_for_a_directory() {
        let scratch = Scratch::new("errors");
        let message = read_chart(&scratch.0).unwrap_err();
        assert!(
            message.starts_with("unable to detect chart at "),
            "{message}"
        );
        assert!(
            message.ends_with("/Chart.yaml: no such file or directory"),
            "{message}"
        );
        scratch.write("Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
        scratch.write(".helmignore", "a/**/b\n");
        assert_eq!(
            read_chart(&scratch.0).unwrap_err(),
            "double-star (**) syntax is not supported"
        );
    }

    #[test]
    fn archives_are_read_through_the_core() {
        let scratch = Scratch::new("archive");
        scratch.write("values.yaml", "a: 1\n");
        assert_eq!(
            read_chart(&scratch.0.join("values.yaml")).unwrap_err(),
            format!(
                "file '{}' seems to be a YAML file, but expected a gzipped archive",
                scratch.0.join("values.yaml").display()
            )
        );
    }
}
