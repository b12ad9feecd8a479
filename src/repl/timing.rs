//! `:time STMT` (one run, wall clock) and `:timeit STMT` (the loop count grows until a run
//! takes long enough to measure, then several runs give the median and the spread).

use std::rc::Rc;
use std::time::{Duration, Instant};

use super::session::Session;
use crate::eval::SourceInfo;

/// A run of `:timeit` should take at least this long to be measured reliably.
const MIN_RUN: Duration = Duration::from_millis(50);
/// `:timeit` stops adding runs once this much time has been spent.
const BUDGET: Duration = Duration::from_millis(1500);
const RUNS: usize = 7;

/// Waits for queued device work so the clock measures it: calls
/// `torch.cuda.synchronize()` when `torch.cuda.is_available()`. (tsr's tensors live on the
/// CPU, where an operation's work is done when it returns, so today this returns at once;
/// it is the hook a GPU backend is timed through.)
fn sync_devices(i: &mut crate::eval::Interp) {
    use crate::eval::value::Value;
    let call = |i: &mut crate::eval::Interp, path: &str| match crate::help::names::resolve_path(path) {
        Some(Value::Builtin(b)) => (b.f)(i, crate::eval::Args::default()).ok(),
        _ => None,
    };
    if matches!(call(i, "torch.cuda.is_available"), Some(Value::Bool(true))) {
        call(i, "torch.cuda.synchronize");
    }
}

/// Seconds as text with three significant digits and a unit (`1.23 ms`).
pub fn human(secs: f64) -> String {
    let (v, unit) = if secs >= 1.0 {
        (secs, "s")
    } else if secs >= 1e-3 {
        (secs * 1e3, "ms")
    } else if secs >= 1e-6 {
        (secs * 1e6, "µs")
    } else {
        (secs * 1e9, "ns")
    };
    let digits = if v >= 100.0 { 0 } else if v >= 10.0 { 1 } else { 2 };
    format!("{v:.digits$} {unit}")
}

pub fn time(s: &mut Session, stmt: &str) {
    if stmt.trim().is_empty() {
        s.error(":time needs a statement (:time x @ y).");
        return;
    }
    let t0 = Instant::now();
    let ok = s.run_code(stmt, true);
    sync_devices(&mut s.interp);
    let dt = t0.elapsed().as_secs_f64();
    if ok {
        s.interp.out.write_str(&format!("Wall time: {}\n", human(dt)));
    }
}

pub fn timeit(s: &mut Session, stmt: &str) {
    if stmt.trim().is_empty() {
        s.error(":timeit needs a statement (:timeit x @ y).");
        return;
    }
    let module = match crate::syntax::parse(stmt) {
        Ok(m) => m,
        Err(d) => {
            let src = Rc::new(SourceInfo { origin: Rc::from("<timeit>"), text: Rc::from(stmt) });
            s.report(crate::eval::RunError::Syntax(d, src));
            return;
        }
    };
    let src = Rc::new(SourceInfo { origin: Rc::from("<timeit>"), text: Rc::from(stmt) });
    let run = |s: &mut Session, loops: usize| -> Result<f64, crate::Error> {
        let t0 = Instant::now();
        for _ in 0..loops {
            crate::interrupt::check()?;
            s.interp.run_module(&module, src.clone(), false)?;
        }
        sync_devices(&mut s.interp);
        Ok(t0.elapsed().as_secs_f64())
    };
    let started = Instant::now();
    // Calibrate: grow the loop count until one run takes MIN_RUN.
    let mut loops = 1usize;
    let first = loop {
        match run(s, loops) {
            Ok(t) if t >= MIN_RUN.as_secs_f64() || loops >= 1_000_000_000 => break t,
            Ok(t) => {
                let factor = if t <= 0.0 { 10.0 } else { (MIN_RUN.as_secs_f64() / t * 1.2).clamp(2.0, 10.0) };
                loops = ((loops as f64) * factor).ceil() as usize;
            }
            Err(e) => {
                s.report(crate::eval::RunError::Runtime(e));
                return;
            }
        }
    };
    let mut per_loop = vec![first / loops as f64];
    while per_loop.len() < RUNS && started.elapsed() < BUDGET {
        match run(s, loops) {
            Ok(t) => per_loop.push(t / loops as f64),
            Err(e) => {
                s.report(crate::eval::RunError::Runtime(e));
                return;
            }
        }
    }
    let line = summary(&mut per_loop, loops);
    s.interp.out.write_str(&line);
}

/// `median … per loop (spread min … max over R runs × L loops)`.
pub fn summary(per_loop: &mut [f64], loops: usize) -> String {
    per_loop.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let n = per_loop.len();
    let median = if n == 0 {
        0.0
    } else if n % 2 == 1 {
        per_loop[n / 2]
    } else {
        (per_loop[n / 2 - 1] + per_loop[n / 2]) / 2.0
    };
    let (lo, hi) = (per_loop.first().copied().unwrap_or(0.0), per_loop.last().copied().unwrap_or(0.0));
    format!(
        "{} per loop (median of {n} run{}, {loops} loop{} each; spread {} – {})\n",
        human(median),
        if n == 1 { "" } else { "s" },
        if loops == 1 { "" } else { "s" },
        human(lo),
        human(hi)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_units() {
        assert_eq!(human(1.5), "1.50 s");
        assert_eq!(human(0.0123), "12.3 ms");
        assert_eq!(human(0.000_456), "456 µs");
        assert_eq!(human(2e-9), "2.00 ns");
    }

    #[test]
    fn summary_median_and_spread() {
        let mut v = [3e-3, 1e-3, 2e-3];
        assert_eq!(summary(&mut v, 10), "2.00 ms per loop (median of 3 runs, 10 loops each; spread 1.00 ms – 3.00 ms)\n");
        let mut w = [4e-6, 1e-6, 2e-6, 3e-6];
        assert!(summary(&mut w, 1).starts_with("2.50 µs per loop (median of 4 runs, 1 loop each"));
    }
}
