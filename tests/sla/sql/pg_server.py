"""A throwaway PostgreSQL server for the tests: the machine's own server binaries, ``initdb`` into a
temporary folder, a free port, the unix socket in that folder (no TCP listener), stopped and removed
at the end.

The binaries are looked for in ``$SERVSTD_PG_BINDIR``, then ``pg_config --bindir``, then beside
``initdb`` on PATH, then Debian's ``/usr/lib/postgresql/<version>/bin`` (newest first). PostgreSQL
refuses to run as root: as root, initdb and the server run as the ``postgres`` user (which the
Debian package creates) or ``nobody``, and the folder is handed to that user.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg

INSTALL = (
    "install a PostgreSQL server: `sudo apt-get install postgresql` (Debian, Ubuntu), "
    "`brew install postgresql` (macOS), or set SERVSTD_PG_BINDIR to a folder with initdb and postgres"
)
USER = "servstd"  # the database superuser initdb creates (trust authentication on the socket only)


def _is_server_dir(d: Path) -> bool:
    return all(os.access(d / name, os.X_OK) and (d / name).is_file() for name in ("initdb", "postgres"))


def _version_key(d: Path) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", d.parent.name))


def find_bindir() -> Path | None:
    """The folder with ``initdb`` and ``postgres``, or None when no server is installed."""
    candidates: list[Path] = []
    if env := os.environ.get("SERVSTD_PG_BINDIR"):
        candidates.append(Path(env))
    if pg_config := shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
            )
            candidates.append(Path(out.stdout.strip()))
    if initdb := shutil.which("initdb"):
        candidates += [Path(initdb).parent, Path(initdb).resolve().parent]
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True)
    return next((d for d in candidates if _is_server_dir(d)), None)


def _free_port() -> int:
    """A port no one listens on now (it only names the socket file: the server opens no TCP port)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _unprivileged_user() -> pwd.struct_passwd | None:
    """Who runs the server: None (this process's user) unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError(
        "running as root and neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL"
    )


class Server:
    """A running server; :meth:`connect` opens a connection to its ``postgres`` database."""

    def __init__(self, folder: Path, port: int, process: subprocess.Popen[bytes]) -> None:
        self.folder, self.port, self.process = folder, port, process

    def connect(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host=str(self.folder),
            port=self.port,
            user=USER,
            dbname="postgres",
            autocommit=True,
            connect_timeout=10,
        )


@contextlib.contextmanager
def running(bindir: Path) -> Iterator[Server]:
    """Start a server from ``bindir`` in a new temporary folder; stop it and remove the folder after."""
    user = _unprivileged_user()
    folder = Path(tempfile.mkdtemp(prefix="servstd-pg-"))
    run_as: dict[str, object] = {}
    if user is not None:
        os.chown(folder, user.pw_uid, user.pw_gid)
        run_as = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
    env = {**os.environ, "LC_ALL": "C", "TZ": "UTC"}
    if user is not None:
        env["HOME"] = str(folder)
    data, log = folder / "data", folder / "server.log"
    process: subprocess.Popen[bytes] | None = None
    try:
        initdb = subprocess.run(
            [bindir / "initdb", "-D", data, "-U", USER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
            cwd=folder, env=env, capture_output=True, check=False, timeout=120, **run_as,  # type: ignore[arg-type]
        )  # fmt: skip
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{initdb.stderr.decode(errors='replace')}")
        port = _free_port()
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [bindir / "postgres", "-D", data, "-p", str(port), "-k", folder,
                 "-c", "listen_addresses=", "-c", "fsync=off", "-c", "full_page_writes=off",
                 "-c", "synchronous_commit=off", "-c", "TimeZone=UTC"],
                cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT, **run_as,  # type: ignore[arg-type]
            )  # fmt: skip
        server = Server(folder, port, process)
        _wait_ready(server, log)
        yield server
    finally:
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)  # fast shutdown: roll back and disconnect clients
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def _accepts(server: Server) -> bool:
    try:
        server.connect().close()
    except psycopg.OperationalError:
        return False
    return True


def _wait_ready(server: Server, log: Path, timeout: float = 60.0) -> None:
    """Return once the server accepts connections; raise with its log if it stops or never does."""
    stop = time.monotonic() + timeout
    while not _accepts(server):
        if server.process.poll() is not None or time.monotonic() > stop:
            text = log.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"the PostgreSQL server did not start:\n{text}")
        time.sleep(0.1)
