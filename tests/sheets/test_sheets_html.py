"""The HTML sheet: well-formed, self-contained, escaped, and its chart adds up to the record."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from fractions import Fraction
from html.parser import HTMLParser

import pytest
from sheet_records import (
    WARDS,
    counted_ward,
    dhondt_record,
    hartlepool,
    labour_deputy,
    stv_record,
    synthetic_stv,
    west_midlands,
)

from teller.count import count
from teller.model import Candidate, Contest, Profile
from teller.record import ActionKind, CountRecord
from teller.sheets import render

VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "source", "wbr"}
RESOURCE_ATTRIBUTES = {"href", "src", "xlink:href", "action", "srcset", "poster", "data"}

RECORDS: dict[str, Callable[[], CountRecord]] = {
    "hartlepool": hartlepool,
    "west-midlands": west_midlands,
    "labour-deputy": labour_deputy,
    "synthetic-stv": synthetic_stv,
    "dhondt": dhondt_record,
    "bridge-of-don-counted": lambda: counted_ward("aberdeen-city/bridge-of-don"),
    "bridge-of-don-meek": lambda: counted_ward("aberdeen-city/bridge-of-don", "meek"),
    **{f"{w}-official": (lambda w=w: stv_record(w)) for w in WARDS},
}


class Page(HTMLParser):
    """Checks nesting and collects what the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.classes: list[str] = []
        self.text_by_class: dict[str, list[str]] = defaultdict(list)
        self.doctype = False

    def handle_decl(self, decl: str) -> None:
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)
            self.classes.append(dict(attrs).get("class") or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        self.classes.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.classes:
            self.text_by_class[self.classes[-1]].append(data)


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_page_is_well_formed_and_self_contained(name: str) -> None:
    html = render(RECORDS[name](), "html")
    page = parsed(html)
    assert page.doctype
    assert page.problems == []
    assert page.stack == []
    assert [t for t, _ in page.elements].count("html") == 1
    for tag, attrs in page.elements:
        assert tag not in {"script", "link", "img", "iframe", "object", "embed"}, tag
        for key, value in attrs.items():
            if key in RESOURCE_ATTRIBUTES:
                pytest.fail(f"<{tag} {key}={value!r}> refers to a resource")
            assert not (value or "").lower().startswith(("http:", "https:", "//")), (tag, key)
    assert "http://" not in html and "https://" not in html
    assert "url(" not in html and "@import" not in html


def test_names_are_escaped() -> None:
    nasty = '<script>alert("x")</script> & Co'
    contest = Contest(
        (Candidate(nasty, "<b>Party</b>"), Candidate("Bob O'Neil", 'The "Quoted" Party')),
        method="fptp",
        title="<i>Title</i>",
    )
    record = count(contest, Profile.from_rankings(2, [((0,), 3), ((1,), 2)]))
    html = render(record, "html")
    page = parsed(html)
    assert page.problems == []
    assert all(tag not in {"script", "b", "i"} for tag, _ in page.elements)
    text = "".join(page.text)
    assert nasty in text and "<b>Party</b>" in text and "<i>Title</i>" in text
    assert "&lt;script&gt;" in html


def flows(html: str) -> list[dict[str, str | None]]:
    return [a for tag, a in parsed(html).elements if tag == "path" and "data-kind" in a]


ONE_STAGE = {"hartlepool", "dhondt", "aberdeenshire/banff-and-district-official"}


@pytest.mark.parametrize("name", sorted(set(RECORDS) - ONE_STAGE))
def test_chart_flows_sum_to_the_records_changes(name: str) -> None:
    record = RECORDS[name]()
    paths = flows(render(record, "html"))
    into: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    out_of: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    kept: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    for attrs in paths:
        key_to = (int(attrs["data-stage"] or 0), attrs["data-to"] or "")
        value = Fraction(attrs["data-value"] or "")
        assert value > 0
        if attrs["data-kind"] == "transfer":
            into[key_to] += value
            out_of[(key_to[0], attrs["data-from"] or "")] += value
        else:
            assert attrs["data-kind"] == "keep" and attrs["data-from"] == attrs["data-to"]
            kept[key_to] += value
    transfers = 0
    for previous, stage in zip(record.stages, record.stages[1:], strict=False):
        n = stage.number
        moves = {
            **stage.changes,
            "Non-transferable": stage.non_transferable - previous.non_transferable,
        }
        for who, change in moves.items():
            if change > 0:
                assert into[(n, who)] == change, (n, who)
                transfers += 1
            else:
                assert into[(n, who)] == 0, (n, who)
            if change < 0:
                assert out_of[(n, who)] == -change, (n, who)
            else:
                assert out_of[(n, who)] == 0, (n, who)
        for who, total in stage.totals.items():
            # What a candidate kept plus what they received is their new total.
            assert kept[(n, who)] + into[(n, who)] == total, (n, who)
        assert (
            kept[(n, "Non-transferable")] + into[(n, "Non-transferable")] == stage.non_transferable
        )
    assert transfers > 0


def test_bars_carry_every_total() -> None:
    record = stv_record("aberdeen-city/bridge-of-don")
    page = parsed(render(record, "html"))
    bars = {
        (int(a["data-stage"] or 0), a["data-name"]): a["data-value"]
        for tag, a in page.elements
        if tag == "rect"
    }
    for stage in record.stages:
        for name, total in stage.totals.items():
            if total > 0:
                assert Fraction(bars[(stage.number, name)] or "") == total
            else:
                assert (stage.number, name) not in bars


def test_stage_headings_and_table_figures() -> None:
    record = counted_ward("aberdeen-city/bridge-of-don")
    page = parsed(render(record, "html"))
    headings = [t.strip() for t in page.text_by_class["action"]]
    expected = []
    for stage in record.stages:
        (who,) = stage.action.candidates or ("",)
        if stage.number == 1:
            expected.append("First preferences")
        elif stage.action.kind is ActionKind.SURPLUS:
            expected.append(f"Surplus of {who}")
        elif stage.action.kind is ActionKind.EXCLUSION:
            expected.append(f"Exclusion of {who}")
    assert headings == expected
    cells = {
        t.strip()
        for t in page.text_by_class["num total"]
        + page.text_by_class["num total won"]
        + page.text_by_class["num total out"]
    }
    for stage in record.stages:
        for total in stage.totals.values():
            text = f"{int(total):,}.{int((total - int(total)) * 100000):05d}"
            assert any(c.startswith(text) for c in cells), text


def test_list_page_shows_quotients_and_seats() -> None:
    record = dhondt_record()
    assert record.allocation is not None
    page = parsed(render(record, "html"))
    text = " ".join(page.text)
    for rnd in record.allocation.rounds:
        quotient = rnd.quotients[rnd.awarded]
        shown = str(quotient) if quotient.denominator > 1 else f"{quotient.numerator:,}"
        assert re.search(re.escape(shown) + r"\s+\*", text), rnd.number
    assert "Red member 1" in text
    assert not flows(render(record, "html"))
