//! What the help system has to cover: every public name of every namespace tsr provides,
//! enumerated from the `NAMES` lists kept next to each lookup. The tests below check each
//! list both ways: every listed name resolves, and every string literal of the lookup's
//! source that resolves is listed (so a new `match` arm without a list entry fails).

use crate::eval::torch;
use crate::eval::value::Value;

/// One namespace: the prefix of its qualified names (`torch.nn`, `Tensor`; empty for the
/// builtins) and its member names.
pub struct Space {
    pub prefix: &'static str,
    pub names: Vec<&'static str>,
}

impl Space {
    /// `prefix.name` (just `name` for the builtins).
    pub fn qualified(&self, name: &str) -> String {
        qualify(self.prefix, name)
    }
}

pub fn qualify(prefix: &str, name: &str) -> String {
    if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") }
}

fn space(prefix: &'static str, lists: &[&[&'static str]]) -> Space {
    let mut names: Vec<&'static str> = Vec::new();
    for l in lists {
        for n in *l {
            if !names.contains(n) {
                names.push(n);
            }
        }
    }
    Space { prefix, names }
}

/// The names of the torch namespace.
pub fn torch_names() -> Vec<&'static str> {
    let shared = torch::functions::names();
    space(
        "torch",
        &[
            torch::NAMES,
            crate::tensor::DType::NAMES,
            torch::creation::NAMES,
            torch::linalg::TORCH_NAMES,
            crate::eval::fileio::TORCH_NAMES,
            &shared,
        ],
    )
    .names
}

/// The members of a tensor: attributes, tensor-only methods and the shared functions.
pub fn tensor_names() -> Vec<&'static str> {
    let methods = torch::methods::method_names();
    let shared = torch::functions::names();
    space("Tensor", &[torch::methods::ATTR_NAMES, &methods, &shared]).names
}

/// Every namespace whose members need a help entry.
pub fn spaces() -> Vec<Space> {
    use crate::nn;
    let exceptions: Vec<&'static str> = crate::error::ExcKind::ALL.iter().map(|k| k.name()).collect();
    let mut v = vec![
        Space { prefix: "torch", names: torch_names() },
        space("torch.nn", &[nn::MODULE_NAMES, nn::NAMES, &["functional", "init"]]),
        space("torch.nn.functional", &[nn::FUNCTIONAL_NAMES]),
        space("torch.nn.init", &[nn::init::NAMES]),
        space("torch.optim", &[nn::OPTIM_NAMES, &["lr_scheduler"]]),
        space("torch.optim.lr_scheduler", &[nn::LR_SCHEDULER_NAMES]),
        space("torch.linalg", &[torch::linalg::LINALG_NAMES, torch::functions::LINALG_NAMES]),
        space("torch.autograd", &[torch::AUTOGRAD_NAMES]),
        space("torch.cuda", &[torch::CUDA_NAMES]),
        space("torch.backends", &[torch::BACKENDS]),
        space("math", &[torch::pymath::MATH_NAMES]),
        space("time", &[torch::pymath::TIME_NAMES]),
        space("", &[crate::eval::builtins::NAMES, crate::eval::builtins::TYPE_NAMES, &exceptions]),
        Space { prefix: "Tensor", names: tensor_names() },
        space("Module", &[nn::module::METHOD_NAMES]),
        space("Optimizer", &[nn::optim::OPTIMIZER_NAMES]),
        space("StepLR", &[nn::optim::SCHEDULER_NAMES]),
        space("Generator", &[torch::creation::GENERATOR_NAMES]),
        space("", &[&["torch", "math", "time"]]),
        space("", &[crate::eval::plt::BARE_NAMES, crate::eval::tqdm::NAMES]),
        space("plt", &[crate::eval::plt::PYPLOT_NAMES]),
        space("np", &[crate::eval::numpy::NAMES]),
        space("safetensors", &[crate::eval::fileio::SAFETENSORS_NAMES]),
        space("safetensors.torch", &[crate::eval::fileio::SAFETENSORS_TORCH_NAMES]),
        space("safetensors.numpy", &[crate::eval::fileio::SAFETENSORS_NUMPY_NAMES]),
    ];
    for b in torch::BACKENDS {
        let prefix: &'static str = match *b {
            "mps" => "torch.backends.mps",
            "cuda" => "torch.backends.cuda",
            _ => "torch.backends.cudnn",
        };
        v.push(space(prefix, &[torch::BACKEND_NAMES]));
    }
    v
}

/// Every qualified name the help system must cover, in namespace order.
pub fn all_qualified() -> Vec<String> {
    let mut out = Vec::new();
    for s in spaces() {
        for n in &s.names {
            let q = s.qualified(n);
            if !out.contains(&q) {
                out.push(q);
            }
        }
    }
    out
}

/// Resolves a dotted path through the module namespaces (`torch.nn.functional.relu`,
/// `math.pi`); the first segment is a module tsr provides or a builtin name.
pub fn resolve_path(path: &str) -> Option<Value> {
    let mut parts = path.split('.');
    let first = parts.next()?;
    let mut cur = torch::module(first).or_else(|| crate::eval::builtins::lookup(first))?;
    for p in parts {
        cur = match &cur {
            Value::Namespace(ns) => (ns.get)(p)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// The members a dotted namespace path offers (for completion): `torch` → its names.
pub fn namespace_members(ns_name: &str) -> Vec<&'static str> {
    if ns_name == "torch" {
        return torch_names();
    }
    spaces().into_iter().filter(|s| s.prefix == ns_name).flat_map(|s| s.names).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{Interp, OutputFormat, Printer};

    fn interp() -> Interp {
        Interp::new(Printer::new(OutputFormat::Torch, false, 80, Box::new(std::io::sink())))
    }

    /// Identifier-like string literals of a source text (`"relu"`, `"zeros_"`).
    fn literals(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        let b = src.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'"' {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                    j += 1;
                }
                if j < b.len() && b[j] == b'"' && j > start {
                    out.push(src[start..j].to_string());
                    i = j + 1;
                    continue;
                }
                i = j.max(i + 1);
                continue;
            }
            i += 1;
        }
        out.sort();
        out.dedup();
        out
    }

    fn check_both_ways(what: &str, listed: &[&str], sources: &[&str], resolves: &mut dyn FnMut(&str) -> bool) {
        for n in listed {
            assert!(resolves(n), "{what}: listed name '{n}' does not resolve");
        }
        for src in sources {
            for lit in literals(src) {
                if resolves(&lit) {
                    assert!(listed.contains(&lit.as_str()), "{what}: '{lit}' resolves but is missing from its NAMES list");
                }
            }
        }
    }

    fn ns_resolver(path: &'static str) -> impl FnMut(&str) -> bool {
        move |n: &str| match resolve_path(path) {
            Some(Value::Namespace(ns)) => (ns.get)(n).is_some(),
            _ => false,
        }
    }

    #[test]
    fn torch_names_match_the_lookups() {
        let names = torch_names();
        let sources = [
            include_str!("../eval/torch/mod.rs"),
            include_str!("../eval/torch/creation.rs"),
            include_str!("../eval/torch/linalg.rs"),
            include_str!("../eval/torch/functions.rs"),
            include_str!("../eval/torch/reductions.rs"),
            include_str!("../eval/torch/shapefns.rs"),
            include_str!("../tensor/dtype.rs"),
        ];
        check_both_ways("torch", &names, &sources, &mut ns_resolver("torch"));
    }

    #[test]
    fn submodule_names_match_the_lookups() {
        let nn_src = include_str!("../nn/mod.rs");
        let torch_src = include_str!("../eval/torch/mod.rs");
        let cases: Vec<(&'static str, Vec<&str>)> = vec![
            ("torch.nn", vec![nn_src]),
            ("torch.nn.init", vec![include_str!("../nn/init.rs")]),
            ("torch.optim", vec![nn_src]),
            ("torch.optim.lr_scheduler", vec![nn_src]),
            ("torch.linalg", vec![include_str!("../eval/torch/linalg.rs"), include_str!("../eval/torch/functions.rs")]),
            ("torch.autograd", vec![torch_src]),
            ("torch.cuda", vec![torch_src]),
            ("torch.backends", vec![torch_src]),
            ("torch.backends.mps", vec![torch_src]),
            ("math", vec![include_str!("../eval/torch/pymath.rs")]),
            ("time", vec![include_str!("../eval/torch/pymath.rs")]),
        ];
        let all = spaces();
        for (prefix, srcs) in cases {
            let listed: Vec<&str> = all.iter().filter(|s| s.prefix == prefix).flat_map(|s| s.names.clone()).collect();
            assert!(!listed.is_empty(), "{prefix}: no names");
            check_both_ways(prefix, &listed, &srcs, &mut ns_resolver(prefix));
        }
        // F. reaches the torch functions too; its own list is what functional_lookup adds.
        check_both_ways(
            "torch.nn.functional",
            crate::nn::FUNCTIONAL_NAMES,
            &[nn_src],
            &mut |n| crate::nn::functional_lookup(n).is_some(),
        );
    }

    #[test]
    fn builtin_names_match_the_lookup() {
        let all = spaces();
        let listed: Vec<&str> = all.iter().filter(|s| s.prefix.is_empty()).flat_map(|s| s.names.clone()).collect();
        let sources = [include_str!("../eval/builtins.rs")];
        // `torch`, `math`, `time` are modules (importable), not builtins.
        let mut resolves = |n: &str| crate::eval::builtins::lookup(n).is_some() || torch::module(n).is_some();
        check_both_ways("builtins", &listed, &sources, &mut resolves);
    }

    #[test]
    fn tensor_names_match_tensor_attr() {
        let mut i = interp();
        let t = crate::tensor::Tensor::zeros(&[2, 2], crate::tensor::DType::F32).expect("tensor");
        let names = tensor_names();
        let sources = [include_str!("../eval/torch/methods.rs")];
        let mut resolves = |n: &str| !matches!(torch::methods::tensor_attr(&mut i, &t, n), Ok(None));
        check_both_ways("Tensor", &names, &sources, &mut resolves);
    }

    #[test]
    fn object_member_names_match_their_getattr() {
        let mut i = interp();
        let setup = "import torch\nm = torch.nn.Linear(2, 1)\nopt = torch.optim.SGD(m.parameters(), lr=0.1)\n\
                     sch = torch.optim.lr_scheduler.StepLR(opt, 1)\ng = torch.Generator()\n";
        assert!(i.run_source(setup, "<test>", false).is_ok());
        let cases: [(&str, &str, &str); 4] = [
            ("Module", "m", include_str!("../nn/module.rs")),
            ("Optimizer", "opt", include_str!("../nn/optim.rs")),
            ("StepLR", "sch", include_str!("../nn/optim.rs")),
            ("Generator", "g", include_str!("../eval/torch/creation.rs")),
        ];
        let all = spaces();
        for (prefix, var, src) in cases {
            let listed: Vec<&str> = all.iter().filter(|s| s.prefix == prefix).flat_map(|s| s.names.clone()).collect();
            let obj = i.globals.borrow().vars.get(var).cloned().expect("object");
            let mut resolves = |n: &str| {
                if prefix == "Module" {
                    return crate::nn::module::module_method_exists(n);
                }
                i.get_attr(&obj, n).is_ok()
            };
            check_both_ways(prefix, &listed, &[src], &mut resolves);
        }
    }

    #[test]
    fn literal_scanner_finds_identifiers_only() {
        assert_eq!(literals(r#"match x { "a_b" => 1, "c d" => 2, "e1" | "f" => 3 } "" "#), vec!["a_b", "e1", "f"]);
    }

    /// A resolver counting only functions (`Builtin` values) of a module namespace.
    fn fn_resolver(module: fn(&str) -> Option<Value>, path: &'static str, skip: &'static [&'static str]) -> impl FnMut(&str) -> bool {
        move |n: &str| {
            !skip.contains(&n)
                && matches!(module(path), Some(Value::Namespace(ns)) if matches!((ns.get)(n), Some(Value::Builtin(_))))
        }
    }

    #[test]
    fn file_plot_and_progress_names_match_their_lookups() {
        use crate::eval::{fileio, numpy, plt, tqdm};
        let mut np = |n: &str| matches!(numpy::attr(n), Some(Value::Builtin(_)));
        check_both_ways("numpy", numpy::NAMES, &[include_str!("../eval/numpy/mod.rs")], &mut np);
        let src = [include_str!("../eval/plt/mod.rs")];
        check_both_ways("pyplot", plt::PYPLOT_NAMES, &src, &mut fn_resolver(plt::module, "matplotlib.pyplot", plt::NOT_SUPPORTED));
        let mut bare = |n: &str| plt::builtin(n).is_some();
        check_both_ways("plot builtins", plt::BARE_NAMES, &src, &mut bare);
        check_both_ways("tqdm", tqdm::NAMES, &[include_str!("../eval/tqdm.rs")], &mut fn_resolver(tqdm::module, "tqdm", &[]));
        let src = [include_str!("../eval/fileio.rs")];
        check_both_ways("safetensors", fileio::SAFETENSORS_NAMES, &src, &mut fn_resolver(fileio::module, "safetensors", &[]));
        let not_impl: &[&str] = &["save", "load", "save_model", "load_model"];
        check_both_ways(
            "safetensors.torch",
            fileio::SAFETENSORS_TORCH_NAMES,
            &src,
            &mut fn_resolver(fileio::module, "safetensors.torch", not_impl),
        );
        check_both_ways("safetensors.numpy", fileio::SAFETENSORS_NUMPY_NAMES, &src, &mut fn_resolver(fileio::module, "safetensors.numpy", &[]));
        let mut t = |n: &str| fileio::torch_lookup(n).is_some();
        check_both_ways("torch (files)", fileio::TORCH_NAMES, &src, &mut t);
    }
}
