//! Subcharts at render time: which are enabled, and what values each sees.
//!
//! # What the renderer must do (Helm v4.1.4's order)
//!
//! 1. [`process_dependencies`] with the user's values (`--values`/`--set`
//!    merged, *not* yet coalesced), as `action.Install` calls
//!    `ProcessDependencies`: aliases become copies of the subchart renamed,
//!    `tags:` and `condition:` switch dependencies off, disabled subcharts
//!    are dropped (from [`Chart::dependencies`] and from the metadata's
//!    `dependencies`, which `.Chart.Dependencies` prints), recursively, then
//!    `import-values` are copied from children into parents' defaults.
//! 2. [`coalesce_values`] with the same user values (`ToRenderValues`):
//!    user values win over chart defaults, a user `null` deletes a default,
//!    maps merge and everything else is replaced; each subchart's defaults
//!    land under `.Values.<name>` of its parent; `global` is copied down
//!    into every subchart's `global` (the parent's entries win).
//! 3. Template data, per chart (`recAllTpls`): `.Chart` is
//!    [`Metadata::metadata_map`](super::Metadata::metadata_map) with
//!    `IsRoot` true only for the root; `.Files` is
//!    [`Files`](super::Files) of the chart's own files; `.Release` and
//!    `.Capabilities` are shared; `.Values` is the root's coalesced values
//!    for the root and, for a subchart, the `<name>` table of its parent's
//!    `.Values` (an empty `common.Values` map when that is missing or not a
//!    map); `.Subcharts` maps each child's name to the child's data.
//!    Templates are named `<parent path>/charts/<name>/templates/...` (the
//!    root's path is its name); a library chart contributes only templates
//!    whose file name starts with `_`.

use super::LoadError;
use super::loader::Chart;
use super::metadata::Dependency;
use super::semver::is_compatible_range;
use crate::engine::gofmt::sprint_value;
use crate::engine::{MapData, MapKind, MapRef, Value};

/// The key Helm copies down to every subchart.
pub const GLOBAL_KEY: &str = "global";

/// `LoadValues`: a `values.yaml` text as Helm reads it, every document
/// merged into one map (numbers become `float64`, as JSON gives them).
///
/// # Errors
/// `cannot load values.yaml: ...`.
pub fn load_values(text: &str) -> Result<Value, LoadError> {
    let fail = |error: String| {
        LoadError::new(format!(
            "cannot load values.yaml: cannot unmarshal yaml document: {error}"
        ))
    };
    let mut merged = MapData::new();
    for document in split_documents(text) {
        if let Some(map) = crate::engine::yaml::unmarshal_map(document).map_err(fail)? {
            merge_maps(&mut merged, &map.0.borrow());
        }
    }
    Ok(Value::map(merged))
}

/// The documents of a YAML stream, split on `---` lines as Kubernetes'
/// YAML reader splits them.
fn split_documents(text: &str) -> Vec<&str> {
    let mut documents = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find("---") {
        let at = search + found;
        search = at + 3;
        if at > 0 && text.as_bytes()[at - 1] != b'\n' {
            continue;
        }
        let line_end = text[at..].find('\n').map_or(text.len(), |end| at + end + 1);
        if text[at + 3..line_end].trim().is_empty() {
            documents.push(&text[start..at]);
            start = line_end;
            search = line_end;
        }
    }
    documents.push(&text[start..]);
    documents
}

/// `MergeMaps`: `overlay` over `base`, maps merged recursively.
fn merge_maps(base: &mut MapData, overlay: &MapData) {
    for (key, value) in overlay {
        if let (Value::Map(new, _), Some(Value::Map(old, _))) = (value, base.get(key)) {
            let mut merged = old.0.borrow().clone();
            merge_maps(&mut merged, &new.0.borrow());
            base.insert(key.clone(), Value::map(merged));
            continue;
        }
        base.insert(key.clone(), value.clone());
    }
}

/// Parse `values.yaml` of this chart and every subchart into
/// [`Chart::values`], where not done yet.
///
/// # Errors
/// The first `values.yaml` Helm would refuse.
pub fn parse_values(chart: &mut Chart) -> Result<(), LoadError> {
    if chart.values.is_nil() {
        chart.values = match &chart.values_text {
            Some(text) => load_values(text)?,
            None => Value::map(MapData::new()),
        };
    }
    for sub in &mut chart.dependencies {
        parse_values(sub)?;
    }
    Ok(())
}

fn table(value: &Value) -> Option<&MapRef> {
    value.as_map()
}

fn chart_values(chart: &Chart) -> MapRef {
    table(&chart.values).cloned().unwrap_or_default()
}

fn concat_prefix(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

/// `CoalesceValues(chart, values)`: the values the chart renders with
/// (`.Values` of the root). `warnings` receives what Helm logs.
///
/// # Errors
/// `type mismatch on NAME: ...` when a subchart's key holds a non-map.
pub fn coalesce_values(
    chart: &Chart,
    values: &Value,
    warnings: &mut Vec<String>,
) -> Result<Value, LoadError> {
    let dest = table(&values.deep_copy()).cloned().unwrap_or_default();
    coalesce(chart, &dest, "", false, warnings)?;
    Ok(Value::Map(dest, MapKind::Plain))
}

/// `MergeValues`: like [`coalesce_values`] but `null`s are kept.
fn merge_values(chart: &Chart, warnings: &mut Vec<String>) -> Result<MapRef, LoadError> {
    let dest = MapRef::default();
    coalesce(chart, &dest, "", true, warnings)?;
    Ok(dest)
}

fn coalesce(
    chart: &Chart,
    dest: &MapRef,
    prefix: &str,
    merge: bool,
    warnings: &mut Vec<String>,
) -> Result<(), LoadError> {
    coalesce_chart_values(chart, dest, prefix, merge, warnings);
    coalesce_dependencies(chart, dest, prefix, merge, warnings)
}

fn coalesce_dependencies(
    chart: &Chart,
    dest: &MapRef,
    prefix: &str,
    merge: bool,
    warnings: &mut Vec<String>,
) -> Result<(), LoadError> {
    for sub in &chart.dependencies {
        let name = sub.name();
        let sub_values = match dest.get(name) {
            None => {
                let fresh = MapRef::default();
                dest.insert(name, Value::Map(fresh.clone(), MapKind::Plain));
                fresh
            }
            Some(Value::Map(map, _)) => map,
            Some(other) => {
                return Err(LoadError::new(format!(
                    "type mismatch on {name}: %!t({}={})",
                    other.type_name(),
                    sprint_value(&other)
                )));
            }
        };
        let sub_prefix = concat_prefix(prefix, chart.name());
        coalesce_globals(&sub_values, dest, &sub_prefix, warnings);
        coalesce(sub, &sub_values, &sub_prefix, merge, warnings)?;
    }
    Ok(())
}

/// `coalesceGlobals`: the parent's `global` merged into the subchart's, the parent winning.
fn coalesce_globals(dest: &MapRef, src: &MapRef, prefix: &str, warnings: &mut Vec<String>) {
    let dest_globals = match dest.get(GLOBAL_KEY) {
        None => MapRef::default(),
        Some(Value::Map(map, _)) => map,
        Some(_) => {
            warnings.push(
                "warning: skipping globals because destination global is not a table.".to_owned(),
            );
            return;
        }
    };
    let src_globals = match src.get(GLOBAL_KEY) {
        None => MapRef::default(),
        Some(Value::Map(map, _)) => map,
        Some(_) => {
            warnings
                .push("warning: skipping globals because source global is not a table.".to_owned());
            return;
        }
    };
    for (key, value) in src_globals.entries() {
        if let Value::Map(map, _) = &value {
            let copy = map.shallow_copy();
            match dest_globals.get(&key) {
                None => dest_globals.insert(key, Value::Map(copy, MapKind::Plain)),
                Some(Value::Map(existing, _)) => {
                    coalesce_tables(
                        &copy,
                        &existing,
                        &concat_prefix(prefix, &key),
                        true,
                        warnings,
                    );
                    dest_globals.insert(key, Value::Map(copy, MapKind::Plain));
                }
                Some(_) => warnings.push(format!(
                    "Conflict: cannot merge map onto non-map for {}. Skipping.",
                    crate::engine::gofmt::quote(&key)
                )),
            }
        } else if matches!(dest_globals.get(&key), Some(Value::Map(..))) {
            warnings.push(format!("key {key} is table. Skipping"));
        } else {
            dest_globals.insert(key, value);
        }
    }
    dest.insert(GLOBAL_KEY, Value::Map(dest_globals, MapKind::Plain));
}

/// Whether `key` names one of the chart's subcharts.
fn is_subchart(chart: &Chart, key: &str) -> bool {
    chart.dependencies.iter().any(|sub| sub.name() == key)
}

/// `coalesceValues`: the chart's defaults under the values in `dest`.
fn coalesce_chart_values(
    chart: &Chart,
    dest: &MapRef,
    prefix: &str,
    merge: bool,
    warnings: &mut Vec<String>,
) {
    let sub_prefix = concat_prefix(prefix, chart.name());
    let defaults = Value::Map(chart_values(chart), MapKind::Plain).deep_copy();
    let Some(defaults) = table(&defaults) else {
        return;
    };
    for (key, default) in defaults.entries() {
        match dest.get(&key) {
            Some(Value::Nil) if !merge => {
                dest.remove(&key);
            }
            Some(Value::Map(user, _)) => match &default {
                Value::Map(default_map, _) => {
                    let merge = merge || is_subchart(chart, &key);
                    coalesce_tables(
                        &user,
                        default_map,
                        &concat_prefix(&sub_prefix, &key),
                        merge,
                        warnings,
                    );
                }
                Value::Nil => {}
                _ => warnings.push(format!(
                    "warning: skipped value for {sub_prefix}.{key}: Not a table."
                )),
            },
            Some(_) => {}
            None => dest.insert(key, default),
        }
    }
}

/// `coalesceTablesFullKey`: `src` under the authoritative `dst`.
fn coalesce_tables(
    dst: &MapRef,
    src: &MapRef,
    prefix: &str,
    merge: bool,
    warnings: &mut Vec<String>,
) {
    if dst.ptr_eq(src) {
        return;
    }
    let src_non_nil: Vec<String> = src
        .entries()
        .into_iter()
        .filter(|(_, value)| !value.is_nil())
        .map(|(key, _)| key)
        .collect();
    for (key, value) in dst.entries() {
        if value.is_nil() {
            src.insert(key, Value::Nil);
        }
    }
    for (key, value) in src.entries() {
        let full_key = concat_prefix(prefix, &key);
        match dst.get(&key) {
            Some(Value::Nil) if !merge && src_non_nil.contains(&key) => {
                dst.remove(&key);
            }
            None => dst.insert(key, value),
            Some(existing) => match (&value, &existing) {
                (Value::Map(src_map, _), Value::Map(dst_map, _)) => {
                    coalesce_tables(dst_map, src_map, &full_key, merge, warnings);
                }
                (Value::Map(..), _) => warnings.push(format!(
                    "warning: cannot overwrite table with non table for {full_key} ({})",
                    sprint_value(&value)
                )),
                (_, Value::Map(..)) if !value.is_nil() => warnings.push(format!(
                    "warning: destination for {full_key} is a table. Ignoring non-table value ({})",
                    sprint_value(&value)
                )),
                _ => {}
            },
        }
    }
}

/// `MergeTables`.
fn merge_tables(dst: &MapRef, src: &MapRef, warnings: &mut Vec<String>) {
    coalesce_tables(dst, src, "", true, warnings);
}

/// `Values.Table`: the map at a dotted path.
fn values_table(values: &MapRef, path: &str) -> Option<MapRef> {
    let mut current = values.clone();
    for part in path.split('.') {
        current = table(&current.get(part)?)?.clone();
    }
    Some(current)
}

/// `Values.PathValue`: the non-map value at a dotted path.
fn path_value(values: &MapRef, path: &str) -> Option<Value> {
    let (parent, key) = match path.rsplit_once('.') {
        Some((parent, key)) => (values_table(values, parent)?, key),
        None => (values.clone(), path),
    };
    parent.get(key).filter(|value| table(value).is_none())
}

/// `ProcessDependencies(chart, values)`: drop the subcharts their
/// `condition` or `tags` switch off, apply aliases, then import values
/// (`import-values`) from children into parents' defaults. `values` are the
/// user's values; chart defaults are parsed first ([`parse_values`]).
/// `warnings` receives what Helm logs.
///
/// # Errors
/// A `values.yaml` Helm would refuse, or a coalescing type mismatch.
pub fn process_dependencies(
    chart: &mut Chart,
    values: &Value,
    warnings: &mut Vec<String>,
) -> Result<(), LoadError> {
    parse_values(chart)?;
    let values = table(values).cloned().unwrap_or_default();
    process_enabled(chart, &values, "", warnings)?;
    process_import_values(chart, warnings)
}

/// `processDependencyEnabled`.
fn process_enabled(
    chart: &mut Chart,
    values: &MapRef,
    path: &str,
    warnings: &mut Vec<String>,
) -> Result<(), LoadError> {
    if chart.metadata.dependencies.is_empty() {
        return Ok(());
    }
    let requested: Vec<Dependency> = chart.metadata.listed_dependencies().cloned().collect();
    let matches = |sub: &Chart, wanted: &Dependency| {
        sub.name() == wanted.name && is_compatible_range(&wanted.version, &sub.metadata.version)
    };
    let mut kept: Vec<Chart> = chart
        .dependencies
        .iter()
        .filter(|sub| !requested.iter().any(|wanted| matches(sub, wanted)))
        .cloned()
        .collect();
    for wanted in chart.metadata.dependencies.iter_mut().flatten() {
        if let Some(sub) = chart.dependencies.iter().find(|sub| matches(sub, wanted)) {
            let mut copy = sub.clone();
            if !wanted.alias.is_empty() {
                copy.metadata.name.clone_from(&wanted.alias);
            }
            kept.push(copy);
        }
        if !wanted.alias.is_empty() {
            wanted.name.clone_from(&wanted.alias);
        }
    }
    chart.dependencies = kept;
    for wanted in chart.metadata.dependencies.iter_mut().flatten() {
        wanted.enabled = true;
    }
    let coalesced = coalesce_values(chart, &Value::Map(values.clone(), MapKind::Plain), warnings)?;
    let coalesced = table(&coalesced).cloned().unwrap_or_default();
    process_tags(chart, &coalesced, warnings);
    process_conditions(chart, &coalesced, path, warnings);
    let removed: Vec<String> = chart
        .metadata
        .listed_dependencies()
        .filter(|wanted| !wanted.enabled)
        .map(|wanted| wanted.name.clone())
        .collect();
    chart
        .dependencies
        .retain(|sub| !removed.iter().any(|name| name == sub.name()));
    chart.metadata.dependencies.retain(|wanted| {
        wanted
            .as_ref()
            .is_none_or(|wanted| !removed.contains(&wanted.name))
    });
    for sub in &mut chart.dependencies {
        let sub_path = format!("{path}{}.", sub.name());
        process_enabled(sub, &coalesced, &sub_path, warnings)?;
    }
    Ok(())
}

/// `processDependencyTags`: a dependency with tags is disabled when one of
/// its tags is `false` under `tags:` and none is `true`.
fn process_tags(chart: &mut Chart, values: &MapRef, warnings: &mut Vec<String>) {
    let Some(tags) = values_table(values, "tags") else {
        return;
    };
    for wanted in chart.metadata.dependencies.iter_mut().flatten() {
        let (mut has_true, mut has_false) = (false, false);
        for tag in &wanted.tags {
            match tags.get(tag) {
                Some(Value::Bool(true)) => has_true = true,
                Some(Value::Bool(false)) => has_false = true,
                Some(_) => warnings.push(format!(
                    "returned non-bool value tag={tag} chart={}",
                    wanted.name
                )),
                None => {}
            }
        }
        wanted.enabled = has_true || !has_false;
    }
}

/// `processDependencyConditions`: the first condition path holding a
/// boolean decides (paths are split on `,` and not trimmed, as in Helm).
fn process_conditions(chart: &mut Chart, values: &MapRef, path: &str, warnings: &mut Vec<String>) {
    for wanted in chart.metadata.dependencies.iter_mut().flatten() {
        for condition in wanted.condition.trim().split(',') {
            if condition.is_empty() {
                continue;
            }
            match path_value(values, &format!("{path}{condition}")) {
                Some(Value::Bool(flag)) => {
                    wanted.enabled = flag;
                    break;
                }
                Some(_) => warnings.push(format!(
                    "returned non-bool value path={condition} chart={}",
                    wanted.name
                )),
                None => {}
            }
        }
    }
}

/// `processDependencyImportValues` with merging, children first.
fn process_import_values(chart: &mut Chart, warnings: &mut Vec<String>) -> Result<(), LoadError> {
    for sub in &mut chart.dependencies {
        process_import_values(sub, warnings)?;
    }
    if chart.metadata.dependencies.is_empty() {
        return Ok(());
    }
    let merged = merge_values(chart, warnings)?;
    let imported = MapRef::default();
    for wanted in chart.metadata.dependencies.iter_mut().flatten() {
        let mut rewritten = Vec::new();
        for import in std::mem::take(&mut wanted.import_values) {
            let (child, parent) = match &import {
                Value::Map(map, _) => (
                    sprint_value(&map.get("child").unwrap_or_default()),
                    sprint_value(&map.get("parent").unwrap_or_default()),
                ),
                Value::String(name) => (format!("exports.{name}"), ".".to_owned()),
                _ => continue,
            };
            rewritten.push(Value::map(MapData::from([
                ("child".to_owned(), Value::str(&child)),
                ("parent".to_owned(), Value::str(&parent)),
            ])));
            let Some(source) = values_table(&merged, &format!("{}.{child}", wanted.name)) else {
                warnings.push(format!(
                    "ImportValues missing table from chart {}",
                    wanted.name
                ));
                continue;
            };
            let placed = if parent == "." {
                source
            } else {
                parent.rsplit('.').fold(source, |inner, key| {
                    MapRef::new(MapData::from([(
                        key.to_owned(),
                        Value::Map(inner, MapKind::Plain),
                    )]))
                })
            };
            merge_tables(&imported, &placed, warnings);
        }
        wanted.import_values = rewritten;
    }
    let merged = Value::Map(merged, MapKind::Plain).deep_copy();
    let merged_map = table(&merged).cloned().unwrap_or_default();
    merge_tables(&merged_map, &imported, warnings);
    chart.values = Value::Map(merged_map, MapKind::Plain);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::helm::{ChartFile, load_files};

    fn file(name: &str, text: &str) -> ChartFile {
        ChartFile::new(name, text.as_bytes())
    }

    fn values(text: &str) -> Value {
        load_values(text).unwrap()
    }

    fn printed(value: &Value) -> String {
        sprint_value(value)
    }

    /// Parent with `sub` (condition `sub.enabled`, tag `front`, imports),
    /// `other` (aliased twice) and globals; the expectations below are what
    /// `helm template` v4.1.4 printed for the same chart.
    fn parent() -> Chart {
        load_files(vec![
            file(
                "Chart.yaml",
                "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n    condition: sub.enabled\n    tags: [front]\n    import-values:\n      - data\n      - child: deep\n        parent: fromsub\n  - name: other\n    version: \"~1.0.0\"\n    alias: first\n  - name: other\n    version: \"~1.0.0\"\n    alias: second\n",
            ),
            file(
                "values.yaml",
                "global:\n  region: eu\n  nested: {a: 1}\nkeep: parent\nremove: me\nsub:\n  fromParent: 1\nfromsub:\n  override: parent\n",
            ),
            file("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n"),
            file(
                "charts/sub/values.yaml",
                "enabled: true\nglobal:\n  region: sub\n  nested: {b: 2}\nsubKey: s\nexports:\n  data:\n    exported: yes\ndeep:\n  override: child\n  only: child\n",
            ),
            file("charts/other/Chart.yaml", "apiVersion: v2\nname: other\nversion: 1.0.3\n"),
            file("charts/other/values.yaml", "o: 1\n"),
        ])
        .unwrap()
    }

    fn names(chart: &Chart) -> Vec<&str> {
        chart.dependencies.iter().map(Chart::name).collect()
    }

    #[test]
    fn aliases_copy_the_subchart_under_new_names() {
        let mut chart = parent();
        let mut warnings = Vec::new();
        process_dependencies(&mut chart, &values(""), &mut warnings).unwrap();
        assert_eq!(names(&chart), ["sub", "first", "second"]);
        let listed: Vec<&str> = chart
            .metadata
            .listed_dependencies()
            .map(|d| d.name.as_str())
            .collect();
        assert_eq!(listed, ["sub", "first", "second"]);
    }

    #[test]
    fn conditions_and_tags_switch_subcharts_off() {
        let run = |user: &str| {
            let mut chart = parent();
            process_dependencies(&mut chart, &values(user), &mut Vec::new()).unwrap();
            names(&chart).join(",")
        };
        assert_eq!(run("sub:\n  enabled: false\n"), "first,second");
        // A condition that holds a boolean (here the subchart's own default) wins over tags.
        assert_eq!(run("tags:\n  front: false\n"), "sub,first,second");
        assert_eq!(
            run("tags:\n  front: false\nsub:\n  enabled: true\n"),
            "sub,first,second"
        );
        assert_eq!(run("sub:\n  enabled: \"no\"\n"), "sub,first,second");
    }

    #[test]
    fn values_coalesce_as_helm_template_shows_them() {
        let mut chart = parent();
        let mut warnings = Vec::new();
        let user = values("remove: null\nsub:\n  subKey: user\nglobal:\n  user: u\n");
        process_dependencies(&mut chart, &user, &mut warnings).unwrap();
        let root = coalesce_values(&chart, &user, &mut warnings).unwrap();
        // `{{ .Values }}` in parent and in sub, from helm v4.1.4.
        assert_eq!(
            printed(&root),
            "map[exported:true first:map[global:map[nested:map[a:1] region:eu user:u] o:1] fromsub:map[only:child override:parent] global:map[nested:map[a:1] region:eu user:u] keep:parent second:map[global:map[nested:map[a:1] region:eu user:u] o:1] sub:map[deep:map[only:child override:child] enabled:true exports:map[data:map[exported:true]] fromParent:1 global:map[nested:map[a:1 b:2] region:eu user:u] subKey:user]]"
        );
        let sub = root.as_map().unwrap().get("sub").unwrap();
        assert_eq!(
            printed(&sub),
            "map[deep:map[only:child override:child] enabled:true exports:map[data:map[exported:true]] fromParent:1 global:map[nested:map[a:1 b:2] region:eu user:u] subKey:user]"
        );
        let listed = chart.metadata.metadata_map(true);
        let dependencies = listed.as_map().unwrap().get("Dependencies").unwrap();
        assert_eq!(
            printed(&dependencies),
            "[map[Alias: Condition:sub.enabled Enabled:true ImportValues:[map[child:exports.data parent:.] map[child:deep parent:fromsub]] Name:sub Repository: Tags:[front] Version:0.1.0] map[Alias:first Condition: Enabled:true ImportValues:[] Name:first Repository: Tags:[] Version:~1.0.0] map[Alias:second Condition: Enabled:true ImportValues:[] Name:second Repository: Tags:[] Version:~1.0.0]]"
        );
    }

    #[test]
    fn values_files_merge_documents() {
        assert_eq!(
            printed(&values("a: 1\nb: {c: 2}\n---\nb: {d: 3}\n")),
            "map[a:1 b:map[c:2 d:3]]"
        );
        assert_eq!(
            load_values("- 1\n").unwrap_err().message,
            "cannot load values.yaml: cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"
        );
    }
}
