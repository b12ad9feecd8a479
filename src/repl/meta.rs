//! The REPL's `:` commands. They belong to the REPL; scripts use the function forms
//! (`help(…)`, `timeit(…)`, `torch.save(…)`).

use super::session::{Outcome, Session};
use crate::eval::OutputFormat;

/// Every command (each has a help entry `:NAME`); `:q` and `:exit` are spellings of `:quit`.
pub const COMMANDS: &[&str] = &["help", "vars", "whos", "reset", "load", "save", "format", "time", "timeit", "graph", "keys", "quit"];

/// Runs `:cmd args` (the text after the colon).
pub fn run(s: &mut Session, text: &str) -> Outcome {
    let text = text.trim();
    let (cmd, arg) = match text.find(char::is_whitespace) {
        Some(i) => (&text[..i], text[i..].trim()),
        None => (text, ""),
    };
    match cmd {
        "help" | "h" | "?" => {
            let t = s.help_text(arg);
            s.interp.out.write_str(&t);
        }
        "vars" | "whos" => {
            let t = super::vars::table(s);
            s.interp.out.write_str(&t);
        }
        "reset" => {
            s.reset();
            s.interp.out.write_str("Session reset: all variables deleted.\n");
        }
        "load" => load(s, arg),
        "save" => save(s, arg),
        "format" => format(s, arg),
        "time" => super::timing::time(s, arg),
        "timeit" => super::timing::timeit(s, arg),
        "graph" => super::graph::command(s, arg),
        "keys" => s.interp.out.write_str(KEYS),
        "quit" | "q" | "exit" => return Outcome::Quit,
        "" => s.error("A command name must follow ':' (:help lists them)."),
        other => {
            let close: Vec<String> =
                COMMANDS.iter().filter(|c| c.starts_with(&other[..1.min(other.len())])).map(|c| format!(":{c}")).collect();
            let hint = if close.is_empty() { String::new() } else { format!(" Did you mean {}?", close.join(", ")) };
            s.error(&format!("Unknown command :{other}.{hint} (:help REPL lists the commands.)"));
        }
    }
    s.interp.out.flush();
    Outcome::Continue
}

/// A file argument: quotes around it are optional.
fn file_arg(arg: &str) -> &str {
    let a = arg.trim();
    for q in ['"', '\''] {
        if let Some(inner) = a.strip_prefix(q).and_then(|x| x.strip_suffix(q)) {
            return inner;
        }
    }
    a
}

fn load(s: &mut Session, arg: &str) {
    let path = file_arg(arg);
    if path.is_empty() {
        s.error(":load needs a file name (:load script.tsr).");
        return;
    }
    let p = std::path::Path::new(path);
    let text = match crate::cli::read_source(p) {
        Ok(t) => t,
        Err(e) => {
            s.error(&e.to_string());
            return;
        }
    };
    match s.interp.run_source(&text, path, false) {
        Ok(()) => s.log.push(format!("# :load {path}\n{}", text.trim_end())),
        Err(e) => s.report(e),
    }
}

fn save(s: &mut Session, arg: &str) {
    let path = file_arg(arg);
    if path.is_empty() {
        s.error(":save needs a file name (:save session.tsr).");
        return;
    }
    let mut body = String::from(
        "# Saved from a tsr session. Run it with: tsr FILE  (add --echo to print the values of bare expressions)\n",
    );
    for entry in &s.log {
        body.push_str(entry);
        body.push('\n');
    }
    match super::history::write_atomic(std::path::Path::new(path), body.as_bytes()) {
        Ok(()) => {
            let n = s.log.len();
            s.interp.out.write_str(&format!("Saved {n} entr{} to {path}\n", if n == 1 { "y" } else { "ies" }));
        }
        Err(e) => s.error(&format!("OSError: cannot write '{path}': {e}")),
    }
}

fn format(s: &mut Session, arg: &str) {
    let name = |f: OutputFormat| match f {
        OutputFormat::Torch => "torch",
        OutputFormat::Table => "table",
        OutputFormat::Json => "json",
    };
    let f = match arg {
        "" => {
            let cur = name(s.interp.out.format);
            s.interp.out.write_str(&format!("Output format: {cur} (choose with :format torch|table|json)\n"));
            return;
        }
        "torch" => OutputFormat::Torch,
        "table" => OutputFormat::Table,
        "json" => OutputFormat::Json,
        other => {
            s.error(&format!("Unknown format '{other}': choose torch, table or json."));
            return;
        }
    };
    s.interp.out.format = f;
    s.interp.out.write_str(&format!("Output format: {}\n", name(f)));
}

pub const KEYS: &str = "\
Editing keys
  Tab            complete names, torch./nn./F. members, x. methods, keyword arguments, file paths in strings
  Up / Down      previous / next entry (a block comes back whole, editable as one)
  Ctrl-R         search the history (type to narrow, Ctrl-R again for older matches)
  Enter          run the entry; after `if …:` / `def …:` / an open bracket, continue on a `... ` line
  empty line     ends a block
  Alt-Enter      insert a newline inside a multi-line entry
  Ctrl-C         cancel the input, or stop running code (the session and its variables stay)
  Ctrl-D         quit (also :quit)
  Ctrl-L         clear the screen
Pasting a block runs it as one entry; a pasted transcript with >>> / ... prompts runs its input lines.
";
