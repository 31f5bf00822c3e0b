"""Connecting to the shared PostgreSQL store, and turning what a user can get wrong into one line.

Every error a user can cause (a malformed URL, a server that is down, a wrong password, a database
that does not exist or is not verify's, a role without the rights it needs) becomes `IndexError_`
whose message names the store by its URL *without* the password, says what happened and what to do.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import psycopg
from psycopg import errors as pg_errors

from verify.errors import IndexError_

SCHEMA = "verify"  # every table lives in this PostgreSQL schema of the database
CONNECT_TIMEOUT = 10  # seconds: a server that does not answer is reported, not waited on forever


def redact(url: str) -> str:
    """The URL as it may be shown: the password (if any) replaced by ***."""
    from verify.store.postgres import redact as _redact

    return _redact(url)


def display_name(url: str) -> str:
    """`postgresql://user@host:port/dbname` of a URL or conninfo string, never with its password."""
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        return redact(url)
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    for prefix in ("connection failed: ",):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text.splitlines()[0].strip() if text else type(exc).__name__


def explain_connect_error(exc: psycopg.Error, display: str) -> str:
    """One line for a failed connection attempt."""
    text = str(exc)
    line = _first_line(exc)
    if isinstance(exc, psycopg.ProgrammingError) or "invalid connection option" in text \
            or "invalid URI" in text or "invalid integer value" in text:
        return f"{display}: not a usable PostgreSQL URL ({redact(line)}); write postgresql://USER@HOST:PORT/DBNAME"
    if "Connection refused" in text or "No such file or directory" in text:
        return (f"{display}: cannot connect: the PostgreSQL server is not running there or does not accept "
                "connections (check the host and port, and that the server is up)")
    if "password authentication failed" in text or "no password supplied" in text \
            or "fe_sendauth" in text:
        return (f"{display}: the server refused the user name or password; give them in the URL "
                "(postgresql://USER:PASSWORD@HOST/DB), in PGPASSWORD or in ~/.pgpass")
    missing = re.search(r'database "([^"]+)" does not exist', text)
    if missing:
        return (f"{display}: there is no database '{missing.group(1)}' on that server; create it first "
                f"(createdb {missing.group(1)}, see docs/TEAM.md)")
    if "role" in text and "does not exist" in text:
        return f"{display}: the server has no such user ({line}); ask the desk's database admin for a role"
    if "failed to resolve host" in text or "could not translate host name" in text:
        if "Servname not supported" in text:
            return f"{display}: not a usable PostgreSQL URL (the port must be a number)"
        return f"{display}: cannot find the host ({line})"
    if "timeout expired" in text:
        return f"{display}: the server did not answer within {CONNECT_TIMEOUT} s (a firewall, or the wrong host?)"
    if "no pg_hba.conf entry" in text or "permission denied" in text:
        return f"{display}: the server does not let this user connect ({line}); ask the database admin"
    return f"{display}: cannot connect to PostgreSQL ({redact(line)})"


def connect(url: str, display: str, *, user: str, read_only: bool) -> psycopg.Connection:
    """An autocommit connection with verify's schema on its search path, or `IndexError_`."""
    try:
        psycopg.conninfo.conninfo_to_dict(url)
        conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT,
                               application_name="verify")
    except psycopg.Error as exc:
        raise IndexError_(explain_connect_error(exc, display)) from None
    try:
        # The user name reaches the history triggers through a session setting; read-only opens
        # make the server refuse writes too, not only this class.
        conn.execute("SELECT set_config('search_path', %s, false), set_config('verify.user', %s, false),"
                     " set_config('default_transaction_read_only', %s, false)",
                     (SCHEMA, user, "on" if read_only else "off"))
    except psycopg.Error as exc:
        conn.close()
        raise IndexError_(f"{display}: cannot set up the session ({_first_line(exc)})") from None
    return conn


@contextlib.contextmanager
def db_errors(display: str, role: str | None = None) -> Iterator[None]:
    """Turn the database errors a user can cause mid-session into one-line `IndexError_`s."""
    try:
        yield
    except pg_errors.InsufficientPrivilege as exc:
        who = f"role '{role}'" if role else "this database role"
        raise IndexError_(f"{display}: the {who} may not do this ({_first_line(exc)}); ask the desk's "
                          "database admin for the role that may (docs/TEAM.md)") from None
    except pg_errors.ReadOnlySqlTransaction:
        raise IndexError_(f"{display}: index opened read-only") from None
    except pg_errors.DiskFull:
        raise IndexError_(f"{display}: the database server's disk is full; nothing of this batch was stored: "
                          "free space on the server and run the command again") from None
    except psycopg.OperationalError as exc:
        raise IndexError_(f"{display}: lost the connection to the database ({_first_line(exc)}); nothing "
                          "of an unfinished batch was stored: run the command again") from None
    except psycopg.InterfaceError as exc:  # a connection closed under us
        raise IndexError_(f"{display}: the database connection is closed ({_first_line(exc)})") from None
