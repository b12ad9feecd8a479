//! Every help table, with the topic it is filed under. Registering a module's table is one
//! line here: `("files", crate::path::to::module::HELP),`.

use super::tables;
use super::HelpEntry;

pub static TABLES: &[(&str, &[HelpEntry])] = &[
    ("creation", tables::creation::HELP),
    ("math", tables::pointwise::HELP),
    ("math", tables::linalg::HELP),
    ("math", tables::linalg::LINALG_HELP),
    ("math", tables::linalg::MODULE),
    ("reductions", tables::reductions::HELP),
    ("shapes", tables::shapes::HELP),
    ("indexing", tables::indexing::HELP),
    ("tensor", tables::tensor::HELP),
    ("tensor", tables::tensor::QUERIES),
    ("autograd", tables::autograd::HELP),
    ("nn", tables::nn::HELP),
    ("nn", tables::functional::HELP),
    ("nn", tables::functional::MODULES),
    ("nn", tables::module::HELP),
    ("optim", tables::optim::HELP),
    ("devices", tables::devices::HELP),
    ("math", tables::devices::CONSTANTS),
    ("python", tables::python::HELP),
    ("REPL", tables::repl::HELP),
    ("files", crate::eval::fileio::HELP),
    ("files", crate::eval::numpy::HELP),
    ("plots", crate::eval::plt::help::HELP),
    ("plots", crate::eval::tqdm::HELP),
];
