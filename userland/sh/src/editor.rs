//! The interactive line editor: sh's own, over `/dev/cons` in raw mode,
//! so it behaves the same on every terminal and over a remote console
//! (no host readline is involved).
//!
//! Keys: printable text inserts; ←/→ (^B/^F), Home/End (^A/^E), Delete
//! (^D on a non-empty line), Backspace; ↑/↓ (^P/^N) walk the history;
//! ^R searches it backwards; Tab completes commands and paths (twice lists
//! the choices); ^U/^K kill before/after the cursor, ^W a word, ^Y yanks;
//! ^L clears the screen; ^C abandons the line; ^D on an empty line is end
//! of input; Enter accepts. Alt-b/Alt-f and Ctrl-←/→ move by words.
//!
//! The line is held as bytes (the shell's byte convention); the display
//! counts a UTF-8 sequence as one column. Output goes to fd 2, as bash's
//! prompt and editing do.

use kernel::{Fd, OpenFlags};

use super::{Shell, bytes};

/// What reading a line answered.
pub enum Line {
    Text(String),
    /// ^C: the line was abandoned.
    Cancelled,
    /// ^D on an empty line, or the input ended.
    Eof,
}

/// One decoded key.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Key {
    Byte(u8),
    Ctrl(u8),
    Enter,
    Tab,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    WordLeft,
    WordRight,
    Escape,
    Eof,
}

struct Editor<'a> {
    sh: &'a mut Shell,
    out: Fd,
    prompt: String,
    prompt_width: usize,
    buf: Vec<u8>,
    pos: usize,
    cols: usize,
    /// The row (below the prompt's first) the cursor is on now.
    cursor_row: usize,
    /// Where in the history ↑/↓ are; `lines.len()` is the line being edited.
    hist_index: usize,
    /// The line being edited, kept while browsing the history.
    saved: Vec<u8>,
    killed: Vec<u8>,
    /// The previous key was Tab (a second Tab lists the choices).
    last_tab: bool,
}

/// Columns a byte string takes: UTF-8 continuation bytes take none.
fn width(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c & 0xc0 != 0x80).count()
}

/// The visible width of a prompt, skipping `\x01 ... \x02` spans (what
/// `\[ \]` become) and removing the markers; answers the text to print.
pub fn prompt_display(p: &str) -> (String, usize) {
    let mut text = String::new();
    let mut w = 0;
    let mut hidden = false;
    for c in p.chars() {
        match c {
            '\u{1}' => hidden = true,
            '\u{2}' => hidden = false,
            _ => {
                text.push(c);
                // A UTF-8 continuation byte (one char per byte) takes no column.
                let continuation = u32::from(c) & 0xc0 == 0x80 && u32::from(c) < 0x100;
                if !hidden && !continuation {
                    w += 1;
                }
            }
        }
    }
    (text, w)
}

impl Shell {
    /// Read one line at the console with `prompt`, editing it in raw mode.
    /// When fd 0 is not a console, print the prompt and read a plain line.
    pub async fn edit_line(&mut self, prompt: &str) -> Line {
        let ctl = match self.console_ctl().await {
            Some(fd) => fd,
            None => {
                self.write_fd(2, &prompt_display(prompt).0).await;
                return match self.read_line(0).await {
                    Some(l) => Line::Text(l),
                    None => Line::Eof,
                };
            }
        };
        let (text, w) = prompt_display(prompt);
        let cols = self.console_cols().await;
        let hist_len = self.history.lines.len();
        let mut ed = Editor {
            sh: self,
            out: 2,
            prompt: text,
            prompt_width: w,
            buf: Vec::new(),
            pos: 0,
            cols,
            cursor_row: 0,
            hist_index: hist_len,
            saved: Vec::new(),
            killed: Vec::new(),
            last_tab: false,
        };
        ed.write(ed.prompt.clone().as_bytes()).await;
        let r = ed.run().await;
        let _ = self.proc.close(ctl).await;
        r
    }

    /// Raw mode on the console behind fd 0: answers the ctl fd holding it
    /// (closing it ends raw mode), or `None` when fd 0 is not a console.
    async fn console_ctl(&mut self) -> Option<Fd> {
        let name = self.proc.fd_name(0).ok()?;
        let dir = name.strip_suffix("/data").filter(|d| d.ends_with("cons"))?;
        let flags = OpenFlags {
            read: false,
            write: true,
            ..OpenFlags::READ
        };
        let fd = self.proc.open(&format!("{dir}/ctl"), flags).await.ok()?;
        let _ = self.proc.set_cloexec(fd, true);
        if self.proc.write(fd, b"rawon").await.is_err() {
            let _ = self.proc.close(fd).await;
            return None;
        }
        Some(fd)
    }

    async fn console_cols(&mut self) -> usize {
        let size = self
            .proc
            .fd_name(0)
            .ok()
            .and_then(|n| n.strip_suffix("/data").map(|d| format!("{d}/size")));
        if let Some(path) = size
            && let Ok(text) = self.proc.read_file(&path).await
            && let Some(c) = String::from_utf8_lossy(&text).split_whitespace().next()
            && let Ok(n) = c.parse::<usize>()
            && n > 0
        {
            return n;
        }
        80
    }
}

impl Editor<'_> {
    async fn write(&mut self, data: &[u8]) {
        let _ = self.sh.proc.write(self.out, data).await;
    }

    async fn key(&mut self) -> Key {
        let b = match self.byte().await {
            Some(b) => b,
            None => return Key::Eof,
        };
        match b {
            b'\r' | b'\n' => Key::Enter,
            b'\t' => Key::Tab,
            0x7f | 0x08 => Key::Backspace,
            0x1b => self.escape().await,
            0..=0x1f => Key::Ctrl(b + b'@'),
            _ => Key::Byte(b),
        }
    }

    async fn byte(&mut self) -> Option<u8> {
        loop {
            match self.sh.proc.read(0, 1).await {
                Ok(b) if b.is_empty() => return None,
                Ok(b) => return Some(b[0]),
                Err(e) if e.is(kernel::Errno::EINTR) => {
                    // A note while editing: keep it for its trap.
                    self.sh.note_interrupted();
                }
                Err(_) => return None,
            }
        }
    }

    /// After ESC: a CSI or SS3 sequence, or Alt+key.
    async fn escape(&mut self) -> Key {
        let Some(b) = self.byte().await else { return Key::Escape };
        match b {
            b'[' | b'O' => {
                let mut params = Vec::new();
                loop {
                    let Some(c) = self.byte().await else { return Key::Escape };
                    if c.is_ascii_digit() || c == b';' {
                        params.push(c);
                        continue;
                    }
                    let p = String::from_utf8_lossy(&params).to_string();
                    return match (c, p.as_str()) {
                        (b'A', _) => Key::Up,
                        (b'B', _) => Key::Down,
                        (b'C', "1;5" | "1;3") => Key::WordRight,
                        (b'D', "1;5" | "1;3") => Key::WordLeft,
                        (b'C', _) => Key::Right,
                        (b'D', _) => Key::Left,
                        (b'H', _) => Key::Home,
                        (b'F', _) => Key::End,
                        (b'~', "1" | "7") => Key::Home,
                        (b'~', "4" | "8") => Key::End,
                        (b'~', "3") => Key::Delete,
                        _ => Key::Escape,
                    };
                }
            }
            b'b' | b'B' => Key::WordLeft,
            b'f' | b'F' => Key::WordRight,
            0x7f | 0x08 => Key::Ctrl(b'W'),
            _ => Key::Escape,
        }
    }

    async fn run(&mut self) -> Line {
        loop {
            let key = self.key().await;
            let was_tab = std::mem::replace(&mut self.last_tab, false);
            match key {
                Key::Eof => {
                    if self.buf.is_empty() {
                        return Line::Eof;
                    }
                    return self.accept().await;
                }
                Key::Enter => return self.accept().await,
                Key::Byte(b) => self.insert(&[b]).await,
                Key::Tab => {
                    self.complete(was_tab).await;
                    self.last_tab = true;
                }
                Key::Backspace => {
                    if self.pos > 0 {
                        let start = self.char_start(self.pos - 1);
                        self.buf.drain(start..self.pos);
                        self.pos = start;
                        self.refresh().await;
                    }
                }
                Key::Delete => self.delete_forward().await,
                Key::Left => self.move_to(self.prev_char()).await,
                Key::Right => self.move_to(self.next_char()).await,
                Key::Home => self.move_to(0).await,
                Key::End => self.move_to(self.buf.len()).await,
                Key::WordLeft => self.move_to(self.word_left()).await,
                Key::WordRight => self.move_to(self.word_right()).await,
                Key::Up => self.history_step(-1).await,
                Key::Down => self.history_step(1).await,
                Key::Escape => {}
                Key::Ctrl(c) => match c {
                    b'A' => self.move_to(0).await,
                    b'E' => self.move_to(self.buf.len()).await,
                    b'B' => self.move_to(self.prev_char()).await,
                    b'F' => self.move_to(self.next_char()).await,
                    b'P' => self.history_step(-1).await,
                    b'N' => self.history_step(1).await,
                    b'D' => {
                        if self.buf.is_empty() {
                            self.write(b"\n").await;
                            return Line::Eof;
                        }
                        self.delete_forward().await;
                    }
                    b'C' => {
                        self.move_to(self.buf.len()).await;
                        self.write(b"^C\n").await;
                        return Line::Cancelled;
                    }
                    b'U' => {
                        self.killed = self.buf.drain(..self.pos).collect();
                        self.pos = 0;
                        self.refresh().await;
                    }
                    b'K' => {
                        self.killed = self.buf.drain(self.pos..).collect();
                        self.refresh().await;
                    }
                    b'W' => {
                        let start = self.word_left();
                        self.killed = self.buf.drain(start..self.pos).collect();
                        self.pos = start;
                        self.refresh().await;
                    }
                    b'Y' => {
                        let k = self.killed.clone();
                        self.insert(&k).await;
                    }
                    b'L' => {
                        self.write(b"\x1b[H\x1b[2J").await;
                        self.cursor_row = 0;
                        self.refresh().await;
                    }
                    b'R' => {
                        if let Some(line) = self.search().await {
                            return line;
                        }
                    }
                    _ => {}
                },
            }
        }
    }

    async fn accept(&mut self) -> Line {
        self.move_to(self.buf.len()).await;
        self.write(b"\n").await;
        let mut line = bytes::from_bytes(&self.buf);
        line.push('\n');
        Line::Text(line)
    }

    async fn insert(&mut self, text: &[u8]) {
        let at_end = self.pos == self.buf.len();
        self.buf.splice(self.pos..self.pos, text.iter().copied());
        self.pos += text.len();
        let total = self.prompt_width + width(&self.buf);
        if at_end && !total.is_multiple_of(self.cols) {
            // The common case, typing at the end: just echo.
            self.write(text).await;
            self.cursor_row = total / self.cols;
        } else {
            self.refresh().await;
        }
    }

    async fn delete_forward(&mut self) {
        if self.pos < self.buf.len() {
            let end = self.next_char();
            self.buf.drain(self.pos..end);
            self.refresh().await;
        }
    }

    fn char_start(&self, mut i: usize) -> usize {
        while i > 0 && self.buf[i] & 0xc0 == 0x80 {
            i -= 1;
        }
        i
    }

    fn prev_char(&self) -> usize {
        if self.pos == 0 {
            0
        } else {
            self.char_start(self.pos - 1)
        }
    }

    fn next_char(&self) -> usize {
        let mut i = (self.pos + 1).min(self.buf.len());
        while i < self.buf.len() && self.buf[i] & 0xc0 == 0x80 {
            i += 1;
        }
        i
    }

    fn word_left(&self) -> usize {
        let mut i = self.pos;
        while i > 0 && !self.buf[i - 1].is_ascii_alphanumeric() {
            i -= 1;
        }
        while i > 0 && self.buf[i - 1].is_ascii_alphanumeric() {
            i -= 1;
        }
        i
    }

    fn word_right(&self) -> usize {
        let mut i = self.pos;
        while i < self.buf.len() && !self.buf[i].is_ascii_alphanumeric() {
            i += 1;
        }
        while i < self.buf.len() && self.buf[i].is_ascii_alphanumeric() {
            i += 1;
        }
        i
    }

    async fn move_to(&mut self, pos: usize) {
        if pos != self.pos {
            self.pos = pos;
            self.refresh().await;
        }
    }

    /// Redraw the prompt and line and put the cursor in place, wherever
    /// the line wraps.
    async fn refresh(&mut self) {
        let cols = self.cols.max(1);
        let mut out = Vec::new();
        if self.cursor_row > 0 {
            out.extend_from_slice(format!("\x1b[{}A", self.cursor_row).as_bytes());
        }
        out.push(b'\r');
        out.extend_from_slice(self.prompt.as_bytes());
        out.extend_from_slice(&self.buf);
        out.extend_from_slice(b"\x1b[J");
        let total = self.prompt_width + width(&self.buf);
        if total > 0 && total.is_multiple_of(cols) {
            // Leave the pending-wrap state: the cursor goes to the next row.
            out.push(b'\n');
        }
        let end_row = total / cols;
        let target = self.prompt_width + width(&self.buf[..self.pos]);
        let (row, col) = (target / cols, target % cols);
        if end_row > row {
            out.extend_from_slice(format!("\x1b[{}A", end_row - row).as_bytes());
        }
        out.push(b'\r');
        if col > 0 {
            out.extend_from_slice(format!("\x1b[{col}C").as_bytes());
        }
        self.cursor_row = row;
        self.write(&out).await;
    }

    async fn set_line(&mut self, line: Vec<u8>) {
        self.buf = line;
        self.pos = self.buf.len();
        self.refresh().await;
    }

    async fn history_step(&mut self, dir: i32) {
        let lines = self.sh.history.lines.clone();
        let len = lines.len();
        let next = if dir < 0 {
            match self.hist_index.checked_sub(1) {
                Some(i) => i,
                None => return,
            }
        } else if self.hist_index < len {
            self.hist_index + 1
        } else {
            return;
        };
        if self.hist_index == len {
            self.saved = self.buf.clone();
        }
        self.hist_index = next;
        let line = if next == len {
            std::mem::take(&mut self.saved)
        } else {
            bytes::to_bytes(&lines[next])
        };
        self.set_line(line).await;
    }

    /// ^R: search the history backwards as the query grows. Enter runs the
    /// match; another ^R finds an older one; ^G or ^C gives up; any other
    /// key leaves the match on the line to edit.
    async fn search(&mut self) -> Option<Line> {
        let lines = self.sh.history.lines.clone();
        let mut query: Vec<u8> = Vec::new();
        let mut from = lines.len();
        let mut found: Option<usize> = None;
        loop {
            let shown = found.map(|i| bytes::to_bytes(&lines[i])).unwrap_or_default();
            let label = if found.is_none() && !query.is_empty() {
                "failing reverse-i-search"
            } else {
                "reverse-i-search"
            };
            let mut out = Vec::new();
            if self.cursor_row > 0 {
                out.extend_from_slice(format!("\x1b[{}A", self.cursor_row).as_bytes());
            }
            out.extend_from_slice(format!("\r({label})`").as_bytes());
            out.extend_from_slice(&query);
            out.extend_from_slice(b"': ");
            out.extend_from_slice(&shown);
            out.extend_from_slice(b"\x1b[J");
            let total = label.len() + 5 + width(&query) + width(&shown);
            self.cursor_row = total / self.cols.max(1);
            self.write(&out).await;
            let key = self.key().await;
            match key {
                Key::Byte(b) => {
                    query.push(b);
                    found = find_back(&lines, &query, found.map_or(from, |i| i + 1));
                }
                Key::Backspace => {
                    query.pop();
                    found = if query.is_empty() {
                        None
                    } else {
                        find_back(&lines, &query, from)
                    };
                }
                Key::Ctrl(b'R') => {
                    if let Some(i) = found {
                        from = i;
                        found = find_back(&lines, &query, i).or(Some(i));
                    }
                }
                Key::Ctrl(b'G' | b'C') => {
                    self.refresh().await;
                    return None;
                }
                Key::Enter => {
                    self.buf = shown;
                    self.pos = self.buf.len();
                    self.refresh().await;
                    return Some(self.accept().await);
                }
                Key::Eof => return Some(Line::Eof),
                _ => {
                    if let Some(i) = found {
                        self.hist_index = i;
                        self.buf = shown;
                        self.pos = self.buf.len();
                    }
                    self.refresh().await;
                    return None;
                }
            }
        }
    }

    /// Tab: complete the word before the cursor; on a second Tab with
    /// several choices, list them.
    async fn complete(&mut self, again: bool) {
        let start = word_start(&self.buf[..self.pos]);
        let word = bytes::from_bytes(&self.buf[start..self.pos]);
        let command_position = is_command_position(&self.buf[..start]);
        let candidates = self.sh.completions(&word, command_position).await;
        if candidates.is_empty() {
            self.write(b"\x07").await;
            return;
        }
        let common = common_prefix(&candidates);
        if candidates.len() == 1 {
            let c = &candidates[0];
            let mut add = c[word.len()..].to_string();
            if !c.ends_with('/') {
                add.push(' ');
            }
            self.insert(&bytes::to_bytes(&add)).await;
            return;
        }
        if common.len() > word.len() {
            let add = common[word.len()..].to_string();
            self.insert(&bytes::to_bytes(&add)).await;
            return;
        }
        if !again {
            self.write(b"\x07").await;
            return;
        }
        // List the choices (their last path element), then redraw.
        let names: Vec<String> = candidates
            .iter()
            .map(|c| {
                let t = c.trim_end_matches('/');
                let base = t.rsplit('/').next().unwrap_or(t);
                if c.ends_with('/') {
                    format!("{base}/")
                } else {
                    base.to_string()
                }
            })
            .collect();
        let listing = columns(&names, self.cols);
        self.move_to(self.buf.len()).await;
        let mut out = b"\n".to_vec();
        out.extend_from_slice(listing.as_bytes());
        self.write(&out).await;
        self.cursor_row = 0;
        let p = self.prompt.clone();
        self.write(p.as_bytes()).await;
        self.refresh().await;
    }
}

/// Join a command typed on several lines into one: `; ` between lines,
/// or a blank after words that need no separator (`do`, `then`, `|`...).
/// A heredoc cannot be joined and keeps its newlines.
pub fn one_line(text: &str) -> String {
    if !text.contains('\n') || text.contains("<<") {
        return text.to_string();
    }
    let mut out = String::new();
    for (i, l) in text.lines().enumerate() {
        let l = l.trim_start();
        if i > 0 {
            let open = ["do", "then", "else", "in", "{", "(", "|", "&&", "||", ";"]
                .iter()
                .any(|k| ends_with_token(out.trim_end(), k));
            out.push_str(if open { " " } else { "; " });
        }
        out.push_str(l);
    }
    out
}

/// True if `s` ends with the token `k`: a word must stand alone (`do`,
/// not `undo`); an operator may be attached (`a|`).
fn ends_with_token(s: &str, k: &str) -> bool {
    let Some(before) = s.strip_suffix(k) else { return false };
    let word = k.chars().all(|c| c.is_ascii_alphabetic());
    !word || before.is_empty() || before.ends_with([' ', '\t', ';'])
}

/// The newest history line before `before` containing `query`.
fn find_back(lines: &[String], query: &[u8], before: usize) -> Option<usize> {
    let q = bytes::from_bytes(query);
    (0..before.min(lines.len()))
        .rev()
        .find(|&i| lines[i].contains(q.as_str()))
}

/// Where the word ending at the end of `b` starts (after a blank or a
/// shell operator).
fn word_start(b: &[u8]) -> usize {
    let mut i = b.len();
    while i > 0 && !matches!(b[i - 1], b' ' | b'\t' | b';' | b'|' | b'&' | b'(' | b'<' | b'>' | b'`') {
        i -= 1;
    }
    i
}

/// True if a word after `before` is in command position.
fn is_command_position(before: &[u8]) -> bool {
    let t = String::from_utf8_lossy(before);
    let t = t.trim_end();
    t.is_empty()
        || t.ends_with(['|', ';', '&', '(', '`'])
        || t.ends_with("$(")
        || [
            "then", "do", "else", "elif", "!", "time", "exec", "command", "sudo", "env",
        ]
        .iter()
        .any(|k| t == *k || t.ends_with(&format!(" {k}")))
}

fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut n = first.len();
    for w in &words[1..] {
        n = n.min(first.bytes().zip(w.bytes()).take_while(|(a, b)| a == b).count());
    }
    while !first.is_char_boundary(n) {
        n -= 1;
    }
    first[..n].to_string()
}

/// Names in columns across `cols`, as `ls` would lay them out.
fn columns(names: &[String], cols: usize) -> String {
    let w = names.iter().map(|n| n.chars().count()).max().unwrap_or(0) + 2;
    let per_row = (cols / w).max(1);
    let rows = names.len().div_ceil(per_row);
    let mut out = String::new();
    for r in 0..rows {
        let mut line = String::new();
        for c in 0..per_row {
            if let Some(n) = names.get(c * rows + r) {
                line.push_str(&format!("{n:<w$}"));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

impl Shell {
    /// What a word could complete to: commands (builtins, functions,
    /// aliases, programs on $PATH) in command position, else paths.
    pub async fn completions(&mut self, word: &str, command: bool) -> Vec<String> {
        let mut out = Vec::new();
        if command && !word.contains('/') {
            let names = super::builtins::NAMES
                .iter()
                .map(|s| s.to_string())
                .chain(self.defs.funcs.keys().cloned())
                .chain(self.defs.aliases.keys().cloned())
                .chain(super::builtins::KEYWORDS.iter().map(|s| s.to_string()));
            out.extend(names.filter(|n| n.starts_with(word)));
            let path = self.get("PATH").unwrap_or_default();
            for dir in path.split(':').filter(|d| !d.is_empty()) {
                if let Ok(entries) = self.proc.readdir(&bytes::to_os(dir)).await {
                    out.extend(
                        entries
                            .into_iter()
                            .map(|e| bytes::from_os(&e.name))
                            .filter(|n| n.starts_with(word)),
                    );
                }
            }
        } else {
            // A path: the directory part is looked up (with ~ for $HOME),
            // the last part is the prefix.
            let (dir, prefix) = match word.rfind('/') {
                Some(i) => (&word[..=i], &word[i + 1..]),
                None => ("", word),
            };
            let lookup = match dir {
                "" => ".".to_string(),
                d if d.starts_with("~/") => format!("{}{}", self.get("HOME").unwrap_or_default(), &d[1..]),
                d => d.to_string(),
            };
            if let Ok(entries) = self.proc.readdir(&bytes::to_os(&lookup)).await {
                for e in entries {
                    let name = bytes::from_os(&e.name);
                    if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                        continue;
                    }
                    let full = format!("{lookup}/{name}");
                    let is_dir = e.kind == kernel::NodeType::Dir
                        || self.proc.stat(&bytes::to_os(&full)).await.is_ok_and(|s| s.is_dir());
                    out.push(format!("{dir}{name}{}", if is_dir { "/" } else { "" }));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_positions() {
        assert_eq!(word_start(b"ls /b"), 3);
        assert_eq!(word_start(b"echo a|gr"), 7);
        assert!(is_command_position(b""));
        assert!(is_command_position(b"echo a | "));
        assert!(is_command_position(b"if true; then "));
        assert!(!is_command_position(b"ls "));
        assert_eq!(common_prefix(&["/bin/".into(), "/boot/".into()]), "/b");
        assert_eq!(width("é".as_bytes()), 1);
    }

    #[test]
    fn multi_line_commands_join_for_the_history() {
        assert_eq!(
            one_line("for i in 1 2; do\necho $i\ndone"),
            "for i in 1 2; do echo $i; done"
        );
        assert_eq!(one_line("if true\nthen\necho y\nfi"), "if true; then echo y; fi");
        assert_eq!(one_line("a |\nb"), "a | b");
        assert_eq!(one_line("f() {\necho\n}"), "f() { echo; }");
        assert_eq!(one_line("cat <<EOF\nx\nEOF"), "cat <<EOF\nx\nEOF");
    }

    #[test]
    fn prompts_hide_marked_spans() {
        let (text, w) = prompt_display("\u{1}\x1b[1m\u{2}$ \u{1}\x1b[0m\u{2}");
        assert_eq!(text, "\x1b[1m$ \x1b[0m");
        assert_eq!(w, 2);
    }

    #[test]
    fn columns_fill_down_then_across() {
        let names: Vec<String> = ["a", "b", "c", "d", "e"].iter().map(|s| s.to_string()).collect();
        assert_eq!(columns(&names, 6), "a  d\nb  e\nc\n");
    }
}
