"""The audit key: the secret that signs the audit trail, kept outside the database.

Whoever can write to the database but not read this file cannot rewrite the trail so that it
verifies again. ``zairyu db upgrade`` creates it (32 random bytes, hex, mode 0600) when the trail
has no signed entry yet; it refuses to create a new one for a trail signed with a lost key.
Its place: ``ZAIRYU_AUDIT_KEY_FILE``, or ``$XDG_CONFIG_HOME/zairyu/audit.key`` (by default
``~/.config/zairyu/audit.key``), apart from the data directory so the two are backed up apart.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path


class AuditKeyError(RuntimeError):
    """The audit key is missing or unreadable; the message says where it was looked for."""


def audit_key_path() -> Path:
    configured = os.environ.get("ZAIRYU_AUDIT_KEY_FILE")
    if configured:
        return Path(configured)
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "zairyu" / "audit.key"


def create_key(path: Path) -> bool:
    """Create the key file if it does not exist; True if it was created."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32) + "\n")
    return True


def load_key(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
    except FileNotFoundError:
        raise AuditKeyError(
            f"the audit key {path} is missing: restore it from its backup "
            "(or set ZAIRYU_AUDIT_KEY_FILE); a fresh store gets one from 'zairyu db upgrade'"
        ) from None
    except (OSError, ValueError) as error:
        raise AuditKeyError(
            f"the audit key {path} cannot be read ({type(error).__name__})"
        ) from None
    if len(key) < 32:
        raise AuditKeyError(f"the audit key {path} is too short (expected 32 bytes as hex)")
    return key


def sign(key: bytes, text: str) -> str:
    """HMAC-SHA-256 of ``text`` under ``key``, as hex."""
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
