// mkdocs-corpus: the search page (theme/corpus-search.html), one search over every language's Pagefind index.
//
// Pagefind writes one index per page language (pagefind/pagefind-entry.json lists them), and each language has its
// own WebAssembly build (wasm.<lang>.pagefind), which holds that language's stemmer. Its pagefind.js keeps one
// WebAssembly module per JavaScript realm and takes the language from the page's <html lang> (`createInstance`
// ignores a `language` option; `mergeIndex` searches another index with the first one's stemmer). So this script
// runs Pagefind's own worker script (pagefind/pagefind-worker.js) once per language, a realm each, and tells each
// the language of its index: every index is searched with its own stemmer (and, for Chinese and Japanese, its
// own word segmentation of the query). The messages (`init`, `search`, `getData`, ...) are those pagefind.js
// sends its worker, in Pagefind 1.5; a test in a real browser (tests/test_browser_search.py) pins them.
// The worker script is one file for all languages (fetched once); pagefind.js itself is not loaded.
//
// A query runs only in the languages whose articles can match it: the page's own, and each whose words (a small
// index of word beginnings, search/words/, site/search_pages.py) hold a word of the query. The others' Pagefind
// (its WebAssembly, metadata and index chunks, about 100 kB a language) is never fetched.
// The answers of all languages are merged by score. Versions of one story (`story` and `versions` meta of each
// article page, site/article.py) are shown as one result, each version linked. A language filter starts on the
// page's language; when that language has no match and the reader has chosen nothing, every language is shown.
// Every filter choice lives in the address and is restored on load. Entities whose names match come first, from
// a small name index (search/names/, site/search_pages.py).
// Everything taken from the index or the name file (titles, excerpts, names, filter values: corpus text) is
// inserted as text; excerpts keep only Pagefind's <mark>. A file of its own because the site's
// Content-Security-Policy allows no inline script. Its words come from the page: Material's translations in data
// attributes, ours (site/messages/) in the JSON element #corpus-search-messages.
(function () {
  "use strict";
  var root = document.getElementById("corpus-search");
  if (!root) {
    return;
  }
  var input = root.querySelector(".corpus-search__input");
  var message = root.querySelector(".corpus-search__message");
  var note = root.querySelector(".corpus-search__note");
  var list = root.querySelector(".corpus-search__results");
  var entityBox = root.querySelector(".corpus-search__entities");
  var entityList = root.querySelector(".corpus-search__entity-list");
  var more = root.querySelector(".corpus-search__more");
  var panel = root.querySelector(".corpus-search__filters");
  var groups = root.querySelector(".corpus-search__filter-groups");
  var languageBox = root.querySelector(".corpus-search__languages");
  var PAGE_SIZE = 10;
  var ENTITIES_SHOWN = 5;
  var DEBOUNCE_MS = 250;
  var GROUP_ORDER = ["source", "year", "entity"]; // Pagefind's filters, and their names in the address
  var LANGUAGE_PARAM = "language";
  var messages = readJson("corpus-search-messages"); // key -> [text, the language it is in]
  var languageNames = readJson("corpus-search-language-names"); // code -> [name in the page's language, own name]

  var pageLang = (document.documentElement.lang || "").toLowerCase();
  var bundle = new URL(root.dataset.bundle, window.location.href);
  var engines = null; // language -> Engine, each started when first needed, once the entry file is read
  var languages = []; // the index languages, the page's first
  var chosenLanguages = null; // the reader's choice (from the address), or null: the page's language
  var selected = {}; // Pagefind filter name -> array of chosen values
  var filterBoxes = {}; // filter name -> {value: count element}
  var languageBoxes = {}; // language -> {box, count}
  var results = []; // the current search's results in the languages shown, best first
  var shown = 0;
  var stories = {}; // story key -> its result element, for the current search
  var generation = 0; // the latest search; answers to older ones are dropped

  function readJson(id) {
    try {
      return JSON.parse(document.getElementById(id).textContent) || {};
    } catch (e) {
      return {};
    }
  }

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
    } else {
      element.removeAttribute("lang");
    }
  }

  function countText(n) {
    if (n === 0) {
      return root.dataset.none;
    }
    return n === 1 ? root.dataset.one : root.dataset.other.replace("#", n.toLocaleString());
  }

  function languageName(code) {
    return (languageNames[code] && languageNames[code][0]) || code;
  }

  function ownName(code) {
    return (languageNames[code] && languageNames[code][1]) || code;
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

  // An address, resolved against `base`, only if it stays on this site.
  function safeHref(url, base) {
    try {
      var target = new URL(url, base || window.location.href);
      return target.origin === window.location.origin ? target.href : null;
    } catch (e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- one Pagefind worker per index language

  var messageId = 0;

  function Engine(lang, basePath, baseUrl) {
    var engine = this;
    engine.lang = lang;
    engine.pending = {};
    engine.broken = null;
    engine.worker = new Worker(new URL("pagefind-worker.js", bundle).href);
    engine.worker.addEventListener("message", function (event) {
      var answer = event.data || {};
      var waiting = engine.pending[answer.id];
      if (!waiting) {
        return;
      }
      delete engine.pending[answer.id];
      if (answer.error) {
        waiting.reject(new Error(answer.error));
      } else {
        waiting.resolve(answer.result);
      }
    });
    engine.worker.addEventListener("error", function (event) {
      engine.broken = new Error(event.message || "Pagefind worker failed");
      Object.keys(engine.pending).forEach(function (id) {
        engine.pending[id].reject(engine.broken);
      });
      engine.pending = {};
    });
    engine.call("init", [{ basePath: basePath, baseUrl: baseUrl, excerptLength: 30, language: lang, primary: true }]);
  }

  Engine.prototype.call = function (method, args) {
    var engine = this;
    if (engine.broken) {
      return Promise.reject(engine.broken);
    }
    var id = "corpus_" + (++messageId);
    return new Promise(function (resolve, reject) {
      engine.pending[id] = { resolve: resolve, reject: reject };
      engine.worker.postMessage({ id: id, instanceId: "corpus", method: method, args: args });
    });
  };

  var engine = null; // language -> its Engine, started on first use (set once the entry file is read)
  var loading = null;
  function load() {
    if (!loading) {
      if (!engines) {
        setMessage(root.dataset.loading);
      }
      loading = fetch(new URL("pagefind-entry.json", bundle).href).then(function (response) {
        if (!response.ok) {
          throw new Error(response.status + " " + response.statusText);
        }
        return response.json();
      }).then(function (entry) {
        var codes = Object.keys((entry && entry.languages) || {});
        if (!codes.length) {
          throw new Error("no search index");
        }
        var own = ownIndex(codes);
        languages = codes.sort(function (a, b) {
          return (b === own) - (a === own) || languageName(a).localeCompare(languageName(b));
        });
        // The bundle sits at the site's root, so the site's base path (a GitHub Pages project site lives
        // under /<repository>/) is one level up from it.
        var baseUrl = new URL("..", bundle).pathname;
        engines = {};
        engine = function (lang) {
          return engines[lang] || (engines[lang] = new Engine(lang, bundle.pathname, baseUrl));
        };
        if (own) {
          engine(own); // every query runs in the page's language: start it while the reader types
        }
        buildLanguageFilter();
      });
    }
    return loading;
  }

  // The index of the page's language: the same code, else the same base language.
  function ownIndex(codes) {
    if (codes.indexOf(pageLang) >= 0) {
      return pageLang;
    }
    var base = pageLang.split("-")[0];
    return codes.filter(function (c) { return c.split("-")[0] === base; })[0] || null;
  }

  // ---------------------------------------------------------------- the language filter

  function buildLanguageFilter() {
    languageBox.textContent = "";
    var legend = document.createElement("legend");
    legend.className = "corpus-search__filter-name";
    say(legend, "filter.language", "Language");
    languageBox.appendChild(legend);
    var options = document.createElement("ul");
    options.className = "corpus-search__filter-values";
    languages.forEach(function (lang, i) {
      var option = document.createElement("li");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "corpus-language-" + i;
      box.value = lang;
      box.className = "corpus-search__filter-box";
      box.addEventListener("change", function () {
        chosenLanguages = languages.filter(function (l) { return languageBoxes[l].box.checked; });
        remember();
        run();
      });
      var label = document.createElement("label");
      label.htmlFor = box.id;
      label.className = "corpus-search__filter-label";
      var name = document.createElement("span");
      name.textContent = languageName(lang);
      label.appendChild(name);
      label.appendChild(document.createTextNode(" "));
      var count = document.createElement("span");
      count.className = "corpus-search__filter-count";
      label.appendChild(count);
      languageBoxes[lang] = { box: box, count: count };
      option.appendChild(box);
      option.appendChild(label);
      options.appendChild(option);
    });
    languageBox.appendChild(options);
    languageBox.hidden = languages.length < 2;
    if (chosenLanguages) {
      chosenLanguages = chosenLanguages.filter(function (l) { return languages.indexOf(l) >= 0; });
    }
    showLanguageChoice(shownLanguages({}), {});
  }

  // The languages whose results are shown: the reader's choice; else the page's language, or every language
  // when the page's has no match.
  function shownLanguages(counts) {
    if (chosenLanguages) {
      return { langs: chosenLanguages, widened: false };
    }
    var own = ownIndex(languages);
    var total = languages.reduce(function (sum, l) { return sum + (counts[l] || 0); }, 0);
    if (own && (counts[own] || !total)) {
      return { langs: [own], widened: false };
    }
    return { langs: languages.slice(), widened: !!own };
  }

  // Checked: the languages shown; an option without results cannot be chosen (unless chosen, to be undone).
  function showLanguageChoice(shown, counts, searched) {
    languages.forEach(function (lang) {
      var entry = languageBoxes[lang];
      if (!entry) {
        return;
      }
      entry.box.checked = shown.langs.indexOf(lang) >= 0;
      entry.count.textContent = searched ? String(counts[lang] || 0) : "";
      entry.box.disabled = !!searched && !counts[lang] && !entry.box.checked;
    });
  }

  // ---------------------------------------------------------------- the address

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    var langs = params.getAll(LANGUAGE_PARAM);
    chosenLanguages = langs.length ? langs.filter(Boolean) : null;
    GROUP_ORDER.forEach(function (name) {
      var values = params.getAll(name);
      if (values.length) {
        selected[name] = values;
      }
    });
  }

  // Keep the address a link to the current search, with every choice.
  function remember() {
    var url = new URL(window.location.href);
    var params = url.searchParams;
    if (input.value) {
      params.set("q", input.value);
    } else {
      params.delete("q");
    }
    params.delete(LANGUAGE_PARAM);
    (chosenLanguages || []).forEach(function (lang) { params.append(LANGUAGE_PARAM, lang); });
    if (chosenLanguages && !chosenLanguages.length) {
      params.append(LANGUAGE_PARAM, ""); // none chosen is a choice too
    }
    GROUP_ORDER.forEach(function (name) {
      params.delete(name);
      (selected[name] || []).forEach(function (value) { params.append(name, value); });
    });
    window.history.replaceState(null, "", url);
  }

  // ---------------------------------------------------------------- results

  function versionsOf(data) {
    var words = ((data.meta && data.meta.versions) || "").split(/\s+/).filter(Boolean);
    var versions = [];
    for (var i = 0; i + 1 < words.length; i += 2) {
      var href = safeHref(words[i + 1], safeHref(data.url));
      if (href && /^[a-zA-Z][a-zA-Z0-9-]*$/.test(words[i])) {
        versions.push({ lang: words[i], href: href });
      }
    }
    return versions;
  }

  function resultItem(data, lang) {
    var item = document.createElement("li");
    item.className = "corpus-search__result";
    var title = document.createElement("a");
    title.className = "corpus-search__result-link";
    title.textContent = (data.meta && data.meta.title) || data.url;
    title.lang = lang;
    var href = safeHref(data.url);
    if (href) {
      title.href = href;
    }
    var heading = document.createElement("p");
    heading.className = "corpus-search__result-title";
    heading.appendChild(title);
    item.appendChild(heading);
    var facts = [];
    ["source", "year"].forEach(function (name) {
      if (data.filters && data.filters[name] && data.filters[name].length) {
        facts.push(data.filters[name].join(", "));
      }
    });
    facts.push(languageName(lang));
    var meta = document.createElement("p");
    meta.className = "corpus-search__result-meta";
    meta.textContent = facts.join(" · ");
    item.appendChild(meta);
    var excerpt = document.createElement("p");
    excerpt.className = "corpus-search__result-excerpt";
    excerpt.lang = lang;
    excerpt.appendChild(excerptNodes(data.excerpt || ""));
    item.appendChild(excerpt);
    var versions = versionsOf(data);
    if (versions.length > 1) {
      var line = document.createElement("p");
      line.className = "corpus-search__result-versions";
      var label = document.createElement("span");
      say(label, "story.versions", "This story in:");
      line.appendChild(label);
      versions.forEach(function (version, i) {
        line.appendChild(document.createTextNode(i ? " · " : " "));
        var link = document.createElement("a");
        link.className = "corpus-search__version";
        link.href = version.href;
        link.hreflang = version.lang;
        link.lang = version.lang;
        link.dataset.lang = version.lang;
        link.textContent = ownName(version.lang);
        line.appendChild(link);
      });
      item.appendChild(line);
    }
    markMatch(item, lang);
    return item;
  }

  // A version that matched the query is marked in its story's result.
  function markMatch(item, lang) {
    item.querySelectorAll(".corpus-search__version").forEach(function (link) {
      if (link.dataset.lang === lang) {
        link.classList.add("corpus-search__version--match");
      }
    });
  }

  // `fresh`: the first batch of a new search, which replaces the list once it is ready (the old one stays till then).
  function showMore(mine, fresh) {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    more.hidden = true;
    return Promise.all(batch.map(function (r) {
      return engine(r.lang).call("getData", [r.data]).then(function (data) { return { data: data, lang: r.lang }; });
    })).then(function (found) {
      if (mine !== generation) {
        return;
      }
      if (fresh) {
        list.textContent = "";
      }
      found.forEach(function (one) {
        if (!one.data) {
          return;
        }
        var key = (one.data.meta && one.data.meta.story) || one.data.url;
        if (stories[key]) {
          markMatch(stories[key], one.lang); // another version of a story already listed
          return;
        }
        stories[key] = resultItem(one.data, one.lang);
        list.appendChild(stories[key]);
      });
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

  function mergeCounts(answers, langs) {
    var merged = {};
    langs.forEach(function (lang) {
      var counts = (answers[lang] && answers[lang].filters) || {};
      Object.keys(counts).forEach(function (name) {
        var into = merged[name] || (merged[name] = {});
        Object.keys(counts[name]).forEach(function (value) {
          into[value] = (into[value] || 0) + counts[name][value];
        });
      });
    });
    return merged;
  }

  function updateCounts(counts) {
    Object.keys(filterBoxes).forEach(function (name) {
      var values = (counts && counts[name]) || {};
      Object.keys(filterBoxes[name]).forEach(function (value) {
        filterBoxes[name][value].textContent = String(values[value] || 0);
      });
    });
  }

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function run(immediately) {
    var term = input.value.trim();
    var filters = activeFilters();
    var mine = ++generation;
    if (!term && !Object.keys(filters).length) {
      list.textContent = "";
      entityList.textContent = "";
      entityBox.hidden = true;
      note.textContent = "";
      more.hidden = true;
      setMessage("");
      if (engines) {
        showLanguageChoice(shownLanguages({}), {});
      }
      return Promise.resolve();
    }
    return load().then(function () {
      return immediately ? null : wait(DEBOUNCE_MS);
    }).then(function () {
      if (mine !== generation) {
        return null;
      }
      showEntities(term, mine);
      return reachable(term);
    }).then(function (reach) {
      if (mine !== generation) {
        return null;
      }
      var own = ownIndex(languages);
      // No words but a filter: every article the filters select, in every language.
      return Promise.all(languages.map(function (lang) {
        if (reach && lang !== own && reach.indexOf(lang.toLowerCase()) < 0) {
          return [lang, null]; // none of its articles holds every word
        }
        // One language's failure (a missing file) leaves the others searchable; it is named below.
        return engine(lang).call("search", [term || null, { filters: filters }]).then(function (answer) {
          return [lang, answer];
        }, function (error) {
          return [lang, null, error];
        });
      }));
    }).then(function (answered) {
      if (answered === null || mine !== generation) {
        return; // a newer query took over
      }
      var answers = {};
      var counts = {};
      var broken = answered.filter(function (pair) { return pair[2]; });
      if (broken.length && broken.length === answered.filter(function (pair) { return pair[1] || pair[2]; }).length) {
        throw broken[0][2];
      }
      answered.forEach(function (pair) {
        answers[pair[0]] = pair[1];
        counts[pair[0]] = (pair[1] && pair[1].results ? pair[1].results.length : 0);
      });
      var shownNow = shownLanguages(counts);
      showLanguageChoice(shownNow, counts, true);
      results = [];
      shownNow.langs.forEach(function (lang) {
        ((answers[lang] && answers[lang].results) || []).forEach(function (r) {
          results.push({ lang: lang, score: r.score, data: r.data });
        });
      });
      results.sort(function (a, b) { return b.score - a.score; });
      shown = 0;
      stories = {};
      setMessage(countText(results.length), term);
      note.textContent = "";
      if (shownNow.widened) {
        say(note, "search.all_languages", "None in this page's language; results in every language");
      }
      if (broken.length) {
        var unavailable = document.createElement("span");
        say(unavailable, "search.unavailable", "Search is unavailable here");
        note.appendChild(document.createTextNode(note.textContent ? " " : ""));
        note.appendChild(unavailable);
        note.appendChild(document.createTextNode(": " + broken.map(function (pair) {
          return languageName(pair[0]) + " (" + (pair[2] && pair[2].message ? pair[2].message : pair[2]) + ")";
        }).join(", ")));
      }
      if (Object.keys(filterBoxes).length) {
        updateCounts(mergeCounts(answers, shownNow.langs));
      }
      return showMore(mine, true);
    }).catch(failed);
  }

  function failed(error) {
    say(message, "search.unavailable", "Search is unavailable here");
    message.appendChild(document.createTextNode(" (" + (error && error.message ? error.message : error) + ")"));
  }

  // ---------------------------------------------------------------- the languages a query can match

  // The word index (site/search_pages.py): shard -> {language: its words' first letters}. A word is folded as there
  // (`foldWord`) and kept as its first PREFIX letters, a shorter one whole; a word of a script written without spaces
  // (Japanese, Chinese, Thai), which Pagefind splits itself, as its characters, in shards of 256 code points.
  var PREFIX = 5;
  var UNSPACED = /[\u0e00-\u0e7f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
  var wordShardList = document.querySelector(".corpus-search-word-shards");
  var wordShards = wordShardList ? (wordShardList.dataset.shards || "").split(" ") : null; // null: no index
  var wordFiles = {}; // shard -> promise of its languages' words

  function loadWords(key) {
    if (wordShards.indexOf(key) < 0) {
      return Promise.resolve({}); // no language has such a word
    }
    if (!wordFiles[key]) {
      wordFiles[key] = fetch(new URL(key + ".json", new URL(root.dataset.words, window.location.href)).href).then(function (r) {
        return r.ok ? r.json() : null;
      }).catch(function () {
        return null;
      }).then(function (data) {
        return data && typeof data === "object" ? data : null; // null: unreadable, so any language may match
      });
    }
    return wordFiles[key];
  }

  // As site/search_pages.py's fold_word: no compatibility forms, marks or signs, lower case, ß as ss, y as i.
  function foldWord(s) {
    return s.normalize("NFKD").replace(/[^\p{L}\p{N}\s]/gu, "").toLowerCase()
      .replace(/ß/g, "ss").replace(/ς/g, "σ").replace(/y/g, "i");
  }

  // What a language that can match the query holds, one of: for a word of letters and digits (Pagefind joins a
  // word's parts across punctuation: U.S. is us), its beginning; for a script written without spaces, one of its
  // characters (Pagefind splits such a run into words as the browser does, and any of them may begin one).
  function queryNeeds(term) {
    var needs = [];
    term.normalize("NFKC").split(/\s+/).forEach(function (chunk) {
      var word = "";
      function endWord() {
        if (word) {
          var letters = Array.from(word);
          needs.push({ key: letters[0].codePointAt(0).toString(16), word: letters.slice(0, PREFIX).join(""),
                       stem: letters.length > PREFIX - 1 ? letters.slice(0, PREFIX - 1).join("") : null });
        }
        word = "";
      }
      Array.from(chunk).forEach(function (char) {
        if (UNSPACED.test(char)) {
          endWord();
          var folded = foldWord(char);
          if (folded) {
            needs.push({ key: (folded.codePointAt(0) >> 8).toString(16) + "xx", character: folded });
          }
        } else {
          word += foldWord(char).replace(/\s/g, "");
        }
      });
      endWord();
    });
    return needs;
  }

  // Whether a language's words of one shard (a string) hold what `need` asks: the word's first PREFIX letters (a
  // shorter word whole), or a word of PREFIX - 1 letters that begins it (Kiew for Kiews: Pagefind's stemmers cut the
  // inflection, and it takes the longest indexed word that begins a query word). A shorter word of another language
  // that only begins longer ones (said, saida) is left to that language's own search page.
  function holds(words, need) {
    if (need.character) {
      return words.indexOf(need.character) >= 0;
    }
    var spaced = " " + words + " ";
    return spaced.indexOf(" " + need.word + " ") >= 0 || (!!need.stem && spaced.indexOf(" " + need.stem + " ") >= 0);
  }

  // The languages (lower case) whose articles can match `term`: those that hold any of its words, since Pagefind
  // leaves out a word it finds nowhere in an index (and intersects the others). Null when any may: no word index,
  // no query (filters only), or a shard that could not be read.
  function reachable(term) {
    if (!wordShards || !term) {
      return Promise.resolve(null);
    }
    var needs = queryNeeds(term);
    if (!needs.length) {
      return Promise.resolve([]); // signs only: Pagefind finds nothing for them
    }
    var keys = needs.map(function (need) { return need.key; }).filter(function (key, i, all) {
      return all.indexOf(key) === i;
    });
    return Promise.all(keys.map(loadWords)).then(function (files) {
      if (files.indexOf(null) >= 0) {
        return null;
      }
      var byKey = {};
      keys.forEach(function (key, i) { byKey[key] = files[i]; });
      var found = [];
      needs.forEach(function (need) {
        Object.keys(byKey[need.key]).forEach(function (lang) {
          var words = byKey[need.key][lang];
          if (found.indexOf(lang) < 0 && typeof words === "string" && holds(words, need)) {
            found.push(lang);
          }
        });
      });
      return found;
    });
  }

  // ---------------------------------------------------------------- entities whose names match

  // The name index is in shards by first letter (search/names/<code point in hex>.json, site/search_pages.py):
  // a query fetches only its own letter's.
  var shards = {}; // shard -> promise of its records
  var shardList = document.querySelector(".corpus-search-name-shards");
  var existing = ((shardList && shardList.dataset.shards) || "").split(" ");
  // A shard is named by its first letter's code point, or, where that letter's names were too many for one
  // file, by its first two letters' (`73-61`).
  function loadNames(query) {
    var letters = Array.from(query).map(function (c) { return c.codePointAt(0).toString(16); });
    var key = existing.indexOf(letters[0]) >= 0 ? letters[0] : letters.slice(0, 2).join("-");
    if (letters.length < 1 || existing.indexOf(key) < 0) {
      return Promise.resolve([]);
    }
    if (!shards[key]) {
      shards[key] = fetch(new URL(key + ".json", new URL(root.dataset.names, window.location.href)).href).then(function (r) {
        return r.ok ? r.json() : [];
      }).catch(function () {
        return [];
      }).then(function (data) {
        return Array.isArray(data) ? data : [];
      });
    }
    return shards[key];
  }

  // As site/search_pages.py folds the names: no accents, lower case.
  function fold(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Entities with a name (in any language) that is the query, starts with it, or has a word that starts with it.
  // A record is [address from the site's root, {lang: name shown on a page in lang}, name, other names...].
  function matchingEntities(records, query) {
    var found = [];
    records.forEach(function (entity) {
      if (!Array.isArray(entity) || entity.length < 3) {
        return;
      }
      var best = -1;
      for (var i = 2; i < entity.length; i++) {
        var name = fold(entity[i]);
        if (name === query) {
          best = Math.max(best, 2);
        } else if (name.indexOf(query) === 0) {
          best = Math.max(best, 1);
        } else if (name.split(/[\s\-\u2010\u00b7\u30fb]+/).some(function (w) { return w.indexOf(query) === 0; })) {
          best = Math.max(best, 0);
        }
      }
      if (best >= 0) {
        found.push({ entity: entity, rank: best });
      }
    });
    found.sort(function (a, b) { return b.rank - a.rank; }); // stable: the most mentioned first within a rank
    return found.slice(0, ENTITIES_SHOWN).map(function (f) { return f.entity; });
  }

  function shownName(entity) {
    var display = entity[1] && typeof entity[1] === "object" ? entity[1] : {};
    return String(display[pageLang] || display[pageLang.split("-")[0]] || entity[2]);
  }

  function showEntities(term, mine) {
    var query = fold(term.trim());
    if (query.length < 2) {
      entityList.textContent = "";
      entityBox.hidden = true;
      return;
    }
    loadNames(query).then(function (records) {
      if (mine !== generation) {
        return;
      }
      entityList.textContent = "";
      var siteRoot = new URL("..", bundle).href;
      var found = matchingEntities(records, query);
      found.forEach(function (entity) {
        var item = document.createElement("li");
        item.className = "corpus-search__entity";
        var link = document.createElement("a");
        link.className = "corpus-search__entity-link";
        link.textContent = shownName(entity);
        var href = safeHref(String(entity[0]), siteRoot);
        if (href) {
          link.href = href;
        }
        item.appendChild(link);
        entityList.appendChild(item);
      });
      entityBox.hidden = !found.length;
    });
  }

  // ---------------------------------------------------------------- Pagefind's filters, loaded on opening

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
      box.checked = (selected[name] || []).indexOf(value) >= 0;
      if (box.checked) {
        group.open = true;
      }
      box.addEventListener("change", function () {
        var chosen = selected[name] || (selected[name] = []);
        if (box.checked) {
          chosen.push(value);
        } else {
          chosen.splice(chosen.indexOf(value), 1);
        }
        remember();
        run(true);
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
  function openFilters() {
    if (filtersLoaded) {
      return;
    }
    filtersLoaded = true;
    load().then(function () {
      return Promise.all(languages.map(function (lang) {
        return engine(lang).call("filters", []).then(function (filters) { return [lang, { filters: filters }]; });
      }));
    }).then(function (answered) {
      var answers = {};
      answered.forEach(function (pair) { answers[pair[0]] = pair[1]; });
      var all = mergeCounts(answers, languages);
      // The language filter is our own (above): a language is an index, not a Pagefind filter.
      var names = GROUP_ORDER.filter(function (name) { return all[name]; });
      names.forEach(function (name, index) {
        groups.appendChild(filterGroup(name, all[name], index));
      });
      return run(true); // counts within the current results
    }).catch(failed);
  }

  panel.addEventListener("toggle", function () {
    if (panel.open) {
      openFilters();
    }
  });

  more.addEventListener("click", function () {
    showMore(generation).catch(failed);
  });

  root.querySelector(".corpus-search__form").addEventListener("submit", function (event) {
    event.preventDefault();
    run(true);
  });

  input.addEventListener("input", function () {
    remember();
    var term = input.value.trim();
    var own = engines && ownIndex(languages);
    if (own && term) {
      engine(own).call("preload", [term, {}]).catch(function () {});
      reachable(term); // its word shards, fetched while the reader types
    }
    run();
  });

  readAddress();
  input.focus();
  if (Object.keys(selected).length) {
    panel.open = true; // a filter chosen in the address shows as chosen
  }
  if (input.value || Object.keys(selected).length || chosenLanguages) {
    run(true);
  }
})();
