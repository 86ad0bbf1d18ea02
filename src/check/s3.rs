//! Amazon S3 and S3-compatible stores: SigV4-signed ListBuckets and, with a bucket set, the
//! bucket listing and its Object Ownership, all three sent at once (none needs another's
//! answer). The portal uploads every file with a canned ACL (public-read by default), so a
//! bucket whose Object Ownership disables ACLs ("bucket owner enforced") fails every upload.

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;
use serde::Deserialize;

use super::http::Reply;
use super::{Ctx, Outcome, Reason, Verdict};

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

/// `GetBucketOwnershipControls`: `<OwnershipControls><Rule><ObjectOwnership>…`.
#[derive(Deserialize)]
struct OwnershipControls {
    #[serde(rename = "Rule", default)]
    rule: Vec<OwnershipRule>,
}

#[derive(Deserialize)]
struct OwnershipRule {
    #[serde(rename = "ObjectOwnership", default)]
    object_ownership: String,
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
    let list_url = ctx.url(&origin, "/")?;
    let Some(bucket) = ctx.opt("bucket") else {
        let reply = signed_get(ctx, list_url, region).await?;
        let names = match reply.status {
            200 => bucket_names(&reply)?,
            _ => return Err(classify(&reply, region, None).fact("key_type", key_type)),
        };
        let ok = Outcome::ok(format!(
            "S3 accepted the key; it can list {} bucket(s)",
            names.len()
        ))
        .fact("key_type", key_type)
        .fact("bucket_count", names.len())
        .fact(
            "buckets",
            names.iter().take(10).cloned().collect::<Vec<_>>(),
        );
        return Ok(temporary_note(ok, temporary));
    };
    let path_style = ctx.endpoint.is_some()
        || bucket.contains('.')
        || ctx
            .opt("path_style")
            .and_then(crate::catalog::validate::parse_bool)
            == Some(true);
    let bucket_url = |query: &str| {
        if path_style {
            ctx.url(&origin, &format!("/{bucket}?{query}"))
        } else {
            ctx.url(
                &format!("https://{bucket}.s3.{region}.amazonaws.com"),
                &format!("/?{query}"),
            )
        }
    };
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
    let objects_url = bucket_url("list-type=2&max-keys=1")?;
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html
    let ownership_url = bucket_url("ownershipControls")?;
    // Independent requests go out together: the check takes one round trip, not three.
    let (listing, objects, ownership) = futures::join!(
        signed_get(ctx, list_url, region),
        signed_get(ctx, objects_url, region),
        signed_get(ctx, ownership_url, region),
    );
    let listing = listing?;
    let listed = match listing.status {
        200 => Some(bucket_names(&listing)?),
        // A key limited to its bucket may not list the account's buckets: the portal never does.
        _ if code(&listing) == "AccessDenied" => None,
        _ => return Err(classify(&listing, region, None).fact("key_type", key_type)),
    };
    let facts = |o: Outcome| match &listed {
        Some(names) => o
            .fact("key_type", key_type)
            .fact("bucket_count", names.len())
            .fact(
                "buckets",
                names.iter().take(10).cloned().collect::<Vec<_>>(),
            ),
        None => o.fact("key_type", key_type).fact("can_list_buckets", false),
    };
    let reply = objects?;
    let bucket_region = reply.header("x-amz-bucket-region").map(str::to_string);
    if reply.status != 200 {
        return Err(facts(classify(&reply, region, Some(bucket))).fact("bucket", bucket));
    }
    let ownership = read_ownership(ownership);
    let facts = |o: Outcome| {
        facts(o)
            .fact("bucket", bucket)
            .fact("bucket_region", bucket_region.clone())
            .fact("object_ownership", ownership.fact())
    };
    if let Some(real) = bucket_region.as_deref().filter(|r| *r != region) {
        return Ok(facts(Outcome::warning(format!("the bucket `{bucket}` answered, but it is in region {real} while region is {region}")))
            .advice(format!("Set region to {real} (integrate add s3 --set region={real}): the portal signs its requests for the configured region.")));
    }
    match &ownership {
        Ownership::Enforced => {
            return Ok(facts(Outcome::misconfigured(format!(
                "the bucket `{bucket}` has Object Ownership \"Bucket owner enforced\": ACLs are disabled, and the portal uploads every file with an ACL (public-read), so S3 refuses each upload with AccessControlListNotSupported"
            )))
            .reason(Reason::Setup)
            .advice(format!("In the S3 console open the bucket {bucket} > Permissions > Object Ownership > Edit, choose \"ACLs enabled\" with \"Bucket owner preferred\", and save (or: aws s3api put-bucket-ownership-controls --bucket {bucket} --ownership-controls 'Rules=[{{ObjectOwnership=BucketOwnerPreferred}}]'). Also turn off \"Block public ACLs\" under Block public access if the portal serves public files from this bucket.")));
        }
        Ownership::Denied => {
            let ok = Outcome::ok(format!(
                "S3 accepted the key and it can list the bucket `{bucket}`"
            ));
            return Ok(temporary_note(facts(ok), temporary)
                .warn_if_ok(&format!("the key may not read the Object Ownership of `{bucket}` (AccessDenied), so whether S3 accepts the portal's ACL'd uploads could not be checked"))
                .advice(format!("Look at the bucket {bucket} > Permissions > Object Ownership in the S3 console: it must say \"ACLs enabled\", because the portal uploads with a public-read ACL. To let integrate check it, allow s3:GetBucketOwnershipControls on arn:aws:s3:::{bucket}.")));
        }
        Ownership::Unknown if ctx.endpoint.is_none() => {
            let ok = Outcome::ok(format!(
                "S3 accepted the key and it can list the bucket `{bucket}`"
            ));
            return Ok(temporary_note(facts(ok), temporary)
                .warn_if_ok(&format!("S3 gave no readable answer about the Object Ownership of `{bucket}`, so whether it accepts the portal's ACL'd uploads could not be checked"))
                .advice(format!("Look at the bucket {bucket} > Permissions > Object Ownership in the S3 console: it must say \"ACLs enabled\", because the portal uploads with a public-read ACL.")));
        }
        // Many S3-compatible stores do not implement ownership controls and accept ACLs.
        Ownership::Unknown | Ownership::Allows(_) => {}
    }
    let note = if listed.is_none() {
        " (the key may not list all buckets, which the portal does not need)"
    } else {
        ""
    };
    let acl = if matches!(ownership, Ownership::Allows(_)) {
        "; its Object Ownership accepts the portal's ACL'd uploads"
    } else {
        ""
    };
    let ok = Outcome::ok(format!(
        "S3 accepted the key and it can list the bucket `{bucket}`{note}{acl}"
    ));
    Ok(temporary_note(facts(ok), temporary))
}

fn bucket_names(reply: &Reply) -> Result<Vec<String>, Outcome> {
    let list: ListAllMyBucketsResult =
        quick_xml::de::from_reader(reply.body.as_slice()).map_err(|_| reply.unexpected())?;
    Ok(list.buckets.bucket.into_iter().map(|b| b.name).collect())
}

/// What the bucket's Object Ownership says about ACLs.
enum Ownership {
    /// `BucketOwnerPreferred`, `ObjectWriter`, or no ownership controls at all (the setting of
    /// buckets created before April 2023): object ACLs are accepted.
    Allows(String),
    /// `BucketOwnerEnforced`: every request that sets an ACL other than the owner's is refused.
    Enforced,
    /// The key may not read it.
    Denied,
    /// No usable answer (a store that does not implement it, a failure).
    Unknown,
}

impl Ownership {
    fn fact(&self) -> &str {
        match self {
            Ownership::Allows(setting) => setting,
            Ownership::Enforced => "BucketOwnerEnforced",
            Ownership::Denied => "unknown (AccessDenied)",
            Ownership::Unknown => "unknown",
        }
    }
}

fn read_ownership(answer: Result<Reply, Outcome>) -> Ownership {
    let Ok(reply) = answer else {
        return Ownership::Unknown;
    };
    if reply.status == 200 {
        let Ok(controls) =
            quick_xml::de::from_reader::<_, OwnershipControls>(reply.body.as_slice())
        else {
            return Ownership::Unknown;
        };
        return match controls.rule.first().map(|r| r.object_ownership.as_str()) {
            Some("BucketOwnerEnforced") => Ownership::Enforced,
            Some(setting @ ("BucketOwnerPreferred" | "ObjectWriter")) => {
                Ownership::Allows(setting.to_string())
            }
            _ => Ownership::Unknown,
        };
    }
    match code(&reply).as_str() {
        // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html: no controls set.
        "OwnershipControlsNotFoundError" => {
            Ownership::Allows("ObjectWriter (no ownership controls set)".into())
        }
        "AccessDenied" => Ownership::Denied,
        _ => Ownership::Unknown,
    }
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
    let internal = |e: &dyn std::fmt::Display| {
        Outcome::unreachable(format!("internal error signing the request: {e}"))
    };
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
    let signable = SignableRequest::new(
        request.method().as_str(),
        request.url().as_str(),
        headers.into_iter(),
        SignableBody::Bytes(body),
    )
    .map_err(|e| internal(&e))?;
    let (instructions, _) = sign(signable, &params)
        .map_err(|e| internal(&e))?
        .into_parts();
    let mut signed = Vec::new();
    for (name, value) in instructions.headers() {
        let name =
            reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|e| internal(&e))?;
        let value = reqwest::header::HeaderValue::from_str(value).map_err(|e| internal(&e))?;
        signed.push((name, value));
    }
    request.headers_mut().extend(signed);
    ctx.send(reqwest::RequestBuilder::from_parts(
        ctx.client.clone(),
        request,
    ))
    .await
}

fn error_of(reply: &Reply) -> S3Error {
    quick_xml::de::from_reader(reply.body.as_slice()).unwrap_or_default()
}

fn code(reply: &Reply) -> String {
    error_of(reply).code
}

/// Maps the documented S3 error codes
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html); anything else is
/// "could not tell". A bare status decides nothing: only S3's own XML `<Code>` does.
fn classify(reply: &Reply, region: &str, bucket: Option<&str>) -> Outcome {
    let err = error_of(reply);
    let said = format!("{} ({}: {})", reply.status, err.code, err.message);
    // A redirect has S3's own region header even when its body is empty (HEAD, some proxies).
    let code = match (reply.status, err.code.as_str()) {
        (301 | 307, "") if reply.header("x-amz-bucket-region").is_some() => "PermanentRedirect",
        (_, code) => code,
    };
    match code {
        "InvalidAccessKeyId" => Outcome::rejected(format!("S3 does not know this access key id (HTTP {said})"))
            .advice("Copy the Access key ID again from IAM > Users > Security credentials; a deleted or deactivated key is refused this way. For an S3-compatible store, use the key issued by that store."),
        // The key pair is valid; the AWS account behind it has no S3 subscription.
        "NotSignedUp" => Outcome::misconfigured(format!("the key is valid, but its AWS account is not signed up for Amazon S3 (HTTP {said})"))
            .reason(Reason::Setup)
            .advice("Sign the account up for S3 (open the S3 console with the account's root user and complete the sign-up; a new account can take up to 24 hours to be activated), or use keys of the account that owns the bucket."),
        "SignatureDoesNotMatch" => Outcome::rejected(format!("S3 knows the access key id but the secret access key does not match it (HTTP {said})"))
            .advice("Paste the secret access key again (it is shown only once, when the key is created); if it was lost, create a new access key."),
        "ExpiredToken" | "InvalidToken" => Outcome::rejected(format!("S3 refused the session token of these temporary credentials (HTTP {said})"))
            .advice("Temporary (ASIA) credentials expire: get new ones with their session token, or use a long-term AKIA key."),
        "AccessDenied" => match bucket {
            None => Outcome::misconfigured(format!("the key is valid but its policy does not allow listing buckets (HTTP {said})"))
                .reason(Reason::Permission)
                .advice("Set bucket to the bucket the portal uses, so that integrate checks access to it, or allow s3:ListAllMyBuckets in the key's IAM policy."),
            Some(b) => Outcome::misconfigured(format!("the key is valid but its policy does not allow listing the bucket `{b}` (HTTP {said})"))
                .reason(Reason::Permission)
                .advice(format!("Allow s3:ListBucket, s3:GetObject, s3:PutObject, s3:PutObjectAcl and s3:DeleteObject on arn:aws:s3:::{b} and arn:aws:s3:::{b}/* in the IAM policy of the key's user (IAM > Users > Permissions).")),
        },
        "AccessControlListNotSupported" => Outcome::misconfigured(format!("the bucket `{}` does not allow ACLs, and the portal uploads every file with one (HTTP {said})", bucket.unwrap_or("?")))
            .reason(Reason::Setup)
            .advice("In the S3 console open the bucket > Permissions > Object Ownership > Edit and choose \"ACLs enabled\" (Bucket owner preferred)."),
        "NoSuchBucket" => Outcome::misconfigured(format!("the bucket `{}` does not exist (HTTP {said})", bucket.unwrap_or("?")))
            .reason(Reason::Setup)
            .advice("Check the bucket name (the name only, no s3:// or URL), or create the bucket in the S3 console."),
        "AuthorizationHeaderMalformed" | "PermanentRedirect" | "TemporaryRedirect" | "IllegalLocationConstraintException" => {
            let expected = reply.header("x-amz-bucket-region").map(str::to_string).or(err.region).or_else(|| {
                err.message.split("expecting '").nth(1).and_then(|r| r.split('\'').next()).map(str::to_string)
            });
            let fix = match &expected {
                Some(r) => format!("Set region to {r} (integrate add s3 --set region={r})."),
                None => "Set region to the bucket's region, shown in the S3 console's bucket list.".into(),
            };
            // An opt-in region (af-south-1, eu-south-1, ap-east-1, me-south-1...) answers this
            // way when the account has not enabled it, or when the request went to another region.
            let fix = if code == "IllegalLocationConstraintException" {
                format!("{fix} If the bucket is in an opt-in region, that region must also be enabled for the account (AWS console > Account > AWS Regions).")
            } else {
                fix
            };
            Outcome::misconfigured(format!("region {region} is wrong for this request (HTTP {said})"))
                .reason(Reason::Setup)
                .fact("expected_region", expected)
                .advice(fix)
        }
        "RequestTimeTooSkewed" => Outcome::misconfigured(format!("S3 refused the request because this machine's clock is off (HTTP {said})"))
            .reason(Reason::Clock)
            .fact("server_date", reply.header("date").map(str::to_string))
            .advice("Not the key's fault: synchronise this machine's clock (timedatectl set-ntp true, or chrony/ntpd), then check again."),
        _ if matches!(reply.status, 401 | 403 | 407) && err.code.is_empty() => reply.not_the_provider("S3"),
        _ => reply.unexpected(),
    }
}
