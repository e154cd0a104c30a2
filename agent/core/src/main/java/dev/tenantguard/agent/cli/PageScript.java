package dev.tenantguard.agent.cli;

/**
 * The script of the {@link HtmlReport} page: filters and sorts the call sites from the state in the URL
 * fragment, keeps the fragment in step with the controls, and redraws the timeline and the tenant matrix
 * from the call sites left visible (each row carries its share of both in {@code data-bars} and
 * {@code data-pair-counts}). It reads only {@code data-*} attributes
 * and writes only {@code textContent}, attributes and row order: no value of the file becomes markup.
 * Plain ES5 and DOM, no library. It must never contain the end of a CDATA section.
 */
final class PageScript {
    private PageScript() {
    }

    static final String SOURCE = """
            (function () {
              'use strict';
              var root = document.documentElement;
              var state = document.getElementById('page-state');
              var form = document.getElementById('filters');
              var table = document.getElementById('sites-table');
              var FILTERS = ['kind', 'family', 'action', 'tenant', 'active', 'owner', 'site'];
              var SORTS = ['count', 'kind', 'action', 'family', 'operation', 'tenants', 'site'];
              var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
              var shown = rows.length;
              var chart = document.getElementById('chart');
              var bars = Array.prototype.slice.call(document.querySelectorAll('#chart rect[data-bar]'));
              var cells = Array.prototype.slice.call(document.querySelectorAll('#tenant-matrix td[data-row]'));
              var rowTotals = Array.prototype.slice.call(document.querySelectorAll('#tenant-matrix td[data-row-total]'));
              var OTHERS = '(others)';
              var axisRows = {};
              var axisCols = {};
              cells.forEach(function (td) {
                axisRows['=' + td.getAttribute('data-row')] = true;
                axisCols['=' + td.getAttribute('data-col')] = true;
              });

              function parse(text) {
                var s = {};
                text.replace(/^#/, '').split('&').forEach(function (part) {
                  if (!part) { return; }
                  var eq = part.indexOf('=');
                  var key = eq < 0 ? part : part.slice(0, eq);
                  var value = eq < 0 ? '' : part.slice(eq + 1);
                  try {
                    s[decodeURIComponent(key)] = decodeURIComponent(value.replace(/[+]/g, ' '));
                  } catch (e) {
                    s[key] = value;
                  }
                });
                return s;
              }

              function format(s) {
                return FILTERS.concat(['sort', 'dir']).filter(function (k) { return s[k]; }).map(function (k) {
                  return encodeURIComponent(k) + '=' + encodeURIComponent(s[k]);
                }).join('&');
              }

              function fromForm() {
                var s = {};
                FILTERS.forEach(function (k) { if (form.elements[k].value) { s[k] = form.elements[k].value; } });
                var current = parse(location.hash);
                if (current.sort) { s.sort = current.sort; s.dir = current.dir; }
                return s;
              }

              function toForm(s) {
                FILTERS.forEach(function (k) {
                  var control = form.elements[k];
                  var value = s[k] || '';
                  if (control.tagName === 'SELECT' && value) {
                    var known = Array.prototype.some.call(control.options, function (o) { return o.value === value; });
                    if (!known) {
                      var option = document.createElement('option');
                      option.value = value;
                      option.textContent = value + ' (not in this file)';
                      control.appendChild(option);
                    }
                  }
                  control.value = value;
                });
                var pair = document.getElementById('pair-filter');
                pair.hidden = !(s.active || s.owner);
                document.getElementById('pair-text').textContent = (s.active || 'any') + ' -> ' + (s.owner || 'any');
              }

              function json(text) {
                try { return JSON.parse(text || '[]'); } catch (e) { return []; }
              }

              function matches(row, s) {
                var d = row.dataset;
                if (s.kind && d.kind !== s.kind) { return false; }
                if (s.family && d.family !== s.family) { return false; }
                if (s.action && d.action !== s.action) { return false; }
                if (s.tenant && json(d.tenants).indexOf(s.tenant) < 0) { return false; }
                if (s.active || s.owner) {
                  var hit = json(d.pairs).some(function (p) {
                    return (!s.active || p[0] === s.active) && (!s.owner || p[1] === s.owner);
                  });
                  if (!hit) { return false; }
                }
                if (s.site && (d.site || '').toLowerCase().indexOf(s.site.toLowerCase()) < 0) { return false; }
                return true;
              }

              function sortKey(row, key) {
                if (key === 'count') { return Number(row.dataset.count); }
                if (key === 'tenants') { return row.cells[5].textContent; }
                return row.dataset[key] || '';
              }

              function sort(s) {
                var key = SORTS.indexOf(s.sort) >= 0 ? s.sort : 'count';
                var dir = s.dir === 'asc' || (s.dir !== 'desc' && key !== 'count') ? 1 : -1;
                var order = rows.slice().sort(function (a, b) {
                  var x = sortKey(a, key);
                  var y = sortKey(b, key);
                  var c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
                  return c !== 0 ? dir * c : rows.indexOf(a) - rows.indexOf(b);
                });
                var body = table.tBodies[0];
                order.forEach(function (row) { body.appendChild(row); });
                Array.prototype.forEach.call(table.tHead.querySelectorAll('button[data-sort]'), function (b) {
                  if (b.getAttribute('data-sort') === key) {
                    b.setAttribute('data-dir', dir > 0 ? 'asc' : 'desc');
                  } else {
                    b.removeAttribute('data-dir');
                  }
                });
              }

              function apply(s) {
                if (!table) { return; }
                toForm(s);
                shown = 0;
                var visible = [];
                rows.forEach(function (row) {
                  var ok = matches(row, s);
                  row.hidden = !ok;
                  if (ok) { shown++; visible.push(row); }
                });
                sort(s);
                redraw(visible);
                document.getElementById('shown').textContent = shown === rows.length
                    ? rows.length + (rows.length === 1 ? ' call site' : ' call sites')
                    : shown + ' of ' + rows.length + ' call sites shown';
                Array.prototype.forEach.call(document.querySelectorAll('#tenant-matrix td[data-active]'), function (td) {
                  var on = (s.active || s.owner) && (!s.active || td.getAttribute('data-active') === s.active)
                      && (!s.owner || td.getAttribute('data-owner') === s.owner);
                  td.classList.toggle('active-pair', !!on);
                });
              }

              // the chart and the matrix count the call sites left visible: each row carries its share of both
              function redraw(visible) {
                var perBar = {};
                var perCell = {};
                var perRow = {};
                visible.forEach(function (row) {
                  json(row.dataset.bars).forEach(function (b) { perBar[b[0]] = (perBar[b[0]] || 0) + b[1]; });
                  json(row.dataset.pairCounts).forEach(function (p) {
                    var r = axisRows['=' + p[0]] ? p[0] : OTHERS;
                    var c = axisCols['=' + p[1]] ? p[1] : OTHERS;
                    var key = JSON.stringify([r, c]);
                    perCell[key] = (perCell[key] || 0) + p[2];
                    perRow['=' + r] = (perRow['=' + r] || 0) + p[2];
                  });
                });
                if (chart) {
                  var plot = Number(chart.getAttribute('data-plot-height'));
                  var top = 1;
                  bars.forEach(function (rect) { top = Math.max(top, perBar[rect.getAttribute('data-bar')] || 0); });
                  bars.forEach(function (rect) {
                    var n = perBar[rect.getAttribute('data-bar')] || 0;
                    var h = n ? Math.max(1, n * plot / top) : 0;
                    rect.setAttribute('y', String(10 + plot - h));
                    rect.setAttribute('height', String(h));
                    rect.setAttribute('data-count', String(n));
                    rect.querySelector('title').textContent = rect.getAttribute('data-label') + ': ' + n;
                  });
                  document.getElementById('chart-top').textContent = String(top);
                }
                var most = 1;
                cells.forEach(function (td) {
                  most = Math.max(most, perCell[JSON.stringify([td.getAttribute('data-row'), td.getAttribute('data-col')])] || 0);
                });
                cells.forEach(function (td) {
                  var n = perCell[JSON.stringify([td.getAttribute('data-row'), td.getAttribute('data-col')])] || 0;
                  (td.querySelector('a') || td).textContent = String(n);
                  td.classList.toggle('zero', n === 0);
                  td.classList.toggle('hot', n > 0 && n * 4 >= most);
                });
                rowTotals.forEach(function (td) {
                  td.textContent = String(perRow['=' + td.getAttribute('data-row-total')] || 0);
                });
              }

              function navigate(s) {
                var hash = format(s);
                try {
                  history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
                } catch (e) {
                  location.hash = hash;
                }
                apply(s);
                record();
              }

              function record() {
                state.setAttribute('data-rows', String(rows.length));
                state.setAttribute('data-shown', String(shown));
                state.setAttribute('data-filter', format(parse(location.hash)));
                state.setAttribute('data-order', rows.length ? Array.prototype.map.call(table.tBodies[0].rows,
                    function (r) { return r.dataset.count; }).join(' ') : '');
                state.setAttribute('data-scroll-width', String(root.scrollWidth));
                state.setAttribute('data-client-width', String(root.clientWidth));
                state.setAttribute('data-overflow', String(root.scrollWidth > root.clientWidth));
                state.setAttribute('data-errors', (window.tgErrors || []).join(' | '));
                state.setAttribute('data-ready', 'true');
              }

              if (form) {
                form.addEventListener('submit', function (e) { e.preventDefault(); });
                form.addEventListener('change', function () { navigate(fromForm()); });
                form.addEventListener('input', function () { navigate(fromForm()); });
                form.addEventListener('reset', function (e) {
                  e.preventDefault();
                  var s = parse(location.hash);
                  navigate({ sort: s.sort, dir: s.dir });
                });
                Array.prototype.forEach.call(table.tHead.querySelectorAll('button[data-sort]'), function (b) {
                  b.addEventListener('click', function () {
                    var s = parse(location.hash);
                    var key = b.getAttribute('data-sort');
                    s.dir = s.sort === key && b.getAttribute('data-dir') === 'desc' ? 'asc'
                        : s.sort === key ? 'desc' : (key === 'count' ? 'desc' : 'asc');
                    s.sort = key;
                    navigate(s);
                  });
                });
              }
              window.addEventListener('hashchange', function () { apply(parse(location.hash)); record(); });
              window.addEventListener('resize', record);
              apply(parse(location.hash));
              record();
            })();
            """;
}
