import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openFormId } from '../../../src/adapters/discord/custom-id.js';
import { FormStash } from '../../../src/adapters/discord/form-stash.js';
import { createRedisFormStore } from '../../../src/adapters/discord/redis-form-store.js';
import { MORE_INPUT_ID } from '../../../src/adapters/discord/render-form.js';
import type { Form } from '../../../src/core/messages/model.js';
import { createCipher } from '../../../src/security/crypto.js';
import { uniqueName } from '../../support/db.js';
import { deleteRedisPrefix } from '../../support/redis-prefix.js';

// Discord forms kept for a later click or submission live in Redis, sealed: a second web process,
// or this one after a restart, takes the submission; nothing is in process memory only.
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
const prefix = `{${uniqueName('forms')}}`;
const cipher = createCipher(Buffer.alloc(32, 9));
const store = createRedisFormStore(() => redis, cipher, prefix);
const form: Form = {
  id: 'log-call',
  title: 'Log a call',
  submitLabel: 'Log it',
  context: 'enr-1',
  inputs: [
    { kind: 'text', id: 'duration', label: 'How long?', initial: 'half an hour' },
    { kind: 'multiline', id: 'notes', label: 'Private notes', initial: 'We talked about the Lee family' },
  ],
};

afterAll(async () => {
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
});

describe('stashed Discord forms shared through Redis', () => {
  it('a form stashed by one process is found by another, from the open-form button or the combined box', async () => {
    const first = new FormStash(Date.now, 60_000, 100, store);
    const key = first.put({ form, guildId: 'g1' });
    await first.flush();
    const second = new FormStash(Date.now, 60_000, 100, store);
    expect(second.get(key)).toBeUndefined();
    await second.prefetch({ custom_id: openFormId('g1', key) });
    expect(second.get(key)).toEqual({ form, guildId: 'g1' });
    const third = new FormStash(Date.now, 60_000, 100, store);
    await third.prefetch({ custom_id: 'f|x', components: [{ type: 18, component: { custom_id: `${MORE_INPUT_ID}|${key}` } }] });
    expect(third.get(key)?.form.inputs[1]).toMatchObject({ initial: 'We talked about the Lee family' });
  });

  it('keeps what was typed sealed in Redis, with the stash’s time to live', async () => {
    const stash = new FormStash(Date.now, 60_000, 100, store);
    const key = stash.put({ form });
    await stash.flush();
    const raw = await redis.get(`${prefix}:discord-form:${key}`);
    expect(raw).not.toContain('Lee family');
    expect(await redis.pttl(`${prefix}:discord-form:${key}`)).toBeGreaterThan(50_000);
  });
});
