import type { Command } from 'commander';
import { scaffold, TEMPLATES, type TemplateName } from '../../init/index.ts';
import { tollgatePackage, UsageError } from '../../shared/index.ts';

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('start a project from a department template (support, finance, sre or blank); never overwrites a file')
    .argument('[dir]', 'the folder to start it in (made if missing)', '.')
    .option('--template <name>', `one of ${Object.keys(TEMPLATES).join(', ')}`, 'support')
    .action((dir: string, o: { template: string }) => {
      if (!(o.template in TEMPLATES)) throw new UsageError(`--template must be one of ${Object.keys(TEMPLATES).join(', ')}, not "${o.template}"`);
      const template = o.template as TemplateName;
      const done = scaffold(tollgatePackage(), dir, template);
      const lines = [`${template}: ${TEMPLATES[template].what}`, `wrote ${done.written.length} file(s) in ${dir}`];
      if (done.kept.length) lines.push(`kept ${done.kept.length} file(s) that were there: ${done.kept.join(', ')}`);
      lines.push('next: npm install, then npx tollgate gate (offline: scripted model replies, mocked tools)');
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
