//! The indentation pass, following CPython's tokenizer: at the start of every logical line
//! (outside brackets) the leading whitespace is compared with a stack of indentation levels
//! and INDENT / DEDENT tokens are emitted. Each level is measured twice (tabs to multiples of
//! 8, and tabs as 1 column); if the two measures disagree on the ordering the indentation
//! depends on the tab size and a `TabError` is raised.

use super::ast::Span;
use super::diagnostic::Diagnostic;
use super::token::Tok;
use crate::error::ExcKind;

/// Deepest block nesting accepted (CPython's limit).
pub const MAX_INDENT: usize = 100;

/// A block header (`if x:` at the end of a logical line) still waiting for its indented body.
#[derive(Clone, Debug)]
pub struct Pending {
    /// How Python names the header: `'if' statement`, `function definition`, ...
    pub what: &'static str,
    /// 1-based line of the header.
    pub line: usize,
    /// Byte offset of the header (the line is computed from it only when needed).
    pub offset: usize,
}

impl Pending {
    /// The header description for a logical line starting with `first`, if it is a compound
    /// statement keyword.
    pub fn for_header(first: &Tok, offset: usize) -> Option<Pending> {
        use super::token::Kw;
        let what = match first {
            Tok::Kw(Kw::If) => "'if' statement",
            Tok::Kw(Kw::Elif) => "'elif' statement",
            Tok::Kw(Kw::Else) => "'else' statement",
            Tok::Kw(Kw::For) => "'for' statement",
            Tok::Kw(Kw::While) => "'while' statement",
            Tok::Kw(Kw::Def) => "function definition",
            Tok::Kw(Kw::Class) => "class definition",
            Tok::Kw(Kw::With) => "'with' statement",
            Tok::Kw(Kw::Try) => "'try' statement",
            Tok::Kw(Kw::Except) => "'except' statement",
            Tok::Kw(Kw::Finally) => "'finally' statement",
            _ => return None,
        };
        Some(Pending { what, line: 0, offset })
    }

    /// `IndentationError: expected an indented block after ... on line N` at `span`
    /// (N from `line`, or from `offset` in `src` when `line` is 0).
    pub fn error(&self, src: &str, span: Span) -> Diagnostic {
        let line = if self.line == 0 { super::diagnostic::line_col(src, self.offset).0 } else { self.line };
        Diagnostic::indentation(
            format!("expected an indented block after {} on line {}", self.what, line),
            span,
        )
    }
}

/// The stack of open indentation levels: `(columns with tab size 8, columns with tab size 1)`.
#[derive(Debug)]
pub struct IndentState {
    stack: Vec<(usize, usize)>,
}

impl Default for IndentState {
    fn default() -> Self {
        IndentState { stack: vec![(0, 0)] }
    }
}

/// Column of the end of `ws` with tabs to multiples of 8, and with tabs counting 1.
/// A form feed resets both (as CPython does).
pub fn measure(ws: &str) -> (usize, usize) {
    let (mut col, mut alt) = (0usize, 0usize);
    for c in ws.chars() {
        match c {
            ' ' => {
                col += 1;
                alt += 1;
            }
            '\t' => {
                col = (col / 8 + 1) * 8;
                alt += 1;
            }
            '\x0c' => {
                col = 0;
                alt = 0;
            }
            _ => {}
        }
    }
    (col, alt)
}

fn tab_error(span: Span) -> Diagnostic {
    Diagnostic::new(ExcKind::TabError, "inconsistent use of tabs and spaces in indentation", span)
}

impl IndentState {
    /// Processes the indentation `ws` of a new logical line whose first token starts at
    /// `at`. `pending` is the block header the previous line opened, if any. Emits
    /// INDENT/DEDENT tokens into `out`.
    pub fn line(
        &mut self,
        ws: &str,
        ws_span: Span,
        at: usize,
        pending: Option<&Pending>,
        src: &str,
        out: &mut Vec<(Tok, Span)>,
    ) -> Result<(), Diagnostic> {
        let (col, alt) = measure(ws);
        let here = Span::new(at, at);
        let (top_col, top_alt) = self.top();
        if col == top_col {
            if alt != top_alt {
                return Err(tab_error(ws_span));
            }
            if let Some(p) = pending {
                return Err(p.error(src, here));
            }
        } else if col > top_col {
            if alt <= top_alt {
                return Err(tab_error(ws_span));
            }
            // Without a pending header the INDENT is still emitted: the parser reports
            // `unexpected indent` unless an earlier error (e.g. a missing ':') comes first.
            if self.stack.len() > MAX_INDENT {
                return Err(Diagnostic::indentation("too many levels of indentation", here));
            }
            self.stack.push((col, alt));
            out.push((Tok::Indent, here));
        } else {
            if let Some(p) = pending {
                return Err(p.error(src, here));
            }
            while self.stack.len() > 1 && col < self.top().0 {
                self.stack.pop();
                out.push((Tok::Dedent, here));
            }
            let (top_col, top_alt) = self.top();
            if col != top_col {
                return Err(Diagnostic::indentation(
                    "unindent does not match any outer indentation level",
                    here,
                ));
            }
            if alt != top_alt {
                return Err(tab_error(ws_span));
            }
        }
        Ok(())
    }

    /// Closes every open block at the end of input.
    pub fn finish(&mut self, at: usize, out: &mut Vec<(Tok, Span)>) {
        while self.stack.len() > 1 {
            self.stack.pop();
            out.push((Tok::Dedent, Span::new(at, at)));
        }
    }

    fn top(&self) -> (usize, usize) {
        self.stack.last().copied().unwrap_or((0, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_tabs() {
        assert_eq!(measure("    "), (4, 4));
        assert_eq!(measure("\t"), (8, 1));
        assert_eq!(measure("  \t"), (8, 3));
        assert_eq!(measure("\t  "), (10, 3));
    }

    #[test]
    fn indent_and_dedent() {
        let mut st = IndentState::default();
        let mut out = Vec::new();
        let p = Pending { what: "'if' statement", line: 1, offset: 0 };
        st.line("    ", Span::new(0, 4), 4, Some(&p), "", &mut out).unwrap();
        assert_eq!(out.len(), 1);
        st.line("", Span::new(10, 10), 10, None, "", &mut out).unwrap();
        assert_eq!(out.last().map(|t| &t.0), Some(&Tok::Dedent));
        // a dedent to a level that was never opened
        st.line("    ", Span::new(20, 24), 24, Some(&p), "", &mut out).unwrap();
        let e = st.line("  ", Span::new(30, 32), 32, None, "", &mut out).unwrap_err();
        assert_eq!(e.msg, "unindent does not match any outer indentation level");
        assert_eq!(e.kind, ExcKind::IndentationError);
    }

    #[test]
    fn tab_space_mix_is_tab_error() {
        let mut st = IndentState::default();
        let mut out = Vec::new();
        let p = Pending { what: "'if' statement", line: 1, offset: 0 };
        st.line("\t", Span::new(0, 1), 1, Some(&p), "", &mut out).unwrap();
        // 8 spaces: same column with tab size 8, different with tab size 1
        let e = st.line("        ", Span::new(5, 13), 13, None, "", &mut out).unwrap_err();
        assert_eq!(e.kind, ExcKind::TabError);
    }
}
