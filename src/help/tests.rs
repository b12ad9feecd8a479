use super::lookup::{find, keyword_params, search};
use super::*;

/// The qualified names (and REPL commands) that have no entry, stored or derived.
pub fn missing() -> Vec<String> {
    let mut names = names::all_qualified();
    names.extend(crate::repl::meta::COMMANDS.iter().map(|c| format!(":{c}")));
    names.into_iter().filter(|q| find(q).is_none()).collect()
}

#[test]
fn every_public_name_has_an_entry() {
    let m = missing();
    assert!(m.is_empty(), "{} names without a help entry: {:?}", m.len(), m);
}

#[test]
fn no_name_has_two_entries() {
    let mut seen = std::collections::HashSet::new();
    for (e, _) in lookup::all_entries() {
        assert!(seen.insert(e.name), "two help entries for {}", e.name);
    }
}

#[test]
fn entries_are_filled_in_and_filed_under_known_topics() {
    for (topic_name, table) in registry::TABLES {
        assert!(topic(topic_name).is_some(), "unknown topic {topic_name}");
        for e in table.iter() {
            assert!(!e.signature.is_empty() && !e.summary.is_empty() && !e.example.is_empty(), "{} is incomplete", e.name);
            assert!(e.signature.starts_with(e.name) || e.name.starts_with(':'), "{}: signature '{}' does not name it", e.name, e.signature);
            assert!(!e.summary.contains("  ") && !e.summary.contains(":attr:") && !e.summary.contains("``"), "{}: summary markup", e.name);
        }
    }
}

#[test]
fn derived_entries() {
    let m = find("Tensor.sum").expect("Tensor.sum");
    assert!(m.signature.starts_with("Tensor.sum("), "{}", m.signature);
    assert!(!m.signature.contains("input"), "{}", m.signature);
    assert!(m.note.as_deref().unwrap_or("").contains("torch.sum"));
    let ip = find("torch.abs_").expect("abs_");
    assert!(ip.signature.starts_with("torch.abs_("), "{}", ip.signature);
    assert!(find("Tensor.add_").is_some());
    assert!(find("torch.nn.functional.relu").is_some());
    // A dtype is not a function: Tensor.float has its own entry, not torch.float's.
    assert!(find("Tensor.float").expect("float").signature.starts_with("Tensor.float()"));
    assert!(find("Tensor.no_such_thing").is_none());
}

#[test]
fn what_users_type_finds_the_entry() {
    let cases = [
        ("matmul", "torch.matmul"),
        ("torch.matmul", "torch.matmul"),
        ("x.sum", "Tensor.sum"),
        ("F.relu", "torch.nn.functional.relu"),
        ("nn.Linear", "torch.nn.Linear"),
        ("optim.SGD", "torch.optim.SGD"),
        ("print", "print"),
        ("vars", ":vars"),
        (":timeit", ":timeit"),
        ("view", "Tensor.view"),
        ("model.parameters", "Module.parameters"),
        ("torch.Tensor.view", "Tensor.view"),
        ("sqrt()", "torch.sqrt"),
    ];
    for (q, want) in cases {
        let f = search(q).unwrap_or_else(|s| panic!("no entry for {q}: {s:?}"));
        assert_eq!(f.name, want, "query {q}");
    }
    let err = search("matmull").expect_err("typo");
    assert!(err.iter().any(|s| s == "torch.matmul"), "{err:?}");
}

#[test]
fn keyword_params_of_a_signature() {
    let k = keyword_params("torch.sum(input, dim=None, keepdim=False, *, dtype=None) -> Tensor");
    assert_eq!(k, vec!["input", "dim", "keepdim", "dtype"]);
    assert_eq!(keyword_params("torch.zeros(*size, *, dtype=None)"), vec!["dtype"]);
}

#[test]
fn values_map_to_their_entries() {
    use crate::eval::{Interp, OutputFormat, Printer};
    let mut i = Interp::new(Printer::new(OutputFormat::Torch, false, 80, Box::new(std::io::sink())));
    let src = "import torch.nn.functional as F\nx = torch.ones(2)\nm = torch.nn.Linear(2, 1)\nopt = torch.optim.SGD(m.parameters(), lr=0.1)\n\
               vals = [torch.matmul, x.sum, F.relu, torch.nn.Linear, m, m.parameters, opt.step, torch.float32, x, torch.linalg.inv, \
               torch.cuda.is_available, print, math_sqrt, torch.no_grad, torch.einsum]\n";
    let src = src.replace("math_sqrt", "__import__");
    assert!(i.run_source(&src, "<t>", false).is_ok());
    let vals = match i.globals.borrow().vars.get("vals").cloned() {
        Some(crate::eval::Value::List(l)) => l.borrow().clone(),
        _ => panic!("vals"),
    };
    let want = [
        "torch.matmul", "Tensor.sum", "torch.nn.functional.relu", "torch.nn.Linear", "torch.nn.Linear", "Module.parameters",
        "Optimizer.step", "torch.float32", "torch.Tensor", "torch.linalg.inv", "torch.cuda.is_available", "print", "__import__",
        "torch.no_grad", "torch.einsum",
    ];
    for (v, w) in vals.iter().zip(want) {
        let n = lookup::name_for_value(v).expect("name");
        assert_eq!(n, w);
        assert!(find(&n).is_some() || search(&n).is_ok(), "no entry for {n}");
    }
}

#[test]
fn rendering() {
    let f = find("torch.matmul").expect("matmul");
    let text = render::entry(&f);
    assert!(text.starts_with("torch.matmul("));
    assert!(text.contains("Example:\n>>> "));
    assert_eq!(render::prompted("for i in range(2):\n    print(i)\nprint(3)"), ">>> for i in range(2):\n...     print(i)\n>>> print(3)\n");
    let t = render::topics();
    for name in ["creation", "math", "reductions", "shapes", "indexing", "autograd", "nn", "optim", "devices", "files", "plots", "REPL"] {
        assert!(t.contains(&format!("  {name} ")), "topic {name} missing from:\n{t}");
    }
    assert!(render::for_query("shapes").contains("torch.reshape"));
    assert!(render::for_query("nosuchthing").starts_with("No help entry for 'nosuchthing'."));
}
