import { describe, expect, it } from 'vitest';
import { clusterSlot, shardOf, shardPrefixes } from '../../../src/jobs/config.js';

describe('queue shards over Redis Cluster slots', () => {
  it("computes Redis Cluster's slot of a hash tag (CRC16 XMODEM mod 16384)", () => {
    // Values from Redis' own CLUSTER KEYSLOT.
    expect(clusterSlot('foo')).toBe(12182);
    expect(clusterSlot('123456789')).toBe(0x31c3 % 16384);
  });

  it('keeps the prefix as is with one shard, and gives N shards N hash tags in N equal slices of the slots', () => {
    expect(shardPrefixes('{trellis}', 1)).toEqual(['{trellis}']);
    const prefixes = shardPrefixes('{trellis}', 3);
    expect(new Set(prefixes).size).toBe(3);
    prefixes.forEach((p, i) => {
      const tag = /^\{([^}]+)\}$/.exec(p)![1]!;
      expect(tag.startsWith(`trellis-${i}`)).toBe(true);
      expect(Math.floor((clusterSlot(tag) * 3) / 16384)).toBe(i);
    });
    expect(shardPrefixes('{trellis}', 3)).toEqual(prefixes);
  });

  it('maps a workspace always to the same shard, and spreads many workspaces over all of them', () => {
    expect(shardOf('ws-1', 4)).toBe(shardOf('ws-1', 4));
    expect(shardOf('anything', 1)).toBe(0);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[shardOf(`workspace-${i}`, 4)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(60);
  });
});
