/* The site search in the header: a small script over Pagefind's JavaScript API (/pagefind/pagefind.js).
 *
 * Markup and look are Material's (overrides/partials/search.html, the `__search` toggle opens the dialog).
 * Pagefind loads only when the search is first used, and per query only the index fragments it needs.
 * Keys: "/" or "s" opens the search, Escape closes it and returns the focus, the arrow keys move between the
 * results, Enter opens the first result. The number of results is announced (role=status).
 * Without JavaScript the search stays hidden; the lists on /vereine/ are the way in. Its texts come from the page
 * (overrides/partials/search.html), in the page's language.
 */
(function () {
  "use strict";

  var PAGE = 10; /* results shown at first and per "Weitere Treffer" */
  var WAIT = 80; /* ms after the last keystroke before searching */
  var EXCERPT = 26; /* words in a result's excerpt */

  function start() {
    var root = document.querySelector("[data-mso-suche]");
    var toggle = document.getElementById("__search");
    if (!root || !toggle) return;
    var input = root.querySelector("[data-mso-suche-eingabe]");
    var status = root.querySelector("[data-mso-suche-status]");
    var list = root.querySelector("[data-mso-suche-liste]");
    var more = root.querySelector("[data-mso-suche-mehr]");
    var opener = document.querySelector("[data-mso-suche-oeffnen]");
    var form = input.form;
    var prompt = status.textContent;
    var island = root.querySelector("[data-mso-suche-texte]");
    var texts = island ? JSON.parse(island.textContent) : {};
    var plurals = new Intl.PluralRules(texts["sprache"] || document.documentElement.lang || "de");
    var siteRoot = new URL((configuredBase() || ".") + "/", window.location.href);
    // One index for every language, at the main language's root (a page in another language is one level down).
    var indexRoot = new URL(root.getAttribute("data-mso-suche-index") || "", siteRoot);
    var pagefind = null;
    var results = [];
    var shown = 0;
    var current = "";
    var returnTo = null;

    function configuredBase() {
      var config = document.getElementById("__config");
      try { return config ? JSON.parse(config.textContent).base : null; } catch (e) { return null; }
    }

    function load() {
      if (!pagefind) {
        pagefind = import(new URL("pagefind/pagefind.js", indexRoot).href).then(function (api) {
          return Promise.resolve(api.options({ baseUrl: indexRoot.pathname }))
            .then(function () { api.init(); return api; });
        });
        pagefind.catch(function () {
          status.textContent = say("nicht_verfuegbar");
        });
      }
      return pagefind;
    }

    function setOpen(open) {
      if (toggle.checked !== open) {
        toggle.checked = open;
        toggle.dispatchEvent(new Event("change")); /* Material locks the page scroll on small screens */
      }
      if (opener) opener.setAttribute("aria-expanded", String(open));
      if (open) load();
    }

    function open(from) {
      returnTo = from || document.activeElement;
      setOpen(true);
      input.focus();
      input.select();
    }

    function close() {
      setOpen(false);
      var target = returnTo && returnTo !== input && document.contains(returnTo) ? returnTo : null;
      returnTo = null;
      if (target && typeof target.focus === "function") target.focus();
      else input.blur();
    }

    /* The page's text `key` with each {name} filled in; a counted text in the form for values.num. */
    function say(key, values) {
      var text = texts[key] || "";
      if (typeof text === "object") {
        text = text[plurals.select(values.num)] || text.other || text[Object.keys(text)[0]];
      }
      return text.replace(/\{(\w+)\}/g, function (all, name) {
        return values && name in values ? String(values[name]) : all;
      });
    }

    /* The excerpt: the densest run of EXCERPT words around the visible matches, built as text (the page text
       is untrusted; Pagefind's own `excerpt` is an HTML string). Matches in the hidden compound parts
       (weight below 1, hooks/mso/search.py) neither count nor get marked; a page that matched only there
       shows the start of its description. */
    function excerptNode(data) {
      var p = document.createElement("p");
      p.className = "mso-treffer__text";
      /* The page text begins with the name, which the result shows above the excerpt already. */
      var title = ((data.meta && data.meta.title) || "").replace(/\s+/g, " "); /* "e.&nbsp;V." in the title */
      var skip = title && (data.content || "").indexOf(title) === 0 ? title.split(/\s+/).length : 0;
      var locations = (data.weighted_locations || []).filter(function (l) {
        return l.weight >= 1 && l.location >= skip;
      });
      if (!locations.length) {
        p.textContent = (data.meta && data.meta.beschreibung) || "";
        return p;
      }
      var words = (data.content || "").split(/[\r\n\s]+/g);
      var score = [];
      var marked = new Set();
      locations.forEach(function (l) {
        score[l.location] = (score[l.location] || 0) + l.balanced_score;
        marked.add(l.location);
      });
      /* windows ending at i; of equally dense neighbours take the middle one, so a match sits mid-excerpt */
      var best = -1, first = 0, last = 0, sum = 0, i;
      for (i = 0; i < words.length + EXCERPT - 1; i++) {
        sum += (score[i] || 0) - (i >= EXCERPT ? score[i - EXCERPT] || 0 : 0);
        if (sum > best) { best = sum; first = last = i; }
        else if (sum === best && last === i - 1) last = i;
      }
      var end = Math.floor((first + last) / 2);
      var from = Math.max(skip, Math.min(end - EXCERPT + 1, words.length - EXCERPT));
      var to = Math.min(words.length, from + EXCERPT);
      if (from > skip) p.appendChild(document.createTextNode("… "));
      for (i = from; i < to; i++) {
        if (i > from) p.appendChild(document.createTextNode(" "));
        if (marked.has(i)) {
          var mark = document.createElement("mark");
          mark.textContent = words[i];
          p.appendChild(mark);
        } else {
          p.appendChild(document.createTextNode(words[i]));
        }
      }
      if (to < words.length) p.appendChild(document.createTextNode(" …"));
      return p;
    }

    function item(data) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = data.url;
      var body = document.createElement("div");
      body.className = "md-search-result__article md-typeset";
      var title = document.createElement("p");
      title.className = "mso-treffer__titel";
      title.textContent = (data.meta && data.meta.title) || data.url;
      body.appendChild(title);
      body.appendChild(excerptNode(data));
      if (data.meta && data.meta.stadtbezirk) {
        var where = document.createElement("p");
        where.className = "mso-treffer__ort";
        where.textContent = say("stadtbezirk", { name: data.meta.stadtbezirk });
        body.appendChild(where);
      }
      link.appendChild(body);
      li.appendChild(link);
      return li;
    }

    function showMore(focusFirst) {
      var next = results.slice(shown, shown + PAGE);
      var term = current;
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (datas) {
        if (term !== current) return;
        var first = null;
        datas.forEach(function (data) {
          var li = item(data);
          list.appendChild(li);
          first = first || li.querySelector("a");
        });
        shown += next.length;
        more.parentNode.hidden = shown >= results.length;
        if (focusFirst && first) first.focus();
      });
    }

    function show(term, search) {
      current = term;
      results = search.results;
      shown = 0;
      list.textContent = "";
      more.parentNode.hidden = true;
      return showMore(false).then(function () {
        if (term !== current) return;
        status.textContent = results.length
          ? say("treffer", { num: results.length, begriff: term })
          : say("kein_treffer", { begriff: term });
      });
    }

    /* Pagefind stems with Snowball and matches word beginnings. Snowball cuts the -s of "Sprachkurs" but keeps
       it in "Sprachkurse" (stem "sprachkurs"), so the plural would miss the singular: such words are searched
       from their singular's stem ("sprachkur"), which finds both. */
    function queryText(term) {
      return term.split(/\s+/).map(function (word) {
        var m = /^(.{5,}[bdfghklmnrt])s(e|en|es|ern)$/i.exec(word);
        return m ? m[1] : word;
      }).join(" ");
    }

    function update() {
      var term = input.value.trim();
      root.classList.toggle("mso-suche--wert", input.value !== "");
      if (!term) {
        current = "";
        results = [];
        list.textContent = "";
        more.parentNode.hidden = true;
        status.textContent = prompt;
        return;
      }
      load().then(function (api) {
        api.preload(queryText(term));
        return api.debouncedSearch(queryText(term), {}, WAIT);
      }).then(function (search) {
        if (search && input.value.trim() === term) return show(term, search);
      });
    }

    input.addEventListener("focus", function () { if (!toggle.checked) setOpen(true); });
    input.addEventListener("input", update);
    toggle.addEventListener("change", function () {
      if (opener) opener.setAttribute("aria-expanded", String(toggle.checked));
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
    if (opener) opener.addEventListener("click", function () { open(opener); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { update(); input.focus(); }, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
      else if (input.value.trim()) {
        window.location.href = new URL("vereine/?suche=" + encodeURIComponent(input.value.trim()), siteRoot).href;
      }
    });
    more.addEventListener("click", function () { showMore(true); });

    /* Leaving the dialog with Tab closes it, as Escape does. */
    root.addEventListener("focusout", function (event) {
      if (toggle.checked && event.relatedTarget && !root.contains(event.relatedTarget)) {
        returnTo = null;
        setOpen(false);
      }
    });

    function editable(element) {
      return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
    }

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (toggle.checked) {
        if (event.key === "Escape") {
          event.preventDefault();
          close();
        } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && root.contains(document.activeElement)) {
          var stops = [input].concat(Array.prototype.slice.call(list.querySelectorAll("a")));
          var at = stops.indexOf(document.activeElement);
          var to = at + (event.key === "ArrowDown" ? 1 : -1);
          if (to >= 0 && to < stops.length) {
            event.preventDefault();
            stops[to].focus();
          }
        }
        return;
      }
      if ((event.key === "/" || event.key === "s") && !editable(document.activeElement)) {
        event.preventDefault();
        open(document.activeElement);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
