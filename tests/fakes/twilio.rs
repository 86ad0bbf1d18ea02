//! Twilio REST API fake (2010-04-01): the Account, IncomingPhoneNumbers (filtered by
//! PhoneNumber) and Balance resources, behind HTTP Basic auth with the account SID and auth
//! token or an API key SID and secret; 401/20003 for anything else.

use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::timing::{Arrivals, DELAY};
use super::{Fake, basic_auth, query};
use crate::support::{Sandbox, assert_no_leak};

pub const SID: &str = "AC7d3f9e1b20c84a6e95f0b2d4c8a1e637";
pub const TOKEN: &str = "e41b9c7f03d2a8e65b1f4c9d7a20e3b8";
pub const WRONG_TOKEN: &str = "9f2c6a0e8d4b17f35c9e2a6d0b8f41c7";
pub const KEY_SID: &str = "SK5e2a9c4f1d7b03e86a4c2f9d1b7e05a3";
pub const KEY_SECRET: &str = "Zq7TnW2xVb9KpR4mYc6HfJ3sLd8GtQ1e";
pub const WRONG_KEY_SECRET: &str = "Hx4VpN8rTz2QwK6cMb9JfY3dRs7LgC5a";
pub const NUMBER: &str = "+14155552671";
pub const VOICE_ONLY: &str = "+14155559034";

/// What the fake account looks like.
#[derive(Clone)]
pub struct Account {
    pub status: &'static str,
    pub kind: &'static str,
    /// Twilio answers 403/70051 to the account's own credentials.
    pub forbidden: bool,
    /// The API key authenticates but is restricted (403/70051).
    pub restricted_key: bool,
    /// A subaccount: Balance.json is not available.
    pub no_balance: bool,
    /// The SID and token are the account's Test Credentials (403/20008 on these resources).
    pub test_credentials: bool,
    /// The balance Balance.json reports.
    pub balance: &'static str,
}

impl Default for Account {
    fn default() -> Account {
        Account {
            status: "active",
            kind: "Full",
            forbidden: false,
            restricted_key: false,
            no_balance: false,
            test_credentials: false,
            balance: "23.71",
        }
    }
}

fn error(status: u16, code: u32, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "code": code, "message": message,
        "more_info": format!("https://www.twilio.com/docs/errors/{code}"), "status": status
    }))
}

fn number(phone: &str, sms: bool) -> Value {
    json!({
        "account_sid": SID, "sid": "PN3f8c2a9e71d04b6a85e2c7f9d1a4b0e6", "phone_number": phone,
        "friendly_name": "(415) 555-2671", "api_version": "2010-04-01",
        "capabilities": {"fax": false, "mms": sms, "sms": sms, "voice": true},
        "status": "in-use", "sms_url": "", "voice_url": "",
        "uri": format!("/2010-04-01/Accounts/{SID}/IncomingPhoneNumbers/PN3f8c2a9e71d04b6a85e2c7f9d1a4b0e6.json")
    })
}

fn respond(req: &Request, account: &Account) -> ResponseTemplate {
    let via_key = match basic_auth(req) {
        Some((user, pass)) if user == SID && pass == TOKEN => false,
        Some((user, pass)) if user == KEY_SID && pass == KEY_SECRET => true,
        _ => return error(401, 20003, "Authenticate"),
    };
    // Twilio's wording of 20008: https://www.twilio.com/docs/errors/20008
    if !via_key && account.test_credentials {
        return error(
            403,
            20008,
            "Resource not accessible with Test Account Credentials",
        );
    }
    if (via_key && account.restricted_key) || (!via_key && account.forbidden) {
        return error(403, 70051, "Authorization error");
    }
    let prefix = format!("/2010-04-01/Accounts/{SID}");
    let Some(rest) = req.url.path().strip_prefix(&prefix) else {
        return error(404, 20404, "The requested resource was not found");
    };
    match rest {
        ".json" => ResponseTemplate::new(200).set_body_json(json!({
            "sid": SID, "owner_account_sid": SID, "friendly_name": "Portal SMS",
            "status": account.status, "type": account.kind, "auth_token": TOKEN,
            "date_created": "Tue, 04 Mar 2025 10:12:33 +0000", "uri": format!("{prefix}.json"),
            "subresource_uris": {"balance": format!("{prefix}/Balance.json")}
        })),
        "/IncomingPhoneNumbers.json" => {
            let wanted = query(req).get("PhoneNumber").cloned().unwrap_or_default();
            let all = [number(NUMBER, true), number(VOICE_ONLY, false)];
            let found: Vec<Value> = all
                .into_iter()
                .filter(|n| n["phone_number"].as_str().unwrap().contains(&wanted))
                .collect();
            ResponseTemplate::new(200).set_body_json(json!({
                "incoming_phone_numbers": found, "page": 0, "page_size": 50,
                "first_page_uri": format!("{prefix}/IncomingPhoneNumbers.json?PageSize=50&Page=0"),
                "next_page_uri": null, "previous_page_uri": null, "start": 0, "end": 0,
                "uri": format!("{prefix}/IncomingPhoneNumbers.json?PageSize=50&Page=0")
            }))
        }
        "/Balance.json" if !account.no_balance => ResponseTemplate::new(200).set_body_json(
            json!({"account_sid": SID, "balance": account.balance, "currency": "USD"}),
        ),
        _ => error(404, 20404, "The requested resource was not found"),
    }
}

pub async fn start() -> Fake {
    start_with(Account::default()).await
}

pub async fn start_with(account: Account) -> Fake {
    start_timed(account, None).await
}

/// The fake, optionally holding every answer `timing::DELAY` and recording arrivals.
pub async fn start_timed(account: Account, arrivals: Option<Arrivals>) -> Fake {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(move |req: &Request| match &arrivals {
            Some(arrivals) => {
                arrivals.record(req);
                respond(req, &account).set_delay(DELAY)
            }
            None => respond(req, &account),
        })
        .mount(&server)
        .await;
    let fields = |token: &str| {
        vec![
            ("account_sid", SID.to_string()),
            ("auth_token", token.to_string()),
            ("phone_number", NUMBER.to_string()),
            ("api_key_sid", KEY_SID.to_string()),
            ("api_key_secret", KEY_SECRET.to_string()),
        ]
    };
    Fake {
        endpoint: server.uri(),
        valid: fields(TOKEN),
        rejected: fields(WRONG_TOKEN),
        secrets: vec![
            TOKEN.into(),
            WRONG_TOKEN.into(),
            KEY_SECRET.into(),
            WRONG_KEY_SECRET.into(),
        ],
        guard: Box::new(server),
    }
}

async fn run(fake: &Fake, config: &[(&'static str, String)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider("twilio", config);
    let out = sandbox.check_json("twilio", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

fn set(config: &mut [(&'static str, String)], field: &str, value: &str) {
    config.iter_mut().find(|(k, _)| *k == field).unwrap().1 = value.to_string();
}

#[tokio::test]
async fn twilio_valid_keys_are_ok() {
    let fake = start().await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("twilio"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("twilio")["facts"];
    assert_eq!(facts["account_name"], "Portal SMS");
    assert_eq!(facts["account_status"], "active");
    assert_eq!(facts["account_type"], "Full");
    assert_eq!(facts["number_sms"], true);
    assert_eq!(facts["number_voice"], true);
    assert_eq!(facts["api_key"], "accepted");
    assert_eq!(facts["balance"], "23.71 USD");
}

#[tokio::test]
async fn twilio_wrong_token_is_rejected() {
    let fake = start().await;
    let out = run(&fake, &fake.rejected_config()).await;
    assert_eq!(out.status("twilio"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    let result = out.result("twilio");
    assert!(result["message"].as_str().unwrap().contains("20003"));
    assert!(result["advice"].as_str().unwrap().contains("subaccount"));
}

#[tokio::test]
async fn twilio_wrong_api_key_secret_is_rejected() {
    let fake = start().await;
    let mut config = fake.valid_config();
    set(&mut config, "api_key_secret", WRONG_KEY_SECRET);
    let out = run(&fake, &config).await;
    assert_eq!(out.status("twilio"), "rejected", "{}", out.all());
    assert!(
        out.result("twilio")["message"]
            .as_str()
            .unwrap()
            .contains("API key")
    );
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn twilio_suspended_account_is_misconfigured() {
    let fake = start_with(Account {
        status: "suspended",
        ..Account::default()
    })
    .await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("twilio"), "misconfigured", "{}", out.all());
    assert!(
        out.result("twilio")["message"]
            .as_str()
            .unwrap()
            .contains("suspended")
    );
    assert_eq!(out.code, 1);
}

#[tokio::test]
async fn twilio_forbidden_account_is_misconfigured() {
    let fake = start_with(Account {
        forbidden: true,
        ..Account::default()
    })
    .await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("twilio"), "misconfigured", "{}", out.all());
    assert!(
        out.result("twilio")["message"]
            .as_str()
            .unwrap()
            .contains("70051")
    );
}

#[tokio::test]
async fn twilio_number_of_another_account_is_misconfigured() {
    let fake = start().await;
    let mut config = fake.valid_config();
    set(&mut config, "phone_number", "+442071838750");
    let out = run(&fake, &config).await;
    assert_eq!(out.status("twilio"), "misconfigured", "{}", out.all());
    let message = out.result("twilio")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("+442071838750 is not a number of this Twilio account"),
        "{message}"
    );
}

#[tokio::test]
async fn twilio_number_without_sms_is_misconfigured() {
    let fake = start().await;
    let mut config = fake.valid_config();
    set(&mut config, "phone_number", VOICE_ONLY);
    let out = run(&fake, &config).await;
    assert_eq!(out.status("twilio"), "misconfigured", "{}", out.all());
    assert!(
        out.result("twilio")["message"]
            .as_str()
            .unwrap()
            .contains("cannot send SMS")
    );
    assert_eq!(out.result("twilio")["facts"]["number_sms"], false);
}

#[tokio::test]
async fn twilio_trial_subaccount_is_ok_with_a_note_and_no_balance() {
    let fake = start_with(Account {
        kind: "Trial",
        no_balance: true,
        ..Account::default()
    })
    .await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("twilio"), "ok", "{}", out.all());
    let facts = &out.result("twilio")["facts"];
    assert_eq!(facts["account_type"], "Trial");
    assert!(facts["note"].as_str().unwrap().contains("verified numbers"));
    assert!(facts.get("balance").is_none(), "{facts}");
}

#[tokio::test]
async fn twilio_restricted_api_key_is_a_warning() {
    let fake = start_with(Account {
        restricted_key: true,
        ..Account::default()
    })
    .await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("twilio"), "warning", "{}", out.all());
    assert_eq!(out.code, 0);
}

#[tokio::test]
async fn twilio_without_api_key_checks_the_account_only() {
    let fake = start().await;
    let config: Vec<_> = fake
        .valid_config()
        .into_iter()
        .filter(|(k, _)| !k.starts_with("api_key"))
        .collect();
    let out = run(&fake, &config).await;
    assert_eq!(out.status("twilio"), "ok", "{}", out.all());
    assert!(out.result("twilio")["facts"].get("api_key").is_none());
}

/// Issue 8, save validation: the portal lists IncomingPhoneNumbers with the SID and token; the
/// check sends that request, and its refusal is the verdict.
#[tokio::test]
async fn twilio_validates_like_the_portal_by_listing_the_numbers() {
    let fake = start().await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("twilio"), "ok", "{}", out.all());
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let requests = server.received_requests().await.unwrap();
    let listing = requests
        .iter()
        .find(|r| r.url.path() == format!("/2010-04-01/Accounts/{SID}/IncomingPhoneNumbers.json"))
        .expect("the portal's request was sent");
    assert_eq!(
        basic_auth(listing),
        Some((SID.to_string(), TOKEN.to_string()))
    );
    assert!(
        out.result("twilio")["facts"]["portal_validation"]
            .as_str()
            .unwrap()
            .starts_with("passes")
    );
}

/// Issue 9.2: Test Credentials are a setup problem, with the words.
#[tokio::test]
async fn twilio_test_credentials_are_misconfigured() {
    let fake = start_with(Account {
        test_credentials: true,
        ..Account::default()
    })
    .await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("twilio"), "misconfigured", "{}", out.all());
    let message = out.text("twilio", "message");
    assert!(
        message.contains("Test Credentials") && message.contains("live Account SID and Auth Token"),
        "{message}"
    );
}

/// Issue 9.2: no credit is a setup problem.
#[tokio::test]
async fn twilio_zero_or_negative_balance_is_misconfigured() {
    for balance in ["0.00", "-1.25"] {
        let fake = start_with(Account {
            balance,
            ..Account::default()
        })
        .await;
        let out = run(&fake, &fake.valid_config()).await;
        assert_eq!(
            out.status("twilio"),
            "misconfigured",
            "{balance}: {}",
            out.all()
        );
        assert!(
            out.text("twilio", "message").contains("no credit"),
            "{}",
            out.all()
        );
    }
}

/// Issue 9.5: a bare 401 is not Twilio's answer.
#[tokio::test]
async fn twilio_bare_401_is_no_verdict() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_string("Unauthorized"))
        .mount(&server)
        .await;
    let fake = start().await;
    let mut config = fake.valid_config();
    set(&mut config, "endpoint", &server.uri());
    let out = run(&fake, &config).await;
    assert_eq!(out.status("twilio"), "unreachable", "{}", out.all());
    assert_eq!(out.result("twilio")["reason"], "intermediary");
}

/// Issue 16.1: the numbers list, the Account, the Balance and the API key go out together.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twilio_requests_overlap() {
    let arrivals = Arrivals::default();
    let fake = start_timed(Account::default(), Some(arrivals.clone())).await;
    let out = run(&fake, &fake.valid_config()).await;
    assert_eq!(out.status("twilio"), "ok", "{}", out.all());
    arrivals.assert_overlapped(4);
}
