"""Field encryption for personal data (个人信息保护法): Fernet with key rotation.

FIELD_ENCRYPTION_KEYS lists keys newest first. New values are encrypted with the first; every listed key still
decrypts, so a rotation is: put a new key in front, run `manage.py rotate_field_keys`, then drop the old key.
A keyed hash (HMAC-SHA256 under the newest key's secret) lets equal values be found without decrypting.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: personal data cannot be stored (see README).")
    return MultiFernet([Fernet(k.encode()) for k in keys])


def _keys() -> tuple[str, ...]:
    return tuple(settings.FIELD_ENCRYPTION_KEYS)


def encrypt(value: str) -> str:
    """Ciphertext of `value` under the newest key ('' stays '')."""
    if not value:
        return ""
    return _fernet(_keys()).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    """The plain value; a value no listed key can open raises ValueError."""
    if not token:
        return ""
    try:
        return _fernet(_keys()).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("cannot decrypt: the key that encrypted this value is not in FIELD_ENCRYPTION_KEYS") from exc


def rotate(token: str) -> str:
    """The same value re-encrypted under the newest key."""
    return _fernet(_keys()).rotate(token.encode()).decode() if token else ""


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed hash for equality search (e.g. the same phone number), stable across key rotations.

    It is keyed with SECRET_KEY-derived material rather than the Fernet keys so that rotating those keys does
    not change it."""
    if not value:
        return ""
    secret = hashlib.sha256(f"shuniu-blind-index:{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()


def mask_phone(phone: str) -> str:
    """138****1234 for a mobile number; other numbers keep their last four digits."""
    digits = "".join(c for c in phone if c.isdigit())
    if len(digits) == 11:
        return f"{digits[:3]}****{digits[-4:]}"
    return f"****{digits[-4:]}" if len(digits) >= 4 else ("*" * len(digits))


def mask_id_number(number: str) -> str:
    """110105********1234 style: keep the region code and the last four characters."""
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
