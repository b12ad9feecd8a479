//! Integration tests: the real `tsr` binary on scripts and command lines.
mod cli {
    pub mod common;
    mod errors;
    mod golden;
    mod options;
    mod autograd;
    mod random_api;
    mod plots;
}
