"""neutralitas-desktop: offline field instrument for ASN-neutrality research."""

__version__ = "0.1.0"
APP_NAME = "neutralitas-desktop"
