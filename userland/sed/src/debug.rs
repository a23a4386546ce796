//! `--debug`: the program in canonical form, and the notes printed while
//! it runs, as GNU sed's debug.c writes them.

use super::script::{Addr, Command, Kind, LOWER, LOWER_FIRST, ONE_SHOT, Program, Sink, Subst, UPPER, UPPER_FIRST};

/// A byte as the debug output shows it.
pub fn push_char(out: &mut Vec<u8>, b: u8) {
    if (0x20..0x7f).contains(&b) && b != b'\\' {
        out.push(b);
        return;
    }
    out.push(b'\\');
    match b {
        0x07 => out.push(b'a'),
        0x0c => out.push(b'f'),
        b'\r' => out.push(b'r'),
        b'\t' => out.push(b't'),
        0x0b => out.push(b'v'),
        b'\n' => out.push(b'n'),
        b'\\' => out.push(b'\\'),
        _ => out.extend_from_slice(format!("o{b:03o}").as_bytes()),
    }
}

/// `PATTERN: ...` or `HOLD:    ...`.
pub fn space(out: &mut Vec<u8>, hold: bool, text: &[u8]) {
    out.extend_from_slice(if hold { b"HOLD:    " } else { b"PATTERN: " });
    for &b in text {
        push_char(out, b);
    }
    out.push(b'\n');
}

/// `SED PROGRAM:` and every command, indented by block.
pub fn program(prog: &Program) -> Vec<u8> {
    let mut out = b"SED PROGRAM:\n".to_vec();
    let mut level = 1;
    for i in 0..prog.cmds.len() {
        command(prog, i, &mut level, &mut out);
    }
    out
}

/// One command on its own line; `level` is the block depth, which `{` and
/// `}` move (also while running, as GNU's does).
pub fn command(prog: &Program, i: usize, level: &mut i32, out: &mut Vec<u8>) {
    let cmd = &prog.cmds[i];
    if matches!(cmd.kind, Kind::EndBlock) {
        *level -= 1;
    }
    for _ in 0..*level {
        out.extend_from_slice(b"  ");
    }
    if let Some(a) = &cmd.a1 {
        addr(prog, a, out);
    }
    if let Some(a) = &cmd.a2 {
        out.push(b',');
        addr(prog, a, out);
    }
    if cmd.bang {
        out.push(b'!');
    }
    if cmd.a1.is_some() || cmd.a2.is_some() {
        out.push(b' ');
    }
    function(prog, cmd, out);
    out.push(b'\n');
    if matches!(cmd.kind, Kind::Block(_)) {
        *level += 1;
    }
}

fn addr(prog: &Program, a: &Addr, out: &mut Vec<u8>) {
    let text = match *a {
        Addr::Null => "[ADDR-NULL]".to_string(),
        Addr::Regex(r) => {
            regex(prog, r, out);
            if let Some(i) = r {
                let flags = prog.regex_src[i].1;
                if flags.icase {
                    out.push(b'I');
                }
                if flags.newline {
                    out.push(b'M');
                }
            }
            return;
        }
        Addr::Line(n) => n.to_string(),
        Addr::Step(f, s) => format!("{f}~{s}"),
        Addr::Plus(n) => format!("+{n}"),
        Addr::Tilde(n) => format!("~{n}"),
        Addr::Last => "$".to_string(),
    };
    out.extend_from_slice(text.as_bytes());
}

fn regex(prog: &Program, r: Option<usize>, out: &mut Vec<u8>) {
    let Some(i) = r else {
        out.extend_from_slice(b"//");
        return;
    };
    out.push(b'/');
    for &b in &prog.regex_src[i].0 {
        if b == b'/' {
            out.extend_from_slice(b"\\/");
        } else {
            push_char(out, b);
        }
    }
    out.push(b'/');
}

fn sink_name(prog: &Program, s: Sink) -> &str {
    match s {
        Sink::Stdout => "/dev/stdout",
        Sink::Stderr => "/dev/stderr",
        Sink::File(i) => prog.wfiles.get(i).map_or("", |n| n.as_str()),
    }
}

fn function(prog: &Program, cmd: &Command, out: &mut Vec<u8>) {
    let push = |out: &mut Vec<u8>, s: &str| out.extend_from_slice(s.as_bytes());
    let text = |out: &mut Vec<u8>, letter: &str, t: &Option<Vec<u8>>| {
        push(out, letter);
        if let Some(t) = t {
            out.extend_from_slice(t);
        }
    };
    match &cmd.kind {
        Kind::Block(_) => push(out, "{"),
        Kind::EndBlock => push(out, "}"),
        Kind::Label(l) => push(out, &format!(":{l}")),
        Kind::Branch(c, target) => {
            out.push(*c);
            if let Some(Command {
                kind: Kind::Label(l), ..
            }) = prog.cmds.get(*target)
            {
                push(out, &format!(" {l}"));
            }
        }
        Kind::Append(t) => text(out, "a\\", t),
        Kind::Insert(t) => text(out, "i\\", t),
        Kind::Change(t) => text(out, "c\\", t),
        Kind::Exec(t) => text(out, "e ", t),
        Kind::LineNumber => push(out, "="),
        Kind::Delete => push(out, "d"),
        Kind::DeleteFirst => push(out, "D"),
        Kind::FileName => push(out, "F"),
        Kind::Get => push(out, "g"),
        Kind::GetAppend => push(out, "G"),
        Kind::Hold => push(out, "h"),
        Kind::HoldAppend => push(out, "H"),
        Kind::List(n) => push(out, &with_number("l", n.map(|n| n as u64))),
        Kind::Next => push(out, "n"),
        Kind::NextAppend => push(out, "N"),
        Kind::Print => push(out, "p"),
        Kind::PrintFirst => push(out, "P"),
        Kind::Quit(n) => push(out, &with_number("q", *n)),
        Kind::QuitSilent(n) => push(out, &with_number("Q", *n)),
        Kind::Read(name, _) => push(out, &format!("r {name}")),
        Kind::ReadLine(i) => push(out, &format!("R {}", prog.rfiles.get(*i).map_or("", |n| n.as_str()))),
        Kind::Write(s) => push(out, &format!("w{}", sink_name(prog, *s))),
        Kind::WriteFirst(s) => push(out, &format!("W{}", sink_name(prog, *s))),
        Kind::Subst(s) => subst(prog, s, out),
        Kind::Translate(t) => {
            out.extend_from_slice(b"y/");
            let changed: Vec<u8> = (0..=255u8).filter(|&b| t[usize::from(b)] != b).collect();
            out.extend_from_slice(&changed);
            out.push(b'/');
            out.extend(changed.iter().map(|&b| t[usize::from(b)]));
            out.push(b'/');
        }
        Kind::Zap => push(out, "z"),
        Kind::Exchange => push(out, "x"),
    }
}

/// `q`, `Q` and `l` show their number only when one was given.
fn with_number(letter: &str, n: Option<u64>) -> String {
    match n {
        Some(n) => format!("{letter} {n}"),
        None => letter.to_string(),
    }
}

fn subst(prog: &Program, s: &Subst, out: &mut Vec<u8>) {
    out.push(b's');
    regex(prog, s.regex, out);
    let mut last = 0;
    for p in &s.replacement {
        if p.case != last {
            out.push(b'\\');
            out.push(match p.case {
                0 => b'E',
                UPPER => b'U',
                LOWER => b'L',
                c if c & ONE_SHOT == UPPER_FIRST => b'u',
                c if c & ONE_SHOT == LOWER_FIRST => b'l',
                _ => b'E',
            });
            last = p.case;
        }
        out.extend_from_slice(&p.prefix);
        match p.group {
            Some(0) => out.push(b'&'),
            Some(n) => out.extend_from_slice(format!("\\{n}").as_bytes()),
            None => {}
        }
    }
    out.push(b'/');
    if let Some(i) = s.regex {
        let flags = prog.regex_src[i].1;
        if flags.icase {
            out.push(b'i');
        }
        if flags.newline {
            out.push(b'm');
        }
    }
    if s.global {
        out.push(b'g');
    }
    if s.eval {
        out.push(b'e');
    }
    if s.print != 0 {
        out.push(b'p');
    }
    if s.nth != 0 {
        out.extend_from_slice(s.nth.to_string().as_bytes());
    }
    if let Some(w) = s.write {
        out.push(b'w');
        out.extend_from_slice(sink_name(prog, w).as_bytes());
    }
}
