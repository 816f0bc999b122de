// mkdocs-corpus: starts Pagefind's UI on the search page (theme/corpus-search.html) and runs the query
// of the header form (`?q=`). A file of its own because the site's Content-Security-Policy allows no
// inline script.
(function () {
  "use strict";
  var element = document.getElementById("corpus-search");
  var script = document.querySelector('script[src$="pagefind/pagefind-ui.js"]');
  if (!element || !script || typeof PagefindUI === "undefined") {
    return;
  }
  // The bundle sits at the site's root, so the site's base path (a GitHub Pages project
  // site lives under /<repository>/) is one level up from it.
  var bundle = new URL(".", script.src);
  var ui = new PagefindUI({
    element: "#corpus-search",
    bundlePath: bundle.pathname,
    baseUrl: new URL("..", bundle).pathname,
    showSubResults: false,
    showImages: false,
    resetStyles: true,
    autofocus: true,
    pageSize: 10
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
  // Keep the address a link to the current search.
  element.addEventListener("input", function (event) {
    if (event.target && event.target.classList.contains("pagefind-ui__search-input")) {
      var url = new URL(window.location.href);
      if (event.target.value) {
        url.searchParams.set("q", event.target.value);
      } else {
        url.searchParams.delete("q");
      }
      window.history.replaceState(null, "", url);
    }
  });
})();
