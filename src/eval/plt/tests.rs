//! Every help example of the plotting and progress functions runs, and every function
//! the pyplot namespace and the bare names provide has a help entry.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use crate::eval::{Interp, OutputFormat, Printer};

/// A `Write` into a shared buffer, to read what a run printed.
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn run(code: &str) -> Result<String, String> {
    let buf = Rc::new(RefCell::new(Vec::new()));
    let mut interp = Interp::new(Printer::new(OutputFormat::Torch, false, 80, Box::new(Sink(buf.clone()))));
    match interp.run_source(code, "<help>", false) {
        Ok(()) => Ok(String::from_utf8_lossy(&buf.borrow()).into_owned()),
        Err(crate::eval::RunError::Runtime(e)) => Err(e.to_string()),
        Err(crate::eval::RunError::Syntax(d, _)) => Err(format!("{d:?}")),
    }
}

#[test]
fn help_examples_run() {
    for e in super::HELP.iter().chain(crate::eval::tqdm::HELP) {
        if let Err(err) = run(e.example) {
            panic!("help example of {} fails: {err}\n{}", e.name, e.example);
        }
        assert!(!e.summary.is_empty() && e.signature.contains('('), "{}", e.name);
    }
}

#[test]
fn every_function_has_help() {
    let names: Vec<&str> = super::HELP.iter().chain(crate::eval::tqdm::HELP).map(|e| e.name).collect();
    for f in super::PYPLOT_NAMES {
        assert!(names.contains(&format!("plt.{f}").as_str()), "no help entry for plt.{f}");
    }
    for f in ["plot", "scatter", "hist", "savefig", "tqdm", "trange"] {
        assert!(names.contains(&f), "no help entry for {f}");
    }
}

#[test]
fn bare_calls_draw_and_return_none() {
    let out = run("r = plot([1, 2, 3], title='t')\nprint(r)").expect("runs");
    assert!(out.contains('┤') && out.ends_with("None\n"), "{out}");
    // Figures drawn by bare calls are closed: show() has nothing left to draw.
    let out = run("import matplotlib.pyplot as plt\nplot([1, 2])\nplt.show()\nprint(len(plt.gcf().axes))").expect("runs");
    assert!(out.ends_with("0\n"), "{out}");
}
