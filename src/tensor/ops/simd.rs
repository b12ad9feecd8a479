//! Runtime CPU-feature dispatch for hot loops. The binary is built for baseline x86-64 so
//! it runs anywhere; `run(f)` executes `f` inside a function compiled with AVX2+FMA or
//! AVX-512 when the CPU has them, so the loops inlined into it vectorise for that CPU and
//! `mul_add` becomes one instruction instead of a library call.
//!
//! Results never depend on the level: Rust does not reassociate or contract float
//! arithmetic, so a vectorised loop computes exactly what the scalar one does (the tests
//! run the kernels at every level). `TSR_SIMD=base|avx2|avx512` caps the level.

use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicU8, Ordering};

/// An instruction-set level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Base = 1,
    Avx2 = 2,
    Avx512 = 3,
}

static LEVEL: AtomicU8 = AtomicU8::new(0);

fn detect() -> Level {
    let cap = match std::env::var("TSR_SIMD").as_deref() {
        Ok("base") => Level::Base,
        Ok("avx2") => Level::Avx2,
        _ => Level::Avx512,
    };
    detect_hw().min(cap)
}

/// The level in use (detected once).
#[inline]
pub fn level() -> Level {
    match LEVEL.load(Ordering::Relaxed) {
        1 => Level::Base,
        2 => Level::Avx2,
        3 => Level::Avx512,
        _ => {
            let l = detect();
            LEVEL.store(l as u8, Ordering::Relaxed);
            l
        }
    }
}

/// Sets the level (capped by the hardware); for tests that compare levels.
pub fn set_level(l: Level) -> Level {
    let prev = level();
    LEVEL.store(l.min(detect_hw()) as u8, Ordering::Relaxed);
    prev
}

/// What the CPU supports, ignoring `TSR_SIMD`.
fn detect_hw() -> Level {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512vl")
            && std::arch::is_x86_feature_detected!("avx512bw")
            && std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("fma")
        {
            return Level::Avx512;
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
            return Level::Avx2;
        }
    }
    Level::Base
}

/// Generates `$name(args)`: the body compiled three times (baseline, AVX2+FMA, AVX-512),
/// the best the CPU supports chosen at run time. The body and the closures it calls are
/// inlined into each version, so its loops vectorise for that instruction set.
macro_rules! multiversion {
    ($(#[$doc:meta])* $vis:vis fn $name:ident<$($g:ident),*>($($arg:ident: $ty:ty),*) $(-> $ret:ty)? where { $($bounds:tt)* } $body:block) => {
        $(#[$doc])*
        #[inline(always)]
        $vis fn $name<$($g),*>($($arg: $ty),*) $(-> $ret)? where $($bounds)* {
            #[inline(always)]
            fn body<$($g),*>($($arg: $ty),*) $(-> $ret)? where $($bounds)* $body
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2,fma,bmi1,bmi2,lzcnt,popcnt,f16c")]
            unsafe fn v256<$($g),*>($($arg: $ty),*) $(-> $ret)? where $($bounds)* { body($($arg),*) }
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx512f,avx512vl,avx512bw,avx512dq,avx2,fma,bmi1,bmi2,lzcnt,popcnt,f16c")]
            unsafe fn v512<$($g),*>($($arg: $ty),*) $(-> $ret)? where $($bounds)* { body($($arg),*) }
            #[cfg(target_arch = "x86_64")]
            match $crate::tensor::ops::simd::level() {
                // SAFETY: `level()` only reports a level whose features the CPU has.
                $crate::tensor::ops::simd::Level::Avx512 => return unsafe { v512($($arg),*) },
                $crate::tensor::ops::simd::Level::Avx2 => return unsafe { v256($($arg),*) },
                $crate::tensor::ops::simd::Level::Base => {}
            }
            body($($arg),*)
        }
    };
}

pub(crate) use multiversion;

multiversion! {
    /// `out[i] = f(x[i])`, writing every element of `out` (`x` must be at least as long).
    pub fn map_slice<T, O, F>(out: &mut [MaybeUninit<O>], x: &[T], f: &F) where { T: Copy, F: Fn(T) -> O } {
        assert!(x.len() >= out.len());
        for (o, &v) in out.iter_mut().zip(x) {
            o.write(f(v));
        }
    }
}

multiversion! {
    /// `out[i] = f(x[i], y[i])`, writing every element of `out`.
    pub fn zip_slice<A, B, O, F>(out: &mut [MaybeUninit<O>], x: &[A], y: &[B], f: &F) where { A: Copy, B: Copy, F: Fn(A, B) -> O } {
        assert!(x.len() >= out.len() && y.len() >= out.len());
        for ((o, &p), &q) in out.iter_mut().zip(x).zip(y) {
            o.write(f(p, q));
        }
    }
}

multiversion! {
    /// Runs `f()` (for code that is not a plain map; `f` must be small or inlinable).
    pub fn run<R, F>(f: F) -> R where { F: FnOnce() -> R } {
        f()
    }
}
