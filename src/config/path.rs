//! Where the config file is: `--config`, else `$INTEGRATE_CONFIG`, else
//! `$XDG_CONFIG_HOME/integrate/integrate.toml` (`~/.config/integrate/integrate.toml`).

use std::path::{Path, PathBuf};

pub fn config_path(flag: Option<&Path>) -> PathBuf {
    if let Some(path) = flag {
        return path.to_path_buf();
    }
    if let Some(path) = std::env::var_os("INTEGRATE_CONFIG").filter(|v| !v.is_empty()) {
        return PathBuf::from(path);
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| dirs::home_dir().map(|home| home.join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("integrate").join("integrate.toml")
}
