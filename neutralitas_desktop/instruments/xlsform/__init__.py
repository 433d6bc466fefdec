"""The XLSForm importer's stages: reader, normaliser, typed builder and conversion passes,
and the checks of the built instrument (entry point: :mod:`..xlsform_import`)."""
