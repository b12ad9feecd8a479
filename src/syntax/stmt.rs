//! Statement grammar: simple statements (separated by `;`), compound statements with
//! indented or one-line blocks, decorators, and the assignment-target checks that give
//! Python's `cannot assign to ...` messages.

use std::rc::Rc;

use chumsky::prelude::*;

use super::ast::*;
use super::expr::ExprParsers;
use super::parser::{custom, kw, op, sp, CSpan, P};
use super::token::{Kw, Op, Tok};
use crate::error::ExcKind;

/// What a target is used for (chooses the verb of the error message).
#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    Assign,
    Del,
    For,
    With,
    Comp,
}

/// Python's description of an expression that cannot be a target.
fn describe(k: &ExprKind) -> &'static str {
    use ExprKind::*;
    match k {
        Int(_) | Float(_) | Imag(_) | Str(_) => "literal",
        FString(_) => "f-string expression",
        Bool(true) => "True",
        Bool(false) => "False",
        None => "None",
        Ellipsis => "ellipsis",
        Dict(_) => "dict literal",
        Set(_) => "set display",
        ListComp { .. } => "list comprehension",
        GeneratorExp { .. } => "generator expression",
        DictComp { .. } => "dict comprehension",
        BinOp { .. } | UnaryOp { .. } | BoolOp { .. } | Slice { .. } => "expression",
        Compare { .. } => "comparison",
        IfExp { .. } => "conditional expression",
        Lambda(_) => "lambda",
        Call { .. } => "function call",
        _ => "expression",
    }
}

/// Checks an assignment/deletion target (iteratively); the error span and message.
fn check_target(e: &Expr, ctx: Ctx) -> Option<(Span, String)> {
    let verb = if ctx == Ctx::Del { "delete" } else { "assign to" };
    let mut stack = vec![e];
    while let Some(x) = stack.pop() {
        match &x.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
            ExprKind::Tuple(items) | ExprKind::List(items) => stack.extend(items.iter()),
            ExprKind::Starred(inner) if ctx != Ctx::Del => stack.push(inner),
            ExprKind::Starred(_) => return Some((x.span, "cannot delete starred".into())),
            k => return Some((x.span, format!("cannot {verb} {}", describe(k)))),
        }
    }
    let _ = (Ctx::For, Ctx::With, Ctx::Comp);
    None
}

fn target_err(e: &Expr, ctx: Ctx) -> Option<Rich<'static, Tok, CSpan>> {
    check_target(e, ctx).map(|(s, m)| custom(CSpan::from(s.start..s.end), ExcKind::SyntaxError, m))
}

fn stmt(kind: StmtKind, s: CSpan) -> Stmt {
    Stmt { kind, span: sp(s) }
}

/// The right-hand side of an `=`/suffix of an expression statement.
#[derive(Clone)]
enum Suffix {
    None,
    Ann(Expr, Option<Expr>),
    Aug(BinOp, Expr),
    Assign(Vec<Expr>),
}

/// Builds the module parser.
pub(crate) fn module_parser(g: &ExprParsers) -> P<Module> {
    let newline = just(Tok::Newline);
    let test = g.test.clone();
    let star_expressions = g.star_expressions.clone();
    let name = g.name.clone();

    // ----- simple statements -----
    let aug_op: P<BinOp> = choice((
        op(Op::PlusEq).to(BinOp::Add),
        op(Op::MinusEq).to(BinOp::Sub),
        op(Op::StarEq).to(BinOp::Mul),
        op(Op::SlashEq).to(BinOp::Div),
        op(Op::DoubleSlashEq).to(BinOp::FloorDiv),
        op(Op::PercentEq).to(BinOp::Mod),
        op(Op::DoubleStarEq).to(BinOp::Pow),
        op(Op::AtEq).to(BinOp::MatMul),
        op(Op::AmpEq).to(BinOp::BitAnd),
        op(Op::PipeEq).to(BinOp::BitOr),
        op(Op::CaretEq).to(BinOp::BitXor),
        op(Op::LShiftEq).to(BinOp::LShift),
        op(Op::RShiftEq).to(BinOp::RShift),
    ))
    .boxed();
    let suffix: P<Suffix> = choice((
        op(Op::Colon)
            .ignore_then(test.clone())
            .then(op(Op::Assign).ignore_then(star_expressions.clone()).or_not())
            .map(|(a, v)| Suffix::Ann(a, v)),
        aug_op.then(star_expressions.clone()).map(|(o, v)| Suffix::Aug(o, v)),
        op(Op::Assign)
            .ignore_then(star_expressions.clone())
            .repeated()
            .at_least(1)
            .collect::<Vec<_>>()
            .map(Suffix::Assign),
        empty().to(Suffix::None),
    ))
    .boxed();
    let expr_stmt: P<Stmt> = star_expressions
        .clone()
        .then(suffix)
        .validate(|(lhs, suffix), e, emitter| {
            let s = e.span();
            let kind = match suffix {
                Suffix::None => StmtKind::Expr(lhs),
                Suffix::Ann(_ann, value) => {
                    if !matches!(lhs.kind, ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }) {
                        let msg = if matches!(lhs.kind, ExprKind::Tuple(_)) {
                            "only single target (not tuple) can be annotated".to_string()
                        } else if matches!(lhs.kind, ExprKind::List(_)) {
                            "only single target (not list) can be annotated".to_string()
                        } else {
                            format!("illegal target for annotation")
                        };
                        emitter.emit(custom(CSpan::from(lhs.span.start..lhs.span.end), ExcKind::SyntaxError, msg));
                    }
                    StmtKind::AnnAssign { target: lhs, value }
                }
                Suffix::Aug(o, value) => {
                    if !matches!(lhs.kind, ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }) {
                        let what = match &lhs.kind {
                            ExprKind::Tuple(_) => "tuple",
                            ExprKind::List(_) => "list",
                            k => describe(k),
                        };
                        let msg = format!("'{what}' is an illegal expression for augmented assignment");
                        emitter.emit(custom(CSpan::from(lhs.span.start..lhs.span.end), ExcKind::SyntaxError, msg));
                    }
                    StmtKind::AugAssign { target: lhs, op: o, value }
                }
                Suffix::Assign(mut values) => {
                    let value = values.pop().unwrap_or_else(|| lhs.clone());
                    let mut targets = vec![lhs];
                    targets.extend(values);
                    for t in &targets {
                        if let Some(err) = target_err(t, Ctx::Assign) {
                            emitter.emit(err);
                            break;
                        }
                    }
                    StmtKind::Assign { targets, value }
                }
            };
            stmt(kind, s)
        })
        .boxed();

    let dotted: P<String> = name
        .clone()
        .separated_by(op(Op::Dot))
        .at_least(1)
        .collect::<Vec<_>>()
        .map(|v| v.join("."))
        .boxed();
    let import_name = |path: P<String>| -> P<ImportName> {
        path.then(kw(Kw::As).ignore_then(name.clone()).or_not())
            .map_with(|(n, a), e| ImportName { name: n, asname: a, span: sp(e.span()) })
            .boxed()
    };
    let import_stmt: P<StmtKind> = kw(Kw::Import)
        .ignore_then(import_name(dotted.clone()).separated_by(op(Op::Comma)).at_least(1).collect::<Vec<_>>())
        .map(StmtKind::Import)
        .boxed();
    let names = import_name(name.clone()).separated_by(op(Op::Comma)).at_least(1);
    let dots = choice((op(Op::Dot).to(1usize), op(Op::Ellipsis).to(3usize))).repeated().collect::<Vec<_>>();
    let from_stmt: P<StmtKind> = kw(Kw::From)
        .ignore_then(dots.then(dotted.or_not()))
        .then_ignore(kw(Kw::Import))
        .then(choice((
            op(Op::Star).map_with(|_, e| vec![ImportName { name: "*".into(), asname: None, span: sp(e.span()) }]),
            names.clone().allow_trailing().collect::<Vec<_>>().delimited_by(op(Op::LParen), op(Op::RParen)),
            names.collect::<Vec<_>>(),
        )))
        .try_map(|((dots, module), names), s| {
            let n: usize = dots.iter().sum();
            if n == 0 && module.is_none() {
                return Err(custom(s, ExcKind::SyntaxError, "invalid syntax"));
            }
            let module = format!("{}{}", ".".repeat(n), module.unwrap_or_default());
            Ok(StmtKind::ImportFrom { module, names })
        })
        .boxed();
    let name_list = name.clone().separated_by(op(Op::Comma)).at_least(1).collect::<Vec<_>>();
    let small: P<StmtKind> = choice((
        kw(Kw::Pass).to(StmtKind::Pass),
        kw(Kw::Break).to(StmtKind::Break),
        kw(Kw::Continue).to(StmtKind::Continue),
        kw(Kw::Return).ignore_then(star_expressions.clone().or_not()).map(StmtKind::Return),
        kw(Kw::Raise)
            .ignore_then(test.clone().then_ignore(kw(Kw::From).then(test.clone()).or_not()).or_not())
            .map(StmtKind::Raise),
        kw(Kw::Global).ignore_then(name_list.clone()).map(StmtKind::Global),
        kw(Kw::Nonlocal).ignore_then(name_list).map(StmtKind::Nonlocal),
        kw(Kw::Del)
            .ignore_then(g.exprlist.clone())
            .validate(|t, _, emitter| {
                if let Some(err) = target_err(&t, Ctx::Del) {
                    emitter.emit(err);
                }
                match t.kind {
                    ExprKind::Tuple(v) => StmtKind::Del(v),
                    _ => StmtKind::Del(vec![t]),
                }
            }),
        kw(Kw::Assert)
            .ignore_then(test.clone())
            .then(op(Op::Comma).ignore_then(test.clone()).or_not())
            .map(|(t, m)| StmtKind::Assert { test: t, msg: m }),
        import_stmt,
        from_stmt,
    ))
    .boxed();
    let simple_stmt: P<Stmt> = choice((small.map_with(|k, e| stmt(k, e.span())), expr_stmt)).boxed();
    let simple_stmts: P<Vec<Stmt>> = simple_stmt
        .separated_by(op(Op::Semi))
        .at_least(1)
        .allow_trailing()
        .collect::<Vec<_>>()
        .then_ignore(newline.clone())
        .boxed();

    // ----- compound statements -----
    let mut statement = Recursive::declare();
    let block: P<Vec<Stmt>> = choice((
        newline
            .clone()
            .ignore_then(just(Tok::Indent))
            .ignore_then(statement.clone().repeated().at_least(1).collect::<Vec<Vec<Stmt>>>())
            .then_ignore(just(Tok::Dedent))
            .map(|v| v.into_iter().flatten().collect()),
        simple_stmts.clone(),
    ))
    .boxed();
    let colon = op(Op::Colon);
    let suite: P<Vec<Stmt>> = colon.clone().ignore_then(block.clone()).boxed();
    let else_suite: P<Vec<Stmt>> = kw(Kw::Else).ignore_then(suite.clone()).boxed();

    let if_stmt: P<Stmt> = kw(Kw::If)
        .ignore_then(test.clone())
        .then(suite.clone())
        .then(
            kw(Kw::Elif)
                .map_with(|_, e| e.span().start)
                .then(test.clone())
                .then(suite.clone())
                .repeated()
                .collect::<Vec<_>>(),
        )
        .then(else_suite.clone().or_not())
        .map_with(|(((t, body), elifs), orelse), e| {
            let end = e.span().end;
            let mut orelse = orelse.unwrap_or_default();
            for ((start, t), body) in elifs.into_iter().rev() {
                let s = Span::new(start, end);
                orelse = vec![Stmt { kind: StmtKind::If { test: t, body, orelse }, span: s }];
            }
            stmt(StmtKind::If { test: t, body, orelse }, e.span())
        })
        .boxed();
    let for_stmt: P<Stmt> = kw(Kw::For)
        .ignore_then(g.exprlist.clone())
        .then_ignore(kw(Kw::In))
        .then(star_expressions.clone())
        .then(suite.clone())
        .then(else_suite.clone().or_not())
        .validate(|(((target, iter), body), orelse), e, emitter| {
            if let Some(err) = target_err(&target, Ctx::For) {
                emitter.emit(err);
            }
            stmt(StmtKind::For { target, iter, body, orelse: orelse.unwrap_or_default() }, e.span())
        })
        .boxed();
    let while_stmt: P<Stmt> = kw(Kw::While)
        .ignore_then(test.clone())
        .then(suite.clone())
        .then(else_suite.clone().or_not())
        .map_with(|((t, body), orelse), e| {
            stmt(StmtKind::While { test: t, body, orelse: orelse.unwrap_or_default() }, e.span())
        })
        .boxed();
    let with_item = test
        .clone()
        .then(kw(Kw::As).ignore_then(g.bor.clone()).or_not())
        .map(|(context, target)| WithItem { context, target });
    let with_stmt: P<Stmt> = kw(Kw::With)
        .ignore_then(with_item.separated_by(op(Op::Comma)).at_least(1).collect::<Vec<_>>())
        .then(suite.clone())
        .validate(|(items, body), e, emitter| {
            for t in items.iter().filter_map(|i| i.target.as_ref()) {
                if let Some(err) = target_err(t, Ctx::With) {
                    emitter.emit(err);
                }
            }
            stmt(StmtKind::With { items, body }, e.span())
        })
        .boxed();
    let handler: P<ExceptHandler> = kw(Kw::Except)
        .ignore_then(test.clone().then(kw(Kw::As).ignore_then(name.clone()).or_not()).or_not())
        .then(suite.clone())
        .map_with(|(h, body), e| {
            let (typ, name) = match h {
                Some((t, n)) => (Some(t), n),
                None => (None, None),
            };
            ExceptHandler { typ, name, body, span: sp(e.span()) }
        })
        .boxed();
    let try_stmt: P<Stmt> = kw(Kw::Try)
        .ignore_then(suite.clone())
        .then(handler.repeated().collect::<Vec<_>>())
        .then(else_suite.or_not())
        .then(kw(Kw::Finally).ignore_then(suite.clone()).or_not())
        .try_map(|(((body, handlers), orelse), finalbody), s| {
            if handlers.is_empty() && finalbody.is_none() {
                return Err(custom(s, ExcKind::SyntaxError, "expected 'except' or 'finally' block"));
            }
            if handlers.is_empty() && orelse.is_some() {
                return Err(custom(s, ExcKind::SyntaxError, "invalid syntax"));
            }
            let kind = StmtKind::Try {
                body,
                handlers,
                orelse: orelse.unwrap_or_default(),
                finalbody: finalbody.unwrap_or_default(),
            };
            Ok(stmt(kind, s))
        })
        .boxed();

    enum Def {
        Func(String, Vec<Param>, Vec<Stmt>),
        Class(String, Vec<Arg>, Vec<Stmt>),
    }
    let funcdef: P<Def> = kw(Kw::Def)
        .ignore_then(name.clone())
        .then(g.def_params.clone().delimited_by(op(Op::LParen), op(Op::RParen)))
        .then_ignore(op(Op::Arrow).ignore_then(test.clone()).or_not())
        .then(suite.clone())
        .map(|((n, params), body)| Def::Func(n, params, body))
        .boxed();
    let classdef: P<Def> = kw(Kw::Class)
        .ignore_then(name.clone())
        .then(g.call_args.clone().delimited_by(op(Op::LParen), op(Op::RParen)).or_not())
        .then(suite)
        .map(|((n, args), body)| Def::Class(n, args.unwrap_or_default(), body))
        .boxed();
    let decorated: P<Stmt> = op(Op::At)
        .ignore_then(test.clone())
        .then_ignore(newline)
        .repeated()
        .collect::<Vec<_>>()
        .then(choice((funcdef, classdef)))
        .map_with(|(decorators, def), e| {
            let span = sp(e.span());
            let kind = match def {
                Def::Func(name, params, body) => {
                    StmtKind::FunctionDef(Rc::new(FunctionDef { name, params, body, decorators, span }))
                }
                Def::Class(name, args, body) => {
                    let bases = args
                        .into_iter()
                        .filter_map(|a| match a {
                            Arg::Pos(x) => Some(x),
                            _ => None,
                        })
                        .collect();
                    StmtKind::ClassDef { name, bases, body }
                }
            };
            Stmt { kind, span }
        })
        .boxed();

    let compound: P<Stmt> = choice((if_stmt, for_stmt, while_stmt, with_stmt, try_stmt, decorated)).boxed();
    statement.define(choice((compound.map(|s| vec![s]), simple_stmts)).boxed());
    let statement: P<Vec<Stmt>> = statement.boxed();

    statement
        .repeated()
        .collect::<Vec<Vec<Stmt>>>()
        .then_ignore(end())
        .map(|v| Module { body: v.into_iter().flatten().collect() })
        .boxed()
}
