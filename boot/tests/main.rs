//! The `ninebox` binary's tests: every spec case under `tests/spec/` (one
//! test each), the CLI's own behaviour, interactive sessions driven
//! in-process, the real binary in a pseudo-terminal (tmux), and WASI
//! executables (`wasi.rs`).

mod binds;
mod cli;
mod fuse;
mod mcp;
mod pty;
mod py9p;
mod pytest;
mod sandbox;
mod serve;
mod session;
mod spec;
mod state;
mod wasi;

use std::path::Path;

use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let bin = Path::new(env!("CARGO_BIN_EXE_ninebox")).to_path_buf();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/spec");
    let oracle = std::env::var("NINEBOX_SPEC_SHELL").is_ok_and(|s| s == "bash");
    let mut trials = Vec::new();
    for case in spec::load(&dir) {
        let name = format!("spec::{}::{}", case.file, case.name);
        let ignored = case.skip.is_some() || (oracle && case.bash_diff.is_some());
        let bin = bin.clone();
        let trial = Trial::test(name, move || {
            let got = if oracle {
                spec::run_bash(&case)
            } else {
                spec::run_ninebox(&bin, &case)
            };
            let got = got.map_err(|e| Failed::from(format!("{}: {e}", case.name)))?;
            spec::check(&case, &got).map_err(Failed::from)
        })
        .with_ignored_flag(ignored);
        trials.push(trial);
    }
    if !oracle {
        trials.extend(cli::trials(&bin));
        trials.extend(state::trials(&bin));
        trials.extend(binds::trials(&bin));
        trials.extend(session::trials());
        trials.extend(sandbox::trials());
        trials.extend(pty::trials(&bin));
        trials.extend(serve::trials(&bin));
        trials.extend(fuse::trials(&bin));
        trials.extend(py9p::trials(&bin));
        trials.extend(mcp::trials(&bin));
        trials.extend(wasi::trials(&bin));
    }
    libtest_mimic::run(&args, trials).exit();
}
