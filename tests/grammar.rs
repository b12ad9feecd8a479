//! Keeps `grammar/tsr.ebnf` honest: every `(* example: ... *)` must parse, and the quoted
//! terminals of the grammar must match the keyword and operator tables of the lexer.

use std::collections::BTreeSet;

use tsr::syntax::token::{KEYWORDS, OPERATORS, UNICODE_OPERATORS};

const GRAMMAR: &str = include_str!("../grammar/tsr.ebnf");

/// Lexical-only terminals (number/string prefixes, quote characters, f-string `!` conversion).
const LEXICAL: &[&str] = &[
    "x", "X", "o", "O", "b", "B", "e", "E", "j", "J", "r", "s", "a", "f", "F", "u", "br", "rb",
    "fr", "rf", "_", "0", "!", "'", "\"", "'''", "\"\"\"",
];

fn examples() -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in GRAMMAR.lines().enumerate() {
        if let Some(pos) = line.find("(* example:") {
            let rest = &line[pos + "(* example:".len()..];
            let end = rest.rfind("*)").unwrap_or_else(|| panic!("line {}: example must end with *) on the same line", i + 1));
            let code = rest[..end].trim().replace('⏎', "\n");
            out.push((i + 1, code + "\n"));
        }
    }
    out
}

/// The grammar text outside `(* ... *)` comments.
fn without_comments(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("(*") {
        out.push_str(&rest[..start]);
        match rest[start..].find("*)") {
            Some(end) => rest = &rest[start + end + 2..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn terminals() -> BTreeSet<String> {
    let text = without_comments(GRAMMAR);
    let mut out = BTreeSet::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '"' || c == '\'' {
            let body_start = i + 1;
            let Some(len) = text[body_start..].find(c) else { panic!("unterminated terminal at byte {i}") };
            let mut t = text[body_start..body_start + len].to_string();
            // '"""' and "'''": a terminal made only of the other quote
            if t.is_empty() {
                t = c.to_string();
            }
            let end = body_start + len + 1;
            while chars.peek().is_some_and(|(j, _)| *j < end) {
                chars.next();
            }
            out.insert(t);
        }
    }
    out
}

#[test]
fn every_grammar_example_parses() {
    let ex = examples();
    assert!(ex.len() >= 60, "only {} examples", ex.len());
    let mut failures = Vec::new();
    for (line, code) in &ex {
        if let Err(d) = tsr::syntax::parse(code) {
            failures.push(format!("tsr.ebnf line {line}: {code:?}\n{}", tsr::syntax::render_plain(&d, code, "example")));
        }
    }
    assert!(failures.is_empty(), "{} examples fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn grammar_terminals_match_token_tables() {
    let terms = terminals();
    let mut problems = Vec::new();
    for (kw, _) in KEYWORDS {
        if !terms.contains(*kw) {
            problems.push(format!("keyword {kw:?} missing from the grammar"));
        }
    }
    for (op, _) in OPERATORS {
        if !terms.contains(*op) {
            problems.push(format!("operator {op:?} missing from the grammar"));
        }
    }
    for (c, _) in UNICODE_OPERATORS {
        if !terms.contains(&c.to_string()) {
            problems.push(format!("operator {c:?} missing from the grammar"));
        }
    }
    for t in &terms {
        let known = KEYWORDS.iter().any(|(k, _)| k == t)
            || OPERATORS.iter().any(|(o, _)| o == t)
            || UNICODE_OPERATORS.iter().any(|(c, _)| c.to_string() == *t)
            || LEXICAL.contains(&t.as_str());
        if !known {
            problems.push(format!("grammar terminal {t:?} is not in token.rs"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
