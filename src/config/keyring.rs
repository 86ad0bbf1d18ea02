//! The OS keyring (service `integrate`). On Linux the Secret Service over D-Bus, on macOS the
//! Keychain, on Windows the Credential Manager, chosen explicitly: keyring-core has no silent
//! default store, and neither does integrate. When the keyring cannot be used the caller gets an
//! error that says why and what to do; nothing falls back to the file.
//!
//! Every call is bounded in time: a session bus that accepts a connection and never answers
//! (or a Secret Service waiting for an unlock prompt nobody can see) would otherwise hang the
//! command forever. Each call runs on its own thread and is given up after the command's
//! `--timeout` (10 s by default); after one such failure the keyring is not tried again in
//! the same run.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, mpsc};
use std::time::Duration;

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

static TIMEOUT_MS: AtomicU64 = AtomicU64::new(10_000);
/// A call already timed out: later ones would wait just as long, for nothing.
static UNRESPONSIVE: AtomicBool = AtomicBool::new(false);

/// How long one keyring call may take: the command's `--timeout`.
pub fn set_timeout(timeout: Duration) {
    let ms = u64::try_from(timeout.as_millis())
        .unwrap_or(u64::MAX)
        .max(1);
    TIMEOUT_MS.store(ms, Ordering::Relaxed);
}

/// Runs `call` on a thread of its own and waits for it at most the keyring timeout. A call
/// that does not come back is left behind: the thread ends with the process.
fn bounded<T: Send + 'static>(
    what: String,
    call: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let timeout = Duration::from_millis(TIMEOUT_MS.load(Ordering::Relaxed));
    if UNRESPONSIVE.load(Ordering::Relaxed) {
        return Err(anyhow!(
            "cannot {what}: the OS keyring did not answer earlier in this run"
        ));
    }
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("keyring".into())
        .spawn(move || {
            let _ = tx.send(call());
        })
        .map_err(|e| anyhow!("cannot {what}: cannot start a thread ({e})"))?;
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            UNRESPONSIVE.store(true, Ordering::Relaxed);
            Err(anyhow!(
                "cannot {what}: the OS keyring did not answer within {}s (a D-Bus session bus that accepts connections but never replies, or a Secret Service waiting for an unlock prompt); restart the keyring daemon or check DBUS_SESSION_BUS_ADDRESS, or use --secrets file",
                timeout.as_secs_f32()
            ))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(anyhow!(
            "cannot {what}: the OS keyring call stopped unexpectedly"
        )),
    }
}

fn entry(name: &str) -> Result<Entry> {
    let store = store()?;
    Entry::new_in_store(&store, SERVICE, name)
        .map_err(|e| anyhow!("cannot use the OS keyring: {}", explain(&e)))
}

/// Reads an entry; `Ok(None)` when it does not exist.
pub fn get(name: &str) -> Result<Option<String>> {
    let owned = name.to_string();
    bounded(format!("read `{name}` from the OS keyring"), move || {
        get_now(&owned)
    })
}

fn get_now(name: &str) -> Result<Option<String>> {
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
    let (owned, value) = (name.to_string(), zeroize::Zeroizing::new(value.to_string()));
    bounded(format!("store `{name}` in the OS keyring"), move || {
        set_now(&owned, &value)
    })
}

fn set_now(name: &str, value: &str) -> Result<()> {
    entry(name)?
        .set_password(value)
        .map_err(|e| anyhow!("cannot store `{name}` in the OS keyring: {}", explain(&e)))
}

/// Deletes an entry; a missing entry is not an error.
pub fn delete(name: &str) -> Result<()> {
    let owned = name.to_string();
    bounded(format!("delete `{name}` from the OS keyring"), move || {
        delete_now(&owned)
    })
}

fn delete_now(name: &str) -> Result<()> {
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
