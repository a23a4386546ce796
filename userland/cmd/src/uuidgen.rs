//! `uuidgen`: make a UUID (util-linux 2.38): random (version 4, the
//! default), time-based (version 1, from the system clock) or name-based
//! (version 3 with MD5, version 5 with SHA-1, RFC 4122).
//!
//! Random bits come from the kernel's entropy source, so a run booted with
//! `--seed` makes the same UUIDs. Time-based UUIDs carry a random node
//! with the multicast bit set, as RFC 4122 asks of a host with no MAC
//! address to give away.

use md5::{Digest, Md5};
use sha1::Sha1;

use common::cli::{Cmd, Opt, flag, value};

const HELP: &str = "
Usage:
 uuidgen [options]

Create a new UUID value.

Options:
 -r, --random        generate random-based uuid
 -t, --time          generate time-based uuid
 -n, --namespace ns  generate hash-based uuid in this namespace
                       available namespaces: @dns @url @oid @x500
 -N, --name name     generate hash-based uuid from this name
 -m, --md5           generate md5 hash
 -s, --sha1          generate sha1 hash
 -x, --hex           interpret name as hex string

 -h, --help          display this help
 -V, --version       display version
";

const SPEC: &[Opt] = &[
    flag("random", 'r'),
    flag("time", 't'),
    value("namespace", 'n'),
    value("name", 'N'),
    flag("md5", 'm'),
    flag("sha1", 's'),
    flag("hex", 'x'),
    flag("help", 'h'),
    flag("version", 'V'),
];

/// RFC 4122's well-known namespaces.
const NAMESPACES: [(&str, &str); 4] = [
    ("@dns", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
    ("@url", "6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
    ("@oid", "6ba7b812-9dad-11d1-80b4-00c04fd430c8"),
    ("@x500", "6ba7b814-9dad-11d1-80b4-00c04fd430c8"),
];

/// 100 ns intervals from the Gregorian reform (1582-10-15) to the epoch.
const GREGORIAN_OFFSET: u64 = 0x01B2_1DD2_1381_4000;

fn parse_uuid(s: &str) -> Option<[u8; 16]> {
    let groups: Vec<&str> = s.split('-').collect();
    if groups.iter().map(|g| g.len()).collect::<Vec<_>>() != [8, 4, 4, 4, 12] {
        return None;
    }
    parse_hex(&groups.concat())?.try_into().ok()
}

fn parse_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

fn format(u: &[u8; 16]) -> String {
    let hex: String = u.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Set the version nibble and the RFC 4122 variant bits.
fn stamp(mut u: [u8; 16], version: u8) -> [u8; 16] {
    u[6] = (u[6] & 0x0f) | (version << 4);
    u[8] = (u[8] & 0x3f) | 0x80;
    u
}

fn name_based(ns: &[u8; 16], name: &[u8], sha1: bool) -> [u8; 16] {
    let mut u = [0u8; 16];
    if sha1 {
        let d = Sha1::new().chain_update(ns).chain_update(name).finalize();
        u.copy_from_slice(&d[..16]);
        stamp(u, 5)
    } else {
        let d = Md5::new().chain_update(ns).chain_update(name).finalize();
        u.copy_from_slice(&d);
        stamp(u, 3)
    }
}

fn time_based(now_ns: u128, random: &[u8]) -> [u8; 16] {
    let t = (now_ns / 100) as u64 + GREGORIAN_OFFSET;
    let mut u = [0u8; 16];
    u[..4].copy_from_slice(&(t as u32).to_be_bytes());
    u[4..6].copy_from_slice(&((t >> 32) as u16).to_be_bytes());
    u[6..8].copy_from_slice(&((t >> 48) as u16 & 0x0fff).to_be_bytes());
    // Clock sequence and node: random, the node marked multicast.
    u[8..16].copy_from_slice(&random[..8]);
    u[10] |= 0x01;
    stamp(u, 1)
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.has("help") {
        return cmd.help(HELP).await;
    }
    if opts.has("version") {
        cmd.out.write_str("uuidgen from util-linux 2.38.1 (ninebox)\n").await;
        return cmd.finish(0).await;
    }
    if let Some(extra) = opts.operands.first() {
        let msg = format!("unexpected argument: {extra}");
        return cmd.usage_error(msg, 1).await;
    }
    let hashed = opts.has("md5") || opts.has("sha1");
    // util-linux's checks, in its order.
    let problem = match (opts.value("namespace"), opts.value("name")) {
        (Some(_), None) => Some("--namespace requires --name argument"),
        (Some(_), Some(_)) if !hashed => Some("--namespace requires --md5 or --sha1"),
        (None, Some(_)) => Some("--name requires --namespace argument"),
        (None, None) if hashed => Some("--md5 or --sha1 requires --namespace argument"),
        _ => None,
    };
    if let Some(msg) = problem {
        return cmd.usage_error(msg, 1).await;
    }
    let uuid = if let (Some(ns), Some(name)) = (opts.value("namespace"), opts.value("name")) {
        let known = NAMESPACES.iter().find(|(n, _)| *n == ns).map(|(_, u)| *u);
        let Some(ns_uuid) = parse_uuid(known.unwrap_or(ns)) else {
            return cmd.usage_error(format!("invalid uuid for namespace: '{ns}'"), 1).await;
        };
        let name_bytes = if opts.has("hex") {
            match parse_hex(name) {
                Some(b) => b,
                None => return cmd.usage_error("not a valid hex string", 1).await,
            }
        } else {
            common::bytes::to_bytes(name)
        };
        // The last of -m and -s given wins.
        let last = opts.list.iter().rev().find(|(o, _)| matches!(*o, "md5" | "sha1"));
        name_based(&ns_uuid, &name_bytes, last.is_some_and(|(o, _)| *o == "sha1"))
    } else {
        let random = cmd.p.random(16);
        if opts.has("time") && !opts.has("random") {
            time_based(cmd.p.now_ns(), &random)
        } else {
            stamp(random.try_into().unwrap_or([0; 16]), 4)
        }
    };
    cmd.out.write_str(&format!("{}\n", format(&uuid))).await;
    cmd.finish(0).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4122_name_based() {
        let dns = parse_uuid(NAMESPACES[0].1).unwrap();
        assert_eq!(
            format(&name_based(&dns, b"example.com", false)),
            "9073926b-929f-31c2-abc9-fad77ae3e8eb"
        );
        let url = parse_uuid(NAMESPACES[1].1).unwrap();
        assert_eq!(
            format(&name_based(&url, b"http://x", true)),
            "c059942f-567e-54eb-aeb5-5fd9830bce43"
        );
    }

    #[test]
    fn time_layout() {
        // 2024-01-01T00:00:00Z
        let u = time_based(1_704_067_200_000_000_000, &[0; 8]);
        let s = format(&u);
        assert_eq!(&s[14..15], "1", "version 1: {s}");
        assert!(matches!(&s[19..20], "8" | "9" | "a" | "b"), "variant: {s}");
        assert_eq!(s, "b4cc8000-a838-11ee-8000-010000000000");
    }
}
