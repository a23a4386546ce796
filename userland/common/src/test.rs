//! `test` and `[`: the POSIX algorithm (decided by the number of
//! arguments up to four, then a precedence parser), with bash's file,
//! string and integer operators and messages. `[[ ]]` reuses the unary and
//! binary primitives.
//!
//! Permissions are reported as root sees them (ninebox records modes but
//! does not enforce them): `-r` and `-w` are true for anything that exists,
//! `-x` for a directory or a file with an execute bit.

use std::collections::HashMap;

use kernel::{NodeType, Proc, Stat};

use crate::bytes;

/// What `test` needs beyond the file system: the answers to `-v name` and
/// `-o option`, computed by the caller (a shell) beforehand.
#[derive(Default)]
pub struct Env {
    pub vars_set: HashMap<String, bool>,
    pub options: HashMap<String, bool>,
}

/// The error a malformed expression gives (status 2).
pub type TestError = String;

pub async fn eval(proc: &Proc, env: &Env, args: &[String]) -> Result<bool, TestError> {
    let mut t = Test {
        proc,
        env,
        args,
        pos: 0,
        depth: 0,
        max_nest: proc.limits().max_nest,
    };
    t.run().await
}

struct Test<'a> {
    proc: &'a Proc,
    env: &'a Env,
    args: &'a [String],
    pos: usize,
    /// Open `(`s, at most the process's `nest` limit.
    depth: usize,
    max_nest: usize,
}

impl Test<'_> {
    async fn run(&mut self) -> Result<bool, TestError> {
        let a = self.args;
        match a.len() {
            0 => Ok(false),
            1 => Ok(!a[0].is_empty()),
            2 => self.two(&a[0], &a[1]).await,
            3 => self.three(&a[0], &a[1], &a[2]).await,
            4 if a[0] == "!" => Ok(!self.three(&a[1], &a[2], &a[3]).await?),
            4 if a[0] == "(" && a[3] == ")" => self.two(&a[1], &a[2]).await,
            _ => {
                let v = self.or().await?;
                if self.pos < a.len() {
                    return Err("too many arguments".to_string());
                }
                Ok(v)
            }
        }
    }

    async fn two(&mut self, a: &str, b: &str) -> Result<bool, TestError> {
        if a == "!" {
            return Ok(b.is_empty());
        }
        if is_unary(a) {
            return unary(self.proc, self.env, a, b).await;
        }
        Err(format!("{a}: unary operator expected"))
    }

    async fn three(&mut self, a: &str, op: &str, b: &str) -> Result<bool, TestError> {
        if is_binary(op) {
            return binary(self.proc, a, op, b).await;
        }
        match op {
            "-a" => return Ok(!a.is_empty() && !b.is_empty()),
            "-o" => return Ok(!a.is_empty() || !b.is_empty()),
            _ => {}
        }
        if a == "!" {
            return Ok(!self.two(op, b).await?);
        }
        if a == "(" && b == ")" {
            return Ok(!op.is_empty());
        }
        Err(format!("{op}: binary operator expected"))
    }

    // The general case: -o below -a below ! below primaries.

    fn peek(&self) -> Option<&str> {
        self.args.get(self.pos).map(String::as_str)
    }

    fn or(&mut self) -> futures_util::future::BoxFuture<'_, Result<bool, TestError>> {
        Box::pin(async move {
            let mut v = self.and().await?;
            while self.peek() == Some("-o") {
                self.pos += 1;
                let r = self.and().await?;
                v = v || r;
            }
            Ok(v)
        })
    }

    async fn and(&mut self) -> Result<bool, TestError> {
        let mut v = self.not().await?;
        while self.peek() == Some("-a") {
            self.pos += 1;
            let r = self.not().await?;
            v = v && r;
        }
        Ok(v)
    }

    async fn not(&mut self) -> Result<bool, TestError> {
        let mut neg = false;
        while self.peek() == Some("!") {
            self.pos += 1;
            neg = !neg;
        }
        Ok(self.primary().await? != neg)
    }

    async fn primary(&mut self) -> Result<bool, TestError> {
        let Some(a) = self.peek().map(str::to_string) else {
            return Err("argument expected".to_string());
        };
        if a == "(" {
            self.pos += 1;
            self.depth += 1;
            if self.depth > self.max_nest {
                return Err(kernel::limits::reached("nest", self.max_nest as u64));
            }
            let v = self.or().await?;
            self.depth -= 1;
            if self.peek() != Some(")") {
                return Err("`)' expected".to_string());
            }
            self.pos += 1;
            return Ok(v);
        }
        if let Some(op) = self.args.get(self.pos + 1).filter(|o| is_binary(o)) {
            let op = op.clone();
            let Some(b) = self.args.get(self.pos + 2).cloned() else {
                return Err(format!("{op}: argument expected"));
            };
            self.pos += 3;
            return binary(self.proc, &a, &op, &b).await;
        }
        if is_unary(&a)
            && let Some(b) = self.args.get(self.pos + 1).cloned()
        {
            self.pos += 2;
            return unary(self.proc, self.env, &a, &b).await;
        }
        self.pos += 1;
        Ok(!a.is_empty())
    }
}

pub fn is_unary(op: &str) -> bool {
    matches!(
        op,
        "-a" | "-b"
            | "-c"
            | "-d"
            | "-e"
            | "-f"
            | "-g"
            | "-h"
            | "-k"
            | "-p"
            | "-r"
            | "-s"
            | "-t"
            | "-u"
            | "-w"
            | "-x"
            | "-G"
            | "-L"
            | "-N"
            | "-O"
            | "-S"
            | "-z"
            | "-n"
            | "-o"
            | "-v"
            | "-R"
    )
}

pub fn is_binary(op: &str) -> bool {
    matches!(
        op,
        "=" | "==" | "!=" | "<" | ">" | "-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge" | "-nt" | "-ot" | "-ef"
    )
}

async fn stat(proc: &Proc, path: &str) -> Option<Stat> {
    if path.is_empty() {
        return None;
    }
    proc.stat(&bytes::to_os(path)).await.ok()
}

/// A unary test.
pub async fn unary(proc: &Proc, env: &Env, op: &str, arg: &str) -> Result<bool, TestError> {
    Ok(match op {
        "-n" => !arg.is_empty(),
        "-z" => arg.is_empty(),
        "-v" => env.vars_set.get(arg).copied().unwrap_or(false),
        "-o" => env.options.get(arg).copied().unwrap_or(false),
        "-t" => match arg.trim().parse::<u32>() {
            Ok(fd) => proc.fd_name(fd).is_ok_and(|n| n.contains("cons")),
            Err(_) => return Err(format!("{arg}: integer expression expected")),
        },
        _ => {
            let Some(st) = stat(proc, arg).await else {
                return Ok(false);
            };
            let mode = st.mode();
            match op {
                "-e" | "-a" => true,
                "-f" => st.kind == NodeType::File,
                "-d" => st.is_dir(),
                "-c" => st.kind == NodeType::Device,
                "-s" => st.size > 0,
                "-r" | "-w" => true,
                "-x" => st.is_dir() || st.is_executable(),
                "-u" => mode & 0o4000 != 0,
                "-g" => mode & 0o2000 != 0,
                "-k" => mode & 0o1000 != 0,
                "-O" => st.uid() == proc.process().uid,
                "-G" => st.gid() == proc.process().gid,
                // No symlinks, sockets, fifos or block devices exist.
                _ => false,
            }
        }
    })
}

/// Parse an integer operand as test does (surrounding blanks allowed).
pub fn int_operand(s: &str) -> Result<i64, TestError> {
    let t = s.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{s}: integer expression expected"));
    }
    t.parse::<i64>()
        .map_err(|_| format!("{s}: integer expression expected"))
}

/// A binary test.
pub async fn binary(proc: &Proc, a: &str, op: &str, b: &str) -> Result<bool, TestError> {
    Ok(match op {
        "=" | "==" => a == b,
        "!=" => a != b,
        "<" => a < b,
        ">" => a > b,
        "-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge" => {
            let (x, y) = (int_operand(a)?, int_operand(b)?);
            match op {
                "-eq" => x == y,
                "-ne" => x != y,
                "-lt" => x < y,
                "-le" => x <= y,
                "-gt" => x > y,
                _ => x >= y,
            }
        }
        "-nt" | "-ot" => {
            let (sa, sb) = (stat(proc, a).await, stat(proc, b).await);
            match (sa, sb, op) {
                (Some(x), Some(y), "-nt") => x.mtime > y.mtime,
                (Some(x), Some(y), _) => x.mtime < y.mtime,
                (Some(_), None, "-nt") => true,
                (None, Some(_), "-ot") => true,
                _ => false,
            }
        }
        "-ef" => {
            let (sa, sb) = (stat(proc, a).await, stat(proc, b).await);
            let (Some(x), Some(y)) = (sa, sb) else { return Ok(false) };
            let resolve = |p: &str| kernel::path::resolve(&proc.cwd(), &bytes::to_os(p));
            x.qid == y.qid && x.ctime() == y.ctime() && (x.qid != 0 || resolve(a) == resolve(b))
        }
        _ => return Err(format!("{op}: binary operator expected")),
    })
}
