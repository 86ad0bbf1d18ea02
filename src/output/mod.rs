//! Everything the tool prints goes through here, and through [`crate::redact::scrub_styled`]
//! on the way out: secrets are masked and control characters from outside are neutralised,
//! while the tool's own colours survive. Colour follows `--color`, `NO_COLOR` and
//! `CLICOLOR_FORCE` per stream (anstream).

pub mod check;
pub mod ci;
pub mod config;
pub mod doctor;
pub mod guide;
pub mod json;
pub mod log;
pub mod prometheus;
pub mod report;
pub mod wrap;

use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

use anstyle::{AnsiColor, Style};

use crate::redact::scrub_styled as scrub;

/// When to use colours (`--color`); `auto` honours `NO_COLOR` and `CLICOLOR_FORCE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy)]
struct Settings {
    quiet: bool,
    verbose: u8,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// Applies the global output options; call once, before printing.
pub fn init(color: ColorWhen, quiet: bool, verbose: u8) {
    let choice = match color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    // The prompts (console, dialoguer) decide on their own: tell them what was decided here.
    console::set_colors_enabled(stdout_colors());
    console::set_colors_enabled_stderr(stderr_colors());
    let _ = SETTINGS.set(Settings { quiet, verbose });
}

/// Whether colour reaches stdout: `--color`, `NO_COLOR`, `CLICOLOR_FORCE`, and a terminal.
pub fn stdout_colors() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// Whether colour reaches stderr, by the same rules.
pub fn stderr_colors() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

/// Text for stderr through a writer that is not anstream's (the progress lines, the prompts'
/// terminal): its colours removed where colour is off, so `--color never` reaches every line.
pub fn for_stderr(text: &str) -> String {
    if stderr_colors() {
        text.to_string()
    } else {
        anstream::adapter::strip_str(text).to_string()
    }
}

fn settings() -> Settings {
    SETTINGS.get().copied().unwrap_or(Settings {
        quiet: false,
        verbose: 0,
    })
}

pub fn verbose() -> u8 {
    settings().verbose
}

pub fn quiet() -> bool {
    settings().quiet
}

pub const GREEN: Style = AnsiColor::Green.on_default();
pub const YELLOW: Style = AnsiColor::Yellow.on_default();
pub const RED: Style = AnsiColor::Red.on_default();
pub const BOLD: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();

/// `text` in `style`, for stdout or stderr (anstream strips it where colour is off).
pub fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// Prints to stdout, redacted. A closed pipe (`| head`) is not an error worth a message.
pub fn print(text: &str) {
    let mut out = anstream::stdout();
    let _ = out.write_all(scrub(text).as_bytes());
    let _ = out.flush();
}

pub fn println(text: &str) {
    print(&format!("{text}\n"));
}

fn eprint_line(text: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{}", scrub(text));
}

/// A warning: always shown, even with -q, because it is about safety or data.
pub fn warn(text: &str) {
    eprint_line(&format!("{} {text}", paint(YELLOW.bold(), "warning:")));
}

/// Progress and hints for a person; hidden with -q.
pub fn note(text: &str) {
    if !quiet() {
        eprint_line(text);
    }
}

/// A command's closing line ("Saved telegram to …"): shown even with -q, which keeps only
/// problems and the verdict.
pub fn verdict(text: &str) {
    eprint_line(text);
}

pub fn error(text: &str) {
    eprint_line(&format!("{} {text}", paint(RED.bold(), "error:")));
}

pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// A `tracing` writer that redacts each line before it reaches stderr.
pub struct RedactingWriter;

impl Write for RedactingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let mut err = std::io::stderr();
        err.write_all(scrub(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}
