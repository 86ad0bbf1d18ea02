//! Turns `providers/*.toml` into JSON at build time. TOML is what people edit; JSON is what
//! the binary reads: it parses about ten times faster, and `integrate check s3` should not
//! spend its start-up parsing 27 other providers' guides. A file that is not valid TOML, or a
//! format regex that does not compile, fails the build with the file named.

use std::fmt::Write as _;
use std::path::PathBuf;

/// Every provider file, in the spec's order: the one list that names them.
const PROVIDERS: &[&str] = &[
    "s3",
    "apple",
    "bitly",
    "box",
    "clickatell",
    "docusign",
    "dropbox",
    "easybib",
    "facebook",
    "firebase",
    "google",
    "gcs",
    "linkedin",
    "mailru",
    "mendeley",
    "microsoft",
    "onedrive",
    "rackspace",
    "selectel",
    "smsc",
    "telegram",
    "twilio",
    "twitter",
    "vk",
    "wordpress",
    "yahoo",
    "yandex",
    "zotero",
];

fn main() {
    let mut code = String::from(
        "/// `(id, aliases, the provider file as JSON)` for every provider, in the spec's order.\n\
         pub const FILES: &[(&str, &[&str], &str)] = &[\n",
    );
    for id in PROVIDERS {
        let path = format!("providers/{id}.toml");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
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
                        regex::Regex::new(pattern)
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
