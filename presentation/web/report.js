/* dspt-qgis web report: draws the three maps and sorts the composite table.
 * Every value from the data is written with textContent (never as HTML), so names show
 * as text whatever they hold. Nothing is fetched from the network unless the report was
 * made with a basemap address. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dspt-data").textContent);
  var statusColour = {};
  data.statuses.forEach(function (s) { statusColour[s.name] = s.colour; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* A shape's label: one sentence, read by screen readers (its accessible name) and shown
   * in its tooltip, from the same string so the two never differ. */
  function statusOf(p) { return p.status || data.noStatus.name; }

  function organisationSentence(p) {
    return (p.name ? p.name + " (" + p.code + ")" : p.code) + ": " + statusOf(p) + ".";
  }

  function score(value) {
    return (typeof value === "number") ? (value > 0 ? "+" : "") + value.toFixed(2) : "none";
  }

  function populationSentence(p) {
    var people = typeof p.population === "number" ? Math.round(p.population).toLocaleString("en-GB") : "not known";
    var trusts = p.n_trusts || 0;
    return p.name + ": " + data.population.label + " " + people + "; " + trusts + " trust" + (trusts === 1 ? "" : "s") + ".";
  }

  function pieSentence(p) {
    var parts = [];
    data.statuses.forEach(function (s) { if (p[s.field]) { parts.push(p[s.field] + " " + s.short); } });
    return p.name + ": " + p.n_trusts + " trust" + (p.n_trusts === 1 ? "" : "s") + " \u2014 " + parts.join(", ") + ".";
  }

  function compositeSentence(p) {
    if (typeof p.composite_score !== "number") {
      return p.name + ": no composite" + (p.composite_note ? " (" + p.composite_note + ")" : "") + ".";
    }
    return p.name + ": composite " + score(p.composite_score) + " (commissioner mean " +
      score(p.commissioner_score) + ", trust mean " + score(p.trust_score) + ")." +
      (p.board_said ? " " + p.board_said : "");
  }

  function legend(map, position, title, items, kind) {
    var control = L.control({ position: position });
    control.onAdd = function () {
      var box = el("div", "dspt-legend");
      box.appendChild(el("h3", null, title));
      items.forEach(function (item) {
        var row = el("div", "item");
        var key = el("span", "key " + (kind || "area"));
        key.style.background = item.colour;
        row.appendChild(key);
        row.appendChild(el("span", null, item.label || item.name));
        box.appendChild(row);
      });
      return box;
    };
    control.addTo(map);
    return control;
  }

  /* Tooltips open on hover and on keyboard focus; each shape is reachable with Tab, is
   * brought into view when focused, shows a black-and-white ring (3:1 or more against any
   * fill) and closes its tooltip with Escape. */
  function focusable(map, layer, sentence) {
    layer.bindTooltip(function () { return el("div", "dspt-label", sentence); }, { sticky: true });
    layer.on("add", function () {
      var node = layer.getElement && layer.getElement();
      if (!node) { return; }
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "img");
      node.setAttribute("aria-label", sentence);
      node.addEventListener("focus", function () {
        var centre = layer.getCenter ? layer.getCenter() : layer.getLatLng();
        if (!map.getBounds().contains(centre)) { map.panTo(centre, { animate: false }); }
        map.dsptRing.show(layer);
        layer.openTooltip(centre);
      });
      node.addEventListener("blur", function () { map.dsptRing.hide(); layer.closeTooltip(); });
      node.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { layer.closeTooltip(); }
      });
    });
    /* Leaflet points the shape at its tooltip (aria-describedby), which says the name a
     * second time, and leaves the reference behind when the tooltip closes: dropped. */
    layer.on("tooltipopen tooltipclose", function () {
      var node = layer.getElement && layer.getElement();
      if (node) { node.removeAttribute("aria-describedby"); }
    });
  }

  /* The focus ring: the focused shape outlined in white, then black, above everything. */
  function focusRing(map) {
    map.createPane("dspt-focus").style.zIndex = 470;
    map.getPane("dspt-focus").style.pointerEvents = "none";
    var ring = L.layerGroup().addTo(map);
    return {
      show: function (layer) {
        ring.clearLayers();
        [["#ffffff", 7], ["#000000", 3]].forEach(function (stroke) {
          var options = { pane: "dspt-focus", interactive: false, fill: false, color: stroke[0],
            weight: stroke[1], className: "dspt-focus-ring" };
          if (layer.getLatLng) {
            var radius = (layer.getRadius ? layer.getRadius() : 10) + 3;
            ring.addLayer(L.circleMarker(layer.getLatLng(), L.extend({ radius: radius }, options)));
          } else {
            ring.addLayer(L.geoJSON(layer.feature, { style: function () { return options; } }));
          }
        });
      },
      hide: function () { ring.clearLayers(); }
    };
  }

  /* By name, so Tab moves through a map's shapes in an order a reader can follow. */
  function byName(collection) {
    var sorted = collection.features.slice().sort(function (a, b) {
      return String(a.properties.name || a.properties.code).localeCompare(String(b.properties.name || b.properties.code));
    });
    return { type: "FeatureCollection", features: sorted };
  }

  /* A map's controls come before its shapes for the keyboard (Leaflet puts them after). */
  function controlsFirst(map) {
    var container = map.getContainer();
    container.insertBefore(container.querySelector(".leaflet-control-container"), container.firstChild);
  }

  function baseMap(id) {
    var map = L.map(id, { zoomSnap: 0.25, attributionControl: true, scrollWheelZoom: false });
    map.attributionControl.setPrefix("");
    map.attributionControl.addAttribution(data.credit.replace(/[<>&]/g, ""));
    if (data.basemap) {
      L.tileLayer(data.basemap.url, { attribution: data.basemap.attribution.replace(/[<>&]/g, "") }).addTo(map);
    }
    map.dsptRing = focusRing(map);
    return map;
  }

  function fit(map, layer) {
    var bounds = layer.getBounds();
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10] }); } else { map.setView([53, -1.5], 6); }
  }

  function outline(collection, colour, weight, className, pane) {
    return L.geoJSON(collection, {
      interactive: false, pane: pane,
      style: function () { return { color: colour, weight: weight, fill: false, className: className }; }
    });
  }

  /* Boundaries and points draw above the areas whatever order the layers are switched on in. */
  function panes(map) {
    map.createPane("dspt-boundaries").style.zIndex = 420;
    map.getPane("dspt-boundaries").style.pointerEvents = "none";
    map.createPane("dspt-points").style.zIndex = 450;
  }

  var layers = data.layers;
  var maps = {};

  /* Map 1: individual compliance. */
  (function () {
    var map = baseMap("map-individual");
    panes(map);
    var commissioners = L.geoJSON(byName(layers.commissioners), {
      style: function (f) {
        return {
          color: data.outlines.area, weight: 0.6, fillOpacity: 0.6, className: "dspt-commissioner",
          fillColor: statusColour[f.properties.status] || data.noStatus.colour
        };
      },
      onEachFeature: function (f, layer) { focusable(map, layer, organisationSentence(f.properties)); }
    }).addTo(map);
    var ics = outline(layers.ics, data.outlines.ics, 1.6, "dspt-ics-boundary", "dspt-boundaries");
    var trusts = L.geoJSON(byName(layers.trusts), {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, {
          radius: 5, color: "#1a1a1a", weight: 1, fillOpacity: 1, className: "dspt-trust", pane: "dspt-points",
          fillColor: statusColour[f.properties.status] || data.noStatus.colour
        });
      },
      onEachFeature: function (f, layer) { focusable(map, layer, organisationSentence(f.properties)); }
    });
    L.control.layers(null, { "Commissioners": commissioners, "ICS boundaries": ics, "Trusts": trusts },
      { collapsed: false }).addTo(map);
    var items = data.statuses.concat([data.noStatus]);
    legend(map, "bottomleft", "Commissioner status", items, "area");
    legend(map, "bottomright", "Trust status", items, "point");
    controlsFirst(map);
    fit(map, commissioners);
    maps.individual = { map: map, commissioners: commissioners, ics: ics, trusts: trusts };
  })();

  /* Map 2: ICSs shaded by population, with a pie chart of their trusts' statuses. */
  function populationColour(value) {
    var classes = data.population.classes;
    if (typeof value !== "number") { return "#ffffff"; }
    for (var i = 0; i < classes.length; i++) {
      if (value <= classes[i].upper) { return classes[i].colour; }
    }
    return classes.length ? classes[classes.length - 1].colour : "#ffffff";
  }

  function pie(counts, total, size) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", size); svg.setAttribute("height", size);
    svg.setAttribute("viewBox", "-1 -1 2 2");
    var angle = -Math.PI / 2;
    data.statuses.forEach(function (s) {
      var n = counts[s.field] || 0;
      if (!n) { return; }
      var shape;
      if (n === total) {
        shape = document.createElementNS(ns, "circle");
        shape.setAttribute("r", "0.95");
      } else {
        var next = angle + 2 * Math.PI * n / total;
        var large = (next - angle) > Math.PI ? 1 : 0;
        shape = document.createElementNS(ns, "path");
        shape.setAttribute("d", "M0 0 L" + (0.95 * Math.cos(angle)) + " " + (0.95 * Math.sin(angle)) +
          " A0.95 0.95 0 " + large + " 1 " + (0.95 * Math.cos(next)) + " " + (0.95 * Math.sin(next)) + " Z");
        angle = next;
      }
      shape.setAttribute("fill", s.colour);
      shape.setAttribute("stroke", "#1a1a1a");
      shape.setAttribute("stroke-width", "0.04");
      svg.appendChild(shape);
    });
    return svg;
  }

  (function () {
    var map = baseMap("map-proportions");
    var maxTrusts = 1;
    layers.ics.features.forEach(function (f) { maxTrusts = Math.max(maxTrusts, f.properties.n_trusts || 0); });
    var areas = L.geoJSON(byName(layers.ics), {
      style: function (f) {
        return { color: data.outlines.ics, weight: 1.4, fillOpacity: 0.9, className: "dspt-ics-population",
          fillColor: populationColour(f.properties.population) };
      },
      onEachFeature: function (f, layer) { focusable(map, layer, populationSentence(f.properties)); }
    }).addTo(map);
    var pies = L.layerGroup();
    byName(layers.ics).features.forEach(function (f) {
      var p = f.properties;
      if (!p.n_trusts || !p.label) { return; }
      var size = Math.round(12 + 26 * Math.sqrt(p.n_trusts / maxTrusts));
      var holder = el("div", "dspt-pie");
      holder.appendChild(pie(p, p.n_trusts, size));
      var marker = L.marker([p.label[1], p.label[0]], {
        icon: L.divIcon({ html: holder, className: "dspt-pie-icon", iconSize: [size, size] }),
        keyboard: true, title: ""
      });
      focusable(map, marker, pieSentence(p));
      pies.addLayer(marker);
    });
    pies.addTo(map);
    L.control.layers(null, { "ICS population": areas, "Trust status pies": pies }, { collapsed: false }).addTo(map);
    legend(map, "bottomleft", data.population.label, data.population.classes, "area");
    legend(map, "bottomright", "Trusts (pies)", data.statuses, "point");
    controlsFirst(map);
    fit(map, areas);
    maps.proportions = { map: map, areas: areas, pies: pies };
  })();

  /* Map 3: the ICS composite score, with NHS England regions. */
  function compositeColour(value) {
    var classes = data.compositeClasses;
    if (typeof value !== "number") { return "#d9d9d9"; }
    for (var i = 0; i < classes.length; i++) {
      if (value <= classes[i].upper) { return classes[i].colour; }
    }
    return classes[classes.length - 1].colour;
  }

  (function () {
    var map = baseMap("map-composite");
    panes(map);
    var areas = L.geoJSON(byName(layers.ics), {
      style: function (f) {
        return { color: data.outlines.area, weight: 0.8, fillOpacity: 0.9, className: "dspt-ics-composite",
          fillColor: compositeColour(f.properties.composite_score) };
      },
      onEachFeature: function (f, layer) { focusable(map, layer, compositeSentence(f.properties)); }
    }).addTo(map);
    var overlays = { "ICS composite": areas };
    if (layers.regions) {
      overlays["NHS England regions"] = outline(layers.regions, data.outlines.region, 2.5, "dspt-region",
        "dspt-boundaries").addTo(map);
    }
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    legend(map, "bottomright", "ICS composite score",
      data.compositeClasses.concat([{ label: "No composite", colour: "#d9d9d9" }]), "area");
    controlsFirst(map);
    fit(map, areas);
    maps.composite = { map: map, areas: areas };
  })();

  /* Every table of the page sorts by any column. */
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      th.querySelector("button").addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.getAttribute("data-type") === "number";
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var u = numeric ? x.getAttribute("data-sort") : x.textContent;
          var v = numeric ? y.getAttribute("data-sort") : y.textContent;
          if (numeric) {
            u = u === "" ? -Infinity : parseFloat(u);
            v = v === "" ? -Infinity : parseFloat(v);
            return ascending ? u - v : v - u;
          }
          return ascending ? u.localeCompare(v) : v.localeCompare(u);
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      });
    });
  });

  /* A link to a map's table opens it (a closed details element) before moving there. */
  document.querySelectorAll("a.table-link").forEach(function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) { target.open = true; }
    });
  });

  window.dsptReport = maps; /* for the page's own tests */
})();
