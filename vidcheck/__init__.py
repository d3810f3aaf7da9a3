"""vidcheck: audit CCTV site inventories against Chinese public-security video system rules."""

__version__ = "0.2.0"
