//! The `tsr` binary: parses the command line and hands over to `tsr::cli`.

use clap::Parser;

fn main() {
    let args = tsr::cli::Cli::parse();
    std::process::exit(tsr::cli::run(args));
}
