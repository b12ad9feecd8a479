//! The REPL as a person uses it, in a real terminal: tmux runs `tsr` in a detached session
//! (a private tmux server per test, an isolated HOME/XDG_DATA_HOME), keys are sent with
//! `send-keys`, and the screen is read with `capture-pane`, polling until the expected
//! text appears. Skipped, with a message, where tmux is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

fn have_tmux() -> bool {
    Command::new("tmux").arg("-V").output().map(|o| o.status.success()).unwrap_or(false)
}

macro_rules! require_tmux {
    () => {
        if !have_tmux() {
            eprintln!("skipping: tmux not found");
            return;
        }
    };
}

struct Repl {
    socket: String,
    dir: tempfile::TempDir,
}

impl Repl {
    /// Starts `tsr` in a fresh tmux server, in a scratch directory that is also its HOME.
    fn start(test: &str) -> Repl {
        let dir = tempfile::tempdir().expect("tmp");
        Self::start_in(test, dir)
    }

    fn start_in(test: &str, dir: tempfile::TempDir) -> Repl {
        let socket = format!("tsr-test-{test}-{}", std::process::id());
        let r = Repl { socket, dir };
        r.launch();
        r
    }

    fn launch(&self) {
        let bin = assert_cmd::cargo::cargo_bin("tsr");
        let home = self.dir.path();
        let cmd = format!(
            "cd {home} && env -u TSR_FORMAT HOME={home} XDG_DATA_HOME={home}/data NO_COLOR=1 TERM=xterm-256color {bin}; echo TSR-EXITED-$?; sleep 60",
            home = shell_quote(home),
            bin = shell_quote(&bin),
        );
        let st = self
            .tmux()
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "110", "-y", "50", &cmd])
            .status()
            .expect("tmux new-session");
        assert!(st.success(), "tmux new-session failed");
        self.wait_for("the banner", |s| s.contains(":help for help"));
        self.wait_for("the prompt", |s| s.contains(">>> "));
    }

    /// Ends this tmux server and starts `tsr` again in a new one, in the same directory.
    fn restart(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
        self.socket.push_str("-again");
        self.launch();
    }

    fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Sends tmux key names (`Enter`, `Tab`, `C-c`, `Up`).
    fn keys(&self, keys: &[&str]) {
        let st = self.tmux().args(["send-keys", "-t", "main"]).args(keys).status().expect("send-keys");
        assert!(st.success());
    }

    /// Types text literally (no Enter).
    fn type_text(&self, text: &str) {
        let st = self.tmux().args(["send-keys", "-t", "main", "-l", text]).status().expect("send-keys");
        assert!(st.success());
    }

    /// Types a line and presses Enter.
    fn line(&self, text: &str) {
        self.type_text(text);
        self.keys(&["Enter"]);
    }

    /// Pastes text as a terminal paste (bracketed, as a real terminal sends it).
    fn paste(&self, text: &str) {
        let f = self.path().join(".paste");
        std::fs::write(&f, text).expect("write paste");
        let st = self.tmux().args(["load-buffer", "-b", "p"]).arg(&f).status().expect("load-buffer");
        assert!(st.success());
        let st = self.tmux().args(["paste-buffer", "-p", "-d", "-b", "p", "-t", "main"]).status().expect("paste-buffer");
        assert!(st.success());
    }

    /// The screen and its scroll-back.
    fn screen(&self) -> String {
        let out = self.tmux().args(["capture-pane", "-p", "-J", "-S", "-500", "-t", "main"]).output().expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until `pred` holds; panics with the screen after TIMEOUT.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Waits until the screen shows `text` `n` times.
    fn wait_count(&self, text: &str, n: usize) -> String {
        self.wait_for(&format!("{n}× {text:?}"), |s| s.matches(text).count() >= n)
    }

    /// The visible screen only.
    fn visible(&self) -> String {
        let out = self.tmux().args(["capture-pane", "-p", "-J", "-t", "main"]).output().expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Clears the screen (Ctrl-L) and then the scroll-back, so later waits see only new output.
    fn clear(&self) {
        self.keys(&["C-l"]);
        let start = Instant::now();
        while !(self.visible().trim_start().starts_with(">>>") && self.visible().matches(">>>").count() == 1) {
            assert!(start.elapsed() < TIMEOUT, "Ctrl-L did not clear the screen:\n{}", self.visible());
            std::thread::sleep(Duration::from_millis(40));
        }
        let _ = self.tmux().args(["clear-history", "-t", "main"]).status();
        self.wait_for("a cleared scroll-back", |s| s.trim_start().starts_with(">>>") && s.matches(">>>").count() == 1);
    }

    fn quit(&self) {
        self.line(":quit");
        self.wait_for("tsr to exit", |s| s.contains("TSR-EXITED-0"));
    }
}

impl Drop for Repl {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
    }
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

#[test]
fn tab_completion() {
    require_tmux!();
    let r = Repl::start("complete");
    std::fs::write(r.path().join("numbers.tsr"), "x = 1\n").expect("write");
    r.line("x = torch.zeros(2, 3)");
    r.clear();
    // torch. members: a unique completion, then a list.
    r.type_text("y = torch.one");
    r.keys(&["Tab"]);
    r.wait_for("torch.ones", |s| s.contains("y = torch.ones"));
    r.keys(&["C-u"]);
    r.type_text("torch.zer");
    r.keys(&["Tab", "Tab"]);
    r.wait_for("the zeros candidates", |s| s.contains("zeros_like"));
    r.keys(&["C-u"]);
    // Tensor methods after `x.`
    r.clear();
    r.type_text("x.resh");
    r.keys(&["Tab"]);
    r.wait_for("x.reshape", |s| s.contains("x.reshape"));
    r.keys(&["C-u"]);
    // Keyword arguments inside a call.
    r.clear();
    r.type_text("torch.ones(2, requires_");
    r.keys(&["Tab"]);
    r.wait_for("requires_grad=", |s| s.contains("torch.ones(2, requires_grad="));
    r.type_text("True).sum()");
    r.keys(&["Enter"]);
    r.wait_for("the sum", |s| s.contains("grad_fn=<SumBackward0>") || s.contains("SumBackward0"));
    // nn. and F. members.
    r.clear();
    r.line("import torch.nn as nn");
    r.type_text("nn.Line");
    r.keys(&["Tab"]);
    r.wait_for("nn.Linear", |s| s.contains("nn.Linear"));
    r.keys(&["C-u"]);
    r.line("import torch.nn.functional as F");
    r.type_text("F.cross_ent");
    r.keys(&["Tab"]);
    r.wait_for("F.cross_entropy", |s| s.contains("F.cross_entropy"));
    r.keys(&["C-u"]);
    // Variables of the session.
    r.line("learning_rate = 0.1");
    r.type_text("print(learning_r");
    r.keys(&["Tab"]);
    r.wait_for("the variable", |s| s.contains("print(learning_rate"));
    r.keys(&["C-u"]);
    // The signature of the function being called shows after the cursor.
    r.clear();
    r.type_text("torch.linspace(");
    r.wait_for("the signature hint", |s| s.contains("torch.linspace(   torch.linspace(start, end, steps"));
    r.keys(&["C-u"]);
    // File names inside a string literal, and after :load.
    r.clear();
    r.type_text("p = 'numb");
    r.keys(&["Tab"]);
    r.wait_for("the file name", |s| s.contains("p = 'numbers.tsr"));
    r.keys(&["C-u"]);
    r.type_text(":lo");
    r.keys(&["Tab"]);
    r.type_text(" numb");
    r.keys(&["Tab"]);
    r.wait_for(":load numbers.tsr", |s| s.contains(":load numbers.tsr"));
    r.keys(&["C-u"]);
    r.quit();
}

#[test]
fn multi_line_blocks_typed_and_pasted() {
    require_tmux!();
    let r = Repl::start("blocks");
    // Typed: `... ` prompts with the indentation offered.
    r.line("def sq(n):");
    r.wait_for("a continuation prompt", |s| s.contains("... "));
    r.line("return n * n");
    r.wait_for("the indented line", |s| s.contains("...     return n * n"));
    r.keys(&["Enter"]);
    r.line("print(sq(7))");
    r.wait_for("49", |s| s.lines().any(|l| l.trim() == "49"));
    // Nested blocks on the offered indentation.
    r.clear();
    r.line("for i in range(3):");
    r.line("if i % 2 == 0:");
    r.line("print('even', i)");
    r.keys(&["Enter"]);
    r.wait_for("the loop output", |s| s.contains("even 0") && s.contains("even 2"));
    // Lines that bring their own indentation (a terminal that pastes without bracketed
    // paste sends them so) replace the offered indentation instead of adding to it.
    r.clear();
    r.line("for i in range(2):");
    r.line("    if i == 1:");
    r.line("        print('one', i)");
    r.line("    print('each', i)");
    r.keys(&["Enter"]);
    r.wait_for("the pasted-as-typed output", |s| s.contains("one 1") && s.contains("each 0") && s.contains("each 1"));
    // Pasted: a whole block, blank lines inside the def, runs as one entry.
    r.clear();
    r.paste("def f(a):\n    b = a * 2\n\n    return b + 1\nprint('f =', f(20))\n");
    r.keys(&["Enter"]);
    r.wait_for("f = 41", |s| s.contains("f = 41"));
    assert!(!r.screen().contains("IndentationError"));
    // A tutorial transcript: input lines run, output lines dropped.
    r.clear();
    r.paste(">>> t = torch.arange(4)\n>>> t * 10\ntensor([ 0, 10, 20, 30])\n>>> for v in t[:2]:\n...     print('v', int(v))\n...\nv 0\nv 1\n");
    r.keys(&["Enter"]);
    let s = r.wait_for("the transcript's output", |s| s.contains("v 1") && s.contains("30"));
    assert!(!s.contains("SyntaxError"), "{s}");
    r.line("print(t.sum())");
    r.wait_for("t kept", |s| s.contains("6"));
    r.quit();
}

#[test]
fn ctrl_c_stops_a_long_loop_and_keeps_the_session() {
    require_tmux!();
    let r = Repl::start("ctrlc");
    r.line("x = torch.zeros(1)");
    r.line("y = torch.zeros(1000)");
    r.line("for i in range(10**9): x = x + 1");
    r.keys(&["Enter"]);
    // Let it run, then interrupt.
    std::thread::sleep(Duration::from_millis(700));
    r.keys(&["C-c"]);
    r.wait_for("KeyboardInterrupt", |s| s.contains("KeyboardInterrupt"));
    r.clear();
    r.line("print('x ok', x.shape, x.item() > 0, x.item() == int(x.item()))");
    r.wait_for("x intact", |s| s.contains("x ok torch.Size([1]) True True"));
    // An interrupted in-place update leaves every element equal (unchanged or fully done).
    r.line("for i in range(10**9): y.add_(1)");
    r.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(700));
    r.keys(&["C-c"]);
    r.wait_count("KeyboardInterrupt", 1);
    r.clear();
    r.line("print('y ok', bool((y == y[0]).all()), y[0].item() > 0)");
    r.wait_for("y consistent", |s| s.contains("y ok True True"));
    // Ctrl-C at the prompt cancels the input.
    r.type_text("this is not run");
    r.keys(&["C-c"]);
    r.wait_for("the input cancelled", |s| s.split("this is not run").nth(1).is_some_and(|rest| rest.contains("KeyboardInterrupt")));
    r.line("print('still', 1 + 1)");
    r.wait_for("the session", |s| s.contains("still 2"));
    r.quit();
}

#[test]
fn history_recall_search_and_persistence() {
    require_tmux!();
    let dir = tempfile::tempdir().expect("tmp");
    let path: PathBuf = dir.path().to_path_buf();
    let r = Repl::start_in("history", dir);
    r.line("a = 41");
    r.line("for k in range(2):");
    r.line("print('k', k)");
    r.keys(&["Enter"]);
    r.wait_for("k 1", |s| s.contains("k 1"));
    r.line("a + 1");
    r.wait_for("42", |s| s.contains("42"));
    // Up recalls the previous entries; a block comes back whole and runs as one.
    r.clear();
    r.keys(&["Up", "Up"]);
    r.wait_for("the recalled block", |s| s.contains("for k in range(2):") && s.contains("print('k', k)"));
    r.keys(&["Enter"]);
    r.wait_for("the block's output", |s| s.contains("k 1"));
    // Ctrl-R searches.
    r.clear();
    r.keys(&["C-r"]);
    r.type_text("a = 4");
    r.wait_for("the search", |s| s.contains("reverse-i-search") && s.contains("a = 41"));
    r.keys(&["Enter"]);
    r.line("print('a is', a)");
    r.wait_for("a is 41", |s| s.contains("a is 41"));
    r.quit();
    // The file has each entry once, the block as one entry.
    let hist = std::fs::read_to_string(path.join("data/tsr/history")).expect("history file");
    assert_eq!(hist.matches("a = 41\n").count(), 1, "{hist}");
    assert!(hist.contains("for k in range(2):\\n    print('k', k)\n"), "{hist}");
    // A new REPL (in a new tmux server, same HOME) sees it.
    let mut r = r;
    r.restart();
    r.keys(&["Up"]);
    r.wait_for("the persisted entry", |s| s.contains(">>> print('a is', a)"));
    r.keys(&["C-u"]);
    r.quit();
}

#[test]
fn vars_table_and_help() {
    require_tmux!();
    let r = Repl::start("vars");
    r.line("x = torch.zeros(2, 3)");
    r.line("w = torch.ones(3, requires_grad=True)");
    r.line("n = 7");
    r.line(":vars");
    let s = r.wait_for("the table", |s| s.contains("requires_grad") && s.contains("└"));
    let row = s.lines().find(|l| l.contains("│ x ")).expect("row for x");
    assert!(row.contains("Tensor") && row.contains("2×3") && row.contains("float32") && row.contains("24"), "{row}");
    let row = s.lines().find(|l| l.contains("│ w ")).expect("row for w");
    assert!(row.contains("True") && row.contains("12"), "{row}");
    assert!(s.lines().any(|l| l.contains("│ n ") && l.contains("int")));
    r.clear();
    r.line("?matmul");
    r.wait_for("the matmul entry", |s| s.contains("torch.matmul(input, other) -> Tensor") && s.contains("Example:"));
    r.clear();
    r.line(":help x.sum");
    r.wait_for("Tensor.sum", |s| s.contains("Tensor.sum(dim=None"));
    r.quit();
}
