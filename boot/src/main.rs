//! `ninebox`: boot a fresh system and run a script in its shell, or (with
//! a terminal and no script) an interactive session.

use std::io::IsTerminal;

use clap::Parser;

/// A Plan 9-style operating system in one process.
///
/// Each run boots a fresh system and runs the script in its shell (`sh`,
/// also `bash`): from `-c`, from FILE, or from standard input. The script's
/// stdout and stderr go to the host's; the host's stdin is the script's
/// fd 0; ninebox exits with the script's status.
#[derive(Parser, Debug)]
#[command(name = "ninebox", version, about, long_about = None)]
struct Cli {
    /// Run SCRIPT; the next argument is $0, the rest $1...
    #[arg(short = 'c', value_name = "SCRIPT")]
    command: Option<String>,

    /// Make the run reproducible: /dev/random and every other random source
    /// draw from N, and the clock starts at 2026-01-01T00:00:00Z.
    #[arg(long, value_name = "N")]
    seed: Option<u64>,

    /// Keep state in the store STORE (a file; created if missing): boot
    /// from its branch (see --ref), commit on exit and every --autosave
    /// seconds. Inside, snapshot, snapshots, restore and snapdiff use it.
    #[arg(long, value_name = "STORE")]
    state: Option<String>,

    /// With --state: the branch to boot from and commit to.
    #[arg(long = "ref", value_name = "NAME", default_value = "main", requires = "state")]
    branch: String,

    /// With --state: what persists: home (/home) or all (every writable
    /// tree: / but the commands in /bin, and /tmp).
    #[arg(long, value_name = "WHAT", default_value = "home", requires = "state")]
    persist: PersistArg,

    /// With --state: commit every SECS seconds while running (0: only at
    /// exit).
    #[arg(long, value_name = "SECS", default_value_t = 60, requires = "state")]
    autosave: u64,

    /// Mount the host directory HOSTDIR at /guest/path, read-only (:ro, the
    /// default) or read-write (:rw). Repeatable. Nothing inside can reach
    /// outside HOSTDIR: `..`, symlinks out and hard links are refused.
    #[arg(long = "bind", value_name = "HOSTDIR:/guest/path[:ro|:rw]")]
    binds: Vec<boot::binds::Bind>,

    /// FILE [ARG...] (a script read from the host), or with -c: NAME [ARG...]
    #[arg(trailing_var_arg = true, value_name = "ARGS")]
    args: Vec<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum PersistArg {
    Home,
    All,
}

fn main() {
    let cli = Cli::parse();
    boot::install_panic_hook();
    let state = cli.state.as_ref().map(|location| boot::state::StateConfig {
        location: location.clone(),
        branch: cli.branch.clone(),
        persist: match cli.persist {
            PersistArg::Home => boot::state::Persist::Home,
            PersistArg::All => boot::state::Persist::All,
        },
        autosave: Some(std::time::Duration::from_secs(cli.autosave)),
    });
    let config = boot::Config {
        seed: cli.seed,
        state,
        binds: cli.binds.clone(),
    };
    let mut argv = vec!["sh".to_string()];
    match (&cli.command, cli.args.split_first()) {
        (Some(script), _) => {
            argv.push("-c".into());
            argv.push(script.clone());
            argv.extend(cli.args.iter().cloned());
        }
        (None, Some((file, rest))) => {
            // The script comes from the host: read it there and run it
            // as `sh -c`, with $0 the file's name.
            let text = match std::fs::read(file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("ninebox: {file}: {}", io_error(&e));
                    std::process::exit(if e.kind() == std::io::ErrorKind::NotFound {
                        127
                    } else {
                        126
                    });
                }
            };
            argv.push("--script".into());
            argv.push(file.clone());
            argv.push("-c".into());
            argv.push(String::from_utf8_lossy(&text).into_owned());
            argv.extend(rest.iter().cloned());
        }
        (None, None) if std::io::stdin().is_terminal() => {
            // An interactive session: the terminal is the console.
            let raw = match boot::console::RawMode::enter() {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("ninebox: cannot set up the terminal: {e}");
                    std::process::exit(1);
                }
            };
            let status = boot::block_on(async move { boot::interactive(&config).await });
            drop(raw);
            std::process::exit(status);
        }
        (None, None) => argv.push("-s".into()),
    }
    let status = boot::block_on(async move { boot::run(&config, argv).await });
    std::process::exit(status);
}

fn io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        std::io::ErrorKind::IsADirectory => "Is a directory".into(),
        _ => e.to_string(),
    }
}
