"""Output formats: each is a pure function of a Report (or of comparison rows) returning text."""
