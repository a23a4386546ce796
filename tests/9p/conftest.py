"""Fixtures of the 9P2000 wire conformance suite: a `ninebox serve` on a
temporary unix socket (and one on 127.0.0.1 port 0), a python-9p client
attached to it, raw connections for frames the client cannot make, and
a shell in the served system (through its /mnt/run files, over 9P) to
set up each test's files.

The server is the binary `NINEBOX_BIN` (default: target/debug/ninebox of
this checkout); it is stopped by its pid at the end.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import struct
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

import py9p
from py9p import Client, NOTAG, decode_message

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("NINEBOX_BIN", ROOT / "target" / "debug" / "ninebox"))
MSIZE = 8192
TIMEOUT = 15.0

# The served system's files: each test then makes its own under /tmp/t.
INIT = "mkdir -p /tmp/t && echo hello >/tmp/hello && chmod 644 /tmp/hello"


class Served:
    """A running `ninebox serve`: its process, address and temp dir."""

    def __init__(self, listen: str | None):
        if not BIN.exists():
            pytest.exit(f"{BIN} does not exist: build it with `cargo build -p ninebox`", returncode=2)
        self.dir = tempfile.mkdtemp(prefix="ninebox-py9p-")
        os.chmod(self.dir, 0o700)
        self.sock = os.path.join(self.dir, "sock")
        listen = listen or f"unix!{self.sock}"
        env = dict(os.environ, XDG_RUNTIME_DIR=self.dir)
        self.proc = subprocess.Popen(
            [str(BIN), "serve", "--name", f"py9p-{os.getpid()}", "--listen", listen, "--init", INIT],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=open(os.path.join(self.dir, "stderr"), "wb"),
            env=env,
        )
        line = self._first_line()
        # "ninebox: NAME serving on ADDR"
        if " serving on " not in line:
            self.stop()
            raise RuntimeError(f"ninebox serve printed {line!r}; stderr: {self.stderr()!r}")
        self.addr = line.rsplit(" serving on ", 1)[1].strip()
        self.tcp = None
        if self.addr.startswith("tcp!"):
            _, host, port = self.addr.split("!")
            self.tcp = (host, int(port))

    def _first_line(self) -> str:
        deadline = time.monotonic() + TIMEOUT
        out = b""
        fd = self.proc.stdout.fileno()
        while b"\n" not in out and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                out += chunk
        return out.decode(errors="replace")

    def stderr(self) -> str:
        try:
            return Path(self.dir, "stderr").read_text(errors="replace")
        except OSError:
            return ""

    def alive(self) -> bool:
        return self.proc.poll() is None

    def socket(self) -> socket.socket:
        if self.tcp:
            s = socket.create_connection(self.tcp, timeout=TIMEOUT)
        else:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(TIMEOUT)
            s.connect(self.sock)
        return s

    def client(self, msize: int = MSIZE) -> Client:
        c = Client(self.socket(), msize=msize)
        c.negotiate()
        return c

    def attached(self, aname: str = "") -> Client:
        c = self.client()
        c.attach(0, uname="glenda", aname=aname)
        return c

    def raw(self, version: bool = True, msize: int = MSIZE) -> "Raw":
        r = Raw(self.socket())
        if version:
            got = r.rpc(py9p.Tversion(msize=msize, version="9P2000"))
            assert isinstance(got, py9p.Rversion), got
        return r

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self.proc.stdout:
            self.proc.stdout.close()


class Raw:
    """A connection spoken frame by frame: python-9p's codec for the
    messages it can make, bytes by hand for the rest."""

    def __init__(self, sock: socket.socket):
        self.sock = sock

    def close(self) -> None:
        self.sock.close()

    def send(self, msg) -> None:
        data = msg if isinstance(msg, (bytes, bytearray)) else msg.to_bytes()
        self.sock.sendall(data)

    def recv_frame(self, timeout: float = TIMEOUT) -> bytes | None:
        """One reply frame, or None if the server hung up."""
        self.sock.settimeout(timeout)
        head = self._exact(4)
        if head is None:
            return None
        size = struct.unpack("<I", head)[0]
        assert size >= 7, f"reply size {size}"
        body = self._exact(size - 4)
        assert body is not None, "hung up inside a reply"
        return head + body

    def recv(self, timeout: float = TIMEOUT):
        f = self.recv_frame(timeout)
        return None if f is None else decode_message(f)

    def quiet(self, seconds: float) -> bool:
        """True if nothing arrives within `seconds`."""
        ready, _, _ = select.select([self.sock], [], [], seconds)
        return not ready

    def _exact(self, n: int) -> bytes | None:
        out = b""
        while len(out) < n:
            try:
                chunk = self.sock.recv(n - len(out))
            except (ConnectionResetError, BrokenPipeError):
                return None
            if not chunk:
                return None
            out += chunk
        return out

    def rpc(self, msg):
        self.send(msg)
        return self.recv()

    def hung_up(self, timeout: float = TIMEOUT) -> bool:
        """True if the server closes the connection (replies before that
        are read and dropped)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.recv_frame(deadline - time.monotonic()) is None:
                    return True
            except socket.timeout:
                return False
        return False


def frame(ty: int, tag: int, body: bytes) -> bytes:
    """A frame by hand: size[4] type[1] tag[2] body."""
    return struct.pack("<IBH", 7 + len(body), ty, tag) + body


def s(text: str | bytes) -> bytes:
    """A 9P string: length[2] bytes."""
    b = text.encode() if isinstance(text, str) else text
    return struct.pack("<H", len(b)) + b


class Shell:
    """Scripts run in the served system through /mnt/run, over 9P."""

    def __init__(self, c: Client):
        self.c = c
        self.fid = 1000

    def _fid(self) -> int:
        self.fid += 1
        return self.fid

    def _open(self, path: str, mode: int) -> int:
        fid = self._fid()
        self.c.walk(0, fid, path)
        self.c.open(fid, mode)
        return fid

    def _read_all(self, fid: int) -> bytes:
        out, off = b"", 0
        while True:
            data = self.c.read(fid, 4096, off)
            if not data:
                return out
            out += data
            off += len(data)

    def start(self, script: str) -> tuple[int, int, str]:
        """Start `script`: (clone fid, ctl fid, session id). The session
        lasts until the clone fid is clunked."""
        clone = self._open("mnt/run/clone", py9p.OREAD)
        sid = self.c.read(clone, 100, 0).decode().strip()
        ctl = self._open(f"mnt/run/{sid}/ctl", py9p.ORDWR)
        self.c.write(ctl, f"run\n{script}".encode())
        return clone, ctl, sid

    def pid(self, ctl: int) -> int:
        return int(self.c.read(ctl, 100, 0).decode().split()[0])

    def run(self, script: str) -> tuple[str, int]:
        """Run `script` to its end: its stdout and status."""
        clone, ctl, sid = self.start(script)
        out = self._open(f"mnt/run/{sid}/stdout", py9p.OREAD)
        text = self._read_all(out).decode(errors="replace")
        st = self._open(f"mnt/run/{sid}/status", py9p.OREAD)
        status = int(self._read_all(st).decode().split()[-1])
        for fid in (out, st, ctl, clone):
            self.c.clunk(fid)
        return text, status

    def check(self, script: str) -> str:
        out, status = self.run(script)
        assert status == 0, f"{script!r} exited {status}: {out!r}"
        return out


@pytest.fixture(scope="session")
def server():
    srv = Served(None)
    yield srv
    srv.stop()
    assert not os.path.exists(srv.sock), "serve left its socket file behind"


@pytest.fixture(scope="session")
def tcp_server():
    srv = Served("tcp!127.0.0.1!0")
    yield srv
    srv.stop()


@pytest.fixture
def c(server):
    """A python-9p client with fid 0 attached to the exported root."""
    cl = server.attached()
    yield cl
    cl.close()


@pytest.fixture
def sh(server):
    cl = server.attached()
    yield Shell(cl)
    cl.close()


@pytest.fixture
def tree(sh):
    """A fresh directory of this test's own, as a walk path under the root:
    a file `f` ("hello\\n"), a directory `dir` (mode 0750) with 12 files,
    a directory `empty`, and a 16-deep chain a/b/.../p."""
    name = f"tmp/t/{uuid.uuid4().hex[:12]}"
    sh.check(
        f"mkdir -p /{name}/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p /{name}/empty /{name}/dir && "
        f"echo hello >/{name}/f && chmod 750 /{name}/dir && "
        f"for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo $i >/{name}/dir/file$i; done"
    )
    return name


@pytest.fixture(autouse=True)
def server_still_alive(request):
    yield
    if "server" in request.fixturenames:
        srv = request.getfixturevalue("server")
        assert srv.alive(), f"ninebox serve died: {srv.stderr()}"
