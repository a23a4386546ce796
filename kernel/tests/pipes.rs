//! Pipes: EOF, EPIPE and its note, back-pressure, atomic small writes.

use std::time::Duration;

use kernel::{Errno, ProcState, SpawnOpts, Target};

use crate::support::{boot, passed};

#[test]
fn eof_once_the_last_writer_closes() {
    passed(boot().run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        p.write(w, b"abc").await.unwrap();
        assert_eq!(p.read(r, 2).await.unwrap(), b"ab");
        p.close(w).await.unwrap();
        assert_eq!(p.read(r, 10).await.unwrap(), b"c", "data written before close is kept");
        assert_eq!(p.read(r, 10).await.unwrap(), b"");
        assert_eq!(p.read(w, 1).await.unwrap_err().code(), Errno::EBADF);
        0
    }));
}

#[test]
fn writing_with_no_reader_is_epipe_and_a_note() {
    passed(boot().run(|p| async move {
        // A process that catches notes sees EPIPE and the note.
        p.catch_notes(true);
        let (r, w) = p.pipe().unwrap();
        p.close(r).await.unwrap();
        assert_eq!(p.write(w, b"x").await.unwrap_err().code(), Errno::EPIPE);
        assert_eq!(p.take_note().as_deref(), Some("sys: write on closed pipe"));
        p.catch_notes(false);
        // One that does not is ended by it: 128 + SIGPIPE.
        let (r, w) = p.pipe().unwrap();
        let writer = Target::oneshot(move |c| async move {
            let _ = c.write(w, b"lost").await;
            0
        });
        let opts = SpawnOpts {
            fd_map: vec![(r, None)],
            ..Default::default()
        };
        p.close(r).await.unwrap();
        let pid = p.spawn(writer, opts).await.unwrap();
        let s = p.wait(pid).await.unwrap();
        assert_eq!((s.code, s.reason.as_deref()), (141, Some("sys: write on closed pipe")));
        0
    }));
}

#[test]
fn writers_block_when_the_buffer_is_full() {
    passed(boot().run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        let total = 200 * 1024;
        let writer = Target::oneshot(move |c| async move {
            let data: Vec<u8> = (0..total).map(|i| (i % 251) as u8).collect();
            match c.write(w, &data).await {
                Ok(n) if n == total => 0,
                _ => 1,
            }
        });
        let opts = SpawnOpts {
            fd_map: vec![(r, None)],
            ..Default::default()
        };
        let pid = p.spawn(writer, opts).await.unwrap();
        p.close(w).await.unwrap();
        p.sleep(Duration::from_millis(20)).await.unwrap();
        let child = p.kernel().process(pid).unwrap();
        assert_eq!(child.state(), ProcState::Pwrite, "the writer waits for room");
        let got = p.read_to_end(r).await.unwrap();
        assert_eq!(got.len(), total);
        assert!(
            got.iter().enumerate().all(|(i, &b)| b == (i % 251) as u8),
            "bytes arrive in order"
        );
        assert_eq!(p.wait(pid).await.unwrap().code, 0);
        0
    }));
}

#[test]
fn small_writes_are_atomic() {
    passed(boot().run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        let chunk_len = 3000;
        let mut pids = Vec::new();
        for id in 0..4u8 {
            let writer = Target::oneshot(move |c| async move {
                let chunk = vec![b'a' + id; chunk_len];
                for _ in 0..40 {
                    if c.write(w, &chunk).await.is_err() {
                        return 1;
                    }
                }
                0
            });
            let opts = SpawnOpts {
                fd_map: vec![(r, None)],
                ..Default::default()
            };
            pids.push(p.spawn(writer, opts).await.unwrap());
        }
        p.close(w).await.unwrap();
        // Read in small pieces so writers keep finding a nearly full buffer:
        // that is when a non-atomic pipe would split a write.
        let mut got = Vec::new();
        loop {
            let d = p.read(r, 700).await.unwrap();
            if d.is_empty() {
                break;
            }
            got.extend(d);
        }
        assert_eq!(got.len(), 4 * 40 * chunk_len);
        for chunk in got.chunks(chunk_len) {
            assert!(
                chunk.iter().all(|&b| b == chunk[0]),
                "a {chunk_len}-byte write was split"
            );
        }
        for pid in pids {
            assert_eq!(p.wait(pid).await.unwrap().code, 0);
        }
        0
    }));
}

#[test]
fn stat_of_a_pipe_counts_buffered_bytes() {
    passed(boot().run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        p.write(w, b"12345").await.unwrap();
        let st = p.fstat(r).await.unwrap();
        assert_eq!(st.size, 5);
        assert_eq!(p.fd_name(r).unwrap(), "#|/data");
        assert_eq!(
            p.seek(r, kernel::SeekFrom::Start(0)).await.unwrap_err().code(),
            Errno::ESPIPE
        );
        0
    }));
}
