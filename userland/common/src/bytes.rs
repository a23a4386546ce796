//! Shell strings are bytes.
//!
//! Under `LC_ALL=C` bash treats every string as bytes: `${#x}` of `é` is 2,
//! patterns match byte by byte, and any byte survives a variable. The shell
//! keeps that by holding one `char` per byte (the Latin-1 mapping: byte `b`
//! is `char` U+00bb). Text read from files, pipes and the script itself
//! comes in through [`from_bytes`]; what goes out to fds through
//! [`to_bytes`]. Names, argv and environment cross into the kernel as UTF-8
//! ([`to_os`], [`from_os`]); a name that is not valid UTF-8 is replaced
//! lossily there, the one place bytes cannot survive.

/// Bytes to a shell string.
pub fn from_bytes(b: &[u8]) -> String {
    if b.is_ascii() {
        // ASCII is valid UTF-8 and maps to itself.
        return String::from_utf8(b.to_vec()).unwrap_or_default();
    }
    b.iter().map(|&c| char::from(c)).collect()
}

/// A shell string to bytes. Characters above U+00FF (which only Rust-side
/// text can contain) are written as UTF-8.
pub fn to_bytes(s: &str) -> Vec<u8> {
    if s.is_ascii() {
        return s.as_bytes().to_vec();
    }
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        match u8::try_from(u32::from(c)) {
            Ok(b) => out.push(b),
            Err(_) => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out
}

/// A shell string to the UTF-8 text the kernel takes (names, argv, env).
pub fn to_os(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    String::from_utf8_lossy(&to_bytes(s)).into_owned()
}

/// UTF-8 text from the kernel (names, argv, env, messages) to a shell string.
pub fn from_os(s: &str) -> String {
    from_bytes(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip() {
        let all: Vec<u8> = (1..=255).collect();
        assert_eq!(to_bytes(&from_bytes(&all)), all);
        assert_eq!(from_os("é").chars().count(), 2, "UTF-8 text counts bytes");
        assert_eq!(to_os(&from_os("é.txt")), "é.txt");
    }
}
