"""Site stage: plan every page of docs/ from the records, render it, write only what changed;
the search index and the MkDocs hooks."""
