//! One module per subcommand (cargo's layout): each turns its arguments into a request to the
//! library and prints the answer. Commands never call each other; what two of them share lives
//! in the library, or in [`App`], the context every command gets. This file holds the entry
//! point, [`App`] and the dispatch `match`.

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
mod remove;
mod report;
mod toggle;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use clap::Parser;

use crate::check::CheckResult;
use crate::check::run::{self, Event};
use crate::cli::{Cli, Command, ConfigAction, Format, GlobalArgs};
use crate::config::{ConfigFile, ResolvedProvider, lint, path::config_path};
use crate::exit::{ExitStatus, usage};
use crate::lang::Lang;
use crate::output;

/// What every command needs: the global options, resolved once.
pub struct App {
    pub global: GlobalArgs,
    pub lang: Lang,
    pub config_path: PathBuf,
    /// Who named the config file (`--config`, `INTEGRATE_CONFIG`); `None` for the default path.
    pub config_given_by: Option<&'static str>,
    /// Prompts are allowed: stdin and stderr are terminals and --no-input was not given.
    pub interactive: bool,
}

impl App {
    fn new(global: GlobalArgs) -> App {
        let lang = Lang::detect(global.lang);
        let config_path = config_path(global.config.as_deref());
        let config_given_by = if global.config.is_some() {
            Some("--config")
        } else if std::env::var_os("INTEGRATE_CONFIG").is_some_and(|v| !v.is_empty()) {
            Some("INTEGRATE_CONFIG")
        } else {
            None
        };
        let interactive =
            !global.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        App {
            global,
            lang,
            config_path,
            config_given_by,
            interactive,
        }
    }

    /// The config, for a command that only reads it: a path the user named that does not
    /// exist is an error (a CI job must not pass on a typo), the default path may be absent.
    /// Unknown names in the file and the environment are reported on every read.
    pub fn load_config(&self) -> Result<ConfigFile> {
        let config = self.load_config_to_write()?;
        if let (false, Some(given_by)) = (config.exists, self.config_given_by) {
            return Err(usage(format!(
                "the config file {} (from {given_by}) does not exist. Fix the path, or create the file with `integrate add <id>` or `integrate import`.",
                self.config_path.display()
            )));
        }
        Ok(config)
    }

    /// The config, for `add` and `import`, which create it when it does not exist yet.
    pub fn load_config_to_write(&self) -> Result<ConfigFile> {
        let config = ConfigFile::load(&self.config_path)?;
        if let Some(warning) = crate::config::file::exposure(&self.config_path) {
            output::warn(&warning);
        }
        for unknown in lint::in_file(&config).iter().chain(lint::in_environment()) {
            output::warn(&unknown.to_string());
        }
        Ok(config)
    }

    pub fn http(&self) -> Result<crate::check::http::Http> {
        crate::check::http::Http::new(self.global.ca_file.as_deref())
    }

    /// Runs the live checks of `selected`, with one progress line per provider when stdout and
    /// stderr are both terminals (text format, not quiet).
    pub fn run_checks(
        &self,
        selected: &[ResolvedProvider],
        timeout: Duration,
        redirect_uri: String,
        warn_days: u32,
    ) -> Result<Vec<CheckResult>> {
        self.run_checks_with(
            selected,
            timeout,
            redirect_uri,
            Default::default(),
            warn_days,
        )
    }

    /// [`App::run_checks`], with the redirect URI a portal file sets per provider id.
    pub fn run_checks_with(
        &self,
        selected: &[ResolvedProvider],
        timeout: Duration,
        redirect_uri: String,
        redirect_overrides: std::collections::BTreeMap<String, String>,
        warn_days: u32,
    ) -> Result<Vec<CheckResult>> {
        // Only the endpoints the checks will reach decide whether a trust store is needed.
        let http = crate::check::http::Http::for_endpoints(
            self.global.ca_file.as_deref(),
            selected.iter().map(|r| r.endpoint()),
        )?;
        // The trust for reading an `https://` endpoint's certificate, loaded only when one is set.
        let https = selected
            .iter()
            .any(|r| r.endpoint().is_some_and(|e| e.starts_with("https://")));
        let tls = if https {
            Some(crate::doctor::tls::TlsSetup::new(
                self.global.ca_file.as_deref(),
            )?)
        } else {
            None
        };
        let live = self.global.format == Format::Text
            && output::stdout_is_terminal()
            && output::stderr_is_terminal()
            && !output::quiet();
        let progress = live.then(|| {
            let ids: Vec<String> = selected.iter().map(|r| r.provider.id.clone()).collect();
            output::check::Progress::new(&ids, output::verbose() > 0)
        });
        let options = run::Options {
            client: http.client(),
            timeout,
            redirect_uri,
            redirect_overrides,
            tls: tls.as_ref(),
            warn_days,
        };
        let on_event = |event: Event<'_>| {
            if let Some(progress) = &progress {
                progress.on_event(event);
            }
        };
        let results = self.block_on(run::run_all(&options, selected, &on_event))?;
        if let Some(progress) = &progress {
            progress.finish();
        }
        Ok(results)
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
    output::log::install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout with exit 0, usage errors with exit 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    output::init(cli.global.color, cli.global.quiet, cli.global.verbose);
    output::log::init_logging(cli.global.verbose);
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
        Command::Remove { id, yes } => remove::exec(app, &id, yes),
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
