//! Command-line entry: decides between the REPL, a script file, `-e` code and stdin,
//! sets up output, runs the interpreter on a thread with a large stack, and maps
//! outcomes to exit codes (0 ok, 1 runtime error, 2 syntax or usage error, 130 Ctrl-C).

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::{Error, ExcKind};
use crate::eval::{Interp, OutputFormat, Printer, RunError};

#[derive(Parser, Debug)]
#[command(
    name = "tsr",
    version,
    about = "A tensor calculator for the terminal that runs PyTorch code as written.",
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  tsr                                  start the REPL\n  tsr lesson.tsr                       run a script\n  tsr -e 'torch.ones(2, 3) * 2'        evaluate code and print its value\n  echo 'print(torch.eye(2))' | tsr     run code from stdin\n  tsr --format torch script.py         print exactly as PyTorch does\n  tsr check a.tsr b.tsr                parse only, report syntax errors"
)]
pub struct Cli {
    /// Script to run (omit for the REPL, or to read a program from stdin).
    pub file: Option<PathBuf>,
    /// Arguments passed to the script.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
    /// Evaluate CODE and print the value of each expression statement.
    #[arg(short = 'e', long = "eval", value_name = "CODE")]
    pub eval: Option<String>,
    /// Output format for printed values (default: table on a terminal, torch otherwise).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Print the value of bare expression statements in scripts, as the REPL does.
    #[arg(long)]
    pub echo: bool,
    /// When to use colour (auto: only on a terminal; NO_COLOR turns it off, CLICOLOR_FORCE on).
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Start the REPL even when stdin is not a terminal (REPL input, `:` commands included, from a pipe).
    #[arg(long, conflicts_with_all = ["file", "eval"])]
    pub repl: bool,
    /// Seed the random generator before running (torch.manual_seed(N)).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Draw plt.show() figures as text even when stdout is not a terminal (as TSR_PLOT=1;
    /// TSR_PLOT=0 never draws).
    #[arg(long)]
    pub plots: bool,
    /// Cap the memory the process may hold (bytes, or with K/M/G/T: `--max-memory 512M`);
    /// a tensor that would pass it raises PyTorch's "can't allocate memory" RuntimeError
    #[arg(long, value_name = "SIZE", value_parser = crate::memory::parse_size)]
    pub max_memory: Option<usize>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse files without running them; exit 2 on the first syntax error.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Torch,
    Table,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Whether to colour output on a stream that is (or is not) a terminal: `--color`, then
/// `NO_COLOR` and `CLICOLOR_FORCE` (see `format::palette::decide`).
pub fn use_color(arg: ColorArg, is_tty: bool) -> bool {
    use crate::format::palette::{ColorMode, decide_env};
    let mode = match arg {
        ColorArg::Auto => ColorMode::Auto,
        ColorArg::Always => ColorMode::Always,
        ColorArg::Never => ColorMode::Never,
    };
    decide_env(mode, is_tty)
}

/// Terminal width: `COLUMNS`, else the real width of a terminal stdout, else 80.
pub fn term_width() -> usize {
    if let Some(c) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()) {
        if c > 0 {
            return c;
        }
    }
    // comfy-table asks the terminal (crossterm) only when stdout is one.
    match comfy_table::Table::new().width() {
        Some(w) if w > 0 => w as usize,
        _ => 80,
    }
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    if let Some(Command::Check { files }) = &cli.command {
        return check(files, use_color(cli.color, std::io::stderr().is_terminal()));
    }
    // The interpreter runs on a worker of the rayon pool that the kernels use, so a
    // parallel op starts on the interpreter's own thread and the other workers join it
    // (no hand-off to the pool and back per op). The interpreter recurses on nested
    // expressions and calls: every worker gets a large stack (address space, not memory).
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(512 << 20)
        .thread_name(|i| format!("tsr-worker-{i}"))
        .build();
    let outcome = match pool {
        Ok(pool) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pool.install(move || run_main(cli)))),
        Err(_) => {
            let handle = std::thread::Builder::new().stack_size(512 << 20).spawn(move || run_main(cli));
            handle.map_err(|_| ()).and_then(|h| h.join().map_err(|_| ())).map_err(|_| Box::new(()) as Box<dyn std::any::Any + Send>)
        }
    };
    match outcome {
        Ok(code) => code,
        Err(_) => {
            eprintln!("tsr: internal error");
            70
        }
    }
}

fn check(files: &[PathBuf], color: bool) -> i32 {
    let mut code = 0;
    for f in files {
        match read_source(f) {
            Ok(text) => {
                if let Err(d) = crate::syntax::parse(&text) {
                    let origin = f.display().to_string();
                    eprint!("{}", render_syntax(&d, &text, &origin, color));
                    code = 2;
                }
            }
            Err(e) => {
                eprintln!("{e}");
                code = 2;
            }
        }
    }
    code
}

/// Reads a script: UTF-8 (a BOM is dropped), with Python-like errors otherwise.
pub fn read_source(path: &std::path::Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| {
        let kind = if e.kind() == std::io::ErrorKind::NotFound { ExcKind::FileNotFoundError } else { ExcKind::OSError };
        let what = if path.is_dir() { "Is a directory".to_string() } else { e.to_string() };
        Error::new(kind, format!("can't open file '{}': {}", path.display(), what))
    })?;
    decode_source(bytes, &path.display().to_string())
}

/// A script's bytes as text: UTF-8 with a BOM dropped, else Python's SyntaxError naming
/// `origin` and the first bad byte.
pub fn decode_source(bytes: Vec<u8>, origin: &str) -> Result<String, Error> {
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::new(
            ExcKind::SyntaxError,
            format!(
                "Non-UTF-8 code starting with '\\x{:02x}' in file {} (byte {})",
                e.as_bytes().get(e.utf8_error().valid_up_to()).copied().unwrap_or(0),
                origin,
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

fn render_syntax(d: &crate::syntax::Diagnostic, text: &str, origin: &str, color: bool) -> String {
    if color {
        crate::syntax::render_pretty(d, text, origin, true)
    } else {
        crate::syntax::render_plain(d, text, origin)
    }
}

/// Prints a runtime error the way tsr reports them: a traceback of locations
/// (outermost first) and Python's last line.
pub fn report_error(e: &Error, color: bool) {
    let mut s = String::new();
    if !e.trace.is_empty() {
        s.push_str("Traceback (most recent call last):\n");
        for loc in e.trace.iter().rev() {
            s.push_str(&format!("  at {}:{}:{}\n", loc.origin, loc.line, loc.col));
        }
    }
    let last = e.to_string();
    s.push_str(&crate::format::palette::paint(&last, crate::format::palette::Role::Error, color));
    s.push('\n');
    eprint!("{s}");
}

/// Exit code for a failed run.
pub fn report(err: RunError, color: bool) -> i32 {
    match err {
        RunError::Syntax(d, src) => {
            eprint!("{}", render_syntax(&d, &src.text, &src.origin, color));
            2
        }
        RunError::Runtime(e) => {
            report_error(&e, color);
            if e.kind == ExcKind::KeyboardInterrupt { 130 } else { 1 }
        }
    }
}

fn run_main(cli: Cli) -> i32 {
    let stdout_tty = std::io::stdout().is_terminal();
    let stdin_tty = std::io::stdin().is_terminal();
    let color_out = use_color(cli.color, stdout_tty);
    let color_err = use_color(cli.color, std::io::stderr().is_terminal());
    let format = match cli.format {
        Some(FormatArg::Torch) => OutputFormat::Torch,
        Some(FormatArg::Table) => OutputFormat::Table,
        Some(FormatArg::Json) => OutputFormat::Json,
        None if stdout_tty => OutputFormat::Table,
        None => OutputFormat::Torch,
    };
    if let Some(seed) = cli.seed {
        crate::tensor::ops::random::default_generator().borrow_mut().manual_seed(seed);
    }
    if cli.max_memory.is_some() {
        crate::memory::set_limit(cli.max_memory);
    }
    if cli.plots {
        crate::eval::plt::set_show_mode(crate::eval::plt::ShowMode::Always);
    }
    crate::interrupt::install();
    let printer = Printer::stdout(format, color_out, term_width());
    let mut interp = Interp::new(printer);
    let (text, origin, echo) = if let Some(code) = &cli.eval {
        (code.clone(), "<string>".to_string(), true)
    } else if let Some(f) = &cli.file {
        match read_source(f) {
            Ok(t) => (t, f.display().to_string(), cli.echo),
            Err(e) => {
                eprintln!("tsr: {}", e);
                return 2;
            }
        }
    } else if !stdin_tty && !cli.repl {
        let mut s = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut s) {
            eprintln!("tsr: cannot read stdin: {e}");
            return 2;
        }
        (s, "<stdin>".to_string(), cli.echo)
    } else {
        return crate::repl::run(interp, color_err, color_out);
    };
    match interp.run_source(&text, &origin, echo) {
        Ok(()) => 0,
        Err(e) => report(e, color_err),
    }
}
