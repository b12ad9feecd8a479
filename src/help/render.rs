//! Help as text: one entry (signature, summary, example with `>>>` prompts so it can be
//! pasted back into the REPL), a topic's list, the list of topics.

use super::lookup::{self, Found};
use super::{topic, topic_entries, TOPICS};
use crate::eval::value::Value;
use crate::eval::Interp;

/// An entry as `help()` prints it.
pub fn entry(f: &Found) -> String {
    let mut s = String::new();
    s.push_str(&f.signature);
    s.push_str("\n\n");
    for line in wrap(&f.summary, 88) {
        s.push_str("    ");
        s.push_str(&line);
        s.push('\n');
    }
    if let Some(n) = &f.note {
        for line in wrap(n, 88) {
            s.push_str("    ");
            s.push_str(&line);
            s.push('\n');
        }
    }
    if !f.example.is_empty() {
        s.push_str("\nExample:\n");
        s.push_str(&prompted(f.example));
    }
    s
}

/// An example as a REPL transcript: `>>> ` on the first line of each statement, `... ` on
/// the lines of a block.
pub fn prompted(example: &str) -> String {
    let mut s = String::new();
    for line in example.lines() {
        let cont = line.starts_with(' ') || line.starts_with('\t') || is_block_tail(line);
        s.push_str(if cont { "... " } else { ">>> " });
        s.push_str(line);
        s.push('\n');
    }
    s
}

fn is_block_tail(line: &str) -> bool {
    let t = line.trim_start();
    ["else:", "elif ", "except", "finally:"].iter().any(|k| t.starts_with(k))
}

/// Greedy word wrap.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for w in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The topic list (`:help`, `help()`).
pub fn topics() -> String {
    let mut s = String::from("Help topics — `:help TOPIC` lists a topic, `:help NAME` (or `?NAME`, `help(NAME)`) shows one entry:\n\n");
    for t in TOPICS {
        let n = topic_entries(t.name).len();
        let count = if n == 0 { "(none in this build)".to_string() } else { format!("({n})") };
        s.push_str(&format!("  {:<11} {} {count}\n", t.name, t.title));
    }
    s.push_str("\nExamples: :help matmul   ?x.sum   help(torch.nn.Linear)   :help shapes\n");
    s
}

/// The entries of one topic, one line each.
pub fn topic_list(name: &str) -> Option<String> {
    let t = topic(name)?;
    let entries = topic_entries(t.name);
    let mut s = format!("{} — {}\n\n", t.name, t.title);
    if entries.is_empty() {
        s.push_str("  (no entries in this build)\n");
    }
    let w = entries.iter().map(|e| e.name.chars().count()).max().unwrap_or(0).min(34);
    for e in entries {
        let first = e.summary.split(". ").next().unwrap_or("").trim_end_matches('.');
        let first: String = first.chars().take(70).collect();
        s.push_str(&format!("  {:<w$}  {first}\n", e.name));
    }
    if t.name == "tensor" || t.name == "math" || t.name == "reductions" || t.name == "shapes" || t.name == "indexing" {
        s.push_str("\n  Every torch.NAME(x, …) above is also the method x.NAME(…); NAME_ is its in-place form.\n");
    }
    Some(s)
}

/// Help for a query typed in the REPL or passed as a string: an entry, a topic, or a
/// "no entry" message with suggestions.
pub fn for_query(q: &str) -> String {
    let q = q.trim();
    if q.is_empty() {
        return topics();
    }
    if let Some(t) = topic_list(q) {
        return t;
    }
    match lookup::search(q) {
        Ok(f) => entry(&f),
        Err(sugg) => no_entry(q, &sugg),
    }
}

fn no_entry(q: &str, sugg: &[String]) -> String {
    let mut s = format!("No help entry for '{q}'.");
    if !sugg.is_empty() {
        s.push_str(&format!(" Did you mean: {}?", sugg.join(", ")));
    }
    s.push_str(" (`:help` lists the topics.)\n");
    s
}

/// Help for a value (`help(torch.matmul)`, `help(x.sum)`, `help("matmul")`).
pub fn for_value(interp: &mut Interp, v: &Value) -> String {
    match v {
        Value::Str(s) => for_query(s),
        Value::Function(f) => user_function(interp, f),
        _ => match lookup::name_for_value(v) {
            Some(name) => match lookup::find(&name).ok_or(()).or_else(|_| lookup::search(&name).map_err(|_| ())) {
                Ok(f) => entry(&f),
                Err(()) => no_entry(&name, &lookup::suggestions(&name)),
            },
            None => no_entry(&crate::eval::repr::repr(interp, v), &[]),
        },
    }
}

/// A user function's signature (`f(a, b=2, *args, key=None)`).
pub fn user_signature(f: &crate::eval::value::Function) -> String {
    use crate::syntax::ast::ParamKind;
    let src = &f.src.text;
    let mut ps = Vec::new();
    let mut star = false;
    for p in &f.def.params {
        let default = p.default.as_ref().and_then(|d| src.get(d.span.start..d.span.end)).map(|d| format!("={d}"));
        match p.kind {
            ParamKind::Normal => ps.push(format!("{}{}", p.name, default.unwrap_or_default())),
            ParamKind::VarArgs => {
                star = true;
                ps.push(format!("*{}", p.name));
            }
            ParamKind::KwOnly => {
                if !star {
                    star = true;
                    ps.push("*".into());
                }
                ps.push(format!("{}{}", p.name, default.unwrap_or_default()));
            }
            ParamKind::VarKw => ps.push(format!("**{}", p.name)),
        }
    }
    let name = if f.is_lambda { "<lambda>" } else { f.def.name.as_str() };
    format!("{name}({})", ps.join(", "))
}

/// A user function: its signature and docstring.
fn user_function(_interp: &mut Interp, f: &crate::eval::value::Function) -> String {
    let mut s = format!("{}\n", user_signature(f));
    match docstring(f) {
        Some(doc) => {
            s.push('\n');
            for line in doc.lines() {
                s.push_str("    ");
                s.push_str(line.trim());
                s.push('\n');
            }
        }
        None => s.push_str("\n    A function defined in this session (no docstring).\n"),
    }
    s
}

fn docstring(f: &crate::eval::value::Function) -> Option<String> {
    use crate::syntax::ast::{ExprKind, StmtKind};
    match &f.def.body.first()?.kind {
        StmtKind::Expr(e) => match &e.kind {
            ExprKind::Str(s) => Some(s.to_string()),
            _ => None,
        },
        _ => None,
    }
}
