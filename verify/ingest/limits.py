"""The limits ingest enforces: how big one article may be, how long one download may take.

Readers look these up on this module when they run (`limits.MAX_FILE_BYTES`, never a copy bound at
import), so a value set here reaches every reader at once: a test lowers `MAX_FILE_BYTES` to try the
size limit on small inputs. `verify.ingest` re-exports them for reading.
"""

from __future__ import annotations

# A file read whole (.txt, .md, .html, .json, text on stdin), one JSONL line, one CSV row or one
# downloaded page over this is rejected.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ARTICLE_CHARS = 2_000_000  # = verify.extract.extractor.MAX_TEXT, which refuses a whole batch over it
FETCH_TIMEOUT_S = 30.0  # total for one URL: DNS, connect, headers and body
FETCH_TIMEOUT_ENV = "VERIFY_FETCH_TIMEOUT"
