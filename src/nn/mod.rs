//! `torch.nn`, `torch.nn.functional`, `torch.nn.init` and `torch.optim`. Modules and
//! optimizers arrive with the nn/optim issue; until then every name is absent, so
//! lookups raise PyTorch's AttributeError and imports fail clearly.

use crate::eval::Value;

/// `torch.nn.NAME`.
pub fn lookup(_name: &str) -> Option<Value> {
    None
}

/// `torch.nn.functional.NAME` beyond the plain torch functions.
pub fn functional_lookup(_name: &str) -> Option<Value> {
    None
}

/// `torch.nn.init.NAME`.
pub fn init_lookup(_name: &str) -> Option<Value> {
    None
}

/// `torch.optim.NAME`.
pub fn optim_lookup(_name: &str) -> Option<Value> {
    None
}
