"""Frameworks written for the tests, as organisations publish them, and the criteria each holds.

The Markdown and HTML ones are files in ``tests/fixtures/unseen``; the Word document, the competency workbook and
the spreadsheet of career paths are built here, with python-docx and openpyxl, from text written here. Every word
is written for these tests (see the folder's README).

:data:`CRITERIA` lists, for each, every criterion as (role title, area, marker, text): what an import must turn
into expectations, word for word. A role title ``*`` means the criterion holds at every level of its ladder.
"""

from __future__ import annotations

import io
from pathlib import Path

FOLDER = Path(__file__).parent / "fixtures" / "unseen"

# --------------------------------------------------------------------------- a Word job description

WORD_TITLE = "Policy Adviser, Flood Resilience"
WORD_HEADER = [
    ("Grade", "HEO"),
    ("Responsible to", "Deputy Director, Resilience Policy"),
    ("Location", "London or York"),
]
WORD_PURPOSE = (
    "The Flood Resilience team advises ministers on how communities prepare for and recover from flooding. "
    "You will develop policy on property flood resilience and work with the teams that deliver it."
)
WORD_DUTIES = [
    "Draft submissions and briefing for ministers and senior officials.",
    "Work with analysts to build the evidence for policy options.",
    "Manage relationships with local authorities and delivery partners.",
    "Answer parliamentary questions and correspondence on flood resilience.",
]
#: The person specification's table: criteria, essential, desirable, assessed by.
WORD_TABLE = [
    ("Criteria", "Essential", "Desirable", "Assessed by"),
    (
        "Knowledge",
        "Understands how policy is made in central government.\nKnows the main legislation on flood risk.",
        "Knows the Flood and Water Management Act 2010 in detail.",
        "Application, interview",
    ),
    (
        "Experience",
        "Has drafted submissions for ministers.\nHas worked with analysts to use evidence in policy.",
        "Has worked in a local authority or an arm's length body.",
        "Application",
    ),
    (
        "Skills",
        "Writes briefing that is short and accurate.\nBuilds working relationships with delivery partners.",
        "",
        "Interview",
    ),
]
WORD_BEHAVIOURS = [
    ("Behaviour", "Essential", "Desirable"),
    ("Seeing the big picture", "✓", ""),
    ("Making effective decisions", "✓", ""),
    ("Communicating and influencing", "✓", ""),
    ("Working together", "", "✓"),
]
WORD_APPLY = "Apply with a CV and a 500-word statement against the essential criteria."


def word_document() -> bytes:
    """A GDS-like Word job description: its title in the body's own style, header fields in a table, the person
    specification as a table with Essential / Desirable columns, and behaviours ticked in another."""
    import docx

    document = docx.Document()
    document.add_paragraph().add_run(WORD_TITLE).bold = True
    table = document.add_table(rows=len(WORD_HEADER), cols=2)
    for row, (label, value) in zip(table.rows, WORD_HEADER, strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_heading("Job purpose", level=2)
    document.add_paragraph(WORD_PURPOSE)
    document.add_heading("Key responsibilities", level=2)
    for duty in WORD_DUTIES:
        document.add_paragraph(duty, style="List Bullet")
    document.add_paragraph().add_run("Person specification").bold = True
    for rows in (WORD_TABLE, None, WORD_BEHAVIOURS):
        if rows is None:
            document.add_heading("Behaviours", level=3)
            continue
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                lines = text.split("\n")
                cell.text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
    document.add_heading("How to apply", level=2)
    document.add_paragraph(WORD_APPLY)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _word_criteria() -> list[tuple]:
    out = []
    for heading, essential, desirable, _ in WORD_TABLE[1:]:
        out += [(WORD_TITLE, heading, "essential", text) for text in essential.split("\n") if text]
        out += [(WORD_TITLE, heading, "desirable", text) for text in desirable.split("\n") if text]
    for behaviour, essential, _ in WORD_BEHAVIOURS[1:]:
        out.append((WORD_TITLE, "Behaviours", "essential" if essential else "desirable", behaviour))
    return out


# --------------------------------------------------------------------------- a competency workbook (wide)

LEVELS = ("Foundation", "Practitioner", "Senior practitioner", "Lead")
#: Sheet → rows under the header: (first cell, a cell per level, the "All levels" cell).
COMPETENCIES = {
    "Communication": [
        ("Description", ("Shares what they are doing.", "Explains their work to other teams.",
                         "Shapes how their team communicates.", "Sets how the service talks to its users."), ""),
        ("Writing", ("• Writes clear emails and notes\n• Keeps a record others can follow",
                     "Writes for audiences outside the team", "Edits the writing of others",
                     "Writes the service's standards for content"), ""),
        ("Speaking", ("Speaks up in stand-ups", "Presents work at show and tells",
                      "Presents to senior stakeholders", "Represents the service at conferences"), ""),
        ("Listening", ("Asks questions to check understanding", "", "Draws out quieter colleagues",
                       "Creates space for challenge in the organisation"),
         "Treats colleagues and users with respect."),
    ],
    "Delivery": [
        ("Description", ("Completes tasks with guidance.", "Delivers work on their own.",
                         "Leads delivery for a team.", "Leads delivery across teams."), ""),
        ("Planning", ("Estimates their own tasks", "Plans a sprint with the team",
                      "Plans a quarter and its risks", "Sets delivery plans for a portfolio"), ""),
        ("Managing risk", ("Raises blockers early", "Keeps a risk log for their work",
                           "Manages the risks of a team", "Sets how risk is managed in the service"), ""),
    ],
    "Technical practice": [
        ("Description", ("Learns the tools of their profession.", "Uses the tools of their profession well.",
                         "Improves how the team works.", "Sets technical standards."), ""),
        ("Tools", ("Uses the team's tools with support", "Chooses the right tool for a task",
                   "Introduces tools that help the team", "Decides the tools the profession uses"), ""),
        ("Quality", ("Checks their own work", "Reviews the work of peers",
                     "Sets quality measures for the team", "Assures quality across the service"), ""),
    ],
}  # fmt: skip
LEVEL_SHEET = [
    ("Level", "Description", "Cumulative"),
    ("Foundation", "New to the profession, learning with support.", "yes"),
    ("Practitioner", "Works on their own and helps others.", "yes"),
    ("Senior practitioner", "Leads the work of a team.", "yes"),
    ("Lead", "Leads the profession across the organisation.", "yes"),
]


def workbook(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx workbook of ``sheets`` (name → rows), in order; an empty cell ("" or None) left empty."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([None if cell in ("", None) else cell for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def competency_workbook() -> bytes:
    """A wide workbook: a sheet per competency, the levels across, a description row, competencies down the
    first column (several criteria in one cell, as bullets), an "All levels" column, and a sheet of levels."""
    sheets = {
        name: [["Competency", *LEVELS, "All levels"], *([label, *cells, every] for label, cells, every in rows)]
        for name, rows in COMPETENCIES.items()
    }
    return workbook(sheets | {"Levels": [list(row) for row in LEVEL_SHEET]})


def _competency_criteria() -> list[tuple]:
    out = []
    for rows in COMPETENCIES.values():
        for label, cells, every in rows:
            if label == "Description":
                continue
            for level, cell in zip(LEVELS, cells, strict=True):
                for line in cell.split("\n"):
                    if line.strip():
                        out.append((level, label, None, line.removeprefix("• ").strip()))
            if every:
                out.append(("*", label, None, every))
    return out


# --------------------------------------------------------------------------- career paths (long, with moves)

PATHS = [
    ("Track", "Level", "Level order", "Area", "Expectation", "Example", "Cumulative", "All levels", "Marker"),
    ("Engineering", "Engineer", 1, "Craft", "Writes code that others can change safely", "Adds tests with every change",
     "yes", "", "essential"),
    ("Engineering", "Engineer", 1, "Craft", "Writes code that others can change safely",
     "Refactors before adding a feature", "yes", "", "essential"),
    ("Engineering", "Engineer", 1, "Teamwork", "Takes part in code review", "", "yes", "", "essential"),
    ("Engineering", "Senior Engineer", 2, "Craft", "Designs services that are simple to run", "", "yes", "",
     "essential"),
    ("Engineering", "Senior Engineer", 2, "Teamwork", "Mentors engineers", "Pairs with a new starter each week",
     "yes", "", "desirable"),
    ("Engineering", "Staff Engineer", 3, "Craft", "Sets the technical direction of a group of teams", "", "yes", "",
     "essential"),
    ("Engineering", "Staff Engineer", 3, "Influence", "Writes guidance that other teams adopt", "", "yes", "", ""),
    ("Engineering", "", "", "Conduct", "Keeps users' data safe", "", "", "yes", "essential"),
    ("Management", "Engineering Manager", 2, "People", "Line manages engineers and holds regular one-to-ones",
     "", "", "", "essential"),
    ("Management", "Engineering Manager", 2, "Delivery", "Plans the team's work with its product manager", "", "", "",
     ""),
    ("Management", "Engineering Manager 2", 3, "People", "Manages engineering managers", "", "", "", "essential"),
    ("Management", "Engineering Manager 2", 3, "Strategy", "Writes the engineering strategy for a group of teams",
     "", "", "", "desirable"),
]  # fmt: skip
MOVES = [
    ("From", "To", "Kind", "Reason"),
    ("Senior Engineer", "Engineering Manager", "lateral", "Senior engineers who want to manage people take this step"),
    ("Staff Engineer", "Engineering Manager 2", "lateral", "Staff engineers may lead managers"),
]


def career_paths() -> bytes:
    """A long workbook of two tracks: levels that build on the one below (Cumulative), a row that holds at every
    level, examples on rows of their own, and a sheet of moves from one track to the other."""
    return workbook({"Expectations": [list(row) for row in PATHS], "Moves": [list(row) for row in MOVES]})


def _paths_criteria() -> list[tuple]:
    seen, out = set(), []
    for _, level, _, area, text, _, _, _, marker in PATHS[1:]:
        key = (level or "*", area, marker or None, text)
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


# --------------------------------------------------------------------------- the criteria of each framework

_CONTENT = "Senior Content Designer"
_LADDER_IC = "Individual contributor — "
_LADDER_SENIOR = "Senior individual contributor — "

#: Framework (a fixture file's name, or a builder's) → (role title, area, marker, text) of every criterion.
CRITERIA: dict[str, list[tuple]] = {
    "jd-senior-content-designer.md": [
        (_CONTENT, "Content design", "essential", "Writes clear, concise content for a wide range of audiences, "
         "including people with low literacy. (A, I)"),
        (_CONTENT, "Content design", "essential", "Uses evidence from research and analytics to decide what content "
         "to create, change or remove. (I)"),
        (_CONTENT, "Content design", "essential", "Designs content for complex transactions, not only for guidance "
         "pages. (A)"),
        (_CONTENT, "Content design", "desirable", "Has designed content for a service assessed against the "
         "Government Service Standard. (I)"),
        (_CONTENT, "User research", "essential", "Plans and takes part in usability testing of content with "
         "users. (I)"),
        (_CONTENT, "User research", "desirable", "Has run content research with users of assisted digital "
         "channels. (I)"),
        (_CONTENT, "Understanding the policy context", "essential", "Explains how the service supports the "
         "department's policy aims. (I)"),
        (_CONTENT, "Understanding the policy context", "essential", "Works with policy and legal colleagues to agree "
         "accurate wording. (A, I)"),
        (_CONTENT, "Setting content strategy", "essential", "Sets standards and priorities for content across a "
         "service. (P)"),
        (_CONTENT, "Setting content strategy", "desirable", "Has written a content strategy for a team or a "
         "department. (P)"),
        (_CONTENT, "Coaching and leadership", "essential", "Coaches other content designers and reviews their "
         "work. (I)"),
        (_CONTENT, "Coaching and leadership", "essential", "Leads content crits and pair-writing sessions. (I)"),
        (_CONTENT, "Coaching and leadership", "desirable", "Has line managed a content designer. (A)"),
        (_CONTENT, "Communicating with stakeholders", "essential", "Explains content decisions to senior "
         "stakeholders, with evidence. (P)"),
        (_CONTENT, "Communicating with stakeholders", "essential", "Challenges requests for content that users do "
         "not need. (I)"),
        (_CONTENT, "TECHNICAL SKILLS", "essential", "Experience of publishing in a content management system such as "
         "Whitehall Publisher or WordPress. (A)"),
        (_CONTENT, "TECHNICAL SKILLS", "desirable", "Knowledge of HTML and Markdown. (A)"),
    ],
    "jd-data-analyst-levels.md": [
        *[("Associate Data Analyst", "Personal specification -- competencies and skills required", "essential", t)
          for t in ("A qualification in a numerate subject, or equivalent experience.",
                    "Careful with detail when handling data.",
                    "Able to explain a chart to someone without a data background.")],
        ("Associate Data Analyst", "Personal specification -- competencies and skills required", "desirable",
         "Some experience of a spreadsheet or a statistics package."),
        *[("Data Analyst", "Personal specification -- competencies and skills required", "essential", t)
          for t in ("Experience of writing SQL to query and combine data.",
                    "Experience of a statistics package such as R or Python (pandas).",
                    "Presents findings clearly in writing and in person.",
                    "Checks the quality of their own and others' analysis.")],
        *[("Data Analyst", "Personal specification -- competencies and skills required", "desirable", t)
          for t in ("Experience of working with geospatial data.",
                    "Experience of building reproducible analytical pipelines.")],
        *[("Senior Data Analyst", "Personal specification -- competencies and skills required", "essential", t)
          for t in ("Has led analytical projects from the first question to a published output.",
                    "Manages and develops analysts.",
                    "Agrees analytical priorities with senior stakeholders and holds to them.",
                    "Sets and assures quality standards for a team's analysis.")],
        ("Senior Data Analyst", "Personal specification -- competencies and skills required", "desirable",
         "Membership of the Government Statistical Service or the Government Operational Research Service."),
    ],
    "ladder-platform-engineering.html": [
        (_LADDER_IC + "Engineer I", "Technical skill", None, "Writes tested infrastructure code."),
        (_LADDER_IC + "Engineer I", "Technical skill", None, "Follows the team's deployment practices."),
        (_LADDER_IC + "Engineer II", "Technical skill", None, "Automates repeated tasks."),
        (_LADDER_IC + "Engineer III", "Technical skill", None, "Designs components that are easy to operate."),
        (_LADDER_SENIOR + "Senior Engineer", "Technical skill", None, "Reviews designs from other teams."),
        (_LADDER_SENIOR + "Staff Engineer", "Technical skill", None, "Chooses the platform's core technologies, and "
         "writes down why in architecture decision records."),
        (_LADDER_IC + "Engineer I", "Operations", None, "Joins the on-call rota as a shadow."),
        (_LADDER_IC + "Engineer II", "Operations", None, "Responds to alerts and writes runbooks."),
        (_LADDER_IC + "Engineer III", "Operations", None, "Leads the response to incidents."),
        (_LADDER_SENIOR + "Senior Engineer", "Operations", None, "Sets service level objectives with product teams."),
        (_LADDER_SENIOR + "Staff Engineer", "Operations", None, "Shapes how the organisation runs incident reviews."),
        (_LADDER_IC + "Engineer I", "Collaboration", None, "Asks for help early."),
        (_LADDER_IC + "Engineer II", "Collaboration", None, "Pairs with engineers from other teams."),
        (_LADDER_IC + "Engineer III", "Collaboration", None, "Mentors Engineer I and II colleagues."),
        (_LADDER_SENIOR + "Senior Engineer", "Collaboration", None, "Coaches engineers across the team."),
        (_LADDER_SENIOR + "Staff Engineer", "Collaboration", None, "Builds communities of practice."),
        ("*", "Conduct", None, "Follows the civil service code and the team's working agreement."),
        ("Engineering Manager", "People", None, "Line manages up to six engineers."),
        ("Senior Engineering Manager", "People", None, "Manages engineering managers."),
        ("Head of Platform", "People", None, "Leads the platform profession."),
        ("Engineering Manager", "Delivery", None, "Plans the team's work with its product manager."),
        ("Senior Engineering Manager", "Delivery", None, "Balances work across several teams."),
        ("Head of Platform", "Delivery", None, "Owns the platform roadmap."),
        ("Engineering Manager", "Strategy", None, "Contributes to the platform strategy."),
        ("Senior Engineering Manager", "Strategy", None, "Writes the strategy for an area of the platform."),
        ("Head of Platform", "Strategy", None, "Sets the platform strategy with the Chief Technology Officer."),
    ],
    "jd-digital-delivery-manager.md": [
        *[("Digital Delivery Manager", area, marker, text) for area, marker, text in (
            ("Agile delivery", "essential", "Has led a team that delivers in short iterations."),
            ("Agile delivery", "essential", "Has used Scrum, Kanban or both, and knows when to choose each."),
            ("Agile delivery", "desirable", "Holds a recognised agile certification."),
            ("Managing risk and dependencies", "essential",
             "Keeps a clear view of risks, issues and dependencies across teams."),
            ("Managing risk and dependencies", "essential", "Escalates problems early, with options."),
            ("Managing risk and dependencies", "desirable", "Has managed dependencies on a legacy system."),
            ("Working with stakeholders", "essential", "Explains delivery trade-offs to senior people in plain words."),
            ("Working with stakeholders", "desirable", "Has presented at a service assessment."),
            ("Budgets and suppliers", "essential", "Has managed a budget of more than\u00a0£500,000."),
            ("Budgets and suppliers", "desirable", "Knows the Digital Outcomes and Specialists framework."),
            ("Leading teams", "essential", "Builds a team culture of trust and openness."),
            ("Leading teams", "essential", "Coaches team members to take on more of the delivery role."),
        )],
    ],
    "ladder-service-design.md": [
        ("Associate Service Designer", "", None, "Maps a service with the help of a senior designer."),
        ("Associate Service Designer", "", None, "Runs a workshop with a team."),
        ("Service Designer", "", None, "Designs a service end to end with a multidisciplinary team."),
        ("Senior Service Designer", "", None, "Leads the design of services that cross organisations."),
        ("Senior Service Designer", "", None, "Coaches designers in mapping and prototyping."),
        ("Lead Service Designer", "", None, "Sets the design direction for a portfolio of services."),
        ("Head of Service Design", "", None, "Builds the service design profession across the department."),
    ],
    "policy-adviser.docx": _word_criteria(),
    "competencies.xlsx": _competency_criteria(),
    "career-paths.xlsx": _paths_criteria(),
}  # fmt: skip


def sources() -> dict[str, bytes]:
    """Every framework of :data:`CRITERIA`, by its file name, as the bytes an import reads."""
    out = {name: (FOLDER / name).read_bytes() for name in CRITERIA if (FOLDER / name).is_file()}
    out["policy-adviser.docx"] = word_document()
    out["competencies.xlsx"] = competency_workbook()
    out["career-paths.xlsx"] = career_paths()
    return out
