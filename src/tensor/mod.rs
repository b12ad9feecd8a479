//! The strided tensor runtime. `Tensor` is a cheap handle (`Rc`) to a `TensorImpl`: a
//! shared `Storage`, a `Layout` (shape, strides, offset) and autograd metadata. Views share
//! storage; ops live in `ops/` by family. This layer knows nothing of spans or `Value`s.

pub mod dtype;
pub mod layout;
pub mod ops;
pub mod storage;

use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

pub use dtype::{DType, Element, Scalar};
pub use layout::{Layout, Shape};
pub use storage::{Buffer, BufferElem, Storage};

use crate::autograd::AutogradMeta;
use crate::error::{Error, Result};

/// Where a tensor's storage lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Device {
    Cpu,
    Cuda(usize),
}

impl std::fmt::Display for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Device::Cpu => write!(f, "cpu"),
            Device::Cuda(i) => write!(f, "cuda:{i}"),
        }
    }
}

/// The storage and layout of a tensor; replaced whole by layout-changing in-place ops
/// (`unsqueeze_`, `t_`, `x.data = …`).
#[derive(Clone, Debug)]
pub struct View {
    pub storage: Rc<Storage>,
    pub layout: Layout,
}

#[derive(Debug)]
pub struct TensorImpl {
    view: RefCell<View>,
    /// A Python number converted to a 0-d tensor: lowest priority in type promotion.
    pub wrapped_number: bool,
    /// Autograd state (requires_grad, grad, grad_fn, version at save time…).
    pub autograd: RefCell<AutogradMeta>,
}

/// A tensor handle. Cloning the handle aliases the same tensor object (Python identity);
/// use `ops::clone` for a data copy.
#[derive(Clone, Debug)]
pub struct Tensor(pub Rc<TensorImpl>);

impl Tensor {
    /// A tensor over `storage` with `layout`.
    pub fn from_view(storage: Rc<Storage>, layout: Layout) -> Tensor {
        Tensor(Rc::new(TensorImpl {
            view: RefCell::new(View { storage, layout }),
            wrapped_number: false,
            autograd: RefCell::new(AutogradMeta::default()),
        }))
    }

    /// A contiguous tensor owning `buf`, of `shape` (the caller guarantees the length).
    pub fn from_buffer(buf: Buffer, shape: &[usize]) -> Tensor {
        debug_assert_eq!(buf.len(), shape.iter().product::<usize>());
        Self::from_view(Rc::new(Storage::new(buf)), Layout::contiguous(shape))
    }

    /// A contiguous tensor from a typed vector.
    pub fn from_vec<T: BufferElem>(v: Vec<T>, shape: &[usize]) -> Tensor {
        Self::from_buffer(T::wrap(v), shape)
    }

    /// A 0-d tensor holding one value of `dtype`.
    pub fn scalar(s: Scalar, dtype: DType) -> Tensor {
        crate::dispatch!(dtype, T => Self::from_vec(vec![<T as Element>::from_scalar(s)], &[]))
    }

    /// A Python number as a "wrapped number" 0-d tensor (int64, float64, bool or complex).
    pub fn wrapped(s: Scalar) -> Tensor {
        let t = Self::scalar(s, s.dtype());
        Tensor(Rc::new(TensorImpl {
            view: RefCell::new(t.view().clone()),
            wrapped_number: true,
            autograd: RefCell::new(AutogradMeta::default()),
        }))
    }

    /// Zero-filled contiguous tensor.
    pub fn zeros(shape: &[usize], dtype: DType) -> Result<Tensor> {
        let n = storage::check_alloc(shape, dtype)?;
        Ok(Self::from_buffer(Buffer::zeros(dtype, n), shape))
    }

    /// A new tensor object sharing this one's storage with another layout (a view).
    pub fn with_layout(&self, layout: Layout) -> Tensor {
        Self::from_view(self.storage(), layout)
    }

    pub fn view(&self) -> Ref<'_, View> {
        self.0.view.borrow()
    }

    /// Replaces storage and layout (layout-changing in-place ops, `x.data = y`).
    pub fn set_view(&self, v: View) {
        *self.0.view.borrow_mut() = v;
    }

    pub fn storage(&self) -> Rc<Storage> {
        self.0.view.borrow().storage.clone()
    }

    pub fn layout(&self) -> Layout {
        self.0.view.borrow().layout.clone()
    }

    pub fn shape(&self) -> Shape {
        self.0.view.borrow().layout.shape.clone()
    }

    pub fn strides(&self) -> layout::Strides {
        self.0.view.borrow().layout.strides.clone()
    }

    pub fn offset(&self) -> usize {
        self.0.view.borrow().layout.offset
    }

    pub fn ndim(&self) -> usize {
        self.0.view.borrow().layout.shape.len()
    }

    pub fn numel(&self) -> usize {
        self.0.view.borrow().layout.numel()
    }

    pub fn dtype(&self) -> DType {
        self.0.view.borrow().storage.dtype()
    }

    pub fn device(&self) -> Device {
        self.0.view.borrow().storage.device()
    }

    /// True when the storage is device memory (host kernels must not read it).
    pub fn on_device_memory(&self) -> bool {
        self.0.view.borrow().storage.device_mem().is_some()
    }

    pub fn is_contiguous(&self) -> bool {
        self.0.view.borrow().layout.is_contiguous()
    }

    pub fn is_wrapped_number(&self) -> bool {
        self.0.wrapped_number
    }

    /// Same tensor object (Python `is`).
    pub fn same(&self, other: &Tensor) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// Same storage allocation (views of one another).
    pub fn shares_storage(&self, other: &Tensor) -> bool {
        Rc::ptr_eq(&self.view().storage, &other.view().storage)
    }

    /// `data_ptr()`: storage address plus offset in bytes.
    pub fn data_ptr(&self) -> usize {
        let v = self.view();
        v.storage.base_address() + v.layout.offset * self.dtype().itemsize()
    }

    /// Elements in row-major order as a new `Vec<T>`; `T` must be this tensor's dtype.
    pub fn to_vec<T: BufferElem>(&self) -> Vec<T> {
        let v = self.view();
        let buf = v.storage.data();
        let s = buf.as_slice::<T>();
        let l = &v.layout;
        if l.is_contiguous() {
            let n = l.numel();
            return s[l.offset..l.offset + n].to_vec();
        }
        let mut out = Vec::with_capacity(l.numel());
        l.for_each_offset(|o| out.push(s[o]));
        out
    }

    /// Elements converted to `T` with PyTorch's cast rules, in row-major order.
    pub fn to_vec_as<T: BufferElem>(&self) -> Vec<T> {
        crate::dispatch!(self.dtype(), S => {
            if S::DTYPE == T::DTYPE {
                // Same type: a plain copy.
                let v: Vec<S> = self.to_vec::<S>();
                v.into_iter().map(|x| x.cast::<T>()).collect()
            } else {
                let v = self.view();
                let buf = v.storage.data();
                let s = buf.as_slice::<S>();
                let mut out = Vec::with_capacity(v.layout.numel());
                v.layout.for_each_offset(|o| out.push(s[o].cast::<T>()));
                out
            }
        })
    }

    /// All elements as dtype-erased scalars (printing, `tolist`).
    pub fn to_scalars(&self) -> Vec<Scalar> {
        if self.on_device_memory() {
            return crate::format::elements::printable(self).to_scalars();
        }
        crate::dispatch!(self.dtype(), T => {
            let v = self.view();
            let buf = v.storage.data();
            let s = buf.as_slice::<T>();
            let mut out = Vec::with_capacity(v.layout.numel());
            v.layout.for_each_offset(|o| out.push(s[o].to_scalar()));
            out
        })
    }

    /// The value of a one-element tensor (`item()`), with PyTorch's error otherwise.
    pub fn item(&self) -> Result<Scalar> {
        let n = self.numel();
        if n != 1 {
            return Err(Error::runtime(format!(
                "a Tensor with {n} elements cannot be converted to Scalar"
            )));
        }
        if self.on_device_memory() {
            return crate::backend::host(self)?.item();
        }
        crate::dispatch!(self.dtype(), T => {
            let v = self.view();
            let buf = v.storage.data();
            Ok(buf.as_slice::<T>()[v.layout.offset].to_scalar())
        })
    }

    /// A contiguous copy in a new storage (always a copy).
    pub fn copy_contiguous(&self) -> Tensor {
        #[cfg(feature = "cuda")]
        if self.on_device_memory() {
            return crate::backend::cuda::ops::cast_or_unwind(self, self.dtype());
        }
        let shape = self.shape();
        crate::dispatch!(self.dtype(), T => Tensor::from_vec(self.to_vec::<T>(), &shape))
    }

    /// This tensor if already contiguous, else a contiguous copy.
    pub fn contiguous(&self) -> Tensor {
        if self.is_contiguous() { self.clone() } else { self.copy_contiguous() }
    }

    /// A copy converted to `dtype` (a new tensor even when the dtype is the same).
    pub fn cast(&self, dtype: DType) -> Tensor {
        #[cfg(feature = "cuda")]
        if self.on_device_memory() {
            return crate::backend::cuda::ops::cast_or_unwind(self, dtype);
        }
        let shape = self.shape();
        crate::dispatch!(dtype, T => Tensor::from_vec(self.to_vec_as::<T>(), &shape))
    }

    /// This tensor if it already has `dtype`, else a converted copy.
    pub fn to_dtype(&self, dtype: DType) -> Tensor {
        if self.dtype() == dtype { self.clone() } else { self.cast(dtype) }
    }

    /// Runs `f` on the typed contents (storage slice and layout) without copying.
    pub fn with_slice<T: BufferElem, R>(&self, f: impl FnOnce(&[T], &Layout) -> R) -> R {
        let v = self.view();
        let buf = v.storage.data();
        f(buf.as_slice::<T>(), &v.layout)
    }

    /// Runs `f` on the mutable storage vector and layout (in-place writes; bumps the version).
    pub fn with_slice_mut<T: BufferElem, R>(&self, f: impl FnOnce(&mut [T], &Layout) -> R) -> R {
        let v = self.view();
        let mut buf = v.storage.data_mut();
        f(buf.as_mut_vec::<T>().as_mut_slice(), &v.layout)
    }

    pub fn autograd(&self) -> Ref<'_, AutogradMeta> {
        self.0.autograd.borrow()
    }

    pub fn autograd_mut(&self) -> RefMut<'_, AutogradMeta> {
        self.0.autograd.borrow_mut()
    }

    pub fn requires_grad(&self) -> bool {
        self.0.autograd.borrow().requires_grad
    }
}

thread_local! {
    static DEFAULT_DTYPE: std::cell::Cell<DType> = const { std::cell::Cell::new(DType::F32) };
}

/// `torch.get_default_dtype()`: the dtype of float literals and float factories.
pub fn default_dtype() -> DType {
    DEFAULT_DTYPE.with(|d| d.get())
}

/// `torch.set_default_dtype(d)`.
pub fn set_default_dtype(d: DType) {
    DEFAULT_DTYPE.with(|c| c.set(d));
}
