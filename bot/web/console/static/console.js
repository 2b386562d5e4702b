// linli community console: plain DOM, every word from the server's catalogue, data only as textContent.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const S = { me: null, view: null, source: null, timer: null };
  const L = (key) => (S.me && S.me.labels[key]) || key;
  const REFRESH_MS = 5000;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function toast(text) {
    if (!text) return;
    const box = $("toast");
    box.textContent = text;
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.hidden = true; }, 3500);
  }
  async function api(method, url, body) {
    const init = { method, credentials: "same-origin",
                   headers: { "X-CSRF-Token": S.me ? S.me.csrf : "", "Content-Type": "application/json" } };
    if (body) init.body = JSON.stringify(body);
    const response = await fetch(url, init);
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!response.ok) { toast(data.message || L("web.error.bad_request")); throw new Error(data.error || response.status); }
    return data;
  }
  const qs = (params) => new URLSearchParams(params).toString();
  function options(select, items, all) {
    select.replaceChildren(...(all ? [new Option(L(all), "")] : []),
      ...items.map((i) => new Option(i.label, i.value)));
  }
  function form(id) {
    const data = {};
    for (const field of $(id).elements) {
      if (!field.name) continue;
      data[field.name] = field.multiple ? Array.from(field.selectedOptions, (o) => o.value) : field.value.trim();
    }
    return data;
  }
  function chip(label, onClick, cls) {
    const b = el("button", "chip " + (cls || ""), label);
    b.type = "button";
    b.addEventListener("click", async () => { b.disabled = true; try { await onClick(); } finally { b.disabled = false; } });
    return b;
  }
  function line(...parts) {
    const p = el("div", "line");
    for (const part of parts) if (part) p.append(typeof part === "string" ? el("span", null, part) : part);
    return p;
  }
  function link(text, onClick) {
    const a = el("button", "link", text);
    a.type = "button";
    a.addEventListener("click", onClick);
    return a;
  }

  // ---- the dialogs: actions go through the web chat's /web/api/send, answers come back here --
  async function press(payload) {
    const ack = await api("POST", "/web/api/send", { chat: "private", payload, client_id: crypto.randomUUID() });
    toast(ack.toast);
    return ack;
  }
  const OPENS_DIALOG = /^(assign|reject|close|merge|recat|units):/;
  async function act(payload) {
    await press(payload);
    if (OPENS_DIALOG.test(payload)) show("chat"); else refresh();
  }
  function renderMessage(message) {
    const li = el("li", "msg " + message.kind);
    li.dataset.id = message.id;
    li.dataset.version = message.version;
    if (message.key) li.dataset.key = message.key;
    if (message.text) li.append(el("div", "text", message.text));
    if (message.options.length) {
      const chips = el("div", "chips");
      for (const o of message.options) {
        const c = chip(o.label, async () => { await press(o.value); if (S.view !== "chat") refresh(); });
        c.dataset.payload = o.value;
        chips.append(c);
      }
      li.append(chips);
    }
    return li;
  }
  function upsert(message) {
    const list = $("chat-messages");
    const old = list.querySelector(`li[data-id="${Number(message.id)}"]`);
    if (old && Number(old.dataset.version) >= message.version) return;
    const li = renderMessage(message);
    if (old) old.replaceWith(li); else list.append(li);
    li.scrollIntoView({ block: "end" });
  }
  async function loadChat() {
    const data = await api("GET", "/web/api/messages?" + qs({ chat: "private" }));
    $("chat-messages").replaceChildren();
    data.messages.forEach(upsert);
  }
  function connect() {
    if (S.source) S.source.close();
    S.source = new EventSource("/web/api/events");
    S.source.onmessage = (event) => {
      const data = JSON.parse(event.data);
      if (data.chat === "private") upsert(data.message);
      if (S.view !== "chat") schedule();
    };
  }

  // ---- pages ---------------------------------------------------------------------------------
  function requestCard(item, extra) {
    const li = el("li", "card request " + item.tone);
    li.dataset.number = item.number;
    li.dataset.status = item.status;
    li.dataset.level = item.level;
    const head = line(link(item.number, () => openTimeline(item.number)), item.status_label,
                      item.level_label, item.category_label, item.grid, item.unit);
    if (item.urgent) head.append(el("span", "urgent", L("console.urgent")));
    li.append(head, el("div", "text", item.text),
              line(L("console.deadline") + " " + item.deadline, el("span", "tone " + item.tone, L("web.tone." + item.tone)),
                   item.claimant ? L("console.claimant") + " " + item.claimant : ""));
    if (extra) li.append(extra);
    const chips = el("div", "chips");
    for (const a of item.actions) {
      const c = chip(a.label, () => act(a.payload));
      c.dataset.payload = a.payload;
      chips.append(c);
    }
    li.append(chips);
    return li;
  }
  const pages = {
    async queue() {
      const data = await api("GET", "/admin/api/queue?" + qs({ filter: $("queue-filter").value,
        grid: $("queue-grid").value, category: $("queue-category").value }));
      const list = $("queue-list");
      list.replaceChildren(...data.requests.map((i) => requestCard(i)));
      if (!data.requests.length) list.append(el("li", "hint", L("console.none")));
    },
    async needs() {
      const data = await api("GET", "/admin/api/needs");
      const list = $("needs-list");
      list.replaceChildren(...data.needs.map((need) => {
        const box = el("div", "proposals");
        if (need.project) box.append(el("span", "badge", L("console.project")));
        if (need.proposals) {
          box.append(el("h4", null, need.proposals.length ? L("console.proposals") : L("console.no_proposals")));
          for (const p of need.proposals) {
            const row = el("div", "proposal");
            row.dataset.unit = p.unit_id;
            const go = chip(L("console.dispatch_to").replace("{unit}", p.unit), () => act(`dispatch:${need.id}:${p.unit_id}`), "strong");
            go.dataset.payload = `dispatch:${need.id}:${p.unit_id}`;
            row.append(el("strong", null, p.unit), el("span", "reasons", p.reasons.join("；")), go);
            box.append(row);
          }
        }
        return requestCard(need, box);
      }));
      if (!data.needs.length) list.append(el("li", "hint", L("console.none")));
    },
    async units() {
      const data = await api("GET", "/admin/api/units");
      $("units-list").replaceChildren(...data.units.map(unitCard));
    },
    async grids() {
      const data = await api("GET", "/admin/api/grids");
      const keys = ["total", "open", "overdue", "response_rate", "resolution_rate", "satisfaction_rate"];
      const cell = (k, v) => el("td", null, k.endsWith("_rate") ? Math.round(v * 100) + "%" : v);
      const head = el("tr");
      head.append(el("th", null, L("console.grid")), el("th", null, L("console.leaders")),
                  ...keys.map((k) => el("th", null, L("web.stats." + k))));
      const rows = data.grids.map((g) => {
        const tr = el("tr");
        tr.dataset.grid = g.code;
        tr.append(el("td", null, g.name + " " + g.code), el("td", null, g.leaders), ...keys.map((k) => cell(k, g.stats[k])));
        return tr;
      });
      const total = el("tr", "total");
      total.append(el("td", null, S.me.community), el("td", null, ""), ...keys.map((k) => cell(k, data.community[k])));
      $("grids-table").replaceChildren(head, ...rows, total);
    },
    async people() {
      const [data, places] = await Promise.all([api("GET", "/admin/api/people"), api("GET", "/admin/api/buildings")]);
      options($("person-form").elements.posts, data.posts.map((p) => ({ value: p, label: p })));
      $("people-list").replaceChildren(...data.people.map(personCard));
      $("buildings-list").replaceChildren(...places.buildings.map(buildingCard));
    },
    async invites() {},
    async broadcasts() {
      const data = await api("GET", "/admin/api/broadcasts");
      const f = $("broadcast-form").elements;
      if (!f.scope.options.length) {
        options(f.scope, data.scopes);
        options(f.grids, data.grids);
        f.grids.hidden = f.scope.value !== "grids";
      }
      const fill = (key, b) => L(key).replace(/\{(\w+)\}/g, (_, name) => b[name]);
      $("broadcasts-list").replaceChildren(...data.broadcasts.map((b) => {
        const li = el("li", "card");
        li.dataset.broadcast = b.id;
        li.append(line("#" + b.id, b.at, b.scope), el("div", "text", b.text),
                  line(fill("console.broadcast.counts", b)));
        return li;
      }));
      if (!data.broadcasts.length) $("broadcasts-list").append(el("li", "hint", L("console.none")));
    },
    async unit() {
      const data = await api("GET", `/admin/api/units/${S.me.unit}/report`);
      $("unit-title").textContent = data.unit;
      $("unit-report").replaceChildren(...report(data));
    },
    async chat() { await loadChat(); },
    async timeline() {},
  };
  function report(data) {
    const needs = el("ol", "cards");
    for (const n of data.needs) {
      const li = el("li", "card");
      li.append(line(link(n.number, () => openTimeline(n.number)), n.status_label, n.category_label), el("div", "text", n.text));
      needs.append(li);
    }
    if (!data.needs.length) needs.append(el("li", "hint", L("console.none")));
    const table = el("table", "table members");
    const head = el("tr");
    head.append(...["console.member", "console.grid", "console.resolved_month", "console.in_hand"].map((k) => el("th", null, L(k))));
    table.append(head, ...data.members.map((m) => {
      const tr = el("tr");
      tr.append(el("td", null, m.name), el("td", null, m.grid), el("td", null, m.resolved), el("td", null, m.open));
      return tr;
    }));
    return [el("h3", null, L("console.unit.needs")), needs, el("h3", null, L("console.unit.members")), table];
  }
  function unitCard(u) {
    const li = el("li", "card unit");
    li.dataset.code = u.code;
    li.append(line(el("strong", null, u.name), u.code, u.type_label, u.org,
                   L("console.open_needs") + " " + u.open_needs, u.active ? "" : L("console.inactive")));
    const drop = (kind, id) => chip(L("console.remove"), async () => {
      await api("POST", `/admin/api/units/${u.id}/drop`, { kind, id }); refresh(); }, "quiet");
    const resources = el("ul", "items");
    for (const r of u.resources) { const i = el("li"); i.append(line(r.type_label, r.name, r.amount, drop("resource", r.id))); resources.append(i); }
    const services = el("ul", "items");
    for (const s of u.services) {
      const i = el("li");
      i.append(line(s.name, s.category_labels.join("、"), s.keywords.join("、"), L("console.capacity") + " " + s.capacity, drop("service", s.id)));
      services.append(i);
    }
    li.append(el("h4", null, L("console.resources")), resources, addResource(u), el("h4", null, L("console.services")), services, addService(u));
    const more = el("div", "chips");
    const record = el("div");
    more.append(chip(L("console.unit.record"), async () => {
      record.replaceChildren(...report(await api("GET", `/admin/api/units/${u.id}/report`))); }, "quiet"));
    li.append(more, record);
    return li;
  }
  function miniForm(cls, fields, submit) {
    const f = el("form", "row mini " + cls);
    for (const [name, kind, items, placeholder] of fields) {
      const input = kind === "select" ? el("select") : el("input");
      input.name = name;
      if (kind === "select") { input.multiple = !!placeholder; options(input, items); }
      else { input.placeholder = L(placeholder); if (kind === "number") { input.type = "number"; input.min = "0"; input.value = "1"; } }
      f.append(input);
    }
    const b = el("button", null, L("console.add"));
    b.type = "submit";
    f.append(b);
    f.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = {};
      for (const field of f.elements) if (field.name) data[field.name] = field.multiple ? Array.from(field.selectedOptions, (o) => o.value) : field.value.trim();
      await submit(data);
      refresh();
    });
    return f;
  }
  const typed = (prefix, codes) => codes.map((c) => ({ value: c, label: L(prefix + c) }));
  function addResource(u) {
    return miniForm("add-resource", [["name", "text", null, "console.resource.name"],
      ["type", "select", typed("resourcetype.", S.me.resource_types)], ["amount", "text", null, "console.resource.amount"]],
      (d) => api("POST", `/admin/api/units/${u.id}/resources`, d));
  }
  function addService(u) {
    return miniForm("add-service", [["name", "text", null, "console.service.name"],
      ["categories", "select", S.me.categories, true], ["keywords", "text", null, "console.service.keywords"],
      ["capacity", "number", null, "console.capacity"]],
      (d) => api("POST", `/admin/api/units/${u.id}/services`, { ...d, capacity: Number(d.capacity) }));
  }
  function personCard(p) {
    const li = el("li", "card person" + (p.active ? "" : " off"));
    li.dataset.code = p.code;
    const secretary = S.me.secretary === p.id ? el("span", "badge", L("console.secretary")) : null;
    li.append(line(el("strong", null, p.name), p.code, p.role_label, p.grid, p.unit, p.phone,
                   p.active ? "" : L("console.inactive"), secretary));
    if (p.posts.length || p.skills.length) li.append(line(p.posts.join("、"), p.skills.join("、")));
    const chips = el("div", "chips");
    chips.append(chip(L("console.edit"), () => fillPerson(p), "quiet"),
      chip(L(p.active ? "console.deactivate" : "console.activate"), async () => {
        await api("POST", `/admin/api/people/${p.id}/active`, { active: !p.active }); refresh(); }, "quiet"));
    if (p.active && S.me.secretary !== p.id) {
      chips.append(chip(L("console.make_secretary"), async () => {
        await api("POST", "/admin/api/secretary", { person: p.id }); S.me.secretary = p.id; refresh(); }, "quiet"));
    }
    li.append(chips);
    return li;
  }
  function fillPerson(p) {
    const f = $("person-form").elements;
    f.id.value = p.id; f.code.value = p.code; f.code.disabled = true; f.name.value = p.name;
    f.role.value = p.role; f.grid.value = p.grid; f.unit.value = p.unit; f.phone.value = p.phone;
    for (const o of f.posts.options) o.selected = p.posts.includes(o.value);
    f.skills.value = p.skills.join("、");
    $("person-form").scrollIntoView();
  }
  function buildingCard(b) {
    const li = el("li", "card building");
    li.dataset.name = b.name;
    const f = el("form", "row mini");
    const input = el("input");
    input.name = "aliases";
    input.value = b.aliases.join("、");
    const save = el("button", null, L("console.save"));
    save.type = "submit";
    f.append(input, save);
    f.addEventListener("submit", async (event) => {
      event.preventDefault();
      await api("POST", `/admin/api/buildings/${b.id}`, { aliases: input.value });
      toast(L("console.saved"));
    });
    li.append(line(el("strong", null, b.name), b.grid), f);
    return li;
  }
  async function openTimeline(number) {
    const data = await api("GET", "/admin/api/requests/" + encodeURIComponent(number));
    const box = $("timeline");
    const head = el("div", "card");
    head.append(line(el("strong", null, data.number), data.status_label, data.level_label, data.category_label),
                el("div", "text", data.text));
    for (const url of data.photos) { const img = el("img", "photo"); img.src = url; img.alt = L("console.photo"); head.append(img); }
    const events = el("ol", "timeline");
    for (const e of data.events) {
      const li = el("li");
      li.append(el("time", null, e.at), el("strong", null, e.action), el("span", null, e.to ? "→ " + e.to : ""),
                el("span", "actor", e.actor), el("div", "note", e.note));
      events.append(li);
    }
    box.replaceChildren(el("h2", null, L("console.timeline.title")), head, events);
    S.back = S.view === "timeline" ? S.back : S.view;
    show("timeline");
  }

  // ---- chrome --------------------------------------------------------------------------------
  function refresh() { const page = pages[S.view]; if (page) page().catch(() => {}); }
  function schedule() { clearTimeout(S.timer); S.timer = setTimeout(refresh, 200); }
  function show(view) {
    S.view = view;
    for (const section of document.querySelectorAll("main > section")) section.hidden = section.id !== "view-" + view;
    for (const tab of $("tabs").children) tab.classList.toggle("on", tab.dataset.view === view);
    if (view !== "signin") location.hash = view === "timeline" ? location.hash : view;
    refresh();
  }
  function chrome() {
    const me = S.me;
    document.title = L("console.title");
    $("title").textContent = L("console.title") + (me.community ? " · " + me.community : "");
    $("who").textContent = me.name ? me.name + " · " + L("role." + me.role) : "";
    for (const node of document.querySelectorAll("[data-label]")) node.textContent = L(node.dataset.label);
    for (const node of document.querySelectorAll("[data-placeholder]")) node.placeholder = L(node.dataset.placeholder);
    $("tabs").replaceChildren(...me.views.map((view) => {
      const tab = el("button", null, L("console.tab." + view));
      tab.type = "button";
      tab.dataset.view = view;
      tab.addEventListener("click", () => show(view));
      return tab;
    }));
    if (me.views.length) fillForms(me);
  }
  function fillForms(me) {
    options($("queue-filter"), ["escalated", "unrouted", "overdue", "urgent"].map((v) => ({ value: v, label: L("console.filter." + v) })), "console.filter.all");
    options($("queue-grid"), me.grids, "console.all_grids");
    options($("queue-category"), me.categories, "console.all_categories");
    $("queue-grid").hidden = me.role !== "admin";
    const p = $("project").elements;
    options(p.category, me.categories);
    options(p.grid, me.grids, "console.no_grid");
    options($("unit-form").elements.type, typed("unittype.", me.unit_types));
    const person = $("person-form").elements;
    options(person.role, me.roles.map((r) => ({ value: r, label: L("role." + r) })));
    options(person.grid, me.grids, "console.no_grid");
    options(person.unit, me.units, "console.no_unit");
    options($("building-form").elements.grid, me.grids);
    const invite = $("invite-form").elements;
    options(invite.role, me.roles.map((r) => ({ value: r, label: L("role." + r) })));
    options(invite.grid, me.grids, "console.no_grid");
    options(invite.unit, me.units, "console.no_unit");
  }
  function wire() {
    $("signin").addEventListener("submit", async (event) => {
      event.preventDefault();
      const code = $("code").value.trim();
      if (!code) return;
      await api("POST", "/web/api/signin", { code, client_id: crypto.randomUUID() });
      await boot();
    });
    for (const id of ["queue-filter", "queue-grid", "queue-category"]) $(id).addEventListener("change", refresh);
    $("lookup").addEventListener("submit", async (event) => {
      event.preventDefault();
      const number = $("lookup-number").value.trim();
      if (number) await openTimeline(number);
    });
    $("timeline-back").addEventListener("click", () => show(S.back || S.me.views[0]));
    const submit = (id, send) => $(id).addEventListener("submit", async (event) => {
      event.preventDefault();
      const answer = await send(form(id));
      $(id).reset();
      if (answer) toast(answer);
      refresh();
    });
    submit("project", async (d) => (await api("POST", "/admin/api/projects", d)).number);
    submit("unit-form", async (d) => { await api("POST", "/admin/api/units", d); return L("console.saved"); });
    submit("building-form", async (d) => { await api("POST", "/admin/api/buildings", d); return L("console.saved"); });
    submit("person-form", async (d) => {
      const url = d.id ? `/admin/api/people/${d.id}` : "/admin/api/people";
      await api("POST", url, d);
      $("person-form").elements.code.disabled = false;
      return L("console.saved");
    });
    $("person-form").addEventListener("reset", () => { $("person-form").elements.code.disabled = false; });
    $("invite-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const made = await api("POST", "/admin/api/invites", form("invite-form"));
      const box = $("invite-result");
      const img = el("img", "qr");
      img.src = made.qr;
      img.alt = made.url;
      box.replaceChildren(el("div", "code", made.code), img, el("div", "hint", made.url),
                          el("div", "hint", L("console.invite.expires") + " " + made.expires),
                          el("div", "hint", L("console.invite.chat").replace("{code}", made.code)));
      box.hidden = false;
    });
    $("composer").addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = $("text").value.trim();
      if (!text) return;
      $("text").value = "";
      const ack = await api("POST", "/web/api/send", { chat: "private", text, client_id: crypto.randomUUID() });
      toast(ack.toast);
    });
    setInterval(() => { if (!document.hidden && ["queue", "needs", "unit"].includes(S.view)) refresh(); }, REFRESH_MS);
  }
  function wireBroadcast() {
    const f = $("broadcast-form").elements;
    const box = $("broadcast-preview");
    f.scope.addEventListener("change", () => { f.grids.hidden = f.scope.value !== "grids"; });
    $("broadcast-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const draft = form("broadcast-form");
      const seen = await api("POST", "/admin/api/broadcasts/preview", draft);
      const reach = L("console.broadcast.reach").replace(/\{(\w+)\}/g, (_, name) => seen[name]);
      const hide = () => { box.hidden = true; box.replaceChildren(); };
      const send = chip(L("console.broadcast.send"), async () => {
        const done = await api("POST", "/admin/api/broadcasts", { ...draft, token: seen.token });
        toast(done.message);
        hide();
        $("broadcast-form").reset();
        f.grids.hidden = f.scope.value !== "grids";
        refresh();
      }, "strong");
      send.dataset.action = "send";
      box.replaceChildren(el("div", "text", seen.notice), el("div", "hint", reach), send,
                          chip(L("console.broadcast.edit"), async () => { hide(); f.text.focus(); }),
                          chip(L("console.broadcast.cancel"), async () => { hide(); $("broadcast-form").reset(); }));
      box.hidden = false;
    });
  }
  async function boot() {
    S.me = await api("GET", "/admin/api/me");
    chrome();
    if (!S.me.views.length) {
      if (S.me.role && S.me.role !== "resident") { location.href = "/"; return; }
      $("code").value = new URLSearchParams(location.search).get("code") || "";
      show("signin");
      return;
    }
    connect();
    const wanted = location.hash.slice(1);
    show(S.me.views.includes(wanted) ? wanted : S.me.views[0]);
  }
  document.addEventListener("DOMContentLoaded", () => { wire(); wireBroadcast(); boot().catch((e) => console.error(e)); });
})();
