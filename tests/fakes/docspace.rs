//! A fake DocSpace `settings/authservice` API with state, following DS-srv's rules
//! (onlyoffice.md §2.1): the token is checked on every call (401 otherwise); `GET` lists every
//! consumer with `props` only when `canSet`; `POST` refuses a locked consumer (403), a paid one
//! on a plan without third-party services (402), and for a validating consumer (Telegram here)
//! clears its keys and answers 400 "Bad keys" when they do not validate. Not a provider fake:
//! it is not in `fakes![]`, since DocSpace is the portal, not a provider.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const TOKEN: &str = "docspace-admin-token-7f3a9c2e4b1d";
/// The only bot token the fake's Telegram validator accepts.
pub const GOOD_BOT_TOKEN: &str = "7712345679:AAHq8ZxW3vN5mK2pL7rT9yB4cD6fG1hJ0sQ";

#[derive(Debug, Clone)]
pub struct Consumer {
    pub name: &'static str,
    pub title: &'static str,
    pub can_set: bool,
    pub paid: bool,
    pub validates: bool,
    pub props: Vec<(&'static str, String)>,
}

pub struct DocSpace {
    pub url: String,
    pub state: Arc<Mutex<Vec<Consumer>>>,
    _server: MockServer,
}

impl DocSpace {
    /// google and twilio: settable; dropbox: locked by its config file; telegram: validating;
    /// s3: paid on a plan that does not include it.
    pub async fn start() -> DocSpace {
        let consumer = |name, title, can_set, paid, validates, keys: &[&'static str]| Consumer {
            name,
            title,
            can_set,
            paid,
            validates,
            props: keys.iter().map(|k| (*k, String::new())).collect(),
        };
        let mut dropbox = consumer(
            "dropbox",
            "Dropbox",
            false,
            false,
            false,
            &["dropboxClientId", "dropboxClientSecret"],
        );
        dropbox.props = vec![
            ("dropboxClientId", "lockedclientid01".into()),
            ("dropboxClientSecret", "lockedsecret0123".into()),
        ];
        let state = Arc::new(Mutex::new(vec![
            consumer(
                "google",
                "Google",
                true,
                false,
                false,
                &["googleClientId", "googleClientSecret"],
            ),
            dropbox,
            consumer(
                "twilio",
                "Twilio",
                true,
                false,
                false,
                &["twilioAccountSid", "twilioAuthToken", "twiliosender"],
            ),
            consumer(
                "s3",
                "Amazon AWS S3",
                true,
                true,
                false,
                &["acesskey", "secretaccesskey"],
            ),
            consumer(
                "telegram",
                "Telegram",
                true,
                false,
                true,
                &["telegramBotToken", "telegramBotName"],
            ),
        ]));
        let server = MockServer::start().await;
        let shared = state.clone();
        Mock::given(path("/api/2.0/settings/authservice"))
            .respond_with(move |req: &Request| respond(&shared, req))
            .mount(&server)
            .await;
        DocSpace {
            url: server.uri(),
            state,
            _server: server,
        }
    }

    pub fn consumer(&self, name: &str) -> Consumer {
        self.state
            .lock()
            .unwrap()
            .iter()
            .find(|c| c.name == name)
            .cloned()
            .unwrap()
    }

    pub fn value(&self, consumer: &str, key: &str) -> String {
        self.consumer(consumer)
            .props
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn set(&self, consumer: &str, key: &str, value: &str) {
        let mut state = self.state.lock().unwrap();
        let c = state.iter_mut().find(|c| c.name == consumer).unwrap();
        c.props.iter_mut().find(|(k, _)| *k == key).unwrap().1 = value.into();
    }
}

fn error(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "error": {"message": message, "type": "System.Exception", "stack": ""},
        "status": 1,
        "statusCode": status
    }))
}

fn respond(state: &Mutex<Vec<Consumer>>, req: &Request) -> ResponseTemplate {
    let token = req
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if token != TOKEN {
        return error(401, "Unauthorized");
    }
    let mut state = state.lock().unwrap();
    match req.method.as_str() {
        "GET" => {
            let list: Vec<Value> = state
                .iter()
                .map(|c| {
                    let mut item = json!({
                        "name": c.name, "title": c.title, "description": "", "instruction": "",
                        "canSet": c.can_set, "paid": c.paid,
                    });
                    if c.can_set {
                        item["props"] = c
                            .props
                            .iter()
                            .map(
                                |(k, v)| json!({"name": k, "value": v, "title": k, "type": "text"}),
                            )
                            .collect();
                    }
                    item
                })
                .collect();
            ResponseTemplate::new(200).set_body_json(
                json!({"response": list, "count": list.len(), "status": 0, "statusCode": 200}),
            )
        }
        "POST" => {
            let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
                return error(400, "Invalid request body");
            };
            let name = body["name"].as_str().unwrap_or("");
            let Some(c) = state.iter_mut().find(|c| c.name == name) else {
                return error(400, "Consumer not found");
            };
            if !c.can_set {
                return error(403, "Access denied");
            }
            if c.paid {
                return error(402, "Your pricing plan does not support this option");
            }
            let mut changed = false;
            for p in body["props"].as_array().cloned().unwrap_or_default() {
                let (Some(k), Some(v)) = (p["name"].as_str(), p["value"].as_str()) else {
                    return error(400, "Invalid props");
                };
                if let Some(slot) = c.props.iter_mut().find(|(key, _)| *key == k)
                    && slot.1 != v
                {
                    slot.1 = v.to_string();
                    changed = true;
                }
            }
            if c.validates {
                let token = c
                    .props
                    .iter()
                    .find(|(k, _)| *k == "telegramBotToken")
                    .map(|(_, v)| v.as_str());
                if token.is_some_and(|t| !t.is_empty() && t != GOOD_BOT_TOKEN) {
                    c.props.iter_mut().for_each(|(_, v)| v.clear());
                    return error(400, "Bad keys");
                }
            }
            ResponseTemplate::new(200)
                .set_body_json(json!({"response": changed, "status": 0, "statusCode": 200}))
        }
        _ => error(405, "Method not allowed"),
    }
}
