"""Small framework files written for the tests, shared by the test modules that need them.

Each is YAML text, to be loaded with ``load_framework_text``: a test file never imports another test file.
"""

#: Names and descriptors full of Markdown, HTML and spreadsheet formulas: what escaping must hold back.
TINY = """
id: tiny
name: "Tiny <b>framework</b>"
attribution: "Data © [someone](javascript:alert(1))"
grades: [{id: G1}, {id: G2}]
skill_levels: [{id: basic, name: Basic}, {id: good, name: Good}]
skills:
  - id: tricky
    name: "*bold* <script>alert(1)</script>"
    levels: {basic: "You can:\\n- use `code` and _this_", good: "# not a heading\\n- 1. not a list | pipe"}
  - id: formula
    name: "=HYPERLINK(\\"http://example.com\\", \\"x\\")"
    levels: {basic: "+1 then -2", good: "@SUM(A1:A2)"}
roles:
  - id: junior
    title: Junior
    grade: G1
    source: {kind: import, framework: test}
  - id: senior
    title: "Senior [lead](http://example.com)"
    grade: G2
    source: {kind: import, framework: test}
    skills:
      - {skill: tricky, level: good, evidence: ["<img src=x onerror=alert(1)>", "- a line that starts with a dash"]}
      - {skill: formula, level: good, evidence: ["=1+1"]}
"""


#: A ladder with tracks and a management branch, a stated lateral move and a role that cannot be placed.
BRANCHED = """\
id: b
name: Branched
grades: [{id: junior}, {id: mid}, {id: senior}, {id: lead}, {id: principal}]
disciplines: [{id: dev, name: Development}, {id: ops, name: Operations}]
roles:
  - {id: jr, title: Junior developer, discipline: dev, track: developer, grade: junior, source: {kind: import, framework: t}}
  - {id: dev, title: Developer, discipline: dev, track: developer, grade: mid, source: {kind: import, framework: t}}
  - {id: sr, title: Senior developer, discipline: dev, track: developer, grade: senior, source: {kind: import, framework: t}}
  - {id: sr-m, title: Senior developer - management, discipline: dev, track: developer, branch: management, grade: senior, source: {kind: import, framework: t}}
  - {id: lead, title: Lead developer, discipline: dev, track: developer, grade: lead, source: {kind: import, framework: t}}
  - {id: lead-m, title: Lead developer - management, discipline: dev, track: developer, branch: management, grade: lead, source: {kind: import, framework: t}}
  - {id: pr, title: Principal developer, discipline: dev, track: developer, grade: principal, source: {kind: import, framework: t}}
  - {id: tester, title: Tester, discipline: dev, track: tester, grade: mid, source: {kind: import, framework: t},
     moves: [{to: sre, reason: Testers often move into reliability work}]}
  - {id: sre, title: Site reliability engineer, discipline: ops, grade: senior, source: {kind: import, framework: t}}
  - {id: floating, title: Unplaced role, discipline: ops, source: {kind: import, framework: t}}
"""  # noqa: E501


#: Grading consistency: one pair of near-identical roles at different grades (Analyst II at G2 and Analyst III
#: at G3, one skill a level apart), one pair of roles at one grade whose requirements differ widely (Designer and
#: Design assistant at G2: every skill at Practitioner against every skill at Awareness), and nothing else —
#: every other pair is under half alike, and every other grade's roles ask for about the same level.
GRADING = """\
id: grading
name: Grading sample
grades: [{id: G1}, {id: G2}, {id: G3}]
disciplines: [{id: design, name: Design}, {id: analysis, name: Analysis}]
skill_levels: [{id: l1, name: Awareness}, {id: l2, name: Working}, {id: l3, name: Practitioner}, {id: l4, name: Expert}]
skills:
  - {id: s1, name: Research}
  - {id: s2, name: Sketching}
  - {id: s3, name: Prototyping}
  - {id: s4, name: Accessibility}
  - {id: s5, name: Strategy}
  - {id: s6, name: Leadership}
  - {id: s7, name: Modelling}
  - {id: s8, name: Statistics}
  - {id: s9, name: Reporting}
  - {id: s10, name: Data quality}
  - {id: s11, name: Filing}
  - {id: s12, name: Note taking}
roles:
  - id: junior-designer
    title: Junior designer
    discipline: design
    grade: G1
    source: {kind: import, framework: test}
    skills: [{skill: s1, level: l2}, {skill: s2, level: l2}, {skill: s3, level: l2}, {skill: s4, level: l2}]
  - id: designer
    title: Designer
    discipline: design
    grade: G2
    source: {kind: import, framework: test}
    skills: [{skill: s1, level: l3}, {skill: s2, level: l3}, {skill: s3, level: l3}, {skill: s5, level: l3}]
  - id: design-assistant
    title: Design assistant
    discipline: design
    grade: G2
    source: {kind: import, framework: test}
    skills: [{skill: s11, level: l1}, {skill: s12, level: l1}, {skill: s4, level: l1}]
  - id: lead-designer
    title: Lead designer
    discipline: design
    grade: G3
    source: {kind: import, framework: test}
    skills: [{skill: s1, level: l4}, {skill: s2, level: l3}, {skill: s5, level: l4}, {skill: s6, level: l3}]
  - id: analyst-1
    title: Analyst I
    discipline: analysis
    grade: G1
    source: {kind: import, framework: test}
    skills: [{skill: s7, level: l2}, {skill: s8, level: l2}, {skill: s9, level: l2}]
  - id: analyst-2
    title: Analyst II
    discipline: analysis
    grade: G2
    source: {kind: import, framework: test}
    skills: [{skill: s7, level: l3}, {skill: s8, level: l3}, {skill: s9, level: l3}, {skill: s10, level: l2}]
  - id: analyst-3
    title: Analyst III
    discipline: analysis
    grade: G3
    source: {kind: import, framework: test}
    skills: [{skill: s7, level: l3}, {skill: s8, level: l3}, {skill: s9, level: l3}, {skill: s10, level: l3}]
  - id: named-only
    title: Head of analysis
    discipline: analysis
    source: {kind: referenced, referenced_by: [{role: analyst-3, evidence: Reports to the Head of analysis}]}
"""


#: A new job description in the council's template, written for the tests: a role the framework does not have.
SENIOR_USER_RESEARCHER = b"""\
>Department: Digital and Customer Services
>Postholder Section: Product
>Grade: PO5
>Position Designation: Senior User Researcher

## Purpose of Job:
This role is responsible to the head of product to:
1.  Lead user research for the council's digital services, so that what we build meets the needs of residents, \
businesses and staff.
2.  Plan and carry out research with users, including people who find it hard to use digital services, and turn \
findings into clear insights for product teams.
3.  Build the council's user research practice and coach others in research methods.

Manages up to 2 directly managed staff.

## Main Duties:
### Service delivery
1.  Plan and lead user research across the discovery, alpha, beta and live phases of our services, choosing the \
right methods for each question.
2.  Run interviews, contextual enquiry, usability testing and surveys with residents, businesses and council staff.
3.  Recruit research participants, including people with access needs and people who are digitally excluded, and \
make research accessible to them.
4.  Analyse and synthesise research findings and share them with product teams and stakeholders through clear, \
actionable insights.
5.  Work closely with product managers, designers and developers to make sure research shapes the backlog and \
design decisions.

### People
6.  Line manage and coach user researchers; help colleagues across the council take part in research.
7.  Lead the user research community of practice at the council.

## Person Specification
Job Title: Senior User Researcher
Grade: PO5

## Criteria
### Knowledge
<u>Essential
-   Knowledge of a wide range of user research methods, qualitative and quantitative, and when to use each
-   Understanding of user-centred design and the cross-government service standard
-   Understanding of research ethics, consent and data protection

### Skills and Abilities
<u>Essential
-   Able to plan, lead and analyse user research and turn findings into clear recommendations
-   Able to communicate research findings to teams and stakeholders at all levels

### Experience
<u>Essential
-   Experience leading user research for digital services in an agile, multidisciplinary team
<u>Desirable
-   Experience working in local government or the public sector
"""


def two_ladders(individual: dict[int, int], managers: dict[int, int], *, as_branches: bool = False) -> str:
    """An engineering discipline written as expectations for individual contributors and for engineering
    managers, each level listing its own (grade → how many): Monzo's shape, two tracks written at different
    granularity — or, ``as_branches``, FT's, the managers a people-manager branch of the one ladder."""
    import yaml

    def level(kind: str, grade: int, count: int) -> dict:
        role_id = f"{kind}-{grade}"
        where = {"track": "ic" if kind == "engineer" else "manager"}
        if as_branches:
            where = {"branch": "people-manager"} if kind == "manager" else {}
        return {
            "id": role_id,
            "title": f"{kind.capitalize()} {grade}",
            "grade": str(grade),
            "discipline": "engineering",
            **where,
            "source": {"kind": "import", "framework": "two-ladders"},
            "expectations": [
                {"text": f"{kind.capitalize()} {grade} expectation {n}", "area": "craft"} for n in range(count)
            ],
        }

    return yaml.safe_dump(
        {
            "id": "two-ladders",
            "name": "Two ladders",
            "grades": [{"id": str(grade)} for grade in range(1, 7)],
            "disciplines": [{"id": "engineering", "name": "Engineering"}],
            "tracks": [
                {"id": "ic", "name": "Individual contributor", "discipline": "engineering"},
                {"id": "manager", "name": "Engineering manager", "discipline": "engineering"},
            ],
            "branches": [{"id": "people-manager", "name": "People manager"}],
            "areas": [{"id": "craft", "name": "Craft"}],
            "roles": [level("engineer", g, n) for g, n in individual.items()]
            + [level("manager", g, n) for g, n in managers.items()],
        },
        sort_keys=False,
    )
