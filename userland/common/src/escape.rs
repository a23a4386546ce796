//! Backslash escapes, as `$'...'`, `echo -e`, `printf` and `printf %b`
//! read them. Text is in the shell's byte representation (one char per
//! byte, see `sh::bytes`), so `\xff` is one byte.

/// Decode ANSI-C escapes (`$'...'`, `echo -e`, `printf %b`). With
/// `echo_style`, `\c` stops the output (reported by the flag) and octal
/// escapes take a leading 0 (`\0nnn`). Answers the text and whether `\c`
/// was seen.
pub fn decode(s: &str, echo_style: bool) -> (String, bool) {
    decode_with(s, echo_style, false)
}

/// `printf %b`: as `echo -e`, but `\nnn` is octal too (bash, coreutils).
pub fn decode_printf_b(s: &str) -> (String, bool) {
    decode_with(s, true, true)
}

fn decode_with(s: &str, echo_style: bool, bare_octal: bool) -> (String, bool) {
    let mut out = String::new();
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        i += 1;
        if c != '\\' || i >= cs.len() {
            out.push(c);
            continue;
        }
        let e = cs[i];
        i += 1;
        match e {
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'e' | 'E' => out.push('\x1b'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '\\' => out.push('\\'),
            '\'' if !echo_style => out.push('\''),
            '"' if !echo_style => out.push('"'),
            '?' if !echo_style => out.push('?'),
            'c' if echo_style => return (out, true),
            'c' if i < cs.len() => {
                out.push(((cs[i] as u32) & 0x1f) as u8 as char);
                i += 1;
            }
            '0'..='7' => {
                // echo: \0nnn (up to 3 digits after the 0); $'': \nnn.
                let mut v: u32 = 0;
                let mut n = 0;
                let (mut j, max) = if echo_style {
                    if e == '0' { (i, 3) } else { (i - 1, 3) }
                } else {
                    (i - 1, 3)
                };
                if echo_style && e != '0' && !bare_octal {
                    // Not an octal escape for echo: keep it as written.
                    out.push('\\');
                    out.push(e);
                    continue;
                }
                while n < max && j < cs.len() && ('0'..='7').contains(&cs[j]) {
                    v = v * 8 + (cs[j] as u32 - '0' as u32);
                    j += 1;
                    n += 1;
                }
                i = j;
                push_byte(&mut out, (v & 0xff) as u8);
            }
            'x' => {
                let mut v: u32 = 0;
                let mut n = 0;
                while n < 2 && i < cs.len() && cs[i].is_ascii_hexdigit() {
                    v = v * 16 + cs[i].to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if n == 0 {
                    out.push('\\');
                    out.push('x');
                } else {
                    push_byte(&mut out, v as u8);
                }
            }
            'u' | 'U' => {
                let max = if e == 'u' { 4 } else { 8 };
                let mut v: u32 = 0;
                let mut n = 0;
                while n < max && i < cs.len() && cs[i].is_ascii_hexdigit() {
                    v = v * 16 + cs[i].to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if n == 0 {
                    out.push('\\');
                    out.push(e);
                } else if v < 0x80 {
                    out.push(char::from(v as u8));
                } else if e == 'u' {
                    // The C locale has no such character: bash keeps the
                    // escape, with the digits in upper case.
                    out.push_str(&format!("\\u{v:04X}"));
                } else {
                    out.push_str(&format!("\\U{v:08X}"));
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    (out, false)
}

/// Push a byte as the shell's strings hold it (see `bytes.rs`).
fn push_byte(out: &mut String, b: u8) {
    out.push(char::from(b));
}

/// What `echo` prints for these arguments (shared with `/bin/echo`):
/// leading `-n`, `-e`, `-E` (combined too) are options; anything else
/// starts the words. Answers the text and whether `\c` cut it short.
pub fn echo_text(args: &[String]) -> (String, bool) {
    echo_text_with(args, false)
}

/// `echo_text` where escapes are decoded unless `-E` says otherwise (the
/// shell's `xpg_echo`).
pub fn echo_text_with(args: &[String], escapes_by_default: bool) -> (String, bool) {
    let mut newline = true;
    let mut escapes = escapes_by_default;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let Some(flags) = a.strip_prefix('-') else { break };
        if flags.is_empty() || !flags.chars().all(|c| matches!(c, 'n' | 'e' | 'E')) {
            break;
        }
        for c in flags.chars() {
            match c {
                'n' => newline = false,
                'e' => escapes = true,
                _ => escapes = false,
            }
        }
        i += 1;
    }
    let mut out = String::new();
    for (k, a) in args[i..].iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if escapes {
            let (s, stop) = decode(a, true);
            out.push_str(&s);
            if stop {
                return (out, true);
            }
        } else {
            out.push_str(a);
        }
    }
    if newline {
        out.push('\n');
    }
    (out, false)
}
