// A story page's columns (site/stories.py): the reader picks the versions shown; the choice is the URL's
// ?v=en,de, so a reload or a shared link opens the same columns. Without this script CSS shows the first two.
(function () {
  "use strict";
  var story = document.querySelector(".corpus-story");
  var picker = document.querySelector(".corpus-columns");
  if (!story || !picker) return;
  var boxes = Array.prototype.slice.call(picker.querySelectorAll("input[type=checkbox]"));
  var rule = document.createElement("style");
  document.head.appendChild(rule);

  function show(langs) {
    var shown = boxes.filter(function (box) { return langs.indexOf(box.value) >= 0; });
    if (!shown.length) shown = boxes.slice(0, 2);
    boxes.forEach(function (box) { box.checked = shown.indexOf(box) >= 0; });
    var kept = shown.map(function (box) { return '[data-v="' + CSS.escape(box.value) + '"]'; }).join(",");
    rule.textContent = ".corpus-story.corpus-picked .corpus-row > [data-v]:not(" + kept + "){display:none}";
    story.style.setProperty("--corpus-columns", String(shown.length));
    story.classList.add("corpus-picked");
    return shown.map(function (box) { return box.value; });
  }

  var params = new URLSearchParams(location.search);
  show((params.get("v") || "").split(",").filter(Boolean));
  picker.hidden = false;
  picker.addEventListener("change", function (event) {
    var langs = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    if (!langs.length) langs = [event.target.value]; // one column at least
    params.set("v", show(langs).join(","));
    history.replaceState(null, "", location.pathname + "?" + params.toString().replace(/%2C/g, ",") + location.hash);
  });
})();
