//! The chumsky parser driver: the token input type, the parsers (built once per thread),
//! the entry points used by `mod.rs`, and the conversion of chumsky errors into
//! [`Diagnostic`]s. The grammar itself lives in `expr.rs` and `stmt.rs`.

use chumsky::input::{Input as _, MappedInput, Stream};
use chumsky::prelude::*;

use super::ast::{Expr, Module, Span};
use super::diagnostic::Diagnostic;
use super::lexer::{self, Spanned};
use super::token::{Op, Tok};
use crate::error::ExcKind;

/// chumsky's span type (byte offsets).
pub(crate) type CSpan = SimpleSpan;
/// The parser input: an owned token stream, so parsers can be built once and reused.
pub(crate) type Inp = MappedInput<'static, Tok, CSpan, Stream<std::vec::IntoIter<Spanned>>, fn(Spanned) -> (Tok, CSpan)>;
/// Parser extra: rich errors.
pub(crate) type Ex = extra::Err<Rich<'static, Tok, CSpan>>;
/// A boxed parser over [`Inp`].
pub(crate) type P<O> = Boxed<'static, 'static, Inp, O, Ex>;

fn split(t: Spanned) -> (Tok, CSpan) {
    (t.0, SimpleSpan::from(t.1.start..t.1.end))
}

/// `Span` from chumsky's span.
pub(crate) fn sp(s: CSpan) -> Span {
    Span::new(s.start, s.end)
}

/// `just(Tok::Op(o))`.
pub(crate) fn op(o: Op) -> impl Parser<'static, Inp, Tok, Ex> + Clone {
    just(Tok::Op(o))
}

/// `just(Tok::Kw(k))`.
pub(crate) fn kw(k: super::token::Kw) -> impl Parser<'static, Inp, Tok, Ex> + Clone {
    just(Tok::Kw(k))
}

/// A custom error carrying an exception kind (decoded by [`to_diagnostic`]).
pub(crate) fn custom(span: CSpan, kind: ExcKind, msg: impl AsRef<str>) -> Rich<'static, Tok, CSpan> {
    Rich::custom(span, format!("\u{1}{}\u{1}{}", kind.name(), msg.as_ref()))
}

/// The parsers, built once per thread.
pub(crate) struct Parsers {
    module: P<Module>,
    expr: P<Expr>,
}

thread_local! {
    static PARSERS: Parsers = build();
}

fn build() -> Parsers {
    let g = super::expr::expr_parsers();
    let module = super::stmt::module_parser(&g);
    let expr = g.star_expressions.clone().then_ignore(end()).boxed();
    Parsers { module, expr }
}

fn run<O>(p: &P<O>, toks: Vec<Spanned>, eoi: usize) -> Result<O, Diagnostic> {
    let input = Stream::from_iter(toks).map(SimpleSpan::from(eoi..eoi), split as fn(Spanned) -> (Tok, CSpan));
    let (out, errs) = p.parse(input).into_output_errors();
    // The earliest error is the one Python would report first.
    if let Some(e) = errs.into_iter().min_by_key(|e| e.span().start) {
        return Err(to_diagnostic(e));
    }
    out.ok_or_else(|| Diagnostic::syntax("invalid syntax", Span::new(eoi, eoi)))
}

/// Parses a whole program.
pub fn parse_module(src: &str) -> Result<Module, Diagnostic> {
    let toks = lexer::lex(src)?;
    PARSERS.with(|p| run(&p.module, toks, src.len()))
}

/// Parses `src[start..end]` as one expression (a bare tuple `a, b` is allowed).
pub fn parse_expr_range(src: &str, start: usize, end: usize, fdepth: usize) -> Result<Expr, Diagnostic> {
    let toks = lexer::lex_expr(src, start, end, fdepth)?;
    if toks.is_empty() {
        return Err(Diagnostic::syntax("invalid syntax", Span::new(start, end)));
    }
    PARSERS.with(|p| run(&p.expr, toks, end))
}

/// Human name of an expected pattern.
fn pattern_name(p: &chumsky::error::RichPattern<'static, Tok>) -> String {
    use chumsky::error::RichPattern as R;
    match p {
        R::Token(t) => t.to_string(),
        R::Label(l) => l.to_string(),
        R::Identifier(s) => format!("'{s}'"),
        R::Any => "any token".into(),
        R::SomethingElse => "something else".into(),
        R::EndOfInput => "end of input".into(),
        _ => "something else".into(),
    }
}

fn to_diagnostic(e: Rich<'static, Tok, CSpan>) -> Diagnostic {
    use chumsky::error::RichReason;
    let span = sp(*e.span());
    match e.reason() {
        RichReason::Custom(m) => {
            let mut it = m.split('\u{1}').skip(1);
            let (kind, msg) = match (it.next(), it.next()) {
                (Some(k), Some(msg)) => (ExcKind::from_name(k).unwrap_or(ExcKind::SyntaxError), msg.to_string()),
                _ => (ExcKind::SyntaxError, m.clone()),
            };
            Diagnostic::new(kind, msg, span)
        }
        RichReason::ExpectedFound { expected, found } => {
            let mut names: Vec<String> = Vec::new();
            for p in expected {
                let n = pattern_name(p);
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            let found_tok = found.as_deref();
            let colon = names.iter().any(|n| n == "':'");
            let msg = match found_tok {
                Some(Tok::Newline) | None if colon => "expected ':'".to_string(),
                Some(Tok::Indent) => {
                    return Diagnostic::indentation("unexpected indent", span);
                }
                _ => "invalid syntax".to_string(),
            };
            // Keep the expected list short: operators are summarised.
            if names.len() > 8 {
                let ops: Vec<String> = names.iter().filter(|n| n.starts_with('\'')).cloned().collect();
                names.retain(|n| !n.starts_with('\''));
                let keep: Vec<String> = ops.into_iter().filter(|n| n == "':'" || n == "')'" || n == "']'" || n == "'}'" || n == "','").collect();
                names.extend(keep);
                names.push("operator".into());
            }
            let mut d = Diagnostic::syntax(msg, span);
            d.expected = names;
            d
        }
    }
}
