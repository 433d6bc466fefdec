"""Field packages, the supervisor's merge, conflicts and review."""
