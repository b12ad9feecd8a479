//! The interactive loop. An entry is read at the `>>> ` prompt; while it is an unfinished
//! block or has open brackets, `... ` lines follow (auto-indented). A pasted or recalled
//! multi-line block is one buffer, edited and run as a whole. The session (`session.rs`)
//! runs entries — code, `:` commands (`meta.rs`), `?NAME` help. Ctrl-C cancels the input
//! or stops running code with the session intact; Ctrl-D exits. History is persisted
//! (`history.rs`); completion, hints and highlighting live in `helper.rs`.

pub mod complete;
pub mod graph;
pub mod helper;
pub mod highlight;
pub mod history;
pub mod meta;
pub mod paste;
pub mod session;
pub mod timing;
pub mod vars;

use std::cell::RefCell;
use std::rc::Rc;

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Cmd, CompletionType, Config, Editor, KeyCode, KeyEvent, Modifiers};

use crate::eval::Interp;
use session::{Outcome, Session};

/// Where the history file lives: the user's data directory.
pub fn history_path() -> Option<std::path::PathBuf> {
    history::default_path()
}

type Rl = Editor<helper::TsrHelper, DefaultHistory>;

/// Runs the REPL until Ctrl-D or `:quit`; returns the exit code. `err_color` colours
/// error reports, `ui_color` the prompt, input and hints.
pub fn run(interp: Interp, err_color: bool, ui_color: bool) -> i32 {
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_dups(true)
        .and_then(|b| b.history_ignore_space(true).max_history_size(history::MAX_ENTRIES))
        .map(|b| b.completion_type(CompletionType::List).bracketed_paste(true).tab_stop(4).indent_size(4).build())
        .unwrap_or_default();
    let mut rl: Rl = match Editor::with_config(config) {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("tsr: cannot start the line editor: {e}");
            return 2;
        }
    };
    let session = Rc::new(RefCell::new(Session::new(interp, err_color)));
    rl.set_helper(Some(helper::TsrHelper::new(session.clone(), ui_color)));
    rl.bind_sequence(KeyEvent(KeyCode::Enter, Modifiers::ALT), Cmd::Newline);
    let hist = history_path().map(history::HistoryFile::new);
    if let Some(h) = &hist {
        for e in h.load() {
            let _ = rl.add_history_entry(e);
        }
    }
    println!("tsr {} — PyTorch in your terminal. :help for help, Ctrl-D to quit.", env!("CARGO_PKG_VERSION"));
    let mut last_saved: Option<String> = None;
    let mut failures = 0;
    loop {
        let entry = match read_entry(&mut rl) {
            Ok(Some(e)) => {
                failures = 0;
                e
            }
            Ok(None) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                // Undecodable input and the like lose the entry, not the session; a
                // terminal that keeps failing ends it.
                eprintln!("tsr: cannot read the input: {e}");
                failures += 1;
                if failures >= 3 {
                    break;
                }
                continue;
            }
        };
        if entry.trim().is_empty() {
            continue;
        }
        // History keeps the code as it runs: a transcript's prompts and output dropped,
        // the blank line that ended a block trimmed.
        let recorded = paste::normalize(&entry).trim_end().to_string();
        let quitting = matches!(recorded.trim(), ":quit" | ":q" | ":exit");
        let _ = rl.add_history_entry(recorded.as_str());
        if let Some(h) = hist.as_ref().filter(|_| !quitting) {
            if last_saved.as_deref() != Some(recorded.as_str()) && !entry.starts_with(' ') {
                let _ = h.append(&recorded);
                last_saved = Some(recorded);
            }
        }
        let outcome = session.borrow_mut().run_entry(&entry);
        if outcome == Outcome::Quit {
            break;
        }
    }
    if let Some(h) = &hist {
        // Leave the file with each entry once (a rename, under the lock).
        let _ = h.compact_if_duplicated();
    }
    0
}

/// Reads one entry: a `>>> ` line, then `... ` lines while the code is unfinished.
/// `Ok(None)` when Ctrl-C cancelled the input.
fn read_entry(rl: &mut Rl) -> Result<Option<String>, ReadlineError> {
    let mut buf = match rl.readline(">>> ") {
        Ok(l) => l,
        Err(ReadlineError::Interrupted) => {
            println!("KeyboardInterrupt");
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    if buf.contains('\n') {
        // A pasted or recalled block: the validator kept it open until it was complete.
        return Ok(Some(buf));
    }
    while crate::syntax::is_incomplete(&paste::normalize(&buf)) {
        let indent = next_indent(&buf);
        match rl.readline_with_initial("... ", (&indent, "")) {
            Ok(line) => {
                buf.push('\n');
                buf.push_str(&own_indentation(&line, &indent));
            }
            Err(ReadlineError::Interrupted) => {
                println!("KeyboardInterrupt");
                return Ok(None);
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e),
        }
    }
    Ok(Some(buf))
}

/// The indentation offered on the next `... ` line: the last line's, one level deeper
/// after a line ending in `:`; none after a blank line.
pub fn next_indent(code: &str) -> String {
    let last = code.rsplit('\n').next().unwrap_or("");
    if last.trim().is_empty() {
        return String::new();
    }
    let lead: String = last.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let body = last.split('#').next().unwrap_or(last).trim_end();
    if body.ends_with(':') { format!("{lead}    ") } else { lead }
}

/// A `... ` line as entered: text that brings its own indentation (a paste, or typing over
/// the offered indent) replaces the offered indent; a line left with only the offered
/// indent is blank (it ends the block).
pub fn own_indentation(line: &str, offered: &str) -> String {
    if line.trim().is_empty() {
        return String::new();
    }
    match line.strip_prefix(offered) {
        Some(rest) if !offered.is_empty() && (rest.starts_with(' ') || rest.starts_with('\t')) => rest.to_string(),
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_offered_and_taken() {
        assert_eq!(next_indent("for i in range(3):"), "    ");
        assert_eq!(next_indent("def f():\n    if x:  # c"), "        ");
        assert_eq!(next_indent("def f():\n    y = 1"), "    ");
        assert_eq!(next_indent("x = (1,"), "");
        assert_eq!(next_indent("def f():\n    y = 1\n"), "");
        assert_eq!(own_indentation("    print(i)", "    "), "    print(i)");
        assert_eq!(own_indentation("        print(i)", "    "), "    print(i)");
        assert_eq!(own_indentation("    ", "    "), "");
        assert_eq!(own_indentation("    a = 1\n    b = 2", "    "), "    a = 1\n    b = 2");
        assert_eq!(own_indentation("        a = 1\n    b = 2", "    "), "    a = 1\n    b = 2");
        assert_eq!(own_indentation("x", ""), "x");
    }
}
