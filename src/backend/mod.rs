//! Backends: where a tensor's storage lives. `Backend` is the one interface over host
//! memory (`Cpu`) and CUDA device memory (`cuda::Cuda`): allocation, fills, and the copies
//! between them, which happen only where the user asks (`.to()`, `.cpu()`, printing,
//! `.item()`, `.tolist()`). The compute kernels are per family in `tensor::ops` (host) and
//! `backend::cuda::ops` (device); each op entry point picks the device of its operands with
//! `device_of`, which raises PyTorch's mixed-device error.
//!
//! A host kernel reached with a device tensor (an op without a CUDA kernel) does not read
//! device memory: the storage accessor unwinds with `HostAccess`, and the interpreter's call
//! boundary (`guard`) turns that into `NotImplementedError` naming the op and the device.

pub mod cuda;

use crate::error::{Error, ExcKind, Result};
use crate::tensor::storage::{Buffer, Storage};
use crate::tensor::{DType, Device, Scalar, Tensor};

/// The operations every storage backend provides.
pub trait Backend {
    fn device(&self) -> Device;
    /// A storage holding a copy of `buf` in this backend's memory.
    fn upload(&self, buf: &Buffer) -> Result<Storage>;
    /// The whole storage `s` (of this backend) copied to host memory.
    fn download(&self, s: &Storage) -> Result<Buffer>;
    /// A storage of `n` elements of `dtype`, every one `value`.
    fn full(&self, dtype: DType, n: usize, value: Scalar) -> Result<Storage>;
    /// Waits for queued work (`torch.cuda.synchronize`); a no-op on the host.
    fn synchronize(&self) -> Result<()>;
}

/// Host memory.
pub struct Cpu;

impl Backend for Cpu {
    fn device(&self) -> Device {
        Device::Cpu
    }
    fn upload(&self, buf: &Buffer) -> Result<Storage> {
        Ok(Storage::new(buf.clone()))
    }
    fn download(&self, s: &Storage) -> Result<Buffer> {
        Ok(s.data().clone())
    }
    fn full(&self, dtype: DType, n: usize, value: Scalar) -> Result<Storage> {
        let t = crate::tensor::ops::creation::full(&[n], value, dtype)?;
        Ok(Storage::new(t.storage().data().clone()))
    }
    fn synchronize(&self) -> Result<()> {
        Ok(())
    }
}

/// The backend of `device`: PyTorch's no-driver error for CUDA where there is none.
pub fn get(device: Device) -> Result<&'static dyn Backend> {
    match device {
        Device::Cpu => Ok(&Cpu),
        Device::Cuda(i) => cuda::backend(i),
    }
}

/// The device an op on `ts` runs on: the device of its tensors, where 0-d CPU tensors (Python
/// numbers and `torch.tensor(2.)`) go with any device as in PyTorch. Raises PyTorch's
/// mixed-device error for two devices.
pub fn device_of(ts: &[&Tensor]) -> Result<Device> {
    let mut dev = Device::Cpu;
    let mut cpu_nd = false;
    for t in ts {
        match t.device() {
            Device::Cpu => cpu_nd |= t.ndim() > 0,
            d if dev == Device::Cpu => dev = d,
            d if d != dev => return Err(mixed(dev, d)),
            _ => {}
        }
    }
    if dev != Device::Cpu && cpu_nd {
        return Err(mixed(dev, Device::Cpu));
    }
    Ok(dev)
}

/// True when any of `ts` lives on a CUDA device (cheap when none was ever made).
pub fn any_cuda(ts: &[&Tensor]) -> bool {
    cuda::ever_used() && ts.iter().any(|t| t.on_device_memory())
}

fn mixed(a: Device, b: Device) -> Error {
    let (first, second) = if a == Device::Cpu { (b, a) } else { (a, b) };
    Error::runtime(format!(
        "Expected all tensors to be on the same device, but found at least two devices, {first} and {second}!"
    ))
}

/// Copies `t` to `device` (a new contiguous tensor; `t` itself when already there).
pub fn to_device(t: &Tensor, device: Device) -> Result<Tensor> {
    let from = t.device();
    if from == device {
        return Ok(t.clone());
    }
    let shape = t.shape();
    if from == Device::Cpu {
        let host = t.contiguous();
        let buf = {
            let v = host.view();
            let data = v.storage.data();
            let n = v.layout.numel();
            let off = v.layout.offset;
            crate::dispatch!(host.dtype(), T => <T as crate::tensor::BufferElem>::wrap(data.as_slice::<T>()[off..off + n].to_vec()))
        };
        let s = get(device)?.upload(&buf)?;
        return Ok(Tensor::from_view(std::rc::Rc::new(s), crate::tensor::Layout::contiguous(&shape)));
    }
    // From a device: make it contiguous there, then copy the whole storage.
    let dense = cuda::ops::contiguous(t)?;
    let buf = get(from)?.download(&dense.storage())?;
    let host = Tensor::from_buffer(buf, &shape);
    if device == Device::Cpu { Ok(host) } else { to_device(&host, device) }
}

/// A host copy of `t` for printing, `.item()` and `.tolist()` (`t` itself on the host).
pub fn host(t: &Tensor) -> Result<Tensor> {
    to_device(t, Device::Cpu)
}

/// Unwind payload of a host kernel that reached device memory (see the module doc).
pub struct HostAccess(pub Device);

/// Unwind payload of a failed device call inside an infallible path.
pub struct DeviceFailure(pub String);

/// Runs `f` (one builtin call or operator named `op`), turning a `HostAccess` unwind into
/// PyTorch's NotImplementedError and a `DeviceFailure` into a RuntimeError. Costs nothing
/// until a device tensor has been made.
pub fn guard<R>(op: &str, f: impl FnOnce() -> Result<R>) -> Result<R> {
    if !cuda::ever_used() {
        return f();
    }
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(p) => {
            if let Some(HostAccess(d)) = p.downcast_ref::<HostAccess>() {
                Err(not_on_device(op, *d))
            } else if let Some(DeviceFailure(m)) = p.downcast_ref::<DeviceFailure>() {
                Err(Error::runtime(m.clone()))
            } else {
                std::panic::resume_unwind(p)
            }
        }
    }
}

/// PyTorch's error for an op without a kernel for the device's backend.
pub fn not_on_device(op: &str, d: Device) -> Error {
    let backend = match d {
        Device::Cpu => "CPU",
        Device::Cuda(_) => "CUDA",
    };
    Error::new(
        ExcKind::NotImplementedError,
        format!(
            "Could not run '{op}' with arguments from the '{backend}' backend: tsr has no {backend} kernel for it (tensor on {d}); move the tensors with .cpu() first"
        ),
    )
}

/// Installs (once) a panic hook that stays silent for the `HostAccess`/`DeviceFailure`
/// unwinds `guard` turns into Python errors, and reports every other panic as before.
pub fn install_quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let p = info.payload();
            if p.is::<HostAccess>() || p.is::<DeviceFailure>() {
                return;
            }
            prev(info)
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_backend_round_trip() {
        let t = Tensor::from_vec(vec![1.0f32, 2.0, 3.0], &[3]);
        let s = Cpu.upload(&t.storage().data()).unwrap();
        assert_eq!(Cpu.download(&s).unwrap().as_slice::<f32>(), &[1.0, 2.0, 3.0]);
        let f = Cpu.full(DType::I64, 4, Scalar::Int(7)).unwrap();
        assert_eq!(f.data().as_slice::<i64>(), &[7, 7, 7, 7]);
        assert!(to_device(&t, Device::Cpu).unwrap().same(&t));
    }

    #[test]
    fn mixed_devices_and_guard_without_cuda() {
        let t = Tensor::from_vec(vec![1.0f32], &[1]);
        assert_eq!(device_of(&[&t, &t]).unwrap(), Device::Cpu);
        let e = mixed(Device::Cuda(0), Device::Cpu);
        assert_eq!(e.msg, "Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!");
        // No device tensor was ever made: guard only runs the closure.
        assert_eq!(guard("x", || Ok(3)).unwrap(), 3);
        let e = not_on_device("torch.fft", Device::Cuda(0));
        assert_eq!(e.kind, ExcKind::NotImplementedError);
        assert!(e.msg.contains("'CUDA' backend"));
    }
}
