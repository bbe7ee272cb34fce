import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_TABLE, commandNamed } from '../../src/cli/command-table.ts';

describe('the lazy command table', () => {
  it('says of each command what its module registers, and every module registers what the table names', async () => {
    for (const entry of COMMAND_TABLE) {
      const program = new Command();
      await entry.load(program);
      expect(program.commands.map((c) => [c.name(), c.description()])).toEqual(entry.names);
    }
  });

  it('finds the command past global options and their values', () => {
    expect(commandNamed(['--project', 'gate', 'run', '--case', 'x'])).toBe('run');
    expect(commandNamed(['--init', 'runs'])).toBe('runs');
    expect(commandNamed(['help', 'gate'])).toBe('gate');
    expect(commandNamed(['--help'])).toBeUndefined();
  });
});

describe('colour', () => {
  it('only for a terminal, never under NO_COLOR, always under FORCE_COLOR', async () => {
    const { colourOn, paint } = await import('../../src/cli/colour.ts');
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const pipe = { isTTY: false } as NodeJS.WriteStream;
    const env = { ...process.env };
    try {
      delete process.env.NO_COLOR;
      delete process.env.FORCE_COLOR;
      process.env.TERM = 'xterm';
      expect([colourOn(tty), colourOn(pipe)]).toEqual([true, false]);
      expect(paint('gate FAILED', 'red', pipe)).toBe('gate FAILED');
      expect(paint('gate FAILED', 'red', tty)).toBe('\u001b[31mgate FAILED\u001b[39m');
      process.env.NO_COLOR = '1';
      expect(colourOn(tty)).toBe(false);
      delete process.env.NO_COLOR;
      process.env.FORCE_COLOR = '1';
      expect(colourOn(pipe)).toBe(true);
    } finally {
      process.env = env;
    }
  });
});
