//! `less` and `more`: pagers for the interactive session.
//!
//! When standard output is not the console both copy their input as the
//! real ones do (less 590 copies the files one after another; util-linux
//! 2.38's more puts a `::::::::::::::` header before each of several
//! files), with their messages for a file that cannot be read, and their
//! exit status: 0 even then.
//!
//! On the console the input is held in memory (within the `max_alloc`
//! limit) and shown a screen at a time, with keys read in raw mode from
//! the console. less: SPACE f ^F ^V PgDn next page, b ^B PgUp back,
//! ENTER j e ^N ^E Down a line on, k y ^P ^Y Up a line back, d ^D / u ^U
//! half a screen, g < Home / G > End, `/PATTERN` and `?PATTERN` (a
//! substring), n N to repeat, :n :p other files, q Q ZZ quit; `(END)` at
//! the end. more: the same moves, `--More--(NN%)`, and it quits at the end
//! of the last file.

use common::cli::{Cmd, Opt, Opts, flag};
use common::io::{Input, console_name};
use kernel::{Fd, OpenFlags};

const LESS_HELP: &str = "Usage: less [-FNRSXirEe] [FILE]...
Page through FILEs (or standard input) on the console; when standard
output is not the console, copy them.

  -e  quit at the second end of file;   -E  quit at the first
  -F  quit if the text fits on one screen
  -i  searches ignore case (unless the pattern has capitals); -I always
  -N  number the lines
  -r, -R  show control characters as they are (default: ^X)
  -S  chop long lines (default: fold them)
  -X  do not use the terminal's alternate screen

Keys: SPACE f b ENTER j k d u g G /PATTERN ?PATTERN n N :n :p q
";

const MORE_HELP: &str = "Usage: more [options] <file>...

A file perusal filter for the console: copies its input when standard
output is not the console.

Options:
 -d, --silent          display help instead of ringing bell
 -s, --squeeze         squeeze multiple blank lines into one
 -u, --plain           suppress underlining and bold (the default here)
 -h, --help            display this help
 -V, --version         display version

Keys: SPACE ENTER b d /PATTERN n q
";

const LESS_SPEC: &[Opt] = &[
    flag("-e", 'e'),
    flag("-E", 'E'),
    flag("-F", 'F'),
    flag("-i", 'i'),
    flag("-I", 'I'),
    flag("-N", 'N'),
    flag("-r", 'r'),
    flag("-R", 'R'),
    flag("-S", 'S'),
    flag("-X", 'X'),
];

const MORE_SPEC: &[Opt] = &[
    flag("silent", 'd'),
    flag("squeeze", 's'),
    flag("plain", 'u'),
    flag("-h", 'h'),
    flag("-V", 'V'),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Less,
    More,
}

#[derive(Default)]
struct Settings {
    quit_at_eof: u8,
    quit_if_one_screen: bool,
    ignore_case: bool,
    ignore_case_always: bool,
    numbers: bool,
    raw: bool,
    chop: bool,
    no_alt_screen: bool,
    squeeze: bool,
}

pub async fn less(mut cmd: Cmd) -> i32 {
    // less's own words for a bad option; it goes on with the files.
    let mut args = Vec::new();
    let mut ended = false;
    for a in cmd.args.clone() {
        if !ended && a.starts_with('-') && a.len() > 1 && a != "--" {
            if a == "--help" {
                return cmd.help(LESS_HELP).await;
            }
            if a == "--version" {
                return cmd.version().await;
            }
            if let Some(c) = a[1..].chars().find(|c| !LESS_SPEC.iter().any(|o| o.short == Some(*c))) {
                let msg = if a.starts_with("--") {
                    format!("There is no {a} option (\"less --help\" for help)\n")
                } else {
                    format!("There is no -{c} option (\"less --help\" for help)\n")
                };
                let _ = cmd.p.write(2, msg.as_bytes()).await;
                continue;
            }
        }
        if a == "--" {
            ended = true;
        }
        args.push(a);
    }
    let opts = Opts::parse(&args, LESS_SPEC, common::cli::Mode::Permute).unwrap_or_default();
    let s = Settings {
        quit_at_eof: if opts.has("-E") {
            1
        } else if opts.has("-e") {
            2
        } else {
            0
        },
        quit_if_one_screen: opts.has("-F"),
        ignore_case: opts.has("-i"),
        ignore_case_always: opts.has("-I"),
        numbers: opts.has("-N"),
        raw: opts.has("-r") || opts.has("-R"),
        chop: opts.has("-S"),
        no_alt_screen: opts.has("-X"),
        squeeze: false,
    };
    run(cmd, Kind::Less, opts.operands, s).await
}

pub async fn more(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(MORE_SPEC, MORE_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.has("-h") {
        return cmd.help(MORE_HELP).await;
    }
    if opts.has("-V") {
        return cmd.version().await;
    }
    let s = Settings {
        squeeze: opts.has("squeeze"),
        quit_at_eof: 1,
        ..Settings::default()
    };
    run(cmd, Kind::More, opts.operands, s).await
}

async fn run(mut cmd: Cmd, kind: Kind, files: Vec<String>, s: Settings) -> i32 {
    let p = cmd.p.clone();
    let console = console_name(&p, 1);
    let Some(console) = console else {
        copy_all(&mut cmd, kind, &files).await;
        return cmd.finish(0).await;
    };
    // Interactive: every file in memory first, then the screens.
    let mut texts = Vec::new();
    let names: Vec<String> = if files.is_empty() {
        if console_name(&p, 0).is_some() {
            let msg = match kind {
                Kind::Less => "Missing filename (\"less --help\" for help)\n".to_string(),
                Kind::More => "more: bad usage\nTry 'more --help' for more information.\n".to_string(),
            };
            let _ = p.write(2, msg.as_bytes()).await;
            return 1;
        }
        vec!["-".into()]
    } else {
        files
    };
    for f in &names {
        match read_file(&p, f).await {
            Ok(t) => texts.push((f.clone(), t)),
            Err(msg) => {
                let line = match kind {
                    Kind::Less => format!("{msg}\n"),
                    Kind::More => format!("more: {msg}\n"),
                };
                let _ = p.write(2, line.as_bytes()).await;
            }
        }
    }
    if texts.is_empty() {
        return 0;
    }
    match page(&mut cmd, kind, &console, texts, &s).await {
        Ok(()) => cmd.finish(0).await,
        Err(e) => {
            cmd.error(e.strerror()).await;
            1
        }
    }
}

/// The whole of a file (`-` is standard input), or the message the
/// pagers give for it.
async fn read_file(p: &kernel::Proc, name: &str) -> Result<Vec<u8>, String> {
    if name != "-" {
        match p.stat(name).await {
            Ok(st) if st.is_dir() => return Err(format!("{name} is a directory")),
            Ok(_) => {}
            Err(e) => return Err(format!("{name}: {}", e.strerror())),
        }
    }
    let mut input = Input::open(p, name)
        .await
        .map_err(|e| format!("{name}: {}", e.strerror()))?;
    let data = input.read_all(p).await;
    input.close(p).await;
    data.map_err(|e| format!("{name}: {}", common::limits::describe(&e)))
}

/// Not on the console: copy, as the real pagers do. less copies each
/// file once (a name given twice is shown once) and reports problems on
/// standard output; more copies standard input first when it is not the
/// console, then every file after a header.
async fn copy_all(cmd: &mut Cmd, kind: Kind, files: &[String]) {
    let p = cmd.p.clone();
    let mut list: Vec<String> = Vec::new();
    match kind {
        Kind::Less => {
            if files.is_empty() {
                list.push("-".into());
            }
            for f in files {
                if !list.contains(f) {
                    list.push(f.clone());
                }
            }
        }
        Kind::More => {
            if files.is_empty() || !common::io::is_console(&p, 0) {
                copy_one(cmd, "-", false).await;
            }
            list = files.to_vec();
        }
    }
    for f in &list {
        if kind == Kind::More && f == "-" {
            cmd.error("cannot open -: No such file or directory").await;
            continue;
        }
        if f != "-" {
            match p.stat(f).await {
                Ok(st) if st.is_dir() => {
                    let text = match kind {
                        Kind::Less => format!("{f} is a directory\n"),
                        Kind::More => format!("\n*** {f}: directory ***\n\n"),
                    };
                    cmd.out.write(text.as_bytes()).await;
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    match kind {
                        Kind::Less => cmd.out.write(format!("{f}: {}\n", e.strerror()).as_bytes()).await,
                        Kind::More => cmd.error(format!("cannot open {f}: {}", e.strerror())).await,
                    }
                    continue;
                }
            }
        }
        copy_one(cmd, f, kind == Kind::More).await;
    }
}

async fn copy_one(cmd: &mut Cmd, f: &str, header: bool) {
    let p = cmd.p.clone();
    let mut input = match Input::open(&p, f).await {
        Ok(i) => i,
        Err(e) => {
            cmd.error(format!("{f}: {}", e.strerror())).await;
            return;
        }
    };
    if header {
        cmd.out
            .write(format!("::::::::::::::\n{f}\n::::::::::::::\n").as_bytes())
            .await;
    }
    loop {
        match input.chunk(&p).await {
            Ok(Some(c)) => cmd.out.write(&c).await,
            Ok(None) => break,
            Err(e) => {
                cmd.error(format!("{f}: {}", common::limits::describe(&e))).await;
                break;
            }
        }
    }
    input.close(&p).await;
}

/// One file's text as screen rows: each row is the bytes to write and
/// the index of the line it belongs to.
struct Screenful {
    rows: Vec<(Vec<u8>, usize)>,
    /// Where each line's first row is.
    line_rows: Vec<usize>,
    lines: Vec<Vec<u8>>,
}

fn layout(text: &[u8], cols: usize, s: &Settings) -> Screenful {
    let mut lines: Vec<Vec<u8>> = text.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    if text.ends_with(b"\n") {
        lines.pop();
    }
    if s.squeeze {
        let mut kept: Vec<Vec<u8>> = Vec::with_capacity(lines.len());
        for l in lines {
            if l.is_empty() && kept.last().is_some_and(Vec::is_empty) {
                continue;
            }
            kept.push(l);
        }
        lines = kept;
    }
    let cols = cols.max(8);
    let mut rows = Vec::new();
    let mut line_rows = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        line_rows.push(rows.len());
        let mut row = Vec::new();
        let mut col = 0;
        if s.numbers {
            let n = format!("{:>7} ", i + 1);
            col = n.len();
            row.extend_from_slice(n.as_bytes());
        }
        let mut k = 0;
        while k < l.len() {
            let b = l[k];
            // The bytes shown for one input byte, and the columns they take.
            let (shown, width): (Vec<u8>, usize) = if b == b'\t' {
                let w = 8 - col % 8;
                (vec![b' '; w], w)
            } else if s.raw && b == 0x1b {
                // An escape sequence passes whole and takes no room.
                let end = l[k + 1..]
                    .iter()
                    .position(|c| c.is_ascii_alphabetic())
                    .map_or(l.len(), |e| k + 1 + e + 1);
                let seq = l[k..end].to_vec();
                k = end;
                row.extend_from_slice(&seq);
                continue;
            } else if b < 0x20 || b == 0x7f {
                if s.raw { (vec![b], 0) } else { (vec![b'^', b ^ 0x40], 2) }
            } else if b >= 0x80 {
                // A UTF-8 sequence is one column.
                let (ch, len) = common::locale::decode(&l[k..]);
                let len = if ch.is_some() { len } else { 1 };
                let seq = l[k..k + len].to_vec();
                k += len - 1;
                (seq, 1)
            } else {
                (vec![b], 1)
            };
            k += 1;
            if col + width > cols {
                if s.chop {
                    break;
                }
                rows.push((std::mem::take(&mut row), i));
                col = 0;
            }
            row.extend_from_slice(&shown);
            col += width;
        }
        rows.push((row, i));
    }
    Screenful { rows, line_rows, lines }
}

/// The console's columns and rows.
async fn console_size(p: &kernel::Proc, console: &str) -> (usize, usize) {
    let dir = console.strip_suffix("/data").unwrap_or(console);
    if let Ok(text) = p.read_file(&format!("{dir}/size")).await {
        let t = String::from_utf8_lossy(&text);
        let mut w = t.split_whitespace().filter_map(|x| x.parse::<usize>().ok());
        if let (Some(c), Some(r)) = (w.next(), w.next()) {
            return (c.max(10), r.max(3));
        }
    }
    (80, 24)
}

struct Keys {
    fd: Fd,
    ctl: Fd,
    pending: Vec<u8>,
}

impl Keys {
    async fn open(p: &kernel::Proc, console: &str) -> kernel::Result<Keys> {
        let dir = console.strip_suffix("/data").unwrap_or(console);
        let ctl = p
            .open(
                &format!("{dir}/ctl"),
                OpenFlags {
                    read: false,
                    write: true,
                    ..OpenFlags::READ
                },
            )
            .await?;
        p.write(ctl, b"rawon").await?;
        let fd = p.open(console, OpenFlags::READ).await?;
        Ok(Keys {
            fd,
            ctl,
            pending: Vec::new(),
        })
    }

    /// The next key: one byte, or an escape sequence that came with it.
    async fn next(&mut self, p: &kernel::Proc) -> kernel::Result<Vec<u8>> {
        if self.pending.is_empty() {
            let data = p.read(self.fd, 64).await?;
            if data.is_empty() {
                return Ok(b"q".to_vec());
            }
            self.pending = data;
        }
        let n = if self.pending[0] == 0x1b && self.pending.len() > 1 {
            // CSI: ESC [ params final.
            match self.pending[1..]
                .iter()
                .position(|c| (0x40..0x7f).contains(c) && *c != b'[')
            {
                Some(e) => e + 2,
                None => self.pending.len(),
            }
        } else {
            1
        };
        let n = n.min(self.pending.len());
        Ok(self.pending.drain(..n).collect())
    }

    async fn close(self, p: &kernel::Proc) {
        let _ = p.close(self.fd).await;
        let _ = p.close(self.ctl).await;
    }
}

/// What the key asked for.
enum Move {
    Rows(isize),
    Pages(isize),
    Half(isize),
    Top,
    Bottom,
    Search(bool),
    Again(bool),
    Quit,
    None,
}

fn key_move(k: &[u8], kind: Kind) -> Move {
    match k {
        b" " | b"f" | b"\x06" | b"\x16" | b"\x1b[6~" | b"z" => Move::Pages(1),
        b"b" | b"\x02" | b"\x1b[5~" | b"w" => Move::Pages(-1),
        b"\r" | b"\n" | b"j" | b"e" | b"\x0e" | b"\x05" | b"\x1b[B" => Move::Rows(1),
        b"k" | b"y" | b"\x10" | b"\x19" | b"\x1b[A" => Move::Rows(-1),
        b"d" | b"\x04" => Move::Half(1),
        b"u" | b"\x15" => Move::Half(-1),
        b"g" | b"<" | b"\x1b[H" | b"\x1b[1~" => Move::Top,
        b"G" | b">" | b"\x1b[F" | b"\x1b[4~" => Move::Bottom,
        b"/" => Move::Search(true),
        b"?" if kind == Kind::Less => Move::Search(false),
        b"n" => Move::Again(true),
        b"N" => Move::Again(false),
        b"q" | b"Q" | b"\x03" => Move::Quit,
        _ => Move::None,
    }
}

async fn page(
    cmd: &mut Cmd,
    kind: Kind,
    console: &str,
    texts: Vec<(String, Vec<u8>)>,
    s: &Settings,
) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let (cols, rows) = console_size(&p, console).await;
    let body = rows - 1;
    let mut keys = Keys::open(&p, console).await?;
    let alt = kind == Kind::Less && !s.no_alt_screen;
    if alt {
        cmd.out.write(b"\x1b[?1049h").await;
    }
    let mut file = 0usize;
    let mut screen = layout(&texts[0].1, cols, s);
    let mut top = 0usize;
    let mut pattern: Option<(Vec<u8>, bool)> = None;
    let mut message: Option<String> = None;
    let mut eof_seen = 0u8;
    let mut ticker = common::coop::Ticker::new();
    if s.quit_if_one_screen && texts.len() == 1 && screen.rows.len() <= body {
        for (r, _) in &screen.rows {
            cmd.out.write(r).await;
            cmd.out.write(b"\n").await;
        }
        if alt {
            cmd.out.write(b"\x1b[?1049l").await;
        }
        keys.close(&p).await;
        return Ok(());
    }
    loop {
        ticker.tick(&p).await;
        let last_top = screen.rows.len().saturating_sub(body);
        top = top.min(last_top);
        // Draw.
        let mut out = Vec::new();
        out.extend_from_slice(b"\x1b[H\x1b[2J");
        let end = (top + body).min(screen.rows.len());
        for (r, _) in &screen.rows[top..end] {
            out.extend_from_slice(r);
            out.extend_from_slice(b"\x1b[0m\r\n");
        }
        for _ in end..top + body {
            if kind == Kind::Less {
                out.extend_from_slice(b"~");
            }
            out.extend_from_slice(b"\r\n");
        }
        let at_end = end >= screen.rows.len();
        let prompt = if let Some(m) = message.take() {
            m
        } else {
            match kind {
                Kind::Less if at_end && file + 1 < texts.len() => {
                    format!("{} (END) - Next: {}", texts[file].0, texts[file + 1].0)
                }
                Kind::Less if at_end => "(END)".to_string(),
                Kind::Less if top == 0 && texts[file].0 != "-" => texts[file].0.clone(),
                Kind::Less => ":".to_string(),
                Kind::More => {
                    let pct = if screen.rows.is_empty() {
                        100
                    } else {
                        end * 100 / screen.rows.len()
                    };
                    if at_end && file + 1 < texts.len() {
                        format!("--More--(Next file: {})", texts[file + 1].0)
                    } else {
                        format!("--More--({pct}%)")
                    }
                }
            }
        };
        out.extend_from_slice(b"\x1b[7m");
        out.extend_from_slice(prompt.as_bytes());
        out.extend_from_slice(b"\x1b[0m");
        cmd.out.write(&out).await;
        cmd.out.flush().await?;
        if !at_end {
            eof_seen = 0;
        } else if s.quit_at_eof > 0 {
            eof_seen += 1;
            if eof_seen >= s.quit_at_eof {
                if file + 1 < texts.len() {
                    // less -e/-E goes on to the next file; more waits
                    // for a key there.
                    if kind == Kind::Less {
                        file += 1;
                        screen = layout(&texts[file].1, cols, s);
                        top = 0;
                        eof_seen = 0;
                        continue;
                    }
                } else {
                    if kind == Kind::More {
                        cmd.out.write(b"\r\x1b[K").await;
                    }
                    break;
                }
            }
        }
        let k = keys.next(&p).await?;
        if k == b":" && kind == Kind::Less {
            let k2 = keys.next(&p).await?;
            match k2.as_slice() {
                b"n" => {
                    if file + 1 < texts.len() {
                        file += 1;
                        screen = layout(&texts[file].1, cols, s);
                        top = 0;
                    } else {
                        message = Some("No next file".into());
                    }
                }
                b"p" => {
                    if file > 0 {
                        file -= 1;
                        screen = layout(&texts[file].1, cols, s);
                        top = 0;
                    } else {
                        message = Some("No previous file".into());
                    }
                }
                b"q" | b"Q" => break,
                _ => {}
            }
            continue;
        }
        if k == b"Z" {
            if keys.next(&p).await?.as_slice() == b"Z" {
                break;
            }
            continue;
        }
        let mv = key_move(&k, kind);
        match mv {
            Move::Quit => break,
            Move::Rows(n) => top = shift(top, n),
            Move::Pages(n) => {
                if n > 0 && at_end && kind == Kind::More {
                    if file + 1 < texts.len() {
                        file += 1;
                        screen = layout(&texts[file].1, cols, s);
                        top = 0;
                        continue;
                    }
                    break;
                }
                top = shift(top, n * body as isize);
            }
            Move::Half(n) => top = shift(top, n * (body / 2).max(1) as isize),
            Move::Top => top = 0,
            Move::Bottom => top = last_top,
            Move::None => {}
            Move::Search(forward) => {
                let q = if forward { b"/" } else { b"?" };
                cmd.out.write(b"\r\x1b[K").await;
                cmd.out.write(q).await;
                cmd.out.flush().await?;
                let mut text = Vec::new();
                loop {
                    let k = keys.next(&p).await?;
                    match k.as_slice() {
                        b"\r" | b"\n" => break,
                        b"\x7f" | b"\x08" if text.pop().is_some() => {
                            cmd.out.write(b"\x08 \x08").await;
                        }
                        b"\x7f" | b"\x08" => {}
                        b"\x03" | b"\x1b" => {
                            text.clear();
                            break;
                        }
                        k if k.len() == 1 && k[0] >= 0x20 => {
                            text.push(k[0]);
                            cmd.out.write(k).await;
                        }
                        _ => {}
                    }
                    cmd.out.flush().await?;
                }
                if !text.is_empty() {
                    pattern = Some((text, forward));
                    match find(&screen, top, pattern.as_ref().map(|(t, f)| (t.as_slice(), *f)), s) {
                        Some(r) => top = r,
                        None => message = Some("Pattern not found".into()),
                    }
                }
            }
            Move::Again(same) => match &pattern {
                Some((t, f)) => {
                    let dir = if same { *f } else { !*f };
                    match find(&screen, top, Some((t.as_slice(), dir)), s) {
                        Some(r) => top = r,
                        None => message = Some("Pattern not found".into()),
                    }
                }
                None => message = Some("No previous regular expression".into()),
            },
        }
    }
    if alt {
        cmd.out.write(b"\x1b[?1049l").await;
    } else {
        cmd.out.write(b"\r\x1b[K").await;
    }
    cmd.out.flush().await?;
    keys.close(&p).await;
    Ok(())
}

fn shift(top: usize, by: isize) -> usize {
    if by < 0 {
        top.saturating_sub(by.unsigned_abs())
    } else {
        top.saturating_add(by as usize)
    }
}

/// The row of the next line (after the top one, or before it) holding
/// `pattern`.
fn find(screen: &Screenful, top: usize, pattern: Option<(&[u8], bool)>, s: &Settings) -> Option<usize> {
    let (pat, forward) = pattern?;
    let fold = s.ignore_case_always || (s.ignore_case && !pat.iter().any(u8::is_ascii_uppercase));
    let hit = |line: &[u8]| {
        if fold {
            line.to_ascii_lowercase()
                .windows(pat.len())
                .any(|w| w == pat.to_ascii_lowercase().as_slice())
        } else {
            memchr::memmem::find(line, pat).is_some()
        }
    };
    let cur = screen.rows.get(top).map_or(0, |r| r.1);
    if forward {
        (cur + 1..screen.lines.len())
            .find(|&i| hit(&screen.lines[i]))
            .map(|i| screen.line_rows[i])
    } else {
        (0..cur)
            .rev()
            .find(|&i| hit(&screen.lines[i]))
            .map(|i| screen.line_rows[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_fold_and_chop() {
        let s = Settings::default();
        let l = layout(b"abcdefghijkl\nx\ty\n\x01\n", 8, &s);
        let rows: Vec<&[u8]> = l.rows.iter().map(|(r, _)| r.as_slice()).collect();
        assert_eq!(rows, [&b"abcdefgh"[..], b"ijkl", b"x       ", b"y", b"^A"]);
        let chop = Settings {
            chop: true,
            numbers: false,
            ..Settings::default()
        };
        let l = layout(b"abcdefghijkl\n", 8, &chop);
        assert_eq!(l.rows.len(), 1);
        assert_eq!(find(&l, 0, Some((b"zz", true)), &s), None);
    }
}
