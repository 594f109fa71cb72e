"""Skill gap and development plan: what someone needs to learn to move from one role to another.

For staff ("what do I need to get there?") and line managers ("what should the next development
conversation cover?"). The comparison starts from a role, or from a self-assessment that can be saved and
loaded again as a small file. The view is a link: ``?current=…&target=…`` (and ``&compare=self``).
"""

from ui.views import gap

gap.main()
