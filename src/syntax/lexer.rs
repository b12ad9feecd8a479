//! The lexer: source text → `(Tok, Span)` with NEWLINE / INDENT / DEDENT tokens (via the
//! indentation pass in `indent.rs`). Implicit line joining inside brackets, backslash
//! continuation, comments, blank lines, CRLF and a leading BOM are handled here, as are the
//! literal forms (numbers, strings with escapes, f-strings split into parts).

use std::rc::Rc;

use super::ast::Span;
use super::diagnostic::{line_col, Diagnostic};
use super::indent::{IndentState, Pending};
use super::token::{Kw, Op, Tok, UNICODE_OPERATORS};

/// Deepest bracket nesting accepted (CPython's limit).
pub const MAX_PAREN_DEPTH: usize = 200;

/// A lexed token with its byte span.
pub type Spanned = (Tok, Span);

/// Lexes a whole program (statement mode: NEWLINE/INDENT/DEDENT tokens are produced).
pub fn lex(src: &str) -> Result<Vec<Spanned>, Diagnostic> {
    let start = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let toks = Lexer::new(src, start, src.len(), false, 0).run()?;
    check_complexity(&toks)?;
    Ok(toks)
}

/// Lexes `src[start..end]` as one expression: newlines are plain whitespace and no layout
/// tokens are produced. `fdepth` is the f-string nesting depth (bounds recursion).
pub fn lex_expr(src: &str, start: usize, end: usize, fdepth: usize) -> Result<Vec<Spanned>, Diagnostic> {
    let toks = Lexer::new(src, start, end, true, fdepth).run()?;
    check_complexity(&toks)?;
    Ok(toks)
}

pub(crate) struct Lexer<'s> {
    pub(crate) src: &'s str,
    pub(crate) pos: usize,
    pub(crate) end: usize,
    toks: Vec<Spanned>,
    brackets: Vec<(char, usize)>,
    expr_mode: bool,
    pub(crate) fdepth: usize,
    indent: IndentState,
    /// Index in `toks` of the first token of the current logical line.
    line_first: usize,
    pending: Option<Pending>,
}

pub(crate) fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

pub(crate) fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

impl<'s> Lexer<'s> {
    fn new(src: &'s str, start: usize, end: usize, expr_mode: bool, fdepth: usize) -> Self {
        Lexer {
            src,
            pos: start,
            end,
            toks: Vec::new(),
            brackets: Vec::new(),
            expr_mode,
            fdepth,
            indent: IndentState::default(),
            line_first: 0,
            pending: None,
        }
    }

    pub(crate) fn peek(&self) -> Option<char> {
        self.src[self.pos..self.end].chars().next()
    }

    pub(crate) fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.pos..self.end].chars().nth(n)
    }

    pub(crate) fn rest(&self) -> &'s str {
        &self.src[self.pos..self.end]
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    pub(crate) fn line_of(&self, offset: usize) -> usize {
        line_col(self.src, offset).0
    }

    fn push(&mut self, t: Tok, start: usize) {
        self.toks.push((t, Span::new(start, self.pos)));
    }

    fn run(mut self) -> Result<Vec<Spanned>, Diagnostic> {
        let mut at_line_start = !self.expr_mode;
        loop {
            if at_line_start {
                at_line_start = false;
                let ws_start = self.pos;
                while matches!(self.peek(), Some(' ' | '\t' | '\x0c')) {
                    self.pos += 1;
                }
                match self.peek() {
                    None => break,
                    Some('#') => {
                        self.skip_comment();
                        at_line_start = self.eat_newline();
                        continue;
                    }
                    Some('\n' | '\r') => {
                        self.eat_newline();
                        at_line_start = true;
                        continue;
                    }
                    _ => {}
                }
                let ws = &self.src[ws_start..self.pos];
                let pending = self.pending.take();
                self.indent.line(ws, Span::new(ws_start, self.pos), self.pos, pending.as_ref(), self.src, &mut self.toks)?;
                self.line_first = self.toks.len();
            }
            while matches!(self.peek(), Some(' ' | '\t' | '\x0c')) {
                self.pos += 1;
            }
            let start = self.pos;
            let Some(c) = self.peek() else { break };
            match c {
                '#' => self.skip_comment(),
                '\n' | '\r' => {
                    if self.brackets.is_empty() && !self.expr_mode {
                        self.end_logical_line(start);
                        self.eat_newline();
                        self.push(Tok::Newline, start);
                        if let Some(t) = self.toks.last_mut() {
                            t.1 = Span::new(start, start + 1);
                        }
                        at_line_start = true;
                    } else {
                        self.eat_newline();
                    }
                }
                '\\' => {
                    self.pos += 1;
                    if self.peek().is_none() {
                        return Err(Diagnostic::syntax("unexpected EOF while parsing", Span::new(start, self.pos)));
                    }
                    if !self.eat_newline() {
                        return Err(Diagnostic::syntax(
                            "unexpected character after line continuation character",
                            Span::new(start, start + 1),
                        ));
                    }
                }
                '0'..='9' => {
                    let t = self.lex_number()?;
                    self.push(t, start);
                }
                '.' if matches!(self.peek_at(1), Some('0'..='9')) => {
                    let t = self.lex_number()?;
                    self.push(t, start);
                }
                '\'' | '"' => {
                    let t = self.lex_string(start, "")?;
                    self.push(t, start);
                }
                c if is_ident_start(c) => {
                    while self.peek().is_some_and(is_ident_char) {
                        self.bump();
                    }
                    let word = &self.src[start..self.pos];
                    let lower = word.to_ascii_lowercase();
                    let is_prefix = matches!(lower.as_str(), "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf");
                    if is_prefix && matches!(self.peek(), Some('\'' | '"')) {
                        let t = self.lex_string(start, &lower)?;
                        self.push(t, start);
                    } else if let Some(kw) = Kw::from_str(word) {
                        self.push(Tok::Kw(kw), start);
                    } else {
                        self.push(Tok::Name(Rc::from(word)), start);
                    }
                }
                _ => self.lex_operator(c, start)?,
            }
        }
        if let Some(&(open, at)) = self.brackets.last() {
            return Err(Diagnostic::syntax(format!("'{open}' was never closed"), Span::new(at, at + 1)));
        }
        if !self.expr_mode {
            let eof = self.end;
            if self.toks.len() > self.line_first && !matches!(self.toks.last(), Some((Tok::Newline, _))) {
                self.end_logical_line(eof);
                self.toks.push((Tok::Newline, Span::new(eof, eof)));
            }
            if let Some(p) = self.pending.take() {
                return Err(p.error(self.src, Span::new(eof, eof)));
            }
            self.indent.finish(eof, &mut self.toks);
        }
        Ok(self.toks)
    }

    /// Records whether the logical line just ended opened a block (`...:`).
    fn end_logical_line(&mut self, _at: usize) {
        if matches!(self.toks.last(), Some((Tok::Op(Op::Colon), _))) {
            if let Some((first, span)) = self.toks.get(self.line_first) {
                self.pending = Pending::for_header(first, span.start);
            }
        }
        self.line_first = self.toks.len() + 1;
    }

    fn skip_comment(&mut self) {
        while let Some(c) = self.peek() {
            if c == '\n' || c == '\r' {
                break;
            }
            self.bump();
        }
    }

    /// Consumes one line terminator (`\n`, `\r\n` or `\r`); false if none is next.
    fn eat_newline(&mut self) -> bool {
        match self.peek() {
            Some('\n') => {
                self.pos += 1;
                true
            }
            Some('\r') => {
                self.pos += 1;
                if self.peek() == Some('\n') {
                    self.pos += 1;
                }
                true
            }
            _ => false,
        }
    }

    fn lex_operator(&mut self, c: char, start: usize) -> Result<(), Diagnostic> {
        if let Some(&(_, op)) = UNICODE_OPERATORS.iter().find(|(u, _)| *u == c) {
            self.bump();
            self.push(Tok::Op(op), start);
            return Ok(());
        }
        let rest = self.rest();
        let mut found = None;
        for n in [3, 2, 1] {
            if let Some(s) = rest.get(..n) {
                if let Some(op) = Op::from_str(s) {
                    found = Some((op, n));
                    break;
                }
            }
        }
        let Some((op, n)) = found else {
            let msg = if c.is_ascii() {
                "invalid syntax".to_string()
            } else {
                format!("invalid character '{c}' (U+{:04X})", c as u32)
            };
            return Err(Diagnostic::syntax(msg, Span::new(start, start + c.len_utf8())));
        };
        self.pos += n;
        match op {
            Op::LParen | Op::LBracket | Op::LBrace => {
                if self.brackets.len() >= MAX_PAREN_DEPTH {
                    return Err(Diagnostic::syntax("too many nested parentheses", Span::new(start, self.pos)));
                }
                self.brackets.push((c, start));
            }
            Op::RParen | Op::RBracket | Op::RBrace => {
                let Some((open, at)) = self.brackets.pop() else {
                    return Err(Diagnostic::syntax(format!("unmatched '{c}'"), Span::new(start, self.pos)));
                };
                let want = match open {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                if want != c {
                    let (l1, l2) = (self.line_of(at), self.line_of(start));
                    let on = if l1 != l2 { format!(" on line {l1}") } else { String::new() };
                    return Err(Diagnostic::syntax(
                        format!("closing parenthesis '{c}' does not match opening parenthesis '{open}'{on}"),
                        Span::new(start, self.pos),
                    ));
                }
            }
            _ => {}
        }
        self.push(Tok::Op(op), start);
        Ok(())
    }

    // ----- numbers -----

    /// Digits of `radix` with single underscores between them; returns them without
    /// underscores. `Err(())` on a misplaced underscore.
    fn digits(&mut self, radix: u32, out: &mut String) -> Result<(), ()> {
        loop {
            match self.peek() {
                Some(c) if c.is_digit(radix) => {
                    out.push(c);
                    self.pos += 1;
                }
                Some('_') if !out.is_empty() || radix != 10 => {
                    if self.peek_at(1).is_some_and(|d| d.is_digit(radix)) {
                        self.pos += 1;
                    } else {
                        return Err(());
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn lex_number(&mut self) -> Result<Tok, Diagnostic> {
        let start = self.pos;
        let bad = |this: &Self, what: &str| {
            let mut end = this.pos;
            while this.src[end..this.end].chars().next().is_some_and(is_ident_char) {
                end += this.src[end..].chars().next().map_or(1, char::len_utf8);
            }
            Diagnostic::syntax(format!("invalid {what} literal"), Span::new(start, end.max(start + 1)))
        };
        if self.peek() == Some('0') {
            let radix = match self.peek_at(1) {
                Some('x' | 'X') => Some((16, "hexadecimal")),
                Some('o' | 'O') => Some((8, "octal")),
                Some('b' | 'B') => Some((2, "binary")),
                _ => None,
            };
            if let Some((radix, what)) = radix {
                self.pos += 2;
                let mut ds = String::new();
                if self.digits(radix, &mut ds).is_err() || ds.is_empty() || self.peek().is_some_and(is_ident_char) {
                    return Err(bad(self, what));
                }
                return Ok(int_token(&ds, radix));
            }
        }
        let mut text = String::new();
        let mut is_float = false;
        if self.digits(10, &mut text).is_err() {
            return Err(bad(self, "decimal"));
        }
        if self.peek() == Some('.') {
            is_float = true;
            self.pos += 1;
            text.push('.');
            if self.digits(10, &mut text).is_err() {
                return Err(bad(self, "decimal"));
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let sign = matches!(self.peek_at(1), Some('+' | '-'));
            let digit_at = if sign { 2 } else { 1 };
            if self.peek_at(digit_at).is_some_and(|c| c.is_ascii_digit()) {
                is_float = true;
                text.push('e');
                self.pos += 1;
                if sign {
                    text.push(self.bump().unwrap_or('+'));
                }
                if self.digits(10, &mut text).is_err() {
                    return Err(bad(self, "decimal"));
                }
            } else {
                return Err(bad(self, "decimal"));
            }
        }
        let imag = matches!(self.peek(), Some('j' | 'J'));
        if imag {
            self.pos += 1;
        }
        if self.peek().is_some_and(is_ident_char) {
            return Err(bad(self, if imag { "imaginary" } else { "decimal" }));
        }
        let parse_f = |t: &str| {
            let mut t = t.to_string();
            if t.starts_with('.') {
                t.insert(0, '0');
            }
            t = t.replace(".e", ".0e");
            if t.ends_with('.') {
                t.push('0');
            }
            t.parse::<f64>().unwrap_or(f64::INFINITY)
        };
        if imag {
            return Ok(Tok::Imag(parse_f(&text)));
        }
        if is_float {
            return Ok(Tok::Float(parse_f(&text)));
        }
        if text.len() > 1 && text.starts_with('0') && text.bytes().any(|b| b != b'0') {
            return Err(Diagnostic::syntax(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                Span::new(start, self.pos),
            ));
        }
        Ok(int_token(&text, 10))
    }

    // ----- strings -----

    /// Lexes a string literal whose prefix (lower-cased) is `prefix`; `self.pos` is at the
    /// opening quote.
    fn lex_string(&mut self, start: usize, prefix: &str) -> Result<Tok, Diagnostic> {
        let raw = prefix.contains('r');
        let fstr = prefix.contains('f');
        let q = self.bump().unwrap_or('"');
        let triple = self.peek() == Some(q) && self.peek_at(1) == Some(q);
        if triple {
            self.pos += 2;
        }
        let body_start = self.pos;
        let body_end;
        loop {
            let Some(c) = self.peek() else {
                let (what, line) = if triple {
                    ("triple-quoted string literal", self.line_of(self.end))
                } else {
                    ("string literal", self.line_of(start))
                };
                return Err(Diagnostic::syntax(
                    format!("unterminated {what} (detected at line {line})"),
                    Span::new(start, start + 1),
                ));
            };
            if c == '\\' {
                self.pos += 1;
                if self.peek().is_some() {
                    self.bump();
                }
                continue;
            }
            if (c == '\n' || c == '\r') && !triple {
                return Err(Diagnostic::syntax(
                    format!("unterminated string literal (detected at line {})", self.line_of(start)),
                    Span::new(start, start + 1),
                ));
            }
            if c == q && (!triple || (self.peek_at(1) == Some(q) && self.peek_at(2) == Some(q))) {
                body_end = self.pos;
                self.pos += if triple { 3 } else { 1 };
                break;
            }
            self.bump();
        }
        if fstr {
            let parts = super::fstring::parts(self.src, body_start, body_end, raw, self.fdepth)?;
            return Ok(Tok::FStr(Rc::new(parts)));
        }
        let body = &self.src[body_start..body_end];
        let text = if raw {
            body.replace("\r\n", "\n")
        } else {
            decode_escapes(body, body_start)?
        };
        Ok(Tok::Str(Rc::from(text)))
    }
}

/// Processes backslash escapes of a (non-raw) string body starting at byte `at` of the source.
pub(crate) fn decode_escapes(body: &str, at: usize) -> Result<String, Diagnostic> {
    let mut out = String::with_capacity(body.len());
    let mut it = body.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '\r' {
            if it.peek().map(|p| p.1) == Some('\n') {
                continue;
            }
            out.push('\n');
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = it.next() else {
            out.push('\\');
            break;
        };
        let hex = |it: &mut std::iter::Peekable<std::str::CharIndices<'_>>, n: usize, name: &str| {
            let mut v = 0u32;
            for _ in 0..n {
                match it.peek().and_then(|p| p.1.to_digit(16)) {
                    Some(d) => {
                        v = v * 16 + d;
                        it.next();
                    }
                    None => {
                        return Err(Diagnostic::syntax(
                            format!("(unicode error) truncated {name} escape"),
                            Span::new(at + i, at + i + 2),
                        ));
                    }
                }
            }
            char::from_u32(v).ok_or_else(|| {
                Diagnostic::syntax("(unicode error) illegal Unicode character", Span::new(at + i, at + i + 2))
            })
        };
        match e {
            '\n' => {}
            '\r' => {
                if it.peek().map(|p| p.1) == Some('\n') {
                    it.next();
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            'x' => out.push(hex(&mut it, 2, "\\xXX")?),
            'u' => out.push(hex(&mut it, 4, "\\uXXXX")?),
            'U' => out.push(hex(&mut it, 8, "\\UXXXXXXXX")?),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match it.peek().and_then(|p| p.1.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            it.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Most operators accepted in one comma-separated segment of an expression (bounds the AST
/// depth an expression can reach without brackets: `- - - x`, `a + b + ...`, `x.a.b...`).
pub const MAX_SEGMENT_OPS: usize = 1000;
/// Most `elif` branches in one source (each nests an `If` in the previous one's `orelse`).
pub const MAX_ELIFS: usize = 2000;

/// Rejects token sequences whose syntax tree would be deeper than the front end and the
/// evaluator can handle without recursion limits: an AST built from these tokens is at most
/// about `MAX_SEGMENT_OPS + 2 * MAX_PAREN_DEPTH` expressions deep.
pub(crate) fn check_complexity(toks: &[Spanned]) -> Result<(), Diagnostic> {
    let mut counts: Vec<usize> = vec![0];
    let mut total = 0usize;
    let mut elifs = 0usize;
    for (t, s) in toks {
        match t {
            Tok::Name(_) | Tok::Int(_) | Tok::BigInt(_) | Tok::Float(_) | Tok::Imag(_) | Tok::Str(_) | Tok::FStr(_) => {}
            Tok::Newline | Tok::Indent | Tok::Dedent | Tok::Op(Op::Comma | Op::Semi | Op::Assign) => {
                if let Some(c) = counts.last_mut() {
                    total -= *c;
                    *c = 0;
                }
            }
            Tok::Op(Op::RParen | Op::RBracket | Op::RBrace) => {
                if counts.len() > 1 {
                    total -= counts.pop().unwrap_or(0);
                }
            }
            Tok::Op(Op::LParen | Op::LBracket | Op::LBrace) => {
                if let Some(c) = counts.last_mut() {
                    *c += 1;
                }
                total += 1;
                counts.push(0);
            }
            other => {
                if matches!(other, Tok::Kw(Kw::Elif)) {
                    elifs += 1;
                    if elifs > MAX_ELIFS {
                        return Err(Diagnostic::syntax("too many elif branches", *s));
                    }
                }
                if let Some(c) = counts.last_mut() {
                    *c += 1;
                }
                total += 1;
            }
        }
        if total > MAX_SEGMENT_OPS {
            return Err(Diagnostic::syntax("expression too complex", *s));
        }
    }
    Ok(())
}

/// An integer literal's token from its digits (underscores removed): `Int` up to i64::MAX,
/// else `BigInt` with the decimal digits (Python ints are unbounded).
fn int_token(digits: &str, radix: u32) -> Tok {
    match i64::from_str_radix(digits, radix) {
        Ok(v) => Tok::Int(v as u64),
        Err(_) => match num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix) {
            Some(b) => Tok::BigInt(Rc::from(b.to_string())),
            None => Tok::Int(0),
        },
    }
}
