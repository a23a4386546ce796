//! A guest as a process: its store, its limits, and how it ends.

use std::sync::Arc;

use kernel::Proc;
use wasmtime::{Store, Trap};

use crate::engine::{self, Compiled, YIELD_FUEL};
use crate::wasi::{Exit, Host};

/// The status of a guest that could not be started (bash's 126: found
/// but not runnable).
const CANNOT_RUN: i32 = 126;

/// Run `_start` of the module in process `p` and answer its status.
///
/// * `proc_exit(n)` and a return from `_start` (0) are exits.
/// * A trap (out-of-bounds access, `unreachable`, stack overflow, ...)
///   is a fault: the process posts itself `sys: trap: <what>`, so it
///   prints Plan 9's `suicide:` line and shows as Broken, as a native
///   fault would.
/// * The guest's future yields every [`YIELD_FUEL`] units of fuel, so a
///   note (`kill`, an interrupt, a CPU or time limit) ends a spinning
///   guest at its next yield: the kernel drops the future, and the store
///   (memory, fds' host state) goes with it.
pub async fn run(p: Proc, compiled: Arc<Compiled>) -> i32 {
    let host = match Host::new(p.clone()).await {
        Ok(h) => h,
        Err(e) => {
            return say(
                &p,
                &format!("cannot set up the WASI fds: {}", kernel::limits::describe(&e)),
                CANNOT_RUN,
            )
            .await;
        }
    };
    let engine = match engine::engine() {
        Ok(e) => e,
        Err(e) => return say(&p, e.message(), CANNOT_RUN).await,
    };
    let mut store = Store::new(engine, host);
    store.limiter(|h| &mut h.limiter);
    if let Err(e) = store
        .set_fuel(u64::MAX)
        .and_then(|()| store.fuel_async_yield_interval(Some(YIELD_FUEL)))
    {
        return say(&p, &format!("cannot meter the guest: {e:#}"), CANNOT_RUN).await;
    }
    let instance = match compiled.pre.instantiate_async(&mut store).await {
        Ok(i) => i,
        Err(e) => {
            let why = match store.data().limiter.refused.clone() {
                Some(limit) => format!("cannot instantiate: {limit}"),
                None => format!("cannot instantiate: {e:#}"),
            };
            return say(&p, &why, CANNOT_RUN).await;
        }
    };
    let start = match instance.get_typed_func::<(), ()>(&mut store, "_start") {
        Ok(f) => f,
        Err(e) => return say(&p, &format!("{e:#}"), CANNOT_RUN).await,
    };
    let outcome = start.call_async(&mut store, ()).await;
    drop(store);
    match outcome {
        Ok(()) => 0,
        Err(e) => {
            if let Some(Exit(code)) = e.downcast_ref::<Exit>() {
                return *code;
            }
            if let Some(trap) = e.downcast_ref::<Trap>() {
                let what = trap.to_string();
                let what = what.strip_prefix("wasm trap: ").unwrap_or(&what);
                let note = truncate_note(&format!("sys: trap: {what}"));
                // Ends the process as a fault (Broken, `suicide:`); if a
                // note got there first, that one stands.
                let _ = p.kill(p.pid(), &note);
                return 128 + kernel::proc::note_number(&note);
            }
            // A host call failed in a way the guest cannot be told of.
            say(&p, &format!("{e:#}"), 1).await
        }
    }
}

/// A note is at most 127 bytes.
fn truncate_note(s: &str) -> String {
    let mut end = s.len().min(kernel::proc::NOTE_MAX);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

/// `prog: wasm: why` on stderr, answering `status`.
async fn say(p: &Proc, why: &str, status: i32) -> i32 {
    let argv = p.argv();
    let prog = argv
        .first()
        .map(|a| a.rsplit('/').next().unwrap_or(a))
        .unwrap_or("wasm");
    let _ = p.write(2, format!("{prog}: wasm: {why}\n").as_bytes()).await;
    status
}
