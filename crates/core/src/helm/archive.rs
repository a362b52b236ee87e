//! A chart archive (`.tgz`) read the way Helm reads it
//! (`pkg/chart/loader/archive/archive.go`, `LoadArchiveFiles`): gzip
//! (multi-member, CRC-checked), then a tar stream as Go's `archive/tar`
//! parses it (V7, USTAR with its name prefix, GNU long names `L`, PAX `x`
//! records), then Helm's rules:
//!
//! - directories and PAX global headers are skipped; every other entry is
//!   kept, so a symbolic link becomes an empty file as it does in Helm;
//! - the first path segment (the chart's folder) is dropped, whatever its
//!   name, so an archive with several top folders merges them;
//! - the rest is cleaned with `path.Clean` and refused when absolute, when
//!   it was the folder itself, or when it starts with `..`;
//! - a file may hold at most 5 MiB, all files together at most 100 MiB;
//! - a leading UTF-8 byte-order mark is removed from each file.
//!
//! `.helmignore` is not applied: Helm never evaluates it inside an archive.

use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};

use super::{ChartFile, LoadError, trim_bom};
use crate::engine::gofmt::quote;
use crate::engine::gopath as path;

/// Helm's `MaxDecompressedChartSize`: all files of an archive together.
pub const MAX_DECOMPRESSED_CHART_SIZE: u64 = 100 * 1024 * 1024;
/// Helm's `MaxDecompressedFileSize`: one file, in an archive or a directory.
pub const MAX_DECOMPRESSED_FILE_SIZE: u64 = 5 * 1024 * 1024;
/// How much tar stream is inflated at most: the chart limit plus room for
/// headers. Helm streams; a tar this large cannot hold a loadable chart
/// unless it has over a hundred thousand files.
const MAX_TAR_BYTES: usize = (MAX_DECOMPRESSED_CHART_SIZE as usize) + 64 * 1024 * 1024;

/// `LoadArchiveFiles`: the files of a gzipped tar chart archive, in archive
/// order, with Helm's error texts (`chart illegally references parent
/// directory`, `no files in chart archive`, ...).
///
/// # Errors
/// When the bytes are not a gzip stream (`gzip: invalid header`), the tar
/// stream is broken, or a path or size breaks one of Helm's rules.
pub fn load_archive_files(bytes: &[u8]) -> Result<Vec<ChartFile>, LoadError> {
    let tar = gunzip(bytes)?;
    let mut files = Vec::new();
    let mut remaining = MAX_DECOMPRESSED_CHART_SIZE;
    for entry in TarReader::new(&tar) {
        let entry = entry?;
        if entry.is_dir() || matches!(entry.typeflag, b'x' | b'g') {
            continue;
        }
        let name = entry.name.as_str();
        // An archive written on Windows may use `\`.
        let delimiter = if name.contains('\\') { '\\' } else { '/' };
        let parts: Vec<&str> = name.split(delimiter).collect();
        let joined = parts[1..].join(&delimiter.to_string());
        let normalized = joined.replace(delimiter, "/");
        if normalized.starts_with('/') {
            return Err(LoadError::new("chart illegally contains absolute paths"));
        }
        let cleaned = path::clean(&normalized);
        if cleaned == "." {
            return Err(LoadError::new(format!(
                "chart illegally contains content outside the base directory: {}",
                quote(name)
            )));
        }
        if cleaned.starts_with("..") {
            return Err(LoadError::new(
                "chart illegally references parent directory",
            ));
        }
        if is_drive_path(&cleaned) {
            return Err(LoadError::new("chart contains illegally named files"));
        }
        if parts[0] == "Chart.yaml" {
            return Err(LoadError::new("chart yaml not in base directory"));
        }
        let too_large = || {
            LoadError::new(format!(
                "decompressed chart is larger than the maximum size {MAX_DECOMPRESSED_CHART_SIZE}"
            ))
        };
        if entry.size > remaining {
            return Err(too_large());
        }
        if entry.size > MAX_DECOMPRESSED_FILE_SIZE {
            return Err(LoadError::new(format!(
                "decompressed chart file {} is larger than the maximum file size {MAX_DECOMPRESSED_FILE_SIZE}",
                quote(name)
            )));
        }
        let data = entry.data;
        remaining -= data.len() as u64;
        if (data.len() as u64) < entry.size || remaining == 0 {
            return Err(too_large());
        }
        files.push(ChartFile {
            name: cleaned,
            data: trim_bom(data.to_vec()),
        });
    }
    if files.is_empty() {
        return Err(LoadError::new("no files in chart archive"));
    }
    Ok(files)
}

/// `archive.EnsureArchive` plus `loader.LoadFile`'s wrapping, for a chart
/// archive named on the command line: what `helm template NAME FILE` prints
/// when the file is not a chart archive. Helm hides every reason except a
/// bad gzip header behind `unable to load chart archive`.
///
/// # Errors
/// As Helm reports it for the file called `name`.
pub fn load_archive_file(name: &str, bytes: &[u8]) -> Result<Vec<ChartFile>, LoadError> {
    if !bytes.starts_with(&[0x1f, 0x8b, 0x08]) {
        if name.ends_with(".yml") || name.ends_with(".yaml") {
            return Err(LoadError::new(format!(
                "file '{name}' seems to be a YAML file, but expected a gzipped archive"
            )));
        }
        return Err(LoadError::new(format!(
            "file '{name}' does not appear to be a gzipped archive; got '{}'",
            detect_content_type(bytes)
        )));
    }
    load_archive_files(bytes).map_err(|error| {
        if error.message == GZIP_HEADER {
            LoadError::new(format!(
                "file '{name}' does not appear to be a valid chart file (details: {GZIP_HEADER})"
            ))
        } else {
            LoadError::new("unable to load chart archive")
        }
    })
}

/// A rough `http.DetectContentType` for what people pass instead of a chart.
fn detect_content_type(bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(512)];
    if head.is_empty() {
        return "text/plain; charset=utf-8";
    }
    if head.starts_with(b"PK\x03\x04") {
        return "application/zip";
    }
    let binary = head
        .iter()
        .any(|&byte| matches!(byte, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F));
    if binary {
        "application/octet-stream"
    } else {
        "text/plain; charset=utf-8"
    }
}

/// `^[a-zA-Z]:/`.
fn is_drive_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/'
}

const GZIP_HEADER: &str = "gzip: invalid header";

/// Go's `gzip.Reader` over a whole stream: every member, CRC and size checked.
pub(crate) fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, LoadError> {
    let mut out = Vec::new();
    let mut rest = bytes;
    let mut first = true;
    loop {
        if rest.is_empty() && !first {
            return Ok(out);
        }
        let body = gzip_header(rest).ok_or_else(|| match rest.len() {
            // Go's `io.ReadFull` of the 10-byte header.
            0 => LoadError::new("EOF"),
            1..10 => LoadError::new("unexpected EOF"),
            _ => LoadError::new(GZIP_HEADER),
        })?;
        first = false;
        let start = out.len();
        let consumed = inflate(&rest[body..], &mut out)?;
        let trailer = &rest[body + consumed..];
        if trailer.len() < 8 {
            return Err(LoadError::new("unexpected EOF"));
        }
        let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
        let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
        let member = &out[start..];
        #[allow(
            clippy::cast_possible_truncation,
            reason = "gzip stores the size modulo 2^32"
        )]
        if crc32(member) != crc || member.len() as u32 != size {
            return Err(LoadError::new("gzip: invalid checksum"));
        }
        rest = &trailer[8..];
    }
}

/// The length of a gzip member header, or `None` when it is not one.
fn gzip_header(bytes: &[u8]) -> Option<usize> {
    const FHCRC: u8 = 0x02;
    const FEXTRA: u8 = 0x04;
    const FNAME: u8 = 0x08;
    const FCOMMENT: u8 = 0x10;
    if bytes.len() < 10 || bytes[0] != 0x1f || bytes[1] != 0x8b || bytes[2] != 8 {
        return None;
    }
    let flags = bytes[3];
    let mut at = 10;
    if flags & FEXTRA != 0 {
        let length = usize::from(u16::from_le_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]));
        at += 2 + length;
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            at += bytes.get(at..)?.iter().position(|&byte| byte == 0)? + 1;
        }
    }
    if flags & FHCRC != 0 {
        at += 2;
    }
    (at <= bytes.len()).then_some(at)
}

/// Inflate one raw deflate stream onto `out`; returns the input bytes used.
fn inflate(input: &[u8], out: &mut Vec<u8>) -> Result<usize, LoadError> {
    let mut decompressor = DecompressorOxide::new();
    let start = out.len();
    out.resize(
        start + (input.len() * 4).clamp(64 * 1024, 16 * 1024 * 1024),
        0,
    );
    let mut in_pos = 0;
    let mut out_pos = start;
    loop {
        let (status, consumed, written) = decompress(
            &mut decompressor,
            &input[in_pos..],
            out,
            out_pos,
            inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        );
        in_pos += consumed;
        out_pos += written;
        match status {
            TINFLStatus::Done => {
                out.truncate(out_pos);
                return Ok(in_pos);
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= MAX_TAR_BYTES {
                    return Err(LoadError::new(format!(
                        "decompressed chart is larger than the maximum size {MAX_DECOMPRESSED_CHART_SIZE}"
                    )));
                }
                let grown = (out.len() * 2).min(MAX_TAR_BYTES);
                out.resize(grown, 0);
            }
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                return Err(LoadError::new("unexpected EOF"));
            }
            _ => {
                return Err(LoadError::new(format!(
                    "flate: corrupt input before offset {in_pos}"
                )));
            }
        }
    }
}

/// CRC-32 (IEEE), as gzip checks it.
fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::LazyLock<[u32; 256]> = std::sync::LazyLock::new(|| {
        let mut table = [0u32; 256];
        for (index, slot) in (0u32..).zip(table.iter_mut()) {
            let mut crc = index;
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    0xEDB8_8320 ^ (crc >> 1)
                } else {
                    crc >> 1
                };
            }
            *slot = crc;
        }
        table
    });
    let mut crc = !0u32;
    for &byte in data {
        crc = TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// One tar entry as Go's `tar.Reader.Next` returns it, its data read.
pub(crate) struct TarEntry<'a> {
    pub(crate) name: String,
    pub(crate) typeflag: u8,
    pub(crate) mode: i64,
    /// The size the header declares.
    pub(crate) size: u64,
    /// The data that follows (empty for header-only types).
    pub(crate) data: &'a [u8],
}

impl TarEntry<'_> {
    /// `hd.FileInfo().IsDir()`.
    fn is_dir(&self) -> bool {
        const C_ISDIR: i64 = 0o040_000;
        self.typeflag == b'5' || (self.mode & !0o7777) == C_ISDIR
    }
}

const INVALID_TAR_HEADER: &str = "archive/tar: invalid tar header";
const BLOCK: usize = 512;

/// Go's `archive/tar` reader over an in-memory stream.
pub(crate) struct TarReader<'a> {
    tar: &'a [u8],
    at: usize,
    done: bool,
}

impl<'a> TarReader<'a> {
    pub(crate) fn new(tar: &'a [u8]) -> Self {
        Self {
            tar,
            at: 0,
            done: false,
        }
    }

    fn block(&mut self) -> Result<Option<&'a [u8]>, LoadError> {
        if self.at == self.tar.len() {
            return Ok(None);
        }
        let block = self
            .tar
            .get(self.at..self.at + BLOCK)
            .ok_or_else(|| LoadError::new("unexpected EOF"))?;
        self.at += BLOCK;
        Ok(Some(block))
    }

    /// The data of an entry of `size` bytes, padded to whole blocks.
    fn data(&mut self, size: u64) -> Result<&'a [u8], LoadError> {
        let size = usize::try_from(size).map_err(|_| LoadError::new("unexpected EOF"))?;
        let data = self
            .tar
            .get(self.at..self.at.saturating_add(size))
            .ok_or_else(|| LoadError::new("unexpected EOF"))?;
        self.at += size.div_ceil(BLOCK) * BLOCK;
        self.at = self.at.min(self.tar.len());
        Ok(data)
    }

    fn next_entry(&mut self) -> Result<Option<TarEntry<'a>>, LoadError> {
        let mut long_name: Option<String> = None;
        let mut pax_path: Option<String> = None;
        let mut pax_size: Option<u64> = None;
        loop {
            let Some(block) = self.block()? else {
                return Ok(None);
            };
            if block.iter().all(|&byte| byte == 0) {
                return match self.block()? {
                    None => Ok(None),
                    Some(next) if next.iter().all(|&byte| byte == 0) => Ok(None),
                    Some(_) => Err(LoadError::new(INVALID_TAR_HEADER)),
                };
            }
            let header = Header::parse(block)?;
            let size = pax_size.take().unwrap_or(header.size);
            match header.typeflag {
                b'L' => {
                    let data = self.data(size)?;
                    long_name = Some(c_string(data));
                }
                b'K' => {
                    self.data(size)?;
                }
                b'x' => {
                    let data = self.data(size)?;
                    let records = pax_records(data)?;
                    for (key, value) in records {
                        match key.as_str() {
                            "path" => pax_path = Some(value),
                            "size" => {
                                pax_size = Some(
                                    value
                                        .parse()
                                        .map_err(|_| LoadError::new(INVALID_TAR_HEADER))?,
                                );
                            }
                            _ => {}
                        }
                    }
                }
                typeflag => {
                    let mut name = header.name;
                    if let Some(long) = long_name.take() {
                        name = long;
                    }
                    if let Some(path) = pax_path.take() {
                        name = path;
                    }
                    let mut typeflag = typeflag;
                    if typeflag == 0 {
                        typeflag = if name.ends_with('/') { b'5' } else { b'0' };
                    }
                    let header_only = matches!(typeflag, b'1' | b'2' | b'3' | b'4' | b'5' | b'6');
                    let data = if header_only {
                        &[][..]
                    } else {
                        self.data(size)?
                    };
                    return Ok(Some(TarEntry {
                        name,
                        typeflag,
                        mode: header.mode,
                        size,
                        data,
                    }));
                }
            }
        }
    }
}

impl<'a> Iterator for TarReader<'a> {
    type Item = Result<TarEntry<'a>, LoadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let entry = self.next_entry();
        if !matches!(entry, Ok(Some(_))) {
            self.done = true;
        }
        entry.transpose()
    }
}

/// The fields of one 512-byte header the loader needs.
struct Header {
    name: String,
    mode: i64,
    size: u64,
    typeflag: u8,
}

impl Header {
    fn parse(block: &[u8]) -> Result<Self, LoadError> {
        let invalid = || LoadError::new(INVALID_TAR_HEADER);
        let checksum = parse_numeric(&block[148..156]).ok_or_else(invalid)?;
        let (unsigned, signed) =
            block
                .iter()
                .enumerate()
                .fold((0i64, 0i64), |(u, s), (index, &byte)| {
                    let byte = if (148..156).contains(&index) {
                        b' '
                    } else {
                        byte
                    };
                    #[allow(
                        clippy::cast_possible_wrap,
                        reason = "the signed sum reads bytes as i8"
                    )]
                    (u + i64::from(byte), s + i64::from(byte as i8))
                });
        if checksum != unsigned && checksum != signed {
            return Err(invalid());
        }
        let magic = &block[257..263];
        let version = &block[263..265];
        let ustar = magic == b"ustar\0" && version == b"00";
        let mut name = c_string(&block[..100]);
        if ustar {
            let prefix = c_string(&block[345..500]);
            if !prefix.is_empty() {
                name = format!("{prefix}/{name}");
            }
        }
        let mode = parse_numeric(&block[100..108]).ok_or_else(invalid)?;
        let size = parse_numeric(&block[124..136]).ok_or_else(invalid)?;
        let size = u64::try_from(size).map_err(|_| invalid())?;
        Ok(Self {
            name,
            mode,
            size,
            typeflag: block[156],
        })
    }
}

/// A NUL-terminated field as text.
fn c_string(field: &[u8]) -> String {
    let end = field
        .iter()
        .position(|&byte| byte == 0)
        .unwrap_or(field.len());
    String::from_utf8_lossy(&field[..end]).into_owned()
}

/// An octal field (spaces and NULs around it allowed) or a GNU base-256 one.
fn parse_numeric(field: &[u8]) -> Option<i64> {
    if field.first().is_some_and(|&byte| byte & 0x80 != 0) {
        let mut value: i64 = i64::from(field[0] & 0x7f);
        for &byte in &field[1..] {
            value = value.checked_mul(256)?.checked_add(i64::from(byte))?;
        }
        return Some(value);
    }
    let text = std::str::from_utf8(field).ok()?;
    let text = text.trim_matches(|ch| ch == ' ' || ch == '\0');
    if text.is_empty() {
        return Some(0);
    }
    i64::from_str_radix(text, 8).ok()
}

/// PAX records: `LENGTH KEY=VALUE\n`, each.
fn pax_records(mut data: &[u8]) -> Result<Vec<(String, String)>, LoadError> {
    let invalid = || LoadError::new(INVALID_TAR_HEADER);
    let mut records = Vec::new();
    while !data.is_empty() && data[0] != 0 {
        let space = data
            .iter()
            .position(|&byte| byte == b' ')
            .ok_or_else(invalid)?;
        let length: usize = std::str::from_utf8(&data[..space])
            .ok()
            .and_then(|text| text.parse().ok())
            .ok_or_else(invalid)?;
        if length <= space || length > data.len() || data[length - 1] != b'\n' {
            return Err(invalid());
        }
        let record = &data[space + 1..length - 1];
        let equals = record
            .iter()
            .position(|&byte| byte == b'=')
            .ok_or_else(invalid)?;
        records.push((
            String::from_utf8_lossy(&record[..equals]).into_owned(),
            String::from_utf8_lossy(&record[equals + 1..]).into_owned(),
        ));
        data = &data[length..];
    }
    Ok(records)
}

/// Writing archives, for tests: ustar entries, GNU long names and PAX paths.
#[cfg(test)]
pub(crate) mod write {
    /// One entry to write.
    pub(crate) enum Entry<'a> {
        /// A regular file.
        File(&'a str, &'a [u8]),
        /// A directory.
        Dir(&'a str),
        /// A symbolic link to a target.
        Symlink(&'a str, &'a str),
        /// A file whose long name goes in a GNU `L` entry.
        GnuLong(&'a str, &'a [u8]),
        /// A file whose name goes in a PAX `path` record.
        Pax(&'a str, &'a [u8]),
    }

    fn header(name: &str, size: usize, typeflag: u8) -> [u8; 512] {
        let mut block = [0u8; 512];
        let name = name.as_bytes();
        block[..name.len().min(100)].copy_from_slice(&name[..name.len().min(100)]);
        block[100..108].copy_from_slice(b"0000644\0");
        block[108..116].copy_from_slice(b"0000000\0");
        block[116..124].copy_from_slice(b"0000000\0");
        block[124..136].copy_from_slice(format!("{size:011o}\0").as_bytes());
        block[136..148].copy_from_slice(b"00000000000\0");
        block[156] = typeflag;
        block[257..263].copy_from_slice(b"ustar\0");
        block[263..265].copy_from_slice(b"00");
        block[148..156].copy_from_slice(b"        ");
        let sum: u32 = block.iter().map(|&byte| u32::from(byte)).sum();
        block[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
        block
    }

    fn push(tar: &mut Vec<u8>, name: &str, typeflag: u8, data: &[u8]) {
        tar.extend_from_slice(&header(name, data.len(), typeflag));
        tar.extend_from_slice(data);
        tar.resize(tar.len().div_ceil(512) * 512, 0);
    }

    /// A tar stream.
    pub(crate) fn tar(entries: &[Entry<'_>]) -> Vec<u8> {
        let mut tar = Vec::new();
        for entry in entries {
            match entry {
                Entry::File(name, data) => push(&mut tar, name, b'0', data),
                Entry::Dir(name) => push(&mut tar, name, b'5', b""),
                Entry::Symlink(name, target) => {
                    let mut block = header(name, 0, b'2');
                    block[157..157 + target.len()].copy_from_slice(target.as_bytes());
                    block[148..156].copy_from_slice(b"        ");
                    let sum: u32 = block.iter().map(|&byte| u32::from(byte)).sum();
                    block[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
                    tar.extend_from_slice(&block);
                }
                Entry::GnuLong(name, data) => {
                    let mut long = name.as_bytes().to_vec();
                    long.push(0);
                    push(&mut tar, "././@LongLink", b'L', &long);
                    push(&mut tar, &name[..100], b'0', data);
                }
                Entry::Pax(name, data) => {
                    let body = format!("path={name}\n");
                    let mut length = body.len() + 3;
                    if format!("{length} {body}").len() != length {
                        length += 1;
                    }
                    let record = format!("{length} {body}");
                    push(&mut tar, "PaxHeaders/x", b'x', record.as_bytes());
                    push(&mut tar, "placeholder", b'0', data);
                }
            }
        }
        tar.extend_from_slice(&[0u8; 1024]);
        tar
    }

    /// A gzip stream of `data`.
    pub(crate) fn gzip(data: &[u8]) -> Vec<u8> {
        let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
        out.extend(miniz_oxide::deflate::compress_to_vec(data, 6));
        out.extend_from_slice(&super::crc32(data).to_le_bytes());
        #[allow(clippy::cast_possible_truncation, reason = "test data is small")]
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out
    }

    /// A `.tgz` of regular files.
    pub(crate) fn tgz(files: &[(&str, &str)]) -> Vec<u8> {
        let entries: Vec<Entry<'_>> = files
            .iter()
            .map(|(name, data)| Entry::File(name, data.as_bytes()))
            .collect();
        gzip(&tar(&entries))
    }
}

#[cfg(test)]
mod tests {
    use super::write::{Entry, gzip, tar, tgz};
    use super::*;

    fn names(files: &[ChartFile]) -> Vec<&str> {
        files.iter().map(|file| file.name.as_str()).collect()
    }

    fn error(files: &[(&str, &str)]) -> String {
        load_archive_files(&tgz(files)).unwrap_err().message
    }

    #[test]
    fn the_chart_folder_is_stripped_and_order_kept() {
        let files = load_archive_files(&tgz(&[
            ("mychart/Chart.yaml", "name: c\n"),
            ("mychart/values.yaml", "a: 1\n"),
            ("mychart/templates/_helpers.tpl", "{{/* x */}}"),
            ("mychart/charts/sub/Chart.yaml", "name: s\n"),
        ]))
        .unwrap();
        assert_eq!(
            names(&files),
            [
                "Chart.yaml",
                "values.yaml",
                "templates/_helpers.tpl",
                "charts/sub/Chart.yaml"
            ]
        );
        assert_eq!(files[1].data, b"a: 1\n");
    }

    #[test]
    fn directories_are_skipped_and_symlinks_become_empty_files() {
        let archive = gzip(&tar(&[
            Entry::Dir("c/"),
            Entry::Dir("c/templates/"),
            Entry::File("c/Chart.yaml", b"name: c\n"),
            Entry::Symlink("c/link", "Chart.yaml"),
        ]));
        let files = load_archive_files(&archive).unwrap();
        assert_eq!(names(&files), ["Chart.yaml", "link"]);
        assert!(files[1].data.is_empty());
    }

    #[test]
    fn long_names_from_gnu_and_pax_headers() {
        let long = format!("c/templates/{}.yaml", "x".repeat(120));
        let pax = format!("c/files/{}.txt", "y".repeat(130));
        let archive = gzip(&tar(&[
            Entry::GnuLong(&long, b"one"),
            Entry::Pax(&pax, b"two"),
        ]));
        let files = load_archive_files(&archive).unwrap();
        assert_eq!(files[0].name, &long[2..]);
        assert_eq!(files[0].data, b"one");
        assert_eq!(files[1].name, &pax[2..]);
        assert_eq!(files[1].data, b"two");
    }

    #[test]
    fn several_top_folders_are_merged() {
        let files =
            load_archive_files(&tgz(&[("a/Chart.yaml", "x"), ("b/values.yaml", "y")])).unwrap();
        assert_eq!(names(&files), ["Chart.yaml", "values.yaml"]);
    }

    #[test]
    fn paths_are_cleaned_and_a_bom_removed() {
        let files = load_archive_files(&tgz(&[
            ("c/./templates//a.yaml", "\u{feff}kind: A"),
            ("c/x/../b.txt", "b"),
            ("c\\templates\\win.yaml", "w"),
        ]))
        .unwrap();
        assert_eq!(
            names(&files),
            ["templates/a.yaml", "b.txt", "templates/win.yaml"]
        );
        assert_eq!(files[0].data, b"kind: A");
    }

    #[test]
    fn helms_path_errors() {
        assert_eq!(
            error(&[("Chart.yaml", "x")]),
            r#"chart illegally contains content outside the base directory: "Chart.yaml""#
        );
        assert_eq!(
            error(&[("c/../../etc/passwd", "x")]),
            "chart illegally references parent directory"
        );
        assert_eq!(
            error(&[("c//etc/passwd", "x")]),
            "chart illegally contains absolute paths"
        );
        assert_eq!(
            error(&[("c/C:/x", "x")]),
            "chart contains illegally named files"
        );
        assert_eq!(
            error(&[("Chart.yaml/x", "x")]),
            "chart yaml not in base directory"
        );
        assert_eq!(error(&[]), "no files in chart archive");
    }

    #[test]
    fn file_size_limit() {
        let big = "x".repeat(usize::try_from(MAX_DECOMPRESSED_FILE_SIZE).unwrap() + 1);
        assert_eq!(
            error(&[("c/big", &big)]),
            r#"decompressed chart file "c/big" is larger than the maximum file size 5242880"#
        );
    }

    #[test]
    fn broken_streams() {
        assert_eq!(
            load_archive_files(b"not gzip at all").unwrap_err().message,
            GZIP_HEADER
        );
        assert_eq!(
            load_archive_files(b"nope\n").unwrap_err().message,
            "unexpected EOF"
        );
        let mut archive = tgz(&[("c/Chart.yaml", "name: c\n")]);
        let last = archive.len() - 5;
        archive[last] ^= 0xff;
        assert_eq!(
            load_archive_files(&archive).unwrap_err().message,
            "gzip: invalid checksum"
        );
        let truncated = &tgz(&[("c/Chart.yaml", "name: c\n")])[..20];
        assert_eq!(
            load_archive_files(truncated).unwrap_err().message,
            "unexpected EOF"
        );
        let garbage = gzip(&[7u8; 1024]);
        assert_eq!(
            load_archive_files(&garbage).unwrap_err().message,
            INVALID_TAR_HEADER
        );
    }

    #[test]
    fn multi_member_gzip_is_one_stream() {
        let tar = tar(&[
            Entry::File("c/Chart.yaml", b"name: c\n"),
            Entry::File("c/b", b"b"),
        ]);
        let (head, tail) = tar.split_at(1024);
        let mut archive = gzip(head);
        archive.extend(gzip(tail));
        assert_eq!(
            names(&load_archive_files(&archive).unwrap()),
            ["Chart.yaml", "b"]
        );
    }

    #[test]
    fn command_line_archive_errors() {
        assert_eq!(
            load_archive_file("values.yaml", b"a: 1\n")
                .unwrap_err()
                .message,
            "file 'values.yaml' seems to be a YAML file, but expected a gzipped archive"
        );
        assert_eq!(
            load_archive_file("c.tgz", b"hello").unwrap_err().message,
            "file 'c.tgz' does not appear to be a gzipped archive; got 'text/plain; charset=utf-8'"
        );
        assert_eq!(
            load_archive_file("c.tgz", &tgz(&[("Chart.yaml", "x")]))
                .unwrap_err()
                .message,
            "unable to load chart archive"
        );
    }
}
