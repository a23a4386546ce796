//! Printing commands back as text, in bash's layout (`type f`,
//! `declare -f`): words exactly as written, structure re-indented by four
//! spaces, `;` after each command except where bash leaves it out.

use super::ast::*;

/// A function definition as bash prints it.
pub fn function(f: &Function) -> String {
    let mut p = Printer::default();
    p.out.push_str(&format!("{} () \n", f.name));
    match &f.body {
        Compound::Group(list) => {
            p.out.push_str("{ \n");
            p.list(list, 1, false);
            p.out.push('}');
        }
        other => {
            p.out.push_str("{ \n");
            p.indent(1);
            p.compound(other, 1);
            p.out.push('\n');
            p.out.push('}');
        }
    }
    p.redirs(&f.redirs);
    p.out.push('\n');
    p.out
}

/// A simple command on one line, as `$BASH_COMMAND` shows it.
pub fn simple(s: &Simple) -> String {
    let mut p = Printer::default();
    p.simple(s);
    p.out
}

/// A compound command's header, as `$BASH_COMMAND` shows it for the
/// DEBUG trap (`for i in 1 2`, `case x in `, `[[ -n x ]]`).
pub fn header(c: &Compound) -> String {
    let mut p = Printer::default();
    match c {
        Compound::For { var, words, select, .. } => {
            p.out
                .push_str(&format!("{} {var}", if *select { "select" } else { "for" }));
            if let Some(ws) = words {
                p.out.push_str(" in");
                for w in ws {
                    p.out.push(' ');
                    p.out.push_str(&word(w));
                }
            }
        }
        Compound::Case { word: w, .. } => p.out.push_str(&format!("case {} in ", word(w))),
        Compound::Arith(w) => p.out.push_str(&format!("(( {} ))", w.unquoted_text().trim())),
        Compound::ArithFor { init, cond, step, .. } => p.out.push_str(&format!(
            "(( {}; {}; {} ))",
            init.unquoted_text().trim(),
            cond.unquoted_text().trim(),
            step.unquoted_text().trim()
        )),
        other => p.compound(other, 0),
    }
    p.out
}

#[derive(Default)]
struct Printer {
    out: String,
    /// Heredoc bodies waiting for the end of the current line.
    heredocs: Vec<String>,
}

impl Printer {
    fn indent(&mut self, level: usize) {
        self.out.push_str(&"    ".repeat(level));
    }

    /// A list, one and-or list per line. `semi`: end the last one with `;`
    /// too (inside `if`, loops).
    fn list(&mut self, list: &List, level: usize, semi: bool) {
        let n = list.items.len();
        for (i, item) in list.items.iter().enumerate() {
            self.indent(level);
            self.and_or(&item.and_or, level);
            let last = i + 1 == n;
            if item.background {
                self.out.push_str(" &");
            } else if !last || semi {
                self.out.push(';');
            }
            self.out.push('\n');
            self.flush_heredocs();
        }
    }

    fn flush_heredocs(&mut self) {
        for h in std::mem::take(&mut self.heredocs) {
            self.out.push_str(&h);
        }
    }

    fn and_or(&mut self, ao: &AndOr, level: usize) {
        self.pipeline(&ao.first, level);
        for (c, p) in &ao.rest {
            self.out.push_str(match c {
                Connector::And => " && ",
                Connector::Or => " || ",
            });
            self.pipeline(p, level);
        }
    }

    fn pipeline(&mut self, p: &Pipeline, level: usize) {
        match p.time {
            Some(Timed::Format) => self.out.push_str("time"),
            Some(Timed::Posix) => self.out.push_str("time -p"),
            None => {}
        }
        if p.time.is_some() && (p.bang || !p.commands.is_empty()) {
            self.out.push(' ');
        }
        if p.bang {
            self.out.push_str("! ");
        }
        for (i, c) in p.commands.iter().enumerate() {
            if i > 0 {
                self.out.push_str(if p.stderr_too[i - 1] { " |& " } else { " | " });
            }
            self.command(c, level);
        }
    }

    fn command(&mut self, c: &Command, level: usize) {
        match c {
            Command::Simple(s) => self.simple(s),
            Command::Compound(c, redirs) => {
                self.compound(c, level);
                self.redirs(redirs);
            }
            Command::Function(f) => {
                let text = function(f);
                self.out.push_str(text.trim_end());
            }
        }
    }

    fn simple(&mut self, s: &Simple) {
        let mut words: Vec<String> = s.assigns.iter().map(|a| a.raw.clone()).collect();
        words.extend(s.words.iter().map(word));
        self.out.push_str(&words.join(" "));
        self.redirs(&s.redirs);
    }

    fn compound(&mut self, c: &Compound, level: usize) {
        match c {
            Compound::Group(list) => {
                self.out.push_str("{ \n");
                self.list(list, level + 1, false);
                self.indent(level);
                self.out.push('}');
            }
            Compound::Subshell(list) => {
                self.out.push_str("( ");
                let mut inner = Printer::default();
                for (i, item) in list.items.iter().enumerate() {
                    if i > 0 {
                        inner.out.push_str("; ");
                    }
                    inner.and_or(&item.and_or, level);
                }
                self.out.push_str(&inner.out);
                self.out.push_str(" )");
            }
            Compound::If { arms, otherwise } => self.if_(arms, otherwise.as_ref(), level),
            Compound::Loop { until, cond, body } => {
                self.out.push_str(if *until { "until " } else { "while " });
                self.inline(cond, level);
                self.out.push_str("; do\n");
                self.list(body, level + 1, true);
                self.indent(level);
                self.out.push_str("done");
            }
            Compound::For {
                var,
                words,
                body,
                select,
            } => {
                self.out
                    .push_str(&format!("{} {var}", if *select { "select" } else { "for" }));
                if let Some(ws) = words {
                    self.out.push_str(" in");
                    for w in ws {
                        self.out.push(' ');
                        self.out.push_str(&word(w));
                    }
                }
                self.out.push_str(";\n");
                self.indent(level);
                self.out.push_str("do\n");
                self.list(body, level + 1, true);
                self.indent(level);
                self.out.push_str("done");
            }
            Compound::ArithFor { init, cond, step, body } => {
                self.out.push_str(&format!(
                    "for (({}; {}; {}))\n",
                    init.unquoted_text(),
                    cond.unquoted_text(),
                    step.unquoted_text()
                ));
                self.indent(level);
                self.out.push_str("do\n");
                self.list(body, level + 1, true);
                self.indent(level);
                self.out.push_str("done");
            }
            Compound::Case { word: w, arms } => {
                self.out.push_str(&format!("case {} in \n", word(w)));
                for arm in arms {
                    self.indent(level + 1);
                    let pats: Vec<String> = arm.patterns.iter().map(word).collect();
                    self.out.push_str(&pats.join(" | "));
                    self.out.push_str(")\n");
                    self.list(&arm.body, level + 2, false);
                    self.indent(level + 1);
                    self.out.push_str(match arm.end {
                        CaseEnd::Break => ";;",
                        CaseEnd::FallThrough => ";&",
                        CaseEnd::Continue => ";;&",
                    });
                    self.out.push('\n');
                }
                self.indent(level);
                self.out.push_str("esac");
            }
            Compound::Arith(w) => self.out.push_str(&format!("(({}))", w.unquoted_text())),
            Compound::Cond(c) => {
                self.out.push_str("[[ ");
                self.cond(c);
                self.out.push_str(" ]]");
            }
        }
    }

    fn if_(&mut self, arms: &[(List, List)], otherwise: Option<&List>, level: usize) {
        let (cond, body) = &arms[0];
        self.out.push_str("if ");
        self.inline(cond, level);
        self.out.push_str("; then\n");
        self.list(body, level + 1, true);
        if arms.len() > 1 {
            // bash prints elif as a nested if in the else branch.
            self.indent(level);
            self.out.push_str("else\n");
            self.indent(level + 1);
            self.if_(&arms[1..], otherwise, level + 1);
            self.out.push_str(";\n");
        } else if let Some(e) = otherwise {
            self.indent(level);
            self.out.push_str("else\n");
            self.list(e, level + 1, true);
        }
        self.indent(level);
        self.out.push_str("fi");
    }

    /// A condition list on one line.
    fn inline(&mut self, list: &List, level: usize) {
        for (i, item) in list.items.iter().enumerate() {
            if i > 0 {
                self.out.push_str("; ");
            }
            self.and_or(&item.and_or, level);
        }
    }

    fn cond(&mut self, c: &Cond) {
        match c {
            Cond::Not(c) => {
                self.out.push_str("! ");
                self.cond(c);
            }
            Cond::And(a, b) => {
                self.cond(a);
                self.out.push_str(" && ");
                self.cond(b);
            }
            Cond::Or(a, b) => {
                self.cond(a);
                self.out.push_str(" || ");
                self.cond(b);
            }
            Cond::Unary(op, w) => self.out.push_str(&format!("{op} {}", word(w))),
            Cond::Binary(a, op, b) => self.out.push_str(&format!("{} {op} {}", word(a), word(b))),
            Cond::Word(w) => self.out.push_str(&word(w)),
        }
    }

    fn redirs(&mut self, redirs: &[Redir]) {
        for r in redirs {
            self.out.push(' ');
            let fd = match &r.var {
                Some(v) => format!("{{{v}}}"),
                None => r.fd.map(|f| f.to_string()).unwrap_or_default(),
            };
            let op = match r.op {
                RedirOp::In => "<",
                RedirOp::Out => ">",
                RedirOp::Clobber => ">|",
                RedirOp::Append => ">>",
                RedirOp::ReadWrite => "<>",
                RedirOp::DupIn => "<&",
                RedirOp::DupOut => ">&",
                RedirOp::OutErr => "&>",
                RedirOp::AppendErr => "&>>",
                RedirOp::HereDoc => "<<",
                RedirOp::HereString => "<<<",
            };
            match &r.heredoc {
                Some(h) => {
                    let (delim, body, strip) = &**h;
                    let dash = if *strip { "-" } else { "" };
                    self.out.push_str(&format!("{fd}{op}{dash}{delim}"));
                    let bare: String = delim.chars().filter(|c| !matches!(c, '\'' | '"' | '\\')).collect();
                    self.heredocs.push(format!("{body}{bare}\n"));
                }
                None if matches!(r.op, RedirOp::DupIn | RedirOp::DupOut) => {
                    self.out.push_str(&format!("{fd}{op}{}", word(&r.target)));
                }
                None => self.out.push_str(&format!("{fd}{op} {}", word(&r.target))),
            }
        }
    }
}

fn word(w: &Word) -> String {
    if w.raw.is_empty() {
        w.unquoted_text()
    } else {
        w.raw.clone()
    }
}
