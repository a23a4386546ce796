//! Running a command the way `execvp` does, for tools that run other
//! commands (xargs, find -exec): the name is looked up in `$PATH`, and a
//! runnable file that is neither a program nor a `#!` script is run by
//! `/bin/sh`.

use kernel::{Errno, NodeType, Pid, Proc, SpawnOpts, Target};

/// Start `opts.argv` (argv[0] is the command). Errors are the lookup's:
/// `ENOENT` (127 to a shell), anything else (126).
pub async fn spawn_command(p: &Proc, opts: SpawnOpts) -> kernel::Result<Pid> {
    let name = opts.argv.first().cloned().unwrap_or_default();
    match p.spawn(Target::Path(name.clone()), opts.clone()).await {
        Err(e) if e.is(Errno::ENOEXEC) => {
            let path = find_in_path(p, &name).await.unwrap_or(name);
            let mut argv = vec!["sh".to_string(), path];
            argv.extend(opts.argv.iter().skip(1).cloned());
            let sh = SpawnOpts { argv, ..opts };
            p.spawn(Target::Path("/bin/sh".into()), sh).await
        }
        r => r,
    }
}

/// Where `$PATH` finds `name`: the first executable regular file.
pub async fn find_in_path(p: &Proc, name: &str) -> Option<String> {
    if name.contains('/') {
        return Some(name.to_string());
    }
    let path = p.getenv("PATH").unwrap_or_else(|| "/bin".into());
    for dir in path.split(':') {
        let dir = if dir.is_empty() { "." } else { dir };
        let full = format!("{dir}/{name}");
        if let Ok(st) = p.stat(&full).await
            && st.kind == NodeType::File
            && st.is_executable()
        {
            return Some(full);
        }
    }
    None
}
