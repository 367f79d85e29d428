import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { slackManifest } from '../../../src/config/slack-manifest.js';

describe('npm run slack:manifest', () => {
  it('puts every request and redirect URL under TRELLIS_PUBLIC_URL and leaves nothing at the placeholder', () => {
    const manifest = JSON.parse(readFileSync('slack-manifest.json', 'utf8'));
    const text = JSON.stringify(slackManifest(manifest, 'https://mentor.example.org/trellis/'));
    expect(text).not.toContain('trellis.example.com');
    expect(text.match(/https:\/\/mentor\.example\.org\/trellis\/slack\/events/g)).toHaveLength(3);
    expect(text).toContain('https://mentor.example.org/trellis/slack/oauth_redirect');
  });
});
