//! PyTorch-identical CPU random streams (torch 2.15, x86-64 with AVX2 kernels), following
//! `specs/rng.md`: the mt19937 engine and its seeding, the cached Box–Muller sample, and
//! every sampling op that consumes the stream (`rand`, `randn`, `randint`, `randperm`,
//! `uniform_`, `normal_`, `bernoulli`, `multinomial`, `exponential_`, `random_`, dropout
//! masks and `nn.Linear` init).
//!
//! Layout: this file holds the engine, the `Generator`, its saved state and the
//! memory-order walk shared by the kernels; `uniform.rs` the uniform/integer/bernoulli
//! family; `normal.rs` the normal family (scalar and 16-wide paths, float32 AVX2
//! polynomials); `discrete.rs` exponential and multinomial.

mod discrete;
mod normal;
mod uniform;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::rc::Rc;

use smallvec::SmallVec;

use crate::error::{Error, Result};
use crate::tensor::{BufferElem, Layout, Tensor};

pub use discrete::{exponential_, multinomial};
pub use normal::{normal, normal_, normal_scalar_tensor, normal_tensor_scalar, randn};
pub use uniform::{
    bernoulli, bernoulli_scalar_, bernoulli_tensor_, dropout_mask, linear_init, rand, randint, random_,
    random_full_, randperm, uniform_,
};
pub(crate) use uniform::non_overlapping_and_dense;

const N: usize = 624;
const M: usize = 397;

/// Seed of a freshly constructed `torch.Generator()`.
pub const DEFAULT_RNG_SEED: u64 = 67280421310721;

/// Size in bytes of `torch.get_rng_state()` (`CPUGeneratorImplState`).
pub const STATE_SIZE: usize = 5056;
/// Size of the legacy state layout (older releases; 2.15's `set_rng_state` rejects it).
pub const LEGACY_STATE_SIZE: usize = 5048;

/// PyTorch's CPU generator: an mt19937 engine (seeded from the low 32 bits of a 64-bit
/// seed), the 64-bit seed itself, and the cached second Box–Muller sample of the scalar
/// normal path.
#[derive(Clone, Debug)]
pub struct Generator {
    seed: u64,
    state: [u32; N],
    left: u32,
    next: u32,
    /// The raw standard-normal sample cached by the scalar normal path.
    pub(crate) next_double_normal: Option<f64>,
    /// Never produced by the CPU kernels; kept so get/set_state round-trips.
    next_float_normal: Option<f32>,
}

impl Generator {
    /// A generator seeded with `seed` (as `torch.Generator().manual_seed(seed)`).
    pub fn new(seed: u64) -> Generator {
        let mut g = Generator {
            seed: 0,
            state: [0; N],
            left: 1,
            next: 0,
            next_double_normal: None,
            next_float_normal: None,
        };
        g.manual_seed(seed);
        g
    }

    /// `manual_seed(seed)`: reinitialises the engine from the low 32 bits and clears the
    /// cached normal sample. `initial_seed()` keeps all 64 bits. (Negative Python seeds
    /// are passed as their two's complement, `seed as u64`.)
    pub fn manual_seed(&mut self, seed: u64) {
        self.seed = seed;
        self.state[0] = seed as u32;
        for j in 1..N {
            let prev = self.state[j - 1];
            self.state[j] = 1812433253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(j as u32);
        }
        self.left = 1;
        self.next = 0;
        self.next_double_normal = None;
        self.next_float_normal = None;
    }

    /// The 64-bit seed last given to `manual_seed` (or chosen by `seed()`).
    pub fn initial_seed(&self) -> u64 {
        self.seed
    }

    /// `torch.seed()` / `Generator.seed()`: reseeds from a non-deterministic source with a
    /// 53-bit value (PyTorch keeps seeds representable as doubles) and returns it.
    pub fn seed(&mut self) -> u64 {
        let s = nondeterministic_seed();
        self.manual_seed(s);
        s
    }

    /// One 32-bit draw (`random()`).
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        self.left -= 1;
        if self.left == 0 {
            self.regenerate();
        }
        let mut y = self.state[self.next as usize];
        self.next += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C_5680;
        y ^= (y << 15) & 0xEFC6_0000;
        y ^ (y >> 18)
    }

    /// One 64-bit draw (`random64()`): two 32-bit draws, the first one high.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let hi = self.next_u32() as u64;
        let lo = self.next_u32() as u64;
        (hi << 32) | lo
    }

    /// Float32 unit uniform: low 24 bits of one 32-bit draw times 2^-24.
    #[inline]
    pub fn unit_f32(&mut self) -> f32 {
        (self.next_u32() & 0xFF_FFFF) as f32 * (1.0 / 16_777_216.0)
    }

    /// Float64 unit uniform: low 53 bits of one 64-bit draw times 2^-53.
    #[inline]
    pub fn unit_f64(&mut self) -> f64 {
        (self.next_u64() & ((1u64 << 53) - 1)) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    fn regenerate(&mut self) {
        let st = &mut self.state;
        for i in 0..N {
            let nxt = st[(i + 1) % N];
            let y = (st[i] & 0x8000_0000) | (nxt & 0x7FFF_FFFF);
            let mut v = st[(i + M) % N] ^ (y >> 1);
            if nxt & 1 != 0 {
                v ^= 0x9908_B0DF;
            }
            st[i] = v;
        }
        self.left = N as u32;
        self.next = 0;
    }

    /// `torch.get_rng_state()` bytes (5056, little endian): seed u64, left i32, seeded i32,
    /// next u64, 624 × u64 state words, normal_x/normal_y/normal_rho f64, normal_is_valid
    /// i32, 4 bytes padding, next_float_normal f32, its valid flag, 3 bytes padding.
    pub fn get_state(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(STATE_SIZE);
        b.extend_from_slice(&self.seed.to_le_bytes());
        b.extend_from_slice(&(self.left as i32).to_le_bytes());
        b.extend_from_slice(&1i32.to_le_bytes());
        b.extend_from_slice(&(self.next as u64).to_le_bytes());
        for &w in &self.state {
            b.extend_from_slice(&(w as u64).to_le_bytes());
        }
        b.extend_from_slice(&0f64.to_le_bytes());
        b.extend_from_slice(&self.next_double_normal.unwrap_or(0.0).to_le_bytes());
        b.extend_from_slice(&0f64.to_le_bytes());
        b.extend_from_slice(&(self.next_double_normal.is_some() as i32).to_le_bytes());
        b.extend_from_slice(&[0u8; 4]);
        b.extend_from_slice(&self.next_float_normal.unwrap_or(0.0).to_le_bytes());
        b.push(self.next_float_normal.is_some() as u8);
        b.extend_from_slice(&[0u8; 3]);
        debug_assert_eq!(b.len(), STATE_SIZE);
        b
    }

    /// `torch.set_rng_state(bytes)`: the 5056-byte layout of `get_state` (2.15 rejects the
    /// legacy 5048-byte one), with PyTorch's error texts.
    pub fn set_state(&mut self, s: &[u8]) -> Result<()> {
        let rd_u64 = |o: usize| u64::from_le_bytes(s[o..o + 8].try_into().unwrap_or([0; 8]));
        let rd_i32 = |o: usize| i32::from_le_bytes(s[o..o + 4].try_into().unwrap_or([0; 4]));
        let rd_f64 = |o: usize| f64::from_bits(rd_u64(o));
        if s.len() != STATE_SIZE {
            return Err(Error::runtime(format!(
                "Expected a CPUGeneratorImplState of size {STATE_SIZE} but found the input RNG state size to be {}",
                s.len()
            )));
        }
        let seed = rd_u64(0);
        let left = rd_i32(8);
        let seeded = rd_i32(12);
        let next = rd_u64(16) as u32;
        let mut state = [0u32; N];
        for (i, w) in state.iter_mut().enumerate() {
            *w = rd_u64(24 + 8 * i) as u32;
        }
        let base = 24 + 8 * N;
        let (ny, valid) = (rd_f64(base + 8), rd_i32(base + 24));
        let dbl = if valid != 0 { Some(ny) } else { None };
        let flt = if s[base + 36] != 0 {
            Some(f32::from_le_bytes(s[base + 32..base + 36].try_into().unwrap_or([0; 4])))
        } else {
            None
        };
        if seeded == 0 || left <= 0 || left as usize > N || next as usize > N {
            return Err(Error::runtime("Invalid mt19937 state"));
        }
        self.seed = seed;
        self.state = state;
        self.left = left as u32;
        self.next = next;
        self.next_double_normal = dbl;
        self.next_float_normal = flt;
        Ok(())
    }
}

/// A 53-bit seed from the OS (`/dev/urandom`), falling back to clock and address bits.
fn nondeterministic_seed() -> u64 {
    use std::io::Read;
    let mut buf = [0u8; 8];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).is_ok();
    let raw = if ok {
        u64::from_le_bytes(buf)
    } else {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        let addr = &buf as *const _ as u64;
        // splitmix64 finaliser over the mixed bits
        let mut z = t ^ addr.rotate_left(32) ^ 0x9E37_79B9_7F4A_7C15;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    raw & ((1u64 << 53) - 1)
}

thread_local! {
    static DEFAULT: Rc<RefCell<Generator>> =
        Rc::new(RefCell::new(Generator::new(nondeterministic_seed())));
}

/// The process-wide (per-thread) default generator. Like PyTorch 2.15 it starts from a
/// non-deterministic seed; scripts call `torch.manual_seed` for reproducible streams.
pub fn default_generator() -> Rc<RefCell<Generator>> {
    DEFAULT.with(|g| g.clone())
}

/// Error for an in-place random op on a tensor whose elements alias (a stride-0 dim of
/// size > 1), PyTorch's `assert_no_internal_overlap` text.
pub(crate) fn check_no_internal_overlap(t: &Tensor) -> Result<()> {
    let l = t.layout();
    if l.shape.iter().zip(&l.strides).any(|(&d, &s)| d > 1 && s == 0) {
        return Err(Error::runtime(
            "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.",
        ));
    }
    Ok(())
}

/// `layout` with its dims (size > 1) ordered by decreasing stride, so a row-major walk of
/// the result visits storage in increasing address order — TensorIterator's order for a
/// single output.
pub(crate) fn memory_order(layout: &Layout) -> Layout {
    let mut dims: SmallVec<[(usize, usize); 6]> = layout
        .shape
        .iter()
        .zip(&layout.strides)
        .filter(|&(&d, _)| d != 1)
        .map(|(&d, &s)| (d, s))
        .collect();
    dims.sort_by(|a, b| b.1.cmp(&a.1));
    Layout {
        shape: dims.iter().map(|d| d.0).collect(),
        strides: dims.iter().map(|d| d.1).collect(),
        offset: layout.offset,
    }
}

/// Writes `f()` into every element of `t` in memory order (one call per element).
pub(crate) fn fill_in_memory_order<T: BufferElem>(t: &Tensor, mut f: impl FnMut() -> T) {
    t.with_slice_mut::<T, _>(|buf, layout| {
        if layout.is_contiguous() {
            let n = layout.numel();
            for v in &mut buf[layout.offset..layout.offset + n] {
                *v = f();
            }
        } else {
            memory_order(layout).for_each_offset(|o| buf[o] = f());
        }
    });
}

/// Python-float-like formatting of a double for messages that print C++ doubles with
/// `operator<<` (`%g`, 6 significant digits): `2`, `1.5`, `0.123457`, `1e-07`.
pub(crate) fn fmt_g(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let exp = v.abs().log10().floor() as i32;
    // Round to 6 significant digits first; the exponent may change after rounding.
    let s = format!("{:.5e}", v);
    let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(exp);
    if (-4..6).contains(&e) {
        let decimals = (5 - e).max(0) as usize;
        let f = format!("{:.*}", decimals, v);
        let f = if f.contains('.') { f.trim_end_matches('0').trim_end_matches('.').to_string() } else { f };
        f
    } else {
        let m = if mant.contains('.') { mant.trim_end_matches('0').trim_end_matches('.') } else { mant };
        format!("{}e{}{:02}", m, if e < 0 { '-' } else { '+' }, e.abs())
    }
}

/// C++'s `static_cast<T>(double)`: float16/bfloat16 convert through float (two roundings,
/// as `c10::Half(float)` does); other types convert directly.
#[inline]
pub(crate) fn narrow<T: crate::tensor::Element>(v: f64) -> T {
    match T::DTYPE {
        crate::tensor::DType::F16 | crate::tensor::DType::BF16 => T::from_f64((v as f32) as f64),
        _ => T::from_f64(v),
    }
}
