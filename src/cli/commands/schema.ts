import path from 'node:path';
import type { Command } from 'commander';
import { writeJsonSchemas } from '../../project/index.ts';

export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('write the JSON Schemas of every definition file kind (for editors and CI)')
    .option('--out <dir>', 'output folder', 'schemas')
    .action((options: { out: string }) => {
      for (const file of writeJsonSchemas(options.out)) process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
    });
}
