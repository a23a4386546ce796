//! Running commands: lists, and-or lists, pipelines, simple and compound
//! commands, functions, subshells, assignments, `set -e`, traps.
//!
//! Every pipeline stage, subshell, background job and command substitution
//! runs in a new process with a copy of the shell ([`Shell::fork`]). A
//! subshell whose last command is a simple external command `exec`s it in
//! place, as bash does, so `a | b` costs two processes, not four.

use std::sync::Arc;

use futures_util::future::BoxFuture;
use kernel::exec::failure_status;
use kernel::{Errno, Pid, SpawnOpts, Target};

use super::ast::*;
use super::builtins;
use super::timing;
use super::vars::{Kind, Value, resolve_index};
use super::{Flow, Job, Res, Shell};
use common::bytes;

/// An evaluated assignment value.
#[derive(Clone, Debug)]
pub enum AssignVal {
    Scalar(String),
    Array(Vec<(Option<String>, String)>),
}

/// An argument of a declaration builtin (`declare`, `local`, `export`,
/// `readonly`, `typeset`).
#[derive(Clone, Debug)]
pub enum DeclArg {
    Word(String),
    Assign {
        name: String,
        index: Option<String>,
        append: bool,
        value: AssignVal,
    },
}

impl Shell {
    /// A copy of the shell for a subshell: traps that are not ignored are
    /// reset, jobs are the parent's business, and (as in bash) a subshell
    /// is never interactive, so an interrupt ends it.
    pub fn fork(&self) -> Shell {
        let mut child = self.clone();
        child.nest.subshell = true;
        child.opts.interactive = false;
        child.jobs = super::Jobs::default();
        child.traps = self.traps.for_subshell(self.opts.errtrace, self.opts.functrace);
        child
    }

    /// The body of a subshell process: run `list`, run its EXIT trap,
    /// answer its status.
    pub async fn run_subshell_list(&mut self, list: &List) -> i32 {
        self.catch_notes_if_trapped();
        let r = match single_command(list) {
            Some(cmd) if self.traps.table.is_empty() => self.run_command(cmd, true).await,
            _ => self.run_list(list).await,
        };
        self.finish(r).await
    }

    /// Turn an outcome into the exit status of a (sub)shell that is ending,
    /// running the EXIT trap.
    pub async fn finish(&mut self, r: Res) -> i32 {
        let status = match r {
            Ok(s) => s,
            Err(Flow::Exit(s) | Flow::Abort(s) | Flow::Discard(s) | Flow::Return(s)) => s,
            Err(Flow::Break(_) | Flow::Continue(_)) => self.params.status,
        };
        self.params.status = status;
        self.run_exit_trap().await;
        if self.opts.interactive && !self.nest.subshell {
            self.save_history().await;
        }
        self.params.status
    }

    pub async fn run_exit_trap(&mut self) {
        let Some(cmd) = self.traps.table.get("EXIT").cloned() else {
            return;
        };
        self.traps.set("EXIT".to_string(), None);
        if cmd.is_empty() {
            return;
        }
        self.nest.trace_less += 1;
        if let Err(Flow::Exit(s)) = self.run_trap(&cmd).await {
            self.params.status = s;
        }
        self.nest.trace_less -= 1;
    }

    /// Give a parser what the shell's options say about reading: the
    /// aliases to expand, whether extglob groups are read; and how deep
    /// text may nest (the process's `nest` limit).
    pub fn configure(&self, parser: &mut super::parse::Parser) {
        parser.set_aliases(self.shopts.expand_aliases.then(|| self.defs.aliases.clone()));
        parser.set_extglob(self.shopts.extglob);
        parser.set_max_depth(self.limits.max_nest);
    }

    /// Run a trap's command. `$?` is what it was before (the trap cannot
    /// change it), `$BASH_COMMAND` stays the trapped command, and `exit`
    /// in the trap leaves the shell.
    pub async fn run_trap(&mut self, cmd: &str) -> Result<(), Flow> {
        let saved = self.params.status;
        self.traps.running += 1;
        let r = self.eval_string(cmd, "trap").await;
        self.traps.running -= 1;
        self.params.status = saved;
        match r {
            Err(Flow::Exit(s)) => Err(Flow::Exit(s)),
            _ => Ok(()),
        }
    }

    /// The DEBUG trap, before a simple command, `[[`, `((`, `case`, and
    /// each round of `for`; also inside other traps, but not inside itself.
    pub async fn debug_trap(&mut self) -> Result<(), Flow> {
        if self.traps.debugging {
            return Ok(());
        }
        let Some(cmd) = self.traps.command("DEBUG") else {
            return Ok(());
        };
        self.traps.debugging = true;
        let r = self.run_trap(&cmd).await;
        self.traps.debugging = false;
        r
    }

    /// The RETURN trap, as a function or a sourced file finishes.
    pub async fn return_trap(&mut self) -> Result<(), Flow> {
        match self.traps.command("RETURN") {
            Some(cmd) if self.traps.running == 0 => self.run_trap(&cmd).await,
            _ => Ok(()),
        }
    }

    /// `announce` for a compound command's header (its text is only
    /// made when a trap could show it).
    pub(crate) async fn announce_compound(&mut self, c: &Compound) -> Result<(), Flow> {
        if self.traps.table.is_empty() {
            return Ok(());
        }
        let text: Arc<str> = super::print::header(c).into();
        self.announce(&text).await
    }

    /// One expression of `for ((;;))`, traced by `set -x` with its
    /// expanded text (an empty one reads 1, as bash stores it).
    async fn arith_part(&mut self, w: &Word) -> Result<i64, Flow> {
        if !self.opts.xtrace {
            return self.arith_word(w).await;
        }
        let text = self.expand_str(w).await?;
        let shown = if text.trim().is_empty() { "1" } else { text.as_str() };
        self.trace(&format!("(( {shown} ))")).await;
        self.eval_arith(&text).await
    }

    /// `announce` for one expression of `for ((;;))`.
    async fn announce_arith(&mut self, w: &Word) -> Result<(), Flow> {
        if self.traps.table.is_empty() {
            return Ok(());
        }
        let text: Arc<str> = format!("(({}))", w.unquoted_text().trim()).into();
        self.announce(&text).await
    }

    /// Note the command about to run, for `$BASH_COMMAND` (kept while a
    /// trap runs), and run the DEBUG trap.
    async fn announce(&mut self, text: &Arc<str>) -> Result<(), Flow> {
        if self.traps.running == 0 {
            self.params.command = text.clone();
        }
        if self.traps.table.is_empty() {
            return Ok(());
        }
        self.debug_trap().await
    }

    // ---- lists ----

    pub fn run_list<'a>(&'a mut self, list: &'a List) -> BoxFuture<'a, Res> {
        Box::pin(async move {
            let mut status = 0;
            for item in &list.items {
                self.reap_jobs();
                if item.background {
                    status = self.spawn_background(&item.and_or).await?;
                } else {
                    status = self.run_and_or(&item.and_or).await?;
                }
                self.params.status = status;
                self.handle_notes().await?;
            }
            Ok(status)
        })
    }

    async fn run_and_or(&mut self, ao: &AndOr) -> Res {
        // Only the last pipeline of an and-or list is subject to `set -e`.
        let mut status = if ao.rest.is_empty() {
            self.run_pipeline(&ao.first).await?
        } else {
            self.nest.conditions += 1;
            let r = self.run_pipeline(&ao.first).await;
            self.nest.conditions -= 1;
            r?
        };
        for (i, (conn, p)) in ao.rest.iter().enumerate() {
            self.params.status = status;
            let run = match conn {
                Connector::And => status == 0,
                Connector::Or => status != 0,
            };
            if !run {
                continue;
            }
            let last = i + 1 == ao.rest.len();
            if last {
                status = self.run_pipeline(p).await?;
            } else {
                self.nest.conditions += 1;
                let r = self.run_pipeline(p).await;
                self.nest.conditions -= 1;
                status = r?;
            }
        }
        Ok(status)
    }

    async fn run_pipeline(&mut self, p: &Pipeline) -> Res {
        let Some(timed) = p.time else {
            return self.run_untimed(p).await;
        };
        let start = self.usage();
        let r = Box::pin(self.run_untimed(p)).await;
        self.report_time(timed, start).await;
        r
    }

    /// The clock and the CPU time charged to the shell and its reaped
    /// children so far.
    fn usage(&self) -> (std::time::Instant, u64) {
        let me = self.proc.process();
        (std::time::Instant::now(), me.cpu_ns() + me.children_cpu_ns())
    }

    /// Print what a timed pipeline used on the shell's stderr, through
    /// `TIMEFORMAT` (unset: bash's default; empty: nothing).
    async fn report_time(&mut self, timed: Timed, (start, cpu0): (std::time::Instant, u64)) {
        let (end, cpu1) = self.usage();
        let times = timing::Times {
            real: end - start,
            user: std::time::Duration::from_nanos(cpu1.saturating_sub(cpu0)),
            sys: std::time::Duration::ZERO,
        };
        let fmt = match timed {
            Timed::Posix => timing::POSIX.to_string(),
            Timed::Format => match self.var_str("TIMEFORMAT") {
                Some(f) => f,
                None => timing::DEFAULT.to_string(),
            },
        };
        if fmt.is_empty() {
            return;
        }
        match timing::format(&fmt, &times) {
            Ok(text) => {
                self.write_fd(2, &text).await;
            }
            Err(c) => {
                self.error(&format!("TIMEFORMAT: `{c}': invalid format character"))
                    .await
            }
        }
    }

    async fn run_untimed(&mut self, p: &Pipeline) -> Res {
        self.at.line = p.line;
        if p.bang {
            self.nest.conditions += 1;
        }
        let r = if p.commands.is_empty() {
            Ok(0)
        } else if p.commands.len() == 1 {
            let r = self.run_command(&p.commands[0], false).await;
            if let Ok(s) = r {
                self.params.pipestatus = vec![s];
            }
            r
        } else {
            Box::pin(self.run_stages(p)).await
        };
        if p.bang {
            self.nest.conditions -= 1;
            return Ok(i32::from(r? == 0));
        }
        let status = r?;
        self.params.status = status;
        if errexit_applies(p) {
            self.after_command(status).await?;
        }
        Ok(status)
    }

    /// `set -e` and the ERR trap, after a command that may fail the shell.
    pub async fn after_command(&mut self, status: i32) -> Result<(), Flow> {
        if status == 0 || self.nest.conditions > 0 {
            return Ok(());
        }
        if let Some(cmd) = self.traps.command("ERR")
            && self.traps.running == 0
        {
            self.nest.conditions += 1;
            let r = self.run_trap(&cmd).await;
            self.nest.conditions -= 1;
            r?;
        }
        if self.opts.errexit {
            return Err(Flow::Exit(status));
        }
        Ok(())
    }

    async fn run_stages(&mut self, p: &Pipeline) -> Res {
        let n = p.commands.len();
        let mut pipes = Vec::with_capacity(n - 1);
        for _ in 0..n - 1 {
            match self.proc.pipe() {
                Ok((r, w)) => {
                    let _ = self.proc.set_cloexec(r, true);
                    let _ = self.proc.set_cloexec(w, true);
                    pipes.push((r, w));
                }
                Err(e) => {
                    self.error(&format!("pipe error: {}", e.strerror())).await;
                    for (r, w) in pipes {
                        let _ = self.proc.close(r).await;
                        let _ = self.proc.close(w).await;
                    }
                    return Ok(1);
                }
            }
        }
        // `lastpipe` (without job control): the last stage runs in this
        // shell, so `echo hi | read v` sets `v` here.
        let here = self.shopts.lastpipe && !self.opts.interactive;
        let spawned = if here { n - 1 } else { n };
        let mut pids: Vec<Option<Pid>> = Vec::with_capacity(n);
        for (i, cmd) in p.commands.iter().enumerate().take(spawned) {
            let mut fd_map = Vec::new();
            if i > 0 {
                fd_map.push((0, Some(pipes[i - 1].0)));
            }
            if i + 1 < n {
                fd_map.push((1, Some(pipes[i].1)));
                if p.stderr_too[i] {
                    fd_map.push((2, Some(pipes[i].1)));
                }
            }
            let mut child = self.fork();
            let cmd = cmd.clone();
            let target = Target::oneshot(move |proc| async move {
                child.proc = proc;
                child.catch_notes_if_trapped();
                let tail = child.traps.table.is_empty();
                let r = child.run_command(&cmd, tail).await;
                child.finish(r).await
            });
            let opts = SpawnOpts {
                fd_map,
                ..Default::default()
            };
            match self.proc.spawn(target, opts).await {
                Ok(pid) => pids.push(Some(pid)),
                Err(e) => {
                    self.error(&format!("fork: {}", kernel::limits::describe(&e))).await;
                    pids.push(None);
                }
            }
        }
        let last_input = if here {
            pipes.pop().map(|(r, w)| (r, Some(w)))
        } else {
            None
        };
        for (r, w) in pipes {
            let _ = self.proc.close(r).await;
            let _ = self.proc.close(w).await;
        }
        let mut last = None;
        if let Some((r, w)) = last_input {
            if let Some(w) = w {
                let _ = self.proc.close(w).await;
            }
            last = Some(match self.stdin_from(r).await {
                Ok(saved) => {
                    let r = self.run_command(&p.commands[n - 1], false).await;
                    self.restore_redirs(saved).await;
                    r
                }
                Err(status) => Ok(status),
            });
        }
        let mut statuses = Vec::with_capacity(n);
        for pid in pids {
            statuses.push(match pid {
                Some(pid) => self.wait_child(pid).await,
                None => 1,
            });
        }
        if let Some(r) = last {
            statuses.push(r?);
        }
        let status = if self.opts.pipefail {
            statuses.iter().rev().copied().find(|&s| s != 0).unwrap_or(0)
        } else {
            *statuses.last().unwrap_or(&0)
        };
        self.params.pipestatus = statuses;
        Ok(status)
    }

    async fn spawn_background(&mut self, ao: &AndOr) -> Res {
        let mut child = self.fork();
        let list = List {
            items: vec![Item {
                and_or: ao.clone(),
                background: false,
            }],
        };
        let target = Target::oneshot(move |proc| async move {
            child.proc = proc;
            child.run_subshell_list(&list).await
        });
        // A job of its own note group: an interrupt typed at the console
        // goes to the foreground, not to background jobs (bash's
        // background jobs ignore SIGINT for the same reason).
        let opts = SpawnOpts {
            rfork: kernel::Rfork {
                new_note_group: true,
                ..kernel::Rfork::FORK
            },
            ..Default::default()
        };
        match self.proc.spawn(target, opts).await {
            Ok(pid) => {
                self.params.last_bg = Some(pid);
                let id = self.jobs.next_id();
                self.jobs.table.push(Job {
                    id,
                    pids: vec![pid],
                    text: super::print::and_or(ao),
                    done: vec![None],
                });
                Ok(0)
            }
            Err(e) => {
                self.error(&format!("fork: {}", kernel::limits::describe(&e))).await;
                Ok(1)
            }
        }
    }

    /// Collect the statuses of background jobs that have ended, so they do
    /// not linger as zombies.
    pub fn reap_jobs(&mut self) {
        if self.jobs.table.is_empty() {
            return;
        }
        while let Ok(Some((pid, st))) = self.proc.try_wait_any() {
            self.jobs.record(pid, st.code);
        }
    }

    /// A shell without a prompt forgets the jobs that ended whenever it
    /// has waited for a foreground child, as bash does (`jobs` no longer
    /// lists them, `wait -n` does not count them), keeping their statuses
    /// for `wait PID`.
    fn retire_jobs_quietly(&mut self) {
        if self.opts.interactive || self.jobs.table.is_empty() {
            return;
        }
        self.reap_jobs();
        self.jobs.retire_finished();
    }

    /// Wait for a child, handling notes that interrupt the wait.
    pub async fn wait_child(&mut self, pid: Pid) -> i32 {
        loop {
            match self.proc.wait(pid).await {
                Ok(st) => {
                    self.retire_jobs_quietly();
                    return st.code;
                }
                Err(e) if e.is(Errno::EINTR) => self.note_interrupted(),
                Err(_) => {
                    // Reaped already (by a job scan): look it up.
                    return self.jobs.state(pid).flatten().unwrap_or(127);
                }
            }
        }
    }

    // ---- commands ----

    /// Run one command. `tail`: it is the last thing this (sub)shell does,
    /// so an external command may replace the process.
    pub fn run_command<'a>(&'a mut self, cmd: &'a Command, tail: bool) -> BoxFuture<'a, Res> {
        Box::pin(async move {
            // `set -n`: read (and check) the rest, run nothing; a prompt
            // ignores it, as bash.
            if self.opts.noexec && !self.opts.interactive {
                return Ok(self.params.status);
            }
            let mark = self.jobs.procsubs.len();
            let r = self.run_command_here(cmd, tail).await;
            if self.jobs.procsubs.len() > mark || !self.jobs.procsub_zombies.is_empty() {
                self.end_procsubs(mark).await;
            }
            r
        })
    }

    async fn run_command_here(&mut self, cmd: &Command, tail: bool) -> Res {
        match cmd {
            Command::Simple(s) => self.run_simple(s, tail).await,
            Command::Compound(c, redirs) => {
                let saved = match self.redirect_for(redirs).await {
                    Ok(s) => s,
                    Err(status) => {
                        // A failed redirection fails the command itself.
                        self.after_command(status).await?;
                        return Ok(status);
                    }
                };
                let r = Box::pin(self.run_compound(c)).await;
                self.unredirect(saved).await;
                r
            }
            Command::Function(f) => {
                // Redefining keeps the export, as in bash.
                let exported = self.defs.funcs.get(&f.name).is_some_and(|old| old.exported);
                let func = super::Func {
                    def: f.clone(),
                    file: self.current_file(),
                    exported,
                };
                Arc::make_mut(&mut self.defs.funcs).insert(f.name.clone(), func);
                Ok(0)
            }
        }
    }

    async fn run_simple(&mut self, s: &Simple, tail: bool) -> Res {
        self.at.line = s.line;
        self.announce(&s.text).await?;
        // A command with no words has the status of its last command
        // substitution; `$?` in its words is still the previous status.
        let substs = self.params.substs_run;
        let decl = s
            .words
            .first()
            .and_then(Word::as_plain)
            .is_some_and(|w| matches!(w, "declare" | "typeset" | "local" | "export" | "readonly"));
        let (argv, decl_args) = if decl {
            let args = Box::pin(self.expand_decl_args(&s.words)).await?;
            let argv = args
                .iter()
                .map(|a| match a {
                    DeclArg::Word(w) => w.clone(),
                    DeclArg::Assign { name, .. } => name.clone(),
                })
                .collect();
            (argv, Some(args))
        } else {
            (self.expand_argv(&s.words).await?, None)
        };
        if argv.is_empty() {
            return Box::pin(self.assignments_only(s, substs)).await;
        }
        // Values of the assignments before the command, each seen by
        // the ones after it (`A=1 B=$A cmd` gives B=1).
        let mut assigns = Vec::with_capacity(s.assigns.len());
        let mut preview = Vec::new();
        for (i, a) in s.assigns.iter().enumerate() {
            let v = self.eval_assign_value(a).await;
            let v = match v {
                Ok(v) => v,
                Err(f) => {
                    preview.into_iter().rev().for_each(|p| self.undo_temp_assign(p));
                    return Err(f);
                }
            };
            if i + 1 < s.assigns.len()
                && let Ok(p) = self.temp_assign(&[(a, v.clone())]).await
            {
                preview.push(p);
            }
            assigns.push((a, v));
        }
        preview.into_iter().rev().for_each(|p| self.undo_temp_assign(p));
        if self.opts.xtrace {
            // Each prefix assignment on its own line, then the command.
            for (a, v) in &assigns {
                let t = assign_trace(a, Some(v));
                self.trace(&t).await;
            }
            let words: Vec<String> = argv.iter().map(|w| trace_quote(w)).collect();
            self.trace(&words.join(" ")).await;
        }
        let name = argv[0].clone();
        self.params.underscore = argv.last().cloned().unwrap_or_default();
        if name == "exec" && argv.len() == 1 && !self.defs.funcs.contains_key("exec") {
            // `exec` with only redirections changes the shell's own fds.
            return Ok(match Box::pin(self.apply_redirs_permanent(&s.redirs)).await {
                Ok(()) => 0,
                Err(st) => st,
            });
        }
        if let Some(f) = self.defs.funcs.get(&name).cloned() {
            let saved = self.temp_assign(&assigns).await?;
            let r = match self.redirect_for(&s.redirs).await {
                Ok(redirs) => {
                    let r = Box::pin(self.call_function(&f, argv)).await;
                    self.unredirect(redirs).await;
                    r
                }
                Err(status) => Ok(status),
            };
            self.undo_temp_assign(saved);
            return r;
        }
        if let Some(b) = builtins::lookup(&name) {
            let saved = self.temp_assign(&assigns).await?;
            let r = match self.redirect_for(&s.redirs).await {
                Ok(redirs) => {
                    let r = match decl_args {
                        Some(args) => Box::pin(builtins::declaration(self, &name, args)).await,
                        None => b(self, argv).await,
                    };
                    self.unredirect(redirs).await;
                    r
                }
                Err(status) => Ok(status),
            };
            self.undo_temp_assign(saved);
            return r;
        }
        self.import_environ();
        let mut env = self.child_env();
        // The exported variables are the shell's environment group, so
        // /env and /proc/$$/env show them (Plan 9's #e).
        self.proc.set_environ(&env);
        self.params.environ = env.clone();
        for (a, v) in &assigns {
            if let AssignVal::Scalar(s) = v
                && self.prefix_assignable(&a.name).await
            {
                env.insert(bytes::to_os(&a.name), bytes::to_os(s));
            }
        }
        let redirs = match self.redirect_for(&s.redirs).await {
            Ok(r) => r,
            Err(status) => return Ok(status),
        };
        let r = Box::pin(self.run_external(argv, env, tail && s.redirs.is_empty())).await;
        self.unredirect(redirs).await;
        r
    }

    /// Apply a command's redirections (boxed: most commands have none, and
    /// the redirection machinery should not weigh on them).
    async fn redirect_for(&mut self, redirs: &[Redir]) -> Result<Vec<super::redir::Saved>, i32> {
        if redirs.is_empty() {
            return Ok(Vec::new());
        }
        Box::pin(self.apply_redirs(redirs)).await
    }

    async fn unredirect(&mut self, saved: Vec<super::redir::Saved>) {
        if !saved.is_empty() {
            Box::pin(self.restore_redirs(saved)).await;
        }
    }

    /// A simple command with no words: assignments and redirections act on
    /// the shell itself. The status is that of the last command
    /// substitution (if any ran since `substs`), or 0.
    async fn assignments_only(&mut self, s: &Simple, substs: u64) -> Res {
        for a in &s.assigns {
            // An array shows as written, before its elements expand; a
            // scalar with its value, after.
            let array = matches!(a.value, AssignValue::Array(_));
            if self.opts.xtrace && array {
                self.trace(&assign_trace(a, None)).await;
            }
            let v = self.eval_assign_value(a).await?;
            if self.opts.xtrace && !array {
                self.trace(&assign_trace(a, Some(&v))).await;
            }
            let index = match &a.index {
                Some(i) if i.parts.is_empty() => {
                    self.error(&format!("{}[]: bad array subscript", a.name)).await;
                    return Err(Flow::Abort(1));
                }
                Some(i) => Some(self.subscript(&a.name, i).await?),
                None => None,
            };
            if let Err(msg) = self.assign(&a.name, index.as_deref(), a.append, v).await {
                // A failed assignment (a readonly variable, say) abandons
                // the line and, being a failed command, fails `set -e`.
                self.error(&msg).await;
                self.params.status = 1;
                self.after_command(1).await?;
                return Err(Flow::Abort(1));
            }
        }
        let status = if self.params.substs_run != substs {
            self.params.status
        } else {
            0
        };
        match self.apply_redirs(&s.redirs).await {
            Ok(saved) => {
                self.restore_redirs(saved).await;
                Ok(status)
            }
            Err(st) => Ok(st),
        }
    }

    /// Evaluate the value side of an assignment.
    pub async fn eval_assign_value(&mut self, a: &Assign) -> Result<AssignVal, Flow> {
        Ok(match &a.value {
            AssignValue::Scalar(w) => AssignVal::Scalar(self.expand_assign(w).await?),
            AssignValue::Array(elems) => AssignVal::Array(self.eval_array(elems).await?),
        })
    }

    async fn eval_array(&mut self, elems: &[(Option<Word>, Word)]) -> Result<Vec<(Option<String>, String)>, Flow> {
        let mut out = Vec::new();
        for (key, w) in elems {
            match key {
                Some(k) => {
                    let k = self.expand_str(k).await?;
                    let v = self.expand_assign(w).await?;
                    out.push((Some(k), v));
                }
                None => {
                    for f in self.expand_fields(w).await? {
                        out.push((None, f));
                    }
                }
            }
        }
        Ok(out)
    }

    async fn expand_decl_args(&mut self, words: &[Word]) -> Result<Vec<DeclArg>, Flow> {
        let mut out = Vec::new();
        for w in words {
            match w.parts.as_slice() {
                [Part::AssignArg(a)] => {
                    let value = self.eval_assign_value(a).await?;
                    let index = match &a.index {
                        Some(i) => Some(self.expand_str(i).await?),
                        None => None,
                    };
                    out.push(DeclArg::Assign {
                        name: a.name.clone(),
                        index,
                        append: a.append,
                        value,
                    });
                }
                _ => {
                    for f in self.expand_fields(w).await? {
                        out.push(DeclArg::Word(f));
                    }
                }
            }
        }
        Ok(out)
    }

    /// Assign `value` to `name` (or an element), with attributes applied.
    pub async fn assign(
        &mut self,
        name: &str,
        index: Option<&str>,
        append: bool,
        value: AssignVal,
    ) -> Result<(), String> {
        // Through a nameref: to the variable, or the element, it names.
        if let Some(target) = self.vars.resolve(name)? {
            let (base, key) = match target.split_once('[') {
                Some((base, sub)) => (base.to_string(), Some(self.ref_key(base, sub.trim_end_matches(']'))?)),
                None => (target, index.map(str::to_string)),
            };
            return Box::pin(self.assign(&base, key.as_deref(), append, value)).await;
        }
        if self.vars.get(name).is_some_and(|v| v.attrs.readonly) {
            return Err(format!("{name}: readonly variable"));
        }
        match (index, value) {
            (Some(key), AssignVal::Scalar(v)) => {
                let v = self.attr_value(name, v, append, Some(key)).await?;
                self.set_element_sync(name, key, &v)
            }
            (None, AssignVal::Scalar(v)) => {
                let v = self.attr_value(name, v, append, None).await?;
                if name == "RANDOM" {
                    self.params.random_state = v.parse().unwrap_or(0);
                }
                self.set(name, &v)?;
                if matches!(name, "HISTSIZE" | "HISTFILESIZE") {
                    self.history_size_changed(name).await;
                } else if name == "HISTTIMEFORMAT" {
                    self.note_histtimeformat();
                }
                Ok(())
            }
            (_, AssignVal::Array(items)) => self.assign_array(name, append, items).await,
        }
    }

    /// Apply `+=` and the integer attribute.
    async fn attr_value(&mut self, name: &str, v: String, append: bool, key: Option<&str>) -> Result<String, String> {
        let integer = self.vars.get(name).is_some_and(|x| x.attrs.integer);
        let old = if append {
            match key {
                Some(k) => self.element(name, k),
                None => self.var_str(name),
            }
            .unwrap_or_default()
        } else {
            String::new()
        };
        if integer {
            let n = self.arith(&v)?;
            let base = if append { self.arith(&old).unwrap_or(0) } else { 0 };
            return Ok(base.wrapping_add(n).to_string());
        }
        Ok(if append { old + &v } else { v })
    }

    async fn assign_array(
        &mut self,
        name: &str,
        append: bool,
        items: Vec<(Option<String>, String)>,
    ) -> Result<(), String> {
        let is_assoc = self
            .vars
            .get(name)
            .is_some_and(|v| v.kind == Kind::Assoc || matches!(v.value, Some(Value::Assoc(_))));
        let integer = self.vars.get(name).is_some_and(|v| v.attrs.integer);
        let mut values = Vec::with_capacity(items.len());
        for (k, v) in items {
            let v = if integer { self.arith(&v)?.to_string() } else { v };
            values.push((k, v));
        }
        // The new elements are counted against `mem` before anything
        // changes; what they replace is given back below.
        let grow: u64 = values
            .iter()
            .map(|(k, v)| super::vars::text_cost(v) + 8 + k.as_ref().map_or(0, |k| k.len() as u64))
            .sum();
        self.proc
            .charge_mem(grow)
            .map_err(|e| format!("{name}: {}", kernel::limits::describe(&e)))?;
        // Appending moves the old elements over rather than copying them,
        // so `a+=(x)` in a loop stays linear.
        let var = self.vars.entry(name);
        let old = if append {
            var.value.take()
        } else {
            self.proc.release_mem(var.cost());
            None
        };
        if is_assoc {
            let mut m = match old {
                Some(Value::Assoc(m)) => m,
                _ => Default::default(),
            };
            // Keys given, or (bash 5.2) alternating key and value.
            let mut pending: Option<String> = None;
            for (k, v) in values {
                let key = match (k, pending.take()) {
                    (Some(k), _) => k,
                    (None, Some(key)) => key,
                    (None, None) => {
                        pending = Some(v);
                        continue;
                    }
                };
                if let Some(r) = m.get(&key) {
                    self.proc.release_mem(super::vars::text_cost(r));
                }
                m.insert(key, v);
            }
            if let Some(key) = pending {
                m.insert(key, String::new());
            }
            var.value = Some(Value::Assoc(m));
            var.kind = Kind::Assoc;
        } else {
            let mut m = match old {
                Some(Value::Indexed(m)) => m,
                Some(Value::Str(s)) => [(0, s)].into(),
                _ => Default::default(),
            };
            let mut next = m.keys().next_back().map_or(0, |k| k + 1);
            let mut failed = None;
            for (k, v) in values {
                let i = match &k {
                    Some(k) => match self.arith(k) {
                        Ok(i) => i,
                        Err(e) => {
                            failed = Some(e.to_string());
                            break;
                        }
                    },
                    None => next,
                };
                let i = if i < 0 {
                    match resolve_index(&m, i) {
                        Some(i) => i,
                        None => {
                            // bash names the word, skips it and goes on.
                            let word = format!("[{}]={v}", k.as_deref().unwrap_or_default());
                            self.error(&format!("{word}: bad array subscript")).await;
                            continue;
                        }
                    }
                } else {
                    i
                };
                if let Some(r) = m.insert(i, v) {
                    self.proc.release_mem(super::vars::text_cost(&r));
                }
                next = i + 1;
            }
            // The elements assigned before an error stay, as in bash.
            let var = self.vars.entry(name);
            var.value = Some(Value::Indexed(m));
            var.kind = Kind::Indexed;
            if let Some(e) = failed {
                return Err(e);
            }
        }
        Ok(())
    }

    /// Set one element (`a[i]=v`, `m[k]=v`); `key` is already evaluated.
    pub fn set_element_sync(&mut self, name: &str, key: &str, value: &str) -> Result<(), String> {
        let var = self.vars.entry(name);
        if var.attrs.readonly {
            return Err(format!("{name}: readonly variable"));
        }
        let value = super::transform(&var.attrs, value);
        // Counted against `mem` before it is stored (an element replaced
        // is given back once it is).
        self.proc
            .charge_mem(super::vars::text_cost(&value) + 8 + key.len() as u64)
            .map_err(|e| format!("{name}: {}", kernel::limits::describe(&e)))?;
        let var = self.vars.entry(name);
        let assoc = var.kind == Kind::Assoc || matches!(var.value, Some(Value::Assoc(_)));
        if assoc {
            match &mut var.value {
                Some(Value::Assoc(m)) => {
                    if let Some(r) = m.get(key) {
                        self.proc.release_mem(super::vars::text_cost(r) + 8 + key.len() as u64);
                    }
                    m.insert(key.to_string(), value);
                }
                slot => *slot = Some(Value::Assoc([(key.to_string(), value)].into())),
            }
            var.kind = Kind::Assoc;
            return Ok(());
        }
        let i: i64 = key.parse().map_err(|_| format!("{name}: bad array subscript"))?;
        let m = match &mut var.value {
            Some(Value::Indexed(m)) => m,
            slot => {
                let old = match slot.take() {
                    Some(Value::Str(s)) => [(0i64, s)].into(),
                    _ => Default::default(),
                };
                *slot = Some(Value::Indexed(old));
                match slot {
                    Some(Value::Indexed(m)) => m,
                    _ => unreachable!("just set"),
                }
            }
        };
        let Some(i) = resolve_index(m, i) else {
            self.proc
                .release_mem(super::vars::text_cost(&value) + 8 + key.len() as u64);
            return Err(format!("{name}[{i}]: bad array subscript"));
        };
        if let Some(r) = m.insert(i, value) {
            self.proc.release_mem(super::vars::text_cost(&r) + 8 + key.len() as u64);
        }
        var.kind = Kind::Indexed;
        Ok(())
    }

    /// `${x:=w}` and `read`'s assignments: report errors and abort.
    pub async fn assign_scalar(&mut self, name: &str, value: &str) -> Result<(), Flow> {
        if let Err(msg) = self
            .assign(name, None, false, AssignVal::Scalar(value.to_string()))
            .await
        {
            self.error(&msg).await;
            return Err(Flow::Abort(1));
        }
        Ok(())
    }

    pub async fn assign_element(&mut self, name: &str, key: &str, value: &str) -> Result<(), Flow> {
        if let Err(msg) = self.set_element_sync(name, key, value) {
            self.error(&msg).await;
            return Err(Flow::Abort(1));
        }
        Ok(())
    }

    /// Assignments before a builtin or function: set them (exported) and
    /// answer what to restore.
    async fn temp_assign(
        &mut self,
        assigns: &[(&Assign, AssignVal)],
    ) -> Result<Vec<(String, Option<super::vars::Var>)>, Flow> {
        let mut saved = Vec::new();
        if assigns.is_empty() {
            return Ok(saved);
        }
        for (a, v) in assigns {
            let AssignVal::Scalar(v) = v else { continue };
            if !self.prefix_assignable(&a.name).await {
                continue;
            }
            saved.push((a.name.clone(), self.vars.get(&a.name).cloned()));
            if let Err(msg) = self.set(&a.name, v) {
                self.error(&msg).await;
                return Err(Flow::Abort(1));
            }
            self.vars.entry(&a.name).attrs.export = true;
        }
        Ok(saved)
    }

    /// May a command's prefix assignment set `name`? A readonly one is
    /// reported and left out while the command still runs, as bash does
    /// outside POSIX mode.
    async fn prefix_assignable(&mut self, name: &str) -> bool {
        if !self.vars.get(name).is_some_and(|v| v.attrs.readonly) {
            return true;
        }
        self.error(&format!("{name}: readonly variable")).await;
        false
    }

    /// Take in what others changed in the environment group since the
    /// shell last wrote it (`echo v > /env/NAME`, `rm /env/NAME`, a process
    /// sharing the group): such names become exported variables, or are
    /// unset, so that the shell's next write keeps the change and its
    /// children see it, as children of Plan 9's rc see /env.
    fn import_environ(&mut self) {
        let now = self.proc.process().env();
        if now == self.params.environ {
            return;
        }
        let last = std::mem::replace(&mut self.params.environ, now.clone());
        for (k, v) in &now {
            if last.get(k) != Some(v) && crate::parse::is_name(k) && self.set(k, v).is_ok() {
                self.vars.entry(k).attrs.export = true;
            }
        }
        for k in last.keys() {
            if !now.contains_key(k) && crate::parse::is_name(k) {
                self.unset_var(k);
            }
        }
    }

    fn undo_temp_assign(&mut self, saved: Vec<(String, Option<super::vars::Var>)>) {
        for (name, old) in saved.into_iter().rev() {
            match old {
                Some(v) => *self.vars.entry(&name) = v,
                None => {
                    self.unset_var(&name);
                }
            }
        }
    }

    async fn run_compound(&mut self, c: &Compound) -> Res {
        match c {
            Compound::Group(list) => self.run_list(list).await,
            Compound::Subshell(list) => {
                let mut child = self.fork();
                let list = list.clone();
                let target = Target::oneshot(move |proc| async move {
                    child.proc = proc;
                    child.run_subshell_list(&list).await
                });
                match self.proc.spawn(target, SpawnOpts::default()).await {
                    Ok(pid) => Ok(self.wait_child(pid).await),
                    Err(e) => {
                        self.error(&format!("fork: {}", kernel::limits::describe(&e))).await;
                        Ok(1)
                    }
                }
            }
            Compound::If { arms, otherwise } => {
                for (cond, body) in arms {
                    self.nest.conditions += 1;
                    let r = self.run_list(cond).await;
                    self.nest.conditions -= 1;
                    if r? == 0 {
                        return self.run_list(body).await;
                    }
                }
                match otherwise {
                    Some(body) => self.run_list(body).await,
                    None => Ok(0),
                }
            }
            Compound::Loop { until, cond, body } => {
                let mut status = 0;
                self.nest.loops += 1;
                let r = loop {
                    if let Err(f) = self.checkpoint().await {
                        break Err(f);
                    }
                    self.nest.conditions += 1;
                    let c = self.run_list(cond).await;
                    self.nest.conditions -= 1;
                    let c = match c {
                        Ok(c) => c,
                        Err(Flow::Break(n)) => break loop_break(n, self.params.status),
                        Err(Flow::Continue(n)) if n > 1 => break Err(Flow::Continue(n - 1)),
                        Err(Flow::Continue(_)) => continue,
                        Err(f) => break Err(f),
                    };
                    if (c == 0) == *until {
                        break Ok(status);
                    }
                    match self.run_list(body).await {
                        Ok(s) => status = s,
                        Err(Flow::Break(n)) => break loop_break(n, self.params.status),
                        Err(Flow::Continue(n)) if n > 1 => break Err(Flow::Continue(n - 1)),
                        Err(Flow::Continue(_)) => status = self.params.status,
                        Err(f) => break Err(f),
                    }
                };
                self.nest.loops -= 1;
                r
            }
            Compound::For {
                var,
                words,
                body,
                select,
            } => {
                if !super::parse::is_name(var) {
                    self.error(&format!("`{var}': not a valid identifier")).await;
                    return Ok(1);
                }
                let items = match words {
                    Some(ws) => self.expand_argv(ws).await?,
                    None => self.params.positional.to_vec(),
                };
                if *select {
                    return self.run_select(c, var, &items, body).await;
                }
                self.nest.loops += 1;
                let mut result = Ok(0);
                for item in items {
                    if let Err(f) = self.checkpoint().await {
                        result = Err(f);
                        break;
                    }
                    if self.opts.xtrace {
                        // Each round shows the header as written.
                        let header = super::print::header(c);
                        self.trace(&header).await;
                    }
                    if let Err(f) = self.announce_compound(c).await {
                        result = Err(f);
                        break;
                    }
                    if let Err(msg) = self.set(var, &item) {
                        self.error(&msg).await;
                        result = Err(Flow::Abort(1));
                        break;
                    }
                    result = match self.run_list(body).await {
                        Ok(s) => Ok(s),
                        Err(Flow::Break(n)) => {
                            result = loop_break(n, self.params.status);
                            break;
                        }
                        Err(Flow::Continue(n)) if n > 1 => {
                            result = Err(Flow::Continue(n - 1));
                            break;
                        }
                        Err(Flow::Continue(_)) => Ok(self.params.status),
                        Err(f) => {
                            result = Err(f);
                            break;
                        }
                    };
                }
                self.nest.loops -= 1;
                result
            }
            Compound::ArithFor { init, cond, step, body } => {
                self.announce_arith(init).await?;
                self.arith_part(init).await?;
                let mut status = 0;
                self.nest.loops += 1;
                let r = loop {
                    if let Err(f) = self.checkpoint().await {
                        break Err(f);
                    }
                    if let Err(f) = self.announce_arith(cond).await {
                        break Err(f);
                    }
                    let c = if cond.unquoted_text().trim().is_empty() {
                        if self.opts.xtrace {
                            self.trace("(( 1 ))").await;
                        }
                        1
                    } else {
                        match self.arith_part(cond).await {
                            Ok(v) => v,
                            Err(f) => break Err(f),
                        }
                    };
                    if c == 0 {
                        break Ok(status);
                    }
                    match self.run_list(body).await {
                        Ok(s) => status = s,
                        Err(Flow::Break(n)) => break loop_break(n, self.params.status),
                        Err(Flow::Continue(n)) if n > 1 => break Err(Flow::Continue(n - 1)),
                        Err(Flow::Continue(_)) => {}
                        Err(f) => break Err(f),
                    }
                    if let Err(f) = self.announce_arith(step).await {
                        break Err(f);
                    }
                    if let Err(f) = self.arith_part(step).await {
                        break Err(f);
                    }
                };
                self.nest.loops -= 1;
                r
            }
            Compound::Case { word, arms } => {
                self.announce_compound(c).await?;
                if self.opts.xtrace {
                    let header = super::print::header(c);
                    self.trace(header.trim_end()).await;
                }
                let subject = self.expand_str(word).await?;
                let mut i = 0;
                let mut status = 0;
                let mut fall = false;
                while i < arms.len() {
                    let arm = &arms[i];
                    let mut matched = fall;
                    if !matched {
                        for p in &arm.patterns {
                            let opts = self.pattern_opts(true);
                            if self.expand_pattern_with(p, opts).await?.matches(&subject) {
                                matched = true;
                                break;
                            }
                        }
                    }
                    fall = false;
                    if matched {
                        status = self.run_list(&arm.body).await?;
                        match arm.end {
                            CaseEnd::Break => return Ok(status),
                            CaseEnd::FallThrough => fall = true,
                            CaseEnd::Continue => {}
                        }
                    }
                    i += 1;
                }
                Ok(status)
            }
            Compound::Arith(w) => {
                self.announce_compound(c).await?;
                let text = self.expand_str(w).await?;
                if self.opts.xtrace {
                    self.trace(&format!("(( {text} ))")).await;
                }
                match self.arith(&text) {
                    Ok(v) => Ok(i32::from(v == 0)),
                    Err(msg) => {
                        self.error(&format!("((: {msg}")).await;
                        Ok(1)
                    }
                }
            }
            Compound::Cond(cond) => {
                self.announce_compound(c).await?;
                let c = cond;
                match super::builtins::cond::eval(self, c).await {
                    Ok(true) => Ok(0),
                    Ok(false) => Ok(1),
                    Err(CondErr::Flow(f)) => Err(f),
                    Err(CondErr::Status(s)) => Ok(s),
                }
            }
        }
    }

    /// Let the system act between iterations of a loop: a note that ends
    /// the shell takes effect, a trapped one runs its trap.
    pub(crate) async fn checkpoint(&mut self) -> Result<(), Flow> {
        if self.proc.checkpoint().await.is_err() {
            self.note_interrupted();
        }
        self.handle_notes().await
    }

    // ---- functions ----

    pub async fn call_function(&mut self, f: &super::Func, argv: Vec<String>) -> Res {
        // bash's FUNCNEST, within the process's `calls` limit.
        let funcnest = self
            .get("FUNCNEST")
            .and_then(|s| s.parse::<usize>().ok())
            .filter(|&n| n > 0 && n < self.limits.max_calls);
        let def = &f.def;
        if self.nest.calls >= funcnest.unwrap_or(self.limits.max_calls) {
            let msg = match funcnest {
                Some(n) => format!("maximum function nesting level exceeded ({n})"),
                None => self.limits.reached("calls"),
            };
            self.error(&format!("{}: {msg}", def.name)).await;
            return Err(Flow::Abort(1));
        }
        let args: Vec<String> = argv.into_iter().skip(1).collect();
        let saved_pos = std::mem::replace(&mut self.params.positional, Arc::new(args));
        self.vars.push_scope();
        self.nest.frames.push(super::Frame {
            name: def.name.as_str().into(),
            file: f.file.clone(),
            call_line: self.at.line,
        });
        self.nest.calls += 1;
        let saved_loops = std::mem::replace(&mut self.nest.loops, 0);
        let aside = self.traps.enter_function(self.opts.errtrace, self.opts.functrace);
        let mut r = match self.apply_redirs(&def.redirs).await {
            Ok(saved) => {
                let r = match self.debug_trap_on_entry().await {
                    Ok(()) => self.run_compound(&def.body).await,
                    Err(f) => Err(f),
                };
                self.restore_redirs(saved).await;
                r
            }
            Err(status) => Ok(status),
        };
        if !matches!(r, Err(Flow::Exit(_))) {
            let status = match r {
                Ok(s) | Err(Flow::Return(s)) => s,
                _ => self.params.status,
            };
            self.params.status = status;
            if let Err(f) = self.return_trap().await {
                r = Err(f);
            }
        }
        self.traps.leave_function(aside);
        self.nest.loops = saved_loops;
        self.nest.calls -= 1;
        self.nest.frames.pop();
        let held = self.vars.pop_scope();
        self.proc.release_mem(held);
        self.params.positional = saved_pos;
        match r {
            Err(Flow::Return(s)) => Ok(s),
            Err(Flow::Break(_) | Flow::Continue(_)) => Ok(self.params.status),
            other => other,
        }
    }

    /// With `set -T`, a function's body starts with the DEBUG trap (bash
    /// runs it once more as the function is entered).
    async fn debug_trap_on_entry(&mut self) -> Result<(), Flow> {
        if self.opts.functrace {
            self.debug_trap().await?;
        }
        Ok(())
    }

    /// The file the commands being run now come from: what a function
    /// defined now records as its `BASH_SOURCE`.
    pub fn current_file(&self) -> Arc<str> {
        if let Some(f) = self.nest.frames.last() {
            return f.file.clone();
        }
        match &self.at.source {
            super::Source::Script(name) => name.as_str().into(),
            super::Source::Command => "environment".into(),
            _ => "main".into(),
        }
    }

    /// `FUNCNAME`, `BASH_SOURCE` or `BASH_LINENO`: the call stack,
    /// innermost first, with a `main` entry at the bottom when running a
    /// script file (bash has none for `-c` or standard input).
    pub fn call_stack(&self, which: &str) -> Option<Vec<String>> {
        if which == "FUNCNAME" && self.nest.calls == 0 {
            return None;
        }
        let mut out: Vec<String> = self
            .nest
            .frames
            .iter()
            .rev()
            .map(|f| match which {
                "FUNCNAME" => f.name.to_string(),
                "BASH_SOURCE" => f.file.to_string(),
                _ => f.call_line.to_string(),
            })
            .collect();
        if let super::Source::Script(name) = &self.at.source {
            out.push(match which {
                "FUNCNAME" => "main".to_string(),
                "BASH_SOURCE" => name.clone(),
                _ => "0".to_string(),
            });
        }
        (!out.is_empty()).then_some(out)
    }

    // ---- external commands ----

    /// Run argv as an external command (`command name`, skipping
    /// functions and builtins already checked).
    pub async fn run_argv_external(&mut self, argv: Vec<String>) -> Res {
        let env = self.child_env();
        self.run_external(argv, env, false).await
    }

    async fn run_external(&mut self, argv: Vec<String>, env: kernel::Env, tail: bool) -> Res {
        let name = argv[0].clone();
        let os_argv: Vec<String> = argv.iter().map(|a| bytes::to_os(a)).collect();
        let os_name = os_argv[0].clone();
        if tail && self.nest.subshell {
            // The last command of a subshell: become it.
            self.proc.rfork(kernel::Rfork {
                env: kernel::Share::Clean,
                ..kernel::Rfork::SHARE
            });
            for (k, v) in &env {
                let _ = self.proc.setenv(k, v);
            }
            let e = self.proc.exec(Target::Path(os_name), os_argv).await;
            return self.exec_failed(&name, &argv, e).await;
        }
        let opts = SpawnOpts {
            argv: os_argv,
            env: Some(env),
            ..Default::default()
        };
        match self.proc.spawn(Target::Path(os_name), opts).await {
            Ok(pid) => Ok(self.wait_child(pid).await),
            Err(e) => self.exec_failed(&name, &argv, e).await,
        }
    }

    /// A command that could not be run: report it as bash does, or run a
    /// text file without `#!` as a shell script.
    async fn exec_failed(&mut self, name: &str, argv: &[String], e: kernel::Error) -> Res {
        match e.code() {
            Errno::ENOENT if !name.contains('/') => {
                self.error(&format!("{name}: command not found")).await;
            }
            // A binary format that refused the file says why (a WASI
            // module that does not validate, or imports what is not
            // there); only a file no format knows is run as a script.
            Errno::ENOEXEC if e.explained().is_some() => {
                self.error(&format!("{name}: {}", kernel::limits::describe(&e))).await;
            }
            Errno::ENOEXEC => return self.run_as_script(name, argv).await,
            Errno::EISDIR => self.error(&format!("{name}: Is a directory")).await,
            _ => self.error(&format!("{name}: {}", kernel::limits::describe(&e))).await,
        }
        Ok(failure_status(&e))
    }

    /// bash runs an executable text file with no `#!` line as a script in
    /// a subshell.
    async fn run_as_script(&mut self, name: &str, argv: &[String]) -> Res {
        let path = self
            .resolve_command_path(name)
            .await
            .unwrap_or_else(|| name.to_string());
        let data = match self.proc.read_file(&bytes::to_os(&path)).await {
            Ok(d) => d,
            Err(e) => {
                self.error(&format!("{name}: {}", e.strerror())).await;
                return Ok(126);
            }
        };
        if data.iter().take(512).any(|&b| b == 0) {
            self.error(&format!("{name}: cannot execute binary file: Exec format error"))
                .await;
            return Ok(126);
        }
        let text = bytes::from_bytes(&data);
        let mut child = self.fork();
        child.params.arg0 = name.to_string();
        child.params.positional = Arc::new(argv[1..].to_vec());
        child.at.source = super::Source::Script(name.to_string());
        child.defs.funcs = Arc::default();
        let target = Target::oneshot(move |proc| async move {
            child.proc = proc;
            let r = child.run_text(&text).await;
            child.finish(r).await
        });
        match self.proc.spawn(target, SpawnOpts::default()).await {
            Ok(pid) => Ok(self.wait_child(pid).await),
            Err(e) => {
                self.error(&format!("fork: {}", kernel::limits::describe(&e))).await;
                Ok(126)
            }
        }
    }

    /// Where `$PATH` finds a command, if anywhere (for `type`, `command -v`).
    pub async fn resolve_command_path(&mut self, name: &str) -> Option<String> {
        if name.contains('/') {
            return Some(name.to_string());
        }
        let path = self.get("PATH").unwrap_or_default();
        for dir in path.split(':') {
            let dir = if dir.is_empty() { "." } else { dir };
            let full = format!("{}/{}", dir.trim_end_matches('/'), name);
            if let Ok(st) = self.proc.stat(&bytes::to_os(&full)).await
                && !st.is_dir()
                && st.is_executable()
            {
                return Some(full);
            }
        }
        None
    }

    // ---- eval, notes, traces ----

    /// Parse and run text in this shell: `what` is `eval`, `trap`, or the
    /// name of a sourced file, which syntax errors are reported under.
    pub async fn eval_string(&mut self, text: &str, what: &str) -> Res {
        if self.nest.evals >= self.limits.max_evals {
            let msg = self.limits.reached("evals");
            self.error(&format!("{what}: {msg}")).await;
            return Err(Flow::Abort(1));
        }
        self.nest.evals += 1;
        let saved = self.at.parse_context.replace(what.to_string());
        let r = self.run_text(&format!("{text}\n")).await;
        self.at.parse_context = saved;
        self.nest.evals -= 1;
        r
    }

    /// Run every command of `text`, one complete command at a time.
    pub async fn run_text(&mut self, text: &str) -> Res {
        let line = self.at.line;
        let mut parser = super::parse::Parser::new(text, line, true);
        let mut status = 0;
        loop {
            self.configure(&mut parser);
            match parser.next_command() {
                Ok(Some(list)) => {
                    status = self.run_list(&list).await?;
                }
                Ok(None) => break,
                Err(e) => {
                    // In eval and source a syntax error fails that command
                    // only (the script's own are handled by its loop).
                    self.at.line = parser.line();
                    self.report_parse_error(e).await;
                    return Ok(2);
                }
            }
        }
        Ok(status)
    }

    pub async fn report_parse_error(&mut self, e: super::parse::ParseError) {
        let (line, msg, text) = match e {
            super::parse::ParseError::Incomplete => {
                (self.at.line, "syntax error: unexpected end of file".to_string(), None)
            }
            super::parse::ParseError::Syntax { line, msg, text } => (line, msg, Some(text)),
        };
        let name = match (&self.at.parse_context, &self.at.source) {
            (Some(w), _) if w == "eval" || w == "trap" => format!("{}: {w}", self.params.arg0),
            (Some(file), _) => file.clone(),
            (None, super::Source::Script(n)) => n.clone(),
            (None, super::Source::Command) => format!("{}: -c", self.params.arg0),
            (None, super::Source::Stdin | super::Source::Interactive) => self.params.arg0.clone(),
        };
        let interactive = self.at.source == super::Source::Interactive && self.at.parse_context.is_none();
        let mut out = if interactive {
            format!("{name}: {msg}\n")
        } else {
            format!("{name}: line {line}: {msg}\n")
        };
        if let Some(t) = text
            && msg.starts_with("syntax error near")
        {
            if interactive {
                out.push_str(&format!("{name}: `{t}'\n"));
            } else {
                out.push_str(&format!("{name}: line {line}: `{t}'\n"));
            }
        }
        self.write_fd(2, &out).await;
    }

    /// Catch notes when a trap needs them.
    pub fn catch_notes_if_trapped(&mut self) {
        let any = self.traps.catches_notes();
        self.proc.catch_notes(any || self.opts.interactive);
    }

    /// After a call answered EINTR: queue the notes for their traps.
    pub fn note_interrupted(&mut self) {
        while let Some(n) = self.proc.take_note() {
            self.traps.pending.push(n);
        }
    }

    /// Run the traps of pending notes; a note with no trap ends the shell
    /// as it would end any process.
    pub async fn handle_notes(&mut self) -> Result<(), Flow> {
        self.note_interrupted();
        while !self.traps.pending.is_empty() {
            let note = self.traps.pending.remove(0);
            let sig = builtins::signals::by_note(&note);
            let name = sig.as_ref().map_or("TERM", |s| s.name.as_str());
            match self.traps.table.get(name).cloned() {
                Some(cmd) if cmd.is_empty() => {}
                Some(cmd) => self.run_trap(&cmd).await?,
                // An interactive shell survives what would end a script,
                // as bash ignores SIGINT, SIGTERM and SIGQUIT at a prompt,
                // and TSTP, TTIN and TTOU there too.
                None if self.opts.interactive && matches!(name, "INT" | "TERM" | "QUIT") => {}
                None => match kernel::note_action(&note) {
                    kernel::NoteAction::End => return Err(Flow::Exit(128 + sig.map_or(15, |s| s.num))),
                    kernel::NoteAction::Stop if !self.opts.interactive => self.proc.stop_self(&note).await,
                    _ => {}
                },
            }
        }
        Ok(())
    }

    /// Print a `set -x` trace line: `PS4` expanded as a prompt (with
    /// tracing off), its first character repeated once per level of
    /// command substitution, `eval`, `source` and trap text.
    pub async fn trace(&mut self, text: &str) {
        let prefix = self.trace_prefix().await;
        self.write_fd(2, &format!("{prefix}{text}\n")).await;
    }

    pub async fn trace_prefix(&mut self) -> String {
        let raw = self.get("PS4").unwrap_or_default();
        if raw.is_empty() {
            return String::new();
        }
        let ps4 = if raw.contains(['\\', '$', '`']) {
            let saved = std::mem::replace(&mut self.opts.xtrace, false);
            let p = self.expand_prompt(&raw).await;
            self.opts.xtrace = saved;
            p
        } else {
            raw
        };
        let Some(first) = ps4.chars().next() else {
            return String::new();
        };
        let level = (1 + self.nest.substs + self.nest.evals).saturating_sub(self.nest.trace_less);
        let mut prefix: String = std::iter::repeat_n(first, level.max(1)).collect();
        prefix.push_str(&ps4[first.len_utf8()..]);
        prefix
    }
}

/// True if a failing pipeline triggers `set -e` and the ERR trap. A
/// compound command whose status comes from its body (`{ }`, `if`, loops,
/// `case`) does not: the commands inside were checked themselves, so
/// `for f in a b; do [ $f = a ] && echo A; done` survives `set -e` as in
/// bash. Simple commands (function calls too), subshells, `(( ))`, `[[ ]]`
/// and multi-command pipelines do.
fn errexit_applies(p: &Pipeline) -> bool {
    match p.commands.as_slice() {
        [Command::Compound(c, _)] => matches!(c, Compound::Subshell(_) | Compound::Arith(_) | Compound::Cond(_)),
        [Command::Function(_)] => false,
        _ => true,
    }
}

/// What `break N` does to the loop it leaves.
pub(crate) fn loop_break(n: u32, status: i32) -> Res {
    if n > 1 { Err(Flow::Break(n - 1)) } else { Ok(status) }
}

/// The one command of a list that is a single simple foreground command,
/// if it is (so a subshell can exec it).
fn single_command(list: &List) -> Option<&Command> {
    match list.items.as_slice() {
        [
            Item {
                and_or,
                background: false,
            },
        ] if and_or.rest.is_empty() => match and_or.first.commands.as_slice() {
            [c @ Command::Simple(_)] if !and_or.first.bang => Some(c),
            _ => None,
        },
        _ => None,
    }
}

/// An assignment as `set -x` shows it: the name as written (`a[1]`,
/// `a+`), then the value; an array (or no value yet) as written.
fn assign_trace(a: &Assign, v: Option<&AssignVal>) -> String {
    match v {
        Some(AssignVal::Scalar(s)) => {
            let mut t = a.name.clone();
            if let Some(i) = &a.index {
                t.push_str(&format!("[{}]", super::print::word(i)));
            }
            if a.append {
                t.push('+');
            }
            format!("{t}={}", trace_value(s))
        }
        _ => super::print::assign_text(a),
    }
}

/// Quote a word for a `set -x` trace as bash does: as it is unless it
/// holds a character the shell would read specially (single quotes
/// then), or one that is not printable (`$'...'`); empty is `''`.
pub fn trace_quote(s: &str) -> String {
    if s.is_empty() {
        return "''".to_string();
    }
    trace_value(s)
}

/// An assignment's value in a trace: the same, but empty stays empty.
pub fn trace_value(s: &str) -> String {
    if has_shell_metas(s) {
        single_quote(s)
    } else if s.chars().any(|c| !(' '..='~').contains(&c)) {
        super::expand::ansic_quote(s)
    } else {
        s.to_string()
    }
}

/// bash's `sh_contains_shell_metas`.
pub fn has_shell_metas(s: &str) -> bool {
    let cs: Vec<char> = s.chars().collect();
    cs.iter().enumerate().any(|(i, &c)| match c {
        ' ' | '\t' | '\n' | '\'' | '"' | '\\' | '|' | '&' | ';' | '(' | ')' | '<' | '>' | '!' | '{' | '}' | '*'
        | '[' | '?' | ']' | '^' | '$' | '`' => true,
        '~' => i == 0 || matches!(cs[i - 1], '=' | ':'),
        '#' => i == 0,
        _ => false,
    })
}

/// bash's `sh_single_quote`: a lone `'` is `\'`.
pub fn single_quote(s: &str) -> String {
    if s == "'" {
        return "\\'".to_string();
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// How evaluating `[[ ]]` can fail.
pub enum CondErr {
    Flow(Flow),
    /// An error reported as a status (2 for a bad regex).
    Status(i32),
}

impl From<Flow> for CondErr {
    fn from(f: Flow) -> Self {
        CondErr::Flow(f)
    }
}

/// Arithmetic's view of the variables, for the integer attribute and
/// `(( ))` where the shell itself is borrowed.
pub struct IntVars<'a>(pub &'a mut Shell);

impl super::arith::Vars for IntVars<'_> {
    fn get(&mut self, name: &str, index: Option<&str>) -> Result<String, String> {
        let v = match index {
            Some(i) => self.0.element(name, i),
            None => self.0.get(name),
        };
        match v {
            Some(v) => Ok(v),
            None if self.0.opts.nounset => Err(format!("{name}: unbound variable")),
            None => Ok(String::new()),
        }
    }

    fn set(&mut self, name: &str, index: Option<&str>, value: i64) -> Result<(), String> {
        let text = value.to_string();
        match index {
            Some(i) => self.0.set_element_sync(name, i, &text),
            None => self.0.set(name, &text),
        }
    }

    fn is_assoc(&self, name: &str) -> bool {
        matches!(self.0.vars.get(name), Some(v) if v.kind == Kind::Assoc || matches!(v.value, Some(Value::Assoc(_))))
    }
}
