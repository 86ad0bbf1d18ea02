//! smsc.ru HTTP API fake: `/sys/balance.php` and `/sys/senders.php` with `login` and `psw` in
//! the query (the plain password or its lowercase MD5), JSON answers for `fmt=3`, errors as
//! `{"error":..,"error_code":N}` with HTTP 200.

use md5::{Digest, Md5};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::timing::{Arrivals, DELAY};
use super::{Fake, query};
use crate::support::{Sandbox, assert_no_leak};

pub const LOGIN: &str = "portal-sms";
/// An account with a zero balance.
pub const EMPTY_LOGIN: &str = "portal-sms-empty";
pub const PASSWORD: &str = "Vq8tZ3m!Kx7pR2w";
/// A right password that the portal's unencoded balance URL would break (`#` starts a fragment).
pub const HASH_LOGIN: &str = "portal-sms-hash";
pub const HASH_PASSWORD: &str = "Rt6#wQ2z Np4&Lk";
pub const WRONG_PASSWORD: &str = "Jh5$yN9c@Lb4sF6d";
pub const SENDER: &str = "ONLYOFFICE";

pub fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[derive(Clone, Copy, Default)]
pub struct Options {
    /// Every request gets this smsc error code (4: IP blocked, 9: too many requests).
    pub error: Option<i64>,
    /// senders.php answers a shape the check does not know.
    pub odd_senders: bool,
}

fn error(code: i64) -> ResponseTemplate {
    let text = match code {
        1 => "parameters error",
        2 => "authorise error",
        4 => "IP is blocked",
        9 => "duplicate request, wait a minute",
        _ => "error",
    };
    ResponseTemplate::new(200).set_body_json(json!({"error": text, "error_code": code}))
}

fn respond(req: &Request, options: Options) -> ResponseTemplate {
    if let Some(code) = options.error {
        return error(code);
    }
    let q = query(req);
    let (Some(login), Some(psw)) = (q.get("login"), q.get("psw")) else {
        return error(1);
    };
    if q.get("fmt").map(String::as_str) != Some("3") {
        return ResponseTemplate::new(200).set_body_string("ERROR = 1 (parameters error)");
    }
    let password = if login == HASH_LOGIN {
        HASH_PASSWORD
    } else {
        PASSWORD
    };
    let known = login == LOGIN || login == EMPTY_LOGIN || login == HASH_LOGIN;
    if !known || (psw != password && *psw != md5_hex(password)) {
        return error(2);
    }
    match req.url.path() {
        "/sys/balance.php" => {
            let balance = if login == EMPTY_LOGIN {
                "0.00"
            } else {
                "431.20"
            };
            let mut body = json!({"balance": balance});
            if q.get("cur").map(String::as_str) == Some("1") {
                body["currency"] = "RUB".into();
            }
            ResponseTemplate::new(200).set_body_json(body)
        }
        "/sys/senders.php" if q.get("get").map(String::as_str) == Some("1") => {
            if options.odd_senders {
                return ResponseTemplate::new(200)
                    .set_body_json(json!({"list": "ONLYOFFICE;SMSC.RU"}));
            }
            ResponseTemplate::new(200)
                .set_body_json(json!([{"sender": "SMSC.RU"}, {"sender": SENDER}]))
        }
        _ => ResponseTemplate::new(404).set_body_string("Not Found"),
    }
}

pub async fn start() -> Fake {
    start_with(Options::default()).await
}

pub async fn start_with(options: Options) -> Fake {
    start_timed(options, None).await
}

/// The fake, optionally holding every answer `timing::DELAY` and recording arrivals.
pub async fn start_timed(options: Options, arrivals: Option<Arrivals>) -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(move |req: &Request| match &arrivals {
            Some(arrivals) => {
                arrivals.record(req);
                respond(req, options).set_delay(DELAY)
            }
            None => respond(req, options),
        })
        .mount(&server)
        .await;
    let md5 = md5_hex(PASSWORD);
    Fake {
        endpoint: server.uri(),
        valid: vec![
            ("login", LOGIN.into()),
            ("password", PASSWORD.into()),
            ("sender", SENDER.into()),
        ],
        rejected: vec![
            ("login", LOGIN.into()),
            ("password", WRONG_PASSWORD.into()),
            ("sender", SENDER.into()),
        ],
        secrets: vec![
            PASSWORD.into(),
            WRONG_PASSWORD.into(),
            HASH_PASSWORD.into(),
            md5.to_uppercase(),
            md5,
        ],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, fields: &[(&'static str, String)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    let mut config = fields.to_vec();
    config.push(("endpoint", fake.endpoint.clone()));
    sandbox.set_provider("smsc", &config);
    let out = sandbox.check_json("smsc", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

fn fields(login: &str, password: &str, sender: Option<&str>) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("login", login.to_string()),
        ("password", password.to_string()),
    ];
    if let Some(sender) = sender {
        fields.push(("sender", sender.to_string()));
    }
    fields
}

#[tokio::test]
async fn smsc_valid_password_is_ok_with_the_balance_and_sender() {
    let fake = start().await;
    let out = run(&fake, &fake.valid).await;
    assert_eq!(out.status("smsc"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("smsc")["facts"];
    assert_eq!(facts["balance"], 431.2);
    assert_eq!(facts["currency"], "RUB");
    assert_eq!(facts["sender"], "ONLYOFFICE (registered)");
}

#[tokio::test]
async fn smsc_lowercase_md5_is_ok() {
    let fake = start().await;
    let out = run(&fake, &fields(LOGIN, &md5_hex(PASSWORD), None)).await;
    assert_eq!(out.status("smsc"), "ok", "{}", out.all());
    assert!(out.result("smsc")["facts"].get("note").is_none());
}

/// The portal sends the stored hash as it is, and smsc refuses it in upper case.
#[tokio::test]
async fn smsc_uppercase_md5_is_right_but_misconfigured_for_the_portal() {
    let fake = start().await;
    let out = run(
        &fake,
        &fields(LOGIN, &md5_hex(PASSWORD).to_uppercase(), None),
    )
    .await;
    assert_eq!(out.status("smsc"), "misconfigured", "{}", out.all());
    assert_eq!(out.result("smsc")["reason"], "portal_rule");
    let note = out.result("smsc")["facts"]["note"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(note.contains("lowercase"), "{note}");
}

/// Issue 8, save validation: the portal inserts login and password into its balance URL
/// unencoded, so a right password with `&`, `+`, `#`, `%`, `?` or a space fails there.
#[tokio::test]
async fn smsc_password_that_breaks_the_portals_url_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake, &fields(HASH_LOGIN, HASH_PASSWORD, None)).await;
    assert_eq!(out.status("smsc"), "misconfigured", "{}", out.all());
    let result = out.result("smsc");
    assert_eq!(result["reason"], "portal_rule");
    assert!(
        result["message"].as_str().unwrap().contains("Bad keys"),
        "{result}"
    );
    // The same password as its lowercase MD5 is what the portal can use.
    let out = run(&fake, &fields(HASH_LOGIN, &md5_hex(HASH_PASSWORD), None)).await;
    assert_eq!(out.status("smsc"), "ok", "{}", out.all());
}

/// Issue 16.1: the balance and the sender names go out together.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smsc_requests_overlap() {
    let arrivals = Arrivals::default();
    let fake = start_timed(Options::default(), Some(arrivals.clone())).await;
    let out = run(&fake, &fake.valid).await;
    // The fake's delay is longer than the second the portal waits: a warning says so.
    assert_eq!(out.status("smsc"), "warning", "{}", out.all());
    assert!(
        out.text("smsc", "message").contains("1 second"),
        "{}",
        out.all()
    );
    arrivals.assert_overlapped(2);
}

#[tokio::test]
async fn smsc_wrong_password_is_rejected_naming_both_causes() {
    let fake = start().await;
    let out = run(&fake, &fake.rejected).await;
    assert_eq!(out.status("smsc"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    let result = out.result("smsc");
    let message = result["message"].as_str().unwrap();
    assert!(
        message.contains("error 2") && message.contains("allow-list"),
        "{message}"
    );
    let advice = result["advice"].as_str().unwrap();
    assert!(
        advice.contains("password") && advice.contains("allow-list"),
        "{advice}"
    );
}

#[tokio::test]
async fn smsc_zero_balance_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake, &fields(EMPTY_LOGIN, PASSWORD, None)).await;
    assert_eq!(out.status("smsc"), "misconfigured", "{}", out.all());
    assert!(
        out.result("smsc")["advice"]
            .as_str()
            .unwrap()
            .contains("Bad keys")
    );
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn smsc_unregistered_sender_is_a_warning() {
    let fake = start().await;
    let out = run(&fake, &fields(LOGIN, PASSWORD, Some("PORTALX"))).await;
    assert_eq!(out.status("smsc"), "warning", "{}", out.all());
    assert!(
        out.result("smsc")["message"]
            .as_str()
            .unwrap()
            .contains("not registered/approved")
    );
    assert_eq!(out.code, 0);
}

#[tokio::test]
async fn smsc_unknown_senders_answer_is_only_a_note() {
    let fake = start_with(Options {
        odd_senders: true,
        ..Options::default()
    })
    .await;
    let out = run(&fake, &fake.valid).await;
    assert_eq!(out.status("smsc"), "ok", "{}", out.all());
    assert!(out.result("smsc")["facts"]["sender_note"].is_string());
}

#[tokio::test]
async fn smsc_blocked_ip_is_unreachable() {
    for code in [4, 9] {
        let fake = start_with(Options {
            error: Some(code),
            ..Options::default()
        })
        .await;
        let out = run(&fake, &fake.valid).await;
        assert_eq!(
            out.status("smsc"),
            "unreachable",
            "error {code}: {}",
            out.all()
        );
        assert_eq!(out.result("smsc")["facts"]["error_code"], code);
        assert!(
            out.result("smsc")["advice"]
                .as_str()
                .unwrap()
                .contains("wait")
        );
        assert_eq!(out.code, 3);
    }
}

#[tokio::test]
async fn smsc_parameter_error_is_unreachable() {
    let fake = start_with(Options {
        error: Some(1),
        ..Options::default()
    })
    .await;
    let out = run(&fake, &fake.valid).await;
    assert_eq!(out.status("smsc"), "unreachable", "{}", out.all());
}

#[tokio::test]
async fn smsc_password_never_shows_at_vvv() {
    let fake = start().await;
    for password in [
        PASSWORD.to_string(),
        md5_hex(PASSWORD).to_uppercase(),
        WRONG_PASSWORD.to_string(),
    ] {
        let sandbox = Sandbox::new();
        let mut config = fields(LOGIN, &password, Some(SENDER));
        config.push(("endpoint", fake.endpoint.clone()));
        sandbox.set_provider("smsc", &config);
        for format in ["text", "json"] {
            let out = sandbox
                .run_async(&["-vvv", "check", "smsc", "--format", format])
                .await;
            assert!(out.code == 0 || out.code == 1, "{}", out.all());
            assert_no_leak(&out, &fake.secrets);
            assert!(!out.all().contains("psw="), "{}", out.all());
        }
    }
}
