"""What makes builds fast and safe: caches, the process pool, the render cache, the site folder, Pagefind,
and the sessions the plugin keeps for one build. Knows MkDocs and the disk."""
