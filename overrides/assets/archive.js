// Open Letter Archive: header search (Pagefind, loaded on first use), search page, copy-link buttons.
// Nothing from a letter is ever inserted as HTML: results are built with textContent.
(function () {
  "use strict";
  var box = document.querySelector(".archive-search");
  var base = box ? box.getAttribute("data-base") || "." : ".";
  var siteRoot = new URL(base.replace(/\/?$/, "/"), location.href);
  var pagefind = null;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pf) {
        return pf.options({ baseUrl: siteRoot.pathname, excerptLength: 24 }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // Pagefind's excerpt marks hits with <mark>; parse it inertly and copy only text and marks.
  function excerptNode(excerpt) {
    var span = document.createElement("span");
    var doc = new DOMParser().parseFromString("<body>" + (excerpt || "") + "</body>", "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 3) span.appendChild(document.createTextNode(node.textContent));
      else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        span.appendChild(mark);
      } else span.appendChild(document.createTextNode(node.textContent || ""));
    });
    return span;
  }

  // Words in nearly every letter ("for", "the") cost the most index to download and rank nothing:
  // they are left out of the query unless it has no other word.
  // "human" and "rights" are in nearly every letter of a human-rights archive: with other words they
  // only slow the search down (ranking ~10,000 pages took 0.6 s), alone they are still searched.
  var STOPWORDS = {"a": 1, "an": 1, "and": 1, "at": 1, "by": 1, "for": 1, "in": 1, "of": 1, "on": 1, "or": 1,
                   "the": 1, "to": 1, "with": 1, "human": 1, "rights": 1};
  // Japanese and Chinese have no spaces between words: the index holds every pair of adjacent
  // characters of a letter (searchindex.cjk_bigrams), so a query is split into the same pairs.
  var CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}/g;
  function bigrams(run) {
    var out = [];
    for (var i = 0; i < run.length - 1; i++) out.push(run.slice(i, i + 2));
    return out.join(" ");
  }
  function searchTerms(query) {
    var words = query.replace(CJK_RUN, function (run) { return " " + bigrams(run) + " "; })
      .trim().split(/\s+/).filter(Boolean);
    var kept = words.filter(function (w) { return !STOPWORDS[w.toLowerCase()]; });
    return (kept.length ? kept : words).join(" ");
  }

  // The index also holds each signatory's name as one word, letters and digits only
  // (searchindex.name_token): "Christian Solidarity Worldwide" -> "christiansolidarityworldwide". A query
  // of several words is first tried as such a name (or its beginning): one rare word to look up
  // instead of several common ones, which at 10,000 letters took a second.
  function nameToken(query) {
    return query.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  }

  function pause(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  // While keys are still coming a search waits `wait` ms, counted from the keystroke: the time
  // Pagefind takes to load for the first search is spent inside that wait, not added after it.
  // Each list answers only its latest query; an older one that finishes late is dropped.
  function search(query, list, status, limit, wait) {
    var id = list.searchId = (list.searchId || 0) + 1;
    function stale() { return list.searchId !== id; }
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return Promise.resolve(); }
    status.textContent = "Searching…";
    var byName = query.trim().split(/\s+/).length > 1 && nameToken(query).length > 3;
    var term = byName ? nameToken(query) : searchTerms(query);
    var pf;
    if (wait) loadPagefind().then(function (loaded) { return loaded.preload(term); }).catch(function () {});
    return Promise.all([loadPagefind(), pause(wait)]).then(function (ready) {
      pf = ready[0];
      return stale() ? null : pf.search(term);
    }).then(function (found) {
      if (!found || stale() || !byName || found.results.length) return found;
      byName = false;
      return pf.search(searchTerms(query));   // no signatory of that name: the words anywhere
    }).then(function (found) {
      if (!found || stale()) return;
      var results = found.results.slice(0, limit);
      return Promise.all(results.map(function (r) { return r.data(); })).then(function (items) {
        if (stale()) return;
        list.textContent = "";
        status.textContent = found.results.length === 0 ? "No letters match “" + query + "”." :
          found.results.length + (found.results.length === 1 ? " letter matches." : " letters match.");
        items.forEach(function (item) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = item.url;
          a.className = "archive-search__title";
          a.textContent = (item.meta && item.meta.title) || item.url;
          var p = document.createElement("p");
          p.className = "archive-search__excerpt";
          if (byName) p.textContent = "Signed by " + query.trim() + "…";
          else p.appendChild(excerptNode(item.excerpt));
          li.appendChild(a);
          li.appendChild(p);
          list.appendChild(li);
        });
      });
    }).catch(function () {
      status.textContent = "Search is unavailable here (open the site through a web server).";
    });
  }

  if (box) {
    var input = box.querySelector("input");
    var panel = box.querySelector(".archive-search__results");
    var list = panel.querySelector("ol");
    var status = panel.querySelector(".archive-search__status");
    input.addEventListener("focus", loadPagefind);
    input.addEventListener("input", function () {
      panel.hidden = !input.value.trim();
      search(input.value, list, status, 8, 100);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { panel.hidden = true; input.blur(); }
      if (e.key === "Enter") {
        var first = list.querySelector("a");
        if (first) location.href = first.href;
      }
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) panel.hidden = true; });
  }

  // The search page: /search/?q=…
  var pageResults = document.getElementById("search-results");
  if (pageResults) {
    var q = new URLSearchParams(location.search).get("q") || "";
    var field = document.getElementById("search-q");
    if (field) field.value = q;
    var pageStatus = document.createElement("p");
    var pageList = document.createElement("ol");
    pageList.className = "archive-search__list";
    pageResults.appendChild(pageStatus);
    pageResults.appendChild(pageList);
    if (q) search(q, pageList, pageStatus, 50, 0);
  }

  // Copy the permanent link (to the page, or to one demand) to the clipboard.
  document.querySelectorAll("button.copy-link").forEach(function (button) {
    button.addEventListener("click", function () {
      var canonical = document.querySelector('link[rel="canonical"]');
      var url = (canonical ? canonical.href : location.href.split("#")[0]);
      var anchor = button.getAttribute("data-anchor");
      if (anchor) url += "#" + anchor;
      var done = function () {
        var label = button.textContent;
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 1500);
      };
      if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, done);
    });
  });
})();
