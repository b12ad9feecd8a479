//! Syntax highlighting of REPL input while it is typed, with the palette the table output
//! uses, and the bracket matching the one at the cursor. The scanner is lenient: input is
//! usually unfinished (open strings, open brackets), so it never fails.

use crate::format::palette::{paint, Role};

/// A span of the input and how to colour it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub role: Role,
}

fn keyword_role(w: &str) -> Option<Role> {
    match w {
        "True" => Some(Role::True),
        "False" => Some(Role::False),
        "None" => Some(Role::Dim),
        _ => crate::syntax::token::Kw::from_str(w).map(|_| Role::Keyword),
    }
}

/// The coloured spans of `line`: keywords, strings, comments, `True`/`False`/`None`,
/// `nan`/`inf` names. Plain text (names, numbers, operators) is left out.
pub fn spans(line: &str) -> Vec<Span> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'#' {
            let end = line[i..].find('\n').map_or(b.len(), |e| i + e);
            out.push(Span { start: i, end, role: Role::Comment });
            i = end;
            continue;
        }
        if c == b'\'' || c == b'"' {
            // Prefixes (f, r, b) were consumed as a word just before; include them.
            let start = match out.last() {
                Some(s) if s.end == i && s.role == Role::Plain => out.pop().map_or(i, |s| s.start),
                _ => i,
            };
            let triple = b.len() >= i + 3 && b[i + 1] == c && b[i + 2] == c;
            let mut j = i + if triple { 3 } else { 1 };
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == b'\\' {
                    j += 2;
                    continue;
                }
                if b[j] == c {
                    if !triple {
                        j += 1;
                        break;
                    }
                    if b.len() >= j + 3 && b[j + 1] == c && b[j + 2] == c {
                        j += 3;
                        break;
                    }
                }
                if b[j] == b'\n' && !triple {
                    break;
                }
                j += 1;
            }
            let end = j.min(b.len());
            out.push(Span { start, end, role: Role::Str });
            i = end;
            continue;
        }
        if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 {
            let mut j = i;
            while j < b.len() && (b[j] == b'_' || b[j].is_ascii_alphanumeric() || b[j] >= 0x80) {
                j += 1;
            }
            while !line.is_char_boundary(j) {
                j += 1;
            }
            let w = &line[i..j];
            let after_dot = i > 0 && b[i - 1] == b'.';
            let string_prefix = j < b.len() && (b[j] == b'\'' || b[j] == b'"') && matches!(w.to_ascii_lowercase().as_str(), "f" | "r" | "b" | "rb" | "br" | "fr" | "rf");
            if string_prefix {
                // Marker so the string that follows absorbs the prefix.
                out.push(Span { start: i, end: j, role: Role::Plain });
            } else if !after_dot {
                if let Some(r) = keyword_role(w) {
                    out.push(Span { start: i, end: j, role: r });
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out.retain(|s| s.role != Role::Plain);
    out
}

fn is_open(c: u8) -> bool {
    matches!(c, b'(' | b'[' | b'{')
}

fn is_close(c: u8) -> bool {
    matches!(c, b')' | b']' | b'}')
}

/// The bracket matching the one at `pos` (or just before it), outside strings and comments.
pub fn matching_bracket(line: &str, pos: usize) -> Option<(usize, usize)> {
    let b = line.as_bytes();
    let skip = spans(line);
    let in_text = |i: usize| skip.iter().any(|s| (s.role == Role::Str || s.role == Role::Comment) && i >= s.start && i < s.end);
    let at = [pos, pos.wrapping_sub(1)].into_iter().find(|&p| p < b.len() && (is_open(b[p]) || is_close(b[p])) && !in_text(p))?;
    let c = b[at];
    let mut depth = 0i64;
    if is_open(c) {
        for (j, &d) in b.iter().enumerate().skip(at) {
            if in_text(j) {
                continue;
            }
            if is_open(d) {
                depth += 1;
            } else if is_close(d) {
                depth -= 1;
                if depth == 0 {
                    return Some((at, j));
                }
            }
        }
    } else {
        for j in (0..=at).rev() {
            if in_text(j) {
                continue;
            }
            let d = b[j];
            if is_close(d) {
                depth += 1;
            } else if is_open(d) {
                depth -= 1;
                if depth == 0 {
                    return Some((j, at));
                }
            }
        }
    }
    None
}

/// `line` with colour escapes (same display width); `bracket` highlights the pair at the
/// cursor position.
pub fn highlight(line: &str, cursor: Option<usize>) -> String {
    let mut spans = spans(line);
    if let Some((a, b)) = cursor.and_then(|p| matching_bracket(line, p)) {
        spans.push(Span { start: a, end: a + 1, role: Role::Bracket });
        spans.push(Span { start: b, end: b + 1, role: Role::Bracket });
        spans.sort_by_key(|s| s.start);
    }
    let mut out = String::with_capacity(line.len() * 2);
    let mut at = 0;
    for s in spans {
        if s.start < at {
            continue;
        }
        out.push_str(&line[at..s.start]);
        out.push_str(&paint(&line[s.start..s.end], s.role, true));
        at = s.end;
    }
    out.push_str(&line[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(line: &str) -> Vec<(&str, Role)> {
        spans(line).into_iter().map(|s| (&line[s.start..s.end], s.role)).collect()
    }

    #[test]
    fn keywords_strings_comments() {
        assert_eq!(
            roles("for i in x: print('a', True)  # done"),
            vec![
                ("for", Role::Keyword),
                ("in", Role::Keyword),
                ("'a'", Role::Str),
                ("True", Role::True),
                ("# done", Role::Comment),
            ]
        );
        assert_eq!(roles("s = f\"{x}\" + 'open"), vec![("f\"{x}\"", Role::Str), ("'open", Role::Str)]);
        assert_eq!(roles("x.if_ = None"), vec![("None", Role::Dim)]);
        assert_eq!(roles("t.def"), vec![]);
    }

    #[test]
    fn brackets() {
        let l = "f(a[1], (2))";
        assert_eq!(matching_bracket(l, 1), Some((1, 11)));
        assert_eq!(matching_bracket(l, 12), Some((1, 11)));
        assert_eq!(matching_bracket(l, 3), Some((3, 5)));
        assert_eq!(matching_bracket("f('(', x)", 3), None);
        assert_eq!(matching_bracket("f('(', x)", 1), Some((1, 8)));
        assert_eq!(matching_bracket("f(x", 1), None);
    }

    #[test]
    fn highlighting_keeps_the_text() {
        let l = "if x: print('y')";
        let h = highlight(l, Some(11));
        assert!(h.contains("\x1b["));
        let plain: String = strip(&h);
        assert_eq!(plain, l);
    }

    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut esc = false;
        for c in s.chars() {
            if esc {
                if c == 'm' {
                    esc = false;
                }
            } else if c == '\x1b' {
                esc = true;
            } else {
                out.push(c);
            }
        }
        out
    }
}
