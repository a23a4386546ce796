//! The program's text (the `-f` files and the command-line or `-e` texts,
//! joined), and gawk's shapes for messages that point into it:
//!
//! ```text
//! awk: cmd. line:1: BEGIN{print 1 +}
//! awk: cmd. line:1:                ^ syntax error
//! awk: prog.awk:3: error: `next' used in BEGIN action
//! awk: cmd. line:1: (FILENAME=f FNR=2) fatal: division by zero attempted
//! ```
//!
//! Positions are byte offsets into the joined text; lines are worked out
//! only when a message is printed.

/// One piece of program text.
pub struct Source {
    /// What messages call it: `cmd. line` or the file's name.
    pub name: String,
    pub start: usize,
    pub end: usize,
    /// Command-line and `-e` texts end in a newline of their own (gawk
    /// adds one), so their last line reads as a line; files are as they
    /// are.
    pub cmdline: bool,
}

#[derive(Default)]
pub struct Sources {
    pub text: Vec<u8>,
    pub list: Vec<Source>,
}

/// A problem found before the program runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Diag {
    /// A syntax error at the token starting at `pos`: the line and a caret
    /// under the token. `newline`: the token is the newline ending the
    /// line (gawk counts the line as already ended).
    Syntax { pos: usize, msg: String, newline: bool },
    /// The text of source `i` ended in the middle of something.
    AtEnd(usize),
    /// `error: msg`, at the line of `pos`.
    Error { pos: usize, msg: String },
    /// `fatal: msg`, at the line of `pos`.
    Fatal { pos: usize, msg: String },
    /// `warning: msg`, at the line of `pos`; the program goes on.
    Warning { pos: usize, msg: String },
}

impl Diag {
    pub fn syntax(pos: usize, msg: impl Into<String>) -> Diag {
        Diag::Syntax {
            pos,
            msg: msg.into(),
            newline: false,
        }
    }

    pub fn error(pos: usize, msg: impl Into<String>) -> Diag {
        Diag::Error { pos, msg: msg.into() }
    }

    pub fn fatal(pos: usize, msg: impl Into<String>) -> Diag {
        Diag::Fatal { pos, msg: msg.into() }
    }

    pub fn warning(pos: usize, msg: impl Into<String>) -> Diag {
        Diag::Warning { pos, msg: msg.into() }
    }

    /// gawk's exit status for it.
    pub fn status(&self) -> i32 {
        match self {
            Diag::Fatal { .. } => 2,
            _ => 1,
        }
    }
}

/// Where a position is: its source, its line number there, and the
/// bounds of its line.
struct Place<'a> {
    src: &'a Source,
    line: usize,
    line_start: usize,
    line_end: usize,
}

impl Sources {
    /// Add a piece of program text.
    pub fn push(&mut self, name: &str, data: &[u8], cmdline: bool) {
        let start = self.text.len();
        self.text.extend_from_slice(data);
        if cmdline && !data.ends_with(b"\n") {
            self.text.push(b'\n');
        }
        self.list.push(Source {
            name: name.to_string(),
            start,
            end: self.text.len(),
            cmdline,
        });
    }

    /// The source a position is in (the last one past the end).
    pub fn index_of(&self, pos: usize) -> usize {
        self.list
            .iter()
            .position(|s| pos < s.end)
            .unwrap_or(self.list.len().saturating_sub(1))
    }

    /// Whether `pos` is the newline that ends a command-line text (the
    /// end of that text, for gawk).
    pub fn is_cmdline_end(&self, pos: usize) -> bool {
        self.list.iter().any(|s| s.cmdline && pos + 1 == s.end)
    }

    fn place(&self, pos: usize) -> Option<Place<'_>> {
        let src = self.list.iter().find(|s| pos < s.end).or_else(|| self.list.last())?;
        let pos = pos.clamp(src.start, src.end);
        let text = &self.text[src.start..src.end];
        let rel = pos - src.start;
        let line = 1 + memchr::memchr_iter(b'\n', &text[..rel]).count();
        let line_start = src.start + memchr::memrchr(b'\n', &text[..rel]).map_or(0, |k| k + 1);
        let line_end = src.start + memchr::memchr(b'\n', &text[rel..]).map_or(text.len(), |k| rel + k);
        Some(Place {
            src,
            line,
            line_start,
            line_end,
        })
    }

    /// `cmd. line:3` or `prog.awk:3` for a position.
    pub fn at(&self, pos: usize) -> String {
        match self.place(pos) {
            Some(p) => format!("{}:{}", p.src.name, p.line),
            None => "cmd. line:1".to_string(),
        }
    }

    /// The message for a diagnostic, each line prefixed with `prog: `.
    pub fn render(&self, prog: &str, d: &Diag) -> String {
        match d {
            Diag::Syntax { pos, msg, newline } => {
                let Some(p) = self.place(*pos) else {
                    return format!("{prog}: cmd. line:1: {msg}\n");
                };
                let shown = p.line + usize::from(*newline);
                let where_ = format!("{prog}: {}:{shown}:", p.src.name);
                let line = &self.text[p.line_start..p.line_end];
                let lead = caret_lead(&self.text[p.line_start..(*pos).clamp(p.line_start, p.line_end)]);
                format!("{where_} {}\n{where_} {lead}^ {msg}\n", String::from_utf8_lossy(line))
            }
            Diag::AtEnd(i) => {
                let Some(src) = self.list.get(*i) else {
                    return String::new();
                };
                let text = &self.text[src.start..src.end];
                if src.cmdline {
                    let d = Diag::syntax(src.end - 1, "unexpected newline or end of string");
                    return self.render(prog, &d);
                }
                let newlines = memchr::memchr_iter(b'\n', text).count();
                let (line, lead) = if text.ends_with(b"\n") || text.is_empty() {
                    (newlines.max(1), String::new())
                } else {
                    let last = memchr::memrchr(b'\n', text).map_or(0, |k| k + 1);
                    // gawk's caret sits under the last character.
                    (newlines + 2, caret_lead(&text[last..text.len() - 1]))
                };
                let where_ = format!("{prog}: {}:{line}:", src.name);
                format!(
                    "{where_} (END OF FILE)\n{where_} {lead}^ source files / command-line arguments must contain complete functions or rules\n"
                )
            }
            Diag::Error { pos, msg } => format!("{prog}: {}: error: {msg}\n", self.at(*pos)),
            Diag::Fatal { pos, msg } => format!("{prog}: {}: fatal: {msg}\n", self.at(*pos)),
            Diag::Warning { pos, msg } => format!("{prog}: {}: warning: {msg}\n", self.at(*pos)),
        }
    }
}

/// The blanks that put a caret under a column: tabs stay tabs.
fn caret_lead(before: &[u8]) -> String {
    before.iter().map(|&b| if b == b'\t' { '\t' } else { ' ' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, cmdline: bool) -> Sources {
        let mut s = Sources::default();
        s.push(if cmdline { "cmd. line" } else { "p.awk" }, text.as_bytes(), cmdline);
        s
    }

    // Shapes from gawk 5.2.
    #[test]
    fn syntax_errors_point_at_the_token() {
        let s = one("BEGIN{print 1 +}", true);
        assert_eq!(
            s.render("awk", &Diag::syntax(15, "syntax error")),
            "awk: cmd. line:1: BEGIN{print 1 +}\nawk: cmd. line:1:                ^ syntax error\n"
        );
        let s = one("BEGIN\t{\tx =\t}", true);
        assert_eq!(
            s.render("awk", &Diag::syntax(12, "syntax error")),
            "awk: cmd. line:1: BEGIN\t{\tx =\t}\nawk: cmd. line:1:      \t \t   \t^ syntax error\n"
        );
        let s = one("BEGIN{x=(1", true);
        let d = Diag::Syntax {
            pos: 10,
            msg: "unexpected newline or end of string".into(),
            newline: true,
        };
        assert_eq!(
            s.render("awk", &d),
            "awk: cmd. line:2: BEGIN{x=(1\nawk: cmd. line:2:           ^ unexpected newline or end of string\n"
        );
        assert_eq!(
            s.render("awk", &Diag::AtEnd(0)),
            "awk: cmd. line:1: BEGIN{x=(1\nawk: cmd. line:1:           ^ unexpected newline or end of string\n"
        );
    }

    #[test]
    fn files_end_as_gawk_says() {
        let msg = "source files / command-line arguments must contain complete functions or rules";
        assert_eq!(
            one("BEGIN {\n  print 1\n", false).render("awk", &Diag::AtEnd(0)),
            format!("awk: p.awk:2: (END OF FILE)\nawk: p.awk:2: ^ {msg}\n")
        );
        assert_eq!(
            one("BEGIN{print 1 +", false).render("awk", &Diag::AtEnd(0)),
            format!("awk: p.awk:2: (END OF FILE)\nawk: p.awk:2:               ^ {msg}\n")
        );
    }

    #[test]
    fn lines_of_several_sources() {
        let mut s = Sources::default();
        s.push("a.awk", b"BEGIN{x=1}\n\n", false);
        s.push("cmd. line", b"END{\nx=}", true);
        assert_eq!(s.at(0), "a.awk:1");
        assert_eq!(s.at(13), "cmd. line:1");
        assert_eq!(s.at(18), "cmd. line:2");
        assert_eq!(
            s.render("awk", &Diag::error(5, "`next' used in BEGIN action")),
            "awk: a.awk:1: error: `next' used in BEGIN action\n"
        );
    }
}
