"""Triangulation screens: the colour-coded matrix with its evidence, the codebook, hand
coding of a session's texts, and findings."""
