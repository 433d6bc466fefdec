"""The session runner: one page per section, live relevance, autosave."""
