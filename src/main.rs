//! The `integrate` binary: parse, run, exit. Everything else lives in the library.

fn main() -> std::process::ExitCode {
    integrate::commands::main()
}
