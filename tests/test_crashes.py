"""Crashes and a hostile machine: `tacitus ingest` killed at random moments resumes to a clean run's
store; a full disk, a read-only store or folder, or a file that is not a store give a clear error
naming the file (no traceback) and leave the store as it was."""
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time

import pytest
from test_ingest import RUN, records, snapshot, write_jsonl

from tacitus.engines import Progress, ingest
from tacitus.store import Store

pytestmark = pytest.mark.slow

TACITUS = [sys.executable, "-m", "tacitus.cli"]


def test_killed_three_times_at_random_moments_then_resumed_equals_a_clean_run(tmp_path):
    # 62 articles and a broken line: more than three short runs can code, however fast coding gets.
    path = write_jsonl(tmp_path / "a.jsonl", records(6, copies=10))
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    subprocess.run([sys.executable, "-c", RUN, str(clean), str(path), "1"], check=True, capture_output=True)
    rng = random.Random(7)  # fixed, so a failure can be replayed
    stored = 0
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", RUN, str(killed), str(path), "1"], stderr=subprocess.PIPE,
                                text=True)
        wanted, seen = rng.randint(1, 8), 0
        for line in proc.stderr:  # one progress line per article coded
            seen += line.startswith("articles ") and not line.startswith("articles 0")
            if seen >= wanted:
                time.sleep(rng.uniform(0, 0.3))  # between batches, or inside a write
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = snapshot(killed)["counts"]["articles"]  # the store opens, and keeps what it had
        assert stored <= now <= 62
        stored = now
    assert stored < 62
    subprocess.run([sys.executable, "-c", RUN, str(killed), str(path), "1"], check=True, capture_output=True)
    assert snapshot(killed) == snapshot(clean)


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    """A small store, coded once; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("stored")
    db = folder / "events.duckdb"
    with Store(db) as store:
        ingest([write_jsonl(folder / "a.jsonl", records(3), bad=False)], store, progress=Progress(every=1e9,
                                                                                                   quiet=True))
    return db


@pytest.fixture
def more(tmp_path):
    return write_jsonl(tmp_path / "more.jsonl", [{"id": "new-1", "text": "Japan praised South Korea on Monday.",
                                                  "date": "2024-06-03"}], bad=False)


def copy(db, folder):
    folder.mkdir(exist_ok=True)
    return shutil.copy(db, folder / db.name)


def ingest_cli(db, path, preexec_fn=None, prefix=()):
    return subprocess.run([*prefix, *TACITUS, "ingest", str(path), "--db", str(db)], capture_output=True, text=True,
                          preexec_fn=preexec_fn, timeout=600)


def refused(result, db, *words):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith(f"tacitus: {db}:") and all(w in message for w in words), message


def small_files(limit):
    def limit_file_size():  # as a full disk: writes past `limit` bytes fail with "File too large"
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_file_size


def test_disk_full_while_storing_keeps_the_store_as_it_was(store_file, more, tmp_path):
    db = copy(store_file, tmp_path / "full")
    before = snapshot(db)
    result = ingest_cli(db, more, preexec_fn=small_files(1000))
    refused(result, db, "could not be stored", "File too large")
    assert snapshot(db) == before
    result = ingest_cli(db, more)  # with room again, the run completes
    assert result.returncode == 0, result.stderr
    assert snapshot(db)["counts"]["articles"] == before["counts"]["articles"] + 1


def test_disk_full_when_creating_a_store_leaves_no_file(more, tmp_path):
    db = tmp_path / "new.duckdb"
    refused(ingest_cli(db, more, preexec_fn=small_files(1000)), db, "cannot be opened for writing", "File too large")
    assert not db.exists() and not (tmp_path / "new.duckdb.wal").exists()


def test_disk_full_on_a_real_small_file_system(store_file, more, tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    size = store_file.stat().st_size + 96 * 1024
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                                           capture_output=True).returncode:
        pytest.skip("needs permission to mount a small tmpfs")
    try:
        db = copy(store_file, mount)
        before = snapshot(db)
        with open(mount / "filler", "wb", buffering=0) as f:  # to the last byte the disk will take
            try:
                while True:
                    f.write(b"\0" * 4096)
            except OSError:
                pass
        refused(ingest_cli(db, more), db, "could not be stored", "No space left on device")
        assert snapshot(db) == before
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def unprivileged():
    """A command prefix under which permissions hold: root ignores them unless it drops its capabilities."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return ["setpriv", "--bounding-set", "-all", "--inh-caps", "-all"]


def test_read_only_store_file(store_file, more, tmp_path):
    db = copy(store_file, tmp_path / "ro")
    before = snapshot(db)
    os.chmod(db, 0o444)
    refused(ingest_cli(db, more, prefix=unprivileged()), db, "cannot be opened for writing", "Permission denied")
    assert snapshot(db) == before


def test_read_only_folder(store_file, more, tmp_path):
    folder = tmp_path / "ro"
    db = copy(store_file, folder)
    before = snapshot(db)
    os.chmod(folder, 0o555)
    try:
        prefix = unprivileged()
        refused(ingest_cli(db, more, prefix=prefix), db, f"cannot write to the folder {folder}")
        new = folder / "new.duckdb"
        refused(ingest_cli(new, more, prefix=prefix), new, f"cannot write to the folder {folder}")
        assert sorted(p.name for p in folder.iterdir()) == ["events.duckdb"]
    finally:
        os.chmod(folder, 0o755)
    assert snapshot(db) == before


def test_a_file_that_is_not_a_store_is_left_alone(more, tmp_path):
    db = tmp_path / "notes.txt"
    db.write_text("Not a database.\n", encoding="utf-8")
    refused(ingest_cli(db, more), db, "not a valid DuckDB database file")
    result = subprocess.run([*TACITUS, "export", "--db", str(db), "--format", "csv"], capture_output=True, text=True)
    refused(result, db, "cannot be opened for reading")
    assert db.read_text(encoding="utf-8") == "Not a database.\n"
