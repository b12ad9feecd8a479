//! Source text → AST: lexer, indentation pass, chumsky parser, diagnostics.
pub mod ast;
