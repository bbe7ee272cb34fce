import { styleText } from 'node:util';

type Style = 'green' | 'red' | 'yellow' | 'bold' | 'dim';

/**
 * Colour for people at a terminal: status words and marks. None when the output is piped or
 * redirected (CI logs, files, tests), under NO_COLOR, or on a dumb terminal; FORCE_COLOR turns it on.
 */
export function paint(text: string, style: Style, stream: NodeJS.WriteStream = process.stdout): string {
  return colourOn(stream) ? styleText(style, text, { validateStream: false }) : text;
}

export function colourOn(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && process.env.TERM !== 'dumb';
}
