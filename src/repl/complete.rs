//! Tab completion: variables, builtins and keywords; members after a dot (`torch.`, `nn.`,
//! `F.`, `x.` for a tensor, any object the session holds); keyword arguments inside a
//! call; file paths inside string literals and after `:load` / `:save`; `:` commands.
//! The session is reached through `Env`, so the logic is testable without a terminal.

/// What completion needs from the session.
pub trait Env {
    /// The session's variable names.
    fn variables(&self) -> Vec<String>;
    /// The attribute names of the object at a dotted path (`torch.nn`, `x`, `model`).
    fn members(&mut self, path: &str) -> Option<Vec<String>>;
    /// The signature of the callable at a dotted path (`torch.zeros`, `x.sum`, `f`).
    fn signature(&mut self, path: &str) -> Option<String>;
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub display: String,
    pub replacement: String,
}

fn cand(s: impl Into<String>) -> Candidate {
    let s = s.into();
    Candidate { display: s.clone(), replacement: s }
}

/// Names that are always there.
pub fn global_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = crate::eval::builtins::NAMES.to_vec();
    v.extend(crate::eval::builtins::TYPE_NAMES);
    v.extend(crate::error::ExcKind::ALL.iter().map(|k| k.name()));
    v.extend(crate::syntax::token::KEYWORDS.iter().map(|(k, _)| *k));
    v.extend(["torch", "math", "time"]);
    v.retain(|n| !n.starts_with("__"));
    v
}

/// Completions for `line` with the cursor at byte `pos`: the start of the text they
/// replace and the candidates.
pub fn complete(line: &str, pos: usize, env: &mut dyn Env) -> (usize, Vec<Candidate>) {
    let pos = pos.min(line.len());
    let before = &line[..pos];
    let lead = before.len() - before.trim_start().len();
    let rest = &before[lead..];
    if let Some(cmd) = rest.strip_prefix(':') {
        return complete_meta(before, lead + 1, cmd, env);
    }
    if let Some(q) = rest.strip_prefix('?') {
        let off = lead + 1;
        let (s, c) = complete_code(q, env);
        return (s + off, c);
    }
    complete_code(before, env)
}

fn complete_meta(before: &str, cmd_start: usize, cmd: &str, env: &mut dyn Env) -> (usize, Vec<Candidate>) {
    match cmd.find(char::is_whitespace) {
        None => {
            let c = super::meta::COMMANDS.iter().filter(|c| c.starts_with(cmd)).map(|c| cand(*c)).collect();
            (cmd_start, c)
        }
        Some(i) => {
            let name = &cmd[..i];
            let arg_start = cmd_start + i + (cmd[i..].len() - cmd[i..].trim_start().len());
            let arg = &before[arg_start..];
            match name {
                "load" | "save" => {
                    let (s, c) = complete_path(arg.trim_start_matches(['"', '\'']));
                    (arg_start + (arg.len() - arg.trim_start_matches(['"', '\'']).len()) + s, c)
                }
                "format" => (arg_start, ["torch", "table", "json"].iter().filter(|f| f.starts_with(arg)).map(|f| cand(*f)).collect()),
                "help" | "h" => {
                    let (s, c) = complete_code(arg, env);
                    let mut c = c;
                    if !arg.contains('.') {
                        c.extend(crate::help::TOPICS.iter().filter(|t| t.name.starts_with(arg)).map(|t| cand(t.name)));
                    }
                    (arg_start + s, c)
                }
                _ => {
                    let (s, c) = complete_code(arg, env);
                    (arg_start + s, c)
                }
            }
        }
    }
}

/// Where an unterminated string literal starts in `s` (the index after its quote).
pub fn open_string(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut open: Option<(u8, usize, bool)> = None; // quote, content start, triple
    while i < b.len() {
        match open {
            None => match b[i] {
                b'#' => return None,
                q @ (b'\'' | b'"') => {
                    let triple = b.len() >= i + 3 && b[i + 1] == q && b[i + 2] == q;
                    let skip = if triple { 3 } else { 1 };
                    open = Some((q, i + skip, triple));
                    i += skip;
                    continue;
                }
                _ => {}
            },
            Some((q, _, triple)) => {
                if b[i] == b'\\' {
                    i += 2;
                    continue;
                }
                if b[i] == q {
                    if !triple {
                        open = None;
                    } else if b.len() >= i + 3 && b[i + 1] == q && b[i + 2] == q {
                        open = None;
                        i += 3;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    open.map(|(_, start, _)| start)
}

/// File-name completion of a partial path: the offset (within `partial`) the candidates
/// replace from, and the matching entries (directories with a trailing `/`).
pub fn complete_path(partial: &str) -> (usize, Vec<Candidate>) {
    let (dir, prefix, start) = match partial.rfind('/') {
        Some(i) => (&partial[..=i], &partial[i + 1..], i + 1),
        None => ("", partial, 0),
    };
    let real_dir = if dir.is_empty() {
        std::path::PathBuf::from(".")
    } else if let Some(rest) = dir.strip_prefix("~/") {
        dirs::home_dir().map(|h| h.join(rest)).unwrap_or_else(|| std::path::PathBuf::from(dir))
    } else {
        std::path::PathBuf::from(dir)
    };
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&real_dir) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                continue;
            }
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            out.push(cand(if is_dir { format!("{name}/") } else { name }));
        }
    }
    out.sort_by(|a, b| a.display.cmp(&b.display));
    (start, out)
}

/// The dotted word ending at the end of `s` (`torch.nn.Li`), as its start index.
fn word_start(s: &str) -> usize {
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        if c.is_alphanumeric() || c == '_' || c == '.' {
            start = i;
        } else {
            break;
        }
    }
    start
}

/// The callee of the innermost call still open at the end of `s`, if the cursor is at an
/// argument position (just after `(` or `,`, possibly with a partial name typed).
pub fn open_call(s: &str) -> Option<(String, bool)> {
    let b = s.as_bytes();
    let mut depth: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == b'\\' {
                i += 1;
            } else if c == q {
                quote = None;
            }
        } else {
            match c {
                b'\'' | b'"' => quote = Some(c),
                b'#' => return None,
                b'(' | b'[' | b'{' => depth.push((c, i)),
                b')' | b']' | b'}' => {
                    depth.pop();
                }
                _ => {}
            }
        }
        i += 1;
    }
    let &(open, at) = depth.last()?;
    if open != b'(' {
        return None;
    }
    let head = &s[..at];
    let w = word_start(head.trim_end());
    let callee = head.trim_end()[w..].to_string();
    if callee.is_empty() || callee.starts_with('.') || callee.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    // At an argument position: the text since the last `(` or `,` is a bare partial name.
    let tail = &s[at + 1..];
    let seg = tail.rsplit(',').next().unwrap_or(tail).trim_start();
    let at_arg = seg.chars().all(|c| c.is_alphanumeric() || c == '_');
    Some((callee, at_arg))
}

fn complete_code(before: &str, env: &mut dyn Env) -> (usize, Vec<Candidate>) {
    if let Some(start) = open_string(before) {
        let (s, c) = complete_path(&before[start..]);
        return (start + s, c);
    }
    let ws = word_start(before);
    let word = &before[ws..];
    if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return (before.len(), Vec::new());
    }
    if let Some(dot) = word.rfind('.') {
        let (path, partial) = (&word[..dot], &word[dot + 1..]);
        if path.is_empty() {
            return (before.len(), Vec::new());
        }
        let members = env.members(path).unwrap_or_default();
        let mut c: Vec<Candidate> = members
            .into_iter()
            .filter(|m| m.starts_with(partial) && (!m.starts_with('_') || partial.starts_with('_')))
            .map(cand)
            .collect();
        c.sort_by(|a, b| a.display.cmp(&b.display));
        c.dedup();
        return (ws + dot + 1, c);
    }
    let mut out: Vec<Candidate> = Vec::new();
    if let Some((callee, true)) = open_call(before) {
        if let Some(sig) = env.signature(&callee) {
            for k in crate::help::lookup::keyword_params(&sig) {
                if k.starts_with(word) && k != "self" {
                    out.push(Candidate { display: format!("{k}="), replacement: format!("{k}=") });
                }
            }
        }
    }
    let mut names: Vec<String> = env.variables();
    names.extend(global_names().into_iter().map(String::from));
    names.retain(|n| n.starts_with(word) && (!n.starts_with('_') || word.starts_with('_')));
    names.sort();
    names.dedup();
    out.extend(names.into_iter().map(cand));
    (ws, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;
    impl Env for Fake {
        fn variables(&self) -> Vec<String> {
            vec!["x".into(), "xs".into(), "model".into()]
        }
        fn members(&mut self, path: &str) -> Option<Vec<String>> {
            match path {
                "torch" => Some(vec!["zeros".into(), "zeros_like".into(), "ones".into(), "nn".into()]),
                "x" => Some(vec!["sum".into(), "shape".into(), "_private".into()]),
                _ => None,
            }
        }
        fn signature(&mut self, path: &str) -> Option<String> {
            (path == "torch.zeros").then(|| "torch.zeros(*size, *, dtype=None, requires_grad=False) -> Tensor".into())
        }
    }

    fn names(line: &str) -> (usize, Vec<String>) {
        let (s, c) = complete(line, line.len(), &mut Fake);
        (s, c.into_iter().map(|c| c.replacement).collect())
    }

    #[test]
    fn members_after_a_dot() {
        assert_eq!(names("y = torch.ze"), (10, vec!["zeros".to_string(), "zeros_like".to_string()]));
        assert_eq!(names("x.s"), (2, vec!["shape".to_string(), "sum".to_string()]));
        assert_eq!(names("x."), (2, vec!["shape".to_string(), "sum".to_string()]));
    }

    #[test]
    fn names_and_keywords() {
        let (s, c) = names("pri");
        assert_eq!(s, 0);
        assert_eq!(c, vec!["print"]);
        let (_, c) = names("x");
        assert!(c.starts_with(&["x".to_string(), "xs".to_string()]));
        let (_, c) = names("whi");
        assert_eq!(c, vec!["while"]);
    }

    #[test]
    fn keyword_arguments_inside_a_call() {
        let (s, c) = names("torch.zeros(2, 3, dt");
        assert_eq!(s, 18);
        assert_eq!(c[0], "dtype=");
        let (_, c) = names("torch.zeros(2, re");
        assert_eq!(c[0], "requires_grad=");
        assert_eq!(open_call("f(a, g(b), c"), Some(("f".into(), true)));
        assert_eq!(open_call("f(a, [1, 2"), None);
        assert_eq!(open_call("x = (1, 2"), None);
    }

    #[test]
    fn strings_and_paths() {
        assert_eq!(open_string("torch.load('dat"), Some(12));
        assert_eq!(open_string("s = 'a' + \"b"), Some(11));
        assert_eq!(open_string("s = 'done'"), None);
        assert_eq!(open_string("x = 1  # 'comment"), None);
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(dir.path().join("data.tsr"), "").expect("write");
        std::fs::create_dir(dir.path().join("dataset")).expect("mkdir");
        let base = dir.path().display().to_string();
        let (s, c) = complete_path(&format!("{base}/da"));
        assert_eq!(s, base.len() + 1);
        let got: Vec<String> = c.into_iter().map(|c| c.replacement).collect();
        assert_eq!(got, vec!["data.tsr".to_string(), "dataset/".to_string()]);
        let line = format!(":load {base}/data.t");
        let (s, c) = complete(&line, line.len(), &mut Fake);
        assert_eq!(s, line.len() - "data.t".len());
        assert_eq!(c[0].replacement, "data.tsr");
    }

    #[test]
    fn meta_commands() {
        assert_eq!(names(":ti"), (1, vec!["time".to_string(), "timeit".to_string()]));
        assert_eq!(names(":format t"), (8, vec!["torch".to_string(), "table".to_string()]));
        assert_eq!(names(":timeit torch.on"), (14, vec!["ones".to_string()]));
        assert_eq!(names("?torch.on"), (7, vec!["ones".to_string()]));
    }
}
