// The Pipes docs site: one page, routed by the URL's hash, drawn from window.PIPES_DOCS (data.js).
// Text from the bundle only ever reaches the page as text nodes (never innerHTML), whatever it holds.
(function () {
  'use strict';
  const D = window.PIPES_DOCS;
  const main = document.getElementById('main');
  const view = (window.pipesDocsView = {}); // what the page drew, for the browser tests
  const KIND_COLORS = {
    source: '#8d6e63', seed: '#7cb342', model: '#1e88e5', identity: '#8e24aa',
    property: '#f4511e', push: '#00897b', test: '#9e9e9e',
  };
  const TYPE_COLORS = ['#1e88e5', '#e53935', '#43a047', '#fb8c00', '#8e24aa', '#00acc1', '#6d4c41', '#546e7a'];

  // ---------- small DOM helpers ----------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'onclick' || k === 'onkeydown' || k === 'onsubmit') e[k] = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  const num = (n) => (n === null || n === undefined ? '' : Number(n).toLocaleString('en-US'));
  const text = (v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  function table(headers, rows, attrs, foot) {
    const numeric = headers.map((h) => h.startsWith('#'));
    return el('table', attrs,
      el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { class: numeric[i] ? 'num' : null }, h.replace(/^#/, ''))))),
      el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => el('td', { class: numeric[i] ? 'num' : null }, c instanceof Node ? c : numeric[i] ? num(c) : text(c)))))),
      foot ? el('tfoot', {}, el('tr', {}, foot.map((c, i) => el('td', { class: numeric[i] ? 'num' : null }, numeric[i] && typeof c === 'number' ? num(c) : text(c))))) : null);
  }
  // Children for replaceChildren: nested lists flattened, nothing for null or false.
  const show = (...items) => items.flat(4).filter((c) => c !== null && c !== undefined && c !== false);
  const nodeLink = (id) => el('a', { href: '#/node/' + encodeURIComponent(id) }, id);
  const profileLink = (type, value) => el('a', { href: '#/profiles/' + encodeURIComponent(type + ':' + value) }, type + ':' + value);
  function missing(section, what) {
    if (!section) return el('p', { class: 'muted' }, 'No ' + what + ' in this site: the target was not read (see the note above).');
    if (section.missing) return el('p', { class: 'error' }, 'Not built yet: the target has no ' + section.missing + '. Run pipes build, then pipes docs generate.');
    return null;
  }

  // ---------- the CLI's selector grammar (src/Pipes.Core/Plan/SelectorParser.cs, Planner.cs), all of it ----------
  const TERM = /^(\+)?(?:([a-z_]+):)?([^+:\s]+)(\+)?$/;
  const METHODS = ['name', 'tag', 'path', 'source', 'resource_type'];
  const nodes = D.project.nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  function walk(id, next) {
    const seen = new Set(); const stack = [...next(byId.get(id))];
    while (stack.length) { const n = stack.pop(); if (seen.has(n)) continue; seen.add(n); stack.push(...next(byId.get(n))); }
    return seen;
  }
  function matches(n, method, value) {
    switch (method) {
      case 'tag': return n.tags.includes(value);
      case 'path': return n.path === value || n.path.startsWith(value.replace(/\/+$/, '') + '/');
      case 'source': return n.kind === 'source' && (n.name === value || n.name.startsWith(value + '.'));
      case 'resource_type': return n.kind === value.toLowerCase();
      default: return n.name === value;
    }
  }
  function resolve(text, option, errors) {
    const ids = new Set();
    for (const term of text.split(' ').filter((t) => t.length > 0)) {
      const m = TERM.exec(term);
      if (!m) { errors.push(option + " '" + term + "' is not a selector"); continue; }
      const method = m[2] || 'name';
      if (!METHODS.includes(method)) { errors.push(option + " '" + term + "' uses unknown method '" + method + "'"); continue; }
      const found = nodes.filter((n) => matches(n, method, m[3]));
      if (found.length === 0) { errors.push(option + " '" + term + "' matches nothing"); continue; }
      for (const n of found) {
        ids.add(n.id);
        if (m[1]) walk(n.id, (x) => x.depends_on).forEach((a) => ids.add(a));
        if (m[4]) walk(n.id, (x) => x.children).forEach((d) => ids.add(d));
      }
    }
    return ids;
  }
  // Returns the chosen ids (sources included, as the graph shows them) or the errors; pipes ls lists the executable ones.
  function select(selectText, excludeText) {
    const errors = [];
    const chosen = selectText.trim() === '' ? new Set(nodes.map((n) => n.id)) : resolve(selectText, '--select', errors);
    resolve(excludeText, '--exclude', errors).forEach((id) => chosen.delete(id));
    return { chosen, errors };
  }
  view.select = select;

  // ---------- pages ----------
  function projectPage(params) {
    const sel = params.get('select') || '';
    const exc = params.get('exclude') || '';
    const selectBox = el('input', { type: 'text', id: 'select', placeholder: 'select: name +name name+ tag:x path:dir source:x resource_type:model', value: sel });
    const excludeBox = el('input', { type: 'text', id: 'exclude', placeholder: 'exclude (same syntax)', value: exc });
    const apply = () => { location.hash = '#/?select=' + encodeURIComponent(selectBox.value) + '&exclude=' + encodeURIComponent(excludeBox.value); };
    const onkeydown = (e) => { if (e.key === 'Enter') apply(); };
    selectBox.onkeydown = onkeydown; excludeBox.onkeydown = onkeydown;
    const { chosen, errors } = select(sel, exc);
    const ordered = nodes.filter((n) => n.executable && chosen.has(n.id));
    const status = errors.length
      ? el('p', { id: 'dag-status', class: 'error' }, errors.join('; '))
      : el('p', { id: 'dag-status' }, chosen.size + ' of ' + nodes.length + ' nodes selected (' + ordered.length + ' to run)');
    const graph = el('div', { id: 'dag', class: 'graph' });
    main.replaceChildren(...show(
      el('h1', {}, D.project.name + ': the project'),
      el('div', { class: 'controls' }, selectBox, excludeBox, el('button', { id: 'apply', onclick: apply }, 'Select'),
        el('span', { class: 'muted' }, 'The CLI\'s selector syntax: space-separated terms are a union; a + before a term adds its parents, after it its children.')),
      status,
      el('div', { class: 'legend' }, Object.entries(KIND_COLORS).map(([k, c]) => el('span', {}, el('i', { style: 'background:' + c }), k))),
      graph,
      el('h2', {}, 'Selected nodes in run order (as pipes ls prints them)'),
      el('ol', { id: 'selection-list' }, ordered.map((n) => el('li', {}, nodeLink(n.id), ' ', el('span', { class: 'muted' }, n.kind))))));
    const elements = nodes.map((n) => ({ data: { id: n.id, label: n.name, kind: n.kind }, classes: errors.length || chosen.has(n.id) ? 'chosen' : 'faded' }))
      .concat(nodes.flatMap((n) => n.depends_on.filter((p) => byId.has(p)).map((p) => ({ data: { id: p + '->' + n.id, source: p, target: n.id } }))));
    view.cy = cytoscape({
      container: graph, elements,
      layout: { name: 'dagre', rankDir: 'LR', nodeSep: 12, rankSep: 70, animate: false },
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'background-color': (e) => KIND_COLORS[e.data('kind')] || '#999', width: 14, height: 14, 'text-valign': 'bottom', 'text-margin-y': 3 } },
        { selector: 'edge', style: { width: 1, 'line-color': '#b8c0cc', 'target-arrow-color': '#b8c0cc', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'arrow-scale': 0.7 } },
        { selector: 'node.faded', style: { opacity: 0.2 } },
      ],
    });
    view.cy.on('tap', 'node', (e) => { location.hash = '#/node/' + encodeURIComponent(e.target.id()); });
  }

  function nodePage(id) {
    const n = byId.get(id);
    if (!n) { main.replaceChildren(...show(el('h1', {}, 'No node ' + id), el('p', {}, el('a', { href: '#/' }, 'Back to the project')))); return; }
    const run = n.last_run;
    const sections = [
      el('h1', {}, n.id),
      el('p', {}, el('span', { class: 'badge' }, n.kind), n.materialized ? el('span', { class: 'badge' }, n.materialized) : null,
        n.tags.map((t) => el('a', { class: 'badge', href: '#/?select=' + encodeURIComponent('tag:' + t) }, 'tag:' + t))),
      el('p', { id: 'node-description' }, n.description || el('span', { class: 'muted' }, 'No description.')),
      el('p', {}, 'File: ', el('code', {}, n.path), n.relation ? [' · relation ', el('code', {}, n.relation), n.relation_found ? '' : ' (not found in the target)'] : null),
      el('h2', {}, 'Last run'),
      run ? table(['status', '#seconds', '#rows', 'message'], [[el('span', { class: 'badge status-' + run.status }, run.status), run.execution_time,
        run.adapter_response ? run.adapter_response.rows_affected : '', run.message || '']], { id: 'last-run' })
        : el('p', { class: 'muted' }, 'Not in the last run_results.json.'),
      el('h2', {}, 'Columns'),
      n.columns.length ? table(['name', 'type', 'description'], n.columns.map((c) => [c.name, c.type || '', c.description || '']), { id: 'columns' })
        : el('p', { class: 'muted' }, 'No columns known (declare them in YAML, or build the node).'),
      el('h2', {}, 'Depends on'), n.depends_on.length ? el('ul', {}, n.depends_on.map((p) => el('li', {}, nodeLink(p)))) : el('p', { class: 'muted' }, 'Nothing.'),
      el('h2', {}, 'Used by'), n.children.filter((c) => byId.get(c).kind !== 'test').length
        ? el('ul', {}, n.children.filter((c) => byId.get(c).kind !== 'test').map((c) => el('li', {}, nodeLink(c)))) : el('p', { class: 'muted' }, 'Nothing.'),
      el('h2', {}, 'Tests'),
      n.tests.length ? table(['test', 'last status', 'message'], n.tests.map((t) => {
        const r = byId.get(t).last_run;
        return [nodeLink(t), r ? el('span', { class: 'badge status-' + r.status }, r.status) : '', r ? r.message || '' : ''];
      }), { id: 'tests' }) : el('p', { class: 'muted' }, 'No tests.'),
    ];
    const targets = Object.keys(n.compiled);
    sections.push(el('h2', {}, 'Compiled SQL'));
    if (targets.length === 0) sections.push(el('p', { class: 'muted' }, n.executable ? 'Not compiled.' : 'A source is read, not built: no SQL.'));
    for (const t of targets) sections.push(el('h3', {}, 'target ' + t), el('pre', { class: 'compiled-sql', 'data-target': t }, n.compiled[t]));
    for (const [t, err] of Object.entries(D.project.target_errors || {})) sections.push(el('p', { class: 'error' }, 'target ' + t + ' did not compile: ' + err));
    if (n.source_text) sections.push(el('h2', {}, 'Source (' + n.path + ')'), el('pre', { class: 'source-sql' }, n.source_text));
    main.replaceChildren(...show(...sections));
  }

  function identityPage() {
    const I = D.identity;
    const gone = missing(I, 'identity');
    if (!I) { main.replaceChildren(...show(el('h1', {}, 'Identity'), gone)); return; }
    const rules = [el('h1', {}, 'Identity'), el('h2', {}, 'The rules'),
      el('ul', { id: 'rules' }, I.rules.types.map((t) => el('li', {}, t.words))), el('p', {}, I.rules.global), el('p', {}, I.rules.amplitude)];
    if (gone) { main.replaceChildren(...show(...rules, gone)); return; }
    const cap = (list) => (list.length >= I.list_cap ? el('p', { class: 'muted' }, 'The first ' + I.list_cap + ' rows are shown; the table in the target has them all.') : null);
    const card = (label, value, id) => el('div', { class: 'card' }, el('div', { class: 'value', id }, num(value)), el('div', { class: 'label' }, label));
    const totalBySize = I.profile_sizes.reduce((s, r) => s + r.profiles, 0);
    const canvas = el('canvas', { id: 'histogram' });
    const history = I.history
      ? [table(['run', 'started', 'event', '#events', '#identifiers'], I.history.runs.map((r) => [r.run_id, r.run_at, r.event, r.events, r.identifiers]), { id: 'history-runs' }),
        el('h3', {}, 'Latest events'),
        table(['at', 'event', 'old profile', 'new profile', '#identifiers'], I.history.latest.map((h) => [h.run_at, h.event,
          h.old_profile_id ? h.old_profile_id + (h.old_canonical ? ' (' + h.old_canonical + ')' : '') : '–',
          h.new_profile_id ? h.new_profile_id + (h.new_canonical ? ' (' + h.new_canonical + ')' : '') : '–', h.identifiers])), cap(I.history.latest)]
      : [el('p', { class: 'muted' }, 'No pipes_id_history table in the target (built by a Pipes without history).')];
    main.replaceChildren(...show(...rules,
      el('h2', {}, 'The last run'),
      el('div', { class: 'cards' }, card('profiles', I.profiles, 'fig-profiles'), card('identifiers', I.identifiers, 'fig-identifiers'), card('edges', I.edges, 'fig-edges'),
        card('refused edges', I.refused_edges, 'fig-refused'), card('shared identifiers', I.shared_identifiers, 'fig-shared'),
        card('observations', I.observations, 'fig-observations'), card('rounds', I.rounds.length, 'fig-rounds')),
      el('div', { class: 'two' },
        el('div', {}, el('h2', {}, 'Profile sizes (identifiers per profile)'), el('div', { class: 'chart-box' }, canvas)),
        el('div', {}, el('h2', {}, 'Sizes as a table'),
          table(['#identifiers', '#profiles'], I.profile_sizes.map((r) => [r.identifiers, r.profiles]), { id: 'histogram-table' }, ['total', totalBySize])),
        el('div', {}, el('h2', {}, 'Identifiers per type'),
          table(['type', '#identifiers'], I.identifiers_by_type.map((r) => [r.id_type, r.identifiers]), { id: 'identifiers-by-type' }))),
      el('h2', {}, 'Largest profiles'),
      table(['profile', 'canonical', '#identifiers'], I.largest_profiles.map((p) => [p.profile_id, profileLink(p.canonical_type, p.canonical_value), p.identifiers]), { id: 'largest' }), cap(I.largest_profiles),
      el('h2', {}, 'Shared (over-connected) identifiers'),
      I.shared.length ? table(['identifier', 'linked type', '#links'], I.shared.map((s) => [s.id_type + ':' + s.id_value, s.linked_type, s.link_count]), { id: 'shared' })
        : el('p', { class: 'muted' }, 'None: no identifier went over its max_links.'), cap(I.shared),
      el('h2', {}, 'Refused edges, by the limit they broke'),
      table(['limit', '#edges'], I.refused_by_limit.map((r) => [r.limit_type, r.edges]), { id: 'refused-by-limit' }),
      I.refused_samples.length ? table(['from', 'to', 'limit', 'first seen'], I.refused_samples.map((r) => [r.from_type + ':' + r.from_value, r.to_type + ':' + r.to_value, r.limit_type, r.first_seen])) : null,
      cap(I.refused_samples),
      el('h2', {}, 'Invalid observations, by type and reason'),
      table(['type', 'reason', '#observations', 'samples'], I.invalid.map((r) => [r.id_type, r.reason, r.observations, (r.samples || []).join(', ')]), { id: 'invalid' }),
      el('h2', {}, 'Rounds'),
      table(['round', '#changed labels'], I.rounds.map((r) => [r.round_no, r.changed_labels]), { id: 'rounds' }),
      el('h2', {}, 'History (merges, splits, re-keys)'), ...history));
    view.histogram = new Chart(canvas, {
      type: 'bar',
      data: { labels: I.profile_sizes.map((r) => String(r.identifiers)), datasets: [{ label: 'profiles', data: I.profile_sizes.map((r) => r.profiles), backgroundColor: '#5c8fd6' }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } },
        scales: { x: { title: { display: true, text: 'identifiers in the profile' } }, y: { title: { display: true, text: 'profiles' }, beginAtZero: true } } },
    });
  }

  // Members by "type:value", and by the same ignoring case and surrounding spaces (the browser does not run the
  // types' other normalisers; pipes explain does).
  let index = null;
  function lookup(query) {
    const P = D.profiles;
    if (!index) {
      index = { exact: new Map(), loose: new Map() };
      for (const p of P.profiles) for (const m of p.members) {
        index.exact.set(m.type + ':' + m.value, p);
        index.loose.set(m.type + ':' + m.value.trim().toLowerCase(), p);
      }
    }
    const colon = query.indexOf(':');
    const type = colon > 0 ? query.slice(0, colon) : '';
    const value = colon > 0 ? query.slice(colon + 1).trim() : '';
    const types = D.identity.rules.types.map((t) => t.name);
    if (!types.includes(type) || value === '') return { error: "'" + query + "' is not <type>:<value> with a declared id type (" + types.join(', ') + ')' };
    const p = index.exact.get(type + ':' + value) || index.loose.get(type + ':' + value.toLowerCase());
    return { profile: p, type, value };
  }

  function profilesPage(query) {
    const P = D.profiles;
    const gone = missing(P, 'profiles');
    const box = el('input', { type: 'text', id: 'profile-search', placeholder: 'type:value, e.g. email:ann@example.com', value: query || '' });
    const go = () => { location.hash = '#/profiles/' + encodeURIComponent(box.value.trim()); };
    box.onkeydown = (e) => { if (e.key === 'Enter') go(); };
    const head = [el('h1', {}, 'Profile explorer'), el('div', { class: 'controls' }, box, el('button', { id: 'search', onclick: go }, 'Explain'))];
    if (gone || !P) { main.replaceChildren(...show(...head, gone)); return; }
    head.push(el('p', { class: 'muted', id: 'profiles-scope' }, P.included < P.total
      ? 'This site holds the ' + num(P.included) + ' largest of ' + num(P.total) + ' profiles (' + num(P.total - P.included) + ' left out: raise --max-profiles, or use pipes explain).'
      : 'This site holds all ' + num(P.included) + ' profiles.'));
    if (!query) {
      main.replaceChildren(...show(...head, el('h2', {}, 'Try'), el('ul', {}, P.profiles.slice(0, 8).map((p) => el('li', {}, profileLink(p.canonical_type, p.canonical_value), ' ', el('span', { class: 'muted' }, num(p.identifiers) + ' identifiers'))))));
      return;
    }
    const found = lookup(query);
    if (found.error) { main.replaceChildren(...show(...head, el('p', { class: 'error', id: 'profile-result' }, found.error))); return; }
    const p = found.profile;
    if (!p) {
      main.replaceChildren(...show(...head, el('p', { id: 'profile-result' }, query + ' is in none of the ' + num(P.included) + ' profiles in this site' +
        (P.included < P.total ? ' (the site holds the largest profiles only)' : '') + '. Its observations may have been dropped: see Invalid observations on the Identity page, or run pipes explain ' + query + '.')));
      return;
    }
    const types = D.identity.rules.types.map((t) => t.name);
    const color = (t) => TYPE_COLORS[types.indexOf(t) % TYPE_COLORS.length];
    const memberKeys = new Set(p.members.map((m) => m.key));
    const byKey = new Map(p.members.map((m) => [m.key, m]));
    const label = (k) => (byKey.has(k) ? byKey.get(k).type + ':' + byKey.get(k).value : String(k));
    const outside = new Map();
    for (const r of p.refused) {
      if (!memberKeys.has(r.from)) outside.set(r.from, r.from_type + ':' + r.from_value);
      if (!memberKeys.has(r.to)) outside.set(r.to, r.to_type + ':' + r.to_value);
    }
    const graph = el('div', { id: 'profile-graph', class: 'graph' });
    const shared = new Set(p.shared.map((s) => s.id_type + ':' + s.id_value));
    main.replaceChildren(...show(...head,
      el('p', { id: 'profile-result' }, found.type + ':' + found.value + ' is in profile ', el('b', { id: 'profile-id' }, p.profile_id),
        ' (canonical ' + p.canonical_type + ':' + p.canonical_value + '), ' + num(p.identifiers) + ' identifiers.'),
      el('div', { class: 'legend' }, types.map((t) => el('span', {}, el('i', { style: 'background:' + color(t) }), t)),
        el('span', {}, el('i', { style: 'background:#fff;border:2px dashed #d32f2f' }), 'refused link (to an identifier of another profile)')),
      graph,
      el('h2', {}, 'Identifiers'),
      table(['identifier', 'first seen', 'last seen', '#observations'], p.members.map((m) => [m.type + ':' + m.value + (shared.has(m.type + ':' + m.value) ? ' (over-connected)' : ''), m.first_seen, m.last_seen, m.observations]), { id: 'members' }),
      el('h2', {}, 'Links that joined them (the earliest source row behind each)'),
      table(['from', 'to', 'source', 'row', 'observed at', '#rows behind'], p.links.map((l) => [label(l.from), label(l.to), l.source || '', l.row, l.observed_at, l.rows_behind]), { id: 'links' }),
      el('h2', {}, 'Refused links'),
      p.refused.length ? table(['from', 'to', 'limit it broke', 'first seen'], p.refused.map((r) => [r.from_type + ':' + r.from_value, r.to_type + ':' + r.to_value, r.limit_type, r.first_seen]), { id: 'refused' })
        : el('p', { class: 'muted' }, 'None.'),
      p.shared.length ? [el('h2', {}, 'Over-connected members'), table(['identifier', 'linked type', '#links'], p.shared.map((s) => [s.id_type + ':' + s.id_value, s.linked_type, s.link_count]))] : null,
      el('h2', {}, 'Properties as pushed'),
      Object.keys(p.pushed).length ? Object.entries(p.pushed).map(([dest, row]) => [el('h3', {}, dest + ' (user_id ' + (row.user_id || '–') + ', device_id ' + (row.device_id || '–') + ')'),
        table(['property', 'value'], Object.entries(row.properties || {}).map(([k, v]) => [k, text(v)]), { class: 'pushed' })])
        : el('p', { class: 'muted' }, 'Not in any push relation (no destination holds this profile).')));
    const elements = p.members.map((m) => ({ data: { id: 'n' + m.key, label: m.type + ':' + m.value, color: color(m.type), ring: 2 } }))
      .concat([...outside].map(([k, l]) => ({ data: { id: 'n' + k, label: l, color: '#bdbdbd', ring: 1 }, classes: 'outside' })))
      .concat(p.links.map((l, i) => ({ data: { id: 'l' + i, source: 'n' + l.from, target: 'n' + l.to, label: (l.source || '') + ' row ' + l.row } })))
      .concat(p.refused.map((r, i) => ({ data: { id: 'r' + i, source: 'n' + r.from, target: 'n' + r.to, label: 'refused: ' + r.limit_type + ' limit' }, classes: 'refused' })));
    view.profileCy = cytoscape({
      container: graph, elements,
      // Members in the middle, the other profiles' identifiers that refused links point to on an outer ring: drawn apart.
      layout: { name: 'concentric', concentric: (n) => n.data('ring'), levelWidth: () => 1, minNodeSpacing: 70, animate: false },
      style: [
        { selector: 'node', style: { label: 'data(label)', 'background-color': 'data(color)', 'font-size': 10, width: 18, height: 18, 'text-valign': 'bottom', 'text-margin-y': 3 } },
        { selector: 'node.outside', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': '#d32f2f' } },
        { selector: 'edge', style: { width: 2, 'line-color': '#90a4ae', 'font-size': 9, color: '#37474f', 'text-rotation': 'autorotate', 'curve-style': 'bezier', 'text-background-color': '#fff', 'text-background-opacity': 0.8 } },
        // An edge's source row (or the limit a refused one broke) shows when it is hovered or tapped; the tables below list them all.
        { selector: 'edge.hover, edge:selected', style: { label: 'data(label)', width: 4 } },
        { selector: 'edge.refused', style: { 'line-color': '#d32f2f', 'line-style': 'dashed', color: '#d32f2f' } },
      ],
    });
    view.profileCy.on('mouseover', 'edge', (e) => e.target.addClass('hover'));
    view.profileCy.on('mouseout', 'edge', (e) => e.target.removeClass('hover'));
  }

  function deliveryPage() {
    const X = D.delivery;
    if (!X) { main.replaceChildren(...show(el('h1', {}, 'Delivery'), missing(X, 'delivery'))); return; }
    const parts = [el('h1', {}, 'Delivery')];
    if (X.destinations.length === 0) parts.push(el('p', { class: 'muted' }, 'The project has no destinations.'));
    for (const d of X.destinations) {
      parts.push(el('h2', {}, d.name + ' ', el('span', { class: 'badge' }, d.type), el('span', { class: 'badge' }, 'mode ' + d.mode), d.dry_run ? el('span', { class: 'badge' }, 'dry run') : null));
      const counts = d.last_run_counts;
      parts.push(counts ? [el('p', {}, 'The last run (run_results.json):'), table(Object.keys(counts).map((k) => '#' + k), [Object.values(counts)], { class: 'push-counts', 'data-destination': d.name })]
        : el('p', { class: 'muted' }, 'Not in the last run_results.json.'));
      if (d.type === 'amplitude') {
        parts.push(d.last_push_log.length
          ? [el('p', {}, 'Last push run ' + d.last_push_log[0].run_id + ', per outcome and reason (pipes_push_log):'),
            table(['outcome', 'reason', '#events', 'first', 'last'], d.last_push_log.map((r) => [r.outcome, r.reason, r.events, r.first_at, r.last_at]), { class: 'push-log' })]
          : el('p', { class: 'muted' }, X.push_log_found ? 'No event of this destination in pipes_push_log (a dry run sends and logs nothing).' : 'No pipes_push_log in the target: nothing was pushed yet.'));
        if (d.state.length) parts.push(el('p', {}, 'Profiles by last outcome (pipes_push_state):'),
          table(['last outcome', '#profiles', '#uncertain', 'last pushed'], d.state.map((r) => [r.last_outcome, r.profiles, r.uncertain, r.last_pushed_at])));
      } else {
        parts.push(d.skipped ? (d.skipped.length ? [el('p', {}, 'Left out of ' + d.table + ', by reason:'), table(['reason', '#rows'], d.skipped.map((r) => [r.reason, r.rows]), { class: 'skipped' })]
          : el('p', {}, 'Nothing left out of ' + d.table + '.')) : el('p', { class: 'muted' }, 'No ' + d.table + '_skipped in the target.'));
      }
    }
    parts.push(el('h2', {}, 'Property rejects'));
    if (X.missing) parts.push(el('p', { class: 'error' }, 'Not built yet: the target has no ' + X.missing + '.'));
    else {
      const total = X.rejects.reduce((s, r) => s + r.values, 0);
      parts.push(X.rejects.length ? table(['model', 'column', 'reason', 'expected type', '#values', 'samples (key → raw value)'],
        X.rejects.map((r) => [r.model, r.column, r.reason, r.expected_type, r.values, r.samples.map((s) => s.key_value + ' → ' + s.raw_value).join('; ')]), { id: 'rejects' }, ['total', '', '', '', total, ''])
        : el('p', {}, 'No value was rejected.'));
      parts.push(el('h2', {}, 'Rows whose key resolves to no profile'),
        X.unmatched.length ? table(['model', 'key type', '#rows', 'samples'], X.unmatched.map((u) => [u.model, u.key_type, u.rows, text(u.samples)]), { id: 'unmatched' }) : el('p', {}, 'None.'));
    }
    main.replaceChildren(...show(...parts));
  }

  // ---------- routing ----------
  function route() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const [path, query] = hash.split('?');
    const params = new URLSearchParams(query || '');
    let page = 'project';
    view.cy = view.profileCy = null;
    if (view.histogram) { view.histogram.destroy(); view.histogram = null; }
    if (path.startsWith('/node/')) nodePage(decodeURIComponent(path.slice(6)));
    else if (path === '/identity') { page = 'identity'; identityPage(); }
    else if (path === '/profiles' || path.startsWith('/profiles/')) { page = 'profiles'; profilesPage(path.length > 10 ? decodeURIComponent(path.slice(10)) : ''); }
    else if (path === '/delivery') { page = 'delivery'; deliveryPage(); }
    else projectPage(params);
    document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === page));
    view.page = page;
    view.ready = true;
    window.scrollTo(0, 0);
  }

  document.getElementById('title').textContent = 'Pipes · ' + D.project.name;
  document.getElementById('generated').textContent = 'target ' + D.project.target + ' · generated ' + D.generated_at + ' · pipes ' + D.pipes_version;
  const notes = document.getElementById('notes');
  for (const n of D.notes) notes.appendChild(el('div', {}, n));
  window.addEventListener('hashchange', route);
  route();
})();
