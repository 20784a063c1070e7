// The review page's script (tools/review.cc embeds it): filters by category,
// rule and text, a tooltip per edit, keyboard moves. The filters live in the
// URL's fragment (#cat=ad&rule=ID&q=TEXT&edited=1), so that a view can be
// linked to. It only reads the page: every document text is in the HTML,
// escaped, and is never parsed as markup here.
'use strict';
(() => {
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) =>
    Array.from(root.querySelectorAll(selector));

  const search = $('#q');
  const categorySelect = $('#cat');
  const ruleSelect = $('#rule');
  const editedBox = $('#edited');
  const status = $('#status');
  const state = {cat: '', rule: '', q: '', edited: false};

  const cards = $$('details.doc').map((el) => {
    const text = $('.text', el);
    return {
      el,
      text,
      edits: $$('.edit', el),
      haystack: (el.dataset.id + '\n' + text.textContent).toLowerCase(),
    };
  });
  const rules = new Map(
      $$('option', ruleSelect).filter((o) => o.value).map((o) => [
        o.value, o.dataset,
      ]));
  // The tooltip below says more than a title attribute can.
  for (const card of cards) {
    for (const edit of card.edits) edit.removeAttribute('title');
  }

  // ---- filters --------------------------------------------------------------

  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    state.cat = params.get('cat') || '';
    state.rule = params.get('rule') || '';
    state.q = params.get('q') || '';
    state.edited = params.get('edited') === '1';
  }

  function writeHash() {
    const params = new URLSearchParams();
    if (state.cat) params.set('cat', state.cat);
    if (state.rule) params.set('rule', state.rule);
    if (state.q) params.set('q', state.q);
    if (state.edited) params.set('edited', '1');
    const hash = params.toString();
    try {
      history.replaceState(null, '',
          hash ? '#' + hash : location.pathname + location.search);
    } catch (e) {
      // Some browsers refuse history changes on file: pages; the view
      // still works, it just cannot be linked to.
    }
  }

  function highlightMatches(needle) {
    if (!window.CSS || !CSS.highlights || typeof Highlight !== 'function') {
      return 0;
    }
    CSS.highlights.delete('tw-search');
    if (!needle) return 0;
    const ranges = [];
    for (const card of cards) {
      if (card.el.hidden) continue;
      const walker = document.createTreeWalker(card.text, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.data.toLowerCase();
        for (let at = text.indexOf(needle); at !== -1 && ranges.length < 10000;
          at = text.indexOf(needle, at + needle.length)) {
          if (at + needle.length > node.data.length) break;
          const range = new Range();
          range.setStart(node, at);
          range.setEnd(node, at + needle.length);
          ranges.push(range);
        }
      }
    }
    CSS.highlights.set('tw-search', new Highlight(...ranges));
    return ranges.length;
  }

  function apply(updateHash) {
    const needle = state.q.toLowerCase();
    const filtered = Boolean(state.cat || state.rule);
    let shownDocs = 0;
    let shownEdits = 0;
    for (const card of cards) {
      let lit = 0;
      for (const edit of card.edits) {
        const on = (!state.cat || edit.dataset.cat === state.cat) &&
            (!state.rule || edit.dataset.rule === state.rule);
        edit.classList.toggle('off', !on);
        if (on) lit++;
      }
      const show = (!filtered || lit > 0) &&
          (!state.edited || card.edits.length > 0) &&
          (!needle || card.haystack.includes(needle));
      card.el.hidden = !show;
      if (show) {
        shownDocs++;
        shownEdits += lit;
      }
    }
    const matches = highlightMatches(needle);
    let text = `${shownDocs} of ${cards.length} documents · ` +
        `${shownEdits} edits marked`;
    if (needle) text += ` · ${matches} matches`;
    if (state.rule) text += ` · rule ${state.rule}`;
    if (state.cat) text += ` · category ${state.cat}`;
    status.textContent = text;
    status.dataset.docs = String(shownDocs);
    status.dataset.edits = String(shownEdits);

    search.value = state.q;
    categorySelect.value = state.cat;
    ruleSelect.value = state.rule;
    editedBox.checked = state.edited;
    for (const button of $$('.rule-link')) {
      button.setAttribute('aria-pressed',
          String(button.dataset.rule === state.rule));
    }
    for (const bar of $$('.chart .bar')) {
      bar.classList.toggle('on', bar.dataset.cat === state.cat);
    }
    if (updateHash) writeHash();
  }

  function setFilter(changes) {
    Object.assign(state, changes);
    apply(true);
  }

  function toggleRule(rule) {
    setFilter({rule: state.rule === rule ? '' : rule});
  }

  function toggleCategory(cat) {
    setFilter({cat: state.cat === cat ? '' : cat});
  }

  search.addEventListener('input', () => setFilter({q: search.value}));
  categorySelect.addEventListener('change',
      () => setFilter({cat: categorySelect.value}));
  ruleSelect.addEventListener('change',
      () => setFilter({rule: ruleSelect.value}));
  editedBox.addEventListener('change',
      () => setFilter({edited: editedBox.checked}));
  $('#clear').addEventListener('click',
      () => setFilter({cat: '', rule: '', q: '', edited: false}));
  $('#expand').addEventListener('click', () => {
    for (const card of cards) card.el.open = true;
  });
  $('#collapse').addEventListener('click', () => {
    for (const card of cards) card.el.open = false;
  });
  for (const button of $$('.rule-link')) {
    button.addEventListener('click', () => toggleRule(button.dataset.rule));
  }
  for (const button of $$('.more-rules')) {
    button.addEventListener('click', () => {
      const more = $('.rules tbody.more');
      more.hidden = !more.hidden;
      button.setAttribute('aria-expanded', String(!more.hidden));
      button.textContent = more.hidden ? button.dataset.label : 'Show fewer';
    });
    button.dataset.label = button.textContent;
  }
  for (const bar of $$('.chart .bar')) {
    bar.addEventListener('click', () => toggleCategory(bar.dataset.cat));
    bar.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggleCategory(bar.dataset.cat);
      }
    });
  }
  window.addEventListener('hashchange', () => {
    readHash();
    apply(false);
  });

  // ---- the tooltip ----------------------------------------------------------

  const tip = document.createElement('div');
  tip.id = 'tip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.append(tip);

  function line(className, text) {
    const div = document.createElement('div');
    div.className = className;
    div.textContent = text;
    return div;
  }

  let tipAnchor = null;  // the edit the tooltip is about

  function showTip(edit) {
    tipAnchor = edit;
    const rule = rules.get(edit.dataset.rule) || {};
    const chip = document.createElement('span');
    chip.className = 'chip c-' + edit.dataset.cat;
    chip.textContent = edit.dataset.cat;
    const kind = line('tip-line', rule.kind ? ` ${rule.kind} rule` : '');
    kind.prepend(chip);
    tip.replaceChildren(line('tip-rule', edit.dataset.rule), kind);
    if (rule.src) tip.append(line('tip-line', rule.src));
    if (rule.desc) tip.append(line('tip-line', rule.desc));
    const replacement = $('ins', edit);
    if (replacement) {
      tip.append(line('tip-line', 'becomes ' + replacement.textContent));
    }
    tip.append(line('tip-hint', state.rule === edit.dataset.rule ?
        'Click to show every rule again' : 'Click to show only this rule'));
    tip.hidden = false;
    const box = edit.getClientRects()[0] || edit.getBoundingClientRect();
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    let left = Math.min(box.left, window.innerWidth - width - 8);
    let top = box.bottom + 6;
    if (top + height > window.innerHeight - 8) top = box.top - height - 6;
    tip.style.left = Math.max(8, left) + 'px';
    tip.style.top = Math.max(8, top) + 'px';
  }

  function hideTip() {
    tip.hidden = true;
    tipAnchor = null;
  }

  const liveEdit = (target) => {
    const edit = target instanceof Element ? target.closest('.edit') : null;
    return edit && !edit.classList.contains('off') ? edit : null;
  };
  // The tooltip of the focused edit stays until the focus moves; one of a
  // hovered edit goes with the pointer.
  const focusedTip = () => tipAnchor && tipAnchor === document.activeElement;
  document.addEventListener('pointerover', (event) => {
    const edit = liveEdit(event.target);
    if (edit) showTip(edit);
    else if (!focusedTip()) hideTip();
  });
  document.addEventListener('focusin', (event) => {
    const edit = liveEdit(event.target);
    if (edit) showTip(edit);
  });
  document.addEventListener('focusout', hideTip);
  window.addEventListener('scroll', () => {
    if (focusedTip() || (tipAnchor && tipAnchor.matches(':hover'))) {
      showTip(tipAnchor);  // follows its edit
    } else {
      hideTip();
    }
  }, {passive: true});
  document.addEventListener('click', (event) => {
    const edit = liveEdit(event.target);
    if (!edit || window.getSelection().toString()) return;
    toggleRule(edit.dataset.rule);
    hideTip();
  });

  // ---- keys -----------------------------------------------------------------

  function visibleCards() {
    return cards.filter((card) => !card.el.hidden);
  }

  // The card holding the focus, else the first one in view.
  function currentIndex(shown) {
    const focused =
        shown.findIndex((card) => card.el.contains(document.activeElement));
    if (focused !== -1) return {at: focused, focused: true};
    const inView = shown.findIndex(
        (card) => card.el.getBoundingClientRect().bottom > 80);
    return {at: inView === -1 ? shown.length - 1 : inView, focused: false};
  }

  function moveCard(step) {
    const shown = visibleCards();
    if (!shown.length) return;
    const current = currentIndex(shown);
    // From no focus, j goes to the card in view and k to the one before.
    const at = current.focused || step < 0 ? current.at + step : current.at;
    const next = shown[Math.max(0, Math.min(shown.length - 1, at))];
    $('summary', next.el).focus({preventScroll: true});
    next.el.scrollIntoView({block: 'start'});
  }

  function moveEdit(step) {
    const live = visibleCards().flatMap(
        (card) => card.edits.filter((edit) => !edit.classList.contains('off')));
    if (!live.length) return;
    let at = live.indexOf(document.activeElement);
    at = at === -1 ? (step > 0 ? 0 : live.length - 1) :
        (at + step + live.length) % live.length;
    const edit = live[at];
    edit.closest('details').open = true;
    edit.focus({preventScroll: true});
    edit.scrollIntoView({block: 'center'});
    showTip(edit);
  }

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target instanceof Element &&
        event.target.matches('input, select, textarea');
    if (event.key === 'Escape') {
      hideTip();
      if (typing) {
        event.target.blur();
      } else {
        setFilter({cat: '', rule: '', q: ''});
      }
      return;
    }
    if (typing) return;
    const actions = {
      '/': () => {
        search.focus();
        search.select();
      },
      'j': () => moveCard(1),
      'k': () => moveCard(-1),
      'n': () => moveEdit(1),
      'p': () => moveEdit(-1),
      'o': () => {
        const shown = visibleCards();
        if (!shown.length) return;
        const card = shown[currentIndex(shown).at];
        card.el.open = !card.el.open;
      },
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  readHash();
  // A link may name a rule or category that this sample lacks.
  for (const [select, value] of [[ruleSelect, state.rule],
    [categorySelect, state.cat]]) {
    if (value && !$$('option', select).some((o) => o.value === value)) {
      const option = document.createElement('option');
      option.value = option.textContent = value;
      select.append(option);
    }
  }
  apply(false);
  document.documentElement.dataset.ready = '1';
})();
