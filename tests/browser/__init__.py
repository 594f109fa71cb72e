"""Browser tests: the running app in Chromium."""
