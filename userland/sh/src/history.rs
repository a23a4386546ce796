//! The command history, kept as bash keeps it.
//!
//! A list of entries numbered from 1 (entries dropped from the front by
//! `HISTSIZE` keep the numbers of the rest); `set -o history` (on in an
//! interactive shell, off otherwise) decides whether lines read are added,
//! under `HISTCONTROL` and `HISTIGNORE`. An interactive shell reads
//! `$HISTFILE` when it starts (after truncating it to `HISTFILESIZE`) and
//! writes its lines back when it ends: appended when the list still holds
//! every line of the session (or with `histappend`), else rewriting the
//! file, then truncating it again. `sh -c` and `eval` texts are never
//! added, as in bash. The `history` and `fc` builtins work on the list
//! whether or not lines are being added.
//!
//! A subshell gets a copy (the list is copy-on-write): `(history -c)`
//! leaves the parent's alone.

use std::sync::Arc;

use kernel::OpenFlags;

use super::{Shell, bytes};

#[derive(Clone, Debug)]
pub struct History {
    pub lines: Vec<String>,
    /// When each entry was added (seconds); `None` for an entry added
    /// before time stamps were on (shown as `??` by `HISTTIMEFORMAT`).
    pub times: Vec<Option<i64>>,
    /// The first entry's number (readline's `history_base`).
    pub base: usize,
    /// `HISTSIZE`: the most entries kept (none: no limit).
    pub max: Option<usize>,
    /// Entries added by this session (bash's `history_lines_this_session`).
    pub session: usize,
    /// Lines of `$HISTFILE` already read (for `history -n`).
    pub in_file: usize,
    /// The last line read was added as an entry (bash's
    /// `hist_last_line_added`): `fc` skips it, `history -s` replaces it.
    pub last_added: bool,
    /// The last entry came from `history -s` (`hist_last_line_pushed`).
    pub last_pushed: bool,
    /// The first line of the command being read was saved, so its other
    /// lines join that entry (`current_command_first_line_saved`).
    pub first_saved: bool,
    /// Lines read are added (bash's `remember_on_history`): `set -o
    /// history` sets it, and so does `fc` running edited commands.
    pub remember: bool,
    /// Entries get time stamps (bash turns them on for an interactive
    /// shell, and when `HISTTIMEFORMAT` is first set).
    pub stamps: bool,
    /// What history expansion keeps between lines.
    pub expand: super::histexpand::State,
}

impl Default for History {
    fn default() -> Self {
        History {
            lines: Vec::new(),
            times: Vec::new(),
            base: 1,
            max: None,
            session: 0,
            in_file: 0,
            last_added: false,
            last_pushed: false,
            first_saved: false,
            remember: false,
            stamps: false,
            expand: Default::default(),
        }
    }
}

impl History {
    /// The number shown for the entry at `index`.
    pub fn number(&self, index: usize) -> usize {
        self.base + index
    }

    /// Add an entry (readline's `add_history`): when the list is full, the
    /// oldest goes and the numbers move on.
    pub fn add(&mut self, line: String, time: Option<i64>) {
        if let Some(max) = self.max
            && self.lines.len() >= max
        {
            if self.lines.is_empty() {
                return;
            }
            let extra = self.lines.len() + 1 - max;
            self.lines.drain(..extra);
            self.times.drain(..extra);
            self.base += extra;
        }
        self.lines.push(line);
        self.times.push(time);
    }

    /// `HISTSIZE` changed (`None`: unset or negative, no limit). As
    /// readline's `stifle_history` does, the first number kept becomes
    /// the count of entries dropped.
    pub fn stifle(&mut self, max: Option<usize>) {
        self.max = max;
        if let Some(max) = max
            && self.lines.len() > max
        {
            let extra = self.lines.len() - max;
            self.lines.drain(..extra);
            self.times.drain(..extra);
            self.base = extra;
        }
        if max.is_some() {
            self.session = self.session.min(self.lines.len());
        }
    }

    pub fn clear(&mut self) {
        self.lines.clear();
        self.times.clear();
        self.base = 1;
    }

    pub fn remove(&mut self, index: usize) {
        self.lines.remove(index);
        self.times.remove(index);
    }

    /// Remove the last entry (bash's `bash_delete_last_history`); false
    /// if there was none.
    pub fn delete_last(&mut self) -> bool {
        if self.lines.is_empty() {
            return false;
        }
        self.lines.pop();
        self.times.pop();
        self.session = self.session.saturating_sub(1);
        true
    }

    /// The text of a history file holding entries `from..`: one line
    /// each, with `#SECONDS` lines before stamped ones when `stamps`.
    pub fn file_text(&self, from: usize, stamps: bool) -> String {
        let mut out = String::new();
        for i in from.min(self.lines.len())..self.lines.len() {
            if stamps && let Some(t) = self.times[i] {
                out.push_str(&format!("#{t}\n"));
            }
            out.push_str(&self.lines[i]);
            out.push('\n');
        }
        out
    }
}

/// Entries read from a history file: `#SECONDS` lines (bash's time
/// stamps) give the next entry its time.
pub fn parse_file(text: &str, stamps: bool) -> Vec<(String, Option<i64>)> {
    let mut out = Vec::new();
    let mut stamp = None;
    for line in text.lines() {
        if stamps && is_stamp(line) {
            stamp = line[1..].parse().ok();
            continue;
        }
        out.push((line.to_string(), stamp.take()));
    }
    out
}

/// A `#SECONDS` line of a history file (`#` and a digit, as readline
/// checks).
fn is_stamp(l: &str) -> bool {
    l.len() > 1 && l.starts_with('#') && l.as_bytes()[1].is_ascii_digit()
}

impl Shell {
    /// The history, to change: a subshell's first change copies it.
    pub fn history_mut(&mut self) -> &mut History {
        Arc::make_mut(&mut self.history)
    }

    pub fn now_secs(&self) -> i64 {
        (self.proc.now_ns() / 1_000_000_000) as i64
    }

    /// Time stamps go on once `HISTTIMEFORMAT` has been set (bash's
    /// `sv_histtimefmt` sets `history_comment_char`).
    pub fn note_histtimeformat(&mut self) {
        if !self.history.stamps && self.get("HISTTIMEFORMAT").is_some() {
            self.history_mut().stamps = true;
        }
    }

    /// A line read by the shell, before it is parsed (bash's
    /// `pre_process_line`): history expansion when `set -H` is on, then
    /// the history list, both only while lines are remembered. `entered`
    /// is the command so far, this line included; `continued` says the
    /// line is not a command's first. `None`: the line is dropped (an
    /// expansion failed or was only to be printed).
    pub async fn preprocess_line(&mut self, line: &str, entered: &str, continued: bool) -> Option<String> {
        if !self.history.remember {
            return Some(line.to_string());
        }
        let body = line.strip_suffix('\n').unwrap_or(line);
        let mut text = body.to_string();
        if self.opts.histexpand {
            let r = {
                let extglob = self.shopts.extglob;
                let comment = self.opts.interactive;
                let h = self.history_mut();
                let mut lines = std::mem::take(&mut h.lines);
                // A later line of a command refers to the entries before
                // the one it is joining.
                let hidden = if continued && h.first_saved { lines.pop() } else { None };
                let mut ctx = super::histexpand::Ctx {
                    lines: &lines,
                    base: h.base,
                    state: &mut h.expand,
                    extglob,
                    comment,
                };
                let r = ctx.expand(body);
                lines.extend(hidden);
                h.lines = lines;
                r
            };
            match r {
                Ok(super::histexpand::Expanded::Same) => {}
                Ok(super::histexpand::Expanded::Changed(t)) => {
                    self.write_fd(2, &format!("{t}\n")).await;
                    text = t;
                }
                Ok(super::histexpand::Expanded::PrintOnly(t)) => {
                    self.write_fd(2, &format!("{t}\n")).await;
                    if !t.is_empty() {
                        self.maybe_add_history(&t, &t, false);
                    }
                    return None;
                }
                Err(msg) => {
                    self.error(&msg).await;
                    return None;
                }
            }
        }
        if !text.is_empty() {
            let whole = if text == body {
                entered.trim_end_matches('\n').to_string()
            } else {
                let before = entered.trim_end_matches('\n');
                let before = before.strip_suffix(body).unwrap_or(before);
                format!("{before}{text}")
            };
            self.maybe_add_history(&text, &whole, continued);
        }
        let nl = if line.ends_with('\n') { "\n" } else { "" };
        Some(format!("{text}{nl}"))
    }

    /// bash's `maybe_add_history`: a command's first line is checked
    /// against `HISTCONTROL` and `HISTIGNORE`; its later lines join that
    /// entry (as `cmdhist` does: `whole` is the command so far) if the
    /// first was saved.
    pub fn maybe_add_history(&mut self, line: &str, whole: &str, continued: bool) {
        self.history_mut().last_added = false;
        if continued {
            let h = self.history_mut();
            if h.first_saved
                && let Some(last) = h.lines.last_mut()
            {
                *last = super::editor::one_line(whole);
            }
            return;
        }
        let saved = self.check_add_history(line);
        self.history_mut().first_saved = saved;
    }

    /// bash's `check_add_history`: add the line unless `HISTCONTROL` or
    /// `HISTIGNORE` says not to; true if it was added.
    pub fn check_add_history(&mut self, line: &str) -> bool {
        let control = self.get("HISTCONTROL").unwrap_or_default();
        let has = |w: &str| {
            control
                .split(':')
                .any(|c| c == w || (c == "ignoreboth" && (w == "ignorespace" || w == "ignoredups")))
        };
        if has("ignorespace") && line.starts_with(' ') {
            return false;
        }
        if has("ignoredups") && self.history.lines.last().map(String::as_str) == Some(line) {
            return false;
        }
        if let Some(ignore) = self.get("HISTIGNORE").filter(|s| !s.is_empty()) {
            let prev = self.history.lines.last().cloned();
            for pat in ignore.split(':').filter(|p| !p.is_empty()) {
                let pat = match &prev {
                    Some(p) if pat.contains('&') => pat.replace('&', p),
                    _ => pat.to_string(),
                };
                let chars: Vec<(char, bool)> = pat.chars().map(|c| (c, false)).collect();
                let opts = self.pattern_opts(false);
                if common::pattern::Pattern::compile_with(&chars, opts).matches(line) {
                    return false;
                }
            }
        }
        if has("erasedups") {
            let h = self.history_mut();
            let mut i = h.lines.len();
            while i > 0 {
                i -= 1;
                if h.lines[i] == line {
                    h.remove(i);
                }
            }
        }
        self.really_add_history(line);
        true
    }

    /// bash's `really_add_history`.
    pub fn really_add_history(&mut self, line: &str) {
        self.note_histtimeformat();
        let now = self.history.stamps.then(|| self.now_secs());
        let h = self.history_mut();
        h.last_added = true;
        h.last_pushed = false;
        h.add(line.to_string(), now);
        h.session += 1;
    }

    /// `HISTSIZE` or `HISTFILESIZE` was assigned (bash's `sv_histsize`):
    /// the list is cut to the one, the file to the other.
    pub async fn history_size_changed(&mut self, name: &str) {
        let value = self.get(name).unwrap_or_default();
        let n: Option<i64> = value.trim().parse().ok();
        if name == "HISTSIZE" {
            let max = if value.is_empty() {
                None
            } else {
                n.and_then(|n| usize::try_from(n).ok())
            };
            if value.is_empty() || n.is_some() {
                self.history_mut().stifle(max);
            }
        } else if let Some(n) = n.and_then(|n| usize::try_from(n).ok())
            && let Some(file) = self.get("HISTFILE").filter(|f| !f.is_empty())
        {
            self.truncate_history_file(&file, n).await;
            let h = self.history_mut();
            h.in_file = h.in_file.min(n);
        }
    }

    /// Keep only the last `n` entries of a history file (time stamps go
    /// with their entries when they are on).
    pub async fn truncate_history_file(&mut self, file: &str, n: usize) {
        let path = bytes::to_os(file);
        let Ok(data) = self.proc.read_file(&path).await else {
            return;
        };
        let text = bytes::from_bytes(&data);
        let lines: Vec<&str> = text.lines().collect();
        let stamps = self.history.stamps;
        // Count entries from the end; a stamp belongs to the line after it.
        let mut kept = 0;
        let mut start = lines.len();
        while start > 0 && kept < n {
            start -= 1;
            if !(stamps && is_stamp(lines[start])) {
                kept += 1;
                if start > 0 && stamps && is_stamp(lines[start - 1]) {
                    start -= 1;
                }
            }
        }
        if start == 0 {
            return;
        }
        let mut out = lines[start..].join("\n");
        out.push('\n');
        let _ = self.proc.write_file(&path, &bytes::to_bytes(&out)).await;
    }

    /// Read a history file's entries after the first `skip` into the
    /// list (`history -r`, `-n`); answers how many lines the file has, or
    /// `None` if it cannot be read.
    pub async fn read_history_file(&mut self, file: &str, skip: usize) -> Option<usize> {
        let data = self.proc.read_file(&bytes::to_os(file)).await.ok()?;
        self.note_histtimeformat();
        let entries = parse_file(&bytes::from_bytes(&data), self.history.stamps);
        let total = entries.len();
        let h = self.history_mut();
        for (line, time) in entries.into_iter().skip(skip) {
            h.add(line, time);
        }
        h.in_file = total;
        Some(total)
    }

    /// Write entries `from..` of the list to a file, appending or not.
    pub async fn write_history_file(&mut self, file: &str, from: usize, append: bool) -> bool {
        let stamps = self.get("HISTTIMEFORMAT").is_some();
        let text = self.history.file_text(from, stamps);
        let flags = if append { OpenFlags::APPEND } else { OpenFlags::WRITE };
        let Ok(fd) = self.proc.open(&bytes::to_os(file), flags).await else {
            return false;
        };
        let ok = self.proc.write(fd, &bytes::to_bytes(&text)).await.is_ok();
        let _ = self.proc.close(fd).await;
        ok
    }

    /// An interactive shell starting: `HISTSIZE` and `HISTFILESIZE` get
    /// their defaults, the file is truncated to the one and read into the
    /// list (bash's `load_history`).
    pub async fn load_history(&mut self) {
        self.history_mut().stamps = true;
        if self.get("HISTFILE").is_none() {
            let home = self.get("HOME").unwrap_or_default();
            let _ = self.set("HISTFILE", &format!("{home}/.sh_history"));
        }
        if self.get("HISTSIZE").is_none() {
            let _ = self.set("HISTSIZE", "500");
        }
        self.history_size_changed("HISTSIZE").await;
        if self.get("HISTFILESIZE").is_none() {
            let size = self.get("HISTSIZE").unwrap_or_default();
            let _ = self.set("HISTFILESIZE", &size);
        }
        self.history_size_changed("HISTFILESIZE").await;
        if let Some(file) = self.get("HISTFILE").filter(|f| !f.is_empty()) {
            self.read_history_file(&file, 0).await;
        }
    }

    /// An interactive shell ending: its lines go to `$HISTFILE` (bash's
    /// `maybe_save_shell_history`).
    pub async fn save_history(&mut self) {
        let session = self.history.session;
        if session == 0 || !self.history.remember {
            return;
        }
        let Some(file) = self.get("HISTFILE").filter(|f| !f.is_empty()) else {
            return;
        };
        let len = self.history.lines.len();
        let append = session <= len || self.shopts.histappend;
        if append {
            self.write_history_file(&file, len.saturating_sub(session), true).await;
        } else {
            self.write_history_file(&file, 0, false).await;
        }
        let h = self.history_mut();
        h.in_file += session;
        h.session = 0;
        self.history_size_changed("HISTFILESIZE").await;
    }
}
