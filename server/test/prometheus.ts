/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests: every line
 * must be empty, a HELP, a TYPE or a sample of a family whose TYPE came first, or parsing throws.
 */

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL_NAME = '[a-zA-Z_][a-zA-Z0-9_]*';
const LABEL_VALUE = '(?:[^"\\\\\\n]|\\\\[\\\\"n])*';
/** Go's ParseFloat, which Prometheus uses, reads Inf and NaN in any case (prom-client writes "Nan"). */
const VALUE = '(?:[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?[Ii][Nn][Ff]|[Nn][Aa][Nn])';
const HELP_LINE = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE_LINE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE_LINE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL_NAME}="${LABEL_VALUE}")(?:,${LABEL_NAME}="${LABEL_VALUE}")*)?,?\\})? (${VALUE})(?: -?\\d+)?$`);
const LABEL = new RegExp(`(${LABEL_NAME})="(${LABEL_VALUE})"`, 'g');

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Family name → type. */
  types: Map<string, string>;
  samples: Sample[];
  /** The value of the sample with exactly these labels, or undefined. */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

function parseValue(text: string): number {
  const lower = text.toLowerCase();
  if (lower.endsWith('inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  if (lower === 'nan') return NaN;
  return Number(text);
}

/** Parses `text`; throws with the line number on the first line that is not valid. */
export function parsePrometheusText(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const where = `line ${index + 1}: ${JSON.stringify(line)}`;
    if (line === '') return; // the format allows empty lines (prom-client puts one between families)
    if (line.startsWith('# HELP ')) {
      if (!HELP_LINE.test(line)) throw new Error(`bad HELP at ${where}`);
      return;
    }
    if (line.startsWith('#')) {
      const type = TYPE_LINE.exec(line);
      if (!type) throw new Error(`bad comment at ${where}`);
      if (types.has(type[1]!)) throw new Error(`second TYPE for ${type[1]} at ${where}`);
      types.set(type[1]!, type[2]!);
      return;
    }
    const sample = SAMPLE_LINE.exec(line);
    if (!sample) throw new Error(`bad sample at ${where}`);
    const name = sample[1]!;
    const family = [name, name.replace(/_(bucket|sum|count|total|created)$/, '')].find((n) => types.has(n));
    if (!family) throw new Error(`sample without a TYPE at ${where}`);
    const labels: Record<string, string> = {};
    for (const match of (sample[2] ?? '').matchAll(LABEL)) labels[match[1]!] = match[2]!;
    samples.push({ name, labels, value: parseValue(sample[3]!) });
  });
  return {
    types,
    samples,
    value(name, labels = {}) {
      const wanted = JSON.stringify(Object.entries(labels).sort());
      return samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted)?.value;
    },
  };
}
