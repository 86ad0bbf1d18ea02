//! What a support person needs to know about the machine, gathered without exposing a secret:
//! the OS, the variables that change what integrate does (proxies without their credentials,
//! `INTEGRATE_*` by name only), and a file's permission bits.

use serde_json::Value;

/// `PRETTY_NAME` from /etc/os-release (e.g. "Ubuntu 24.04.1 LTS").
pub fn os_pretty_name() -> Option<String> {
    let text = std::fs::read_to_string("/etc/os-release")
        .or_else(|_| std::fs::read_to_string("/usr/lib/os-release"))
        .ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map(|v| v.trim().trim_matches('"').to_string())
}

pub fn mode(path: &std::path::Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| format!("{:o}", m.permissions().mode() & 0o777))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The variables that change what integrate does. Values only where they cannot be secret:
/// proxies lose their credentials, INTEGRATE_* variables are listed by name only.
pub fn environment() -> Value {
    let mut map = serde_json::Map::new();
    for name in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        if let Ok(value) = std::env::var(name) {
            map.insert(name.into(), without_credentials(&value).into());
        }
    }
    for name in [
        "NO_PROXY",
        "no_proxy",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "INTEGRATE_CONFIG",
        "LANG",
        "LC_ALL",
    ] {
        if let Ok(value) = std::env::var(name) {
            map.insert(name.into(), value.into());
        }
    }
    let mut integrate: Vec<String> = std::env::vars_os()
        .filter_map(|(k, _)| k.into_string().ok())
        .filter(|k| k.starts_with("INTEGRATE_") && k != "INTEGRATE_CONFIG")
        .collect();
    integrate.sort();
    map.insert("INTEGRATE_* (values not shown)".into(), integrate.into());
    Value::Object(map)
}

pub fn without_credentials(value: &str) -> String {
    match url::Url::parse(value) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            format!("{url} (credentials removed)")
        }
        Ok(url) => url.to_string(),
        Err(_) if value.contains('@') => "(set; not shown: it may hold credentials)".into(),
        Err(_) => value.to_string(),
    }
}
