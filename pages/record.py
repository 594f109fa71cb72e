"""Development record: a person's self, manager and agreed levels over dated check-ins, with evidence and
actions, kept in their own file (and this browser session) only."""

from ui.views import record

record.main()
