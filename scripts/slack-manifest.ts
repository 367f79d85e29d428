// Prints slack-manifest.json with every request and redirect URL under TRELLIS_PUBLIC_URL, ready
// to paste at api.slack.com/apps: `TRELLIS_PUBLIC_URL=https://trellis.example.org npm run slack:manifest`.
import { readFileSync } from 'node:fs';
import { loadEnv } from '../src/config/env.js';
import { slackManifest } from '../src/config/slack-manifest.js';

const template = JSON.parse(readFileSync(new URL('../slack-manifest.json', import.meta.url), 'utf8')) as unknown;
process.stdout.write(`${JSON.stringify(slackManifest(template, loadEnv().TRELLIS_PUBLIC_URL), null, 2)}\n`);
