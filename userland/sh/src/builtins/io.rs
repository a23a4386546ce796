//! `echo`, `printf`, `read`, `mapfile`/`readarray`.

use std::time::Duration;

use kernel::{Errno, SeekFrom};

use crate::exec::AssignVal;
use crate::{Res, Shell};
use common::printf as pf;

pub async fn echo(sh: &mut Shell, argv: Vec<String>) -> Res {
    let (text, _) = common::escape::echo_text_with(&argv[1..], sh.shopts.xpg_echo);
    Ok(if sh.builtin_out("echo", &text).await { 0 } else { 1 })
}

pub async fn printf(sh: &mut Shell, argv: Vec<String>) -> Res {
    let mut args = &argv[1..];
    let mut target = None;
    if args.first().map(String::as_str) == Some("-v") {
        match args.get(1) {
            Some(v) => target = Some(v.clone()),
            None => {
                sh.error("printf: -v: option requires an argument").await;
                sh.write_fd(2, "printf: usage: printf [-v var] format [arguments]\n")
                    .await;
                return Ok(2);
            }
        }
        args = &args[2..];
    } else if let Some(v) = args
        .first()
        .and_then(|a| a.strip_prefix("-v"))
        .filter(|v| !v.is_empty())
    {
        // `printf -vNAME`, as getopt reads it.
        target = Some(v.to_string());
        args = &args[1..];
    }
    if args.first().map(String::as_str) == Some("--") {
        args = &args[1..];
    }
    let Some(fmt) = args.first() else {
        sh.write_fd(2, "printf: usage: printf [-v var] format [arguments]\n")
            .await;
        return Ok(2);
    };
    let now = (sh.proc.now_ms() / 1000) as i64;
    let clock = pf::Clock {
        now,
        start: now - sh.params.started.elapsed().as_secs() as i64,
        // As in bash, TZ counts once exported (it is the C library's).
        zone: common::time::Zone::from_tz(
            sh.vars
                .get("TZ")
                .filter(|v| v.attrs.export)
                .and_then(|v| v.value.as_ref()?.scalar()),
        ),
    };
    let out = pf::format_with(fmt, &args[1..], common::limits::Budget::of(&sh.proc), Some(&clock));
    let mut status = 0;
    for e in &out.errors {
        sh.error(&format!("printf: {e}")).await;
        status = 1;
    }
    match target {
        Some(var) => {
            if !is_ref(&var) {
                sh.error(&format!("printf: `{var}': not a valid identifier")).await;
                return Ok(2);
            }
            if let Err(m) = assign_ref(sh, &var, out.text).await? {
                sh.error(&m).await;
                return Ok(1);
            }
        }
        None => {
            if !sh.builtin_out("printf", &out.text).await {
                return Ok(1);
            }
        }
    }
    Ok(status)
}

/// Options as (letter, argument) pairs, and the operands.
type Parsed = (Vec<(char, String)>, Vec<String>);

/// Options of `read` and `mapfile`: letters that take an argument are
/// listed in `with_arg`; an error is bash's message.
fn parse_opts(argv: &[String], flags: &str, with_arg: &str) -> Result<Parsed, String> {
    let g = super::getopt(argv, flags, with_arg, false).map_err(|e| e.message())?;
    Ok((
        g.opts.into_iter().map(|(c, a)| (c, a.unwrap_or_default())).collect(),
        g.rest,
    ))
}

/// One record read from an fd.
struct Record {
    /// The bytes, each marked escaped (by a backslash, without `-r`).
    chars: Vec<(u8, bool)>,
    /// The input ended before the delimiter.
    eof: bool,
}

impl Shell {
    /// Read up to a delimiter (or `max` bytes), without reading past it:
    /// seekable files are read in blocks and the offset put back, streams
    /// a byte at a time.
    async fn read_record(
        &mut self,
        fd: u32,
        delim: Option<u8>,
        max: Option<usize>,
        raw: bool,
    ) -> Result<Record, kernel::Error> {
        let file = self.proc.file(fd)?;
        let seekable = !file.is_stream();
        let mut chars = Vec::new();
        let mut pending_backslash = false;
        let mut buf: Vec<u8> = Vec::new();
        let mut pos = 0;
        loop {
            if max.is_some_and(|m| chars.len() >= m) {
                break;
            }
            if pos == buf.len() {
                let want = if seekable { 4096 } else { 1 };
                buf = self.proc.read(fd, want).await?;
                pos = 0;
                if buf.is_empty() {
                    return Ok(Record { chars, eof: true });
                }
            }
            let b = buf[pos];
            pos += 1;
            if pending_backslash {
                pending_backslash = false;
                if b == b'\n' {
                    continue; // line continuation
                }
                chars.push((b, true));
                continue;
            }
            if !raw && b == b'\\' {
                pending_backslash = true;
                continue;
            }
            if Some(b) == delim {
                break;
            }
            chars.push((b, false));
        }
        if seekable && pos < buf.len() {
            let back = (buf.len() - pos) as i64;
            let _ = self.proc.seek(fd, SeekFrom::Current(-back)).await;
        }
        Ok(Record { chars, eof: false })
    }
}

/// Split read's input on IFS: answers the fields; with `rest_into`, the
/// field at that index takes the rest of the line.
fn split_read(chars: &[(char, bool)], ifs: &str, rest_into: Option<usize>) -> Vec<String> {
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n') && ifs.contains(c);
    let is_sep = |c: char, escaped: bool| !escaped && ifs.contains(c);
    let mut fields = Vec::new();
    let mut i = 0;
    let n = chars.len();
    // Leading IFS whitespace is skipped.
    while i < n && !chars[i].1 && is_ws(chars[i].0) {
        i += 1;
    }
    while i < n {
        if rest_into == Some(fields.len()) {
            // The rest of the line, without trailing IFS whitespace.
            let mut end = n;
            while end > i && !chars[end - 1].1 && is_ws(chars[end - 1].0) {
                end -= 1;
            }
            // bash drops one trailing non-whitespace separator if it ends
            // the line and nothing follows it.
            let text: String = chars[i..end].iter().map(|c| c.0).collect();
            fields.push(text);
            return fields;
        }
        let mut field = String::new();
        while i < n && !is_sep(chars[i].0, chars[i].1) {
            field.push(chars[i].0);
            i += 1;
        }
        fields.push(field);
        // Skip one separator with the whitespace around it.
        while i < n && !chars[i].1 && is_ws(chars[i].0) {
            i += 1;
        }
        if i < n && is_sep(chars[i].0, chars[i].1) && !is_ws(chars[i].0) {
            i += 1;
            while i < n && !chars[i].1 && is_ws(chars[i].0) {
                i += 1;
            }
        }
    }
    fields
}

pub async fn read(sh: &mut Shell, argv: Vec<String>) -> Res {
    let (opts, names) = match parse_opts(&argv, "ers", "adinNptu") {
        Ok(x) => x,
        Err(m) => {
            sh.error(&format!("read: {m}")).await;
            sh.write_fd(
                2,
                "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n",
            )
            .await;
            return Ok(2);
        }
    };
    let mut raw = false;
    let mut array = None;
    let mut delim = Some(b'\n');
    let mut max = None;
    let mut exact = false;
    let mut prompt = None;
    let mut timeout = None;
    let mut fd = 0u32;
    for (c, arg) in opts {
        match c {
            'r' => raw = true,
            'a' => array = Some(arg),
            'd' => delim = Some(arg.bytes().next().unwrap_or(0)),
            'n' | 'N' => match arg.parse::<usize>() {
                Ok(n) => {
                    max = Some(n);
                    exact = c == 'N';
                }
                Err(_) => {
                    sh.error(&format!("read: {arg}: invalid number")).await;
                    return Ok(1);
                }
            },
            'p' => prompt = Some(arg),
            // bash takes a decimal number of seconds, nothing else (no
            // exponent, inf or nan).
            't' => match decimal_seconds(&arg) {
                Some(t) => timeout = Some(t),
                None => {
                    sh.error(&format!("read: {arg}: invalid timeout specification")).await;
                    return Ok(1);
                }
            },
            'u' => match arg.parse::<u32>() {
                Ok(n) if sh.proc.file(n).is_ok() => fd = n,
                _ => {
                    sh.error(&format!("read: {arg}: invalid file descriptor specification"))
                        .await;
                    return Ok(1);
                }
            },
            _ => {}
        }
    }
    let bad = names
        .iter()
        .find(|n| !is_ref(n))
        .or_else(|| array.iter().find(|n| !crate::parse::is_name(n)));
    if let Some(n) = bad {
        sh.error(&format!("read: `{n}': not a valid identifier")).await;
        return Ok(1);
    }
    if exact {
        delim = None;
    }
    let interactive_input = sh.proc.fd_name(fd).is_ok_and(|n| n.contains("cons"));
    if let Some(p) = prompt
        && interactive_input
    {
        sh.write_fd(2, &p).await;
    }
    if timeout == Some(0.0) {
        // Is input available now? Only files and pipes can tell.
        let ready = match (sh.proc.file(fd), sh.proc.fstat(fd).await) {
            (Ok(f), Ok(st)) => {
                if f.is_stream() {
                    st.size > 0
                } else {
                    st.size > f.offset()
                }
            }
            _ => false,
        };
        return Ok(if ready { 0 } else { 1 });
    }
    let rec = match timeout {
        Some(t) => {
            let fut = sh.read_record(fd, delim, max, raw || exact);
            // A timeout too long for a Duration never comes.
            match Duration::try_from_secs_f64(t) {
                Ok(d) => match tokio::time::timeout(d, fut).await {
                    Ok(r) => r,
                    Err(_) => return Ok(142),
                },
                Err(_) => fut.await,
            }
        }
        None => sh.read_record(fd, delim, max, raw || exact).await,
    };
    let rec = match rec {
        Ok(r) => r,
        Err(e) if e.is(Errno::EINTR) => {
            sh.note_interrupted();
            return Ok(130);
        }
        Err(e) => {
            sh.error(&format!("read: read error: {fd}: {}", e.strerror())).await;
            return Ok(1);
        }
    };
    let chars: Vec<(char, bool)> = rec.chars.iter().map(|&(b, e)| (char::from(b), e)).collect();
    let status = i32::from(rec.eof);
    if rec.eof && chars.is_empty() && array.is_none() && names.len() <= 1 {
        // Nothing read: the variables are still emptied.
        let name = names.first().cloned().unwrap_or_else(|| "REPLY".to_string());
        if !assign(sh, &name, String::new()).await {
            return Ok(1);
        }
        return Ok(1);
    }
    let ifs = sh.ifs();
    if let Some(a) = array {
        let fields = if exact {
            vec![text_of(&chars)]
        } else {
            split_read(&chars, &ifs, None)
        };
        let items = fields.into_iter().map(|f| (None, f)).collect();
        if let Err(m) = sh.assign(&a, None, false, AssignVal::Array(items)).await {
            sh.error(&format!("read: {m}")).await;
            return Ok(1);
        }
        return Ok(status);
    }
    if names.is_empty() {
        if !assign(sh, "REPLY", text_of(&chars)).await {
            return Ok(1);
        }
        return Ok(status);
    }
    if exact {
        if !assign(sh, &names[0], text_of(&chars)).await {
            return Ok(1);
        }
        for n in &names[1..] {
            if !assign(sh, n, String::new()).await {
                return Ok(1);
            }
        }
        return Ok(status);
    }
    let fields = split_read(&chars, &ifs, Some(names.len() - 1));
    for (i, n) in names.iter().enumerate() {
        let v = fields.get(i).cloned().unwrap_or_default();
        let v = if i + 1 == names.len() { trim_last(&v, &ifs) } else { v };
        if !assign(sh, n, v).await {
            return Ok(1);
        }
    }
    Ok(status)
}

/// The last variable loses one trailing non-whitespace IFS character that
/// ends the line (`IFS=: read a b <<< "x:y:"` gives `b=y`).
fn trim_last(v: &str, ifs: &str) -> String {
    match v.chars().last() {
        Some(c) if ifs.contains(c) && !matches!(c, ' ' | '\t' | '\n') => {
            let t = &v[..v.len() - c.len_utf8()];
            if t.chars().any(|x| ifs.contains(x) && !matches!(x, ' ' | '\t' | '\n')) {
                v.to_string()
            } else {
                t.to_string()
            }
        }
        _ => v.to_string(),
    }
}

fn text_of(chars: &[(char, bool)]) -> String {
    chars.iter().map(|c| c.0).collect()
}

/// Store one field; a variable that cannot take it (readonly, a circular
/// nameref) is reported and fails `read` with status 1, as in bash, and
/// the script goes on.
async fn assign(sh: &mut Shell, name: &str, value: String) -> bool {
    match assign_ref(sh, name, value).await {
        Ok(Ok(())) => true,
        Ok(Err(m)) => {
            sh.error(&m).await;
            false
        }
        Err(_) => false,
    }
}

/// A variable or an element (`name` or `name[sub]`), as `read` and
/// `printf -v` take them.
fn is_ref(var: &str) -> bool {
    match var.split_once('[') {
        Some((n, rest)) => crate::parse::is_name(n) && rest.ends_with(']'),
        None => crate::parse::is_name(var),
    }
}

/// Store `value` in the variable or element `var` (checked by `is_ref`):
/// the outer error is a subscript that failed to evaluate (reported
/// already), the inner one an assignment refused.
async fn assign_ref(sh: &mut Shell, var: &str, value: String) -> Result<Result<(), String>, crate::Flow> {
    let (name, index) = match var.split_once('[') {
        Some((n, rest)) => (n, rest.strip_suffix(']')),
        None => (var, None),
    };
    let index = match index {
        Some(i) => Some(sh.subscript(name, &crate::ast::Word::literal(i)).await?),
        None => None,
    };
    Ok(sh.assign(name, index.as_deref(), false, AssignVal::Scalar(value)).await)
}

pub async fn mapfile(sh: &mut Shell, argv: Vec<String>) -> Res {
    let name = argv[0].clone();
    let (opts, names) = match parse_opts(&argv, "t", "dnOsuCc") {
        Ok(x) => x,
        Err(m) => {
            sh.error(&format!("{name}: {m}")).await;
            sh.write_fd(2, &format!("{name}: usage: {name} [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]\n")).await;
            return Ok(2);
        }
    };
    let mut delim = b'\n';
    let mut count = 0usize;
    let mut origin: Option<i64> = None;
    let mut skip = 0usize;
    let mut strip = false;
    let mut fd = 0u32;
    for (c, arg) in opts {
        let num = || arg.parse::<i64>().ok();
        match c {
            't' => strip = true,
            'd' => delim = arg.bytes().next().unwrap_or(0),
            'n' => count = num().unwrap_or(0).max(0) as usize,
            'O' => origin = num(),
            's' => skip = num().unwrap_or(0).max(0) as usize,
            'u' => fd = num().unwrap_or(0) as u32,
            _ => {}
        }
    }
    let array = names.first().cloned().unwrap_or_else(|| "MAPFILE".to_string());
    let mut lines = Vec::new();
    let mut seen = 0usize;
    loop {
        if count > 0 && lines.len() >= count {
            break;
        }
        let rec = match sh.read_record(fd, Some(delim), None, true).await {
            Ok(r) => r,
            Err(e) => {
                sh.error(&format!("{name}: {}", e.strerror())).await;
                return Ok(1);
            }
        };
        if rec.eof && rec.chars.is_empty() {
            break;
        }
        seen += 1;
        if seen <= skip {
            continue;
        }
        let mut text: String = rec.chars.iter().map(|&(b, _)| char::from(b)).collect();
        if !strip && !rec.eof {
            text.push(char::from(delim));
        }
        lines.push(text);
        if rec.eof {
            break;
        }
    }
    let start = origin.unwrap_or(0);
    let items: Vec<(Option<String>, String)> = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| (Some((start + i as i64).to_string()), l))
        .collect();
    if origin.is_none() {
        sh.unset_var(&array);
    }
    match sh.assign(&array, None, origin.is_some(), AssignVal::Array(items)).await {
        Ok(()) => Ok(0),
        Err(m) => {
            sh.error(&format!("{name}: {m}")).await;
            Ok(1)
        }
    }
}

/// `read -t`'s argument: digits with at most one `.`, as seconds.
fn decimal_seconds(arg: &str) -> Option<f64> {
    let (int, frac) = arg.split_once('.').unwrap_or((arg, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    arg.parse().ok()
}
