//! The two ways text leaves the process outside the commands' own output: debug logs
//! (`-vv`, `-vvv`, `INTEGRATE_LOG`) and a panic's message. Both are redacted like everything
//! else.

use super::RedactingWriter;

/// A panic message may quote a value; it is redacted like everything else, and the user is
/// told it is a bug rather than shown a backtrace.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "{}",
            crate::redact::scrub(&format!(
                "integrate: internal error{location}: {detail}. Please report it (integrate report)."
            ))
        );
    }));
}

/// -vv: debug logs of integrate; -vvv: HTTP traces of the libraries too. Always redacted.
pub fn init_logging(verbose: u8) {
    let filter = match verbose {
        0 | 1 => "warn",
        2 => "integrate=debug,warn",
        _ => "integrate=trace,reqwest=debug,hyper_util=debug,debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("INTEGRATE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(|| RedactingWriter)
        // A log sent to a file, or with --color never / NO_COLOR, carries no escape codes.
        .with_ansi(super::stderr_colors())
        .with_target(verbose >= 3)
        .without_time()
        .try_init();
}
