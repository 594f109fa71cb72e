"""The pages' bodies. Each ``pages/<name>.py`` calls ``main()`` of its module here: imported once per process,
the body is compiled once, not on every run of the page script."""
