"""Seed worker: the background process that runs beside the API, from the same image.

Compose starts it with ``python -m app.worker``. It logs a heartbeat until it is stopped; the jobs
it would consume from NATS (``NATS_URL``) go here.
"""

import logging
import logging.config
import os
import signal
import time
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / "logging.ini"
if CONFIG.exists():
    logging.config.fileConfig(CONFIG, disable_existing_loggers=False)
log = logging.getLogger("seed.worker")

running = True


def stop(_signum: int, _frame: object) -> None:
    """Leave the loop on SIGTERM (docker compose stop) or SIGINT."""
    global running
    running = False


def main() -> None:
    """Run until stopped."""
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("worker started; queue at %s", os.environ.get("NATS_URL", "(NATS_URL not set)"))
    while running:
        time.sleep(1)
    log.info("worker stopped")


if __name__ == "__main__":
    main()
