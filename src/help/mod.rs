//! Help entries: one record per public function, method, module member or REPL topic.
//! Modules that define user-facing functions publish a `pub static HELP: &[HelpEntry]`
//! table next to the code; the help system (`help(x)`, `?x`, `:help x`) gathers them.
//!
//! `registry` lists the tables (one line each, with the topic they belong to), `lookup`
//! finds an entry for a name or a value (with the derived forms: `Tensor.sum` from
//! `torch.sum`, `abs_` from `abs`), `render` formats entries and topic lists, `names`
//! enumerates what must be covered.

pub mod lookup;
pub mod names;
pub mod registry;
pub mod render;
mod tables;

pub use lookup::{find, search, Found};

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

/// A `HelpEntry` in a table: `e(name, signature, summary, example)`.
pub const fn e(name: &'static str, signature: &'static str, summary: &'static str, example: &'static str) -> HelpEntry {
    HelpEntry { name, signature, summary, example }
}

/// A help topic: what `:help` lists.
pub struct Topic {
    pub name: &'static str,
    pub title: &'static str,
}

/// The topics, in the order `:help` shows them. Tables are filed under one of these in
/// `registry::TABLES`.
pub const TOPICS: &[Topic] = &[
    Topic { name: "creation", title: "making tensors: factories, ranges, random sampling" },
    Topic { name: "math", title: "element-wise math, comparisons, activations, matrix products" },
    Topic { name: "reductions", title: "sums, means, max/min, sorting, statistics" },
    Topic { name: "shapes", title: "reshape, permute, squeeze, cat, stack, split" },
    Topic { name: "indexing", title: "gather, scatter, masks, where, triangles" },
    Topic { name: "tensor", title: "tensor attributes and methods (x.shape, x.item(), x.to(…))" },
    Topic { name: "autograd", title: "requires_grad, backward, grad, no_grad" },
    Topic { name: "nn", title: "layers, losses, torch.nn.functional, torch.nn.init" },
    Topic { name: "optim", title: "optimizers and learning-rate schedulers" },
    Topic { name: "devices", title: "dtypes, devices, CUDA, generators, print options" },
    Topic { name: "files", title: "saving and loading tensors and models" },
    Topic { name: "plots", title: "plots and progress bars" },
    Topic { name: "python", title: "Python builtins, math, time, exceptions" },
    Topic { name: "REPL", title: "REPL commands (:vars, :time, :graph, …) and editing keys" },
];

/// The topic named `name` (case-insensitive).
pub fn topic(name: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.name.eq_ignore_ascii_case(name))
}

/// The entries filed under a topic, in table order.
pub fn topic_entries(topic: &str) -> Vec<&'static HelpEntry> {
    registry::TABLES.iter().filter(|(t, _)| t.eq_ignore_ascii_case(topic)).flat_map(|(_, es)| es.iter()).collect()
}

/// `help(…)` as a script function: prints the entry for its argument (a value, or a
/// string naming a function or topic); with no argument, the topic list.
pub fn help_builtin(interp: &mut crate::eval::Interp, args: crate::eval::Args) -> crate::Result<crate::eval::Value> {
    let text = match args.pos.first() {
        None => render::topics(),
        Some(v) => render::for_value(interp, v),
    };
    interp.out.write_str(&text);
    Ok(crate::eval::Value::None)
}

#[cfg(test)]
mod tests;
