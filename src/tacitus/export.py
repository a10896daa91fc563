"""Export formats: a registry of format name -> writer, shared by the built-in formats and plug-ins.

A writer takes the merged events (a DataFrame, one row per real event, columns of the store's
`merged_events` table) and a binary stream, and writes them in its format:

    from tacitus.export import register

    @register("myformat", suffix=".txt")
    def write_myformat(events, out): ...
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import BinaryIO, Callable

import pandas as pd

from tacitus.places import fips_codes

Writer = Callable[[pd.DataFrame, BinaryIO], None]


@dataclass
class Format:
    name: str
    write: Writer
    suffix: str
    description: str


FORMATS: dict[str, Format] = {}


def register(name: str, suffix: str = "", description: str = ""):
    """Decorator: make `writer` available as `tacitus export --format name`."""
    def add(writer: Writer) -> Writer:
        FORMATS[name] = Format(name, writer, suffix, description or (writer.__doc__ or "").strip())
        return writer
    return add


def export(store, format: str, out: BinaryIO, since: str | None = None, until: str | None = None) -> int:
    """Write the store's merged events (dated since..until) in `format`; returns how many."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r} (expected one of {', '.join(FORMATS)})")
    events = store.events(since=since, until=until)
    FORMATS[format].write(events, out)
    return len(events)


CORRECTION_FORMATS = ("csv", "jsonl")


def export_corrections(store, format: str, out: BinaryIO) -> int:
    """Write the reviewers' verdicts (the latest per event, machine values beside them) as CSV or JSON lines;
    returns how many. They live in their own table, apart from the coder's output (see tacitus.web)."""
    from tacitus.web import corrections
    if format not in CORRECTION_FORMATS:
        raise ValueError(f"corrections are written as {' or '.join(CORRECTION_FORMATS)}, not {format!r}")
    rows = corrections(store)
    text = _text(out)
    if format == "csv":
        from tacitus.web import REVIEW_COLUMNS
        writer = csv.DictWriter(text, fieldnames=REVIEW_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        for row in rows:
            text.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    text.detach()
    return len(rows)


# -- helpers ---------------------------------------------------------------------------------------------
def _text(out: BinaryIO) -> io.TextIOWrapper:
    return io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)


def _value(v):
    """None for missing values of any kind (None, NaN, NaT), else the value."""
    return None if v is None or (not isinstance(v, (list, dict, str)) and pd.isna(v)) else v


def _iso(v) -> str | None:
    v = _value(v)
    return v.isoformat()[:10] if v is not None else None


def _location(row) -> dict | None:
    loc = _value(row.get("location"))
    return json.loads(loc) if loc else None


def _country_name(iso3) -> str:
    from tacitus.actors.tables import load_tables
    country = load_tables().countries.get(iso3 or "")
    return country.name if country else ""


def _cameo_name(code) -> str:
    from tacitus.events.ontology import load_ontology
    row = load_ontology().get(code) if code else None
    return row.name if row else ""


# -- PLOVER JSON lines ------------------------------------------------------------------------------------
def _entity(row, side: str) -> list[dict]:
    code = _value(row[f"{side}_code"])
    if code is None and _value(row[f"{side}_name"]) is None:
        return []
    country = _value(row[f"{side}_country"]) or (code[:3] if code else None)
    entity = {"code": country, "sector": _value(row[f"{side}_sector"]), "entity_text": _value(row[f"{side}_name"])}
    if code:
        entity["identifier_text"] = code
    return [entity]


@register("plover-jsonl", ".jsonl", "PLOVER JSON records, one per line, with the manual's field names")
def write_plover(events: pd.DataFrame, out: BinaryIO) -> None:
    text = _text(out)
    for row in events.to_dict("records"):
        record = {
            "id": row["id"], "has_event": True, "date": _iso(row["date"]) or _iso(row["first_report"]),
            "actor": _entity(row, "source"), "recipient": _entity(row, "target"), "event": [row["plover"]],
            "event_text": [_value(row["sentence"])] if _value(row["sentence"]) else [],
            "quad_code": int(row["quad_class"]),
            "event_scale": float(_value(row["intensity"]) if _value(row["intensity"]) is not None
                                 else row["goldstein"]),
            "mode": [row["mode"]] if _value(row["mode"]) else [],
            "context": [row["context"]] if _value(row["context"]) else [],
            "text_info": {"sequence": _value(row["sentence_index"]), "start": _value(row["trigger_start"]),
                          "end": _value(row["trigger_end"])},
            "cite_info": {"citation": row["article_id"], "url": _value(row["url"]), "title": _value(row["title"]),
                          "publication": _value(row["outlet"]), "language": "en", "coder": "tacitus",
                          "codebook": "plover"},
            "coder": "tacitus",
            # Named fields beyond the manual's, as it allows: the CAMEO code and how the event was reported.
            "cameo": row["cameo"], "goldstein": row["goldstein"], "date_precision": _value(row["date_precision"]),
            "modality": row["modality"], "num_mentions": int(row["num_mentions"]),
            "num_articles": int(row["num_articles"]), "num_sources": int(row["num_sources"]),
            "first_report": _iso(row["first_report"]), "last_report": _iso(row["last_report"]),
        }
        loc = _location(row)
        if loc:
            record["event_loc"] = {"resolved_place": loc.get("name"), "lat": loc.get("lat"), "lon": loc.get("lon"),
                                   "country_code": loc.get("country"), "geonameid": loc.get("geonameid")}
        text.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    text.detach()


# -- GDELT 2.0 event table --------------------------------------------------------------------------------
GDELT_COLUMNS = (
    "GlobalEventId Day MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_Fullname Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_Fullname Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_Fullname ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL").split()


def _gdelt_actor(row, side: str) -> dict:
    code, sector = _value(row[f"{side}_code"]) or "", _value(row[f"{side}_sector"]) or ""
    country = _value(row[f"{side}_country"]) or ""
    return {"Code": code, "Name": (_value(row[f"{side}_name"]) or "").upper(), "CountryCode": country,
            "KnownGroupCode": code[3:6] if sector == "IGO" else "", "Type1Code": sector}


def _gdelt_row(row) -> dict:
    day = _value(row["date"]) or _value(row["first_report"])
    out = dict.fromkeys(GDELT_COLUMNS, "")
    out["GlobalEventId"] = int(row["id"][:15], 16)  # the stable hex id as an integer that fits int64
    if day is not None:
        out.update(Day=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"), Year=day.year,
                   FractionDate=f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}")
    for n, side in (("1", "source"), ("2", "target")):
        for key, value in _gdelt_actor(row, side).items():
            out[f"Actor{n}{key}"] = value
    cameo = row["cameo"]
    out.update(IsRootEvent=int(_value(row["sentence_index"]) == 0), EventCode=cameo, EventBaseCode=cameo[:3],
               EventRootCode=cameo[:2], QuadClass=int(row["quad_class"]), GoldsteinScale=row["goldstein"],
               NumMentions=int(row["num_mentions"]), NumSources=int(row["num_sources"]),
               NumArticles=int(row["num_articles"]))
    loc = _location(row)
    if loc:
        # GDELT's geo types: 1 country, 4 a place elsewhere; its country codes are FIPS 10-4.
        is_country = not loc.get("lat") or loc.get("name") == loc.get("country")
        out.update(ActionGeo_Type=1 if is_country else 4, ActionGeo_Fullname=loc.get("name") or "",
                   ActionGeo_CountryCode=fips_codes().get(loc.get("country") or "", ""),
                   ActionGeo_Lat=loc.get("lat") if loc.get("lat") is not None else "",
                   ActionGeo_Long=loc.get("lon") if loc.get("lon") is not None else "",
                   ActionGeo_FeatureID=loc.get("geonameid") or loc.get("name") or "")
    first = _value(row["first_report"])
    out["DATEADDED"] = first.strftime("%Y%m%d000000") if first is not None else ""
    out["SOURCEURL"] = _value(row["url"]) or row["article_id"]
    return out


def _clean(value) -> str:
    return str(value).replace("\t", " ").replace("\n", " ")


@register("gdelt", ".tsv", "GDELT 2.0 event table: 61 tab-separated columns, no header")
def write_gdelt(events: pd.DataFrame, out: BinaryIO) -> None:
    text = _text(out)
    for row in events.to_dict("records"):
        r = _gdelt_row(row)
        text.write("\t".join(_clean(r[c]) for c in GDELT_COLUMNS) + "\n")
    text.detach()


# -- ICEWS -------------------------------------------------------------------------------------------------
ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                 "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                 "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]
SECTORS = {"GOV": "Government", "MIL": "Military", "REB": "Rebel", "OPP": "Opposition", "BUS": "Business",
           "MED": "Media", "IGO": "International Government Organization", "NGO": "Nongovernmental Organization",
           "COP": "Police", "JUD": "Judicial", "LEG": "Legislative", "CVL": "Civilian", "INS": "Insurgents",
           "SPY": "Intelligence", "REF": "Refugees", "EDU": "Education", "HLH": "Health", "CRM": "Criminal",
           "LAB": "Labor", "ELI": "Elite", "AGR": "Agriculture", "REL": "Religious", "PTY": "Party",
           "UAF": "Armed Forces (unidentified)"}


@register("icews", ".tab", "ICEWS event columns, tab-separated with a header")
def write_icews(events: pd.DataFrame, out: BinaryIO) -> None:
    text = _text(out)
    text.write("\t".join(ICEWS_COLUMNS) + "\n")
    for row in events.to_dict("records"):
        loc = _location(row) or {}
        day = _iso(row["date"]) or _iso(row["first_report"]) or ""
        cells = [int(row["id"][:15], 16), day,
                 _value(row["source_name"]) or "", SECTORS.get(_value(row["source_sector"]) or "", ""),
                 _country_name(_value(row["source_country"])), _cameo_name(row["cameo"]),
                 row["cameo"], row["goldstein"],
                 _value(row["target_name"]) or "", SECTORS.get(_value(row["target_sector"]) or "", ""),
                 _country_name(_value(row["target_country"])), row["article_id"],
                 int(_value(row["sentence_index"]) or 0) + 1,  # ICEWS numbers sentences from 1
                 _value(row["outlet"]) or "", loc.get("name") or "", "", "",
                 _country_name(loc.get("country")) or loc.get("country") or "",
                 loc.get("lat") if loc.get("lat") is not None else "",
                 loc.get("lon") if loc.get("lon") is not None else ""]
        text.write("\t".join(_clean(c) for c in cells) + "\n")
    text.detach()


# -- tables ------------------------------------------------------------------------------------------------
@register("csv", ".csv", "the merged events table as CSV with a header")
def write_csv(events: pd.DataFrame, out: BinaryIO) -> None:
    events.to_csv(out, index=False, date_format="%Y-%m-%d")


@register("parquet", ".parquet", "the merged events table as Parquet")
def write_parquet(events: pd.DataFrame, out: BinaryIO) -> None:
    buffer = io.BytesIO()  # Parquet needs to seek back; stdout cannot
    events.to_parquet(buffer, index=False)
    out.write(buffer.getvalue())


__all__ = ["FORMATS", "Format", "export", "export_corrections", "register"]
