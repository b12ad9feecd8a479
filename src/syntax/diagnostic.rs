//! Syntax diagnostics: the error value returned by the front end, and its plain and
//! ariadne renderings. The last line of both renderings is always `Kind: message`, as in Python.

use std::fmt;

use super::ast::Span;
use crate::error::{Error, ExcKind};

/// A front-end error (`SyntaxError`, `IndentationError`, `TabError`, `OverflowError`).
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub kind: ExcKind,
    pub msg: String,
    /// Byte range in the source the error points at (start = caret position).
    pub span: Span,
    /// Human names of the tokens that would have been accepted (may be empty).
    pub expected: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic with no expected-token list.
    pub fn new(kind: ExcKind, msg: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic { kind, msg: msg.into(), span, expected: Vec::new() }
    }
    /// `SyntaxError: msg` at `span`.
    pub fn syntax(msg: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(ExcKind::SyntaxError, msg, span)
    }
    /// `IndentationError: msg` at `span`.
    pub fn indentation(msg: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(ExcKind::IndentationError, msg, span)
    }
    fn expected_suffix(&self) -> String {
        if self.expected.is_empty() {
            String::new()
        } else {
            format!(" (expected one of: {})", self.expected.join(", "))
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `Kind: msg`, the last line Python prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.msg)
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Error {
        Error::new(d.kind, d.msg)
    }
}

/// 1-based (line, column) of a byte offset; the column counts characters. Offsets past the
/// end (or inside a character) are clamped.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut off = offset.min(src.len());
    while !src.is_char_boundary(off) {
        off -= 1;
    }
    let before = &src[..off];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The text of the line containing `offset` (without its line terminator).
fn line_text(src: &str, offset: usize) -> &str {
    let mut off = offset.min(src.len());
    while !src.is_char_boundary(off) {
        off -= 1;
    }
    let start = src[..off].rfind('\n').map_or(0, |i| i + 1);
    let end = src[off..].find('\n').map_or(src.len(), |i| off + i);
    src[start..end].trim_end_matches('\r')
}

/// Plain rendering:
/// ```text
/// ORIGIN:L:C: Kind: msg (expected one of: a, b)
///     source line
///     ^
/// Kind: msg
/// ```
pub fn render_plain(d: &Diagnostic, src: &str, origin: &str) -> String {
    let offset = d.span.start;
    let (line, col) = line_col(src, offset);
    let text = line_text(src, offset).replace('\t', " ");
    let mut out = format!("{origin}:{line}:{col}: {d}{}\n", d.expected_suffix());
    out.push_str("    ");
    out.push_str(&text);
    out.push('\n');
    out.push_str("    ");
    out.extend(std::iter::repeat_n(' ', col - 1));
    out.push_str("^\n");
    out.push_str(&d.to_string());
    out.push('\n');
    out
}

/// Coloured (or not) ariadne rendering with byte spans, followed by the `Kind: msg` line.
pub fn render_pretty(d: &Diagnostic, src: &str, origin: &str, color: bool) -> String {
    use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
    let len = src.len();
    let start = d.span.start.min(len);
    let end = d.span.end.clamp(start, len);
    let id = origin.to_string();
    let msg = format!("{}{}", d.msg, d.expected_suffix());
    let label_msg = if d.expected.is_empty() {
        d.msg.clone()
    } else {
        format!("expected one of: {}", d.expected.join(", "))
    };
    let report = Report::build(ReportKind::Custom(d.kind.name(), Color::Red), (id.clone(), start..end))
        .with_config(Config::default().with_color(color).with_index_type(IndexType::Byte))
        .with_message(msg)
        .with_label(Label::new((id.clone(), start..end)).with_message(label_msg).with_color(Color::Red))
        .finish();
    let mut buf: Vec<u8> = Vec::new();
    let rendered = match report.write((id, Source::from(src)), &mut buf) {
        Ok(()) => String::from_utf8_lossy(&buf).into_owned(),
        Err(_) => render_plain(d, src, origin),
    };
    let mut out = rendered;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&d.to_string());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let src = "ab\nçd = 1\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        // 'd' is after a 2-byte char: byte 5, column 2
        assert_eq!(line_col(src, 5), (2, 2));
        assert_eq!(line_col(src, 100), (3, 1));
    }

    #[test]
    fn plain_layout() {
        let d = Diagnostic::syntax("invalid syntax", Span::new(6, 7));
        let s = render_plain(&d, "x = 1\ny = )\n", "t.py");
        assert_eq!(s, "t.py:2:1: SyntaxError: invalid syntax\n    y = )\n    ^\nSyntaxError: invalid syntax\n");
        let d = Diagnostic { expected: vec!["':'".into()], ..Diagnostic::syntax("bad", Span::new(4, 5)) };
        let s = render_plain(&d, "y = )", "<stdin>");
        assert!(s.starts_with("<stdin>:1:5: SyntaxError: bad (expected one of: ':')\n    y = )\n        ^\n"));
        assert!(s.ends_with("\nSyntaxError: bad\n"));
    }

    #[test]
    fn pretty_ends_with_kind_line() {
        let d = Diagnostic::indentation("unexpected indent", Span::new(6, 8));
        let s = render_pretty(&d, "x = 1\n  y = 2\n", "f.py", false);
        assert!(s.contains("f.py"));
        assert!(s.ends_with("IndentationError: unexpected indent\n"));
    }
}
