"""`ninebox mcp` over stdio with the Python `mcp` client (2.3.0), in both
protocol modes: "auto" (the 2026-07-28 revision, no handshake, found with
`server/discover`) and "legacy" (the initialize handshake).

The binary is $NINEBOX_BIN (the boot crate's test `mcp::python_client`
sets it), else target/debug/ninebox.
"""

import asyncio
import base64
import json
import os
import pathlib

import pytest
from mcp import Client, MCPError, StdioServerParameters

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("NINEBOX_BIN") or str(ROOT / "target/debug/ninebox")

# A 1x1 RGBA PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000101ff89993d1d"
    "0000000049454e44ae426082"
)

TOOLS = ["write", "read", "list", "glob", "remove", "output", "run", "stat", "mkdir", "rename", "ps", "kill"]

MODES = ["auto", "legacy"]


def session(mode, *args):
    params = StdioServerParameters(command=BIN, args=["mcp", *args])
    return Client(params, mode=mode, read_timeout_seconds=60)


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 120))


async def ok(c, tool, **args):
    r = await c.call_tool(tool, args)
    assert not r.is_error, f"{tool} {args}: {r.content}"
    # The structured result and its text block say the same.
    assert json.loads(r.content[0].text) == r.structured_content
    return r.structured_content


async def err(c, tool, want, **args):
    r = await c.call_tool(tool, args)
    assert r.is_error, f"{tool} {args}: expected an error, got {r.structured_content}"
    text = r.content[0].text
    assert want in text, f"{tool} {args}: {text!r} lacks {want!r}"
    return text


@pytest.mark.parametrize("mode", MODES)
def test_tools_listed_with_descriptions_from_the_build(mode):
    async def go():
        async with session(mode) as c:
            tools = (await c.list_tools()).tools
            assert [t.name for t in tools] == TOOLS
            for t in tools:
                assert "workspace" in t.input_schema["properties"], t.name
                assert "workspace" in t.input_schema["required"], t.name
            run_tool = next(t for t in tools if t.name == "run")
            # The commands of this build's /bin and the limits in force.
            assert " jq " in run_tool.description and " awk " in run_tool.description
            assert "timeout=30s" in run_tool.description
            if mode == "auto":
                assert c.protocol_version == "2026-07-28"
            else:
                assert c.protocol_version == "2025-11-25"

    run(go())


@pytest.mark.parametrize("mode", MODES)
def test_seed_plugin_file_tools(mode):
    async def go():
        async with session(mode) as c:
            w = "files"
            assert await ok(c, "write", workspace=w, path="reports/summary.txt", content="Monthly summary...") == {
                "written": True,
                "path": "reports/summary.txt",
            }
            assert await ok(c, "read", workspace=w, path="reports/summary.txt") == {
                "content": "Monthly summary...",
                "mimeType": "text/plain",
                "size": 18,
            }
            assert await ok(c, "read", workspace=w, path="reports/nothing.txt") == {
                "content": None,
                "mimeType": None,
                "size": 0,
            }
            assert await ok(c, "mkdir", workspace=w, path="reports/charts") == {
                "created": True,
                "path": "reports/charts",
            }
            listed = await ok(c, "list", workspace=w, path="reports")
            assert listed == {
                "entries": [
                    {"path": "reports/charts", "type": "directory"},
                    {"path": "reports/summary.txt", "type": "file", "mimeType": "text/plain", "size": 18},
                ]
            }
            home = await ok(c, "list", workspace=w)
            assert {"path": "reports", "type": "directory"} in home["entries"]
            await ok(c, "write", workspace=w, path="reports/charts/deep.txt", content="x")
            assert [e["path"] for e in (await ok(c, "glob", workspace=w, pattern="**/*.txt"))["entries"]] == [
                "reports/charts/deep.txt",
                "reports/summary.txt",
            ]
            assert [e["path"] for e in (await ok(c, "glob", workspace=w, pattern="*.txt", cwd="reports"))["entries"]] == [
                "reports/summary.txt"
            ]
            st = await ok(c, "stat", workspace=w, path="reports/summary.txt")
            assert (st["type"], st["size"], st["name"], st["mimeType"]) == ("file", 18, "summary.txt", "text/plain")
            assert await ok(c, "rename", workspace=w, **{"from": "reports/summary.txt", "to": "archive/s.txt"}) == {
                "renamed": True,
                "from": "reports/summary.txt",
                "to": "archive/s.txt",
            }
            assert (await ok(c, "read", workspace=w, path="archive/s.txt"))["content"] == "Monthly summary..."
            assert (await ok(c, "read", workspace=w, path="reports/summary.txt"))["content"] is None
            # remove is recursive.
            assert await ok(c, "remove", workspace=w, path="reports") == {"removed": True, "path": "reports"}
            assert (await ok(c, "read", workspace=w, path="reports/charts/deep.txt"))["content"] is None
            # What a script writes, the file tools see, and the other way.
            await ok(c, "run", workspace=w, script="echo from-sh > made.txt")
            assert (await ok(c, "read", workspace=w, path="/home/user/made.txt"))["content"] == "from-sh\n"

    run(go())


@pytest.mark.parametrize("mode", MODES)
def test_base64_round_trip_and_mime_types(mode):
    async def go():
        async with session(mode) as c:
            w = "bin"
            data = bytes(range(256))
            b64 = base64.b64encode(data).decode()
            await ok(c, "write", workspace=w, path="all.bytes", content=b64, encoding="base64")
            r = await ok(c, "read", workspace=w, path="all.bytes", encoding="base64")
            assert base64.b64decode(r["content"]) == data
            assert (r["mimeType"], r["size"]) == ("application/octet-stream", 256)
            await err(c, "read", "not valid UTF-8", workspace=w, path="all.bytes")
            # The shell sees the same bytes.
            out = await ok(c, "run", workspace=w, script="wc -c < all.bytes")
            assert out["stdout"].strip() == "256"
            # A PNG is known by its contents, whatever its name.
            await ok(c, "write", workspace=w, path="pic", content=base64.b64encode(PNG).decode(), encoding="base64")
            r = await ok(c, "read", workspace=w, path="pic", encoding="base64")
            assert (r["mimeType"], r["size"], base64.b64decode(r["content"])) == ("image/png", len(PNG), PNG)
            # A declared type wins.
            await ok(c, "write", workspace=w, path="data", content="{}", mimeType="application/json")
            assert (await ok(c, "read", workspace=w, path="data"))["mimeType"] == "application/json"
            entries = (await ok(c, "list", workspace=w))["entries"]
            assert {"path": "data", "type": "file", "mimeType": "application/json", "size": 2} in entries
            # Non-UTF-8 output of a script comes as base64.
            out = await ok(c, "run", workspace=w, script=r"printf '\377\376'")
            assert "stdout" not in out and base64.b64decode(out["stdout_base64"]) == b"\xff\xfe"

    run(go())


@pytest.mark.parametrize("mode", MODES)
def test_output_delivers_a_png_as_an_embedded_resource(mode):
    async def go():
        async with session(mode) as c:
            w = "out"
            await ok(c, "write", workspace=w, path="charts/dot.png", content=base64.b64encode(PNG).decode(), encoding="base64")
            r = await c.call_tool("output", {"workspace": w, "path": "charts/dot.png", "description": "a dot"})
            assert not r.is_error, r.content
            assert r.structured_content == {
                "sent": True,
                "path": "charts/dot.png",
                "mimeType": "image/png",
                "size": len(PNG),
                "uri": "ninebox://out/home/user/charts/dot.png",
                "description": "a dot",
            }
            res = [b for b in r.content if b.type == "resource"]
            assert len(res) == 1
            res = res[0].resource
            assert (res.mime_type, str(res.uri)) == ("image/png", "ninebox://out/home/user/charts/dot.png")
            assert base64.b64decode(res.blob) == PNG
            # Text goes as text.
            await ok(c, "write", workspace=w, path="note.txt", content="hello\n")
            r = await c.call_tool("output", {"workspace": w, "path": "note.txt"})
            res = [b for b in r.content if b.type == "resource"][0].resource
            assert (res.mime_type, res.text) == ("text/plain", "hello\n")
            await err(c, "output", "No such file", workspace=w, path="missing.png")
            await err(c, "output", "not a file", workspace=w, path="charts")

    run(go())


@pytest.mark.parametrize("mode", MODES)
def test_run_options_and_the_timeout(mode):
    async def go():
        async with session(mode, "--timeout", "2s") as c:
            w = "runner"
            await ok(c, "mkdir", workspace=w, path="/tmp/work")
            out = await ok(
                c, "run", workspace=w, script='pwd; echo "$WHO"; tr a-z A-Z; exit 3', cwd="/tmp/work", stdin="in\n", env={"WHO": "me"}
            )
            assert out["stdout"] == "/tmp/work\nme\nIN\n"
            assert out["status"] == 3 and out["wait"].endswith(": exit 3") and out["truncated"] is False
            out = await ok(c, "run", workspace=w, script="echo start; while :; do :; done")
            assert out["status"] == 124, out
            assert out["stdout"] == "start\n" and "time limit reached" in out["stderr"]
            out = await ok(c, "run", workspace=w, script="sleep 100", timeout=0.2)
            assert out["status"] == 124, out
            await err(c, "run", "above the server's time limit of 2 s", workspace=w, script="true", timeout=5)
            # The server still answers after the timeouts.
            assert (await ok(c, "run", workspace=w, script="echo alive"))["stdout"] == "alive\n"

    run(go())


@pytest.mark.parametrize("mode", MODES)
def test_ps_and_kill(mode):
    async def go():
        async with session(mode) as c:
            w = "procs"
            await ok(c, "run", workspace=w, script="sleep 1000 &")
            procs = (await ok(c, "ps", workspace=w))["processes"]
            sleep = [p for p in procs if p["name"] == "sleep"]
            assert len(sleep) == 1, procs
            assert procs[0]["pid"] == 1
            pid = sleep[0]["pid"]
            assert await ok(c, "kill", workspace=w, pid=pid) == {"killed": True, "pid": pid, "note": "kill"}
            for _ in range(200):
                if not any(p["pid"] == pid for p in (await ok(c, "ps", workspace=w))["processes"]):
                    break
                await asyncio.sleep(0.01)
            else:
                pytest.fail(f"pid {pid} outlived its kill")
            await err(c, "kill", "first process", workspace=w, pid=1)
            await err(c, "kill", "No such process", workspace=w, pid=424242)

    run(go())


@pytest.mark.parametrize("mode", MODES)
def test_workspaces_cannot_see_each_other(mode):
    async def go():
        async with session(mode, "--max-workspaces", "3") as c:
            await ok(c, "write", workspace="alice", path="secret.txt", content="alice's")
            await ok(c, "run", workspace="alice", script="sleep 1000 &")
            assert (await ok(c, "read", workspace="bob", path="secret.txt"))["content"] is None
            assert (await ok(c, "glob", workspace="bob", pattern="**/secret.txt"))["entries"] == []
            out = await ok(c, "run", workspace="bob", script="cat /home/user/secret.txt")
            assert out["status"] != 0 and "secret.txt" in out["stderr"], out
            assert not any(p["name"] == "sleep" for p in (await ok(c, "ps", workspace="bob"))["processes"])
            await ok(c, "write", workspace="bob", path="secret.txt", content="bob's")
            assert (await ok(c, "read", workspace="alice", path="secret.txt"))["content"] == "alice's"
            assert (await ok(c, "read", workspace="bob", path="secret.txt"))["content"] == "bob's"
            await ok(c, "ps", workspace="carol")
            await err(c, "ps", "already has its 3 workspaces", workspace="dave")
            # Known ones still work at the cap.
            assert (await ok(c, "read", workspace="alice", path="secret.txt"))["content"] == "alice's"

    run(go())


@pytest.mark.parametrize("mode", MODES)
def test_bad_arguments_are_tool_errors(mode):
    async def go():
        async with session(mode) as c:
            await err(c, "write", "missing field `workspace`", path="a", content="x")
            await err(c, "write", "missing field `content`", workspace="w", path="a")
            await err(c, "write", "invalid type", workspace="w", path=["a"], content="x")
            await err(c, "write", "unknown field `colour`", workspace="w", path="a", content="x", colour="red")
            await err(c, "write", "not valid base64", workspace="w", path="a", content="*not base64*", encoding="base64")
            await err(c, "write", "unknown variant", workspace="w", path="a", content="x", encoding="latin-1")
            await err(c, "write", "'..' element", workspace="w", path="../../etc/passwd", content="x")
            await err(c, "read", "NUL byte", workspace="w", path="a\x00b")
            await err(c, "read", "expected 1 to 64 letters", workspace="../w", path="a")
            await err(c, "read", "expected 1 to 64 letters", workspace="x" * 65, path="a")
            await err(c, "run", "missing field `script`", workspace="w")
            await err(c, "run", "above 0", workspace="w", script="true", timeout=0)
            await err(c, "kill", "invalid type", workspace="w", pid="1")
            await err(c, "stat", "No such file", workspace="w", path="nope")
            await err(c, "remove", "No such file", workspace="w", path="nope")
            await err(c, "list", "Not a directory", workspace="w", path="/etc/hostname")
            await err(c, "remove", "root cannot be removed", workspace="w", path="/")
            # An unknown tool is a protocol error, and the server goes on.
            with pytest.raises(MCPError):
                await c.call_tool("nosuch", {"workspace": "w"})
            assert (await ok(c, "run", workspace="w", script="echo still here"))["stdout"] == "still here\n"

    run(go())


def test_describe_prints_the_tools():
    import subprocess

    out = subprocess.run([BIN, "mcp", "--describe", "--limit", "procs=77"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    for name in TOOLS:
        assert f"\n{name}\n" in "\n" + out.stdout
    assert "procs=77" in out.stdout and "at most 77 processes" in out.stdout
    assert " grep " in out.stdout
