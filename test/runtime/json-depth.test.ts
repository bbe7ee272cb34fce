import { describe, expect, it } from 'vitest';
import { jsonDepth } from '../../src/runtime/json-depth.ts';

describe('JSON nesting depth, measured before parsing', () => {
  it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"text":"[[[[{{{{ \\" ]]]]"}')).toBe(1);
    expect(jsonDepth(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toBe(5000);
    expect(jsonDepth('"plain"')).toBe(0);
  });
});
