#![allow(clippy::type_complexity, clippy::collapsible_if, clippy::float_cmp, clippy::redundant_guards)]
//! Runs the oracle examples of tests/data/repr_examples.jsonl whose code is a single
//! `print(...)` of simple constructors (torch.tensor / zeros / ones / arange / eye /
//! full with dtype= and requires_grad=, `.reshape`, `* k`, `/ k`, Python numbers) through
//! the formatter, byte for byte. Everything else is skipped (it needs the interpreter).

use tsr::Scalar;
use tsr::format::{float_repr, tensor_repr};
use tsr::tensor::DType;
use tsr::tensor::Tensor;
use tsr::tensor::ops::from_scalars;

#[derive(Clone, Debug)]
enum V {
    Int(i64),
    Float(f64),
    Complex(f64, f64),
    Bool(bool),
    List(Vec<V>),
    DType(DType),
    T { vals: Vec<Scalar>, shape: Vec<usize>, dtype: DType, rg: bool },
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(String),
    Name(String),
    P(String),
}

fn lex(s: &str) -> Option<Vec<Tok>> {
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < c.len() {
        let ch = c[i];
        if ch == ' ' {
            i += 1;
        } else if ch.is_ascii_digit() || (ch == '.' && c.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let st = i;
            while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '.' || ((c[i] == '-' || c[i] == '+') && c[i - 1] == 'e')) {
                i += 1;
            }
            out.push(Tok::Num(c[st..i].iter().collect()));
        } else if ch.is_alphabetic() || ch == '_' || (ch == '.' && c.get(i + 1).is_some_and(|d| d.is_alphabetic())) {
            let st = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_' || c[i] == '.') {
                i += 1;
            }
            out.push(Tok::Name(c[st..i].iter().collect()));
        } else if ch == '*' && c.get(i + 1) == Some(&'*') {
            out.push(Tok::P("**".into()));
            i += 2;
        } else if "()[],=*/+-".contains(ch) {
            out.push(Tok::P(ch.to_string()));
            i += 1;
        } else if ch == '\'' {
            // 'nan' / 'inf' inside float(...)
            let st = i + 1;
            i += 1;
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            out.push(Tok::Name(format!("'{}'", c[st..i].iter().collect::<String>())));
            i += 1;
        } else {
            return None;
        }
    }
    Some(out)
}

struct P {
    t: Vec<Tok>,
    i: usize,
}

impl P {
    fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }
    fn eat(&mut self, p: &str) -> bool {
        if self.peek() == Some(&Tok::P(p.into())) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn expr(&mut self) -> Option<V> {
        let mut a = self.term()?;
        loop {
            if self.eat("+") {
                a = arith(a, self.term()?, '+')?;
            } else if self.eat("-") {
                a = arith(a, self.term()?, '-')?;
            } else {
                return Some(a);
            }
        }
    }
    fn term(&mut self) -> Option<V> {
        let mut a = self.unary()?;
        loop {
            if self.eat("*") {
                a = arith(a, self.unary()?, '*')?;
            } else if self.eat("/") {
                a = arith(a, self.unary()?, '/')?;
            } else {
                return Some(a);
            }
        }
    }
    fn unary(&mut self) -> Option<V> {
        if self.eat("-") {
            return arith(V::Int(0), self.unary()?, '-').map(|v| match v {
                V::Float(f) if f == 0.0 => V::Float(-0.0),
                v => v,
            });
        }
        let a = self.postfix()?;
        if self.eat("**") {
            let b = self.unary()?;
            return match (a, b) {
                (V::Int(x), V::Int(y)) => x.checked_pow(y as u32).map(V::Int),
                (x, y) => Some(V::Float(num(&x)?.powf(num(&y)?))),
            };
        }
        Some(a)
    }
    fn args(&mut self) -> Option<(Vec<V>, Vec<(String, V)>)> {
        let (mut pos, mut kw) = (vec![], vec![]);
        while !self.eat(")") {
            if let (Some(Tok::Name(n)), Some(Tok::P(eq))) = (self.t.get(self.i).cloned(), self.t.get(self.i + 1)) {
                if eq == "=" {
                    self.i += 2;
                    kw.push((n, self.expr()?));
                    self.eat(",");
                    continue;
                }
            }
            pos.push(self.expr()?);
            self.eat(",");
        }
        Some((pos, kw))
    }
    fn postfix(&mut self) -> Option<V> {
        let mut a = self.atom()?;
        while let Some(Tok::Name(n)) = self.peek().cloned() {
            // method call: the lexer glued `.reshape` onto the name
            let m = n.strip_prefix('.')?.to_string();
            self.i += 1;
            if !self.eat("(") {
                return None;
            }
            let (pos, _) = self.args()?;
            a = method(a, &m, pos)?;
        }
        Some(a)
    }
    fn atom(&mut self) -> Option<V> {
        match self.peek().cloned()? {
            Tok::Num(s) => {
                self.i += 1;
                match s.as_str() {
                    "nan_" => return Some(V::Float(f64::NAN)),
                    "inf_" => return Some(V::Float(f64::INFINITY)),
                    _ => {}
                }
                if let Some(im) = s.strip_suffix('j') {
                    return Some(V::Complex(0.0, im.parse().ok()?));
                }
                if s.contains(['.', 'e']) { s.parse().ok().map(V::Float) } else { s.parse().ok().map(V::Int) }
            }
            Tok::P(p) if p == "(" || p == "[" => {
                self.i += 1;
                let close = if p == "(" { ")" } else { "]" };
                let mut items = vec![];
                let mut comma = false;
                while !self.eat(close) {
                    items.push(self.expr()?);
                    comma |= self.eat(",");
                }
                if p == "(" && items.len() == 1 && !comma {
                    return items.pop();
                }
                Some(V::List(items))
            }
            Tok::Name(n) => {
                self.i += 1;
                if let Some(d) = n.strip_prefix("torch.").and_then(DType::from_name) {
                    return Some(V::DType(d));
                }
                match n.as_str() {
                    "True" => return Some(V::Bool(true)),
                    "False" => return Some(V::Bool(false)),
                    _ => {}
                }
                // The lexer glues `torch.tensor(...).reshape` only up to `(`.
                if !self.eat("(") {
                    return None;
                }
                let (pos, kw) = self.args()?;
                call(&n, pos, kw)
            }
            _ => None,
        }
    }
}

fn num(v: &V) -> Option<f64> {
    match v {
        V::Int(i) => Some(*i as f64),
        V::Float(f) => Some(*f),
        V::Bool(b) => Some(*b as u8 as f64),
        _ => None,
    }
}

fn arith(a: V, b: V, op: char) -> Option<V> {
    let f = |x: f64, y: f64| match op {
        '+' => x + y,
        '-' => x - y,
        '*' => x * y,
        _ => x / y,
    };
    match (a, b) {
        (V::Int(x), V::Int(y)) if op != '/' => Some(V::Int(match op {
            '+' => x.checked_add(y)?,
            '-' => x.checked_sub(y)?,
            _ => x.checked_mul(y)?,
        })),
        (V::Complex(r, i), y) | (y, V::Complex(r, i)) if op == '+' || op == '-' => {
            let s = if op == '-' { -1.0 } else { 1.0 };
            match y {
                V::Complex(r2, i2) => Some(V::Complex(r2 + s * r, i2 + s * i)),
                y => Some(V::Complex(num(&y)? + s * r, s * i)),
            }
        }
        (V::T { vals, shape, dtype, rg }, y) => {
            let k = num(&y)?;
            let dtype = if !dtype.is_floating_point() && (op == '/' || matches!(y, V::Float(_))) { DType::F32 } else { dtype };
            let vals = vals.iter().map(|s| Scalar::Float(f(s.to_f64(), k))).collect();
            Some(V::T { vals, shape, dtype, rg })
        }
        (x, y) => Some(V::Float(f(num(&x)?, num(&y)?))),
    }
}

fn flatten(v: &V, shape: &mut Vec<usize>, depth: usize, out: &mut Vec<Scalar>) -> Option<()> {
    match v {
        V::List(items) => {
            if shape.len() == depth {
                shape.push(items.len());
            } else if shape[depth] != items.len() {
                return None;
            }
            for it in items {
                flatten(it, shape, depth + 1, out)?;
            }
        }
        V::Int(i) => out.push(Scalar::Int(*i)),
        V::Float(f) => out.push(Scalar::Float(*f)),
        V::Bool(b) => out.push(Scalar::Bool(*b)),
        V::Complex(r, i) => out.push(Scalar::Complex(tsr::tensor::dtype::C128::new(*r as f32 as f64, *i as f32 as f64))),
        _ => return None,
    }
    Some(())
}

fn kwargs(kw: &[(String, V)]) -> (Option<DType>, bool) {
    let mut d = None;
    let mut rg = false;
    for (k, v) in kw {
        match (k.as_str(), v) {
            ("dtype", V::DType(x)) => d = Some(*x),
            ("requires_grad", V::Bool(b)) => rg = *b,
            _ => {}
        }
    }
    (d, rg)
}

fn dims(pos: &[V]) -> Option<Vec<usize>> {
    match pos {
        [V::List(l)] => l.iter().map(|v| num(v).map(|x| x as usize)).collect(),
        _ => pos.iter().map(|v| num(v).map(|x| x as usize)).collect(),
    }
}

fn call(name: &str, pos: Vec<V>, kw: Vec<(String, V)>) -> Option<V> {
    let (dt, rg) = kwargs(&kw);
    match name {
        "torch.tensor" => {
            let mut shape = vec![];
            let mut vals = vec![];
            flatten(pos.first()?, &mut shape, 0, &mut vals)?;
            let inferred = if vals.iter().any(|s| matches!(s, Scalar::Complex(_))) {
                DType::C64
            } else if vals.iter().any(|s| matches!(s, Scalar::Float(_))) {
                DType::F32
            } else if !vals.is_empty() && vals.iter().all(|s| matches!(s, Scalar::Bool(_))) {
                DType::Bool
            } else if vals.is_empty() {
                DType::F32
            } else {
                DType::I64
            };
            Some(V::T { vals, shape, dtype: dt.unwrap_or(inferred), rg })
        }
        "torch.zeros" | "torch.ones" => {
            let shape = dims(&pos)?;
            let n: usize = shape.iter().product();
            let v = if name == "torch.ones" { 1.0 } else { 0.0 };
            Some(V::T { vals: vec![Scalar::Float(v); n], shape, dtype: dt.unwrap_or(DType::F32), rg })
        }
        "torch.arange" => {
            let (n, float) = match pos.first()? {
                V::Int(i) => (*i as usize, false),
                V::Float(f) => (*f as usize, true),
                _ => return None,
            };
            let vals = (0..n).map(|i| Scalar::Int(i as i64)).collect();
            let d = dt.unwrap_or(if float { DType::F32 } else { DType::I64 });
            Some(V::T { vals, shape: vec![n], dtype: d, rg })
        }
        "torch.eye" => {
            let n = num(pos.first()?)? as usize;
            let vals = (0..n * n).map(|i| Scalar::Float(if i / n == i % n { 1.0 } else { 0.0 })).collect();
            Some(V::T { vals, shape: vec![n, n], dtype: dt.unwrap_or(DType::F32), rg })
        }
        "torch.full" => {
            let shape = dims(&pos[..1])?;
            let n: usize = shape.iter().product();
            Some(V::T { vals: vec![Scalar::Float(num(pos.get(1)?)?); n], shape, dtype: dt.unwrap_or(DType::F32), rg })
        }
        _ => None,
    }
}

fn method(a: V, m: &str, pos: Vec<V>) -> Option<V> {
    match (a, m) {
        (V::T { vals, dtype, rg, .. }, "reshape") => Some(V::T { vals, shape: dims(&pos)?, dtype, rg }),
        (V::T { vals, shape, rg, .. }, "float") => Some(V::T { vals, shape, dtype: DType::F32, rg }),
        _ => None,
    }
}

fn show(v: V) -> Option<String> {
    Some(match v {
        V::Int(i) => i.to_string(),
        V::Float(f) => float_repr(f),
        V::Bool(b) => if b { "True".into() } else { "False".into() },
        V::T { vals, shape, dtype, rg } => {
            // Round through the dtype first (float32 storage), as torch.tensor does.
            let t: Tensor = from_scalars(&vals, &shape, dtype);
            t.autograd_mut().requires_grad = rg;
            tensor_repr(&t)
        }
        _ => return None,
    })
}

/// Evaluates `print(a, b, ...)`; None when the code is outside this mini-language.
fn run(code: &str) -> Option<String> {
    let inner = code.strip_prefix("print(")?.strip_suffix(')')?;
    // `float('nan')` etc. become names before lexing.
    let inner = inner.replace("float('nan')", "NAN").replace("float('inf')", "INF");
    let toks = lex(&inner)?;
    let toks: Vec<Tok> = toks
        .into_iter()
        .map(|t| match t {
            Tok::Name(n) if n == "NAN" => Tok::Num("nan_".into()),
            Tok::Name(n) if n == "INF" => Tok::Num("inf_".into()),
            t => t,
        })
        .collect();
    let mut p = P { t: toks, i: 0 };
    let mut outs = vec![];
    while p.i < p.t.len() {
        outs.push(show(p.expr()?)?);
        p.eat(",");
    }
    Some(outs.join(" ") + "\n")
}

#[test]
fn oracle_examples() {
    let data = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/repr_examples.jsonl")).unwrap();
    let (mut passed, mut failed) = (vec![], vec![]);
    for (n, line) in data.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (code, want) = (v["code"].as_str().unwrap(), v["stdout"].as_str().unwrap());
        if code.contains('\n') || code.contains("f'") {
            continue;
        }
        if let Some(got) = run(code) {
            if got == want {
                passed.push(n + 1);
            } else {
                failed.push(format!("ex{:03}: {code}\n got: {got:?}\nwant: {want:?}", n + 1));
            }
        }
    }
    eprintln!("validated {} examples: {:?}", passed.len(), passed);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    assert!(passed.len() >= 60, "only {} examples ran", passed.len());
}

/// Every example of the oracle file through the real binary (`tsr --format torch`, the
/// program on stdin): stdout must equal PyTorch's byte for byte.
#[test]
fn every_example_through_the_binary() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let data = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/repr_examples.jsonl")).unwrap();
    let cases: Vec<(usize, String, String)> = data
        .lines()
        .enumerate()
        .map(|(n, line)| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            (n + 1, v["code"].as_str().unwrap().to_string(), v["stdout"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(cases.len() >= 180, "only {} examples", cases.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some((n, code, want)) = cases.get(i) else { break };
                let mut child = Command::new(assert_cmd::cargo::cargo_bin("tsr"))
                    .args(["--format", "torch"])
                    .env("NO_COLOR", "1")
                    .env("COLUMNS", "80")
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn tsr");
                child.stdin.take().expect("stdin").write_all(code.as_bytes()).expect("write");
                let out = child.wait_with_output().expect("wait");
                let got = String::from_utf8_lossy(&out.stdout);
                if got != *want {
                    let err = String::from_utf8_lossy(&out.stderr);
                    failed.lock().unwrap().push(format!("ex{n:03}: {code}\n got: {got:?}\nwant: {want:?}\n{err}"));
                }
            });
        }
    });
    let failed = failed.into_inner().unwrap();
    assert!(failed.is_empty(), "{} of {} examples differ:\n{}", failed.len(), cases.len(), failed.join("\n"));
}
