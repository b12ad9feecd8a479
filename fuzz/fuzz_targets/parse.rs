//! The front end on arbitrary bytes: decoding (UTF-8, BOM), the lexer with its indentation
//! pass, the parser, the REPL's "is this entry finished?" check, and both diagnostic
//! renderers. Any input must come back as a program or a diagnostic, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = tsr::cli::decode_source(data.to_vec(), "<fuzz>") else { return };
    let _ = tsr::syntax::is_incomplete(&text);
    if let Err(d) = tsr::syntax::parse(&text) {
        let _ = tsr::syntax::render_plain(&d, &text, "<fuzz>");
        let _ = tsr::syntax::render_pretty(&d, &text, "<fuzz>", true);
    }
    let _ = tsr::syntax::parse_expr(&text);
});
