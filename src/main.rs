//! The `tsr` binary: parses the command line and hands over to `tsr::cli`.

use std::alloc::{GlobalAlloc, Layout, System};

use clap::Parser;
use mimalloc::MiMalloc;

/// mimalloc for ordinary blocks (fast reuse of freed memory: no page-fault storm for the
/// temporaries of a training loop), the system allocator for huge ones (from 256 MiB: it
/// refuses what the machine cannot back, where mimalloc reserves address space and the
/// process dies on first touch). A large allocation the system refuses ends the program
/// with PyTorch's out-of-memory `RuntimeError` line and exit code 1 instead of Rust's abort.
/// Tensor constructors check their size first and raise a catchable error
/// (`tensor::storage::check_alloc`); this is the safety net for every other path (copies of
/// expanded views, kernels' outputs), where no `Result` can carry the error.
struct OomToError;

/// Blocks of at least this many bytes go to the system allocator.
const HUGE: usize = 256 << 20;

// SAFETY: every method forwards to `MiMalloc` or `System`, chosen by the block's size the
// same way for allocation and release (realloc across the boundary moves the block); the
// failure path only writes to stderr from a stack buffer (no allocation) and exits.
unsafe impl GlobalAlloc for OomToError {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        budget(layout.size());
        let p = unsafe { if layout.size() >= HUGE { System.alloc(layout) } else { MiMalloc.alloc(layout) } };
        if p.is_null() {
            oom_exit(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        budget(layout.size());
        let p = unsafe { if layout.size() >= HUGE { System.alloc_zeroed(layout) } else { MiMalloc.alloc_zeroed(layout) } };
        if p.is_null() {
            oom_exit(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if tsr::memory::tracking() {
            tsr::memory::on_free(layout.size());
        }
        unsafe { if layout.size() >= HUGE { System.dealloc(ptr, layout) } else { MiMalloc.dealloc(ptr, layout) } }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if tsr::memory::tracking() {
            tsr::memory::on_free(layout.size());
        }
        budget(new_size);
        let (old_huge, new_huge) = (layout.size() >= HUGE, new_size >= HUGE);
        let p = unsafe {
            match (old_huge, new_huge) {
                (false, false) => MiMalloc.realloc(ptr, layout, new_size),
                (true, true) => System.realloc(ptr, layout, new_size),
                _ => {
                    let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                    // (Straight to the two allocators: the budget has counted this move.)
                    let q = if new_huge { System.alloc(new_layout) } else { MiMalloc.alloc(new_layout) };
                    if !q.is_null() {
                        std::ptr::copy_nonoverlapping(ptr, q, layout.size().min(new_size));
                        if old_huge { System.dealloc(ptr, layout) } else { MiMalloc.dealloc(ptr, layout) }
                    }
                    q
                }
            }
        };
        if p.is_null() {
            oom_exit(new_size);
        }
        p
    }
}

/// With `--max-memory`: counts the block, and ends the program with the out-of-memory
/// error when a block of at least 1 MiB would pass the budget (tensor constructors check
/// first and raise a catchable error; this catches the paths that cannot).
#[inline]
fn budget(bytes: usize) {
    if tsr::memory::tracking() {
        if bytes >= (1 << 20) && tsr::memory::would_exceed(bytes) {
            oom_exit(bytes);
        }
        tsr::memory::on_alloc(bytes);
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
