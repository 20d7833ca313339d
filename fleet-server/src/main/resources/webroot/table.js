// Table cells for the console's lists. Values go in as text only, never as markup.
export function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text ?? '–';
  if (cls) td.className = cls;
  return td;
}

/** A row saying the list is empty, across {@code columns} columns. */
export function emptyRow(text, columns) {
  const tr = document.createElement('tr');
  const td = cell(text);
  td.colSpan = columns;
  tr.append(td);
  return tr;
}

/**
 * What an empty list says: "none yet", or "none match" when the person's own filter ({@code filtered})
 * left nothing, so an empty page never suggests that the data itself is missing.
 */
export function noneText(table, filtered) {
  return filtered && table.dataset.noneMatching ? table.dataset.noneMatching : table.dataset.none;
}

/** The words for a device's lifecycle (in_stock, loaned, …) from the element's data-lifecycle-* attributes. */
export function lifecycleWords(el, lifecycle) {
  const key = 'lifecycle' + lifecycle.split('_').map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : '_' + w)).join('');
  return el.dataset[key] ?? lifecycle;
}

/** A plain button that runs {@code action} when clicked. */
export function button(text, action) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', action);
  return b;
}
