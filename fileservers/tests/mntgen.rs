use std::sync::Arc;

use fileservers::MntGen;
use fileservers::conformance::{self, Profile};
use kernel::{Caller, Clock, Errno, Fileserver, NodeType, OpenFlags};

use crate::run;

const WHO: Caller = Caller {
    pid: 1,
    uid: 1000,
    gid: 1000,
};

#[test]
fn passes_conformance() {
    run(conformance::check(
        Arc::new(MntGen::new(Clock::real())),
        Profile {
            mutable: false,
            every_name: true,
        },
    ));
}

#[test]
fn every_name_is_an_empty_directory_and_is_listed() {
    run(async {
        let fs = MntGen::new(Clock::real());
        assert!(fs.readdir(&WHO, "/").await.unwrap().is_empty());
        let st = fs.stat(&WHO, "/mem").await.unwrap();
        assert_eq!((st.name.as_str(), st.kind), ("mem", NodeType::Dir));
        assert!(fs.readdir(&WHO, "/mem").await.unwrap().is_empty());
        assert_eq!(fs.stat(&WHO, "/mem/x").await.unwrap_err().code(), Errno::ENOENT);
        let names: Vec<_> = fs
            .readdir(&WHO, "/")
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["mem"]);
        assert_eq!(fs.stat(&WHO, "/mem").await.unwrap().qid, st.qid, "a name keeps its qid");
        let create = OpenFlags {
            create: true,
            ..OpenFlags::WRITE
        };
        assert_eq!(fs.open(&WHO, "/f", create).await.unwrap_err().code(), Errno::EPERM);
        fs.remove(&WHO, "/mem").await.unwrap();
        assert!(fs.readdir(&WHO, "/").await.unwrap().is_empty());
    });
}
