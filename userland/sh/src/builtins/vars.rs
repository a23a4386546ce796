//! Variables: `declare`/`typeset`/`local`/`export`/`readonly`, `unset`,
//! `set`, `shift`, `shopt`, `let`.

use std::sync::Arc;

use crate::exec::{AssignVal, DeclArg};
use crate::options::{Opts, Refused, SET_OPTIONS, SHOPTS};
use crate::vars::{Kind, Value, Var};
use crate::{Res, Shell};
use common::printf::shell_quote;

/// Reached only when a declaration builtin is called without assignment
/// words (`command declare`, `builtin export`): treat each word plainly.
pub async fn declare_plain(sh: &mut Shell, argv: Vec<String>) -> Res {
    let name = argv[0].clone();
    let args = argv.into_iter().skip(1).map(DeclArg::Word).collect();
    declaration(sh, &name, args_with_name(&name, args)).await
}

fn args_with_name(name: &str, mut args: Vec<DeclArg>) -> Vec<DeclArg> {
    args.insert(0, DeclArg::Word(name.to_string()));
    args
}

/// What a declaration sets.
#[derive(Default)]
struct Flags {
    array: bool,
    assoc: bool,
    integer: Option<bool>,
    export: Option<bool>,
    readonly: bool,
    lower: Option<bool>,
    upper: Option<bool>,
    nameref: Option<bool>,
    print: bool,
    functions: bool,
    function_names: bool,
    global: bool,
}

pub async fn declaration(sh: &mut Shell, name: &str, args: Vec<DeclArg>) -> Res {
    let mut flags = Flags::default();
    let mut operands = Vec::new();
    let mut options_done = false;
    for a in args.into_iter().skip(1) {
        match a {
            DeclArg::Word(w) if !options_done && (w.starts_with('-') || w.starts_with('+')) && w.len() > 1 => {
                if w == "--" {
                    options_done = true;
                    continue;
                }
                let on = w.starts_with('-');
                for c in w[1..].chars() {
                    match (c, name) {
                        ('a', _) => flags.array = true,
                        ('A', _) => flags.assoc = true,
                        ('i', _) => flags.integer = Some(on),
                        ('x', _) => flags.export = Some(on),
                        ('r', _) => flags.readonly = true,
                        ('l', _) => flags.lower = Some(on),
                        ('u', _) => flags.upper = Some(on),
                        ('p', _) => flags.print = true,
                        ('f', _) => flags.functions = true,
                        ('F', _) => flags.function_names = true,
                        ('g', _) => flags.global = true,
                        ('n', "export") => flags.export = Some(false),
                        ('n', _) => flags.nameref = Some(on),
                        _ => {
                            sh.error(&format!("{name}: -{c}: invalid option")).await;
                            let usage = match name {
                                "export" => "export [-fn] [name[=value] ...] or export -p",
                                "readonly" => "readonly [-aAf] [name[=value] ...] or readonly -p",
                                "local" => "local [option] name[=value] ...",
                                _ => {
                                    "declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]"
                                }
                            };
                            sh.write_fd(2, &format!("{name}: usage: {usage}\n")).await;
                            return Ok(2);
                        }
                    }
                }
            }
            other => {
                // As in bash, options end at the first name.
                options_done = true;
                operands.push(other);
            }
        }
    }
    match name {
        "export" if flags.export.is_none() => flags.export = Some(true),
        "readonly" => flags.readonly = true,
        _ => {}
    }
    if name == "local" && !sh.vars.in_function() {
        sh.error("local: can only be used in a function").await;
        return Ok(1);
    }
    if name == "export" && flags.functions && !flags.print && !operands.is_empty() {
        return export_functions(sh, &operands, flags.export != Some(false)).await;
    }
    if flags.functions || flags.function_names {
        return print_functions(sh, &operands, flags.function_names).await;
    }
    let listing = operands.is_empty() && (flags.print || name != "local");
    if listing {
        return list(sh, name, &flags).await;
    }
    let mut status = 0;
    for op in operands {
        let shown = match &op {
            DeclArg::Word(w) => w.clone(),
            DeclArg::Assign { name, .. } => name.clone(),
        };
        let (var, index, append, value) = match op {
            DeclArg::Word(w) => match w.split_once('=') {
                // `declare a=b` reached through `command`/`builtin`.
                Some((n, v)) => (n.to_string(), None, false, Some(AssignVal::Scalar(v.to_string()))),
                None => (w, None, false, None),
            },
            DeclArg::Assign {
                name,
                index,
                append,
                value,
            } => (name, index, append, Some(value)),
        };
        if !crate::parse::is_name(&var) {
            sh.error(&format!("{name}: `{shown}': not a valid identifier")).await;
            status = 1;
            continue;
        }
        if flags.print {
            if !print_var(sh, &var).await {
                sh.error(&format!("{name}: {var}: not found")).await;
                status = 1;
            }
            continue;
        }
        if let Err(msg) = declare_one(sh, name, &var, index, append, value, &flags).await {
            sh.error(&msg).await;
            status = 1;
        }
    }
    Ok(status)
}

async fn declare_one(
    sh: &mut Shell,
    builtin: &str,
    name: &str,
    index: Option<String>,
    append: bool,
    value: Option<AssignVal>,
    flags: &Flags,
) -> Result<(), String> {
    let local =
        (builtin == "local" || (sh.vars.in_function() && matches!(builtin, "declare" | "typeset"))) && !flags.global;
    let existing_readonly = sh.vars.get(name).is_some_and(|v| v.attrs.readonly);
    if existing_readonly && (value.is_some() || flags.readonly && value.is_some()) {
        return Err(format!("{builtin}: {name}: readonly variable"));
    }
    if local && !sh.vars.is_local_here(name) {
        // A new local starts unset (or with the value given), exported if
        // the variable it hides was: bash passes on that attribute alone.
        let exported = sh.vars.get(name).is_some_and(|v| v.attrs.export);
        sh.vars.local(name).attrs.export = exported;
    }
    {
        let v: &mut Var = if local {
            sh.vars.local(name)
        } else {
            sh.vars.entry(name)
        };
        if flags.assoc {
            if matches!(v.value, Some(Value::Indexed(_))) || (v.value.is_none() && v.kind == Kind::Indexed) {
                return Err(format!(
                    "{builtin}: {name}: cannot convert indexed to associative array"
                ));
            }
            if let Some(Value::Str(s)) = &v.value {
                v.value = Some(Value::Assoc([("0".to_string(), s.clone())].into_iter().collect()));
            }
            v.kind = Kind::Assoc;
        } else if flags.array {
            if matches!(v.value, Some(Value::Assoc(_))) || (v.value.is_none() && v.kind == Kind::Assoc) {
                return Err(format!(
                    "{builtin}: {name}: cannot convert associative to indexed array"
                ));
            }
            if let Some(Value::Str(s)) = &v.value {
                v.value = Some(Value::Indexed([(0, s.clone())].into()));
            }
            v.kind = Kind::Indexed;
        }
        if let Some(on) = flags.integer {
            v.attrs.integer = on;
        }
        if flags.lower == Some(true) && flags.upper == Some(true) {
            // As in bash, asking for both case conversions gives neither.
            v.attrs.lower = false;
            v.attrs.upper = false;
        } else {
            if let Some(on) = flags.lower {
                v.attrs.lower = on;
                if on {
                    v.attrs.upper = false;
                }
            }
            if let Some(on) = flags.upper {
                v.attrs.upper = on;
                if on {
                    v.attrs.lower = false;
                }
            }
        }
        if let Some(on) = flags.export {
            v.attrs.export = on;
        }
    }
    if let Some(on) = flags.nameref {
        declare_nameref(sh, builtin, name, local, on, value)?;
        if flags.readonly {
            let v = if local {
                sh.vars.local(name)
            } else {
                sh.vars.entry(name)
            };
            v.attrs.readonly = true;
        }
        return Ok(());
    }
    if let Some(value) = value {
        // Assign through the scope just chosen: a fresh local is visible
        // first, so `assign` finds it.
        let index = match index {
            Some(i) => Some(sh_subscript(sh, name, &i).await?),
            // `declare -a x=v` sets element 0, as bash does.
            None if (flags.array || flags.assoc) && matches!(value, AssignVal::Scalar(_)) => Some("0".to_string()),
            None => None,
        };
        sh.assign(name, index.as_deref(), append, value)
            .await
            .map_err(|m| format!("{builtin}: {m}"))?;
    }
    if flags.readonly {
        if local {
            sh.vars.local(name).attrs.readonly = true;
        } else {
            sh.vars.entry(name).attrs.readonly = true;
        }
    }
    Ok(())
}

/// `declare -n ref[=name]`, `declare +n ref`: the reference itself,
/// never what it points to.
fn declare_nameref(
    sh: &mut Shell,
    builtin: &str,
    name: &str,
    local: bool,
    on: bool,
    value: Option<AssignVal>,
) -> Result<(), String> {
    let target = match value {
        Some(AssignVal::Scalar(t)) => Some(t),
        Some(AssignVal::Array(_)) => return Err(format!("{builtin}: {name}: reference variable cannot be an array")),
        None => None,
    };
    if on && let Some(t) = &target {
        let base = t.split_once('[').map_or(t.as_str(), |(b, _)| b);
        if !crate::parse::is_name(base) {
            return Err(format!("{builtin}: `{t}': invalid variable name for name reference"));
        }
        if t == name {
            return Err(format!(
                "{builtin}: {name}: nameref variable self references not allowed"
            ));
        }
    }
    let v: &mut Var = if local {
        sh.vars.local(name)
    } else {
        sh.vars.entry(name)
    };
    if matches!(v.value, Some(Value::Indexed(_) | Value::Assoc(_))) && on {
        return Err(format!("{builtin}: {name}: reference variable cannot be an array"));
    }
    v.attrs.nameref = on;
    if let Some(t) = target {
        v.value = Some(Value::Str(t));
    }
    Ok(())
}

async fn sh_subscript(sh: &mut Shell, name: &str, text: &str) -> Result<String, String> {
    let assoc = sh.vars.get(name).is_some_and(|v| v.kind == Kind::Assoc);
    if assoc {
        return Ok(text.to_string());
    }
    sh.arith(text).map(|v| v.to_string())
}

/// `declare -p`'s line for a variable.
pub fn describe(name: &str, v: &Var) -> String {
    let f = attr_letters(v);
    let flags = if f.is_empty() {
        "--".to_string()
    } else {
        format!("-{f}")
    };
    match &v.value {
        None => format!("declare {flags} {name}"),
        Some(Value::Str(s)) => format!("declare {flags} {name}={}", dq(s)),
        Some(Value::Indexed(m)) => {
            let items: Vec<String> = m.iter().map(|(k, v)| format!("[{k}]={}", dq(v))).collect();
            format!("declare {flags} {name}=({})", items.join(" "))
        }
        Some(Value::Assoc(m)) => {
            let items: String = m
                .iter()
                .map(|(k, v)| format!("[{}]={} ", assoc_key(k), dq(v)))
                .collect();
            format!("declare {flags} {name}=({items})")
        }
    }
}

/// A variable's attributes as `declare` letters (`${x@a}`).
pub fn attr_letters(v: &Var) -> String {
    let mut f = String::new();
    match (&v.value, v.kind) {
        (Some(Value::Indexed(_)), _) | (None, Kind::Indexed) => f.push('a'),
        (Some(Value::Assoc(_)), _) | (None, Kind::Assoc) => f.push('A'),
        _ => {}
    }
    // bash's order (variables.c): a A i n r x l u.
    for (on, c) in [
        (v.attrs.integer, 'i'),
        (v.attrs.nameref, 'n'),
        (v.attrs.readonly, 'r'),
        (v.attrs.export, 'x'),
        (v.attrs.lower, 'l'),
        (v.attrs.upper, 'u'),
    ] {
        if on {
            f.push(c);
        }
    }
    f
}

pub fn assoc_key(k: &str) -> String {
    if k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !k.is_empty() {
        k.to_string()
    } else {
        dq(k)
    }
}

/// bash's double-quoted form for `declare -p`.
pub fn dq(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

async fn print_var(sh: &mut Shell, name: &str) -> bool {
    let Some(v) = sh.vars.get(name).cloned() else {
        return false;
    };
    let line = describe(name, &v);
    sh.out(&format!("{line}\n")).await;
    true
}

async fn list(sh: &mut Shell, builtin: &str, flags: &Flags) -> Res {
    let vars: Vec<(String, Var)> = sh
        .vars
        .visible()
        .into_iter()
        .filter(|(k, _)| !k.starts_with('\u{0}'))
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let mut out = String::new();
    for (k, v) in vars {
        let shown = match builtin {
            "export" => v.attrs.export,
            "readonly" => v.attrs.readonly,
            _ => {
                (!flags.array
                    || matches!(v.value, Some(Value::Indexed(_)))
                    || (v.value.is_none() && v.kind == Kind::Indexed))
                    && (!flags.assoc
                        || matches!(v.value, Some(Value::Assoc(_)))
                        || (v.value.is_none() && v.kind == Kind::Assoc))
                    && (flags.lower != Some(true) || v.attrs.lower)
                    && (flags.upper != Some(true) || v.attrs.upper)
                    && (flags.nameref != Some(true) || v.attrs.nameref)
                    && (flags.integer != Some(true) || v.attrs.integer)
                    && (flags.export != Some(true) || v.attrs.export)
                    && (!flags.readonly || v.attrs.readonly)
            }
        };
        if !shown {
            continue;
        }
        let any_attr = flags.array
            || flags.assoc
            || flags.readonly
            || flags.export.is_some()
            || flags.integer.is_some()
            || flags.lower.is_some()
            || flags.upper.is_some()
            || flags.nameref.is_some();
        if builtin == "declare" && !flags.print && !any_attr {
            // Plain `declare`: like `set`, name=value.
            if let Some(Value::Str(s)) = &v.value {
                out.push_str(&format!("{k}={}\n", shell_quote_set(s)));
            }
            continue;
        }
        out.push_str(&describe(&k, &v));
        out.push('\n');
    }
    sh.out(&out).await;
    Ok(0)
}

/// The quoting `set` uses when listing variables.
/// A value as `set` lists it: bare when nothing in it needs quoting (an
/// empty value too: `c=`), else single-quoted, or `$'...'` with control
/// characters.
pub fn shell_quote_set(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "_-./:,@%+=".contains(c)) {
        return s.to_string();
    }
    if s.chars().any(|c| c.is_control()) {
        return shell_quote(s);
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// `export -f NAME...` (`-n`: no longer): child shells get the function.
async fn export_functions(sh: &mut Shell, names: &[DeclArg], on: bool) -> Res {
    let mut status = 0;
    for a in names {
        let name = match a {
            DeclArg::Word(w) => w.as_str(),
            DeclArg::Assign { name, .. } => name.as_str(),
        };
        match Arc::make_mut(&mut sh.defs.funcs).get_mut(name) {
            Some(f) => f.exported = on,
            None => {
                sh.error(&format!("export: {name}: not a function")).await;
                status = 1;
            }
        }
    }
    Ok(status)
}

async fn print_functions(sh: &mut Shell, names: &[DeclArg], names_only: bool) -> Res {
    let wanted: Vec<String> = names
        .iter()
        .filter_map(|a| match a {
            DeclArg::Word(w) => Some(w.clone()),
            _ => None,
        })
        .collect();
    let mut all: Vec<_> = sh.defs.funcs.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let mut status = 0;
    let mut out = String::new();
    if wanted.is_empty() {
        for (name, f) in &all {
            if names_only {
                out.push_str(&format!("declare -f {name}\n"));
            } else {
                out.push_str(&crate::builtins::misc::function_text(&f.def));
            }
        }
    } else {
        for w in &wanted {
            match sh.defs.funcs.get(w) {
                Some(_) if names_only => out.push_str(&format!("{w}\n")),
                Some(f) => out.push_str(&crate::builtins::misc::function_text(&f.def)),
                None => status = 1,
            }
        }
    }
    sh.out(&out).await;
    Ok(status)
}

pub async fn unset(sh: &mut Shell, argv: Vec<String>) -> Res {
    let (opts, names) = match super::options(&argv, "vfn") {
        Ok(x) => x,
        Err(c) => {
            sh.error(&format!("unset: -{c}: invalid option")).await;
            sh.write_fd(2, "unset: usage: unset [-f] [-v] [-n] [name ...]\n").await;
            return Ok(2);
        }
    };
    let functions = opts.contains(&'f');
    let mut status = 0;
    for n in names {
        if functions {
            Arc::make_mut(&mut sh.defs.funcs).remove(&n);
            continue;
        }
        // `unset ref` unsets what a nameref names; `unset -n ref` the ref.
        let n = match sh.vars.resolve(&n) {
            Ok(Some(target)) if !opts.contains(&'n') => target,
            _ => n,
        };
        if let Some((base, rest)) = n.split_once('[')
            && let Some(sub) = rest.strip_suffix(']')
        {
            // unset a[i]
            let key = match sh_subscript(sh, base, sub).await {
                Ok(k) => k,
                Err(m) => {
                    sh.error(&m).await;
                    status = 1;
                    continue;
                }
            };
            if sh.vars.get(base).is_some_and(|v| v.attrs.readonly) {
                sh.error(&format!("unset: {base}: cannot unset: readonly variable"))
                    .await;
                status = 1;
                continue;
            }
            let before_start = match sh.vars.get(base).and_then(|v| v.value.as_ref()) {
                Some(Value::Indexed(m)) => key
                    .parse::<i64>()
                    .is_ok_and(|i| i < 0 && crate::vars::resolve_index(m, i).is_none()),
                _ => false,
            };
            if before_start {
                sh.error(&format!("unset: [{key}]: bad array subscript")).await;
                status = 1;
                continue;
            }
            let v = sh.vars.entry(base);
            let freed = match &mut v.value {
                Some(Value::Indexed(m)) => key.parse::<i64>().ok().and_then(|i| {
                    let i = crate::vars::resolve_index(m, i).unwrap_or(i);
                    m.remove(&i)
                }),
                Some(Value::Assoc(m)) => m.remove(&key),
                Some(Value::Str(s)) if key == "0" => {
                    let old = std::mem::take(s);
                    v.value = None;
                    Some(old)
                }
                _ => None,
            };
            if let Some(old) = freed {
                sh.proc.release_mem(crate::vars::text_cost(&old) + 8 + key.len() as u64);
            }
            continue;
        }
        if !crate::parse::is_name(&n) {
            sh.error(&format!("unset: `{n}': not a valid identifier")).await;
            status = 1;
            continue;
        }
        if sh.vars.is_local_here(&n) && !sh.vars.get(&n).is_some_and(|v| v.attrs.readonly) {
            // A local stays declared, now unset: outer values stay hidden.
            let v = sh.vars.local(&n);
            let held = v.cost();
            v.value = None;
            sh.proc.release_mem(held);
        } else if sh.vars.get(&n).is_some() {
            if !sh.unset_var(&n) {
                sh.error(&format!("unset: {n}: cannot unset: readonly variable")).await;
                status = 1;
            }
        } else if !opts.contains(&'v') {
            Arc::make_mut(&mut sh.defs.funcs).remove(&n);
        }
    }
    Ok(status)
}

/// Change one `set -o` option, saying why not (status 2 for an unknown
/// name, 1 for one fixed here).
async fn change_option(sh: &mut Shell, name: &str, on: bool, builtin: &str) -> Result<(), i32> {
    match sh.opts.change(name, on) {
        Ok(()) => {
            if name == "history" {
                sh.history_mut().remember = on;
            }
            Ok(())
        }
        Err(Refused::Unknown) => {
            sh.error(&format!("{builtin}: {name}: invalid option name")).await;
            Err(2)
        }
        Err(Refused::Fixed) => {
            let state = if on { "on" } else { "off" };
            sh.error(&format!("{builtin}: {name}: cannot be turned {state} in this shell"))
                .await;
            Err(1)
        }
    }
}

/// Public view of options for `test -o`.
pub fn option_value(sh: &mut Shell, name: &str) -> Option<bool> {
    sh.opts.by_name(name)
}

pub async fn set(sh: &mut Shell, argv: Vec<String>) -> Res {
    if argv.len() == 1 {
        let vars: Vec<(String, String)> = sh
            .vars
            .visible()
            .into_iter()
            .filter(|(k, _)| !k.starts_with('\u{0}'))
            .filter_map(|(k, v)| match &v.value {
                Some(Value::Str(s)) => Some((k.to_string(), shell_quote_set(s))),
                Some(val @ (Value::Indexed(_) | Value::Assoc(_))) => {
                    let d = describe(
                        k,
                        &Var {
                            value: Some(val.clone()),
                            ..Default::default()
                        },
                    );
                    d.split_once('=').map(|(_, rest)| (k.to_string(), rest.to_string()))
                }
                None => None,
            })
            .collect();
        let mut out = String::new();
        for (k, v) in vars {
            out.push_str(&format!("{k}={v}\n"));
        }
        sh.out(&out).await;
        return Ok(0);
    }
    let mut i = 1;
    while i < argv.len() {
        let a = argv[i].clone();
        if a == "--" {
            i += 1;
            sh.params.positional = Arc::new(argv[i..].to_vec());
            return Ok(0);
        }
        if a == "+" {
            // A lone `+` names no option; bash passes over it.
            i += 1;
            continue;
        }
        if a == "-" {
            sh.opts.xtrace = false;
            sh.opts.verbose = false;
            i += 1;
            break;
        }
        let (on, letters) = match a.chars().next() {
            Some('-') if a.len() > 1 => (true, &a[1..]),
            Some('+') if a.len() > 1 => (false, &a[1..]),
            _ => break,
        };
        for c in letters.chars() {
            if c == 'o' {
                i += 1;
                let Some(name) = argv.get(i).cloned() else {
                    print_options(sh, on).await;
                    return Ok(0);
                };
                if let Err(status) = change_option(sh, &name, on, "set").await {
                    return Ok(status);
                }
                continue;
            }
            let Some(name) = Opts::letter_name(c) else {
                sh.error(&format!("set: {}{c}: invalid option", if on { '-' } else { '+' }))
                    .await;
                sh.write_fd(
                    2,
                    "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n",
                )
                .await;
                return Ok(2);
            };
            if let Err(status) = change_option(sh, name, on, "set").await {
                return Ok(status);
            }
        }
        i += 1;
    }
    if i < argv.len() {
        sh.params.positional = Arc::new(argv[i..].to_vec());
    }
    Ok(0)
}

async fn print_options(sh: &mut Shell, human: bool) {
    let mut out = String::new();
    for (name, _) in SET_OPTIONS {
        let on = sh.opts.by_name(name).unwrap_or(false);
        if human {
            out.push_str(&format!("{name:<15}\t{}\n", if on { "on" } else { "off" }));
        } else {
            out.push_str(&format!("set {}o {name}\n", if on { '-' } else { '+' }));
        }
    }
    sh.out(&out).await;
}

pub async fn shift(sh: &mut Shell, argv: Vec<String>) -> Res {
    super::flow::at_most_one_operand(sh, &argv).await?;
    let n = match argv.get(1) {
        None => 1,
        Some(a) => match a.trim().parse::<i64>() {
            Ok(n) if n >= 0 => n as usize,
            Ok(_) => {
                sh.error(&format!("shift: {a}: shift count out of range")).await;
                return Ok(1);
            }
            Err(_) => {
                sh.error(&format!("shift: {a}: numeric argument required")).await;
                return Ok(1);
            }
        },
    };
    if n > sh.params.positional.len() {
        return Ok(1);
    }
    sh.params.positional = Arc::new(sh.params.positional[n..].to_vec());
    Ok(0)
}

pub async fn shopt(sh: &mut Shell, argv: Vec<String>) -> Res {
    let (opts, names) = match super::options(&argv, "supqo") {
        Ok(x) => x,
        Err(c) => {
            sh.error(&format!("shopt: -{c}: invalid option")).await;
            sh.write_fd(2, "shopt: usage: shopt [-pqsu] [-o] [optname ...]\n").await;
            return Ok(2);
        }
    };
    if opts.contains(&'s') && opts.contains(&'u') {
        sh.error("shopt: cannot set and unset shell options simultaneously")
            .await;
        return Ok(1);
    }
    let set = if opts.contains(&'s') {
        Some(true)
    } else if opts.contains(&'u') {
        Some(false)
    } else {
        None
    };
    let set_o = opts.contains(&'o');
    let quiet = opts.contains(&'q');
    // With no names, `-s`/`-u` list the options that are on/off.
    let listing_all = names.is_empty();
    let shown: Vec<String> = match (listing_all, set_o) {
        (false, _) => names,
        (true, true) => SET_OPTIONS.iter().map(|(n, _)| n.to_string()).collect(),
        (true, false) => SHOPTS.iter().map(|(n, _)| n.to_string()).collect(),
    };
    let mut status = 0;
    let mut out = String::new();
    for name in &shown {
        let current = if set_o {
            sh.opts.by_name(name)
        } else {
            sh.shopts.value(name)
        };
        let Some(mut value) = current else {
            if set_o {
                sh.error(&format!("shopt: {name}: invalid option name")).await;
            } else {
                sh.error(&format!("shopt: {name}: invalid shell option name")).await;
            }
            status = 1;
            continue;
        };
        if let Some(on) = set.filter(|_| !listing_all) {
            if set_o {
                if let Err(s) = change_option(sh, name, on, "shopt").await {
                    status = s.min(1);
                }
                continue;
            }
            match sh.shopts.slot(name) {
                Some(slot) => *slot = on,
                None if value == on => {}
                None => {
                    let state = if on { "on" } else { "off" };
                    sh.error(&format!("shopt: {name}: cannot be turned {state} in this shell"))
                        .await;
                    status = 1;
                }
            }
            continue;
        }
        if let Some(on) = set {
            // `shopt -s` alone lists what is on, `-u` what is off.
            if value != on {
                continue;
            }
            value = on;
        }
        if !value {
            status = 1;
        }
        if quiet {
            continue;
        }
        if opts.contains(&'p') {
            let (cmd, flag) = if set_o {
                ("set", if value { "-o" } else { "+o" })
            } else {
                ("shopt", if value { "-s" } else { "-u" })
            };
            out.push_str(&format!("{cmd} {flag} {name}\n"));
        } else {
            out.push_str(&format!("{name:<15}\t{}\n", if value { "on" } else { "off" }));
        }
    }
    if !out.is_empty() {
        sh.out(&out).await;
    }
    Ok(if listing_all { 0 } else { status })
}

pub async fn let_(sh: &mut Shell, argv: Vec<String>) -> Res {
    if argv.len() < 2 {
        sh.error("let: expression expected").await;
        return Ok(1);
    }
    let mut last = 0;
    for expr in &argv[1..] {
        match sh.arith(expr) {
            Ok(v) => last = v,
            Err(msg) => {
                sh.error(&format!("let: {msg}")).await;
                return Ok(1);
            }
        }
    }
    Ok(i32::from(last == 0))
}
