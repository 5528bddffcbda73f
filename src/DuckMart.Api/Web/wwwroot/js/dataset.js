// What the loaded data holds (GET /dataset/vocabulary): the header's line on the data's range, and the
// suggestions the builder offers (event names, attribute values, value ranges), most common first.

import { h, formatNumber } from './dom.js';

/** The vocabulary, or null when the server cannot say (the builder then suggests nothing). */
export async function loadVocabulary() {
  try {
    const response = await fetch('/dataset/vocabulary', { headers: { Accept: 'application/json' } });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

const day = instant => String(instant).slice(0, 10);

/** "10,000 users · 512,345 events from 2025-12-07 to 2026-12-07 (UTC)", or why not. */
export function describe(vocabulary) {
  const data = vocabulary?.dataset;
  if (!data) return 'The loaded data could not be read.';
  const users = `${formatNumber(data.users)} user${data.users === 1 ? '' : 's'}`;
  if (!data.firstEvent) return `${users}, no events`;
  return `${users} · ${formatNumber(data.events)} events from ${day(data.firstEvent)} to ${day(data.lastEvent)} (UTC)`;
}

/** Fills one datalist per suggested field (event-names, values-location, …) with the data's words and counts. */
export function fillSuggestions(document, vocabulary) {
  const lists = { 'event-names': vocabulary?.events?.items ?? [] };
  for (const [field, list] of Object.entries(vocabulary?.values ?? {})) lists[`values-${field}`] = list.items ?? [];
  for (const [id, items] of Object.entries(lists)) {
    let list = document.getElementById(id);
    if (!list) {
      list = h('datalist', { id });
      document.body.append(list);
    }
    list.replaceChildren(...items.map(i => h('option', { value: i.value, label: `${formatNumber(i.count)}` })));
  }
}

/** The datalist id with suggestions for an attribute field, or undefined when the data lists none. */
export function valueListId(field, vocabulary) {
  return vocabulary?.values?.[field] ? `values-${field}` : undefined;
}

/** A placeholder from the field's range in the data ("24 to 40"), or null. */
export function rangeHint(field, vocabulary) {
  const range = vocabulary?.ranges?.[field];
  return range && range.min != null ? `${range.min} to ${range.max}` : null;
}
