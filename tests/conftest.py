from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The development data beside the project; tests that need it skip when it is absent."""
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"needs the development data at {data}, which this checkout does not have")
    return data


@pytest.fixture(scope="session")
def coder():
    from tacitus.pipeline import Coder
    return Coder()


@pytest.fixture(scope="session")
def rules_coder(coder):
    """The rules alone (`--coder rules`), sharing the default coder's pipeline."""
    from tacitus.pipeline import Coder
    return Coder(nlp=coder.nlp, resolver=coder.resolver, classifier=None)
