//! The host's dial policy: which addresses a system may dial or announce
//! on. The host sets it (`--net none`, `--net allow=tcp!127.0.0.1!*`) as
//! a kernel grant; programs inside only read it, so nothing inside can
//! widen it. No grant at all means `none`.
//!
//! A pattern is a dial string whose fields may be `*` (any value), and a
//! `unix!` path may end in `*` (any path under that prefix); the pattern
//! `*` allows everything. Host names are compared as written, and a TCP
//! dial also passes if the address a name resolved to matches, so
//! `allow=tcp!127.0.0.1!*` lets `tcp!localhost!564` through but no name
//! can smuggle a dial past a numeric pattern.

use std::net::IpAddr;
use std::path::Path;

use kernel::{Errno, Error, Proc, Result};

use crate::dial::{self, Addr, Listener, Stream};

/// Which addresses are allowed; empty allows none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DialPolicy {
    allow: Vec<Pattern>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Pattern {
    Any,
    Unix(String),
    Tcp { host: String, port: Option<u16> },
}

impl DialPolicy {
    /// Nothing may be dialed.
    pub fn none() -> DialPolicy {
        DialPolicy::default()
    }

    /// Parse one `--net` value: `none`, or `allow=PAT[,PAT...]`.
    pub fn parse(spec: &str) -> std::result::Result<DialPolicy, String> {
        if spec == "none" {
            return Ok(DialPolicy::none());
        }
        let Some(list) = spec.strip_prefix("allow=") else {
            return Err(format!(
                "bad --net value '{spec}': expected 'none' or 'allow=ADDR[,ADDR...]'"
            ));
        };
        let allow = list
            .split(',')
            .map(Pattern::parse)
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(DialPolicy { allow })
    }

    /// This policy and `other`'s addresses too (for repeated `--net`).
    pub fn merge(mut self, other: DialPolicy) -> DialPolicy {
        self.allow.extend(other.allow);
        self
    }

    pub fn allows_nothing(&self) -> bool {
        self.allow.is_empty()
    }

    /// True if `addr` (as written) is allowed.
    pub fn allows(&self, addr: &Addr) -> bool {
        self.allow.iter().any(|p| p.matches(addr))
    }

    /// Ok if `addr` may be used: as written, or (TCP) as any of
    /// `resolved`. Otherwise `permission denied` naming the address.
    pub fn check(&self, addr: &Addr, resolved: &[IpAddr]) -> Result<()> {
        let via_ip = |ip: &IpAddr| {
            let Addr::Tcp { port, .. } = addr else { return false };
            self.allows(&Addr::Tcp {
                host: ip.to_string(),
                port: *port,
            })
        };
        if self.allows(addr) || resolved.iter().any(via_ip) {
            Ok(())
        } else {
            Err(denied(addr))
        }
    }
}

fn denied(addr: &Addr) -> Error {
    Error::with_detail(
        Errno::EACCES,
        format!("permission denied: {addr} (not allowed by --net)"),
    )
}

impl Pattern {
    fn parse(s: &str) -> std::result::Result<Pattern, String> {
        let bad = || format!("bad --net address '{s}': expected unix!PATH, tcp!HOST!PORT or '*' (fields may be '*')");
        if s == "*" {
            return Ok(Pattern::Any);
        }
        match s.split_once('!') {
            Some(("unix", p)) if !p.is_empty() => Ok(Pattern::Unix(p.to_string())),
            Some(("tcp", rest)) => {
                let (host, port) = rest.rsplit_once('!').ok_or_else(bad)?;
                if host.is_empty() || host.contains('!') {
                    return Err(bad());
                }
                let port = match port {
                    "*" => None,
                    p => Some(p.parse().map_err(|_| bad())?),
                };
                Ok(Pattern::Tcp {
                    host: host.to_ascii_lowercase(),
                    port,
                })
            }
            _ => Err(bad()),
        }
    }

    fn matches(&self, addr: &Addr) -> bool {
        match (self, addr) {
            (Pattern::Any, _) => true,
            (Pattern::Unix(pat), Addr::Unix(path)) => match pat.strip_suffix('*') {
                Some(prefix) => path
                    .to_str()
                    .is_some_and(|p| p.starts_with(prefix) && !p.contains("/../")),
                None => Path::new(pat) == path,
            },
            (Pattern::Tcp { host, port }, Addr::Tcp { host: h, port: p }) => {
                (host == "*" || *host == h.to_ascii_lowercase()) && port.is_none_or(|port| port == *p)
            }
            _ => false,
        }
    }
}

/// The policy granted to the system `p` runs in.
pub fn policy_of(p: &Proc) -> std::sync::Arc<DialPolicy> {
    p.kernel().grants.get::<DialPolicy>().unwrap_or_default()
}

/// Dial `addr` from inside the system, as its policy allows.
pub async fn dial(p: &Proc, addr: &Addr) -> Result<Stream> {
    let policy = policy_of(p);
    let resolved = resolve(&policy, addr).await?;
    policy.check(addr, &resolved)?;
    if let Addr::Tcp { port, .. } = addr {
        // Dial exactly an address that was checked, not whatever a second
        // lookup of the name answers.
        let allowed = resolved.into_iter().find(|ip| {
            policy.allows(addr)
                || policy.allows(&Addr::Tcp {
                    host: ip.to_string(),
                    port: *port,
                })
        });
        if let Some(ip) = allowed {
            return dial::connect(&Addr::Tcp {
                host: ip.to_string(),
                port: *port,
            })
            .await;
        }
    }
    dial::connect(addr).await
}

/// Announce on `addr` from inside the system, as its policy allows.
pub async fn announce(p: &Proc, addr: &Addr) -> Result<Listener> {
    let policy = policy_of(p);
    let resolved = resolve(&policy, addr).await?;
    policy.check(addr, &resolved)?;
    dial::listen(addr).await
}

/// The IP addresses a TCP host names, looked up only if some pattern
/// could match them (a policy of `none` makes no lookup at all).
async fn resolve(policy: &DialPolicy, addr: &Addr) -> Result<Vec<IpAddr>> {
    let Addr::Tcp { host, port } = addr else {
        return Ok(Vec::new());
    };
    if policy.allows_nothing() {
        return Err(denied(addr));
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(vec![ip]);
    }
    match tokio::net::lookup_host((host.as_str(), *port)).await {
        Ok(addrs) => Ok(addrs.map(|a| a.ip()).collect()),
        Err(_) if policy.allows(addr) => Ok(Vec::new()),
        Err(e) => Err(dial::host_error(&addr.to_string(), &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Addr {
        Addr::parse(s).unwrap()
    }

    #[test]
    fn none_allows_nothing() {
        let p = DialPolicy::parse("none").unwrap();
        let e = p.check(&a("tcp!127.0.0.1!564"), &[]).unwrap_err();
        assert!(e.is(Errno::EACCES));
        assert!(e.to_string().contains("tcp!127.0.0.1!564"), "{e}");
        assert!(e.to_string().starts_with("permission denied"), "{e}");
    }

    #[test]
    fn fields_may_be_wildcards() {
        let p = DialPolicy::parse("allow=tcp!127.0.0.1!*,tcp!*!564,unix!/run/x/*").unwrap();
        assert!(p.allows(&a("tcp!127.0.0.1!9")));
        assert!(p.allows(&a("tcp!10.0.0.1!564")));
        assert!(!p.allows(&a("tcp!10.0.0.1!565")));
        assert!(p.allows(&a("unix!/run/x/sock")));
        assert!(!p.allows(&a("unix!/run/x/../y")));
        assert!(!p.allows(&a("unix!/run/y")));
        assert!(DialPolicy::parse("allow=*").unwrap().allows(&a("unix!/any")));
    }

    #[test]
    fn a_name_passes_a_numeric_pattern_only_through_its_address() {
        let p = DialPolicy::parse("allow=tcp!127.0.0.1!*").unwrap();
        let name = a("tcp!localhost!564");
        assert!(p.check(&name, &["127.0.0.1".parse().unwrap()]).is_ok());
        assert!(p.check(&name, &["10.1.1.1".parse().unwrap()]).is_err());
    }

    #[test]
    fn bad_values_are_refused() {
        for s in ["", "all", "allow=", "allow=tcp!h", "allow=udp!h!1", "allow=tcp!h!x"] {
            assert!(DialPolicy::parse(s).is_err(), "{s}");
        }
    }
}
