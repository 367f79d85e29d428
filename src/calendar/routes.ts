// GET /calendar/meetings/<id>.ics — one cohort meeting's invite (linked from announcements and
// reminders); GET /calendar/<token>.ics — a person's private feed. Both read through the store's
// ports; an unknown meeting or token (including one replaced by `/mentor calendar reset`) is 404.
import type { Express, Response } from 'express';
import { meetingEvent } from '../core/calendar/meeting-event.js';
import { loadFeed } from '../core/calendar/feed.js';
import type { Clock } from '../core/ports/clock.js';
import type { Logger } from '../core/ports/logger.js';
import type { Store } from '../core/ports/repositories.js';
import { tokenHash, TOKEN_SHAPE } from './feed-token.js';
import { toIcs } from './ics.js';

export interface CalendarRouteDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sendIcs(res: Response, body: string, filename: string): void {
  res.set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `inline; filename="${filename}"`, 'Cache-Control': 'private, max-age=300', 'X-Robots-Tag': 'noindex' });
  res.send(body);
}

export function mountCalendar(deps: CalendarRouteDeps): (app: Express) => void {
  return (app) => {
    app.get('/calendar/meetings/:file', async (req, res, next) => {
      try {
        const id = /^(.+)\.ics$/.exec(req.params.file)?.[1];
        if (!id || !UUID.test(id)) return void res.status(404).type('text/plain').send('No such meeting.');
        const meeting = await deps.store.cohorts.getMeeting(id.toLowerCase());
        const cohort = meeting && (await deps.store.cohorts.findById(meeting.cohortId));
        if (!meeting || !cohort) return void res.status(404).type('text/plain').send('No such meeting.');
        // Shown in UTC: the invite is shared in a channel, and each calendar converts to its owner's zone.
        sendIcs(res, toIcs(`${cohort.name} peer meeting`, 'UTC', [meetingEvent(meeting, cohort.name, 'UTC')], deps.clock.now()), `meeting-${meeting.id.slice(0, 8)}.ics`);
      } catch (error) {
        next(error);
      }
    });
    app.get('/calendar/:file', async (req, res, next) => {
      try {
        const token = /^(.+)\.ics$/.exec(req.params.file)?.[1];
        const personId = token && TOKEN_SHAPE.test(token) ? await deps.store.calendarFeeds.personByTokenHash(tokenHash(token)) : null;
        const feed = personId ? await loadFeed(deps.store, personId, deps.clock.now()) : null;
        if (!feed) return void res.status(404).type('text/plain').send('No such calendar.');
        sendIcs(res, toIcs(feed.name, feed.timeZone, feed.events, deps.clock.now()), 'trellis.ics');
      } catch (error) {
        deps.logger.error({ err: error }, 'calendar feed failed');
        next(error);
      }
    });
  };
}
