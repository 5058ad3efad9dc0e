"""Fetching an ImageNet file (the teacher's button): torch's downloader with its hash check, the
strict load into the zoo's network and the progress polling, against a plain copy of the same
bytes over the same local HTTP server, in the same process.

The files are seeded state dicts of the zoo's networks, the same size as torchvision's (44.7 MB
for ResNet-18, 97.8 MB for ResNet-50), served from 127.0.0.1: this measures what the app adds
to a download, not the internet.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import shutil
import tempfile
import time
import urllib.request

import torch

from bench._common import record, table
from models import build_model
from tests.test_imagenet import Files, serve
from visualizer import imagenet


def main() -> None:
    torch.set_num_threads(2)
    files = Files()
    httpd = serve(files)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/models"
    home = tempfile.mkdtemp()
    old = {k: os.environ.get(k) for k in ("TORCH_HOME", imagenet.BASE_URL_ENV)}
    os.environ.update({"TORCH_HOME": home, imagenet.BASE_URL_ENV: base})
    saved = dict(imagenet.PUBLISHED)
    rows = []
    try:
        for arch in ("resnet18", "resnet50"):
            torch.manual_seed(0)
            buf = io.BytesIO()
            torch.save(build_model(arch, device="cpu").state_dict(), buf)
            data = buf.getvalue()
            name = f"{arch}-{hashlib.sha256(data).hexdigest()[:8]}.pth"
            files.bodies[name] = data
            imagenet.PUBLISHED[arch] = dataclasses.replace(saved[arch], file=name)
            start = time.perf_counter()
            target = os.path.join(home, "plain")
            with urllib.request.urlopen(f"{base}/{name}") as resp, open(target, "wb") as fh:
                shutil.copyfileobj(resp, fh)
            plain = time.perf_counter() - start
            start = time.perf_counter()
            imagenet.fetch(arch)
            ours = time.perf_counter() - start
            rows.append([arch, f"{len(data) / 1e6:.1f}", f"{ours:.2f}", f"{plain:.2f}",
                         f"{plain / ours:.2f}"])
    finally:
        imagenet.PUBLISHED.update(saved)
        httpd.shutdown()
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(home, ignore_errors=True)
    record("Fetching an ImageNet file: what the app adds to a download (local server)",
           table(["network", "MB", "fetch s (download, hash, strict load)", "plain copy s", "plain / fetch"],
                 rows)
           + "\n\nServed from 127.0.0.1 by the tests' server; over the internet the download itself "
             "dominates (torchvision's files: 44.7 MB and 97.8 MB).")


if __name__ == "__main__":
    main()
