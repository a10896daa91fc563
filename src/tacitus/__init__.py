"""Tacitus: political event data from news articles."""
from tacitus.records import Actor, Article, Event, EventType

__version__ = "0.1.0"
__all__ = ["Actor", "Article", "Event", "EventType", "code_text", "code_articles", "open", "__version__"]


def code_text(text: str, date: str | None = None, **article_fields):
    """Code one article's text; returns (Article, [Event])."""
    from tacitus.pipeline import Coder
    return Coder().code_text(text, date=date, **article_fields)


def code_articles(articles, workers: int = 1):
    """Code Articles; yields (Article, [Event]) in input order."""
    from tacitus.pipeline import Coder
    yield from Coder().code_articles(articles, workers=workers)


def open(path):  # noqa: A001 - shadows the builtin only inside this package's namespace
    """Open a DuckDB event store written by `tacitus ingest`; its methods return pandas DataFrames."""
    from tacitus.store import open as open_store
    return open_store(path)
