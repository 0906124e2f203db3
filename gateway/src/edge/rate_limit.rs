//! Token-bucket rate limits on `POST /graphql` (governor's GCRA): one bucket per client
//! IP, checked before authentication by [`limit_by_ip`], and one per authenticated
//! subject, checked by the handler right after the token is validated (so the token is
//! validated once, and a subject cannot escape its limit by changing address).
//!
//! governor is used directly rather than through tower_governor because a key extractor
//! there sees only the raw request, and the subject is known only once the token has
//! been validated.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use constructos_infra::config::EdgeConfig;
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::refusal;
use crate::error_code::ErrorCode;

/// The header a trusted proxy puts the client's address in.
const FORWARDED_FOR: &str = "x-forwarded-for";

/// Forget idle buckets every this many checks, so keys cannot grow without bound.
const SWEEP_EVERY: u64 = 4096;

/// Both limiters and the proxies whose `X-Forwarded-For` is believed.
pub struct RateLimits {
    by_ip: DefaultKeyedRateLimiter<IpAddr>,
    by_subject: DefaultKeyedRateLimiter<String>,
    trusted_proxies: Vec<IpAddr>,
    checks: AtomicU64,
}

/// A refusal: HTTP 429 with `Retry-After` and a `RATE_LIMITED` error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyRequests {
    /// Whole seconds until the bucket holds a token again (at least 1).
    pub retry_after_secs: u64,
}

impl IntoResponse for TooManyRequests {
    fn into_response(self) -> Response {
        let mut response = refusal(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            "too many requests",
        );
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(self.retry_after_secs));
        response
    }
}

fn quota(per_sec: NonZeroU32, burst: NonZeroU32) -> Quota {
    Quota::per_second(per_sec).allow_burst(burst)
}

/// Rounds up to whole seconds, never below one: `Retry-After: 0` invites a hot loop.
fn whole_seconds(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

/// One bucket per IPv4 address, one per IPv6 /64 (a single host usually holds a whole
/// /64, so per-address keys would let it rotate through them).
fn bucket_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(prefix))
        }
        v4 => v4,
    }
}

impl RateLimits {
    /// Limiters with the configured rates and bursts.
    pub fn new(config: &EdgeConfig) -> Self {
        Self {
            by_ip: RateLimiter::keyed(quota(
                config.rate_limit_ip_per_sec,
                config.rate_limit_ip_burst,
            )),
            by_subject: RateLimiter::keyed(quota(
                config.rate_limit_subject_per_sec,
                config.rate_limit_subject_burst,
            )),
            trusted_proxies: config
                .trusted_proxies
                .iter()
                .map(|ip| ip.to_canonical())
                .collect(),
            checks: AtomicU64::new(0),
        }
    }

    /// The client's address: the socket peer, unless the peer is a trusted proxy; then
    /// the right-most `X-Forwarded-For` entry that is not itself a trusted proxy (entries
    /// left of it were written by the client and prove nothing).
    pub fn client_ip(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> IpAddr {
        let Some(peer) = peer.map(|p| p.to_canonical()) else {
            // Only when served without connect info (e.g. `oneshot` in a unit test).
            return IpAddr::from([0, 0, 0, 0]);
        };
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        let forwarded: Vec<&str> = headers
            .get_all(FORWARDED_FOR)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for entry in forwarded.iter().rev() {
            match entry.parse::<IpAddr>() {
                Ok(ip) => {
                    client = ip.to_canonical();
                    if !self.trusted_proxies.contains(&client) {
                        break;
                    }
                }
                // Garbage from the proxy chain: trust nothing further left.
                Err(_) => break,
            }
        }
        client
    }

    /// Takes a token from `ip`'s bucket.
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), TooManyRequests> {
        self.sweep();
        check(&self.by_ip, &bucket_key(ip))
    }

    /// Takes a token from `subject`'s bucket.
    pub fn check_subject(&self, subject: &str) -> Result<(), TooManyRequests> {
        self.sweep();
        check(&self.by_subject, &subject.to_string())
    }

    fn sweep(&self) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.by_ip.retain_recent();
            self.by_ip.shrink_to_fit();
            self.by_subject.retain_recent();
            self.by_subject.shrink_to_fit();
        }
    }
}

fn check<K>(limiter: &DefaultKeyedRateLimiter<K>, key: &K) -> Result<(), TooManyRequests>
where
    K: std::hash::Hash + Eq + Clone,
{
    limiter.check_key(key).map_err(|not_until| TooManyRequests {
        retry_after_secs: whole_seconds(not_until.wait_time_from(limiter.clock().now())),
    })
}

/// Middleware on `POST /graphql`: refuses a client IP whose bucket is empty, before the
/// token is validated or the body read.
pub async fn limit_by_ip(
    State(limits): State<Arc<RateLimits>>,
    request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let ip = limits.client_ip(peer, request.headers());
    match limits.check_ip(ip) {
        Ok(()) => next.run(request).await,
        Err(refused) => {
            tracing::info!(client_ip = %ip, "rate limited by client IP");
            refused.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(burst: u32, proxies: &[&str]) -> RateLimits {
        let mut config = EdgeConfig::from_env().expect("defaults");
        let burst = NonZeroU32::new(burst).expect("non-zero");
        config.rate_limit_ip_per_sec = NonZeroU32::MIN;
        config.rate_limit_ip_burst = burst;
        config.rate_limit_subject_per_sec = NonZeroU32::MIN;
        config.rate_limit_subject_burst = burst;
        config.trusted_proxies = proxies.iter().map(|p| p.parse().expect("ip")).collect();
        RateLimits::new(&config)
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn a_bucket_empties_after_its_burst_and_says_when_to_come_back() {
        let limits = limits(2, &[]);
        assert!(limits.check_subject("alice").is_ok());
        assert!(limits.check_subject("alice").is_ok());
        let refused = limits.check_subject("alice").expect_err("third is refused");
        assert_eq!(refused.retry_after_secs, 1);
        assert!(
            limits.check_subject("bob").is_ok(),
            "buckets are per subject"
        );
    }

    #[test]
    fn ipv6_hosts_share_a_bucket_per_64() {
        let limits = limits(1, &[]);
        assert!(limits.check_ip(ip("2001:db8:1:2::1")).is_ok());
        assert!(limits.check_ip(ip("2001:db8:1:2::ffff")).is_err());
        assert!(limits.check_ip(ip("2001:db8:1:3::1")).is_ok());
        assert!(limits.check_ip(ip("192.0.2.1")).is_ok());
        assert!(
            limits.check_ip(ip("::ffff:192.0.2.1")).is_err(),
            "mapped IPv4"
        );
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            FORWARDED_FOR,
            HeaderValue::from_static("203.0.113.9, 198.51.100.7, 10.0.0.2"),
        );
        let none = limits(1, &[]);
        assert_eq!(
            none.client_ip(Some(ip("10.0.0.1")), &headers),
            ip("10.0.0.1"),
            "off by default"
        );
        let trusting = limits(1, &["10.0.0.1", "10.0.0.2"]);
        assert_eq!(
            trusting.client_ip(Some(ip("10.0.0.1")), &headers),
            ip("198.51.100.7"),
            "right-most untrusted entry, not the client-written left-most"
        );
        assert_eq!(
            trusting.client_ip(Some(ip("192.0.2.50")), &headers),
            ip("192.0.2.50"),
            "an untrusted peer's header is ignored"
        );
        assert_eq!(
            trusting.client_ip(Some(ip("10.0.0.1")), &HeaderMap::new()),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn retry_after_rounds_up_to_at_least_a_second() {
        assert_eq!(whole_seconds(Duration::ZERO), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1001)), 2);
        assert_eq!(whole_seconds(Duration::from_secs(3)), 3);
    }
}
