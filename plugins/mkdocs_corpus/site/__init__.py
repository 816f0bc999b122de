"""What is published: the Markdown of every generated page, feeds, sitemaps, exports, the CSP, URLs."""
