//! Errors that stop ingresslab before it can say anything about the values
//! (an unusable chart). Mistakes in values are [`Diagnostic`](crate::Diagnostic)s.

use std::borrow::Cow;
use std::fmt;

/// What went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Chart.yaml is unusable.
    InvalidChart,
    /// A documentation template is unusable.
    InvalidTemplate,
}

impl ErrorKind {
    fn description(self) -> &'static str {
        match self {
            ErrorKind::InvalidChart => "invalid chart",
            ErrorKind::InvalidTemplate => "invalid template",
        }
    }
}

/// An error that prevents analysis.
#[derive(Debug)]
pub struct Error {
    repr: Box<ErrorRepr>,
}

#[derive(Debug)]
struct ErrorRepr {
    kind: ErrorKind,
    detail: Cow<'static, str>,
}

impl Error {
    /// An error of `kind` with a detail message.
    #[must_use]
    pub fn new(kind: ErrorKind, detail: impl Into<Cow<'static, str>>) -> Self {
        Self {
            repr: Box::new(ErrorRepr {
                kind,
                detail: detail.into(),
            }),
        }
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.repr.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.repr.kind.description(), self.repr.detail)
    }
}

impl std::error::Error for Error {}
