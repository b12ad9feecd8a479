//! The interactive loop: rustyline reads an entry (continuation lines while the parser
//! says it is incomplete), the session runs it with echo, errors are reported and the
//! session goes on. Ctrl-C cancels the current input, Ctrl-D exits.

pub mod helper;

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Config, Editor};

use crate::eval::Interp;

/// Where the history file lives: the user's data directory.
pub fn history_path() -> Option<std::path::PathBuf> {
    let dir = dirs::data_dir()?.join("tsr");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}

/// Runs the REPL until Ctrl-D; returns the exit code.
pub fn run(interp: &mut Interp, color: bool) -> i32 {
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_dups(true)
        .and_then(|b| b.history_ignore_space(true).max_history_size(10_000))
        .map(|b| b.build())
        .unwrap_or_default();
    let mut rl: Editor<helper::TsrHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("tsr: cannot start the line editor: {e}");
            return 2;
        }
    };
    rl.set_helper(Some(helper::TsrHelper::new(color)));
    let hist = history_path();
    if let Some(h) = &hist {
        let _ = rl.load_history(h);
    }
    println!("tsr {} — PyTorch in your terminal. Ctrl-D exits.", env!("CARGO_PKG_VERSION"));
    let mut entry_no = 0usize;
    loop {
        crate::interrupt::clear();
        match rl.readline(">>> ") {
            Ok(line) => {
                if line.trim().is_empty() {
                    continue;
                }
                let _ = rl.add_history_entry(line.as_str());
                if let Some(h) = &hist {
                    let _ = rl.append_history(h);
                }
                entry_no += 1;
                let origin = format!("<repl:{entry_no}>");
                if let Err(e) = interp.run_source(&line, &origin, true) {
                    crate::cli::report(e, color);
                }
            }
            Err(ReadlineError::Interrupted) => {
                println!("KeyboardInterrupt");
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("tsr: {e}");
                break;
            }
        }
    }
    0
}
