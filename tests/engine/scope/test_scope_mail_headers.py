"""The mail reader's header shortcuts give the text the standard parser gives: header_text()
against ``email.policy.default`` on made-up values of every shape (plain, quoted, encoded,
grouped, broken), and the caching registry against the stock one on whole messages.
Synthetic data only."""

import email
from email.policy import default

from hypothesis import example, given, settings
from hypothesis import strategies as st
from scope_fixtures import ANNA, RUTH, eml_bytes

from breachdesk.scope.readers.mailheaders import _known_text, header_text, policy

ATEXT = "abcXYZ019!#$%&'*+/^_`{|}~-"
PIECES = [" ", "  ", "\t", "<", ">", "@", ".", ",", ", ", '"', "(", ")", ":", ";", "[", "]",
          "\\", "=", "?", "=?utf-8?q?Zo=C3=AB?=", "=?utf-8?b?Wm/Dqw==?=", "é", "\x0b", "\x7f",
          "@example.co.uk", "anna.whitfield", "Anna", "Whitfield", "O'Brien", "Mary-Jane",
          "undisclosed-recipients:;"]


def _parsed(name: str, value: str) -> str:
    return str(default.header_factory(name, value))


atoms = st.text(alphabet=ATEXT, min_size=1, max_size=6)
dot_atoms = st.lists(atoms, min_size=1, max_size=3).map(".".join)
addr_specs = st.builds(lambda a, b: f"{a}@{b}", dot_atoms, dot_atoms)
names = st.lists(atoms, min_size=1, max_size=3).map(" ".join)
mailboxes = addr_specs | st.builds(lambda n, a: f"{n} <{a}>", names, addr_specs)
plain_lists = st.lists(mailboxes, min_size=1, max_size=3).map(", ".join)
# Near misses: plain values with pieces of other shapes spliced in.
noisy = st.builds(lambda v, p, i: v[:i] + p + v[i:], plain_lists, st.sampled_from(PIECES),
                  st.integers(min_value=0, max_value=40))
anything = st.lists(st.sampled_from(PIECES) | atoms, max_size=12).map("".join)


@settings(max_examples=400)
@given(st.sampled_from(["From", "To", "Cc", "Reply-To"]), plain_lists | noisy | anything)
@example("From", "Anna Whitfield <anna.whitfield@example.co.uk>")
@example("To", "J. Smith <j@example.com>")
@example("To", "Anna  Whitfield <a@b.c>")
@example("Cc", "<a@b.c>")
@example("Cc", "a@b.c,b@c.d")
def test_address_text_is_the_parsers(name, value):
    known = _known_text(name.lower(), value)
    if known is not None:
        assert known == _parsed(name, value)


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60) | anything)
@example("Re:\tfw  the  report   ")
@example("a=?x?q?y?=b")
def test_subject_text_is_the_parsers(value):
    known = _known_text("subject", value)
    if known is not None:
        assert known == _parsed("Subject", value)


_zones = st.sampled_from(["+0000", "-0000", "+0530", "-0800", "+2359", "+2400", "+0075", "-9999"])
dates = st.builds(
    lambda d, fmt, zone: d.strftime(fmt) + " " + zone,
    st.datetimes(),
    st.sampled_from(["%a, %d %b %Y %H:%M:%S", "%d %b %Y %H:%M:%S", "%a, %-d %b %Y %H:%M:%S",
                     "%a, %d %b %y %H:%M:%S", "%a, %d %b %Y %H:%M", "%a,  %d %b %Y %H:%M:%S"]),
    _zones,
)
# Shapes the usual form almost has: a weekday that is wrong, a day the month lacks, a year
# below 1000 or of two digits written in four, an hour past 23, seconds of 60.
near_dates = st.builds(
    lambda wd, d, mon, y, h, s, zone: f"{wd}, {d} {mon} {y} {h}:00:{s} {zone}",
    st.sampled_from(["Mon", "Sun"]), st.sampled_from(["1", "01", "29", "31", "0", "32"]),
    st.sampled_from(["Jan", "Feb", "Apr", "Dec"]),
    st.sampled_from(["2024", "2023", "1900", "0999", "0068", "0069", "9999"]),
    st.sampled_from(["00", "23", "24", "7"]), st.sampled_from(["00", "59", "60"]), _zones,
)


@settings(max_examples=500)
@given(dates | near_dates | anything | st.sampled_from([
    "Mon, 32 Jan 2024 10:00:00 +0000", "Tue, 1 Jan 2019 00:00:00 -0000", "1 Jan 2019 10:00 GMT",
    "Wed, 07 Feb 2024 11:12:13 +0530", "Thu, 01 Feb 2024 25:00:00 +0000", "yesterday",
    "Fri, 2 Feb 2024 10:00:00 +99999", "Sat, 3 Feb 2024 10:00:00 EST", "2024-02-03"]))
def test_date_text_is_the_parsers(value):
    known = _known_text("date", value)
    if known is not None:
        assert known == _parsed("Date", value)


def test_common_shapes_take_the_short_way():
    # Else the tests above would pass while checking nothing.
    assert _known_text("from", "Anna Whitfield <anna.whitfield@example.co.uk>") is not None
    assert _known_text("to", "anna@example.co.uk, Ruth Okafor <ruth@example.com>") is not None
    assert _known_text("subject", "Your account") == "Your account"
    assert _known_text("date", "Fri, 01 May 2026 09:30:00 +0100") == \
        "Fri, 01 May 2026 09:30:00 +0100"
    assert _known_text("to", '"Whitfield, Anna" <a@b.c>') is None
    assert _known_text("subject", "=?utf-8?q?Zo=C3=AB?=") is None


RAW = (
    "From: =?utf-8?q?Zo=C3=AB?= Whitfield <zoe@example.org>\n"
    "to: \"Okafor, Ruth\" <ruth@example.com>,\n  Anna Whitfield <anna@example.co.uk>\n"
    "Cc: undisclosed-recipients:;\n"
    "Reply-To: anna@example.co.uk\n"
    "Subject: Re: your\n  claim  =?utf-8?q?caf=C3=A9?=\n"
    "Date: Mon, 32 Jan 2024 10:00:00 +0000\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"B\"\n\n"
    "--B\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: "
    "quoted-printable\n\nDear Anna, caf=E9\n"
    "--B\nContent-Type: text/csv; name=\"list.csv\"\n"
    "Content-Disposition: attachment; filename*=utf-8''Zo%C3%AB%20list.csv\n\nname\nAnna\n"
    "--B--\n"
)


def _view(msg) -> list:
    parts = [(p.get_content_type(), p.get_filename(), p.get_content_disposition(),
              str(p.get("content-type")), p.is_multipart()) for p in msg.walk()]
    heads = [header_text(msg, n) for n in ("From", "To", "Cc", "Reply-To", "Subject", "Date")]
    return [parts, [None if h is None else str(h) for h in heads]]


def _stock_view(msg) -> list:
    parts = [(p.get_content_type(), p.get_filename(), p.get_content_disposition(),
              str(p.get("content-type")), p.is_multipart()) for p in msg.walk()]
    heads = [msg.get(n) for n in ("From", "To", "Cc", "Reply-To", "Subject", "Date")]
    return [parts, [None if h is None else str(h) for h in heads]]


def test_messages_read_with_the_cached_registry_as_with_the_stock_one():
    made = eml_bytes(f"{ANNA['first']} {ANNA['last']} <{ANNA['email']}>", RUTH["email"],
                     "Your claim", "Dear Anna", {"list.csv": b"name\nAnna\n"})
    for raw in (RAW.encode(), RAW.replace("\n", "\r\n").encode(), made):
        mine = email.message_from_bytes(raw, policy=policy())
        stock = email.message_from_bytes(raw, policy=default)
        assert _view(mine) == _stock_view(stock)
        assert [p.get_content() for p in mine.walk() if not p.is_multipart()] == \
            [p.get_content() for p in stock.walk() if not p.is_multipart()]
        assert mine.as_bytes() == stock.as_bytes()


def test_the_registry_parses_a_value_once():
    msg = email.message_from_bytes(RAW.encode(), policy=policy())
    assert msg.get("content-type") is msg.get("content-type")
    stock = email.message_from_bytes(RAW.encode(), policy=default)
    assert stock.get("content-type") is not stock.get("content-type")
