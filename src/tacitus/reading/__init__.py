"""Reading: any input (text, HTML, JSONL, JSON, CSV, folders) becomes an Article, or a ReadError saying why not."""
from tacitus.reading.boilerplate import captions, find_excluded
from tacitus.reading.dateline import Dateline, parse_dateline
from tacitus.reading.files import ReadError, not_english, read_paths, read_text

__all__ = ["Dateline", "ReadError", "captions", "find_excluded", "not_english", "parse_dateline", "read_paths",
           "read_text"]
