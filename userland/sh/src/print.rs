//! Printing commands back as text, in bash's layout (`type f`,
//! `declare -f`, `jobs`, `$BASH_COMMAND`).
//!
//! This follows bash's `print_cmd.c` rule for rule, because scripts and
//! tests compare its output byte for byte: words exactly as written,
//! bodies indented by four spaces, `;` after each command of a function
//! body except where a here-document was just printed, `&` lists kept on
//! one line, `elif` printed as an `if` nested in `else`, `for x` as
//! `for x in "$@"`, `|&` as `2>&1 |`, redirections after the words, and
//! here-document bodies after the line that opens them (deferred past the
//! rest of a pipeline or and-or list, as bash defers them).

use super::ast::*;

const INDENT: usize = 4;

/// A function definition as `type` and `declare -f` print it.
pub fn function(f: &Function) -> String {
    let mut p = Printer {
        inside_function_def: 1,
        ..Printer::default()
    };
    if crate::builtins::KEYWORDS.contains(&f.name.as_str()) {
        p.out.push_str("function ");
    }
    p.out.push_str(&f.name);
    p.out.push_str(" () \n");
    p.indentation += INDENT;
    p.out.push_str("{ \n");
    p.body(f);
    p.indentation -= INDENT;
    p.inside_function_def -= 1;
    p.close_function(f);
    p.out.push('\n');
    p.out
}

/// A simple command on one line, as `$BASH_COMMAND` shows it.
pub fn simple(s: &Simple) -> String {
    let mut p = Printer::default();
    p.simple(s, false);
    p.flush_deferred("");
    p.out
}

/// An and-or list on one line, as `jobs` shows a job.
pub fn and_or(ao: &AndOr) -> String {
    let mut p = Printer::default();
    p.and_or(ao);
    p.flush_deferred("");
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
        Compound::Arith(w) => p.out.push_str(&format!("(( {} ))", word(w).trim())),
        Compound::ArithFor { init, cond, step, .. } => p.out.push_str(&format!(
            "(( {}; {}; {} ))",
            word(init).trim(),
            word(cond).trim(),
            word(step).trim()
        )),
        other => {
            p.skip += 1;
            p.compound(other, &[], false);
        }
    }
    p.out
}

/// A `[[ ]]` expression's text (without the brackets).
pub fn cond(c: &Cond) -> String {
    let mut p = Printer::default();
    p.cond(c, false);
    p.out
}

/// The state bash's printer keeps in globals.
#[derive(Default)]
struct Printer {
    out: String,
    indentation: usize,
    /// Commands that must not indent themselves (they follow text on the
    /// same line).
    skip: usize,
    /// A here-document body was just printed: the `;` that would follow
    /// is left out (bash's `was_heredoc`).
    was_heredoc: bool,
    /// Here-document bodies waiting for the end of the list element that
    /// opened them.
    deferred: Vec<String>,
    printing_connection: usize,
    inside_function_def: usize,
}

/// What a pipeline adds before its first command.
#[derive(Clone, Copy)]
struct Flags {
    time: Option<Timed>,
    bang: bool,
}

impl Printer {
    fn indent(&mut self) {
        for _ in 0..self.indentation {
            self.out.push(' ');
        }
    }

    /// The start of every command: indent unless told not to.
    fn begin(&mut self) {
        if self.skip > 0 {
            self.skip -= 1;
        } else {
            self.indent();
        }
    }

    fn newline(&mut self, s: &str) {
        self.out.push('\n');
        self.indent();
        self.out.push_str(s);
    }

    /// bash's `semicolon()`: a `;` unless the text ends a line or a job.
    fn semicolon(&mut self) {
        if self.out.ends_with('&') || self.out.ends_with('\n') {
            return;
        }
        self.out.push(';');
    }

    fn flags(&mut self, f: Flags) {
        match f.time {
            Some(Timed::Format) => self.out.push_str("time "),
            Some(Timed::Posix) => self.out.push_str("time -p "),
            None => {}
        }
        if f.bang {
            self.out.push_str("! ");
        }
    }

    /// The body of a function, then its closing brace.
    fn body(&mut self, f: &Function) {
        match &f.body {
            Compound::Group(list) => self.list(list),
            other => {
                self.begin();
                self.compound(other, &f.redirs, false);
            }
        }
        self.flush_deferred("");
    }

    fn close_function(&mut self, f: &Function) {
        if matches!(f.body, Compound::Group(_)) && !f.redirs.is_empty() {
            self.newline("} ");
            self.redirections(&f.redirs, false);
        } else {
            self.newline("}");
        }
    }

    /// bash's `print_deferred_heredocs`.
    fn print_deferred(&mut self, s: &str) {
        let shown = !s.is_empty() && s != ";";
        if shown {
            self.out.push_str(s);
        }
        if !self.deferred.is_empty() {
            let bodies = std::mem::take(&mut self.deferred);
            self.heredoc_bodies(&bodies);
            if shown {
                self.out.push(' ');
            }
            self.was_heredoc = true;
        }
    }

    fn flush_deferred(&mut self, s: &str) {
        if !self.deferred.is_empty() {
            self.print_deferred(s);
        }
    }

    fn heredoc_bodies(&mut self, bodies: &[String]) {
        self.out.push('\n');
        for b in bodies {
            self.out.push_str(b);
            self.out.push('\n');
        }
    }

    /// A connector between two commands of a list, pipeline or and-or
    /// list (bash's `cm_connection` case); `more`: a command follows.
    fn connector(&mut self, c: &str, more: bool) {
        match c {
            "&" | "|" => {
                self.print_deferred(&format!(" {c}"));
                if c != "&" || more {
                    self.out.push(' ');
                    self.skip += 1;
                }
            }
            "&&" | "||" => {
                self.print_deferred(&format!(" {c} "));
                if more {
                    self.skip += 1;
                }
            }
            _ => {
                if self.deferred.is_empty() {
                    if !self.was_heredoc {
                        self.out.push(';');
                    } else {
                        self.was_heredoc = false;
                    }
                } else {
                    let s = if self.inside_function_def > 0 { "" } else { ";" };
                    self.print_deferred(s);
                }
                if self.inside_function_def > 0 {
                    self.out.push('\n');
                } else {
                    self.out.push(' ');
                    if more {
                        self.skip += 1;
                    }
                }
            }
        }
    }

    /// A list: its and-or lists joined by `;` (a new line inside a
    /// function) or `&`.
    fn list(&mut self, list: &List) {
        let items = &list.items;
        match items.as_slice() {
            [] => {}
            [only] if !only.background => self.and_or(&only.and_or),
            _ => {
                self.begin();
                self.skip += 1;
                self.printing_connection += 1;
                self.and_or(&items[0].and_or);
                for i in 1..items.len() {
                    self.connector(if items[i - 1].background { "&" } else { ";" }, true);
                    self.and_or(&items[i].and_or);
                    self.flush_deferred("");
                }
                if items.last().is_some_and(|i| i.background) {
                    self.connector("&", false);
                    self.flush_deferred("");
                }
                self.printing_connection -= 1;
            }
        }
    }

    fn and_or(&mut self, ao: &AndOr) {
        if ao.rest.is_empty() {
            return self.pipeline(&ao.first);
        }
        self.begin();
        self.skip += 1;
        self.printing_connection += 1;
        self.pipeline(&ao.first);
        for (c, p) in &ao.rest {
            self.connector(
                match c {
                    Connector::And => "&&",
                    Connector::Or => "||",
                },
                true,
            );
            self.pipeline(p);
            self.flush_deferred("");
        }
        self.printing_connection -= 1;
    }

    fn pipeline(&mut self, p: &Pipeline) {
        let flags = Flags {
            time: p.time,
            bang: p.bang,
        };
        match p.commands.as_slice() {
            [] => {
                self.begin();
                self.flags(flags);
                let n = self.out.trim_end().len();
                self.out.truncate(n);
            }
            [only] => self.command_with(only, Some(flags), false),
            cmds => {
                self.begin();
                self.flags(flags);
                self.skip += 1;
                self.printing_connection += 1;
                for (i, c) in cmds.iter().enumerate() {
                    let err_too = p.stderr_too.get(i).copied().unwrap_or(false);
                    if i > 0 {
                        self.connector("|", true);
                    }
                    self.command_with(c, None, err_too);
                    if i > 0 {
                        self.flush_deferred("");
                    }
                }
                self.printing_connection -= 1;
            }
        }
    }

    /// One command (bash's `make_command_string_internal`); `err_too`:
    /// it is the left side of `|&`, which bash stores as `2>&1`.
    fn command_with(&mut self, c: &Command, flags: Option<Flags>, err_too: bool) {
        match c {
            Command::Simple(s) => {
                self.begin();
                if let Some(f) = flags {
                    self.flags(f);
                }
                self.simple(s, err_too);
            }
            Command::Compound(cmd, redirs) => {
                self.begin();
                if let Some(f) = flags {
                    self.flags(f);
                }
                self.compound(cmd, redirs, err_too);
            }
            Command::Function(f) => {
                self.begin();
                if let Some(fl) = flags {
                    self.flags(fl);
                }
                self.nested_function(f);
            }
        }
    }

    /// A function defined inside another: bash's `print_function_def`.
    fn nested_function(&mut self, f: &Function) {
        self.out.push_str(&format!("function {} () \n", f.name));
        self.indent();
        self.out.push_str("{ \n");
        self.inside_function_def += 1;
        self.indentation += INDENT;
        self.body(f);
        self.indentation -= INDENT;
        self.inside_function_def -= 1;
        self.close_function(f);
    }

    fn simple(&mut self, s: &Simple, err_too: bool) {
        let mut words: Vec<String> = s.assigns.iter().map(assign_text).collect();
        words.extend(s.words.iter().map(word));
        self.out.push_str(&words.join(" "));
        if !s.redirs.is_empty() || err_too {
            if !words.is_empty() {
                self.out.push(' ');
            }
            self.redirections(&s.redirs, err_too);
        }
    }

    fn compound(&mut self, c: &Compound, redirs: &[Redir], err_too: bool) {
        match c {
            Compound::Group(list) => {
                self.out.push_str("{ ");
                if self.inside_function_def == 0 {
                    self.skip += 1;
                } else {
                    self.out.push('\n');
                    self.indentation += INDENT;
                }
                self.list(list);
                self.flush_deferred("");
                if self.inside_function_def > 0 {
                    self.out.push('\n');
                    self.indentation -= INDENT;
                    self.indent();
                } else {
                    self.semicolon();
                    self.out.push(' ');
                }
                self.out.push('}');
            }
            Compound::Subshell(list) => {
                self.out.push_str("( ");
                self.skip += 1;
                self.list(list);
                self.flush_deferred("");
                self.out.push_str(" )");
            }
            Compound::If { arms, otherwise } => self.if_(arms, otherwise.as_ref()),
            Compound::Loop { until, cond, body } => {
                self.out.push_str(if *until { "until " } else { "while " });
                self.skip += 1;
                self.list(cond);
                self.flush_deferred("");
                self.semicolon();
                self.out.push_str(" do\n");
                self.indentation += INDENT;
                self.list(body);
                self.flush_deferred("");
                self.indentation -= INDENT;
                self.semicolon();
                self.newline("done");
            }
            Compound::For {
                var,
                words,
                body,
                select,
            } => {
                self.out.push_str(if *select { "select " } else { "for " });
                self.out.push_str(var);
                self.out.push_str(" in ");
                match words {
                    Some(ws) => self.out.push_str(&ws.iter().map(word).collect::<Vec<_>>().join(" ")),
                    None => self.out.push_str("\"$@\""),
                }
                self.out.push(';');
                self.newline("do\n");
                self.loop_body(body);
            }
            Compound::ArithFor { init, cond, step, body } => {
                let part = |w: &Word| {
                    let t = word(w);
                    let t = t.trim_start();
                    if t.is_empty() { "1".to_string() } else { t.to_string() }
                };
                self.out
                    .push_str(&format!("for (({}; {}; {}))", part(init), part(cond), part(step)));
                self.newline("do\n");
                self.loop_body(body);
            }
            Compound::Case { word: w, arms } => {
                self.out.push_str(&format!("case {} in ", word(w)));
                self.indentation += INDENT;
                for arm in arms {
                    self.newline("");
                    let pats: Vec<String> = arm.patterns.iter().map(word).collect();
                    self.out.push_str(&pats.join(" | "));
                    self.out.push_str(")\n");
                    self.indentation += INDENT;
                    self.list(&arm.body);
                    self.indentation -= INDENT;
                    self.flush_deferred("");
                    self.newline(match arm.end {
                        CaseEnd::Break => ";;",
                        CaseEnd::FallThrough => ";&",
                        CaseEnd::Continue => ";;&",
                    });
                }
                self.indentation -= INDENT;
                self.newline("esac");
            }
            Compound::Arith(w) => self.out.push_str(&format!("(({}))", word(w))),
            Compound::Cond(c) => {
                self.out.push_str("[[ ");
                self.cond(c, false);
                self.out.push_str(" ]]");
            }
        }
        if !redirs.is_empty() || err_too {
            self.out.push(' ');
            self.redirections(redirs, err_too);
        }
    }

    fn loop_body(&mut self, body: &List) {
        self.indentation += INDENT;
        self.list(body);
        self.flush_deferred("");
        self.semicolon();
        self.indentation -= INDENT;
        self.newline("done");
    }

    fn if_(&mut self, arms: &[(List, List)], otherwise: Option<&List>) {
        let (cond, body) = &arms[0];
        self.out.push_str("if ");
        self.skip += 1;
        self.list(cond);
        self.semicolon();
        self.out.push_str(" then\n");
        self.indentation += INDENT;
        self.list(body);
        self.flush_deferred("");
        self.indentation -= INDENT;
        if arms.len() > 1 || otherwise.is_some() {
            self.semicolon();
            self.newline("else\n");
            self.indentation += INDENT;
            if arms.len() > 1 {
                // bash stores elif as an if nested in the else branch.
                self.begin();
                self.if_(&arms[1..], otherwise);
            } else if let Some(e) = otherwise {
                self.list(e);
            }
            self.flush_deferred("");
            self.indentation -= INDENT;
        }
        self.semicolon();
        self.newline("fi");
    }

    /// A `[[ ]]` node; `invert`: an odd number of `!` before it.
    fn cond(&mut self, c: &Cond, invert: bool) {
        if let Cond::Not(inner) = c {
            return self.cond(inner, !invert);
        }
        if invert {
            self.out.push_str("! ");
        }
        match c {
            Cond::Not(_) => {}
            Cond::Paren(inner) => {
                self.out.push_str("( ");
                self.cond(inner, false);
                self.out.push_str(" )");
            }
            Cond::And(a, b) => {
                self.cond(a, false);
                self.out.push_str(" && ");
                self.cond(b, false);
            }
            Cond::Or(a, b) => {
                self.cond(a, false);
                self.out.push_str(" || ");
                self.cond(b, false);
            }
            Cond::Unary(op, w) => self.out.push_str(&format!("{op} {}", word(w))),
            Cond::Binary(a, op, b) => self.out.push_str(&format!("{} {op} {}", word(a), word(b))),
            Cond::Word(w) => self.out.push_str(&format!("-n {}", word(w))),
        }
    }

    /// bash's `print_redirection_list`: here-document headers in place,
    /// their bodies after the list (or later, inside a connection).
    fn redirections(&mut self, redirs: &[Redir], err_too: bool) {
        self.was_heredoc = false;
        let mut bodies = Vec::new();
        let mut texts = Vec::new();
        for r in redirs {
            match &r.heredoc {
                Some(h) => {
                    let (delim, body, strip) = &**h;
                    let fd = match (&r.var, r.fd) {
                        (Some(v), _) => format!("{{{v}}}"),
                        (None, Some(n)) if n != 0 => n.to_string(),
                        _ => String::new(),
                    };
                    let dash = if *strip { "-" } else { "" };
                    let quoted = delim.contains(['\'', '"', '\\']);
                    let bare: String = delim.chars().filter(|c| !matches!(c, '\'' | '"' | '\\')).collect();
                    let shown = if quoted {
                        format!("'{}'", bare.replace('\'', "'\\''"))
                    } else {
                        bare.clone()
                    };
                    texts.push(format!("{fd}<<{dash}{shown}"));
                    bodies.push(format!("{body}{bare}"));
                }
                None => texts.push(redirection(r)),
            }
        }
        if err_too {
            texts.push("2>&1".to_string());
        }
        self.out.push_str(&texts.join(" "));
        if !bodies.is_empty() {
            if self.printing_connection > 0 {
                self.deferred = bodies;
            } else {
                self.heredoc_bodies(&bodies);
            }
        }
    }
}

/// One redirection other than a here-document, as bash prints it.
fn redirection(r: &Redir) -> String {
    let target = word(&r.target);
    let fd_or = |default: u32| match (&r.var, r.fd) {
        (Some(v), _) => format!("{{{v}}}"),
        (None, Some(n)) if n != default => n.to_string(),
        _ => String::new(),
    };
    let fd_always = |default: u32| match (&r.var, r.fd) {
        (Some(v), _) => format!("{{{v}}}"),
        (None, n) => n.unwrap_or(default).to_string(),
    };
    match r.op {
        RedirOp::In => format!("{}< {target}", fd_or(0)),
        RedirOp::Out => format!("{}> {target}", fd_or(1)),
        RedirOp::Clobber => format!("{}>| {target}", fd_or(1)),
        RedirOp::Append => format!("{}>> {target}", fd_or(1)),
        RedirOp::ReadWrite => format!("{}<> {target}", fd_always(0)),
        RedirOp::HereString => format!("{}<<< {target}", fd_or(0)),
        RedirOp::OutErr => format!("&> {target}"),
        RedirOp::AppendErr => format!("&>> {target}"),
        RedirOp::DupIn | RedirOp::DupOut => {
            let (default, op) = if r.op == RedirOp::DupIn { (0, "<&") } else { (1, ">&") };
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            if target == "-" {
                format!("{}>&-", fd_always(default))
            } else if digits(&target) || target.strip_suffix('-').is_some_and(digits) {
                format!("{}{op}{target}", fd_always(default))
            } else {
                format!("{}{op}{target}", fd_or(default))
            }
        }
        RedirOp::HereDoc => format!("{}<< {target}", fd_or(0)),
    }
}

/// An assignment as written; an array's elements are joined by single
/// spaces, as bash stores a compound assignment.
pub fn assign_text(a: &Assign) -> String {
    match &a.value {
        AssignValue::Scalar(_) => a.raw.clone(),
        AssignValue::Array(elems) => {
            let mut s = a.name.clone();
            if let Some(i) = &a.index {
                s.push_str(&format!("[{}]", word(i)));
            }
            s.push_str(if a.append { "+=(" } else { "=(" });
            let shown: Vec<String> = elems
                .iter()
                .map(|(k, v)| match k {
                    Some(k) => format!("[{}]={}", word(k), word(v)),
                    None => word(v),
                })
                .collect();
            s.push_str(&shown.join(" "));
            s.push(')');
            s
        }
    }
}

pub fn word(w: &Word) -> String {
    if let [Part::AssignArg(a)] = w.parts.as_slice() {
        return assign_text(a);
    }
    if w.raw.is_empty() {
        w.unquoted_text()
    } else {
        w.raw.clone()
    }
}
