//! The one place where tsr chooses colours: semantic roles mapped to owo-colors styles,
//! and the rule that decides whether colour is used at all (`--color auto|always|never`,
//! `NO_COLOR`, `CLICOLOR_FORCE`, terminal or not). With colour off nothing here emits
//! an escape code.

use owo_colors::{OwoColorize, Style};

/// What a piece of output is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Plain numbers: never styled.
    Plain,
    /// The value's kind in a table header (`tensor`).
    Kind,
    /// A shape in a header (`2×3`).
    Shape,
    /// A dtype in a header.
    DType,
    /// A device in a header.
    Device,
    /// `requires_grad` / `grad_fn=<…>` in a header.
    Grad,
    /// Separators, box-drawing rules and row/column indices.
    Dim,
    /// Labels of sub-tables (`[0, 1, :, :]`, named-tuple fields, list positions).
    Label,
    /// `…` / `⋮` gaps of a summarised table.
    Gap,
    /// A `True` element.
    True,
    /// A `False` element.
    False,
    /// nan, inf, -inf.
    NonFinite,
    /// The last line of an error report.
    Error,
    /// REPL input: a keyword (`for`, `def`, `import`).
    Keyword,
    /// REPL input: a string literal.
    Str,
    /// REPL input: a comment.
    Comment,
    /// REPL input: the bracket matching the one at the cursor.
    Bracket,
    /// The REPL prompt (`>>> `, `... `).
    Prompt,
    /// An inline hint (the signature of the function being called).
    Hint,
    /// A plot title.
    Title,
    /// A plotted series, by terminal colour: 0 the terminal's foreground, then red,
    /// green, yellow, blue, magenta, cyan (see `plot::model::Ansi`).
    Series(u8),
}

fn style(role: Role) -> Style {
    let s = Style::new();
    match role {
        Role::Plain => s,
        Role::Kind => s.bold(),
        Role::Shape => s.cyan().bold(),
        Role::DType => s.magenta(),
        Role::Device => s.blue(),
        Role::Grad => s.yellow(),
        Role::Dim | Role::Gap => s.dimmed(),
        Role::Label => s.cyan(),
        Role::True => s.green(),
        Role::False => s.red(),
        Role::NonFinite => s.yellow().bold(),
        Role::Error => s.red().bold(),
        Role::Keyword => s.magenta().bold(),
        Role::Str => s.cyan(),
        Role::Comment | Role::Hint => s.dimmed(),
        Role::Bracket => s.yellow().bold().underline(),
        Role::Prompt => s.green().bold(),
        Role::Title => s.bold(),
        Role::Series(c) => match c {
            1 => s.red(),
            2 => s.green(),
            3 => s.yellow(),
            4 => s.blue(),
            5 => s.magenta(),
            6 => s.cyan(),
            _ => s,
        },
    }
}

/// `text` styled for `role` when `color` is on; the text itself otherwise.
pub fn paint(text: &str, role: Role, color: bool) -> String {
    if !color || matches!(role, Role::Plain | Role::Series(0)) || text.is_empty() {
        return text.to_string();
    }
    text.style(style(role)).to_string()
}

/// The `--color` setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorMode {
    Auto,
    Always,
    Never,
}

/// Whether to colour a stream. An explicit `always`/`never` wins; in `auto` a non-empty
/// `NO_COLOR` turns colour off, then a `CLICOLOR_FORCE` other than `0` (or empty) turns
/// it on, else colour is used only on a terminal, so no escape reaches a pipe.
pub fn decide(mode: ColorMode, is_tty: bool, no_color: Option<&str>, clicolor_force: Option<&str>) -> bool {
    match mode {
        ColorMode::Always => true,
        ColorMode::Never => false,
        ColorMode::Auto => {
            if no_color.is_some_and(|v| !v.is_empty()) {
                false
            } else if clicolor_force.is_some_and(|v| !v.is_empty() && v != "0") {
                true
            } else {
                is_tty
            }
        }
    }
}

/// [`decide`] with `NO_COLOR` and `CLICOLOR_FORCE` read from the environment.
pub fn decide_env(mode: ColorMode, is_tty: bool) -> bool {
    let nc = std::env::var("NO_COLOR").ok();
    let cf = std::env::var("CLICOLOR_FORCE").ok();
    decide(mode, is_tty, nc.as_deref(), cf.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_rules() {
        use ColorMode::*;
        assert!(decide(Always, false, Some("1"), None));
        assert!(!decide(Never, true, None, Some("1")));
        assert!(decide(Auto, true, None, None));
        assert!(!decide(Auto, false, None, None));
        assert!(!decide(Auto, true, Some("1"), None));
        assert!(decide(Auto, true, Some(""), None));
        assert!(decide(Auto, false, None, Some("1")));
        assert!(!decide(Auto, false, None, Some("0")));
        assert!(!decide(Auto, false, Some("yes"), Some("1")));
    }

    #[test]
    fn paint_off_is_identity() {
        for r in [Role::Kind, Role::NonFinite, Role::True, Role::Dim] {
            assert_eq!(paint("x", r, false), "x");
        }
        assert_eq!(paint("1.5", Role::Plain, true), "1.5");
        let p = paint("True", Role::True, true);
        assert!(p.contains("\x1b[") && p.contains("True"));
    }
}
