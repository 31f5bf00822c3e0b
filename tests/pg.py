"""A throwaway PostgreSQL cluster on loopback for the tests of the shared store (issue #12).

Started once per test session by the `cluster` fixture (tests/conftest.py) with the installed server
binaries (Debian's `postgresql` package); without them the tests that need it are skipped, saying
what to install.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

PASSWORD = "verify-test-pw"
MISSING = ("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's `postgresql` package "
           "(apt-get install postgresql) to run the shared-store tests")


def server_binaries() -> Path | None:
    """The newest installed server's bin folder (Debian keeps them per major version)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    candidates = [Path(p).parent for p in reversed(found)]
    if shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb")).resolve().parent)
    for bindir in candidates:
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists() and (bindir / "postgres").exists():
            return bindir
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, bindir: Path, root: Path, port: int, demote):
        self.bindir, self.root, self.port, self._demote = bindir, root, port, demote
        self.data = root / "data"
        self._names = itertools.count(1)

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bindir / args[0]), *args[1:]], cwd=self.root, preexec_fn=self._demote,
                              capture_output=True, text=True, timeout=120)

    def url(self, dbname: str, *, password: str = PASSWORD, user: str = "verify") -> str:
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str, dbname: str = "postgres", args=None) -> list:
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            cur = conn.execute(sql, args)
            return cur.fetchall() if cur.description else []

    def new_database(self) -> str:
        name = f"t{next(self._names)}"
        self.admin(f"CREATE DATABASE {name}")
        return name


@contextlib.contextmanager
def throwaway_cluster(bindir: Path) -> Iterator[Cluster]:
    """initdb, start on a free loopback port (password auth), yield; stop and remove it afterwards."""
    root = Path(tempfile.mkdtemp(prefix="verify-pg-"))
    demote = None
    if os.geteuid() == 0:  # initdb refuses root: the cluster runs as nobody, in a folder nobody owns
        nobody = pwd.getpwnam("nobody")

        def demote():
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)

        os.chown(root, nobody.pw_uid, nobody.pw_gid)
    (root / "pw").write_text(PASSWORD)
    if demote is not None:
        os.chown(root / "pw", pwd.getpwnam("nobody").pw_uid, -1)
    server = Cluster(bindir, root, free_port(), demote)
    try:
        made = server.run("initdb", "-D", str(server.data), "-U", "verify", f"--pwfile={root / 'pw'}",
                          "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync")
        assert made.returncode == 0, made.stderr
        options = (f"-c listen_addresses=127.0.0.1 -p {server.port} -c unix_socket_directories={root} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        started = server.run("pg_ctl", "-D", str(server.data), "-l", str(root / "log"), "-w", "-t", "60",
                             "-o", options, "start")
        assert started.returncode == 0, started.stderr + (root / "log").read_text(errors="replace")
        yield server
    finally:
        server.run("pg_ctl", "-D", str(server.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
