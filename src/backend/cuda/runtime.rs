//! The CUDA runtime state: driver discovery, one context, stream, kernels and cuBLAS
//! handle per device (made on first use), device memory, and kernel launches.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use cudarc::driver::{CudaContext, CudaFunction, CudaModule, CudaSlice, CudaStream, DevicePtr, LaunchConfig};

use super::{no_cuda_driver, DeviceProps};
use crate::backend::{Backend, DeviceFailure};
use crate::error::{Error, Result};
use crate::tensor::storage::{Buffer, Storage};
use crate::tensor::{BufferElem, DType, Device, Scalar};

static EVER_USED: AtomicBool = AtomicBool::new(false);

/// True once a device storage has been made (until then no op pays for device checks).
pub fn ever_used() -> bool {
    EVER_USED.load(Ordering::Relaxed)
}

/// Whether the driver library loads at all; cudarc would panic on first use otherwise.
fn driver_present() -> bool {
    static PRESENT: OnceLock<bool> = OnceLock::new();
    *PRESENT.get_or_init(|| {
        ["libcuda.so.1", "libcuda.so"].iter().any(|name| {
            // SAFETY: loading the NVIDIA driver library runs only its initialisers.
            unsafe { libloading::Library::new(*name) }.is_ok()
        })
    })
}

/// Number of CUDA devices (0 without a driver or when the driver reports an error).
pub fn device_count() -> usize {
    static COUNT: OnceLock<usize> = OnceLock::new();
    *COUNT.get_or_init(|| {
        if !driver_present() || cudarc::driver::result::init().is_err() {
            return 0;
        }
        CudaContext::device_count().map(|n| n.max(0) as usize).unwrap_or(0)
    })
}

fn driver_err(e: impl std::fmt::Debug) -> Error {
    Error::runtime(format!("CUDA error: {e:?}"))
}

/// One device's context, stream, loaded kernels and cuBLAS handle.
pub struct Runtime {
    pub index: usize,
    pub ctx: Arc<CudaContext>,
    pub stream: Arc<CudaStream>,
    /// `compute_XY` of the device: NVRTC's target.
    arch: &'static str,
    /// Kernels loaded so far (each compiled on first use, see `func`).
    funcs: RefCell<HashMap<String, (Arc<CudaModule>, CudaFunction)>>,
    blas: RefCell<Option<cudarc::cublas::CudaBlas>>,
}

thread_local! {
    static RUNTIMES: RefCell<Vec<Option<Rc<Runtime>>>> = const { RefCell::new(Vec::new()) };
    /// The seed and Philox offset of the device random streams (`torch.manual_seed` sets
    /// both generators; each fill advances the offset past the counters it used).
    static RNG: Cell<(u64, u64)> = const { Cell::new((67280421310721, 0)) };
}

/// The runtime of device `i`, created on first use (NVRTC compiles the kernels then).
pub fn runtime(i: usize) -> Result<Rc<Runtime>> {
    super::check_index(i)?;
    if let Some(rt) = RUNTIMES.with(|r| r.borrow().get(i).cloned().flatten()) {
        return Ok(rt);
    }
    let rt = Rc::new(Runtime::new(i)?);
    RUNTIMES.with(|r| {
        let mut r = r.borrow_mut();
        if r.len() <= i {
            r.resize(i + 1, None);
        }
        r[i] = Some(rt.clone());
    });
    Ok(rt)
}

impl Runtime {
    fn new(i: usize) -> Result<Runtime> {
        let ctx = CudaContext::new(i).map_err(driver_err)?;
        // One stream per device: its order is the order of the ops, so no events are needed.
        // SAFETY: called before any memory or stream of this context exists.
        unsafe { ctx.disable_event_tracking() };
        let stream = ctx.default_stream();
        let (major, minor) = ctx.compute_capability().map_err(driver_err)?;
        let arch: &'static str = Box::leak(format!("compute_{major}{minor}").into_boxed_str());
        EVER_USED.store(true, Ordering::Relaxed);
        crate::backend::install_quiet_hook();
        Ok(Runtime { index: i, ctx, stream, arch, funcs: RefCell::new(HashMap::new()), blas: RefCell::new(None) })
    }

    /// The kernel `name`: compiled by NVRTC on first use (one kernel per program, its PTX
    /// kept in the user's cache directory for later runs), then loaded once.
    pub fn func(&self, name: &str) -> Result<CudaFunction> {
        if let Some((_, f)) = self.funcs.borrow().get(name) {
            return Ok(f.clone());
        }
        if !super::kernels::has(name) {
            return Err(Error::not_impl(format!("tsr has no CUDA kernel {name}")));
        }
        let ptx = ptx_for(name, self.arch)?;
        let module = self.ctx.load_module(cudarc::nvrtc::Ptx::from_src(ptx)).map_err(driver_err)?;
        let f = module.load_function(name).map_err(driver_err)?;
        self.funcs.borrow_mut().insert(name.to_string(), (module, f.clone()));
        Ok(f)
    }

    /// Runs `f` with this device's cuBLAS handle (created on first use).
    pub fn with_blas<R>(&self, f: impl FnOnce(&cudarc::cublas::CudaBlas) -> Result<R>) -> Result<R> {
        let mut b = self.blas.borrow_mut();
        if b.is_none() {
            *b = Some(cudarc::cublas::CudaBlas::new(self.stream.clone()).map_err(|e| Error::runtime(format!("cuBLAS: {e:?}")))?);
        }
        f(b.as_ref().expect("created above"))
    }

    /// Uninitialised device memory for `n` elements of `dtype`.
    pub fn alloc(&self, dtype: DType, n: usize) -> Result<DeviceMem> {
        // Device memory: only the size overflow is checked here (the host budget and the
        // host's free memory do not apply); the driver reports an out-of-memory device.
        let bytes = n
            .checked_mul(dtype.itemsize())
            .filter(|&b| b <= isize::MAX as usize)
            .ok_or_else(|| Error::runtime(format!("Storage size calculation overflowed with sizes=[{n}]")))?
            .max(1);
        // SAFETY: the memory is written by a kernel or copy before any read (every caller
        // fills it), and is only reinterpreted as `dtype`.
        let buf = unsafe { self.stream.alloc::<u8>(bytes) }.map_err(|e| {
            Error::runtime(format!("CUDA out of memory. Tried to allocate {bytes} bytes ({e:?})"))
        })?;
        Ok(DeviceMem { buf, dtype, len: n, index: self.index })
    }

    /// Submits a built launch (see `ops::launch!`).
    pub fn run(&self, b: &mut cudarc::driver::LaunchArgs<'_>, cfg: LaunchConfig) -> Result<()> {
        // SAFETY: the argument lists built by `ops` follow the signatures in kernels.cu (the
        // ABI in kernels.rs), and every pointer is a live allocation of the stated length.
        unsafe { b.launch(cfg) }.map_err(driver_err)?;
        Ok(())
    }

    pub fn synchronize(&self) -> Result<()> {
        self.stream.synchronize().map_err(driver_err)
    }

    /// The next `n` Philox counters of the device random stream: (seed, first offset).
    pub fn rng_advance(&self, n: u64) -> (u64, u64) {
        RNG.with(|r| {
            let (seed, off) = r.get();
            r.set((seed, off + n.div_ceil(4) * 4));
            (seed, off)
        })
    }
}

/// A launch over `n` items with blocks of 256 threads (grid capped; the kernels loop).
pub fn items(n: usize) -> LaunchConfig {
    let blocks = n.div_ceil(256).clamp(1, 65_535 * 8) as u32;
    LaunchConfig { grid_dim: (blocks, 1, 1), block_dim: (256, 1, 1), shared_mem_bytes: 0 }
}

/// A launch with one block of 256 threads per row (grid capped; the kernels loop).
pub fn rows(rows: usize) -> LaunchConfig {
    let blocks = rows.clamp(1, 65_535 * 16) as u32;
    LaunchConfig { grid_dim: (blocks, 1, 1), block_dim: (256, 1, 1), shared_mem_bytes: 0 }
}

/// The PTX of kernel `name` for `arch`: from the cache directory when an earlier run
/// compiled the same source, else compiled now (and cached; a cache that cannot be written
/// is skipped).
fn ptx_for(name: &str, arch: &'static str) -> Result<String> {
    let dir = cache_dir(arch);
    let file = dir.as_ref().map(|d| d.join(format!("{name}.ptx")));
    if let Some(Ok(text)) = file.as_ref().map(std::fs::read_to_string) {
        return Ok(text);
    }
    // SAFETY: probing for the library only runs its initialisers.
    if !unsafe { cudarc::nvrtc::sys::is_culib_present() } {
        return Err(Error::runtime(
            "tsr's CUDA kernels need the NVRTC library (libnvrtc.so), which was not found; install the CUDA toolkit or the nvidia-cuda-nvrtc wheel and put its lib/ directory on LD_LIBRARY_PATH",
        ));
    }
    let opts = cudarc::nvrtc::CompileOptions {
        arch: Some(arch),
        options: vec!["--std=c++17".into(), super::kernels::want_option(name)],
        ..Default::default()
    };
    let ptx = cudarc::nvrtc::compile_ptx_with_opts(super::kernels::SOURCE, opts)
        .map_err(|e| Error::runtime(format!("NVRTC failed to compile the CUDA kernel {name}: {e:?}")))?
        .to_src();
    if let (Some(d), Some(f)) = (dir, file) {
        if std::fs::create_dir_all(&d).is_ok() {
            let tmp = d.join(format!("{name}.ptx.{}", std::process::id()));
            if std::fs::write(&tmp, &ptx).is_ok() {
                let _ = std::fs::rename(&tmp, &f);
            }
        }
    }
    Ok(ptx)
}

/// `~/.cache/tsr/cuda/<arch>-<hash of the source>` (XDG_CACHE_HOME respected).
fn cache_dir(arch: &str) -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache")))?;
    // FNV-1a of the source: a changed kernels.cu never reads an old PTX.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in super::kernels::SOURCE.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    Some(base.join("tsr").join("cuda").join(format!("{arch}-{h:016x}")))
}

/// `torch.manual_seed(s)` for the device generators.
pub fn manual_seed(seed: u64) {
    RNG.with(|r| r.set((seed, 0)));
}

/// Memory on one device holding `len` elements of `dtype`.
pub struct DeviceMem {
    buf: CudaSlice<u8>,
    dtype: DType,
    len: usize,
    index: usize,
}

impl std::fmt::Debug for DeviceMem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DeviceMem({:?} x {} on cuda:{})", self.dtype, self.len, self.index)
    }
}

impl DeviceMem {
    pub fn dtype(&self) -> DType {
        self.dtype
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn device(&self) -> Device {
        Device::Cuda(self.index)
    }
    /// The device address (kernels take it as a plain 64-bit pointer).
    pub fn ptr(&self) -> u64 {
        let (p, _sync) = self.buf.device_ptr(self.buf.stream());
        p
    }
    pub fn address(&self) -> usize {
        self.ptr() as usize
    }
}

/// `torch.cuda.get_device_properties(i)`.
pub fn properties(i: usize) -> Result<DeviceProps> {
    let rt = runtime(i)?;
    let a = |attr| rt.ctx.attribute(attr).map_err(driver_err);
    use cudarc::driver::sys::CUdevice_attribute as A;
    Ok(DeviceProps {
        name: rt.ctx.name().map_err(driver_err)?,
        total_memory: rt.ctx.total_mem().map_err(driver_err)?,
        major: a(A::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)?,
        minor: a(A::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)?,
        multi_processor_count: a(A::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)?,
    })
}

/// `torch.cuda.synchronize(i)`.
pub fn synchronize(i: usize) -> Result<()> {
    runtime(i)?.synchronize()
}

/// The `Backend` of one device.
pub struct Cuda(usize);

static BACKENDS: [Cuda; 16] = [Cuda(0), Cuda(1), Cuda(2), Cuda(3), Cuda(4), Cuda(5), Cuda(6), Cuda(7), Cuda(8),
    Cuda(9), Cuda(10), Cuda(11), Cuda(12), Cuda(13), Cuda(14), Cuda(15)];

/// The backend of device `i` (PyTorch's no-driver / invalid-ordinal errors otherwise).
pub fn backend(i: usize) -> Result<&'static dyn Backend> {
    if device_count() == 0 {
        return Err(no_cuda_driver());
    }
    super::check_index(i)?;
    BACKENDS.get(i).map(|b| b as &dyn Backend).ok_or_else(|| Error::not_impl("more than 16 CUDA devices"))
}

fn upload_typed<T: BufferElem + cudarc::driver::DeviceRepr>(rt: &Runtime, v: &[T]) -> Result<DeviceMem> {
    let mut m = rt.alloc(T::DTYPE, v.len())?;
    if !v.is_empty() {
        // SAFETY: plain-old-data elements viewed as their bytes.
        let bytes = unsafe { std::slice::from_raw_parts(v.as_ptr() as *const u8, std::mem::size_of_val(v)) };
        rt.stream.memcpy_htod(bytes, &mut m.buf).map_err(driver_err)?;
    }
    Ok(m)
}

fn download_typed<T: BufferElem>(rt: &Runtime, m: &DeviceMem) -> Result<Vec<T>> {
    let mut v: Vec<T> = vec![T::default(); m.len];
    if m.len > 0 {
        // SAFETY: plain-old-data elements viewed as their bytes; the device buffer holds
        // exactly `len` elements of `T` (its dtype).
        let bytes = unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut u8, m.len * std::mem::size_of::<T>()) };
        rt.stream.memcpy_dtoh(&m.buf, bytes).map_err(driver_err)?;
        rt.synchronize()?;
    }
    Ok(v)
}

/// Device memory copied to a host buffer.
pub fn download_mem(rt: &Runtime, m: &DeviceMem) -> Result<Buffer> {
    Ok(match m.dtype {
        DType::Bool => Buffer::Bool(download_typed::<u8>(rt, m)?.into_iter().map(|b| b != 0).collect()),
        d => crate::dispatch!(d, T => <T as BufferElem>::wrap(download_typed::<T>(rt, m)?)),
    })
}

impl Backend for Cuda {
    fn device(&self) -> Device {
        Device::Cuda(self.0)
    }

    fn upload(&self, buf: &Buffer) -> Result<Storage> {
        let rt = runtime(self.0)?;
        let mem = match buf {
            Buffer::Bool(v) => {
                let bytes: Vec<u8> = v.iter().map(|&b| b as u8).collect();
                let mut m = upload_typed(&rt, &bytes)?;
                m.dtype = DType::Bool;
                m
            }
            Buffer::U8(v) => upload_typed(&rt, v)?,
            Buffer::I8(v) => upload_typed(&rt, v)?,
            Buffer::I16(v) => upload_typed(&rt, v)?,
            Buffer::I32(v) => upload_typed(&rt, v)?,
            Buffer::I64(v) => upload_typed(&rt, v)?,
            Buffer::F16(v) => upload_typed(&rt, v)?,
            Buffer::BF16(v) => upload_typed(&rt, v)?,
            Buffer::F32(v) => upload_typed(&rt, v)?,
            Buffer::F64(v) => upload_typed(&rt, v)?,
            Buffer::C64(_) | Buffer::C128(_) => {
                return Err(Error::not_impl(format!("complex tensors on CUDA ({})", crate::tensor::dtype::scalar_type_name(buf.dtype()))));
            }
        };
        Ok(Storage::on_device(mem))
    }

    fn download(&self, s: &Storage) -> Result<Buffer> {
        let rt = runtime(self.0)?;
        match s.device_mem() {
            Some(m) => download_mem(&rt, m),
            None => Ok(s.data().clone()),
        }
    }

    fn full(&self, dtype: DType, n: usize, value: Scalar) -> Result<Storage> {
        let rt = runtime(self.0)?;
        let m = super::ops::fill_mem(&rt, dtype, n, value)?;
        Ok(Storage::on_device(m))
    }

    fn synchronize(&self) -> Result<()> {
        runtime(self.0)?.synchronize()
    }
}

/// Unwinds with a device failure inside an infallible path (caught by `backend::guard`).
pub fn fail(e: Error) -> ! {
    std::panic::panic_any(DeviceFailure(e.msg))
}
