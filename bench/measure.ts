import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Wall time and peak RSS of a command, through GNU time when it is there. */
export function measure(cmd: string, args: string[], cwd: string, env: Record<string, string>): { seconds: number; peakMb: number | null } {
  const timeBin = '/usr/bin/time';
  const useTime = existsSync(timeBin);
  const t = performance.now();
  const r = useTime ? spawnSync(timeBin, ['-v', cmd, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 }) : spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Math.round(performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${(r.stderr ?? '').slice(-600)}`);
  const kb = useTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '')?.[1]) : NaN;
  return { seconds, peakMb: Number.isFinite(kb) ? Math.round(kb / 1000) : null };
}
