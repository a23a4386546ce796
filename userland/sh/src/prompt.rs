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

    /// Text expanded as a prompt is (`${x@P}` too): bash's escapes, then
    /// (with `promptvars`, the default) parameter, command and arithmetic
    /// expansion as in double quotes. What an escape stands for (`\w`,
    /// `\h`, `\s`) is quoted first, so a directory named `$x` is shown as
    /// it is.
    pub async fn expand_prompt(&mut self, raw: &str) -> String {
        let vars = self.shopts.promptvars;
        let escaped = self.prompt_escapes(raw, vars);
        if !vars {
            return escaped;
        }
        let Ok(word) = Parser::expansion_word(&escaped) else {
            return escaped;
        };
        // An expansion error must not end the shell at its prompt.
        let saved = self.params.status;
        let r = self.expand_str(&word).await.unwrap_or(escaped);
        self.params.status = saved;
        r
    }

    fn prompt_escapes(&mut self, s: &str, vars: bool) -> String {
        // Text an escape stands for is not expanded again.
        let quote = |t: &str| -> String {
            if !vars {
                return t.to_string();
            }
            let mut q = String::new();
            for c in t.chars() {
                if matches!(c, '\\' | '$' | '`') {
                    q.push('\\');
                }
                q.push(c);
            }
            q
        };
        let mut out = String::new();
        let cs: Vec<char> = s.chars().collect();
        let now = (self.proc.now_ms() / 1000) as i64;
        let mut i = 0;
        while i < cs.len() {
            let c = cs[i];
            i += 1;
            if c != '\\' {
                out.push(c);
                continue;
            }
            let Some(&e) = cs.get(i) else {
                out.push('\\');
                break;
            };
            i += 1;
            match e {
                'a' => out.push('\u{7}'),
                'e' => out.push('\u{1b}'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                '\\' => out.push('\\'),
                // Markers for the line editor: only where there is one.
                '[' if self.opts.interactive => out.push('\u{1}'),
                ']' if self.opts.interactive => out.push('\u{2}'),
                '[' | ']' => {}
                '$' => {
                    if self.proc.process().uid == 0 {
                        out.push('#');
                    } else {
                        out.push_str(if vars { "\\$" } else { "$" });
                    }
                }
                'u' => out.push_str(&self.get("USER").unwrap_or_default()),
                'h' | 'H' => {
                    let host = self.get("HOSTNAME").unwrap_or_else(|| "ninebox".to_string());
                    let host = if e == 'h' {
                        host.split('.').next().unwrap_or("").to_string()
                    } else {
                        host
                    };
                    out.push_str(&quote(&host));
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
                    out.push_str(&quote(&shown));
                }
                's' => {
                    let name = self.params.arg0.rsplit('/').next().unwrap_or("sh").to_string();
                    out.push_str(&quote(&name));
                }
                'v' => {
                    let [major, minor, ..] = super::run::BASH_VERSINFO;
                    out.push_str(&format!("{major}.{minor}"));
                }
                'V' => {
                    let [major, minor, patch, ..] = super::run::BASH_VERSINFO;
                    out.push_str(&format!("{major}.{minor}.{patch}"));
                }
                'j' => out.push_str(&self.jobs.table.len().to_string()),
                'l' => {
                    let tty = self.proc.fd_name(0).ok().and_then(|n| {
                        n.strip_suffix("/data")
                            .filter(|d| d.ends_with("cons"))
                            .map(|d| d.rsplit('/').next().unwrap_or("cons").to_string())
                    });
                    out.push_str(&tty.unwrap_or_else(|| "tty".to_string()));
                }
                '!' => {
                    let h = &self.history;
                    // bash's history_number: 1 while nothing is remembered.
                    let n = if h.remember { h.base + h.lines.len() } else { 1 };
                    out.push_str(&n.to_string());
                }
                '#' => out.push_str(&self.params.command_number.to_string()),
                'd' => out.push_str(&time::format("%a %b %d", now, 0)),
                't' => out.push_str(&time::format("%H:%M:%S", now, 0)),
                'T' => out.push_str(&time::format("%I:%M:%S", now, 0)),
                '@' => out.push_str(&time::format("%I:%M %p", now, 0)),
                'A' => out.push_str(&time::format("%H:%M", now, 0)),
                'D' if cs.get(i) == Some(&'{') => {
                    let close = cs[i..].iter().position(|&c| c == '}');
                    match close {
                        Some(k) => {
                            let fmt: String = cs[i + 1..i + k].iter().collect();
                            i += k + 1;
                            let fmt = if fmt.is_empty() { "%X".to_string() } else { fmt };
                            out.push_str(&quote(&time::format(&fmt, now, 0)));
                        }
                        None => {
                            out.push_str("\\D");
                        }
                    }
                }
                '0'..='7' => {
                    let mut v = e.to_digit(8).unwrap_or(0);
                    for _ in 0..2 {
                        match cs.get(i).and_then(|c| c.to_digit(8)) {
                            Some(d) => {
                                v = v * 8 + d;
                                i += 1;
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

    /// `PROMPT_COMMAND` (each element of it, as an array) before the
    /// primary prompt; `$?` is left as it was.
    async fn prompt_command(&mut self) -> Result<(), Flow> {
        let cmds: Vec<String> = match self.vars.get("PROMPT_COMMAND").and_then(|v| v.value.clone()) {
            Some(super::vars::Value::Str(s)) => vec![s],
            Some(super::vars::Value::Indexed(m)) => m.values().cloned().collect(),
            Some(super::vars::Value::Assoc(m)) => m.get("0").cloned().into_iter().collect(),
            None => Vec::new(),
        };
        for c in cmds.into_iter().filter(|c| !c.is_empty()) {
            let saved = self.params.status;
            let r = self.eval_string(&c, "PROMPT_COMMAND").await;
            self.params.status = saved;
            if let Err(Flow::Exit(s)) = r {
                return Err(Flow::Exit(s));
            }
        }
        Ok(())
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
                self.prompt_command().await?;
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
                    // History expansion and the history list see each
                    // line as it is read.
                    let continued = !buf.is_empty();
                    let so_far = format!("{entered}{l}");
                    let Some(l) = self.preprocess_line(&l, &so_far, continued).await else {
                        continue;
                    };
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
            if complete {
                entered.clear();
            }
        }
    }
}
