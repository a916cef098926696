//! The `gwlint` binary: parse arguments, run, exit with the documented code.

use gwlint::cli::{ClosablePipe, execute};

fn main() {
    gwlint::engine::crash::install_hook();
    let cli = match gwlint::cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let help = e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
            if e.use_stderr() && !help {
                eprint!("{}", gwlint::cli::usage_error_zh(&e));
            } else {
                // --help, --version, or help for a bare `gwlint`.
                let _ = e.print();
            }
            // clap uses 0 for --help/--version and 2 for usage errors, as documented.
            std::process::exit(if e.use_stderr() {
                gwlint::exit_codes::ERROR
            } else {
                0
            });
        }
    };
    let stdout = std::io::stdout();
    let mut out = ClosablePipe::new(std::io::BufWriter::new(stdout.lock()));
    // Not locked for the whole run: a worker thread that writes to stderr (a panic message, say)
    // must not wait forever for the main thread.
    let mut err = std::io::stderr();
    // `execute` flushes `out` and reports a write error itself.
    let code = execute(cli, &mut out, &mut err);
    drop(out);
    std::process::exit(code);
}
