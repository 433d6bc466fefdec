"""Field packages, the merge, conflicts and review in the GUI (File and Review menus)."""
