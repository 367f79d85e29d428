import type { Logger } from '../../../src/core/ports/logger.js';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  context: Record<string, unknown>;
  message: string;
}

/** The core's Logger port, keeping every entry so a test can assert what was logged. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  info(context: object, message: string): void {
    this.entries.push({ level: 'info', context: context as Record<string, unknown>, message });
  }

  warn(context: object, message: string): void {
    this.entries.push({ level: 'warn', context: context as Record<string, unknown>, message });
  }

  error(context: object, message: string): void {
    this.entries.push({ level: 'error', context: context as Record<string, unknown>, message });
  }

  at(level: LogEntry['level']): LogEntry[] {
    return this.entries.filter((e) => e.level === level);
  }
}
