//! The committed completion scripts are exactly what the binary generates.

use crate::support::Sandbox;

#[test]
fn completions_committed_scripts_are_current() {
    let sandbox = Sandbox::new();
    for (shell, file) in [
        ("bash", "integrate.bash"),
        ("zsh", "_integrate"),
        ("fish", "integrate.fish"),
        ("elvish", "integrate.elv"),
        ("powershell", "_integrate.ps1"),
    ] {
        let out = sandbox.run(&["completions", shell]);
        assert_eq!(out.code, 0);
        let committed =
            std::fs::read_to_string(format!("{}/completions/{file}", env!("CARGO_MANIFEST_DIR")))
                .unwrap_or_else(|e| panic!("completions/{file}: {e}"));
        assert_eq!(
            committed, out.stdout,
            "completions/{file} is stale: run scripts in README to regenerate"
        );
    }
}

#[test]
fn completions_unknown_shell_is_a_usage_error() {
    assert_eq!(Sandbox::new().run(&["completions", "tcsh"]).code, 2);
}
