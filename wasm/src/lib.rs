//! WASI executables for ninebox: a WebAssembly module in the namespace
//! runs as a process like any native command.
//!
//! * [`WasmLoader`] is the binary format the host registers with the
//!   kernel (`KernelConfig::loaders`): exec of a file starting with
//!   `\0asm` (and an execute bit) compiles it (once: [`engine`] caches by
//!   content hash) and starts it as the process's program.
//! * [`wasi`] is the `wasi_snapshot_preview1` host, written over the
//!   process's syscall surface (`kernel::Proc`): the guest's fds are the
//!   process's, its names resolve in the process's namespace, its clocks
//!   and random bytes are the kernel's. No host directory is ever opened.
//! * [`run`] runs a guest: fuel-metered so it yields to the runtime, its
//!   memory charged to the process's `mem` limit ([`limits`]), a trap
//!   ending only its process with `sys: trap: …`.
//!
//! The decisions are in `specs/wasm.md`.

pub mod abi;
pub mod engine;
pub mod limits;
pub mod run;
pub mod wasi;

use std::sync::Arc;

use kernel::exec::{Image, LoadFuture, Loader};
use kernel::{Proc, Program};

pub use engine::{Compiled, compile, compile_now};

/// The first four bytes of every WebAssembly module.
pub const MAGIC: &[u8] = b"\0asm";

/// The kernel's binary format for WebAssembly.
#[derive(Debug, Default)]
pub struct WasmLoader;

impl Loader for WasmLoader {
    fn magic(&self) -> &'static [u8] {
        MAGIC
    }

    fn load<'a>(&'a self, image: Image, by: &'a Proc) -> LoadFuture<'a> {
        Box::pin(async move {
            let compiled = engine::compile(by, image.bytes).await?;
            let name = image.name.rsplit('/').next().unwrap_or(&image.name).to_string();
            Ok(program(&name, compiled))
        })
    }
}

/// The loader as the kernel's configuration takes it.
pub fn loader() -> Arc<dyn Loader> {
    Arc::new(WasmLoader)
}

/// A native program that runs a compiled module (what `/bin` holds for a
/// WASI program installed at boot, and what exec makes of a module file).
pub fn program(name: &str, compiled: Arc<Compiled>) -> Program {
    Program::new(name, move |p| run::run(p, compiled.clone()))
}
