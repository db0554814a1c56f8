// Open Letter Archive: header search (Pagefind, loaded on first use), the search page with filters,
// sort and paging, copy-link buttons. Nothing from a letter is ever inserted as HTML: results are
// built with textContent and createElement.
(function () {
  "use strict";
  var box = document.querySelector(".archive-search");
  var base = box ? box.getAttribute("data-base") || "." : ".";
  var siteRoot = new URL(base.replace(/\/?$/, "/"), document.baseURI);   // the 404 page's <base>, else the page
  var pagefind = null;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pf) {
        return pf.options({ baseUrl: siteRoot.pathname }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // ---- What a query means -------------------------------------------------------------------
  // A query finds every letter whose text (or signature list) holds each of its words, stems
  // allowed ("abductions" finds "abduction"), and no letter that lacks one: each word is looked up
  // on its own with Pagefind's exact search (its plain search also takes words that merely begin
  // with the query word, "Japan" -> "Japanese", and falls back to a shorter word when a word is in
  // no letter), and the letters are those every word found. A quoted phrase, or words that stand
  // next to each other in a letter, rank that letter higher; so does a signatory of that name.

  // English function words, left out of a query that has other words: they are in nearly every
  // letter, and looking them up costs the most index to download for no difference in the results.
  var STOPWORDS = {"a": 1, "an": 1, "and": 1, "at": 1, "by": 1, "for": 1, "in": 1, "of": 1, "on": 1,
                   "or": 1, "the": 1, "to": 1, "with": 1};
  // Japanese, Chinese and Korean: the index holds every pair of adjacent characters of a letter
  // (searchindex.cjk_bigrams), so a query is split into the same pairs.
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+/g;
  var PUNCT = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;   // what Pagefind drops from a word
  var TOKEN_MARK = "zzsig";                                   // searchindex.TOKEN_MARK
  var ELIDED = /[\p{L}\p{N}][’‘ʼ´`][\p{L}\p{N}]/u;              // searchindex.ELISION

  // accents dropped, then recomposed: Korean syllables stay syllables
  function fold(text) { return text.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase(); }
  // searchindex.name_token: a signatory's name as one word
  function nameToken(text) { return fold(text).replace(/[^\p{L}\p{N}]+/gu, ""); }

  function parse(query) {
    var terms = [];       // {text, exact, group, pos}: looked up one by one, all required
    var groups = [];      // runs of words whose adjacency ranks a letter up: {quoted, size}
    var cjk = [];         // Japanese, Chinese, Korean runs, to mark in excerpts
    var plain = [];       // the query's words, folded, to mark in excerpts
    var parts = query.split('"');
    parts.forEach(function (part, i) {
      var quoted = i % 2 === 1 && i < parts.length - 1;
      var group = groups.length;
      var pos = 0;
      part.split(/\s+/).forEach(function (raw) {
        var word = fold(raw).replace(PUNCT, "");
        if (!word) return;
        var rest = word.replace(CJK, function (run) {
          cjk.push(run);
          if (run.length === 1) terms.push({text: run, exact: false, group: -1});
          for (var k = 0; k + 1 < run.length; k++) terms.push({text: run.slice(k, k + 2), exact: true, group: -1});
          return " ";
        }).trim();
        rest.split(/\s+/).filter(Boolean).forEach(function (w) {
          plain.push(w);
          terms.push({text: w, exact: true, group: group, pos: pos++, stop: !!STOPWORDS[w]});
        });
      });
      if (pos) groups.push({quoted: quoted, size: pos, text: part.trim()});
    });
    if (terms.some(function (t) { return !t.stop; })) terms = terms.filter(function (t) { return !t.stop; });
    var seen = {};
    var lookups = terms.filter(function (t) { return !seen[t.text] && (seen[t.text] = 1); });
    var words = query.replace(/"/g, " ").trim().split(/\s+/).filter(Boolean);
    return {terms: terms, lookups: lookups, groups: groups, cjk: cjk, plain: plain,
            token: nameToken(query), words: words};
  }

  // ---- Running it ---------------------------------------------------------------------------

  function pfSearch(pf, term, exact, opts) {
    return pf.search(exact ? '"' + term + '"' : term, opts);
  }

  // A signatory of that name: the query as one word (searchindex.search_fields' `signedby`) is the
  // whole name of one of the letter's signatories, as written, as the archive names it or under an
  // alias ("CSW"). Only then is a letter ranked up and labelled "Signed by …": "North Korea" is the
  // beginning of "North Korea Freedom Coalition", not its name.
  function signedBy(pf, q, opts) {
    if (q.token.length < 2 || q.cjk.length) return Promise.resolve(null);
    return pfSearch(pf, TOKEN_MARK + q.token, true, opts).then(function (found) {
      return found.results.length ? found : null;
    });
  }

  function signs(data, q) {
    var tokens = ((data.meta && data.meta.signedby) || "").split(" ");
    return tokens.indexOf(TOKEN_MARK + q.token) >= 0;
  }

  // Every letter that holds each word (or was signed under that name), ranked or sorted.
  // onSigned(results) shows the letters signed under that name while the words are still looked up.
  // Pagefind's plain search of all the words together ranks the letters (BM25, headings weigh more)
  // and gives every place of every word, for the excerpt; but it also takes words that merely begin
  // with a query word ("Japan" -> "Japanese"). Its exact search takes only the word (and its stem),
  // but gives only its first place in a letter. Ranking thousands of letters is what takes the time
  // at 10,000 letters, so each word is first only counted, both ways (a search restricted by a filter
  // no letter has ranks nothing, yet says how many letters it found): where the counts agree, the
  // plain search found exactly the letters that hold the word, and no exact search is needed.
  // An exact search of a run of words finds the phrase.
  var NO_LETTER = {filters: {"count-only": "none"}};

  function countOf(pf, term, exact) {
    return pfSearch(pf, term, exact, NO_LETTER).then(function (found) { return found.unfilteredResultCount; });
  }

  function run(query, filters, sort, onSigned) {
    var q = parse(query);
    var opts = {filters: filters || {}};
    if (sort === "newest" || sort === "oldest") opts.sort = {date: sort === "newest" ? "desc" : "asc"};
    return loadPagefind().then(function (pf) {
      var answer = {query: q, results: [], counts: null, exactCounts: true};
      // the name and the words are looked up side by side: the letters signed under that name show
      // as soon as they are found
      var signedFirst = signedBy(pf, q, opts).then(function (signed) {
        if (signed && onSigned) onSigned(signed.results.map(function (r) { return {id: r.id, result: r, signed: true}; }));
        return signed;
      });
      var counted = Promise.all(q.lookups.map(function (t) {
        return Promise.all([countOf(pf, t.text, t.exact), t.exact ? countOf(pf, t.text, false) : -1]);
      }));
      return Promise.all([signedFirst, counted]).then(function (both) {
        var signed = both[0];
        var counts = both[1];
        var phrases = q.groups.map(function (g, gi) {
          var words = q.terms.filter(function (t) { return t.group === gi; });
          if (g.size < 2 || (!g.quoted && words.length < g.size) || !words.length) return null;
          return g.quoted ? g.text : words.map(function (t) { return t.text; }).join(" ");
        });
        var ranking = q.terms.filter(function (t) { return t.group >= 0; }).map(function (t) { return t.text; })
          .concat(q.terms.filter(function (t) { return t.group < 0; }).map(function (t) { return t.text; }));
        if (!q.lookups.length || counts.some(function (c) { return c[0] === 0; })) {
          return combine(q, [], null, [], signed, sort, answer);       // a word no letter holds
        }
        var exactNeeded = q.lookups.filter(function (t, i) { return counts[i][1] !== -1 && counts[i][1] !== counts[i][0]; });
        return Promise.all([
          Promise.all(exactNeeded.map(function (t) { return pfSearch(pf, t.text, true, opts); })),
          pfSearch(pf, unique(ranking).join(" "), false, opts),
          Promise.all(phrases.map(function (text) { return text ? pfSearch(pf, text, true, opts) : null; }))
        ]).then(function (found) { return combine(q, found[0], found[1], found[2], signed, sort, answer); });
      });
    });
  }

  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  // exact: the exact searches of the words whose plain search also found other words; ranking: the
  // plain search of all the words (null when a word is in no letter).
  function combine(q, exact, ranking, phrases, signed, sort, answer) {
    var member = null;     // id -> 1: the letters that hold every word
    if (ranking) {
      member = {};
      ranking.results.forEach(function (r) { member[r.id] = 1; });
    }
    exact.forEach(function (f) {
      var here = {};
      f.results.forEach(function (r) { if (member[r.id]) here[r.id] = 1; });
      member = here;
    });
    member = member || {};
    var pages = {};
    var list = [];
    var add = function (r, score) {
      if (!pages[r.id]) { pages[r.id] = {id: r.id, result: r, hits: r.words || [], score: score}; list.push(pages[r.id]); }
      return pages[r.id];
    };
    var n = ranking ? ranking.results.length : 0;
    if (ranking) ranking.results.forEach(function (r, i) { if (member[r.id]) add(r, sort === "relevance" ? r.score : n - i); });
    phrases.forEach(function (found, gi) {
      if (!found) return;
      found.results.forEach(function (r) {
        if (pages[r.id] && sort === "relevance") pages[r.id].score += q.groups[gi].quoted ? 1000 : 5;
      });
    });
    var added = 0;
    if (signed) {
      signed.results.forEach(function (r, i) {
        if (!pages[r.id]) added++;
        var p = add(r, sort === "relevance" ? 0 : n - i);
        p.signed = true;
        if (sort === "relevance") p.score += 100;
      });
    }
    list.sort(function (a, b) { return b.score - a.score; });
    answer.results = list;
    // Counts per filter value: Pagefind's own when its plain search found exactly these letters (or
    // one exact search did); otherwise counted from the results themselves (each result's filters)
    // when there are few enough to load them all.
    var plainIsExact = ranking && !exact.length && !added;
    var oneExact = ranking && exact.length === 1 && q.lookups.length === 1 && !added;
    answer.counts = oneExact ? exact[0].filters : (ranking || signed || {}).filters;
    answer.exactCounts = plainIsExact || oneExact || list.length === 0;
    return answer;
  }

  function countFilters(answer, limit) {
    if (answer.exactCounts || answer.results.length > limit) return Promise.resolve(answer);
    return Promise.all(answer.results.map(function (p) { return p.result.data(); })).then(function (all) {
      var counts = {};
      Object.keys(answer.counts || {}).forEach(function (name) {
        counts[name] = {};
        Object.keys(answer.counts[name]).forEach(function (v) { counts[name][v] = 0; });
      });
      all.forEach(function (data) {
        Object.keys(data.filters || {}).forEach(function (name) {
          counts[name] = counts[name] || {};
          data.filters[name].forEach(function (v) { counts[name][v] = (counts[name][v] || 0) + 1; });
        });
      });
      answer.counts = counts;
      answer.exactCounts = true;
      return answer;
    });
  }

  // For `letters bench`: every result of a query, as the search page finds them (their URLs).
  window.archiveSearch = function (query, filters, sort) {
    return run(query, filters || {}, sort || "relevance").then(function (answer) {
      return Promise.all(answer.results.map(function (p) { return p.result.data().then(function (d) { return d.url; }); }));
    });
  };

  // ---- Showing a result ---------------------------------------------------------------------

  var EXCERPT_WORDS = 30;

  // The excerpt: 30 words of the page's own text (Pagefind's copy of what the page shows) around
  // the most hits, each hit marked. Words found only in the signature lists or in search-only
  // fields have no place in that text: then the letter's opening is shown, unmarked.
  function excerptNode(data, item, q) {
    var words = (data.content || "").split(/[\r\n\s]+/g);
    var hits = {};      // place of a word -> its weight: a word rare on this page counts more
    var which = {};
    var times = {};
    (item.hits || []).forEach(function (at) {
      if (at >= words.length) return;
      var qw = q.plain.filter(function (x) { return sameStem(words[at], [x]); })[0];
      if (qw) { which[at] = qw; times[qw] = (times[qw] || 0) + 1; }
    });
    // a word after a typographic elision ("nell’Ordinanza") is found through the search-only field
    // `elided` (searchindex.elided_words), which gives no place in the text: it is looked for here
    var missing = q.plain.filter(function (x) { return !times[x]; });
    if (missing.length) {
      words.forEach(function (w, i) {
        if (which[i] !== undefined || !ELIDED.test(w)) return;
        var qw = missing.filter(function (x) { return sameStem(w, [x]); })[0];
        if (qw) { which[i] = qw; times[qw] = (times[qw] || 0) + 1; }
      });
    }
    Object.keys(which).forEach(function (at) { hits[at] = 1 / times[which[at]]; });
    words.forEach(function (w, i) {
      var f = fold(w);
      if (q.cjk.some(function (run) { return f.indexOf(run) >= 0; })) hits[i] = 1;
    });
    var at = Object.keys(hits).map(Number).sort(function (a, b) { return a - b; });
    var start = 0;
    var best = -1;
    at.forEach(function (first) {
      var n = 0;
      at.forEach(function (i) { if (i >= first && i < first + EXCERPT_WORDS - 5) n += hits[i]; });
      if (n > best) { best = n; start = Math.max(0, first - 5); }
    });
    var span = document.createElement("span");
    if (start > 0) span.appendChild(document.createTextNode("… "));
    words.slice(start, start + EXCERPT_WORDS).forEach(function (w, k) {
      var i = start + k;
      if (k) span.appendChild(document.createTextNode(" "));
      if (hits[i]) {
        var run = q.cjk.filter(function (r) { return fold(w).indexOf(r) >= 0; })[0];
        var mark = document.createElement("mark");
        if (run && !(item.hits || []).some(function (h) { return h === i; })) {
          var from = fold(w).indexOf(run);   // folding keeps CJK characters where they are
          span.appendChild(document.createTextNode(w.slice(0, from)));
          mark.textContent = w.slice(from, from + run.length);
          span.appendChild(mark);
          span.appendChild(document.createTextNode(w.slice(from + run.length)));
        } else {
          mark.textContent = w;
          span.appendChild(mark);
        }
      } else span.appendChild(document.createTextNode(w));
    });
    if (start + EXCERPT_WORDS < words.length) span.appendChild(document.createTextNode(" …"));
    return span;
  }

  // Pagefind's plain search also finds words that merely begin with a query word: only a word of the
  // same stem is marked ("abduction" for "abductions", not "Japanese" for "Japan").
  var SUFFIX = /^(s|es|ed|d|e|ing|ion|ions|ation|ations|al|ally|ly|er|ers|ment|ments|ies|y|ity|ities|ness|ive)?$/;
  // A word with punctuation inside is also its parts, as Pagefind indexes it: "onerror=alert(1)".
  function sameStem(word, queryWords) {
    var parts = fold(word).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    var forms = [parts.join("")].concat(parts.length > 1 ? parts : []);
    return queryWords.some(function (qw) {
      return forms.some(function (w) {
        if (w === qw) return true;
        var k = 0;
        while (k < w.length && k < qw.length && w[k] === qw[k]) k++;
        return k >= Math.min(4, qw.length) && k >= 3 && SUFFIX.test(w.slice(k)) && SUFFIX.test(qw.slice(k));
      });
    });
  }

  function humanDate(iso) {
    if (!iso) return "Undated";
    var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"];
    var p = iso.split("-");
    if (p.length === 1) return p[0];
    return (p.length === 3 ? Number(p[2]) + " " : "") + months[Number(p[1]) - 1] + " " + p[0];
  }

  function resultItem(data, item, q, query) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = data.url;
    a.className = "archive-search__title";
    a.textContent = meta.title || data.url;
    li.appendChild(a);
    // a letter is sent to its addressee, a press release or commentary is about it (render.addressed)
    var facts = [humanDate(meta.date), meta.kind, meta.to ? "to " + meta.to : (meta.about ? "about " + meta.about : ""),
                 meta.signatories]
      .filter(Boolean).join(" · ");
    var p = document.createElement("p");
    p.className = "archive-search__meta";
    p.textContent = facts;
    li.appendChild(p);
    if (item.signed && signs(data, q)) {
      var s = document.createElement("p");
      s.className = "archive-search__signed";
      s.textContent = "Signed by " + query.replace(/"/g, "").trim();
      li.appendChild(s);
    }
    var ex = document.createElement("p");
    ex.className = "archive-search__excerpt";
    ex.appendChild(excerptNode(data, item, q));
    li.appendChild(ex);
    // words found only in the signature lists (searchindex.search_fields' `words`): say where they are
    var listed = ((data.meta && data.meta.words) || "").split(" ");
    var inList = q.words.filter(function (w) {
      var f = fold(w).replace(PUNCT, "");
      return !STOPWORDS[f] && listed.indexOf(f) >= 0;
    });
    if (!ex.querySelector("mark") && inList.length && !li.querySelector(".archive-search__signed")) {
      var note = document.createElement("p");
      note.className = "archive-search__signed";
      note.textContent = "In the list of signatories: " + inList.map(function (w) { return "“" + w + "”"; }).join(", ");
      li.insertBefore(note, ex);
    }
    return li;
  }

  function showItems(list, items, q, query) {
    return Promise.all(items.map(function (item) { return item.result.data(); })).then(function (datas) {
      var frag = document.createDocumentFragment();
      datas.forEach(function (data, i) { frag.appendChild(resultItem(data, items[i], q, query)); });
      return frag;
    });
  }

  function plural(n) { return n + (n === 1 ? " letter matches" : " letters match"); }
  function pause(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }
  function searchPageUrl(query) {
    return new URL("search/?q=" + encodeURIComponent(query.trim()), siteRoot).href;
  }

  // ---- The header box: the first eight, and a link to all of them --------------------------

  if (box) {
    var input = box.querySelector("input");
    var panel = box.querySelector(".archive-search__results");
    var list = panel.querySelector("ol");
    var status = panel.querySelector(".archive-search__status");
    var more = panel.querySelector(".archive-search__all");
    var current = 0;

    var dropdown = function (query) {
      var id = ++current;
      var stale = function () { return id !== current; };
      list.textContent = "";
      delete list.dataset.final;
      more.hidden = true;
      if (!query.trim()) { status.textContent = ""; return; }
      status.textContent = "Searching…";
      var q = parse(query);
      // Pagefind's first load and the index chunks for these words are fetched during the wait
      loadPagefind().then(function (pf) {
        q.lookups.forEach(function (t) { pf.preload(t.exact ? '"' + t.text + '"' : t.text).catch(function () {}); });
      }).catch(function () {});
      pause(100).then(function () {
        if (stale()) return null;
        return run(query, {}, "relevance", function (signedFirst) {
          if (stale()) return;
          showItems(list, signedFirst.slice(0, 8), q, query).then(function (frag) {
            if (stale() || list.dataset.final === String(id)) return;
            list.textContent = "";
            list.appendChild(frag);
          });
        });
      }).then(function (answer) {
        if (!answer || stale()) return;
        var results = answer.results;
        return showItems(list, results.slice(0, 8), q, query).then(function (frag) {
          if (stale()) return;
          list.dataset.final = String(id);
          list.textContent = "";
          list.appendChild(frag);
          status.textContent = results.length ? plural(results.length) + "." : "No letters match “" + query.trim() + "”.";
          more.hidden = !results.length;
          more.href = searchPageUrl(query);
          more.textContent = results.length > 1 ? "See all " + results.length + " results" : "See it on the results page";
        });
      }).catch(function () {
        if (!stale()) status.textContent = "Search is unavailable here (open the site through a web server).";
      });
    };

    input.addEventListener("focus", loadPagefind);
    input.addEventListener("input", function () {
      panel.hidden = !input.value.trim();
      dropdown(input.value);
    });
    // Enter opens the results page (all results, paged); arrow keys move through the results.
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && input.value.trim()) { e.preventDefault(); location.href = searchPageUrl(input.value); }
      if (e.key === "ArrowDown") {
        var first = panel.querySelector("a");
        if (first && !panel.hidden) { e.preventDefault(); first.focus(); }
      }
    });
    panel.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(panel.querySelectorAll("a:not([hidden])"));
      var at = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && at < links.length - 1) { e.preventDefault(); links[at + 1].focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    });
    box.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { panel.hidden = true; input.focus(); }
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) panel.hidden = true; });
  }

  // ---- The search page: /search/?q=…&year=…&sort=…&page=…&per=… (results a page, 20 unless said) --
  // Without a query (and no signatory) it lists every letter, newest first unless sorted otherwise, and
  // the filters work on that list: /search/?kind=Letter&government=Japan is a list to link to.

  var FILTERS = [["government", "Government or body"], ["addressee", "Addressee"], ["year", "Year"],
                 ["kind", "Kind"], ["language", "Language"], ["tag", "Tag"]];
  var PER_PAGE = 20;
  var pageResults = document.getElementById("search-results");

  function readState() {
    var params = new URLSearchParams(location.search);
    var state = {q: params.get("q") || "", sort: params.get("sort") || "",
                 page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1), filters: {}, by: params.get("by") || "",
                 per: Math.min(100, Math.max(5, parseInt(params.get("per") || String(PER_PAGE), 10) || PER_PAGE))};
    FILTERS.forEach(function (f) { if (params.get(f[0])) state.filters[f[0]] = params.get(f[0]); });
    return state;
  }

  function stateUrl(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FILTERS.forEach(function (f) { if (state.filters[f[0]]) params.set(f[0], state.filters[f[0]]); });
    if (state.by) params.set("by", state.by);
    if (state.sort && state.sort !== defaultSort(state)) params.set("sort", state.sort);
    if (state.page > 1) params.set("page", String(state.page));
    if (state.per !== PER_PAGE) params.set("per", String(state.per));
    return "?" + params.toString();
  }

  // every letter, no query: the list to browse, sorted by date (there is no relevance without words)
  function browsing(state) { return !state.q.trim() && !state.by; }
  function defaultSort(state) { return browsing(state) ? "newest" : "relevance"; }
  function sortOf(state) {
    var sort = state.sort || defaultSort(state);
    return browsing(state) && sort === "relevance" ? "newest" : sort;
  }

  // A filter's value as the index writes it, whatever its case in the address (?kind=letter: "Letter")
  function knownValues(filters, all) {
    var out = {};
    Object.keys(filters).forEach(function (name) {
      var values = Object.keys((all || {})[name] || {});
      var want = fold(filters[name]);
      out[name] = values.filter(function (v) { return fold(v) === want; })[0] || filters[name];
    });
    return out;
  }

  function browseAll(pf, state) {
    return pf.search(null, {filters: state.filters, sort: {date: sortOf(state) === "oldest" ? "asc" : "desc"}})
      .then(function (found) {
        return {results: found.results.map(function (r) { return {id: r.id, result: r}; }), counts: found.filters,
                exactCounts: true, query: parse("")};
      });
  }

  if (pageResults) {
    pageResults.removeAttribute("aria-live");     // only the count is announced, not every result
    var field = document.getElementById("search-q");
    var controls = document.createElement("div");
    controls.className = "search-controls";
    var pageStatus = document.createElement("p");
    pageStatus.className = "search-status";
    pageStatus.setAttribute("role", "status");
    var pageList = document.createElement("ol");
    pageList.className = "archive-search__list search-page__list";
    var pager = document.createElement("nav");
    pager.className = "search-pager";
    pager.setAttribute("aria-label", "Result pages");
    pageResults.appendChild(controls);
    pageResults.appendChild(pageStatus);
    pageResults.appendChild(pageList);
    pageResults.appendChild(pager);
    var allFilters = null;
    var pageRun = 0;

    var go = function (state, push) {
      if (push) history.pushState(null, "", stateUrl(state));
      render(state);
    };

    var select = function (name, label, options, value, onChange) {
      var wrap = document.createElement("label");
      wrap.className = "search-controls__item";
      wrap.appendChild(document.createTextNode(label + " "));
      var sel = document.createElement("select");
      sel.name = name;
      options.forEach(function (o) {
        var opt = document.createElement("option");
        opt.value = o[0];
        opt.textContent = o[1];
        if (o[2]) opt.disabled = true;
        if (o[0] === value) opt.selected = true;
        sel.appendChild(opt);
      });
      sel.addEventListener("change", function () { onChange(sel.value); });
      wrap.appendChild(sel);
      return wrap;
    };

    // counts: per filter value, how many of the results have it; "at most" where they could not all be
    // counted (a query of several words with more than 200 results: Pagefind counts one word's letters)
    var drawControls = function (state, counts, atMost) {
      controls.textContent = "";
      FILTERS.forEach(function (f) {
        var values = Object.keys((allFilters || {})[f[0]] || {}).sort();
        if (f[0] === "year") values.reverse();
        if (!values.length) return;
        var here = (counts || {})[f[0]] || {};
        var opts = [["", "Any"]].concat(values.map(function (v) {
          var n = here[v] || 0;
          return [v, v + " (" + (atMost && n ? "≤ " : "") + n + ")", n === 0 && v !== state.filters[f[0]]];
        }));
        controls.appendChild(select(f[0], f[1], opts, state.filters[f[0]] || "", function (v) {
          var next = JSON.parse(JSON.stringify(state));
          if (v) next.filters[f[0]] = v; else delete next.filters[f[0]];
          next.page = 1;
          go(next, true);
        }));
      });
      var sorts = [["newest", "Newest first"], ["oldest", "Oldest first"]];
      if (!browsing(state)) sorts.unshift(["relevance", "Relevance"]);
      controls.appendChild(select("sort", "Sort by", sorts, sortOf(state), function (v) {
        go(Object.assign({}, state, {sort: v, page: 1}), true);
      }));
      // a signatory: a name typed in full (as written, the archive's name or an alias), applied on Enter
      var byLabel = document.createElement("label");
      byLabel.className = "search-controls__item";
      byLabel.appendChild(document.createTextNode("Signed by "));
      var byInput = document.createElement("input");
      byInput.type = "search";
      byInput.name = "by";
      byInput.placeholder = "a signatory's name";
      byInput.value = state.by;
      byInput.addEventListener("change", function () {
        go(Object.assign({}, state, {by: byInput.value.trim(), page: 1}), true);
      });
      byLabel.appendChild(byInput);
      controls.appendChild(byLabel);
      if (state.by) {
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "search-controls__chip";
        chip.textContent = "Signed by " + state.by + " ✕";
        chip.setAttribute("aria-label", "Remove the filter: signed by " + state.by);
        chip.addEventListener("click", function () { go(Object.assign({}, state, {by: "", page: 1}), true); });
        controls.appendChild(chip);
      }
    };

    var dropFilterOffers = function (state) {
      var offers = document.createElement("p");
      var names = Object.keys(state.filters);
      if (!names.length && !state.by) return offers;
      offers.appendChild(document.createTextNode("Try without a filter: "));
      names.forEach(function (name) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "search-controls__chip";
        b.textContent = "remove " + name + ": " + state.filters[name];
        b.addEventListener("click", function () {
          var next = JSON.parse(JSON.stringify(state));
          delete next.filters[name];
          next.page = 1;
          go(next, true);
        });
        offers.appendChild(b);
      });
      if (state.by) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "search-controls__chip";
        b.textContent = "remove signed by: " + state.by;
        b.addEventListener("click", function () { go(Object.assign({}, state, {by: "", page: 1}), true); });
        offers.appendChild(b);
      }
      return offers;
    };

    var render = function (state) {
      var id = ++pageRun;
      if (field) field.value = state.q;
      document.title = (state.q ? "“" + state.q + "” – " : "") + document.title.replace(/^“.*?” – /, "");
      pageList.textContent = "";
      pager.textContent = "";
      var all = browsing(state);
      pageStatus.textContent = all ? "Listing the letters…" : "Searching…";
      var query = state.q.trim() ? state.q : state.by;
      loadPagefind().then(function (pf) {
        return (allFilters ? Promise.resolve(allFilters) : pf.filters()).then(function (known) {
          allFilters = known;
          state.filters = knownValues(state.filters, known);
          return all ? browseAll(pf, state) : run(query, state.filters, sortOf(state));
        });
      }).then(function (answer) {
        // a signatory filter is the name looked up as one word, with the query's words
        if (all || !state.by || !state.q.trim()) return answer;
        return run(state.by, state.filters, sortOf(state)).then(function (byAnswer) {
          var keep = {};
          byAnswer.results.filter(function (p) { return p.signed; }).forEach(function (p) { keep[p.id] = 1; });
          answer.results = answer.results.filter(function (p) { return keep[p.id]; });
          answer.exactCounts = answer.results.length === 0;
          return answer;
        });
      }).then(function (answer) {
        if (state.by && !state.q.trim()) {
          answer.results = answer.results.filter(function (p) { return p.signed; });
          answer.exactCounts = answer.results.length === 0;
        }
        return countFilters(answer, 200);
      }).then(function (answer) {
        if (id !== pageRun) return;
        drawControls(state, answer.counts, !answer.exactCounts);
        var results = answer.results;
        var pages = Math.max(1, Math.ceil(results.length / state.per));
        var pageNo = Math.min(state.page, pages);
        var shown = results.slice((pageNo - 1) * state.per, pageNo * state.per);
        var filtered = Object.keys(state.filters).length || state.by;
        if (!results.length) {
          pageStatus.textContent = all ? (filtered ? "No letters match these filters." : "The archive has no letters yet.")
            : "No letters match “" + query.trim() + "”" + (filtered ? " with these filters." : ".");
          pageList.appendChild(dropFilterOffers(state));
          return;
        }
        return showItems(pageList, shown, answer.query, query).then(function (frag) {
          if (id !== pageRun) return;
          pageList.appendChild(frag);
          // said once the results are on the page (a screen reader hears it from role=status)
          var counted = !all ? plural(results.length)
            : (filtered ? plural(results.length) + " these filters" : (results.length === 1 ? "1 letter" : "All " + results.length + " letters"))
              + ", " + (sortOf(state) === "oldest" ? "oldest" : "newest") + " first";
          pageStatus.textContent = counted + (pages > 1 ? ", page " + pageNo + " of " + pages : "") + ".";
          pageList.setAttribute("start", String((pageNo - 1) * state.per + 1));
          [[pageNo - 1, "← Previous"], [pageNo + 1, "Next →"]].forEach(function (p) {
            if (p[0] < 1 || p[0] > pages) return;
            var a = document.createElement("a");
            a.href = stateUrl(Object.assign({}, state, {page: p[0]}));
            a.textContent = p[1];
            a.addEventListener("click", function (e) {
              e.preventDefault();
              go(Object.assign({}, state, {page: p[0]}), true);
              pageStatus.scrollIntoView();
            });
            pager.appendChild(a);
          });
        });
      }).catch(function () {
        if (id === pageRun) pageStatus.textContent = "Search is unavailable here (open the site through a web server).";
      });
    };

    var form = field && field.form;
    if (form) {
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var state = readState();
        go(Object.assign({}, state, {q: field.value, page: 1}), true);
      });
    }
    window.addEventListener("popstate", function () { render(readState()); });
    render(readState());
  }

  // Copy buttons. The Clipboard API exists only on https and localhost; on a plain-http address (a
  // LAN preview, python3 -m http.server on 192.168.…) the text is selected instead, for Ctrl+C or a
  // long press, and the old copy command is tried on the selection (issue 23).
  function say(button, words) {
    if (!button.dataset.label) button.dataset.label = button.textContent;
    button.textContent = words;
    clearTimeout(button.sayTimer);
    button.sayTimer = setTimeout(function () { button.textContent = button.dataset.label; }, 2500);
  }

  function select(element) {
    var selection = window.getSelection();
    selection.removeAllRanges();
    if (element.select) {                     // a text field
      element.focus();
      element.select();
    } else {
      var range = document.createRange();
      range.selectNodeContents(element);
      selection.addRange(range);
    }
  }

  // `shown`: the element showing `text` on the page (made, beside the button, when there is none)
  function copy(button, text, shown) {
    var fallback = function () {
      if (!shown) {
        shown = button.parentNode.querySelector("input.copy-fallback") || document.createElement("input");
        shown.className = "copy-fallback";
        shown.readOnly = true;
        shown.setAttribute("aria-label", "Address to copy");
        shown.value = text;
        if (!shown.parentNode) button.insertAdjacentElement("afterend", shown);
      }
      select(shown);
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      say(button, copied ? "Copied" : (/Mac|iP/.test(navigator.platform) ? "Selected: press ⌘C" : "Selected: press Ctrl+C"));
    };
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext !== false) {
      navigator.clipboard.writeText(text).then(function () { say(button, "Copied"); }, fallback);
    } else {
      fallback();
    }
  }

  // The permanent link (to the page, or to one demand).
  document.querySelectorAll("button.copy-link").forEach(function (button) {
    button.addEventListener("click", function () {
      var canonical = document.querySelector('link[rel="canonical"]');
      var url = (canonical ? canonical.href : location.href.split("#")[0]);
      var anchor = button.getAttribute("data-anchor");
      if (anchor) url += "#" + anchor;
      var shown = button.parentNode.querySelector("code.permalink");
      copy(button, url, shown && shown.textContent.trim() === url ? shown : null);
    });
  });

  // A citation (or any text the button names by id), as the page shows it.
  document.querySelectorAll("button.copy-text").forEach(function (button) {
    button.addEventListener("click", function () {
      var shown = document.getElementById(button.getAttribute("data-copy"));
      if (shown) copy(button, shown.textContent.replace(/\s+/g, " ").trim(), shown);
    });
  });
})();
