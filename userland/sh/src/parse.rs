//! The parser: source text to syntax tree, one complete command at a time.
//!
//! Shell syntax is context-sensitive (reserved words only in command
//! position, `[[` and `((` with their own rules, heredoc bodies on the lines
//! after their operator), so lexing and parsing are one recursive descent
//! over the characters.
//!
//! Like bash, the shell parses and runs one complete command at a time, so
//! aliases defined on one line apply to the next, and a syntax error on a
//! later line does not stop earlier lines from running. A parse that runs
//! out of input answers [`ParseError::Incomplete`], so a caller reading a
//! line at a time (`sh -s`, the terminal) can read more and try again.
//!
//! Heredoc bodies are read as soon as their operator is parsed: the parser
//! finds the end of the current line, reads the body from the next line,
//! and arranges to jump over it when the lexer reaches that line end.

use std::collections::HashMap;
use std::sync::Arc;

use super::ast::*;

/// Why a parse stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum ParseError {
    /// The input ended in the middle of a command.
    Incomplete,
    Syntax {
        line: u32,
        msg: String,
        text: String,
    },
}

pub type PResult<T> = Result<T, ParseError>;

/// Words that end a compound list.
const LIST_END: &[&str] = &["then", "else", "elif", "fi", "do", "done", "esac", "}"];

#[derive(Copy, Clone)]
struct Mark {
    pos: usize,
    line: u32,
    skip: Option<(usize, usize, u32)>,
    heredoc_at: Option<(usize, usize)>,
}

pub struct Parser {
    src: Vec<char>,
    pos: usize,
    line: u32,
    /// When the newline at `.0` is consumed, continue at `.1`, counting `.2`
    /// more lines: the heredoc bodies that followed it.
    skip: Option<(usize, usize, u32)>,
    /// The newline ending the current line and where the next heredoc body
    /// starts, once a heredoc has been read on this line.
    heredoc_at: Option<(usize, usize)>,
    /// False when more input may follow (then running out is Incomplete).
    at_end: bool,
    aliases: Option<Arc<HashMap<String, String>>>,
    /// Aliases being expanded at the current command position.
    expanding: Vec<String>,
    /// How deeply the text being parsed nests (commands, `$`-expansions,
    /// `[[ ]]` terms), and the most it may: the process's `nest` limit, so
    /// that neither parsing nor running the tree can exhaust the stack.
    depth: usize,
    max_depth: usize,
    /// Warnings to print (line, text), such as a heredoc ended by EOF.
    warnings: Vec<(u32, String)>,
    /// Read `@(a|b)` and the other extglob groups as parts of words.
    extglob: bool,
    /// Set when the input ran out inside a heredoc body: its delimiter,
    /// and whether leading tabs are stripped (`<<-`).
    open_heredoc: Option<(String, bool)>,
}

fn is_meta(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')')
}

pub fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

pub fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

pub fn is_name(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(is_name_start) && cs.all(is_name_char)
}

impl Parser {
    /// A parser over `src` starting at `line`. `at_end` says whether the
    /// text is all there is.
    pub fn new(src: &str, line: u32, at_end: bool) -> Parser {
        Parser {
            src: src.chars().collect(),
            pos: 0,
            line,
            skip: None,
            heredoc_at: None,
            at_end,
            aliases: None,
            expanding: Vec::new(),
            depth: 0,
            max_depth: kernel::Limits::standard().max_nest,
            warnings: Vec::new(),
            extglob: false,
            open_heredoc: None,
        }
    }

    /// After [`ParseError::Incomplete`]: the line that must arrive before
    /// parsing again can succeed, when the input ran out inside a heredoc
    /// body (its delimiter, and whether leading tabs are stripped). A
    /// reader of a stream waits for it instead of parsing after every
    /// line, which would make a long here-document quadratic.
    pub fn open_heredoc(&self) -> Option<&(String, bool)> {
        self.open_heredoc.as_ref()
    }

    /// Refuse text nesting deeper than `n` (the `nest` limit).
    pub fn set_max_depth(&mut self, n: usize) {
        self.max_depth = n;
    }

    /// Read extglob groups in words (`shopt -s extglob`, from the next
    /// command on).
    pub fn set_extglob(&mut self, on: bool) {
        self.extglob = on;
    }

    /// Expand these aliases in command position (from the next command on).
    pub fn set_aliases(&mut self, aliases: Option<Arc<HashMap<String, String>>>) {
        self.aliases = aliases;
    }

    /// How many characters have been consumed (callers reading a line at a
    /// time drop that much of their buffer).
    pub fn consumed(&self) -> usize {
        self.pos
    }

    pub fn line(&self) -> u32 {
        self.line
    }

    /// Warnings collected while parsing, for the shell to print.
    pub fn take_warnings(&mut self) -> Vec<(u32, String)> {
        std::mem::take(&mut self.warnings)
    }

    /// The whole program, for callers that want everything at once.
    pub fn parse_all(&mut self) -> PResult<List> {
        let mut all = List::default();
        while let Some(l) = self.next_command()? {
            all.items.extend(l.items);
        }
        Ok(all)
    }

    // ---- characters ----

    fn peek(&self) -> Option<char> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src.get(self.pos + n).copied()
    }

    fn looking_at(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(i, c)| self.peek_at(i) == Some(c))
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        if c == '\n' {
            self.line += 1;
            if let Some((at, to, lines)) = self.skip
                && at == self.pos
            {
                self.pos = to;
                self.line += lines;
                self.skip = None;
                self.heredoc_at = None;
                return Some(c);
            }
        }
        self.pos += 1;
        Some(c)
    }

    fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            line: self.line,
            skip: self.skip,
            heredoc_at: self.heredoc_at,
        }
    }

    fn reset(&mut self, m: Mark) {
        self.pos = m.pos;
        self.line = m.line;
        self.skip = m.skip;
        self.heredoc_at = m.heredoc_at;
    }

    fn incomplete<T>(&self) -> PResult<T> {
        Err(ParseError::Incomplete)
    }

    /// The text of the line the parser is on, for error messages.
    fn line_text(&self) -> String {
        let at = self.pos.min(self.src.len());
        let start = self.src[..at].iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1);
        let end = self.src[at..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(self.src.len(), |i| at + i);
        self.src[start..end].iter().collect()
    }

    fn syntax<T>(&self, msg: impl Into<String>) -> PResult<T> {
        Err(ParseError::Syntax {
            line: self.line,
            msg: msg.into(),
            text: self.line_text(),
        })
    }

    /// "syntax error near unexpected token `X'", or Incomplete at the end.
    fn unexpected<T>(&mut self) -> PResult<T> {
        match self.token_text() {
            None => self.incomplete(),
            Some(t) => self.syntax(format!("syntax error near unexpected token `{t}'")),
        }
    }

    /// The next token as bash names it in errors.
    fn token_text(&mut self) -> Option<String> {
        self.skip_blanks();
        let c = self.peek()?;
        if c == '\n' {
            return Some("newline".to_string());
        }
        for op in [
            ";;&", ";;", ";&", "&&", "||", "|&", "&>>", "&>", ">>", "<<<", "<<", ">&", "<&", "<>", ">|",
        ] {
            if self.looking_at(op) {
                return Some(op.to_string());
            }
        }
        if is_meta(c) {
            return Some(c.to_string());
        }
        let m = self.mark();
        let w = self.raw_word();
        self.reset(m);
        Some(w)
    }

    /// The raw characters of the word at the cursor (no parsing).
    fn raw_word(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if is_meta(c) {
                break;
            }
            s.push(c);
            self.bump();
        }
        s
    }

    // ---- blanks ----

    fn skip_blanks(&mut self) {
        loop {
            match self.peek() {
                Some(' ' | '\t') => {
                    self.bump();
                }
                Some('\\') if self.peek_at(1) == Some('\n') => {
                    self.bump_n(2);
                }
                _ => return,
            }
        }
    }

    fn skip_blanks_comments(&mut self) {
        self.skip_blanks();
        if self.peek() == Some('#') {
            while let Some(c) = self.peek() {
                if c == '\n' {
                    break;
                }
                self.bump();
            }
        }
    }

    /// Blanks, comments and newlines.
    fn linebreak(&mut self) {
        loop {
            self.skip_blanks_comments();
            if self.peek() == Some('\n') {
                self.bump();
            } else {
                return;
            }
        }
    }

    /// The unquoted literal word at the cursor, if the word is plain text
    /// (how reserved words are recognised). Does not move.
    fn peek_plain_word(&mut self) -> Option<String> {
        let m = self.mark();
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if is_meta(c) || matches!(c, '\'' | '"' | '\\' | '$' | '`') {
                break;
            }
            s.push(c);
            self.pos += 1;
        }
        let end_ok = self.peek().is_none_or(is_meta);
        self.reset(m);
        if s.is_empty() || !end_ok { None } else { Some(s) }
    }

    /// At the end of a pipeline: a list separator, a closing `)`, a
    /// comment or the end of the input.
    fn at_pipeline_end(&self) -> bool {
        match self.peek() {
            None | Some('\n' | ';' | ')' | '#') => true,
            Some('&') => self.peek_at(1) != Some('>'),
            _ => false,
        }
    }

    fn at_reserved(&mut self, words: &[&str]) -> Option<String> {
        let w = self.peek_plain_word()?;
        words.contains(&w.as_str()).then_some(w)
    }

    fn expect_reserved(&mut self, w: &str) -> PResult<()> {
        self.linebreak();
        if self.peek_plain_word().as_deref() == Some(w) {
            self.bump_n(w.chars().count());
            Ok(())
        } else {
            self.unexpected()
        }
    }

    /// One level deeper; refused past the `nest` limit. Every `enter` is
    /// matched by a `leave` on success; after an error the parser is not
    /// used again.
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return self.syntax(kernel::limits::reached("nest", self.max_depth as u64));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// A sub-parser for text inside this one (a heredoc body, backquotes),
    /// at this one's depth.
    fn nested(&self, src: &str, line: u32) -> Parser {
        let mut sub = Parser::new(src, line, true);
        sub.aliases = self.aliases.clone();
        sub.depth = self.depth;
        sub.max_depth = self.max_depth;
        sub
    }

    // ---- lists ----

    /// The next complete command (a line's worth, or more for multi-line
    /// constructs), or `None` at the end of the input.
    pub fn next_command(&mut self) -> PResult<Option<List>> {
        self.linebreak();
        if self.peek().is_none() {
            return Ok(None);
        }
        let list = self.parse_list(true)?;
        self.skip_blanks_comments();
        match self.peek() {
            None => {}
            Some('\n') => {
                self.bump();
            }
            Some(_) => return self.unexpected(),
        }
        if list.items.is_empty() {
            return self.unexpected();
        }
        Ok(Some(list))
    }

    /// A list of and-or lists separated by `;`, `&` (and newlines unless
    /// `top`). Stops before anything that cannot start a command.
    fn parse_list(&mut self, top: bool) -> PResult<List> {
        let mut items = Vec::new();
        loop {
            if top {
                self.skip_blanks_comments();
            } else {
                self.linebreak();
            }
            if self.at_list_end(top) {
                break;
            }
            let and_or = self.parse_and_or()?;
            self.skip_blanks_comments();
            let mut background = false;
            match self.peek() {
                Some(';') if !matches!(self.peek_at(1), Some(';' | '&')) => {
                    self.bump();
                }
                Some('&') if !matches!(self.peek_at(1), Some('&' | '>')) => {
                    self.bump();
                    background = true;
                }
                Some('\n') if !top => {}
                _ => {
                    items.push(Item { and_or, background });
                    break;
                }
            }
            items.push(Item { and_or, background });
        }
        Ok(List { items })
    }

    fn at_list_end(&mut self, top: bool) -> bool {
        match self.peek() {
            None | Some(')') => true,
            Some('\n') => top,
            Some(';') => matches!(self.peek_at(1), Some(';' | '&')),
            _ => self.at_reserved(LIST_END).is_some(),
        }
    }

    /// A list inside a compound command: must not be empty.
    fn compound_list(&mut self) -> PResult<List> {
        let l = self.parse_list(false)?;
        if l.items.is_empty() {
            return self.unexpected();
        }
        Ok(l)
    }

    fn parse_and_or(&mut self) -> PResult<AndOr> {
        let first = self.parse_pipeline()?;
        let mut rest = Vec::new();
        loop {
            self.skip_blanks_comments();
            let conn = if self.looking_at("&&") {
                Connector::And
            } else if self.looking_at("||") {
                Connector::Or
            } else {
                break;
            };
            self.bump_n(2);
            self.linebreak();
            rest.push((conn, self.parse_pipeline()?));
        }
        Ok(AndOr { first, rest })
    }

    fn parse_pipeline(&mut self) -> PResult<Pipeline> {
        self.skip_blanks_comments();
        let line = self.line;
        // `!` and `time [-p]` prefixes, in any order and repeated, as bash
        // takes them: each `!` inverts, the last `time` chooses the format.
        let mut time = None;
        let mut bang = false;
        loop {
            if self.at_reserved(&["!"]).is_some() {
                self.bump();
                bang = !bang;
            } else if self.at_reserved(&["time"]).is_some() {
                self.bump_n(4);
                self.skip_blanks();
                time = Some(Timed::Format);
                if self.at_reserved(&["-p"]).is_some() {
                    self.bump_n(2);
                    time = Some(Timed::Posix);
                }
            } else {
                break;
            }
            self.skip_blanks();
        }
        // `time` alone times nothing, as in bash.
        if time.is_some() && !bang && self.at_pipeline_end() {
            return Ok(Pipeline {
                time,
                bang,
                commands: Vec::new(),
                stderr_too: Vec::new(),
                line,
            });
        }
        let mut commands = vec![self.parse_command()?];
        let mut stderr_too = Vec::new();
        loop {
            self.skip_blanks();
            if self.peek() == Some('|') && self.peek_at(1) != Some('|') {
                self.bump();
                let both = self.peek() == Some('&');
                if both {
                    self.bump();
                }
                stderr_too.push(both);
                self.linebreak();
                commands.push(self.parse_command()?);
            } else {
                break;
            }
        }
        Ok(Pipeline {
            time,
            bang,
            commands,
            stderr_too,
            line,
        })
    }

    // ---- commands ----

    fn parse_command(&mut self) -> PResult<Command> {
        self.enter()?;
        let r = self.parse_command_inner()?;
        self.leave();
        Ok(r)
    }

    fn parse_command_inner(&mut self) -> PResult<Command> {
        self.skip_blanks_comments();
        self.expand_alias();
        let line = self.line;
        let compound = match self.peek() {
            None => return self.incomplete(),
            Some('(') if self.peek_at(1) == Some('(') && self.arith_ahead(2) => {
                self.bump_n(2);
                let expr = self.arith_text()?;
                Compound::Arith(expr)
            }
            Some('(') => {
                self.bump();
                let body = self.compound_list()?;
                self.skip_blanks();
                if self.peek() != Some(')') {
                    return self.unexpected();
                }
                self.bump();
                Compound::Subshell(body)
            }
            Some('<' | '>') => return self.parse_simple(line),
            Some(c) if is_meta(c) => return self.unexpected(),
            _ => match self.peek_plain_word().as_deref() {
                Some("{") => {
                    self.bump();
                    let body = self.compound_list()?;
                    self.expect_reserved("}")?;
                    Compound::Group(body)
                }
                Some("if") => self.parse_if()?,
                Some(w @ ("while" | "until")) => {
                    let until = w == "until";
                    self.bump_n(w.len());
                    let cond = self.compound_list()?;
                    self.expect_reserved("do")?;
                    let body = self.compound_list()?;
                    self.expect_reserved("done")?;
                    Compound::Loop { until, cond, body }
                }
                Some("for") => self.parse_for(false)?,
                Some("select") => self.parse_for(true)?,
                Some("case") => self.parse_case()?,
                Some("[[") => {
                    self.bump_n(2);
                    // bash 5.2 reads extglob patterns inside `[[ ]]` always.
                    let saved = std::mem::replace(&mut self.extglob, true);
                    let c = self.cond_or();
                    self.extglob = saved;
                    let c = c?;
                    self.cond_skip();
                    if !self.looking_at("]]") {
                        return self.unexpected();
                    }
                    self.bump_n(2);
                    Compound::Cond(c)
                }
                Some("function") => {
                    self.bump_n(8);
                    return self.parse_function_keyword(line);
                }
                Some(w) if LIST_END.contains(&w) || w == "]]" || w == "in" => return self.unexpected(),
                _ => return self.parse_simple(line),
            },
        };
        let redirs = self.parse_redirs()?;
        Ok(Command::Compound(compound, redirs))
    }

    /// Redirections after a compound command.
    fn parse_redirs(&mut self) -> PResult<Vec<Redir>> {
        let mut redirs = Vec::new();
        loop {
            self.skip_blanks();
            match self.try_redir()? {
                Some(r) => redirs.push(r),
                None => return Ok(redirs),
            }
        }
    }

    /// If the word at the cursor is an alias, replace it by its value.
    fn expand_alias(&mut self) {
        let Some(aliases) = self.aliases.clone() else { return };
        let Some(w) = self.peek_plain_word() else { return };
        if self.expanding.contains(&w) {
            return;
        }
        let Some(value) = aliases.get(&w) else { return };
        let start = self.pos;
        let end = start + w.chars().count();
        self.src.splice(start..end, value.chars());
        if let Some((at, to, lines)) = self.skip
            && at >= end
        {
            let delta = value.chars().count() as isize - (end - start) as isize;
            self.skip = Some(((at as isize + delta) as usize, (to as isize + delta) as usize, lines));
        }
        self.expanding.push(w);
        // A value ending in a blank makes the next word an alias candidate
        // too; the guard list keeps recursion finite either way.
        if value.ends_with([' ', '\t']) {
            self.pos += value.chars().count();
            self.skip_blanks();
            self.expand_alias();
            self.pos = start;
        } else {
            self.expand_alias();
        }
        self.expanding.clear();
    }

    fn parse_if(&mut self) -> PResult<Compound> {
        self.bump_n(2);
        let mut arms = Vec::new();
        let cond = self.compound_list()?;
        self.expect_reserved("then")?;
        let body = self.compound_list()?;
        arms.push((cond, body));
        loop {
            self.linebreak();
            match self.at_reserved(&["elif", "else", "fi"]).as_deref() {
                Some("elif") => {
                    self.bump_n(4);
                    let cond = self.compound_list()?;
                    self.expect_reserved("then")?;
                    let body = self.compound_list()?;
                    arms.push((cond, body));
                }
                Some("else") => {
                    self.bump_n(4);
                    let otherwise = Some(self.compound_list()?);
                    self.expect_reserved("fi")?;
                    return Ok(Compound::If { arms, otherwise });
                }
                Some("fi") => {
                    self.bump_n(2);
                    return Ok(Compound::If { arms, otherwise: None });
                }
                _ => return self.unexpected(),
            }
        }
    }

    /// `for` (or, with `select`, `select`): the keyword is next.
    fn parse_for(&mut self, select: bool) -> PResult<Compound> {
        self.bump_n(if select { 6 } else { 3 });
        self.skip_blanks();
        if !select && self.looking_at("((") {
            self.bump_n(2);
            let inner = self.arith_text()?;
            let text = inner.raw.clone();
            let parts: Vec<&str> = split_arith_for(&text);
            if parts.len() != 3 {
                return self.syntax("syntax error: arithmetic expression required");
            }
            // Each part is an arithmetic text of its own; bash keeps it as
            // written after its leading blanks (for printing).
            let mut words = Vec::new();
            for part in parts {
                let mut sub = self.nested(&format!("{}))", part.trim_start()), self.line);
                let mut w = sub.arith_text()?;
                w.raw = part.trim_start().to_string();
                words.push(w);
            }
            let step = words.pop().unwrap_or_default();
            let cond = words.pop().unwrap_or_default();
            let init = words.pop().unwrap_or_default();
            let body = self.loop_body()?;
            return Ok(Compound::ArithFor { init, cond, step, body });
        }
        // Any word parses; a bad name is reported when the loop runs.
        let var = match self.peek_plain_word() {
            Some(v) => {
                self.bump_n(v.chars().count());
                v
            }
            _ => return self.unexpected(),
        };
        self.linebreak_if_in();
        let words = if self.at_reserved(&["in"]).is_some() {
            self.bump_n(2);
            let mut words = Vec::new();
            loop {
                self.skip_blanks();
                match self.parse_word()? {
                    Some(w) => words.push(w),
                    None => break,
                }
            }
            match self.peek() {
                Some(';') => {
                    self.bump();
                }
                Some('\n') => {}
                None => return self.incomplete(),
                _ => return self.unexpected(),
            }
            Some(words)
        } else {
            self.skip_blanks();
            if self.peek() == Some(';') {
                self.bump();
            }
            None
        };
        let body = self.loop_body()?;
        Ok(Compound::For {
            var,
            words,
            body,
            select,
        })
    }

    /// Newlines are allowed between `for x` and `in`.
    fn linebreak_if_in(&mut self) {
        let m = self.mark();
        self.linebreak();
        if self.at_reserved(&["in", "do"]).is_none() {
            self.reset(m);
        }
    }

    /// `do list done` (or `{ list }`, which bash also accepts).
    fn loop_body(&mut self) -> PResult<List> {
        self.linebreak();
        if self.peek() == Some(';') {
            self.bump();
            self.linebreak();
        }
        if self.at_reserved(&["{"]).is_some() {
            self.bump();
            let body = self.compound_list()?;
            self.expect_reserved("}")?;
            return Ok(body);
        }
        self.expect_reserved("do")?;
        let body = self.compound_list()?;
        self.expect_reserved("done")?;
        Ok(body)
    }

    fn parse_case(&mut self) -> PResult<Compound> {
        self.bump_n(4);
        self.skip_blanks();
        let word = match self.parse_word()? {
            Some(w) => w,
            None => return self.unexpected(),
        };
        self.linebreak();
        self.expect_reserved("in")?;
        let mut arms = Vec::new();
        loop {
            self.linebreak();
            if self.at_reserved(&["esac"]).is_some() {
                self.bump_n(4);
                return Ok(Compound::Case { word, arms });
            }
            if self.peek() == Some('(') {
                self.bump();
            }
            let mut patterns = Vec::new();
            loop {
                self.skip_blanks();
                match self.parse_word()? {
                    Some(p) => patterns.push(p),
                    None => return self.unexpected(),
                }
                self.skip_blanks();
                match self.peek() {
                    Some('|') => {
                        self.bump();
                    }
                    Some(')') => {
                        self.bump();
                        break;
                    }
                    _ => return self.unexpected(),
                }
            }
            let body = self.parse_list(false)?;
            self.linebreak();
            let end = if self.looking_at(";;&") {
                self.bump_n(3);
                CaseEnd::Continue
            } else if self.looking_at(";;") {
                self.bump_n(2);
                CaseEnd::Break
            } else if self.looking_at(";&") {
                self.bump_n(2);
                CaseEnd::FallThrough
            } else if self.at_reserved(&["esac"]).is_some() {
                CaseEnd::Break
            } else {
                return self.unexpected();
            };
            arms.push(CaseArm { patterns, body, end });
        }
    }

    fn parse_function_keyword(&mut self, line: u32) -> PResult<Command> {
        self.skip_blanks();
        let name = match self.parse_word()? {
            Some(w) => w.unquoted_text(),
            None => return self.unexpected(),
        };
        self.skip_blanks();
        if self.peek() == Some('(') {
            self.bump();
            self.skip_blanks();
            if self.peek() != Some(')') {
                return self.unexpected();
            }
            self.bump();
        }
        self.function_body(name, line)
    }

    fn function_body(&mut self, name: String, line: u32) -> PResult<Command> {
        self.linebreak();
        let starts_compound = matches!(self.peek(), Some('(' | '{'))
            || matches!(
                self.peek_plain_word().as_deref(),
                Some("{" | "if" | "while" | "until" | "for" | "select" | "case" | "[[")
            );
        if !starts_compound {
            return self.unexpected();
        }
        let body = match self.parse_command()? {
            Command::Compound(c, redirs) => (c, redirs),
            _ => return self.syntax(format!("syntax error near unexpected token `{name}'")),
        };
        Ok(Command::Function(Arc::new(Function {
            name,
            body: body.0,
            redirs: body.1,
            line,
        })))
    }

    fn parse_simple(&mut self, line: u32) -> PResult<Command> {
        let mut assigns = Vec::new();
        let mut words: Vec<Word> = Vec::new();
        let mut redirs = Vec::new();
        let mut declaration = false;
        loop {
            self.skip_blanks();
            if let Some(r) = self.try_redir()? {
                redirs.push(r);
                continue;
            }
            if (words.is_empty() || declaration)
                && let Some(a) = self.try_assign()?
            {
                if words.is_empty() {
                    assigns.push(a);
                } else {
                    words.push(Word::from_parts(vec![Part::AssignArg(Box::new(a))]));
                }
                continue;
            }
            let start = self.mark();
            let Some(w) = self.parse_word()? else { break };
            if words.is_empty() && assigns.is_empty() && redirs.is_empty() {
                // `name () compound`: a function definition.
                let m = self.mark();
                self.skip_blanks();
                if self.peek() == Some('(') {
                    self.bump();
                    self.skip_blanks();
                    if self.peek() == Some(')') {
                        self.bump();
                        return self.function_body(w.unquoted_text(), line);
                    }
                    self.reset(start);
                    self.raw_word();
                    self.skip_blanks();
                    return self.unexpected();
                }
                self.reset(m);
                declaration = matches!(
                    w.as_plain(),
                    Some("declare" | "typeset" | "local" | "export" | "readonly")
                );
            }
            words.push(w);
        }
        if words.is_empty() && assigns.is_empty() && redirs.is_empty() {
            return self.unexpected();
        }
        let mut simple = Simple {
            assigns,
            words,
            redirs,
            line,
            text: "".into(),
        };
        simple.text = super::print::simple(&simple).into();
        Ok(Command::Simple(simple))
    }

    // ---- assignments ----

    /// `name=value`, `name+=value`, `name[i]=value`, `name=(...)`.
    fn try_assign(&mut self) -> PResult<Option<Assign>> {
        let m = self.mark();
        let mut name = String::new();
        if !self.peek().is_some_and(is_name_start) {
            return Ok(None);
        }
        while let Some(c) = self.peek().filter(|&c| is_name_char(c)) {
            name.push(c);
            self.bump();
        }
        let mut index = None;
        if self.peek() == Some('[') {
            self.bump();
            match self.parts_until(&[']'], Ctx::Subscript)? {
                Some(w) => index = Some(w),
                None => {
                    self.reset(m);
                    return Ok(None);
                }
            }
            self.bump();
        }
        let append = self.looking_at("+=");
        if append {
            self.bump();
        }
        if self.peek() != Some('=') {
            self.reset(m);
            return Ok(None);
        }
        self.bump();
        let value = if self.peek() == Some('(') && index.is_none() {
            self.bump();
            AssignValue::Array(self.array_elements()?)
        } else {
            AssignValue::Scalar(self.parse_word()?.unwrap_or_default())
        };
        Ok(Some(Assign {
            name,
            index,
            append,
            value,
            raw: self.src[m.pos..self.pos].iter().collect(),
        }))
    }

    fn array_elements(&mut self) -> PResult<Vec<(Option<Word>, Word)>> {
        let mut elems = Vec::new();
        loop {
            self.linebreak();
            match self.peek() {
                None => return self.incomplete(),
                Some(')') => {
                    self.bump();
                    return Ok(elems);
                }
                Some('[') => {
                    let m = self.mark();
                    self.bump();
                    if let Some(key) = self.parts_until(&[']'], Ctx::Subscript)? {
                        self.bump();
                        if self.peek() == Some('=') {
                            self.bump();
                            let v = self.parse_word()?.unwrap_or_default();
                            elems.push((Some(key), v));
                            continue;
                        }
                    }
                    self.reset(m);
                    let w = self.parse_word()?.unwrap_or_default();
                    elems.push((None, w));
                }
                Some(c) if is_meta(c) => return self.unexpected(),
                Some(_) => {
                    let w = self.parse_word()?.unwrap_or_default();
                    elems.push((None, w));
                }
            }
        }
    }

    // ---- redirections ----

    fn try_redir(&mut self) -> PResult<Option<Redir>> {
        let m = self.mark();
        let mut digits = String::new();
        let mut var = None;
        if self.peek() == Some('{') {
            // `{name}` right before an operator names the fd to pick.
            let mut name = String::new();
            let mut k = 1;
            while let Some(c) = self.peek_at(k).filter(|&c| is_name_char(c)) {
                name.push(c);
                k += 1;
            }
            if self.peek_at(k) == Some('}') && is_name(&name) && matches!(self.peek_at(k + 1), Some('<' | '>')) {
                self.bump_n(k + 1);
                var = Some(name);
            }
        }
        while let Some(c) = self.peek().filter(char::is_ascii_digit).filter(|_| var.is_none()) {
            digits.push(c);
            self.bump();
        }
        let ops: [(&str, RedirOp); 13] = [
            ("&>>", RedirOp::AppendErr),
            ("&>", RedirOp::OutErr),
            ("<<<", RedirOp::HereString),
            ("<<", RedirOp::HereDoc),
            ("<&", RedirOp::DupIn),
            ("<>", RedirOp::ReadWrite),
            ("<", RedirOp::In),
            (">>", RedirOp::Append),
            (">&", RedirOp::DupOut),
            (">|", RedirOp::Clobber),
            (">", RedirOp::Out),
            ("", RedirOp::In),
            ("", RedirOp::In),
        ];
        let Some(&(text, op)) = ops.iter().find(|(t, _)| !t.is_empty() && self.looking_at(t)) else {
            self.reset(m);
            return Ok(None);
        };
        // `&>` takes no number; `<(` and `>(` start a process substitution.
        let procsub = matches!(text, "<" | ">") && self.peek_at(text.len()) == Some('(');
        if ((!digits.is_empty() || var.is_some()) && text.starts_with('&')) || procsub {
            self.reset(m);
            return Ok(None);
        }
        self.bump_n(text.len());
        let fd = if digits.is_empty() {
            None
        } else {
            match digits.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => return self.syntax(format!("{digits}: bad file descriptor")),
            }
        };
        if op == RedirOp::HereDoc {
            let strip = self.peek() == Some('-');
            if strip {
                self.bump();
            }
            self.skip_blanks();
            let delim = match self.parse_word()? {
                Some(w) => w,
                None => return self.unexpected(),
            };
            let (body, raw_body) = self.read_heredoc(&delim, strip)?;
            return Ok(Some(Redir {
                fd,
                var,
                op: RedirOp::HereDoc,
                target: body,
                heredoc: Some(Arc::new((delim.raw.clone(), raw_body, strip))),
            }));
        }
        self.skip_blanks();
        let target = match self.parse_word()? {
            Some(w) => w,
            None => return self.unexpected(),
        };
        Ok(Some(Redir {
            fd,
            var,
            op,
            target,
            heredoc: None,
        }))
    }

    /// Read the body of a heredoc whose operator was just parsed: answers
    /// the body as a word and as written.
    fn read_heredoc(&mut self, delim: &Word, strip_tabs: bool) -> PResult<(Word, String)> {
        let quoted = delim.has_quotes();
        let delim = delim.unquoted_text();
        let (nl, start) = match self.heredoc_at {
            Some(at) => at,
            None => match self.line_end() {
                Some(nl) => (nl, nl + 1),
                None if self.at_end => (self.src.len(), self.src.len()),
                None => return self.incomplete(),
            },
        };
        let mut body = String::new();
        let mut i = start;
        let mut found = false;
        while i < self.src.len() {
            let end = self.src[i..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(self.src.len(), |k| i + k);
            let line: String = self.src[i..end].iter().collect();
            let line = if strip_tabs {
                line.trim_start_matches('\t').to_string()
            } else {
                line
            };
            i = (end + 1).min(self.src.len());
            if line == delim {
                found = true;
                break;
            }
            if end == self.src.len() && !self.at_end {
                // A last line without its newline may still be growing.
                return self.incomplete();
            }
            body.push_str(&line);
            body.push('\n');
        }
        if !found && !self.at_end {
            self.open_heredoc = Some((delim.to_string(), strip_tabs));
            return self.incomplete();
        }
        if !found {
            let last = self.line + body.matches('\n').count() as u32;
            self.warnings.push((
                last,
                format!(
                    "warning: here-document at line {} delimited by end-of-file (wanted `{delim}')",
                    self.line
                ),
            ));
        }
        let lines = self.src[start.min(self.src.len())..i]
            .iter()
            .filter(|&&c| c == '\n')
            .count() as u32;
        self.heredoc_at = Some((nl, i));
        self.skip = Some((nl, i, lines));
        if quoted {
            return Ok((Word::from_parts(vec![Part::Quoted(body.clone())]), body));
        }
        let mut sub = self.nested(&body, self.line + 1);
        let parts = sub.heredoc_parts()?;
        Ok((Word::from_parts(vec![Part::DQuoted(parts)]), body))
    }

    /// The position of the newline that ends the current line, skipping
    /// quoted text.
    fn line_end(&self) -> Option<usize> {
        let mut i = self.pos;
        let mut quote: Option<char> = None;
        while i < self.src.len() {
            let c = self.src[i];
            match (quote, c) {
                (None, '\n') => return Some(i),
                (None, '\'' | '"') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (Some('"') | None, '\\') => i += 1,
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// `text` as a word expanded the way an unquoted heredoc body is:
    /// parameters, command substitution and arithmetic, no splitting or
    /// globbing (what a prompt string gets).
    pub fn expansion_word(text: &str) -> Result<Word, ParseError> {
        let parts = Parser::new(text, 1, true).heredoc_parts()?;
        Ok(Word::from_parts(vec![Part::DQuoted(parts)]))
    }

    /// The parts of an unquoted heredoc body: `$` and backquote expansions,
    /// and backslash escaping only `$`, backquote, backslash and newline.
    fn heredoc_parts(&mut self) -> PResult<Vec<Part>> {
        let mut parts = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            match c {
                '\\' if matches!(self.peek_at(1), Some('$' | '`' | '\\')) => {
                    self.bump();
                    text.push(self.bump().unwrap_or('\\'));
                }
                '\\' if self.peek_at(1) == Some('\n') => {
                    self.bump_n(2);
                }
                '$' => {
                    flush(&mut parts, &mut text, true);
                    let p = self.parse_dollar(true)?;
                    parts.push(p);
                }
                '`' => {
                    flush(&mut parts, &mut text, true);
                    let p = self.parse_backquote()?;
                    parts.push(p);
                }
                _ => {
                    text.push(c);
                    self.bump();
                }
            }
        }
        flush(&mut parts, &mut text, true);
        Ok(parts)
    }

    // ---- words ----

    /// A word, or `None` if the cursor is at a metacharacter or the end.
    pub fn parse_word(&mut self) -> PResult<Option<Word>> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let start = self.pos;
        // Open extglob groups: inside one, `|`, blanks and parentheses
        // are pattern text.
        let mut groups = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '?' | '*' | '+' | '@' | '!' if self.extglob && self.peek_at(1) == Some('(') => {
                    groups += 1;
                    lit.push(c);
                    lit.push('(');
                    self.bump_n(2);
                }
                '(' if groups > 0 => {
                    groups += 1;
                    lit.push(c);
                    self.bump();
                }
                ')' if groups > 0 => {
                    groups -= 1;
                    lit.push(c);
                    self.bump();
                }
                c if groups > 0 && is_meta(c) && c != '\n' => {
                    lit.push(c);
                    self.bump();
                }
                '<' | '>' if self.peek_at(1) == Some('(') => {
                    flush(&mut parts, &mut lit, false);
                    parts.push(self.parse_procsub()?);
                }
                c if is_meta(c) => break,
                '#' if self.pos == start => break,
                '\\' => match self.peek_at(1) {
                    Some('\n') => self.bump_n(2),
                    Some(n) => {
                        flush(&mut parts, &mut lit, false);
                        self.bump_n(2);
                        parts.push(Part::Quoted(n.to_string()));
                    }
                    None => {
                        self.bump();
                        lit.push('\\');
                    }
                },
                '\'' => {
                    flush(&mut parts, &mut lit, false);
                    self.bump();
                    let s = self.single_quoted()?;
                    parts.push(Part::Quoted(s));
                }
                '"' => {
                    flush(&mut parts, &mut lit, false);
                    self.bump();
                    let dq = self.double_quoted()?;
                    parts.push(Part::DQuoted(dq));
                }
                '$' => {
                    flush(&mut parts, &mut lit, false);
                    let p = self.parse_dollar(false)?;
                    parts.push(p);
                }
                '`' => {
                    flush(&mut parts, &mut lit, false);
                    let p = self.parse_backquote()?;
                    parts.push(p);
                }
                _ => {
                    lit.push(c);
                    self.bump();
                }
            }
        }
        flush(&mut parts, &mut lit, false);
        if self.pos == start {
            return Ok(None);
        }
        Ok(Some(Word {
            parts,
            raw: without_continuations(&self.src[start..self.pos]),
        }))
    }

    fn single_quoted(&mut self) -> PResult<String> {
        let mut s = String::new();
        let start = self.line;
        loop {
            match self.bump() {
                None => return self.unterminated_from('\'', start),
                Some('\'') => return Ok(s),
                Some(c) => s.push(c),
            }
        }
    }

    fn unterminated<T>(&self, q: char) -> PResult<T> {
        self.unterminated_from(q, self.line)
    }

    /// bash names the line a quote started on.
    fn unterminated_from<T>(&self, q: char, line: u32) -> PResult<T> {
        if self.at_end {
            Err(ParseError::Syntax {
                line,
                msg: format!("unexpected EOF while looking for matching `{q}'"),
                text: self.line_text(),
            })
        } else {
            self.incomplete()
        }
    }

    /// The inside of `"..."`, after the opening quote.
    fn double_quoted(&mut self) -> PResult<Vec<Part>> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let start = self.line;
        loop {
            match self.peek() {
                None => return self.unterminated_from('"', start),
                Some('"') => {
                    self.bump();
                    break;
                }
                Some('\\') => match self.peek_at(1) {
                    Some('\n') => self.bump_n(2),
                    Some(n @ ('$' | '`' | '"' | '\\')) => {
                        self.bump_n(2);
                        text.push(n);
                    }
                    _ => {
                        self.bump();
                        text.push('\\');
                    }
                },
                Some('$') => {
                    flush(&mut parts, &mut text, true);
                    let p = self.parse_dollar(true)?;
                    parts.push(p);
                }
                Some('`') => {
                    flush(&mut parts, &mut text, true);
                    let p = self.parse_backquote()?;
                    parts.push(p);
                }
                Some(c) => {
                    text.push(c);
                    self.bump();
                }
            }
        }
        flush(&mut parts, &mut text, true);
        Ok(parts)
    }

    /// `<(list)` or `>(list)` at the cursor.
    fn parse_procsub(&mut self) -> PResult<Part> {
        self.enter()?;
        let part = self.parse_procsub_inner()?;
        self.leave();
        Ok(part)
    }

    fn parse_procsub_inner(&mut self) -> PResult<Part> {
        let dir = if self.bump() == Some('<') {
            ProcDir::Read
        } else {
            ProcDir::Write
        };
        self.bump();
        let list = self.parse_list(false)?;
        self.linebreak();
        match self.peek() {
            Some(')') => {
                self.bump();
                Ok(Part::ProcSub(Arc::new(list), dir))
            }
            None => self.unterminated(')'),
            _ => self.unexpected(),
        }
    }

    /// `$...` at the cursor.
    fn parse_dollar(&mut self, in_dq: bool) -> PResult<Part> {
        self.enter()?;
        let part = self.parse_dollar_inner(in_dq)?;
        self.leave();
        Ok(part)
    }

    fn parse_dollar_inner(&mut self, in_dq: bool) -> PResult<Part> {
        self.bump();
        let lit = |s: &str| {
            if in_dq {
                Part::Quoted(s.to_string())
            } else {
                Part::Lit(s.to_string())
            }
        };
        match self.peek() {
            Some('(') if self.peek_at(1) == Some('(') && self.arith_ahead(2) => {
                self.bump_n(2);
                Ok(Part::Arith(self.arith_text()?))
            }
            Some('(') => {
                self.bump();
                let list = self.parse_list(false)?;
                self.linebreak();
                match self.peek() {
                    Some(')') => {
                        self.bump();
                        Ok(Part::CmdSub(Arc::new(list)))
                    }
                    None => self.unterminated(')'),
                    _ => self.unexpected(),
                }
            }
            Some('{') => {
                self.bump();
                self.brace_param(in_dq)
            }
            Some('[') => {
                // `$[expr]`: bash's old spelling of `$((expr))`.
                self.bump();
                match self.parts_until(&[']'], Ctx::Subscript)? {
                    Some(w) => {
                        self.bump();
                        Ok(Part::Arith(w))
                    }
                    None => self.unterminated(']'),
                }
            }
            Some('\'') if !in_dq => {
                self.bump();
                Ok(Part::Quoted(self.dollar_single()?))
            }
            Some('"') if !in_dq => {
                self.bump();
                Ok(Part::DQuoted(self.double_quoted()?))
            }
            Some(c) if is_name_start(c) => {
                let mut name = String::new();
                loop {
                    match self.peek() {
                        Some(c) if is_name_char(c) => {
                            name.push(c);
                            self.bump();
                        }
                        // A line continuation inside a name joins it.
                        Some('\\') if self.peek_at(1) == Some('\n') => self.bump_n(2),
                        _ => break,
                    }
                }
                Ok(param(ParamName::Var(name)))
            }
            Some(c) if c.is_ascii_digit() => {
                self.bump();
                Ok(param(ParamName::Positional(c as usize - '0' as usize)))
            }
            Some(c @ ('@' | '*' | '#' | '?' | '-' | '$' | '!')) => {
                self.bump();
                Ok(param(ParamName::Special(c)))
            }
            _ => Ok(lit("$")),
        }
    }

    /// `$'...'` after the quote: ANSI-C escapes.
    fn dollar_single(&mut self) -> PResult<String> {
        let mut raw = String::new();
        loop {
            match self.bump() {
                None => return self.unterminated('\''),
                Some('\'') => break,
                Some('\\') => {
                    raw.push('\\');
                    match self.bump() {
                        Some(c) => raw.push(c),
                        None => return self.unterminated('\''),
                    }
                }
                Some(c) => raw.push(c),
            }
        }
        // A NUL ends the string, as bash's C strings do.
        let s = common::escape::decode(&raw, false).0;
        Ok(match s.find('\0') {
            Some(i) => s[..i].to_string(),
            None => s,
        })
    }

    /// Backquoted command substitution at the cursor.
    fn parse_backquote(&mut self) -> PResult<Part> {
        self.bump();
        let mut inner = String::new();
        let line = self.line;
        loop {
            match self.bump() {
                None => return self.unterminated_from('`', line),
                Some('`') => break,
                Some('\\') => match self.peek() {
                    Some(c @ ('$' | '`' | '\\')) => {
                        self.bump();
                        inner.push(c);
                    }
                    _ => inner.push('\\'),
                },
                Some(c) => inner.push(c),
            }
        }
        let mut sub = self.nested(&inner, line);
        let list = sub.parse_all()?;
        Ok(Part::CmdSub(Arc::new(list)))
    }

    /// True if `((` at the cursor (with `skip` chars already seen) closes
    /// with `))`, i.e. is arithmetic rather than nested subshells.
    fn arith_ahead(&self, skip: usize) -> bool {
        let mut depth = 0usize;
        let mut i = self.pos + skip;
        let mut quote: Option<char> = None;
        while let Some(&c) = self.src.get(i) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '(') => depth += 1,
                (None, ')') if depth == 0 => return self.src.get(i + 1) == Some(&')'),
                (None, ')') => depth -= 1,
                _ => {}
            }
            i += 1;
        }
        // Unterminated: treat as arithmetic; the parse will ask for more.
        true
    }

    /// The text of an arithmetic expression up to the closing `))`.
    fn arith_text(&mut self) -> PResult<Word> {
        let start = self.pos;
        let w = self.parts_until(&[], Ctx::Arith)?;
        match w {
            Some(mut w) => {
                w.raw = self.src[start..self.pos].iter().collect();
                self.bump_n(2);
                Ok(w)
            }
            None => self.unterminated(')'),
        }
    }

    /// Parts up to (not including) one of `stops` at nesting depth 0, with
    /// `$` expansions and quotes. `None` if the input ends first.
    fn parts_until(&mut self, stops: &[char], ctx: Ctx) -> PResult<Option<Word>> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut depth = 0usize;
        let quoted_text = ctx == Ctx::ParamWordInDq;
        let in_dq = matches!(ctx, Ctx::ParamWordInDq | Ctx::ReplaceInDq | Ctx::PatternInDq);
        loop {
            let Some(c) = self.peek() else {
                return Ok(None);
            };
            if depth == 0 && stops.contains(&c) {
                break;
            }
            match (ctx, c) {
                (Ctx::Arith, ')') if depth == 0 && self.peek_at(1) == Some(')') => break,
                (Ctx::Arith, ')') => {
                    depth = depth.saturating_sub(1);
                    text.push(c);
                    self.bump();
                }
                (Ctx::Arith, '(') => {
                    depth += 1;
                    text.push(c);
                    self.bump();
                }
                (Ctx::Subscript, '[') => {
                    depth += 1;
                    text.push(c);
                    self.bump();
                }
                (Ctx::Subscript, ']') => {
                    depth -= 1;
                    text.push(c);
                    self.bump();
                }
                (Ctx::ParamWord | Ctx::ParamWordInDq | Ctx::ReplaceInDq | Ctx::PatternInDq, '{') => {
                    depth += 1;
                    text.push(c);
                    self.bump();
                }
                (Ctx::ParamWord | Ctx::ParamWordInDq | Ctx::ReplaceInDq | Ctx::PatternInDq, '}') => {
                    depth = depth.saturating_sub(1);
                    text.push(c);
                    self.bump();
                }
                (_, '\\') => match self.peek_at(1) {
                    Some('\n') => self.bump_n(2),
                    Some(n)
                        if !in_dq
                            || matches!(n, '$' | '`' | '"' | '\\' | '}')
                            || (ctx == Ctx::ReplaceInDq && n == '&') =>
                    {
                        flush(&mut parts, &mut text, quoted_text);
                        self.bump_n(2);
                        parts.push(Part::Quoted(n.to_string()));
                    }
                    _ => {
                        self.bump();
                        text.push('\\');
                    }
                },
                // Inside double quotes, `${x%'p'}` and `${x/'p'/'r'}` still
                // quote with single quotes (bash 5.2); `${x:-'w'}` keeps them.
                (Ctx::ParamWord | Ctx::Subscript | Ctx::PatternInDq | Ctx::ReplaceInDq, '\'') => {
                    flush(&mut parts, &mut text, quoted_text);
                    self.bump();
                    let s = self.single_quoted()?;
                    parts.push(Part::Quoted(s));
                }
                (Ctx::Arith | Ctx::ParamWordInDq, '\'') => {
                    text.push(c);
                    self.bump();
                }
                (_, '"') => {
                    flush(&mut parts, &mut text, quoted_text);
                    self.bump();
                    let dq = self.double_quoted()?;
                    parts.push(Part::DQuoted(dq));
                }
                (_, '$') => {
                    flush(&mut parts, &mut text, quoted_text);
                    let p = self.parse_dollar(quoted_text || ctx == Ctx::PatternInDq)?;
                    parts.push(p);
                }
                (_, '`') => {
                    flush(&mut parts, &mut text, quoted_text);
                    let p = self.parse_backquote()?;
                    parts.push(p);
                }
                _ => {
                    text.push(c);
                    self.bump();
                }
            }
        }
        flush(&mut parts, &mut text, quoted_text);
        Ok(Some(Word::from_parts(parts)))
    }

    /// `${...}` after the brace.
    fn brace_param(&mut self, in_dq: bool) -> PResult<Part> {
        let start = self.pos;
        let mut length = false;
        let mut indirect = false;
        if self.peek() == Some('#') && !matches!(self.peek_at(1), Some('}')) {
            // `${#x}` is a length; `${#}` is the parameter `#`.
            let next = self.peek_at(1);
            if next.is_some_and(|c| is_name_char(c) || matches!(c, '@' | '*' | '?' | '-' | '$' | '!' | '#')) {
                self.bump();
                length = true;
            }
        } else if self.peek() == Some('!') && !matches!(self.peek_at(1), Some('}')) {
            self.bump();
            indirect = true;
        }
        let name = match self.peek() {
            Some(c) if is_name_start(c) => {
                let mut n = String::new();
                while let Some(c) = self.peek().filter(|&c| is_name_char(c)) {
                    n.push(c);
                    self.bump();
                }
                ParamName::Var(n)
            }
            Some(c) if c.is_ascii_digit() => {
                let mut n = String::new();
                while let Some(c) = self.peek().filter(char::is_ascii_digit) {
                    n.push(c);
                    self.bump();
                }
                ParamName::Positional(n.parse().unwrap_or(usize::MAX))
            }
            Some(c @ ('@' | '*' | '#' | '?' | '-' | '$' | '!' | '0')) => {
                self.bump();
                ParamName::Special(c)
            }
            _ => return self.bad_substitution(start),
        };
        let index = if self.peek() == Some('[') {
            self.bump();
            match self.parts_until(&[']'], Ctx::Subscript)? {
                Some(w) => {
                    self.bump();
                    Some(w)
                }
                None => return self.unterminated('}'),
            }
        } else {
            None
        };
        let word_ctx = if in_dq { Ctx::ParamWordInDq } else { Ctx::ParamWord };
        let pattern_ctx = if in_dq { Ctx::PatternInDq } else { Ctx::ParamWord };
        let op = match self.peek() {
            None => return self.unterminated('}'),
            Some('}') => {
                if length {
                    ParamOp::Length
                } else {
                    ParamOp::None
                }
            }
            _ if length => return self.bad_substitution(start),
            Some(c @ ('*' | '@')) if indirect && index.is_none() && self.peek_at(1) == Some('}') => {
                self.bump();
                ParamOp::Names { at: c == '@' }
            }
            Some(':') if matches!(self.peek_at(1), Some('-' | '=' | '?' | '+')) => {
                self.bump();
                let c = self.bump().unwrap_or('-');
                let word = self.param_word(word_ctx, &['}'])?;
                colon_op(c, true, word)
            }
            Some(c @ ('-' | '=' | '?' | '+')) => {
                self.bump();
                let word = self.param_word(word_ctx, &['}'])?;
                colon_op(c, false, word)
            }
            // `${s:}`: a slice with no offset at all (`${s::2}` has one).
            Some(':') if self.peek_at(1) == Some('}') => return self.bad_substitution(start),
            Some(':') => {
                self.bump();
                let offset = self.param_word(Ctx::ParamWord, &[':', '}'])?;
                let length = if self.peek() == Some(':') {
                    self.bump();
                    Some(self.param_word(Ctx::ParamWord, &['}'])?)
                } else {
                    None
                };
                ParamOp::Slice { offset, length }
            }
            Some(c @ ('#' | '%')) => {
                self.bump();
                let longest = self.peek() == Some(c);
                if longest {
                    self.bump();
                }
                let pattern = self.param_word(pattern_ctx, &['}'])?;
                if c == '#' {
                    ParamOp::TrimPrefix { longest, pattern }
                } else {
                    ParamOp::TrimSuffix { longest, pattern }
                }
            }
            Some('/') => {
                self.bump();
                let mode = match self.peek() {
                    Some('/') => {
                        self.bump();
                        ReplaceMode::All
                    }
                    Some('#') => {
                        self.bump();
                        ReplaceMode::Prefix
                    }
                    Some('%') => {
                        self.bump();
                        ReplaceMode::Suffix
                    }
                    _ => ReplaceMode::First,
                };
                let pattern = self.param_word(pattern_ctx, &['/', '}'])?;
                let with = if self.peek() == Some('/') {
                    self.bump();
                    let ctx = if in_dq { Ctx::ReplaceInDq } else { Ctx::ParamWord };
                    self.param_word(ctx, &['}'])?
                } else {
                    Word::default()
                };
                ParamOp::Replace { mode, pattern, with }
            }
            // An unknown letter is an error only when expanded, as in bash.
            Some('@') => match self.peek_at(1) {
                Some('}') => {
                    self.bump();
                    ParamOp::Transform(None)
                }
                Some(c) if self.peek_at(2) == Some('}') => {
                    self.bump_n(2);
                    ParamOp::Transform(Some(c))
                }
                _ => return self.bad_substitution(start),
            },
            Some(c @ ('^' | ',')) => {
                self.bump();
                let all = self.peek() == Some(c);
                if all {
                    self.bump();
                }
                let pattern = self.param_word(word_ctx, &['}'])?;
                ParamOp::Case {
                    upper: c == '^',
                    all,
                    pattern,
                }
            }
            Some(_) => return self.bad_substitution(start),
        };
        if self.peek() != Some('}') {
            return self.bad_substitution(start);
        }
        self.bump();
        Ok(Part::Param(Box::new(ParamExp {
            name,
            index,
            indirect,
            op,
        })))
    }

    fn param_word(&mut self, ctx: Ctx, stops: &[char]) -> PResult<Word> {
        match self.parts_until(stops, ctx)? {
            Some(w) => Ok(w),
            None => self.unterminated('}'),
        }
    }

    /// A malformed `${...}`: consume it. bash reports it when the word is
    /// expanded, aborting that command only, so it becomes a node that fails
    /// then.
    fn bad_substitution(&mut self, start: usize) -> PResult<Part> {
        let mut depth = 1;
        while let Some(c) = self.bump() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        if self.peek().is_none() && !self.src[start..].contains(&'}') {
            return self.unterminated('}');
        }
        let text: String = self.src[start..self.pos.min(self.src.len())].iter().collect();
        Ok(Part::Param(Box::new(ParamExp {
            name: ParamName::Special('?'),
            index: None,
            indirect: false,
            op: ParamOp::Bad(format!("${{{text}")),
        })))
    }

    // ---- [[ ]] ----

    fn cond_skip(&mut self) {
        loop {
            self.skip_blanks();
            if self.peek() == Some('\n') {
                self.bump();
            } else {
                return;
            }
        }
    }

    // A chain `a && b && c` is a tree as deep as it is long (evaluating and
    // dropping it recurse), so each link counts as a level of nesting, as
    // each `!` and `(` does.

    fn cond_or(&mut self) -> PResult<Cond> {
        let mut left = self.cond_and()?;
        let depth = self.depth;
        loop {
            self.cond_skip();
            if self.looking_at("||") {
                self.bump_n(2);
                self.enter()?;
                let right = self.cond_and()?;
                left = Cond::Or(Box::new(left), Box::new(right));
            } else {
                self.depth = depth;
                return Ok(left);
            }
        }
    }

    fn cond_and(&mut self) -> PResult<Cond> {
        let mut left = self.cond_not()?;
        let depth = self.depth;
        loop {
            self.cond_skip();
            if self.looking_at("&&") {
                self.bump_n(2);
                self.enter()?;
                let right = self.cond_not()?;
                left = Cond::And(Box::new(left), Box::new(right));
            } else {
                self.depth = depth;
                return Ok(left);
            }
        }
    }

    fn cond_not(&mut self) -> PResult<Cond> {
        self.cond_skip();
        if self.peek() == Some('!') && self.peek_at(1).is_none_or(|c| c == ' ' || c == '\t' || c == '(') {
            self.bump();
            self.enter()?;
            let inner = self.cond_not()?;
            self.leave();
            return Ok(Cond::Not(Box::new(inner)));
        }
        self.cond_primary()
    }

    fn cond_word(&mut self) -> PResult<Word> {
        self.cond_skip();
        if self.looking_at("]]") && self.peek_at(2).is_none_or(is_meta) {
            return self.unexpected_cond();
        }
        match self.parse_word()? {
            Some(w) => Ok(w),
            None => self.unexpected_cond(),
        }
    }

    fn unexpected_cond<T>(&mut self) -> PResult<T> {
        match self.token_text() {
            None => self.incomplete(),
            Some(t) => self.syntax(format!(
                "syntax error in conditional expression: unexpected token `{t}'"
            )),
        }
    }

    fn cond_primary(&mut self) -> PResult<Cond> {
        self.cond_skip();
        if self.peek() == Some('(') {
            self.bump();
            self.enter()?;
            let inner = self.cond_or()?;
            self.leave();
            self.cond_skip();
            if self.peek() != Some(')') {
                return self.unexpected_cond();
            }
            self.bump();
            return Ok(Cond::Paren(Box::new(inner)));
        }
        let first = self.cond_word()?;
        let text = first.as_plain().map(str::to_string);
        self.cond_skip();
        // A unary operator followed by an operand.
        if let Some(op) = text.as_deref().filter(|t| common::test::is_unary(t))
            && !self.at_cond_end()
            && !self.at_binary_op()
        {
            let operand = self.cond_word()?;
            return Ok(Cond::Unary(op.to_string(), operand));
        }
        // A binary operator.
        if let Some(op) = self.take_binary_op() {
            self.cond_skip();
            let right = if op == "=~" {
                self.regex_word()?
            } else {
                self.cond_word()?
            };
            return Ok(Cond::Binary(first, op, right));
        }
        Ok(Cond::Word(first))
    }

    fn at_cond_end(&mut self) -> bool {
        self.looking_at("]]") || self.looking_at("&&") || self.looking_at("||") || self.peek() == Some(')')
    }

    fn at_binary_op(&mut self) -> bool {
        let m = self.mark();
        let r = self.take_binary_op().is_some();
        self.reset(m);
        r
    }

    fn take_binary_op(&mut self) -> Option<String> {
        match self.peek() {
            Some(c @ ('<' | '>')) => {
                self.bump();
                return Some(c.to_string());
            }
            None => return None,
            _ => {}
        }
        let w = self.peek_plain_word()?;
        let ops = [
            "==", "=", "!=", "=~", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef",
        ];
        if ops.contains(&w.as_str()) {
            self.bump_n(w.len());
            Some(w)
        } else {
            None
        }
    }

    /// The right side of `=~`: parentheses and `|` are part of the regex.
    fn regex_word(&mut self) -> PResult<Word> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut depth = 0usize;
        let start = self.pos;
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\n' if depth == 0 => break,
                ']' if depth == 0 && self.looking_at("]]") => break,
                '&' if depth == 0 && self.looking_at("&&") => break,
                '(' => {
                    depth += 1;
                    lit.push(c);
                    self.bump();
                }
                ')' if depth > 0 => {
                    depth -= 1;
                    lit.push(c);
                    self.bump();
                }
                ')' => break,
                '\\' => {
                    flush(&mut parts, &mut lit, false);
                    self.bump();
                    if let Some(n) = self.bump() {
                        parts.push(Part::Quoted(n.to_string()));
                    }
                }
                '\'' => {
                    flush(&mut parts, &mut lit, false);
                    self.bump();
                    let s = self.single_quoted()?;
                    parts.push(Part::Quoted(s));
                }
                '"' => {
                    flush(&mut parts, &mut lit, false);
                    self.bump();
                    let dq = self.double_quoted()?;
                    parts.push(Part::DQuoted(dq));
                }
                '$' => {
                    flush(&mut parts, &mut lit, false);
                    let p = self.parse_dollar(false)?;
                    parts.push(p);
                }
                _ => {
                    lit.push(c);
                    self.bump();
                }
            }
        }
        flush(&mut parts, &mut lit, false);
        if self.pos == start {
            return self.unexpected_cond();
        }
        Ok(Word::from_parts(parts))
    }
}

/// Where `parts_until` is reading, which decides what quotes mean.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Ctx {
    /// `$(( ))`: parentheses nest; quotes are literal characters.
    Arith,
    /// `name[...]`: brackets nest.
    Subscript,
    /// The word of `${x-word}` outside double quotes.
    ParamWord,
    /// The same inside double quotes: text is quoted, `'` is literal.
    ParamWordInDq,
    /// The replacement of `${x/p/r}` inside double quotes: as
    /// `ParamWordInDq`, but `&` stays special unless escaped (`\&`).
    ReplaceInDq,
    /// The pattern of `${x%p}`, `${x#p}`, `${x/p/r}` inside double quotes:
    /// quoting rules as `ParamWordInDq`, but the text stays a pattern (bash
    /// matches `"${x%%b*}"` with `*` as a wildcard).
    PatternInDq,
}

fn flush(parts: &mut Vec<Part>, text: &mut String, quoted: bool) {
    if !text.is_empty() {
        let t = std::mem::take(text);
        parts.push(if quoted { Part::Quoted(t) } else { Part::Lit(t) });
    }
}

fn param(name: ParamName) -> Part {
    Part::Param(Box::new(ParamExp {
        name,
        index: None,
        indirect: false,
        op: ParamOp::None,
    }))
}

fn colon_op(c: char, colon: bool, word: Word) -> ParamOp {
    match c {
        '-' => ParamOp::Default { colon, word },
        '=' => ParamOp::Assign { colon, word },
        '?' => ParamOp::Error { colon, word },
        _ => ParamOp::Alt { colon, word },
    }
}

/// A word's text as bash keeps it: `\\` and a newline (a continued
/// line) removed, except inside single quotes.
fn without_continuations(src: &[char]) -> String {
    if !src.contains(&'\n') {
        return src.iter().collect();
    }
    let mut out = String::new();
    let (mut single, mut double) = (false, false);
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '\\' if !single => {
                match src.get(i + 1) {
                    Some('\n') => {}
                    Some(&n) => {
                        out.push('\\');
                        out.push(n);
                    }
                    None => out.push('\\'),
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Split `init; cond; step` of an arithmetic for at top-level semicolons.
fn split_arith_for(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth == 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> List {
        Parser::new(s, 1, true).parse_all().expect("parse")
    }

    fn err(s: &str) -> String {
        match Parser::new(s, 1, true).parse_all() {
            Err(ParseError::Syntax { msg, .. }) => msg,
            other => panic!("expected a syntax error for {s:?}, got {other:?}"),
        }
    }

    #[test]
    fn simple_commands() {
        let l = parse("a=1 echo hi >f 2>&1");
        let Command::Simple(s) = &l.items[0].and_or.first.commands[0] else {
            panic!()
        };
        assert_eq!(s.assigns.len(), 1);
        assert_eq!(s.words.len(), 2);
        assert_eq!(s.redirs.len(), 2);
        assert_eq!(s.redirs[1].fd, Some(2));
    }

    #[test]
    fn incomplete_input() {
        for s in [
            "if true; then",
            "echo 'abc",
            "echo $(",
            "f() {",
            "cat <<EOF\nbody",
            "a &&",
            "echo \"x",
        ] {
            let r = Parser::new(s, 1, false).parse_all();
            assert_eq!(r, Err(ParseError::Incomplete), "{s:?}");
        }
    }

    #[test]
    fn syntax_errors() {
        assert_eq!(err("fi"), "syntax error near unexpected token `fi'");
        assert_eq!(err("echo a; )"), "syntax error near unexpected token `)'");
        assert_eq!(err("if true; then fi"), "syntax error near unexpected token `fi'");
        assert_eq!(err("echo 'x"), "unexpected EOF while looking for matching `''");
    }

    #[test]
    fn heredocs_are_skipped() {
        let l = parse("cat <<A <<B; echo after\none\nA\ntwo\nB\necho next\n");
        assert_eq!(l.items.len(), 3);
    }

    #[test]
    fn arith_versus_subshells() {
        let l = parse("echo $((1+2)) $( (echo a) )");
        let Command::Simple(s) = &l.items[0].and_or.first.commands[0] else {
            panic!()
        };
        assert!(matches!(s.words[1].parts[0], Part::Arith(_)));
        assert!(matches!(s.words[2].parts[0], Part::CmdSub(_)));
    }

    #[test]
    fn ansi_c() {
        use common::escape::decode as decode_ansi_c;
        assert_eq!(decode_ansi_c(r"a\tb\x41\u0041\101", false).0, "a\tbAAA");
        assert_eq!(
            decode_ansi_c(r"\u00e9", false).0,
            r"\u00E9",
            "no such character in the C locale"
        );
        assert_eq!(decode_ansi_c(r"x\cy", true), ("x".to_string(), true));
        assert_eq!(decode_ansi_c(r"\0101", true).0, "A");
    }
}
