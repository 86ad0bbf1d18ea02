//! The OS keyring (service `integrate`). On Linux the Secret Service over D-Bus, on macOS the
//! Keychain, on Windows the Credential Manager, chosen explicitly: keyring-core has no silent
//! default store, and neither does integrate. When the keyring cannot be used the caller gets an
//! error that says why and what to do; nothing falls back to the file.

use std::sync::{Arc, OnceLock};

use anyhow::{Result, anyhow};
use keyring_core::{CredentialStore, Entry, Error};

pub const SERVICE: &str = "integrate";

/// What went wrong, in words an admin can act on.
fn explain(err: &Error) -> String {
    let detail = err.to_string();
    let hint = if detail.contains("DBUS_SESSION_BUS_ADDRESS") || detail.contains("autolaunch") {
        "no D-Bus session bus is running (typical over SSH, in containers and in CI); start one (dbus-run-session) or use --secrets file"
    } else if detail.contains("org.freedesktop.secrets") || detail.contains("ServiceUnknown") {
        "no Secret Service is running on the session bus; start gnome-keyring-daemon or KeePassXC's Secret Service, or use --secrets file"
    } else if detail.contains("IsLocked")
        || detail.contains("locked")
        || matches!(err, Error::NoStorageAccess(_))
    {
        "the keyring is locked and nothing can show the unlock prompt here; unlock it (e.g. gnome-keyring-daemon --unlock) or use --secrets file"
    } else {
        "the OS keyring refused the request; use --secrets file to keep the secret in the 0600 config file instead"
    };
    format!("{hint} ({detail})")
}

static STORE: OnceLock<Result<Arc<CredentialStore>, String>> = OnceLock::new();

/// Installs a store chosen by the caller (tests use keyring-core's mock store).
pub fn use_store(store: Arc<CredentialStore>) {
    let _ = STORE.set(Ok(store));
}

fn store() -> Result<Arc<CredentialStore>> {
    STORE
        .get_or_init(native_store)
        .clone()
        .map_err(|e| anyhow!("cannot use the OS keyring: {e}"))
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn native_store() -> Result<Arc<CredentialStore>, String> {
    dbus_secret_service_keyring_store::Store::new()
        .map(|s| s as Arc<CredentialStore>)
        .map_err(|e| explain(&e))
}

#[cfg(target_os = "macos")]
fn native_store() -> Result<Arc<CredentialStore>, String> {
    apple_native_keyring_store::keychain::Store::new()
        .map(|s| s as Arc<CredentialStore>)
        .map_err(|e| explain(&e))
}

#[cfg(target_os = "windows")]
fn native_store() -> Result<Arc<CredentialStore>, String> {
    windows_native_keyring_store::Store::new()
        .map(|s| s as Arc<CredentialStore>)
        .map_err(|e| explain(&e))
}

#[cfg(not(any(unix, target_os = "windows")))]
fn native_store() -> Result<Arc<CredentialStore>, String> {
    Err("this platform has no supported keyring; use --secrets file".into())
}

fn entry(name: &str) -> Result<Entry> {
    let store = store()?;
    Entry::new_in_store(&store, SERVICE, name)
        .map_err(|e| anyhow!("cannot use the OS keyring: {}", explain(&e)))
}

/// Reads an entry; `Ok(None)` when it does not exist.
pub fn get(name: &str) -> Result<Option<String>> {
    match entry(name)?.get_password() {
        Ok(value) => Ok(Some(value)),
        Err(Error::NoEntry) => Ok(None),
        Err(e) => Err(anyhow!(
            "cannot read `{name}` from the OS keyring: {}",
            explain(&e)
        )),
    }
}

pub fn set(name: &str, value: &str) -> Result<()> {
    entry(name)?
        .set_password(value)
        .map_err(|e| anyhow!("cannot store `{name}` in the OS keyring: {}", explain(&e)))
}

/// Deletes an entry; a missing entry is not an error.
pub fn delete(name: &str) -> Result<()> {
    match entry(name)?.delete_credential() {
        Ok(()) | Err(Error::NoEntry) => Ok(()),
        Err(e) => Err(anyhow!(
            "cannot delete `{name}` from the OS keyring: {}",
            explain(&e)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mock_store_round_trip() {
        use_store(keyring_core::mock::Store::new().unwrap());
        set("twilio/auth_token", "0123456789abcdef").unwrap();
        assert_eq!(
            get("twilio/auth_token").unwrap().as_deref(),
            Some("0123456789abcdef")
        );
        delete("twilio/auth_token").unwrap();
        assert_eq!(get("twilio/auth_token").unwrap(), None);
        delete("twilio/auth_token").unwrap();
    }
}
