//! Output formatting: PyTorch's tensor repr (byte-exact), Python value formatting
//! (`repr(float)`, the format mini-language, `repr(str)`), human tables for
//! `--format table`, and JSON for `--format json`.

pub mod elements;
pub mod json;
pub mod palette;
pub mod pyfmt;
pub mod table;
pub mod torch_repr;

pub use json::{Json, float_json, str_json, tensor_json};
pub use pyfmt::{FmtArg, float_repr, format_spec, str_repr};
pub use table::{TableStyle, tensor_table};
pub use torch_repr::{
    PrintOptions, named_tuple_repr, print_options, profile, set_print_options, tensor_repr,
    tensor_repr_indented,
};
