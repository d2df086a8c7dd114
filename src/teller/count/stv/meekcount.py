"""The start every Meek rule set shares: record builder, papers on the chosen engine, valid
papers, stage writer, group minimum. The rule modules keep their own arithmetic and citations."""

from __future__ import annotations

from typing import NamedTuple

from teller.count.base import CountContext, RecordBuilder
from teller.count.stv.fastmeek import MeekPapers, meek_papers
from teller.count.stv.group import GroupRule
from teller.count.stv.meek import MeekStages
from teller.errors import CountError
from teller.model import Contest, Profile


class MeekStart(NamedTuple):
    """What a Meek count begins with."""

    rb: RecordBuilder
    """The record being built."""
    papers: MeekPapers
    """The papers, on the engine the context chooses."""
    valid: int
    """Valid papers."""
    stages: MeekStages
    """Writes the count's stages."""
    group: GroupRule | None
    """The group minimum, if any."""


def start_meek(
    contest: Contest, profile: Profile, ctx: CountContext, *, rules: str, source: str
) -> MeekStart:
    rb = RecordBuilder(contest, profile, ctx, rules=rules, source=source)
    group = GroupRule.of(contest)
    papers = meek_papers(contest, profile, ctx)
    if papers.valid == 0:
        raise CountError("no valid ballot papers to count")
    return MeekStart(rb, papers, papers.valid, MeekStages(rb, papers.valid), group)
