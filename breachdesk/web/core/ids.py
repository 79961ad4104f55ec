"""Public identifiers: random, unguessable, URL-safe; never sequential database ids."""

import secrets

_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: people read these aloud


def new_public_id(length: int = 12) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))
