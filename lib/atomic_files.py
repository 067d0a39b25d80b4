"""Files that are never seen half-written, and checksums that tell a damaged one.

What the model cache (``lib.cache``) and the result cache (``lib.result_cache``) share: an
entry is a data file and a JSON record holding the entry's key, the data's SHA-256 and its own.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path


def file_sha256(path):
    """SHA-256 of a file's bytes, as 64 hex digits."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def record_sha256(record):
    """SHA-256 of a record (a dict that JSON can hold), all fields but ``record_sha256`` itself."""
    fields = {name: value for name, value in record.items() if name != "record_sha256"}
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def unwritable(folder):
    """Why ``folder`` cannot take a new file (a short text), or None if it can; creates it if need be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        return f"{type(error).__name__}: {error}"
    return None


def write_atomically(path, write):
    """``write(file)`` into a temporary file of this process, then rename it to ``path``.

    Readers see the old file or the whole new one, never part of it; two processes writing
    the same entry each use their own temporary file, and the last rename wins.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def store_entry(data_path, record_path, write_data, record, data_checksum):
    """Write an entry: ``write_data(file)`` to ``data_path``, then ``record`` to ``record_path``
    as JSON, with the data file's SHA-256 under ``data_checksum`` and the record's own.

    Each file is written atomically, the record last, so a reader never finds a record whose
    data is missing or half-written. Raises OSError if a write fails (the caller warns)."""
    write_atomically(data_path, write_data)
    record = dict(record, **{data_checksum: file_sha256(data_path)})
    record["record_sha256"] = record_sha256(record)
    write_atomically(record_path, lambda file: file.write(json.dumps(record, indent=1).encode()))


def checked_record(data_path, record_path, key, data_checksum):
    """An entry's record, read and checked: its own SHA-256, its ``key``, and the data file's
    SHA-256 (stored under ``data_checksum``). Raises ValueError (or an error reading) otherwise."""
    record = json.loads(record_path.read_text())
    if record["record_sha256"] != record_sha256(record):
        raise ValueError("record checksum does not match: the record was edited or damaged")
    if record["key"] != key or record[data_checksum] != file_sha256(data_path):
        raise ValueError(f"key or {data_checksum} does not match")
    return record


def remove_entry(*paths):
    """Delete an entry's files where the folder allows it (a read-only one keeps them: the
    entry is refused again next time)."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
