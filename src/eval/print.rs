//! Where printed output goes and how values look in each output format: `torch`
//! (exactly Python/PyTorch), `table` (grids for tensors) and `json` (one value a line).

use std::io::Write;

use crate::error::Result;
use crate::format::palette::{Role, paint};
use crate::format::{json as fjson, table};

use super::value::Value;
use super::{repr, Interp};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Torch,
    Table,
    Json,
}

pub struct Printer {
    pub format: OutputFormat,
    pub color: bool,
    /// Terminal width for tables.
    pub width: usize,
    sink: Box<dyn Write>,
    /// Bytes written so far (a progress bar flushes only when something was printed).
    written: u64,
}

impl Printer {
    pub fn new(format: OutputFormat, color: bool, width: usize, sink: Box<dyn Write>) -> Printer {
        Printer { format, color, width, sink, written: 0 }
    }

    /// A printer that writes to the process's stdout (buffered).
    pub fn stdout(format: OutputFormat, color: bool, width: usize) -> Printer {
        Self::new(format, color, width, Box::new(SharedStdout))
    }

    pub fn write_str(&mut self, s: &str) {
        // A closed pipe (tsr … | head) is not an error worth reporting.
        let _ = self.sink.write_all(s.as_bytes());
        self.written += s.len() as u64;
    }

    /// How many bytes have been written (buffered or not).
    pub fn written(&self) -> u64 {
        self.written
    }

    pub fn flush(&mut self) {
        let _ = self.sink.flush();
    }
}

/// The buffered stdout of `Printer::stdout`, kept in a static so that a process exit outside
/// the interpreter's control (the binary's out-of-memory handler) can still flush it.
static STDOUT_BUF: std::sync::Mutex<Option<std::io::BufWriter<std::io::Stdout>>> = std::sync::Mutex::new(None);

/// A `Write` into `STDOUT_BUF`.
struct SharedStdout;

impl Write for SharedStdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut g = STDOUT_BUF.lock().unwrap_or_else(|e| e.into_inner());
        g.get_or_insert_with(|| std::io::BufWriter::new(std::io::stdout())).write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let mut g = STDOUT_BUF.lock().unwrap_or_else(|e| e.into_inner());
        match g.as_mut() {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

/// Flushes what `Printer::stdout` has buffered, without blocking (for an emergency exit:
/// if the buffer is in use, it is left alone). Allocates nothing.
pub fn flush_stdout_for_exit() {
    if let Ok(mut g) = STDOUT_BUF.try_lock() {
        if let Some(w) = g.as_mut() {
            let _ = w.flush();
        }
    }
}

impl Interp {
    /// `print(*values, sep=sep, end=end)` in the current output format.
    pub fn print_values(&mut self, values: &[Value], sep: &str, end: &str) -> Result<()> {
        let s = match self.out.format {
            OutputFormat::Torch => {
                let parts: Vec<String> = values.iter().map(|v| repr::str(self, v)).collect();
                format!("{}{}", parts.join(sep), end)
            }
            OutputFormat::Table => {
                let mut text: Vec<String> = Vec::new();
                let mut out = String::new();
                for v in values {
                    match self.table_block(v) {
                        Some(block) => {
                            if !text.is_empty() {
                                out.push_str(&text.join(sep));
                                out.push('\n');
                                text.clear();
                            }
                            out.push_str(&block);
                            if !block.ends_with('\n') {
                                out.push('\n');
                            }
                        }
                        None => text.push(repr::str(self, v)),
                    }
                }
                if !text.is_empty() {
                    out.push_str(&text.join(sep));
                    out.push_str(end);
                } else if end != "\n" {
                    out.push_str(end);
                }
                out
            }
            OutputFormat::Json => {
                // One line per print call: a string as {"type":"str",…}, one value as its
                // document, several as an array of them.
                let mut docs: Vec<fjson::Json> = Vec::with_capacity(values.len());
                for v in values {
                    docs.push(match v {
                        Value::Str(s) => fjson::str_json(s),
                        _ => self.value_json(v),
                    });
                }
                let j = match docs.len() {
                    0 => fjson::str_json(""),
                    1 => docs.pop().unwrap_or_else(|| fjson::str_json("")),
                    _ => fjson::Json::Array(docs),
                };
                format!("{}\n", j.to_line())
            }
        };
        self.out.write_str(&s);
        Ok(())
    }

    /// Prints the value of an expression statement (REPL, `--echo`); None prints nothing.
    pub fn echo_value(&mut self, v: &Value) -> Result<()> {
        if v.is_none() {
            return Ok(());
        }
        match self.out.format {
            OutputFormat::Torch => {
                let s = repr::repr(self, v);
                self.out.write_str(&s);
                self.out.write_str("\n");
            }
            OutputFormat::Table => match self.table_block(v) {
                Some(b) => {
                    self.out.write_str(&b);
                    if !b.ends_with('\n') {
                        self.out.write_str("\n");
                    }
                }
                None => {
                    let s = repr::repr(self, v);
                    self.out.write_str(&s);
                    self.out.write_str("\n");
                }
            },
            OutputFormat::Json => {
                let j = self.value_json(v).to_line();
                self.out.write_str(&format!("{j}\n"));
            }
        }
        Ok(())
    }

    /// The table rendering of tensors and containers of tensors; None for other values.
    fn table_block(&mut self, v: &Value) -> Option<String> {
        let style = table::TableStyle { width: self.out.width, color: self.out.color };
        let color = self.out.color;
        match v {
            Value::Tensor(t) => Some(table::tensor_table(t, &style)),
            Value::NamedTuple(n) if n.values.iter().any(|x| matches!(x, Value::Tensor(_))) => {
                let mut out = format!("{}\n", paint(n.type_name, Role::Kind, color));
                for (f, x) in n.fields.iter().zip(n.values.iter()) {
                    out.push_str(&format!("{}\n", paint(&format!("{f}:"), Role::Label, color)));
                    match self.table_block(x) {
                        Some(b) => out.push_str(&b),
                        None => out.push_str(&repr::repr(self, x)),
                    }
                    if !out.ends_with('\n') {
                        out.push('\n');
                    }
                }
                Some(out)
            }
            Value::List(_) | Value::Tuple(_) => {
                let items = super::args::seq_items(v)?;
                if items.is_empty() || !items.iter().all(|x| matches!(x, Value::Tensor(_))) {
                    return None;
                }
                let mut out = String::new();
                for (i, x) in items.iter().enumerate() {
                    out.push_str(&format!("{}\n", paint(&format!("[{i}]"), Role::Label, color)));
                    if let Some(b) = self.table_block(x) {
                        out.push_str(&b);
                    }
                    if !out.ends_with('\n') {
                        out.push('\n');
                    }
                }
                Some(out)
            }
            _ => None,
        }
    }

    /// A value as JSON (`--format json`): tensors as tensor documents, Python values as
    /// their natural JSON, named tuples as `{"type": name, field: …}`, other objects as
    /// their repr string.
    pub fn value_json(&mut self, v: &Value) -> fjson::Json {
        use fjson::Json;
        use serde_json::Value as J;
        match v {
            Value::None => J::Null.into(),
            Value::Bool(b) => J::Bool(*b).into(),
            Value::Int(i) => J::from(*i).into(),
            Value::BigInt(b) => b.to_string().parse::<serde_json::Number>().map_or(J::Null, J::Number).into(),
            Value::Float(f) => fjson::float_json(*f).into(),
            Value::Str(s) => J::String(s.to_string()).into(),
            Value::Tensor(t) => fjson::tensor_json(t),
            Value::List(_) | Value::Tuple(_) => {
                let items = super::args::seq_items(v).unwrap_or_default();
                Json::Array(items.iter().map(|x| self.value_json(x)).collect())
            }
            Value::Size(s) => J::Array(s.iter().map(|&d| J::from(d)).collect()).into(),
            Value::Dict(d) => {
                let items = d.borrow().clone();
                let mut m = Vec::with_capacity(items.len());
                for (k, x) in items {
                    let key = repr::str(self, &k);
                    let val = self.value_json(&x);
                    m.push((key, val));
                }
                Json::Object(m)
            }
            Value::NamedTuple(n) => {
                let mut m = vec![("type".to_string(), J::String(n.type_name.into()).into())];
                for (f, x) in n.fields.iter().zip(n.values.iter()) {
                    let val = self.value_json(x);
                    m.push(((*f).to_string(), val));
                }
                Json::Object(m)
            }
            other => J::String(repr::repr(self, other)).into(),
        }
    }
}
