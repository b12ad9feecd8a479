//! Pasted input. A transcript copied from a tutorial (`>>> ` / `... ` prompts with output
//! lines between them) keeps its input lines, prompts stripped, and drops the output; a
//! block pasted with a common indentation is dedented.

/// The code of an entry: prompts stripped if it is a transcript, common indentation removed.
pub fn normalize(text: &str) -> String {
    let text = if is_transcript(text) { strip_prompts(text) } else { text.to_string() };
    dedent(&text)
}

/// True if the first non-blank line starts with a `>>>` prompt.
pub fn is_transcript(text: &str) -> bool {
    text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| prompt_rest(l.trim_start(), ">>>").is_some())
}

/// The text after a prompt (`>>> x` → `x`, a bare `>>>` → empty), if the line has it.
fn prompt_rest<'a>(line: &'a str, prompt: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(prompt)?;
    if rest.is_empty() {
        Some("")
    } else {
        rest.strip_prefix(' ')
    }
}

/// Keeps the `>>> ` and `... ` lines of a transcript (without the prompts); output lines
/// are dropped. A `...` line with nothing after it (the end of a block) stays as a blank line.
pub fn strip_prompts(text: &str) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let l = line.trim_start();
        if let Some(rest) = prompt_rest(l, ">>>").or_else(|| prompt_rest(l, "...")) {
            out.push(rest.trim_end_matches('\r'));
        }
    }
    let mut s = out.join("\n");
    if text.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// Removes the indentation all non-blank lines share.
pub fn dedent(text: &str) -> String {
    let common = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    if common == 0 {
        return text.to_string();
    }
    let mut s: Vec<&str> = Vec::new();
    for l in text.lines() {
        s.push(if l.len() >= common && l.is_char_boundary(common) { &l[common..] } else { l.trim_start() });
    }
    let mut out = s.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_keeps_input_and_drops_output() {
        let t = ">>> x = torch.ones(2)\n>>> x * 2\ntensor([2., 2.])\n>>> for i in range(2):\n...     print(i)\n...\n0\n1\n";
        assert!(is_transcript(t));
        assert_eq!(normalize(t), "x = torch.ones(2)\nx * 2\nfor i in range(2):\n    print(i)\n\n");
    }

    #[test]
    fn plain_code_is_unchanged_and_indented_code_is_dedented() {
        assert_eq!(normalize("x = 1\nprint(x)"), "x = 1\nprint(x)");
        assert!(!is_transcript("x = 1"));
        assert_eq!(normalize("    a = 1\n    if a:\n        print(a)\n"), "a = 1\nif a:\n    print(a)\n");
        // A line that merely contains >>> is not a prompt.
        assert_eq!(normalize("x = 8 >> 1"), "x = 8 >> 1");
        assert_eq!(normalize(">>>x"), ">>>x");
    }

    #[test]
    fn one_prompted_line() {
        assert_eq!(normalize(">>> print(1)"), "print(1)");
        assert_eq!(normalize("  >>> a = 2\n  >>> a"), "a = 2\na");
    }
}
