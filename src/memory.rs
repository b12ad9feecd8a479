//! The memory budget behind `--max-memory`: a limit on the bytes the process holds on the
//! heap. The binary's global allocator reports every block (`on_alloc`/`on_free`) while a
//! limit is set; tensor constructors ask `would_exceed` first and raise PyTorch's
//! "can't allocate memory" `RuntimeError`, and the allocator itself refuses a large block
//! past the budget the same way (the safety net for paths that cannot return an error).

use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};

static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Signed: blocks allocated before the limit was set may be freed after it.
static LIVE: AtomicIsize = AtomicIsize::new(0);

/// Sets (or, with `None`, removes) the budget in bytes.
pub fn set_limit(bytes: Option<usize>) {
    LIMIT.store(bytes.unwrap_or(usize::MAX), Ordering::SeqCst);
    ACTIVE.store(bytes.is_some(), Ordering::SeqCst);
}

/// The budget in bytes, if one is set.
pub fn limit() -> Option<usize> {
    ACTIVE.load(Ordering::Relaxed).then(|| LIMIT.load(Ordering::Relaxed))
}

/// Whether the allocator should report blocks (a limit is set).
#[inline]
pub fn tracking() -> bool {
    ACTIVE.load(Ordering::Relaxed)
}

/// Bytes currently held, as reported by the allocator since tracking started.
pub fn live() -> usize {
    LIVE.load(Ordering::Relaxed).max(0) as usize
}

#[inline]
pub fn on_alloc(bytes: usize) {
    LIVE.fetch_add(bytes as isize, Ordering::Relaxed);
}

#[inline]
pub fn on_free(bytes: usize) {
    LIVE.fetch_sub(bytes as isize, Ordering::Relaxed);
}

/// True when `bytes` more would take the process past the budget.
pub fn would_exceed(bytes: usize) -> bool {
    match limit() {
        Some(l) => live().saturating_add(bytes) > l,
        None => false,
    }
}

/// Parses a size for `--max-memory`: a number of bytes with an optional suffix
/// K, M, G, T (powers of 1024; `KB`, `MiB`, … spellings accepted).
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("invalid size '{s}': expected a number like 512M or 2G"))?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        "t" | "tb" | "tib" => 1024.0_f64.powi(4),
        u => return Err(format!("invalid size '{s}': unknown unit '{u}' (use K, M, G or T)")),
    };
    let bytes = n * mult;
    if !bytes.is_finite() || bytes < 1.0 || bytes >= usize::MAX as f64 {
        return Err(format!("invalid size '{s}'"));
    }
    Ok(bytes as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("1000").unwrap(), 1000);
        assert_eq!(parse_size("512M").unwrap(), 512 << 20);
        assert_eq!(parse_size("2GiB").unwrap(), 2 << 30);
        assert_eq!(parse_size("1.5k").unwrap(), 1536);
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("0").is_err());
    }
}
