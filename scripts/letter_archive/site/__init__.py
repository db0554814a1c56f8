"""Site stage: records -> the pages of docs/. `plan` computes every page in memory (`pages` decides
what each shows, `templates/` how it is written, `render` escapes it, `routes` names every address);
`write` puts the plan on disk, changing only what changed; `search_index` runs after `mkdocs build`."""
