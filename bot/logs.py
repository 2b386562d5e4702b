"""Logging configured once: ids in, tokens and residents' personal data out."""

import logging


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "aiohttp.access", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
