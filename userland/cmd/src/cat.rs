//! `cat`: concatenate files to standard output.

use common::cli::{Cmd, flag};
use common::io::Input;

const HELP: &str = "Usage: cat [OPTION]... [FILE]...
Concatenate FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

  -A, --show-all           equivalent to -vET
  -b, --number-nonblank    number nonempty output lines, overrides -n
  -e                       equivalent to -vE
  -E, --show-ends          display $ at end of each line
  -n, --number             number all output lines
  -s, --squeeze-blank      suppress repeated empty output lines
  -t                       equivalent to -vT
  -T, --show-tabs          display TAB characters as ^I
  -u                       (ignored)
  -v, --show-nonprinting   use ^ and M- notation, except for LFD and TAB
      --help     display this help and exit
      --version  output version information and exit
";

const SPEC: &[common::cli::Opt] = &[
    flag("show-all", 'A'),
    flag("number-nonblank", 'b'),
    flag("e", 'e'),
    flag("show-ends", 'E'),
    flag("number", 'n'),
    flag("squeeze-blank", 's'),
    flag("t", 't'),
    flag("show-tabs", 'T'),
    flag("u", 'u'),
    flag("show-nonprinting", 'v'),
];

#[derive(Default)]
struct Style {
    number: bool,
    nonblank: bool,
    ends: bool,
    tabs: bool,
    nonprinting: bool,
    squeeze: bool,
}

impl Style {
    fn plain(&self) -> bool {
        !(self.number || self.nonblank || self.ends || self.tabs || self.nonprinting || self.squeeze)
    }
}

/// Line-numbering state carried across files, as GNU cat does.
struct State {
    line: u64,
    blank_run: usize,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut st = Style::default();
    for (name, _) in &opts.list {
        match *name {
            "show-all" => {
                st.nonprinting = true;
                st.ends = true;
                st.tabs = true;
            }
            "number-nonblank" => st.nonblank = true,
            "e" => {
                st.nonprinting = true;
                st.ends = true;
            }
            "show-ends" => st.ends = true,
            "number" => st.number = true,
            "squeeze-blank" => st.squeeze = true,
            "t" => {
                st.nonprinting = true;
                st.tabs = true;
            }
            "show-tabs" => st.tabs = true,
            "show-nonprinting" => st.nonprinting = true,
            _ => {}
        }
    }
    if st.nonblank {
        st.number = true;
    }
    let files = if opts.operands.is_empty() {
        vec!["-".to_string()]
    } else {
        opts.operands
    };
    let mut status = 0;
    let mut state = State { line: 0, blank_run: 0 };
    let p = cmd.p.clone();
    for f in &files {
        let Some(mut input) = cmd.open_input(f).await else {
            status = 1;
            continue;
        };
        // GNU cat does not copy a nonempty file to itself (that would only
        // fill the disk): what is left to read of it is its output.
        if let Some(st) = common::files::is_own_output(&p, input.fd()).await {
            let at = p.seek(input.fd(), kernel::SeekFrom::Current(0)).await.unwrap_or(0);
            if at < st.size {
                cmd.error(format!("{f}: input file is output file")).await;
                status = 1;
                input.close(&p).await;
                continue;
            }
        }
        let r = if st.plain() {
            copy(&mut cmd, &mut input).await
        } else {
            decorate(&mut cmd, &mut input, &st, &mut state).await
        };
        if let Err(e) = r {
            cmd.error_at(f, &e).await;
            status = 1;
        }
        input.close(&p).await;
    }
    cmd.finish(status).await
}

async fn copy(cmd: &mut Cmd, input: &mut Input) -> kernel::Result<()> {
    let p = cmd.p.clone();
    while let Some(chunk) = input.chunk(&p).await? {
        // Whole chunks go straight out: cat writes as it reads.
        cmd.out.flush().await.ok();
        cmd.out.write(&chunk).await;
        cmd.out.flush().await.ok();
    }
    Ok(())
}

async fn decorate(cmd: &mut Cmd, input: &mut Input, st: &Style, state: &mut State) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let mut line = Vec::new();
    let mut out = Vec::new();
    while input.read_line(&p, &mut line).await? {
        let has_nl = line.last() == Some(&b'\n');
        let body = if has_nl { &line[..line.len() - 1] } else { &line[..] };
        let blank = body.is_empty() && has_nl;
        if blank {
            state.blank_run += 1;
            if st.squeeze && state.blank_run > 1 {
                continue;
            }
        } else {
            state.blank_run = 0;
        }
        out.clear();
        if st.number && !(st.nonblank && blank) {
            state.line += 1;
            out.extend_from_slice(format!("{:>6}\t", state.line).as_bytes());
        }
        // GNU cat 9.1: with -E, a CR ending a line shows as ^M before
        // the $ (with -v it is ^M anyway).
        let cr_end = st.ends && has_nl && body.last() == Some(&b'\r');
        let shown = if cr_end { &body[..body.len() - 1] } else { body };
        for &b in shown {
            match b {
                b'\t' if st.tabs => out.extend_from_slice(b"^I"),
                b'\t' => out.push(b),
                _ if st.nonprinting => push_visible(&mut out, b),
                _ => out.push(b),
            }
        }
        if cr_end {
            out.extend_from_slice(b"^M");
        }
        if has_nl {
            if st.ends {
                out.push(b'$');
            }
            out.push(b'\n');
        }
        cmd.out.write(&out).await;
    }
    Ok(())
}

/// `cat -v` notation: ^X for controls, ^? for DEL, M- for high bytes.
pub fn push_visible(out: &mut Vec<u8>, b: u8) {
    let (meta, c) = if b >= 0x80 { (true, b - 0x80) } else { (false, b) };
    if meta {
        out.extend_from_slice(b"M-");
    }
    match c {
        0..=31 => {
            out.push(b'^');
            out.push(c + 64);
        }
        127 => out.extend_from_slice(b"^?"),
        _ => out.push(c),
    }
}
