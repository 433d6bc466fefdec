"""Source triangulation: the codebook, coding of excerpts, the matrix and findings."""
