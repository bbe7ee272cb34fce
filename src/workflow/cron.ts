import { Cron } from 'croner';

/** What is wrong with a cron expression (croner's words), or undefined when it reads. */
export function cronProblem(text: string): string | undefined {
  const fields = text.trim().split(/\s+/).length;
  if (fields < 5 || fields > 6) return `${fields} field(s); a cron expression has 5, or 6 with seconds first`;
  try {
    new Cron(text, { paused: true });
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^CronPattern: /, '');
  }
}
