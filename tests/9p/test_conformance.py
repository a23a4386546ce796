"""9P2000 wire conformance of ninebox's exporter, checked with an
independent client (python-9p, plan9port's codec) against `ninebox serve`.

What a 9P2000 server must answer is intro(5) and section 5 of the Plan 9
manual (summarised in shared/reference/plan9-semantics.md §4); the error
strings are Plan 9's canonical ones, since clients match them.
"""

from __future__ import annotations

import struct
import threading
import time

import pytest

import py9p
from py9p import (
    NOFID,
    NOTAG,
    OREAD,
    OWRITE,
    ORDWR,
    OTRUNC,
    Dir,
    Qid,
    RemoteError,
    decode_dir,
)

from conftest import MSIZE, frame, s

OEXEC = 3
ORCLOSE = 0x40
DMDIR = 0x80000000
QTDIR = 0x80
IOHDRSZ = 24
T = py9p.MessageType


def err(fn, *args, **kw) -> str:
    """The Rerror text a call is answered with."""
    with pytest.raises(RemoteError) as e:
        fn(*args, **kw)
    return str(e.value)


def dont_touch(**changes) -> bytes:
    """A Twstat record with every field "don't touch" (~0, "") but
    `changes`, encoded by hand: python-9p's encoder refuses a length of
    ~0."""
    f = dict(
        type=0xFFFF,
        dev=0xFFFFFFFF,
        qid=Qid(type=0xFF, vers=0xFFFFFFFF, path=0xFFFFFFFFFFFFFFFF),
        mode=0xFFFFFFFF,
        atime=0xFFFFFFFF,
        mtime=0xFFFFFFFF,
        length=0xFFFFFFFFFFFFFFFF,
        name="",
        uid="",
        gid="",
        muid="",
    )
    f.update(changes)
    q = f["qid"]
    body = struct.pack(
        "<HIBIQIIIQ",
        f["type"],
        f["dev"],
        q.type,
        q.vers,
        q.path,
        f["mode"],
        f["atime"],
        f["mtime"],
        f["length"],
    ) + b"".join(s(f[k]) for k in ("name", "uid", "gid", "muid"))
    return struct.pack("<H", len(body)) + body


def records(data: bytes) -> list[Dir]:
    """Split a directory read into whole stat records (fails on a split one)."""
    out, at = [], 0
    while at < len(data):
        assert at + 2 <= len(data), "a record's size is cut"
        size = struct.unpack_from("<H", data, at)[0]
        assert at + 2 + size <= len(data), "a record spans two replies"
        out.append(decode_dir(data[at : at + 2 + size]))
        at += 2 + size
    return out


def read_all(c, fid: int, count: int = 4096) -> bytes:
    out, off = b"", 0
    while True:
        data = c.read(fid, count, off)
        if not data:
            return out
        out += data
        off += len(data)


def walk_open(c, fid: int, path, mode: int = OREAD):
    c.walk(0, fid, path)
    return c.open(fid, mode)


def missing(c, path: str) -> None:
    """`path` does not exist: a walk to it does not reach its end."""
    names = path.split("/")
    try:
        got = c.walk(0, 999, names)
    except RemoteError as e:
        assert str(e) == "file does not exist"
    else:
        assert len(got) < len(names), f"{path} exists"
    assert err(c.stat, 999) == "unknown fid"


def exists(c, path: str) -> Dir:
    c.walk(0, 998, path)
    st = c.stat(998)
    c.clunk(998)
    return st


def attached_raw(server, tag: int = 1):
    r = server.raw()
    got = r.rpc(py9p.Tattach(fid=0, uname="glenda", tag=tag))
    assert isinstance(got, py9p.Rattach), got
    return r


def still_serving(server) -> None:
    """Another connection works, and the server is running."""
    c = server.attached()
    try:
        assert c.stat(0).name == "/"
    finally:
        c.close()
    assert server.alive()


# --- version ---------------------------------------------------------------


def test_version_9p2000_is_accepted_with_the_clients_msize(server):
    r = server.raw(version=False)
    got = r.rpc(py9p.Tversion(msize=8192, version="9P2000"))
    assert got == py9p.Rversion(msize=8192, version="9P2000", tag=NOTAG)


@pytest.mark.parametrize("dialect", ["9P2000.u", "9P2000.L", "9P2000.x"])
def test_version_with_a_suffix_is_answered_9p2000(server, dialect):
    r = server.raw(version=False)
    got = r.rpc(py9p.Tversion(msize=8192, version=dialect))
    assert isinstance(got, py9p.Rversion), got
    assert got.version == "9P2000"


@pytest.mark.parametrize("unknown", ["9P1999", "XYZ", "9P"])
def test_an_unknown_version_is_rversion_unknown_not_rerror(server, unknown):
    r = server.raw(version=False)
    got = r.rpc(py9p.Tversion(msize=8192, version=unknown))
    assert isinstance(got, py9p.Rversion), got
    assert got.version == "unknown"
    # And no session: an attach is refused.
    got = r.rpc(py9p.Tattach(fid=0, uname="glenda", tag=1))
    assert isinstance(got, py9p.Rerror), got


def test_msize_is_clamped_to_the_servers_limit(server):
    r = server.raw(version=False)
    got = r.rpc(py9p.Tversion(msize=1 << 30, version="9P2000"))
    assert isinstance(got, py9p.Rversion)
    assert 8192 <= got.msize < 1 << 30


def test_msize_never_exceeds_the_clients_offer(server):
    for offer in (4096, 8192 + 24, 65536):
        r = server.raw(version=False)
        got = r.rpc(py9p.Tversion(msize=offer, version="9P2000"))
        assert got.msize <= offer, (offer, got)
        assert got.msize == offer


def test_reads_are_cut_to_the_negotiated_msize(server, sh, tree):
    sh.check(f"i=0; while [ $i -lt 200 ]; do echo 0123456789012345678901234567890123456789; i=$((i+1)); done >/{tree}/big")
    c = server.client(msize=4096)
    c.attach(0, uname="glenda")
    walk_open(c, 1, f"{tree}/big")
    data = c.read(1, 100000, 0)
    assert 0 < len(data) <= 4096 - IOHDRSZ
    assert data == (b"0123456789012345678901234567890123456789\n" * 200)[: len(data)]


def test_requests_before_version_are_refused(server):
    r = server.raw(version=False)
    got = r.rpc(py9p.Tattach(fid=0, uname="glenda", tag=1))
    assert isinstance(got, py9p.Rerror), got


def test_a_second_version_clunks_every_fid(server):
    r = attached_raw(server)
    assert isinstance(r.rpc(py9p.Tstat(fid=0, tag=2)), py9p.Rstat)
    got = r.rpc(py9p.Tversion(msize=8192, version="9P2000"))
    assert isinstance(got, py9p.Rversion)
    got = r.rpc(py9p.Tstat(fid=0, tag=2))
    assert isinstance(got, py9p.Rerror) and got.ename == "unknown fid"


# --- auth and attach -------------------------------------------------------


def test_auth_is_answered_with_an_error(server):
    r = server.raw()
    got = r.rpc(py9p.Tauth(afid=5, uname="glenda", aname="", tag=1))
    assert isinstance(got, py9p.Rerror), got
    assert got.ename
    # afid 5 was not made: an attach naming it is refused too.
    got = r.rpc(py9p.Tattach(fid=0, afid=5, uname="glenda", tag=1))
    assert isinstance(got, py9p.Rerror), got


def test_attach_with_an_empty_aname_is_the_root(server):
    c = server.client()
    qid = c.attach(0, uname="glenda", aname="")
    assert qid.type & QTDIR
    st = c.stat(0)
    assert st.name == "/" and st.mode & DMDIR and st.qid == qid


def test_attach_by_pid_serves_that_process_namespace(server, sh, tree):
    clone, ctl, sid = sh.start(f"rfork n; bind /{tree}/dir /mnt; echo ready; sleep 1000")
    out = 2000
    walk_open(sh.c, out, f"mnt/run/{sid}/stdout")
    assert sh.c.read(out, 100, 0) == b"ready\n"
    pid = sh.pid(ctl)
    v = server.client()
    v.attach(0, uname="glenda", aname=str(pid))
    v.walk(0, 1, "mnt/file1")
    v.open(1, OREAD)
    assert v.read(1, 100, 0) == b"1\n"
    # The exporter's own namespace has no /mnt/file1.
    missing(sh.c, "mnt/file1")
    v.close()
    sh.c.clunk(clone)


@pytest.mark.parametrize("aname", ["999999", "abc", "-1"])
def test_attach_with_a_bad_aname_is_refused(server, aname):
    c = server.client()
    assert err(c.attach, 0, uname="glenda", aname=aname)
    # Nothing was made: fid 0 is free for a good attach.
    c.attach(0, uname="glenda")


def test_several_attaches_on_one_connection(server):
    c = server.client()
    a = c.attach(0, uname="glenda")
    b = c.attach(1, uname="other")
    assert a == b


def test_attach_to_a_fid_in_use_is_duplicate_fid(c):
    assert err(c.attach, 0, uname="glenda") == "duplicate fid"


# --- walk ------------------------------------------------------------------


def test_walk_of_no_names_clones_the_fid(c, tree):
    c.walk(0, 1, tree)
    assert c.walk(1, 2, ()) == ()
    assert c.stat(2) == c.stat(1)


def test_walk_of_16_names(c, tree):
    c.walk(0, 1, tree)
    names = list("abcdefghijklmnop")
    qids = c.walk(1, 2, names)
    assert len(qids) == 16 and all(q.type & QTDIR for q in qids)
    assert c.stat(2).name == "p"


def test_walk_of_17_names_is_refused_and_the_connection_goes_on(server, tree):
    r = attached_raw(server)
    names = ["tmp"] * 17
    body = struct.pack("<IIH", 0, 1, 17) + b"".join(s(n) for n in names)
    got = r.rpc(frame(T.TWALK, 2, body))
    assert isinstance(got, py9p.Rerror) and got.tag == 2, got
    # fid 1 was not made, and the connection still answers.
    got = r.rpc(py9p.Tstat(fid=1, tag=3))
    assert isinstance(got, py9p.Rerror) and got.ename == "unknown fid"


def test_a_walk_whose_first_name_fails_is_rerror(c, tree):
    c.walk(0, 1, tree)
    assert err(c.walk, 1, 2, ["nope"]) == "file does not exist"
    assert err(c.stat, 2) == "unknown fid"


def test_a_partial_walk_answers_the_qids_walked_and_makes_no_fid(c, tree):
    got = c.walk(0, 1, f"{tree}/a/b/nope/c".split("/"))
    assert len(got) == len(tree.split("/")) + 2
    assert err(c.stat, 1) == "unknown fid"


def test_a_partial_walk_to_the_same_fid_leaves_it_where_it_was(c, tree):
    c.walk(0, 1, tree)
    before = c.stat(1)
    got = c.walk(1, 1, ["a", "nope"])
    assert len(got) == 1
    assert c.stat(1) == before


def test_a_walk_through_a_file_stops_at_it(c, tree):
    got = c.walk(0, 1, f"{tree}/f/x".split("/"))
    assert len(got) == len(tree.split("/")) + 1
    assert got[-1].type & QTDIR == 0
    assert err(c.stat, 1) == "unknown fid"


def test_a_walk_from_a_file_is_not_a_directory(c, tree):
    c.walk(0, 1, f"{tree}/f")
    assert err(c.walk, 1, 2, ["x"]) == "not a directory"


def test_dotdot_at_the_root_is_the_root(c):
    root = c.stat(0).qid
    assert c.walk(0, 1, [".."]) == (root,)
    assert c.walk(0, 2, ["..", "..", "tmp", ".."])[-1] == root
    assert c.stat(2).name == "/"


def test_dotdot_below_the_root_is_the_parent(c, tree):
    q = c.walk(0, 1, [*tree.split("/"), "a", "b", ".."])
    assert q[-1] == q[-3]
    assert c.stat(1).name == "a"


def test_walking_an_open_fid_is_refused(c, tree):
    walk_open(c, 1, tree)
    assert err(c.walk, 1, 2, ())
    assert err(c.walk, 1, 2, ["f"])
    assert err(c.stat, 2) == "unknown fid"


def test_walk_to_a_newfid_in_use_is_duplicate_fid(c, tree):
    c.walk(0, 1, tree)
    c.walk(0, 2, "tmp")
    assert err(c.walk, 1, 2, ["f"]) == "duplicate fid"
    # fid 2 is still /tmp.
    assert c.stat(2).name == "tmp"


def test_walk_from_an_unknown_fid(c):
    assert err(c.walk, 77, 78, ["tmp"]) == "unknown fid"


def test_walk_to_the_same_fid_moves_it(c, tree):
    c.walk(0, 1, ())
    c.walk(1, 1, tree)
    assert c.stat(1).name == tree.split("/")[-1]


def test_qids_are_stable_and_unique(server, c, tree):
    a = c.walk(0, 1, f"{tree}/f")
    b = c.walk(0, 2, f"{tree}/f")
    assert a == b
    other = server.attached()
    assert other.walk(0, 1, f"{tree}/f") == a
    other.close()
    paths = {c.walk(0, 10 + i, f"{tree}/dir/file{i}")[-1].path for i in range(1, 13)}
    paths |= {a[-1].path, c.stat(0).qid.path}
    paths |= {c.walk(0, 30, "dev")[0].path, c.walk(0, 31, "proc")[0].path}
    assert len(paths) == 16


def test_qid_types_mark_directories(c, tree):
    q = c.walk(0, 1, f"{tree}/dir/file1".split("/"))
    assert all(x.type & QTDIR for x in q[:-1])
    assert q[-1].type == 0


def test_a_walk_name_with_a_slash_or_nul_is_refused(server, tree):
    r = attached_raw(server)
    for tag, bad in enumerate([b"tmp/t", b"tm\x00p"], start=2):
        body = struct.pack("<IIH", 0, 1, 1) + s(bad)
        got = r.rpc(frame(T.TWALK, tag, body))
        assert isinstance(got, py9p.Rerror) and got.tag == tag, got


# --- open ------------------------------------------------------------------


def test_open_oread_reads_the_file(c, tree):
    qid, iounit = walk_open(c, 1, f"{tree}/f")
    assert qid.type == 0
    assert 0 <= iounit <= MSIZE - IOHDRSZ
    assert c.read(1, 100, 0) == b"hello\n"
    assert c.read(1, 2, 2) == b"ll"


def test_a_read_at_or_past_the_end_is_empty(c, tree):
    walk_open(c, 1, f"{tree}/f")
    assert c.read(1, 100, 6) == b""
    assert c.read(1, 100, 1 << 40) == b""


def test_open_owrite_writes_and_refuses_reads(c, tree):
    walk_open(c, 1, f"{tree}/f", OWRITE)
    assert c.write(1, b"J", 0) == 1
    assert err(c.read, 1, 10, 0)
    walk_open(c, 2, f"{tree}/f")
    assert c.read(2, 100, 0) == b"Jello\n"
    assert err(c.write, 2, b"x", 0)


def test_open_ordwr_reads_back_what_it_wrote(c, tree):
    walk_open(c, 1, f"{tree}/f", ORDWR)
    assert c.write(1, b"world!\n", 6) == 7
    assert c.read(1, 100, 0) == b"hello\nworld!\n"
    assert c.stat(1).length == 13


def test_oexec_opens_for_reading(c, tree):
    walk_open(c, 1, f"{tree}/f", OEXEC)
    assert c.read(1, 100, 0) == b"hello\n"


def test_otrunc_truncates(c, tree):
    walk_open(c, 1, f"{tree}/f", OWRITE | OTRUNC)
    assert c.stat(1).length == 0
    assert exists(c, f"{tree}/f").length == 0


@pytest.mark.parametrize("mode", [OREAD, OEXEC])
def test_otrunc_with_a_read_mode_truncates_and_opens_for_reading(c, tree, mode):
    walk_open(c, 1, f"{tree}/f", mode | OTRUNC)
    assert exists(c, f"{tree}/f").length == 0
    assert c.read(1, 100, 0) == b""
    assert err(c.write, 1, b"x", 0)


def test_orclose_removes_the_file_at_clunk(c, tree):
    walk_open(c, 1, f"{tree}/f", ORDWR | ORCLOSE)
    exists(c, f"{tree}/f")
    c.clunk(1)
    missing(c, f"{tree}/f")


def test_orclose_file_goes_when_its_connection_does(server, c, tree):
    other = server.attached()
    walk_open(other, 1, f"{tree}/f", OREAD | ORCLOSE)
    other.close()
    names = f"{tree}/f".split("/")
    for _ in range(1000):
        if len(c.walk(0, 5, names[:-1])) == len(names) - 1 and "f" not in {d.name for d in listing(c, tree)}:
            c.clunk(5)
            return
        c.clunk(5)
        time.sleep(0.01)
    pytest.fail("the ORCLOSE file outlived its connection")


@pytest.mark.parametrize("mode", [OWRITE, ORDWR, OREAD | OTRUNC, OWRITE | OTRUNC])
def test_a_directory_opens_for_reading_only(c, tree, mode):
    c.walk(0, 1, tree)
    assert err(c.open, 1, mode)
    # Not opened by the failure: it still walks.
    c.walk(1, 2, ["f"])


def test_open_of_an_open_fid_is_refused(c, tree):
    walk_open(c, 1, f"{tree}/f")
    assert err(c.open, 1, OREAD)


def test_open_with_unknown_mode_bits_is_refused(c, tree):
    c.walk(0, 1, f"{tree}/f")
    assert err(c.open, 1, 0x80)


def test_open_of_an_unknown_fid(c):
    assert err(c.open, 55, OREAD) == "unknown fid"


# --- create ----------------------------------------------------------------


def test_create_makes_and_opens_the_file(c, tree):
    c.walk(0, 1, tree)
    qid, _ = c.create(1, "new", 0o644, ORDWR)
    assert qid.type == 0
    assert c.write(1, b"abc", 0) == 3
    assert c.read(1, 10, 0) == b"abc"
    st = c.stat(1)
    assert (st.name, st.length, st.qid.path) == ("new", 3, qid.path)
    assert c.walk(0, 2, f"{tree}/new")[-1].path == qid.path


def test_create_file_permissions_are_limited_by_the_directory(c, tree):
    c.walk(0, 1, f"{tree}/dir")
    c.create(1, "new", 0o777, OWRITE)
    # 0777 & (~0666 | 0750&0666)
    assert c.stat(1).mode == 0o751


def test_create_directory_permissions_are_limited_by_the_directory(c, tree):
    c.walk(0, 1, f"{tree}/dir")
    qid, _ = c.create(1, "sub", DMDIR | 0o777, OREAD)
    assert qid.type & QTDIR
    st = c.stat(1)
    assert st.mode == DMDIR | 0o750
    # The fid is the new directory, open for reading: it lists (empty).
    assert c.read(1, 4096, 0) == b""


def test_created_file_takes_the_directorys_group(c, tree):
    c.walk(0, 1, f"{tree}/dir")
    gid = c.stat(1).gid
    c.create(1, "g", 0o600, OWRITE)
    assert c.stat(1).gid == gid


@pytest.mark.parametrize("name", [".", "..", "a/b", ""])
def test_create_refuses_dot_dotdot_and_bad_names(c, tree, name):
    c.walk(0, 1, tree)
    assert err(c.create, 1, name, 0o644, OWRITE)
    # Nothing was made and the fid was not opened.
    assert {d.name for d in listing(c, tree)} == {"a", "dir", "empty", "f"}
    c.walk(1, 2, ["f"])


def test_create_of_an_existing_name_is_exclusive(c, tree):
    c.walk(0, 1, tree)
    assert err(c.create, 1, "f", 0o644, OWRITE | OTRUNC) == "file already exists"
    assert exists(c, f"{tree}/f").length == 6
    c.walk(0, 2, tree)
    assert err(c.create, 2, "dir", DMDIR | 0o755, OREAD) == "file already exists"


def test_create_in_a_file_is_refused(c, tree):
    c.walk(0, 1, f"{tree}/f")
    assert err(c.create, 1, "x", 0o644, OWRITE) == "not a directory"


def test_create_from_an_open_fid_is_refused(c, tree):
    walk_open(c, 1, tree)
    assert err(c.create, 1, "x", 0o644, OWRITE)
    missing(c, f"{tree}/x")


def test_create_of_a_directory_for_writing_is_refused(c, tree):
    c.walk(0, 1, tree)
    assert err(c.create, 1, "d", DMDIR | 0o755, OWRITE)
    missing(c, f"{tree}/d")


def test_create_with_orclose_removes_at_clunk(c, tree):
    c.walk(0, 1, tree)
    c.create(1, "tmpfile", 0o644, ORDWR | ORCLOSE)
    exists(c, f"{tree}/tmpfile")
    c.clunk(1)
    missing(c, f"{tree}/tmpfile")


def test_create_in_a_mounted_directory_is_refused_with_plan9s_words(c):
    c.walk(0, 1, "proc")
    assert err(c.create, 1, "zz", DMDIR | 0o755, OREAD) == "mounted directory forbids creation"


# --- read and write --------------------------------------------------------


def test_write_at_an_offset_extends_the_file(c, tree):
    walk_open(c, 1, f"{tree}/f", ORDWR)
    assert c.write(1, b"!", 10) == 1
    data = c.read(1, 100, 0)
    assert len(data) == 11 and data[:6] == b"hello\n" and data[10:] == b"!"


def test_qid_version_changes_when_the_file_does(c, tree):
    before = c.walk(0, 1, f"{tree}/f")[-1]
    walk_open(c, 2, f"{tree}/f", OWRITE)
    c.write(2, b"more bytes", 6)
    after = c.walk(0, 3, f"{tree}/f")[-1]
    assert after.path == before.path and after.vers != before.vers


def test_a_twrite_of_exactly_iounit_bytes_fits(c, tree):
    _, iounit = walk_open(c, 1, f"{tree}/f", OWRITE | OTRUNC)
    n = iounit or MSIZE - IOHDRSZ
    assert n == MSIZE - IOHDRSZ
    assert c.write(1, b"y" * n, 0) == n
    walk_open(c, 2, f"{tree}/f")
    assert c.read(2, n, 0) == b"y" * n


def test_read_and_write_of_an_unopened_fid_are_refused(c, tree):
    c.walk(0, 1, f"{tree}/f")
    assert err(c.read, 1, 10, 0)
    assert err(c.write, 1, b"x", 0)


def test_a_directory_is_not_written(c, tree):
    walk_open(c, 1, tree)
    assert err(c.write, 1, b"x", 0) == "is a directory"


# --- directory reads ---------------------------------------------------------


def listing(c, path: str, count: int = 4096) -> list[Dir]:
    fid = 900
    c.walk(0, fid, path)
    c.open(fid, OREAD)
    try:
        return records(read_all(c, fid, count))
    finally:
        c.clunk(fid)


def test_directory_reads_are_whole_stat_records(c, tree):
    got = listing(c, f"{tree}/dir")
    assert sorted(d.name for d in got) == sorted(f"file{i}" for i in range(1, 13))
    for d in got:
        assert d.length == len(f"{d.name[4:]}\n")
        assert d.mode & DMDIR == 0 and d.qid.type == 0


def test_small_directory_reads_never_split_a_record(c, tree):
    walk_open(c, 1, f"{tree}/dir")
    names, off = [], 0
    while True:
        data = c.read(1, 150, off)
        if not data:
            break
        assert len(data) <= 150
        recs = records(data)
        assert recs
        names += [d.name for d in recs]
        off += len(data)
    assert sorted(names) == sorted(f"file{i}" for i in range(1, 13))


def test_directory_records_are_the_files_stats(c, tree):
    for d in listing(c, tree):
        st = exists(c, f"{tree}/{d.name}")
        assert (d.name, d.qid, d.mode, d.length, d.uid, d.gid) == (
            st.name,
            st.qid,
            st.mode,
            st.length,
            st.uid,
            st.gid,
        )


def test_a_directory_read_continues_or_restarts_at_zero_only(c, tree):
    walk_open(c, 1, f"{tree}/dir")
    first = c.read(1, 150, 0)
    assert first
    assert err(c.read, 1, 150, 7) == "bad offset"
    assert err(c.read, 1, 150, len(first) + 1) == "bad offset"
    second = c.read(1, 150, len(first))
    assert second and records(second)
    # Offset 0 lists afresh, from the start.
    again = c.read(1, 8000, 0)
    assert len(records(again)) == 12
    assert again.startswith(first)


def test_a_directory_read_too_small_for_a_record_loses_nothing(c, tree):
    walk_open(c, 1, f"{tree}/dir")
    try:
        small = c.read(1, 10, 0)
    except RemoteError:
        small = b""
    assert small == b""
    assert len(records(c.read(1, 8000, 0))) == 12


def test_an_empty_directory_reads_empty(c, tree):
    assert listing(c, f"{tree}/empty") == []


# --- stat --------------------------------------------------------------------


def test_stat_of_a_file_is_a_whole_record(c, tree):
    qid = c.walk(0, 1, f"{tree}/f")[-1]
    st = c.stat(1)
    assert st.qid == qid
    assert (st.name, st.length, st.mode & 0o777) == ("f", 6, 0o644)
    assert st.uid and st.gid and st.muid
    assert st.mtime > 1_000_000_000
    # The record re-encodes to what was sent.
    assert decode_dir(st.to_bytes()) == st


def test_stat_of_a_directory(c, tree):
    c.walk(0, 1, f"{tree}/dir")
    st = c.stat(1)
    assert st.mode == DMDIR | 0o750 and st.qid.type & QTDIR and st.length == 0


def test_stat_of_an_unknown_fid(c):
    assert err(c.stat, 42) == "unknown fid"


# --- wstat -------------------------------------------------------------------


def test_wstat_of_all_dont_touch_changes_nothing(c, tree):
    c.walk(0, 1, f"{tree}/f")
    before = c.stat(1)
    c.wstat(1, dont_touch())
    assert c.stat(1) == before


def test_wstat_renames_within_the_directory(c, tree):
    c.walk(0, 1, f"{tree}/f")
    c.wstat(1, dont_touch(name="g"))
    assert c.stat(1).name == "g"
    missing(c, f"{tree}/f")
    assert exists(c, f"{tree}/g").length == 6


def test_an_open_fid_survives_a_rename(c, tree):
    walk_open(c, 1, f"{tree}/f")
    c.walk(0, 2, f"{tree}/f")
    c.wstat(2, dont_touch(name="moved"))
    assert c.read(1, 100, 0) == b"hello\n"


def test_wstat_renames_a_directory(c, tree):
    c.walk(0, 1, f"{tree}/dir")
    c.wstat(1, dont_touch(name="folder"))
    assert exists(c, f"{tree}/folder/file3").length == 2
    missing(c, f"{tree}/dir")


def test_wstat_rename_onto_an_existing_name_is_refused(c, tree):
    c.walk(0, 1, f"{tree}/f")
    assert err(c.wstat, 1, dont_touch(name="dir")) == "file already exists"
    assert exists(c, f"{tree}/dir").mode & DMDIR


@pytest.mark.parametrize("name", ["../f2", "a/b", ".", ".."])
def test_wstat_does_not_move_a_file_to_another_directory(c, tree, name):
    c.walk(0, 1, f"{tree}/f")
    assert err(c.wstat, 1, dont_touch(name=name))
    assert exists(c, f"{tree}/f").length == 6


def test_wstat_changes_mode_length_and_mtime(c, tree):
    c.walk(0, 1, f"{tree}/f")
    c.wstat(1, dont_touch(mode=0o600, length=2, mtime=1_000_000_000))
    st = c.stat(1)
    assert (st.mode, st.length, st.mtime) == (0o600, 2, 1_000_000_000)
    walk_open(c, 2, f"{tree}/f")
    assert c.read(2, 100, 0) == b"he"


def test_wstat_length_of_a_directory_is_refused(c, tree):
    c.walk(0, 1, f"{tree}/dir")
    assert err(c.wstat, 1, dont_touch(length=10))


def test_wstat_cannot_flip_dmdir(c, tree):
    c.walk(0, 1, f"{tree}/f")
    assert err(c.wstat, 1, dont_touch(mode=DMDIR | 0o755))
    c.walk(0, 2, f"{tree}/dir")
    assert err(c.wstat, 2, dont_touch(mode=0o755))


def test_wstat_is_all_or_nothing_rename_and_bad_mode(c, tree):
    c.walk(0, 1, f"{tree}/f")
    before = c.stat(1)
    assert err(c.wstat, 1, dont_touch(name="h", mode=DMDIR | 0o600, length=0))
    assert c.stat(1) == before
    missing(c, f"{tree}/h")


def test_wstat_is_all_or_nothing_mode_and_bad_gid(c, tree):
    c.walk(0, 1, f"{tree}/f")
    before = c.stat(1)
    assert err(c.wstat, 1, dont_touch(mode=0o600, length=1, gid="no-such-group-at-all"))
    assert c.stat(1) == before


def test_wstat_is_all_or_nothing_rename_onto_existing_and_length(c, tree):
    c.walk(0, 1, f"{tree}/f")
    assert err(c.wstat, 1, dont_touch(name="empty", length=0)) == "file already exists"
    assert exists(c, f"{tree}/f").length == 6


def test_wstat_cannot_change_the_qid(c, tree):
    c.walk(0, 1, f"{tree}/f")
    before = c.stat(1)
    assert err(c.wstat, 1, dont_touch(qid=Qid(type=0, vers=0, path=1)))
    assert c.stat(1) == before


# --- remove and clunk --------------------------------------------------------


def test_remove_removes_and_clunks(c, tree):
    c.walk(0, 1, f"{tree}/f")
    c.remove(1)
    missing(c, f"{tree}/f")
    assert err(c.stat, 1) == "unknown fid"


def test_remove_of_an_empty_directory(c, tree):
    c.walk(0, 1, f"{tree}/empty")
    c.remove(1)
    missing(c, f"{tree}/empty")


def test_remove_of_a_full_directory_fails_and_still_clunks(c, tree):
    c.walk(0, 1, f"{tree}/dir")
    assert err(c.remove, 1) == "directory not empty"
    assert err(c.stat, 1) == "unknown fid"
    exists(c, f"{tree}/dir/file1")
    # The number is free again.
    c.walk(0, 1, tree)


def test_remove_of_a_gone_file_fails_and_still_clunks(c, tree):
    c.walk(0, 1, f"{tree}/f")
    c.walk(0, 2, f"{tree}/f")
    c.remove(1)
    assert err(c.remove, 2) == "file does not exist"
    assert err(c.stat, 2) == "unknown fid"


def test_remove_of_the_root_is_refused_and_clunks(c):
    c.walk(0, 1, ())
    assert err(c.remove, 1) == "permission denied"
    assert err(c.stat, 1) == "unknown fid"
    assert c.stat(0).name == "/"


def test_clunk_of_an_unknown_fid(c):
    assert err(c.clunk, 31337) == "unknown fid"


def test_a_clunked_fid_number_is_free_again(c, tree):
    walk_open(c, 1, f"{tree}/f")
    c.clunk(1)
    assert err(c.read, 1, 10, 0) == "unknown fid"
    c.walk(0, 1, tree)
    assert c.stat(1).name == tree.split("/")[-1]


# --- canonical errors --------------------------------------------------------


def test_error_file_does_not_exist(c):
    assert err(c.walk, 0, 1, ["no-such-file"]) == "file does not exist"


def test_error_permission_denied(c):
    c.walk(0, 1, "proc/1/status")
    assert err(c.open, 1, OWRITE) == "permission denied"
    # The failed open left the fid unopened.
    c.walk(1, 2, ())


def test_error_is_a_directory(c, tree):
    c.walk(0, 1, tree)
    assert err(c.open, 1, OWRITE) == "is a directory"


# --- flush -------------------------------------------------------------------


class Blocked:
    """A raw connection with fid `fid` open on a file whose read blocks:
    a session's stdout (the read end of a pipe) or /proc/N/wait."""

    def __init__(self, server, sh, what: str):
        self.sh = sh
        self.clone, self.ctl, sid = sh.start("sleep 1000")
        self.r = attached_raw(server)
        path = f"mnt/run/{sid}/stdout" if what == "pipe" else f"proc/{sh.pid(self.ctl)}/wait"
        names = path.split("/")
        got = self.r.rpc(py9p.Twalk(fid=0, newfid=1, wname=names, tag=1))
        assert isinstance(got, py9p.Rwalk) and len(got.wqid) == len(names), got
        got = self.r.rpc(py9p.Topen(fid=1, mode=OREAD, tag=1))
        assert isinstance(got, py9p.Ropen), got

    def close(self):
        self.r.close()
        self.sh.c.clunk(self.clone)


@pytest.fixture(params=["pipe", "wait"])
def blocked(request, server, sh):
    b = Blocked(server, sh, request.param)
    yield b
    b.close()


def test_flush_cancels_a_blocked_read(blocked):
    r = blocked.r
    r.send(py9p.Tread(fid=1, offset=0, count=100, tag=7))
    assert r.quiet(0.3), "the read should block"
    got = r.rpc(py9p.Tflush(oldtag=7, tag=8))
    assert got == py9p.Rflush(tag=8)
    # No reply to tag 7 comes after the Rflush; the tag and fid are usable.
    got = r.rpc(py9p.Tstat(fid=1, tag=7))
    assert isinstance(got, py9p.Rstat) and got.tag == 7, got


def test_a_blocked_read_does_not_hold_up_other_tags(blocked):
    r = blocked.r
    r.send(py9p.Tread(fid=1, offset=0, count=100, tag=7))
    for tag in range(10, 20):
        got = r.rpc(py9p.Tstat(fid=0, tag=tag))
        assert isinstance(got, py9p.Rstat) and got.tag == tag
    assert r.rpc(py9p.Tflush(oldtag=7, tag=8)) == py9p.Rflush(tag=8)


def test_flush_of_one_blocked_read_leaves_the_other(blocked):
    r = blocked.r
    r.send(py9p.Tread(fid=1, offset=0, count=100, tag=7))
    r.send(py9p.Tread(fid=1, offset=0, count=100, tag=9))
    assert r.rpc(py9p.Tflush(oldtag=7, tag=8)) == py9p.Rflush(tag=8)
    assert r.quiet(0.3), "the other read is still blocked"
    assert r.rpc(py9p.Tflush(oldtag=9, tag=10)) == py9p.Rflush(tag=10)


def test_a_flush_of_a_flush_answers_both_in_order(blocked):
    r = blocked.r
    for _ in range(10):
        r.send(py9p.Tread(fid=1, offset=0, count=100, tag=7))
        r.send(py9p.Tflush(oldtag=7, tag=8).to_bytes() + py9p.Tflush(oldtag=8, tag=9).to_bytes())
        assert r.recv() == py9p.Rflush(tag=8)
        assert r.recv() == py9p.Rflush(tag=9)
        # The read is gone too: its tag is free (a tag in flight would hang up).
        got = r.rpc(py9p.Tstat(fid=1, tag=7))
        assert isinstance(got, py9p.Rstat), got
    assert r.quiet(0.2)


def test_a_clunk_while_a_read_is_blocked_frees_the_fid(blocked):
    r = blocked.r
    r.send(py9p.Tread(fid=1, offset=0, count=100, tag=7))
    assert r.rpc(py9p.Tclunk(fid=1, tag=10)) == py9p.Rclunk(tag=10)
    got = r.rpc(py9p.Tstat(fid=1, tag=11))
    assert isinstance(got, py9p.Rerror) and got.ename == "unknown fid"
    assert r.rpc(py9p.Tflush(oldtag=7, tag=12)) == py9p.Rflush(tag=12)


def test_a_version_aborts_a_blocked_read_and_clunks_its_fid(blocked):
    r = blocked.r
    r.send(py9p.Tread(fid=1, offset=0, count=100, tag=7))
    got = r.rpc(py9p.Tversion(msize=8192, version="9P2000"))
    assert isinstance(got, py9p.Rversion), got
    assert r.quiet(0.3), "no reply to the aborted read"
    got = r.rpc(py9p.Tstat(fid=1, tag=3))
    assert isinstance(got, py9p.Rerror) and got.ename == "unknown fid"


def test_flush_of_a_tag_not_in_flight_answers_at_once(server):
    r = attached_raw(server)
    assert r.rpc(py9p.Tflush(oldtag=300, tag=9)) == py9p.Rflush(tag=9)


def test_a_request_that_ends_before_its_flush_is_answered_first(server, tree):
    r = attached_raw(server)
    names = f"{tree}/f".split("/")
    assert isinstance(r.rpc(py9p.Twalk(fid=0, newfid=1, wname=names, tag=1)), py9p.Rwalk)
    assert isinstance(r.rpc(py9p.Topen(fid=1, mode=OREAD, tag=1)), py9p.Ropen)
    for i in range(20):
        r.send(py9p.Tread(fid=1, offset=0, count=100, tag=100 + i).to_bytes() + py9p.Tflush(oldtag=100 + i, tag=200 + i).to_bytes())
        first = r.recv()
        if isinstance(first, py9p.Rread):
            assert first.tag == 100 + i and first.data == b"hello\n"
            assert r.recv() == py9p.Rflush(tag=200 + i)
        else:
            assert first == py9p.Rflush(tag=200 + i)
    # Nothing else is left to come.
    assert r.quiet(0.2)


# --- concurrency -------------------------------------------------------------


def test_pipelined_tags_are_answered_with_their_own_tags(server, tree):
    r = attached_raw(server)
    names = f"{tree}/f".split("/")
    r.rpc(py9p.Twalk(fid=0, newfid=1, wname=names, tag=1))
    r.rpc(py9p.Topen(fid=1, mode=OREAD, tag=1))
    burst = b"".join(py9p.Tread(fid=1, offset=i % 6, count=1, tag=i).to_bytes() for i in range(30))
    r.send(burst)
    seen = {}
    for _ in range(30):
        got = r.recv()
        assert isinstance(got, py9p.Rread), got
        seen[got.tag] = got.data
    assert seen == {i: b"hello\n"[i % 6 : i % 6 + 1] for i in range(30)}


def test_one_client_shared_by_threads(server, tree):
    c = server.attached()
    walk_open(c, 1, f"{tree}/dir/file7")
    errors = []

    def work(n):
        try:
            for _ in range(20):
                assert c.read(1, 10, 0) == b"7\n"
                assert c.walk(0, 100 + n, f"{tree}/f")
                c.clunk(100 + n)
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    c.close()


def test_a_tag_reused_while_in_flight(server, sh):
    b = Blocked(server, sh, "pipe")
    try:
        r = b.r
        r.send(py9p.Tread(fid=1, offset=0, count=100, tag=7))
        r.send(py9p.Tstat(fid=0, tag=7))
        # Rerror for the reuse, or a hang-up: never an Rstat with tag 7
        # that could be taken for the read's reply.
        got = r.recv(5)
        assert got is None or isinstance(got, py9p.Rerror), got
    finally:
        b.close()
    still_serving(server)


def test_over_tcp_on_127_0_0_1(tcp_server):
    host, port = tcp_server.tcp
    assert host == "127.0.0.1" and port > 0
    c = py9p.Client.connect_tcp(host, port, timeout=10)
    c.negotiate()
    c.attach(0, uname="glenda")
    walk_open(c, 1, "tmp/hello")
    assert c.read(1, 100, 0) == b"hello\n"
    c.close()


# --- bad frames --------------------------------------------------------------


def test_a_frame_shorter_than_its_header_hangs_up(server):
    r = server.raw()
    r.send(struct.pack("<I", 3))
    assert r.hung_up()
    still_serving(server)


def test_a_frame_of_size_zero_hangs_up(server):
    r = server.raw()
    r.send(b"\x00\x00\x00\x00")
    assert r.hung_up()
    still_serving(server)


def test_a_frame_over_the_msize_hangs_up(server):
    r = server.raw()
    r.send(struct.pack("<I", MSIZE + 1) + b"\x00" * 64)
    assert r.hung_up()
    still_serving(server)


def test_a_twrite_beyond_msize_is_refused(server, tree):
    r = attached_raw(server)
    names = f"{tree}/f".split("/")
    r.rpc(py9p.Twalk(fid=0, newfid=1, wname=names, tag=1))
    assert isinstance(r.rpc(py9p.Topen(fid=1, mode=OWRITE, tag=1)), py9p.Ropen)
    data = b"x" * MSIZE
    body = struct.pack("<IQI", 1, 0, len(data)) + data
    r.send(frame(T.TWRITE, 2, body))
    got = None
    try:
        got = r.recv(5)
    except OSError:
        pass
    assert got is None or isinstance(got, py9p.Rerror), got
    c = server.attached()
    assert exists(c, f"{tree}/f").length == 6
    c.close()
    still_serving(server)


def test_an_unknown_message_type_is_rerror(server):
    r = server.raw()
    got = r.rpc(frame(200, 5, b""))
    assert isinstance(got, py9p.Rerror) and got.tag == 5, got
    assert isinstance(r.rpc(py9p.Tattach(fid=0, uname="glenda", tag=6)), py9p.Rattach)


@pytest.mark.parametrize("ty", [T.TERROR, T.RVERSION, T.RREAD])
def test_a_terror_or_r_message_from_the_client_is_refused(server, ty):
    r = server.raw()
    got = r.rpc(frame(ty, 5, s("x")))
    assert got is None or (isinstance(got, py9p.Rerror) and got.tag == 5), got
    still_serving(server)


def test_a_string_longer_than_its_frame_is_rerror(server):
    r = attached_raw(server)
    body = struct.pack("<IIH", 0, 1, 1) + struct.pack("<H", 60) + b"abc"
    got = r.rpc(frame(T.TWALK, 6, body))
    assert isinstance(got, py9p.Rerror) and got.tag == 6, got
    assert isinstance(r.rpc(py9p.Tstat(fid=0, tag=7)), py9p.Rstat)


def test_bytes_left_after_the_fields_are_rerror(server):
    r = attached_raw(server)
    got = r.rpc(frame(T.TSTAT, 6, struct.pack("<I", 0) + b"junk"))
    assert isinstance(got, py9p.Rerror) and got.tag == 6, got


def test_a_walk_count_larger_than_its_names_is_rerror(server):
    r = attached_raw(server)
    body = struct.pack("<IIH", 0, 1, 3) + s("tmp")
    got = r.rpc(frame(T.TWALK, 6, body))
    assert isinstance(got, py9p.Rerror) and got.tag == 6, got
    got = r.rpc(py9p.Tstat(fid=1, tag=7))
    assert isinstance(got, py9p.Rerror) and got.ename == "unknown fid"


def test_a_name_that_is_not_utf8_is_rerror(server):
    r = attached_raw(server)
    body = struct.pack("<IIH", 0, 1, 1) + s(b"\xff\xfe")
    got = r.rpc(frame(T.TWALK, 6, body))
    assert isinstance(got, py9p.Rerror) and got.tag == 6, got


def test_a_twrite_count_beyond_its_data_is_rerror(server, tree):
    r = attached_raw(server)
    names = f"{tree}/f".split("/")
    r.rpc(py9p.Twalk(fid=0, newfid=1, wname=names, tag=1))
    r.rpc(py9p.Topen(fid=1, mode=OWRITE, tag=1))
    body = struct.pack("<IQI", 1, 0, 100) + b"abc"
    got = r.rpc(frame(T.TWRITE, 6, body))
    assert isinstance(got, py9p.Rerror) and got.tag == 6, got


def test_a_twstat_with_a_bad_stat_record_is_rerror(server, tree):
    r = attached_raw(server)
    names = f"{tree}/f".split("/")
    r.rpc(py9p.Twalk(fid=0, newfid=1, wname=names, tag=1))
    rec = dont_touch(name="zz")
    # The inner size says less than the record holds.
    bad = struct.pack("<H", 10) + rec[2:]
    got = r.rpc(frame(T.TWSTAT, 6, struct.pack("<IH", 1, len(bad)) + bad))
    assert isinstance(got, py9p.Rerror) and got.tag == 6, got
    c = server.attached()
    exists(c, f"{tree}/f")
    c.close()


def test_a_frame_cut_off_by_a_hang_up_harms_nothing(server):
    r = server.raw()
    r.send(struct.pack("<IBH", 100, T.TWALK, 1) + b"\x00\x00")
    r.close()
    still_serving(server)


def test_garbage_hangs_up_that_connection_only(server):
    other = server.attached()
    r = server.raw()
    r.send(bytes(range(256)) * 8)
    assert r.hung_up()
    assert other.stat(0).name == "/"
    other.close()
    still_serving(server)


def test_a_huge_walk_count_in_a_small_frame_is_rerror(server):
    r = attached_raw(server)
    body = struct.pack("<IIH", 0, 1, 0xFFFF)
    got = r.rpc(frame(T.TWALK, 6, body))
    assert isinstance(got, py9p.Rerror) and got.tag == 6, got


def test_a_client_that_never_reads_its_replies_is_held_back(server):
    """The server stops reading from a client whose replies pile up
    (its in-flight cap): the bytes it takes stay bounded, and the other
    connections go on."""
    r = attached_raw(server)
    r.sock.setblocking(False)
    sent, tag, pending = 0, 0, b""
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        if not pending:
            # Every tag distinct from the ones before it still in flight.
            pending = b"".join(py9p.Tstat(fid=0, tag=(tag + i) % NOTAG).to_bytes() for i in range(1000))
            tag += 1000
        try:
            n = r.sock.send(pending)
        except BlockingIOError:
            time.sleep(0.01)
            continue
        except (BrokenPipeError, ConnectionResetError):
            break  # a hang-up bounds it too
        sent += n
        pending = pending[n:]
    assert sent < 16 << 20, f"the server took {sent} bytes without its replies being read"
    still_serving(server)


def test_a_session_shell_has_the_usual_umask(sh):
    # The exporter does not clear its process's umask for the shells it starts.
    assert sh.check("umask").strip() == "0022"
