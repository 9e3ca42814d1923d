"""The document file of a piece of evidence: checked, hashed, stored outside the database.

A file is accepted only if its first bytes are those of a PDF, PNG or JPEG (the name and the
type the browser claims are not trusted) and it is within the size limit. It is stored under
the data folder as ``evidence/<organisation>/<sha256>``; the evidence record keeps the sha256.
The file's name is not kept (it often carries a person's name). It is served back only as a
download, with its checked type, ``nosniff`` and a sandboxing policy, never as a page.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 900_000  # within the application's request body limit (1 MB by default)
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


class BadFile(ValueError):
    """A file that is refused; the message says why, in a sentence."""


@dataclass(frozen=True)
class Stored:
    sha256: str
    media_type: str
    size: int


def file_type(data: bytes) -> tuple[str, str] | None:
    for magic, media_type, extension in SIGNATURES:
        if data.startswith(magic):
            return media_type, extension
    return None


def store_file(folder: Path, org_id: str, data: bytes) -> Stored:
    if not data:
        raise BadFile("the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise BadFile(f"the file is larger than {MAX_FILE_BYTES // 1000} kB")
    kind = file_type(data)
    if kind is None:
        raise BadFile("only PDF, PNG and JPEG files are accepted")
    sha256 = hashlib.sha256(data).hexdigest()
    target = folder / org_id / sha256
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        os.replace(partial, target)  # never a half-written file under the final name
    return Stored(sha256, kind[0], len(data))


def read_file(folder: Path, org_id: str, sha256: str) -> tuple[bytes, str, str] | None:
    """The file's bytes, media type and extension; ``None`` if it is not there."""
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        return None
    path = folder / org_id / sha256
    if not path.is_file():
        return None
    data = path.read_bytes()
    kind = file_type(data)
    if kind is None or hashlib.sha256(data).hexdigest() != sha256:
        return None
    return data, kind[0], kind[1]
