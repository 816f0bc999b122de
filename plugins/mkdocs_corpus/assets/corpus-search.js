// mkdocs-corpus: the search page (theme/corpus-search.html) on Pagefind's JavaScript API.
// Pagefind (pagefind/pagefind.js) loads the index of the page's <html lang> and fetches only the chunks a
// query needs. Filter values are fetched when the reader opens "Filters", not with the first query: at
// 20,000 articles they were a quarter of a query's download. Everything taken from the index (titles,
// excerpts, filter values: corpus text) is inserted as text; excerpts keep only Pagefind's <mark>.
// A file of its own because the site's Content-Security-Policy allows no inline script. Its words come from the
// page: Material's translations in data attributes, ours (site/messages/) in the JSON element #corpus-search-messages.
(function () {
  "use strict";
  var root = document.getElementById("corpus-search");
  if (!root) {
    return;
  }
  var input = root.querySelector(".corpus-search__input");
  var message = root.querySelector(".corpus-search__message");
  var list = root.querySelector(".corpus-search__results");
  var more = root.querySelector(".corpus-search__more");
  var panel = root.querySelector(".corpus-search__filters");
  var groups = root.querySelector(".corpus-search__filter-groups");
  var PAGE_SIZE = 10;
  var GROUP_ORDER = ["language", "source", "year", "entity"];
  var messages = {}; // key -> [text, the language it is in]
  try {
    messages = JSON.parse(document.getElementById("corpus-search-messages").textContent);
  } catch (e) {
    messages = {};
  }

  var bundle = new URL(root.dataset.bundle, window.location.href);
  var pagefind = null; // the module, once loaded
  var selected = {}; // filter name -> array of chosen values
  var filterBoxes = {}; // filter name -> {value: count element}
  var results = []; // the current search's results
  var shown = 0;
  var generation = 0; // the latest search; answers to older ones are dropped

  function setMessage(text, term) {
    message.removeAttribute("lang");
    message.textContent = text;
    if (term) {
      message.appendChild(document.createTextNode(": "));
      var q = document.createElement("q");
      q.textContent = term;
      message.appendChild(q);
    }
  }

  // Puts our string `key` in `element`, marked with its language where it is not the page's (a fallback).
  function say(element, key, fallback) {
    var found = messages[key];
    element.textContent = found ? found[0] : fallback;
    var lang = found ? found[1] : "en";
    if (lang !== document.documentElement.lang) {
      element.lang = lang;
    }
  }

  function countText(n) {
    if (n === 0) {
      return root.dataset.none;
    }
    return n === 1 ? root.dataset.one : root.dataset.other.replace("#", n.toLocaleString());
  }

  // Pagefind's excerpt is HTML: escaped text with <mark> around the matched words. Parsed in an inert
  // document (nothing runs, nothing loads) and rebuilt from its text and marks only.
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    var out = document.createDocumentFragment();
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  // A result's address, only if it stays on this site.
  function safeHref(url) {
    try {
      var target = new URL(url, window.location.href);
      return target.origin === window.location.origin ? target.href : null;
    } catch (e) {
      return null;
    }
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "corpus-search__result";
    var title = document.createElement("a");
    title.className = "corpus-search__result-link";
    title.textContent = (data.meta && data.meta.title) || data.url;
    var href = safeHref(data.url);
    if (href) {
      title.href = href;
    }
    var heading = document.createElement("p");
    heading.className = "corpus-search__result-title";
    heading.appendChild(title);
    item.appendChild(heading);
    var facts = [];
    ["source", "year", "language"].forEach(function (name) {
      if (data.filters && data.filters[name] && data.filters[name].length) {
        facts.push(data.filters[name].join(", "));
      }
    });
    if (facts.length) {
      var meta = document.createElement("p");
      meta.className = "corpus-search__result-meta";
      meta.textContent = facts.join(" · ");
      item.appendChild(meta);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "corpus-search__result-excerpt";
    excerpt.appendChild(excerptNodes(data.excerpt || ""));
    item.appendChild(excerpt);
    return item;
  }

  function showMore(mine) {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    more.hidden = true;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
      if (mine !== generation) {
        return;
      }
      datas.forEach(function (data) { list.appendChild(resultItem(data)); });
      more.hidden = shown >= results.length;
    });
  }

  function activeFilters() {
    var filters = {};
    Object.keys(selected).forEach(function (name) {
      if (selected[name].length) {
        filters[name] = { any: selected[name] };
      }
    });
    return filters;
  }

  function updateCounts(counts) {
    Object.keys(filterBoxes).forEach(function (name) {
      var values = (counts && counts[name]) || {};
      Object.keys(filterBoxes[name]).forEach(function (value) {
        filterBoxes[name][value].textContent = String(values[value] || 0);
      });
    });
  }

  function run() {
    var term = input.value.trim();
    var filters = activeFilters();
    var mine = ++generation;
    if (!term && !Object.keys(filters).length) {
      list.textContent = "";
      more.hidden = true;
      setMessage("");
      return Promise.resolve();
    }
    return load().then(function () {
      // No words but a filter: every article the filters select.
      return pagefind.debouncedSearch(term || null, { filters: filters }, 250);
    }).then(function (search) {
      if (search === null || mine !== generation) {
        return; // a newer query took over
      }
      results = search.results;
      shown = 0;
      list.textContent = "";
      setMessage(countText(results.length), term);
      if (Object.keys(filterBoxes).length) {
        updateCounts(search.filters);
      }
      return showMore(mine);
    }).catch(failed);
  }

  function failed(error) {
    say(message, "search.unavailable", "Search is unavailable here");
    message.appendChild(document.createTextNode(" (" + (error && error.message ? error.message : error) + ")"));
  }

  var loading = null;
  function load() {
    if (!loading) {
      if (!pagefind) {
        setMessage(root.dataset.loading);
      }
      loading = import(new URL("pagefind.js", bundle).href).then(function (module) {
        pagefind = module;
        // The bundle sits at the site's root, so the site's base path (a GitHub Pages project site lives
        // under /<repository>/) is one level up from it.
        return pagefind.options({ baseUrl: new URL("..", bundle).pathname, excerptLength: 30 });
      }).then(function () {
        return pagefind.init();
      });
    }
    return loading;
  }

  function filterGroup(name, values, index) {
    var group = document.createElement("details");
    group.className = "corpus-search__filter-group";
    var summary = document.createElement("summary");
    summary.className = "corpus-search__filter-name";
    say(summary, "filter." + name, name.charAt(0).toUpperCase() + name.slice(1));
    group.appendChild(summary);
    var options = document.createElement("ul");
    options.className = "corpus-search__filter-values";
    var names = Object.keys(values);
    names.sort(name === "year" ? function (a, b) { return b.localeCompare(a); } : function (a, b) {
      return values[b] - values[a] || a.localeCompare(b);
    });
    filterBoxes[name] = {};
    names.forEach(function (value, i) {
      var option = document.createElement("li");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "corpus-filter-" + index + "-" + i;
      box.className = "corpus-search__filter-box";
      box.addEventListener("change", function () {
        var chosen = selected[name] || (selected[name] = []);
        if (box.checked) {
          chosen.push(value);
        } else {
          chosen.splice(chosen.indexOf(value), 1);
        }
        run();
      });
      var label = document.createElement("label");
      label.htmlFor = box.id;
      label.className = "corpus-search__filter-label";
      label.textContent = value + " ";
      var count = document.createElement("span");
      count.className = "corpus-search__filter-count";
      count.textContent = String(values[value]);
      label.appendChild(count);
      filterBoxes[name][value] = count;
      option.appendChild(box);
      option.appendChild(label);
      options.appendChild(option);
    });
    group.appendChild(options);
    return group;
  }

  var filtersLoaded = false;
  panel.addEventListener("toggle", function () {
    if (!panel.open || filtersLoaded) {
      return;
    }
    filtersLoaded = true;
    load().then(function () {
      return pagefind.filters();
    }).then(function (all) {
      var names = Object.keys(all).sort(function (a, b) {
        var i = GROUP_ORDER.indexOf(a), j = GROUP_ORDER.indexOf(b);
        return (i < 0 ? GROUP_ORDER.length : i) - (j < 0 ? GROUP_ORDER.length : j) || a.localeCompare(b);
      });
      names.forEach(function (name, index) {
        groups.appendChild(filterGroup(name, all[name], index));
      });
      return run(); // counts within the current results
    }).catch(failed);
  });

  more.addEventListener("click", function () {
    showMore(generation).catch(failed);
  });

  root.querySelector(".corpus-search__form").addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });

  input.addEventListener("input", function () {
    // Keep the address a link to the current search.
    var url = new URL(window.location.href);
    if (input.value) {
      url.searchParams.set("q", input.value);
    } else {
      url.searchParams.delete("q");
    }
    window.history.replaceState(null, "", url);
    if (pagefind) {
      pagefind.preload(input.value.trim());
    }
    run();
  });

  input.value = new URLSearchParams(window.location.search).get("q") || "";
  input.focus();
  if (input.value) {
    run();
  }
})();
