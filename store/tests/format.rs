//! The object format: canonical encodings round-trip, and anything not
//! canonical or damaged is refused.

use proptest::prelude::*;
use store::chunk::{self, INLINE_LIMIT};
use store::object::*;
use store::{Id, StoreError};

fn meta() -> Meta {
    Meta {
        mode: 0o644,
        uid: 1000,
        gid: 1000,
        mtime: 1,
        ctime: 2,
    }
}

fn samples() -> Vec<Object> {
    let id = Id::of(b"x");
    vec![
        Object::Chunk(b"some bytes".to_vec()),
        Object::File(File {
            meta: meta(),
            size: 3,
            content: Content::Inline(b"abc".to_vec()),
        }),
        Object::File(File {
            meta: meta(),
            size: 40_000,
            content: Content::Chunks(vec![ChunkRef { id, len: 20_000 }, ChunkRef { id, len: 20_000 }]),
        }),
        Object::Tree(Tree {
            meta: meta(),
            entries: vec![
                Entry {
                    name: "a".into(),
                    kind: Kind::File,
                    id,
                },
                Entry {
                    name: "b".into(),
                    kind: Kind::Dir,
                    id,
                },
            ],
        }),
        Object::Namespace(Namespace {
            lines: "bind '#d' /dev\n".into(),
            mounts: vec![Mount {
                path: "/dev".into(),
                server: "devfs".into(),
            }],
        }),
        Object::Commit(Commit {
            parents: vec![id],
            roots: vec![Root {
                path: "/home".into(),
                server: "memfs".into(),
                tree: id,
            }],
            namespace: id,
            time: 99,
            message: "hello".into(),
        }),
    ]
}

#[test]
fn every_kind_round_trips() {
    for obj in samples() {
        let (id, bytes) = obj.seal();
        assert_eq!(Object::decode_checked(&id, &bytes).unwrap(), obj);
        assert_eq!(Object::decode(&bytes).unwrap().encode(), bytes, "canonical");
    }
}

#[test]
fn ids_are_sha256_of_the_encoding() {
    // The id of the empty chunk is fixed by the format: tag 'c', version 1.
    let (id, bytes) = Object::Chunk(Vec::new()).seal();
    assert_eq!(bytes, b"c\x01");
    assert_eq!(
        id.to_hex(),
        "12c2fc57fd3f936bd53072dbd3a36cd01581b25cffb5ea8d3ba44726b13c861f"
    );
    assert_eq!(id, Id::of(b"c\x01"));
    assert_eq!(id.to_hex().parse::<Id>().unwrap(), id);
}

#[test]
fn every_truncation_is_refused() {
    for obj in samples().into_iter().filter(|o| !matches!(o, Object::Chunk(_))) {
        let bytes = obj.encode();
        for n in 0..bytes.len() {
            assert!(
                matches!(Object::decode(&bytes[..n]), Err(StoreError::Corrupt(_))),
                "{obj:?} cut at {n} decoded"
            );
        }
    }
}

#[test]
fn trailing_bytes_and_wrong_ids_are_refused() {
    for obj in samples().into_iter().filter(|o| !matches!(o, Object::Chunk(_))) {
        let mut bytes = obj.encode();
        let id = Id::of(&bytes);
        bytes.push(0);
        assert!(Object::decode(&bytes).is_err());
        assert!(Object::decode_checked(&id, &bytes).is_err());
    }
}

#[test]
fn non_canonical_forms_are_refused() {
    let id = Id::of(b"x");
    let unsorted = Object::Tree(Tree {
        meta: meta(),
        entries: vec![
            Entry {
                name: "b".into(),
                kind: Kind::File,
                id,
            },
            Entry {
                name: "a".into(),
                kind: Kind::File,
                id,
            },
        ],
    });
    let dup = Object::Tree(Tree {
        meta: meta(),
        entries: vec![
            Entry {
                name: "a".into(),
                kind: Kind::File,
                id,
            },
            Entry {
                name: "a".into(),
                kind: Kind::Dir,
                id,
            },
        ],
    });
    let bad_names = ["", ".", "..", "a/b", "nul\0"].map(|n| {
        Object::Tree(Tree {
            meta: meta(),
            entries: vec![Entry {
                name: n.into(),
                kind: Kind::File,
                id,
            }],
        })
    });
    let wrong_size = Object::File(File {
        meta: meta(),
        size: 4,
        content: Content::Inline(b"abc".to_vec()),
    });
    let big_inline = Object::File(File {
        meta: meta(),
        size: INLINE_LIMIT as u64,
        content: Content::Inline(vec![0; INLINE_LIMIT]),
    });
    let small_chunked = Object::File(File {
        meta: meta(),
        size: 3,
        content: Content::Chunks(vec![ChunkRef { id, len: 3 }]),
    });
    for obj in [unsorted, dup, wrong_size, big_inline, small_chunked]
        .into_iter()
        .chain(bad_names)
    {
        assert!(
            matches!(Object::decode(&obj.encode()), Err(StoreError::Corrupt(_))),
            "{obj:?} decoded"
        );
    }
    assert!(Object::decode(b"z\x01").is_err(), "unknown tag");
    assert!(Object::decode(b"c\x02").is_err(), "unknown version");
}

#[test]
fn chunks_are_content_defined() {
    // An insertion near the start changes only the chunks around it.
    let mut data = Vec::new();
    let mut x: u64 = 1;
    for _ in 0..2_000_000 {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        data.push((x >> 56) as u8);
    }
    let a: Vec<Id> = chunk::split(&data).map(Id::of).collect();
    let mut edited = data.clone();
    edited.splice(100..100, *b"inserted");
    let b: Vec<Id> = chunk::split(&edited).map(Id::of).collect();
    let shared = b.iter().filter(|id| a.contains(id)).count();
    assert!(a.len() > 10, "2 MB in {} chunks", a.len());
    assert!(shared >= a.len() - 2, "{shared} of {} chunks shared", a.len());
    for c in chunk::split(&data) {
        assert!(c.len() <= chunk::MAX_CHUNK);
    }
    assert_eq!(chunk::split(&data).map(<[u8]>::len).sum::<usize>(), data.len());
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = Object::decode(&bytes);
    }

    #[test]
    fn trees_round_trip(names in proptest::collection::btree_set("[a-z.]{1,8}", 0..20), mode in any::<u32>()) {
        let id = Id::of(b"y");
        let entries: Vec<Entry> = names
            .into_iter()
            .filter(|n| valid_name(n))
            .map(|name| Entry { name, kind: Kind::File, id })
            .collect();
        let obj = Object::Tree(Tree { meta: Meta { mode, ..meta() }, entries });
        let (id, bytes) = obj.seal();
        prop_assert_eq!(Object::decode_checked(&id, &bytes).unwrap(), obj);
    }
}
