//! `string`: fish's string manipulation command (fish 3.x semantics).
//!
//! `string SUBCOMMAND [OPTIONS] [ARGS]`: length, sub, split, join, trim,
//! upper, lower, replace, match, repeat. The strings are the arguments
//! or, when there are none, the lines of standard input (unless it is the
//! console). Positions and lengths count characters. Patterns are fish's
//! globs (`*`, `?`, backslash escapes) or, with -r, Perl-style regular
//! expressions (fancy-regex: look-around and back-references included).
//! The status is 0 when something was found, changed or printed, 1 when
//! not, and 2 for a usage error.

use fancy_regex::{Captures, Regex};

use common::cli::{Cmd, Mode, Opt, Opts, flag, value};
use common::io::Input;

const HELP: &str = "Usage: string SUBCOMMAND [OPTIONS] [STRING...]
Manipulate strings, as fish's string builtin.  With no STRING, read the
lines of standard input.

  string length [-q] [STRING...]
  string sub [-s START] [-e END | -l LENGTH] [-q] [STRING...]
  string split [-m MAX] [-n] [-r] [-f FIELDS] [-q] SEP [STRING...]
  string join [-n] [-q] SEP [STRING...]
  string trim [-l | -r] [-c CHARS] [-q] [STRING...]
  string upper [-q] [STRING...]
  string lower [-q] [STRING...]
  string replace [-a] [-f] [-i] [-r] [-q] PATTERN REPLACEMENT [STRING...]
  string match [-a] [-e] [-g] [-i] [-n] [-r] [-v] [-q] PATTERN [STRING...]
  string repeat [-n COUNT] [-m MAX] [-N] [-q] [STRING...]

  -q, --quiet      print nothing; only the status tells
START and END count from 1, or from the end when negative.  PATTERN is a
glob (* and ?) unless -r makes it a regular expression; a -r REPLACEMENT
may use $1, ${1}, ${name}, $$ and the escapes \\n \\t \\\\ \\$.

Exit status: 0 if something matched, changed or was printed, 1 if not,
2 for a usage error.
";

const SUBCOMMANDS: &[&str] = &[
    "join", "length", "lower", "match", "repeat", "replace", "split", "sub", "trim", "upper",
];

/// What a subcommand answers: a status, or a usage error.
type Res = Result<i32, String>;

struct Ctx {
    sub: String,
    out: String,
    quiet: bool,
}

impl Ctx {
    fn line(&mut self, s: &str) {
        if !self.quiet {
            self.out.push_str(s);
            self.out.push('\n');
        }
    }
}

fn spec_for(sub: &str) -> Vec<Opt> {
    let mut v = vec![flag("quiet", 'q')];
    match sub {
        "sub" => v.extend([value("start", 's'), value("end", 'e'), value("length", 'l')]),
        "split" => v.extend([
            value("max", 'm'),
            flag("no-empty", 'n'),
            flag("right", 'r'),
            value("fields", 'f'),
        ]),
        "join" => v.push(flag("no-empty", 'n')),
        "trim" => v.extend([flag("left", 'l'), flag("right", 'r'), value("chars", 'c')]),
        "replace" => v.extend([
            flag("all", 'a'),
            flag("filter", 'f'),
            flag("ignore-case", 'i'),
            flag("regex", 'r'),
        ]),
        "match" => v.extend([
            flag("all", 'a'),
            flag("entire", 'e'),
            flag("groups-only", 'g'),
            flag("ignore-case", 'i'),
            flag("index", 'n'),
            flag("regex", 'r'),
            flag("invert", 'v'),
        ]),
        "repeat" => v.extend([value("count", 'n'), value("max", 'm'), flag("no-newline", 'N')]),
        _ => {}
    }
    v
}

/// fish's wording for option errors.
fn option_error(msg: &str) -> String {
    if let Some(c) = msg
        .strip_prefix("invalid option -- '")
        .and_then(|r| r.strip_suffix('\''))
    {
        return format!("-{c}: unknown option");
    }
    if let Some(o) = msg
        .strip_prefix("unrecognized option '")
        .and_then(|r| r.strip_suffix('\''))
    {
        return format!("{o}: unknown option");
    }
    if let Some(c) = msg
        .strip_prefix("option requires an argument -- '")
        .and_then(|r| r.strip_suffix('\''))
    {
        return format!("-{c}: option requires an argument");
    }
    msg.to_string()
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let Some(sub) = cmd.args.first().cloned() else {
        cmd.error("missing subcommand").await;
        return cmd.finish(2).await;
    };
    if sub == "--help" || sub == "-h" {
        return cmd.help(HELP).await;
    }
    if sub == "--version" {
        return cmd.version().await;
    }
    if !SUBCOMMANDS.contains(&sub.as_str()) {
        cmd.error(format!("{sub}: invalid subcommand")).await;
        return cmd.finish(2).await;
    }
    let spec = spec_for(&sub);
    let opts = match Opts::parse(&cmd.args[1..], &spec, Mode::StopAtOperand) {
        Ok(o) => o,
        Err(m) => return sub_error(&mut cmd, &sub, &option_error(&m)).await,
    };
    if opts.has("help") {
        return cmd.help(HELP).await;
    }
    let mut ctx = Ctx {
        sub: sub.clone(),
        out: String::new(),
        quiet: opts.has("quiet"),
    };
    let r = run(&mut cmd, &mut ctx, &opts).await;
    cmd.out.write_str(&ctx.out).await;
    match r {
        Ok(status) => cmd.finish(status).await,
        Err(msg) => sub_error(&mut cmd, &ctx.sub, &msg).await,
    }
}

/// fish's form: `string SUBCOMMAND: message`, status 2.
async fn sub_error(cmd: &mut Cmd, sub: &str, msg: &str) -> i32 {
    cmd.out.flush_if_console().await;
    let text = format!("{} {sub}: {msg}\n", cmd.name);
    let _ = cmd.p.write(2, text.as_bytes()).await;
    cmd.finish(2).await
}

/// The strings: the remaining arguments, or the lines of stdin.
async fn strings(cmd: &mut Cmd, args: &[String]) -> Vec<String> {
    if !args.is_empty() {
        return args.to_vec();
    }
    if cmd.p.fd_name(0).is_ok_and(|n| n.contains("cons")) {
        return Vec::new();
    }
    let p = cmd.p.clone();
    let mut input = Input::from_fd(0);
    let mut out = Vec::new();
    let mut line = Vec::new();
    while let Ok(true) = input.read_line(&p, &mut line).await {
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        out.push(String::from_utf8_lossy(&line).into_owned());
    }
    out
}

async fn run(cmd: &mut Cmd, ctx: &mut Ctx, opts: &Opts) -> Res {
    let args = &opts.operands;
    let sub = ctx.sub.clone();
    match sub.as_str() {
        "length" => {
            let ss = strings(cmd, args).await;
            let mut any = false;
            for s in &ss {
                let n = s.chars().count();
                any |= n > 0;
                ctx.line(&n.to_string());
            }
            Ok(status(any))
        }
        "sub" => {
            let ss = strings(cmd, args).await;
            substring(ctx, opts, &ss)
        }
        "split" => {
            let (sep, rest) = args.split_first().ok_or("missing argument")?;
            let ss = strings(cmd, rest).await;
            split(ctx, opts, sep, &ss)
        }
        "join" => {
            let (sep, rest) = args.split_first().ok_or("missing argument")?;
            let ss = strings(cmd, rest).await;
            let parts: Vec<&String> = ss.iter().filter(|s| !opts.has("no-empty") || !s.is_empty()).collect();
            if !parts.is_empty() {
                let joined: Vec<&str> = parts.iter().map(|s| s.as_str()).collect();
                ctx.line(&joined.join(sep));
            }
            Ok(status(parts.len() > 1))
        }
        "trim" => {
            let ss = strings(cmd, args).await;
            let chars: Vec<char> = opts.value("chars").unwrap_or(" \t\n\r").chars().collect();
            let (left, right) = match (opts.has("left"), opts.has("right")) {
                (false, false) => (true, true),
                lr => lr,
            };
            let mut any = false;
            for s in &ss {
                let mut t = s.as_str();
                if left {
                    t = t.trim_start_matches(chars.as_slice());
                }
                if right {
                    t = t.trim_end_matches(chars.as_slice());
                }
                any |= t.len() != s.len();
                ctx.line(t);
            }
            Ok(status(any))
        }
        "upper" | "lower" => {
            let ss = strings(cmd, args).await;
            let mut any = false;
            for s in &ss {
                let t = if sub == "upper" {
                    s.to_uppercase()
                } else {
                    s.to_lowercase()
                };
                any |= &t != s;
                ctx.line(&t);
            }
            Ok(status(any))
        }
        "replace" => {
            if args.len() < 2 {
                return Err(format!("expected >= 2 arguments; got {}", args.len()));
            }
            let ss = strings(cmd, &args[2..]).await;
            replace(ctx, opts, &args[0], &args[1], &ss)
        }
        "match" => {
            let (pat, rest) = args.split_first().ok_or("missing argument")?;
            let ss = strings(cmd, rest).await;
            matches(ctx, opts, pat, &ss)
        }
        "repeat" => {
            if !opts.has("count") && !opts.has("max") {
                return Err("too many arguments".to_string());
            }
            let ss = strings(cmd, args).await;
            repeat(ctx, opts, &ss)
        }
        _ => Err("invalid subcommand".to_string()),
    }
}

fn status(ok: bool) -> i32 {
    if ok { 0 } else { 1 }
}

fn int_opt(opts: &Opts, name: &str, what: &str) -> Result<Option<i64>, String> {
    match opts.value(name) {
        None => Ok(None),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| format!("Invalid {what} value '{v}'")),
    }
}

fn substring(ctx: &mut Ctx, opts: &Opts, ss: &[String]) -> Res {
    let start = int_opt(opts, "start", "start")?;
    let end = int_opt(opts, "end", "end")?;
    let len = int_opt(opts, "length", "length")?;
    if start == Some(0) {
        return Err(format!("Invalid start value '{}'", opts.value("start").unwrap_or("")));
    }
    if end == Some(0) {
        return Err(format!("Invalid end value '{}'", opts.value("end").unwrap_or("")));
    }
    if len.is_some_and(|l| l < 0) {
        return Err(format!("Invalid length value '{}'", opts.value("length").unwrap_or("")));
    }
    if end.is_some() && len.is_some() {
        return Err("invalid option combination, --end and --length are mutually exclusive".to_string());
    }
    for s in ss {
        let cs: Vec<char> = s.chars().collect();
        let n = cs.len() as i64;
        let from = match start {
            None => 0,
            Some(st) if st > 0 => st - 1,
            Some(st) => (n + st).max(0),
        };
        let to = match (len, end) {
            (Some(l), _) => from.saturating_add(l),
            (None, Some(e)) if e > 0 => e,
            (None, Some(e)) => n + e,
            (None, None) => n,
        };
        let (from, to) = (from.clamp(0, n) as usize, to.clamp(0, n) as usize);
        let piece: String = if from < to {
            cs[from..to].iter().collect()
        } else {
            String::new()
        };
        ctx.line(&piece);
    }
    Ok(status(!ss.is_empty()))
}

/// Parse a -f list: `1,3`, `2-4`.
fn fields(list: &str) -> Result<Vec<usize>, String> {
    let mut v = Vec::new();
    for part in list.split(',') {
        let bad = || format!("Invalid fields value '{list}'");
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (usize, usize) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
                if a == 0 || b == 0 {
                    return Err(bad());
                }
                if a <= b {
                    v.extend(a..=b);
                } else {
                    v.extend((b..=a).rev());
                }
            }
            None => {
                let n: usize = part.parse().map_err(|_| bad())?;
                if n == 0 {
                    return Err(bad());
                }
                v.push(n);
            }
        }
    }
    Ok(v)
}

fn split(ctx: &mut Ctx, opts: &Opts, sep: &str, ss: &[String]) -> Res {
    let max = match int_opt(opts, "max", "max")? {
        Some(m) if m >= 0 => Some(m as usize),
        _ => None,
    };
    let field_list = opts.value("fields").map(fields).transpose()?;
    let right = opts.has("right");
    let mut split_any = false;
    for s in ss {
        let mut parts = split_one(s, sep, max, right);
        split_any |= parts.len() > 1;
        if opts.has("no-empty") {
            parts.retain(|p| !p.is_empty());
        }
        match &field_list {
            Some(f) => {
                if f.iter().all(|&i| i <= parts.len()) {
                    for &i in f {
                        ctx.line(&parts[i - 1]);
                    }
                } else {
                    split_any = false;
                }
            }
            None => {
                for p in &parts {
                    ctx.line(p);
                }
            }
        }
    }
    Ok(status(split_any))
}

fn split_one(s: &str, sep: &str, max: Option<usize>, right: bool) -> Vec<String> {
    let limit = max.unwrap_or(usize::MAX);
    if sep.is_empty() {
        let cs: Vec<String> = s.chars().map(String::from).collect();
        if cs.len() <= limit.saturating_add(1) {
            return cs;
        }
        // Only MAX splits: the rest stays one piece.
        return if right {
            let keep = cs.len() - limit;
            let mut v = vec![cs[..keep].concat()];
            v.extend(cs[keep..].iter().cloned());
            v
        } else {
            let mut v: Vec<String> = cs[..limit].to_vec();
            v.push(cs[limit..].concat());
            v
        };
    }
    if right {
        let mut v: Vec<String> = s.rsplitn(limit.saturating_add(1), sep).map(str::to_string).collect();
        v.reverse();
        v
    } else {
        s.splitn(limit.saturating_add(1), sep).map(str::to_string).collect()
    }
}

fn regex(pattern: &str, icase: bool) -> Result<Regex, String> {
    let p = if icase {
        format!("(?i){pattern}")
    } else {
        pattern.to_string()
    };
    Regex::new(&p).map_err(|e| format!("Regular expression compile error: {e}"))
}

/// A -r replacement: `$N`, `${N}`, `${name}`, `$$`, and backslash escapes.
fn expand(rep: &str, caps: &Captures<str>) -> Result<String, String> {
    let cs: Vec<char> = rep.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        match cs[i] {
            '\\' => {
                let c = *cs
                    .get(i + 1)
                    .ok_or("Regular expression substitute error: bad escape sequence in replacement string")?;
                out.push(match c {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'a' => '\x07',
                    'e' => '\x1b',
                    'f' => '\x0c',
                    '\\' | '$' => c,
                    _ if !c.is_ascii_alphanumeric() => c,
                    _ => {
                        return Err(
                            "Regular expression substitute error: bad escape sequence in replacement string".into(),
                        );
                    }
                });
                i += 2;
            }
            '$' => {
                let (name, next) = if cs.get(i + 1) == Some(&'{') {
                    let close = cs[i + 2..]
                        .iter()
                        .position(|&c| c == '}')
                        .ok_or("Regular expression substitute error: unknown substring")?;
                    (cs[i + 2..i + 2 + close].iter().collect::<String>(), i + 3 + close)
                } else if cs.get(i + 1) == Some(&'$') {
                    out.push('$');
                    i += 2;
                    continue;
                } else {
                    let digits: String = cs[i + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
                    if digits.is_empty() {
                        return Err("Regular expression substitute error: invalid replacement string".into());
                    }
                    let n = digits.len();
                    (digits, i + 1 + n)
                };
                let m = match name.parse::<usize>() {
                    Ok(n) => caps.get(n),
                    Err(_) => caps.name(&name),
                };
                if let Some(m) = m {
                    out.push_str(m.as_str());
                }
                i = next;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

fn replace(ctx: &mut Ctx, opts: &Opts, pat: &str, rep: &str, ss: &[String]) -> Res {
    let all = opts.has("all");
    let icase = opts.has("ignore-case");
    let mut any = false;
    let re = if opts.has("regex") {
        Some(regex(pat, icase)?)
    } else {
        None
    };
    for s in ss {
        let (t, n) = match &re {
            Some(re) => regex_replace(re, s, rep, all)?,
            None => literal_replace(s, pat, rep, all, icase),
        };
        any |= n > 0;
        if n > 0 || !opts.has("filter") {
            ctx.line(&t);
        }
    }
    Ok(status(any))
}

fn literal_replace(s: &str, pat: &str, rep: &str, all: bool, icase: bool) -> (String, usize) {
    if pat.is_empty() {
        return (s.to_string(), 0);
    }
    let (hay, needle) = if icase {
        (s.to_lowercase(), pat.to_lowercase())
    } else {
        (s.to_string(), pat.to_string())
    };
    // Lowercasing can change lengths outside ASCII: then match exactly.
    let (hay, needle) = if hay.len() == s.len() && needle.len() == pat.len() {
        (hay, needle)
    } else {
        (s.to_string(), pat.to_string())
    };
    let mut out = String::new();
    let mut n = 0;
    let mut i = 0;
    while let Some(k) = hay[i..].find(&needle) {
        out.push_str(&s[i..i + k]);
        out.push_str(rep);
        i += k + needle.len();
        n += 1;
        if !all {
            break;
        }
    }
    out.push_str(&s[i..]);
    (out, n)
}

fn regex_replace(re: &Regex, s: &str, rep: &str, all: bool) -> Result<(String, usize), String> {
    let mut out = String::new();
    let mut n = 0;
    let mut last = 0;
    let mut at = 0;
    while at <= s.len() {
        let Ok(Some(caps)) = re.captures_from_pos(s, at) else {
            break;
        };
        let Some(m) = caps.get(0) else { break };
        out.push_str(&s[last..m.start()]);
        out.push_str(&expand(rep, &caps)?);
        last = m.end();
        n += 1;
        if !all {
            break;
        }
        at = if m.end() == m.start() {
            // Step over one character after an empty match.
            match s[m.end()..].chars().next() {
                Some(c) => {
                    out.push(c);
                    last = m.end() + c.len_utf8();
                    m.end() + c.len_utf8()
                }
                None => break,
            }
        } else {
            m.end()
        };
    }
    out.push_str(&s[last.min(s.len())..]);
    Ok((out, n))
}

/// A fish glob: `*`, `?`, and backslash escapes; matches the whole string.
fn glob_match(p: &[char], s: &[char], icase: bool) -> bool {
    let eq = |a: char, b: char| {
        if icase {
            a.to_lowercase().eq(b.to_lowercase())
        } else {
            a == b
        }
    };
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, si));
                pi += 1;
                continue;
            }
            Some('?') => {
                pi += 1;
                si += 1;
                continue;
            }
            Some('\\') if pi + 1 < p.len() && eq(p[pi + 1], s[si]) => {
                pi += 2;
                si += 1;
                continue;
            }
            Some(&c) if c != '\\' && eq(c, s[si]) => {
                pi += 1;
                si += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((sp, ss)) => {
                pi = sp + 1;
                si = ss + 1;
                star = Some((sp, ss + 1));
            }
            None => return false,
        }
    }
    while p.get(pi) == Some(&'*') {
        pi += 1;
    }
    pi == p.len()
}

fn matches(ctx: &mut Ctx, opts: &Opts, pat: &str, ss: &[String]) -> Res {
    let (invert, index, entire) = (opts.has("invert"), opts.has("index"), opts.has("entire"));
    let icase = opts.has("ignore-case");
    let mut any = false;
    if !opts.has("regex") {
        let mut p: Vec<char> = pat.chars().collect();
        if entire {
            p.insert(0, '*');
            p.push('*');
        }
        for s in ss {
            let cs: Vec<char> = s.chars().collect();
            let hit = glob_match(&p, &cs, icase);
            if hit != invert {
                any = true;
                if index && !invert {
                    ctx.line(&format!("1 {}", cs.len()));
                } else {
                    ctx.line(s);
                }
            }
        }
        return Ok(status(any));
    }
    let re = regex(pat, icase)?;
    for s in ss {
        let mut found = false;
        let mut at = 0;
        while at <= s.len() {
            let Ok(Some(caps)) = re.captures_from_pos(s.as_str(), at) else {
                break;
            };
            let Some(m) = caps.get(0) else { break };
            found = true;
            if !invert {
                print_match(ctx, opts, s, &caps);
                if entire {
                    break;
                }
            }
            if !opts.has("all") || invert {
                break;
            }
            at = if m.end() == m.start() {
                match s[m.end()..].chars().next() {
                    Some(c) => m.end() + c.len_utf8(),
                    None => break,
                }
            } else {
                m.end()
            };
        }
        if found != invert {
            any = true;
            if invert {
                ctx.line(s);
            }
        }
    }
    Ok(status(any))
}

fn print_match(ctx: &mut Ctx, opts: &Opts, s: &str, caps: &Captures<str>) {
    if opts.has("entire") {
        ctx.line(s);
        return;
    }
    let show = |m: fancy_regex::Match| {
        if opts.has("index") {
            let start = s[..m.start()].chars().count() + 1;
            format!("{start} {}", m.as_str().chars().count())
        } else {
            m.as_str().to_string()
        }
    };
    let first = if opts.has("groups-only") { 1 } else { 0 };
    for g in first..caps.len() {
        if let Some(m) = caps.get(g) {
            let text = show(m);
            ctx.line(&text);
        }
    }
}

fn repeat(ctx: &mut Ctx, opts: &Opts, ss: &[String]) -> Res {
    let count = int_opt(opts, "count", "count")?;
    let max = int_opt(opts, "max", "max")?;
    if count.is_some_and(|c| c < 0) {
        return Err(format!("Invalid count value '{}'", opts.value("count").unwrap_or("")));
    }
    if max.is_some_and(|m| m < 0) {
        return Err(format!("Invalid max value '{}'", opts.value("max").unwrap_or("")));
    }
    let mut any = false;
    for s in ss {
        let n = s.chars().count();
        let want = match (count, max) {
            (Some(c), Some(m)) if m > 0 => (n as i64 * c).min(m) as usize,
            (Some(c), _) => n * c as usize,
            (None, Some(m)) => m as usize,
            (None, None) => 0,
        };
        let text: String = if n == 0 {
            String::new()
        } else {
            s.chars().cycle().take(want).collect()
        };
        any |= !text.is_empty();
        if ctx.quiet {
            continue;
        }
        if opts.has("no-newline") {
            ctx.out.push_str(&text);
        } else if !text.is_empty() {
            ctx.line(&text);
        }
    }
    Ok(status(any))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(p: &str, s: &str) -> bool {
        let p: Vec<char> = p.chars().collect();
        let s: Vec<char> = s.chars().collect();
        glob_match(&p, &s, false)
    }

    #[test]
    fn globs_as_fish() {
        assert!(g("a*", "abc") && !g("a*", "bcd"));
        assert!(g("a?c", "abc") && !g("a?c", "ac"));
        assert!(g("a[b]c", "a[b]c") && !g("a[b]c", "abc"), "brackets are literal");
        assert!(g("a\\*", "a*") && !g("a\\*", "ab"));
        assert!(g("*", "") && !g("a*", ""));
    }

    #[test]
    fn splits_as_fish() {
        assert_eq!(split_one("a,b,,c", ",", None, false), ["a", "b", "", "c"]);
        assert_eq!(split_one("a,b,c", ",", Some(1), false), ["a", "b,c"]);
        assert_eq!(split_one("a,b,c", ",", Some(1), true), ["a,b", "c"]);
        assert_eq!(split_one("abc", "", Some(1), true), ["ab", "c"]);
        assert_eq!(fields("2-3,1").unwrap(), [2, 3, 1]);
    }

    #[test]
    fn replacements() {
        let re = Regex::new("a(n)").unwrap();
        assert_eq!(
            regex_replace(&re, "banana", "<$1>", true).unwrap(),
            ("b<n><n>a".into(), 2)
        );
        let re = Regex::new("b").unwrap();
        assert_eq!(regex_replace(&re, "abc", "\\t|\\$|$$", false).unwrap().0, "a\t|$|$c");
        assert_eq!(literal_replace("banana", "a", "X", false, false), ("bXnana".into(), 1));
        assert_eq!(literal_replace("xa", "a", "$0", true, false), ("x$0".into(), 1));
        assert_eq!(literal_replace("ABC", "a", "x", false, true), ("xBC".into(), 1));
    }
}
