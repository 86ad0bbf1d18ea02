//! Every subcommand's `--help` ends with two or three real examples: each example line is
//! parsed by the tool's own command-line parser, so an example cannot drift from the flags.

use clap::{CommandFactory, Parser};
use integrate::cli::Cli;

use crate::support::Sandbox;

/// Every visible subcommand, as the words that name it (`["config", "show"]`).
fn subcommand_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            if sub.is_hide_set() || sub.get_name() == "help" {
                continue;
            }
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_string());
            out.push(path.clone());
            walk(sub, &path, out);
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), &[], &mut out);
    out
}

/// An example line without its comment and shell redirections, split into arguments.
fn words(example: &str) -> Vec<String> {
    example
        .split_whitespace()
        .take_while(|w| !matches!(*w, "#" | "<" | ">" | "|"))
        .map(str::to_string)
        .collect()
}

#[test]
fn help_of_every_subcommand_ends_with_real_examples() {
    let sandbox = Sandbox::new();
    let paths = subcommand_paths();
    assert!(paths.len() >= 17, "{paths:?}");
    for path in paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = sandbox.run(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.all());
        let help = out.stdout.trim_end();
        let (_, tail) = help.rsplit_once("\nExamples:\n").unwrap_or_else(|| {
            panic!(
                "`integrate {}` --help ends without examples:\n{help}",
                path.join(" ")
            )
        });
        let examples: Vec<&str> = tail.lines().collect();
        assert!(
            (2..=3).contains(&examples.len()),
            "{path:?}: {} examples:\n{tail}",
            examples.len()
        );
        for example in examples {
            let argv = words(example);
            assert_eq!(
                argv.first().map(String::as_str),
                Some("integrate"),
                "{example}"
            );
            let named: Vec<&str> = argv[1..]
                .iter()
                .map(String::as_str)
                .take(path.len())
                .collect();
            let alias = path == ["providers"] && named == ["list"];
            assert!(
                alias || named == path.iter().map(String::as_str).collect::<Vec<_>>(),
                "the example `{example}` is not one of `integrate {}`",
                path.join(" ")
            );
            if let Err(e) = Cli::try_parse_from(&argv) {
                panic!("the example `{example}` does not parse: {e}");
            }
        }
    }
}

#[test]
fn help_examples_are_checked_by_the_parser() {
    // The test above would let a wrong flag through if parsing accepted anything.
    assert!(Cli::try_parse_from(["integrate", "check", "--no-such-flag"]).is_err());
    assert!(Cli::try_parse_from(["integrate", "check", "--timeout", "20"]).is_ok());
}
