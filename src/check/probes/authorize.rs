//! The authorization-endpoint probe (issue 12): is the portal's redirect URI registered with
//! the provider's app?
//!
//! The probe asks the authorization endpoint what a browser without any session asks when a
//! user presses "Sign in with …" on the portal: a GET with the client id, the portal's redirect
//! URI, `response_type=code` and the portal's scopes. No cookie is sent or kept and no redirect
//! is followed (the shared client follows none), so nothing is signed in and nothing changes.
//! What the answer means comes only from the provider's file (`[redirect_check] answers`, each
//! with its source): a refusal of the redirect URI, an unknown client, scopes refused before
//! sign-in, or the way on to the sign-in page. Anything else proves nothing and says so.

use crate::catalog::schema::{AuthorizeAnswer, AuthorizeMeaning, RedirectCheck};
use crate::check::http::Reply;
use crate::check::{Ctx, Outcome, Reason, Status};
use crate::lang::Lang;

/// The most of an authorization page the probe keeps: error pages are a few KB to a few
/// hundred (inline scripts), and what is sought is near the start.
const PAGE_LIMIT: usize = 256 * 1024;

/// What the probe found.
pub enum Probe {
    /// The provider has no `[redirect_check]`: nothing to say.
    NotApplicable,
    /// Its file says a refusal cannot be seen without signing in.
    NotVerifiable,
    /// The endpoint answered; the first of the file's answers that matches, if one does.
    Answered {
        status: u16,
        answer: Option<&'static AuthorizeAnswer>,
    },
    /// No usable answer (transport failure, 5xx, 429).
    Failed(Outcome),
}

/// Sends the probe for providers whose `[redirect_check]` is `verifiable`.
pub async fn probe(ctx: &Ctx<'_>) -> Probe {
    let Some(check) = ctx.provider.redirect_check.as_ref() else {
        return Probe::NotApplicable;
    };
    let (true, Some(authorize)) = (check.verifiable, check.authorize_url.as_deref()) else {
        return Probe::NotVerifiable;
    };
    // Without a client id the credential check already says what is missing.
    let Some(client_id) = ctx.opt(&check.client_id_field) else {
        return Probe::NotApplicable;
    };
    let url = match ctx.rebase(authorize) {
        Ok(url) => url,
        Err(outcome) => return Probe::Failed(outcome),
    };
    let mut query: Vec<(&str, &str)> = vec![
        ("client_id", client_id),
        ("redirect_uri", &ctx.redirect_uri),
        ("response_type", "code"),
    ];
    if let Some(scope) = portal_scope(ctx, check) {
        query.push(("scope", scope));
    }
    for (name, value) in &check.params {
        query.push((name, value));
    }
    let request = ctx
        .client
        .get(url)
        .query(&query)
        .header("Accept", "text/html,application/xhtml+xml,application/json");
    match ctx.send_limited(request, PAGE_LIMIT).await {
        Ok(reply) => Probe::Answered {
            status: reply.status,
            answer: check.answers.iter().find(|a| matches(a, &reply)),
        },
        Err(outcome) => Probe::Failed(outcome),
    }
}

/// The scope the portal sends, from `[portal.scopes]`; none when empty.
fn portal_scope<'a>(ctx: &'a Ctx<'_>, check: &RedirectCheck) -> Option<&'a str> {
    let key = check.scope.as_deref()?;
    ctx.provider
        .portal
        .scopes
        .get(key)
        .map(String::as_str)
        .filter(|s| !s.is_empty())
}

/// Every condition the answer states holds (status, `Location`, body; ASCII case ignored).
pub fn matches(answer: &AuthorizeAnswer, reply: &Reply) -> bool {
    let contains = |hay: &str, needle: &str| {
        hay.to_ascii_lowercase()
            .contains(&needle.to_ascii_lowercase())
    };
    if !answer.status.is_empty() && !answer.status.contains(&reply.status) {
        return false;
    }
    if let Some(needle) = &answer.location {
        match reply.header("location") {
            Some(location) if contains(location, needle) => {}
            _ => return false,
        }
    }
    if let Some(needle) = &answer.body
        && !contains(&reply.text(), needle)
    {
        return false;
    }
    answer.location.is_some() || answer.body.is_some() || !answer.status.is_empty()
}

/// Adds what the probe found to the credential check's verdict (issue 12.2): a registered URI
/// is a fact; a refused URI or refused scopes turn a verdict that would let sign-in fail into
/// `misconfigured` with the step that fixes it; anything else is only "not verified".
pub fn apply(outcome: Outcome, probe: Probe, ctx: &Ctx<'_>) -> Outcome {
    let uri = &ctx.redirect_uri;
    let provider = ctx.provider;
    let check = provider.redirect_check.as_ref();
    match probe {
        Probe::NotApplicable => outcome,
        Probe::NotVerifiable => outcome.fact(
            "redirect_uri",
            format!("not verifiable without signing in; register {uri}"),
        ),
        // Only the reason: the message names the endpoint's URL, and a path that ends in
        // "authorization" followed by a colon reads like a credential header to the redactor.
        Probe::Failed(failed) => outcome.fact(
            "redirect_uri",
            format!(
                "not verified (no usable answer from the authorization endpoint; reason {})",
                serde_json::to_value(failed.code())
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            ),
        ),
        Probe::Answered {
            status,
            answer: None,
        } => outcome.fact(
            "redirect_uri",
            format!("not verified (the authorization endpoint answered HTTP {status}, which its recorded evidence does not describe)"),
        ),
        Probe::Answered {
            answer: Some(answer),
            ..
        } => match answer.means {
            AuthorizeMeaning::Registered => outcome
                .fact("redirect_uri", "registered")
                .fact("redirect_uri_checked", uri.as_str()),
            AuthorizeMeaning::UnknownClient => outcome.fact(
                "redirect_uri",
                "not verified (the authorization endpoint does not know this client id)",
            ),
            AuthorizeMeaning::Unregistered => {
                let advice = register_advice(check, provider, uri);
                setup_problem(
                    outcome,
                    format!("{} does not accept the redirect URI {uri}: it is not registered for this app, so every sign-in will fail", provider.name),
                    format!("not registered: {uri}"),
                    advice,
                )
            }
            AuthorizeMeaning::SetupRefused => {
                let advice = answer
                    .fix
                    .as_ref()
                    .map(|t| t.get(Lang::En).to_string())
                    .unwrap_or_else(|| format!("Complete the app's setup in {}.", provider.console_url));
                setup_problem(
                    outcome,
                    format!("{} refuses sign-in for this app before anyone signs in: its setup is incomplete, so every sign-in will fail", provider.name),
                    "accepted, but the app's setup refuses sign-in".to_string(),
                    advice,
                )
            }
            AuthorizeMeaning::ScopeRefused => {
                let scope = check
                    .and_then(|c| portal_scope(ctx, c))
                    .unwrap_or_default();
                let advice = answer
                    .fix
                    .as_ref()
                    .map(|t| t.get(Lang::En).to_string())
                    .unwrap_or_else(|| format!("Give the app the scopes {scope} in {}.", provider.console_url));
                setup_problem(
                    outcome,
                    format!("{} refuses the scopes the portal asks for ({scope}) before anyone signs in, so every sign-in will fail", provider.name),
                    format!("accepted, but the scopes {scope} are refused"),
                    advice,
                )
            }
        },
    }
}

/// A proven setup problem outranks "ok", "warning" and "could not tell" about the keys; a
/// refused key stays the verdict (it is the first thing to fix) and carries the fact.
fn setup_problem(outcome: Outcome, message: String, fact: String, advice: String) -> Outcome {
    match outcome.status {
        Status::Ok | Status::Warning | Status::Unreachable => {
            let facts = outcome.facts;
            let mut o = Outcome::misconfigured(message)
                .reason(Reason::Setup)
                .advice(advice);
            o.facts = facts;
            o.fact("redirect_uri", fact)
        }
        _ => outcome.fact("redirect_uri", fact),
    }
}

/// Where to register the URI: the file's `register` step, else the guide step that names it.
fn register_advice(
    check: Option<&RedirectCheck>,
    provider: &crate::catalog::Provider,
    uri: &str,
) -> String {
    let text = check
        .and_then(|c| c.register.as_ref())
        .map(|t| t.en.clone())
        .or_else(|| {
            provider
                .guide
                .iter()
                .rev()
                .find(|s| s.en.contains("{redirect_uri}"))
                .map(|s| s.en.clone())
        })
        .unwrap_or_else(|| format!("Register {{redirect_uri}} in {}.", provider.console_url));
    text.replace("{redirect_uri}", uri)
}

/// What `guide` and `doctor` say about the redirect URI of a provider (issue 12.3), from its
/// file alone; `None` when it has no `[redirect_check]`.
pub fn describe(provider: &crate::catalog::Provider, uri: &str, lang: Lang) -> Option<String> {
    let check = provider.redirect_check.as_ref()?;
    Some(if check.verifiable {
        match lang {
            Lang::En => format!(
                "integrate asks the authorization page, without signing in, whether it refuses {uri}."
            ),
            Lang::Fr => format!(
                "integrate demande à la page d'autorisation, sans se connecter, si elle refuse {uri}."
            ),
        }
    } else {
        match lang {
            Lang::En => {
                format!("Redirect URI not verifiable without signing in: register {uri} exactly.")
            }
            Lang::Fr => format!(
                "URI de redirection invérifiable sans se connecter\u{a0}: enregistrez exactement {uri}."
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{self, Provider};

    fn with_verifiable(id: &str, verifiable: bool) -> &'static Provider {
        let mut p = catalog::find(id).unwrap().clone();
        p.redirect_check.as_mut().unwrap().verifiable = verifiable;
        Box::leak(Box::new(p))
    }

    #[test]
    fn describe_says_what_is_verified_and_shows_the_uri() {
        let uri = "https://relay.example.net/oauth2.aspx";
        let off = with_verifiable("google", false);
        let en = describe(off, uri, Lang::En).unwrap();
        assert!(
            en.contains("not verifiable without signing in") && en.contains(uri),
            "{en}"
        );
        let fr = describe(off, uri, Lang::Fr).unwrap();
        assert!(
            fr.contains("sans se connecter\u{a0}:") && fr.contains(uri),
            "{fr}"
        );
        let on = describe(with_verifiable("google", true), uri, Lang::En).unwrap();
        assert!(
            on.contains("whether it refuses") && on.contains(uri),
            "{on}"
        );
        let mut none = catalog::find("telegram").unwrap().clone();
        none.redirect_check = None;
        assert!(describe(&none, uri, Lang::En).is_none());
    }

    #[test]
    fn answers_match_on_every_stated_condition() {
        let reply = |status: u16, location: Option<&str>, body: &str| {
            let mut headers = reqwest::header::HeaderMap::new();
            if let Some(l) = location {
                headers.insert("location", l.parse().unwrap());
            }
            Reply {
                status,
                headers,
                body: body.as_bytes().to_vec(),
                shown_url: "https://accounts.google.com/o/oauth2/v2/auth".into(),
            }
        };
        let check = catalog::find("google")
            .unwrap()
            .redirect_check
            .as_ref()
            .unwrap();
        let first = |r: &Reply| {
            check
                .answers
                .iter()
                .find(|a| matches(a, r))
                .map(|a| a.means)
        };
        let page = reply(400, None, "Error 400: REDIRECT_URI_MISMATCH");
        assert_eq!(first(&page), Some(AuthorizeMeaning::Unregistered));
        // The right words with another status are not that answer.
        assert_eq!(first(&reply(200, None, "redirect_uri_mismatch")), None);
        let signin = reply(
            302,
            Some("https://accounts.google.com/v3/signin/identifier?x=1"),
            "",
        );
        assert_eq!(first(&signin), Some(AuthorizeMeaning::Registered));
        let elsewhere = reply(
            302,
            Some("https://accounts.google.com/signin/oauth/error?authError=x"),
            "",
        );
        assert_eq!(first(&elsewhere), None);
    }
}
