// The words of the demo's time-bank activity: what neighbours write when they propose, record,
// adjust, decline or cancel an exchange, and what donors and coordinators write on the ledger.
// `{name}` is the other person's first name, `{when}` a time, `{street}` the writer's street,
// `{skill}` the skill in lower case.

export const PROPOSALS = {
  /** Asking for the help someone offered. */
  askOffer: [
    'Hi {name}, I saw your offer and would love some help. Are you free {when}?',
    'Hello {name}, this is just what I need. I am on {street}, so not far. Let me know what time works.',
    'Hi {name}, could you help me with this? I am free {when}.',
  ],
  /** Offering to do what someone asked for. */
  answerRequest: [
    'Hi {name}, I can help with this. I am free {when}.',
    'Hello {name}, happy to give you a hand. I live on {street}, just round the corner.',
    'Hi {name}, I have done this plenty of times and would be glad to help. I could come {when}.',
  ],
  /** Suggesting your own offer to someone who could use it. */
  inviteToOffer: [
    'Hi {name}, I heard you could do with some help with {skill}. Happy to help if you would like.',
    'Hello {name}, a neighbour mentioned you might want a hand with {skill}. I am free {when}.',
  ],
  /** Asking someone in particular to take up your request. */
  inviteToRequest: [
    'Hi {name}, a neighbour said you are good at {skill}. Could you help me with this?',
    'Hello {name}, I saw {skill} on your profile. Would you be able to help me {when}?',
  ],
} as const;

export const WHEN = ['on Saturday morning', 'one evening this week', 'on Tuesday afternoon', 'early next week', 'at the weekend', 'on Thursday after 4'] as const;

export const DONE_NOTES = [
  '', 'All done. It took a little longer than planned.', 'Lovely to meet you. Everything is sorted.',
  'Finished. I left the spare screws in the kitchen drawer.', 'Done! Give me a shout if anything comes loose.',
] as const;

export const ADJUST_NOTES = [
  'We stopped for a long lunch in the middle, so I think an hour and a half is fairer.',
  'Part of that time was waiting for the shop to open. Happy to count the rest.',
  'I think we finished a bit before the time recorded. Does this seem right to you?',
] as const;

export const DECLINE_REASONS = [
  'Sorry, I am away for the next fortnight.', 'I am afraid I do not have the right tools for this one.',
  'Sorry, my shifts have changed and I cannot make it work at the moment.',
] as const;

export const CANCEL_REASONS = [
  'My son sorted it out at the weekend after all. Thank you anyway!', 'The appointment has moved to next month, so I no longer need this.',
  'Sorry, I have hurt my wrist and cannot do it for a while.',
] as const;

export const APPROVAL_NOTES = ['Both are known to us and the DBS check is current. Approved.', 'Approved. Please let me know how the first visit goes.'] as const;

export const DONATION_NOTES = [
  'For anyone who needs a hand and cannot give time back just now.', 'I have more hours than I will ever spend. Please pass them on.',
  'In memory of my mum, who loved this street.', 'A thank-you to the neighbours who helped us when the baby came.',
  'For the lifts to hospital fund.', '',
] as const;

export const GRANT_REASONS = [
  'So {name} can keep getting lifts to hospital while recovering from an operation, without worrying about the balance.',
  'Help for {name} while caring full time for a partner, who has little time to give back at the moment.',
  '{name} has just moved into the area after a difficult year: a start so they can ask for help settling in.',
  'For {name}, who is housebound this winter and relies on neighbours for shopping and company.',
] as const;

/** Proxy recordings by skill: what the coordinator wrote. `{offline}` is the member who is not online. */
export const PROXY_TEXTS: Readonly<Record<string, string>> = {
  'lifts-to-appointments': 'Lift to the eye clinic at the Royal Shrewsbury and back. Recorded for {offline}, who does not use the internet.',
  gardening: 'Cut back the hedge and cleared the front path. {offline} rang the coordinators’ phone to have it recorded.',
  'form-filling': 'Helped fill in the blue badge renewal form at the Tuesday drop-in. Recorded for {offline}, who has no computer.',
  'diy-repairs': 'Fixed the dripping kitchen tap and rehung the bathroom door. Recorded for {offline}, who does not use email.',
  'letter-writing': 'Wrote a letter to the housing association about the broken boiler. Recorded for {offline} at the drop-in.',
  'lawn-mowing': 'Mowed the front and back lawns. Recorded for {offline}, who phoned us and has no smartphone.',
};

export const PROXY_FALLBACK = 'Help with {skill}. Recorded for {offline}, who is not online.';

/** Group activities paid by the community fund, by skill. */
export const FUND_GROUP_TITLES: Readonly<Record<string, string>> = {
  'litter-picking': 'Spring litter pick along the river path',
  'event-helping': 'Setting up and running the community fun day',
  gardening: 'Planting the new beds outside the library',
};

/** Group activities an organisation pays for, matched to it by name, with their skill. */
export const ORGANISATION_GROUPS: readonly { name: RegExp; slug: string; title: string }[] = [
  { name: /garden|allotment/i, slug: 'gardening', title: 'Saturday work morning: clearing the orchard' },
  { name: /school/i, slug: 'reading-together', title: 'Reading morning with Year 2' },
  { name: /surgery|health/i, slug: 'event-helping', title: 'Stewards for the flu vaccination clinic' },
];

/** Fills in a text's placeholders. */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
