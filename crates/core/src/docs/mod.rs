//! A README for a chart, written exactly as helm-docs v1.14.2 writes it:
//! the values table from values.yaml comments, the chart's metadata, and a
//! README template (helm-docs' Go-template directives, or minijinja `.j2`).

mod chart_info;
mod comments;
mod json;
mod rows;
mod template;
mod tree;

pub use rows::SortOrder;

use template::Documents;

/// The files helm-docs reads.
#[derive(Clone, Debug)]
pub struct DocsInput<'a> {
    /// Chart.yaml text.
    pub chart_yaml: &'a str,
    /// values.yaml text (empty when the chart has none).
    pub values_yaml: &'a str,
    /// requirements.yaml text: where an `apiVersion: v1` chart lists its dependencies.
    pub requirements_yaml: Option<&'a str>,
    /// The template's file name and text; `None` uses helm-docs' default template.
    pub template: Option<(&'a str, &'a str)>,
    /// Row order.
    pub sort: SortOrder,
}

/// Why no README (or only part of one) can be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocsError {
    /// helm-docs would skip this chart (and write nothing): the reason.
    Skipped(String),
    /// The template cannot be used.
    Template(String),
    /// The template stopped while running; helm-docs writes `text`, the part before the error.
    Partial {
        /// What was rendered before the error, post-processed.
        text: String,
        /// The execution error.
        reason: String,
    },
}

impl std::fmt::Display for DocsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocsError::Skipped(reason) => write!(f, "the chart cannot be documented: {reason}"),
            DocsError::Template(reason) => {
                write!(f, "the README template cannot be used: {reason}")
            }
            DocsError::Partial { reason, .. } => {
                write!(f, "the README template stopped early: {reason}")
            }
        }
    }
}

impl std::error::Error for DocsError {}

/// Write the README.
///
/// # Errors
/// When helm-docs would skip the chart (values not a map, unsupported
/// scalars) or the template cannot be read.
pub fn readme(input: &DocsInput<'_>) -> Result<String, DocsError> {
    let chart = chart_info::read(input.chart_yaml, input.requirements_yaml)
        .ok_or_else(|| DocsError::Skipped("Chart.yaml is not valid YAML".to_owned()))?;
    let rows = value_rows(input.values_yaml, input.sort)?;
    let documents = Documents {
        chart: &chart,
        rows: &rows,
    };
    if let Some((name, text)) = input.template.filter(|(name, _)| name.ends_with(".j2")) {
        return template::render_jinja(name, text, &documents)
            .map(|rendered| template::post_process(&rendered))
            .map_err(DocsError::Template);
    }
    let text = input
        .template
        .map_or(template::DEFAULT_TEMPLATE, |(_, text)| text);
    let expanded = template::expand_go_template(text, &documents).map_err(DocsError::Template)?;
    let rendered = template::post_process(&expanded.text);
    match expanded.stopped {
        None => Ok(rendered),
        Some(reason) => Err(DocsError::Partial {
            text: rendered,
            reason,
        }),
    }
}

fn value_rows(values_yaml: &str, sort: SortOrder) -> Result<Vec<rows::Row>, DocsError> {
    // yaml.v3 drops a byte-order mark; so do the comment scans.
    let text = values_yaml
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n");
    let Some(mut root) = tree::parse(&text).map_err(|error| DocsError::Skipped(error.0))? else {
        return Ok(Vec::new());
    };
    if !matches!(root.value, tree::DocValue::Map(_)) {
        return Err(DocsError::Skipped(
            "values file must resolve to a map".to_owned(),
        ));
    }
    let lines: Vec<&str> = text.split('\n').collect();
    rows::attach_heads(&mut root, &lines);
    rows::remove_ignored(&mut root);
    let mut rows = rows::rows(&root, &text).map_err(DocsError::Skipped)?;
    rows::sort(&mut rows, sort);
    Ok(rows)
}

/// New-style (`# --`) and old-style descriptions of every key of a values
/// file, by key path, as helm-docs reads them.
///
/// The last values file's descriptions are kept: the playground asks for
/// the same chart's on every edit and caret move, and reading them costs
/// milliseconds.
#[must_use]
pub fn descriptions(values_yaml: &str) -> std::rc::Rc<std::collections::BTreeMap<String, String>> {
    type Read = (
        String,
        std::rc::Rc<std::collections::BTreeMap<String, String>>,
    );
    thread_local! {
        static LAST: std::cell::RefCell<Option<Read>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((text, read)) = last.as_ref()
            && text == values_yaml
        {
            return std::rc::Rc::clone(read);
        }
        let read = std::rc::Rc::new(crate::sort::btree_map(
            value_rows(values_yaml, SortOrder::Alphanum)
                .unwrap_or_default()
                .into_iter()
                .filter(|row| !row.description.is_empty())
                .map(|row| (row.key, row.description)),
        ));
        *last = Some((values_yaml.to_owned(), std::rc::Rc::clone(&read)));
        read
    })
}
