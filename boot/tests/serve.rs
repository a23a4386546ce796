//! `ninebox serve` and its exporter, on the wire: a served system in
//! this process (or the real binary, for the lifecycle), reached over a
//! unix socket by our 9P client and by hand-made frames.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use boot::serve::{ServeOpts, Server};
use libtest_mimic::{Failed, Trial};
use net9::Client;
use net9::dial::{self, Addr, Stream};
use p9::{NOFID, NOTAG, Rmsg, Stat, Tmsg, mode, perm};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Every test's limit: nothing here may hang the suite.
const LIMIT: Duration = Duration::from_secs(60);

/// A served system and a private directory for its socket.
struct Served {
    server: Server,
    addr: Addr,
    dir: PathBuf,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn private_dir() -> PathBuf {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("ninebox-serve-test-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Served {
    async fn start(init: &str) -> Result<Served, Failed> {
        let dir = private_dir();
        let addr = Addr::Unix(dir.join("sock"));
        let opts = ServeOpts {
            name: "test".into(),
            listen: vec![addr.clone()],
            init: Some(init.into()),
        };
        let server = Server::start(&boot::Config::default(), opts)
            .await
            .map_err(|e| Failed::from(format!("start: {e}")))?;
        Ok(Served { server, addr, dir })
    }

    async fn client(&self) -> Client {
        let s = dial::connect(&self.addr).await.expect("connect");
        Client::connect(s, 8192 + 24).await.expect("version")
    }

    /// A client with fid 0 attached to the root.
    async fn attached(&self) -> Client {
        let c = self.client().await;
        ok(&c, attach(0, "")).await;
        c
    }

    async fn raw(&self) -> Stream {
        dial::connect(&self.addr).await.expect("connect")
    }

    async fn stop(self) {
        self.server.shutdown(Duration::from_secs(5)).await;
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn attach(fid: u32, aname: &str) -> Tmsg {
    Tmsg::Attach {
        fid,
        afid: NOFID,
        uname: "user".into(),
        aname: aname.into(),
    }
}

fn walk(fid: u32, newfid: u32, names: &[&str]) -> Tmsg {
    Tmsg::Walk {
        fid,
        newfid,
        wnames: names.iter().map(|s| s.to_string()).collect(),
    }
}

/// The reply, or the Rerror text.
async fn call(c: &Client, m: Tmsg) -> Result<Rmsg, String> {
    c.rpc(&m).await.map_err(|e| e.to_string())
}

async fn ok(c: &Client, m: Tmsg) -> Rmsg {
    let what = format!("{m:?}");
    call(c, m).await.unwrap_or_else(|e| panic!("{what}: {e}"))
}

async fn err(c: &Client, m: Tmsg) -> String {
    let what = format!("{m:?}");
    match call(c, m).await {
        Ok(r) => panic!("{what}: answered {r:?}"),
        Err(e) => e,
    }
}

/// A walk that does not reach its end: an Rwalk short of qids, or for
/// a single name an Rerror.
async fn missing(c: &Client, names: &[&str]) {
    match call(c, walk(0, 999, names)).await {
        Ok(Rmsg::Walk { qids }) => assert!(qids.len() < names.len(), "{names:?} walked"),
        Ok(r) => panic!("{r:?}"),
        Err(e) => assert_eq!(e, "file does not exist"),
    }
    assert_eq!(err(c, Tmsg::Stat { fid: 999 }).await, "unknown fid");
}

/// Walk `fid` to `names` from the root fid 0 and open it.
async fn open(c: &Client, fid: u32, names: &[&str], m: u8) {
    ok(c, walk(0, fid, names)).await;
    ok(c, Tmsg::Open { fid, mode: m }).await;
}

async fn write(c: &Client, fid: u32, data: &[u8]) {
    let m = Tmsg::Write {
        fid,
        offset: 0,
        data: data.to_vec(),
    };
    assert_eq!(
        ok(c, m).await,
        Rmsg::Write {
            count: data.len() as u32
        }
    );
}

/// Start `script` in a RunFs session: the session's ctl fid (fids
/// base..base+3 are used) and its id.
async fn session(c: &Client, base: u32, script: &str) -> String {
    open(c, base, &["mnt", "run", "clone"], mode::OREAD).await;
    let id = String::from_utf8(read(c, base, 0, 100).await.unwrap()).unwrap();
    let id = id.trim().to_string();
    open(c, base + 1, &["mnt", "run", &id, "ctl"], mode::ORDWR).await;
    write(c, base + 1, format!("run\n{script}").as_bytes()).await;
    id
}

fn qids(r: Rmsg) -> Vec<p9::Qid> {
    match r {
        Rmsg::Walk { qids } => qids,
        r => panic!("not Rwalk: {r:?}"),
    }
}

async fn stat(c: &Client, fid: u32) -> Stat {
    match ok(c, Tmsg::Stat { fid }).await {
        Rmsg::Stat { stat } => stat,
        r => panic!("not Rstat: {r:?}"),
    }
}

async fn read(c: &Client, fid: u32, offset: u64, count: u32) -> Result<Vec<u8>, String> {
    match call(c, Tmsg::Read { fid, offset, count }).await? {
        Rmsg::Read { data } => Ok(data),
        r => panic!("not Rread: {r:?}"),
    }
}

/// Write a whole frame by hand and read the reply frame (None: hung up).
async fn exchange(s: &mut Stream, frame: &[u8]) -> Option<(u16, Rmsg)> {
    s.write_all(frame).await.ok()?;
    reply(s).await
}

async fn reply(s: &mut Stream) -> Option<(u16, Rmsg)> {
    let mut size = [0; 4];
    s.read_exact(&mut size).await.ok()?;
    let mut frame = size.to_vec();
    frame.resize(u32::from_le_bytes(size) as usize, 0);
    s.read_exact(&mut frame[4..]).await.ok()?;
    Some(Rmsg::decode(&frame).expect("a reply that decodes"))
}

fn frame(tag: u16, m: &Tmsg) -> Vec<u8> {
    let mut out = Vec::new();
    m.encode(tag, &mut out).unwrap();
    out
}

fn version(msize: u32, v: &str) -> Tmsg {
    Tmsg::Version {
        msize,
        version: v.into(),
    }
}

/// A test of a served system booted with `init`.
fn trial<F, Fut>(name: &str, init: &'static str, f: F) -> Trial
where
    F: FnOnce(Served) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    Trial::test(format!("serve::{name}"), move || {
        boot::block_on(async move {
            let served = Served::start(init).await?;
            tokio::time::timeout(LIMIT, f(served))
                .await
                .map_err(|_| Failed::from("timed out"))
        })
    })
}

/// A tree for the walk and read tests.
const TREE: &str = "mkdir -p /tmp/d/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p && echo hello >/tmp/d/f && \
                    mkdir /tmp/d/dir && chmod 750 /tmp/d/dir && for i in 1 2 3 4 5 6 7 8 9 10 11 12; do : >/tmp/d/dir/file$i; done";

pub fn trials(bin: &std::path::Path) -> Vec<Trial> {
    let mut t = vec![
        trial("version_negotiates_9p2000_and_clamps_msize", "", |s| async move {
            let mut r = s.raw().await;
            let cases = [
                (8192, "9P2000.u", 8192, "9P2000"),
                (8192, "9P2000.L", 8192, "9P2000"),
                (8192, "9P1999", 8192, "unknown"),
                (1 << 30, "9P2000", net9::export::MAX_MSIZE, "9P2000"),
            ];
            for (msize, v, want_msize, want) in cases {
                let got = exchange(&mut r, &frame(NOTAG, &version(msize, v))).await;
                assert_eq!(
                    got,
                    Some((
                        NOTAG,
                        Rmsg::Version {
                            msize: want_msize,
                            version: want.into()
                        }
                    )),
                    "{v}"
                );
            }
            let (_, small) = exchange(&mut r, &frame(NOTAG, &version(100, "9P2000"))).await.unwrap();
            assert!(matches!(small, Rmsg::Error { .. }), "{small:?}");
            s.stop().await;
        }),
        trial("requests_before_version_and_auth_are_refused", "", |s| async move {
            let mut r = s.raw().await;
            let (_, e) = exchange(&mut r, &frame(1, &attach(0, ""))).await.unwrap();
            assert_eq!(e, Rmsg::error("version not negotiated"));
            exchange(&mut r, &frame(NOTAG, &version(8192, "9P2000"))).await.unwrap();
            let auth = Tmsg::Auth {
                afid: 1,
                uname: "u".into(),
                aname: "".into(),
            };
            let (_, e) = exchange(&mut r, &frame(1, &auth)).await.unwrap();
            assert_eq!(e, Rmsg::error("authentication not required"));
            let c = s.client().await;
            let with_afid = Tmsg::Attach {
                fid: 0,
                afid: 7,
                uname: "u".into(),
                aname: "".into(),
            };
            assert_eq!(err(&c, with_afid).await, "authentication not required");
            s.stop().await;
        }),
        trial("walks_of_0_and_16_names_and_17_refused", TREE, |s| async move {
            let c = s.attached().await;
            assert!(qids(ok(&c, walk(0, 1, &[])).await).is_empty());
            assert_eq!(stat(&c, 1).await.name, "/");
            let deep = [
                "tmp", "d", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n",
            ];
            let q = qids(ok(&c, walk(0, 2, &deep)).await);
            assert_eq!(q.len(), 16);
            assert!(q.iter().all(|q| q.is_dir()));
            let mut r = s.raw().await;
            exchange(&mut r, &frame(NOTAG, &version(8192, "9P2000"))).await.unwrap();
            exchange(&mut r, &frame(1, &attach(0, ""))).await.unwrap();
            // 17 names cannot be encoded by a correct client: make the frame by hand.
            let mut f = frame(2, &walk(0, 1, &deep));
            let at = 4 + 1 + 2 + 4 + 4;
            f[at..at + 2].copy_from_slice(&17u16.to_le_bytes());
            f.extend_from_slice(&1u16.to_le_bytes());
            f.push(b'o');
            let size = f.len() as u32;
            f[..4].copy_from_slice(&size.to_le_bytes());
            let (tag, e) = exchange(&mut r, &f).await.expect("an answer, not a hang-up");
            assert_eq!(tag, 2);
            assert!(matches!(e, Rmsg::Error { .. }), "{e:?}");
            s.stop().await;
        }),
        trial(
            "a_partial_walk_answers_the_qids_walked_and_makes_no_fid",
            TREE,
            |s| async move {
                let c = s.attached().await;
                let q = qids(ok(&c, walk(0, 1, &["tmp", "d", "nope", "x"])).await);
                assert_eq!(q.len(), 2);
                assert_eq!(err(&c, Tmsg::Stat { fid: 1 }).await, "unknown fid");
                assert_eq!(err(&c, walk(0, 1, &["nope"])).await, "file does not exist");
                // Through a file: the walk stops at it.
                let q = qids(ok(&c, walk(0, 1, &["tmp", "d", "f", "x"])).await);
                assert_eq!(q.len(), 3);
                assert_eq!(err(&c, Tmsg::Stat { fid: 1 }).await, "unknown fid");
                s.stop().await;
            },
        ),
        trial("dotdot_at_the_root_stays_at_the_root", TREE, |s| async move {
            let c = s.attached().await;
            let root = stat(&c, 0).await.qid;
            let q = qids(ok(&c, walk(0, 1, &[".."])).await);
            assert_eq!(q, vec![root]);
            let q = qids(ok(&c, walk(0, 2, &["tmp", "d", "..", "..", ".."])).await);
            assert_eq!(q[4], root);
            assert_eq!(q[3], root);
            s.stop().await;
        }),
        trial("fids_in_use_open_fids_and_unknown_fids", TREE, |s| async move {
            let c = s.attached().await;
            ok(&c, walk(0, 1, &["tmp"])).await;
            assert_eq!(err(&c, walk(0, 1, &["tmp"])).await, "duplicate fid");
            assert_eq!(err(&c, attach(1, "")).await, "duplicate fid");
            ok(
                &c,
                Tmsg::Open {
                    fid: 1,
                    mode: mode::OREAD,
                },
            )
            .await;
            assert_eq!(err(&c, walk(1, 2, &[])).await, "cannot walk an open fid");
            assert_eq!(
                err(
                    &c,
                    Tmsg::Open {
                        fid: 1,
                        mode: mode::OREAD
                    }
                )
                .await,
                "file already open"
            );
            assert_eq!(err(&c, Tmsg::Clunk { fid: 99 }).await, "unknown fid");
            // Walking a fid to itself moves it.
            ok(&c, walk(0, 3, &[])).await;
            ok(&c, walk(3, 3, &["tmp", "d"])).await;
            assert_eq!(stat(&c, 3).await.name, "d");
            s.stop().await;
        }),
        trial("open_modes_read_write_truncate_and_rclose", TREE, |s| async move {
            let c = s.attached().await;
            ok(&c, walk(0, 1, &["tmp", "d", "f"])).await;
            ok(
                &c,
                Tmsg::Open {
                    fid: 1,
                    mode: mode::OREAD,
                },
            )
            .await;
            assert_eq!(read(&c, 1, 0, 100).await.unwrap(), b"hello\n");
            assert_eq!(read(&c, 1, 2, 2).await.unwrap(), b"ll");
            assert_eq!(read(&c, 1, 6, 100).await.unwrap(), b"");
            let w = Tmsg::Write {
                fid: 1,
                offset: 0,
                data: b"x".to_vec(),
            };
            assert_eq!(err(&c, w).await, "file not open for writing");
            ok(&c, walk(0, 2, &["tmp", "d", "f"])).await;
            ok(
                &c,
                Tmsg::Open {
                    fid: 2,
                    mode: mode::OWRITE | mode::OTRUNC,
                },
            )
            .await;
            assert_eq!(stat(&c, 2).await.length, 0);
            let w = Tmsg::Write {
                fid: 2,
                offset: 3,
                data: b"abc".to_vec(),
            };
            assert_eq!(ok(&c, w).await, Rmsg::Write { count: 3 });
            assert_eq!(stat(&c, 2).await.length, 6);
            assert_eq!(err(&c, read_msg(2)).await, "file not open for reading");
            // A directory opens for reading only.
            ok(&c, walk(0, 3, &["tmp"])).await;
            assert_eq!(
                err(
                    &c,
                    Tmsg::Open {
                        fid: 3,
                        mode: mode::OWRITE
                    }
                )
                .await,
                "is a directory"
            );
            assert!(err(&c, Tmsg::Open { fid: 3, mode: 0x80 }).await.contains("invalid"));
            // ORCLOSE: the file goes with the fid.
            ok(&c, walk(0, 4, &["tmp", "d", "f"])).await;
            ok(
                &c,
                Tmsg::Open {
                    fid: 4,
                    mode: mode::ORDWR | mode::ORCLOSE,
                },
            )
            .await;
            ok(&c, Tmsg::Clunk { fid: 4 }).await;
            missing(&c, &["tmp", "d", "f"]).await;
            s.stop().await;
        }),
        trial("create_inherits_the_directorys_permissions", TREE, |s| async move {
            let c = s.attached().await;
            ok(&c, walk(0, 1, &["tmp", "d", "dir"])).await;
            let create = |fid, name: &str, perm, mode| Tmsg::Create {
                fid,
                name: name.into(),
                perm,
                mode,
            };
            let r = ok(&c, create(1, "new", 0o777, mode::ORDWR)).await;
            assert!(matches!(r, Rmsg::Create { .. }), "{r:?}");
            // 0777 & (~0666 | 0750 & 0666): the rw bits limited by the directory's.
            assert_eq!(stat(&c, 1).await.mode, 0o751);
            ok(&c, walk(0, 2, &["tmp", "d", "dir"])).await;
            ok(&c, create(2, "sub", perm::DMDIR | 0o777, mode::OREAD)).await;
            let st = stat(&c, 2).await;
            assert_eq!(st.mode, perm::DMDIR | 0o750);
            assert!(st.qid.is_dir());
            ok(&c, walk(0, 3, &["tmp", "d", "dir"])).await;
            assert_eq!(
                err(&c, create(3, "new", 0o644, mode::OWRITE)).await,
                "file already exists"
            );
            for bad in [".", "..", "a/b", ""] {
                assert_eq!(
                    err(&c, create(3, bad, 0o644, mode::OWRITE)).await,
                    "illegal name",
                    "{bad:?}"
                );
            }
            ok(&c, walk(0, 4, &["tmp", "d", "f"])).await;
            assert_eq!(err(&c, create(4, "x", 0o644, mode::OWRITE)).await, "not a directory");
            s.stop().await;
        }),
        trial(
            "directory_reads_are_whole_records_from_the_last_offset",
            TREE,
            |s| async move {
                let c = s.attached().await;
                ok(&c, walk(0, 1, &["tmp", "d", "dir"])).await;
                ok(
                    &c,
                    Tmsg::Open {
                        fid: 1,
                        mode: mode::OREAD,
                    },
                )
                .await;
                let mut names = Vec::new();
                let mut offset = 0;
                loop {
                    // Room for about two records each time.
                    let data = read(&c, 1, offset, 150).await.unwrap();
                    if data.is_empty() {
                        break;
                    }
                    let stats = Stat::decode_all(&data).expect("whole records");
                    assert!(!stats.is_empty() && stats.len() <= 2);
                    names.extend(stats.into_iter().map(|s| s.name));
                    offset += data.len() as u64;
                }
                names.sort();
                let mut want: Vec<String> = (1..=12).map(|i| format!("file{i}")).collect();
                want.sort();
                assert_eq!(names, want);
                assert_eq!(err(&c, read_at(1, 7)).await, "bad offset");
                // Offset 0 starts again.
                let again = read(&c, 1, 0, 8000).await.unwrap();
                assert_eq!(Stat::decode_all(&again).unwrap().len(), 12);
                assert!(err(&c, read_count(1, 0, 10)).await.contains("invalid"));
                s.stop().await;
            },
        ),
        trial(
            "wstat_changes_all_or_nothing_and_renames_in_place",
            TREE,
            |s| async move {
                let c = s.attached().await;
                ok(&c, walk(0, 1, &["tmp", "d", "f"])).await;
                ok(
                    &c,
                    Tmsg::Wstat {
                        fid: 1,
                        stat: Stat::dont_touch(),
                    },
                )
                .await;
                let mut w = Stat::dont_touch();
                w.name = "g".into();
                w.length = 2;
                w.mode = 0o600;
                ok(&c, Tmsg::Wstat { fid: 1, stat: w }).await;
                let st = stat(&c, 1).await;
                assert_eq!((st.name.as_str(), st.length, st.mode), ("g", 2, 0o600));
                missing(&c, &["tmp", "d", "f"]).await;
                // A bad field refuses the whole change: the name stays.
                let mut w = Stat::dont_touch();
                w.name = "h".into();
                w.mode = perm::DMDIR | 0o755;
                assert!(err(&c, Tmsg::Wstat { fid: 1, stat: w }).await.contains("invalid"));
                assert_eq!(stat(&c, 1).await.name, "g");
                let mut w = Stat::dont_touch();
                w.name = "h".into();
                w.uid = "nobody-at-all".into();
                assert!(err(&c, Tmsg::Wstat { fid: 1, stat: w }).await.contains("invalid"));
                assert_eq!(stat(&c, 1).await.name, "g");
                // Renaming onto an existing name is refused.
                let mut w = Stat::dont_touch();
                w.name = "dir".into();
                assert_eq!(err(&c, Tmsg::Wstat { fid: 1, stat: w }).await, "file already exists");
                s.stop().await;
            },
        ),
        trial("remove_clunks_the_fid_even_when_it_fails", TREE, |s| async move {
            let c = s.attached().await;
            ok(&c, walk(0, 1, &["tmp", "d", "dir"])).await;
            assert_eq!(err(&c, Tmsg::Remove { fid: 1 }).await, "directory not empty");
            assert_eq!(err(&c, Tmsg::Stat { fid: 1 }).await, "unknown fid");
            ok(&c, walk(0, 2, &["tmp", "d", "dir", "file1"])).await;
            ok(&c, Tmsg::Remove { fid: 2 }).await;
            missing(&c, &["tmp", "d", "dir", "file1"]).await;
            s.stop().await;
        }),
        trial("flush_cancels_a_blocked_read", "", |s| async move {
            let mut r = s.raw().await;
            exchange(&mut r, &frame(NOTAG, &version(8192, "9P2000"))).await.unwrap();
            exchange(&mut r, &frame(1, &attach(0, ""))).await.unwrap();
            exchange(&mut r, &frame(1, &walk(0, 1, &["mnt", "run", "clone"])))
                .await
                .unwrap();
            exchange(
                &mut r,
                &frame(
                    1,
                    &Tmsg::Open {
                        fid: 1,
                        mode: mode::OREAD,
                    },
                ),
            )
            .await
            .unwrap();
            let (_, Rmsg::Read { data }) = exchange(&mut r, &frame(1, &read_msg(1))).await.unwrap() else {
                panic!("clone read");
            };
            let id = String::from_utf8(data).unwrap().trim().to_string();
            exchange(&mut r, &frame(1, &walk(0, 2, &["mnt", "run", &id, "stdout"])))
                .await
                .unwrap();
            exchange(
                &mut r,
                &frame(
                    1,
                    &Tmsg::Open {
                        fid: 2,
                        mode: mode::OREAD,
                    },
                ),
            )
            .await
            .unwrap();
            // Nothing writes the session's stdout: this read blocks.
            r.write_all(&frame(7, &read_msg(2))).await.unwrap();
            let got = exchange(&mut r, &frame(8, &Tmsg::Flush { oldtag: 7 })).await.unwrap();
            assert_eq!(got, (8, Rmsg::Flush));
            // The connection goes on, and tag 7 is free again.
            let got = exchange(&mut r, &frame(7, &Tmsg::Stat { fid: 1 })).await.unwrap();
            assert_eq!(got.0, 7);
            assert!(matches!(got.1, Rmsg::Stat { .. }), "{got:?}");
            // Flushing a tag not in flight answers at once.
            assert_eq!(
                exchange(&mut r, &frame(9, &Tmsg::Flush { oldtag: 300 })).await,
                Some((9, Rmsg::Flush))
            );
            s.stop().await;
        }),
        trial("concurrent_tags_are_answered_independently", TREE, |s| async move {
            let c = s.attached().await;
            ok(&c, walk(0, 1, &["tmp", "d", "f"])).await;
            ok(
                &c,
                Tmsg::Open {
                    fid: 1,
                    mode: mode::OREAD,
                },
            )
            .await;
            let reads: Vec<_> = (0..20).map(|i| read(&c, 1, i % 6, 1)).collect();
            let got = futures_util::future::join_all(reads).await;
            for (i, g) in got.into_iter().enumerate() {
                assert_eq!(g.unwrap(), &b"hello\n"[i % 6..i % 6 + 1]);
            }
            s.stop().await;
        }),
        trial(
            "malformed_frames_get_rerror_or_hang_up_that_connection_only",
            "",
            |s| async move {
                let other = s.attached().await;
                let setup = frame(NOTAG, &version(8192, "9P2000"));
                // Unknown type: answered.
                let mut r = s.raw().await;
                exchange(&mut r, &setup).await.unwrap();
                let (tag, e) = exchange(&mut r, &[7, 0, 0, 0, 200, 5, 0]).await.expect("answered");
                assert_eq!(tag, 5);
                assert!(matches!(e, Rmsg::Error { .. }));
                // A bad string length inside a frame: answered.
                let mut f = frame(6, &walk(0, 1, &["abc"]));
                let n = f.len();
                f[n - 5..n - 3].copy_from_slice(&60u16.to_le_bytes());
                let (tag, e) = exchange(&mut r, &f).await.expect("answered");
                assert_eq!(tag, 6);
                assert!(matches!(e, Rmsg::Error { .. }));
                // Size below the header, above the msize, a reused tag: hang-ups.
                for bad in [vec![3, 0, 0, 0], (9000u32).to_le_bytes().to_vec()] {
                    let mut r = s.raw().await;
                    exchange(&mut r, &setup).await.unwrap();
                    assert_eq!(exchange(&mut r, &bad).await, None);
                }
                let mut r = s.raw().await;
                exchange(&mut r, &setup).await.unwrap();
                exchange(&mut r, &frame(1, &attach(0, ""))).await.unwrap();
                let w = frame(1, &walk(0, 1, &["mnt", "run", "clone"]));
                exchange(&mut r, &w).await.unwrap();
                exchange(
                    &mut r,
                    &frame(
                        1,
                        &Tmsg::Open {
                            fid: 1,
                            mode: mode::OREAD,
                        },
                    ),
                )
                .await
                .unwrap();
                let (_, Rmsg::Read { data }) = exchange(&mut r, &frame(1, &read_msg(1))).await.unwrap() else {
                    panic!("clone read");
                };
                let id = String::from_utf8(data).unwrap().trim().to_string();
                exchange(&mut r, &frame(1, &walk(0, 2, &["mnt", "run", &id, "status"])))
                    .await
                    .unwrap();
                exchange(
                    &mut r,
                    &frame(
                        1,
                        &Tmsg::Open {
                            fid: 2,
                            mode: mode::OREAD,
                        },
                    ),
                )
                .await
                .unwrap();
                r.write_all(&frame(3, &read_msg(2))).await.unwrap();
                assert_eq!(exchange(&mut r, &frame(3, &Tmsg::Stat { fid: 0 })).await, None);
                // The other connection never noticed.
                assert_eq!(stat(&other, 0).await.name, "/");
                s.stop().await;
            },
        ),
        trial(
            "aname_pid_serves_that_process_namespace",
            "mkdir /tmp/seen && echo mine >/tmp/seen/only",
            |s| async move {
                let c = s.attached().await;
                // A process with a namespace of its own, started through RunFs.
                let id = session(&c, 100, "rfork n; bind /tmp/seen /mnt; echo ready; sleep 1000").await;
                open(&c, 110, &["mnt", "run", &id, "stdout"], mode::OREAD).await;
                assert_eq!(read(&c, 110, 0, 100).await.unwrap(), b"ready\n");
                let pid = String::from_utf8(read(&c, 101, 0, 100).await.unwrap()).unwrap();
                let pid = pid.trim().to_string();
                let v = s.client().await;
                ok(&v, attach(0, &pid)).await;
                ok(&v, walk(0, 1, &["mnt", "only"])).await;
                // The exporter's own namespace has no such file.
                missing(&c, &["mnt", "only"]).await;
                assert!(err(&v, attach(5, "999999")).await.contains("process"));
                assert!(err(&v, attach(5, "abc")).await.contains("invalid aname"));
                s.stop().await;
            },
        ),
        trial("qids_are_stable_and_unique_across_servers", TREE, |s| async move {
            let c = s.attached().await;
            let a = qids(ok(&c, walk(0, 1, &["tmp", "d", "f"])).await);
            let b = qids(ok(&c, walk(0, 2, &["tmp", "d", "f"])).await);
            assert_eq!(a, b);
            let other = s.attached().await;
            assert_eq!(qids(ok(&other, walk(0, 1, &["tmp", "d", "f"])).await), a);
            // /tmp's root and /'s root are the roots of two servers.
            let root = stat(&c, 0).await.qid;
            assert_ne!(a[0].path, root.path);
            let dev = qids(ok(&c, walk(0, 3, &["dev"])).await)[0];
            let proc = qids(ok(&c, walk(0, 4, &["proc"])).await)[0];
            assert_ne!(dev.path, proc.path);
            s.stop().await;
        }),
        trial("a_client_gone_mid_session_leaves_nothing_running", "", |s| async move {
            let before = s.server.system.kernel.processes().len();
            {
                let c = s.attached().await;
                session(&c, 100, "sleep 1000").await;
                assert!(s.server.system.kernel.processes().len() > before);
                // The connection drops here, fids and all.
            }
            let live = || {
                s.server
                    .system
                    .kernel
                    .processes()
                    .iter()
                    .filter(|p| !p.is_zombie())
                    .count()
            };
            for _ in 0..500 {
                if live() <= before {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            assert_eq!(live(), before, "the session's shell should have been hung up");
            s.stop().await;
        }),
        trial(
            "a_hundred_clients_doing_a_thousand_operations_each",
            TREE,
            |s| async move {
                let s = std::sync::Arc::new(s);
                let mut all = Vec::new();
                for i in 0..100u32 {
                    let s = s.clone();
                    all.push(tokio::spawn(async move {
                        let c = s.attached().await;
                        for j in 0..500u32 {
                            let fid = 1 + (j % 4);
                            ok(&c, walk(0, fid, &["tmp", "d", "f"])).await;
                            ok(&c, Tmsg::Clunk { fid }).await;
                        }
                        i
                    }));
                }
                for h in all {
                    h.await.expect("a client");
                }
                let s = std::sync::Arc::into_inner(s).expect("only this test holds it");
                s.stop().await;
            },
        ),
    ];
    t.extend(lifecycle(bin));
    t.extend(importer(bin));
    t
}

/// Run the binary with `args` off the runtime's thread (the served
/// system runs on it): stdout, stderr, status.
async fn ninebox(bin: &std::path::Path, args: Vec<String>) -> (String, String, Option<i32>) {
    let bin = bin.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let out = std::process::Command::new("timeout")
            .arg("30")
            .arg(bin)
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run ninebox");
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.status.code(),
        )
    })
    .await
    .expect("the runner")
}

/// `import` and `srv` in another system, against a served one.
fn importer(bin: &std::path::Path) -> Vec<Trial> {
    let (b1, b2) = (bin.to_path_buf(), bin.to_path_buf());
    vec![
        trial(
            "import_mounts_a_remote_tree_that_works_like_any",
            TREE,
            move |s| async move {
                let addr = s.addr.to_string();
                let allow = format!("allow=unix!{}/*", s.dir.display());
                let script = format!(
                    "import -c '{addr}' /tmp/d /mnt && cat /mnt/f && echo one >/mnt/new && echo two >>/mnt/new && \
                 cat /mnt/new && mkdir /mnt/sub && mv /mnt/new /mnt/renamed && mv /mnt/renamed /mnt/sub/ && \
                 ls /mnt /mnt/sub && rm -r /mnt/sub && ls /mnt/dir | wc -l && \
                 srv '{addr}' again && mount /srv/again /n/again && cat /n/again/tmp/d/f; cat /mnt/nope"
                );
                let got = ninebox(&b1, vec!["--net".into(), allow, "-c".into(), script]).await;
                let want_out = "hello\none\ntwo\n/mnt:\na\ndir\nf\nsub\n\n/mnt/sub:\nrenamed\n12\nhello\n";
                assert_eq!(got.0, want_out, "{got:?}");
                assert_eq!(got.1, "cat: /mnt/nope: No such file or directory\n");
                assert_eq!(got.2, Some(1));
                // What the client did is there on the server.
                let c = s.attached().await;
                missing(&c, &["tmp", "d", "sub"]).await;
                s.stop().await;
            },
        ),
        trial(
            "a_dial_the_host_did_not_allow_is_permission_denied",
            "",
            move |s| async move {
                // TM-ESC-003: only the host's --net policy opens the network.
                let addr = s.addr.to_string();
                let got = ninebox(&b2, vec!["-c".into(), format!("import '{addr}' /mnt; srv '{addr}' x")]).await;
                let denied = format!("permission denied: {addr} (not allowed by --net)");
                assert!(got.1.contains(&format!("import: {addr}: {denied}")), "{got:?}");
                assert!(got.1.lines().nth(1).is_some_and(|l| l.starts_with("srv: ")), "{got:?}");
                assert_eq!(got.2, Some(1));
                s.stop().await;
            },
        ),
        trial(
            "an_import_answers_hung_up_once_its_server_is_gone",
            TREE,
            |s| async move {
                use kernel::Fileserver;
                let fs = net9::import::ImportFs::attach(s.client().await, "user", "")
                    .await
                    .unwrap();
                let who = kernel::Caller::KERNEL;
                assert_eq!(fs.stat(&who, "/tmp/d/f").await.unwrap().size, 6);
                let entries = fs.readdir(&who, "/tmp/d").await.unwrap();
                assert_eq!(entries.len(), 3);
                s.stop().await;
                let e = fs.stat(&who, "/tmp/d/f").await.unwrap_err();
                assert!(e.is(kernel::Errno::EHUNGUP), "{e}");
                assert_eq!(net9::errors::to_wire(&e), "i/o on hung-up channel");
            },
        ),
    ]
}

fn read_msg(fid: u32) -> Tmsg {
    read_count(fid, 0, 4096)
}

fn read_at(fid: u32, offset: u64) -> Tmsg {
    read_count(fid, offset, 4096)
}

fn read_count(fid: u32, offset: u64, count: u32) -> Tmsg {
    Tmsg::Read { fid, offset, count }
}

/// The real binary: `serve` prints its address, `run` and `ps` reach it,
/// SIGTERM leaves no socket file.
fn lifecycle(bin: &std::path::Path) -> Vec<Trial> {
    let bin = bin.to_path_buf();
    vec![Trial::test(
        "serve::binary_serves_runs_and_shuts_down_clean",
        move || {
            use std::io::BufRead;
            use std::process::{Command, Stdio};
            let xdg = private_dir();
            std::fs::set_permissions(&xdg, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
            let mut serve = Command::new(&bin)
                .args(["serve", "--name", "life", "--init", "echo booted >/tmp/b"])
                .env("XDG_RUNTIME_DIR", &xdg)
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| Failed::from(e.to_string()))?;
            let mut line = String::new();
            std::io::BufReader::new(serve.stdout.take().unwrap())
                .read_line(&mut line)
                .unwrap();
            let sock = xdg.join("ninebox/life");
            let stop = |serve: &mut std::process::Child| {
                let _ = Command::new("kill").args(["-TERM", &serve.id().to_string()]).status();
                for _ in 0..500 {
                    if let Ok(Some(st)) = serve.try_wait() {
                        return Some(st);
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                let _ = serve.kill();
                None
            };
            let result = (|| -> Result<(), Failed> {
                if line.trim() != format!("ninebox: life serving on unix!{}", sock.display()) {
                    return Err(format!("serve printed {line:?}").into());
                }
                let run = Command::new("timeout")
                    .args(["20"])
                    .arg(&bin)
                    .args(["run", "life", "-c", "cat /tmp/b; echo oops >&2; exit 7"])
                    .env("XDG_RUNTIME_DIR", &xdg)
                    .stdin(Stdio::null())
                    .output()
                    .map_err(|e| Failed::from(e.to_string()))?;
                let got = (
                    String::from_utf8_lossy(&run.stdout).into_owned(),
                    String::from_utf8_lossy(&run.stderr).into_owned(),
                    run.status.code(),
                );
                if got != ("booted\n".into(), "oops\n".into(), Some(7)) {
                    return Err(format!("run answered {got:?}").into());
                }
                let ps = Command::new("timeout")
                    .args(["20"])
                    .arg(&bin)
                    .arg("ps")
                    .env("XDG_RUNTIME_DIR", &xdg)
                    .output()
                    .map_err(|e| Failed::from(e.to_string()))?;
                let ps = String::from_utf8_lossy(&ps.stdout);
                if !ps.lines().any(|l| l.starts_with("life ")) {
                    return Err(format!("ps printed {ps:?}").into());
                }
                Ok(())
            })();
            let status = stop(&mut serve);
            let left = sock.exists();
            let _ = std::fs::remove_dir_all(&xdg);
            result?;
            match status {
                None => Err("serve did not end on SIGTERM".into()),
                Some(_) if left => Err("the socket file was left behind".into()),
                Some(_) => Ok(()),
            }
        },
    )]
}
