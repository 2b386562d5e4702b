// linli web chat: plain DOM, every word from the server's catalogue, user data only as textContent.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const store = { get: (k) => { try { return localStorage.getItem(k); } catch (e) { return null; } },
                  set: (k, v) => { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } } };
  const S = { session: null, locale: store.get("linli.locale") || "zh-CN", view: null, source: null,
              leaderTimer: null, loading: new Set(), started: performance.now() };
  const metrics = window.linliMetrics = { firstMessageMs: null };
  const PERSONAS = [["resident", "resident", "chat"], ["room", "member", "room"],
                    ["member", "member", "chat"], ["leader", "leader", "leader"]];
  const L = (key) => (S.session && S.session.labels[key]) || key;
  // A rating or another resident's action sends nothing to the leader's own chats, so an open
  // leader page also refreshes itself this often, to keep its list and rates current.
  const LEADER_REFRESH_MS = 5000;
  const READY_WAIT_MS = 3000;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clientId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
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
    const headers = { "X-CSRF-Token": S.session ? S.session.csrf : "" };
    if (body && !(body instanceof FormData)) headers["Content-Type"] = "application/json";
    const init = { method, headers, credentials: "same-origin" };
    if (body) init.body = body instanceof FormData ? body : JSON.stringify(body);
    const response = await fetch(url, init);
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!response.ok) { toast(data.message || L("web.error.bad_request")); throw new Error(data.error || response.status); }
    return data;
  }
  const q = (params) => new URLSearchParams({ locale: S.locale, ...params }).toString();

  // ---- messages -------------------------------------------------------------------------
  function renderMessage(message, chat) {
    const li = el("li", "msg " + message.kind);
    li.dataset.id = message.id;
    li.dataset.version = message.version;
    if (message.key) li.dataset.key = message.key;
    if (message.photo) {
      const img = el("img");
      img.src = message.photo;
      img.alt = L("web.photo_alt");
      img.loading = "lazy";
      li.append(img);
    }
    if (message.text) li.append(withCalls(el("div", "text"), message.text, message.calls || []));
    if (message.options.length) {
      const chips = el("div", "chips");
      for (const option of message.options) {
        const chip = el("button", "chip", option.label);
        chip.type = "button";
        chip.dataset.payload = option.value;
        chip.addEventListener("click", () => press(chat, option.value, chip));
        chips.append(chip);
      }
      li.append(chips);
    }
    return li;
  }
  // Hotline numbers the bot tells a resident to call become tap-to-call links (tel:110).
  function withCalls(node, text, calls) {
    const numbers = calls.filter((n) => /^\d{3,5}$/.test(n));
    if (!numbers.length) { node.textContent = text; return node; }
    const pattern = new RegExp("(?<!\\d)(" + numbers.join("|") + ")(?!\\d)");
    for (const part of text.split(pattern)) {
      if (numbers.includes(part)) {
        const link = el("a", "call", part);
        link.href = "tel:" + part;
        node.append(link);
      } else if (part) node.append(document.createTextNode(part));
    }
    return node;
  }
  function toBottom(list) { list.scrollTop = list.scrollHeight; }
  function listOf(chat) { return $(chat === "room" ? "room-messages" : "chat-messages"); }
  function upsert(chat, message) {
    const list = listOf(chat);
    const old = list.querySelector(`li[data-id="${Number(message.id)}"]`);
    if (old && Number(old.dataset.version) >= message.version) return;
    const li = renderMessage(message, chat);
    if (old) old.replaceWith(li); else list.append(li);
    if (message.kind === "bot" && metrics.firstMessageMs === null) {
      metrics.firstMessageMs = Math.round(performance.now() - S.started);
    }
    if (!old) toBottom(list);
    li.scrollIntoView({ block: "end" });
    for (const img of li.querySelectorAll("img")) img.addEventListener("load", () => { if (!old) toBottom(list); });
  }
  // A message pushed while a chat's history is being fetched may be newer than that history:
  // it is kept aside and laid over the history once it is drawn, so a reload never loses it.
  async function loadChat(chat) {
    const arrived = [];
    S.loading.add(arrived);
    try {
      const data = await api("GET", "/web/api/messages?" + q({ chat }));
      listOf(chat).replaceChildren();
      for (const message of data.messages) upsert(chat, message);
      for (const pushed of arrived) if (pushed.chat === chat) upsert(chat, pushed.message);
      return data.messages.length;
    } finally { S.loading.delete(arrived); }
  }
  async function press(chat, payload, chip) {
    if (chip) chip.disabled = true;
    try {
      const ack = await api("POST", "/web/api/send", { chat, payload, client_id: clientId(), locale: S.locale });
      toast(ack.toast);
    } catch (e) { /* shown */ } finally { if (chip) chip.disabled = false; }
  }
  async function say(text) {
    return api("POST", "/web/api/send", { chat: "private", text, client_id: clientId(), locale: S.locale });
  }

  // ---- live updates ---------------------------------------------------------------------
  // Resolves once the server has subscribed this page (its "ready"), so a history fetched after
  // it cannot miss a message sent in between; offline, it gives up waiting after a while.
  function connect() {
    if (S.source) S.source.close();
    const source = S.source = new EventSource("/web/api/events?" + q({}));
    let ready = false;
    source.addEventListener("reload", reloadAll);
    source.onmessage = (event) => {
      const data = JSON.parse(event.data);
      for (const arrived of S.loading) arrived.push(data);
      // The transcript was erased (/forget): show what is left of it, not what the page had.
      if (data.message.key === "forget.done") { loadChat(data.chat).catch(() => {}); return; }
      upsert(data.chat, data.message);
      if (S.view === "leader") scheduleLeader();
    };
    source.onerror = () => { if (source.readyState !== EventSource.OPEN) toast(L("web.error.offline")); };
    return new Promise((resolve) => {
      source.addEventListener("ready", () => {
        if (ready) reloadAll();  // a reconnect: catch up on what was missed
        ready = true;
        resolve();
      });
      setTimeout(resolve, READY_WAIT_MS);
    });
  }
  function reloadAll() {
    loadChat("private").catch(() => {});
    if (S.session.views.includes("room")) loadChat("room").catch(() => {});
    if (S.view === "leader") scheduleLeader();
  }

  // ---- leader page ----------------------------------------------------------------------
  function scheduleLeader() { clearTimeout(S.leaderTimer); S.leaderTimer = setTimeout(loadLeader, 150); }
  function fillSelect(select, items, chosen) {
    select.replaceChildren(new Option(L("web.leader.all"), ""));
    for (const item of items) select.append(new Option(item.label, item.value));
    select.value = chosen;
  }
  async function loadLeader() {
    const status = $("filter-status").value || "", category = $("filter-category").value || "";
    const data = await api("GET", "/web/api/leader?" + q({ status, category }));
    fillSelect($("filter-status"), data.statuses, status);
    fillSelect($("filter-category"), data.categories, category);
    const stats = $("stats");
    stats.replaceChildren();
    for (const [key, value] of Object.entries(data.stats)) {
      const box = el("div");
      box.dataset.stat = key;
      const shown = value === null ? "—" : key.endsWith("_rate") ? Math.round(value * 100) + "%" : value;
      box.append(el("dt", null, L("web.stats." + key)), el("dd", null, shown));
      stats.append(box);
    }
    $("stats-rules").textContent = data.stats_rules;
    showAccount(data.account);
    const list = $("leader-list");
    list.replaceChildren();
    if (!data.requests.length) list.append(el("li", "hint", L("web.leader.none")));
    for (const item of data.requests) list.append(renderRequest(item));
  }
  function showAccount(account) {
    $("leader-stars").textContent = account.stars;
    const chart = $("leader-chart");
    if (chart.getAttribute("src") !== account.chart) chart.src = account.chart;
    chart.alt = L("web.leader.chart_alt");
    chart.hidden = false;
    $("leader-report").href = account.report;
    $("leader-report").textContent = L("web.leader.report");
    $("leader-wall").href = account.wall;
    $("leader-wall").textContent = L("web.leader.wall");
  }
  function renderRequest(item) {
    const li = el("li", "request " + item.tone);
    li.dataset.number = item.number;
    li.dataset.status = item.status;
    const head = el("div", "head");
    if (item.urgent) head.append(el("span", "urgent", L("web.leader.urgent")));
    head.append(el("strong", null, item.number), el("span", "place", item.place),
                el("span", null, item.status_label), el("span", null, item.category_label));
    const due = el("div", "head");
    due.append(el("span", null, L("web.leader.deadline") + " " + item.deadline),
               el("span", "tone " + item.tone, L("web.tone." + item.tone)));
    if (item.claimant) due.append(el("span", null, L("web.leader.claimant") + " " + item.claimant));
    const chips = el("div", "chips");
    for (const action of item.actions) {
      const chip = el("button", "chip", action.label);
      chip.type = "button";
      chip.dataset.payload = action.payload;
      chip.addEventListener("click", async () => {
        await press("private", action.payload, chip);
        if (!action.payload.startsWith("escalate:")) show("chat"); else scheduleLeader();
      });
      chips.append(chip);
    }
    li.append(head, el("div", "text", item.text), due, chips);
    return li;
  }

  // ---- chrome -----------------------------------------------------------------------------
  function show(view) {
    if (!S.session.views.includes(view)) view = "chat";
    S.view = view;
    for (const name of ["chat", "room", "leader", "signin"]) $("view-" + name).hidden = name !== view;
    if (view === "chat" || view === "room") toBottom(listOf(view === "room" ? "room" : "private"));
    for (const tab of $("tabs").children) tab.classList.toggle("on", tab.dataset.view === view);
    for (const b of document.querySelectorAll(".personas button")) {
      const [, persona, pview] = PERSONAS.find((p) => p[0] === b.dataset.persona);
      b.classList.toggle("on", persona === S.session.persona && pview === view);
    }
    if (view === "leader") loadLeader().catch(() => {});
  }
  function chrome() {
    const s = S.session;
    document.documentElement.lang = s.locale;
    document.title = L("web.title");
    $("title").textContent = L("web.title");
    $("large").textContent = L("web.large_text");
    $("photo-label").textContent = L("web.photo");
    $("text").placeholder = L("web.input.placeholder");
    $("send").textContent = L("web.send");
    $("room-title").textContent = s.room ? s.room + " · " + L("web.room.hint") : L("web.room.hint");
    $("leader-title").textContent = L("web.leader.title");
    $("status-label").textContent = L("web.leader.status");
    $("category-label").textContent = L("web.leader.category");
    $("signin-title").textContent = L("web.signin.title");
    $("signin-hint").textContent = L("web.signin.hint");
    $("code").placeholder = L("web.signin.code");
    $("signin-submit").textContent = L("web.signin.submit");
    const locale = $("locale");
    locale.replaceChildren(...s.locales.map((x) => new Option(x.label, x.code)));
    locale.value = s.locale;
    $("tabs").replaceChildren(...s.views.map((view) => {
      const tab = el("button", null, L("web.tab." + view));
      tab.type = "button";
      tab.dataset.view = view;
      tab.addEventListener("click", () => show(view));
      return tab;
    }));
    $("demo").hidden = !s.demo;
    $("demo-title").textContent = L("web.demo.title");
    document.querySelector(".personas").replaceChildren(...PERSONAS.map(([key, persona, view]) => {
      const b = el("button", null, L("web.demo." + key));
      b.type = "button";
      b.dataset.persona = key;
      b.addEventListener("click", () => becomePersona(persona, view));
      return b;
    }));
  }
  async function start(session, view) {
    S.session = session;
    S.locale = session.locale;
    chrome();
    show(view || (S.view && session.views.includes(S.view) ? S.view : "chat"));
    await connect();
    const count = await loadChat("private");
    if (session.views.includes("room")) await loadChat("room");
    if (S.view === "room") toBottom(listOf("room"));
    if (count === 0) await say("/start");
  }
  async function becomePersona(persona, view) {
    const session = await api("POST", "/web/api/demo/persona", { persona, locale: S.locale });
    await start(session, view);
  }

  // ---- wiring -----------------------------------------------------------------------------
  // Large text: bigger words, and the demo bar folds away (a tap on its title opens it).
  function setLarge(on) {
    document.documentElement.classList.toggle("large", on);
    $("large").setAttribute("aria-pressed", String(on));
    $("demo").open = !on;
  }
  function wire() {
    setLarge(store.get("linli.large") === "1");
    $("large").addEventListener("click", () => {
      const on = !document.documentElement.classList.contains("large");
      setLarge(on);
      store.set("linli.large", on ? "1" : "0");
    });
    $("locale").addEventListener("change", async (event) => {
      store.set("linli.locale", event.target.value);
      S.locale = event.target.value;
      const session = await api("GET", "/web/api/session?" + q({}));
      await start(session, S.view);
    });
    $("composer").addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = $("text").value.trim();
      if (!text) return;
      $("text").value = "";
      try { const ack = await say(text); toast(ack.toast); } catch (e) { $("text").value = text; }
    });
    $("photo").addEventListener("change", async () => {
      const file = $("photo").files[0];
      if (!file) return;
      const form = new FormData();
      form.append("text", $("text").value.trim());
      form.append("photo", file);
      $("text").value = "";
      $("photo").value = "";
      try { const ack = await api("POST", "/web/api/upload?" + q({ client_id: clientId() }), form); toast(ack.toast); }
      catch (e) { /* shown */ }
    });
    $("signin").addEventListener("submit", async (event) => {
      event.preventDefault();
      const code = $("code").value.trim();
      if (!code) return;
      try {
        const result = await api("POST", "/web/api/signin", { code, client_id: clientId(), locale: S.locale });
        $("code").value = "";
        toast(result.toast);
        await start(result.session, "chat");
      } catch (e) { /* shown */ }
    });
    $("filter-status").addEventListener("change", loadLeader);
    $("filter-category").addEventListener("change", loadLeader);
    setInterval(() => {
      if (S.view === "leader" && !document.hidden) loadLeader().catch(() => {});
    }, LEADER_REFRESH_MS);
  }
  async function boot() {
    wire();
    const session = await api("GET", "/web/api/session?" + q({}));
    await start(session, location.hash.slice(1) || "chat");
  }
  document.addEventListener("DOMContentLoaded", () => { boot().catch((e) => console.error(e)); });
})();
