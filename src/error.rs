//! The one error type of tsr: a Python exception kind, its message, and (once the
//! interpreter has seen it) where in the source it happened.
//!
//! The tensor layer raises these without locations; `eval` attaches a span when an
//! error crosses a statement or call. `Display` prints `Kind: message`, exactly the last
//! line Python prints.

use std::fmt;

/// Python/PyTorch exception classes tsr can raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExcKind {
    Exception,
    RuntimeError,
    TypeError,
    ValueError,
    IndexError,
    KeyError,
    NameError,
    UnboundLocalError,
    AttributeError,
    NotImplementedError,
    ZeroDivisionError,
    OverflowError,
    AssertionError,
    ImportError,
    ModuleNotFoundError,
    StopIteration,
    RecursionError,
    KeyboardInterrupt,
    SyntaxError,
    IndentationError,
    TabError,
    FileNotFoundError,
    OSError,
    MemoryError,
    PermissionError,
    IsADirectoryError,
    EOFError,
    UnpicklingError,
    BadZipFile,
    SafetensorError,
    /// `torch.autograd.gradcheck.GradcheckError` (a RuntimeError).
    GradcheckError,
}

impl ExcKind {
    pub fn name(self) -> &'static str {
        use ExcKind::*;
        match self {
            Exception => "Exception",
            RuntimeError => "RuntimeError",
            TypeError => "TypeError",
            ValueError => "ValueError",
            IndexError => "IndexError",
            KeyError => "KeyError",
            NameError => "NameError",
            UnboundLocalError => "UnboundLocalError",
            AttributeError => "AttributeError",
            NotImplementedError => "NotImplementedError",
            ZeroDivisionError => "ZeroDivisionError",
            OverflowError => "OverflowError",
            AssertionError => "AssertionError",
            ImportError => "ImportError",
            ModuleNotFoundError => "ModuleNotFoundError",
            StopIteration => "StopIteration",
            RecursionError => "RecursionError",
            KeyboardInterrupt => "KeyboardInterrupt",
            SyntaxError => "SyntaxError",
            IndentationError => "IndentationError",
            TabError => "TabError",
            FileNotFoundError => "FileNotFoundError",
            OSError => "OSError",
            MemoryError => "MemoryError",
            PermissionError => "PermissionError",
            IsADirectoryError => "IsADirectoryError",
            EOFError => "EOFError",
            UnpicklingError => "UnpicklingError",
            BadZipFile => "BadZipFile",
            SafetensorError => "SafetensorError",
            GradcheckError => "GradcheckError",
        }
    }

    /// The name a traceback prints (module-qualified for exceptions defined in torch).
    pub fn qualified_name(self) -> &'static str {
        match self {
            ExcKind::GradcheckError => "torch.autograd.gradcheck.GradcheckError",
            k => k.name(),
        }
    }

    /// Every kind, for name lookup (`except ValueError:`, `isinstance`).
    pub const ALL: &'static [ExcKind] = {
        use ExcKind::*;
        &[
            Exception, RuntimeError, TypeError, ValueError, IndexError, KeyError, NameError,
            UnboundLocalError, AttributeError, NotImplementedError, ZeroDivisionError,
            OverflowError, AssertionError, ImportError, ModuleNotFoundError, StopIteration,
            RecursionError, KeyboardInterrupt, SyntaxError, IndentationError, TabError,
            FileNotFoundError, OSError, MemoryError, PermissionError, IsADirectoryError,
            EOFError, UnpicklingError, BadZipFile, SafetensorError,
        ]
    };

    pub fn from_name(name: &str) -> Option<ExcKind> {
        Self::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// Python's class hierarchy, as far as `except` clauses need it.
    pub fn is_subclass_of(self, base: ExcKind) -> bool {
        use ExcKind::*;
        if self == base {
            return true;
        }
        match base {
            Exception => self != KeyboardInterrupt,
            RuntimeError => matches!(self, NotImplementedError | RecursionError | GradcheckError),
            NameError => self == UnboundLocalError,
            ImportError => self == ModuleNotFoundError,
            SyntaxError => matches!(self, IndentationError | TabError),
            IndentationError => self == TabError,
            OSError => matches!(self, FileNotFoundError | PermissionError | IsADirectoryError),
            _ => false,
        }
    }
}

/// A source location attached by the interpreter: byte range in a named source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub origin: std::rc::Rc<str>,
    pub line: usize,
    pub col: usize,
}

/// A raised exception.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub kind: ExcKind,
    pub msg: String,
    /// Where it was raised (innermost first), filled in by the interpreter.
    pub trace: Vec<Location>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ExcKind, msg: impl Into<String>) -> Self {
        Error { kind, msg: msg.into(), trace: Vec::new() }
    }
    pub fn runtime(msg: impl Into<String>) -> Self {
        Self::new(ExcKind::RuntimeError, msg)
    }
    pub fn type_err(msg: impl Into<String>) -> Self {
        Self::new(ExcKind::TypeError, msg)
    }
    pub fn value(msg: impl Into<String>) -> Self {
        Self::new(ExcKind::ValueError, msg)
    }
    pub fn index(msg: impl Into<String>) -> Self {
        Self::new(ExcKind::IndexError, msg)
    }
    /// `NotImplementedError: <what>` for a feature tsr does not have.
    pub fn not_impl(what: impl Into<String>) -> Self {
        Self::new(ExcKind::NotImplementedError, what)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.msg.is_empty() {
            write!(f, "{}", self.kind.qualified_name())
        } else {
            write!(f, "{}: {}", self.kind.qualified_name(), self.msg)
        }
    }
}

impl std::error::Error for Error {}

/// `bail!(RuntimeError, "fmt", args)` returns an `Err(Error)` of that kind.
#[macro_export]
macro_rules! bail {
    ($kind:ident, $($arg:tt)*) => {
        return Err($crate::error::Error::new($crate::error::ExcKind::$kind, format!($($arg)*)))
    };
}

/// `err!(RuntimeError, "fmt", args)` builds an `Error` of that kind.
#[macro_export]
macro_rules! err {
    ($kind:ident, $($arg:tt)*) => {
        $crate::error::Error::new($crate::error::ExcKind::$kind, format!($($arg)*))
    };
}
