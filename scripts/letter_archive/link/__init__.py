"""Link stage: what ties documents together: permanent ids and their registry, one identity per signatory."""
