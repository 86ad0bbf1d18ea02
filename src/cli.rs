//! The command line, declared once with clap. Every subcommand is one variant of [`Command`];
//! its arguments are typed here and handled by the module of the same name in `commands/`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::config::save::SecretsStore;
use crate::lang::Lang;
pub use crate::output::ColorWhen;
pub use crate::portal::Generation;

#[derive(Debug, Parser)]
#[command(
    name = "integrate",
    version,
    about = "Set up and verify the third-party keys of a self-hosted ONLYOFFICE portal",
    long_about = format!("Set up and verify the third-party keys of a self-hosted ONLYOFFICE portal \
(Workspace and DocSpace): guided setup for {} providers, live connectivity checks, and the \
portal's own config formats.", crate::catalog::count()),
    after_help = "Exit codes: 0 success, 1 a check was rejected or misconfigured, 2 bad usage or \
configuration, 3 a check could not reach a verdict (unreachable)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Output format, where the command prints data (junit, github and prometheus: `check`)
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Print only problems (and warnings) and the closing verdict
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Never prompt (implied when stdin is not a terminal)
    #[arg(long, global = true)]
    pub no_input: bool,
    /// Extra trusted root certificates (PEM), for a proxy that inspects TLS
    #[arg(long, global = true, value_name = "PATH")]
    pub ca_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Junit,
    Github,
    /// Prometheus text format, for node_exporter's textfile collector
    Prometheus,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every provider, what it enables in the portal, and whether it is configured here
    #[command(visible_alias = "list", after_help = examples::PROVIDERS)]
    Providers,
    /// Show a provider's setup steps, with the portal's redirect URI filled in
    #[command(after_help = examples::GUIDE)]
    Guide {
        /// Provider id or alias (see `integrate providers`)
        id: String,
    },
    /// Set up a provider: guided on a terminal, or from --set/--from-env without one
    #[command(after_help = examples::ADD)]
    Add(AddArgs),
    /// Remove a provider from the config (and its keyring entries); asks first on a terminal
    #[command(after_help = examples::REMOVE)]
    Remove {
        /// Provider id or alias
        id: String,
        /// Remove without asking
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Enable a configured provider
    #[command(after_help = examples::ENABLE)]
    Enable {
        /// Provider id or alias
        id: String,
    },
    /// Disable a provider without removing its keys
    #[command(after_help = examples::DISABLE)]
    Disable {
        /// Provider id or alias
        id: String,
    },
    /// Show the config file's path, or its content with secrets masked
    #[command(after_help = examples::CONFIG)]
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Run the live connectivity checks (all configured and enabled providers by default)
    #[command(after_help = examples::CHECK)]
    Check(CheckArgs),
    /// Print a shell completion script
    #[command(after_help = examples::COMPLETIONS)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    #[command(hide = true)]
    Man,
    /// Write the configured keys into the portal's own config file(s)
    #[command(after_help = examples::EXPORT)]
    Export(ExportArgs),
    /// Read the keys from a portal config file into the integrate config
    #[command(after_help = examples::IMPORT)]
    Import(ImportArgs),
    /// Send the configured keys to a running DocSpace (settings/authservice API)
    #[command(after_help = examples::PUSH)]
    Push(PushArgs),
    /// Read which services a running DocSpace has set, and which are locked
    #[command(after_help = examples::PULL)]
    Pull(PullArgs),
    /// Diagnose each provider layer by layer: DNS, TCP, TLS, proxy, HTTP, clock, then the check
    #[command(after_help = examples::DOCTOR)]
    Doctor(DoctorArgs),
    /// Write a support bundle (version, OS, masked config, doctor results) safe to share
    #[command(after_help = examples::REPORT)]
    Report(ReportArgs),
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the config file path
    #[command(after_help = examples::CONFIG_PATH)]
    Path,
    /// Print every configured field, secrets masked, and where each value comes from
    #[command(after_help = examples::CONFIG_SHOW)]
    Show,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Provider id or alias (see `integrate providers`)
    pub id: String,
    /// Set a field: FIELD=VALUE, FIELD=- (read stdin) or FIELD=@PATH (read a file)
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
    /// Take fields from INTEGRATE_<ID>_<FIELD> environment variables
    #[arg(long)]
    pub from_env: bool,
    /// Where to store the secret fields (default: file, or [defaults] secrets in the config)
    #[arg(long, value_enum)]
    pub secrets: Option<SecretsStore>,
    /// Save without running the live check
    #[arg(long)]
    pub no_check: bool,
    /// Save even when the live check fails
    #[arg(long)]
    pub force: bool,
    /// Seconds the live check may take
    #[arg(long, default_value = "10", value_name = "SECS", value_parser = parse_timeout)]
    pub timeout: Duration,
    /// Replace an existing configuration without asking
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Provider ids or aliases (default: every configured and enabled provider)
    pub ids: Vec<String>,
    /// Seconds each provider's check may take
    #[arg(long, default_value = "10", value_name = "SECS", value_parser = parse_timeout)]
    pub timeout: Duration,
    /// Write the results to FILE (atomically: readers never see a partial file) instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A portal config file whose *RedirectUrl values are the redirect URIs to check, unless
    /// [portal] redirect_uri is set (web.consumers.config or autofac.consumers.json)
    #[arg(long = "portal-file", value_name = "FILE")]
    pub portal_file: Vec<PathBuf>,
    /// Warn when a certificate or key expires within DAYS
    #[arg(long, default_value = "30", value_name = "DAYS")]
    pub warn_days: u32,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(value_enum)]
    pub generation: Generation,
    /// Portal file(s) to update (default: the installed locations; every copy is updated, or none)
    #[arg(long, value_name = "FILE")]
    pub path: Vec<PathBuf>,
    /// Print what would change (secrets masked) and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(value_enum)]
    pub generation: Generation,
    /// The portal file to read
    pub file: PathBuf,
    /// Where to store the secret fields (default: file, or [defaults] secrets in the config)
    #[arg(long, value_enum)]
    pub secrets: Option<SecretsStore>,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The DocSpace portal URL, e.g. https://docspace.example.com
    pub url: String,
    /// Providers to send (default: every configured and enabled provider DocSpace supports)
    #[arg(long = "only", value_name = "ID")]
    pub only: Vec<String>,
    /// Read the API token from stdin instead of $INTEGRATE_DOCSPACE_TOKEN
    #[arg(long)]
    pub token_stdin: bool,
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// The DocSpace portal URL, e.g. https://docspace.example.com
    pub url: String,
    /// Read the API token from stdin instead of $INTEGRATE_DOCSPACE_TOKEN
    #[arg(long)]
    pub token_stdin: bool,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Provider ids or aliases (default: every configured provider)
    pub ids: Vec<String>,
    /// Seconds each layer (and the live check) may take
    #[arg(long, default_value = "10", value_name = "SECS", value_parser = parse_timeout)]
    pub timeout: Duration,
    /// A portal config file to compare with (web.consumers.config or autofac.consumers.json;
    /// default: the installed ones that exist)
    #[arg(long = "portal-file", value_name = "FILE")]
    pub portal_file: Vec<PathBuf>,
    /// Warn when a certificate or key expires within DAYS
    #[arg(long, default_value = "30", value_name = "DAYS")]
    pub warn_days: u32,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write the bundle here (mode 600) instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists
    #[arg(long)]
    pub force: bool,
    /// Seconds each doctor layer may take
    #[arg(long, default_value = "10", value_name = "SECS", value_parser = parse_timeout)]
    pub timeout: Duration,
    /// A portal config file to compare with (default: the installed ones that exist)
    #[arg(long = "portal-file", value_name = "FILE")]
    pub portal_file: Vec<PathBuf>,
}

/// `--timeout SECS`: a positive number of seconds, up to an hour (fractions allowed).
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !(secs.is_finite() && secs > 0.0 && secs <= 3600.0) {
        return Err(format!(
            "{secs}: give a number of seconds between 0 and 3600"
        ));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// The examples each subcommand's `--help` ends with. Every line is a real invocation:
/// `tests/commands/help.rs` parses each one with this very parser.
mod examples {
    pub const PROVIDERS: &str = "Examples:
  integrate providers
  integrate providers --format json
  integrate list --lang fr";
    pub const GUIDE: &str = "Examples:
  integrate guide telegram
  integrate guide dropbox --lang fr";
    pub const ADD: &str = "Examples:
  integrate add telegram                       # guided, on a terminal
  integrate add zotero --set api_key=- < key.txt
  integrate add s3 --from-env --secrets keyring  # INTEGRATE_S3_* variables";
    pub const REMOVE: &str = "Examples:
  integrate remove dropbox
  integrate remove dropbox --yes               # in a script: no question";
    pub const ENABLE: &str = "Examples:
  integrate enable dropbox
  integrate enable s3 --config /etc/integrate/integrate.toml";
    pub const DISABLE: &str = "Examples:
  integrate disable yahoo
  integrate disable yahoo --config /etc/integrate/integrate.toml";
    pub const CONFIG: &str = "Examples:
  integrate config path
  integrate config show
  integrate config show --format json";
    pub const CONFIG_PATH: &str = "Examples:
  integrate config path
  integrate config path --config ./portal.toml";
    pub const CONFIG_SHOW: &str = "Examples:
  integrate config show
  integrate config show --format json";
    pub const CHECK: &str = "Examples:
  integrate check                              # every configured, enabled provider
  integrate check telegram twilio --timeout 20
  integrate check --format junit --output integrate.xml";
    pub const COMPLETIONS: &str = "Examples:
  integrate completions bash > ~/.local/share/bash-completion/completions/integrate
  integrate completions zsh > ~/.zfunc/_integrate";
    pub const EXPORT: &str = "Examples:
  integrate export workspace --dry-run
  integrate export docspace --path /app/onlyoffice/config/autofac.consumers.json";
    pub const IMPORT: &str = "Examples:
  integrate import workspace /var/www/onlyoffice/WebStudio/web.consumers.config
  integrate import docspace autofac.consumers.json --secrets keyring";
    pub const PUSH: &str = "Examples:
  integrate push https://docspace.example.com  # token in $INTEGRATE_DOCSPACE_TOKEN
  integrate push https://docspace.example.com --only google --token-stdin < token.txt";
    pub const PULL: &str = "Examples:
  integrate pull https://docspace.example.com
  integrate pull https://docspace.example.com --format json";
    pub const DOCTOR: &str = "Examples:
  integrate doctor
  integrate doctor s3 --portal-file /app/onlyoffice/config/autofac.consumers.json
  integrate doctor --format junit > doctor.xml";
    pub const REPORT: &str = "Examples:
  integrate report --output ticket.md
  integrate report --format json --output report.json";
}
