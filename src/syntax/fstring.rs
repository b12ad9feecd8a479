//! f-string bodies: literal text (with `{{` / `}}` and escapes), replacement fields
//! `{expr!r:spec}` whose expressions are parsed with the expression parser, format specs
//! with nested fields, and the `{x=}` debug form. The quoting rules are those of Python
//! 3.11 (an expression may not contain the string's own quote character).

use super::ast::{FStringPart, Span};
use super::diagnostic::Diagnostic;
use super::lexer::decode_escapes;

/// Deepest nesting of f-strings / format-spec fields accepted.
const MAX_FDEPTH: usize = 4;

fn err(msg: &str, at: usize) -> Diagnostic {
    Diagnostic::syntax(format!("f-string: {msg}"), Span::new(at, at + 1))
}

/// Splits `src[start..end]` (an f-string body) into parts.
pub fn parts(src: &str, start: usize, end: usize, raw: bool, fdepth: usize) -> Result<Vec<FStringPart>, Diagnostic> {
    if fdepth >= MAX_FDEPTH {
        return Err(err("expressions nested too deeply", start));
    }
    let (parts, pos) = parse_parts(src, start, end, raw, fdepth, false)?;
    debug_assert_eq!(pos, end);
    Ok(parts)
}

/// Parses literal text and fields until `end` or, when `in_spec`, an unmatched `}`.
/// Returns the parts and the position reached.
fn parse_parts(
    src: &str,
    start: usize,
    end: usize,
    raw: bool,
    fdepth: usize,
    in_spec: bool,
) -> Result<(Vec<FStringPart>, usize), Diagnostic> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut lit_at = start;
    let mut i = start;
    let bytes = src.as_bytes();
    let flush = |lit: &mut String, lit_at: usize, parts: &mut Vec<FStringPart>| -> Result<(), Diagnostic> {
        if !lit.is_empty() {
            let text = if raw { lit.replace("\r\n", "\n") } else { decode_escapes(lit, lit_at)? };
            parts.push(FStringPart::Lit(text));
            lit.clear();
        }
        Ok(())
    };
    while i < end {
        let c = bytes[i];
        match c {
            b'{' if i + 1 < end && bytes[i + 1] == b'{' && !in_spec => {
                lit.push('{');
                i += 2;
            }
            b'{' => {
                flush(&mut lit, lit_at, &mut parts)?;
                let (field, next) = parse_field(src, i, end, raw, fdepth)?;
                parts.push(field);
                i = next;
                lit_at = i;
            }
            b'}' if in_spec => break,
            b'}' if i + 1 < end && bytes[i + 1] == b'}' => {
                lit.push('}');
                i += 2;
            }
            b'}' => return Err(err("single '}' is not allowed", i)),
            b'\\' if !raw && i + 1 < end => {
                // keep the escape for decode_escapes; `\{` is not an escape
                let n = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                lit.push_str(&src[i..i + 1 + n]);
                i += 1 + n;
            }
            _ => {
                let ch = src[i..].chars().next().unwrap_or('\u{fffd}');
                lit.push(ch);
                i += ch.len_utf8().max(1);
            }
        }
    }
    flush(&mut lit, lit_at, &mut parts)?;
    Ok((parts, i))
}

/// Parses one `{...}` field starting at the `{` at `open`; returns it and the position after `}`.
fn parse_field(src: &str, open: usize, end: usize, raw: bool, fdepth: usize) -> Result<(FStringPart, usize), Diagnostic> {
    let bytes = src.as_bytes();
    let expr_start = open + 1;
    let mut j = expr_start;
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut debug_eq: Option<usize> = None;
    while j < end {
        let c = bytes[j];
        if let Some(q) = quote {
            if c == b'\\' {
                j += 1;
            } else if c == q {
                quote = None;
            }
            j += 1;
            continue;
        }
        match c {
            b'\'' | b'"' => quote = Some(c),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 0 {
                    if c == b'}' {
                        break;
                    }
                    return Err(err(&format!("unmatched '{}'", c as char), j));
                }
                depth -= 1;
            }
            b'#' => return Err(err("expression part cannot include '#'", j)),
            b'!' if depth == 0 && bytes.get(j + 1) != Some(&b'=') => break,
            b':' if depth == 0 => break,
            b'=' if depth == 0 => {
                let next = bytes.get(j + 1).copied();
                let prev = if j > expr_start { bytes[j - 1] } else { b' ' };
                if next == Some(b'=') {
                    j += 2;
                    continue;
                }
                if !matches!(prev, b'=' | b'!' | b'<' | b'>') {
                    debug_eq = Some(j);
                    break;
                }
            }
            _ => {}
        }
        j += 1;
    }
    if j >= end {
        return Err(err("expecting '}'", open));
    }
    let expr_end = debug_eq.unwrap_or(j);
    if src[expr_start..expr_end].trim().is_empty() {
        return Err(err("valid expression required before '}'", open));
    }
    let mut debug_text = None;
    if let Some(eq) = debug_eq {
        j = eq + 1;
        while j < end && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r') {
            j += 1;
        }
        debug_text = Some(src[expr_start..j].to_string());
    }
    let expr = super::parser::parse_expr_range(src, expr_start, expr_end, fdepth + 1)?;
    let mut conversion = None;
    if j < end && bytes[j] == b'!' {
        let c = src[j + 1..end].chars().next();
        match c {
            Some(c @ ('r' | 's' | 'a')) => conversion = Some(c),
            _ => return Err(err("invalid conversion character: expected 's', 'r', or 'a'", j)),
        }
        j += 2;
    }
    let mut spec = Vec::new();
    if j < end && bytes[j] == b':' {
        if fdepth + 1 >= MAX_FDEPTH {
            return Err(err("expressions nested too deeply", j));
        }
        let (s, next) = parse_parts(src, j + 1, end, raw, fdepth + 1, true)?;
        spec = s;
        j = next;
    }
    if j >= end || bytes[j] != b'}' {
        return Err(err("expecting '}'", j.min(end.saturating_sub(1))));
    }
    Ok((FStringPart::Field { expr, debug_text, conversion, spec }, j + 1))
}
