//! ConsFS: the line discipline and raw mode, driven by injected bytes.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use fileservers::conformance::{self, Profile};
use fileservers::{ConsFs, Console};
use kernel::{Caller, Clock, Errno, Fileserver, Handle, OpenFlags};

use crate::run;
use crate::system::run_as_init;

const WHO: Caller = Caller {
    pid: 1,
    uid: 1000,
    gid: 1000,
};

/// A console with no system behind it (the per-process files answer
/// ENOENT).
fn console() -> ConsFs {
    Console::server(80, 24, Clock::real(), std::sync::Weak::new())
}

async fn open(c: &ConsFs, path: &str, flags: OpenFlags) -> Handle {
    c.open(&WHO, path, flags).await.unwrap().opened().unwrap().handle
}

/// A read that must not block: input is already there.
async fn read_now(c: &ConsFs, h: Handle) -> Vec<u8> {
    tokio::time::timeout(Duration::from_secs(1), c.read(&WHO, h, 0, 1024))
        .await
        .expect("the read should not block")
        .unwrap()
}

/// In a live system, so that the per-process files (`pid`, `cputime`)
/// answer for the reader (the suite calls as pid 1, the system's init).
#[test]
fn passes_conformance() {
    run_as_init(|p| async move {
        let cons = Console::server(80, 24, Clock::real(), Arc::downgrade(p.kernel()));
        conformance::check(Arc::new(cons), Profile::FIXED).await;
        0
    });
}

#[test]
fn time_is_plan9_format_and_read_only() {
    run(async {
        let c = console();
        let h = open(&c, "/time", OpenFlags::READ).await;
        let t = String::from_utf8(c.read(&WHO, h, 0, 200).await.unwrap()).unwrap();
        assert_eq!(t.len(), 12 + 22 * 3, "{t:?}");
        let fields: Vec<u128> = t.split_whitespace().map(|f| f.parse().unwrap()).collect();
        assert_eq!(fields.len(), 4);
        assert_eq!(fields[0], fields[1] / 1_000_000_000);
        assert_eq!(fields[3], 1000);
        assert_eq!(
            c.open(&WHO, "/time", OpenFlags::WRITE).await.unwrap_err().code(),
            Errno::EPERM
        );
    });
}

/// `pid`, `ppid`, `user` and `cputime` answer for whoever reads them.
#[test]
fn per_process_files_answer_the_reader() {
    run_as_init(|p| async move {
        let cons = Console::server(80, 24, Clock::real(), Arc::downgrade(p.kernel()));
        let me = p.caller();
        let read = async |path: &str| {
            let o = cons.open(&me, path, OpenFlags::READ).await.unwrap().opened().unwrap();
            let mut out = Vec::new();
            loop {
                // Small reads: the text is rendered once, never torn.
                let chunk = cons.read(&me, o.handle, out.len() as u64, 5).await.unwrap();
                if chunk.is_empty() {
                    break;
                }
                out.extend(chunk);
            }
            cons.close(&me, o.handle).await.unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(read("/pid").await, format!("{:>11} ", p.pid()));
        assert_eq!(read("/ppid").await, format!("{:>11} ", p.ppid()));
        assert_eq!(read("/user").await, "user");
        let cpu = read("/cputime").await;
        assert_eq!(cpu.len(), 6 * 12, "{cpu:?}");
        assert_eq!(cpu.split_whitespace().count(), 6);
        let gone = Caller { pid: 999_999, ..me };
        let o = cons
            .open(&gone, "/pid", OpenFlags::READ)
            .await
            .unwrap()
            .opened()
            .unwrap();
        assert_eq!(
            cons.read(&gone, o.handle, 0, 12).await.unwrap_err().code(),
            Errno::ESRCH
        );
        0
    });
}

#[test]
fn cooked_lines_are_echoed_edited_and_released_one_at_a_time() {
    run(async {
        let c = console();
        let h = open(&c, "/cons/data", OpenFlags::READ).await;
        c.input(b"helo\x7flo wrld\x17world\nsecond\n");
        assert_eq!(read_now(&c, h).await, b"hello world\n");
        assert_eq!(read_now(&c, h).await, b"second\n", "one line per read");
        let echo = c.try_take_output();
        assert_eq!(
            echo,
            b"helo\x08 \x08lo wrld\x08 \x08\x08 \x08\x08 \x08\x08 \x08world\nsecond\n"
        );
        c.input(b"partial\x15gone\n");
        assert_eq!(read_now(&c, h).await, b"gone\n", "^U kills the line");
    });
}

#[test]
fn ctrl_d_at_line_start_is_end_of_file() {
    run(async {
        let c = console();
        let h = open(&c, "/cons/data", OpenFlags::READ).await;
        c.input(b"\x04");
        assert_eq!(read_now(&c, h).await, b"", "^D alone reads as end of file");
        c.input(b"abc\x04");
        assert_eq!(read_now(&c, h).await, b"abc", "^D mid-line releases the line");
        // A reader that asks for less than a line gets the rest next time.
        c.input(b"longer line\n");
        assert_eq!(c.read(&WHO, h, 0, 6).await.unwrap(), b"longer");
        assert_eq!(read_now(&c, h).await, b" line\n");
    });
}

#[test]
fn ctrl_c_interrupts_and_discards_the_line() {
    run(async {
        let c = console();
        let hits = Arc::new(AtomicUsize::new(0));
        let h2 = hits.clone();
        c.on_interrupt(move |note| {
            assert_eq!(note, "interrupt");
            h2.fetch_add(1, Ordering::Relaxed);
        });
        let h = open(&c, "/cons/data", OpenFlags::READ).await;
        c.input(b"typed\x03next\n");
        assert_eq!(hits.load(Ordering::Relaxed), 1);
        assert_eq!(read_now(&c, h).await, b"next\n");
        assert!(String::from_utf8(c.try_take_output()).unwrap().contains("^C\n"));
    });
}

#[test]
fn ctrl_z_posts_tstp_and_discards_the_line() {
    run(async {
        let c = console();
        let notes = Arc::new(parking_lot::Mutex::new(Vec::new()));
        let n2 = notes.clone();
        c.on_interrupt(move |note| n2.lock().push(note));
        let h = open(&c, "/cons/data", OpenFlags::READ).await;
        c.input(b"vi file\x1als\n");
        assert_eq!(*notes.lock(), ["tstp"]);
        assert_eq!(read_now(&c, h).await, b"ls\n");
        assert!(String::from_utf8(c.try_take_output()).unwrap().contains("^Z\n"));
    });
}

#[test]
fn raw_mode_lasts_while_its_ctl_is_open() {
    run(async {
        let c = console();
        let data = open(&c, "/cons/data", OpenFlags::READ).await;
        let ctl = open(&c, "/cons/ctl", OpenFlags::READWRITE).await;
        c.write(&WHO, ctl, 0, b"rawon").await.unwrap();
        assert!(c.is_raw());
        c.input(b"a\x03\x7f\x04");
        assert_eq!(read_now(&c, data).await, b"a\x03\x7f\x04", "raw bytes pass untouched");
        assert!(c.try_take_output().is_empty(), "no echo in raw mode");
        assert_eq!(c.read(&WHO, ctl, 0, 10).await.unwrap(), b"raw\n");
        c.close(&WHO, ctl).await.unwrap();
        assert!(!c.is_raw(), "closing the ctl ends raw mode");
        let ctl = open(&c, "/cons/ctl", OpenFlags::READWRITE).await;
        c.write(&WHO, ctl, 0, b"rawon\n").await.unwrap();
        c.write(&WHO, ctl, 0, b"rawoff").await.unwrap();
        assert!(!c.is_raw());
        let e = c.write(&WHO, ctl, 0, b"frob").await.unwrap_err();
        assert_eq!(e.code(), Errno::EINVAL);
    });
}

#[test]
fn a_blocked_reader_wakes_on_input_and_on_hangup() {
    run(async {
        let c = Arc::new(console());
        let h = open(&c, "/cons/data", OpenFlags::READ).await;
        let c2 = c.clone();
        let typist = async move {
            tokio::time::sleep(Duration::from_millis(10)).await;
            c2.input(b"late\n");
        };
        let (r, ()) = tokio::join!(c.read(&WHO, h, 0, 100), typist);
        assert_eq!(r.unwrap(), b"late\n");
        let c3 = c.clone();
        let (r, ()) = tokio::join!(c.read(&WHO, h, 0, 100), async move { c3.hangup() });
        assert_eq!(r.unwrap(), b"", "a hung-up console reads as end of file");
    });
}

#[test]
fn writes_are_never_split_and_size_follows_resizes() {
    run(async {
        let c = Arc::new(console());
        let a = open(&c, "/cons/data", OpenFlags::WRITE).await;
        let b = open(&c, "/cons/data", OpenFlags::WRITE).await;
        let big = vec![b'x'; 100_000];
        let small = b"[small]".to_vec();
        let (ra, rb) = tokio::join!(c.write(&WHO, a, 0, &big), c.write(&WHO, b, 0, &small));
        assert_eq!((ra.unwrap(), rb.unwrap()), (100_000, 7));
        let out = c.try_take_output();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("[small]") || text.ends_with("[small]"),
            "a write stays whole"
        );
        let s = open(&c, "/cons/size", OpenFlags::READ).await;
        assert_eq!(c.read(&WHO, s, 0, 100).await.unwrap(), b"80 24\n");
        c.resize(132, 50);
        assert_eq!(c.read(&WHO, s, 0, 100).await.unwrap(), b"132 50\n");
    });
}

#[test]
fn writers_wait_for_a_slow_screen() {
    run(async {
        let c = Arc::new(console());
        let w = open(&c, "/cons/data", OpenFlags::WRITE).await;
        let chunk = vec![b'y'; 200 * 1024];
        c.write(&WHO, w, 0, &chunk).await.unwrap();
        c.write(&WHO, w, 0, &chunk).await.unwrap();
        // Now over the limit: the next write waits until the host drains.
        let c2 = c.clone();
        let drain = async move {
            tokio::time::sleep(Duration::from_millis(10)).await;
            c2.try_take_output().len()
        };
        let (r, drained) = tokio::join!(c.write(&WHO, w, 0, b"after"), drain);
        assert_eq!(r.unwrap(), 5);
        assert_eq!(drained, 400 * 1024);
        assert_eq!(c.try_take_output(), b"after");
    });
}
