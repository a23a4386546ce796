//! Searching one input: reading it in large buffers, finding selected
//! lines with one regex search per buffer (not per line), and printing
//! them with their context, prefixes and colors exactly as GNU grep.
//!
//! The buffer holds whole lines only; the partial line at its end (the
//! "residue") moves to the front of the next one, together with the last
//! lines that may become leading context (-B). Memory is bounded by the
//! read size plus the longest line.

use memchr::{memchr, memchr_iter, memrchr};

use super::matcher::Matcher;
use super::{BinaryFiles, Colors, Config, ListFiles, Outcome};
use common::cli::Cmd;

/// How much one read asks for.
const READ_SIZE: usize = 96 * 1024;
/// Output is handed on once this much is queued.
const FLUSH_AT: usize = 64 * 1024;

const SEP_SELECTED: u8 = b':';
const SEP_CONTEXT: u8 = b'-';

/// The search state: the matcher, and what carries across inputs.
pub struct Search {
    m: Matcher,
    /// Something was printed (a group separator may follow).
    used: bool,
    /// -q saw a selected line: the run is over.
    pub exit_now: bool,
}

/// One input's scan.
struct Scan<'a> {
    cfg: &'a Config,
    name: &'a str,
    out_file: bool,
    out: Vec<u8>,
    offset_width: usize,
    /// Bytes of the input before the buffer.
    total_cc: u64,
    /// Lines counted, up to `last_nl` in the buffer.
    total_nl: u64,
    last_nl: usize,
    /// Where the last printed line ended in the buffer; None if nothing
    /// printed is adjacent to the buffer's start.
    last_out: Option<usize>,
    /// Trailing context lines still to print.
    pending: i64,
    /// Selected lines still allowed (-m).
    outleft: i64,
    out_quiet: bool,
    done_on_match: bool,
    /// Input offset just after the last selected line.
    after_last_match: u64,
}

impl Search {
    pub fn new(m: Matcher) -> Search {
        Search {
            m,
            used: false,
            exit_now: false,
        }
    }

    /// The file name, in its color.
    pub fn file_name(&self, cfg: &Config, name: &str, out: &mut Vec<u8>) {
        sgr_start(cfg, |c| &c.file, out);
        out.extend_from_slice(name.as_bytes());
        sgr_end(cfg, |c| &c.file, out);
    }

    /// A separator character, in its color.
    pub fn sep(&self, cfg: &Config, sep: u8, out: &mut Vec<u8>) {
        sgr_start(cfg, |c| &c.sep, out);
        out.push(sep);
        sgr_end(cfg, |c| &c.sep, out);
    }

    /// Search the input on `fd`: print what the options ask for, and
    /// answer how many lines were selected.
    pub async fn grep(
        &mut self,
        cmd: &mut Cmd,
        cfg: &Config,
        fd: kernel::Fd,
        name: &str,
        out_file: bool,
        size: Option<u64>,
    ) -> Outcome {
        let mut scan = Scan {
            cfg,
            name,
            out_file,
            out: Vec::new(),
            offset_width: 0,
            total_cc: 0,
            total_nl: 0,
            last_nl: 0,
            last_out: None,
            pending: 0,
            outleft: cfg.max_count,
            out_quiet: cfg.out_quiet,
            done_on_match: cfg.done_on_match,
            after_last_match: 0,
        };
        if cfg.align_tabs {
            // GNU: wide enough for the largest offset the file can have.
            let mut num = size.map_or(i64::MAX, |s| i64::try_from(s).unwrap_or(i64::MAX));
            if cfg.line_number && num < i64::MAX {
                num += 1;
            }
            scan.offset_width = num.to_string().len();
        }
        let eol = cfg.eol;
        let mut buf: Vec<u8> = Vec::new();
        let mut nlines: i64 = 0;
        // Selected lines when NULs were first seen: a binary file.
        let mut nlines_first_null: i64 = -1;
        let mut zap = false;
        let mut residue = 0usize;
        let mut error = None;
        let mut stopped = false;
        let p = cmd.p.clone();
        loop {
            let save = buf.len();
            let data = match p.read(fd, READ_SIZE).await {
                Ok(d) => d,
                Err(e) => {
                    error = Some(e);
                    stopped = true;
                    break;
                }
            };
            if nlines_first_null < 0 && eol != 0 && cfg.binary_files != BinaryFiles::Text && memchr(0, &data).is_some()
            {
                if cfg.binary_files == BinaryFiles::WithoutMatch {
                    return Outcome {
                        count: 0,
                        error: None,
                        stopped_after: None,
                    };
                }
                if !cfg.count {
                    scan.out_quiet = true;
                    if cfg.max_count == i64::MAX {
                        scan.done_on_match = true;
                    }
                }
                nlines_first_null = nlines;
                zap = true;
            }
            if data.is_empty() {
                break;
            }
            if buf.is_empty() {
                buf = data;
            } else {
                buf.extend_from_slice(&data);
            }
            if zap {
                // GNU turns NULs into line ends in a binary file: the lines
                // are never printed, and NUL runs do not make huge lines.
                for b in &mut buf[save..] {
                    if *b == 0 {
                        *b = eol;
                    }
                }
            }
            let beg = save - residue;
            let lim = memrchr(eol, &buf[save..]).map_or(beg, |i| save + i + 1);
            residue = buf.len() - lim;
            if beg < lim {
                if scan.outleft > 0 {
                    nlines += scan.grepbuf(&mut self.m, &mut self.used, &mut self.exit_now, &buf, beg, lim);
                }
                if scan.pending > 0 {
                    scan.prpending(&mut self.m, &buf, lim);
                }
                self.flush(cmd, &mut scan, false).await;
                if self.exit_now {
                    return Outcome {
                        count: nlines,
                        error,
                        stopped_after: None,
                    };
                }
                if (scan.outleft == 0 && scan.pending == 0) || (scan.done_on_match && nlines_first_null.max(0) < nlines)
                {
                    stopped = true;
                    break;
                }
            }
            // Keep the lines that may be leading context for what comes.
            let mut keep = lim;
            let mut i: i64 = 0;
            while i < cfg.before && keep > 0 && Some(keep) != scan.last_out {
                i += 1;
                keep = line_start_before(&buf, keep - 1, eol);
            }
            scan.last_out = if Some(keep) == scan.last_out { Some(0) } else { None };
            if cfg.line_number {
                scan.nlscan(&buf, keep);
            }
            scan.last_nl = 0;
            scan.total_cc += keep as u64;
            buf.drain(..keep);
        }
        if residue > 0 && !stopped {
            buf.push(eol);
            let beg = buf.len() - 1 - residue;
            let lim = buf.len();
            if scan.outleft > 0 {
                nlines += scan.grepbuf(&mut self.m, &mut self.used, &mut self.exit_now, &buf, beg, lim);
            }
            if scan.pending > 0 {
                scan.prpending(&mut self.m, &buf, lim);
            }
        }
        self.flush(cmd, &mut scan, true).await;
        if self.exit_now {
            return Outcome {
                count: nlines,
                error,
                stopped_after: None,
            };
        }
        if cfg.binary_files == BinaryFiles::Binary
            && !cfg.out_quiet
            && nlines_first_null >= 0
            && nlines_first_null < nlines
        {
            let _ = cmd.out.flush().await;
            cmd.error(format!("{name}: binary file matches")).await;
        }
        let stopped_after = (scan.outleft == 0).then_some(scan.after_last_match);
        Outcome {
            count: nlines,
            error,
            stopped_after,
        }
    }

    async fn flush(&mut self, cmd: &mut Cmd, scan: &mut Scan<'_>, all: bool) {
        if !scan.out.is_empty() && (all || scan.out.len() >= FLUSH_AT || scan.cfg.line_buffered || self.exit_now) {
            cmd.out.write(&scan.out).await;
            scan.out.clear();
            if scan.cfg.line_buffered {
                let _ = cmd.out.flush().await;
            }
        }
    }
}

/// The start of the line that ends at `end` (a terminator's index).
fn line_start_before(buf: &[u8], end: usize, eol: u8) -> usize {
    memrchr(eol, &buf[..end]).map_or(0, |i| i + 1)
}

fn sgr_start(cfg: &Config, pick: impl Fn(&Colors) -> &String, out: &mut Vec<u8>) {
    if let Some(c) = &cfg.colors {
        sgr_start_with(c, pick(c), out);
    }
}

fn sgr_end(cfg: &Config, pick: impl Fn(&Colors) -> &String, out: &mut Vec<u8>) {
    if let Some(c) = &cfg.colors {
        sgr_end_with(c, pick(c), out);
    }
}

fn sgr_start_with(c: &Colors, code: &str, out: &mut Vec<u8>) {
    if !code.is_empty() {
        out.extend_from_slice(b"\x1b[");
        out.extend_from_slice(code.as_bytes());
        out.push(b'm');
        if !c.no_erase {
            out.extend_from_slice(b"\x1b[K");
        }
    }
}

fn sgr_end_with(c: &Colors, code: &str, out: &mut Vec<u8>) {
    if !code.is_empty() {
        out.extend_from_slice(b"\x1b[m");
        if !c.no_erase {
            out.extend_from_slice(b"\x1b[K");
        }
    }
}

impl Scan<'_> {
    /// Count line ends up to `lim`.
    fn nlscan(&mut self, buf: &[u8], lim: usize) {
        if self.last_nl < lim {
            self.total_nl += memchr_iter(self.cfg.eol, &buf[self.last_nl..lim]).count() as u64;
        }
        self.last_nl = lim;
    }

    /// Scan `buf[beg..lim]` (whole lines) for selected lines and print
    /// them; answers how many were selected.
    fn grepbuf(
        &mut self,
        m: &mut Matcher,
        used: &mut bool,
        exit_now: &mut bool,
        buf: &[u8],
        beg: usize,
        lim: usize,
    ) -> i64 {
        let outleft0 = self.outleft;
        let invert = self.cfg.invert;
        let mut p = beg;
        while p < lim {
            let (b, endp) = match m.find_line(buf, p, lim) {
                Some(found) => found,
                None if invert => (lim, lim),
                None => break,
            };
            if !invert || p < b {
                if self.cfg.list != ListFiles::None {
                    return 1;
                }
                let (prbeg, prend) = if invert { (p, b) } else { (b, endp) };
                self.prtext(m, used, buf, prbeg, prend);
                if self.outleft == 0 || self.done_on_match {
                    if self.cfg.exit_on_match {
                        *exit_now = true;
                    }
                    break;
                }
            }
            p = endp;
        }
        outleft0 - self.outleft
    }

    /// Print the selected lines `buf[beg..lim]` (one line, or with -v a
    /// run of lines) with their context.
    fn prtext(&mut self, m: &mut Matcher, used: &mut bool, buf: &[u8], beg: usize, lim: usize) {
        let cfg = self.cfg;
        let eol = cfg.eol;
        if !self.out_quiet && self.pending > 0 {
            self.prpending(m, buf, beg);
        }
        let mut p = beg;
        if !self.out_quiet {
            let bp = self.last_out.unwrap_or(0);
            for _ in 0..cfg.before.max(0) {
                if p > bp {
                    p = line_start_before(buf, p - 1, eol);
                }
            }
            if (cfg.before >= 0 || cfg.after >= 0)
                && *used
                && Some(p) != self.last_out
                && let Some(sep) = &cfg.group_separator
            {
                sgr_start(cfg, |c| &c.sep, &mut self.out);
                self.out.extend_from_slice(sep.as_bytes());
                sgr_end(cfg, |c| &c.sep, &mut self.out);
                self.out.push(b'\n');
            }
            while p < beg {
                let nl = memchr(eol, &buf[p..]).map_or(buf.len(), |i| p + i + 1);
                self.prline(m, buf, p, nl, SEP_CONTEXT);
                p = nl;
            }
        }
        let n;
        if cfg.invert {
            let mut k = 0;
            while p < lim && k < self.outleft {
                let nl = memchr(eol, &buf[p..]).map_or(buf.len(), |i| p + i + 1);
                if !self.out_quiet {
                    self.prline(m, buf, p, nl, SEP_SELECTED);
                }
                p = nl;
                k += 1;
            }
            n = k;
        } else {
            if !self.out_quiet {
                self.prline(m, buf, beg, lim, SEP_SELECTED);
            }
            n = 1;
        }
        let end = if cfg.invert { p } else { lim };
        self.after_last_match = self.total_cc + end as u64;
        self.pending = if self.out_quiet { 0 } else { cfg.after.max(0) };
        *used = true;
        self.outleft -= n;
    }

    /// Print trailing context lines before `lim`.
    fn prpending(&mut self, m: &mut Matcher, buf: &[u8], lim: usize) {
        let mut lo = self.last_out.unwrap_or(0);
        self.last_out = Some(lo);
        while self.pending > 0 && lo < lim {
            let nl = memchr(self.cfg.eol, &buf[lo..]).map_or(buf.len(), |i| lo + i + 1);
            self.prline(m, buf, lo, nl, SEP_CONTEXT);
            lo = nl;
            self.pending -= 1;
        }
    }

    /// Print one line (`buf[beg..lim]`, terminator included): its head,
    /// and the line itself, its matches or its colored matches.
    fn prline(&mut self, m: &mut Matcher, buf: &[u8], beg: usize, lim: usize, sep: u8) {
        let cfg = self.cfg;
        if !cfg.only_matching {
            self.line_head(buf, beg, lim - beg - 1, lim, sep);
        }
        let matching = (sep == SEP_SELECTED) ^ cfg.invert;
        let mut beg = beg;
        let (line_color, match_color) = match &cfg.colors {
            Some(c) => {
                let selected_look = (sep == SEP_SELECTED) ^ (cfg.invert && c.reverse);
                let line = if selected_look {
                    &c.selected_line
                } else {
                    &c.context_line
                };
                let mat = if sep == SEP_SELECTED {
                    &c.selected_match
                } else {
                    &c.context_match
                };
                (line.as_str(), mat.as_str())
            }
            None => ("", ""),
        };
        let colored = cfg.colors.is_some() && (!line_color.is_empty() || !match_color.is_empty());
        if (cfg.only_matching && matching) || colored {
            if matching && (cfg.only_matching || !match_color.is_empty()) {
                beg = self.line_middle(m, buf, beg, lim, line_color, match_color);
            }
            if !cfg.only_matching && !line_color.is_empty() {
                beg = self.line_tail(buf, beg, lim, line_color);
            }
        }
        if !cfg.only_matching && lim > beg {
            self.out.extend_from_slice(&buf[beg..lim]);
        }
        self.last_out = Some(lim);
    }

    /// The matches of a line: printed alone (-o), or colored within it.
    /// Answers where the rest of the line starts.
    fn line_middle(
        &mut self,
        m: &mut Matcher,
        buf: &[u8],
        beg: usize,
        lim: usize,
        line_color: &str,
        match_color: &str,
    ) -> usize {
        let cfg = self.cfg;
        let le = lim - 1;
        let mut cur = beg;
        let mut mid: Option<usize> = None;
        while cur < lim {
            let Some((b, e)) = m.find_in_line(buf, beg, le, cur.min(le)) else {
                break;
            };
            if b >= lim {
                break;
            }
            let size;
            if e == b {
                // An empty match: step over one byte (there may be more
                // matches after it).
                size = 1;
                if mid.is_none() {
                    mid = Some(cur);
                }
            } else {
                size = e - b;
                if cfg.only_matching {
                    let sep = if cfg.invert { SEP_CONTEXT } else { SEP_SELECTED };
                    self.line_head(buf, b, size, lim, sep);
                } else {
                    if let Some(c) = &cfg.colors {
                        sgr_start_with(c, line_color, &mut self.out);
                    }
                    if let Some(mv) = mid.take() {
                        cur = mv;
                    }
                    self.out.extend_from_slice(&buf[cur..b]);
                }
                if let Some(c) = &cfg.colors {
                    sgr_start_with(c, match_color, &mut self.out);
                }
                self.out.extend_from_slice(&buf[b..e]);
                if let Some(c) = &cfg.colors {
                    sgr_end_with(c, match_color, &mut self.out);
                }
                if cfg.only_matching {
                    self.out.push(cfg.eol);
                }
            }
            cur = b + size;
        }
        if cfg.only_matching {
            lim
        } else if let Some(mv) = mid {
            mv
        } else {
            cur.min(lim)
        }
    }

    /// The rest of a line in the line color (the terminator, and a CR
    /// before it, stay outside the color).
    fn line_tail(&mut self, buf: &[u8], beg: usize, lim: usize, line_color: &str) -> usize {
        let eol = self.cfg.eol;
        let mut eol_size = usize::from(lim > beg && buf[lim - 1] == eol);
        eol_size += usize::from(lim - eol_size > beg && buf[lim - 1 - eol_size] == b'\r');
        let tail = lim - eol_size - beg;
        if tail > 0
            && let Some(c) = &self.cfg.colors
        {
            sgr_start_with(c, line_color, &mut self.out);
            self.out.extend_from_slice(&buf[beg..beg + tail]);
            sgr_end_with(c, line_color, &mut self.out);
            return beg + tail;
        }
        beg
    }

    /// File name, line number and byte offset before a line (or a -o
    /// match of `len` bytes at `beg`).
    fn line_head(&mut self, buf: &[u8], beg: usize, len: usize, lim: usize, sep: u8) {
        let cfg = self.cfg;
        if self.out_file {
            sgr_start(cfg, |c| &c.file, &mut self.out);
            self.out.extend_from_slice(self.name.as_bytes());
            sgr_end(cfg, |c| &c.file, &mut self.out);
            if cfg.null_after_name {
                self.out.push(0);
            } else {
                self.sep(sep);
            }
        }
        if cfg.line_number {
            if self.last_nl < lim {
                self.nlscan(buf, beg);
                self.total_nl += 1;
                self.last_nl = lim;
            }
            self.offset(self.total_nl, |c| &c.line_num);
            self.sep(sep);
        }
        if cfg.byte_offset {
            self.offset(self.total_cc + beg as u64, |c| &c.byte_num);
            self.sep(sep);
        }
        if cfg.align_tabs && (self.out_file || cfg.line_number || cfg.byte_offset) && len != 0 {
            self.out.push(b'\t');
        }
    }

    fn sep(&mut self, sep: u8) {
        sgr_start(self.cfg, |c| &c.sep, &mut self.out);
        self.out.push(sep);
        sgr_end(self.cfg, |c| &c.sep, &mut self.out);
    }

    fn offset(&mut self, n: u64, pick: impl Fn(&Colors) -> &String + Copy) {
        sgr_start(self.cfg, pick, &mut self.out);
        let w = self.offset_width;
        self.out.extend_from_slice(format!("{n:>w$}").as_bytes());
        sgr_end(self.cfg, pick, &mut self.out);
    }
}
