//! The rustyline helper: asks the parser whether an entry is complete (so blocks and open
//! brackets continue on `... ` lines), and keeps the editor's other hooks at their
//! defaults for now.

use std::borrow::Cow;

use rustyline::completion::Completer;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

pub struct TsrHelper {
    #[allow(dead_code)]
    color: bool,
}

impl TsrHelper {
    pub fn new(color: bool) -> Self {
        TsrHelper { color }
    }
}

impl Completer for TsrHelper {
    type Candidate = String;
    fn complete(&self, _line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<String>)> {
        Ok((pos, Vec::new()))
    }
}

impl Hinter for TsrHelper {
    type Hint = String;
}

impl Highlighter for TsrHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _default: bool) -> Cow<'b, str> {
        Cow::Borrowed(prompt)
    }
}

impl Validator for TsrHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        if crate::syntax::is_incomplete(input) {
            Ok(ValidationResult::Incomplete)
        } else {
            Ok(ValidationResult::Valid(None))
        }
    }
}

impl Helper for TsrHelper {}
