"""The Compare page: two or three roles side by side — facts, skills with levels, and the criteria that differ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from ..compare import compare_criteria, compare_facts, compare_skills
from ..models import Framework

__all__ = ["Comparison", "comparison"]


@dataclass(frozen=True)
class Comparison:
    roles: tuple[str, ...]
    facts: pd.DataFrame  # a row per fact, a column per role
    skills: pd.DataFrame  # a row per skill any of them needs; "Differs" marks where the levels differ
    criteria: pd.DataFrame  # person-specification criteria not every role shares

    @property
    def differing(self) -> int:
        """How many of the skills differ between the roles."""
        return int((self.skills["Differs"] == "yes").sum())


def comparison(framework: Framework, G: nx.DiGraph, roles: Sequence[str]) -> Comparison:
    """The comparison of ``roles`` (ids). Raises :class:`~framework.errors.RoleNotFound` for an unknown one."""
    roles = tuple(roles)
    return Comparison(
        roles=roles,
        facts=compare_facts(framework, roles),
        skills=compare_skills(framework, roles),
        criteria=compare_criteria(framework, roles),
    )
