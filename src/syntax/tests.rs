//! Front-end tests: lexer, indentation, parser forms and precedence, diagnostics.

use super::lexer::lex;
use super::token::{Kw, Op, Tok};
use super::*;
use crate::error::ExcKind;

fn toks(src: &str) -> Vec<Tok> {
    lex(src).unwrap().into_iter().map(|t| t.0).collect()
}

fn e(src: &str) -> Expr {
    parse_expr(src).unwrap_or_else(|d| panic!("{src:?}: {d}"))
}

fn stmts(src: &str) -> Vec<Stmt> {
    parse(src).unwrap_or_else(|d| panic!("{src:?}: {}", render_plain(&d, src, "t"))).body
}

fn err(src: &str) -> Diagnostic {
    parse(src).expect_err(src)
}

/// A compact S-expression rendering of an expression, for precedence tests.
fn sx(x: &Expr) -> String {
    use ExprKind::*;
    match &x.kind {
        Name(n) => n.clone(),
        Int(v) => v.to_string(),
        Float(v) => format!("{v:?}"),
        Imag(v) => format!("{v:?}j"),
        Str(s) => format!("{s:?}"),
        Bool(b) => b.to_string(),
        None => "None".into(),
        Ellipsis => "...".into(),
        UnaryOp { op, operand } => format!("({op:?} {})", sx(operand)),
        BinOp { op, left, right } => format!("({} {} {})", op.symbol(), sx(left), sx(right)),
        BoolOp { op, values } => format!("({op:?} {})", values.iter().map(sx).collect::<Vec<_>>().join(" ")),
        Compare { left, ops } => {
            let rest: Vec<String> = ops.iter().map(|(o, r)| format!("{} {}", o.symbol(), sx(r))).collect();
            format!("(cmp {} {})", sx(left), rest.join(" "))
        }
        IfExp { test, body, orelse } => format!("(if {} {} {})", sx(test), sx(body), sx(orelse)),
        Tuple(v) => format!("(tuple {})", v.iter().map(sx).collect::<Vec<_>>().join(" ")),
        List(v) => format!("[{}]", v.iter().map(sx).collect::<Vec<_>>().join(" ")),
        Starred(v) => format!("*{}", sx(v)),
        Attribute { value, attr } => format!("{}.{attr}", sx(value)),
        Subscript { value, index } => format!("{}[{}]", sx(value), sx(index)),
        Slice { lower, upper, step } => {
            let f = |o: &Option<Box<Expr>>| o.as_ref().map(|x| sx(x)).unwrap_or_default();
            format!("{}:{}:{}", f(lower), f(upper), f(step))
        }
        Call { func, args } => {
            let a: Vec<String> = args
                .iter()
                .map(|a| match a {
                    Arg::Pos(x) => sx(x),
                    Arg::Kw(k, x) => format!("{k}={}", sx(x)),
                    Arg::Star(x) => format!("*{}", sx(x)),
                    Arg::StarStar(x) => format!("**{}", sx(x)),
                })
                .collect();
            format!("{}({})", sx(func), a.join(", "))
        }
        other => format!("{other:?}"),
    }
}

// ----- lexer -----

#[test]
fn lexer_indent_dedent() {
    let t = toks("if x:\n    y\n    z\nw\n");
    use Tok::*;
    let want = vec![
        Kw(super::token::Kw::If), Name("x".into()), Op(super::token::Op::Colon), Newline, Indent,
        Name("y".into()), Newline, Name("z".into()), Newline, Dedent, Name("w".into()), Newline,
    ];
    assert_eq!(t, want);
    // nested blocks close at EOF without trailing newline
    let t = toks("if a:\n  if b:\n    c");
    assert_eq!(t.iter().filter(|t| **t == Dedent).count(), 2);
    assert_eq!(t[t.len() - 3], Newline);
}

#[test]
fn lexer_joins_lines_in_brackets_and_backslash() {
    let t = toks("x = (1,\n     2)\ny = 1 + \\\n  2\n");
    assert_eq!(t.iter().filter(|t| **t == Tok::Newline).count(), 2);
    assert!(!t.contains(&Tok::Indent));
}

#[test]
fn lexer_blank_and_comment_lines_crlf_bom() {
    let t = toks("\u{feff}# c\r\n\r\nx = 1  # trailing\r\n   \r\n    # indented comment\r\ny = 2");
    assert_eq!(t.iter().filter(|t| **t == Tok::Newline).count(), 2);
    assert!(!t.contains(&Tok::Indent));
}

#[test]
fn lexer_numbers() {
    assert_eq!(toks("1_000")[0], Tok::Int(1000));
    assert_eq!(toks("0x1f")[0], Tok::Int(31));
    assert_eq!(toks("0o17")[0], Tok::Int(15));
    assert_eq!(toks("0b1010")[0], Tok::Int(10));
    assert_eq!(toks("1.5")[0], Tok::Float(1.5));
    assert_eq!(toks("1e-3")[0], Tok::Float(0.001));
    assert_eq!(toks("3.")[0], Tok::Float(3.0));
    assert_eq!(toks(".5")[0], Tok::Float(0.5));
    assert_eq!(toks("1.e2")[0], Tok::Float(100.0));
    assert_eq!(toks("2j")[0], Tok::Imag(2.0));
    assert_eq!(toks("1.5J")[0], Tok::Imag(1.5));
    assert_eq!(toks("0")[0], Tok::Int(0));
    assert_eq!(toks("00")[0], Tok::Int(0));
    assert_eq!(lex("1abc").unwrap_err().msg, "invalid decimal literal");
    assert_eq!(lex("0x").unwrap_err().msg, "invalid hexadecimal literal");
    assert_eq!(lex("1__0").unwrap_err().msg, "invalid decimal literal");
    assert!(lex("012").unwrap_err().msg.starts_with("leading zeros"));
    assert_eq!(toks("99999999999999999999999")[0], Tok::BigInt("99999999999999999999999".into()));
    assert_eq!(toks("0x1_0000_0000_0000_0000")[0], Tok::BigInt("18446744073709551616".into()));
    assert_eq!(e("9223372036854775808").kind, ExprKind::BigInt("9223372036854775808".into()));
    assert_eq!(e("9223372036854775807").kind, ExprKind::Int(i64::MAX));
}

#[test]
fn lexer_strings() {
    assert_eq!(toks(r#"'a\nb\t\\\'\x41\u00e9'"#)[0], Tok::Str("a\nb\t\\'Aé".into()));
    assert_eq!(toks(r#"r'a\nb\''"#)[0], Tok::Str(r"a\nb\'".into()));
    assert_eq!(toks(r#"b"xy""#)[0], Tok::Str("xy".into()));
    assert_eq!(toks("'''a\n'b'\n'''")[0], Tok::Str("a\n'b'\n".into()));
    assert_eq!(toks(r#"RB'\d'"#)[0], Tok::Str(r"\d".into()));
    assert_eq!(toks(r#"'\d'"#)[0], Tok::Str(r"\d".into()));
    let d = lex("x = 'abc\ny = 1\n").unwrap_err();
    assert_eq!(d.msg, "unterminated string literal (detected at line 1)");
    assert_eq!(d.span.start, 4);
    let d = lex("x = '''abc\n\ny").unwrap_err();
    assert_eq!(d.msg, "unterminated triple-quoted string literal (detected at line 3)");
}

#[test]
fn lexer_operators() {
    use Op::*;
    let t = toks("a ** b // c @ d -> e := f <<= g >>= h **= i //= j @= k ≥ l ≤ m ≠ n != o");
    let ops: Vec<Op> = t.iter().filter_map(|t| if let Tok::Op(o) = t { Some(*o) } else { None }).collect();
    assert_eq!(ops, vec![DoubleStar, DoubleSlash, At, Arrow, Walrus, LShiftEq, RShiftEq, DoubleStarEq, DoubleSlashEq, AtEq, Ge, Le, Ne, Ne]);
    assert_eq!(toks("not")[0], Tok::Kw(Kw::Not));
    assert_eq!(toks("ünïcode_x1")[0], Tok::Name("ünïcode_x1".into()));
}

// ----- parser -----

#[test]
fn precedence() {
    assert_eq!(sx(&e("-x**2")), "(Neg (** x 2))");
    assert_eq!(sx(&e("2**-1")), "(** 2 (Neg 1))");
    assert_eq!(sx(&e("a**b**c")), "(** a (** b c))");
    assert_eq!(sx(&e("a < b < c")), "(cmp a < b < c)");
    assert_eq!(sx(&e("not a == b")), "(Not (cmp a == b))");
    assert_eq!(sx(&e("x if c else y")), "(if c x y)");
    assert_eq!(sx(&e("a or b and not c")), "(Or a (And b (Not c)))");
    assert_eq!(sx(&e("1 + 2 * 3 - 4")), "(- (+ 1 (* 2 3)) 4)");
    assert_eq!(sx(&e("a | b ^ c & d << 1 + 2")), "(| a (^ b (& c (<< d (+ 1 2)))))");
    assert_eq!(sx(&e("a @ b.T / 2 // 3 % 4")), "(% (// (/ (@ a b.T) 2) 3) 4)");
    assert_eq!(sx(&e("a is not b")), "(cmp a is not b)");
    assert_eq!(sx(&e("a not in b")), "(cmp a not in b)");
    assert_eq!(sx(&e("~-+x")), "(Invert (Neg (Pos x)))");
    assert_eq!(sx(&e("a ≥ b")), "(cmp a >= b)");
    assert_eq!(sx(&e("-2 ** 2")), "(Neg (** 2 2))");
}

#[test]
fn subscripts_and_slices() {
    assert_eq!(sx(&e("a[1]")), "a[1]");
    assert_eq!(sx(&e("a[1:2]")), "a[1:2:]");
    assert_eq!(sx(&e("a[::2]")), "a[::2]");
    assert_eq!(sx(&e("a[:, None]")), "a[(tuple :: None)]");
    assert_eq!(sx(&e("a[..., 0]")), "a[(tuple ... 0)]");
    assert_eq!(sx(&e("a[1, 2]")), "a[(tuple 1 2)]");
    assert_eq!(sx(&e("a[[0, 2]]")), "a[[0 2]]");
    assert_eq!(sx(&e("a[idx]")), "a[idx]");
    assert_eq!(sx(&e("x[0][1:]")), "x[0][1::]");
}

#[test]
fn calls() {
    assert_eq!(sx(&e("f(a, b=1, *args, **kw)")), "f(a, b=1, *args, **kw)");
    assert_eq!(sx(&e("torch.zeros(2, 3, dtype=torch.float64)")), "torch.zeros(2, 3, dtype=torch.float64)");
    assert_eq!(sx(&e("f()")), "f()");
    assert_eq!(sx(&e("f(x,)")), "f(x)");
    let g = e("sum(x for x in y)");
    let ExprKind::Call { args, .. } = &g.kind else { panic!() };
    assert!(matches!(&args[0], Arg::Pos(Expr { kind: ExprKind::GeneratorExp { .. }, .. })));
    assert_eq!(parse("f(x for x in y, 1)").unwrap_err().msg, "Generator expression must be parenthesized");
    assert_eq!(parse("f(a=1, b)").unwrap_err().msg, "positional argument follows keyword argument");
    assert_eq!(parse("f(a=1, b=2, a=3)").unwrap_err().msg, "keyword argument repeated: a");
}

#[test]
fn displays_and_comprehensions() {
    assert_eq!(sx(&e("()")), "(tuple )");
    assert_eq!(sx(&e("(a,)")), "(tuple a)");
    assert_eq!(sx(&e("(a)")), "a");
    assert_eq!(sx(&e("a, b")), "(tuple a b)");
    assert_eq!(sx(&e("[1, *xs, 2]")), "[1 *xs 2]");
    assert!(matches!(e("{}").kind, ExprKind::Dict(ref v) if v.is_empty()));
    assert!(matches!(e("{'a': 1, 'b': 2}").kind, ExprKind::Dict(ref v) if v.len() == 2));
    assert!(matches!(e("{1, 2}").kind, ExprKind::Set(ref v) if v.len() == 2));
    let lc = e("[x * y for x in a if x for y in b if y if x > y]");
    let ExprKind::ListComp { generators, .. } = &lc.kind else { panic!() };
    assert_eq!(generators.len(), 2);
    assert_eq!(generators[1].ifs.len(), 2);
    assert!(matches!(e("{k: v for k, v in d.items()}").kind, ExprKind::DictComp { .. }));
    assert!(matches!(e("(x for x in y)").kind, ExprKind::GeneratorExp { .. }));
    // set comprehension is `set(<genexp>)`
    assert_eq!(sx(&e("{x for x in y}")).split('(').next(), Some("set"));
    assert!(matches!(e("lambda x, y=1: x + y").kind, ExprKind::Lambda(_)));
    assert!(matches!(e("lambda: 0").kind, ExprKind::Lambda(_)));
    assert_eq!(sx(&e("'a' 'b' \"c\"")), "\"abc\"");
}

#[test]
fn fstrings() {
    let ExprKind::FString(p) = e("f'x = {x:.3f}, {y!r:>{w}} {{lit}} {z=}'").kind else { panic!() };
    let FStringPart::Lit(l) = &p[0] else { panic!() };
    assert_eq!(l, "x = ");
    let FStringPart::Field { spec, conversion, .. } = &p[1] else { panic!() };
    assert_eq!(spec, &vec![FStringPart::Lit(".3f".into())]);
    assert_eq!(*conversion, None);
    let FStringPart::Field { spec, conversion, .. } = &p[3] else { panic!() };
    assert_eq!(*conversion, Some('r'));
    assert_eq!(spec.len(), 2);
    assert!(matches!(&spec[1], FStringPart::Field { expr: Expr { kind: ExprKind::Name(n), .. }, .. } if n == "w"));
    assert_eq!(p[4], FStringPart::Lit(" {lit} ".into()));
    let FStringPart::Field { debug_text, expr, .. } = &p[5] else { panic!() };
    assert_eq!(debug_text.as_deref(), Some("z="));
    // the nested expression's span points into the whole source
    assert_eq!(expr.span, Span::new(35, 36));
    let ExprKind::FString(p) = e("f'{a + b = }' 'tail' f\"{d['k']}\"").kind else { panic!() };
    let FStringPart::Field { debug_text, .. } = &p[0] else { panic!() };
    assert_eq!(debug_text.as_deref(), Some("a + b = "));
    assert_eq!(p[1], FStringPart::Lit("tail".into()));
    assert!(matches!(&p[2], FStringPart::Field { expr: Expr { kind: ExprKind::Subscript { .. }, .. }, .. }));
    let ExprKind::FString(p) = e("f'{x == y}{x != y}'").kind else { panic!() };
    assert!(p.iter().all(|p| matches!(p, FStringPart::Field { debug_text: None, .. })));
    assert!(parse("f'{}'").is_err());
    assert!(parse("f'{x'").is_err());
    assert!(parse("f'}'").is_err());
}

#[test]
fn assignments_and_targets() {
    let s = stmts("a = b = 1\nX, y = a, b\n(p, q) = r\nx.grad = None\nt[m] = 0\n*a, b = c\nx += 1\ny @= w\nz: int = 3\nw: float\n");
    let StmtKind::Assign { targets, .. } = &s[0].kind else { panic!() };
    assert_eq!(targets.len(), 2);
    let StmtKind::Assign { targets, value } = &s[1].kind else { panic!() };
    assert_eq!(sx(&targets[0]), "(tuple X y)");
    assert_eq!(sx(value), "(tuple a b)");
    assert!(matches!(s[6].kind, StmtKind::AugAssign { op: BinOp::Add, .. }));
    assert!(matches!(s[7].kind, StmtKind::AugAssign { op: BinOp::MatMul, .. }));
    assert!(matches!(s[8].kind, StmtKind::AnnAssign { value: Some(_), .. }));
    assert!(matches!(s[9].kind, StmtKind::AnnAssign { value: None, .. }));
    assert_eq!(err("1 = x").msg, "cannot assign to literal");
    assert_eq!(err("f() = 1").msg, "cannot assign to function call");
    assert_eq!(err("a, b + 1 = x").msg, "cannot assign to expression");
    assert_eq!(err("for f() in x: pass").msg, "cannot assign to function call");
    assert_eq!(err("del 1").msg, "cannot delete literal");
    assert_eq!(err("a, b += 1").msg, "'tuple' is an illegal expression for augmented assignment");
}

#[test]
fn statements() {
    let src = "\
import torch
import torch.nn as nn, numpy
from torch import nn as n2, optim
from x import (a, b,)
from . import y
@torch.no_grad()
@dec
def f(self, x: torch.Tensor, *, k=1) -> torch.Tensor:
    '''doc'''
    global g
    return x, k
class Net(nn.Module):
    def forward(self, x): return x
for i, (a, b) in enumerate(z):
    if i: continue
    elif a: break
    else: pass
else:
    pass
while x: x -= 1
with torch.no_grad(), open(p) as fh:
    pass
try:
    raise ValueError('x')
except (ValueError, TypeError) as e:
    pass
except:
    raise
else:
    pass
finally:
    del a, b[0]
assert x, 'msg'
x = 1; y = 2;
if x: y = 1
";
    let s = stmts(src);
    assert_eq!(s.len(), 15);
    let StmtKind::Import(names) = &s[1].kind else { panic!() };
    assert_eq!((names[0].name.as_str(), names[0].asname.as_deref()), ("torch.nn", Some("nn")));
    let StmtKind::ImportFrom { module, names } = &s[3].kind else { panic!() };
    assert_eq!((module.as_str(), names.len()), ("x", 2));
    let StmtKind::ImportFrom { module, .. } = &s[4].kind else { panic!() };
    assert_eq!(module, ".");
    let StmtKind::FunctionDef(f) = &s[5].kind else { panic!() };
    assert_eq!(f.decorators.len(), 2);
    assert_eq!(f.params.iter().map(|p| p.kind).collect::<Vec<_>>(), vec![ParamKind::Normal, ParamKind::Normal, ParamKind::KwOnly]);
    assert_eq!(f.body.len(), 3);
    let StmtKind::ClassDef { bases, body, .. } = &s[6].kind else { panic!() };
    assert_eq!((bases.len(), body.len()), (1, 1));
    let StmtKind::For { body, orelse, target, .. } = &s[7].kind else { panic!() };
    assert_eq!(sx(target), "(tuple i (tuple a b))");
    assert_eq!(orelse.len(), 1);
    let StmtKind::If { orelse, .. } = &body[0].kind else { panic!() };
    assert!(matches!(orelse[0].kind, StmtKind::If { .. }));
    let StmtKind::With { items, .. } = &s[9].kind else { panic!() };
    assert_eq!(items.len(), 2);
    assert!(items[1].target.is_some());
    let StmtKind::Try { handlers, orelse, finalbody, .. } = &s[10].kind else { panic!() };
    assert_eq!((handlers.len(), orelse.len(), finalbody.len()), (2, 1, 1));
    assert_eq!(handlers[0].name.as_deref(), Some("e"));
    assert!(matches!(s[11].kind, StmtKind::Assert { msg: Some(_), .. }));
    assert!(matches!(s[14].kind, StmtKind::If { .. }));
}

#[test]
fn parse_expr_rejects_statements() {
    assert!(parse_expr("x = 1").is_err());
    assert!(parse_expr("x").is_ok());
    assert!(parse_expr("").is_err());
}

// ----- diagnostics -----

#[test]
fn indentation_errors() {
    let d = err("if x:\npass\n");
    assert_eq!((d.kind, d.msg.as_str()), (ExcKind::IndentationError, "expected an indented block after 'if' statement on line 1"));
    let d = err("def f():\n    pass\nclass A:\n");
    assert_eq!(d.msg, "expected an indented block after class definition on line 3");
    let d = err("x = 1\n    y = 2\n");
    assert_eq!((d.kind, d.msg.as_str()), (ExcKind::IndentationError, "unexpected indent"));
    assert_eq!(line_col("x = 1\n    y = 2\n", d.span.start), (2, 5));
    let d = err("if x:\n    a\n  b\n");
    assert_eq!(d.msg, "unindent does not match any outer indentation level");
    let d = err("if x:\n\ta\n        b\n");
    assert_eq!((d.kind, d.msg.as_str()), (ExcKind::TabError, "inconsistent use of tabs and spaces in indentation"));
    let d = err("if x: y = 1\n    z = 2\n");
    assert_eq!(d.msg, "unexpected indent");
}

#[test]
fn syntax_error_messages_and_positions() {
    let src = "x = 1\ny = (1 +\nz = 3\n";
    let d = err(src);
    assert_eq!(d.msg, "'(' was never closed");
    assert_eq!(line_col(src, d.span.start), (2, 5));
    let out = render_plain(&d, src, "t.py");
    assert_eq!(out, "t.py:2:5: SyntaxError: '(' was never closed\n    y = (1 +\n        ^\nSyntaxError: '(' was never closed\n");
    assert_eq!(err("x = 1)").msg, "unmatched ')'");
    assert_eq!(err("x = (1]").msg, "closing parenthesis ']' does not match opening parenthesis '('");
    let d = err("if x\n    y\n");
    assert_eq!(d.msg, "expected ':'");
    assert_eq!(line_col("if x\n    y\n", d.span.start), (1, 5));
    let src = "a = 1\nb = 2 3\n";
    let d = err(src);
    assert_eq!(d.msg, "invalid syntax");
    assert_eq!(line_col(src, d.span.start), (2, 7));
    assert!(!d.expected.is_empty());
    let r = render_plain(&d, src, "<stdin>");
    assert!(r.starts_with("<stdin>:2:7: SyntaxError: invalid syntax (expected one of: "));
    assert!(r.ends_with("\n    b = 2 3\n          ^\nSyntaxError: invalid syntax\n"));
    assert_eq!(err("x = $").msg, "invalid syntax");
    assert_eq!(err("x = a … b").msg, "invalid character '…' (U+2026)");
    assert_eq!(err("x = 1 \\ y").msg, "unexpected character after line continuation character");
    assert_eq!(err("try:\n    pass\nx = 1\n").msg, "expected 'except' or 'finally' block");
    assert_eq!(err("def f(a=1, b): pass").msg, "parameter without a default follows parameter with a default");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let h = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let src = format!("x = {}1{}\n", "(".repeat(10_000), ")".repeat(10_000));
            let d = parse(&src).unwrap_err();
            assert_eq!((d.kind, d.msg.as_str()), (ExcKind::SyntaxError, "too many nested parentheses"));
            let src = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
            assert!(parse_expr(&src).is_err());
            let d = parse(&format!("x = {}1\n", "-".repeat(100_000))).unwrap_err();
            assert_eq!(d.msg, "expression too complex");
            let d = parse(&format!("x = {}1\n", "1 + ".repeat(100_000))).unwrap_err();
            assert_eq!(d.msg, "expression too complex");
            let d = parse(&format!("x = {}1\n", "not ".repeat(100_000))).unwrap_err();
            assert_eq!(d.msg, "expression too complex");
            // 150 nested brackets of real work still parse, and large flat lists are fine
            let src = format!("x = {}1{}\n", "[-(".repeat(66), ")]".repeat(66));
            parse(&src).unwrap();
            let src = format!("x = [{}]\n", "-1, ".repeat(50_000));
            parse(&src).unwrap();
            let mut src = String::new();
            for i in 0..99 {
                src.push_str(&" ".repeat(i));
                src.push_str("if x:\n");
            }
            src.push_str(&" ".repeat(99));
            src.push_str("pass\n");
            parse(&src).unwrap();
        })
        .unwrap();
    h.join().unwrap();
}

#[test]
fn incomplete_entries() {
    assert!(is_incomplete("x = (1,"));
    assert!(is_incomplete("x = [1,\n 2"));
    assert!(is_incomplete("x = 1 + \\"));
    assert!(is_incomplete("s = '''abc"));
    assert!(is_incomplete("for i in range(3):"));
    assert!(is_incomplete("for i in range(3):\n    print(i)"));
    assert!(!is_incomplete("for i in range(3):\n    print(i)\n"));
    assert!(is_incomplete("if x: y = 1"));
    assert!(!is_incomplete("if x: y = 1\n"));
    assert!(is_incomplete("@dec"));
    assert!(!is_incomplete("x = 1"));
    assert!(!is_incomplete("x = "));
    assert!(!is_incomplete("x = 1)"));
    assert!(!is_incomplete("if x:\n"));
    assert!(!is_incomplete("s = 'abc"));
}
