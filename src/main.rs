//! The `tsr` binary: parses the command line and hands over to `tsr::cli`.

use clap::Parser;

/// The system allocator, except that a large allocation the system refuses ends the program
/// with PyTorch's out-of-memory `RuntimeError` line and exit code 1 instead of Rust's abort.
/// Tensor constructors check their size first and raise a catchable error
/// (`tensor::storage::check_alloc`); this is the safety net for every other path (copies of
/// expanded views, kernels' outputs), where no `Result` can carry the error.
struct OomToError;

// SAFETY: every method forwards to `System`; the failure path only writes to stderr from a
// stack buffer (no allocation) and exits.
unsafe impl std::alloc::GlobalAlloc for OomToError {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let p = unsafe { std::alloc::System.alloc(layout) };
        if p.is_null() {
            oom_exit(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        let p = unsafe { std::alloc::System.alloc_zeroed(layout) };
        if p.is_null() {
            oom_exit(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { std::alloc::System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            oom_exit(new_size);
        }
        p
    }
}

/// For a refused request of at least 1 MiB: prints PyTorch's error and exits with 1. Smaller
/// failures return (the caller then aborts as usual: the process is truly out of memory).
fn oom_exit(bytes: usize) {
    use std::io::Write;
    if bytes < (1 << 20) {
        return;
    }
    let mut buf = [0u8; 256];
    let mut cur = std::io::Cursor::new(&mut buf[..]);
    let _ = write!(
        cur,
        "RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: \
         you tried to allocate {bytes} bytes. Error code 12 (Cannot allocate memory)\n"
    );
    let n = cur.position() as usize;
    tsr::eval::print::flush_stdout_for_exit();
    let _ = std::io::stderr().write_all(&buf[..n]);
    std::process::exit(1);
}

#[global_allocator]
static GLOBAL: OomToError = OomToError;

fn main() {
    let args = tsr::cli::Cli::parse();
    std::process::exit(tsr::cli::run(args));
}
