"""Development records the tests share: a person's record over three check-ins, and a team of three.

Built from the models so that each test reads as what it checks; :func:`all_records` lists every one, for the
round-trip test. Kim, Dev and Pat are a team of three roles and three targets for the monthly round.
"""

from __future__ import annotations

import datetime as dt

from framework.models import Framework
from framework.record import (
    AgreedAction,
    CheckIn,
    DevelopmentRecord,
    Evidence,
    ExpectationRating,
    FrameworkRef,
    SkillRating,
    framework_ref,
)

APM, DM, SDM = "associate-project-manager", "delivery-manager", "senior-delivery-manager"
SPM, LPM = "senior-product-manager", "lead-product-manager"
D1, D2, D3 = dt.date(2026, 1, 12), dt.date(2026, 4, 13), dt.date(2026, 7, 13)


def sam(framework: Framework) -> DevelopmentRecord:
    """Sam, APM aiming at DM: a self-assessment, then the manager's view and agreed levels, then progress."""
    first = CheckIn(
        date=D1,
        skills={
            "planning": SkillRating(self_level="working", evidence=[Evidence(text="Planned the Q1 release")]),
            "agile-and-lean-practices": SkillRating(self_level="working"),
            "making-a-process-work": SkillRating(self_level="expert"),
            "commercial-management": SkillRating(self_level="not-observed"),
        },
    )
    second = CheckIn(
        date=D2,
        skills={
            "planning": SkillRating(self_level="working", manager="awareness", agreed="working"),
            "agile-and-lean-practices": SkillRating(self_level="working", manager="working", agreed="working"),
            "making-a-process-work": SkillRating(self_level="expert", manager="working"),
            "commercial-management": SkillRating(self_level="not-observed", manager="working"),
        },
        actions=[
            AgreedAction(action="Lead sprint planning for a quarter", by=D2 + dt.timedelta(days=60), owner="Sam"),
            AgreedAction(action="Shadow a supplier review", by=D2 + dt.timedelta(days=30), status="done"),
        ],
        notes="Good quarter.",
    )
    third = CheckIn(
        date=D3,
        skills={
            "planning": SkillRating(self_level="practitioner", manager="practitioner", agreed="practitioner"),
            "agile-and-lean-practices": SkillRating(self_level="practitioner", manager="working", agreed="working"),
            "making-a-process-work": SkillRating(self_level="expert"),
            "commercial-management": SkillRating(manager="working"),
        },
        actions=[
            AgreedAction(action="Lead sprint planning for a quarter", by=D3 - dt.timedelta(days=1), owner="Sam"),
            AgreedAction(action="Run a retrospective", by=D3 + dt.timedelta(days=30), status="in-progress"),
        ],
    )
    return DevelopmentRecord(
        framework=framework_ref(framework),
        person="Sam Okafor",
        current_role=APM,
        target_role=DM,
        check_ins=[first, second, third],
    )


def ali(framework: Framework) -> DevelopmentRecord:
    levels = {
        "planning": "expert",
        "agile-and-lean-practices": "practitioner",
        "making-a-process-work": "expert",
        "commercial-management": "working",
    }
    skills = {s: SkillRating(agreed=lv) for s, lv in levels.items()}
    return DevelopmentRecord(
        framework=framework_ref(framework),
        person="Ali Reid",
        current_role=DM,
        target_role=SDM,
        check_ins=[CheckIn(date=D2, skills=skills)],
    )


def jo(framework: Framework) -> DevelopmentRecord:
    skills = {
        "product-management": SkillRating(agreed="expert"),
        "agile-and-lean-practices": SkillRating(manager="practitioner", self_level="awareness"),
    }
    return DevelopmentRecord(
        framework=framework_ref(framework),
        person="Jo Park",
        current_role=SPM,
        target_role=LPM,
        check_ins=[CheckIn(date=D2, skills=skills)],
    )


def everything() -> DevelopmentRecord:
    """A record with every field used, and what a framework may not know (kept, not dropped)."""
    return DevelopmentRecord(
        framework=FrameworkRef(id="council-digital", name="Council", hash="sha256:" + "0" * 64),
        person="Zoë <b>O'Neil</b>",
        label="Record *2026*",
        current_role=APM,
        target_role="no-such-role",
        check_ins=[
            CheckIn(
                date=D1,
                skills={
                    "planning": SkillRating(
                        self_level="working",
                        manager="not-observed",
                        agreed="guru",
                        evidence=[Evidence(text="[a](javascript:alert(1))", link="https://example.org/x?a=1&b=2")],
                    ),
                    "unknown-skill": SkillRating(self_level="expert"),
                },
                expectations={
                    "delivery-manager/experience-desirable-1": ExpectationRating(
                        self_rating="met", manager="partly", agreed="not-yet", evidence=[Evidence(link="https://e.org")]
                    ),
                    "nobody/nothing": ExpectationRating(agreed="not-observed"),
                },
                actions=[
                    AgreedAction(action="=cmd|' /C calc'!A0", by=D2, owner="Zoë", support="<script>", status="done")
                ],
                notes="Line one\nline two — “quoted”",
                next_check_in=D3,
            )
        ],
    )


def all_records(framework: Framework) -> dict[str, DevelopmentRecord]:
    return {
        "sam": sam(framework),
        "ali": ali(framework),
        "jo": jo(framework),
        "everything": everything(),
        "kim": kim(framework),
        "dev": dev(framework),
        "pat": pat(framework),
    }


def _levels(levels: dict[str, str]) -> dict[str, SkillRating]:
    return {skill: SkillRating(agreed=level) for skill, level in levels.items()}


def kim(framework: Framework) -> DevelopmentRecord:
    """Kim, Associate Project Manager aiming at Delivery Manager: two check-ins, her next one overdue on D3, an
    action overdue, one open and one done; her levels those her own role asks, none in financial management."""
    apm_levels = {
        "planning": "awareness",
        "agile-and-lean-practices": "working",
        "making-a-process-work": "working",
        "commercial-management": "working",
        "communicating-between-the-technical-and-non-technical": "working",
        "life-cycle-management": "awareness",
        "maintaining-delivery-momentum": "working",
        "team-dynamics-and-collaboration": "awareness",
    }
    later = {**apm_levels, "agile-and-lean-practices": "practitioner"}
    return DevelopmentRecord(
        framework=framework_ref(framework),
        person="Kim Lee",
        current_role=APM,
        target_role=DM,
        check_ins=[
            CheckIn(date=D2, skills=_levels(apm_levels)),
            CheckIn(
                date=D3,
                skills=_levels(later),
                actions=[
                    AgreedAction(action="Shadow a delivery manager", by=D3 - dt.timedelta(days=1)),
                    AgreedAction(action="Read the service manual", status="done"),
                    AgreedAction(action="Run a retrospective", by=D3 + dt.timedelta(days=20), status="in-progress"),
                ],
                next_check_in=D3 - dt.timedelta(days=5),
            ),
        ],
    )


def dev(framework: Framework) -> DevelopmentRecord:
    """Dev, Delivery Manager aiming at Senior Delivery Manager: Planning below his own role's level, the only one
    with financial management; his next check-in due within the month."""
    levels = {
        "planning": "working",
        "agile-and-lean-practices": "practitioner",
        "financial-management": "working",
        "making-a-process-work": "expert",
        "commercial-management": "working",
        "communicating-between-the-technical-and-non-technical": "practitioner",
        "life-cycle-management": "working",
        "maintaining-delivery-momentum": "practitioner",
        "team-dynamics-and-collaboration": "working",
    }
    return DevelopmentRecord(
        framework=framework_ref(framework),
        person="Dev Shah",
        current_role=DM,
        target_role=SDM,
        check_ins=[CheckIn(date=D3, skills=_levels(levels), next_check_in=D3 + dt.timedelta(days=14))],
    )


def pat(framework: Framework) -> DevelopmentRecord:
    """Pat, Senior Product Manager aiming at Lead Product Manager: Planning, which his role does not ask, held at a
    level the team's roles need; product leadership below his role's level, strategic ownership not rated."""
    levels = {
        "agile-and-lean-practices": "practitioner",
        "applying-user-centred-insights": "practitioner",
        "creating-value-for-money": "practitioner",
        "life-cycle-management": "practitioner",
        "managing-product-outcomes": "practitioner",
        "product-leadership": "working",
        "product-management": "expert",
        "stakeholder-relationship-management": "practitioner",
        "planning": "working",
    }
    return DevelopmentRecord(
        framework=framework_ref(framework),
        person="Pat Jones",
        current_role=SPM,
        target_role=LPM,
        check_ins=[CheckIn(date=D2, skills=_levels(levels), next_check_in=D3 + dt.timedelta(days=60))],
    )
