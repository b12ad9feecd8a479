//! Tick positions and labels: matplotlib's `MaxNLocator` rule (steps of 1, 2, 2.5, 5 and
//! 10 times a power of ten, at most `n` intervals) and a `ScalarFormatter`-like label
//! format (the fewest decimals that tell all ticks apart; scientific for extreme values).

/// Tick values inside `[lo, hi]` with at most `max_intervals` intervals between them.
pub fn ticks(lo: f64, hi: f64, max_intervals: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return if lo.is_finite() { vec![lo] } else { Vec::new() };
    }
    let step = step_for(lo, hi, max_intervals.max(1));
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    if !step.is_finite() || last.saturating_sub(first) > 1000 {
        // Values beyond float precision for their range: no usable ticks.
        return vec![lo];
    }
    (first..=last).map(|k| clean(k as f64 * step)).collect()
}

/// The tick step: the smallest "nice" step that needs at most `n` intervals for the range.
pub fn step_for(lo: f64, hi: f64, n: usize) -> f64 {
    let raw = (hi - lo) / n as f64;
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        let s = m * mag;
        // The ticks must fit: count the multiples of s inside [lo, hi].
        let count = ((hi / s + 1e-9).floor() - (lo / s - 1e-9).ceil()) as usize;
        if s >= raw * (1.0 - 1e-9) && count <= n {
            return s;
        }
    }
    10.0 * mag * 2.0
}

/// Rounds away floating-point noise (0.30000000000000004 → 0.3) and negative zero.
fn clean(v: f64) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    let digits = 12 - v.abs().log10().floor() as i32;
    let p = 10f64.powi(digits.clamp(-300, 300));
    let r = (v * p).round() / p;
    if r == 0.0 { 0.0 } else { r }
}

/// Labels for `ticks`: fixed-point with the fewest decimals that reproduce every tick, or
/// scientific notation (`1e-05`, `2.5e+06`) when the values are very large or small.
pub fn labels(ticks: &[f64]) -> Vec<String> {
    let max = ticks.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if max != 0.0 && !(1e-4..1e6).contains(&max) {
        return ticks.iter().map(|&v| sci(v, ticks)).collect();
    }
    for d in 0..=12usize {
        if ticks.iter().all(|&v| ((format!("{v:.d$}").parse::<f64>().unwrap_or(f64::NAN)) - v).abs() <= 1e-9 * max.max(1e-300)) {
            return ticks.iter().map(|&v| fixed(v, d)).collect();
        }
    }
    ticks.iter().map(|&v| format!("{v}")).collect()
}

fn fixed(v: f64, d: usize) -> String {
    let s = format!("{v:.d$}");
    // "-0.0" → "0.0"
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') { s[1..].to_string() } else { s }
}

/// `v` as `m.mme±XX` with the mantissa digits all ticks need.
fn sci(v: f64, ticks: &[f64]) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let mut digits = 0;
    'outer: for d in 0..=6usize {
        for &t in ticks {
            let s = format!("{t:.d$e}");
            if (s.parse::<f64>().unwrap_or(f64::NAN) - t).abs() > 1e-9 * t.abs() {
                continue 'outer;
            }
        }
        digits = d;
        break;
    }
    let s = format!("{v:.digits$e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, num) = match e.strip_prefix('-') {
                Some(n) => ('-', n),
                None => ('+', e),
            };
            format!("{m}e{sign}{num:0>2}")
        }
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        assert_eq!(ticks(0.0, 100.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(-4.95, 103.95, 6), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(0.0, 1.0, 4), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(ticks(0.1, 0.7, 6), vec![0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
        assert_eq!(ticks(3.0, 3.0, 5), vec![3.0]);
        assert!(ticks(f64::NAN, 1.0, 5).is_empty());
    }

    #[test]
    fn label_formats() {
        assert_eq!(labels(&[0.0, 20.0, 40.0]), ["0", "20", "40"]);
        assert_eq!(labels(&[0.0, 0.25, 0.5]), ["0.00", "0.25", "0.50"]);
        assert_eq!(labels(&[-0.5, 0.0, 0.5]), ["-0.5", "0.0", "0.5"]);
        assert_eq!(labels(&[0.0, 1e-5, 2e-5]), ["0", "1e-05", "2e-05"]);
        assert_eq!(labels(&[0.0, 2.5e6, 5e6]), ["0", "2.5e+06", "5.0e+06"]);
    }
}
