//! Ctrl-C: a signal handler sets a flag; loops and long kernels poll it and raise
//! `KeyboardInterrupt`, so the REPL keeps its state.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, ExcKind, Result};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Marks that the user pressed Ctrl-C.
pub fn raise() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Clears a pending interrupt (the REPL does this before each entry).
pub fn clear() {
    INTERRUPTED.store(false, Ordering::SeqCst);
}

/// Raises `KeyboardInterrupt` if Ctrl-C was pressed since the last check.
#[inline]
pub fn check() -> Result<()> {
    if INTERRUPTED.load(Ordering::Relaxed) {
        INTERRUPTED.store(false, Ordering::SeqCst);
        return Err(Error::new(ExcKind::KeyboardInterrupt, ""));
    }
    Ok(())
}

/// Installs the SIGINT handler (once).
pub fn install() {
    use std::sync::Once;
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(raise);
    });
}
