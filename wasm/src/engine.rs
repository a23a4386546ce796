//! The runtime shared by every system in the host process: one wasmtime
//! `Engine` (Cranelift, fuel metering), one `Linker` holding the WASI
//! host, and the compiled modules, cached by the SHA-256 of their bytes.
//!
//! Compiling runs on a host thread counted against the `threads` limit of
//! the process that asked (so a big module never stalls the system's one
//! runtime thread), and its time is charged to that process's CPU time.
//! A module is checked before it is cached: it must validate, import
//! nothing but the calls this host provides (every unknown import is
//! named), and export `_start`.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use kernel::{Errno, Error, Proc};
use parking_lot::Mutex;
use sha2::{Digest, Sha256};
use wasmtime::{Config, Engine, InstancePre, Linker, Module};

use crate::wasi::{self, Host};

/// Bytes of WebAssembly a guest's future runs between yields to the
/// runtime (about half a millisecond of Cranelift code here): `kill`,
/// `ps` and the other processes run at least that often.
pub const YIELD_FUEL: u64 = 5_000_000;

/// The wasm stack one guest may use; overflowing it is a trap.
pub const WASM_STACK: usize = 1 << 20;

/// The cache's bounds: modules kept, and bytes of their sources.
const CACHE_MODULES: usize = 64;
const CACHE_BYTES: usize = 256 << 20;

/// A module ready to instantiate, and what it was made from.
pub struct Compiled {
    pub pre: InstancePre<Host>,
    pub hash: [u8; 32],
    /// Bytes of the module's source.
    pub size: usize,
}

struct Runtime {
    engine: Engine,
    linker: Linker<Host>,
    provided: Vec<&'static str>,
}

fn runtime() -> Result<&'static Runtime, Error> {
    static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            let mut c = Config::new();
            c.consume_fuel(true);
            c.max_wasm_stack(WASM_STACK);
            // Host calls run on the guest's fiber stack, after its wasm.
            c.async_stack_size(WASM_STACK + (3 << 20));
            let engine = Engine::new(&c).map_err(|e| format!("{e:#}"))?;
            let mut linker = Linker::new(&engine);
            let provided = wasi::define(&mut linker).map_err(|e| format!("{e:#}"))?;
            Ok(Runtime {
                engine,
                linker,
                provided,
            })
        })
        .as_ref()
        .map_err(|e| {
            Error::with_detail(
                Errno::ENOEXEC,
                format!("Exec format error: wasm: cannot start the runtime: {e}"),
            )
        })
}

pub(crate) fn engine() -> Result<&'static Engine, Error> {
    Ok(&runtime()?.engine)
}

#[derive(Default)]
struct Cache {
    modules: HashMap<[u8; 32], (Arc<Compiled>, u64)>,
    bytes: usize,
    clock: u64,
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

impl Cache {
    fn get(&mut self, hash: &[u8; 32]) -> Option<Arc<Compiled>> {
        self.clock += 1;
        let now = self.clock;
        self.modules.get_mut(hash).map(|(c, used)| {
            *used = now;
            c.clone()
        })
    }

    fn put(&mut self, c: Arc<Compiled>) {
        if c.size > CACHE_BYTES || self.modules.contains_key(&c.hash) {
            return;
        }
        while self.modules.len() >= CACHE_MODULES || self.bytes + c.size > CACHE_BYTES {
            let Some(oldest) = self.modules.iter().min_by_key(|(_, (_, used))| *used).map(|(h, _)| *h) else {
                break;
            };
            if let Some((gone, _)) = self.modules.remove(&oldest) {
                self.bytes -= gone.size;
            }
        }
        self.clock += 1;
        self.bytes += c.size;
        self.modules.insert(c.hash, (c, self.clock));
    }
}

/// The SHA-256 of a module's bytes: its key in the cache.
pub fn hash(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Whether a module with these bytes is compiled and cached.
pub fn is_cached(bytes: &[u8]) -> bool {
    cache().lock().modules.contains_key(&hash(bytes))
}

/// The compiled module for `bytes`: from the cache, or compiled on a host
/// thread counted against `by`'s `threads` limit and charged to its CPU
/// time. A module that cannot run is `ENOEXEC` with the reason.
pub async fn compile(by: &Proc, bytes: Vec<u8>) -> kernel::Result<Arc<Compiled>> {
    let key = hash(&bytes);
    if let Some(c) = cache().lock().get(&key) {
        return Ok(c);
    }
    let slot = by.kernel().thread_slot(by.process())?;
    let job = tokio::task::spawn_blocking(move || {
        let t0 = Instant::now();
        let r = compile_now(&bytes, key);
        (r, t0.elapsed())
    });
    let (r, took) = job.await.map_err(|e| {
        Error::with_detail(
            Errno::ENOEXEC,
            format!("Exec format error: wasm: the compiler failed: {e}"),
        )
    })?;
    drop(slot);
    by.charge_cpu(took);
    let c = Arc::new(r.map_err(|why| Error::with_detail(Errno::ENOEXEC, format!("Exec format error: wasm: {why}")))?);
    cache().lock().put(c.clone());
    Ok(c)
}

/// Compile and check a module here and now (on whatever thread calls).
pub fn compile_now(bytes: &[u8], hash: [u8; 32]) -> Result<Compiled, String> {
    let rt = runtime().map_err(|e| e.message().to_string())?;
    let module = Module::new(&rt.engine, bytes).map_err(|e| format!("invalid module: {e:#}"))?;
    let unknown: Vec<String> = module
        .imports()
        .filter(|i| !(i.module() == wasi::MODULE && rt.provided.contains(&i.name())))
        .map(|i| format!("{}::{}", i.module(), i.name()))
        .collect();
    if !unknown.is_empty() {
        return Err(format!("unknown imports: {}", unknown.join(", ")));
    }
    match module.get_export("_start") {
        Some(wasmtime::ExternType::Func(f)) if f.params().len() == 0 && f.results().len() == 0 => {}
        Some(_) => return Err("_start is not a function of no arguments".to_string()),
        None => return Err("no _start: not a WASI command".to_string()),
    }
    let pre = rt
        .linker
        .instantiate_pre(&module)
        .map_err(|e| format!("cannot link: {e:#}"))?;
    Ok(Compiled {
        pre,
        hash,
        size: bytes.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(module (func (export "_start")))`, by hand.
    const START_ONLY: &[u8] =
        b"\0asm\x01\0\0\0\x01\x04\x01\x60\0\0\x03\x02\x01\0\x07\x0a\x01\x06_start\0\0\x0a\x04\x01\x02\0\x0b";

    fn compiled(hash: [u8; 32], size: usize) -> Arc<Compiled> {
        let c = compile_now(START_ONLY, hash).expect("a minimal command compiles");
        Arc::new(Compiled { size, ..c })
    }

    #[test]
    fn a_minimal_command_compiles_and_bad_ones_say_why() {
        assert!(compile_now(START_ONLY, hash(START_ONLY)).is_ok());
        let e = compile_now(&START_ONLY[..20], [0; 32]).err().expect("truncated");
        assert!(e.starts_with("invalid module"), "{e}");
        // The same module without its export.
        let mut no_start = START_ONLY.to_vec();
        no_start.splice(18..30, []);
        let e = compile_now(&no_start, [0; 32]).err().expect("no export");
        assert!(e.contains("no _start"), "{e}");
    }

    #[test]
    fn the_cache_keeps_the_recently_used_within_its_bounds() {
        let mut c = Cache::default();
        for i in 0..CACHE_MODULES as u8 {
            c.put(compiled([i; 32], 1));
        }
        assert!(c.get(&[0; 32]).is_some(), "the first is used again");
        c.put(compiled([200; 32], 1));
        assert_eq!(c.modules.len(), CACHE_MODULES);
        assert!(c.get(&[0; 32]).is_some(), "recently used: kept");
        assert!(c.get(&[1; 32]).is_none(), "least recently used: gone");
        // Bytes bound: a huge module pushes out everything else.
        c.put(compiled([201; 32], CACHE_BYTES - 10));
        assert!(c.modules.len() <= 11 && c.get(&[201; 32]).is_some());
        assert!(c.bytes <= CACHE_BYTES);
        c.put(compiled([202; 32], CACHE_BYTES + 1));
        assert!(c.get(&[202; 32]).is_none(), "larger than the cache: not kept");
    }
}
