//! Word expansion, in bash's order: brace expansion; then tilde,
//! parameter, command and arithmetic expansion, left to right; then field
//! splitting on IFS; then pathname expansion; then quote removal.
//!
//! Expansion works on *segments*: runs of text marked quoted (never split
//! or globbed) and split (the unquoted result of an expansion, which IFS
//! splits). Literal unquoted text is neither quoted nor split: it is never
//! split, but its wildcards glob. `"$@"` and `"${a[@]}"` produce several
//! fields at once; a quoted empty string keeps a field alive.

use std::collections::BTreeMap;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use kernel::{Errno, SpawnOpts, Target};

use super::ast::*;
use super::brace;
use super::vars::{Value, resolve_index};
use super::{Flow, Shell, builtins};
use common::bytes;
use common::locale::Charset;
use common::pattern::{Opts as PatternOpts, Pattern};

#[derive(Clone, Debug)]
enum Seg {
    Text {
        s: String,
        quoted: bool,
        split: bool,
    },
    /// A quoted empty string: the field exists even if nothing else does.
    EmptyQuoted,
}

/// Fields under construction, with the bytes they hold counted as they
/// grow: past `max` (the `string` limit) nothing more is kept and the
/// expansion fails when it is done ([`Shell::check_acc`]).
struct Acc {
    fields: Vec<Vec<Seg>>,
    len: usize,
    max: usize,
    over: bool,
}

impl Acc {
    fn new(max: usize) -> Acc {
        Acc {
            fields: vec![Vec::new()],
            len: 0,
            max,
            over: false,
        }
    }

    fn push(&mut self, s: impl Into<String>, quoted: bool, split: bool) {
        let s = s.into();
        if s.is_empty() || self.over {
            return;
        }
        if s.len() > self.max - self.len {
            self.over = true;
            self.fields = vec![Vec::new()];
            return;
        }
        self.len += s.len();
        self.fields
            .last_mut()
            .expect("never empty")
            .push(Seg::Text { s, quoted, split });
    }

    fn push_empty_quoted(&mut self) {
        self.fields.last_mut().expect("never empty").push(Seg::EmptyQuoted);
    }

    fn break_field(&mut self) {
        self.fields.push(Vec::new());
    }

    /// Everything joined, fields separated by spaces, no splitting.
    fn joined(self) -> String {
        let mut out = String::new();
        for (i, f) in self.fields.into_iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            for seg in f {
                if let Seg::Text { s, .. } = seg {
                    out.push_str(&s);
                }
            }
        }
        out
    }
}

/// How the parts being expanded are placed.
#[derive(Copy, Clone)]
struct Ctx {
    /// Inside double quotes: results are quoted.
    dq: bool,
    /// Literal text is split too (the word of `${x:-word}` outside quotes).
    lit_split: bool,
    /// Tilde expansion applies after `=` and `:` (assignment values).
    assign: bool,
}

const TOP: Ctx = Ctx {
    dq: false,
    lit_split: false,
    assign: false,
};

/// A parameter's value before its operator is applied.
#[derive(Clone, Debug)]
enum PVal {
    Unset,
    Str(String),
    /// `$@`, `${a[@]}` (star = false) or `$*`, `${a[*]}` (star = true).
    Words(Vec<String>, bool),
}

impl PVal {
    fn is_null(&self, colon: bool) -> bool {
        match self {
            PVal::Unset => true,
            PVal::Str(s) => colon && s.is_empty(),
            PVal::Words(v, _) => v.is_empty() || (colon && v.iter().all(String::is_empty)),
        }
    }
}

/// One character of a final field and whether it was quoted.
type QChar = (char, bool);

impl Shell {
    // ---- entry points ----

    /// Expand command words into argv: every step, with splitting and
    /// globbing.
    pub async fn expand_argv(&mut self, words: &[Word]) -> Result<Vec<String>, Flow> {
        let mut out = Vec::new();
        for w in words {
            out.extend(self.expand_fields(w).await?);
        }
        Ok(out)
    }

    /// One word to its fields.
    pub async fn expand_fields(&mut self, w: &Word) -> Result<Vec<String>, Flow> {
        if let [Part::Lit(s)] = w.parts.as_slice()
            && !s.contains(['{', '~', '*', '?', '['])
        {
            // Plain text: nothing to expand, split or glob.
            return Ok(vec![s.clone()]);
        }
        let mut out = Vec::new();
        if !brace::has_braces(w) {
            self.expand_one(w, &mut out).await?;
            return Ok(out);
        }
        let words = match brace::expand(w, &self.limits) {
            Ok(ws) => ws,
            Err(msg) => {
                self.error(&msg).await;
                return Err(Flow::Abort(1));
            }
        };
        for w in &words {
            self.expand_one(w, &mut out).await?;
        }
        Ok(out)
    }

    /// Expand, split and glob one (brace-expanded) word.
    async fn expand_one(&mut self, w: &Word, out: &mut Vec<String>) -> Result<(), Flow> {
        let mut acc = Acc::new(self.limits.max_alloc);
        self.expand_parts(&w.parts, TOP, &mut acc).await?;
        self.check_acc(&acc).await?;
        let ifs = self.ifs();
        for field in acc.fields {
            // The common case: nothing to split, nothing to glob.
            if let Some(s) = plain_field(&field, &ifs, self.opts.noglob) {
                out.push(s);
                continue;
            }
            for f in split_field(&field, &ifs) {
                out.extend(Box::pin(self.glob_field(f)).await?);
            }
        }
        Ok(())
    }

    /// Expand without splitting or globbing (assignments, `case` words,
    /// `[[` operands, here-strings): one string.
    pub async fn expand_str(&mut self, w: &Word) -> Result<String, Flow> {
        match w.parts.as_slice() {
            [] => return Ok(String::new()),
            [Part::Lit(s)] if !s.starts_with('~') => return Ok(s.clone()),
            [Part::Quoted(s)] => return Ok(s.clone()),
            _ => {}
        }
        let mut acc = Acc::new(self.limits.max_alloc);
        self.expand_parts(&w.parts, TOP, &mut acc).await?;
        self.check_acc(&acc).await?;
        Ok(acc.joined())
    }

    /// An expansion bigger than the string limit stops the command.
    async fn check_acc(&mut self, acc: &Acc) -> Result<(), Flow> {
        if acc.over {
            return Err(self.limit_abort("expansion", "string").await);
        }
        Ok(())
    }

    /// Report that `what` reached the limit `name` and abandon the
    /// command (status 1).
    pub async fn limit_abort(&mut self, what: &str, name: &str) -> Flow {
        let msg = format!("{what}: {}", self.limits.reached(name));
        self.error(&msg).await;
        Flow::Abort(1)
    }

    /// An assignment's value: like `expand_str`, with tilde expansion after
    /// `=` and every `:`.
    pub async fn expand_assign(&mut self, w: &Word) -> Result<String, Flow> {
        let mut acc = Acc::new(self.limits.max_alloc);
        let ctx = Ctx { assign: true, ..TOP };
        self.expand_parts(&w.parts, ctx, &mut acc).await?;
        self.check_acc(&acc).await?;
        Ok(acc.joined())
    }

    /// A pattern: quoted characters match themselves; extglob groups
    /// with `shopt -s extglob`.
    pub async fn expand_pattern(&mut self, w: &Word) -> Result<Pattern, Flow> {
        let opts = self.pattern_opts(false);
        self.expand_pattern_with(w, opts).await
    }

    /// How patterns are read now; `matching` for the matches
    /// `nocasematch` governs (`case`, `[[ ]]`, `${x/p/r}`).
    pub fn pattern_opts(&self, matching: bool) -> PatternOpts {
        PatternOpts {
            extglob: self.shopts.extglob,
            nocase: matching && self.shopts.nocasematch,
        }
    }

    pub async fn expand_pattern_with(&mut self, w: &Word, opts: PatternOpts) -> Result<Pattern, Flow> {
        let chars = self.expand_qchars(w).await?;
        Ok(Pattern::compile_with(&chars, opts))
    }

    /// The characters of an expansion, each marked quoted or not, without
    /// splitting (for patterns and regexes).
    pub async fn expand_qchars(&mut self, w: &Word) -> Result<Vec<QChar>, Flow> {
        let mut acc = Acc::new(self.limits.max_alloc);
        self.expand_parts(&w.parts, TOP, &mut acc).await?;
        self.check_acc(&acc).await?;
        let mut chars = Vec::new();
        for (i, f) in acc.fields.into_iter().enumerate() {
            if i > 0 {
                chars.push((' ', false));
            }
            for seg in f {
                if let Seg::Text { s, quoted, .. } = seg {
                    chars.extend(s.chars().map(|c| (c, quoted)));
                }
            }
        }
        Ok(chars)
    }

    /// A redirection target: expanded fully, and it must be one word.
    pub async fn expand_redir_target(&mut self, w: &Word) -> Result<String, Flow> {
        let fields = self.expand_fields(w).await?;
        match fields.as_slice() {
            [one] => Ok(one.clone()),
            _ => {
                let text = raw_text(w);
                self.error(&format!("{text}: ambiguous redirect")).await;
                Err(Flow::Abort(1))
            }
        }
    }

    // ---- parts ----

    fn expand_parts<'a>(
        &'a mut self,
        parts: &'a [Part],
        ctx: Ctx,
        acc: &'a mut Acc,
    ) -> BoxFuture<'a, Result<(), Flow>> {
        Box::pin(async move {
            for (i, part) in parts.iter().enumerate() {
                match part {
                    Part::Lit(s) => {
                        let text = if i == 0 || ctx.assign {
                            self.tilde(s, ctx, i == 0)
                        } else {
                            None
                        };
                        match text {
                            Some((home, rest)) => {
                                acc.push(home, true, false);
                                acc.push(rest, ctx.dq, ctx.lit_split);
                            }
                            None => acc.push(s.clone(), ctx.dq, ctx.lit_split),
                        }
                    }
                    Part::Quoted(s) => {
                        if s.is_empty() {
                            acc.push_empty_quoted();
                        } else {
                            acc.push(s.clone(), true, false);
                        }
                    }
                    Part::DQuoted(inner) => {
                        if !inner.iter().any(is_multi) {
                            acc.push_empty_quoted();
                        }
                        let dq = Ctx { dq: true, ..ctx };
                        self.expand_parts(inner, dq, acc).await?;
                    }
                    Part::Param(p) => self.expand_param(p, ctx, acc).await?,
                    Part::CmdSub(list) => {
                        let out = self.command_subst(list.clone()).await?;
                        acc.push(out, ctx.dq, !ctx.dq);
                    }
                    Part::ProcSub(list, dir) => {
                        let name = self.process_subst(list.clone(), *dir).await?;
                        acc.push(name, true, false);
                    }
                    Part::Arith(w) => {
                        let v = self.arith_word(w).await?;
                        acc.push(v.to_string(), ctx.dq, !ctx.dq);
                    }
                    Part::AssignArg(a) => {
                        // Only declaration builtins see these, and they
                        // expand them themselves; elsewhere, the text.
                        acc.push(a.name.clone(), ctx.dq, false);
                    }
                }
            }
            Ok(())
        })
    }

    /// Tilde expansion of a literal at the start of a word (or after `=` /
    /// `:` in an assignment): answers the expansion and the rest.
    fn tilde(&mut self, s: &str, ctx: Ctx, first: bool) -> Option<(String, String)> {
        if ctx.dq {
            return None;
        }
        if ctx.assign && !first {
            return None;
        }
        if ctx.assign {
            // In an assignment value: at the start and after each `:`.
            if !s.contains('~') {
                return None;
            }
            let mut out = String::new();
            let mut any = false;
            for (i, piece) in s.split(':').enumerate() {
                if i > 0 {
                    out.push(':');
                }
                match self.tilde_prefix(piece) {
                    Some((home, rest)) => {
                        any = true;
                        out.push_str(&home);
                        out.push_str(&rest);
                    }
                    None => out.push_str(piece),
                }
            }
            return any.then(|| (out, String::new()));
        }
        self.tilde_prefix(s)
    }

    fn tilde_prefix(&mut self, s: &str) -> Option<(String, String)> {
        let rest = s.strip_prefix('~')?;
        let (user, tail) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let home = match user {
            "" => self.get("HOME").unwrap_or_default(),
            "+" => self.get("PWD")?,
            "-" => self.get("OLDPWD")?,
            "root" => "/root".to_string(),
            u if super::parse::is_name(u) && u == self.get("USER").unwrap_or_default() => {
                self.get("HOME").unwrap_or_else(|| format!("/home/{u}"))
            }
            _ => return None,
        };
        Some((home, tail.to_string()))
    }

    // ---- parameters ----

    fn expand_param<'a>(&'a mut self, p: &'a ParamExp, ctx: Ctx, acc: &'a mut Acc) -> BoxFuture<'a, Result<(), Flow>> {
        Box::pin(async move {
            if let ParamOp::Bad(text) = &p.op {
                self.error(&format!("{text}: bad substitution")).await;
                return Err(Flow::Abort(1));
            }
            // A nameref reads what it names (`${!ref}` is that name).
            if let ParamName::Var(n) = &p.name
                && let Some(target) = self.resolve_ref(n).await?
            {
                if p.indirect && !matches!(p.op, ParamOp::Names { .. }) {
                    let named = Part::Quoted(
                        self.vars
                            .get(n)
                            .and_then(|v| v.value.as_ref())
                            .and_then(Value::scalar)
                            .unwrap_or_default()
                            .to_string(),
                    );
                    return self.expand_parts(std::slice::from_ref(&named), ctx, acc).await;
                }
                if let Some((name, index)) = parse_param_ref(&target) {
                    let via = ParamExp {
                        name,
                        index: if p.index.is_some() { p.index.clone() } else { index },
                        ..p.clone()
                    };
                    return self.expand_param(&via, ctx, acc).await;
                }
            }
            let value = self.param_value(p).await?;
            let display = param_display(p);
            let handles_unset = matches!(
                p.op,
                ParamOp::Default { .. } | ParamOp::Assign { .. } | ParamOp::Error { .. } | ParamOp::Alt { .. }
            );
            if matches!(value, PVal::Unset) && self.opts.nounset && !handles_unset && !is_all(p) {
                return Err(self.unbound(&display).await);
            }
            match &p.op {
                ParamOp::None => emit(acc, value, ctx, &self.ifs()),
                ParamOp::Length => {
                    let n = match &value {
                        PVal::Unset => 0,
                        PVal::Str(s) if s.is_ascii() => s.len(),
                        // Bytes under C, characters under a UTF-8 locale
                        // (an invalid byte is one), as bash counts.
                        PVal::Str(s) => common::locale::char_count(&bytes::to_bytes(s), self.charset()),
                        PVal::Words(v, _) => v.len(),
                    };
                    acc.push(n.to_string(), ctx.dq, !ctx.dq);
                }
                ParamOp::Default { colon, word } => {
                    if value.is_null(*colon) {
                        let inner = Ctx {
                            lit_split: !ctx.dq,
                            ..ctx
                        };
                        self.expand_parts(&word.parts, inner, acc).await?;
                    } else {
                        emit(acc, value, ctx, &self.ifs());
                    }
                }
                ParamOp::Alt { colon, word } => {
                    if !value.is_null(*colon) {
                        let inner = Ctx {
                            lit_split: !ctx.dq,
                            ..ctx
                        };
                        self.expand_parts(&word.parts, inner, acc).await?;
                    }
                }
                ParamOp::Assign { colon, word } => {
                    if value.is_null(*colon) {
                        let v = self.expand_str(word).await?;
                        match &p.name {
                            ParamName::Var(n) => {
                                let target = match &p.index {
                                    Some(i) => {
                                        let sub = self.subscript(n, i).await?;
                                        self.assign_element(n, &sub, &v).await
                                    }
                                    None => self.assign_scalar(n, &v).await,
                                };
                                target?;
                            }
                            other => {
                                self.error(&format!("${}: cannot assign in this way", other.text()))
                                    .await;
                                return Err(Flow::Abort(1));
                            }
                        }
                        acc.push(v, ctx.dq, !ctx.dq);
                    } else {
                        emit(acc, value, ctx, &self.ifs());
                    }
                }
                ParamOp::Error { colon, word } => {
                    if value.is_null(*colon) {
                        let msg = if word.parts.is_empty() {
                            if *colon {
                                "parameter null or not set".to_string()
                            } else {
                                "parameter not set".to_string()
                            }
                        } else {
                            self.expand_str(word).await?
                        };
                        self.error(&format!("{display}: {msg}")).await;
                        return Err(Flow::Exit(self.fatal_status()));
                    }
                    emit(acc, value, ctx, &self.ifs());
                }
                ParamOp::TrimPrefix { longest, pattern } | ParamOp::TrimSuffix { longest, pattern } => {
                    let pat = self.expand_pattern(pattern).await?;
                    let prefix = matches!(p.op, ParamOp::TrimPrefix { .. });
                    let f = |s: String| {
                        let cs: Vec<char> = s.chars().collect();
                        if prefix {
                            match pat.match_prefix(&cs, *longest) {
                                Some(n) => cs[n..].iter().collect(),
                                None => s,
                            }
                        } else {
                            match pat.match_suffix(&cs, *longest) {
                                Some(n) => cs[..cs.len() - n].iter().collect(),
                                None => s,
                            }
                        }
                    };
                    emit(acc, map_value(value, f), ctx, &self.ifs());
                }
                ParamOp::Replace { mode, pattern, with } => {
                    let opts = self.pattern_opts(true);
                    let pat = self.expand_pattern_with(pattern, opts).await?;
                    let rep = self.expand_qchars(with).await?;
                    // An empty pattern matches nothing, except anchored
                    // (`${a[@]/#/-I}` prefixes every element).
                    let mode = *mode;
                    let empty_pattern =
                        pattern.parts.is_empty() && matches!(mode, ReplaceMode::First | ReplaceMode::All);
                    let f = |s: String| {
                        if empty_pattern {
                            return s;
                        }
                        replace(&s, &pat, &rep, mode)
                    };
                    emit(acc, map_value(value, f), ctx, &self.ifs());
                }
                ParamOp::Transform(op) => {
                    let v = match op.filter(|c| "QEPAaKkUuL".contains(*c)) {
                        Some(op) => self.transform(p, op, value).await,
                        None if matches!(value, PVal::Unset) => value,
                        None => {
                            let op = op.map(String::from).unwrap_or_default();
                            self.error(&format!("${{{display}@{op}}}: bad substitution")).await;
                            return Err(Flow::Exit(self.fatal_status()));
                        }
                    };
                    emit(acc, v, ctx, &self.ifs());
                }
                ParamOp::Case { upper, all, pattern } => {
                    let pat = if pattern.parts.is_empty() {
                        None
                    } else {
                        Some(self.expand_pattern(pattern).await?)
                    };
                    let (upper, all) = (*upper, *all);
                    let f = |s: String| change_case(&s, upper, all, pat.as_ref());
                    emit(acc, map_value(value, f), ctx, &self.ifs());
                }
                ParamOp::Slice { offset, length } => {
                    let off = self.arith_word(offset).await?;
                    let len = match length {
                        Some(l) => Some(self.arith_word(l).await?),
                        None => None,
                    };
                    let sliced = match self.slice(p, value, off, len) {
                        Ok(v) => v,
                        Err(msg) => {
                            self.error(&msg).await;
                            return Err(Flow::Abort(1));
                        }
                    };
                    emit(acc, sliced, ctx, &self.ifs());
                }
                ParamOp::Names { at } => {
                    let prefix = match &p.name {
                        ParamName::Var(n) => n.clone(),
                        _ => String::new(),
                    };
                    let names: Vec<String> = self
                        .vars
                        .visible()
                        .keys()
                        .filter(|k| k.starts_with(&prefix) && !k.starts_with('\u{0}'))
                        .map(|k| k.to_string())
                        .collect();
                    emit(acc, PVal::Words(names, !at), ctx, &self.ifs());
                }
                ParamOp::Bad(_) => unreachable!("handled above"),
            }
            Ok(())
        })
    }

    /// `${x@op}`: `Q` quoted for reuse, `E` escapes decoded, `P` as a
    /// prompt, `U`/`u`/`L` case, `a` the attributes, `A` an assignment
    /// that recreates it, `K`/`k` arrays as key-value pairs.
    async fn transform(&mut self, p: &ParamExp, op: char, value: PVal) -> PVal {
        let var = match &p.name {
            ParamName::Var(n) => self.vars.get(n).cloned(),
            _ => None,
        };
        if op == 'a'
            && let Some(v) = &var
            && !whole_or_set(&value, p)
        {
            return PVal::Str(builtins::attr_letters(v));
        }
        if matches!(value, PVal::Unset) {
            return value;
        }
        let whole = is_all(p);
        match op {
            'Q' => map_value(value, |s| quote_reusable(&s)),
            'E' => map_value(value, |s| common::escape::decode(&s, false).0),
            'U' => map_value(value, |s| s.to_ascii_uppercase()),
            'L' => map_value(value, |s| s.to_ascii_lowercase()),
            'u' => map_value(value, |s| change_case(&s, true, false, None)),
            'P' => match value {
                PVal::Words(ws, star) => {
                    let mut out = Vec::with_capacity(ws.len());
                    for w in ws {
                        out.push(self.expand_prompt(&w).await);
                    }
                    PVal::Words(out, star)
                }
                PVal::Str(s) => PVal::Str(self.expand_prompt(&s).await),
                PVal::Unset => PVal::Unset,
            },
            'a' => {
                let letters = var.as_ref().map(builtins::attr_letters).unwrap_or_default();
                map_value(value, |_| letters.clone())
            }
            'A' => {
                let (Some(v), ParamName::Var(name)) = (&var, &p.name) else {
                    return map_value(value, |s| quote_reusable(&s));
                };
                if whole && !matches!(v.value, Some(Value::Str(_))) {
                    return PVal::Str(builtins::describe(name, v));
                }
                let letters = builtins::attr_letters(v);
                let text = |s: &str| match letters.as_str() {
                    "" => format!("{name}={}", quote_reusable(s)),
                    l => format!("declare -{l} {name}={}", quote_reusable(s)),
                };
                match value {
                    PVal::Str(s) => PVal::Str(text(&s)),
                    PVal::Words(ws, _) => PVal::Str(ws.iter().map(|s| text(s)).collect::<Vec<_>>().join(" ")),
                    PVal::Unset => PVal::Unset,
                }
            }
            _ => {
                // `K` and `k`.
                let pairs: Option<Vec<(String, String)>> = match var.as_ref().and_then(|v| v.value.as_ref()) {
                    Some(Value::Indexed(m)) if whole => {
                        Some(m.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
                    }
                    Some(Value::Assoc(m)) if whole => {
                        Some(m.iter().map(|(k, v)| (builtins::assoc_key(k), v.clone())).collect())
                    }
                    _ => None,
                };
                match (pairs, op) {
                    (None, _) => map_value(value, |s| quote_reusable(&s)),
                    (Some(kv), 'K') => PVal::Str(
                        kv.iter()
                            .map(|(k, v)| format!("{k} {}", builtins::dq(v)))
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    (Some(kv), _) => PVal::Words(kv.into_iter().flat_map(|(k, v)| [k, v]).collect(), false),
                }
            }
        }
    }

    /// The status a fatal expansion error exits with: 127 for the main
    /// shell running `-c` (as bash), 1 in a subshell or a script.
    pub fn fatal_status(&self) -> i32 {
        if self.nest.subshell || matches!(self.at.source, super::Source::Script(_)) {
            1
        } else {
            127
        }
    }

    /// Report an unbound variable under `set -u`.
    pub async fn unbound(&mut self, name: &str) -> Flow {
        self.error(&format!("{name}: unbound variable")).await;
        Flow::Exit(self.fatal_status())
    }

    /// The value a parameter names.
    async fn param_value(&mut self, p: &ParamExp) -> Result<PVal, Flow> {
        let is_keys = p.indirect
            && p.index
                .as_ref()
                .and_then(Word::as_plain)
                .is_some_and(|s| s == "@" || s == "*");
        if is_keys {
            // `${!a[@]}`: the indices or keys.
            let ParamName::Var(n) = &p.name else {
                return Ok(PVal::Unset);
            };
            let star = p.index.as_ref().and_then(Word::as_plain) == Some("*");
            return Ok(match self.vars.get(n).and_then(|v| v.value.as_ref()) {
                Some(v) => PVal::Words(v.keys(), star),
                None => PVal::Words(Vec::new(), star),
            });
        }
        if p.indirect && !matches!(p.op, ParamOp::Names { .. }) {
            let target = match self.plain_value(&p.name, &p.index).await? {
                PVal::Str(s) => s,
                PVal::Words(v, _) => v.join(" "),
                PVal::Unset => {
                    if self.opts.nounset {
                        return Err(self.unbound(&p.name.text()).await);
                    }
                    return Ok(PVal::Unset);
                }
            };
            let Some((name, index)) = parse_param_ref(&target) else {
                self.error(&format!("{target}: invalid variable name")).await;
                return Err(Flow::Abort(1));
            };
            return self.plain_value(&name, &index).await;
        }
        self.plain_value(&p.name, &p.index).await
    }

    async fn plain_value(&mut self, name: &ParamName, index: &Option<Word>) -> Result<PVal, Flow> {
        Ok(match name {
            ParamName::Special('@') => PVal::Words(self.params.positional.to_vec(), false),
            ParamName::Special('*') => PVal::Words(self.params.positional.to_vec(), true),
            ParamName::Special('#') => PVal::Str(self.params.positional.len().to_string()),
            ParamName::Special('?') => PVal::Str(self.params.status.to_string()),
            ParamName::Special('-') => PVal::Str(self.option_flags()),
            ParamName::Special('$') => PVal::Str(self.params.shell_pid.to_string()),
            ParamName::Special('!') => match self.params.last_bg {
                Some(p) => PVal::Str(p.to_string()),
                None => PVal::Unset,
            },
            ParamName::Special('0') | ParamName::Positional(0) => PVal::Str(self.params.arg0.clone()),
            ParamName::Special(_) => PVal::Unset,
            ParamName::Positional(n) => match self.params.positional.get(n - 1) {
                Some(s) => PVal::Str(s.clone()),
                None => PVal::Unset,
            },
            ParamName::Var(n) => match index {
                None => match self.get(n) {
                    Some(s) => PVal::Str(s),
                    None => PVal::Unset,
                },
                Some(i) => match i.as_plain() {
                    Some(all @ ("@" | "*")) => {
                        let star = all == "*";
                        match self.array_value(n) {
                            Some(v) => PVal::Words(v.elements(), star),
                            None => PVal::Words(Vec::new(), star),
                        }
                    }
                    _ => {
                        let key = self.subscript(n, i).await?;
                        if self.bad_negative_index(n, &key) {
                            self.error(&format!("{n}: bad array subscript")).await;
                        }
                        match self.element(n, &key) {
                            Some(s) => PVal::Str(s),
                            None => PVal::Unset,
                        }
                    }
                },
            },
        })
    }

    fn array_value(&mut self, name: &str) -> Option<Value> {
        if let Some(v) = self.vars.get(name).and_then(|v| v.value.clone()) {
            return Some(v);
        }
        match name {
            "PIPESTATUS" => Some(indexed(self.params.pipestatus.iter().map(i32::to_string))),
            "FUNCNAME" | "BASH_SOURCE" | "BASH_LINENO" => self.call_stack(name).map(|v| indexed(v.into_iter())),
            _ => self.get(name).map(Value::Str),
        }
    }

    /// True for a negative index that points before an indexed array's
    /// start (bash reports it).
    fn bad_negative_index(&self, name: &str, key: &str) -> bool {
        let Ok(i) = key.parse::<i64>() else { return false };
        match self.vars.get(name).and_then(|v| v.value.as_ref()) {
            Some(Value::Indexed(m)) => i < 0 && resolve_index(m, i).is_none(),
            _ => false,
        }
    }

    /// One element: `key` is an evaluated index (indexed arrays) or a key.
    pub fn element(&mut self, name: &str, key: &str) -> Option<String> {
        match self.array_value(name)? {
            Value::Str(s) => (key == "0").then_some(s),
            Value::Indexed(m) => {
                let i: i64 = key.parse().ok()?;
                m.get(&resolve_index(&m, i)?).cloned()
            }
            Value::Assoc(m) => m.get(key).cloned(),
        }
    }

    /// Where the nameref `name` leads, for reading: a circular chain
    /// warns and reads as unset (the caller then finds no value).
    async fn resolve_ref(&mut self, name: &str) -> Result<Option<String>, Flow> {
        match self.vars.resolve(name) {
            Ok(target) => Ok(target),
            Err(msg) => {
                self.error(&format!("warning: {msg}")).await;
                Ok(None)
            }
        }
    }

    /// Evaluate a subscript: a key for associative arrays, arithmetic
    /// otherwise.
    pub async fn subscript(&mut self, name: &str, index: &Word) -> Result<String, Flow> {
        let resolved = self.vars.resolve(name).ok().flatten();
        let name = resolved.as_deref().unwrap_or(name);
        let assoc = matches!(self.vars.get(name), Some(v) if v.kind == super::vars::Kind::Assoc || matches!(v.value, Some(Value::Assoc(_))));
        let text = self.expand_str(index).await?;
        if assoc {
            return Ok(text);
        }
        Ok(self.eval_arith(&text).await?.to_string())
    }

    /// `$-`: the single-letter options in effect.
    pub fn option_flags(&self) -> String {
        let mut s = String::new();
        let o = &self.opts;
        for (on, c) in [
            (o.allexport, 'a'),
            (o.errexit, 'e'),
            (o.noglob, 'f'),
            (true, 'h'),
            (o.interactive, 'i'),
            (o.noexec, 'n'),
            (o.nounset, 'u'),
            (o.verbose, 'v'),
            (o.xtrace, 'x'),
            (true, 'B'),
            (o.noclobber, 'C'),
        ] {
            if on {
                s.push(c);
            }
        }
        if matches!(self.at.source, super::Source::Command) {
            s.push('c');
        }
        s
    }

    /// `${x:off:len}` on a string or a list.
    fn slice(&self, p: &ParamExp, value: PVal, off: i64, len: Option<i64>) -> Result<PVal, String> {
        let neg_len = |total: i64, start: i64| -> Result<i64, String> {
            match len {
                None => Ok(total - start),
                Some(l) if l >= 0 => Ok(l.min(total - start)),
                Some(l) => {
                    let end = total + l;
                    if end < start {
                        return Err(format!("{l}: substring expression < 0"));
                    }
                    Ok(end - start)
                }
            }
        };
        Ok(match value {
            PVal::Unset => PVal::Unset,
            PVal::Str(s) => {
                // Offsets count characters of the locale: bytes under C,
                // UTF-8 sequences (an invalid byte alone) otherwise.
                let b = bytes::to_bytes(&s);
                let cs = if s.is_ascii() { Charset::Bytes } else { self.charset() };
                let starts: Vec<usize> = common::locale::units(&b, cs).map(|u| u.start).collect();
                let total = starts.len() as i64;
                let start = if off < 0 { total + off } else { off };
                if start < 0 || start > total {
                    return Ok(PVal::Str(String::new()));
                }
                let n = neg_len(total, start)?.max(0);
                let at = |i: i64| starts.get(i as usize).copied().unwrap_or(b.len());
                PVal::Str(bytes::from_bytes(&b[at(start)..at(start + n)]))
            }
            PVal::Words(v, star) => {
                // `$@` slices count `$0` as element 0.
                let is_positional = matches!(p.name, ParamName::Special('@' | '*'));
                let mut all = Vec::with_capacity(v.len() + 1);
                if is_positional {
                    all.push(self.params.arg0.clone());
                }
                all.extend(v);
                let total = all.len() as i64;
                let start = if off < 0 { total + off } else { off };
                if start < 0 || start > total {
                    return Ok(PVal::Words(Vec::new(), star));
                }
                let n = match len {
                    None => total - start,
                    Some(l) if l >= 0 => l.min(total - start),
                    Some(l) => return Err(format!("{l}: substring expression < 0")),
                };
                PVal::Words(all[start as usize..(start + n) as usize].to_vec(), star)
            }
        })
    }

    // ---- arithmetic ----

    /// Expand an arithmetic word and evaluate it.
    pub async fn arith_word(&mut self, w: &Word) -> Result<i64, Flow> {
        if let [Part::Lit(text)] = w.parts.as_slice() {
            // Nothing to expand (the common loop condition).
            return self.eval_arith(text).await;
        }
        let text = self.expand_str(w).await?;
        self.eval_arith(&text).await
    }

    /// Evaluate arithmetic with the shell's variables and parse cache.
    pub fn arith(&mut self, text: &str) -> Result<i64, String> {
        let mut cache = std::mem::take(&mut self.arith_cache);
        let r = super::arith::eval_cached(text, &mut super::exec::IntVars(self), &mut cache);
        self.arith_cache = cache;
        r
    }

    /// Evaluate arithmetic text; an error aborts the command.
    pub async fn eval_arith(&mut self, text: &str) -> Result<i64, Flow> {
        match self.arith(text) {
            Ok(v) => Ok(v),
            Err(msg) => {
                self.error(&msg).await;
                if msg.ends_with(": unbound variable") {
                    return Err(Flow::Exit(self.fatal_status()));
                }
                Err(Flow::Abort(1))
            }
        }
    }

    // ---- command substitution ----

    /// `$(< file)`: the file's content, without a subshell.
    async fn read_redirect_only(&mut self, list: &List) -> Option<Result<String, Flow>> {
        let [item] = list.items.as_slice() else { return None };
        if item.background || !item.and_or.rest.is_empty() || item.and_or.first.commands.len() != 1 {
            return None;
        }
        let Command::Simple(s) = &item.and_or.first.commands[0] else {
            return None;
        };
        let [r] = s.redirs.as_slice() else { return None };
        if !s.words.is_empty() || !s.assigns.is_empty() || r.op != RedirOp::In || r.fd.is_some() {
            return None;
        }
        let path = match self.expand_redir_target(&r.target).await {
            Ok(p) => p,
            Err(f) => return Some(Err(f)),
        };
        Some(match self.proc.read_file(&bytes::to_os(&path)).await {
            Ok(mut d) => {
                self.params.substs_run += 1;
                self.params.status = 0;
                while d.last() == Some(&b'\n') {
                    d.pop();
                }
                Ok(bytes::from_bytes(&d))
            }
            Err(e) => {
                self.error(&format!("{path}: {}", e.strerror())).await;
                self.params.substs_run += 1;
                self.params.status = 1;
                Ok(String::new())
            }
        })
    }

    /// Run `list` in a subshell and answer what it wrote, trailing
    /// newlines removed. Sets `$?`.
    pub async fn command_subst(&mut self, list: Arc<List>) -> Result<String, Flow> {
        if let Some(r) = self.read_redirect_only(&list).await {
            return r;
        }
        let (r, w) = match self.proc.pipe() {
            Ok(p) => p,
            Err(e) => {
                self.error(&format!("cannot make pipe for command substitution: {}", e.strerror()))
                    .await;
                return Err(Flow::Abort(1));
            }
        };
        let _ = self.proc.set_cloexec(r, true);
        let _ = self.proc.set_cloexec(w, true);
        let mut child = self.fork();
        child.nest.substs += 1;
        // bash runs a command substitution without `set -e` unless
        // `inherit_errexit` is on.
        if !child.shopts.inherit_errexit {
            child.opts.errexit = false;
        }
        let target = Target::oneshot(move |p| async move {
            child.proc = p;
            child.run_subshell_list(&list).await
        });
        let opts = SpawnOpts {
            fd_map: vec![(1, Some(w))],
            ..Default::default()
        };
        let spawned = self.proc.spawn(target, opts).await;
        let _ = self.proc.close(w).await;
        let pid = match spawned {
            Ok(pid) => pid,
            Err(e) => {
                let _ = self.proc.close(r).await;
                self.error(&format!("fork: {}", kernel::limits::describe(&e))).await;
                return Err(Flow::Abort(1));
            }
        };
        let mut out = Vec::new();
        let mut over = false;
        loop {
            match self.proc.read(r, 64 * 1024).await {
                Ok(d) if d.is_empty() => break,
                Ok(d) => {
                    if d.len() > self.limits.max_alloc - out.len() {
                        // Never a silent cut: the command fails, saying why.
                        over = true;
                        let _ = self.proc.kill(pid, "kill");
                        break;
                    }
                    out.extend_from_slice(&d);
                }
                Err(e) if e.is(Errno::EINTR) => self.note_interrupted(),
                Err(_) => break,
            }
        }
        let _ = self.proc.close(r).await;
        self.params.status = self.wait_child(pid).await;
        self.params.substs_run += 1;
        if over {
            return Err(self.limit_abort("command substitution", "string").await);
        }
        while out.last() == Some(&b'\n') {
            out.pop();
        }
        // bash drops NUL bytes (with a warning we leave out).
        out.retain(|&b| b != 0);
        Ok(bytes::from_bytes(&out))
    }

    /// `<(list)` / `>(list)`: run `list` in a subshell on one end of a
    /// pipe and answer the name of the other end, which the shell holds
    /// at a high fd (as bash, from 63 down) until the command is done.
    pub async fn process_subst(&mut self, list: Arc<List>, dir: ProcDir) -> Result<String, Flow> {
        let (r, w) = match self.proc.pipe() {
            Ok(p) => p,
            Err(e) => {
                self.error(&format!("cannot make pipe for process substitution: {}", e.strerror()))
                    .await;
                return Err(Flow::Abort(1));
            }
        };
        let _ = self.proc.set_cloexec(r, true);
        let _ = self.proc.set_cloexec(w, true);
        let (theirs, ours, child_fd) = match dir {
            ProcDir::Read => (w, r, 1),
            ProcDir::Write => (r, w, 0),
        };
        let mut child = self.fork();
        let target = Target::oneshot(move |p| async move {
            child.proc = p;
            child.run_subshell_list(&list).await
        });
        let opts = SpawnOpts {
            fd_map: vec![(child_fd, Some(theirs))],
            ..Default::default()
        };
        let spawned = self.proc.spawn(target, opts).await;
        let _ = self.proc.close(theirs).await;
        let pid = match spawned {
            Ok(pid) => pid,
            Err(e) => {
                let _ = self.proc.close(ours).await;
                self.error(&format!("fork: {}", kernel::limits::describe(&e))).await;
                return Err(Flow::Abort(1));
            }
        };
        let fd = self.high_fd(ours).await;
        self.jobs.procsubs.push((fd, pid));
        self.params.last_bg = Some(pid);
        Ok(format!("/dev/fd/{fd}"))
    }

    /// Move `fd` to the highest free number from 63 down (out of the way of
    /// the command's own redirections), inheritable by the command.
    async fn high_fd(&mut self, fd: kernel::Fd) -> kernel::Fd {
        let open = self.proc.fds();
        let Some(free) = (10..=63).rev().find(|n| !open.contains(n)) else {
            let _ = self.proc.set_cloexec(fd, false);
            return fd;
        };
        match self.proc.dup2(fd, free).await {
            Ok(_) => {
                let _ = self.proc.close(fd).await;
                free
            }
            Err(_) => {
                let _ = self.proc.set_cloexec(fd, false);
                fd
            }
        }
    }

    /// The command that named process substitutions since `mark` is done:
    /// close the shell's ends (so readers see end of file and writers
    /// a closed pipe), and reap the children that have ended.
    pub async fn end_procsubs(&mut self, mark: usize) {
        for (fd, pid) in self.jobs.procsubs.split_off(mark) {
            let _ = self.proc.close(fd).await;
            self.jobs.procsub_zombies.push(pid);
        }
        let pending = std::mem::take(&mut self.jobs.procsub_zombies);
        for pid in pending {
            if let Ok(None) = self.proc.try_wait(pid) {
                self.jobs.procsub_zombies.push(pid);
            }
        }
    }

    // ---- pathname expansion ----

    async fn glob_field(&mut self, field: Vec<QChar>) -> Result<Vec<String>, Flow> {
        let text: String = field.iter().map(|c| c.0).collect();
        let extglob = self.shopts.extglob;
        let wild = |c: char| matches!(c, '*' | '?' | '[') || (extglob && c == '(');
        if self.opts.noglob || !field.iter().any(|&(c, q)| !q && wild(c)) {
            return Ok(vec![text]);
        }
        let opts = self.glob_opts();
        let pat = Pattern::compile_with(&field, opts);
        if !pat.has_meta() {
            return Ok(vec![text]);
        }
        let mut matches = self.glob(&field).await;
        self.glob_ignore(&mut matches);
        if !matches.is_empty() {
            return Ok(matches);
        }
        if self.shopts.failglob {
            self.error(&format!("no match: {text}")).await;
            return Err(Flow::Abort(1));
        }
        if self.shopts.nullglob {
            return Ok(Vec::new());
        }
        Ok(vec![text])
    }

    /// Patterns for pathname expansion: extglob and nocaseglob.
    fn glob_opts(&self) -> PatternOpts {
        PatternOpts {
            extglob: self.shopts.extglob,
            nocase: self.shopts.nocaseglob,
        }
    }

    /// `GLOBIGNORE`: drop the names matching any of its patterns, and
    /// `.` and `..` whenever it is set.
    fn glob_ignore(&mut self, names: &mut Vec<String>) {
        let Some(ignore) = self.get("GLOBIGNORE").filter(|g| !g.is_empty()) else {
            return;
        };
        let opts = self.glob_opts();
        let pats: Vec<Pattern> = ignore
            .split(':')
            .map(|p| Pattern::compile_with(&p.chars().map(|c| (c, false)).collect::<Vec<_>>(), opts))
            .collect();
        names.retain(|n| {
            let base = n.trim_end_matches('/').rsplit('/').next().unwrap_or(n);
            base != "." && base != ".." && !pats.iter().any(|p| p.matches(n))
        });
    }

    /// True if a glob may match names starting with a dot it did not
    /// spell: `dotglob`, or `GLOBIGNORE` set (as bash).
    fn dot_matches(&mut self) -> bool {
        self.shopts.dotglob || self.get("GLOBIGNORE").is_some_and(|g| !g.is_empty())
    }

    /// Match a pattern against the namespace, component by component.
    async fn glob(&mut self, field: &[QChar]) -> Vec<String> {
        let opts = self.glob_opts();
        let dots = self.dot_matches();
        let mut comps: Vec<Vec<QChar>> = vec![Vec::new()];
        for &c in field {
            if c.0 == '/' {
                comps.push(Vec::new());
            } else {
                comps.last_mut().expect("never empty").push(c);
            }
        }
        let absolute = comps.len() > 1 && comps[0].is_empty();
        if absolute {
            comps.remove(0);
        }
        let trailing_slash = comps.len() > 1 && comps.last().is_some_and(Vec::is_empty);
        if trailing_slash {
            comps.pop();
        }
        let mut current: Vec<String> = vec![if absolute { "/".to_string() } else { String::new() }];
        let n = comps.len();
        for (k, comp) in comps.iter().enumerate() {
            let last = k + 1 == n;
            let want_dir = !last || trailing_slash;
            let is_globstar = self.shopts.globstar && comp.len() == 2 && comp.iter().all(|&(c, q)| c == '*' && !q);
            let pat = Pattern::compile_with(comp, opts);
            let mut next = Vec::new();
            if comp.is_empty() {
                // `a//b`: keep going.
                next = current.clone();
            } else if is_globstar {
                for dir in &current {
                    self.walk_all(dir, want_dir, !last, dots, &mut next).await;
                }
            } else if !pat.has_meta() {
                let name = pat.as_literal().unwrap_or_default();
                for dir in &current {
                    let p = join(dir, &name);
                    if last || want_dir {
                        match self.proc.stat(&bytes::to_os(&p)).await {
                            Ok(st) if !want_dir || st.is_dir() => next.push(p),
                            _ => {}
                        }
                    } else {
                        next.push(p);
                    }
                }
            } else {
                for dir in &current {
                    let listing = if dir.is_empty() { "." } else { dir.as_str() };
                    let Ok(entries) = self.proc.readdir(&bytes::to_os(listing)).await else {
                        continue;
                    };
                    let mut names: Vec<(String, bool)> = entries
                        .into_iter()
                        .map(|e| (bytes::from_os(&e.name), e.kind.is_dir()))
                        .collect();
                    // Without globskipdots, `.*` also matches `.` and `..`.
                    if !self.shopts.globskipdots && pat.starts_with_dot() {
                        names.push((".".to_string(), true));
                        names.push(("..".to_string(), true));
                    }
                    names.sort();
                    names.dedup();
                    for (name, is_dir) in names {
                        if name.starts_with('.') && !pat.starts_with_dot() && !dots {
                            continue;
                        }
                        if want_dir && !is_dir {
                            continue;
                        }
                        if pat.matches(&name) {
                            next.push(join(dir, &name));
                        }
                    }
                }
            }
            current = next;
            if current.is_empty() {
                break;
            }
        }
        if trailing_slash {
            for p in &mut current {
                p.push('/');
            }
        }
        current.sort();
        current
    }

    /// `**`: everything below a directory (directories only when
    /// `dirs_only`), and with `with_self` the directory itself, so
    /// `**/*.md` also finds `t.md` at the top.
    async fn walk_all(&mut self, dir: &str, dirs_only: bool, with_self: bool, dots: bool, out: &mut Vec<String>) {
        let mut stack = vec![dir.to_string()];
        if with_self {
            // The current directory itself is the empty prefix.
            out.push(dir.to_string());
        } else if !dir.is_empty() {
            // `d/**` lists `d/` itself (`d/**/` gets its slash later).
            let own = if dirs_only {
                dir.to_string()
            } else {
                format!("{}/", dir.trim_end_matches('/'))
            };
            out.push(own);
        }
        while let Some(d) = stack.pop() {
            let listing = if d.is_empty() { "." } else { d.as_str() };
            let Ok(entries) = self.proc.readdir(&bytes::to_os(listing)).await else {
                continue;
            };
            let mut names: Vec<_> = entries
                .into_iter()
                .map(|e| (bytes::from_os(&e.name), e.kind.is_dir()))
                .collect();
            names.sort();
            for (name, is_dir) in names.into_iter().rev() {
                if name.starts_with('.') && !dots {
                    continue;
                }
                let p = join(&d, &name);
                if is_dir {
                    stack.push(p.clone());
                    out.push(p);
                } else if !dirs_only {
                    out.push(p);
                }
            }
        }
    }
}

/// Put a parameter's value into the fields.
fn emit(acc: &mut Acc, v: PVal, ctx: Ctx, ifs: &str) {
    match v {
        PVal::Unset => {}
        PVal::Str(s) => acc.push(s, ctx.dq, !ctx.dq),
        PVal::Words(words, star) if ctx.dq && star => {
            let sep = match ifs.chars().next() {
                Some(c) => c.to_string(),
                None => String::new(),
            };
            // Even with no words `"$*"` is one (empty) word.
            acc.push_empty_quoted();
            acc.push(words.join(&sep), true, false);
        }
        PVal::Words(words, _) => {
            for (i, w) in words.into_iter().enumerate() {
                if i > 0 {
                    acc.break_field();
                }
                if ctx.dq {
                    acc.push_empty_quoted();
                }
                acc.push(w, ctx.dq, !ctx.dq);
            }
        }
    }
}

/// True if `${x@a}` has a value per element to show.
fn whole_or_set(value: &PVal, p: &ParamExp) -> bool {
    is_all(p) && !matches!(value, PVal::Unset)
}

/// bash's quoting for reuse as input (`${x@Q}`): single quotes, or
/// `$'...'` when the text holds characters that are not printable.
pub fn quote_reusable(s: &str) -> String {
    if s.chars().all(|c| (' '..='~').contains(&c)) {
        return format!("'{}'", s.replace('\'', "'\\''"));
    }
    ansic_quote(s)
}

/// bash's `ansic_quote`: `$'...'` with C escapes, octal for the rest of
/// what is not printable.
pub fn ansic_quote(s: &str) -> String {
    let mut out = String::from("$'");
    for c in s.chars() {
        match c {
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x1b' => out.push_str("\\E"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            c if (' '..='~').contains(&c) => out.push(c),
            c => out.push_str(&format!("\\{:03o}", c as u32 & 0xff)),
        }
    }
    out.push('\'');
    out
}

fn map_value(v: PVal, f: impl Fn(String) -> String) -> PVal {
    match v {
        PVal::Unset => PVal::Unset,
        PVal::Str(s) => PVal::Str(f(s)),
        PVal::Words(ws, star) => PVal::Words(ws.into_iter().map(f).collect(), star),
    }
}

/// `${x/p/r}` and friends. In the replacement an unquoted `&` stands for
/// the matched text (bash 5.2's patsub_replacement).
fn replace(s: &str, pat: &Pattern, rep: &[QChar], mode: ReplaceMode) -> String {
    let cs: Vec<char> = s.chars().collect();
    let render = |m: &[char]| -> String {
        let mut out = String::new();
        for &(c, q) in rep {
            if c == '&' && !q {
                out.extend(m.iter());
            } else {
                out.push(c);
            }
        }
        out
    };
    match mode {
        ReplaceMode::Prefix => match pat.match_prefix(&cs, true) {
            Some(n) => format!("{}{}", render(&cs[..n]), cs[n..].iter().collect::<String>()),
            None => s.to_string(),
        },
        ReplaceMode::Suffix => match pat.match_suffix(&cs, true) {
            Some(n) => {
                let cut = cs.len() - n;
                format!("{}{}", cs[..cut].iter().collect::<String>(), render(&cs[cut..]))
            }
            None => s.to_string(),
        },
        ReplaceMode::First | ReplaceMode::All => {
            let mut out = String::new();
            let mut i = 0;
            while let Some((a, b)) = pat.find(&cs, i) {
                out.extend(cs[i..a].iter());
                out.push_str(&render(&cs[a..b]));
                i = b;
                if mode == ReplaceMode::First {
                    break;
                }
            }
            out.extend(cs[i..].iter());
            out
        }
    }
}

fn change_case(s: &str, upper: bool, all: bool, pat: Option<&Pattern>) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        let applies = (all || i == 0) && pat.is_none_or(|p| p.matches(&c.to_string()));
        out.push(match (applies, upper) {
            (true, true) => c.to_ascii_uppercase(),
            (true, false) => c.to_ascii_lowercase(),
            _ => c,
        });
    }
    out
}

fn indexed(it: impl Iterator<Item = String>) -> Value {
    Value::Indexed(it.enumerate().map(|(i, s)| (i as i64, s)).collect::<BTreeMap<_, _>>())
}

/// True for `$@`-like expansions that make several words inside quotes.
fn is_multi(p: &Part) -> bool {
    match p {
        Part::Param(p) => is_all(p) && !matches!(p.op, ParamOp::Length),
        _ => false,
    }
}

/// `$@`, `$*`, `${a[@]}`, `${a[*]}`.
fn is_all(p: &ParamExp) -> bool {
    matches!(p.name, ParamName::Special('@' | '*'))
        || p.index
            .as_ref()
            .and_then(Word::as_plain)
            .is_some_and(|s| s == "@" || s == "*")
}

/// How a parameter is named in messages: `x`, `1`, `a[2]`.
fn param_display(p: &ParamExp) -> String {
    let base = p.name.text();
    match (&p.name, &p.index) {
        (_, Some(i)) => format!("{base}[{}]", i.unquoted_text()),
        (ParamName::Positional(_), None) => format!("${base}"),
        _ => base,
    }
}

/// The text of a word as written, for messages.
pub fn raw_text(w: &Word) -> String {
    w.unquoted_text()
}

/// `name`, `name[sub]` or a positional number, from `${!ref}`.
fn parse_param_ref(s: &str) -> Option<(ParamName, Option<Word>)> {
    if let Some(open) = s.find('[')
        && s.ends_with(']')
    {
        let name = &s[..open];
        if super::parse::is_name(name) {
            return Some((
                ParamName::Var(name.to_string()),
                Some(Word::literal(&s[open + 1..s.len() - 1])),
            ));
        }
        return None;
    }
    if super::parse::is_name(s) {
        return Some((ParamName::Var(s.to_string()), None));
    }
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return Some((ParamName::Positional(s.parse().ok()?), None));
    }
    match s {
        "@" | "*" | "#" | "?" | "-" | "$" | "!" => Some((ParamName::Special(s.chars().next()?), None)),
        _ => None,
    }
}

fn join(dir: &str, name: &str) -> String {
    match dir {
        "" => name.to_string(),
        d if d.ends_with('/') => format!("{d}{name}"),
        d => format!("{d}/{name}"),
    }
}

// ---- field splitting ----

/// The field as one string, if splitting leaves it whole and globbing has
/// nothing to do; `None` when the full treatment is needed.
fn plain_field(field: &[Seg], ifs: &str, noglob: bool) -> Option<String> {
    let mut out = String::new();
    let mut any = false;
    for seg in field {
        match seg {
            Seg::EmptyQuoted => any = true,
            Seg::Text { s, quoted, split } => {
                if *split && s.contains(|c| ifs.contains(c)) {
                    return None;
                }
                if !*quoted && !noglob && s.contains(['*', '?', '[']) {
                    return None;
                }
                out.push_str(s);
                any = true;
            }
        }
    }
    // An unquoted expansion that came out empty makes no field.
    any.then_some(out)
}

/// Split one field on IFS (POSIX rules): IFS whitespace separates fields
/// and is trimmed at the ends; each other IFS character ends a field,
/// possibly empty. Only split segments are split.
fn split_field(field: &[Seg], ifs: &str) -> Vec<Vec<QChar>> {
    enum C {
        Ch(char, bool, bool),
        Empty,
    }
    let mut stream = Vec::new();
    for seg in field {
        match seg {
            Seg::EmptyQuoted => stream.push(C::Empty),
            Seg::Text { s, quoted, split } => {
                stream.extend(s.chars().map(|c| C::Ch(c, *quoted, *split)));
            }
        }
    }
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n') && ifs.contains(c);
    let is_sep = |c: char| ifs.contains(c);
    let mut out = Vec::new();
    let mut cur: Vec<QChar> = Vec::new();
    let mut started = false;
    let mut i = 0;
    while i < stream.len() {
        match stream[i] {
            C::Empty => {
                started = true;
                i += 1;
            }
            C::Ch(c, _, true) if is_sep(c) => {
                if is_ws(c) {
                    let mut j = i;
                    while let Some(C::Ch(c, _, true)) = stream.get(j) {
                        if is_ws(*c) {
                            j += 1;
                        } else {
                            break;
                        }
                    }
                    let next_is_hard = matches!(stream.get(j), Some(C::Ch(c, _, true)) if is_sep(*c) && !is_ws(*c));
                    if !next_is_hard && started {
                        out.push(std::mem::take(&mut cur));
                        started = false;
                    }
                    i = j;
                } else {
                    out.push(std::mem::take(&mut cur));
                    started = false;
                    i += 1;
                    while let Some(C::Ch(c, _, true)) = stream.get(i) {
                        if is_ws(*c) {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                }
            }
            C::Ch(c, q, _) => {
                cur.push((c, q));
                started = true;
                i += 1;
            }
        }
    }
    if started {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(s: &str, split: bool) -> Seg {
        Seg::Text {
            s: s.to_string(),
            quoted: false,
            split,
        }
    }

    fn split(segs: &[Seg], ifs: &str) -> Vec<String> {
        split_field(segs, ifs)
            .into_iter()
            .map(|f| f.into_iter().map(|c| c.0).collect())
            .collect()
    }

    #[test]
    fn splitting() {
        assert_eq!(split(&[seg("  a  b ", true)], " \t\n"), ["a", "b"]);
        assert_eq!(split(&[seg("a::b", true)], ":"), ["a", "", "b"]);
        assert_eq!(split(&[seg("a : b", true)], ": "), ["a", "b"]);
        assert_eq!(split(&[seg("x", false), seg(" a b", true)], " "), ["x", "a", "b"]);
        assert_eq!(split(&[seg("a b", false)], " "), ["a b"], "literal text is not split");
        assert_eq!(split(&[seg("", true)], " "), Vec::<String>::new());
        assert_eq!(split(&[Seg::EmptyQuoted], " "), [""]);
        assert_eq!(split(&[seg(":a:", true)], ":"), ["", "a"]);
    }
}
