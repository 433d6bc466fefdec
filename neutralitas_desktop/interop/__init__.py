"""Interoperation with ODK / KoboToolbox: importing their submissions."""
