//! `gzip`, `gunzip`, `zcat`: compress and decompress, as GNU gzip 1.12
//! (gunzip is `gzip -d`, zcat is `gzip -dc`, and their messages say
//! `gzip:` as GNU's wrapper scripts' do).
//!
//! The deflate data comes from flate2 (pure Rust), so compressed bytes
//! differ from GNU's; headers are GNU's: the name (unless -n or stdin),
//! the input's mtime, the extra flags for -1 and -9, Unix as the OS.

use std::future::Future;
use std::pin::Pin;

use kernel::{Errno, Fd, NodeType, OpenFlags, Stat, StatChanges};

use common::cli::{Arg, Cmd, Opt, Opts, flag, long, value};
use common::gz::{Deflater, GzError, Member, Src, read_header};
use common::io::Input;
use common::quote::quotef;
use common::time;

const GZIP_HELP: &str = "Usage: gzip [OPTION]... [FILE]...
Compress or uncompress FILEs (by default, compress FILES in-place).

Mandatory arguments to long options are mandatory for short options too.

  -c, --stdout      write on standard output, keep original files unchanged
  -d, --decompress  decompress
  -f, --force       force overwrite of output file and compress links
  -h, --help        give this help
  -k, --keep        keep (don't delete) input files
  -l, --list        list compressed file contents
  -L, --license     display software license
  -n, --no-name     do not save or restore the original name and timestamp
  -N, --name        save or restore the original name and timestamp
  -q, --quiet       suppress all warnings
  -r, --recursive   operate recursively on directories
      --rsyncable   make rsync-friendly archive (accepted; no effect here)
  -S, --suffix=SUF  use suffix SUF on compressed files
      --synchronous synchronous output (no effect here: files live in memory)
  -t, --test        test compressed file integrity
  -v, --verbose     verbose mode
  -V, --version     display version number
  -1, --fast        compress faster
  -9, --best        compress better

With no FILE, or when FILE is -, read standard input.

Only the gzip format is read (not compress's .Z, pack or zip files).
";

const GUNZIP_HELP: &str = "Usage: gunzip [OPTION]... [FILE]...
Uncompress FILEs (by default, in-place).

Mandatory arguments to long options are mandatory for short options too.

  -c, --stdout      write on standard output, keep original files unchanged
  -f, --force       force overwrite of output file and compress links
  -k, --keep        keep (don't delete) input files
  -l, --list        list compressed file contents
  -n, --no-name     do not save or restore the original name and timestamp
  -N, --name        save or restore the original name and timestamp
  -q, --quiet       suppress all warnings
  -r, --recursive   operate recursively on directories
  -S, --suffix=SUF  use suffix SUF on compressed files
      --synchronous synchronous output (no effect here: files live in memory)
  -t, --test        test compressed file integrity
  -v, --verbose     verbose mode
      --help        display this help and exit
      --version     display version information and exit

With no FILE, or when FILE is -, read standard input.
";

const ZCAT_HELP: &str = "Usage: zcat [OPTION]... [FILE]...
Uncompress FILEs to standard output.

  -f, --force       force; read compressed data even from a terminal
  -l, --list        list compressed file contents
  -q, --quiet       suppress all warnings
  -r, --recursive   operate recursively on directories
  -S, --suffix=SUF  use suffix SUF on compressed files
      --synchronous synchronous output (no effect here: files live in memory)
  -t, --test        test compressed file integrity
  -v, --verbose     verbose mode
      --help        display this help and exit
      --version     display version information and exit

With no FILE, or when FILE is -, read standard input.
";

const LICENSE: &str = "gzip (ninebox)
This is free software.  You may redistribute copies of it under the terms of
the GNU General Public License <https://www.gnu.org/licenses/gpl.html>.
There is NO WARRANTY, to the extent permitted by law.
";

const SPEC: &[Opt] = &[
    flag("ascii", 'a'),
    flag("stdout", 'c'),
    long("to-stdout", Arg::No),
    flag("decompress", 'd'),
    long("uncompress", Arg::No),
    flag("force", 'f'),
    flag("help", 'h'),
    flag("keep", 'k'),
    flag("list", 'l'),
    flag("license", 'L'),
    flag("no-time", 'm'),
    flag("time", 'M'),
    flag("no-name", 'n'),
    flag("name", 'N'),
    flag("quiet", 'q'),
    long("silent", Arg::No),
    flag("recursive", 'r'),
    long("rsyncable", Arg::No),
    value("suffix", 'S'),
    long("synchronous", Arg::No),
    flag("test", 't'),
    flag("verbose", 'v'),
    flag("version", 'V'),
    flag("lzw", 'Z'),
    flag("fast", '1'),
    flag("2", '2'),
    flag("3", '3'),
    flag("4", '4'),
    flag("5", '5'),
    flag("6", '6'),
    flag("7", '7'),
    flag("8", '8'),
    flag("best", '9'),
];

/// The longest suffix gzip accepts.
const MAX_SUFFIX: usize = 30;

/// Stop at once, with status 1 (GNU's `abort_gzip`): a damaged input
/// cannot be trusted any further.
struct Abort;

/// What a header read found.
enum Method {
    Deflated,
    /// `-cf` on data that is not gzip: copied as it is.
    Stored,
    /// An error already reported.
    Failed,
    /// Garbage after a member (warned about).
    Garbage,
    /// Only zero bytes after a member.
    Zeros,
}

/// Where data goes.
enum Sink {
    Stdout,
    File(Fd),
    Null,
}

struct Gz {
    decompress: bool,
    to_stdout: bool,
    force: u32,
    keep: bool,
    no_name: bool,
    no_time: bool,
    recursive: bool,
    list: bool,
    verbose: u32,
    quiet: bool,
    test: bool,
    level: u32,
    suffix: String,
    exit_code: i32,
    // Per file.
    ifname: String,
    ofname: String,
    /// The output file while it is being written (removed on abort).
    ofile: Option<String>,
    time_stamp: Option<u64>,
    header_bytes: i64,
    bytes_in: i64,
    bytes_out: i64,
    last_crc: u32,
    last_len: u32,
    part_nb: u32,
    /// Bytes of input read for this file.
    input_size: i64,
    // --list totals.
    total_in: i64,
    total_out: i64,
    list_started: bool,
}

pub async fn gzip(cmd: Cmd) -> i32 {
    run(cmd, false, false, GZIP_HELP).await
}

pub async fn gunzip(cmd: Cmd) -> i32 {
    run(cmd, true, false, GUNZIP_HELP).await
}

pub async fn zcat(cmd: Cmd) -> i32 {
    run(cmd, true, true, ZCAT_HELP).await
}

/// Messages go out exactly as given, after standard output.
async fn say(cmd: &mut Cmd, text: &str) {
    let _ = cmd.out.flush().await;
    let _ = cmd.p.write(2, text.as_bytes()).await;
}

async fn try_help(cmd: &mut Cmd) -> i32 {
    say(cmd, "Try `gzip --help' for more information.\n").await;
    cmd.finish(1).await
}

async fn run(mut cmd: Cmd, decompress: bool, to_stdout: bool, help: &str) -> i32 {
    let opts = match Opts::parse(&cmd.args, SPEC, common::cli::Mode::Permute) {
        Ok(o) => o,
        Err(msg) => {
            say(&mut cmd, &format!("gzip: {msg}\n")).await;
            return try_help(&mut cmd).await;
        }
    };
    let mut g = Gz {
        decompress,
        to_stdout,
        force: 0,
        keep: false,
        no_name: false,
        no_time: false,
        recursive: false,
        list: false,
        verbose: 0,
        quiet: false,
        test: false,
        level: 6,
        suffix: ".gz".to_string(),
        exit_code: 0,
        ifname: String::new(),
        ofname: String::new(),
        ofile: None,
        time_stamp: None,
        header_bytes: 0,
        bytes_in: 0,
        bytes_out: 0,
        last_crc: 0,
        last_len: 0,
        part_nb: 0,
        input_size: 0,
        total_in: 0,
        total_out: 0,
        list_started: false,
    };
    let (mut no_name, mut no_time) = (None, None);
    for (name, v) in &opts.list {
        match *name {
            "stdout" | "to-stdout" => g.to_stdout = true,
            "decompress" | "uncompress" => g.decompress = true,
            "force" => g.force += 1,
            "help" => return cmd.help(help).await,
            "keep" => g.keep = true,
            "list" => {
                g.list = true;
                g.decompress = true;
                g.test = true;
                g.to_stdout = true;
            }
            "license" => return cmd.help(LICENSE).await,
            "no-time" => no_time = Some(true),
            "time" => no_time = Some(false),
            "no-name" => {
                no_name = Some(true);
                no_time = Some(true);
            }
            "name" => {
                no_name = Some(false);
                no_time = Some(false);
            }
            "quiet" | "silent" => {
                g.quiet = true;
                g.verbose = 0;
            }
            "recursive" => g.recursive = true,
            "suffix" => g.suffix = v.clone().unwrap_or_default(),
            "test" => {
                g.test = true;
                g.decompress = true;
                g.to_stdout = true;
            }
            "verbose" => {
                g.verbose += 1;
                g.quiet = false;
            }
            "version" => return cmd.version().await,
            "lzw" => {
                say(&mut cmd, "gzip: -Z not supported in this version\n").await;
                return try_help(&mut cmd).await;
            }
            "fast" | "best" | "2" | "3" | "4" | "5" | "6" | "7" | "8" => {
                g.level = match *name {
                    "fast" => 1,
                    "best" => 9,
                    n => n.parse().unwrap_or(6),
                }
            }
            // --rsyncable and --synchronous change nothing here.
            _ => {}
        }
    }
    // By default names and times are saved when compressing, not
    // restored when decompressing.
    g.no_time = no_time.unwrap_or(g.decompress);
    g.no_name = no_name.unwrap_or(g.decompress);
    if opts.has("ascii") && !g.quiet {
        say(&mut cmd, "gzip: option --ascii ignored on this system\n").await;
    }
    if g.suffix.is_empty() || g.suffix.len() > MAX_SUFFIX {
        say(&mut cmd, &format!("gzip: invalid suffix '{}'\n", g.suffix)).await;
        return cmd.finish(1).await;
    }
    let files = opts.operands.clone();
    let result = if files.is_empty() {
        g.treat_stdin(&mut cmd).await
    } else {
        let mut r = Ok(());
        for f in &files {
            r = g.treat_file(&mut cmd, f.clone()).await;
            if r.is_err() {
                break;
            }
        }
        r
    };
    if result.is_err() {
        // GNU's abort: the partial output file goes, the status is 1.
        if let Some(o) = g.ofile.take() {
            let _ = cmd.p.remove(&o).await;
        }
        return cmd.finish(1).await;
    }
    if g.list && !g.quiet && files.len() > 1 {
        g.list_totals(&mut cmd).await;
    }
    let status = g.exit_code;
    cmd.finish(status).await
}

fn base_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

impl Gz {
    async fn warn(&mut self, cmd: &mut Cmd, text: &str) {
        if !self.quiet {
            say(cmd, text).await;
        }
        if self.exit_code == 0 {
            self.exit_code = 2;
        }
    }

    async fn progerror(&mut self, cmd: &mut Cmd, name: &str, e: &kernel::Error) {
        say(cmd, &format!("gzip: {}: {}\n", quotef(name), e.strerror())).await;
        self.exit_code = 1;
    }

    /// GNU's `gzip_error` and `read_error`: report and stop everything.
    async fn abort(&mut self, cmd: &mut Cmd, what: &str) -> Abort {
        say(cmd, &format!("\ngzip: {}: {what}\n", quotef(&self.ifname))).await;
        Abort
    }

    async fn abort_for(&mut self, cmd: &mut Cmd, e: GzError) -> Abort {
        match e {
            GzError::UnexpectedEof => self.abort(cmd, "unexpected end of file").await,
            GzError::Read(e) => self.abort(cmd, e.strerror()).await,
            _ => self.abort(cmd, "invalid compressed data--format violated").await,
        }
    }

    fn reset_file(&mut self) {
        self.bytes_in = 0;
        self.bytes_out = 0;
        self.header_bytes = 0;
        self.part_nb = 0;
        self.time_stamp = None;
    }

    /// The input's size and time: only a regular file's count.
    fn note_input(&mut self, st: &Stat) {
        self.time_stamp = None;
        if st.kind == NodeType::File && (!self.no_time || self.list) {
            self.time_stamp = Some(st.mtime);
        }
    }

    async fn treat_stdin(&mut self, cmd: &mut Cmd) -> Result<(), Abort> {
        let tty_fd = if self.decompress { 0 } else { 1 };
        if self.force == 0 && !self.list && common::io::is_console(&cmd.p, tty_fd) {
            if !self.quiet {
                let (dir, de) = if self.decompress {
                    ("read from", "de")
                } else {
                    ("written to", "")
                };
                let text = format!(
                    "gzip: compressed data not {dir} a terminal. Use -f to force {de}compression.\nFor help, type: gzip -h\n"
                );
                say(cmd, &text).await;
            }
            self.exit_code = 1;
            return Err(Abort);
        }
        let saved = self.to_stdout;
        self.reset_file();
        self.ifname = "stdin".to_string();
        self.ofname = "stdout".to_string();
        self.to_stdout = true;
        if let Ok(st) = cmd.p.fstat(0).await {
            self.note_input(&st);
        }
        let mut src = Src::new(Input::from_fd(0));
        let r = self.work_stdin(cmd, &mut src).await;
        self.to_stdout = saved;
        r
    }

    async fn work_stdin(&mut self, cmd: &mut Cmd, src: &mut Src) -> Result<(), Abort> {
        let mut sink = Sink::Stdout;
        if !self.decompress {
            self.zip(cmd, src, &mut sink, None, 0).await?;
            if self.verbose > 0 {
                let ratio = ratio(self.bytes_in - (self.bytes_out - self.header_bytes), self.bytes_in);
                say(cmd, &format!("{ratio}\n")).await;
            }
            return Ok(());
        }
        if self.test {
            sink = Sink::Null;
        }
        let mut method = self.get_method(cmd, src, true).await?;
        if matches!(method, Method::Failed | Method::Garbage | Method::Zeros) {
            // GNU ends the whole run here.
            return Err(Abort).or_else(|a| if self.exit_code == 1 { Err(a) } else { Ok(()) });
        }
        method = self.members(cmd, src, &mut sink, method).await?;
        if self.list {
            self.input_size = src.consumed as i64;
            self.do_list(cmd, &method).await;
            return Ok(());
        }
        if self.verbose > 0 && self.test {
            say(cmd, " OK\n").await;
        }
        Ok(())
    }

    /// Decompress members until the input ends; answers the last method.
    async fn members(&mut self, cmd: &mut Cmd, src: &mut Src, sink: &mut Sink, first: Method) -> Result<Method, Abort> {
        let mut method = first;
        loop {
            match method {
                Method::Deflated => {
                    if !self.unzip(cmd, src, sink).await? {
                        return Ok(Method::Failed);
                    }
                }
                Method::Stored => {
                    self.copy(cmd, src, sink).await?;
                    return Ok(Method::Stored);
                }
                _ => return Ok(method),
            }
            match src.fill(&cmd.p).await {
                Ok(true) => {}
                Ok(false) => return Ok(method),
                Err(e) => return Err(self.abort(cmd, e.strerror()).await),
            }
            method = self.get_method(cmd, src, false).await?;
        }
    }

    /// Compress or decompress one operand (or a directory's files, -r).
    fn treat_file<'a>(
        &'a mut self,
        cmd: &'a mut Cmd,
        iname: String,
    ) -> Pin<Box<dyn Future<Output = Result<(), Abort>> + Send + 'a>> {
        Box::pin(async move {
            if iname == "-" {
                return self.treat_stdin(cmd).await;
            }
            self.reset_file();
            let Some((ifname, st)) = self.open_input(cmd, &iname).await else {
                return Ok(());
            };
            self.ifname = ifname;
            if st.is_dir() {
                if self.recursive {
                    return self.treat_dir(cmd, self.ifname.clone()).await;
                }
                let text = format!("gzip: {} is a directory -- ignored\n", quotef(&self.ifname));
                self.warn(cmd, &text).await;
                return Ok(());
            }
            if !self.to_stdout && !self.check_regular(cmd, &st).await {
                return Ok(());
            }
            self.note_input(&st);
            if !self.to_stdout || self.test {
                match self.make_ofname(cmd).await {
                    Some(o) => self.ofname = o,
                    None => return Ok(()),
                }
            } else {
                self.ofname = "stdout".to_string();
            }
            let p = cmd.p.clone();
            let input = match Input::open(&p, &self.ifname).await {
                Ok(i) => i,
                Err(e) => {
                    let name = self.ifname.clone();
                    self.progerror(cmd, &name, &e).await;
                    return Ok(());
                }
            };
            let mut src = Src::new(input);
            let r = self.work_file(cmd, &mut src, &st).await;
            src.input.close(&p).await;
            r
        })
    }

    fn treat_dir<'a>(
        &'a mut self,
        cmd: &'a mut Cmd,
        dir: String,
    ) -> Pin<Box<dyn Future<Output = Result<(), Abort>> + Send + 'a>> {
        Box::pin(async move {
            let entries = match cmd.p.readdir(&dir).await {
                Ok(e) => e,
                Err(e) => {
                    self.progerror(cmd, &dir, &e).await;
                    return Ok(());
                }
            };
            let mut names: Vec<String> = entries.into_iter().map(|e| e.name).collect();
            names.sort();
            names.dedup();
            for n in names {
                let path = if dir.ends_with('/') {
                    format!("{dir}{n}")
                } else {
                    format!("{dir}/{n}")
                };
                self.treat_file(cmd, path).await?;
            }
            Ok(())
        })
    }

    /// The checks GNU makes before replacing a file.
    async fn check_regular(&mut self, cmd: &mut Cmd, st: &Stat) -> bool {
        let name = quotef(&self.ifname);
        let problem = if st.kind != NodeType::File {
            Some(format!("gzip: {name} is not a directory or a regular file - ignored\n"))
        } else if st.mode() & 0o4000 != 0 {
            Some(format!("gzip: {name} is set-user-ID on execution - ignored\n"))
        } else if st.mode() & 0o2000 != 0 {
            Some(format!("gzip: {name} is set-group-ID on execution - ignored\n"))
        } else if self.force == 0 && st.mode() & 0o1000 != 0 {
            Some(format!("gzip: {name} has the sticky bit set - file ignored\n"))
        } else {
            None
        };
        match problem {
            Some(text) => {
                self.warn(cmd, &text).await;
                false
            }
            None => true,
        }
    }

    /// Find the input: the name, or (decompressing) the name with one of
    /// the gzip suffixes added.
    async fn open_input(&mut self, cmd: &mut Cmd, iname: &str) -> Option<(String, Stat)> {
        let p = cmd.p.clone();
        let first = match p.stat(iname).await {
            Ok(st) => return Some((iname.to_string(), st)),
            Err(e) => e,
        };
        if !self.decompress || !first.is(Errno::ENOENT) || get_suffix(iname, &self.suffix).is_some() {
            self.progerror(cmd, iname, &first).await;
            return None;
        }
        let mut suffixes = vec![self.suffix.clone()];
        for s in [".gz", ".z", "-z", ".Z"] {
            if !(s == ".gz" && self.suffix == ".gz") {
                suffixes.push(s.to_string());
            }
        }
        for s in &suffixes {
            let name = format!("{iname}{s}");
            match p.stat(&name).await {
                Ok(st) => return Some((name, st)),
                Err(e) if !e.is(Errno::ENOENT) => {
                    self.progerror(cmd, &name, &e).await;
                    return None;
                }
                Err(_) => {}
            }
        }
        let name = format!("{iname}{}", self.suffix);
        self.progerror(cmd, &name, &Errno::ENOENT.into()).await;
        None
    }

    /// The output name, or `None` (after any message) to skip the file.
    async fn make_ofname(&mut self, cmd: &mut Cmd) -> Option<String> {
        let name = self.ifname.clone();
        let suff = get_suffix(&name, &self.suffix);
        if self.decompress {
            let Some(at) = suff else {
                if !self.recursive && self.test {
                    return Some(name);
                }
                if self.verbose > 0 || (!self.recursive && !self.quiet) {
                    let text = format!("gzip: {}: unknown suffix -- ignored\n", quotef(&name));
                    self.warn(cmd, &text).await;
                }
                return None;
            };
            let lower = name[at..].to_ascii_lowercase();
            let stem = &name[..at];
            return Some(if lower == ".tgz" || lower == ".taz" {
                format!("{stem}.tar")
            } else {
                stem.to_string()
            });
        }
        if let Some(at) = suff
            && self.force == 0
        {
            if self.verbose > 0 || (!self.recursive && !self.quiet) {
                // Not a warning for the status, as in GNU.
                let text = format!(
                    "gzip: {} already has {} suffix -- unchanged\n",
                    quotef(&name),
                    quotef(&name[at..])
                );
                say(cmd, &text).await;
            }
            return None;
        }
        Some(format!("{name}{}", self.suffix))
    }

    async fn work_file(&mut self, cmd: &mut Cmd, src: &mut Src, st: &Stat) -> Result<(), Abort> {
        let mut method = Method::Deflated;
        if self.decompress {
            method = self.get_method(cmd, src, true).await?;
            if matches!(method, Method::Failed | Method::Garbage | Method::Zeros) {
                return Ok(());
            }
        }
        let mut sink = if self.test {
            Sink::Null
        } else if self.to_stdout {
            Sink::Stdout
        } else {
            match self.create_outfile(cmd).await {
                Some(fd) => Sink::File(fd),
                None => return Ok(()),
            }
        };
        if self.verbose > 0 && !self.list {
            say(cmd, &format!("{}:\t", quotef(&self.ifname))).await;
        }
        if self.decompress {
            method = self.members(cmd, src, &mut sink, method).await?;
        } else {
            let name = (!self.no_name).then(|| base_name(&self.ifname).as_bytes().to_vec());
            let mtime = self
                .time_stamp
                .map_or(0, |ms| u32::try_from(ms / 1000).unwrap_or(u32::MAX));
            self.zip(cmd, src, &mut sink, name.as_deref(), mtime).await?;
        }
        if self.list {
            self.input_size = src.consumed as i64;
            self.do_list(cmd, &method).await;
            return Ok(());
        }
        if let Sink::File(fd) = sink {
            self.finish_outfile(cmd, fd, st).await;
        }
        if matches!(method, Method::Failed) {
            if let Some(o) = self.ofile.take() {
                let _ = cmd.p.remove(&o).await;
            }
            return Ok(());
        }
        self.ofile = None;
        if self.verbose > 0 {
            let mut text = if self.test {
                " OK".to_string()
            } else if self.decompress {
                ratio(self.bytes_out - (self.bytes_in - self.header_bytes), self.bytes_out)
            } else {
                ratio(self.bytes_in - (self.bytes_out - self.header_bytes), self.bytes_in)
            };
            if !self.test {
                let how = if self.keep { "created" } else { "replaced with" };
                text.push_str(&format!(" -- {how} {}", quotef(&self.ofname)));
            }
            text.push('\n');
            say(cmd, &text).await;
        }
        Ok(())
    }

    /// Create the output file, new; an existing one is replaced only with
    /// -f.
    async fn create_outfile(&mut self, cmd: &mut Cmd) -> Option<Fd> {
        let p = cmd.p.clone();
        let flags = OpenFlags {
            read: false,
            write: true,
            create: true,
            exclusive: true,
            perm: 0o600,
            ..OpenFlags::READ
        };
        loop {
            match p.open(&self.ofname, flags).await {
                Ok(fd) => {
                    self.ofile = Some(self.ofname.clone());
                    return Some(fd);
                }
                Err(e) if e.is(Errno::EEXIST) => {
                    if self.force == 0 {
                        let text = format!("gzip: {} already exists;\tnot overwritten\n", quotef(&self.ofname));
                        say(cmd, &text).await;
                        if self.exit_code == 0 {
                            self.exit_code = 2;
                        }
                        return None;
                    }
                    if let Err(e) = p.remove(&self.ofname).await {
                        let name = self.ofname.clone();
                        self.progerror(cmd, &name, &e).await;
                        return None;
                    }
                }
                Err(e) => {
                    let name = self.ofname.clone();
                    self.progerror(cmd, &name, &e).await;
                    return None;
                }
            }
        }
    }

    /// Give the output the input's mode, times and owner; remove the
    /// input unless -k.
    async fn finish_outfile(&mut self, cmd: &mut Cmd, fd: Fd, st: &Stat) {
        let p = cmd.p.clone();
        let _ = p.close(fd).await;
        let mut mtime = st.mtime;
        if self.decompress
            && !self.no_time
            && let Some(t) = self.time_stamp
            && t != st.mtime
        {
            mtime = t;
            if self.verbose > 1 {
                say(cmd, &format!("{}: timestamp restored\n", quotef(&self.ofname))).await;
            }
        }
        let changes = StatChanges {
            mode: Some(st.mode() & 0o777),
            mtime: Some(mtime),
            ..StatChanges::default()
        };
        if let Err(e) = p.wstat(&self.ofname, &changes).await {
            let text = format!("gzip: {}: {}\n", quotef(&self.ofname), e.strerror());
            self.warn(cmd, &text).await;
        }
        let owner = StatChanges {
            uid: st.uid,
            gid: st.gid,
            ..StatChanges::default()
        };
        if !owner.is_empty() {
            // As GNU's fchown: a failure is no problem.
            let _ = p.wstat(&self.ofname, &owner).await;
        }
        if !self.keep
            && let Err(e) = p.remove(&self.ifname).await
        {
            let text = format!("gzip: {}: {}\n", quotef(&self.ifname), e.strerror());
            self.warn(cmd, &text).await;
        }
    }

    async fn write(&mut self, cmd: &mut Cmd, sink: &mut Sink, data: &[u8]) -> Result<(), Abort> {
        match sink {
            Sink::Null => Ok(()),
            Sink::Stdout => {
                cmd.out.write(data).await;
                if cmd.out.failed() {
                    return Err(self.write_error(cmd).await);
                }
                Ok(())
            }
            Sink::File(fd) => match cmd.p.write(*fd, data).await {
                Ok(_) => Ok(()),
                Err(e) => {
                    let name = self.ofname.clone();
                    say(cmd, &format!("gzip: {}: {}\n", quotef(&name), e.strerror())).await;
                    Err(Abort)
                }
            },
        }
    }

    async fn write_error(&mut self, cmd: &mut Cmd) -> Abort {
        if let Err(e) = cmd.out.flush().await
            && !e.is(Errno::EPIPE)
        {
            let _ = cmd
                .p
                .write(2, format!("gzip: stdout: {}\n", e.strerror()).as_bytes())
                .await;
        }
        Abort
    }

    /// Compress all of `src` as one member.
    async fn zip(
        &mut self,
        cmd: &mut Cmd,
        src: &mut Src,
        sink: &mut Sink,
        name: Option<&[u8]>,
        mtime: u32,
    ) -> Result<(), Abort> {
        let (mut d, header) = Deflater::new(self.level, name, mtime);
        self.header_bytes = header.len() as i64 + 8;
        self.bytes_out = header.len() as i64;
        self.write(cmd, sink, &header).await?;
        let p = cmd.p.clone();
        loop {
            match src.fill(&p).await {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(self.abort(cmd, e.strerror()).await),
            }
            let data = src.available().to_vec();
            src.consume(data.len());
            self.bytes_in += data.len() as i64;
            let out = d.push(&data);
            self.bytes_out += out.len() as i64;
            self.write(cmd, sink, &out).await?;
        }
        let out = d.finish();
        self.bytes_out += out.len() as i64;
        self.write(cmd, sink, &out).await
    }

    /// Inflate one member. False (after the message) for a bad trailer
    /// when testing; any other problem ends the run.
    async fn unzip(&mut self, cmd: &mut Cmd, src: &mut Src, sink: &mut Sink) -> Result<bool, Abort> {
        let p = cmd.p.clone();
        let mut m = Member::new();
        let start_in = src.consumed;
        loop {
            match m.next(src, &p).await {
                Ok(Some(data)) => {
                    self.bytes_out += data.len() as i64;
                    self.write(cmd, sink, &data).await?;
                }
                Ok(None) => break,
                Err(e) => return Err(self.abort_for(cmd, e).await),
            }
        }
        self.bytes_in += (src.consumed - start_in) as i64;
        self.last_crc = m.stored_crc;
        self.last_len = m.stored_len;
        if let Err(GzError::Check { crc, length }) = m.check(m.out_len) {
            let mut text = String::new();
            let name = quotef(&self.ifname);
            if crc {
                text.push_str(&format!("\ngzip: {name}: invalid compressed data--crc error\n"));
            }
            if length {
                text.push_str(&format!("\ngzip: {name}: invalid compressed data--length error\n"));
            }
            say(cmd, &text).await;
            self.exit_code = 1;
            if !self.test {
                return Err(Abort);
            }
            return Ok(false);
        }
        Ok(true)
    }

    /// `-cf` on something not compressed: pass it through.
    async fn copy(&mut self, cmd: &mut Cmd, src: &mut Src, sink: &mut Sink) -> Result<(), Abort> {
        let p = cmd.p.clone();
        loop {
            match src.fill(&p).await {
                Ok(true) => {}
                Ok(false) => return Ok(()),
                Err(e) => return Err(self.abort(cmd, e.strerror()).await),
            }
            let data = src.available().to_vec();
            src.consume(data.len());
            self.bytes_in += data.len() as i64;
            self.bytes_out += data.len() as i64;
            self.write(cmd, sink, &data).await?;
        }
    }

    /// Read a member's magic number and header (GNU's `get_method`).
    async fn get_method(&mut self, cmd: &mut Cmd, src: &mut Src, first: bool) -> Result<Method, Abort> {
        let p = cmd.p.clone();
        let lenient = self.force > 0 && self.to_stdout;
        let start = src.consumed;
        let m0 = match src.byte(&p).await {
            Ok(b) => b,
            Err(e) => return Err(self.abort(cmd, e.strerror()).await),
        };
        if m0.is_none() && !lenient {
            return Err(self.abort(cmd, "unexpected end of file").await);
        }
        let m1 = if lenient || m0 == Some(0) {
            src.byte(&p).await.ok().flatten()
        } else {
            match src.byte(&p).await {
                Ok(Some(b)) => Some(b),
                Ok(None) => return Err(self.abort(cmd, "unexpected end of file").await),
                Err(e) => return Err(self.abort(cmd, e.strerror()).await),
            }
        };
        self.part_nb += 1;
        if m0 == Some(0x1f) && matches!(m1, Some(0x8b) | Some(0x9e)) {
            return self.gzip_header(cmd, src).await;
        }
        if lenient && !self.list {
            // Not compressed: copy it, these two bytes first.
            self.bytes_in += (src.consumed - start) as i64;
            let head: Vec<u8> = [m0, m1].into_iter().flatten().collect();
            self.bytes_out += head.len() as i64;
            let mut sink = if self.test { Sink::Null } else { Sink::Stdout };
            self.write(cmd, &mut sink, &head).await?;
            return Ok(Method::Stored);
        }
        let name = quotef(&self.ifname);
        if self.part_nb == 1 || first {
            say(cmd, &format!("\ngzip: {name}: not in gzip format\n")).await;
            self.exit_code = 1;
            return Ok(Method::Failed);
        }
        if m0 == Some(0) {
            let mut b = m1;
            while b == Some(0) {
                b = src.byte(&p).await.ok().flatten();
            }
            if b.is_none() {
                if self.verbose > 0 {
                    let text = format!("\ngzip: {name}: decompression OK, trailing zero bytes ignored\n");
                    self.warn(cmd, &text).await;
                }
                return Ok(Method::Zeros);
            }
        }
        let text = format!("\ngzip: {name}: decompression OK, trailing garbage ignored\n");
        self.warn(cmd, &text).await;
        Ok(Method::Garbage)
    }

    async fn gzip_header(&mut self, cmd: &mut Cmd, src: &mut Src) -> Result<Method, Abort> {
        let p = cmd.p.clone();
        let name = quotef(&self.ifname);
        let h = match read_header(src, &p).await {
            Ok(h) => h,
            Err(GzError::UnknownMethod(m)) => {
                say(cmd, &format!("gzip: {name}: unknown method {m} -- not supported\n")).await;
                self.exit_code = 1;
                return Ok(Method::Failed);
            }
            Err(GzError::Encrypted) => {
                say(cmd, &format!("gzip: {name} is encrypted -- not supported\n")).await;
                self.exit_code = 1;
                return Ok(Method::Failed);
            }
            Err(GzError::Flags(f)) => {
                say(cmd, &format!("gzip: {name} has flags 0x{f:x} -- not supported\n")).await;
                self.exit_code = 1;
                return Ok(Method::Failed);
            }
            Err(e) => return Err(self.abort_for(cmd, e).await),
        };
        if h.mtime != 0 && !self.no_time {
            self.time_stamp = Some(u64::from(h.mtime) * 1000);
        }
        if let Some(n) = &h.name
            && !(self.no_name || (self.to_stdout && !self.list) || self.part_nb > 1)
        {
            // The stored name replaces the base of the output name.
            let stored = String::from_utf8_lossy(n).into_owned();
            let stored = base_name(&stored).to_string();
            let dir_len = self.ofname.len() - base_name(&self.ofname).len();
            self.ofname = format!("{}{stored}", &self.ofname[..dir_len]);
        }
        if self.part_nb == 1 {
            self.header_bytes = h.len as i64 + 8;
        }
        Ok(Method::Deflated)
    }

    /// One `--list` line (after the heading, the first time).
    async fn do_list(&mut self, cmd: &mut Cmd, method: &Method) {
        if !matches!(method, Method::Deflated | Method::Stored) {
            // GNU prints nothing for a file that ended badly.
            return;
        }
        let mut out = String::new();
        if !self.list_started {
            self.list_started = true;
            if self.verbose > 0 {
                out.push_str("method  crc     date  time  ");
            }
            if !self.quiet {
                out.push_str(&format!(
                    "{:>19} {:>19}  ratio uncompressed_name\n",
                    "compressed", "uncompressed"
                ));
            }
        }
        let (bytes_in, bytes_out) = match method {
            Method::Stored => (self.bytes_in, self.bytes_out),
            _ => (self.bytes_in_total(), i64::from(self.last_len)),
        };
        if self.verbose > 0 {
            let (kind, crc) = match method {
                Method::Stored => ("store", 0xffff_ffffu32),
                _ => ("defla", self.last_crc),
            };
            let secs = self.time_stamp.map_or(0, |ms| (ms / 1000) as i64);
            let t = time::tm(secs);
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let month = MONTHS[(t.month as usize).saturating_sub(1) % 12];
            out.push_str(&format!(
                "{kind:>5} {crc:08x} {month}{:3} {:02}:{:02} ",
                t.day, t.hour, t.min
            ));
        }
        out.push_str(&format!("{bytes_in:>19} {bytes_out:>19} "));
        self.total_in += bytes_in;
        self.total_out += bytes_out;
        out.push_str(&ratio(bytes_out - (bytes_in - self.header_bytes), bytes_out));
        out.push_str(&format!(" {}\n", quotef(&self.ofname)));
        cmd.out.write_str(&out).await;
    }

    /// The compressed size GNU lists: the whole input, all members.
    fn bytes_in_total(&self) -> i64 {
        self.input_size
    }

    async fn list_totals(&mut self, cmd: &mut Cmd) {
        if self.total_in <= 0 || self.total_out <= 0 {
            return;
        }
        let mut out = String::new();
        if self.verbose > 0 {
            out.push_str(&" ".repeat(28));
        }
        out.push_str(&format!("{:>19} {:>19} ", self.total_in, self.total_out));
        out.push_str(&ratio(
            self.total_out - (self.total_in - self.header_bytes),
            self.total_out,
        ));
        out.push_str(" (totals)\n");
        cmd.out.write_str(&out).await;
    }
}

/// GNU's `display_ratio`: `%5.1f%%`.
fn ratio(num: i64, den: i64) -> String {
    let r = if den == 0 { 0.0 } else { 100.0 * num as f64 / den as f64 };
    format!("{r:5.1}%")
}

/// Where a gzip suffix starts in `name`, if it has one: the -S suffix,
/// `.gz`, `.z`, `.taz`, `.tgz`, `-gz`, `-z` or `_z`, in any case.
fn get_suffix(name: &str, z_suffix: &str) -> Option<usize> {
    const KNOWN: [&str; 7] = [".gz", ".z", ".taz", ".tgz", "-gz", "-z", "_z"];
    let z = z_suffix.to_ascii_lowercase();
    // A -S suffix that ends one of the known ones is tried last.
    let of_builtin = KNOWN.iter().any(|k| z.len() < k.len() && k.ends_with(z.as_str()));
    let mut list: Vec<&str> = Vec::new();
    if !of_builtin {
        list.push(&z);
    }
    list.extend(KNOWN);
    if of_builtin {
        list.push(&z);
    }
    let bytes = name.as_bytes();
    let tail_start = bytes.len().saturating_sub(MAX_SUFFIX + 2);
    let tail = name.as_bytes()[tail_start..].to_ascii_lowercase();
    for s in list {
        let s = s.as_bytes();
        if tail.len() > s.len() && tail[tail.len() - s.len() - 1] != b'/' && tail.ends_with(s) {
            return Some(bytes.len() - s.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes() {
        assert_eq!(get_suffix("a.gz", ".gz"), Some(1));
        assert_eq!(get_suffix("a.GZ", ".gz"), Some(1));
        assert_eq!(get_suffix("a.tgz", ".gz"), Some(1));
        assert_eq!(get_suffix("a_z", ".gz"), Some(1));
        assert_eq!(get_suffix(".gz", ".gz"), None);
        assert_eq!(get_suffix("d/.gz", ".gz"), None);
        assert_eq!(get_suffix("a.txt", ".gz"), None);
        assert_eq!(get_suffix("a.xyz", ".xyz"), Some(1));
    }

    #[test]
    fn ratios() {
        assert_eq!(ratio(12, 30), " 40.0%");
        assert_eq!(ratio(-2, 3), "-66.7%");
        assert_eq!(ratio(-23, 2), "-1150.0%");
        assert_eq!(ratio(1, 0), "  0.0%");
    }
}
