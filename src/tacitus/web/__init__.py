"""Web API and dashboard (`tacitus serve`, see web/api.py), and the reviews people leave on events.

Reviews are kept apart from the coder's output: the store's `reviews` table holds every verdict
(accept, reject, correct) with the machine's values beside the reviewer's; the coded tables are never
changed by a review. This module imports no web framework, so `tacitus export --corrections` and
`tacitus eval --corrections` use it without the server's dependencies.
"""
from __future__ import annotations

REVIEWS_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    id VARCHAR PRIMARY KEY, event_id VARCHAR NOT NULL, mention_id VARCHAR, article_id VARCHAR,
    sentence_index INTEGER, sentence VARCHAR, trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    verdict VARCHAR NOT NULL, plover VARCHAR, cameo VARCHAR, quad_class TINYINT,
    source_code VARCHAR, target_code VARCHAR, date DATE,
    machine_plover VARCHAR, machine_cameo VARCHAR, machine_source_code VARCHAR, machine_target_code VARCHAR,
    machine_date DATE, note VARCHAR, created_at TIMESTAMP NOT NULL)"""

REVIEW_COLUMNS = [line.split()[0] for line in REVIEWS_SCHEMA.split("(", 1)[1].split(",")]
VERDICTS = ("accept", "reject", "correct")

# A later review of an event replaces an earlier one; the earlier ones stay in the table as history.
LATEST_REVIEWS = """SELECT * FROM reviews
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY created_at DESC, id DESC) = 1"""


def has_reviews(con) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'reviews'"
                       ).fetchone()[0] > 0


def corrections(con) -> list[dict]:
    """The latest review of each reviewed event, oldest first, as plain dicts (none without a reviews table).
    `con` is a DuckDB connection or a Store."""
    con = getattr(con, "con", con)
    if not has_reviews(con):
        return []
    cur = con.execute(f"SELECT * FROM ({LATEST_REVIEWS}) ORDER BY created_at, id")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]
