//! Help entries: one record per public function, method, module member or REPL topic.
//! Modules that define user-facing functions publish a `pub static HELP: &[HelpEntry]`
//! table next to the code; the help system (`help(x)`, `?x`, `:help x`) gathers them.

pub mod names;

/// One help entry. `name` is the qualified name a user types (`torch.matmul`,
/// `Tensor.sum`, `np.save`, `plt.plot`, `tqdm`); `signature` is Python-style
/// (`torch.matmul(input, other) -> Tensor`); `summary` is one or two sentences; `example`
/// is a short runnable tsr program (it may use `print`), checked by a test.
#[derive(Clone, Copy, Debug)]
pub struct HelpEntry {
    pub name: &'static str,
    pub signature: &'static str,
    pub summary: &'static str,
    pub example: &'static str,
}

#[cfg(test)]
mod dump {
    #[test]
    #[ignore]
    fn dump_names() {
        for q in super::names::all_qualified() {
            println!("NAME {q}");
        }
    }
}
