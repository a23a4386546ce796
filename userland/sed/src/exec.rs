//! Running a compiled script over the input (GNU sed's `execute.c`): the
//! cycle, addresses and ranges, the commands, the append queue, and the
//! outputs (stdout, `w` files, the temporary file of `-i`).

use common::locale::Charset;
use kernel::{Errno, Fd, NodeType, OpenFlags, Proc, SpawnOpts, StatChanges, Target};
use memchr::memchr;

use super::debug;
use super::input::Source;
use super::pattern::{Captures, Pattern};
use super::script::{
    self, Addr, EXIT_BAD_USAGE, EXIT_PANIC, Error, Kind, LOWER_FIRST, ONE_SHOT, Origin, Part, Program, Subst, UPPER,
    UPPER_FIRST,
};
use common::io::Output;

/// GNU's status when an input file could not be read.
const EXIT_BAD_INPUT: i32 = 2;

/// How sed was asked to run.
pub struct Settings {
    pub quiet: bool,
    /// The line delimiter: `\n`, or NUL with -z.
    pub delim: u8,
    /// -s or -i: `$` and line numbers per file.
    pub separate: bool,
    /// -i: the backup pattern (`*` is the file name; `*` alone: no backup).
    pub in_place: Option<String>,
    pub unbuffered: bool,
    /// The wrap width of `l` (-l).
    pub line_len: usize,
    pub posix: bool,
    pub debug: bool,
}

/// Where a line goes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum To {
    /// The output: stdout, or the file being edited with -i.
    Main,
    Stdout,
    Stderr,
    File(usize),
}

impl From<script::Sink> for To {
    fn from(s: script::Sink) -> To {
        match s {
            script::Sink::Stdout => To::Stdout,
            script::Sink::Stderr => To::Stderr,
            script::Sink::File(i) => To::File(i),
        }
    }
}

/// An output stream and whether its last line lacked its newline (which
/// is added before anything else goes out, as GNU does).
struct Sink {
    out: Output,
    missing_newline: bool,
    /// Flush after every write (stderr, -u).
    eager: bool,
}

impl Sink {
    fn new(p: &Proc, fd: Fd, eager: bool) -> Sink {
        Sink {
            out: Output::new(p.clone(), fd),
            missing_newline: false,
            eager,
        }
    }

    async fn fix_newline(&mut self, delim: u8) {
        if self.missing_newline {
            self.out.write(&[delim]).await;
            self.missing_newline = false;
        }
    }

    async fn line(&mut self, text: &[u8], nl: bool, delim: u8) {
        self.fix_newline(delim).await;
        self.out.write(text).await;
        if nl {
            self.out.write(&[delim]).await;
        } else {
            self.missing_newline = true;
        }
        self.done().await;
    }

    async fn raw(&mut self, text: &[u8]) {
        self.out.write(text).await;
    }

    async fn done(&mut self) {
        if self.eager {
            let _ = self.out.flush().await;
        }
    }
}

/// The file being edited in place.
struct InPlace {
    target: String,
    temp: String,
    fd: Fd,
    sink: Sink,
    mode: u32,
    owner: (Option<u32>, Option<u32>),
}

/// Every output.
struct Outputs {
    stdout: Sink,
    stderr: Sink,
    files: Vec<Sink>,
    in_place: Option<InPlace>,
    delim: u8,
}

impl Outputs {
    fn sink(&mut self, to: To) -> &mut Sink {
        match to {
            To::Main => match &mut self.in_place {
                Some(ip) => &mut ip.sink,
                None => &mut self.stdout,
            },
            To::Stdout => &mut self.stdout,
            To::Stderr => &mut self.stderr,
            To::File(i) => match self.files.get_mut(i) {
                Some(s) => s,
                None => &mut self.stdout,
            },
        }
    }

    async fn line(&mut self, to: To, text: &[u8], nl: bool) {
        let delim = self.delim;
        self.sink(to).line(text, nl, delim).await;
    }
}

/// What the append queue holds: output at the end of the cycle.
enum Append {
    /// The text of the `a` command at this index.
    Text(usize),
    /// The file of the `r` command at this index.
    File(usize),
    /// A line read by `R`.
    Line(Vec<u8>),
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Range {
    Inactive,
    Active,
    Closed,
}

pub struct Exec<'a> {
    p: Proc,
    prog: &'a Program,
    set: &'a Settings,
    files: Vec<String>,
    next_file: usize,
    source: Option<Source>,
    /// The current input's name, for `F` and messages.
    file_name: String,
    reset_at_next_file: bool,
    bad_count: u32,
    line: u64,
    ps: Vec<u8>,
    /// Whether the pattern space's line had its delimiter.
    chomped: bool,
    hold: Vec<u8>,
    hold_chomped: bool,
    /// Where `s` builds its result.
    accum: Vec<u8>,
    caps: Captures,
    /// A substitution was made since the last input line or `t`.
    replaced: bool,
    append: Vec<Append>,
    ranges: Vec<Range>,
    /// The computed end line of `addr,+N` and `addr,~N` ranges.
    range_end: Vec<u64>,
    last_regex: Option<usize>,
    /// --debug: the block depth of the command notes.
    debug_level: i32,
    out: Outputs,
    rfiles: Vec<Option<Source>>,
}

fn panic_error(msg: String) -> Error {
    Error {
        msg,
        status: EXIT_PANIC,
    }
}

impl<'a> Exec<'a> {
    /// Set up: opens the `w` files (truncating them) and the `R` files.
    pub async fn new(p: &Proc, prog: &'a Program, set: &'a Settings, files: Vec<String>) -> Result<Exec<'a>, Error> {
        let mut wfiles = Vec::new();
        for name in &prog.wfiles {
            match p.open(name, OpenFlags::WRITE).await {
                Ok(fd) => wfiles.push(Sink::new(p, fd, set.unbuffered)),
                Err(e) => return Err(panic_error(format!("couldn't open file {name}: {}", e.strerror()))),
            }
        }
        let mut rfiles = Vec::new();
        for name in &prog.rfiles {
            rfiles.push(Source::open(p, name, false).await.ok());
        }
        let files = if files.is_empty() { vec!["-".to_string()] } else { files };
        let mut e = Exec {
            p: p.clone(),
            prog,
            set,
            files,
            next_file: 0,
            source: None,
            file_name: String::new(),
            reset_at_next_file: true,
            bad_count: 0,
            line: 0,
            ps: Vec::new(),
            chomped: true,
            hold: Vec::new(),
            hold_chomped: true,
            accum: Vec::new(),
            caps: Vec::new(),
            replaced: false,
            append: Vec::new(),
            ranges: vec![Range::Inactive; prog.cmds.len()],
            range_end: vec![0; prog.cmds.len()],
            last_regex: None,
            debug_level: 0,
            out: Outputs {
                stdout: Sink::new(p, 1, set.unbuffered),
                stderr: Sink::new(p, 2, true),
                files: wfiles,
                in_place: None,
                delim: set.delim,
            },
            rfiles,
        };
        e.reset_addresses();
        Ok(e)
    }

    /// Process all the input; answers the exit status.
    pub async fn run(&mut self) -> Result<i32, Error> {
        let mut status = 0;
        if self.set.debug {
            let text = debug::program(self.prog);
            self.note(&text).await;
        }
        while self.read_pattern_space(false).await? {
            if self.set.debug {
                let name = match &self.source {
                    Some(s) if s.is_stdin() => "STDIN",
                    _ => &self.file_name,
                };
                let mut text = format!("INPUT:   '{name}' line {}\n", self.line).into_bytes();
                debug::space(&mut text, false, &self.ps);
                self.note(&text).await;
            }
            if let Some(code) = self.execute().await? {
                status = code;
                break;
            }
        }
        self.closedown().await?;
        if self.bad_count > 0 {
            status = EXIT_BAD_INPUT;
        }
        Ok(status)
    }

    /// Flush everything (also after an error). False if stdout failed.
    pub async fn flush(&mut self) -> kernel::Result<()> {
        for f in &mut self.out.files {
            let _ = f.out.flush().await;
        }
        let _ = self.out.stderr.out.flush().await;
        self.out.stdout.out.flush().await
    }

    /// After a fatal error: drop the half-written -i file.
    pub async fn abandon(&mut self) {
        if let Some(ip) = self.out.in_place.take() {
            let _ = self.p.close(ip.fd).await;
            let _ = self.p.remove(&ip.temp).await;
        }
    }

    /// --debug output, on stdout.
    async fn note(&mut self, text: &[u8]) {
        self.out.stdout.raw(text).await;
        self.out.stdout.done().await;
    }

    async fn note_space(&mut self, hold: bool) {
        if self.set.debug {
            let mut text = Vec::new();
            debug::space(&mut text, hold, if hold { &self.hold } else { &self.ps });
            self.note(&text).await;
        }
    }

    async fn note_end(&mut self) {
        if self.set.debug {
            self.note(b"END-OF-CYCLE:\n").await;
        }
    }

    async fn warn(&self, msg: &str) {
        let _ = self.p.write(2, format!("sed: {msg}\n").as_bytes()).await;
    }

    // ---- input ----

    fn reset_addresses(&mut self) {
        for (i, c) in self.prog.cmds.iter().enumerate() {
            self.ranges[i] = if c.a1 == Some(Addr::Line(0)) {
                Range::Active
            } else {
                Range::Inactive
            };
        }
    }

    /// Read the next line into the pattern space (appending, for `N`).
    /// False at the end of the input.
    async fn read_pattern_space(&mut self, append: bool) -> Result<bool, Error> {
        if !self.append.is_empty() {
            self.dump_append().await;
        }
        self.replaced = false;
        if !append {
            self.ps.clear();
        }
        self.chomped = true;
        loop {
            if let Some(src) = &mut self.source {
                match src.read_line(&self.p, self.set.delim, &mut self.ps).await {
                    Ok(Some(nl)) => {
                        self.chomped = nl;
                        self.line += 1;
                        return Ok(true);
                    }
                    Ok(None) => {}
                    Err(e) => {
                        return Err(panic_error(format!(
                            "read error on {}: {}",
                            self.display_name(),
                            e.strerror()
                        )));
                    }
                }
            }
            self.closedown().await?;
            if self.next_file >= self.files.len() {
                return Ok(false);
            }
            if self.reset_at_next_file {
                self.line = 0;
                self.hold.clear();
                self.hold_chomped = true;
                self.reset_addresses();
                for f in self.rfiles.iter_mut().flatten() {
                    f.rewind(&self.p).await;
                }
                self.reset_at_next_file = self.set.separate;
            }
            self.open_next_file().await?;
        }
    }

    fn display_name(&self) -> &str {
        if self.file_name == "-" {
            "stdin"
        } else {
            &self.file_name
        }
    }

    async fn open_next_file(&mut self) -> Result<(), Error> {
        let name = self.files[self.next_file].clone();
        self.next_file += 1;
        self.file_name = name.clone();
        if name == "-" && self.set.in_place.is_none() {
            self.source = Some(Source::stdin(self.set.unbuffered));
            return Ok(());
        }
        let src = match Source::open(&self.p, &name, self.set.unbuffered).await {
            Ok(s) => s,
            Err(e) => {
                self.warn(&format!("can't read {name}: {}", e.strerror())).await;
                self.bad_count += 1;
                return Ok(());
            }
        };
        if self.set.in_place.is_some() {
            self.start_in_place(&name, src.is_dir()).await?;
        }
        self.source = Some(src);
        Ok(())
    }

    /// -i: the output goes to a new file in the same directory.
    async fn start_in_place(&mut self, name: &str, is_dir: bool) -> Result<(), Error> {
        let st = self.p.stat(name).await.ok();
        if is_dir || st.as_ref().is_none_or(|s| s.kind != NodeType::File) {
            return Err(panic_error(format!("couldn't edit {name}: not a regular file")));
        }
        let (mode, owner) = match &st {
            Some(s) => (s.mode() & 0o7777, (s.uid, s.gid)),
            None => (0o644, (None, None)),
        };
        let dir = match name.rfind('/') {
            Some(0) => "/".to_string(),
            Some(i) => name[..i].to_string(),
            None => ".".to_string(),
        };
        let sep = if dir.ends_with('/') { "" } else { "/" };
        let mut last = None;
        for _ in 0..100 {
            let temp = format!("{dir}{sep}sed{}", self.random_suffix());
            let flags = OpenFlags {
                read: false,
                write: true,
                create: true,
                exclusive: true,
                perm: 0o600,
                ..OpenFlags::READ
            };
            match self.p.open(&temp, flags).await {
                Ok(fd) => {
                    self.out.in_place = Some(InPlace {
                        target: name.to_string(),
                        temp,
                        fd,
                        sink: Sink::new(&self.p, fd, self.set.unbuffered),
                        mode,
                        owner,
                    });
                    return Ok(());
                }
                Err(e) if e.is(Errno::EEXIST) => last = Some((temp, e)),
                Err(e) => {
                    return Err(panic_error(format!(
                        "couldn't open temporary file {temp}: {}",
                        e.strerror()
                    )));
                }
            }
        }
        let (temp, e) = last.unwrap_or_else(|| (dir.clone(), Errno::EEXIST.into()));
        Err(panic_error(format!(
            "couldn't open temporary file {temp}: {}",
            e.strerror()
        )))
    }

    fn random_suffix(&self) -> String {
        const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        self.p
            .random(6)
            .iter()
            .map(|b| ALNUM[usize::from(*b) % ALNUM.len()] as char)
            .collect()
    }

    /// Done with the current input: close it, and finish an in-place edit
    /// (mode, backup, rename over the original).
    async fn closedown(&mut self) -> Result<(), Error> {
        if let Some(src) = self.source.take() {
            src.close(&self.p).await;
        }
        let Some(mut ip) = self.out.in_place.take() else {
            return Ok(());
        };
        let flushed = ip.sink.out.flush().await;
        let _ = self.p.close(ip.fd).await;
        if let Err(e) = flushed {
            let _ = self.p.remove(&ip.temp).await;
            return Err(panic_error(format!("couldn't write to {}: {}", ip.temp, e.strerror())));
        }
        let changes = StatChanges {
            mode: Some(ip.mode),
            ..StatChanges::default()
        };
        let _ = self.p.wstat(&ip.temp, &changes).await;
        if let (Some(uid), Some(gid)) = ip.owner {
            let me = self.p.caller();
            if me.uid != uid || me.gid != gid {
                let owner = StatChanges {
                    uid: Some(uid),
                    gid: Some(gid),
                    ..StatChanges::default()
                };
                if self.p.wstat(&ip.temp, &owner).await.is_err() {
                    let group = StatChanges {
                        gid: Some(gid),
                        ..StatChanges::default()
                    };
                    let _ = self.p.wstat(&ip.temp, &group).await;
                }
            }
        }
        if let Some(suffix) = self.set.in_place.as_deref()
            && suffix != "*"
        {
            let backup = suffix.replace('*', &ip.target);
            if let Err(e) = self.p.rename(&ip.target, &backup).await {
                let _ = self.p.remove(&ip.temp).await;
                return Err(panic_error(format!("cannot rename {}: {}", ip.target, e.strerror())));
            }
        }
        if let Err(e) = self.p.rename(&ip.temp, &ip.target).await {
            let _ = self.p.remove(&ip.temp).await;
            return Err(panic_error(format!("cannot rename {}: {}", ip.temp, e.strerror())));
        }
        Ok(())
    }

    /// Whether the current line is the last (`$`): looks ahead, into the
    /// following files unless they are separate.
    async fn is_last(&mut self) -> Result<bool, Error> {
        if let Some(src) = &mut self.source
            && src.has_more(&self.p).await.unwrap_or(false)
        {
            return Ok(false);
        }
        if self.set.separate {
            return Ok(true);
        }
        loop {
            self.closedown().await?;
            if self.next_file >= self.files.len() {
                return Ok(true);
            }
            self.open_next_file().await?;
            if let Some(src) = &mut self.source
                && src.has_more(&self.p).await.unwrap_or(false)
            {
                return Ok(false);
            }
        }
    }

    // ---- addresses ----

    fn use_regex(&mut self, r: Option<usize>) -> Result<usize, Error> {
        match r {
            Some(i) => {
                self.last_regex = Some(i);
                Ok(i)
            }
            None => self.last_regex.ok_or_else(|| self.no_previous_regex()),
        }
    }

    fn no_previous_regex(&self) -> Error {
        const WHY: &str = "no previous regular expression";
        let msg = match &self.prog.last_origin {
            Some((Origin::File(name), line)) => format!("file {name} line {line}: {WHY}"),
            Some((Origin::Expr(n), _)) => format!("-e expression #{n}, char 0: {WHY}"),
            None => WHY.to_string(),
        };
        Error {
            msg,
            status: EXIT_BAD_USAGE,
        }
    }

    async fn match_one(&mut self, a: &Addr, i: usize) -> Result<bool, Error> {
        Ok(match *a {
            Addr::Null => true,
            Addr::Regex(r) => {
                let ri = self.use_regex(r)?;
                self.prog.regexes[ri].is_match(&self.ps)
            }
            Addr::Step(first, step) => self.line >= first && (self.line - first).is_multiple_of(step),
            Addr::Plus(_) | Addr::Tilde(_) => self.range_end[i] <= self.line,
            Addr::Last => self.is_last().await?,
            Addr::Line(n) => self.line == n,
        })
    }

    /// Whether command `i` applies to this line (before `!`), moving its
    /// range along (GNU's match_address_p).
    async fn matches(&mut self, i: usize) -> Result<bool, Error> {
        let cmd = &self.prog.cmds[i];
        let Some(a1) = &cmd.a1 else {
            return Ok(true);
        };
        let Some(a2) = &cmd.a2 else {
            return self.match_one(a1, i).await;
        };
        if self.ranges[i] != Range::Active {
            if let Addr::Line(n) = *a1 {
                if self.ranges[i] == Range::Closed || self.line < n {
                    return Ok(false);
                }
            } else if !self.match_one(a1, i).await? {
                return Ok(false);
            }
            self.ranges[i] = Range::Active;
            match *a2 {
                // A regex end is looked for from the next line on.
                Addr::Regex(_) => return Ok(true),
                Addr::Line(n) => {
                    if self.line >= n {
                        self.ranges[i] = Range::Closed;
                    }
                    return Ok(self.line <= n || self.match_one(a1, i).await?);
                }
                Addr::Plus(n) => {
                    self.range_end[i] = self.line.saturating_add(n);
                    return Ok(true);
                }
                Addr::Tilde(n) => {
                    self.range_end[i] = (self.line + n).saturating_sub(self.line % n);
                    return Ok(true);
                }
                _ => {}
            }
        }
        if let Addr::Line(n) = *a2 {
            if self.line >= n {
                self.ranges[i] = Range::Closed;
            }
            return Ok(self.line <= n);
        }
        if self.match_one(a2, i).await? {
            self.ranges[i] = Range::Closed;
        }
        Ok(true)
    }

    // ---- the cycle ----

    /// Run the script on the pattern space. Some(status) to quit.
    async fn execute(&mut self) -> Result<Option<i32>, Error> {
        let prog = self.prog;
        let delim = self.set.delim;
        let mut pc = 0;
        while pc < prog.cmds.len() {
            let cmd = &prog.cmds[pc];
            if self.set.debug {
                let mut text = b"COMMAND: ".to_vec();
                debug::command(prog, pc, &mut self.debug_level, &mut text);
                self.note(&text).await;
            }
            if self.matches(pc).await? == cmd.bang {
                pc = match cmd.kind {
                    Kind::Block(end) => end,
                    _ => pc + 1,
                };
                continue;
            }
            match &cmd.kind {
                Kind::Block(_) | Kind::EndBlock | Kind::Label(_) => {}
                Kind::Branch(how, target) => {
                    let jump = match how {
                        b'b' => true,
                        b't' => std::mem::replace(&mut self.replaced, false),
                        _ => !std::mem::replace(&mut self.replaced, false),
                    };
                    if jump {
                        pc = *target;
                        continue;
                    }
                }
                Kind::Append(_) => self.append.push(Append::Text(pc)),
                Kind::Insert(text) => {
                    if let Some(t) = text {
                        self.out.line(To::Main, &t[..t.len().saturating_sub(1)], true).await;
                    }
                }
                Kind::Change(text) => {
                    if self.ranges[pc] != Range::Active
                        && let Some(t) = text
                    {
                        self.out.line(To::Main, &t[..t.len().saturating_sub(1)], true).await;
                    }
                    self.note_end().await;
                    return Ok(None);
                }
                Kind::Exec(text) => self.exec_command(text.as_deref()).await?,
                Kind::LineNumber => {
                    let text = self.line.to_string();
                    self.out.line(To::Main, text.as_bytes(), true).await;
                }
                Kind::Delete => {
                    self.note_end().await;
                    return Ok(None);
                }
                Kind::DeleteFirst => match memchr(delim, &self.ps) {
                    None => return Ok(None),
                    Some(i) => {
                        self.ps.drain(..=i);
                        self.note_space(false).await;
                        pc = 0;
                        continue;
                    }
                },
                Kind::FileName => {
                    let name = self.file_name.clone();
                    self.out.line(To::Main, name.as_bytes(), true).await;
                }
                Kind::Get => {
                    self.ps.clone_from(&self.hold);
                    self.chomped = self.hold_chomped;
                    // (GNU shows the hold space here.)
                    self.note_space(true).await;
                }
                Kind::GetAppend => {
                    self.ps.push(delim);
                    self.ps.extend_from_slice(&self.hold);
                    self.chomped = self.hold_chomped;
                    self.note_space(false).await;
                }
                Kind::Hold => {
                    self.hold.clone_from(&self.ps);
                    self.hold_chomped = self.chomped;
                    self.note_space(true).await;
                }
                Kind::HoldAppend => {
                    self.hold.push(delim);
                    self.hold.extend_from_slice(&self.ps);
                    self.hold_chomped = self.chomped;
                    self.note_space(true).await;
                }
                Kind::List(width) => self.list(width.unwrap_or(self.set.line_len)).await,
                Kind::Next => {
                    if !self.set.quiet {
                        self.out.line(To::Main, &self.ps, self.chomped).await;
                    }
                    if self.is_last().await? || !self.read_pattern_space(false).await? {
                        self.note_end().await;
                        return Ok(None);
                    }
                    self.note_space(false).await;
                }
                Kind::NextAppend => {
                    let at_end = self.is_last().await? || {
                        self.ps.push(delim);
                        let got = self.read_pattern_space(true).await?;
                        if !got {
                            self.ps.pop();
                        }
                        !got
                    };
                    if at_end {
                        self.note_end().await;
                        // GNU prints the pattern space when N has no next
                        // line (POSIX says quit silently).
                        if !self.set.posix && !self.set.quiet {
                            self.out.line(To::Main, &self.ps, self.chomped).await;
                        }
                        return Ok(None);
                    }
                    self.note_space(false).await;
                }
                Kind::Print => self.out.line(To::Main, &self.ps, self.chomped).await,
                Kind::PrintFirst => self.print_first(To::Main).await,
                Kind::Quit(code) => {
                    if !self.set.quiet {
                        self.out.line(To::Main, &self.ps, self.chomped).await;
                    }
                    self.dump_append().await;
                    return Ok(Some(exit_code(*code)));
                }
                Kind::QuitSilent(code) => {
                    self.append.clear();
                    return Ok(Some(exit_code(*code)));
                }
                Kind::Read(name, true) => {
                    let _ = name;
                    self.append.push(Append::File(pc));
                }
                Kind::Read(name, false) => {
                    self.out.sink(To::Main).fix_newline(delim).await;
                    self.copy_file(name).await;
                }
                Kind::ReadLine(i) => {
                    if let Some(Some(src)) = self.rfiles.get_mut(*i)
                        && let Ok(Some(line)) = src.read_raw_line(&self.p, delim).await
                    {
                        self.append.push(Append::Line(line));
                    }
                }
                Kind::Write(sink) => self.out.line((*sink).into(), &self.ps, self.chomped).await,
                Kind::WriteFirst(sink) => self.print_first((*sink).into()).await,
                Kind::Subst(s) => {
                    self.substitute(s).await?;
                    self.note_space(false).await;
                }
                Kind::Translate(table) => {
                    for b in self.ps.iter_mut() {
                        *b = table[usize::from(*b)];
                    }
                    self.note_space(false).await;
                }
                Kind::Zap => {
                    self.ps.clear();
                    self.note_space(false).await;
                }
                Kind::Exchange => {
                    std::mem::swap(&mut self.ps, &mut self.hold);
                    std::mem::swap(&mut self.chomped, &mut self.hold_chomped);
                    self.note_space(false).await;
                    self.note_space(true).await;
                }
            }
            pc += 1;
        }
        self.note_end().await;
        if !self.set.quiet {
            self.out.line(To::Main, &self.ps, self.chomped).await;
        }
        Ok(None)
    }

    /// `P` and `W`: the pattern space up to its first line end.
    async fn print_first(&mut self, to: To) {
        match memchr(self.set.delim, &self.ps) {
            Some(i) => self.out.line(to, &self.ps[..i], true).await,
            None => self.out.line(to, &self.ps, self.chomped).await,
        }
    }

    /// Output what `a`, `r` and `R` queued.
    async fn dump_append(&mut self) {
        let delim = self.set.delim;
        self.out.sink(To::Main).fix_newline(delim).await;
        for item in std::mem::take(&mut self.append) {
            match item {
                Append::Text(pc) => {
                    if let Kind::Append(Some(t)) = &self.prog.cmds[pc].kind {
                        self.out.sink(To::Main).raw(t).await;
                    }
                }
                Append::File(pc) => {
                    if let Kind::Read(name, _) = &self.prog.cmds[pc].kind {
                        self.copy_file(name).await;
                    }
                }
                Append::Line(l) => self.out.sink(To::Main).raw(&l).await,
            }
        }
        self.out.sink(To::Main).done().await;
    }

    /// `r`: a file that cannot be read counts as empty (POSIX).
    async fn copy_file(&mut self, name: &str) {
        let Ok(mut src) = Source::open(&self.p, name, false).await else {
            return;
        };
        let mut chunk = Vec::new();
        // Lines, delimiters and all, exactly as they are in the file.
        while let Ok(Some(nl)) = src.read_line(&self.p, b'\n', &mut chunk).await {
            if nl {
                chunk.push(b'\n');
            }
            self.out.sink(To::Main).raw(&chunk).await;
            chunk.clear();
        }
        src.close(&self.p).await;
    }

    /// `l`: the pattern space unambiguously, wrapped at `width` (0: never).
    async fn list(&mut self, width: usize) {
        let delim = self.set.delim;
        let mut text = Vec::with_capacity(self.ps.len() + 8);
        let mut col = 0;
        for &b in &self.ps {
            let mut o = [0u8; 4];
            let n = escape_byte(b, &mut o);
            if width > 0 && col + n >= width {
                text.push(b'\\');
                text.push(delim);
                col = 0;
            }
            text.extend_from_slice(&o[..n]);
            col += n;
        }
        text.push(b'$');
        let sink = self.out.sink(To::Main);
        sink.fix_newline(delim).await;
        sink.raw(&text).await;
        sink.raw(&[delim]).await;
        sink.done().await;
    }

    /// `e`: run a command and output what it prints, or (with no command)
    /// run the pattern space and replace it with the output.
    async fn exec_command(&mut self, text: Option<&[u8]>) -> Result<(), Error> {
        match text {
            Some(t) => {
                let cmd = &t[..t.len().saturating_sub(1)];
                let out = self.shell(cmd).await?;
                let sink = self.out.sink(To::Main);
                sink.fix_newline(self.set.delim).await;
                sink.raw(&out).await;
                sink.done().await;
            }
            None => {
                let cmd = std::mem::take(&mut self.ps);
                let mut out = self.shell(&cmd).await?;
                if out.last() == Some(&self.set.delim) {
                    out.pop();
                }
                self.ps = out;
            }
        }
        Ok(())
    }

    /// Run `sh -c CMD` and answer its standard output.
    async fn shell(&mut self, cmd: &[u8]) -> Result<Vec<u8>, Error> {
        let fail = || panic_error("error in subprocess".to_string());
        // What sed printed so far goes out before the child's own output
        // (stderr, or a terminal it writes to directly).
        let _ = self.out.stdout.out.flush().await;
        let (r, w) = self.p.pipe().map_err(|_| fail())?;
        let _ = self.p.set_cloexec(r, true);
        let _ = self.p.set_cloexec(w, true);
        let opts = SpawnOpts {
            argv: vec![
                "sh".to_string(),
                "-c".to_string(),
                String::from_utf8_lossy(cmd).into_owned(),
            ],
            fd_map: vec![(1, Some(w))],
            ..Default::default()
        };
        let spawned = self.p.spawn(Target::Path("/bin/sh".to_string()), opts).await;
        let _ = self.p.close(w).await;
        let Ok(pid) = spawned else {
            let _ = self.p.close(r).await;
            return Err(fail());
        };
        let mut out = Vec::new();
        while let Ok(d) = self.p.read(r, 64 * 1024).await {
            if d.is_empty() {
                break;
            }
            out.extend_from_slice(&d);
        }
        let _ = self.p.close(r).await;
        let _ = self.p.wait(pid).await;
        Ok(out)
    }

    async fn substitute(&mut self, s: &Subst) -> Result<(), Error> {
        let ri = self.use_regex(s.regex)?;
        let re = &self.prog.regexes[ri];
        if self.set.debug && re.captures_at(&self.ps, 0, &mut self.caps) {
            let mut text = b"MATCHED REGEX REGISTERS\n".to_vec();
            for (i, g) in self.caps.iter().enumerate() {
                let Some((s, e)) = *g else { break };
                text.extend_from_slice(format!("  regex[{i}] = {s}-{e} '").as_bytes());
                text.extend_from_slice(&self.ps[s..e]);
                text.extend_from_slice(b"'\n");
            }
            self.note(&text).await;
        }
        if !substitute(re, s, &self.ps, &mut self.accum, &mut self.caps) {
            return Ok(());
        }
        std::mem::swap(&mut self.ps, &mut self.accum);
        self.replaced = true;
        if s.print & 1 != 0 {
            self.out.line(To::Main, &self.ps, self.chomped).await;
        }
        if s.eval {
            self.exec_command(None).await?;
        }
        if s.print & 2 != 0 {
            self.out.line(To::Main, &self.ps, self.chomped).await;
        }
        if let Some(w) = s.write {
            self.out.line(w.into(), &self.ps, self.chomped).await;
        }
        Ok(())
    }
}

/// exit() keeps the low 8 bits of the status.
fn exit_code(n: Option<u64>) -> i32 {
    n.map_or(0, |n| (n & 0xff) as i32)
}

/// `s` on `ps` into `out` (GNU's do_subst). False if there was no Nth
/// match, so nothing changed.
fn substitute(re: &Pattern, s: &Subst, ps: &[u8], out: &mut Vec<u8>, caps: &mut Captures) -> bool {
    let nth = s.nth.max(1);
    let find = |start: usize, caps: &mut Captures| -> Option<(usize, usize)> {
        if s.max_ref > 0 {
            if re.captures_at(ps, start, caps) {
                caps.first().copied().flatten()
            } else {
                None
            }
        } else {
            let m = re.find_at(ps, start)?;
            caps.clear();
            caps.push(Some(m));
            Some(m)
        }
    };
    let Some(mut m) = find(0, caps) else {
        return false;
    };
    out.clear();
    let (mut start, mut last_end, mut count) = (0, 0, 0u64);
    let mut replaced = false;
    loop {
        let (offset, end) = m;
        let mut matched = end - offset;
        out.extend_from_slice(&ps[start..offset]);
        let mut again = true;
        // An empty match right after the previous match is skipped, so
        // `s/a*/x/g` turns `baaac` into `xbxcx`.
        if (matched > 0 || count == 0 || offset > last_end) && {
            count += 1;
            count >= nth
        } {
            replaced = true;
            append_replacement(out, &s.replacement, ps, caps, s.utf8);
            again = s.global;
        } else {
            if matched == 0 {
                if offset >= ps.len() {
                    start = offset;
                    break;
                }
                // Past one character: a UTF-8 sequence stays whole.
                matched = if s.utf8 {
                    common::locale::units(&ps[offset..], Charset::Utf8)
                        .next()
                        .map_or(1, |u| u.len)
                } else {
                    1
                };
            }
            out.extend_from_slice(&ps[offset..offset + matched]);
        }
        start = offset + matched;
        last_end = end;
        if !again || start > ps.len() {
            break;
        }
        match find(start, caps) {
            Some(next) => m = next,
            None => break,
        }
    }
    if start < ps.len() {
        out.extend_from_slice(&ps[start..]);
    }
    replaced
}

/// Expand a replacement (GNU's append_replacement): a `\u` or `\l` that
/// meets an empty group carries over to the next part.
fn append_replacement(out: &mut Vec<u8>, parts: &[Part], ps: &[u8], caps: &Captures, utf8: bool) {
    let charset = if utf8 { Charset::Utf8 } else { Charset::Bytes };
    let mut carry = 0;
    for p in parts {
        let mut case = if p.case & ONE_SHOT != 0 { p.case } else { p.case | carry };
        carry = 0;
        if !p.prefix.is_empty() {
            append_case(out, &p.prefix, case, charset);
            case &= !ONE_SHOT;
        }
        let Some(g) = p.group else { continue };
        let Some(span) = caps.get(g) else { continue };
        let (s, e) = span.unwrap_or((0, 0));
        if s == e {
            if p.case & ONE_SHOT != 0 {
                carry = case & ONE_SHOT;
            }
        } else {
            append_case(out, &ps[s..e], case, charset);
        }
    }
}

/// `text` through `\U`/`\L` (the run) and `\u`/`\l` (its first
/// character), in the locale's characters.
fn append_case(out: &mut Vec<u8>, text: &[u8], case: u8, charset: Charset) {
    if case == 0 || text.is_empty() {
        out.extend_from_slice(text);
        return;
    }
    let mut rest = text;
    let mut case = case;
    if case & ONE_SHOT != 0 {
        let n = common::locale::units(text, charset).next().map_or(1, |u| u.len);
        let first = common::locale::change_case(&text[..n], case & UPPER_FIRST != 0, charset);
        out.extend_from_slice(&first);
        rest = &text[n..];
        case &= !(UPPER_FIRST | LOWER_FIRST);
    }
    if case == 0 {
        out.extend_from_slice(rest);
    } else {
        out.extend_from_slice(&common::locale::change_case(rest, case & UPPER != 0, charset));
    }
}

/// One byte as `l` shows it; answers how many bytes of `o` it used.
fn escape_byte(b: u8, o: &mut [u8; 4]) -> usize {
    let esc = match b {
        b'\\' => Some(b'\\'),
        0x07 => Some(b'a'),
        0x08 => Some(b'b'),
        0x0c => Some(b'f'),
        b'\n' => Some(b'n'),
        b'\r' => Some(b'r'),
        b'\t' => Some(b't'),
        0x0b => Some(b'v'),
        _ => None,
    };
    if let Some(e) = esc {
        o[0] = b'\\';
        o[1] = e;
        return 2;
    }
    if (0x20..0x7f).contains(&b) {
        o[0] = b;
        return 1;
    }
    o[0] = b'\\';
    o[1] = b'0' + (b >> 6);
    o[2] = b'0' + ((b >> 3) & 7);
    o[3] = b'0' + (b & 7);
    4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::{Compiler, Dialect, Origin};

    /// Apply the script's first command (an `s`) to `line`.
    fn sub(script: &str, line: &str) -> String {
        let mut c = Compiler::new(Dialect::default());
        c.add(script.as_bytes().to_vec(), Origin::Expr(1)).unwrap();
        let prog = c.finish().unwrap();
        let Kind::Subst(s) = &prog.cmds[0].kind else {
            panic!("not s")
        };
        let re = &prog.regexes[s.regex.unwrap()];
        let mut out = Vec::new();
        let mut caps = Vec::new();
        if substitute(re, s, line.as_bytes(), &mut out, &mut caps) {
            String::from_utf8(out).unwrap()
        } else {
            line.to_string()
        }
    }

    // Expectations checked with GNU sed 4.9.
    #[test]
    fn empty_matches_and_counts() {
        assert_eq!(sub("s/x*/-/g", "abc"), "-a-b-c-");
        assert_eq!(sub("s/a*/x/g", "baaac"), "xbxcx");
        assert_eq!(sub("s/l*/-/2", "hello"), "h-ello");
        assert_eq!(sub("s/l/L/2g", "hello"), "helLo");
        assert_eq!(sub("s/a/b/3", "aaaa"), "aaba");
        assert_eq!(sub("s/b*$//", "abb"), "a");
        assert_eq!(sub("s/^a/x/g", "aaa"), "xaa");
    }

    #[test]
    fn case_conversion() {
        assert_eq!(sub(r"s/\(\w*\) \(\w*\)/\U\2\E \1/", "hello world"), "WORLD hello");
        assert_eq!(sub(r"s/\(\w*\) \(\w*\)/\u\L\2X \1/", "hello world"), "worldx hello");
        assert_eq!(sub(r"s/\(h\)\(e\)/\U\1\l\2x/", "hello"), "HeXllo");
        assert_eq!(sub(r"s/\<./\u&/g", "hello world"), "Hello World");
        assert_eq!(sub(r"s/\(\)\(b\)/\u\1\2/", "b"), "B");
        assert_eq!(sub(r"s/a/\u\qx/", "a"), "Qx");
    }

    #[test]
    fn list_escapes() {
        let show = |b: u8| {
            let mut o = [0; 4];
            let n = escape_byte(b, &mut o);
            String::from_utf8(o[..n].to_vec()).unwrap()
        };
        assert_eq!(show(b'a'), "a");
        assert_eq!(show(b'\\'), "\\\\");
        assert_eq!(show(b'\t'), "\\t");
        assert_eq!(show(1), "\\001");
        assert_eq!(show(0xe9), "\\351");
    }
}
