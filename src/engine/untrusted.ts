/**
 * Spotlighting: data from events, documents and tools reaches the model fenced and labelled as
 * data, apart from instructions. Markers inside the data are neutralised so it cannot close the fence.
 */
export function untrusted(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  const safe = text.replaceAll('<<', '‹‹').replaceAll('>>', '››');
  return `<<untrusted_data>>\n${safe}\n<</untrusted_data>>`;
}
