//! `dd`: copy and convert blocks (GNU coreutils 9.1).
//!
//! Reads `ibs`-sized blocks, converts them, and writes `obs`-sized blocks;
//! with `bs=` and no conversion that changes data, each input block is
//! written as it was read, as GNU does. The summary is GNU's, on
//! standard error; an interrupt prints it before dd ends, and the note
//! `usr1` prints it and goes on.
//!
//! Not here: the EBCDIC tables (`ascii`, `ebcdic`, `ibm`) and fixed-length
//! records (`block`, `unblock`, `cbs`); each is refused by name.

use std::time::Instant;

use kernel::{Errno, Fd, NodeType, OpenFlags, Proc, SeekFrom, StatChanges};

use common::cli::Cmd;
use common::printf::g_form;
use common::quote::{quote, quotef};
use common::size::parse_size;

const HELP: &str = "Usage: dd [OPERAND]...
  or:  dd OPTION
Copy a file, converting and formatting according to the operands.

  bs=BYTES        read and write up to BYTES bytes at a time (default: 512);
                  overrides ibs and obs
  conv=CONVS      convert the file as per the comma separated symbol list
  count=N         copy only N input blocks
  ibs=BYTES       read up to BYTES bytes at a time (default: 512)
  if=FILE         read from FILE instead of stdin
  iflag=FLAGS     read as per the comma separated symbol list
  obs=BYTES       write BYTES bytes at a time (default: 512)
  of=FILE         write to FILE instead of stdout
  oflag=FLAGS     write as per the comma separated symbol list
  seek=N          (or oseek=N) skip N obs-sized output blocks
  skip=N          (or iseek=N) skip N ibs-sized input blocks
  status=LEVEL    The LEVEL of information to print to stderr;
                  'none' suppresses everything but error messages,
                  'noxfer' suppresses the final transfer statistics,
                  'progress' shows periodic transfer statistics

N and BYTES may be followed by the following multiplicative suffixes:
c=1, w=2, b=512, kB=1000, K=1024, MB=1000*1000, M=1024*1024, xM=M,
GB=1000*1000*1000, G=1024*1024*1024, and so on for T, P, E.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.
If N ends in 'B', it counts bytes not blocks.

Each CONV symbol may be:

  lcase     change upper case to lower case
  ucase     change lower case to upper case
  sparse    try to seek rather than write all-NUL output blocks
  swab      swap every pair of input bytes
  sync      pad every input block with NULs to ibs-size
  excl      fail if the output file already exists
  nocreat   do not create the output file
  notrunc   do not truncate the output file
  noerror   continue after read errors
  fdatasync  physically write output file data before finishing
  fsync     likewise, but also write metadata

Each FLAG symbol may be:

  append    append mode (makes sense only for output; conv=notrunc suggested)
  direct    use direct I/O for data
  directory  fail unless a directory
  dsync     use synchronized I/O for data
  sync      likewise, but also for metadata
  fullblock  accumulate full blocks of input (iflag only)
  noatime   do not update access time
  nocache   Request to drop cache.  See also oflag=sync
  noctty    do not assign controlling terminal from file
  nofollow  do not follow symlinks
  count_bytes  treat 'count=N' as a byte count (iflag only)
  skip_bytes  treat 'skip=N' as a byte count (iflag only)
  seek_bytes  treat 'seek=N' as a byte count (oflag only)

Every fileserver here applies a write before it returns and keeps no
cache, so fsync, fdatasync, direct, dsync, sync and nocache hold by
themselves. The EBCDIC conversions (ascii, ebcdic, ibm) and fixed-length
records (block, unblock, cbs=) are not available.

Posting the note 'usr1' to a running dd (kill -USR1) makes it print I/O
statistics to standard error and then resume copying.

Options are:

      --help        display this help and exit
      --version     output version information and exit
";

/// Conversions (`conv=`) and flags (`iflag=`, `oflag=`), as one set.
#[derive(Default)]
struct Flags {
    lcase: bool,
    ucase: bool,
    swab: bool,
    sync: bool,
    sparse: bool,
    excl: bool,
    nocreat: bool,
    notrunc: bool,
    noerror: bool,
    append: bool,
    fullblock: bool,
    directory: bool,
    count_bytes: bool,
    skip_bytes: bool,
    seek_bytes: bool,
}

/// What each level of `status=` shows.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    None,
    NoXfer,
    Default,
    Progress,
}

struct Settings {
    input: Option<String>,
    output: Option<String>,
    ibs: usize,
    obs: usize,
    /// `bs=` given and no conversion changes the data: blocks pass whole.
    whole_blocks: bool,
    count: Option<u64>,
    skip: u64,
    seek: u64,
    conv: Flags,
    iflag: Flags,
    oflag: Flags,
    level: Level,
}

/// A failure of the command line: the message, and whether the "Try"
/// line follows.
struct Usage(String, bool);

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(&[], HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let settings = match parse(&opts.operands, cmd.p.limits().max_alloc) {
        Ok(s) => s,
        Err(Usage(msg, true)) => return cmd.usage_error(msg, 1).await,
        Err(Usage(msg, false)) => {
            cmd.error(msg).await;
            return 1;
        }
    };
    let mut dd = Dd::new(&cmd, settings);
    let status = dd.run().await;
    cmd.finish(status).await
}

fn parse(operands: &[String], max_alloc: usize) -> Result<Settings, Usage> {
    let mut s = Settings {
        input: None,
        output: None,
        ibs: 512,
        obs: 512,
        whole_blocks: false,
        count: None,
        skip: 0,
        seek: 0,
        conv: Flags::default(),
        iflag: Flags::default(),
        oflag: Flags::default(),
        level: Level::Default,
    };
    let mut bs = None;
    let (mut count_b, mut skip_b, mut seek_b) = (false, false, false);
    for op in operands {
        let Some((key, val)) = op.split_once('=') else {
            return Err(Usage(format!("unrecognized operand {}", quote(op)), true));
        };
        let bytes = |v: &str| -> Result<usize, Usage> {
            match number(v) {
                Some(n) if n > 0 => usize::try_from(n).map_err(|_| invalid_number(v)),
                _ => Err(invalid_number(v)),
            }
        };
        let blocks = |v: &str| number(v).ok_or_else(|| invalid_number(v));
        match key {
            "if" => s.input = Some(val.to_string()),
            "of" => s.output = Some(val.to_string()),
            "ibs" => s.ibs = bytes(val)?,
            "obs" => s.obs = bytes(val)?,
            "bs" => bs = Some(bytes(val)?),
            "cbs" => return Err(Usage("fixed-length records (cbs=) are not available".into(), false)),
            "count" => {
                s.count = Some(blocks(val)?);
                count_b = val.ends_with('B');
            }
            "skip" | "iseek" => {
                s.skip = blocks(val)?;
                skip_b = val.ends_with('B');
            }
            "seek" | "oseek" => {
                s.seek = blocks(val)?;
                seek_b = val.ends_with('B');
            }
            "conv" => s.conv = flags(val, Kind::Conv)?,
            "iflag" => s.iflag = flags(val, Kind::Input)?,
            "oflag" => s.oflag = flags(val, Kind::Output)?,
            "status" => {
                s.level = match val {
                    "none" => Level::None,
                    "noxfer" => Level::NoXfer,
                    "progress" => Level::Progress,
                    _ => return Err(Usage(format!("invalid status level: {}", quote(val)), true)),
                }
            }
            _ => return Err(Usage(format!("unrecognized operand {}", quote(op)), true)),
        }
    }
    if let Some(b) = bs {
        s.ibs = b;
        s.obs = b;
    }
    if s.conv.lcase && s.conv.ucase {
        return Err(Usage("cannot combine lcase and ucase".into(), false));
    }
    if s.conv.excl && s.conv.nocreat {
        return Err(Usage("cannot combine excl and nocreat".into(), false));
    }
    for (size, what) in [(s.ibs, "input"), (s.obs, "output")] {
        if size > max_alloc {
            return Err(Usage(
                format!(
                    "memory exhausted by {what} buffer of size {size} bytes ({})",
                    iec(size as u64)
                ),
                false,
            ));
        }
    }
    s.whole_blocks = bs.is_some() && !(s.conv.lcase || s.conv.ucase || s.conv.swab);
    s.iflag.count_bytes |= count_b;
    s.iflag.skip_bytes |= skip_b;
    s.oflag.seek_bytes |= seek_b;
    Ok(s)
}

fn invalid_number(v: &str) -> Usage {
    Usage(format!("invalid number: {}", quote(v)), false)
}

/// A dd number: factors joined by `x`, each with GNU's suffixes (and a
/// trailing `B` of `count=5B`, which only says "bytes").
fn number(v: &str) -> Option<u64> {
    let mut product: u64 = 1;
    for factor in v.split('x') {
        let f = match factor.strip_suffix('B') {
            Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => digits,
            _ => factor,
        };
        product = product.checked_mul(parse_size(f, "bcw").ok()?)?;
    }
    Some(product)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Conv,
    Input,
    Output,
}

fn flags(list: &str, kind: Kind) -> Result<Flags, Usage> {
    let mut f = Flags::default();
    for word in list.split(',') {
        let slot = match (kind, word) {
            (Kind::Conv, "lcase") => Some(&mut f.lcase),
            (Kind::Conv, "ucase") => Some(&mut f.ucase),
            (Kind::Conv, "swab") => Some(&mut f.swab),
            (Kind::Conv, "sync") => Some(&mut f.sync),
            (Kind::Conv, "sparse") => Some(&mut f.sparse),
            (Kind::Conv, "excl") => Some(&mut f.excl),
            (Kind::Conv, "nocreat") => Some(&mut f.nocreat),
            (Kind::Conv, "notrunc") => Some(&mut f.notrunc),
            (Kind::Conv, "noerror") => Some(&mut f.noerror),
            // Writes are applied when they return: see the help text.
            (Kind::Conv, "fsync" | "fdatasync") => None,
            (Kind::Conv, "ascii" | "ebcdic" | "ibm" | "block" | "unblock") => {
                return Err(Usage(format!("conversion {} is not available", quote(word)), false));
            }
            (_, "append") => Some(&mut f.append),
            (_, "directory") => Some(&mut f.directory),
            (Kind::Input, "fullblock") => Some(&mut f.fullblock),
            (Kind::Input, "count_bytes") => Some(&mut f.count_bytes),
            (Kind::Input, "skip_bytes") => Some(&mut f.skip_bytes),
            (Kind::Output, "seek_bytes") => Some(&mut f.seek_bytes),
            (
                Kind::Input | Kind::Output,
                "direct" | "dsync" | "sync" | "nocache" | "noatime" | "noctty" | "nofollow",
            ) => None,
            _ => {
                let what = match kind {
                    Kind::Conv => "conversion",
                    Kind::Input => "input flag",
                    Kind::Output => "output flag",
                };
                return Err(Usage(format!("invalid {what}: {}", quote(word)), true));
            }
        };
        if let Some(b) = slot {
            *b = true;
        }
    }
    Ok(f)
}

/// Counts for the summary.
#[derive(Default)]
struct Stats {
    in_full: u64,
    in_partial: u64,
    out_full: u64,
    out_partial: u64,
    bytes: u64,
}

struct Dd<'a> {
    cmd: &'a Cmd,
    p: Proc,
    s: Settings,
    stats: Stats,
    start: Instant,
    last_progress: Instant,
    in_fd: Fd,
    out_fd: Fd,
    in_name: String,
    out_name: String,
    /// Output waiting to make an `obs` block.
    obuf: Vec<u8>,
    /// A sparse run left the file short of its end: the size it must have.
    sparse_end: Option<u64>,
    out_regular: bool,
}

/// Why copying stopped early.
enum Stop {
    /// An error was reported: status 1.
    Failed,
    /// A note ended dd: its status.
    Noted(i32),
}

impl<'a> Dd<'a> {
    fn new(cmd: &'a Cmd, s: Settings) -> Dd<'a> {
        let in_name = s.input.clone().unwrap_or_else(|| "standard input".into());
        let out_name = s.output.clone().unwrap_or_else(|| "standard output".into());
        Dd {
            cmd,
            p: cmd.p.clone(),
            s,
            stats: Stats::default(),
            start: Instant::now(),
            last_progress: Instant::now(),
            in_fd: 0,
            out_fd: 1,
            in_name,
            out_name,
            obuf: Vec::new(),
            sparse_end: None,
            out_regular: false,
        }
    }

    async fn say(&self, text: &str) {
        let _ = self.p.write(2, text.as_bytes()).await;
    }

    async fn error(&self, msg: String) {
        self.say(&format!("{}: {msg}\n", self.cmd.name)).await;
    }

    async fn run(&mut self) -> i32 {
        if let Err(status) = self.open().await {
            return status;
        }
        self.p.catch_notes(true);
        let result = self.copy().await;
        let status = match result {
            Ok(()) => 0,
            Err(Stop::Failed) => 1,
            Err(Stop::Noted(status)) => {
                self.summary().await;
                return status;
            }
        };
        let status = match self.finish_output().await {
            Ok(()) => status,
            Err(_) => 1,
        };
        self.summary().await;
        if self.s.input.is_some() {
            let _ = self.p.close(self.in_fd).await;
        }
        if self.s.output.is_some() {
            let _ = self.p.close(self.out_fd).await;
        }
        status
    }

    async fn open(&mut self) -> Result<(), i32> {
        if let Some(name) = self.s.input.clone() {
            match self.p.open(&name, OpenFlags::READ).await {
                Ok(fd) => self.in_fd = fd,
                Err(e) => {
                    self.error(format!("failed to open {}: {}", quote(&name), e.strerror()))
                        .await;
                    return Err(1);
                }
            }
        }
        if self.s.iflag.directory && !self.is_kind(self.in_fd, NodeType::Dir).await {
            self.error(format!("setting flags for {}: Not a directory", quote(&self.in_name)))
                .await;
            return Err(1);
        }
        if let Some(name) = self.s.output.clone() {
            let c = &self.s.conv;
            let flags = OpenFlags {
                read: false,
                write: true,
                create: !c.nocreat,
                exclusive: c.excl,
                truncate: self.s.seek == 0 && !c.notrunc && !self.s.oflag.append,
                append: self.s.oflag.append,
                ..OpenFlags::READ
            };
            match self.p.open(&name, flags).await {
                Ok(fd) => self.out_fd = fd,
                Err(e) => {
                    self.error(format!("failed to open {}: {}", quote(&name), e.strerror()))
                        .await;
                    return Err(1);
                }
            }
        }
        self.out_regular = self.is_kind(self.out_fd, NodeType::File).await;
        Ok(())
    }

    async fn is_kind(&self, fd: Fd, kind: NodeType) -> bool {
        self.p.fstat(fd).await.is_ok_and(|st| st.kind == kind)
    }

    /// Let a note act: an interrupt ends dd (after the summary), `usr1`
    /// prints the summary and copying goes on.
    async fn notes(&mut self) -> Result<(), Stop> {
        if self.p.checkpoint().await.is_ok() {
            return Ok(());
        }
        while let Some(note) = self.p.take_note() {
            if note == "usr1" {
                self.summary().await;
                continue;
            }
            return Err(Stop::Noted(kernel::Status::noted(&note).code));
        }
        Ok(())
    }

    /// A read, or the note that interrupted it.
    async fn read(&mut self, n: usize) -> Result<kernel::Result<Vec<u8>>, Stop> {
        loop {
            match self.p.read(self.in_fd, n).await {
                Err(e) if e.is(Errno::EINTR) => self.notes().await?,
                r => return Ok(r),
            }
        }
    }

    async fn write(&mut self, data: &[u8]) -> Result<(), Stop> {
        let mut done = 0;
        while done < data.len() {
            match self.p.write(self.out_fd, &data[done..]).await {
                Ok(n) => done += n,
                Err(e) if e.is(Errno::EINTR) => self.notes().await?,
                Err(e) => {
                    if !e.is(Errno::EPIPE) {
                        self.error(format!("error writing {}: {}", quote(&self.out_name), e.strerror()))
                            .await;
                    }
                    return Err(Stop::Failed);
                }
            }
        }
        Ok(())
    }

    async fn copy(&mut self) -> Result<(), Stop> {
        self.skip_input().await?;
        self.seek_output().await?;
        let ibs = self.s.ibs;
        // count= counts reads (records), however short; count_bytes counts
        // bytes.
        let bytes_limit = self.s.count.filter(|_| self.s.iflag.count_bytes);
        let records_limit = self.s.count.filter(|_| !self.s.iflag.count_bytes);
        let mut taken: u64 = 0;
        loop {
            if records_limit.is_some_and(|n| self.stats.in_full + self.stats.in_partial >= n) {
                break;
            }
            let want = match bytes_limit {
                Some(l) if taken >= l => break,
                Some(l) => ibs.min((l - taken) as usize),
                None => ibs,
            };
            let mut block = match self.read_block(want).await? {
                Some(b) => b,
                None => break,
            };
            taken += block.len() as u64;
            if block.len() == ibs {
                self.stats.in_full += 1;
            } else {
                self.stats.in_partial += 1;
                if self.s.conv.sync {
                    block.resize(ibs, 0);
                }
            }
            self.convert(&mut block);
            self.emit(block).await?;
            self.progress().await;
            self.notes().await?;
        }
        if !self.obuf.is_empty() {
            let rest = std::mem::take(&mut self.obuf);
            self.put(&rest).await?;
        }
        Ok(())
    }

    /// One input block of up to `want` bytes (a full one with
    /// `iflag=fullblock`); `None` at the end. A read error ends the copy,
    /// or with `conv=noerror` is reported and skipped.
    async fn read_block(&mut self, want: usize) -> Result<Option<Vec<u8>>, Stop> {
        let mut block = Vec::new();
        loop {
            match self.read(want - block.len()).await? {
                Ok(data) if data.is_empty() => break,
                Ok(data) => {
                    if block.is_empty() {
                        block = data;
                    } else {
                        block.extend_from_slice(&data);
                    }
                    if !self.s.iflag.fullblock || block.len() == want {
                        break;
                    }
                }
                Err(e) => {
                    self.error(format!("error reading {}: {}", quote(&self.in_name), e.strerror()))
                        .await;
                    if !self.s.conv.noerror {
                        return Err(Stop::Failed);
                    }
                    self.stats.in_partial += 1;
                    if self.s.conv.sync {
                        return Ok(Some(vec![0; want]));
                    }
                }
            }
        }
        Ok((!block.is_empty()).then_some(block))
    }

    fn convert(&self, block: &mut [u8]) {
        let c = &self.s.conv;
        if c.swab {
            for pair in block.chunks_exact_mut(2) {
                pair.swap(0, 1);
            }
        }
        if c.lcase {
            block.make_ascii_lowercase();
        }
        if c.ucase {
            block.make_ascii_uppercase();
        }
    }

    /// Hand a converted block to the output: whole (`bs=`), or into
    /// `obs`-sized blocks.
    async fn emit(&mut self, block: Vec<u8>) -> Result<(), Stop> {
        if self.s.whole_blocks {
            return self.put(&block).await;
        }
        self.obuf.extend_from_slice(&block);
        let obs = self.s.obs;
        if self.obuf.len() >= obs {
            let buf = std::mem::take(&mut self.obuf);
            let mut chunks = buf.chunks_exact(obs);
            for c in chunks.by_ref() {
                self.put(c).await?;
            }
            self.obuf = chunks.remainder().to_vec();
        }
        Ok(())
    }

    /// Write one output block (or, `conv=sparse`, seek over one of NULs).
    async fn put(&mut self, block: &[u8]) -> Result<(), Stop> {
        if self.s.conv.sparse && self.out_regular && block.iter().all(|&b| b == 0) {
            match self.p.seek(self.out_fd, SeekFrom::Current(block.len() as i64)).await {
                Ok(pos) => self.sparse_end = Some(pos),
                Err(e) => {
                    self.error(format!("{}: cannot seek: {}", quotef(&self.out_name), e.strerror()))
                        .await;
                    return Err(Stop::Failed);
                }
            }
        } else {
            self.write(block).await?;
            self.sparse_end = None;
        }
        if block.len() == self.s.obs {
            self.stats.out_full += 1;
        } else {
            self.stats.out_partial += 1;
        }
        self.stats.bytes += block.len() as u64;
        Ok(())
    }

    /// `skip=`: seek a regular input, read and drop anything else.
    async fn skip_input(&mut self) -> Result<(), Stop> {
        let bytes = if self.s.iflag.skip_bytes {
            self.s.skip
        } else {
            self.s.skip.saturating_mul(self.s.ibs as u64)
        };
        if bytes == 0 {
            return Ok(());
        }
        if let Ok(st) = self.p.fstat(self.in_fd).await
            && st.kind == NodeType::File
        {
            let pos = self.p.seek(self.in_fd, SeekFrom::Current(0)).await.unwrap_or(0);
            let target = pos.saturating_add(bytes);
            if target > st.size {
                let _ = self.p.seek(self.in_fd, SeekFrom::End(0)).await;
                self.cannot_skip().await;
            } else if let Err(e) = self.p.seek(self.in_fd, SeekFrom::Start(target)).await {
                self.error(format!("{}: cannot skip: {}", quotef(&self.in_name), e.strerror()))
                    .await;
                return Err(Stop::Failed);
            }
            return Ok(());
        }
        let mut left = bytes;
        while left > 0 {
            let want = left.min(self.s.ibs as u64) as usize;
            match self.read(want).await? {
                Ok(d) if d.is_empty() => {
                    self.cannot_skip().await;
                    break;
                }
                Ok(d) => left -= d.len() as u64,
                Err(e) => {
                    self.error(format!("{}: cannot skip: {}", quotef(&self.in_name), e.strerror()))
                        .await;
                    return Err(Stop::Failed);
                }
            }
            self.notes().await?;
        }
        Ok(())
    }

    async fn cannot_skip(&self) {
        self.error(format!("{}: cannot skip to specified offset", quotef(&self.in_name)))
            .await;
    }

    /// `seek=`: move a regular output there (cutting it off there unless
    /// `conv=notrunc`); write NULs to anything else.
    async fn seek_output(&mut self) -> Result<(), Stop> {
        let bytes = if self.s.oflag.seek_bytes {
            self.s.seek
        } else {
            self.s.seek.saturating_mul(self.s.obs as u64)
        };
        if bytes == 0 {
            return Ok(());
        }
        if self.out_regular {
            if !self.s.conv.notrunc
                && let Some(name) = &self.s.output
            {
                let changes = StatChanges {
                    size: Some(bytes),
                    ..Default::default()
                };
                if let Err(e) = self.p.wstat(name, &changes).await {
                    self.error(format!(
                        "failed to truncate to {bytes} bytes in output file {}: {}",
                        quote(name),
                        e.strerror()
                    ))
                    .await;
                    return Err(Stop::Failed);
                }
            }
            if let Err(e) = self.p.seek(self.out_fd, SeekFrom::Start(bytes)).await {
                self.error(format!("{}: cannot seek: {}", quotef(&self.out_name), e.strerror()))
                    .await;
                return Err(Stop::Failed);
            }
            return Ok(());
        }
        let zeros = vec![0u8; self.s.obs.min(bytes as usize)];
        let mut left = bytes;
        while left > 0 {
            let n = left.min(zeros.len() as u64) as usize;
            self.write(&zeros[..n]).await?;
            left -= n as u64;
            self.notes().await?;
        }
        Ok(())
    }

    /// A file that ends in a sparse run gets its full size.
    async fn finish_output(&mut self) -> Result<(), ()> {
        let (Some(end), Some(name)) = (self.sparse_end, self.s.output.clone()) else {
            return Ok(());
        };
        let changes = StatChanges {
            size: Some(end),
            ..Default::default()
        };
        match self.p.wstat(&name, &changes).await {
            Ok(()) => Ok(()),
            Err(e) => {
                self.error(format!(
                    "failed to truncate to {end} bytes in output file {}: {}",
                    quote(&name),
                    e.strerror()
                ))
                .await;
                Err(())
            }
        }
    }

    async fn progress(&mut self) {
        if self.s.level != Level::Progress || self.last_progress.elapsed().as_secs() < 1 {
            return;
        }
        self.last_progress = Instant::now();
        let line = self.transfer(true);
        self.say(&format!("\r{line}")).await;
    }

    async fn summary(&self) {
        if self.s.level == Level::None {
            return;
        }
        let st = &self.stats;
        let mut text = String::new();
        if self.s.level == Level::Progress && self.start.elapsed().as_secs() >= 1 {
            text.push('\n');
        }
        text.push_str(&format!(
            "{}+{} records in\n{}+{} records out\n",
            st.in_full, st.in_partial, st.out_full, st.out_partial
        ));
        if self.s.level >= Level::Default {
            text.push_str(&self.transfer(false));
            text.push('\n');
        }
        self.say(&text).await;
    }

    /// GNU's transfer line: bytes (SI, IEC), seconds, rate.
    fn transfer(&self, progress: bool) -> String {
        let bytes = self.stats.bytes;
        let ns = self.start.elapsed().as_nanos();
        let secs = ns as f64 / 1e9;
        let rate = if ns == 0 {
            "Infinity B/s".to_string()
        } else {
            format!("{}/s", rate_text(bytes as f64 * 1e9 / ns as f64))
        };
        let time = if progress {
            format!("{secs:.0} s")
        } else {
            format!("{} s", g_form(secs, 6, false))
        };
        let si = exact(bytes, 1000);
        if bytes < 1000 {
            let unit = if bytes == 1 { "byte" } else { "bytes" };
            return format!("{bytes} {unit} copied, {time}, {rate}");
        }
        if bytes < 1024 {
            return format!("{bytes} bytes ({si}) copied, {time}, {rate}");
        }
        format!("{bytes} bytes ({si}, {}) copied, {time}, {rate}", iec(bytes))
    }
}

const SI_UNITS: [&str; 8] = ["k", "M", "G", "T", "P", "E", "Z", "Y"];

fn iec(n: u64) -> String {
    exact(n, 1024)
}

/// gnulib's `human_readable` for an exact count with autoscale, rounding
/// to nearest, a space and a `B` unit: `2.0 kB`, `1.4 MiB`, `15 MB`.
fn exact(n: u64, base: u64) -> String {
    let unit = |e: usize| {
        if e == 0 {
            "B".to_string()
        } else if base == 1024 {
            format!("{}iB", SI_UNITS[e - 1].to_ascii_uppercase())
        } else {
            format!("{}B", SI_UNITS[e - 1])
        }
    };
    let (mut amt, mut tenths, mut rounding, mut e) = (n, 0u64, 0u64, 0usize);
    if base <= amt {
        loop {
            let r10 = (amt % base) * 10 + tenths;
            let r2 = (r10 % base) * 2 + (rounding >> 1);
            amt /= base;
            tenths = r10 / base;
            rounding = if r2 < base {
                u64::from(r2 != 0)
            } else {
                2 + u64::from(base < r2)
            };
            e += 1;
            if !(base <= amt && e < SI_UNITS.len()) {
                break;
            }
        }
    }
    let mut frac = String::new();
    if e > 0 && amt < 10 {
        if 2 < rounding + (tenths & 1) {
            tenths += 1;
            rounding = 0;
            if tenths == 10 {
                amt += 1;
                tenths = 0;
            }
        }
        if amt < 10 {
            frac = format!(".{tenths}");
            tenths = 0;
            rounding = 0;
        }
    }
    if 5 < tenths + u64::from(0 < rounding + (amt & 1)) {
        amt += 1;
        if amt == base && e < SI_UNITS.len() {
            e += 1;
            amt = 1;
            frac = ".0".into();
        }
    }
    format!("{amt}{frac} {}", unit(e))
}

/// The rate, as gnulib scales an inexact value: always at least one step
/// (`0.5 kB`), one decimal while it fits in four characters.
fn rate_text(v: f64) -> String {
    let mut scale = 1000.0;
    let mut e = 1;
    while scale * 1000.0 <= v && e < SI_UNITS.len() {
        scale *= 1000.0;
        e += 1;
    }
    let amt = v / scale;
    let mut text = format!("{amt:.1}");
    if text.len() > 4 {
        text = format!("{amt:.0}");
    }
    format!("{text} {}B", SI_UNITS[e - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_gnu_prints_them() {
        assert_eq!(exact(2048, 1000), "2.0 kB");
        assert_eq!(exact(2048, 1024), "2.0 KiB");
        assert_eq!(exact(1_500_000, 1000), "1.5 MB");
        assert_eq!(exact(1_500_000, 1024), "1.4 MiB");
        assert_eq!(exact(15_000_000, 1000), "15 MB");
        assert_eq!(exact(15_000_000, 1024), "14 MiB");
        assert_eq!(exact(1_048_576, 1024), "1.0 MiB");
        assert_eq!(exact(1_048_576, 1000), "1.0 MB");
        assert_eq!(exact(999_999, 1000), "1.0 MB");
    }

    #[test]
    fn rates_as_gnu_prints_them() {
        assert_eq!(rate_text(66_000.0), "66.0 kB");
        assert_eq!(rate_text(115_000_000.0), "115 MB");
        assert_eq!(rate_text(0.0), "0.0 kB");
    }

    #[test]
    fn numbers() {
        assert_eq!(number("2x3"), Some(6));
        assert_eq!(number("1K"), Some(1024));
        assert_eq!(number("5B"), Some(5));
        assert_eq!(number("1kB"), Some(1000));
        assert_eq!(number("2b"), Some(1024));
        assert_eq!(number("x"), None);
        assert_eq!(number("-1"), None);
    }
}
