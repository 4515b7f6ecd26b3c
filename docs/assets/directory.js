/* Filters for /vereine/: progressive enhancement of a complete HTML list.
 *
 * Without this script the page lists every association and the filter choices are links to the
 * listing pages. With it, the choices become checkboxes (OR within a facet, AND across facets),
 * a text box searches inside words, the state lives in the query string (?thema=bildung&sprache=ar&suche=…),
 * each choice shows how many associations it would give, and the result count is announced.
 * The data comes from the JSON island #mso-filterdaten; see hooks/mso/views/directory.py. Every text it writes
 * comes from #mso-verzeichnis-texte (hooks/mso/templates/directory.html), in the page's language.
 *
 * A large directory (data-mso-daten on the root) has no cards on the page, only the letters, each a link to a
 * page of its own. Its filter data, with what each card shows, is fetched from that address once someone
 * filters, and the matching cards are drawn from it.
 */
(function () {
  "use strict";

  /* Not "q": Material's search opens its dialog for ?q= on any page. */
  var TEXT_PARAM = "suche";
  var ENDINGS = ["innen", "ern", "en", "er", "es", "e", "n", "s"]; // as in hooks/mso/search_text.py

  /* The same normalisation as search_text.normalize in Python. */
  function normalize(text) {
    return text.toLowerCase().replace(/ß/g, "ss").normalize("NFKD").replace(/\p{M}/gu, "")
      .replace(/([aou])e/g, "$1").replace(/\s+/g, " ").trim();
  }

  function stem(word) {
    for (var i = 0; i < ENDINGS.length; i++) {
      var ending = ENDINGS[i];
      if (word.length - ending.length >= 4 && word.slice(-ending.length) === ending) {
        return word.slice(0, -ending.length);
      }
    }
    return word;
  }

  function queryWords(text) {
    return normalize(text).split(" ").filter(Boolean).map(stem);
  }

  /* The page's texts; a counted one has a form per plural category, and {name} marks a value. */
  var TEXTS = {};
  var plurals = null;

  function say(key, values) {
    var text = TEXTS[key];
    if (typeof text === "object") {
      text = text[plurals.select(values.num)] || text.other || text[Object.keys(text)[0]];
    }
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A card as hooks/mso/templates/macros.html draws it, from [name, short name, text, Stadtbezirk, Themen,
     [[language, its own name, code, dir], …], [language of the text, its dir]]; all of it as text. The text in
     another language than the page's (German) says so. */
  function drawCard(slug, fields, folder) {
    var card = element("article", "mso-card");
    card.id = "verein-" + slug;
    var title = element("h3", "mso-card__title");
    var link = element("a", "", fields[0]);
    link.href = new URL(slug + "/", folder).href;
    title.appendChild(link);
    if (fields[1]) {
      title.appendChild(document.createTextNode(" "));
      title.appendChild(element("span", "mso-card__short", "(" + fields[1] + ")"));
    }
    card.appendChild(title);
    var text = element("p", "mso-card__text");
    if (fields[6]) {
      text.appendChild(element("span", "mso-card__sprache", say("auf_deutsch")));
      text.appendChild(document.createTextNode(" "));
      var own = element("span", "", fields[2]);
      own.lang = fields[6][0];
      own.dir = fields[6][1];
      text.appendChild(own);
    } else {
      text.textContent = fields[2];
    }
    card.appendChild(text);
    var facts = element("dl", "mso-card__facts");
    function fact(name, content) {
      var row = element("div");
      row.appendChild(element("dt", "", name));
      var value = element("dd");
      if (typeof content === "string") value.textContent = content;
      else content.forEach(function (node) { value.appendChild(node); });
      row.appendChild(value);
      facts.appendChild(row);
    }
    fact(say("stadtbezirk"), fields[3]);
    fact(say("themen"), fields[4]);
    var languages = [];
    fields[5].forEach(function (language, i) {
      if (i) languages.push(document.createTextNode(", "));
      languages.push(document.createTextNode(language[0]));
      if (language[1]) {
        var own = element("span", "", language[1]);
        own.lang = language[2];
        own.dir = language[3];
        languages.push(document.createTextNode(" ("), own, document.createTextNode(")"));
      }
    });
    fact(say("sprachen"), languages);
    card.appendChild(facts);
    return card;
  }

  function init(root) {
    var island = document.getElementById("mso-filterdaten");
    var dataUrl = root.getAttribute("data-mso-daten");
    var texts = document.getElementById("mso-verzeichnis-texte");
    if ((!island && !dataUrl) || !texts) return;
    TEXTS = JSON.parse(texts.textContent);
    plurals = new Intl.PluralRules(TEXTS.sprache);
    var large = !island;
    /* The note for visitors without JavaScript is not needed here. */
    root.querySelectorAll("[data-mso-ohne-js]").forEach(function (note) { note.hidden = true; });
    var params = Array.prototype.map.call(root.querySelectorAll("[data-mso-facet]"), function (details) {
      return details.getAttribute("data-mso-facet");
    });
    var form = root.querySelector("[data-mso-filter]");
    var search = form.querySelector("input[type=search]");
    var reset = root.querySelector("[data-mso-reset]");
    var status = root.querySelector("[data-mso-count]");
    var none = root.querySelector("[data-mso-none]");
    var wide = window.matchMedia("(min-width: 60em)");
    var cards = root.querySelector("[data-mso-karten]");
    var cardsTitle = root.querySelector("[data-mso-karten-titel]");
    var letterNote = root.querySelector("[data-mso-buchstaben]");
    var folder = large ? new URL("./", new URL(dataUrl, window.location.href)) : null;

    /* Entries in page order: card, term slugs per facet, search text, letter section. */
    var sections = Array.prototype.map.call(root.querySelectorAll(".mso-buchstabe"), function (section) {
      var link = root.querySelector('.mso-az a[href="#' + section.querySelector("h2").id + '"]');
      return { section: section, item: link && link.parentNode, link: link, shown: true, last: -1 };
    });
    var sectionOf = new Map();
    sections.forEach(function (s, i) {
      s.section.querySelectorAll(".mso-card").forEach(function (card) { sectionOf.set(card, i); });
    });
    var entries = null;
    var total = 0;
    var loading = null;

    function useData(data) {
      entries = data.entries.map(function (row) {
        var card = large ? null : document.getElementById("verein-" + row[0]);
        return { slug: row[0], card: card, values: row[1], text: row[2], fields: row[3],
                 section: large ? -1 : sectionOf.get(card), shown: !large };
      });
      total = entries.length;
    }

    /* A large directory fetches its data once, when it is first needed. */
    function withData(then) {
      if (entries) return then();
      if (!loading) {
        status.textContent = say("laedt");
        loading = fetch(dataUrl).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        }).then(useData);
        loading.catch(function () {
          status.textContent = say("nicht_verfuegbar");
        });
      }
      loading.then(then);
    }

    if (!large) useData(JSON.parse(island.textContent));
    /* Above PAGE matches only the first PAGE cards are shown, with a button for more: hiding and showing
       thousands of cards per keystroke would cost more than the filtering itself (bench/directory_filter.py). */
    var PAGE = 200;
    var limit = PAGE;
    var more = document.createElement("p");
    more.className = "mso-ergebnis__mehr";
    more.hidden = true;
    var moreButton = document.createElement("button");
    moreButton.type = "button";
    moreButton.className = "md-button";
    more.appendChild(moreButton);
    root.querySelector(".mso-ergebnis").appendChild(more);

    /* Turn each facet's list of links into checkboxes. */
    var groups = params.map(function (param, index) {
      var details = root.querySelector('[data-mso-facet="' + param + '"]');
      var title = details.querySelector("summary").textContent.trim();
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.className = "mso-visually-hidden";
      legend.textContent = title;
      fieldset.appendChild(legend);
      var options = Array.prototype.map.call(details.querySelectorAll("a[data-value]"), function (link) {
        var value = link.getAttribute("data-value");
        var label = document.createElement("label");
        label.className = "mso-option";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = param;
        box.value = value;
        var count = link.querySelector(".mso-zahl");
        label.appendChild(box);
        var name = document.createElement("span");
        name.className = "mso-option__name";
        Array.prototype.forEach.call(link.childNodes, function (node) {
          if (node !== count) name.appendChild(node.cloneNode(true));
        });
        label.appendChild(name);
        var number = document.createElement("span");
        number.className = "mso-zahl";
        if (count) number.textContent = count.textContent; /* until the data is there (large directories) */
        label.appendChild(number);
        fieldset.appendChild(label);
        return { value: value, box: box, label: label, number: number };
      });
      details.querySelector("ul").replaceWith(fieldset);
      var summary = details.querySelector("summary");
      var chosen = document.createElement("span");
      chosen.className = "mso-facette__gewaehlt";
      summary.appendChild(chosen);
      return { param: param, index: index, details: details, options: options, chosen: chosen };
    });

    function readState() {
      var query = new URLSearchParams(window.location.search);
      return {
        q: query.get(TEXT_PARAM) || "",
        /* Hand-written links may say ?stadtbezirk=Südstadt: match the slugs, drop what no choice has. */
        facets: groups.map(function (group) {
          var known = group.options.map(function (o) { return o.value; });
          return query.getAll(group.param).map(asSlug).filter(function (value) { return known.indexOf(value) >= 0; });
        })
      };
    }

    function asSlug(value) {
      return value.trim().toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue")
        .replace(/ß/g, "ss").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    }

    function currentState() {
      return {
        q: search.value,
        facets: groups.map(function (group) {
          return group.options.filter(function (o) { return o.box.checked; }).map(function (o) { return o.value; });
        })
      };
    }

    function stateUrl(state) {
      var query = new URLSearchParams();
      state.facets.forEach(function (values, i) {
        values.forEach(function (value) { query.append(params[i], value); });
      });
      if (state.q.trim()) query.set(TEXT_PARAM, state.q.trim());
      var text = query.toString();
      return window.location.pathname + (text ? "?" + text : "") + window.location.hash;
    }

    function showState(state) {
      search.value = state.q;
      groups.forEach(function (group, i) {
        group.options.forEach(function (o) { o.box.checked = state.facets[i].indexOf(o.value) !== -1; });
        if (state.facets[i].length && wide.matches) group.details.open = true; /* phones: list first */
      });
    }

    /* Does entry `e` fail facet `i`? Within a facet any chosen value is enough (OR). */
    function fails(e, chosen, i) {
      var wanted = chosen[i];
      if (!wanted.length) return false;
      var have = e.values[i];
      for (var k = 0; k < wanted.length; k++) if (have.indexOf(wanted[k]) !== -1) return false;
      return true;
    }

    function isActive(state) {
      return state.q.trim() !== "" || state.facets.some(function (v) { return v.length; });
    }

    function apply(state) {
      if (!entries) {
        if (isActive(state)) withData(function () { apply(currentState()); });
        return;
      }
      var words = queryWords(state.q);
      var chosen = state.facets;
      var drawn = [];
      var counts = params.map(function () { return Object.create(null); });
      var matched = 0;
      sections.forEach(function (s) { s.visible = false; s.last = -1; });
      for (var n = 0; n < entries.length; n++) {
        var e = entries[n];
        var textOk = true;
        for (var w = 0; w < words.length; w++) {
          if (e.text.indexOf(words[w]) === -1) { textOk = false; break; }
        }
        var failed = -1, failures = textOk ? 0 : 2;
        for (var i = 0; i < params.length && failures < 2; i++) {
          if (fails(e, chosen, i)) { failed = i; failures++; }
        }
        /* Counts per option: what the result would be if this option were chosen in addition (OR within
           the facet), i.e. the entry passes every other facet and the text. */
        for (i = 0; i < params.length; i++) {
          if (failures === 0 || (failures === 1 && failed === i)) {
            var values = e.values[i], c = counts[i];
            for (var v = 0; v < values.length; v++) c[values[v]] = (c[values[v]] || 0) + 1;
          }
        }
        var show = false;
        if (failures === 0) {
          show = matched < limit;
          if (!large) sections[e.section].last = matched;
          else if (show) drawn.push(e);
          matched++;
        }
        if (large) continue;
        if (show) sections[e.section].visible = true;
        if (show !== e.shown) { e.card.hidden = !show; e.shown = show; }
      }
      groups.forEach(function (group, i) {
        var picked = 0;
        group.options.forEach(function (o) {
          var count = counts[i][o.value] || 0;
          if (count !== o.count) { o.number.textContent = count; o.count = count; }
          var empty = count === 0 && !o.box.checked;
          if (empty !== o.empty) { o.label.classList.toggle("mso-option--leer", empty); o.empty = empty; }
          if (o.box.checked) picked++;
        });
        var text = picked ? " " + say("gewaehlt", { num: picked }) : "";
        if (group.chosen.textContent !== text) group.chosen.textContent = text;
      });
      sections.forEach(function (s) {
        if (s.visible !== s.shown) { s.section.hidden = !s.visible; s.shown = s.visible; }
        if (s.item) s.item.hidden = s.last === -1; /* letters with matches beyond the page stay reachable */
      });
      var active = isActive(state);
      if (large) {
        /* Without a choice the letters lead on; with one, the matching cards are drawn. */
        cards.textContent = "";
        if (active) {
          drawn.forEach(function (e) {
            e.card = e.card || drawCard(e.slug, e.fields, folder);
            cards.appendChild(e.card);
          });
        }
        entries.forEach(function (e) { e.shown = false; });
        drawn.forEach(function (e) { e.shown = active; });
        cards.hidden = cardsTitle.hidden = !active || matched === 0;
        letterNote.hidden = active;
      }
      var text = active ? say("passen", { num: matched, gesamt: total }) : say("alle", { num: total });
      if (matched > limit) text += " " + say("die_ersten", { num: limit });
      if (status.textContent !== text) status.textContent = text;
      none.hidden = matched !== 0;
      reset.hidden = !active;
      more.hidden = matched <= limit;
      moreButton.textContent = say("weitere", { num: Math.min(PAGE, matched - limit) });
    }

    /* The list answers at once; while typing, the address follows a moment later (history calls cost). */
    var pending = 0;
    function writeUrl(push) {
      window.clearTimeout(pending);
      var url = stateUrl(currentState());
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history[push ? "pushState" : "replaceState"](null, "", url);
      }
    }

    function update(push) {
      apply(currentState());
      if (push) writeUrl(true);
      else { window.clearTimeout(pending); pending = window.setTimeout(writeUrl, 250, false); }
    }

    root.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") { limit = PAGE; update(true); }
    });
    moreButton.addEventListener("click", function () {
      var first = entries.filter(function (e) { return !e.shown; });
      limit += PAGE;
      apply(currentState());
      /* move the focus to the first newly shown association, so keyboard users continue there */
      var next = first.filter(function (e) { return e.shown; })[0];
      if (next) next.card.querySelector("a").focus();
    });
    /* A letter whose matches lie beyond the shown page: show up to it, then jump. */
    sections.forEach(function (s) {
      if (!s.link) return;
      s.link.addEventListener("click", function () {
        if (!s.shown && s.last >= limit) { limit = s.last + 1; apply(currentState()); }
      });
    });
    var typing = false;
    search.addEventListener("input", function () {
      limit = PAGE;
      update(!typing); /* one history step per search, not per key */
      typing = true;
    });
    search.addEventListener("blur", function () { typing = false; });
    form.addEventListener("submit", function (event) { event.preventDefault(); typing = false; });
    reset.addEventListener("click", function () {
      limit = PAGE;
      showState({ q: "", facets: params.map(function () { return []; }) });
      update(true);
      search.focus();
    });
    window.addEventListener("popstate", function () {
      var state = readState();
      /* A jump to a letter (#buchstabe-…) also fires popstate; only a changed query is a new state. */
      if (stateUrl(state) === stateUrl(currentState())) return;
      window.clearTimeout(pending);
      limit = PAGE;
      showState(state);
      apply(state);
    });

    form.hidden = false;
    root.querySelector("[data-mso-ohne-js]").hidden = true;
    root.classList.add("mso-verzeichnis--js");
    if (total > PAGE) root.classList.add("mso-verzeichnis--gross");
    groups.forEach(function (group) {
      if (wide.matches && group.details.hasAttribute("data-mso-open")) group.details.open = true;
    });
    var initial = readState();
    showState(initial);
    apply(initial);
    window.msoFilter = { apply: apply, normalize: normalize, queryWords: queryWords }; /* for bench/ */
  }

  function start() {
    var root = document.querySelector("[data-mso-verzeichnis]");
    if (root) init(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
