//! From a command name to a program to run.
//!
//! A name without a slash is looked up in each directory of `$PATH` in turn;
//! a name with one is taken as it is. A file runs if it has an execute bit
//! and either carries a native program (an exec node) or starts with
//! `#!interpreter [arg]`, in which case the interpreter runs with
//! `[interpreter, arg?, script, args...]`, itself resolved the same way up
//! to [`crate::kernel::Limits::max_interpreter_depth`] levels.
//!
//! A file that starts with the magic of a [`Loader`] (a binary format the
//! host registered at boot, as Linux's binfmt_misc: WebAssembly's `\0asm`)
//! is read whole, up to the caller's `string` limit, and the loader turns
//! it into a program; a loader's program may be the interpreter of a `#!`
//! script like any other.
//!
//! As in bash, a search skips directories and non-executable files and
//! keeps going; if it finds nothing runnable it reports the most telling
//! failure: `EACCES` if a non-executable file was seen, `ENOENT` otherwise.
//! [`failure_status`] turns these into the shell's 127 (not found) and 126
//! (found but not runnable).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::error::{Errno, Error, Result};
use crate::ns::{Devices, Last, Namespace};
use crate::path;
use crate::program::Program;
use crate::proto::{Caller, Fileserver, Handle, OpenFlags, OpenResult};
use crate::syscall::Proc;

/// What a loader answers: the program, or why the image cannot run.
pub type LoadFuture<'a> = Pin<Box<dyn Future<Output = Result<Program>> + Send + 'a>>;

/// A binary format: files starting with [`Loader::magic`] run as the
/// program [`Loader::load`] makes of their bytes. The host registers
/// loaders when it builds the kernel ([`crate::KernelConfig::loaders`]);
/// nothing inside can add one.
pub trait Loader: Send + Sync {
    /// The first bytes of every file of this format.
    fn magic(&self) -> &'static [u8];
    /// Make a program of an image. `by` is the process asking (spawn or
    /// exec): work the loader does is counted against its limits.
    fn load<'a>(&'a self, image: Image, by: &'a Proc) -> LoadFuture<'a>;
}

/// A file a loader is asked to run.
pub struct Image {
    /// The name it was found by (`./prog.wasm`, `/bin/prog`).
    pub name: String,
    /// Its whole content.
    pub bytes: Vec<u8>,
}

/// A program ready to start and the argv it starts with.
#[derive(Debug)]
pub struct Resolved {
    pub program: Program,
    pub argv: Vec<String>,
}

/// The exit status a shell reports for a command that could not be run.
pub fn failure_status(e: &Error) -> i32 {
    match e.code() {
        Errno::ENOENT | Errno::ENOTDIR => 127,
        _ => 126,
    }
}

/// Everything a lookup needs from the calling process.
pub struct Lookup<'a> {
    pub ns: &'a Namespace,
    pub devices: &'a Devices,
    pub who: Caller,
    pub cwd: &'a str,
    pub path_var: Option<&'a str>,
    pub max_depth: usize,
    /// The binary formats besides native programs and `#!` scripts.
    pub loaders: &'a [Arc<dyn Loader>],
    /// The most bytes of an image a loader is handed (the `string` limit).
    pub max_image: usize,
    /// The process resolving (what loaders count their work against).
    pub by: &'a Proc,
}

impl Lookup<'_> {
    /// Resolve `name` (argv[0] of the command) to a program.
    pub async fn resolve(&self, name: &str, argv: Vec<String>) -> Result<Resolved> {
        if name.is_empty() {
            return Err(Errno::ENOENT.into());
        }
        if name.contains('/') {
            let full = path::resolve(self.cwd, name);
            return self.try_file(&full, name, argv, 0).await;
        }
        let mut denied: Option<Error> = None;
        for dir in self.path_var.unwrap_or("/bin").split(':') {
            let dir = if dir.is_empty() { "." } else { dir };
            let full = path::resolve(self.cwd, &format!("{dir}/{name}"));
            match self.try_file(&full, &full, argv.clone(), 0).await {
                Ok(r) => return Ok(r),
                Err(e) if matches!(e.code(), Errno::ENOENT | Errno::ENOTDIR | Errno::EISDIR) => {}
                Err(e) => {
                    denied.get_or_insert(e);
                }
            }
        }
        Err(denied.unwrap_or_else(|| Errno::ENOENT.into()))
    }

    /// Try to run the file `full` (named `shown` in the script argv of an
    /// interpreter).
    async fn try_file(&self, full: &str, shown: &str, argv: Vec<String>, depth: usize) -> Result<Resolved> {
        path::check(full)?;
        let loc = self.ns.walk(self.devices, &self.who, full, Last::Translate).await?;
        let chan = loc.chan();
        let st = chan.server.stat(&self.who, &chan.path).await?;
        if st.is_dir() {
            return Err(Errno::EISDIR.into());
        }
        if !st.is_executable() {
            return Err(Errno::EACCES.into());
        }
        let native = chan.server.as_exec().and_then(|x| x.executable(&chan.path));
        if let Some(program) = native.as_ref().and_then(Program::from_opaque) {
            return Ok(Resolved { program, argv });
        }
        let OpenResult::Opened(opened) = chan.server.open(&self.who, &chan.path, OpenFlags::READ).await? else {
            return Err(Errno::ENOEXEC.into());
        };
        let head = chan.server.read(&self.who, opened.handle, 0, 256).await;
        let _ = chan.server.close(&self.who, opened.handle).await;
        let head = head?;
        if let Some(loader) = self.loaders.iter().find(|l| head.starts_with(l.magic())) {
            let bytes = read_image(&*chan.server, &self.who, &chan.path, self.max_image).await?;
            let image = Image {
                name: shown.to_string(),
                bytes,
            };
            let program = loader.load(image, self.by).await?;
            return Ok(Resolved { program, argv });
        }
        let Some(line) = head.strip_prefix(b"#!") else {
            return Err(Errno::ENOEXEC.into());
        };
        let line = line.split(|&b| b == b'\n').next().unwrap_or_default();
        let line = String::from_utf8_lossy(line);
        let line = line.trim();
        let (interp, arg) = match line.split_once([' ', '\t']) {
            Some((i, a)) => (i, Some(a.trim())),
            None => (line, None),
        };
        if interp.is_empty() {
            return Err(Errno::ENOEXEC.into());
        }
        if depth + 1 > self.max_depth {
            return Err(Error::with_detail(Errno::ELOOP, "too many levels of interpreters"));
        }
        let mut new_argv = vec![interp.to_string()];
        new_argv.extend(arg.filter(|a| !a.is_empty()).map(str::to_string));
        new_argv.push(shown.to_string());
        new_argv.extend(argv.into_iter().skip(1));
        let interp_full = path::resolve(self.cwd, interp);
        Box::pin(self.try_file(&interp_full, interp, new_argv, depth + 1)).await
    }
}

/// The whole of the file at `path`, refused with E2BIG past `max` bytes
/// (checked as it is read, so nothing larger is ever held).
async fn read_image(server: &dyn Fileserver, who: &Caller, path: &str, max: usize) -> Result<Vec<u8>> {
    let OpenResult::Opened(opened) = server.open(who, path, OpenFlags::READ).await? else {
        return Err(Errno::ENOEXEC.into());
    };
    let r = read_all(server, who, opened.handle, max).await;
    let _ = server.close(who, opened.handle).await;
    r
}

async fn read_all(server: &dyn Fileserver, who: &Caller, h: Handle, max: usize) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let chunk = server.read(who, h, out.len() as u64, 1 << 20).await?;
        if chunk.is_empty() {
            return Ok(out);
        }
        if out.len() + chunk.len() > max {
            return Err(Error::with_detail(
                Errno::E2BIG,
                format!("executable larger than the string limit ({max} bytes)"),
            ));
        }
        out.extend_from_slice(&chunk);
        // A long read yields, so a big image does not hold up the system.
        tokio::task::yield_now().await;
    }
}
