//! Template errors as Go builds them, and as Helm rewrites them for the
//! `Error:` line.
//!
//! Go wraps errors (`error calling include: %w`), and Helm walks that chain
//! (`pkg/engine/engine.go`, `reformatExecErrorMsg`): a `fail` or `required`
//! message anywhere becomes `execution error at (LOCATION): MESSAGE`; a chain
//! of template errors only becomes an indented trace; any other chain is
//! printed as Go's text. So an error keeps every link's text.

/// A Go error and the errors it wraps, outermost first: `links[0]` is
/// `err.Error()`, `links[1]` is `errors.Unwrap(err).Error()`, and so on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GoError {
    links: Vec<String>,
    /// Whether the outermost error is a `template.ExecError`.
    exec: bool,
}

/// Helm's markers around `fail` and `required` messages.
pub(crate) const WARN_START: &str = "HELM_ERR_START";
pub(crate) const WARN_END: &str = "HELM_ERR_END";

impl GoError {
    /// `errors.New(message)`.
    #[must_use]
    pub(crate) fn plain(message: impl Into<String>) -> Self {
        Self {
            links: vec![message.into()],
            exec: false,
        }
    }

    /// `fmt.Errorf(prefix + "%w", cause)`.
    #[must_use]
    pub(crate) fn wrap(prefix: &str, cause: Self) -> Self {
        let mut links = Vec::with_capacity(cause.links.len() + 1);
        links.push(format!("{prefix}{}", cause.links[0]));
        links.extend(cause.links);
        Self { links, exec: false }
    }

    /// `s.errorf(...)` in `text/template`'s exec: an `ExecError` whose text
    /// names the location, the template and the node.
    #[must_use]
    pub(crate) fn exec(location: &str, name: &str, context: &str, message: &str) -> Self {
        let text = format!(
            "template: {location}: executing {} at <{context}>: {message}",
            super::gofmt::quote(name)
        );
        Self {
            links: vec![text.clone(), text],
            exec: true,
        }
    }

    /// `s.errorf("error calling %s: %w", name, err)`.
    #[must_use]
    pub(crate) fn exec_call(
        location: &str,
        name: &str,
        context: &str,
        func: &str,
        cause: Self,
    ) -> Self {
        let text = format!(
            "template: {location}: executing {} at <{context}>: error calling {func}: {}",
            super::gofmt::quote(name),
            cause.links[0]
        );
        let mut links = vec![text.clone(), text];
        links.extend(cause.links);
        Self { links, exec: true }
    }

    /// `s.errorf` with no node (`template: NAME: MESSAGE`).
    #[must_use]
    pub(crate) fn exec_bare(name: &str, message: &str) -> Self {
        let text = format!("template: {name}: {message}");
        Self {
            links: vec![text.clone(), text],
            exec: true,
        }
    }

    /// The message Helm prints for a render error in `file`
    /// (`reformatExecErrorMsg`).
    #[must_use]
    pub(crate) fn helm_message(&self, file: &str) -> String {
        if !self.exec {
            return self.links[0].clone();
        }
        let text = &self.links[0];
        let tokens: Vec<&str> = text.splitn(3, ": ").collect();
        if tokens.len() != 3 {
            return format!("execution error in ({file}): {text}");
        }
        if let Some(message) = warn_message(tokens[2]) {
            return format!("execution error at ({}): {message}", tokens[1]);
        }
        let mut traces: Vec<Traceable> = Vec::new();
        for link in &self.links {
            let Some(trace) = parse_traceable(link) else {
                return text.clone();
            };
            if traces.last() != Some(&trace) {
                traces.push(trace);
            }
        }
        let mut out = String::new();
        for trace in &traces {
            trace.write(&mut out);
        }
        out.trim().to_owned()
    }
}

/// Helm's `warnRegex`: the text between the first start marker and the last end marker.
fn warn_message(text: &str) -> Option<&str> {
    let start = text.find(WARN_START)? + WARN_START.len();
    let end = text.rfind(WARN_END)?;
    (end >= start).then(|| &text[start..end])
}

#[derive(Debug, PartialEq, Eq)]
struct Traceable {
    location: String,
    message: String,
    executed: String,
}

impl Traceable {
    fn write(&self, out: &mut String) {
        if !self.location.is_empty() {
            out.push_str(&self.location);
            out.push_str("\n  ");
        }
        if !self.executed.is_empty() {
            out.push_str(&self.executed);
            out.push_str("\n    ");
        }
        if !self.message.is_empty() {
            out.push_str(&self.message);
            out.push('\n');
        }
    }
}

/// Helm's `parseTemplateExecErrorString`.
fn parse_traceable(text: &str) -> Option<Traceable> {
    let remainder = text.strip_prefix("template: ")?;
    if remainder.starts_with("no template ") {
        return Some(Traceable {
            location: String::new(),
            message: text.to_owned(),
            executed: String::new(),
        });
    }
    if let Some(index) = remainder.find(": executing ") {
        let name = &remainder[..index];
        let after = &remainder[index + ": executing ".len()..];
        if let Some(quoted) = after.strip_prefix('"')
            && let Some(end_quote) = quoted.find('"')
        {
            let function = &quoted[..end_quote];
            let after_function = &quoted[end_quote + 1..];
            if let Some(after_at) = after_function.strip_prefix(" at <")
                && let Some(end_location) = after_at.find(">: ")
            {
                let location = &after_at[..end_location];
                let mut message = &after_at[end_location + 3..];
                if let Some(cut) = message.find(" template:") {
                    message = &message[..cut];
                }
                return Some(Traceable {
                    location: name.to_owned(),
                    message: message.to_owned(),
                    executed: format!("executing \"{function}\" at <{location}>:"),
                });
            }
        }
        return None;
    }
    let separator = remainder.rfind(": ")?;
    let mut message = &remainder[separator + 2..];
    if let Some(cut) = message.find(" template:") {
        message = &message[..cut];
    }
    Some(Traceable {
        location: remainder[..separator].to_owned(),
        message: message.to_owned(),
        executed: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected texts are what Helm v4.1.4 printed for the same templates.

    #[test]
    fn fail_anywhere_reports_the_outer_location() {
        let inner = GoError::exec_call(
            "p2/templates/_h.tpl:2:3",
            "x.fail",
            "fail \"boom in include\"",
            "fail",
            GoError::plain(format!("{WARN_START}boom in include{WARN_END}")),
        );
        let outer = GoError::exec_call(
            "p2/templates/t.yaml:1:3",
            "p2/templates/t.yaml",
            "include \"x.fail\" .",
            "include",
            inner,
        );
        assert_eq!(
            outer.helm_message("p2/templates/t.yaml"),
            "execution error at (p2/templates/t.yaml:1:3): boom in include"
        );
    }

    #[test]
    fn template_errors_become_a_trace() {
        let inner = GoError::exec(
            "p2/templates/_h.tpl:5:12",
            "x.nil",
            ".Values.a.b.c",
            "nil pointer evaluating interface {}.c",
        );
        let outer = GoError::exec_call(
            "p2/templates/t.yaml:1:6",
            "p2/templates/t.yaml",
            "include \"x.nil\" .",
            "include",
            inner,
        );
        assert_eq!(
            outer.helm_message("p2/templates/t.yaml"),
            "p2/templates/t.yaml:1:6\n  executing \"p2/templates/t.yaml\" at <include \"x.nil\" .>:\n    error calling include:\np2/templates/_h.tpl:5:12\n  executing \"x.nil\" at <.Values.a.b.c>:\n    nil pointer evaluating interface {}.c"
        );
    }

    #[test]
    fn function_errors_print_as_go_text() {
        let error = GoError::exec_call(
            "p2/templates/t.yaml:1:5",
            "p2/templates/t.yaml",
            "eq 1 1.0",
            "eq",
            GoError::plain("incompatible types for comparison: int and float64"),
        );
        assert_eq!(
            error.helm_message("p2/templates/t.yaml"),
            "template: p2/templates/t.yaml:1:5: executing \"p2/templates/t.yaml\" at <eq 1 1.0>: error calling eq: incompatible types for comparison: int and float64"
        );
    }
}
