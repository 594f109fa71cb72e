"""Roles: a searchable, filterable catalogue, and the profile of one role (``?role=``)."""

from ui.views import roles

roles.main()
