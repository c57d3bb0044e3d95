"""Quality gates and their pinned floors (not shipped in the wheel)."""
