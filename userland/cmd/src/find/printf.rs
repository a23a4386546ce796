//! `-printf` formats: parsed once into segments, rendered per file by
//! [`super::Find::render`].

/// What a `%` directive shows.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Path,
    Base,
    Dir,
    Start,
    Relative,
    Depth,
    Size,
    Blocks512,
    Blocks1k,
    ModeOctal,
    ModeText,
    Type,
    Links,
    Inode,
    Device,
    FsType,
    LinkTarget,
    User,
    Uid,
    Group,
    Gid,
    Sparseness,
    Context,
    /// A time: which one (`a`, `c`, `t`) and the `%Xk` letter, if any.
    Time(u8, Option<u8>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Lit(Vec<u8>),
    /// `\c`: stop here.
    Stop,
    /// A directive with its printf flags, width and precision (`-10.3`).
    Dir(String, Field),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Format {
    pub segs: Vec<Seg>,
}

impl Format {
    /// Parse a format; the warnings are GNU's for unknown escapes and
    /// directives (which print as they are). `Err` is GNU's fatal error
    /// for a directive cut off by the end of the format.
    pub fn parse(text: &str) -> Result<(Format, Vec<String>), String> {
        let b = text.as_bytes();
        let mut segs = Vec::new();
        let mut lit = Vec::new();
        let mut warnings = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' if i + 1 == b.len() => {
                    warnings.push("escape `\\' followed by nothing at all".into());
                    lit.push(b'\\');
                    i += 1;
                }
                b'\\' => {
                    let c = b[i + 1];
                    i += 2;
                    match c {
                        b'a' => lit.push(7),
                        b'b' => lit.push(8),
                        b'f' => lit.push(12),
                        b'n' => lit.push(b'\n'),
                        b'r' => lit.push(b'\r'),
                        b't' => lit.push(b'\t'),
                        b'v' => lit.push(11),
                        b'\\' => lit.push(b'\\'),
                        b'c' => {
                            flush(&mut segs, &mut lit);
                            segs.push(Seg::Stop);
                        }
                        b'0'..=b'7' => {
                            let mut n = u32::from(c - b'0');
                            let mut k = 1;
                            while k < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                                n = n * 8 + u32::from(b[i] - b'0');
                                i += 1;
                                k += 1;
                            }
                            lit.push(n as u8);
                        }
                        _ => {
                            warnings.push(format!("unrecognized escape `\\{}'", c as char));
                            lit.push(b'\\');
                            lit.push(c);
                        }
                    }
                }
                b'%' => {
                    let start = i;
                    i += 1;
                    if i < b.len() && b[i] == b'%' {
                        lit.push(b'%');
                        i += 1;
                        continue;
                    }
                    if i == b.len() {
                        return Err("error: % at end of format string".into());
                    }
                    let spec_start = i;
                    while i < b.len() && b"-+ #0".contains(&b[i]) {
                        i += 1;
                    }
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    if i < b.len() && b[i] == b'.' {
                        i += 1;
                        while i < b.len() && b[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                    let spec = String::from_utf8_lossy(&b[spec_start..i]).into_owned();
                    let Some(&c) = b.get(i) else {
                        // GNU prints the (NUL) byte it found there.
                        return Err("error: the format directive `%\0' is reserved for future use".into());
                    };
                    i += 1;
                    let field = match c {
                        b'p' => Some(Field::Path),
                        b'f' => Some(Field::Base),
                        b'h' => Some(Field::Dir),
                        b'H' => Some(Field::Start),
                        b'P' => Some(Field::Relative),
                        b'd' => Some(Field::Depth),
                        b's' => Some(Field::Size),
                        b'b' => Some(Field::Blocks512),
                        b'k' => Some(Field::Blocks1k),
                        b'm' => Some(Field::ModeOctal),
                        b'M' => Some(Field::ModeText),
                        b'y' | b'Y' => Some(Field::Type),
                        b'n' => Some(Field::Links),
                        b'i' => Some(Field::Inode),
                        b'D' => Some(Field::Device),
                        b'F' => Some(Field::FsType),
                        b'l' => Some(Field::LinkTarget),
                        b'u' => Some(Field::User),
                        b'U' => Some(Field::Uid),
                        b'g' => Some(Field::Group),
                        b'G' => Some(Field::Gid),
                        b'S' => Some(Field::Sparseness),
                        b'Z' => Some(Field::Context),
                        b'a' | b'c' | b't' => Some(Field::Time(c, None)),
                        b'A' | b'C' | b'T' if i < b.len() => {
                            let k = b[i];
                            i += 1;
                            let which = match c {
                                b'A' => b'a',
                                b'C' => b'c',
                                _ => b't',
                            };
                            Some(Field::Time(which, Some(k)))
                        }
                        _ => None,
                    };
                    match field {
                        Some(f) => {
                            flush(&mut segs, &mut lit);
                            segs.push(Seg::Dir(spec, f));
                        }
                        None => {
                            warnings.push(format!("unrecognized format directive `%{}'", c as char));
                            lit.extend_from_slice(&b[start..i]);
                        }
                    }
                }
                c => {
                    lit.push(c);
                    i += 1;
                }
            }
        }
        flush(&mut segs, &mut lit);
        Ok((Format { segs }, warnings))
    }

    pub fn needs_mounts(&self) -> bool {
        self.segs.iter().any(|s| matches!(s, Seg::Dir(_, Field::Device)))
    }

    pub fn needs_users(&self) -> bool {
        self.segs
            .iter()
            .any(|s| matches!(s, Seg::Dir(_, Field::User | Field::Group)))
    }
}

fn flush(segs: &mut Vec<Seg>, lit: &mut Vec<u8>) {
    if !lit.is_empty() {
        segs.push(Seg::Lit(std::mem::take(lit)));
    }
}

/// printf's flags, width and precision.
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
}

fn spec(s: &str) -> Spec {
    let b = s.as_bytes();
    let mut sp = Spec {
        left: false,
        plus: false,
        space: false,
        alt: false,
        zero: false,
        width: 0,
        precision: None,
    };
    let mut i = 0;
    while i < b.len() && b"-+ #0".contains(&b[i]) {
        match b[i] {
            b'-' => sp.left = true,
            b'+' => sp.plus = true,
            b' ' => sp.space = true,
            b'#' => sp.alt = true,
            _ => sp.zero = true,
        }
        i += 1;
    }
    let rest = &s[i..];
    let (w, p) = match rest.split_once('.') {
        Some((w, p)) => (w, Some(p.parse().unwrap_or(0))),
        None => (rest, None),
    };
    sp.width = w.parse().unwrap_or(0);
    sp.precision = p;
    sp
}

fn pad(body: String, sp: &Spec, zero_ok: bool) -> String {
    let len = body.len();
    if len >= sp.width {
        return body;
    }
    let fill = sp.width - len;
    if sp.left {
        format!("{body}{}", " ".repeat(fill))
    } else if sp.zero && zero_ok {
        // Zeros go after a sign or a base prefix.
        let split = body
            .find(|c: char| c.is_ascii_digit() && !body.starts_with("0x"))
            .unwrap_or(0);
        let (head, tail) = body.split_at(split);
        format!("{head}{}{tail}", "0".repeat(fill))
    } else {
        format!("{}{body}", " ".repeat(fill))
    }
}

/// `%s` with the directive's width and precision.
pub fn text(s: &str, flags: &str) -> String {
    let sp = spec(flags);
    let body = match sp.precision {
        Some(p) if p < s.len() => {
            let mut end = p;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            s[..end].to_string()
        }
        _ => s.to_string(),
    };
    pad(body, &sp, false)
}

/// `%d`.
pub fn decimal(n: i64, flags: &str) -> String {
    let sp = spec(flags);
    let sign = if n < 0 {
        "-"
    } else if sp.plus {
        "+"
    } else if sp.space {
        " "
    } else {
        ""
    };
    let mut digits = n.unsigned_abs().to_string();
    if let Some(p) = sp.precision
        && digits.len() < p
    {
        digits = format!("{}{digits}", "0".repeat(p - digits.len()));
    }
    pad(format!("{sign}{digits}"), &sp, sp.precision.is_none())
}

/// `%o` (`%#o` adds a leading 0).
pub fn octal(n: u32, flags: &str) -> String {
    let sp = spec(flags);
    let mut digits = format!("{n:o}");
    if sp.alt && !digits.starts_with('0') {
        digits.insert(0, '0');
    }
    pad(digits, &sp, sp.precision.is_none())
}

/// `%g`: six significant digits, trailing zeros dropped.
pub fn general(v: f64, flags: &str) -> String {
    let sp = spec(flags);
    let prec = sp.precision.unwrap_or(6).max(1);
    let body = if v == 0.0 {
        "0".to_string()
    } else {
        let exp = v.abs().log10().floor() as i32;
        if exp < -4 || exp >= prec as i32 {
            let s = format!("{:.*e}", prec - 1, v);
            let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
            let mant = trim_zeros(mant);
            let e: i32 = e.parse().unwrap_or(0);
            format!("{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
        } else {
            let decimals = (prec as i32 - 1 - exp).max(0) as usize;
            trim_zeros(&format!("{v:.decimals$}")).to_string()
        }
    };
    let body = if sp.plus && v >= 0.0 { format!("+{body}") } else { body };
    pad(body, &sp, true)
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing() {
        let (f, w) = Format::parse("%p\\n%-5f%%\\101%z\\q").unwrap();
        assert_eq!(
            f.segs,
            [
                Seg::Dir(String::new(), Field::Path),
                Seg::Lit(b"\n".to_vec()),
                Seg::Dir("-5".into(), Field::Base),
                Seg::Lit(b"%A%z\\q".to_vec()),
            ]
        );
        assert_eq!(w, ["unrecognized format directive `%z'", "unrecognized escape `\\q'"]);
        let (f, _) = Format::parse("%TY%A@a\\cb").unwrap();
        assert!(Format::parse("a%").is_err());
        assert!(Format::parse("a%5").is_err());
        assert_eq!(Format::parse("a\\").unwrap().0.segs, [Seg::Lit(b"a\\".to_vec())]);
        assert_eq!(f.segs[0], Seg::Dir(String::new(), Field::Time(b't', Some(b'Y'))));
        assert_eq!(f.segs[1], Seg::Dir(String::new(), Field::Time(b'a', Some(b'@'))));
        assert_eq!(f.segs[3], Seg::Stop);
    }

    #[test]
    fn printf_conversions() {
        assert_eq!(text("abc", "-5"), "abc  ");
        assert_eq!(text("abc", "5"), "  abc");
        assert_eq!(text("abc", ".1"), "a");
        assert_eq!(text("4096", "05"), " 4096");
        assert_eq!(decimal(0, "+"), "+0");
        assert_eq!(decimal(3, "03"), "003");
        assert_eq!(octal(0o644, "#"), "0644");
        assert_eq!(octal(0o644, "05"), "00644");
        assert_eq!(general(819.2, ""), "819.2");
        assert_eq!(general(1.0, ""), "1");
        assert_eq!(general(0.5, ""), "0.5");
        assert_eq!(general(2048000.0, ""), "2.048e+06");
        assert_eq!(general(0.00001, ""), "1e-05");
    }
}
