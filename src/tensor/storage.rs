//! Storage: the flat buffer that views share, tagged by dtype, with the version counter
//! autograd uses to detect in-place changes of saved tensors.

use std::cell::{Cell, Ref, RefCell, RefMut};

use half::{bf16, f16};

use super::dtype::{C128, C64, DType, Element};
use super::Device;

/// Checks that a new tensor of `shape` and `dtype` can be allocated and returns its numel:
/// PyTorch's "Storage size calculation overflowed" error when the byte size overflows, and
/// its "can't allocate memory" error when the system refuses the memory (see `check_bytes`).
pub fn check_alloc(shape: &[usize], dtype: DType) -> crate::error::Result<usize> {
    let overflow = || {
        crate::error::Error::runtime(format!(
            "Storage size calculation overflowed with sizes={}",
            super::layout::fmt_shape(shape)
        ))
    };
    let n = shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)).ok_or_else(overflow)?;
    let bytes = n.checked_mul(dtype.itemsize()).filter(|&b| b <= isize::MAX as usize).ok_or_else(overflow)?;
    check_bytes(bytes)?;
    Ok(n)
}

/// Raises PyTorch's out-of-memory `RuntimeError` when `bytes` cannot be allocated or would
/// pass the `--max-memory` budget (`crate::memory`). Large requests are probed with a
/// fallible reservation (released at once), so tsr raises where an infallible allocation
/// would abort the process.
pub fn check_bytes(bytes: usize) -> crate::error::Result<()> {
    const PROBE_FROM: usize = 1 << 28;
    if crate::memory::would_exceed(bytes) || (bytes >= PROBE_FROM && !system_can_allocate(bytes)) {
        return Err(crate::error::Error::runtime(format!(
            "[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: \
             you tried to allocate {bytes} bytes. Error code 12 (Cannot allocate memory)"
        )));
    }
    Ok(())
}

/// Asks the system allocator directly (bypassing the binary's global allocator, whose
/// failure path ends the process) whether `bytes` can be allocated; frees it at once.
fn system_can_allocate(bytes: usize) -> bool {
    use std::alloc::GlobalAlloc;
    let Ok(layout) = std::alloc::Layout::from_size_align(bytes, 64) else { return false };
    // SAFETY: `layout` has a non-zero size (callers probe large sizes only); the block is
    // released with the same allocator and layout, and never read or written.
    unsafe {
        let p = std::alloc::System.alloc(layout);
        if p.is_null() {
            return false;
        }
        std::alloc::System.dealloc(p, layout);
    }
    true
}

/// A typed, flat, host-side buffer.
#[derive(Clone, Debug)]
pub enum Buffer {
    Bool(Vec<bool>),
    U8(Vec<u8>),
    I8(Vec<i8>),
    I16(Vec<i16>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    F16(Vec<f16>),
    BF16(Vec<bf16>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    C64(Vec<C64>),
    C128(Vec<C128>),
}

/// Typed access to a `Buffer`, implemented for every `Element`.
pub trait BufferElem: Element {
    fn slice(b: &Buffer) -> Option<&[Self]>;
    fn slice_mut(b: &mut Buffer) -> Option<&mut Vec<Self>>;
    fn wrap(v: Vec<Self>) -> Buffer;
}

macro_rules! impl_buffer_elem {
    ($($t:ty => $v:ident),*) => {$(
        impl BufferElem for $t {
            #[inline]
            fn slice(b: &Buffer) -> Option<&[Self]> {
                if let Buffer::$v(v) = b { Some(v) } else { None }
            }
            #[inline]
            fn slice_mut(b: &mut Buffer) -> Option<&mut Vec<Self>> {
                if let Buffer::$v(v) = b { Some(v) } else { None }
            }
            #[inline]
            fn wrap(v: Vec<Self>) -> Buffer { Buffer::$v(v) }
        }
    )*};
}
impl_buffer_elem!(bool => Bool, u8 => U8, i8 => I8, i16 => I16, i32 => I32, i64 => I64,
    f16 => F16, bf16 => BF16, f32 => F32, f64 => F64, C64 => C64, C128 => C128);

impl Buffer {
    pub fn dtype(&self) -> DType {
        match self {
            Buffer::Bool(_) => DType::Bool,
            Buffer::U8(_) => DType::U8,
            Buffer::I8(_) => DType::I8,
            Buffer::I16(_) => DType::I16,
            Buffer::I32(_) => DType::I32,
            Buffer::I64(_) => DType::I64,
            Buffer::F16(_) => DType::F16,
            Buffer::BF16(_) => DType::BF16,
            Buffer::F32(_) => DType::F32,
            Buffer::F64(_) => DType::F64,
            Buffer::C64(_) => DType::C64,
            Buffer::C128(_) => DType::C128,
        }
    }

    pub fn len(&self) -> usize {
        crate::dispatch!(self.dtype(), T => <T as BufferElem>::slice(self).map_or(0, |s| s.len()))
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A zero-filled buffer of `n` elements.
    pub fn zeros(dtype: DType, n: usize) -> Buffer {
        crate::dispatch!(dtype, T => <T as BufferElem>::wrap(vec![T::default(); n]))
    }

    /// The typed slice; panics only on a dtype mismatch, which is a bug in tsr itself
    /// (callers dispatch on the buffer's own dtype).
    #[inline]
    pub fn as_slice<T: BufferElem>(&self) -> &[T] {
        match T::slice(self) {
            Some(s) => s,
            None => unreachable!("buffer is {:?}, not {:?}", self.dtype(), T::DTYPE),
        }
    }

    #[inline]
    pub fn as_mut_vec<T: BufferElem>(&mut self) -> &mut Vec<T> {
        let d = self.dtype();
        match T::slice_mut(self) {
            Some(s) => s,
            None => unreachable!("buffer is {:?}, not {:?}", d, T::DTYPE),
        }
    }
}

/// Shared storage of one or more tensors (views): host memory, or device memory (`dev`;
/// the host buffer is then empty and host kernels never reach it, see `backend`).
#[derive(Debug)]
pub struct Storage {
    data: RefCell<Buffer>,
    version: Cell<u64>,
    device: Device,
    dev: Option<crate::backend::cuda::DeviceMem>,
}

impl Storage {
    pub fn new(buf: Buffer) -> Self {
        Storage { data: RefCell::new(buf), version: Cell::new(0), device: Device::Cpu, dev: None }
    }

    /// Host memory labelled with another device (the repr tests of device printing).
    pub fn with_device(buf: Buffer, device: Device) -> Self {
        Storage { data: RefCell::new(buf), version: Cell::new(0), device, dev: None }
    }

    /// Storage in device memory.
    pub fn on_device(mem: crate::backend::cuda::DeviceMem) -> Self {
        let (dtype, device) = (mem.dtype(), mem.device());
        Storage { data: RefCell::new(Buffer::zeros(dtype, 0)), version: Cell::new(0), device, dev: Some(mem) }
    }

    /// The device memory of a device storage.
    pub fn device_mem(&self) -> Option<&crate::backend::cuda::DeviceMem> {
        self.dev.as_ref()
    }

    pub fn dtype(&self) -> DType {
        match &self.dev {
            Some(m) => m.dtype(),
            None => self.data.borrow().dtype(),
        }
    }

    pub fn device(&self) -> Device {
        self.device
    }

    pub fn len(&self) -> usize {
        match &self.dev {
            Some(m) => m.len(),
            None => self.data.borrow().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A host kernel reached device memory: unwind to the interpreter's call boundary,
    /// which raises NotImplementedError naming the op (`backend::guard`).
    #[cold]
    fn host_access(&self) -> ! {
        std::panic::panic_any(crate::backend::HostAccess(self.device))
    }

    /// Read access to the buffer.
    pub fn data(&self) -> Ref<'_, Buffer> {
        if self.dev.is_some() {
            self.host_access();
        }
        self.data.borrow()
    }

    /// Write access; bumps the version counter (every in-place write goes through here).
    pub fn data_mut(&self) -> RefMut<'_, Buffer> {
        if self.dev.is_some() {
            self.host_access();
        }
        self.version.set(self.version.get() + 1);
        self.data.borrow_mut()
    }

    /// Counts an in-place write made by a device kernel.
    pub fn bump_version(&self) {
        self.version.set(self.version.get() + 1);
    }

    pub fn version(&self) -> u64 {
        self.version.get()
    }

    /// A stable identity of the allocation, for `data_ptr()` and `untyped_storage`.
    pub fn base_address(&self) -> usize {
        if let Some(m) = &self.dev {
            return m.address();
        }
        let b = self.data.borrow();
        crate::dispatch!(b.dtype(), T => b.as_slice::<T>().as_ptr() as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_alloc_limits() {
        // numel, and bytes = numel * itemsize, are checked for overflow before any allocation.
        assert_eq!(check_alloc(&[2, 3], DType::F32).unwrap(), 6);
        assert_eq!(check_alloc(&[0, usize::MAX], DType::F64).unwrap(), 0);
        let e = check_alloc(&[1 << 40, 1 << 40], DType::F32).unwrap_err();
        assert_eq!(e.msg, "Storage size calculation overflowed with sizes=[1099511627776, 1099511627776]");
        let e = check_alloc(&[1 << 62], DType::F32).unwrap_err();
        assert!(e.msg.starts_with("Storage size calculation overflowed"));
        // 2**60 bytes (an exbibyte) can be reserved nowhere: PyTorch's out-of-memory error.
        let e = check_alloc(&[1 << 57], DType::F64).unwrap_err();
        assert!(e.msg.contains("can't allocate memory: you tried to allocate 1152921504606846976 bytes"), "{}", e.msg);
    }
}
