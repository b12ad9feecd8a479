//! Finding help: by qualified name (with the derived forms), by what a user types
//! (`matmul`, `F.relu`, `x.sum`, `:vars`), and by value (`help(torch.matmul)`).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::registry::TABLES;
use super::HelpEntry;
use crate::eval::value::Value;

/// An entry as shown: the stored one, or one derived from it (method form, in-place form,
/// `F.` re-export).
#[derive(Clone, Debug)]
pub struct Found {
    pub name: String,
    pub signature: String,
    pub summary: String,
    /// How this entry relates to the stored one it was derived from, if it was.
    pub note: Option<String>,
    pub example: &'static str,
    pub topic: &'static str,
}

static INDEX: LazyLock<HashMap<&'static str, (&'static HelpEntry, &'static str)>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (topic, table) in TABLES {
        for e in table.iter() {
            m.entry(e.name).or_insert((e, *topic));
        }
    }
    m
});

/// The stored entry named exactly `name`, with its topic.
pub fn entry(name: &str) -> Option<(&'static HelpEntry, &'static str)> {
    INDEX.get(name).copied()
}

/// Every stored entry, in registry order.
pub fn all_entries() -> impl Iterator<Item = (&'static HelpEntry, &'static str)> {
    TABLES.iter().flat_map(|(topic, t)| t.iter().map(move |e| (e, *topic)))
}

fn stored(e: &'static HelpEntry, topic: &'static str) -> Found {
    Found {
        name: e.name.to_string(),
        signature: e.signature.to_string(),
        summary: e.summary.to_string(),
        note: None,
        example: e.example,
        topic,
    }
}

/// The entry for a qualified name: stored, or derived — `Tensor.X` from `torch.X` (the
/// method passes the tensor as the first argument), `X_` from `X` (in place),
/// `torch.nn.functional.X` from `torch.X`.
pub fn find(name: &str) -> Option<Found> {
    find_depth(name, 0)
}

fn find_depth(name: &str, depth: usize) -> Option<Found> {
    if let Some((e, t)) = entry(name) {
        return Some(stored(e, t));
    }
    if depth > 2 {
        return None;
    }
    if let Some(base) = name.strip_suffix('_').filter(|b| !b.ends_with('_') && !b.ends_with('.')) {
        if let Some(f) = find_depth(base, depth + 1) {
            return Some(Found {
                signature: rename(&f.signature, &f.name, name),
                note: Some(format!("In-place form of {}: it writes the result into its input and returns it.", f.name)),
                name: name.to_string(),
                ..f
            });
        }
    }
    if let Some(rest) = name.strip_prefix("Tensor.") {
        // Only functions have a method form (`torch.float` is a dtype, `Tensor.float` a cast).
        let base = format!("torch.{rest}");
        if let Some(f) = find_depth(&base, depth + 1).filter(|f| f.signature.starts_with(&format!("{}(", f.name))) {
            return Some(Found {
                signature: method_signature(&f.signature, &f.name, name),
                note: Some(format!("Method form of {}: x.{rest}(…) is {}(x, …).", f.name, f.name)),
                name: name.to_string(),
                ..f
            });
        }
    }
    if let Some(rest) = name.strip_prefix("torch.nn.functional.") {
        if let Some(f) = find_depth(&format!("torch.{rest}"), depth + 1) {
            return Some(Found {
                signature: rename(&f.signature, &f.name, name),
                note: Some(format!("The same function as {}.", f.name)),
                name: name.to_string(),
                ..f
            });
        }
    }
    None
}

/// `sig` with its leading name `old` replaced by `new`.
fn rename(sig: &str, old: &str, new: &str) -> String {
    match sig.strip_prefix(old) {
        Some(rest) => format!("{new}{rest}"),
        None => sig.to_string(),
    }
}

/// `torch.sum(input, dim=None) -> Tensor` as the method `Tensor.sum(dim=None) -> Tensor`:
/// the first parameter (the tensor) is the receiver.
fn method_signature(sig: &str, old: &str, new: &str) -> String {
    let Some(rest) = sig.strip_prefix(old).and_then(|r| r.strip_prefix('(')) else {
        return rename(sig, old, new);
    };
    let Some(close) = matching_paren(rest) else { return rename(sig, old, new) };
    let params = &rest[..close];
    let tail = &rest[close + 1..];
    let mut ps = split_params(params);
    if ps.first().is_some_and(|p| !p.starts_with('*')) {
        ps.remove(0);
    }
    format!("{new}({}){tail}", ps.join(", "))
}

/// Index of the `)` closing an already-open `(` in `s`.
pub fn matching_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// The top-level comma-separated parts of a parameter list.
pub fn split_params(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == ',' && depth == 0 {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The keyword parameters a signature names (`dim`, `keepdim`, `dtype`, …).
pub fn keyword_params(sig: &str) -> Vec<String> {
    let Some(open) = sig.find('(') else { return Vec::new() };
    let rest = &sig[open + 1..];
    let Some(close) = matching_paren(rest) else { return Vec::new() };
    split_params(&rest[..close])
        .into_iter()
        .filter_map(|p| {
            let n = p.split('=').next().unwrap_or("").trim().to_string();
            let ok = !n.is_empty() && !n.starts_with('*') && n != "/" && n.chars().all(|c| c.is_alphanumeric() || c == '_');
            ok.then_some(n)
        })
        .collect()
}

/// Short spellings users type for namespaces.
const PREFIXES: &[(&str, &str)] = &[
    ("F.", "torch.nn.functional."),
    ("nn.functional.", "torch.nn.functional."),
    ("nn.init.", "torch.nn.init."),
    ("init.", "torch.nn.init."),
    ("nn.", "torch.nn."),
    ("optim.lr_scheduler.", "torch.optim.lr_scheduler."),
    ("lr_scheduler.", "torch.optim.lr_scheduler."),
    ("optim.", "torch.optim."),
    ("linalg.", "torch.linalg."),
    ("autograd.", "torch.autograd."),
    ("cuda.", "torch.cuda."),
    ("torch.Tensor.", "Tensor."),
];

/// Where a bare name is looked for, in order.
const SHORT_ORDER: &[&str] = &[
    "torch.", "", "Tensor.", "torch.nn.", "torch.nn.functional.", "torch.linalg.", "torch.nn.init.",
    "torch.optim.", "torch.optim.lr_scheduler.", "torch.autograd.", "torch.cuda.", "Module.", "Optimizer.",
    "math.", "time.",
];

/// Help for what a user typed: a qualified name, a short name (`matmul` → `torch.matmul`),
/// an alias prefix (`F.relu`, `nn.Linear`), `x.sum` (→ `Tensor.sum`) or a REPL command
/// (`:vars`). `Err` holds suggestions for a name with no entry.
pub fn search(query: &str) -> Result<Found, Vec<String>> {
    let q = query.trim().trim_end_matches("()").trim();
    if q.is_empty() {
        return Err(Vec::new());
    }
    if let Some(f) = find(q) {
        return Ok(f);
    }
    for (short, long) in PREFIXES {
        if let Some(rest) = q.strip_prefix(short) {
            if let Some(f) = find(&format!("{long}{rest}")) {
                return Ok(f);
            }
        }
    }
    if let Some((_, last)) = q.rsplit_once('.') {
        // `x.sum` for a tensor `x`, `model.parameters` for a module.
        for p in ["Tensor.", "Module.", "Optimizer."] {
            if let Some(f) = find(&format!("{p}{last}")) {
                return Ok(f);
            }
        }
    } else {
        for p in SHORT_ORDER {
            if let Some(f) = find(&format!("{p}{q}")) {
                return Ok(f);
            }
        }
        // Tables registered by other modules (`np.save`, `plt.plot`, …).
        if let Some((e, t)) = all_entries().find(|(e, _)| e.name.rsplit('.').next() == Some(q)) {
            return Ok(stored(e, t));
        }
        if !q.starts_with(':') {
            if let Some(f) = find(&format!(":{q}")) {
                return Ok(f);
            }
        }
    }
    Err(suggestions(q))
}

/// Entry names close to `q` (edit distance on the last segment, or containing it).
pub fn suggestions(q: &str) -> Vec<String> {
    let last = q.rsplit('.').next().unwrap_or(q).to_lowercase();
    let mut scored: Vec<(usize, &str)> = all_entries()
        .filter_map(|(e, _)| {
            let el = e.name.rsplit('.').next().unwrap_or(e.name).to_lowercase();
            let d = edit_distance(&last, &el);
            let limit = (last.len() / 3).max(1);
            if d <= limit {
                Some((d, e.name))
            } else if last.len() >= 3 && el.contains(&last) {
                Some((limit + 1, e.name))
            } else {
                None
            }
        })
        .collect();
    // Closest first; among equals the shorter (less nested) name.
    scored.sort_by(|a, b| (a.0, a.1.len(), a.1).cmp(&(b.0, b.1.len(), b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(6).map(|(_, n)| n.to_string()).collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// (function pointer, name) of every unbound native function reachable from a namespace →
/// its qualified name (first namespace wins), so `help(f)` names `f` however it was reached.
static BY_FN: LazyLock<HashMap<(usize, &'static str), String>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for s in super::names::spaces() {
        let module_space = s.prefix.is_empty() || s.prefix.starts_with("torch") || s.prefix == "math" || s.prefix == "time";
        if !module_space {
            continue;
        }
        for n in &s.names {
            let q = s.qualified(n);
            if let Some(Value::Builtin(b)) = super::names::resolve_path(&q) {
                if b.bound.is_none() {
                    m.entry((b.f as usize, b.name)).or_insert(q);
                }
            }
        }
    }
    m
});

fn object_prefix(type_name: &str) -> &'static str {
    if crate::nn::MODULE_NAMES.contains(&type_name) {
        "Module"
    } else if crate::nn::OPTIM_NAMES.contains(&type_name) {
        "Optimizer"
    } else if crate::nn::LR_SCHEDULER_NAMES.contains(&type_name) {
        "StepLR"
    } else {
        ""
    }
}

/// The qualified name help should show for a value (`None` for values with no entry of
/// their own, such as user functions).
pub fn name_for_value(v: &Value) -> Option<String> {
    use crate::eval::value::TypeObj;
    Some(match v {
        Value::Builtin(b) => match &b.bound {
            Some(Value::Tensor(_)) => format!("Tensor.{}", b.name),
            Some(Value::Generator(_)) => format!("Generator.{}", b.name),
            Some(Value::Object(o)) => {
                let p = object_prefix(o.type_name());
                if p.is_empty() { format!("{}.{}", o.type_name(), b.name) } else { format!("{p}.{}", b.name) }
            }
            Some(other) => format!("{}.{}", other.type_name(), b.name),
            None => match b.qual {
                Some(q) => format!("{q}.{}", b.name),
                None => BY_FN.get(&(b.f as usize, b.name)).cloned().unwrap_or_else(|| b.name.to_string()),
            },
        },
        Value::Namespace(ns) => ns.name.to_string(),
        Value::Type(t) => match t {
            TypeObj::Tensor => "torch.Tensor".into(),
            TypeObj::Size => "torch.Size".into(),
            TypeObj::DType => "torch.dtype".into(),
            TypeObj::Device => "torch.device".into(),
            TypeObj::Generator => "torch.Generator".into(),
            other => other.name().to_string(),
        },
        Value::Object(o) => {
            let t = o.type_name();
            match object_prefix(t) {
                "Module" => format!("torch.nn.{t}"),
                "Optimizer" => format!("torch.optim.{t}"),
                "StepLR" => format!("torch.optim.lr_scheduler.{t}"),
                _ if ["no_grad", "enable_grad", "inference_mode", "set_grad_enabled"].contains(&t) => format!("torch.{t}"),
                _ if t.ends_with("Backward0") || t.ends_with("Backward1") || t == "AccumulateGrad" => "Tensor.grad_fn".into(),
                _ => t.to_string(),
            }
        }
        Value::Tensor(_) => "torch.Tensor".into(),
        Value::DType(d) => d.to_string(),
        Value::Device(_) => "torch.device".into(),
        Value::Generator(_) => "torch.Generator".into(),
        Value::Size(_) => "torch.Size".into(),
        Value::Exception(e) => e.kind.name().to_string(),
        Value::Function(_) => return None,
        Value::Str(_) => return None,
        other => other.type_of().name().to_string(),
    })
}
