//! Prompt strings (PS1, PS2) and the interactive main loop.
//!
//! A prompt gets bash's backslash escapes (`\u@\h:\w\$ `, the default),
//! then parameter, command and arithmetic expansion, as bash does with
//! `promptvars` on. `\[ ... \]` marks text that takes no columns (colour
//! codes), so the editor knows where the cursor is.

use common::time;

use super::editor::Line;
use super::parse::{ParseError, Parser};
use super::{Flow, Res, Shell, bytes};

const DEFAULT_PS1: &str = "\\u@\\h:\\w\\$ ";
const DEFAULT_PS2: &str = "> ";

impl Shell {
    /// The prompt `PS1` or `PS2`, expanded.
    pub async fn prompt(&mut self, which: &str) -> String {
        let raw = self
            .get(which)
            .unwrap_or_else(|| if which == "PS1" { DEFAULT_PS1 } else { DEFAULT_PS2 }.to_string());
        self.expand_prompt(&raw).await
    }

    /// Text expanded as a prompt is (`${x@P}` too).
    pub async fn expand_prompt(&mut self, raw: &str) -> String {
        let escaped = self.prompt_escapes(raw);
        let Ok(word) = Parser::expansion_word(&escaped) else {
            return escaped;
        };
        // An expansion error must not end the shell at its prompt.
        let saved = self.params.status;
        let r = self.expand_str(&word).await.unwrap_or(escaped);
        self.params.status = saved;
        r
    }

    fn prompt_escapes(&mut self, s: &str) -> String {
        let mut out = String::new();
        let mut cs = s.chars().peekable();
        let now = (self.proc.now_ms() / 1000) as i64;
        while let Some(c) = cs.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let Some(e) = cs.next() else {
                out.push('\\');
                break;
            };
            match e {
                'a' => out.push('\u{7}'),
                'e' => out.push('\u{1b}'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                '\\' => out.push('\\'),
                '[' => out.push('\u{1}'),
                ']' => out.push('\u{2}'),
                '$' => out.push(if self.proc.process().uid == 0 { '#' } else { '$' }),
                'u' => out.push_str(&self.get("USER").unwrap_or_default()),
                'h' | 'H' => {
                    let host = self.get("HOSTNAME").unwrap_or_else(|| "ninebox".to_string());
                    let host = if e == 'h' {
                        host.split('.').next().unwrap_or("").to_string()
                    } else {
                        host
                    };
                    out.push_str(&host);
                }
                'w' | 'W' => {
                    let pwd = self.get("PWD").unwrap_or_else(|| bytes::from_os(&self.proc.cwd()));
                    let home = self.get("HOME").unwrap_or_default();
                    let shown = if !home.is_empty() && pwd == home {
                        "~".to_string()
                    } else if e == 'W' {
                        pwd.rsplit('/').find(|p| !p.is_empty()).unwrap_or("/").to_string()
                    } else if !home.is_empty() && pwd.starts_with(&format!("{home}/")) {
                        format!("~{}", &pwd[home.len()..])
                    } else {
                        pwd
                    };
                    out.push_str(&shown);
                }
                's' => out.push_str(self.params.arg0.rsplit('/').next().unwrap_or("sh")),
                'v' | 'V' => out.push_str(env!("CARGO_PKG_VERSION")),
                'j' => out.push_str(&self.jobs.table.len().to_string()),
                'l' => out.push_str("cons"),
                '!' => out.push_str(&(self.history.lock().lines.len() + 1).to_string()),
                '#' => out.push_str(&(self.history.lock().lines.len() + 1).to_string()),
                'd' => out.push_str(&time::format("%a %b %d", now, 0)),
                't' => out.push_str(&time::format("%H:%M:%S", now, 0)),
                'T' => out.push_str(&time::format("%I:%M:%S", now, 0)),
                '@' => out.push_str(&time::format("%I:%M %p", now, 0)),
                'A' => out.push_str(&time::format("%H:%M", now, 0)),
                'D' if cs.peek() == Some(&'{') => {
                    cs.next();
                    let fmt: String = cs.by_ref().take_while(|&c| c != '}').collect();
                    let fmt = if fmt.is_empty() { "%X".to_string() } else { fmt };
                    out.push_str(&time::format(&fmt, now, 0));
                }
                '0'..='7' => {
                    let mut v = e.to_digit(8).unwrap_or(0);
                    for _ in 0..2 {
                        match cs.peek().and_then(|c| c.to_digit(8)) {
                            Some(d) => {
                                v = v * 8 + d;
                                cs.next();
                            }
                            None => break,
                        }
                    }
                    out.push(char::from_u32(v & 0xff).unwrap_or('?'));
                }
                other => {
                    out.push('\\');
                    out.push(other);
                }
            }
        }
        out
    }

    /// Tell the user about background jobs that have ended, as bash does
    /// before a prompt.
    async fn notify_jobs(&mut self) {
        self.reap_jobs();
        let n = self.jobs.table.len();
        let mut text = String::new();
        for (i, j) in self.jobs.table.iter().enumerate() {
            if j.finished() {
                text.push_str(&super::builtins::job_line(j, i, n, false));
            }
        }
        self.jobs.retire_finished();
        if !text.is_empty() {
            self.write_fd(2, &text).await;
        }
    }

    /// The interactive loop: prompt, edit a line, run each complete
    /// command, remember it in the history.
    pub async fn run_interactive(&mut self) -> Res {
        // Catch notes, so an interrupt meant for a command does not end
        // the shell (handle_notes ignores it at the prompt).
        self.catch_notes_if_trapped();
        self.load_history().await;
        let mut buf = String::new();
        let mut entered = String::new();
        let mut line_no = 1;
        loop {
            if buf.is_empty() {
                self.notify_jobs().await;
            }
            let prompt = self.prompt(if buf.is_empty() { "PS1" } else { "PS2" }).await;
            match self.edit_line(&prompt).await {
                Line::Eof if buf.is_empty() => {
                    self.write_fd(2, "exit\n").await;
                    return Ok(self.params.status);
                }
                Line::Eof => {
                    // End of input inside a command: report it as bash does.
                    let mut parser = Parser::new(&buf, line_no, true);
                    if let Err(e) = parser.next_command() {
                        self.report_parse_error(e).await;
                    }
                    buf.clear();
                    entered.clear();
                    self.params.status = 2;
                    continue;
                }
                Line::Cancelled => {
                    buf.clear();
                    entered.clear();
                    self.params.status = 130;
                    continue;
                }
                Line::Text(l) => {
                    buf.push_str(&l);
                    entered.push_str(&l);
                }
            }
            let mut complete = true;
            loop {
                let mut parser = Parser::new(&buf, line_no, false);
                self.configure(&mut parser);
                match parser.next_command() {
                    Ok(Some(list)) => {
                        let used: usize = buf.chars().take(parser.consumed()).map(char::len_utf8).sum();
                        buf.drain(..used);
                        line_no = parser.line();
                        if buf.trim().is_empty() {
                            // Remember before running, so `history` and a
                            // crash both see it.
                            self.remember(&entered).await;
                            entered.clear();
                            buf.clear();
                        }
                        match self.run_top(&list).await {
                            Ok(_) => {}
                            Err(Flow::Exit(s)) => return Err(Flow::Exit(s)),
                            Err(f) => return Err(f),
                        }
                    }
                    Ok(None) => {
                        buf.clear();
                        break;
                    }
                    Err(ParseError::Incomplete) => {
                        complete = false;
                        break;
                    }
                    Err(e) => {
                        self.at.line = parser.line();
                        self.report_parse_error(e).await;
                        self.params.status = 2;
                        buf.clear();
                        break;
                    }
                }
                if buf.is_empty() {
                    break;
                }
            }
            if complete && !entered.is_empty() {
                self.remember(&entered).await;
                entered.clear();
            }
        }
    }
}
