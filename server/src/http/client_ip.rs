//! The client's address (security review H1). Behind proxies of ours (the
//! configured `trusted_proxies`), it is the right-most `X-Forwarded-For`
//! entry that is not one of them: the address our own proxy saw. Entries to
//! its left are whatever the client chose to send, and never count. With no
//! trusted proxies, or from a peer that is not one, the header is ignored
//! and the socket's address is the client's.

use std::net::{IpAddr, SocketAddr};

use ipnet::IpNet;

/// One `X-Forwarded-For` entry as an address (`203.0.113.7`, `2001:db8::1`,
/// or with a port: `203.0.113.7:4711`, `[2001:db8::1]:4711`).
fn entry_ip(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

/// The client's address: `peer` (the socket's), unless it is a trusted
/// proxy; then the right-most entry of `forwarded_for` (every header value,
/// in order) that is not a trusted proxy. An entry that is not an address
/// ends the walk at the last address a trusted proxy vouched for.
pub fn client_ip<'a>(
    peer: IpAddr,
    forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    trusted: &[IpNet],
) -> IpAddr {
    let peer = peer.to_canonical();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut nearest = peer;
    for value in forwarded_for.rev() {
        for entry in value.rsplit(',') {
            match entry_ip(entry) {
                Some(ip) if is_trusted(&ip) => nearest = ip,
                Some(ip) => return ip,
                None => return nearest,
            }
        }
    }
    nearest
}

/// The client's address of a request that came from `peer`, its
/// `X-Forwarded-For` headers read as [`client_ip`] does.
pub fn of_request(peer: IpAddr, headers: &axum::http::HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok());
    client_ip(peer, forwarded, trusted)
}

/// The bucket an address counts in against the card-testing limits: an IPv4
/// address itself, an IPv6 address by its /64 (one subscriber's network: a
/// client picks any address inside it at will).
pub fn bucket(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => ipnet::Ipv6Net::new(v6, 64)
            .map_or_else(|_| v6.to_string(), |net| net.trunc().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_client_counts_by_its_64() {
        assert_eq!(bucket(ip("203.0.113.7")), "203.0.113.7");
        assert_eq!(bucket(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(
            bucket(ip("2001:db8:1:2:ffff::9")),
            bucket(ip("2001:db8:1:2::1"))
        );
        assert_ne!(bucket(ip("2001:db8:1:3::1")), bucket(ip("2001:db8:1:2::1")));
        assert_eq!(bucket(ip("::ffff:203.0.113.7")), "203.0.113.7");
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn nets(text: &str) -> Vec<IpNet> {
        crate::config::parse_trusted_proxies(text).expect("valid")
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let spoofed = ["198.51.100.1, 198.51.100.2"];
        assert_eq!(
            client_ip(ip("203.0.113.9"), spoofed.into_iter(), &[]),
            ip("203.0.113.9")
        );
        // A peer that is not ours cannot choose its address either.
        assert_eq!(
            client_ip(ip("203.0.113.9"), spoofed.into_iter(), &nets("10.0.0.0/8")),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn behind_our_proxies_the_right_most_untrusted_entry_is_the_client() {
        let trusted = nets("10.0.0.0/8, 127.0.0.1");
        // The client sent a made-up entry; our proxy appended what it saw.
        let header = ["198.51.100.77, 203.0.113.7"];
        assert_eq!(
            client_ip(ip("127.0.0.1"), header.into_iter(), &trusted),
            ip("203.0.113.7")
        );
        // Two proxies of ours, and the header split over two lines.
        let lines = ["198.51.100.77", "203.0.113.7, 10.1.2.3"];
        assert_eq!(
            client_ip(ip("10.9.9.9"), lines.into_iter(), &trusted),
            ip("203.0.113.7")
        );
        // Ports and IPv4-mapped peers.
        let ported = ["[2001:db8::5]:4711"];
        assert_eq!(
            client_ip(ip("::ffff:127.0.0.1"), ported.into_iter(), &trusted),
            ip("2001:db8::5")
        );
    }

    #[test]
    fn garbage_or_nothing_stops_at_the_last_address_we_vouch_for() {
        let trusted = nets("10.0.0.0/8");
        let header = ["not-an-address, 10.0.0.2"];
        assert_eq!(
            client_ip(ip("10.0.0.1"), header.into_iter(), &trusted),
            ip("10.0.0.2")
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), std::iter::empty(), &trusted),
            ip("10.0.0.1")
        );
    }
}
