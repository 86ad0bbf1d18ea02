//! Turns `providers/*.toml` into JSON at build time. TOML is what people edit; JSON is what
//! the binary reads: it parses about ten times faster, and `integrate check s3` should not
//! spend its start-up parsing every other provider's guide. A file that is not valid TOML, or a
//! format regex that does not compile, fails the build with the file named.
//!
//! The provider files are found by listing `providers/`: adding a file is all it takes. They
//! are embedded sorted by file name, so every build orders them the same way.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// `providers/<id>.toml` for every provider file, sorted by id.
fn provider_files() -> Vec<(String, PathBuf)> {
    let dir = Path::new("providers");
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("providers/: {e}"));
    let mut files: Vec<(String, PathBuf)> = entries
        .map(|entry| entry.unwrap_or_else(|e| panic!("providers/: {e}")).path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            let id = path
                .file_stem()
                .and_then(|stem| stem.to_str())
                .unwrap_or_else(|| panic!("{}: the file name is not UTF-8", path.display()))
                .to_string();
            (id, path)
        })
        .collect();
    files.sort();
    files
}

fn main() {
    let mut code = String::from(
        "/// `(id, aliases, the provider file as JSON)` for every provider, sorted by id.\n\
         pub const FILES: &[(&str, &[&str], &str)] = &[\n",
    );
    // A directory makes cargo rerun this script when any file in it is added, removed or edited.
    println!("cargo:rerun-if-changed=providers");
    for (id, path) in provider_files() {
        let text = std::fs::read_to_string(&path);
        let path = path.display();
        let text = text.unwrap_or_else(|e| panic!("{path}: {e}"));
        let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let aliases: Vec<String> = value
            .get("aliases")
            .and_then(|a| a.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(fields) = value.get("fields").and_then(|f| f.as_array()) {
            for field in fields {
                for key in ["format", "typical"] {
                    if let Some(pattern) = field.get(key).and_then(|p| p.as_str()) {
                        regex_lite::Regex::new(pattern)
                            .unwrap_or_else(|e| panic!("{path}: {key} {pattern:?}: {e}"));
                    }
                }
            }
        }
        let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{path}: {e}"));
        let _ = writeln!(code, "    ({id:?}, &{aliases:?}, {json:?}),");
    }
    code.push_str("];\n");
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalog.rs");
    std::fs::write(out, code).expect("write the generated catalog");
}
