//! `file`: say what kind of data a file holds (file 5.44's wording).
//!
//! A small magic table of the formats people meet (ELF, WebAssembly,
//! gzip, xz, bzip2, zip, tar, PNG, JPEG, GIF, PDF), then `#!` scripts,
//! JSON, and text by encoding and line ends, as file(1) reports them. The
//! first MiB is looked at, as file's default `bytes` parameter says.

use kernel::{NodeType, OpenFlags};

use common::cli::{Arg, Cmd, Opt, flag, long, value};
use common::zone::Zone;

const HELP: &str = "Usage: file [OPTION...] [FILE...]
Determine type of FILEs.

  -b, --brief                do not prepend filenames to output lines
  -E                         on filesystem errors (nonexistent files, etc.),
                               issue an error message and exit
  -f, --files-from FILE      read the filenames to be examined from FILE
  -F, --separator STRING     use string as separator instead of `:'
  -i, --mime                 output MIME type strings (--mime-type and
                               --mime-encoding)
      --mime-type            output the MIME type
      --mime-encoding        output the MIME encoding
  -L, --dereference          follow symlinks
  -h, --no-dereference       don't follow symlinks
  -N, --no-pad               do not pad output
  -0, --print0               terminate filenames with ASCII NUL
      --help                 display this help and exit
  -v, --version              output version information and exit

Known formats: ELF, WebAssembly, gzip, xz, bzip2, zip, tar, PNG, JPEG,
GIF, PDF, #! scripts, JSON, and text (ASCII, UTF-8, ISO-8859) with its
line terminators. There are no symbolic links here, so -L and -h agree.
";

const SPEC: &[Opt] = &[
    flag("brief", 'b'),
    Opt {
        long: "exit-on-error",
        short: Some('E'),
        arg: Arg::No,
    },
    value("files-from", 'f'),
    value("separator", 'F'),
    flag("mime", 'i'),
    long("mime-type", Arg::No),
    long("mime-encoding", Arg::No),
    flag("dereference", 'L'),
    flag("no-dereference", 'h'),
    flag("no-pad", 'N'),
    flag("print0", '0'),
];

const LOOK: usize = 1 << 20;

/// What a file is: file's words, its MIME type and its encoding.
struct Kind {
    text: String,
    mime: &'static str,
    charset: &'static str,
}

fn kind(text: impl Into<String>, mime: &'static str) -> Kind {
    Kind {
        text: text.into(),
        mime,
        charset: "binary",
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Show {
    Words,
    Mime,
    MimeType,
    MimeEncoding,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let show = if opts.has("mime") {
        Show::Mime
    } else if opts.has("mime-type") {
        Show::MimeType
    } else if opts.has("mime-encoding") {
        Show::MimeEncoding
    } else {
        Show::Words
    };
    let mut names = opts.operands.clone();
    if let Some(list) = opts.value("files-from") {
        match cmd.p.read_file(list).await {
            Ok(data) => names.extend(String::from_utf8_lossy(&data).lines().map(str::to_string)),
            Err(e) => {
                cmd.error(format!("Cannot open `{list}' ({})", e.strerror())).await;
                return 1;
            }
        }
    }
    if names.is_empty() {
        let _ = cmd
            .p
            .write(2, b"Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]\n            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]\n            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]\n            <file> ...\n       file -C [-m <magicfiles>]\n       file [--help]\n")
            .await;
        return 1;
    }
    let sep = opts.value("separator").unwrap_or(":").to_string();
    let brief = opts.has("brief");
    let pad = !opts.has("no-pad") && !opts.has("print0");
    let width = names.iter().map(|n| n.len() + sep.len()).max().unwrap_or(0);
    let zone = Zone::of(&cmd.p);
    for name in &names {
        let k = match identify(&cmd, name, &zone).await {
            Ok(k) => k,
            Err(e) => {
                if opts.has("exit-on-error") {
                    cmd.error(format!("cannot open `{name}' ({})", e.strerror())).await;
                    return cmd.finish(1).await;
                }
                // file reports a missing file as its type, status 0.
                Kind {
                    text: format!("cannot open `{name}' ({})", e.strerror()),
                    mime: "",
                    charset: "",
                }
            }
        };
        let body = match show {
            _ if k.mime.is_empty() => k.text,
            Show::Words => k.text,
            Show::Mime => format!("{}; charset={}", k.mime, k.charset),
            Show::MimeType => k.mime.to_string(),
            Show::MimeEncoding => k.charset.to_string(),
        };
        let line = if brief {
            format!("{body}\n")
        } else if opts.has("print0") {
            format!("{name}\0 {body}\n")
        } else {
            let head = format!("{name}{sep}");
            let w = if pad { width } else { 0 };
            format!("{head:<w$} {body}\n")
        };
        cmd.out.write_str(&line).await;
    }
    cmd.finish(0).await
}

async fn identify(cmd: &Cmd, name: &str, zone: &Zone) -> kernel::Result<Kind> {
    let st = cmd.p.stat(name).await?;
    match st.kind {
        NodeType::Dir => return Ok(kind("directory", "inode/directory")),
        NodeType::File => {}
        _ => return Ok(kind("character special", "inode/chardevice")),
    }
    if st.size == 0 {
        return Ok(kind("empty", "inode/x-empty"));
    }
    let fd = cmd.p.open(name, OpenFlags::READ).await?;
    let mut data = Vec::new();
    while data.len() < LOOK {
        match cmd.p.read(fd, LOOK - data.len()).await {
            Ok(d) if d.is_empty() => break,
            Ok(d) => data.extend_from_slice(&d),
            Err(e) => {
                let _ = cmd.p.close(fd).await;
                return Err(e);
            }
        }
    }
    let _ = cmd.p.close(fd).await;
    if data.is_empty() {
        return Ok(kind("empty", "inode/x-empty"));
    }
    // The gzip trailer holds the size: read it from the real end.
    let tail = if data.starts_with(&[0x1f, 0x8b]) && st.size > data.len() as u64 {
        read_tail(cmd, name, st.size).await
    } else {
        data[data.len().saturating_sub(4)..].to_vec()
    };
    Ok(magic(&data, &tail, zone).unwrap_or_else(|| text(&data)))
}

async fn read_tail(cmd: &Cmd, name: &str, size: u64) -> Vec<u8> {
    let Ok(fd) = cmd.p.open(name, OpenFlags::READ).await else {
        return Vec::new();
    };
    let _ = cmd.p.seek(fd, kernel::SeekFrom::Start(size - 4)).await;
    let tail = cmd.p.read(fd, 4).await.unwrap_or_default();
    let _ = cmd.p.close(fd).await;
    tail
}

fn u16le(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 2).map_or(0, |s| u16::from_le_bytes([s[0], s[1]]) as u32)
}

fn u32le(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u32be(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

/// The formats recognised by their first bytes.
fn magic(b: &[u8], tail: &[u8], zone: &Zone) -> Option<Kind> {
    if b.starts_with(b"\x7fELF") {
        return Some(elf(b));
    }
    if b.starts_with(b"\0asm") {
        return Some(kind(
            format!(
                "WebAssembly (wasm) binary module version {:#x}{}",
                u32le(b, 4),
                if u32le(b, 4) == 1 { " (MVP)" } else { "" }
            ),
            "application/wasm",
        ));
    }
    if b.starts_with(&[0x1f, 0x8b]) {
        return Some(gzip(b, tail, zone));
    }
    if b.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
        let check = match b.get(7).map(|f| f & 0x0f) {
            Some(0) => "none",
            Some(1) => "CRC32",
            Some(4) => "CRC64",
            Some(10) => "SHA-256",
            _ => "unknown",
        };
        return Some(kind(
            format!("XZ compressed data, checksum {check}"),
            "application/x-xz",
        ));
    }
    if b.starts_with(b"BZh") && b.get(3).is_some_and(|c| (b'1'..=b'9').contains(c)) {
        let size = (b[3] - b'0') as u32 * 100;
        return Some(kind(
            format!("bzip2 compressed data, block size = {size}k"),
            "application/x-bzip2",
        ));
    }
    if b.starts_with(b"PK\x03\x04") {
        let need = u16le(b, 4);
        let method = match u16le(b, 8) {
            0 => "store".to_string(),
            8 => "deflate".to_string(),
            12 => "bzip2".to_string(),
            14 => "lzma".to_string(),
            m => format!("{m}"),
        };
        return Some(kind(
            format!(
                "Zip archive data, at least v{}.{} to extract, compression method={method}",
                need / 10,
                need % 10
            ),
            "application/zip",
        ));
    }
    if b.len() >= 263 && &b[257..263] == b"ustar\0" {
        return Some(kind("POSIX tar archive", "application/x-tar"));
    }
    if b.len() >= 265 && &b[257..265] == b"ustar  \0" {
        return Some(kind("POSIX tar archive (GNU)", "application/x-tar"));
    }
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(png(b));
    }
    if b.starts_with(&[0xff, 0xd8, 0xff]) {
        let mut t = "JPEG image data".to_string();
        if b.get(6..11) == Some(b"JFIF\0") {
            t.push_str(&format!(
                ", JFIF standard {}.{:02}",
                b.get(11).copied().unwrap_or(1),
                b.get(12).copied().unwrap_or(0)
            ));
        }
        return Some(kind(t, "image/jpeg"));
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        let version = String::from_utf8_lossy(&b[3..6]).into_owned();
        return Some(kind(
            format!("GIF image data, version {version}, {} x {}", u16le(b, 6), u16le(b, 8)),
            "image/gif",
        ));
    }
    if let Some(rest) = b.strip_prefix(b"%PDF-") {
        let v: String = rest
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == b'.')
            .map(|&c| c as char)
            .collect();
        return Some(kind(format!("PDF document, version {v}"), "application/pdf"));
    }
    None
}

fn elf(b: &[u8]) -> Kind {
    let bits = match b.get(4) {
        Some(2) => "64-bit",
        _ => "32-bit",
    };
    let big = b.get(5) == Some(&2);
    let half = |at: usize| -> u32 {
        let s = b.get(at..at + 2).unwrap_or(&[0, 0]);
        if big {
            u16::from_be_bytes([s[0], s[1]]) as u32
        } else {
            u16::from_le_bytes([s[0], s[1]]) as u32
        }
    };
    let (what, mime) = match half(16) {
        1 => ("relocatable", "application/x-object"),
        2 => ("executable", "application/x-executable"),
        3 => ("shared object", "application/x-sharedlib"),
        4 => ("core file", "application/x-coredump"),
        _ => ("unknown type", "application/octet-stream"),
    };
    let machine = match half(18) {
        0x03 => "Intel 80386",
        0x08 => "MIPS",
        0x14 => "PowerPC",
        0x15 => "64-bit PowerPC",
        0x28 => "ARM",
        0x3e => "x86-64",
        0xb7 => "ARM aarch64",
        0xf3 => "UCB RISC-V",
        _ => "unknown arch",
    };
    let abi = match b.get(7) {
        Some(3) => "GNU/Linux",
        Some(9) => "FreeBSD",
        _ => "SYSV",
    };
    let version = if b.len() >= 24 && u32le(b, 20) == 1 {
        "version 1 "
    } else {
        ""
    };
    let order = if big { "MSB" } else { "LSB" };
    kind(format!("ELF {bits} {order} {what}, {machine}, {version}({abi})"), mime)
}

fn gzip(b: &[u8], tail: &[u8], zone: &Zone) -> Kind {
    let flags = b.get(3).copied().unwrap_or(0);
    let mut t = "gzip compressed data".to_string();
    if flags & 0x08 != 0 {
        // The name follows the header (and the extra field, if any).
        let mut at = 10;
        if flags & 0x04 != 0 {
            at += 2 + u16le(b, 10) as usize;
        }
        if let Some(rest) = b.get(at..) {
            let end = rest.iter().position(|&c| c == 0).unwrap_or(rest.len());
            t.push_str(&format!(", was \"{}\"", String::from_utf8_lossy(&rest[..end])));
        }
    }
    let mtime = u32le(b, 4);
    if mtime != 0 {
        let when = common::time::format_in("%a %b %e %H:%M:%S %Y", mtime as i64, 0, zone);
        t.push_str(&format!(", last modified: {when}"));
    }
    match b.get(8) {
        Some(2) => t.push_str(", max compression"),
        Some(4) => t.push_str(", max speed"),
        _ => {}
    }
    let os = match b.get(9) {
        Some(0) => Some("FAT filesystem (MS-DOS, OS/2, NT)"),
        Some(3) => Some("Unix"),
        Some(7) => Some("Macintosh"),
        Some(11) => Some("NTFS filesystem (NT)"),
        _ => None,
    };
    if let Some(os) = os {
        t.push_str(&format!(", from {os}"));
    }
    if tail.len() == 4 {
        t.push_str(&format!(", original size modulo 2^32 {}", u32le(tail, 0)));
    }
    kind(t, "application/gzip")
}

fn png(b: &[u8]) -> Kind {
    let mut t = "PNG image data".to_string();
    if b.get(12..16) == Some(b"IHDR") {
        let depth = b.get(24).copied().unwrap_or(8);
        let color = match b.get(25) {
            Some(0) => "grayscale",
            Some(2) => "/color RGB",
            Some(3) => "colormap",
            Some(4) => "gray+alpha",
            _ => "/color RGBA",
        };
        let sep = if color.starts_with('/') { "" } else { " " };
        let interlace = if b.get(28) == Some(&1) {
            "interlaced"
        } else {
            "non-interlaced"
        };
        t.push_str(&format!(
            ", {} x {}, {depth}-bit{sep}{color}, {interlace}",
            u32be(b, 16),
            u32be(b, 20)
        ));
    }
    kind(t, "image/png")
}

/// Text by encoding, or `data`.
fn text(b: &[u8]) -> Kind {
    let texty = |c: u8| matches!(c, 0x07..=0x0d | 0x1b | 0x20..=0x7e);
    let (encoding, mime_cs) = if b.iter().all(|&c| texty(c)) {
        ("ASCII", "us-ascii")
    } else if std::str::from_utf8(b).is_ok() && b.iter().all(|&c| c >= 0x80 || texty(c)) {
        if b.starts_with(b"\xef\xbb\xbf") {
            ("Unicode text, UTF-8 (with BOM)", "utf-8")
        } else {
            ("Unicode text, UTF-8", "utf-8")
        }
    } else if b.iter().all(|&c| c >= 0xa0 || texty(c)) {
        ("ISO-8859", "iso-8859-1")
    } else {
        return kind("data", "application/octet-stream");
    };
    let charset = mime_cs;
    // What the text is: a script, JSON, or plain.
    let (what, mime) = if let Some(line) = b.strip_prefix(b"#!") {
        let line = &line[..line.iter().position(|&c| c == b'\n').unwrap_or(line.len())];
        let words: Vec<&str> = std::str::from_utf8(line).unwrap_or("").split_whitespace().collect();
        let mut interp = words.first().map(|w| w.rsplit('/').next().unwrap_or(w)).unwrap_or("");
        if interp == "env" {
            interp = words.get(1).copied().unwrap_or("");
        }
        let (name, mime) = match interp.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.') {
            "sh" | "dash" | "ash" => ("POSIX shell script".to_string(), "text/x-shellscript"),
            "bash" => ("Bourne-Again shell script".to_string(), "text/x-shellscript"),
            "zsh" => ("Paul Falstad's zsh script".to_string(), "text/x-shellscript"),
            "python" => ("Python script".to_string(), "text/x-script.python"),
            "perl" => ("Perl script text".to_string(), "text/x-perl"),
            "awk" | "gawk" | "mawk" => ("awk or perl script".to_string(), "text/x-awk"),
            "node" => ("Node.js script".to_string(), "application/javascript"),
            _ => (
                format!("a {} script", words.first().copied().unwrap_or("")),
                "text/plain",
            ),
        };
        (format!("{name}, {encoding} text executable"), mime)
    } else if is_json(b) {
        ("JSON text data".to_string(), "application/json")
    } else {
        (format!("{encoding} text"), "text/plain")
    };
    if mime == "application/json" {
        return Kind {
            text: what,
            mime,
            charset,
        };
    }
    let mut t = what;
    for note in line_notes(b) {
        t.push_str(", ");
        t.push_str(&note);
    }
    Kind { text: t, mime, charset }
}

fn is_json(b: &[u8]) -> bool {
    let trimmed = b.trim_ascii_start();
    matches!(trimmed.first(), Some(b'{' | b'[')) && serde_json::from_slice::<serde_json::Value>(b).is_ok()
}

/// file's remarks on lines: very long ones, CRLF or CR ends, none.
fn line_notes(b: &[u8]) -> Vec<String> {
    let mut notes = Vec::new();
    let longest = b.split(|&c| c == b'\n').map(<[u8]>::len).max().unwrap_or(0);
    if longest > 300 {
        notes.push(format!("with very long lines ({longest})"));
    }
    let crlf = b.windows(2).any(|w| w == b"\r\n");
    let lf = b
        .iter()
        .enumerate()
        .any(|(i, &c)| c == b'\n' && (i == 0 || b[i - 1] != b'\r'));
    let cr = b
        .iter()
        .enumerate()
        .any(|(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n'));
    match (crlf, lf, cr) {
        (true, false, false) => notes.push("with CRLF line terminators".into()),
        (true, true, false) => notes.push("with CRLF, LF line terminators".into()),
        (false, false, true) => notes.push("with CR line terminators".into()),
        (_, _, true) => notes.push("with CRLF, CR, LF line terminators".into()),
        (false, false, false) => notes.push("with no line terminators".into()),
        (false, true, false) => {}
    }
    notes
}
