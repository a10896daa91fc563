"""Datelines as wire services print them, found only where a story opens."""
import pytest

from tacitus.reading import parse_dateline

BODY = "Officials from both sides said the talks had gone well."


@pytest.mark.parametrize("printed, place, outlet, month, day, year", [
    ("Nov. 21 (UPI) --", None, "UPI", 11, 21, None),
    ("MOSCOW, March 3 (Reuters) -", "MOSCOW", "Reuters", 3, 3, None),
    ("WASHINGTON (AP) —", "WASHINGTON", "AP", None, None, None),
    ("BEIRUT, Lebanon, Dec 5, 2018 (AFP) -", "BEIRUT", "AFP", 12, 5, 2018),
    ("KYIV, Ukraine —", "KYIV", None, None, None, None),
    ("LONDON, 12 June 2019 /PRNewswire/ --", "LONDON", "PRNewswire", 6, 12, 2019),
    ("NEW YORK, Tuesday, Sept. 4, 2018 (Reuters) -", "NEW YORK", "Reuters", 9, 4, 2018),
    ("NOV. 21 (UPI) --", None, "UPI", 11, 21, None),
    ("ISLAMABAD:", "ISLAMABAD", None, None, None, None),
    ("Raipur, India -", "Raipur", None, None, None, None),
])
def test_dateline_formats(printed, place, outlet, month, day, year):
    d = parse_dateline(f"{printed} {BODY}")
    assert (d.text, d.span, d.place, d.outlet, d.month, d.day, d.year) == \
        (printed, (0, len(printed)), place, outlet, month, day, year)


def test_dateline_after_a_caption_and_credit():
    caption = "Delegates arrive for the talks in Geneva on Monday. Photo by Jo Bloggs/UPI |\nLicense Photo\n"
    d = parse_dateline(caption + "Nov. 21 (UPI) -- " + BODY)
    assert d.text == "Nov. 21 (UPI) --" and d.span[0] == len(caption)


def test_dateline_after_a_headline_line():
    d = parse_dateline("Talks end in Geneva\n\nGENEVA (Reuters) - " + BODY)
    assert d.place == "GENEVA" and d.outlet == "Reuters"


@pytest.mark.parametrize("text", [
    BODY,
    "NATO - the alliance - said it would send more ships.",
    "U.S. officials said on Nov. 21 that the talks had failed.",
    "The president said - without giving details - that he would go.",
    "MOSCOW-based analysts doubt the figures.",
    "BREAKING: Russia has closed its border.",
    "Officials: the talks went well.",
    "Moscow, Russia said - without details - that it would go.",
    BODY * 8 + "\nMOSCOW, March 3 (Reuters) - " + BODY,  # too far from the start to open the story
])
def test_not_a_dateline(text):
    assert parse_dateline(text) is None
