//! Expression grammar (Python's precedence), one boxed parser per level:
//! lambda / ternary → or → and → not → comparison → | → ^ → & → shifts → + - → * / // % @ →
//! unary - + ~ → ** → postfix (call, attribute, subscript) → atoms.

use std::rc::Rc;

use chumsky::prelude::*;

use super::ast::*;
use super::parser::{custom, kw, op, sp, CSpan, P};
use super::token::{Kw, Op, Tok};
use crate::error::ExcKind;

/// The expression parsers the statement grammar needs.
pub(crate) struct ExprParsers {
    /// A single expression (`test` in Python's grammar, includes lambda and ternary).
    pub test: P<Expr>,
    /// `a, *b, c` (a tuple when a comma is present).
    pub star_expressions: P<Expr>,
    /// Assignment-target lists of `for` and `del`: `a, (b, c)` (bitwise-or level items).
    pub exprlist: P<Expr>,
    /// A bitwise-or level expression (for `with ... as target`).
    pub bor: P<Expr>,
    pub name: P<String>,
    /// Call arguments between the parentheses.
    pub call_args: P<Vec<Arg>>,
    /// `def` parameters (annotations allowed).
    pub def_params: P<Vec<Param>>,
}

fn mk(kind: ExprKind, s: CSpan) -> Expr {
    Expr::new(kind, sp(s))
}

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// `item (',' item)* [',']`: the item itself, or a tuple when there is a comma.
fn tuple_list(item: P<Expr>) -> P<Expr> {
    item.clone()
        .then(op(Op::Comma).ignore_then(item).repeated().collect::<Vec<_>>())
        .then(op(Op::Comma).or_not())
        .map_with(|((first, rest), comma), e| {
            if rest.is_empty() && comma.is_none() {
                first
            } else {
                let mut items = Vec::with_capacity(rest.len() + 1);
                items.push(first);
                items.extend(rest);
                mk(ExprKind::Tuple(items), e.span())
            }
        })
        .boxed()
}

/// A parameter-list item before validation.
#[derive(Clone)]
enum PItem {
    Named(String, Option<Expr>, Span),
    Star(Option<String>, Span),
    StarStar(String, Span),
    Slash(Span),
}

/// Validates a parameter list and assigns kinds.
fn build_params(items: Vec<PItem>) -> Result<Vec<Param>, (Span, String)> {
    let mut params: Vec<Param> = Vec::new();
    let mut kwonly = false;
    let mut seen_default = false;
    let mut bare_star: Option<Span> = None;
    let mut seen_kw = false;
    for it in items {
        if seen_kw {
            let s = match &it {
                PItem::Named(_, _, s) | PItem::Star(_, s) | PItem::StarStar(_, s) | PItem::Slash(s) => *s,
            };
            return Err((s, "arguments cannot follow var-keyword argument".into()));
        }
        let (name, kind, default, span) = match it {
            PItem::Slash(s) => {
                if kwonly || params.is_empty() {
                    return Err((s, "invalid syntax".into()));
                }
                continue;
            }
            PItem::Named(n, d, s) => {
                if kwonly {
                    bare_star = None;
                    (n, ParamKind::KwOnly, d, s)
                } else {
                    if d.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        return Err((s, "parameter without a default follows parameter with a default".into()));
                    }
                    (n, ParamKind::Normal, d, s)
                }
            }
            PItem::Star(n, s) => {
                if kwonly {
                    return Err((s, "* argument may appear only once".into()));
                }
                kwonly = true;
                match n {
                    Some(n) => (n, ParamKind::VarArgs, None, s),
                    None => {
                        bare_star = Some(s);
                        continue;
                    }
                }
            }
            PItem::StarStar(n, s) => {
                seen_kw = true;
                (n, ParamKind::VarKw, None, s)
            }
        };
        if params.iter().any(|p| p.name == name) {
            return Err((span, format!("duplicate argument '{name}' in function definition")));
        }
        params.push(Param { name, kind, default, span });
    }
    if let Some(s) = bare_star {
        return Err((s, "named arguments must follow bare *".into()));
    }
    Ok(params)
}

/// A parameter list (`a, b=1, *args, c, **kw`), with `: annotation` when `annotated`.
fn param_list(name: P<String>, test: P<Expr>, annotated: bool) -> P<Vec<Param>> {
    let annotation = if annotated {
        op(Op::Colon).ignore_then(test.clone()).or_not().ignored().boxed()
    } else {
        empty().boxed()
    };
    let item = choice((
        op(Op::DoubleStar)
            .ignore_then(name.clone())
            .then_ignore(annotation.clone())
            .map_with(|n, e| PItem::StarStar(n, sp(e.span()))),
        op(Op::Star)
            .ignore_then(name.clone().then_ignore(annotation.clone()).or_not())
            .map_with(|n, e| PItem::Star(n, sp(e.span()))),
        op(Op::Slash).map_with(|_, e| PItem::Slash(sp(e.span()))),
        name.clone()
            .then_ignore(annotation)
            .then(op(Op::Assign).ignore_then(test).or_not())
            .map_with(|(n, d), e| PItem::Named(n, d, sp(e.span()))),
    ));
    item.separated_by(op(Op::Comma))
        .allow_trailing()
        .collect::<Vec<_>>()
        .try_map(|items, span| {
            build_params(items).map_err(|(s, m)| custom(CSpan::from(s.start..s.end.max(span.start)), ExcKind::SyntaxError, m))
        })
        .boxed()
}

/// Postfix trailers.
enum Trailer {
    Call(Vec<Arg>),
    Attr(String),
    Index(Expr),
}

/// Concatenates adjacent string literals.
fn concat_strings(parts: Vec<Tok>, s: CSpan) -> Expr {
    let any_f = parts.iter().any(|t| matches!(t, Tok::FStr(_)));
    if !any_f {
        let mut out = String::new();
        for t in &parts {
            if let Tok::Str(x) = t {
                out.push_str(x);
            }
        }
        return mk(ExprKind::Str(out), s);
    }
    let mut out: Vec<FStringPart> = Vec::new();
    let push_lit = |out: &mut Vec<FStringPart>, text: &str| {
        if text.is_empty() {
            return;
        }
        if let Some(FStringPart::Lit(prev)) = out.last_mut() {
            prev.push_str(text);
        } else {
            out.push(FStringPart::Lit(text.to_string()));
        }
    };
    for t in parts {
        match t {
            Tok::Str(x) => push_lit(&mut out, &x),
            Tok::FStr(ps) => {
                for p in ps.iter() {
                    match p {
                        FStringPart::Lit(x) => push_lit(&mut out, x),
                        f => out.push(f.clone()),
                    }
                }
            }
            _ => {}
        }
    }
    mk(ExprKind::FString(out), s)
}

/// Builds every expression-level parser.
pub(crate) fn expr_parsers() -> ExprParsers {
    let mut test = Recursive::declare();
    let mut or_test = Recursive::declare();
    let mut bor = Recursive::declare();
    let mut factor = Recursive::declare();
    let test_b: P<Expr> = test.clone().boxed();
    let or_test_b: P<Expr> = or_test.clone().boxed();
    let bor_b: P<Expr> = bor.clone().boxed();

    let name: P<String> = select! { Tok::Name(n) => n.to_string() }.labelled("name").boxed();

    let star_item: P<Expr> = op(Op::Star)
        .ignore_then(bor_b.clone())
        .map_with(|x, e| mk(ExprKind::Starred(bx(x)), e.span()))
        .boxed();
    let star_or_test: P<Expr> = choice((star_item.clone(), test_b.clone())).boxed();
    let star_expressions = tuple_list(star_or_test.clone());
    let exprlist = tuple_list(choice((star_item.clone(), bor_b.clone())).boxed());

    // comprehension clauses: ('for' targets 'in' or_test ('if' or_test)*)+
    let comp_for: P<Vec<Comprehension>> = kw(Kw::For)
        .ignore_then(exprlist.clone())
        .then_ignore(kw(Kw::In))
        .then(or_test_b.clone())
        .then(kw(Kw::If).ignore_then(or_test_b.clone()).repeated().collect::<Vec<_>>())
        .map(|((target, iter), ifs)| Comprehension { target, iter, ifs })
        .repeated()
        .at_least(1)
        .collect::<Vec<_>>()
        .boxed();

    // ----- atoms -----
    let literal: P<Expr> = select! {
        Tok::Int(v) = e => (ExprKind::Int(v as i64), v, e.span()),
        Tok::BigInt(d) = e => (ExprKind::BigInt(d.to_string()), 0, e.span()),
        Tok::Float(f) = e => (ExprKind::Float(f), 0, e.span()),
        Tok::Imag(f) = e => (ExprKind::Imag(f), 0, e.span()),
        Tok::Kw(Kw::True) = e => (ExprKind::Bool(true), 0, e.span()),
        Tok::Kw(Kw::False) = e => (ExprKind::Bool(false), 0, e.span()),
        Tok::Kw(Kw::None) = e => (ExprKind::None, 0, e.span()),
        Tok::Op(Op::Ellipsis) = e => (ExprKind::Ellipsis, 0, e.span()),
    }
    .validate(|(k, v, s): (ExprKind, u64, CSpan), _, emitter| {
        if matches!(k, ExprKind::Int(_)) && v > i64::MAX as u64 {
            emitter.emit(custom(s, ExcKind::OverflowError, "int too large"));
        }
        mk(k, s)
    })
    .boxed();
    let strings: P<Expr> = select! { t @ Tok::Str(_) => t, t @ Tok::FStr(_) => t }
        .repeated()
        .at_least(1)
        .collect::<Vec<_>>()
        .map_with(|parts, e| concat_strings(parts, e.span()))
        .boxed();
    let name_atom: P<Expr> = name.clone().map_with(|n, e| mk(ExprKind::Name(n), e.span())).boxed();

    // `( ... )`: unit, parenthesised expression, tuple or generator
    enum Tail {
        Comp(Vec<Comprehension>),
        Items(Vec<Expr>, bool),
    }
    let tail: P<Tail> = choice((
        comp_for.clone().map(Tail::Comp),
        op(Op::Comma)
            .ignore_then(star_or_test.clone())
            .repeated()
            .collect::<Vec<_>>()
            .then(op(Op::Comma).or_not())
            .map(|(v, c)| Tail::Items(v, c.is_some())),
    ))
    .boxed();
    let paren: P<Expr> = op(Op::LParen)
        .ignore_then(star_or_test.clone().then(tail.clone()).or_not())
        .then_ignore(op(Op::RParen))
        .map_with(|body, e| match body {
            None => mk(ExprKind::Tuple(vec![]), e.span()),
            Some((first, Tail::Comp(generators))) => {
                mk(ExprKind::GeneratorExp { elt: bx(first), generators }, e.span())
            }
            Some((first, Tail::Items(rest, comma))) => {
                if rest.is_empty() && !comma {
                    first
                } else {
                    let mut v = vec![first];
                    v.extend(rest);
                    mk(ExprKind::Tuple(v), e.span())
                }
            }
        })
        .boxed();
    let list: P<Expr> = op(Op::LBracket)
        .ignore_then(star_or_test.clone().then(tail).or_not())
        .then_ignore(op(Op::RBracket))
        .map_with(|body, e| match body {
            None => mk(ExprKind::List(vec![]), e.span()),
            Some((first, Tail::Comp(generators))) => mk(ExprKind::ListComp { elt: bx(first), generators }, e.span()),
            Some((first, Tail::Items(rest, _))) => {
                let mut v = vec![first];
                v.extend(rest);
                mk(ExprKind::List(v), e.span())
            }
        })
        .boxed();
    // `{ ... }`: dict, set, dict comprehension, set comprehension (as `set(genexp)`)
    let entry = star_or_test.clone().then(op(Op::Colon).ignore_then(test_b.clone()).or_not());
    let brace: P<Expr> = op(Op::LBrace)
        .ignore_then(
            entry
                .clone()
                .then(comp_for.clone().or_not())
                .then(op(Op::Comma).ignore_then(entry).repeated().collect::<Vec<_>>())
                .then_ignore(op(Op::Comma).or_not())
                .or_not(),
        )
        .then_ignore(op(Op::RBrace))
        .try_map(|body, s| {
            let Some((((k, v), comp), rest)) = body else {
                return Ok(mk(ExprKind::Dict(vec![]), s));
            };
            let bad = |s| custom(s, ExcKind::SyntaxError, "invalid syntax");
            if let Some(generators) = comp {
                if !rest.is_empty() {
                    return Err(bad(s));
                }
                return Ok(match v {
                    Some(v) => mk(ExprKind::DictComp { key: bx(k), value: bx(v), generators }, s),
                    None => {
                        let gen_e = mk(ExprKind::GeneratorExp { elt: bx(k), generators }, s);
                        let func = mk(ExprKind::Name("set".into()), s);
                        mk(ExprKind::Call { func: bx(func), args: vec![Arg::Pos(gen_e)] }, s)
                    }
                });
            }
            match v {
                Some(v) => {
                    let mut pairs = vec![(k, v)];
                    for (k, v) in rest {
                        match v {
                            Some(v) => pairs.push((k, v)),
                            None => return Err(bad(CSpan::from(k.span.start..k.span.end))),
                        }
                    }
                    Ok(mk(ExprKind::Dict(pairs), s))
                }
                None => {
                    let mut items = vec![k];
                    for (k, v) in rest {
                        if v.is_some() {
                            return Err(bad(CSpan::from(k.span.start..k.span.end)));
                        }
                        items.push(k);
                    }
                    Ok(mk(ExprKind::Set(items), s))
                }
            }
        })
        .boxed();
    let atom: P<Expr> = choice((name_atom, literal, strings, paren, list, brace)).labelled("expression").boxed();

    // ----- postfix -----
    let arg: P<(Arg, bool)> = choice((
        op(Op::Star).ignore_then(test_b.clone()).map(|x| (Arg::Star(x), false)),
        op(Op::DoubleStar).ignore_then(test_b.clone()).map(|x| (Arg::StarStar(x), false)),
        name.clone()
            .then_ignore(op(Op::Assign))
            .then(test_b.clone())
            .map(|(n, x)| (Arg::Kw(n, x), false)),
        test_b.clone().then(comp_for.clone().or_not()).map_with(|(x, comp), e| match comp {
            None => (Arg::Pos(x), false),
            Some(generators) => (Arg::Pos(mk(ExprKind::GeneratorExp { elt: bx(x), generators }, e.span())), true),
        }),
    ))
    .boxed();
    let call_args: P<Vec<Arg>> = arg
        .separated_by(op(Op::Comma))
        .allow_trailing()
        .collect::<Vec<_>>()
        .try_map(|args, s| {
            let n = args.len();
            let mut seen_kw = false;
            let mut seen_starstar = false;
            let mut kw_names = rustc_hash::FxHashSet::default();
            let mut out = Vec::with_capacity(n);
            for (a, genexp) in args {
                if genexp && n > 1 {
                    return Err(custom(s, ExcKind::SyntaxError, "Generator expression must be parenthesized"));
                }
                match &a {
                    Arg::Pos(x) if seen_starstar => {
                        let s = CSpan::from(x.span.start..x.span.end);
                        return Err(custom(s, ExcKind::SyntaxError, "positional argument follows keyword argument unpacking"));
                    }
                    Arg::Pos(x) if seen_kw => {
                        let s = CSpan::from(x.span.start..x.span.end);
                        return Err(custom(s, ExcKind::SyntaxError, "positional argument follows keyword argument"));
                    }
                    Arg::Star(x) if seen_starstar => {
                        let s = CSpan::from(x.span.start..x.span.end);
                        return Err(custom(s, ExcKind::SyntaxError, "iterable argument unpacking follows keyword argument unpacking"));
                    }
                    Arg::Kw(name, x) => {
                        if !kw_names.insert(name.clone()) {
                            let s = CSpan::from(x.span.start..x.span.end);
                            return Err(custom(s, ExcKind::SyntaxError, &format!("keyword argument repeated: {name}")));
                        }
                        seen_kw = true
                    }
                    Arg::StarStar(_) => seen_starstar = true,
                    _ => {}
                }
                out.push(a);
            }
            Ok(out)
        })
        .boxed();
    let opt_test = test_b.clone().or_not();
    let slice_item: P<Expr> = opt_test
        .clone()
        .then(op(Op::Colon).ignore_then(opt_test.clone()).then(op(Op::Colon).ignore_then(opt_test).or_not()).or_not())
        .try_map(|(lower, rest), s| match (lower, rest) {
            (Some(x), None) => Ok(x),
            (None, None) => Err(custom(s, ExcKind::SyntaxError, "invalid syntax")),
            (lower, Some((upper, step))) => Ok(mk(
                ExprKind::Slice { lower: lower.map(bx), upper: upper.map(bx), step: step.flatten().map(bx) },
                s,
            )),
        })
        .boxed();
    let subscript = tuple_list(choice((star_item.clone(), slice_item)).boxed());
    let trailer: P<Trailer> = choice((
        call_args.clone().delimited_by(op(Op::LParen), op(Op::RParen)).map(Trailer::Call),
        op(Op::Dot).ignore_then(name.clone()).map(Trailer::Attr),
        subscript.delimited_by(op(Op::LBracket), op(Op::RBracket)).map(Trailer::Index),
    ))
    .boxed();
    let primary: P<Expr> = atom
        .foldl_with(trailer.repeated(), |lhs, t, e| {
            let kind = match t {
                Trailer::Call(args) => ExprKind::Call { func: bx(lhs), args },
                Trailer::Attr(attr) => ExprKind::Attribute { value: bx(lhs), attr },
                Trailer::Index(index) => ExprKind::Subscript { value: bx(lhs), index: bx(index) },
            };
            mk(kind, e.span())
        })
        .boxed();

    // ----- operators -----
    let power: P<Expr> = primary
        .then(op(Op::DoubleStar).ignore_then(factor.clone()).or_not())
        .map_with(|(base, exp), e| match exp {
            None => base,
            Some(exp) => mk(ExprKind::BinOp { op: BinOp::Pow, left: bx(base), right: bx(exp) }, e.span()),
        })
        .boxed();
    factor.define(
        choice((op(Op::Minus).to(UnaryOp::Neg), op(Op::Plus).to(UnaryOp::Pos), op(Op::Tilde).to(UnaryOp::Invert)))
            .map_with(|o, e| (o, e.span()))
            .repeated()
            .foldr(power, |(o, s): (UnaryOp, CSpan), x| {
                let span = Span::new(s.start, x.span.end);
                Expr::new(ExprKind::UnaryOp { op: o, operand: bx(x) }, span)
            })
            .boxed(),
    );
    let binary = |lower: P<Expr>, ops: P<BinOp>| -> P<Expr> {
        lower
            .clone()
            .foldl_with(ops.then(lower).repeated(), |l, (o, r), e| {
                mk(ExprKind::BinOp { op: o, left: bx(l), right: bx(r) }, e.span())
            })
            .boxed()
    };
    let term = binary(
        factor.clone().boxed(),
        choice((
            op(Op::Star).to(BinOp::Mul),
            op(Op::Slash).to(BinOp::Div),
            op(Op::DoubleSlash).to(BinOp::FloorDiv),
            op(Op::Percent).to(BinOp::Mod),
            op(Op::At).to(BinOp::MatMul),
        ))
        .boxed(),
    );
    let arith = binary(term, choice((op(Op::Plus).to(BinOp::Add), op(Op::Minus).to(BinOp::Sub))).boxed());
    let shift = binary(arith, choice((op(Op::LShift).to(BinOp::LShift), op(Op::RShift).to(BinOp::RShift))).boxed());
    let band = binary(shift, op(Op::Amp).to(BinOp::BitAnd).boxed());
    let bxor = binary(band, op(Op::Caret).to(BinOp::BitXor).boxed());
    bor.define(binary(bxor, op(Op::Pipe).to(BinOp::BitOr).boxed()));

    let cmp_op: P<CmpOp> = choice((
        op(Op::EqEq).to(CmpOp::Eq),
        op(Op::Ne).to(CmpOp::NotEq),
        op(Op::Lt).to(CmpOp::Lt),
        op(Op::Le).to(CmpOp::LtE),
        op(Op::Gt).to(CmpOp::Gt),
        op(Op::Ge).to(CmpOp::GtE),
        kw(Kw::Not).then(kw(Kw::In)).to(CmpOp::NotIn),
        kw(Kw::Is).then(kw(Kw::Not)).to(CmpOp::IsNot),
        kw(Kw::Is).to(CmpOp::Is),
        kw(Kw::In).to(CmpOp::In),
    ))
    .boxed();
    let comparison: P<Expr> = bor_b
        .clone()
        .then(cmp_op.then(bor_b.clone()).repeated().collect::<Vec<_>>())
        .map_with(|(left, ops), e| {
            if ops.is_empty() {
                left
            } else {
                mk(ExprKind::Compare { left: bx(left), ops }, e.span())
            }
        })
        .boxed();
    let not_test: P<Expr> = kw(Kw::Not)
        .map_with(|_, e| e.span())
        .repeated()
        .foldr(comparison, |s: CSpan, x| {
            let span = Span::new(s.start, x.span.end);
            Expr::new(ExprKind::UnaryOp { op: UnaryOp::Not, operand: bx(x) }, span)
        })
        .boxed();
    let boolop = |lower: P<Expr>, k: Kw, o: BoolOp| -> P<Expr> {
        lower
            .clone()
            .then(kw(k).ignore_then(lower).repeated().collect::<Vec<_>>())
            .map_with(move |(first, rest), e| {
                if rest.is_empty() {
                    first
                } else {
                    let mut values = vec![first];
                    values.extend(rest);
                    mk(ExprKind::BoolOp { op: o, values }, e.span())
                }
            })
            .boxed()
    };
    let and_test = boolop(not_test, Kw::And, BoolOp::And);
    or_test.define(boolop(and_test, Kw::Or, BoolOp::Or));

    let lambda_params = param_list(name.clone(), test_b.clone(), false);
    let lambda: P<Expr> = kw(Kw::Lambda)
        .ignore_then(lambda_params)
        .then_ignore(op(Op::Colon))
        .then(test_b.clone())
        .map_with(|(params, body), e| {
            let span = sp(e.span());
            let ret = Stmt { span: body.span, kind: StmtKind::Return(Some(body)) };
            let def = FunctionDef { name: "<lambda>".into(), params, body: vec![ret], decorators: vec![], span };
            Expr::new(ExprKind::Lambda(Rc::new(def)), span)
        })
        .boxed();
    let ternary: P<Expr> = or_test_b
        .clone()
        .then(kw(Kw::If).ignore_then(or_test_b.clone()).then_ignore(kw(Kw::Else)).then(test_b.clone()).or_not())
        .map_with(|(body, rest), e| match rest {
            None => body,
            Some((t, orelse)) => mk(ExprKind::IfExp { test: bx(t), body: bx(body), orelse: bx(orelse) }, e.span()),
        })
        .boxed();
    test.define(choice((lambda, ternary)).labelled("expression").boxed());

    let def_params = param_list(name.clone(), test_b.clone(), true);
    ExprParsers { test: test_b, star_expressions, exprlist, bor: bor_b, name, call_args, def_params }
}
