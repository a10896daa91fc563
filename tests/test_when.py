"""The event's own date from its sentence; publication 2017-11-21 is a Tuesday."""
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.when import EventDate, infer_year, parse_date, resolve_date, weekday_in

PUB = dt.date(2017, 11, 21)


def when(sentence: str, trigger: str, publication=PUB, **kw) -> EventDate:
    return resolve_date(sentence, sentence.index(trigger), publication, **kw)


@pytest.mark.parametrize("sentence, trigger, date, precision, basis, text", [
    # written out in full
    ("The truce was signed Feb. 12, 2015.", "signed", "2015-02-12", "day", "stated", "Feb. 12, 2015"),
    ("The truce was signed on 12 February 2015.", "signed", "2015-02-12", "day", "stated", "12 February 2015"),
    ("The truce was signed on 2015-02-12.", "signed", "2015-02-12", "day", "stated", "2015-02-12"),
    ("The truce was signed in February 2015.", "signed", "2015-02-01", "month", "stated", "February 2015"),
    ("The truce was signed in 2015.", "signed", "2015-01-01", "year", "stated", "in 2015"),
    # month and day: the most recent such day up to publication
    ("The leaders met on Nov. 11 in Da Nang.", "met", "2017-11-11", "day", "relative", "Nov. 11"),
    ("The leaders met Nov. 11.", "met", "2017-11-11", "day", "relative", "Nov. 11"),
    ("The leaders met on 11 November.", "met", "2017-11-11", "day", "relative", "11 November"),
    ("The leaders met on Dec. 2.", "met", "2016-12-02", "day", "relative", "Dec. 2"),
    ("The leaders met in May.", "met", "2017-05-01", "month", "relative", "in May"),
    # weekdays
    ("Trump spoke with Putin on Tuesday.", "spoke", "2017-11-21", "day", "relative", "Tuesday"),
    ("Trump spoke with Putin Monday.", "spoke", "2017-11-20", "day", "relative", "Monday"),
    ("Trump spoke with Putin last Thursday.", "spoke", "2017-11-16", "day", "relative", "last Thursday"),
    ("Trump spoke with Putin last Tuesday.", "spoke", "2017-11-14", "day", "relative", "last Tuesday"),
    ("Trump will speak with Putin next Monday.", "speak", "2017-11-27", "day", "relative", "next Monday"),
    # days, weeks and months around publication
    ("The ministry protested today.", "protested", "2017-11-21", "day", "relative", "today"),
    ("The ministry protested yesterday.", "protested", "2017-11-20", "day", "relative", "yesterday"),
    ("The ministry will protest tomorrow.", "protest", "2017-11-22", "day", "relative", "tomorrow"),
    ("The envoys met last week.", "met", "2017-11-13", "week", "relative", "last week"),
    ("The envoys meet this week.", "meet", "2017-11-20", "week", "relative", "this week"),
    ("The envoys met last month.", "met", "2017-10-01", "month", "relative", "last month"),
    ("The envoys met earlier this month.", "met", "2017-11-01", "month", "relative", "earlier this month"),
    ("The envoys met three days ago.", "met", "2017-11-18", "day", "relative", "three days ago"),
    # nothing said: the publication date
    ("The envoys met in Geneva.", "met", "2017-11-21", "day", "publication", None),
])
def test_expressions(sentence, trigger, date, precision, basis, text):
    d = when(sentence, trigger)
    assert (d.date, d.precision, d.basis, d.text) == (date, precision, basis, text)
    if text:
        assert sentence[d.span[0]:d.span[1]] == text


def test_future_events_count_forward():
    assert when("Trump will speak with Putin on Tuesday.", "speak", future=True).date == "2017-11-28"
    assert when("Trump will visit Beijing on Nov. 8.", "visit", future=True).date == "2018-11-08"
    assert when("Trump will visit Beijing on Dec. 8.", "visit", future=True).date == "2017-12-08"


@pytest.mark.parametrize("sentence, trigger, date", [
    ("The call came a day after Putin hosted Assad in Sochi.", "hosted", "2017-11-20"),
    ("The call came a day after Putin hosted Assad in Sochi.", "call", "2017-11-21"),
    ("Assad flew home the day after the talks.", "flew", "2017-11-22"),
    ("The day after, Assad flew home.", "flew", "2017-11-22"),
    ("The day before, Assad had flown to Sochi.", "flown", "2017-11-20"),
    ("Assad flew to Sochi a day before the call.", "flew", "2017-11-20"),
    ("Rebels answered two days later.", "answered", "2017-11-23"),
    ("Later that day, the ministry protested.", "protested", "2017-11-21"),
    ("The next day the ministry protested.", "protested", "2017-11-22"),
])
def test_relative_to_the_previous_event(sentence, trigger, date):
    d = when(sentence, trigger, anchor=PUB)
    assert (d.date, d.precision, d.basis) == (date, "day", "inferred")


def test_relative_to_nothing_is_unknown():
    d = when("Rebels answered two days later.", "answered")
    assert (d.date, d.basis, d.text) == (None, "unknown", "two days later")


def test_without_publication_date():
    assert when("The envoys met on Tuesday.", "met", publication=None).basis == "unknown"
    assert when("The envoys met in Geneva.", "met", publication=None) == EventDate(None, None, None, None, "unknown")
    assert when("The truce was signed Feb. 12, 2015.", "signed", publication=None).date == "2015-02-12"


def test_the_closest_expression_in_the_same_clause_wins():
    s = "Russia, which annexed Crimea in 2014, said on Tuesday it would answer."
    assert when(s, "said").date == "2017-11-21"
    assert when(s, "annexed").date == "2014-01-01"
    s = "The envoys met on Monday, a week after the ministers talked on Nov. 11."
    assert when(s, "met").text == "Monday"
    assert when(s, "talked").text == "Nov. 11"


def test_a_date_that_names_a_thing_is_not_the_events():
    s = "Putin urged full compliance with the Minsk accords of February 12, 2015, the Kremlin said."
    assert when(s, "urged").basis == "publication"
    s = "The strikes began on the morning of Feb. 12, 2015."
    assert when(s, "began").date == "2015-02-12"


def test_a_dateline_left_in_the_sentence_dates_the_story_not_the_event():
    s = "Nov. 21 (UPI) -- The two presidents discussed trade by phone Monday, officials said."
    assert when(s, "discussed").text == "Monday"
    s = "LONDON, 12 June 2019 /PRNewswire/ -- Acme signed a supply deal."
    assert when(s, "signed").basis == "publication"


def test_infer_year():
    assert infer_year(11, 21, 1, range(2010, 2027)) == 2023
    assert infer_year(11, 21, 1, range(2017, 2021)) == 2017
    assert infer_year(11, 21, None, [2015, 2016]) == 2016
    assert infer_year(2, 29, None, [2017, 2018, 2019]) is None
    assert infer_year(11, 21, 6, [2017, 2018]) is None


def test_weekday_in():
    assert weekday_in("Nov. 21 (UPI) -- Trump spoke with Putin Tuesday, the White House said.") == 1
    assert weekday_in("on sunday night") == 6
    assert weekday_in("No day is named here.") is None


@pytest.mark.parametrize("text, date", [
    ("2017-11-21", "2017-11-21"), ("2017-11-21T10:00:00Z", "2017-11-21"), ("Nov 21, 2017", "2017-11-21"),
    ("21 November 2017", "2017-11-21"), ("Tue, 21 Nov 2017 10:00:00 GMT", "2017-11-21"),
    ("21/11/2017", "2017-11-21"), ("03/04/2017", None), ("2017-02-30", None), ("soon", None),
])
def test_parse_date(text, date):
    parsed = parse_date(text)
    assert (parsed.isoformat() if parsed else None) == date


@settings(max_examples=300, deadline=None)
@given(sentence=st.text(max_size=120) | st.lists(st.sampled_from(
           ["on", "Tuesday", "Nov.", "11", "29", "Feb", "2015", "in", "a", "day", "after", "the", "two", "weeks",
            "later", "last", "week", "month", "of", "accords", ",", "ago", "May", "yesterday", "next"]), max_size=12
       ).map(" ".join),
       trigger=st.integers(-5, 200), publication=st.none() | st.dates(), anchor=st.none() | st.dates(),
       future=st.booleans())
def test_resolve_date_never_raises(sentence, trigger, publication, anchor, future):
    d = resolve_date(sentence, trigger, publication, future=future, anchor=anchor)
    if d.date is not None:
        dt.date.fromisoformat(d.date)
    if d.span is not None:
        assert sentence[d.span[0]:d.span[1]] == d.text
