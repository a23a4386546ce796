//! `ninebox`: boot a fresh system and run a script in its shell, or (with
//! a terminal and no script) an interactive session; or serve a system
//! that keeps running, and reach it from the host.

use std::io::IsTerminal;
use std::time::Duration;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use kernel::Limits;
use kernel::limits::{LIMITS, Unit};

/// A Plan 9-style operating system in one process.
///
/// Each run boots a fresh system and runs the script in its shell (`sh`,
/// also `bash`): from `-c`, from FILE, or from standard input. The script's
/// stdout and stderr go to the host's; the host's stdin is the script's
/// fd 0; ninebox exits with the script's status.
#[derive(Parser, Debug)]
#[command(name = "ninebox", version, about, long_about = None, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    cmd: Option<Cmd>,

    /// Run SCRIPT; the next argument is $0, the rest $1...
    #[arg(short = 'c', value_name = "SCRIPT")]
    command: Option<String>,

    /// Make the run reproducible: /dev/random and every other random source
    /// draw from N, and the clock starts at 2026-01-01T00:00:00Z.
    #[arg(long, value_name = "N")]
    seed: Option<u64>,

    /// Start from a profile of limits: standard (the default), strict (for
    /// untrusted scripts) or unlimited.
    #[arg(long = "limits", value_name = "PROFILE", default_value = "standard")]
    profile: String,

    /// Set one limit (repeatable), e.g. --limit procs=100 --limit fs=64M;
    /// the names are listed below.
    #[arg(long = "limit", value_name = "NAME=VALUE")]
    limit: Vec<String>,

    /// End the run after this long with status 124 (500ms, 30s, 2m; a bare
    /// number is seconds).
    #[arg(long, value_name = "TIME")]
    timeout: Option<String>,

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

    /// Addresses programs inside may dial (`srv`, `import`): `none` (the
    /// default) or `allow=ADDR[,ADDR...]`, each a dial string whose fields
    /// may be `*` (`allow=tcp!127.0.0.1!*`). Repeatable.
    #[arg(long, value_name = "POLICY", global = true, value_parser = parse_net)]
    net: Vec<net9::DialPolicy>,
    /// Mount the host directory HOSTDIR at /guest/path, read-only (:ro, the
    /// default) or read-write (:rw). Repeatable. Nothing inside can reach
    /// outside HOSTDIR: `..`, symlinks out and hard links are refused.
    #[arg(long = "bind", value_name = "HOSTDIR:/guest/path[:ro|:rw]", global = true)]
    binds: Vec<boot::binds::Bind>,

    /// Print one JSON object on stdout instead of the script's output:
    /// {"stdout", "stderr", "status", "wait", "truncated"}. stdout and
    /// stderr are strings when the bytes are valid UTF-8; when they are not,
    /// the field is replaced by stdout_base64 or stderr_base64 (standard
    /// base64 of the bytes). wait is Plan 9's wait message (empty for
    /// success, "sh PID: exit N" otherwise); truncated is true when the
    /// output limit cut the output. The exit status is still the script's.
    /// Never interactive: with no -c and no FILE the script is stdin.
    #[arg(long)]
    json: bool,

    /// FILE [ARG...] (a script read from the host), or with -c: NAME [ARG...]
    #[arg(trailing_var_arg = true, value_name = "ARGS")]
    args: Vec<String>,
}

/// The table of limits for `--help`: each name, what it counts, and its
/// value in each profile.
fn limits_help() -> String {
    let (std, strict, unl) = (Limits::standard(), Limits::strict(), Limits::unlimited());
    let mut s =
        String::from("Limits (--limit NAME=VALUE; sizes take K, M, G, T; times ms, s, m, h; or 'unlimited'):\n");
    s.push_str(&format!(
        "  {:<12} {:<10} {:<10} {:<10} {}\n",
        "NAME", "standard", "strict", "unlimited", "counts"
    ));
    for i in LIMITS {
        s.push_str(&format!(
            "  {:<12} {:<10} {:<10} {:<10} {} ({})\n",
            i.name,
            i.unit.spec(i.get(&std)),
            i.unit.spec(i.get(&strict)),
            i.unit.spec(i.get(&unl)),
            i.about,
            i.scope
        ));
    }
    s.push_str(
        "\nNINEBOX_LIMITS in the host's environment (e.g. 'strict' or 'procs=100,timeout=1m') is a\n\
         ceiling: no option and nothing inside the system goes above it.\n",
    );
    s
}

/// The run's limits: the profile, then each `--limit` and `--timeout`,
/// capped by `NINEBOX_LIMITS`.
fn limits(cli: &Cli) -> Result<Limits, String> {
    limits_of(&cli.profile, &cli.limit, cli.timeout.as_deref())
}

/// A profile, then each `--limit` and the `--timeout`, capped by
/// `NINEBOX_LIMITS`.
fn limits_of(profile: &str, items: &[String], timeout: Option<&str>) -> Result<Limits, String> {
    let mut l = Limits::profile(profile)
        .ok_or_else(|| format!("--limits {profile}: expected standard, strict or unlimited"))?;
    for item in items {
        let (name, value) = item
            .split_once('=')
            .ok_or_else(|| format!("--limit {item}: expected NAME=VALUE"))?;
        l.set(name, value).map_err(|e| format!("--limit {e}"))?;
    }
    if let Some(t) = timeout {
        let ms = Unit::Time.parse(t).map_err(|e| format!("--timeout {t}: {e}"))?;
        l.timeout = (ms != kernel::limits::UNLIMITED).then(|| Duration::from_millis(ms));
    }
    if let Ok(env) = std::env::var("NINEBOX_LIMITS") {
        let mut ceiling = Limits::unlimited();
        ceiling.apply(&env).map_err(|e| format!("NINEBOX_LIMITS: {e}"))?;
        for i in l.above(&ceiling) {
            eprintln!(
                "ninebox: {}={} is above NINEBOX_LIMITS; using {}",
                i.name,
                i.unit.spec(i.get(&l)),
                i.unit.spec(i.get(&ceiling))
            );
        }
        l.cap(&ceiling);
    }
    Ok(l)
}

/// If the run outlives its timeout by a grace period (a program that never
/// lets the system run cannot be halted), end the host process.
fn watchdog(limits: &Limits) {
    let Some(t) = limits.timeout else { return };
    let message = limits.reached("timeout");
    let _ = std::thread::Builder::new()
        .name("ninebox-watchdog".into())
        .spawn(move || {
            std::thread::sleep(t + Duration::from_secs(5));
            eprintln!("ninebox: {message} (the system did not stop by itself)");
            boot::console::restore();
            std::process::exit(124);
        });
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum PersistArg {
    Home,
    All,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Boot a system and keep it running, its namespace served over 9P
    /// on each ADDR (default: the socket of NAME, unix!$XDG_RUNTIME_DIR/ninebox/NAME
    /// or unix!/tmp/ninebox-$UID/NAME), until SIGTERM or SIGINT.
    Serve {
        /// The system's name, for attach, run, ps and mount.
        #[arg(long, default_value = "ninebox")]
        name: String,
        /// A dial string to listen on: unix!PATH or tcp!HOST!PORT (port 0
        /// picks one, printed at start). Repeatable.
        #[arg(long, value_name = "ADDR", value_parser = parse_addr)]
        listen: Vec<net9::Addr>,
        /// A script pid 1 runs before serving (a failure ends the start).
        #[arg(long, value_name = "SCRIPT")]
        init: Option<String>,
    },
    /// An interactive shell in a running system (line mode: Ctrl-C
    /// interrupts the remote shell, Ctrl-D ends it).
    Attach {
        /// A system's name or a dial string.
        name: String,
    },
    /// Run a script in a running system: its output and status are the
    /// command's.
    Run {
        /// A system's name or a dial string.
        name: String,
        /// The script.
        #[arg(short = 'c', value_name = "SCRIPT", required = true)]
        command: String,
    },
    /// Serve the Model Context Protocol on stdin and stdout: tools to
    /// write, read, list, glob, remove and output files and to run
    /// scripts, each in a named workspace (a system of its own, made on
    /// first use). See README's MCP section.
    Mcp {
        /// Print the tools' descriptions (made from this build: the
        /// commands and the limits in force) and exit.
        #[arg(long)]
        describe: bool,
        /// Each workspace's profile of limits: standard (the default),
        /// strict or unlimited.
        #[arg(long = "limits", value_name = "PROFILE", default_value = "standard")]
        profile: String,
        /// Set one limit of every workspace (repeatable), e.g. --limit
        /// procs=100 --limit fs=64M (the names are in `ninebox --help`).
        #[arg(long = "limit", value_name = "NAME=VALUE")]
        limit: Vec<String>,
        /// The time limit of each call (each `run` script), 30s unless
        /// given; 'unlimited' for none.
        #[arg(long, value_name = "TIME")]
        timeout: Option<String>,
        /// The most workspaces the server keeps; a call naming one more
        /// is refused.
        #[arg(long, value_name = "N", default_value_t = boot::mcp::DEFAULT_MAX_WORKSPACES)]
        max_workspaces: usize,
    },
    /// List the running systems of this user.
    Ps,
    /// Mount a running system's namespace on a host directory (FUSE),
    /// until SIGTERM, SIGINT or an unmount; a stale mount left there by a
    /// crashed `ninebox mount` is removed first.
    Mount {
        /// A system's name or a dial string.
        name: String,
        /// The host directory to mount on.
        mountpoint: std::path::PathBuf,
        /// Show the namespace of process PID instead of the system's.
        #[arg(long, value_name = "PID")]
        aname: Option<u64>,
        /// Refuse every change (EROFS).
        #[arg(long)]
        ro: bool,
    },
}

fn parse_net(s: &str) -> Result<net9::DialPolicy, String> {
    net9::DialPolicy::parse(s)
}

fn parse_addr(s: &str) -> Result<net9::Addr, String> {
    net9::Addr::parse(s).map_err(|e| e.to_string())
}

fn main() {
    let matches = Cli::command().after_help(limits_help()).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    boot::install_panic_hook();
    let limits = match limits(&cli) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("ninebox: {e}");
            std::process::exit(2);
        }
    };
    if let Some(Cmd::Mcp {
        describe,
        profile,
        limit,
        timeout,
        max_workspaces,
    }) = &cli.cmd
    {
        std::process::exit(mcp(
            &cli,
            profile,
            limit,
            timeout.as_deref(),
            *max_workspaces,
            *describe,
        ));
    }
    watchdog(&limits);
    let state = cli.state.as_ref().map(|location| boot::state::StateConfig {
        location: location.clone(),
        branch: cli.branch.clone(),
        persist: match cli.persist {
            PersistArg::Home => boot::state::Persist::Home,
            PersistArg::All => boot::state::Persist::All,
        },
        autosave: Some(std::time::Duration::from_secs(cli.autosave)),
    });
    let net = cli
        .net
        .iter()
        .cloned()
        .fold(net9::DialPolicy::none(), net9::DialPolicy::merge);
    let config = boot::Config {
        seed: cli.seed,
        limits,
        state,
        net,
        binds: cli.binds.clone(),
    };
    if let Some(cmd) = cli.cmd {
        std::process::exit(boot::block_on(async move { subcommand(config, cmd).await }));
    }
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
        (None, None) if !cli.json && std::io::stdin().is_terminal() => {
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
    if cli.json {
        let out = boot::block_on(async move { boot::run_captured(&config, argv).await });
        let mut text = boot::sandbox::to_json(&out).to_string();
        text.push('\n');
        let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
        std::process::exit(out.status);
    }
    let status = boot::block_on(async move { boot::run(&config, argv).await });
    std::process::exit(status);
}

async fn subcommand(config: boot::Config, cmd: Cmd) -> i32 {
    let r = match cmd {
        Cmd::Serve { name, listen, init } => serve(config, boot::serve::ServeOpts { name, listen, init }).await,
        Cmd::Attach { name } => boot::remote::run(&name, None).await,
        Cmd::Run { name, command } => boot::remote::run(&name, Some(&command)).await,
        Cmd::Mount {
            name,
            mountpoint,
            aname,
            ro,
        } => {
            boot::fuse::run(boot::fuse::MountOpts {
                system: name,
                mountpoint,
                aname,
                read_only: ro,
            })
            .await
        }
        // Handled in main before any system boots.
        Cmd::Mcp { .. } => Ok(2),
        Cmd::Ps => boot::remote::ps().await.map(|out| {
            print!("{out}");
            0
        }),
    };
    r.unwrap_or_else(|e| {
        eprintln!("ninebox: {e}");
        1
    })
}

/// `ninebox mcp`: the server's options from its own flags; what a
/// workspace cannot take yet is refused rather than ignored.
fn mcp(cli: &Cli, profile: &str, limit: &[String], timeout: Option<&str>, max: usize, describe: bool) -> i32 {
    if !cli.net.is_empty() {
        eprintln!("ninebox mcp: --net is not supported by the MCP server yet");
        return 2;
    }
    let mut limits = match limits_of(profile, limit, timeout) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("ninebox mcp: {e}");
            return 2;
        }
    };
    let unlimited = timeout.is_some() && limits.timeout.is_none();
    if timeout.is_none() && limits.timeout.is_none() {
        limits.timeout = Some(boot::mcp::DEFAULT_TIMEOUT);
    }
    let mut opts = boot::mcp::Options::new(limits);
    if unlimited {
        opts.limits.timeout = None;
    }
    opts.max_workspaces = max;
    opts.binds = cli.binds.clone();
    boot::block_on(boot::mcp::run(opts, describe))
}

/// Serve until SIGTERM or SIGINT, then shut down cleanly: every process
/// gets `hangup`, the listeners and their socket files go.
async fn serve(config: boot::Config, opts: boot::serve::ServeOpts) -> kernel::Result<i32> {
    use tokio::signal::unix::{SignalKind, signal};
    let name = opts.name.clone();
    let (Ok(mut term), Ok(mut int)) = (signal(SignalKind::terminate()), signal(SignalKind::interrupt())) else {
        return Err(kernel::Error::with_detail(kernel::Errno::EIO, "cannot catch SIGTERM"));
    };
    let server = boot::serve::Server::start(&config, opts).await?;
    let pump = tokio::spawn(boot::console::pump_output(server.system.console.clone(), false));
    for a in server.addrs() {
        println!("ninebox: {name} serving on {a}");
    }
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let code = tokio::select! {
        code = server.exited() => code,
        _ = term.recv() => server.shutdown(Duration::from_secs(5)).await,
        _ = int.recv() => server.shutdown(Duration::from_secs(5)).await,
    };
    pump.abort();
    boot::console::flush_output(&server.system.console, false);
    Ok(code)
}

fn io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        std::io::ErrorKind::IsADirectory => "Is a directory".into(),
        _ => e.to_string(),
    }
}
