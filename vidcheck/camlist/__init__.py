"""Cameras from a spreadsheet (点位表, SPEC §9): read a .csv or .xlsx, recognise its header, infer its zones."""
