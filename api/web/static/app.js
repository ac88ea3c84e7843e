// The page of yasno: paste or open a draft, check it, see the findings in
// the text, apply a fix with one click. Plain JS, no build step.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const meta = JSON.parse($('meta').textContent || '{}');
  const catNames = {};
  const catOrder = [];
  (meta.categories || []).forEach((c) => { catNames[c.id] = c.name; catOrder.push(c.id); });
  const profileNames = {};
  (meta.profiles || []).forEach((p) => { profileNames[p.id] = p.name; });
  const ruleInfo = meta.rules || {};

  const form = $('form'), draft = $('draft'), profile = $('profile'), format = $('format');
  const file = $('file'), button = $('check'), statusEl = $('status'), errorEl = $('error');
  const empty = $('empty'), results = $('results'), summary = $('summary'), view = $('view');
  const groups = $('groups'), descs = $('descs'), tip = $('tip'), stale = $('stale');
  const tokenBox = $('token-box'), token = $('token');
  const fileName = $('file-name'), fileClose = $('file-close'), docNote = $('doc-note');
  const fileHint = fileName.textContent, draftHint = draft.placeholder;

  let last = null;   // {text, file, doc} of the last successful check
  let doc = null;    // the office document or page being checked: a File
  let seq = 0;       // number of the latest request; older answers are dropped
  let checks = 0;    // successful checks, for tests and for the status line

  token.value = sessionStorage.getItem('yasno-token') || '';
  if (token.value) tokenBox.hidden = false;

  // ---- talking to the server ----

  // check sends the pasted draft as JSON, or the opened document as a
  // form; the answer to a document carries the text read from it.
  async function check() {
    const text = draft.value;
    const sent = doc;
    hideError();
    if (!sent && !text.trim()) {
      showError('Текст пустой: вставьте черновик ответа или откройте файл.');
      draft.focus();
      return;
    }
    const my = ++seq;
    setBusy(true);
    setStatus(sent ? 'Читаю и проверяю файл «' + sent.name + '»…' : 'Проверяю…');
    const headers = {};
    if (token.value.trim()) headers.Authorization = 'Bearer ' + token.value.trim();
    let body;
    if (sent) {
      body = new FormData();
      body.append('profile', profile.value);
      body.append('file', sent, sent.name);
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify({ text, format: format.value, profile: profile.value });
    }
    let resp, data;
    try {
      resp = await fetch('/api/v1/check', { method: 'POST', headers, body });
      data = await resp.json().catch(() => null);
    } catch (e) {
      if (my === seq) {
        setBusy(false);
        setStatus('');
        showError('Сервер проверки не отвечает. Проверьте подключение к сети и попробуйте ещё раз.');
      }
      return;
    }
    if (my !== seq) return;
    setBusy(false);
    if (!resp.ok || !data || !data.files || !data.files.length) {
      setStatus('');
      if (resp.status === 401) {
        tokenBox.hidden = false;
        token.focus();
      }
      const msg = data && data.error && data.error.message;
      showError(msg || 'Сервер ответил ошибкой (' + resp.status + '). Попробуйте ещё раз.');
      if (sent) {
        draft.placeholder = 'Файл «' + sent.name + '» не прочитан. Откройте другой файл или закройте этот и вставьте текст.';
        // The results on screen belong to another text: hide them.
        last = null;
        hideTip();
        results.hidden = true;
        empty.hidden = false;
      }
      return;
    }
    if (token.value.trim()) sessionStorage.setItem('yasno-token', token.value.trim());
    if (sent) {
      if (sent !== doc) return; // the file was closed meanwhile
      const src = data.files[0].source;
      last = { text: src ? src.text : '', file: data.files[0], doc: true };
      draft.value = last.text;
    } else {
      last = { text, file: data.files[0], doc: false };
    }
    checks++;
    render();
    const n = last.file.findings.length;
    setStatus(n ? 'Проверено: ' + plural(n, 'замечание', 'замечания', 'замечаний') + '.' : 'Проверено: замечаний нет.');
  }

  function setBusy(on) {
    button.disabled = on;
    button.textContent = on ? 'Проверяю…' : 'Проверить';
    results.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function setStatus(s) { statusEl.textContent = s; }

  function showError(msg) {
    errorEl.textContent = msg;
    errorEl.hidden = false;
  }

  function hideError() { errorEl.hidden = true; errorEl.textContent = ''; }

  // ---- rendering ----

  function render() {
    const f = last.file;
    const text = last.text;
    const fs = f.findings.map((x, i) => Object.assign({ id: i }, x));
    empty.hidden = true;
    results.hidden = false;
    stale.hidden = true;
    docNote.hidden = !last.doc;
    results.dataset.checks = String(checks);
    hideTip();
    renderSummary(f, fs);
    renderText(text, fs);
    renderGroups(fs);
  }

  function byCategory(fs) {
    const m = new Map();
    fs.forEach((f) => {
      if (!m.has(f.category)) m.set(f.category, []);
      m.get(f.category).push(f);
    });
    const order = (c) => { const i = catOrder.indexOf(c); return i < 0 ? 999 : i; };
    return [...m.entries()].sort((a, b) => order(a[0]) - order(b[0]));
  }

  function renderSummary(f, fs) {
    summary.replaceChildren();
    const st = f.stats;
    const dl = el('dl', 'stats');
    const stat = (k, v) => { dl.append(el('dt', '', k), el('dd', '', v)); };
    stat('Слов', String(st.words));
    stat('Предложений', String(st.sentences));
    stat('Самое длинное предложение', plural(st.longestSentence, 'слово', 'слова', 'слов'));
    stat('Замечаний', String(fs.length));
    summary.append(dl);
    const auto = profile.value === 'auto' ? ' (определён автоматически)' : '';
    summary.append(el('p', 'profile', 'Вид ответа: ' + (profileNames[f.profile] || f.profile) + auto + '.'));
    if (!fs.length) return;
    const ul = el('ul', 'chips');
    ul.setAttribute('aria-label', 'Замечания по категориям');
    byCategory(fs).forEach(([cat, list]) => {
      const li = el('li', 'chip cat-' + cat);
      li.append(el('span', 'dot'), document.createTextNode((catNames[cat] || cat) + ': ' + list.length));
      ul.append(li);
    });
    summary.append(ul);
  }

  // renderText shows the draft with a mark over every finding. Findings may
  // overlap (a long sentence and a word in it), so the text is cut at every
  // start and end and each piece is marked with the findings covering it.
  // startChar and endChar are UTF-16 offsets, as JS strings are indexed.
  function renderText(text, fs) {
    view.replaceChildren();
    descs.replaceChildren();
    const spans = fs.filter((f) => f.startChar < f.endChar && f.endChar <= text.length);
    spans.forEach((f) => {
      const d = el('span', '', describe(f));
      d.id = 'd-' + f.id;
      descs.append(d);
    });
    const cuts = new Set([0, text.length]);
    spans.forEach((f) => { cuts.add(f.startChar); cuts.add(f.endChar); });
    const pts = [...cuts].sort((a, b) => a - b);
    const byStart = spans.slice().sort((a, b) => a.startChar - b.startChar);
    let j = 0;
    let active = [];
    const started = new Set();
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i], b = pts[i + 1];
      active = active.filter((f) => f.endChar > a);
      while (j < byStart.length && byStart[j].startChar <= a) active.push(byStart[j++]);
      const piece = text.slice(a, b);
      if (!active.length) {
        view.append(document.createTextNode(piece));
        continue;
      }
      const cover = active.slice().sort((x, y) => (x.endChar - x.startChar) - (y.endChar - y.startChar));
      const m = el('mark', 'hl cat-' + cover[0].category, piece);
      const second = cover.find((x) => x.category !== cover[0].category);
      if (cover.length > 1) m.classList.add('multi', 'c2-' + (second || cover[1]).category);
      m.dataset.findings = cover.map((x) => x.id).join(' ');
      m.setAttribute('aria-describedby', cover.map((x) => 'd-' + x.id).join(' '));
      const first = cover.find((x) => !started.has(x.id) && x.startChar === a);
      if (first) {
        cover.forEach((x) => { if (x.startChar === a) started.add(x.id); });
        m.tabIndex = 0;
        m.id = 'm-' + first.id;
      } else {
        m.tabIndex = -1;
      }
      view.append(m);
    }
  }

  function describe(f) {
    let s = (catNames[f.category] || f.category) + ': ' + f.message;
    if (f.suggestions.length) s += ' Замена: ' + f.suggestions.map((x) => '«' + x + '»').join(', ') + '.';
    if (f.clause) s += ' Основание: ' + f.clause + '.';
    return s;
  }

  function renderGroups(fs) {
    groups.replaceChildren();
    if (!fs.length) {
      groups.append(el('p', 'clean', 'Замечаний нет. Ответ написан ясно.'));
      return;
    }
    byCategory(fs).forEach(([cat, list]) => {
      const sec = el('section', 'group cat-' + cat);
      const h = el('h4', '');
      h.append(el('span', 'dot'), document.createTextNode(catNames[cat] || cat), el('span', 'count', String(list.length)));
      sec.append(h);
      const ul = el('ul', 'items');
      list.forEach((f) => ul.append(item(f)));
      sec.append(ul);
      groups.append(sec);
    });
  }

  function item(f) {
    const li = el('li', 'item');
    li.id = 'f-' + f.id;
    const hasSpan = f.startChar < f.endChar;
    if (hasSpan) {
      const q = el('button', 'quote', '«' + shorten(f.text, 60) + '»');
      q.type = 'button';
      q.title = 'Показать в тексте';
      q.addEventListener('click', () => goTo(f.id));
      li.append(q);
      if (f.paragraph) li.append(el('p', 'place', place(f.paragraph)));
    } else {
      li.append(el('p', 'whole', 'Ко всему письму'));
    }
    li.append(el('p', 'msg', f.message));
    li.append(fixes(f));
    li.append(clause(f));
    return li;
  }

  // place says where a finding is in a document, as a clerk looks for it
  // in her editor: the part, the paragraph and the character.
  const partNames = {
    table: 'Таблица', header: 'Верхний колонтитул', footer: 'Нижний колонтитул', footnote: 'Сноска',
  };

  function place(p) {
    const part = partNames[p.part];
    return (part ? part + ', абзац ' : 'Абзац ') + p.index + ', знак ' + p.column;
  }

  // fixes are buttons for a pasted draft; a document is fixed in its
  // editor, so there the replacements are only named.
  function fixes(f) {
    if (last && last.doc) {
      const p = el('p', 'fixes-text');
      if (f.suggestions.length) {
        p.textContent = 'Замена: ' + f.suggestions.map((s) => (s === '' ? 'удалить' : '«' + s + '»')).join(', ') + '.';
      }
      return p;
    }
    const box = el('div', 'fixes');
    f.suggestions.forEach((s) => {
      const b = el('button', 'fix', s === '' ? 'Удалить' : 'Заменить на «' + shorten(s, 40) + '»');
      b.type = 'button';
      b.addEventListener('click', () => apply(f, s));
      box.append(b);
    });
    return box;
  }

  function clause(f) {
    const p = el('p', 'clause');
    const r = ruleInfo[f.rule];
    if (f.clause) p.append(document.createTextNode('Основание: ' + f.clause + ' · '));
    const a = el('a', '', 'о правиле');
    a.href = r ? r.url : '/rules#' + f.rule;
    p.append(a);
    return p;
  }

  function goTo(id) {
    const m = $('m-' + id);
    if (!m) return;
    m.scrollIntoView({ block: 'center' });
    m.focus();
  }

  // ---- applying a fix ----

  function apply(f, s) {
    if (!last || last.doc) return;
    if (draft.value !== last.text) {
      showError('Текст изменён после проверки, исправление применить нельзя. Нажмите «Проверить» ещё раз.');
      return;
    }
    const t = last.text;
    draft.value = t.slice(0, f.startChar) + s + t.slice(f.endChar);
    hideTip();
    setStatus('Исправлено: «' + shorten(f.text, 40) + '» → «' + shorten(s, 40) + '». Проверяю снова…');
    check();
  }

  // ---- the tip over a highlight ----

  let hideTimer = 0;
  let tipFor = null;

  function showTip(m) {
    clearTimeout(hideTimer);
    if (!last) return;
    const ids = (m.dataset.findings || '').split(' ').map(Number);
    const fs = last.file.findings;
    tip.replaceChildren();
    ids.forEach((id) => {
      const f = fs[id];
      if (!f) return;
      const box = el('div', 'tip-item cat-' + f.category);
      const h = el('p', 'tip-cat');
      h.append(el('span', 'dot'), document.createTextNode(catNames[f.category] || f.category));
      box.append(h);
      if (f.paragraph && f.startChar < f.endChar) box.append(el('p', 'place', place(f.paragraph)));
      box.append(el('p', 'msg', f.message), fixes(Object.assign({ id }, f)), clause(f));
      tip.append(box);
    });
    tip.hidden = false;
    tipFor = m;
    const r = m.getBoundingClientRect();
    const w = tip.offsetWidth;
    const left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - w - 8));
    tip.style.left = left + 'px';
    tip.style.top = (window.scrollY + r.bottom + 6) + 'px';
  }

  function hideTip() {
    tip.hidden = true;
    tipFor = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      if (!tip.matches(':hover') && !tip.contains(document.activeElement) &&
          !(tipFor && (tipFor.matches(':hover') || tipFor === document.activeElement))) hideTip();
    }, 250);
  }

  view.addEventListener('mouseover', (e) => {
    const m = e.target.closest('mark.hl');
    if (m && m !== tipFor) showTip(m);
  });
  view.addEventListener('mouseout', (e) => { if (e.target.closest('mark.hl')) hideSoon(); });
  view.addEventListener('focusin', (e) => { const m = e.target.closest('mark.hl'); if (m) showTip(m); });
  view.addEventListener('focusout', hideSoon);
  view.addEventListener('keydown', (e) => {
    const m = e.target.closest('mark.hl');
    if (!m) return;
    if (e.key === 'Enter' || e.key === ' ') {
      // Move into the tip, where the fixes are.
      e.preventDefault();
      if (tipFor !== m) showTip(m);
      const b = tip.querySelector('button, a');
      if (b) b.focus();
    } else if (e.key === 'Escape') {
      hideTip();
    }
  });
  tip.addEventListener('mouseleave', hideSoon);
  tip.addEventListener('focusout', hideSoon);
  tip.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && tipFor) {
      const m = tipFor;
      hideTip();
      m.focus();
    }
  });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !tip.hidden) hideTip(); });

  // ---- input ----

  form.addEventListener('submit', (e) => { e.preventDefault(); check(); });
  draft.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); check(); }
  });
  draft.addEventListener('input', () => {
    if (last) stale.hidden = draft.value === last.text;
  });

  // A text file goes into the draft, to edit and fix with one click. A
  // file from an old Windows editor may be in Windows-1251: when UTF-8
  // gives replacement characters, read it again in that encoding.
  // Anything else (.docx, .odt, .html, or a file yasno may refuse, such as
  // a PDF) is read by the server: the page sends the file, shows the text
  // the server read, read-only, and checks at once.
  const textTypes = /\.(txt|text|md|markdown)$/i;
  let textFormat = 'text'; // the format chosen for pasted text, kept while a document is open

  file.addEventListener('change', () => {
    const f = file.files[0];
    if (!f) return;
    hideError();
    if (!textTypes.test(f.name)) {
      openDoc(f);
      return;
    }
    read(f, 'utf-8').then((t) => (t.includes('\uFFFD') ? read(f, 'windows-1251') : t)).then((t) => {
      closeDoc();
      draft.value = t;
      format.value = /\.(md|markdown)$/i.test(f.name) ? 'markdown' : 'text';
      fileName.textContent = f.name;
      setStatus('Открыт файл «' + f.name + '». Нажмите «Проверить».');
      if (last) stale.hidden = false;
      draft.focus();
    }, () => showError('Не удалось прочитать файл. Сохраните его как текст (.txt) и попробуйте снова.'));
  });

  function openDoc(f) {
    if (!doc) textFormat = format.value;
    doc = f;
    draft.value = '';
    draft.readOnly = true;
    draft.placeholder = 'Текст появится здесь, когда сервер прочитает файл «' + f.name + '».';
    format.value = 'document';
    format.disabled = true;
    hideTip();
    fileName.textContent = f.name;
    fileClose.hidden = false;
    stale.hidden = true;
    check();
  }

  function closeDoc() {
    if (!doc) return;
    doc = null;
    seq++; // an answer still on its way is for the closed file
    setBusy(false);
    draft.readOnly = false;
    draft.placeholder = draftHint;
    format.value = textFormat;
    format.disabled = false;
    fileName.textContent = fileHint;
    fileClose.hidden = true;
    file.value = '';
    if (last && last.doc) draft.value = '';
  }

  fileClose.addEventListener('click', () => {
    closeDoc();
    setStatus('Файл закрыт. Вставьте текст черновика.');
    draft.focus();
  });

  function read(f, enc) {
    return new Promise((ok, fail) => {
      const r = new FileReader();
      r.onload = () => ok(String(r.result));
      r.onerror = () => fail(r.error);
      r.readAsText(f, enc);
    });
  }

  // ---- helpers ----

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function shorten(s, n) {
    s = s.replace(/\s+/g, ' ').trim();
    return s.length > n ? s.slice(0, n - 1) + '…' : s;
  }

  function plural(n, one, few, many) {
    const m = n % 100, d = n % 10;
    let w = many;
    if (m < 11 || m > 14) {
      if (d === 1) w = one;
      else if (d >= 2 && d <= 4) w = few;
    }
    return n + ' ' + w;
  }
})();
