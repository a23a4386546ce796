//! Native programs: the "machine code" of ninebox.
//!
//! A program is an async function that receives its process handle (the
//! syscall surface) and returns an exit status. It lives on an exec node in a
//! fileserver, or is handed straight to `spawn` (the shell forks itself that
//! way).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::proto::Opaque;
use crate::syscall::Proc;

/// What running a program produces: its exit status.
pub type ProgramFuture = Pin<Box<dyn Future<Output = i32> + Send + 'static>>;

/// A native program that can be run any number of times.
#[derive(Clone)]
pub struct Program {
    name: Arc<str>,
    run: Arc<dyn Fn(Proc) -> ProgramFuture + Send + Sync>,
}

impl Program {
    /// Wrap an `async fn(Proc) -> i32`.
    pub fn new<F, Fut>(name: &str, f: F) -> Self
    where
        F: Fn(Proc) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = i32> + Send + 'static,
    {
        Program {
            name: name.into(),
            run: Arc::new(move |p| Box::pin(f(p))),
        }
    }

    /// The name the program was registered under (for `ps` and debugging;
    /// a process's argv[0] is what it was invoked as).
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn start(&self, p: Proc) -> ProgramFuture {
        (self.run)(p)
    }

    /// The program as an exec node carries it (`proto::ExecCapable`).
    pub fn to_opaque(&self) -> Opaque {
        Arc::new(self.clone())
    }

    /// The program an exec node carries, if what it carries is one.
    pub fn from_opaque(o: &Opaque) -> Option<Program> {
        o.downcast_ref::<Program>().cloned()
    }
}

impl fmt::Debug for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Program({})", self.name)
    }
}

/// A program that runs once: what `spawn` accepts besides a path. The shell
/// uses it to run a subshell or a pipeline member in a new process with a
/// copy of its own state.
pub type OneShot = Box<dyn FnOnce(Proc) -> ProgramFuture + Send>;

/// What a process's task starts: a reusable program or a one-shot closure.
pub(crate) enum Start {
    Program(Program),
    OneShot(OneShot),
}

impl Start {
    pub(crate) fn run(self, p: Proc) -> ProgramFuture {
        match self {
            Start::Program(prog) => prog.start(p),
            Start::OneShot(f) => f(p),
        }
    }
}

impl fmt::Debug for Start {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Start::Program(p) => write!(f, "{p:?}"),
            Start::OneShot(_) => f.write_str("OneShot"),
        }
    }
}
