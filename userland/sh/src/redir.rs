//! Redirections.
//!
//! A redirection changes the shell's own fds: before changing fd N the
//! shell saves what N referred to (a close-on-exec copy at fd 10 or above)
//! and restores it afterwards, so one mechanism serves builtins, functions,
//! compound commands and external commands (which inherit the redirected
//! fds when spawned). `exec` with only redirections skips the restore.
//! Heredocs and here-strings become read-only in-memory files.

use kernel::{Errno, OpenFlags};

use super::ast::{Redir, RedirOp};
use super::{Flow, Shell};
use common::bytes;

/// What to put back after a command.
#[derive(Debug)]
pub struct Saved {
    fd: u32,
    /// The copy of what `fd` was, or `None` if it was closed.
    backup: Option<u32>,
}

/// Where saved copies go, out of the way of fds scripts use (0-9).
const SAVE_MIN: u32 = 10;

impl Shell {
    /// Apply redirections in order. On error the message is printed, what
    /// was done is undone, and the command's status is answered.
    pub async fn apply_redirs(&mut self, redirs: &[Redir]) -> Result<Vec<Saved>, i32> {
        let mut saved = Vec::new();
        for r in redirs {
            if let Err(status) = self.redirect(r, Some(&mut saved)).await {
                self.restore_redirs(saved).await;
                return Err(status);
            }
        }
        Ok(saved)
    }

    /// `exec 3>file`: redirections that stay.
    pub async fn apply_redirs_permanent(&mut self, redirs: &[Redir]) -> Result<(), i32> {
        for r in redirs {
            self.redirect(r, None).await?;
        }
        Ok(())
    }

    pub async fn restore_redirs(&mut self, saved: Vec<Saved>) {
        for s in saved.into_iter().rev() {
            match s.backup {
                Some(b) => {
                    let _ = self.proc.dup2(b, s.fd).await;
                    let _ = self.proc.close(b).await;
                }
                None => {
                    let _ = self.proc.close(s.fd).await;
                }
            }
        }
    }

    /// Read standard input from `fd` (which is closed) until the answer
    /// is given back to `restore_redirs`: `lastpipe`'s last stage.
    pub async fn stdin_from(&mut self, fd: u32) -> Result<Vec<Saved>, i32> {
        let mut saved = Vec::new();
        self.save(0, &mut Some(&mut saved)).await;
        match self.move_fd(fd, 0).await {
            Ok(()) => Ok(saved),
            Err(status) => {
                self.restore_redirs(saved).await;
                Err(status)
            }
        }
    }

    async fn save(&mut self, fd: u32, saved: &mut Option<&mut Vec<Saved>>) {
        let Some(list) = saved else { return };
        if list.iter().any(|s| s.fd == fd) {
            return;
        }
        let backup = match self.proc.dup_min(fd, SAVE_MIN) {
            Ok(b) => {
                let _ = self.proc.set_cloexec(b, true);
                Some(b)
            }
            Err(_) => None,
        };
        list.push(Saved { fd, backup });
    }

    /// `{name}>file` and the like: on a free fd from 10 up, which stays
    /// open after the command (as bash), its number put in `name`;
    /// `{name}>&-` closes the fd `name` holds.
    async fn redirect_named(&mut self, r: &Redir, name: &str) -> Result<(), i32> {
        let closing = matches!(r.op, RedirOp::DupIn | RedirOp::DupOut) && r.target.as_plain() == Some("-");
        if closing {
            let Some(fd) = self.get(name).and_then(|v| v.parse::<u32>().ok()) else {
                self.error(&format!("{name}: ambiguous redirect")).await;
                return Err(1);
            };
            let _ = self.proc.close(fd).await;
            return Ok(());
        }
        let mut fd = SAVE_MIN;
        while self.proc.file(fd).is_ok() {
            fd += 1;
        }
        let on_fd = Redir {
            fd: Some(fd),
            var: None,
            ..r.clone()
        };
        Box::pin(self.redirect(&on_fd, None)).await?;
        if let Err(msg) = self.set(name, &fd.to_string()) {
            let _ = self.proc.close(fd).await;
            self.error(&msg).await;
            return Err(1);
        }
        Ok(())
    }

    async fn redirect(&mut self, r: &Redir, mut saved: Option<&mut Vec<Saved>>) -> Result<(), i32> {
        if let Some(name) = &r.var {
            return self.redirect_named(r, name).await;
        }
        let fd = r.fd.unwrap_or(match r.op {
            RedirOp::In | RedirOp::ReadWrite | RedirOp::DupIn | RedirOp::HereDoc | RedirOp::HereString => 0,
            _ => 1,
        });
        let target = |e: Flow| match e {
            Flow::Abort(s) | Flow::Discard(s) | Flow::Exit(s) => s,
            _ => 1,
        };
        match r.op {
            RedirOp::HereDoc | RedirOp::HereString => {
                let mut text = self.expand_str(&r.target).await.map_err(target)?;
                if r.op == RedirOp::HereString {
                    text.push('\n');
                }
                let file = self.proc.open_bytes(bytes::to_bytes(&text), "heredoc");
                self.save(fd, &mut saved).await;
                let tmp = self.proc.install(file, SAVE_MIN, true).map_err(|_| 1)?;
                self.move_fd(tmp, fd).await
            }
            RedirOp::DupIn | RedirOp::DupOut => {
                let word = self.expand_redir_target(&r.target).await.map_err(target)?;
                if word == "-" {
                    self.save(fd, &mut saved).await;
                    let _ = self.proc.close(fd).await;
                    return Ok(());
                }
                let (num, close_src) = match word.strip_suffix('-') {
                    Some(n) => (n, true),
                    None => (word.as_str(), false),
                };
                match num.parse::<u32>() {
                    Ok(src) => {
                        if self.proc.file(src).is_err() {
                            self.error(&format!("{src}: Bad file descriptor")).await;
                            return Err(1);
                        }
                        self.save(fd, &mut saved).await;
                        if src != fd {
                            let _ = self.proc.dup2(src, fd).await;
                            if close_src {
                                let _ = self.proc.close(src).await;
                            }
                        }
                        Ok(())
                    }
                    Err(_) if r.op == RedirOp::DupOut && r.fd.is_none() => {
                        // `>&file` means `&>file`.
                        self.open_both(&word, OpenFlags::WRITE, &mut saved).await
                    }
                    Err(_) => {
                        self.error(&format!("{word}: ambiguous redirect")).await;
                        Err(1)
                    }
                }
            }
            RedirOp::OutErr | RedirOp::AppendErr => {
                let path = self.expand_redir_target(&r.target).await.map_err(target)?;
                let flags = if r.op == RedirOp::OutErr {
                    OpenFlags::WRITE
                } else {
                    OpenFlags::APPEND
                };
                if r.op == RedirOp::OutErr {
                    self.check_clobber(&path).await?;
                }
                self.open_both(&path, flags, &mut saved).await
            }
            op => {
                let path = self.expand_redir_target(&r.target).await.map_err(target)?;
                let flags = match op {
                    RedirOp::In => OpenFlags::READ,
                    RedirOp::Out => {
                        self.check_clobber(&path).await?;
                        OpenFlags::WRITE
                    }
                    RedirOp::Clobber => OpenFlags::WRITE,
                    RedirOp::Append => OpenFlags::APPEND,
                    _ => OpenFlags {
                        create: true,
                        ..OpenFlags::READWRITE
                    },
                };
                self.save(fd, &mut saved).await;
                let new = self.open_for_redirect(&path, flags).await?;
                self.move_fd(new, fd).await
            }
        }
    }

    /// `set -C`: `>` may not overwrite an existing regular file.
    async fn check_clobber(&mut self, path: &str) -> Result<(), i32> {
        if !self.opts.noclobber {
            return Ok(());
        }
        if let Ok(st) = self.proc.stat(&bytes::to_os(path)).await
            && st.kind == kernel::NodeType::File
        {
            self.error(&format!("{path}: cannot overwrite existing file")).await;
            return Err(1);
        }
        Ok(())
    }

    async fn open_for_redirect(&mut self, path: &str, flags: OpenFlags) -> Result<u32, i32> {
        match self.proc.open_file(&bytes::to_os(path), flags).await {
            Ok(file) => self.proc.install(file, SAVE_MIN, true).map_err(|_| 1),
            Err(e) => {
                let msg = match e.code() {
                    Errno::EACCES if e.detail().is_some() => "Permission denied",
                    _ => kernel::limits::describe(&e),
                };
                self.error(&format!("{path}: {msg}")).await;
                Err(1)
            }
        }
    }

    async fn open_both(
        &mut self,
        path: &str,
        flags: OpenFlags,
        saved: &mut Option<&mut Vec<Saved>>,
    ) -> Result<(), i32> {
        self.save(1, saved).await;
        self.save(2, saved).await;
        let new = self.open_for_redirect(path, flags).await?;
        let _ = self.proc.dup2(new, 2).await;
        self.move_fd(new, 1).await
    }

    /// Put the file at `from` on `to` and close `from`.
    async fn move_fd(&mut self, from: u32, to: u32) -> Result<(), i32> {
        if from == to {
            let _ = self.proc.set_cloexec(to, false);
            return Ok(());
        }
        if self.proc.dup2(from, to).await.is_err() {
            let _ = self.proc.close(from).await;
            self.error(&format!("{to}: Bad file descriptor")).await;
            return Err(1);
        }
        let _ = self.proc.close(from).await;
        Ok(())
    }
}
