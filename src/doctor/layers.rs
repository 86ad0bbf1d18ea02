//! The network layers of a diagnosis, except TLS ([`super::tls`]): which proxy applies, DNS,
//! TCP, the proxy's CONNECT tunnel, one HTTP round trip, and the clock against the server's
//! `Date`. Each returns a timed [`Layer`] with its evidence, and the value the next layer needs
//! (`None` when it failed).
//!
//! When a proxy applies, DNS and TCP are about the proxy, not the provider: the provider's
//! name is resolved by the proxy. The layers say so rather than pretend; the tunnel layer then
//! shows what the proxy answered, and TLS runs through the tunnel to the provider, so the
//! certificate shown is the one this machine really gets (a TLS-inspecting proxy's own).

use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{Layer, LayerStatus, MAX_SKEW};
use crate::catalog::validate;
use crate::config::ResolvedProvider;

/// The origin being diagnosed.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: url::Url,
    /// Without IPv6 brackets, as DNS and TLS want it.
    pub host: String,
    pub port: u16,
    pub https: bool,
}

impl Target {
    /// `endpoint` when set, else the catalog's `api_origin` with its `{field}` markers
    /// filled in from the provider's values.
    pub fn of(resolved: &ResolvedProvider) -> Result<Target, String> {
        let url = match resolved.endpoint() {
            Some(endpoint) => {
                validate::check_endpoint(endpoint).map_err(|e| format!("`endpoint`: {e}"))?
            }
            None => {
                let mut origin = resolved.provider.api_origin.clone();
                for (name, value) in &resolved.values {
                    origin = origin.replace(&format!("{{{name}}}"), value.text.trim());
                }
                url::Url::parse(&origin).map_err(|e| {
                    format!("the API host built from the config, `{origin}`, is not a URL ({e})")
                })?
            }
        };
        let host = match url.host() {
            Some(url::Host::Domain(name)) => name.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            None => return Err(format!("`{url}` has no host")),
        };
        let port = url.port_or_known_default().unwrap_or(443);
        let https = url.scheme() == "https";
        Ok(Target {
            url,
            host,
            port,
            https,
        })
    }

    /// `scheme://host[:port]`, for messages.
    pub fn shown(&self) -> String {
        self.url.as_str().trim_end_matches('/').to_string()
    }

    fn authority(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// How the connection leaves this machine.
#[derive(Debug, Clone)]
pub enum Route {
    Direct,
    Proxy(Proxy),
}

#[derive(Debug, Clone)]
pub struct Proxy {
    /// `scheme://host:port`, never the credentials.
    pub shown: String,
    pub scheme: String,
    pub host: String,
    pub port: u16,
    /// `Proxy-Authorization` value when the proxy URL carries credentials.
    auth: Option<String>,
}

impl Route {
    /// Where DNS and TCP go: the proxy when one applies.
    pub fn connect_to(&self, target: &Target) -> (String, u16) {
        match self {
            Route::Direct => (target.host.clone(), target.port),
            Route::Proxy(proxy) => (proxy.host.clone(), proxy.port),
        }
    }
}

/// The proxy from `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` (either case) and `NO_PROXY`, the
/// way reqwest picks it for the HTTP layer and the live check.
pub fn proxy(target: &Target) -> (Layer, Route) {
    let started = Instant::now();
    let names: &[&str] = if target.https {
        &["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
    } else {
        &["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
    };
    let found = names.iter().find_map(|name| {
        std::env::var(name)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .map(|v| (*name, v))
    });
    let Some((var, value)) = found else {
        let layer = Layer::ok("proxy", "none: direct connection")
            .evidence("proxy", "none")
            .evidence("checked", names.join(", "));
        return (layer.took(started), Route::Direct);
    };
    let no_proxy = std::env::var("NO_PROXY")
        .or_else(|_| std::env::var("no_proxy"))
        .unwrap_or_default();
    if let Some(rule) = bypassed(&target.host, &no_proxy) {
        let layer = Layer::ok("proxy", format!("none: {} is in NO_PROXY ({rule}), so the connection is direct although {var} is set", target.host))
            .evidence("proxy_variable", var)
            .evidence("no_proxy_rule", rule);
        return (layer.took(started), Route::Direct);
    }
    let proxy = match parse_proxy(&value) {
        Ok(proxy) => proxy,
        Err(why) => {
            // reqwest would refuse the same value; treat it as a direct route but say so.
            let layer = Layer::new(
                "proxy",
                LayerStatus::Warning,
                format!("{var} is set but is not a usable proxy URL ({why}); ignored here"),
            )
            .advice(format!(
                "Set {var} to http://host:port (with user:password@ if the proxy needs it)."
            ));
            return (layer.took(started), Route::Direct);
        }
    };
    let layer = Layer::ok(
        "proxy",
        format!(
            "via {} ({var}); DNS and TCP below are to the proxy, which resolves {} itself",
            proxy.shown, target.host
        ),
    )
    .evidence("proxy", proxy.shown.clone())
    .evidence("proxy_variable", var)
    .evidence("authenticates", proxy.auth.is_some());
    (layer.took(started), Route::Proxy(proxy))
}

fn parse_proxy(value: &str) -> Result<Proxy, String> {
    let value = value.trim();
    let with_scheme = if value.contains("://") {
        value.to_string()
    } else {
        format!("http://{value}")
    };
    let url = url::Url::parse(&with_scheme).map_err(|e| e.to_string())?;
    let host = url
        .host_str()
        .ok_or("no host")?
        .trim_matches(['[', ']'])
        .to_string();
    let port = url.port_or_known_default().unwrap_or(8080);
    let auth = (!url.username().is_empty()).then(|| {
        let decode = |s: &str| {
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        };
        let (user, password) = (decode(url.username()), decode(url.password().unwrap_or("")));
        // The password is a secret like any other: never printed.
        crate::redact::register(&password);
        use base64::Engine as _;
        let pair = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        crate::redact::register(&pair);
        format!("Basic {pair}")
    });
    Ok(Proxy {
        shown: format!(
            "{}://{}:{port}",
            url.scheme(),
            url.host_str().unwrap_or(&host)
        ),
        scheme: url.scheme().to_string(),
        host,
        port,
        auth,
    })
}

/// The `NO_PROXY` entry that exempts `host`: `*`, the host itself, or a parent domain
/// (`example.com` and `.example.com` both cover `api.example.com`). Ports and CIDR ranges are
/// not interpreted.
fn bypassed(host: &str, no_proxy: &str) -> Option<String> {
    let host = host.to_ascii_lowercase();
    no_proxy
        .split(',')
        .map(|e| e.trim().to_ascii_lowercase())
        .filter(|e| !e.is_empty())
        .find(|entry| {
            let name = entry
                .split(':')
                .next()
                .unwrap_or(entry)
                .trim_start_matches("*.");
            let name = name.trim_start_matches('.');
            entry == "*" || host == name || host.ends_with(&format!(".{name}"))
        })
}

/// DNS: the host's addresses, from the system resolver.
pub async fn dns(host: &str, port: u16, timeout: Duration) -> (Layer, Option<Vec<SocketAddr>>) {
    let started = Instant::now();
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        let layer = Layer::ok("dns", format!("{host} is an IP address: no lookup needed"));
        return (layer.took(started), Some(vec![SocketAddr::new(ip, port)]));
    }
    match tokio::time::timeout(timeout, tokio::net::lookup_host((host, port))).await {
        Ok(Ok(addrs)) => {
            let addrs: Vec<SocketAddr> = addrs.collect();
            if addrs.is_empty() {
                return (
                    resolve_failed(host, "no address returned").took(started),
                    None,
                );
            }
            let shown: Vec<String> = addrs.iter().map(|a| a.ip().to_string()).collect();
            let layer = Layer::ok("dns", format!("{host} → {}", shown.join(", ")))
                .evidence("host", host)
                .evidence("addresses", shown);
            (layer.took(started), Some(addrs))
        }
        Ok(Err(err)) => (resolve_failed(host, &err.to_string()).took(started), None),
        Err(_) => {
            let layer = Layer::failed("dns", format!("no DNS answer for {host} within {}s", timeout.as_secs_f32()))
                .evidence("host", host)
                .advice("The resolver is slow or unreachable: check /etc/resolv.conf (or the system's DNS settings).");
            (layer.took(started), None)
        }
    }
}

fn resolve_failed(host: &str, error: &str) -> Layer {
    Layer::failed("dns", format!("{host} does not resolve ({error})"))
        .evidence("host", host)
        .evidence("error", error)
        .advice("Check the host name (`endpoint`, or the region/host fields it is built from) and this machine's DNS. On a network where only a proxy reaches the internet, set HTTPS_PROXY.")
}

/// TCP: the first address that accepts a connection, each tried within the time left.
pub async fn tcp(
    addrs: &[SocketAddr],
    route: &Route,
    timeout: Duration,
) -> (Layer, Option<TcpStream>) {
    let started = Instant::now();
    let whom = match route {
        Route::Direct => String::new(),
        Route::Proxy(proxy) => format!(" (the proxy {})", proxy.shown),
    };
    let mut attempts = Vec::new();
    for addr in addrs.iter().take(4) {
        let left = timeout.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        match tokio::time::timeout(left, TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => {
                let layer = Layer::ok("tcp", format!("connected to {addr}{whom}"))
                    .evidence("address", addr.to_string())
                    .evidence("failed_before", attempts.clone());
                return (layer.took(started), Some(stream));
            }
            Ok(Err(err)) => attempts.push(format!("{addr}: {err}")),
            Err(_) => attempts.push(format!(
                "{addr}: no answer within {:.1}s",
                left.as_secs_f32()
            )),
        }
    }
    let refused = attempts
        .iter()
        .any(|a: &String| a.to_ascii_lowercase().contains("refused"));
    let first = addrs.first().map(|a| a.to_string()).unwrap_or_default();
    let layer = if let Route::Proxy(proxy) = route {
        Layer::failed("tcp", format!("cannot connect to the proxy {} ({})", proxy.shown, if refused { "refused" } else { "no answer" }))
            .advice("Check the proxy's host and port in HTTPS_PROXY (or ALL_PROXY), or unset it if this network needs no proxy; NO_PROXY exempts hosts.")
    } else if refused {
        Layer::failed("tcp", format!("connection refused by {first}: nothing listens on that port"))
            .advice("Check the port in `endpoint` and that the service runs; a firewall that rejects (rather than drops) traffic looks the same.")
    } else {
        Layer::failed("tcp", format!("no TCP connection to {first} within {}s", timeout.as_secs_f32()))
            .advice("A firewall is probably dropping outbound traffic to this host and port; ask for it to be opened, or use the proxy your network requires (HTTPS_PROXY).")
    };
    (layer.evidence("attempts", attempts).took(started), None)
}

/// The proxy's `CONNECT host:port`: what the proxy says about reaching the provider.
pub async fn tunnel(
    mut stream: TcpStream,
    target: &Target,
    proxy: &Proxy,
    timeout: Duration,
) -> (Layer, Option<TcpStream>) {
    let started = Instant::now();
    if proxy.scheme != "http" {
        let layer = Layer::new(
            "tunnel",
            LayerStatus::Skipped,
            format!(
                "a {} proxy: the tunnel is not diagnosed here; the HTTP layer goes through it",
                proxy.scheme
            ),
        );
        return (layer.took(started), Some(stream));
    }
    let authority = target.authority();
    let mut request = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
    if let Some(auth) = &proxy.auth {
        request.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    request.push_str("\r\n");
    let exchange = async {
        stream.write_all(request.as_bytes()).await?;
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        // The proxy sends nothing after its header until we start TLS, so reading past the
        // blank line cannot swallow handshake bytes.
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
            let n = stream.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            head.extend_from_slice(&buf[..n]);
        }
        Ok::<_, std::io::Error>(String::from_utf8_lossy(&head).into_owned())
    };
    let head = match tokio::time::timeout(timeout, exchange).await {
        Ok(Ok(head)) => head,
        Ok(Err(err)) => {
            let layer = Layer::failed(
                "tunnel",
                format!(
                    "the proxy {} closed the connection during CONNECT ({err})",
                    proxy.shown
                ),
            )
            .advice("Check that HTTPS_PROXY names an HTTP proxy (not a SOCKS or PAC address).");
            return (layer.took(started), None);
        }
        Err(_) => {
            let layer = Layer::failed(
                "tunnel",
                format!(
                    "the proxy {} did not answer CONNECT {authority} within {}s",
                    proxy.shown,
                    timeout.as_secs_f32()
                ),
            )
            .advice("The proxy is overloaded or cannot reach the provider; ask the network team.");
            return (layer.took(started), None);
        }
    };
    let status_line = head.lines().next().unwrap_or("").trim().to_string();
    let code = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok());
    let layer = match code {
        Some(200..=299) => {
            return (
                Layer::ok(
                    "tunnel",
                    format!("the proxy opened a tunnel to {authority} ({status_line})"),
                )
                .evidence("proxy_answer", status_line)
                .took(started),
                Some(stream),
            );
        }
        Some(407) => Layer::failed(
            "tunnel",
            format!("the proxy wants authentication ({status_line})"),
        )
        .advice(
            "Put the proxy account in the variable: HTTPS_PROXY=http://user:password@proxy:port.",
        ),
        Some(403) => Layer::failed(
            "tunnel",
            format!("the proxy refuses to connect to {authority} ({status_line})"),
        )
        .advice(format!(
            "Ask the network team to allow {} through the proxy.",
            target.host
        )),
        _ => Layer::failed(
            "tunnel",
            format!("the proxy answered CONNECT {authority} with `{status_line}`"),
        )
        .advice("The proxy could not reach the provider; its answer above says why."),
    };
    (
        layer.evidence("proxy_answer", status_line).took(started),
        None,
    )
}

/// The server's `Date` as the HTTP layer measured it, for the clock layer.
#[derive(Debug, Clone)]
pub struct ServerTime {
    pub date: Option<SystemTime>,
    /// Local time halfway through the round trip: the moment the server most likely stamped.
    pub midpoint: SystemTime,
}

/// One `GET /` on the origin through the same client as the checks (same proxy, same roots).
/// Any HTTP answer passes: the point is that a request makes the round trip.
pub async fn http(
    client: &reqwest::Client,
    target: &Target,
    timeout: Duration,
) -> (Layer, Option<ServerTime>) {
    let started = Instant::now();
    let sent = SystemTime::now();
    let request = client.get(target.url.clone()).timeout(timeout).send();
    match request.await {
        Ok(response) => {
            let elapsed = started.elapsed();
            let status = response.status().as_u16();
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            let date = header("date");
            let server_time = ServerTime {
                date: date
                    .as_deref()
                    .and_then(|d| httpdate::parse_http_date(d).ok()),
                midpoint: sent + elapsed / 2,
            };
            let mut layer = Layer::ok(
                "http",
                format!(
                    "GET {} answered HTTP {status} in {} ms",
                    target.shown(),
                    elapsed.as_millis()
                ),
            )
            .evidence("http_status", status)
            .evidence("version", format!("{:?}", response.version()))
            .evidence("server", header("server"))
            .evidence("via", header("via"))
            .evidence("date", date);
            if status == 407 {
                layer.status = LayerStatus::Failed;
                layer.summary = "the proxy wants authentication (HTTP 407)".into();
                layer.advice = Some("Put the proxy account in the variable: HTTPS_PROXY=http://user:password@proxy:port.".into());
                return (layer.took(started), None);
            }
            (layer.took(started), Some(server_time))
        }
        Err(err) => {
            let chain = crate::check::http::error_chain(&err);
            let layer = if err.is_timeout() {
                Layer::failed("http", format!("no HTTP answer within {}s: the connection is open but the server (or a proxy) stalls", timeout.as_secs_f32()))
                    .advice("The provider or something in between accepts the connection and then hangs: try again later, raise --timeout, or look at the proxy or firewall (a TLS-inspecting device that stalls shows up exactly here).")
            } else {
                Layer::failed("http", format!("GET {} failed ({chain})", target.shown()))
                    .advice("The lower layers passed, so this is an HTTP-level failure: a proxy rewriting or dropping the request, or a server that closes connections.")
            };
            (layer.evidence("error", chain).took(started), None)
        }
    }
}

/// A clock off by more than [`MAX_SKEW`].
#[derive(Debug, Clone)]
pub struct Skew {
    /// Positive when this machine is ahead of the server.
    pub seconds: i64,
}

impl Skew {
    pub fn describe(&self) -> String {
        let minutes = self.seconds.unsigned_abs() as f64 / 60.0;
        let way = if self.seconds > 0 {
            "ahead of"
        } else {
            "behind"
        };
        format!("this machine's clock is {minutes:.0} min {way} the server's")
    }
}

/// The clock against the server's `Date` header (1 s resolution, so only large skews count).
pub fn clock(server_time: &ServerTime) -> (Layer, Option<Skew>) {
    let Some(server) = server_time.date else {
        return (
            Layer::new(
                "clock",
                LayerStatus::Skipped,
                "the server sent no Date header: skew not measured",
            ),
            None,
        );
    };
    let seconds = match server_time.midpoint.duration_since(server) {
        Ok(ahead) => ahead.as_secs() as i64,
        Err(behind) => -(behind.duration().as_secs() as i64),
    };
    let fmt = |t: SystemTime| httpdate::fmt_http_date(t);
    let layer = Layer::ok(
        "clock",
        format!("within {}s of the server's Date", seconds.abs()),
    )
    .evidence("skew_seconds", seconds)
    .evidence("server_date", fmt(server))
    .evidence("local_date", fmt(server_time.midpoint));
    if seconds.unsigned_abs() <= MAX_SKEW.as_secs() {
        return (layer, None);
    }
    let skew = Skew { seconds };
    let mut layer = layer;
    layer.status = LayerStatus::Warning;
    layer.summary = format!("{} ({seconds:+} s)", skew.describe());
    layer.advice = Some("Synchronise this machine's clock (timedatectl set-ntp true, or your NTP service): SigV4 (S3) and JWT (Apple, Google Cloud Storage) checks fail beyond a few minutes, and TLS certificates look expired or not yet valid.".into());
    (layer, Some(skew))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_proxy_matches_host_and_parent_domains() {
        assert!(bypassed("api.telegram.org", "localhost, .telegram.org").is_some());
        assert!(bypassed("api.telegram.org", "telegram.org").is_some());
        assert!(bypassed("api.telegram.org", "*").is_some());
        assert!(bypassed("api.telegram.org", "gram.org,example.com").is_none());
    }

    #[test]
    fn proxy_credentials_are_not_shown() {
        let proxy = parse_proxy("http://alice:s3cr3t-pass@proxy.corp:3128").unwrap();
        assert_eq!(proxy.shown, "http://proxy.corp:3128");
        assert!(proxy.auth.is_some());
    }

    #[test]
    fn skew_is_described_in_minutes() {
        let server = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let server_time = ServerTime {
            date: Some(server),
            midpoint: server + Duration::from_secs(20 * 60),
        };
        let (layer, skew) = clock(&server_time);
        assert_eq!(layer.status, LayerStatus::Warning);
        assert!(
            skew.unwrap().describe().contains("20 min ahead"),
            "{}",
            layer.summary
        );
    }
}
