//! One module per subcommand (cargo's layout): each turns its arguments into a request to the
//! library and prints the answer. This file holds the entry point, the shared [`App`] context
//! and the dispatch `match`; nothing else.

mod add;
mod check;
mod completions;
mod config;
mod doctor;
mod export;
mod guide;
mod import;
mod providers;
mod pull;
mod push;
mod report;
mod toggle;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use crate::cli::{Cli, Command, ConfigAction, GlobalArgs};
use crate::config::{ConfigFile, path::config_path};
use crate::exit::ExitStatus;
use crate::lang::Lang;
use crate::output;

/// What every command needs: the global options, resolved once.
pub struct App {
    pub global: GlobalArgs,
    pub lang: Lang,
    pub config_path: PathBuf,
    /// Prompts are allowed: stdin and stderr are terminals and --no-input was not given.
    pub interactive: bool,
}

impl App {
    fn new(global: GlobalArgs) -> App {
        let lang = Lang::detect(global.lang);
        let config_path = config_path(global.config.as_deref());
        let interactive =
            !global.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        App {
            global,
            lang,
            config_path,
            interactive,
        }
    }

    pub fn load_config(&self) -> Result<ConfigFile> {
        ConfigFile::load(&self.config_path)
    }

    pub fn http(&self) -> Result<crate::check::http::Http> {
        crate::check::http::Http::new(self.global.ca_file.as_deref())
    }

    /// Runs async work (checks, HTTP) on a runtime made for this command.
    pub fn block_on<F: std::future::Future>(&self, future: F) -> Result<F::Output> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?;
        Ok(runtime.block_on(future))
    }
}

/// The whole program: parse, set up output and logs, run, and turn the result into an exit code.
pub fn main() -> ExitCode {
    install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout with exit 0, usage errors with exit 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    output::init(&cli.global);
    init_logging(cli.global.verbose);
    let app = App::new(cli.global.clone());
    match run(&app, cli.command) {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            let mut message = err.to_string();
            for cause in err.chain().skip(1) {
                message.push_str(&format!(": {cause}"));
            }
            output::error(&message);
            ExitCode::from(ExitStatus::Usage.code())
        }
    }
}

fn run(app: &App, command: Command) -> Result<ExitStatus> {
    match command {
        Command::Providers => providers::exec(app),
        Command::Guide { id } => guide::exec(app, &id),
        Command::Add(args) => add::exec(app, args),
        Command::Remove { id } => toggle::remove(app, &id),
        Command::Enable { id } => toggle::set_enabled(app, &id, true),
        Command::Disable { id } => toggle::set_enabled(app, &id, false),
        Command::Config {
            action: ConfigAction::Path,
        } => config::path(app),
        Command::Config {
            action: ConfigAction::Show,
        } => config::show(app),
        Command::Check(args) => check::exec(app, args),
        Command::Completions { shell } => completions::exec(shell),
        Command::Man => completions::man(),
        Command::Export(args) => export::exec(app, args),
        Command::Import(args) => import::exec(app, args),
        Command::Push(args) => push::exec(app, args),
        Command::Pull(args) => pull::exec(app, args),
        Command::Doctor(args) => doctor::exec(app, args),
        Command::Report(args) => report::exec(app, args),
    }
}

/// A panic message may quote a value; it is redacted like everything else, and the user is
/// told it is a bug rather than shown a backtrace.
fn install_panic_hook() {
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
fn init_logging(verbose: u8) {
    let filter = match verbose {
        0 | 1 => "warn",
        2 => "integrate=debug,warn",
        _ => "integrate=trace,reqwest=debug,hyper_util=debug,debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("INTEGRATE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(|| output::RedactingWriter)
        .with_target(verbose >= 3)
        .without_time()
        .try_init();
}
