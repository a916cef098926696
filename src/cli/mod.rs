//! Command-line interface: arguments (`args.rs`) and one file per command.

mod args;
mod check;
mod completions;
mod explain;
mod outline;
mod rules;
mod settings;
mod statistics;

pub use args::*;
pub use outline::outline_text;

use std::io::{self, IsTerminal, Write};

use crate::exit_codes;

/// Runs a parsed command line, writing to `out` and `err`. Returns the exit code.
///
/// Output is flushed before the exit code is decided: output that cannot be written (a full disk,
/// `> /dev/full`) is an error, exit 2. A reader that closes the pipe early (`| head`) is not: give
/// `out` through [`ClosablePipe`] and the run ends with the exit code its findings give, as
/// ripgrep does.
pub fn execute(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match cli.command {
        Command::Check(args) => check::check(args, out, err),
        Command::Outline(args) => outline::outline(args, out, err),
        Command::Rules(args) => rules::list_rules(args, out, err),
        Command::Explain(args) => explain::explain(args, out, err),
        Command::Completions(args) => completions::completions(args.shell, out),
        Command::Man => completions::man(out),
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "gwlint：无法写出结果：{}", crate::input::io_reason(&e));
            exit_codes::ERROR
        }
    }
}

/// Standard output for [`execute`]: once the reader has closed the pipe (`gwlint check … | head`),
/// further output is dropped instead of failing the run, so the exit code still reports the
/// findings. Every other write error is passed on.
#[derive(Debug)]
pub struct ClosablePipe<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> ClosablePipe<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        ClosablePipe {
            inner,
            closed: false,
        }
    }

    fn guard<T>(&mut self, result: io::Result<T>, closed_value: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(closed_value)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for ClosablePipe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.guard(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.guard(result, ())
    }
}

pub(super) fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}
