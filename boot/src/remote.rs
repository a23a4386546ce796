//! The host side of a served system: `ninebox run NAME -c SCRIPT`,
//! `ninebox attach NAME` and `ninebox ps`, all 9P clients of the
//! system's exporter. `run` and `attach` work through the RunFs files on
//! `/mnt/run` (see `net9::runfs`): a session, its shell's three stdio
//! streams and its status.

use std::time::Duration;

use kernel::{Errno, Error, Result};
use net9::dial::{self, Addr};
use net9::{Client, Walked};
use p9::{Tmsg, mode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The msize the host tools ask for.
const MSIZE: u32 = (64 << 10) + p9::IOHDRSZ;

/// How long `ps` waits for a system to answer.
const PS_TIMEOUT: Duration = Duration::from_secs(2);

/// Connect to the system `name` (or an address) and attach to its
/// namespace: the client and the root fid.
pub async fn connect(name: &str, aname: &str) -> Result<(Client, u32)> {
    let addr = Addr::of_system(name)?;
    let stream = dial::connect(&addr).await.map_err(|e| {
        if e.is(Errno::ENOENT) || e.is(Errno::EHUNGUP) {
            Error::with_detail(e.code(), format!("{name}: no such running system ({addr})"))
        } else {
            e
        }
    })?;
    let client = Client::connect(stream, MSIZE).await?;
    let mut op = client.op();
    let root = op.fid();
    op.attach(root, crate::USER, aname).await?;
    op.keep(root);
    op.finish().await;
    Ok((client, root))
}

/// Walk from `root` along `names` and open the result: the new fid.
async fn open(client: &Client, root: u32, names: &[&str], m: u8) -> Result<u32> {
    let mut op = client.op();
    let fid = op.fid();
    op.walk(root, fid, names).await.map_err(Walked::into_error)?;
    op.open(fid, m).await?;
    op.keep(fid);
    op.finish().await;
    Ok(fid)
}

async fn read(client: &Client, fid: u32, offset: u64) -> Result<Vec<u8>> {
    let count = client.iounit();
    match client.rpc(&Tmsg::Read { fid, offset, count }).await? {
        p9::Rmsg::Read { data } => Ok(data),
        _ => Err(Error::with_detail(Errno::EIO, "9P protocol botch: read reply")),
    }
}

async fn write(client: &Client, fid: u32, data: &[u8]) -> Result<()> {
    let mut done = 0;
    while done < data.len() {
        let n = (data.len() - done).min(client.iounit() as usize);
        let msg = Tmsg::Write {
            fid,
            offset: 0,
            data: data[done..done + n].to_vec(),
        };
        match client.rpc(&msg).await? {
            p9::Rmsg::Write { count } if count > 0 => done += count as usize,
            _ => return Err(Error::with_detail(Errno::EIO, "short write")),
        }
    }
    Ok(())
}

/// Copy a stream file to a host stream until EOF.
async fn pump_out(client: Client, fid: u32, mut to: impl tokio::io::AsyncWrite + Unpin) -> Result<()> {
    loop {
        let data = read(&client, fid, 0).await?;
        if data.is_empty() {
            return Ok(());
        }
        if to.write_all(&data).await.is_err() {
            return Ok(());
        }
        let _ = to.flush().await;
    }
}

/// Run `script` (`None`: an interactive `sh -i`) in the system `name`
/// with the host's stdio, and answer its status.
pub async fn run(name: &str, script: Option<&str>) -> Result<i32> {
    let (client, root) = connect(name, "").await?;
    let run = |file: &'static str, id: &str| -> Vec<String> {
        ["mnt", "run", id, file].iter().map(|s| s.to_string()).collect()
    };
    let clone = open(&client, root, &["mnt", "run", "clone"], mode::OREAD)
        .await
        .map_err(|e| Error::with_detail(e.code(), format!("{name}: no run service in this system: {e}")))?;
    let id = String::from_utf8_lossy(&read(&client, clone, 0).await?)
        .trim()
        .to_string();
    let fid_of = |file, m| {
        let names = run(file, &id);
        let client = client.clone();
        async move {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            open(&client, root, &names, m).await
        }
    };
    let ctl = fid_of("ctl", mode::ORDWR).await?;
    let stdout = fid_of("stdout", mode::OREAD).await?;
    let stderr = fid_of("stderr", mode::OREAD).await?;
    let stdin = fid_of("stdin", mode::OWRITE).await?;
    let status = fid_of("status", mode::OREAD).await?;
    let request = match script {
        Some(s) => format!("run\n{s}"),
        None => "attach".to_string(),
    };
    write(&client, ctl, request.as_bytes()).await?;
    let out = tokio::spawn(pump_out(client.clone(), stdout, tokio::io::stdout()));
    let err = tokio::spawn(pump_out(client.clone(), stderr, tokio::io::stderr()));
    let input = tokio::spawn(pump_in(client.clone(), stdin));
    let notes = tokio::spawn(forward_signals(client.clone(), ctl));
    let code = String::from_utf8_lossy(&read(&client, status, 0).await?)
        .trim()
        .parse()
        .unwrap_or(1);
    let _ = out.await;
    let _ = err.await;
    input.abort();
    notes.abort();
    Ok(code)
}

/// The host's stdin to the shell's, then EOF (a clunk of the fid).
async fn pump_in(client: Client, fid: u32) {
    let mut stdin = tokio::io::stdin();
    let mut buf = vec![0; 64 << 10];
    while let Ok(n) = stdin.read(&mut buf).await {
        if n == 0 || write(&client, fid, &buf[..n]).await.is_err() {
            break;
        }
    }
    let _ = client.rpc(&Tmsg::Clunk { fid }).await;
}

/// Ctrl-C (SIGINT) interrupts the remote shell's group; SIGTERM and
/// SIGHUP hang it up.
async fn forward_signals(client: Client, ctl: u32) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut int), Ok(mut term), Ok(mut hup)) = (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
    ) else {
        return;
    };
    loop {
        let note = tokio::select! {
            _ = int.recv() => "interrupt",
            _ = term.recv() => "hangup",
            _ = hup.recv() => "hangup",
        };
        let _ = write(&client, ctl, format!("note {note}").as_bytes()).await;
    }
}

/// One line per running system in the socket directory: its name, its
/// address and how many processes it runs.
pub async fn ps() -> Result<String> {
    let dir = dial::socket_dir()?;
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| dial::host_error(&dir.display().to_string(), &e))?
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_type()
                .is_ok_and(|t| std::os::unix::fs::FileTypeExt::is_socket(&t))
        })
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut out = format!("{:<16} {:>6}  {}\n", "NAME", "PROCS", "ADDRESS");
    for name in names {
        let Ok(Ok(procs)) = tokio::time::timeout(PS_TIMEOUT, count_procs(&name)).await else {
            // Nothing answers: a socket left by a system that is gone.
            continue;
        };
        let addr = Addr::Unix(dir.join(&name));
        out.push_str(&format!("{name:<16} {procs:>6}  {addr}\n"));
    }
    Ok(out)
}

async fn count_procs(name: &str) -> Result<usize> {
    let (client, root) = connect(name, "").await?;
    let dir = open(&client, root, &["proc"], mode::OREAD).await?;
    let mut n = 0;
    let mut offset = 0;
    loop {
        let data = read(&client, dir, offset).await?;
        if data.is_empty() {
            return Ok(n);
        }
        offset += data.len() as u64;
        let stats = p9::Stat::decode_all(&data)
            .map_err(|e| Error::with_detail(Errno::EIO, format!("9P protocol botch: {e:?}")))?;
        n += stats
            .iter()
            .filter(|s| s.name.bytes().all(|b| b.is_ascii_digit()))
            .count();
    }
}
