//! The rustyline helper: completion and signature hints from the live session, syntax
//! highlighting, and the validator that keeps a multi-line buffer (a pasted or recalled
//! block) open while it is incomplete.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hint, Hinter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

use super::complete::{self, Env};
use super::session::Session;
use crate::eval::value::Value;
use crate::format::palette::{paint, Role};

/// Torch functions PyTorch's `torch.nn.functional` also has (tsr's `F.` reaches every
/// torch function; completion offers these with `F`'s own names).
const FUNCTIONAL_ALSO: &[&str] = &[
    "relu", "relu_", "relu6", "elu", "gelu", "silu", "mish", "softplus", "softmax", "log_softmax", "leaky_relu",
    "hardtanh", "logsigmoid", "sigmoid", "tanh",
];

/// Attribute names probed on objects whose members are not listed statically.
fn probe_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Vec::new();
    v.extend(crate::nn::module::METHOD_NAMES);
    v.extend(crate::nn::optim::OPTIMIZER_NAMES);
    v.extend(crate::nn::optim::SCHEDULER_NAMES);
    v.extend(crate::eval::torch::creation::GENERATOR_NAMES);
    v.extend(crate::eval::builtins::METHOD_NAMES);
    v.extend([
        "training", "weight", "bias", "in_features", "out_features", "p", "inplace", "dim", "start_dim", "end_dim",
        "negative_slope", "approximate", "reduction", "ignore_index", "label_smoothing", "real", "imag", "numel",
        "is_floating_point", "is_complex", "is_signed", "itemsize", "type", "index", "args", "name",
        "next_functions", "variable", "values", "indices", "eps", "max", "min", "tiny", "bits", "resolution",
        "smallest_normal", "dtype",
    ]);
    v.sort_unstable();
    v.dedup();
    v
}

/// The session as completion sees it.
pub struct SessionEnv<'a>(pub &'a mut Session);

impl SessionEnv<'_> {
    /// The value at a dotted path: a session variable or a module/builtin, then attributes.
    fn resolve(&mut self, path: &str) -> Option<Value> {
        let mut parts = path.split('.');
        let head = parts.next()?;
        if !super::session::is_ident(head) {
            return None;
        }
        let first = self.0.interp.globals.borrow().vars.get(head).cloned();
        let mut v = first.or_else(|| crate::help::names::resolve_path(head))?;
        for p in parts {
            if !super::session::is_ident(p) {
                return None;
            }
            v = self.0.interp.get_attr(&v, p).ok()?;
        }
        Some(v)
    }
}

impl Env for SessionEnv<'_> {
    fn variables(&self) -> Vec<String> {
        self.0.interp.globals.borrow().vars.keys().map(|k| k.to_string()).collect()
    }

    fn members(&mut self, path: &str) -> Option<Vec<String>> {
        let v = self.resolve(path)?;
        let names: Vec<String> = match &v {
            Value::Namespace(ns) => {
                let mut m: Vec<&str> = crate::help::names::namespace_members(ns.name);
                if ns.name == "torch.nn.functional" {
                    m.extend(FUNCTIONAL_ALSO);
                }
                m.into_iter().map(String::from).collect()
            }
            Value::Tensor(_) => crate::help::names::tensor_names().into_iter().map(String::from).collect(),
            Value::NamedTuple(n) => n.fields.iter().map(|f| f.to_string()).collect(),
            _ => {
                let mut out = Vec::new();
                for n in probe_names() {
                    if self.0.interp.get_attr(&v, n).is_ok() {
                        out.push(n.to_string());
                    }
                }
                out
            }
        };
        Some(names)
    }

    fn signature(&mut self, path: &str) -> Option<String> {
        let v = self.resolve(path)?;
        if let Value::Function(f) = &v {
            return Some(crate::help::render::user_signature(f));
        }
        let name = crate::help::lookup::name_for_value(&v)?;
        crate::help::find(&name).map(|f| f.signature)
    }
}

pub struct TsrHelper {
    session: Rc<RefCell<Session>>,
    color: bool,
    /// Whether to show the matching bracket (not on the final refresh of an accepted line).
    bracket: Cell<bool>,
}

impl TsrHelper {
    pub fn new(session: Rc<RefCell<Session>>, color: bool) -> Self {
        TsrHelper { session, color, bracket: Cell::new(true) }
    }
}

impl Completer for TsrHelper {
    type Candidate = Pair;
    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let Ok(mut s) = self.session.try_borrow_mut() else { return Ok((pos, Vec::new())) };
        let mut env = SessionEnv(&mut s);
        let (start, cands) = complete::complete(line, pos, &mut env);
        Ok((start, cands.into_iter().map(|c| Pair { display: c.display, replacement: c.replacement }).collect()))
    }
}

/// A signature shown after the cursor; never inserted by the right-arrow key.
pub struct SignatureHint(String);

impl Hint for SignatureHint {
    fn display(&self) -> &str {
        &self.0
    }
    fn completion(&self) -> Option<&str> {
        None
    }
}

impl Hinter for TsrHelper {
    type Hint = SignatureHint;
    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<SignatureHint> {
        if pos != line.len() || line.contains('\n') {
            return None;
        }
        let (callee, _) = complete::open_call(line)?;
        let mut s = self.session.try_borrow_mut().ok()?;
        let sig = SessionEnv(&mut s).signature(&callee)?;
        // Fit the hint on the line (prompt, input, three spaces of gap).
        let room = crate::cli::term_width().saturating_sub(line.chars().count() + 4 + 3 + 1);
        if room < 12 {
            return None;
        }
        let sig: String = if sig.chars().count() > room { sig.chars().take(room - 1).chain(['…']).collect() } else { sig };
        Some(SignatureHint(format!("   {sig}")))
    }
}

impl Highlighter for TsrHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color {
            return Cow::Borrowed(line);
        }
        let cursor = self.bracket.get().then_some(pos);
        Cow::Owned(super::highlight::highlight(line, cursor))
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _default: bool) -> Cow<'b, str> {
        if self.color && (prompt == ">>> " || prompt == "... ") {
            Cow::Owned(paint(prompt, Role::Prompt, true))
        } else {
            Cow::Borrowed(prompt)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color { Cow::Owned(paint(hint, Role::Hint, true)) } else { Cow::Borrowed(hint) }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.bracket.set(kind != CmdKind::ForcedRefresh);
        self.color
    }
}

/// Whether a buffer from one prompt still needs lines before it can run. Single lines are
/// complete here (the loop asks for `... ` lines itself); a multi-line buffer (pasted, or
/// recalled from history) is complete once it parses as a whole.
pub fn buffer_incomplete(input: &str) -> bool {
    if !input.contains('\n') {
        return false;
    }
    let code = super::paste::normalize(input);
    let mut terminated = code.trim_end_matches([' ', '\t']).to_string();
    if !terminated.ends_with("\n\n") {
        terminated.push('\n');
    }
    crate::syntax::is_incomplete(&terminated)
}

impl Validator for TsrHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        if buffer_incomplete(ctx.input()) {
            Ok(ValidationResult::Incomplete)
        } else {
            Ok(ValidationResult::Valid(None))
        }
    }
}

impl Helper for TsrHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_buffers_are_judged_whole() {
        assert!(!buffer_incomplete("for i in range(3):"));
        assert!(!buffer_incomplete("def f():\n    return 1"));
        assert!(!buffer_incomplete("def f():\n    x = 1\n\n    return x\nprint(f())\n"));
        assert!(buffer_incomplete("x = (1,\n 2,"));
        assert!(!buffer_incomplete(">>> for i in range(2):\n...     print(i)\n0\n1\n"));
    }
}
