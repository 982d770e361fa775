"""REST API of the reference lists: one endpoint per catalog, built from the catalog model."""
