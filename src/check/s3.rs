//! Amazon S3 and S3-compatible stores: a SigV4-signed ListBuckets, then the configured bucket.

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;
use serde::Deserialize;

use super::http::Reply;
use super::{Ctx, Outcome, Verdict};

/// `<Error><Code>…</Code><Message>…</Message></Error>`, the body of every S3 error.
#[derive(Deserialize, Default)]
struct S3Error {
    #[serde(rename = "Code", default)]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
    #[serde(rename = "Region", default)]
    region: Option<String>,
}

#[derive(Deserialize)]
struct ListAllMyBucketsResult {
    #[serde(rename = "Buckets", default)]
    buckets: Buckets,
}

#[derive(Deserialize, Default)]
struct Buckets {
    #[serde(rename = "Bucket", default)]
    bucket: Vec<Bucket>,
}

#[derive(Deserialize)]
struct Bucket {
    #[serde(rename = "Name")]
    name: String,
}

pub async fn check(ctx: &Ctx<'_>) -> Verdict {
    let key_id = ctx.get("access_key_id");
    let region = ctx.opt("region").unwrap_or("us-east-1");
    let key_type = match key_id.get(..4) {
        Some("AKIA") => Some("long-term (AKIA)"),
        Some("ASIA") => Some("temporary (ASIA)"),
        _ => None,
    };
    let temporary = key_id.starts_with("ASIA");
    if temporary && ctx.endpoint.is_none() && ctx.opt("session_token").is_none() {
        return Ok(Outcome::misconfigured("the access key id starts with ASIA (temporary credentials) but session_token is empty")
            .fact("key_type", key_type)
            .advice("Set session_token to the token issued with these credentials, or better, create a long-term access key (IAM > Users > Security credentials), which the portal needs anyway."));
    }
    let origin = format!("https://s3.{region}.amazonaws.com");
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
    let reply = signed_get(ctx, ctx.url(&origin, "/")?, region).await?;
    let listed = match reply.status {
        200 => {
            let list: ListAllMyBucketsResult = quick_xml::de::from_reader(reply.body.as_slice())
                .map_err(|_| reply.unexpected())?;
            Some(list.buckets.bucket.into_iter().map(|b| b.name).collect::<Vec<_>>())
        }
        _ if code(&reply) == "AccessDenied" && ctx.opt("bucket").is_some() => None,
        _ => return Err(classify(&reply, region, None).fact("key_type", key_type)),
    };
    let facts = |o: Outcome| match &listed {
        Some(names) => o
            .fact("key_type", key_type)
            .fact("bucket_count", names.len())
            .fact("buckets", names.iter().take(10).cloned().collect::<Vec<_>>()),
        None => o.fact("key_type", key_type).fact("can_list_buckets", false),
    };
    let Some(bucket) = ctx.opt("bucket") else {
        let count = listed.as_ref().map_or(0, Vec::len);
        let ok = Outcome::ok(format!("S3 accepted the key; it can list {count} bucket(s)"));
        return Ok(temporary_note(facts(ok), temporary));
    };
    let path_style = ctx.endpoint.is_some()
        || bucket.contains('.')
        || ctx.opt("path_style").and_then(crate::catalog::validate::parse_bool) == Some(true);
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
    let url = if path_style {
        ctx.url(&origin, &format!("/{bucket}?list-type=2&max-keys=1"))?
    } else {
        let host = format!("https://{bucket}.s3.{region}.amazonaws.com");
        ctx.url(&host, "/?list-type=2&max-keys=1")?
    };
    let reply = signed_get(ctx, url, region).await?;
    let bucket_region = reply.header("x-amz-bucket-region").map(str::to_string);
    if reply.status != 200 {
        return Err(facts(classify(&reply, region, Some(bucket))).fact("bucket", bucket));
    }
    let facts = |o: Outcome| facts(o).fact("bucket", bucket).fact("bucket_region", bucket_region.clone());
    if let Some(real) = bucket_region.as_deref().filter(|r| *r != region) {
        return Ok(facts(Outcome::warning(format!("the bucket `{bucket}` answered, but it is in region {real} while region is {region}")))
            .advice(format!("Set region to {real} (integrate add s3 --set region={real}): the portal signs its requests for the configured region.")));
    }
    let note = if listed.is_none() { " (the key may not list all buckets, which the portal does not need)" } else { "" };
    let ok = Outcome::ok(format!("S3 accepted the key and it can list the bucket `{bucket}`{note}"));
    Ok(temporary_note(facts(ok), temporary))
}

/// Temporary credentials pass the check but cannot serve the portal for long.
fn temporary_note(outcome: Outcome, temporary: bool) -> Outcome {
    if !temporary || outcome.status != super::Status::Ok {
        return outcome;
    }
    outcome
        .warn_if_ok("temporary (ASIA) credentials expire: the portal needs a long-term AKIA key")
        .advice("Create a long-term access key for an IAM user (IAM > Users > Security credentials > Create access key) and give that to the portal.")
}

/// Signs a GET with SigV4 (S3 settings) and sends it.
async fn signed_get(ctx: &Ctx<'_>, url: url::Url, region: &str) -> Result<Reply, Outcome> {
    let internal = |e: &dyn std::fmt::Display| Outcome::unreachable(format!("internal error signing the request: {e}"));
    let identity = Credentials::new(
        ctx.get("access_key_id"),
        ctx.get("secret_access_key"),
        ctx.opt("session_token").map(str::to_string),
        None,
        "integrate",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    settings.percent_encoding_mode = PercentEncodingMode::Single;
    let params: aws_sigv4::http_request::SigningParams = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("s3")
        .time(SystemTime::now())
        .settings(settings)
        .build()
        .map_err(|e| internal(&e))?
        .into();
    let mut request = ctx.client.get(url).build().map_err(|e| internal(&e))?;
    let headers: Vec<(&str, &str)> = request
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?)))
        .collect();
    let body = request.body().and_then(|b| b.as_bytes()).unwrap_or(&[]);
    let signable = SignableRequest::new(request.method().as_str(), request.url().as_str(), headers.into_iter(), SignableBody::Bytes(body))
        .map_err(|e| internal(&e))?;
    let (instructions, _) = sign(signable, &params).map_err(|e| internal(&e))?.into_parts();
    let mut signed = Vec::new();
    for (name, value) in instructions.headers() {
        let name = reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|e| internal(&e))?;
        let value = reqwest::header::HeaderValue::from_str(value).map_err(|e| internal(&e))?;
        signed.push((name, value));
    }
    request.headers_mut().extend(signed);
    ctx.send(reqwest::RequestBuilder::from_parts(ctx.client.clone(), request)).await
}

fn error_of(reply: &Reply) -> S3Error {
    quick_xml::de::from_reader(reply.body.as_slice()).unwrap_or_default()
}

fn code(reply: &Reply) -> String {
    error_of(reply).code
}

/// Maps the documented S3 error codes; anything else is "could not tell".
fn classify(reply: &Reply, region: &str, bucket: Option<&str>) -> Outcome {
    let err = error_of(reply);
    let said = format!("{} ({}: {})", reply.status, err.code, err.message);
    let code = match (reply.status, err.code.as_str()) {
        (301, _) => "PermanentRedirect",
        (_, code) => code,
    };
    match code {
        "InvalidAccessKeyId" | "NotSignedUp" => Outcome::rejected(format!("S3 does not know this access key id (HTTP {said})"))
            .advice("Copy the Access key ID again from IAM > Users > Security credentials; a deleted or deactivated key is refused this way. For an S3-compatible store, use the key issued by that store."),
        "SignatureDoesNotMatch" => Outcome::rejected(format!("S3 knows the access key id but the secret access key does not match it (HTTP {said})"))
            .advice("Paste the secret access key again (it is shown only once, when the key is created); if it was lost, create a new access key."),
        "ExpiredToken" | "InvalidToken" => Outcome::rejected(format!("S3 refused the session token of these temporary credentials (HTTP {said})"))
            .advice("Temporary (ASIA) credentials expire: get new ones with their session token, or use a long-term AKIA key."),
        "AccessDenied" => match bucket {
            None => Outcome::misconfigured(format!("the key is valid but its policy does not allow listing buckets (HTTP {said})"))
                .advice("Set bucket to the bucket the portal uses, so that integrate checks access to it, or allow s3:ListAllMyBuckets in the key's IAM policy."),
            Some(b) => Outcome::misconfigured(format!("the key is valid but its policy does not allow listing the bucket `{b}` (HTTP {said})"))
                .advice(format!("Allow s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on arn:aws:s3:::{b} and arn:aws:s3:::{b}/* in the IAM policy of the key's user (IAM > Users > Permissions).")),
        },
        "NoSuchBucket" => Outcome::misconfigured(format!("the bucket `{}` does not exist (HTTP {said})", bucket.unwrap_or("?")))
            .advice("Check the bucket name (the name only, no s3:// or URL), or create the bucket in the S3 console."),
        "AuthorizationHeaderMalformed" | "PermanentRedirect" => {
            let expected = reply.header("x-amz-bucket-region").map(str::to_string).or(err.region).or_else(|| {
                err.message.split("expecting '").nth(1).and_then(|r| r.split('\'').next()).map(str::to_string)
            });
            let fix = match &expected {
                Some(r) => format!("Set region to {r} (integrate add s3 --set region={r})."),
                None => "Set region to the bucket's region, shown in the S3 console's bucket list.".into(),
            };
            Outcome::misconfigured(format!("region {region} is wrong for this request (HTTP {said})"))
                .fact("expected_region", expected)
                .advice(fix)
        }
        "RequestTimeTooSkewed" => Outcome::misconfigured(format!("S3 refused the request because this machine's clock is off (HTTP {said})"))
            .fact("server_date", reply.header("date").map(str::to_string))
            .advice("Not the key's fault: synchronise this machine's clock (timedatectl set-ntp true, or chrony/ntpd), then check again."),
        _ => reply.unexpected(),
    }
}
