# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_integrate_global_optspecs
    string join \n config= format= color= q/quiet v/verbose lang= no-input ca-file= h/help V/version
end

function __fish_integrate_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_integrate_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_integrate_using_subcommand
    set -l cmd (__fish_integrate_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c integrate -n "__fish_integrate_needs_command" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_needs_command" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_needs_command" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_needs_command" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_needs_command" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_needs_command" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_needs_command" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_needs_command" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_needs_command" -s V -l version -d 'Print version'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "providers" -d 'List every provider, what it enables in the portal, and whether it is configured here'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "list" -d 'List every provider, what it enables in the portal, and whether it is configured here'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "guide" -d 'Show a provider\'s setup steps, with the portal\'s redirect URI filled in'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "add" -d 'Set up a provider: guided on a terminal, or from --set/--from-env without one'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "remove" -d 'Remove a provider from the config (and its keyring entries); asks first on a terminal'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "enable" -d 'Enable a configured provider'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "disable" -d 'Disable a provider without removing its keys'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "config" -d 'Show the config file\'s path, or its content with secrets masked'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "check" -d 'Run the live connectivity checks (all configured and enabled providers by default)'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "export" -d 'Write the configured keys into the portal\'s own config file(s)'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "import" -d 'Read the keys from a portal config file into the integrate config'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "push" -d 'Send the configured keys to a running DocSpace (settings/authservice API)'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "pull" -d 'Read which services a running DocSpace has set, and which are locked'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "doctor" -d 'Diagnose each provider layer by layer: DNS, TCP, TLS, proxy, HTTP, clock, then the check'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "report" -d 'Write a support bundle (version, OS, masked config, doctor results) safe to share'
complete -c integrate -n "__fish_integrate_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c integrate -n "__fish_integrate_using_subcommand providers" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand providers" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand providers" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand providers" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand providers" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand providers" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand providers" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand providers" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand providers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand list" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand list" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand list" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand list" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand list" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand list" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand list" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand list" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand guide" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand guide" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand guide" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand guide" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand guide" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand guide" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand guide" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand guide" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand guide" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand add" -l set -d 'Set a field: FIELD=VALUE, FIELD=- (read stdin) or FIELD=@PATH (read a file)' -r
complete -c integrate -n "__fish_integrate_using_subcommand add" -l secrets -d 'Where to store the secret fields (default: file, or [defaults] secrets in the config)' -r -f -a "file\t'In the config file (kept 0600)'
keyring\t'In the OS keyring, service `integrate`'"
complete -c integrate -n "__fish_integrate_using_subcommand add" -l timeout -d 'Seconds the live check may take' -r
complete -c integrate -n "__fish_integrate_using_subcommand add" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand add" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand add" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand add" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand add" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand add" -l from-env -d 'Take fields from INTEGRATE_<ID>_<FIELD> environment variables'
complete -c integrate -n "__fish_integrate_using_subcommand add" -l no-check -d 'Save without running the live check'
complete -c integrate -n "__fish_integrate_using_subcommand add" -l force -d 'Save even when the live check fails'
complete -c integrate -n "__fish_integrate_using_subcommand add" -s y -l yes -d 'Replace an existing configuration without asking'
complete -c integrate -n "__fish_integrate_using_subcommand add" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand add" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand add" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand remove" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand remove" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand remove" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand remove" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand remove" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand remove" -s y -l yes -d 'Remove without asking'
complete -c integrate -n "__fish_integrate_using_subcommand remove" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand remove" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand remove" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand enable" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand enable" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand enable" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand enable" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand enable" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand enable" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand enable" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand enable" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand disable" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand disable" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand disable" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand disable" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand disable" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand disable" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand disable" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand disable" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -f -a "path" -d 'Print the config file path'
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -f -a "show" -d 'Print every configured field, secrets masked, and where each value comes from'
complete -c integrate -n "__fish_integrate_using_subcommand config; and not __fish_seen_subcommand_from path show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from path" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from path" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from path" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from path" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from show" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from show" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from show" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file path'
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print every configured field, secrets masked, and where each value comes from'
complete -c integrate -n "__fish_integrate_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c integrate -n "__fish_integrate_using_subcommand check" -l timeout -d 'Seconds each provider\'s check may take' -r
complete -c integrate -n "__fish_integrate_using_subcommand check" -s o -l output -d 'Write the results to FILE (atomically: readers never see a partial file) instead of stdout' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand check" -l portal-file -d 'A portal config file whose *RedirectUrl values are the redirect URIs to check, unless [portal] redirect_uri is set (web.consumers.config or autofac.consumers.json)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand check" -l warn-days -d 'Warn when a certificate or key expires within DAYS' -r
complete -c integrate -n "__fish_integrate_using_subcommand check" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand check" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand check" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand check" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand check" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand check" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand check" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand check" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand completions" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand completions" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand completions" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand completions" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand completions" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand completions" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand completions" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand completions" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand man" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand man" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand man" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand man" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand man" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand man" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand man" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand man" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand export" -l path -d 'Portal file(s) to update (default: the installed locations; every copy is updated, or none)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand export" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand export" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand export" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand export" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand export" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand export" -l dry-run -d 'Print what would change (secrets masked) and write nothing'
complete -c integrate -n "__fish_integrate_using_subcommand export" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand export" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand export" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand import" -l secrets -d 'Where to store the secret fields (default: file, or [defaults] secrets in the config)' -r -f -a "file\t'In the config file (kept 0600)'
keyring\t'In the OS keyring, service `integrate`'"
complete -c integrate -n "__fish_integrate_using_subcommand import" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand import" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand import" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand import" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand import" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand import" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand import" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand import" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand push" -l only -d 'Providers to send (default: every configured and enabled provider DocSpace supports)' -r
complete -c integrate -n "__fish_integrate_using_subcommand push" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand push" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand push" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand push" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand push" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand push" -l token-stdin -d 'Read the API token from stdin instead of $INTEGRATE_DOCSPACE_TOKEN'
complete -c integrate -n "__fish_integrate_using_subcommand push" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand push" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand push" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand pull" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand pull" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand pull" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand pull" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand pull" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand pull" -l token-stdin -d 'Read the API token from stdin instead of $INTEGRATE_DOCSPACE_TOKEN'
complete -c integrate -n "__fish_integrate_using_subcommand pull" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand pull" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand pull" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -l timeout -d 'Seconds each layer (and the live check) may take' -r
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -l portal-file -d 'A portal config file to compare with (web.consumers.config or autofac.consumers.json; default: the installed ones that exist)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -l warn-days -d 'Warn when a certificate or key expires within DAYS' -r
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand report" -s o -l output -d 'Write the bundle here (mode 600) instead of stdout' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand report" -l timeout -d 'Seconds each doctor layer may take' -r
complete -c integrate -n "__fish_integrate_using_subcommand report" -l portal-file -d 'A portal config file to compare with (default: the installed ones that exist)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand report" -l config -d 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand report" -l format -d 'Output format, where the command prints data (junit, github and prometheus: `check`)' -r -f -a "text\t''
json\t''
junit\t''
github\t''
prometheus\t'Prometheus text format, for node_exporter\'s textfile collector'"
complete -c integrate -n "__fish_integrate_using_subcommand report" -l color -d 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c integrate -n "__fish_integrate_using_subcommand report" -l lang -d 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)' -r -f -a "en\t''
fr\t''"
complete -c integrate -n "__fish_integrate_using_subcommand report" -l ca-file -d 'Extra trusted root certificates (PEM), for a proxy that inspects TLS' -r -F
complete -c integrate -n "__fish_integrate_using_subcommand report" -l force -d 'Replace the --output file if it exists'
complete -c integrate -n "__fish_integrate_using_subcommand report" -s q -l quiet -d 'Print only problems (and warnings) and the closing verdict'
complete -c integrate -n "__fish_integrate_using_subcommand report" -s v -l verbose -d 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted'
complete -c integrate -n "__fish_integrate_using_subcommand report" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c integrate -n "__fish_integrate_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "providers" -d 'List every provider, what it enables in the portal, and whether it is configured here'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "guide" -d 'Show a provider\'s setup steps, with the portal\'s redirect URI filled in'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "add" -d 'Set up a provider: guided on a terminal, or from --set/--from-env without one'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "remove" -d 'Remove a provider from the config (and its keyring entries); asks first on a terminal'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "enable" -d 'Enable a configured provider'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "disable" -d 'Disable a provider without removing its keys'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "config" -d 'Show the config file\'s path, or its content with secrets masked'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "check" -d 'Run the live connectivity checks (all configured and enabled providers by default)'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "completions" -d 'Print a shell completion script'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "man" -d 'Print the man page (roff)'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "export" -d 'Write the configured keys into the portal\'s own config file(s)'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "import" -d 'Read the keys from a portal config file into the integrate config'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "push" -d 'Send the configured keys to a running DocSpace (settings/authservice API)'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "pull" -d 'Read which services a running DocSpace has set, and which are locked'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "doctor" -d 'Diagnose each provider layer by layer: DNS, TCP, TLS, proxy, HTTP, clock, then the check'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "report" -d 'Write a support bundle (version, OS, masked config, doctor results) safe to share'
complete -c integrate -n "__fish_integrate_using_subcommand help; and not __fish_seen_subcommand_from providers guide add remove enable disable config check completions man export import push pull doctor report help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c integrate -n "__fish_integrate_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file path'
complete -c integrate -n "__fish_integrate_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print every configured field, secrets masked, and where each value comes from'
