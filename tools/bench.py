"""Time every chapter from scratch, and every model's training per epoch.

    python tools/bench.py book/01_mnist.ipynb book/02_simple_autoencoder.ipynb ...

Runs the chapters in the given order, in a fresh kernel each, with empty model and result caches of
their own (so every model is really trained; a later chapter still reuses what an earlier
one trained, as in `make test`). The executed copies are thrown away: stored outputs are
untouched, but what a chapter prints in cells tagged ``timings`` (chapter 6's table of
methods, with milliseconds per image) is printed here too. Prints figures; asserts nothing.
"""

import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def main(paths):
    with tempfile.TemporaryDirectory() as cache:
        os.environ["COURSE_MODEL_CACHE"] = os.path.join(cache, "models")
        os.environ["COURSE_RESULT_CACHE"] = os.path.join(cache, "results")
        print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
        print(f"{'chapter':36} {'seconds':>8}")
        total = 0.0
        for path in map(Path, paths):
            notebook = nbformat.read(path, as_version=4)
            started = time.perf_counter()
            NotebookClient(
                notebook, timeout=3600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
            ).execute()
            seconds = time.perf_counter() - started
            total += seconds
            print(f"{path.stem:36} {seconds:8.1f}", flush=True)
            for cell in notebook.cells:
                if "timings" in cell.get("metadata", {}).get("tags", []):
                    text = "".join(output.get("text", "") for output in cell.get("outputs", []))
                    print("    " + text.rstrip().replace("\n", "\n    "), flush=True)
        print(f"{'all chapters':36} {total:8.1f}\n")

        print(f"{'model trained':28} {'parameters':>10} {'samples':>8} {'epochs':>6} {'s/epoch':>8}")
        records = [json.loads(path.read_text()) for path in Path(cache, "models").glob("*.json")]
        for record in sorted(records, key=lambda record: record["seconds_per_epoch"]):
            print(
                f"{record['model']:28} {record['parameters']:>10,} {record['samples']:>8,} "
                f"{record['epochs']:>6} {record['seconds_per_epoch']:>8.2f}"
            )


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
