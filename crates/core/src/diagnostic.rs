//! Problems found in a post, with the line they are on.

use std::fmt;

/// A diagnostic's message, as `format!` makes it, where diagnostics are read
/// (the `diagnostics` feature, which the CLI has); elsewhere an empty string,
/// and the text and its formatting are left out of the build.
macro_rules! say {
    ($($arg:tt)*) => {
        if cfg!(feature = "diagnostics") {
            format!($($arg)*)
        } else {
            String::new()
        }
    };
}
pub(crate) use say;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The post renders, but something in it is probably not what the author meant.
    Warning,
    /// Part of the post could not be read or shown.
    Error,
}

/// One problem in a post, at a 1-based line of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line in the post file.
    pub line: u32,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong and how to fix it, in lower case.
    pub message: String,
}

impl Diagnostic {
    /// A warning at `line`.
    pub fn warning(line: u32, message: impl Into<String>) -> Self {
        Self {
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    /// An error at `line`.
    pub fn error(line: u32, message: impl Into<String>) -> Self {
        Self {
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}: {kind}: {}", self.line, self.message)
    }
}
