import { pino, type Logger } from 'pino';

/** JSON logs on stderr, so the console adapter's stdout carries only the conversation. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'trellis' }, redact: ['*.token', '*.botToken', '*.notes', '*.answer', '*.phone'] }, pino.destination(2));
}

export type { Logger };
