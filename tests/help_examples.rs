//! Every help entry's example runs: code examples as scripts through the `tsr` binary (one
//! process each, in a scratch directory), REPL-command examples through a REPL session.
//! Each must succeed (exit 0, nothing on stderr) and print something.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use tsr::eval::{Interp, OutputFormat, Printer};
use tsr::help::lookup::all_entries;
use tsr::repl::session::Session;

#[derive(Clone, Default)]
struct Buf(Rc<RefCell<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// REPL input split into entries: each `:`/`?` line alone, the code between them together.
fn entries(example: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut code = String::new();
    for line in example.lines() {
        if line.starts_with(':') || line.starts_with('?') {
            if !code.is_empty() {
                out.push(std::mem::take(&mut code));
            }
            out.push(line.to_string());
        } else {
            code.push_str(line);
            code.push('\n');
        }
    }
    if !code.is_empty() {
        out.push(code);
    }
    out
}

fn run_script(name: &str, example: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = dir.path().join("example.tsr");
    std::fs::write(&file, example).map_err(|e| e.to_string())?;
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("tsr"))
        .args(["--format", "torch"])
        .arg(&file)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        // Plot examples draw their figure as text (off a terminal only when asked).
        .env("TSR_PLOT", "1")
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() || !stderr.trim().is_empty() || stdout.trim().is_empty() {
        return Err(format!(
            "{name}: exit {:?}\n--- example ---\n{example}\n--- stdout ---\n{stdout}--- stderr ---\n{stderr}",
            out.status.code()
        ));
    }
    Ok(())
}

#[test]
fn every_help_example_runs() {
    let all: Vec<(String, String)> = all_entries()
        .filter(|(_, topic)| *topic != "REPL")
        .map(|(e, _)| (e.name.to_string(), e.example.to_string()))
        .collect();
    assert!(all.len() > 400, "only {} entries", all.len());
    let queue = Arc::new(Mutex::new(all));
    let failures = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let q = queue.clone();
            let f = failures.clone();
            std::thread::spawn(move || loop {
                let next = q.lock().map(|mut q| q.pop()).unwrap_or(None);
                let Some((name, ex)) = next else { break };
                if let Err(msg) = run_script(&name, &ex) {
                    f.lock().expect("lock").push(msg);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("worker");
    }

    // REPL commands: through a session, in a scratch directory (this binary's only test,
    // so changing the working directory is safe).
    let dir = tempfile::tempdir().expect("tmp");
    std::env::set_current_dir(dir.path()).expect("cd");
    for (e, _) in all_entries().filter(|(_, t)| *t == "REPL") {
        let buf = Buf::default();
        let interp = Interp::new(Printer::new(OutputFormat::Torch, false, 80, Box::new(buf.clone())));
        let mut s = Session::new(interp, false);
        for entry in entries(e.example) {
            s.run_entry(&entry);
        }
        let out = String::from_utf8_lossy(&buf.0.borrow()).into_owned();
        let quits = e.name == ":quit";
        if s.errors > 0 || (out.trim().is_empty() && !quits) {
            failures.lock().expect("lock").push(format!("{}: {} errors\n--- example ---\n{}\n--- output ---\n{out}", e.name, s.errors, e.example));
        }
    }
    let f = failures.lock().expect("lock");
    assert!(f.is_empty(), "{} help examples failed:\n\n{}", f.len(), f.join("\n\n"));
}
