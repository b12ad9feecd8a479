//! A REPL session without the line editor: runs entries (code, `:` commands, `?NAME`),
//! reports errors, and remembers the input that ran without error (for `:save`). The
//! interactive loop and the tests drive it the same way.

use std::rc::Rc;

use crate::eval::value::Value;
use crate::eval::{Interp, RunError};

/// What the loop should do after an entry.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    Quit,
}

pub struct Session {
    pub interp: Interp,
    /// Colour for error reports (stderr).
    pub color: bool,
    /// The code entries that ran without error, in order.
    pub log: Vec<String>,
    /// How many errors have been reported (tests check it).
    pub errors: usize,
    entry_no: usize,
}

impl Session {
    pub fn new(interp: Interp, color: bool) -> Session {
        Session { interp, color, log: Vec::new(), errors: 0, entry_no: 0 }
    }

    /// Runs one entry as typed (or pasted): a transcript's prompts are stripped first.
    pub fn run_entry(&mut self, text: &str) -> Outcome {
        crate::interrupt::clear();
        let code = super::paste::normalize(text);
        let trimmed = code.trim();
        if trimmed.is_empty() {
            return Outcome::Continue;
        }
        if let Some(cmd) = trimmed.strip_prefix(':') {
            if !trimmed.contains('\n') {
                return super::meta::run(self, cmd);
            }
        }
        if trimmed == "?" {
            self.interp.out.write_str(&crate::help::render::topics());
            self.interp.out.flush();
            return Outcome::Continue;
        }
        if let Some(q) = help_query(trimmed) {
            let text = self.help_text(q);
            self.interp.out.write_str(&text);
            self.interp.out.flush();
            return Outcome::Continue;
        }
        self.run_code(&code, true);
        Outcome::Continue
    }

    /// Runs code with echo; on success it joins the log. Returns whether it succeeded.
    pub fn run_code(&mut self, code: &str, log: bool) -> bool {
        self.entry_no += 1;
        let origin = format!("<repl:{}>", self.entry_no);
        match self.interp.run_source(code, &origin, true) {
            Ok(()) => {
                if log {
                    self.log.push(code.trim_end().to_string());
                }
                true
            }
            Err(e) => {
                self.report(e);
                false
            }
        }
    }

    /// Prints an error the way scripts report them.
    pub fn report(&mut self, e: RunError) {
        self.errors += 1;
        self.interp.out.flush();
        crate::cli::report(e, self.color);
    }

    /// Prints a one-line REPL error (`:load: no such file`).
    pub fn error(&mut self, msg: &str) {
        self.errors += 1;
        self.interp.out.flush();
        let line = crate::format::palette::paint(msg, crate::format::palette::Role::Error, self.color);
        eprintln!("{line}");
    }

    /// Help for a query: the value it names in the session if it is a variable path
    /// (`x.sum`, `model.parameters`), else by name (`matmul`, `F.relu`, `shapes`).
    pub fn help_text(&mut self, q: &str) -> String {
        let q = q.trim().trim_end_matches("()");
        if let Some(v) = self.lookup_path(q) {
            if !matches!(v, Value::Str(_)) {
                return crate::help::render::for_value(&mut self.interp, &v);
            }
        }
        crate::help::render::for_query(q)
    }

    /// The value of a dotted path whose head is a session variable (attribute reads only,
    /// nothing is called).
    pub fn lookup_path(&mut self, path: &str) -> Option<Value> {
        let mut parts = path.split('.');
        let head = parts.next()?;
        if !is_ident(head) {
            return None;
        }
        let mut v = self.interp.globals.borrow().vars.get(head).cloned()?;
        for p in parts {
            if !is_ident(p) {
                return None;
            }
            v = self.interp.get_attr(&v, p).ok()?;
        }
        Some(v)
    }

    /// Evaluates one expression in the session (no echo, not logged).
    pub fn eval_expr(&mut self, text: &str) -> Result<Value, RunError> {
        let src = Rc::new(crate::eval::SourceInfo { origin: Rc::from("<repl>"), text: Rc::from(text) });
        let e = crate::syntax::parse_expr(text).map_err(|d| RunError::Syntax(d, src.clone()))?;
        let prev = std::mem::replace(&mut self.interp.src, src);
        let globals = self.interp.globals.clone();
        let span = crate::syntax::ast::Span { start: 0, end: text.len() };
        let r = self.interp.eval(&e, &globals).map_err(|err| self.interp.locate(err, span));
        self.interp.src = prev;
        r.map_err(RunError::Runtime)
    }

    /// Deletes every variable (torch stays imported) and forgets the log.
    pub fn reset(&mut self) {
        let torch = crate::eval::torch::module("torch");
        let mut g = self.interp.globals.borrow_mut();
        g.vars.clear();
        g.globals.clear();
        g.nonlocals.clear();
        if let Some(t) = torch {
            g.vars.insert(Rc::from("torch"), t);
        }
        drop(g);
        self.log.clear();
    }
}

pub fn is_ident(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f == '_' || f.is_alphabetic()) && c.all(|x| x == '_' || x.is_alphanumeric())
}

/// `?NAME`, `NAME?` (IPython's spelling) → NAME.
fn help_query(s: &str) -> Option<&str> {
    if s.contains('\n') {
        return None;
    }
    let q = s.strip_prefix('?').or_else(|| s.strip_suffix('?'))?.trim();
    let ok = !q.is_empty() && q.split('.').all(|p| is_ident(p.trim_end_matches("()")));
    ok.then_some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_queries() {
        assert_eq!(help_query("?matmul"), Some("matmul"));
        assert_eq!(help_query("x.sum?"), Some("x.sum"));
        assert_eq!(help_query("? torch.nn.Linear"), Some("torch.nn.Linear"));
        assert_eq!(help_query("x ? y"), None);
        assert_eq!(help_query("?"), None);
    }
}
