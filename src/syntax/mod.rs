//! Source text → AST: lexer, indentation pass, chumsky parser, diagnostics.
//!
//! The normative grammar is `grammar/tsr.ebnf`. Limits (all reported as `SyntaxError` /
//! `IndentationError` diagnostics, never a crash): 200 nested brackets, 100 nested blocks,
//! 1000 operators in one comma-separated expression segment, 2000 `elif` branches.

pub mod ast;
pub mod diagnostic;
mod expr;
mod fstring;
pub mod indent;
pub mod lexer;
mod parser;
mod stmt;
pub mod token;

pub use ast::*;
pub use diagnostic::{line_col, render_plain, render_pretty, Diagnostic};

use token::{Kw, Op, Tok};

/// Parses a whole program. Spans are byte offsets into `src`.
pub fn parse(src: &str) -> Result<ast::Module, Diagnostic> {
    parser::parse_module(src)
}

/// Parses a single expression (a bare tuple `a, b` is accepted). Used for `tsr -e` echo
/// decisions and tests.
pub fn parse_expr(src: &str) -> Result<ast::Expr, Diagnostic> {
    let start = if src.starts_with('\u{feff}') { 3 } else { 0 };
    parser::parse_expr_range(src, start, src.len(), 0)
}

/// For the REPL: true when `src` (the lines entered so far, joined with `\n`, no trailing
/// newline added) is an unfinished entry: an open bracket, a trailing backslash, an
/// unterminated triple-quoted string, or a compound statement (`if ...:`, `def`, `@dec`, a
/// one-line `if x: y`) whose block has not been ended by a blank last line.
pub fn is_incomplete(src: &str) -> bool {
    let ends_blank = src.contains('\n') && src.rsplit('\n').next().is_some_and(|l| l.trim().is_empty());
    match lexer::lex(src) {
        Err(d) => {
            d.msg.ends_with("was never closed")
                || d.msg.starts_with("unterminated triple-quoted string literal")
                || d.msg == "unexpected EOF while parsing"
                || (d.msg.starts_with("expected an indented block") && !ends_blank)
        }
        Ok(toks) => {
            let compound = matches!(
                toks.first().map(|t| &t.0),
                Some(Tok::Kw(Kw::If | Kw::For | Kw::While | Kw::Def | Kw::Class | Kw::With | Kw::Try) | Tok::Op(Op::At))
            );
            let block = toks.iter().any(|t| t.0 == Tok::Indent);
            (compound || block) && !ends_blank
        }
    }
}

#[cfg(test)]
mod tests;
