//! The CUDA backend. With the `cuda` feature (the default) the driver, NVRTC and cuBLAS are
//! loaded at run time through cudarc: the binary builds and runs where CUDA is absent, and
//! `torch.cuda.is_available()` is False there. The kernels (`kernels.cu`) are compiled by
//! NVRTC for the device's architecture on first use; `ops` launches them.
//!
//! Without the feature, this module keeps the same interface and reports no devices.

use crate::error::{Error, Result};

#[cfg(feature = "cuda")]
pub mod kernels;
#[cfg(feature = "cuda")]
mod runtime;
#[cfg(feature = "cuda")]
pub use runtime::{DeviceMem, ever_used};

pub mod ops;

/// PyTorch's error when CUDA is asked for on a machine without the driver.
pub fn no_cuda_driver() -> Error {
    Error::runtime(
        "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx",
    )
}

/// Facts about one device (`torch.cuda.get_device_properties`).
#[derive(Clone, Debug)]
pub struct DeviceProps {
    pub name: String,
    pub total_memory: usize,
    pub major: i32,
    pub minor: i32,
    pub multi_processor_count: i32,
}

#[cfg(not(feature = "cuda"))]
mod stub {
    use super::*;
    use crate::tensor::{DType, Device};

    /// Device memory; uninhabited in a build without CUDA.
    #[derive(Debug)]
    pub enum DeviceMem {}

    impl DeviceMem {
        pub fn dtype(&self) -> DType {
            match *self {}
        }
        pub fn len(&self) -> usize {
            match *self {}
        }
        pub fn device(&self) -> Device {
            match *self {}
        }
        pub fn address(&self) -> usize {
            match *self {}
        }
    }

    pub fn ever_used() -> bool {
        false
    }
    pub fn device_count() -> usize {
        0
    }
    pub fn properties(_: usize) -> Result<DeviceProps> {
        Err(no_cuda_driver())
    }
    pub fn backend(_: usize) -> Result<&'static dyn crate::backend::Backend> {
        Err(no_cuda_driver())
    }
    pub fn synchronize(_: usize) -> Result<()> {
        Err(no_cuda_driver())
    }
    pub fn manual_seed(_: u64) {}
}
#[cfg(not(feature = "cuda"))]
pub use stub::*;

#[cfg(feature = "cuda")]
pub use runtime::{backend, device_count, manual_seed, properties, synchronize};

thread_local! {
    static ALLOW_TF32: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `torch.backends.cuda.matmul.allow_tf32` (False by default, as in PyTorch).
pub fn allow_tf32() -> bool {
    ALLOW_TF32.with(|c| c.get())
}

pub fn set_allow_tf32(on: bool) {
    ALLOW_TF32.with(|c| c.set(on));
}

/// `torch.cuda.is_available()`.
pub fn is_available() -> bool {
    device_count() > 0
}

/// Checks a device index against the devices present (PyTorch's invalid-ordinal error).
pub fn check_index(i: usize) -> Result<()> {
    let n = device_count();
    if n == 0 {
        return Err(no_cuda_driver());
    }
    if i >= n {
        return Err(Error::runtime(
            "CUDA error: invalid device ordinal\nCUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.",
        ));
    }
    Ok(())
}
