import { z } from 'zod';
import { InteractionKind } from './limits.js';

// The parts of Discord's interaction object the adapter reads (receiving-and-responding.mdx);
// unknown fields are ignored, so new Discord fields never break parsing.

export const ZUser = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  username: z.string(),
  global_name: z.string().nullish(),
});

const ZMember = z.object({ user: ZUser, nick: z.string().nullish(), permissions: z.string().optional() });

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

const ZOption: z.ZodType<CommandOption> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.number().int(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(ZOption).optional(),
  }),
);

export const ZCommandData = z.object({
  name: z.string(),
  type: z.number().int().optional(),
  options: z.array(ZOption).optional(),
});

export const ZComponentData = z.object({
  custom_id: z.string().min(1).max(100),
  component_type: z.number().int(),
  values: z.array(z.string()).optional(),
});

export interface SubmittedComponent {
  type: number;
  custom_id?: string;
  value?: string | boolean | null;
  values?: string[];
  component?: SubmittedComponent;
  components?: SubmittedComponent[];
}

const ZSubmitted: z.ZodType<SubmittedComponent> = z.lazy(() =>
  z.object({
    type: z.number().int(),
    custom_id: z.string().optional(),
    value: z.union([z.string(), z.boolean()]).nullish(),
    values: z.array(z.string()).optional(),
    component: ZSubmitted.optional(),
    components: z.array(ZSubmitted).optional(),
  }),
);

export const ZModalData = z.object({ custom_id: z.string().min(1).max(100), components: z.array(ZSubmitted) });

export const ZInteraction = z.object({
  id: z.string(),
  application_id: z.string().optional(),
  type: z.number().int().min(1),
  token: z.string().min(1),
  guild_id: z.string().optional(),
  guild: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  channel_id: z.string().optional(),
  channel: z.object({ id: z.string() }).optional(),
  member: ZMember.optional(),
  user: ZUser.optional(),
  data: z.unknown().optional(),
  /** With a button press: the message that carried the button (updated once the press is answered). */
  message: z
    .object({
      content: z.string().optional(),
      embeds: z.array(z.unknown()).optional(),
      components: z.array(z.object({ components: z.array(z.object({ custom_id: z.string().optional(), label: z.string().optional() }).loose()).optional() }).loose()).optional(),
    })
    .loose()
    .optional(),
});

export type Interaction = z.infer<typeof ZInteraction>;
export type DiscordUser = z.infer<typeof ZUser>;

/** `member` is sent in guilds and `user` in DMs. */
export const interactionUser = (i: Interaction): DiscordUser | undefined => i.member?.user ?? i.user;

/** Nickname in the server, else the global display name, else the username. */
export const displayNameOf = (i: Interaction): string => {
  const user = interactionUser(i);
  return i.member?.nick ?? user?.global_name ?? user?.username ?? 'Someone';
};

export const channelOf = (i: Interaction): string | undefined => i.channel_id ?? i.channel?.id;

export const isKnownKind = (type: number): boolean => Object.values(InteractionKind).includes(type as never);
