//! Tokens produced by the lexer + indentation pass, and the keyword / operator tables
//! (the single source of truth checked against `grammar/tsr.ebnf` by `tests/grammar.rs`).

use std::fmt;
use std::rc::Rc;

use super::ast::FStringPart;

/// Reserved words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kw {
    False, None, True, And, As, Assert, Async, Await, Break, Class, Continue, Def, Del, Elif,
    Else, Except, Finally, For, From, Global, If, Import, In, Is, Lambda, Nonlocal, Not, Or,
    Pass, Raise, Return, Try, While, With, Yield,
}

/// Every keyword with its spelling. `async`, `await`, `yield` are reserved but no production
/// of tsr accepts them.
pub const KEYWORDS: &[(&str, Kw)] = &[
    ("False", Kw::False), ("None", Kw::None), ("True", Kw::True), ("and", Kw::And),
    ("as", Kw::As), ("assert", Kw::Assert), ("async", Kw::Async), ("await", Kw::Await),
    ("break", Kw::Break), ("class", Kw::Class), ("continue", Kw::Continue), ("def", Kw::Def),
    ("del", Kw::Del), ("elif", Kw::Elif), ("else", Kw::Else), ("except", Kw::Except),
    ("finally", Kw::Finally), ("for", Kw::For), ("from", Kw::From), ("global", Kw::Global),
    ("if", Kw::If), ("import", Kw::Import), ("in", Kw::In), ("is", Kw::Is),
    ("lambda", Kw::Lambda), ("nonlocal", Kw::Nonlocal), ("not", Kw::Not), ("or", Kw::Or),
    ("pass", Kw::Pass), ("raise", Kw::Raise), ("return", Kw::Return), ("try", Kw::Try),
    ("while", Kw::While), ("with", Kw::With), ("yield", Kw::Yield),
];

/// Operators and delimiters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    LParen, RParen, LBracket, RBracket, LBrace, RBrace,
    Comma, Colon, Semi, Dot, Ellipsis, Arrow, Walrus, Assign, At,
    Plus, Minus, Star, Slash, DoubleSlash, Percent, DoubleStar, Amp, Pipe, Caret, Tilde,
    LShift, RShift, Lt, Gt, Le, Ge, EqEq, Ne,
    PlusEq, MinusEq, StarEq, SlashEq, DoubleSlashEq, PercentEq, DoubleStarEq, AtEq, AmpEq,
    PipeEq, CaretEq, LShiftEq, RShiftEq,
}

/// Every operator with its spelling, longest first within a common prefix is NOT required:
/// the lexer matches greedily by trying 3-, 2-, then 1-character spellings.
pub const OPERATORS: &[(&str, Op)] = &[
    ("(", Op::LParen), (")", Op::RParen), ("[", Op::LBracket), ("]", Op::RBracket),
    ("{", Op::LBrace), ("}", Op::RBrace), (",", Op::Comma), (":", Op::Colon), (";", Op::Semi),
    (".", Op::Dot), ("...", Op::Ellipsis), ("->", Op::Arrow), (":=", Op::Walrus),
    ("=", Op::Assign), ("@", Op::At), ("+", Op::Plus), ("-", Op::Minus), ("*", Op::Star),
    ("/", Op::Slash), ("//", Op::DoubleSlash), ("%", Op::Percent), ("**", Op::DoubleStar),
    ("&", Op::Amp), ("|", Op::Pipe), ("^", Op::Caret), ("~", Op::Tilde), ("<<", Op::LShift),
    (">>", Op::RShift), ("<", Op::Lt), (">", Op::Gt), ("<=", Op::Le), (">=", Op::Ge),
    ("==", Op::EqEq), ("!=", Op::Ne), ("+=", Op::PlusEq), ("-=", Op::MinusEq),
    ("*=", Op::StarEq), ("/=", Op::SlashEq), ("//=", Op::DoubleSlashEq), ("%=", Op::PercentEq),
    ("**=", Op::DoubleStarEq), ("@=", Op::AtEq), ("&=", Op::AmpEq), ("|=", Op::PipeEq),
    ("^=", Op::CaretEq), ("<<=", Op::LShiftEq), (">>=", Op::RShiftEq),
];

/// Unicode comparison signs accepted as aliases.
pub const UNICODE_OPERATORS: &[(char, Op)] = &[('≥', Op::Ge), ('≤', Op::Le), ('≠', Op::Ne)];

impl Kw {
    /// The keyword for an identifier, if it is one.
    pub fn from_str(s: &str) -> Option<Kw> {
        KEYWORDS.iter().find(|(k, _)| *k == s).map(|(_, kw)| *kw)
    }
    pub fn as_str(self) -> &'static str {
        KEYWORDS.iter().find(|(_, k)| *k == self).map(|(s, _)| *s).unwrap_or("?")
    }
}

impl Op {
    pub fn as_str(self) -> &'static str {
        OPERATORS.iter().find(|(_, o)| *o == self).map(|(s, _)| *s).unwrap_or("?")
    }
    /// Looks up an exact spelling.
    pub fn from_str(s: &str) -> Option<Op> {
        OPERATORS.iter().find(|(k, _)| *k == s).map(|(_, o)| *o)
    }
}

/// One token. Cheap to clone (shared text behind `Rc`).
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(Rc<str>),
    /// Integer literal up to i64::MAX.
    Int(u64),
    /// Integer literal beyond i64::MAX, as decimal digits.
    BigInt(Rc<str>),
    Float(f64),
    Imag(f64),
    /// A string or bytes literal with escapes processed.
    Str(Rc<str>),
    /// An f-string, already split into parts (nested expressions parsed).
    FStr(Rc<Vec<FStringPart>>),
    Kw(Kw),
    Op(Op),
    Newline,
    Indent,
    Dedent,
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Name(_) => write!(f, "name"),
            Tok::Int(_) | Tok::BigInt(_) | Tok::Float(_) | Tok::Imag(_) => write!(f, "number"),
            Tok::Str(_) | Tok::FStr(_) => write!(f, "string"),
            Tok::Kw(k) => write!(f, "'{}'", k.as_str()),
            Tok::Op(o) => write!(f, "'{}'", o.as_str()),
            Tok::Newline => write!(f, "newline"),
            Tok::Indent => write!(f, "indent"),
            Tok::Dedent => write!(f, "dedent"),
        }
    }
}
