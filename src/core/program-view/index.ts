import type { CommandSpec } from '../commands/types.js';
import { exportCsvCommand } from './export-command.js';
import { overviewCommand } from './overview-command.js';

export const programViewCommands: CommandSpec[] = [overviewCommand, exportCsvCommand];
