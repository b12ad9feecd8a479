//! Front-end tests: lexer, parser precedence and forms, diagnostics.
use super::*;

#[test]
fn smoke() {
    for src in ["x = 1\n", "print(-x**2)\nif a < b <= c:\n    y = [i for i in range(3) if i]\nelse:\n    pass\n", "f'{x:.3f} {y!r}'", "def f(a, b=1, *args, c, d=2, **kw):\n    return a\n"] {
        match parse(src) {
            Ok(m) => println!("{src:?} => {:?}", m),
            Err(d) => println!("{src:?} => ERR {}", render_plain(&d, src, "t")),
        }
    }
}
