
use builtin;
use str;

set edit:completion:arg-completer[integrate] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'integrate'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'integrate'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand providers 'List every provider, what it enables in the portal, and whether it is configured here'
            cand list 'List every provider, what it enables in the portal, and whether it is configured here'
            cand guide 'Show a provider''s setup steps, with the portal''s redirect URI filled in'
            cand add 'Set up a provider: guided on a terminal, or from --set/--from-env without one'
            cand remove 'Remove a provider from the config (and its keyring entries); asks first on a terminal'
            cand enable 'Enable a configured provider'
            cand disable 'Disable a provider without removing its keys'
            cand config 'Show the config file''s path, or its content with secrets masked'
            cand check 'Run the live connectivity checks (all configured and enabled providers by default)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand export 'Write the configured keys into the portal''s own config file(s)'
            cand import 'Read the keys from a portal config file into the integrate config'
            cand push 'Send the configured keys to a running DocSpace (settings/authservice API)'
            cand pull 'Read which services a running DocSpace has set, and which are locked'
            cand doctor 'Diagnose each provider layer by layer: DNS, TCP, TLS, proxy, HTTP, clock, then the check'
            cand report 'Write a support bundle (version, OS, masked config, doctor results) safe to share'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'integrate;providers'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;list'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;guide'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;add'= {
            cand --set 'Set a field: FIELD=VALUE, FIELD=- (read stdin) or FIELD=@PATH (read a file)'
            cand --secrets 'Where to store the secret fields (default: file, or [defaults] secrets in the config)'
            cand --timeout 'Seconds the live check may take'
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand --from-env 'Take fields from INTEGRATE_<ID>_<FIELD> environment variables'
            cand --no-check 'Save without running the live check'
            cand --force 'Save even when the live check fails'
            cand -y 'Replace an existing configuration without asking'
            cand --yes 'Replace an existing configuration without asking'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;remove'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -y 'Remove without asking'
            cand --yes 'Remove without asking'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;enable'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;disable'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;config'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand path 'Print the config file path'
            cand show 'Print every configured field, secrets masked, and where each value comes from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'integrate;config;path'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;config;show'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;config;help'= {
            cand path 'Print the config file path'
            cand show 'Print every configured field, secrets masked, and where each value comes from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'integrate;config;help;path'= {
        }
        &'integrate;config;help;show'= {
        }
        &'integrate;config;help;help'= {
        }
        &'integrate;check'= {
            cand --timeout 'Seconds each provider''s check may take'
            cand -o 'Write the results to FILE (atomically: readers never see a partial file) instead of stdout'
            cand --output 'Write the results to FILE (atomically: readers never see a partial file) instead of stdout'
            cand --portal-file 'A portal config file whose *RedirectUrl values are the redirect URIs to check, unless [portal] redirect_uri is set (web.consumers.config or autofac.consumers.json)'
            cand --warn-days 'Warn when a certificate or key expires within DAYS'
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;completions'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;man'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;export'= {
            cand --path 'Portal file(s) to update (default: the installed locations; every copy is updated, or none)'
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand --dry-run 'Print what would change (secrets masked) and write nothing'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;import'= {
            cand --secrets 'Where to store the secret fields (default: file, or [defaults] secrets in the config)'
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;push'= {
            cand --only 'Providers to send (default: every configured and enabled provider DocSpace supports)'
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand --token-stdin 'Read the API token from stdin instead of $INTEGRATE_DOCSPACE_TOKEN'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;pull'= {
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand --token-stdin 'Read the API token from stdin instead of $INTEGRATE_DOCSPACE_TOKEN'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;doctor'= {
            cand --timeout 'Seconds each layer (and the live check) may take'
            cand --portal-file 'A portal config file to compare with (web.consumers.config or autofac.consumers.json; default: the installed ones that exist)'
            cand --warn-days 'Warn when a certificate or key expires within DAYS'
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;report'= {
            cand -o 'Write the bundle here (mode 600) instead of stdout'
            cand --output 'Write the bundle here (mode 600) instead of stdout'
            cand --timeout 'Seconds each doctor layer may take'
            cand --portal-file 'A portal config file to compare with (default: the installed ones that exist)'
            cand --config 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)'
            cand --format 'Output format, where the command prints data (junit, github and prometheus: `check`)'
            cand --color 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --lang 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)'
            cand --ca-file 'Extra trusted root certificates (PEM), for a proxy that inspects TLS'
            cand --force 'Replace the --output file if it exists'
            cand -q 'Print only problems (and warnings) and the closing verdict'
            cand --quiet 'Print only problems (and warnings) and the closing verdict'
            cand -v 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --verbose 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
            cand --no-input 'Never prompt (implied when stdin is not a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'integrate;help'= {
            cand providers 'List every provider, what it enables in the portal, and whether it is configured here'
            cand guide 'Show a provider''s setup steps, with the portal''s redirect URI filled in'
            cand add 'Set up a provider: guided on a terminal, or from --set/--from-env without one'
            cand remove 'Remove a provider from the config (and its keyring entries); asks first on a terminal'
            cand enable 'Enable a configured provider'
            cand disable 'Disable a provider without removing its keys'
            cand config 'Show the config file''s path, or its content with secrets masked'
            cand check 'Run the live connectivity checks (all configured and enabled providers by default)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand export 'Write the configured keys into the portal''s own config file(s)'
            cand import 'Read the keys from a portal config file into the integrate config'
            cand push 'Send the configured keys to a running DocSpace (settings/authservice API)'
            cand pull 'Read which services a running DocSpace has set, and which are locked'
            cand doctor 'Diagnose each provider layer by layer: DNS, TCP, TLS, proxy, HTTP, clock, then the check'
            cand report 'Write a support bundle (version, OS, masked config, doctor results) safe to share'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'integrate;help;providers'= {
        }
        &'integrate;help;guide'= {
        }
        &'integrate;help;add'= {
        }
        &'integrate;help;remove'= {
        }
        &'integrate;help;enable'= {
        }
        &'integrate;help;disable'= {
        }
        &'integrate;help;config'= {
            cand path 'Print the config file path'
            cand show 'Print every configured field, secrets masked, and where each value comes from'
        }
        &'integrate;help;config;path'= {
        }
        &'integrate;help;config;show'= {
        }
        &'integrate;help;check'= {
        }
        &'integrate;help;completions'= {
        }
        &'integrate;help;man'= {
        }
        &'integrate;help;export'= {
        }
        &'integrate;help;import'= {
        }
        &'integrate;help;push'= {
        }
        &'integrate;help;pull'= {
        }
        &'integrate;help;doctor'= {
        }
        &'integrate;help;report'= {
        }
        &'integrate;help;help'= {
        }
    ]
    $completions[$command]
}
