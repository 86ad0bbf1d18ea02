
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'integrate' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'integrate'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'integrate' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('providers', 'providers', [CompletionResultType]::ParameterValue, 'List every provider, what it enables in the portal, and whether it is configured here')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every provider, what it enables in the portal, and whether it is configured here')
            [CompletionResult]::new('guide', 'guide', [CompletionResultType]::ParameterValue, 'Show a provider''s setup steps, with the portal''s redirect URI filled in')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Set up a provider: guided on a terminal, or from --set/--from-env without one')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a provider from the config (and its keyring entries); asks first on a terminal')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a configured provider')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a provider without removing its keys')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the config file''s path, or its content with secrets masked')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Run the live connectivity checks (all configured and enabled providers by default)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the configured keys into the portal''s own config file(s)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read the keys from a portal config file into the integrate config')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Send the configured keys to a running DocSpace (settings/authservice API)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Read which services a running DocSpace has set, and which are locked')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Diagnose each provider layer by layer: DNS, TCP, TLS, proxy, HTTP, clock, then the check')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Write a support bundle (version, OS, masked config, doctor results) safe to share')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'integrate;providers' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;guide' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;add' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set a field: FIELD=VALUE, FIELD=- (read stdin) or FIELD=@PATH (read a file)')
            [CompletionResult]::new('--secrets', '--secrets', [CompletionResultType]::ParameterName, 'Where to store the secret fields (default: file, or [defaults] secrets in the config)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the live check may take')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('--from-env', '--from-env', [CompletionResultType]::ParameterName, 'Take fields from INTEGRATE_<ID>_<FIELD> environment variables')
            [CompletionResult]::new('--no-check', '--no-check', [CompletionResultType]::ParameterName, 'Save without running the live check')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Save even when the live check fails')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Replace an existing configuration without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Replace an existing configuration without asking')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;remove' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Remove without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Remove without asking')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;enable' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;disable' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;config' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file path')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every configured field, secrets masked, and where each value comes from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'integrate;config;path' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;config;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file path')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every configured field, secrets masked, and where each value comes from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'integrate;config;help;path' {
            break
        }
        'integrate;config;help;show' {
            break
        }
        'integrate;config;help;help' {
            break
        }
        'integrate;check' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each provider''s check may take')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the results to FILE (atomically: readers never see a partial file) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the results to FILE (atomically: readers never see a partial file) instead of stdout')
            [CompletionResult]::new('--portal-file', '--portal-file', [CompletionResultType]::ParameterName, 'A portal config file whose *RedirectUrl values are the redirect URIs to check, unless [portal] redirect_uri is set (web.consumers.config or autofac.consumers.json)')
            [CompletionResult]::new('--warn-days', '--warn-days', [CompletionResultType]::ParameterName, 'Warn when a certificate or key expires within DAYS')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;man' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;export' {
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Portal file(s) to update (default: the installed locations; every copy is updated, or none)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change (secrets masked) and write nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;import' {
            [CompletionResult]::new('--secrets', '--secrets', [CompletionResultType]::ParameterName, 'Where to store the secret fields (default: file, or [defaults] secrets in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;push' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Providers to send (default: every configured and enabled provider DocSpace supports)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the API token from stdin instead of $INTEGRATE_DOCSPACE_TOKEN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;pull' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the API token from stdin instead of $INTEGRATE_DOCSPACE_TOKEN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;doctor' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each layer (and the live check) may take')
            [CompletionResult]::new('--portal-file', '--portal-file', [CompletionResultType]::ParameterName, 'A portal config file to compare with (web.consumers.config or autofac.consumers.json; default: the installed ones that exist)')
            [CompletionResult]::new('--warn-days', '--warn-days', [CompletionResultType]::ParameterName, 'Warn when a certificate or key expires within DAYS')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;report' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the bundle here (mode 600) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the bundle here (mode 600) instead of stdout')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each doctor layer may take')
            [CompletionResult]::new('--portal-file', '--portal-file', [CompletionResultType]::ParameterName, 'A portal config file to compare with (default: the installed ones that exist)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $INTEGRATE_CONFIG, else $XDG_CONFIG_HOME/integrate/integrate.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, where the command prints data (junit, github and prometheus: `check`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Interface language (default from LC_ALL, LC_MESSAGES, LANG; else en)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), for a proxy that inspects TLS')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the --output file if it exists')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only problems (and warnings) and the closing verdict')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail; repeat for debug logs (-vv) and HTTP traces (-vvv), always redacted')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when stdin is not a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'integrate;help' {
            [CompletionResult]::new('providers', 'providers', [CompletionResultType]::ParameterValue, 'List every provider, what it enables in the portal, and whether it is configured here')
            [CompletionResult]::new('guide', 'guide', [CompletionResultType]::ParameterValue, 'Show a provider''s setup steps, with the portal''s redirect URI filled in')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Set up a provider: guided on a terminal, or from --set/--from-env without one')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a provider from the config (and its keyring entries); asks first on a terminal')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a configured provider')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a provider without removing its keys')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the config file''s path, or its content with secrets masked')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Run the live connectivity checks (all configured and enabled providers by default)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the configured keys into the portal''s own config file(s)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read the keys from a portal config file into the integrate config')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Send the configured keys to a running DocSpace (settings/authservice API)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Read which services a running DocSpace has set, and which are locked')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Diagnose each provider layer by layer: DNS, TCP, TLS, proxy, HTTP, clock, then the check')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Write a support bundle (version, OS, masked config, doctor results) safe to share')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'integrate;help;providers' {
            break
        }
        'integrate;help;guide' {
            break
        }
        'integrate;help;add' {
            break
        }
        'integrate;help;remove' {
            break
        }
        'integrate;help;enable' {
            break
        }
        'integrate;help;disable' {
            break
        }
        'integrate;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file path')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every configured field, secrets masked, and where each value comes from')
            break
        }
        'integrate;help;config;path' {
            break
        }
        'integrate;help;config;show' {
            break
        }
        'integrate;help;check' {
            break
        }
        'integrate;help;completions' {
            break
        }
        'integrate;help;man' {
            break
        }
        'integrate;help;export' {
            break
        }
        'integrate;help;import' {
            break
        }
        'integrate;help;push' {
            break
        }
        'integrate;help;pull' {
            break
        }
        'integrate;help;doctor' {
            break
        }
        'integrate;help;report' {
            break
        }
        'integrate;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
