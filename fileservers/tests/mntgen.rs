use std::sync::Arc;

use fileservers::Names;
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
        Arc::new(Names::server(Clock::real())),
        Profile::EVERY_NAME,
    ));
}

#[test]
fn every_name_is_an_empty_directory_and_is_listed() {
    run(async {
        let fs = Names::server(Clock::real());
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
        // Every name is a directory already: a file cannot be made of one.
        assert_eq!(fs.open(&WHO, "/f", create).await.unwrap_err().code(), Errno::EISDIR);
        fs.remove(&WHO, "/mem").await.unwrap();
        fs.remove(&WHO, "/f").await.unwrap();
        assert!(fs.readdir(&WHO, "/").await.unwrap().is_empty());
    });
}
