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
