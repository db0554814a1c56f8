"""Kept for the modules that import `build` from here (cli.commands): the site stage is now
site.plan (every page in memory) and site.write (docs/ from the plan)."""

from .plan import BuildResult, plan
from .write import build, write_tree

__all__ = ["BuildResult", "build", "plan", "write_tree"]
