//! QueueFS and KVFS: what the spec cases cannot pin down deterministically
//! (a dropped read takes nothing; an answer given back is not lost).

use std::sync::Arc;
use std::time::Duration;

use fileservers::{KvFs, QueueFs};
use kernel::limits::Space;
use kernel::{Caller, Clock, Errno, Fileserver, Handle, OpenFlags, SpawnOpts, Target, served};

use crate::run;
use crate::system::run_as_init;

const WHO: Caller = Caller {
    pid: 1,
    uid: 1000,
    gid: 1000,
};

fn queues() -> Arc<dyn Fileserver> {
    Arc::new(QueueFs::new(Clock::real(), [1, 2, 3, 4], 1 << 20, Space::unlimited()))
}

async fn open(fs: &Arc<dyn Fileserver>, path: &str, flags: OpenFlags) -> Handle {
    fs.open(&WHO, path, flags).await.unwrap().opened().unwrap().handle
}

async fn enqueue(fs: &Arc<dyn Fileserver>, q: &str, msg: &str) {
    let h = open(fs, &format!("{q}/enqueue"), OpenFlags::WRITE).await;
    fs.write(&WHO, h, 0, msg.as_bytes()).await.unwrap();
    fs.close(&WHO, h).await.unwrap();
}

async fn read_all(fs: &Arc<dyn Fileserver>, path: &str) -> String {
    let h = open(fs, path, OpenFlags::READ).await;
    let data = fs.read(&WHO, h, 0, 1 << 16).await.unwrap();
    fs.close(&WHO, h).await.unwrap();
    String::from_utf8(data).unwrap()
}

fn data_of(json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["data"].as_str().unwrap().to_string()
}

#[test]
fn a_dropped_dequeue_takes_nothing() {
    run(async {
        let fs = queues();
        fs.mkdir(&WHO, "/j", 0o777).await.unwrap();
        let h = open(&fs, "/j/dequeue", OpenFlags::READ).await;
        // The read blocks on the empty queue; the timeout drops it.
        let r = tokio::time::timeout(Duration::from_millis(20), fs.read(&WHO, h, 0, 4096)).await;
        assert!(r.is_err(), "an empty queue's dequeue must block");
        enqueue(&fs, "/j", "kept").await;
        assert_eq!(read_all(&fs, "/j/size").await, "1\n");
        assert_eq!(data_of(&read_all(&fs, "/j/dequeue").await), "kept");
    });
}

#[test]
fn a_message_given_back_is_dequeued_again_first() {
    run(async {
        let fs = queues();
        fs.mkdir(&WHO, "/j", 0o777).await.unwrap();
        enqueue(&fs, "/j", "a").await;
        enqueue(&fs, "/j", "b").await;
        let h = open(&fs, "/j/dequeue", OpenFlags::READ).await;
        let got = fs.read(&WHO, h, 0, 4096).await.unwrap();
        assert_eq!(read_all(&fs, "/j/size").await, "1\n");
        fs.unread(&WHO, h, got.clone());
        assert_eq!(read_all(&fs, "/j/size").await, "2\n");
        // A second give-back of the same answer does nothing.
        fs.unread(&WHO, h, got);
        assert_eq!(read_all(&fs, "/j/size").await, "2\n");
        assert_eq!(data_of(&read_all(&fs, "/j/dequeue").await), "a");
        assert_eq!(data_of(&read_all(&fs, "/j/dequeue").await), "b");
    });
}

#[test]
fn a_partly_read_message_is_not_given_back() {
    run(async {
        let fs = queues();
        fs.mkdir(&WHO, "/j", 0o777).await.unwrap();
        enqueue(&fs, "/j", "a message of some length").await;
        let h = open(&fs, "/j/dequeue", OpenFlags::READ).await;
        let first = fs.read(&WHO, h, 0, 5).await.unwrap();
        let second = fs.read(&WHO, h, 0, 5).await.unwrap();
        assert_eq!(first.len() + second.len(), 10);
        fs.unread(&WHO, h, second);
        assert_eq!(read_all(&fs, "/j/size").await, "0\n");
    });
}

#[test]
fn removing_a_queue_wakes_its_blocked_reader() {
    run(async {
        let fs = queues();
        fs.mkdir(&WHO, "/j", 0o777).await.unwrap();
        let h = open(&fs, "/j/dequeue", OpenFlags::READ).await;
        let reader = {
            let fs = fs.clone();
            tokio::spawn(async move { fs.read(&WHO, h, 0, 4096).await })
        };
        tokio::time::sleep(Duration::from_millis(10)).await;
        fs.remove(&WHO, "/j").await.unwrap();
        let r = reader.await.unwrap();
        assert_eq!(r.unwrap_err().code(), Errno::ENOENT);
    });
}

#[test]
fn ids_strictly_increase_within_one_millisecond() {
    run(async {
        let fs = queues();
        fs.mkdir(&WHO, "/j", 0o777).await.unwrap();
        let h = open(&fs, "/j/enqueue", OpenFlags::READWRITE).await;
        let mut last = String::new();
        for i in 0..200 {
            fs.write(&WHO, h, 0, format!("{i}").as_bytes()).await.unwrap();
            let id = String::from_utf8(fs.read(&WHO, h, 0, 100).await.unwrap()).unwrap();
            let u = uuid::Uuid::parse_str(id.trim()).unwrap();
            assert_eq!(u.get_version_num(), 7);
            assert!(id > last, "{id} after {last}");
            last = id;
        }
    });
}

#[test]
fn a_read_abandoned_through_the_served_channel_loses_no_message() {
    run_as_init(|p| async move {
        let (client, requests) = served::channel("queuefs");
        let pid = p
            .spawn(
                Target::oneshot(move |sp| async move {
                    requests.serve(&sp, queues()).await;
                    0
                }),
                SpawnOpts {
                    argv: vec!["queuefs".into()],
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let fs: Arc<dyn Fileserver> = client;
        fs.mkdir(&WHO, "/j", 0o777).await.unwrap();
        for round in 0..50 {
            let h = open(&fs, "/j/dequeue", OpenFlags::READ).await;
            // Give up on the read at about the time a message arrives.
            let producer = {
                let fs = fs.clone();
                tokio::spawn(async move { enqueue(&fs, "/j", &format!("m{round}")).await })
            };
            let r = tokio::time::timeout(Duration::from_micros(50 * (round % 7)), fs.read(&WHO, h, 0, 4096)).await;
            producer.await.unwrap();
            fs.close(&WHO, h).await.unwrap();
            let size: usize = read_all(&fs, "/j/size").await.trim().parse().unwrap();
            match r {
                Ok(Ok(d)) => {
                    assert_eq!(data_of(std::str::from_utf8(&d).unwrap()), format!("m{round}"));
                    assert_eq!(size, 0, "round {round}: delivered and still queued");
                }
                _ => {
                    assert_eq!(size, 1, "round {round}: abandoned read lost the message");
                    assert_eq!(data_of(&read_all(&fs, "/j/dequeue").await), format!("m{round}"));
                }
            }
        }
        p.kill(pid, "kill").unwrap();
        p.wait(pid).await.unwrap();
        0
    });
}

#[test]
fn a_read_its_reader_gave_up_on_does_not_take_the_next_message() {
    run_as_init(|p| async move {
        let (client, requests) = served::channel("queuefs");
        let pid = p
            .spawn(
                Target::oneshot(move |sp| async move {
                    requests.serve(&sp, queues()).await;
                    0
                }),
                SpawnOpts {
                    argv: vec!["queuefs".into()],
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let fs: Arc<dyn Fileserver> = client;
        fs.mkdir(&WHO, "/j", 0o777).await.unwrap();
        let h = open(&fs, "/j/dequeue", OpenFlags::READ).await;
        let r = tokio::time::timeout(Duration::from_millis(10), fs.read(&WHO, h, 0, 4096)).await;
        assert!(r.is_err());
        fs.close(&WHO, h).await.unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await;
        // Had the server kept waiting for the closed open, it would take
        // this one for nobody.
        enqueue(&fs, "/j", "next").await;
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert_eq!(read_all(&fs, "/j/size").await, "1\n");
        p.kill(pid, "kill").unwrap();
        p.wait(pid).await.unwrap();
        0
    });
}

fn store() -> Arc<dyn Fileserver> {
    Arc::new(KvFs::new(Clock::real(), 1 << 20, Space::unlimited()))
}

async fn ctl(fs: &Arc<dyn Fileserver>, req: &str) -> (kernel::Result<usize>, String) {
    let h = open(fs, "/ctl", OpenFlags::READWRITE).await;
    let w = fs.write(&WHO, h, 0, req.as_bytes()).await;
    let reply = fs.read(&WHO, h, 0, 200).await.unwrap();
    fs.close(&WHO, h).await.unwrap();
    (w, String::from_utf8(reply).unwrap())
}

#[test]
fn cas_replaces_only_the_value_it_names() {
    run(async {
        let fs = store();
        let (w, reply) = ctl(&fs, "cas k - one\n").await;
        assert!(w.is_ok());
        assert!(reply.starts_with("ok "), "{reply}");
        let (w, reply) = ctl(&fs, "cas k - two\n").await;
        assert_eq!(w.unwrap_err().code(), Errno::EAGAIN);
        assert!(reply.starts_with("conflict "), "{reply}");
        assert_eq!(read_all(&fs, "/keys/k").await, "one");
        let sha = reply.trim().trim_start_matches("conflict ").to_string();
        let (w, _) = ctl(&fs, &format!("cas k {sha} two")).await;
        assert!(w.is_ok());
        assert_eq!(read_all(&fs, "/keys/k").await, "two");
        let (w, _) = ctl(&fs, "swap k").await;
        assert_eq!(w.unwrap_err().code(), Errno::EINVAL);
    });
}

#[test]
fn a_watch_line_given_back_is_answered_again() {
    run(async {
        let fs = store();
        let h = open(&fs, "/watch", OpenFlags::READ).await;
        ctl(&fs, "cas a - 1").await.0.unwrap();
        ctl(&fs, "cas b - 1").await.0.unwrap();
        let first = fs.read(&WHO, h, 0, 100).await.unwrap();
        assert_eq!(first, b"a\n");
        fs.unread(&WHO, h, first);
        assert_eq!(fs.read(&WHO, h, 0, 100).await.unwrap(), b"a\n");
        assert_eq!(fs.read(&WHO, h, 0, 100).await.unwrap(), b"b\n");
        let r = tokio::time::timeout(Duration::from_millis(20), fs.read(&WHO, h, 0, 100)).await;
        assert!(r.is_err(), "watch blocks with no new change");
    });
}
