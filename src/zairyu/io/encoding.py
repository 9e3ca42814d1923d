"""The text encodings a caseload file may come in, as Japanese offices have them.

A CSV saved by Japanese Excel ("CSV (コンマ区切り)") is CP932, Microsoft's Shift_JIS; "CSV UTF-8"
is UTF-8 with a byte order mark (BOM); other tools write UTF-8 without one. A file is read as
UTF-8 when all of it decodes as UTF-8, else as CP932 when all of it decodes as CP932, both
strictly (no byte is ever replaced or dropped); any other file is refused with how to re-save it.
Polars reads UTF-8 only: a CP932 file is converted to UTF-8 in memory before it is read (a file
Excel saved has at most 1,048,576 rows; for larger files, save them as UTF-8).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

BLOCK = 1 << 24  # bytes decoded at a time while checking a file
RESAVE = (
    "save it again as UTF-8: in Excel, 名前を付けて保存 (Save As) → ファイルの種類 "
    "'CSV UTF-8 (コンマ区切り)'; in a text editor, choose the encoding UTF-8"
)
_NOT_A_CHARACTER = re.compile("[\x80\ue000-\uf8ff]")
UTF16_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class EncodingError(ValueError):
    """A text file in an encoding zairyu does not read."""


@dataclass(frozen=True)
class Encoding:
    codec: str  # the Python codec
    name: str  # as said to the user: "read as CP932 (Shift_JIS)"
    bom: bool = False


UTF8 = Encoding("utf-8", "UTF-8")
UTF8_BOM = Encoding("utf-8-sig", "UTF-8 (with BOM)", bom=True)
CP932 = Encoding("cp932", "CP932 (Shift_JIS)")


def detect(path: Path) -> Encoding:
    """UTF-8 (with or without BOM) or CP932, whichever decodes all of the file; else refuse."""
    with path.open("rb") as stream:
        head = stream.read(4)
        if head.startswith(UTF16_BOMS) and not head.startswith(codecs.BOM_UTF8):
            raise EncodingError(f"{path}: the file is in UTF-16 or UTF-32; {RESAVE}")
        stream.seek(0)
        utf8_error = _first_error(stream, "utf-8")
        if utf8_error is None:
            return UTF8_BOM if head.startswith(codecs.BOM_UTF8) else UTF8
        stream.seek(0)
        if _first_error(stream, "cp932") is None:
            return CP932
        stream.seek(0)
        sample = stream.read(1 << 20)
    raise EncodingError(
        f"{path}: the file is neither UTF-8 nor CP932 (Shift_JIS){_guess(sample)}: byte "
        f"{utf8_error + 1:,} is not UTF-8; {RESAVE}"
    )


def _first_error(stream: BinaryIO, codec: str) -> int | None:
    """The offset of the first byte that does not decode, or None when all of it decodes.
    In CP932 the bytes 0x80, 0xA0 and 0xFD-0xFF and the user-defined characters (外字) decode
    to private-use code points that stand for no character: they count as not decoding (a
    file in Latin-1 or Windows-1252 would otherwise often pass for CP932)."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    offset = 0
    while True:
        block = stream.read(BLOCK)
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as error:
            return offset + max(error.start, 0)
        if codec == "cp932" and _NOT_A_CHARACTER.search(text):
            return offset
        if not block:
            return None
        offset += len(block)


def _guess(sample: bytes) -> str:
    """What charset-normalizer takes the file for, to help whoever re-saves it (imported only
    here, for a file refused: 5 ms of every start-up otherwise)."""
    from charset_normalizer import from_bytes  # noqa: PLC0415 - see above

    best = from_bytes(sample).best()
    return f" (perhaps {best.encoding})" if best is not None else ""


def utf8_bytes(path: Path, encoding: Encoding) -> bytes:
    """The whole file as UTF-8 without a BOM, for Polars (which reads UTF-8 only)."""
    data = path.read_bytes()
    if encoding.bom:
        return data[len(codecs.BOM_UTF8) :]
    if encoding == UTF8:
        return data
    return data.decode(encoding.codec).encode("utf-8")
