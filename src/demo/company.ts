/**
 * Northwind Labs, the fictional company `roost demo` brings to life: departments, people with
 * titles and managers, who follows whom, and a month of posts, replies, likes and reshares. Pure
 * and seeded, so every newcomer sees the same company.
 */
import { Random } from './random.js';

export interface DemoPerson {
  username: string;
  displayName: string;
  email: string;
  department: string;
  title: string;
  manager: string | null;
  bio: string;
  admin: boolean;
}

export interface DemoPost {
  key: number;
  author: string;
  text: string;
  at: number;
  replyTo: number | null;
  visibility: 'organization' | 'followers';
}

export interface DemoPlan {
  departments: string[];
  people: DemoPerson[];
  follows: Array<[follower: string, followed: string]>;
  tagFollows: Array<[person: string, tag: string]>;
  posts: DemoPost[];
  likes: Array<{ person: string; post: number; at: number }>;
  reshares: Array<{ person: string; post: number; at: number }>;
}

const DEPARTMENTS: Record<string, { head: string; manager: string; roles: string[]; tags: string[] }> = {
  Engineering: {
    head: 'VP of Engineering',
    manager: 'Engineering Manager',
    roles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Site Reliability Engineer', 'QA Engineer'],
    tags: ['engineering', 'release', 'oncall', 'techtalk', 'security'],
  },
  Product: {
    head: 'Chief Product Officer',
    manager: 'Group Product Manager',
    roles: ['Product Manager', 'Senior Product Manager', 'Product Analyst'],
    tags: ['roadmap', 'release', 'customerlove'],
  },
  Design: {
    head: 'Head of Design',
    manager: 'Design Lead',
    roles: ['Product Designer', 'UX Researcher', 'Content Designer'],
    tags: ['design', 'research', 'accessibility'],
  },
  Marketing: {
    head: 'Chief Marketing Officer',
    manager: 'Marketing Manager',
    roles: ['Content Strategist', 'Brand Designer', 'Growth Marketer', 'Events Coordinator'],
    tags: ['campaign', 'brand', 'events'],
  },
  Sales: {
    head: 'VP of Sales',
    manager: 'Regional Sales Director',
    roles: ['Account Executive', 'Sales Development Rep', 'Solutions Engineer'],
    tags: ['wins', 'pipeline', 'customerlove'],
  },
  'Customer Success': {
    head: 'VP of Customer Success',
    manager: 'Support Team Lead',
    roles: ['Customer Success Manager', 'Support Specialist', 'Onboarding Specialist'],
    tags: ['customerlove', 'support', 'kudos'],
  },
  People: {
    head: 'Chief People Officer',
    manager: 'People Partner Lead',
    roles: ['People Partner', 'Recruiter', 'Learning & Development Specialist'],
    tags: ['hiring', 'onboarding', 'wellbeing', 'learning'],
  },
  Finance: {
    head: 'Chief Financial Officer',
    manager: 'Finance Manager',
    roles: ['Financial Analyst', 'Accountant', 'Procurement Specialist'],
    tags: ['finance', 'planning'],
  },
  Legal: {
    head: 'General Counsel',
    manager: 'Senior Counsel',
    roles: ['Counsel', 'Privacy Specialist', 'Paralegal'],
    tags: ['privacy', 'compliance'],
  },
  Operations: {
    head: 'VP of Operations',
    manager: 'Workplace Manager',
    roles: ['IT Specialist', 'Workplace Coordinator', 'Operations Analyst'],
    tags: ['it', 'office', 'security'],
  },
};

const FIRST = [
  'Ada', 'Amara', 'Ben', 'Bilal', 'Carmen', 'Chen', 'Dana', 'Diego', 'Elif', 'Emeka', 'Fatima', 'Felix', 'Grace',
  'Hana', 'Hugo', 'Ines', 'Ivan', 'Jamal', 'Julia', 'Kai', 'Keiko', 'Lars', 'Leila', 'Luca', 'Maya', 'Mateo',
  'Nadia', 'Noah', 'Olu', 'Omar', 'Priya', 'Quinn', 'Rafael', 'Rosa', 'Sam', 'Sofia', 'Tariq', 'Tess', 'Uma',
  'Victor', 'Wen', 'Xavier', 'Yara', 'Yusuf', 'Zoe', 'Anika', 'Bruno', 'Clara', 'Dev', 'Eva', 'Farah', 'Gabe',
];
const LAST = [
  'Okafor', 'Lindqvist', 'Nakamura', 'Haddad', 'Moreau', 'Silva', 'Kowalski', 'Mensah', 'Novak', 'Ibrahim',
  'Fischer', 'Rossi', 'Tanaka', 'Adeyemi', 'García', 'Johansson', 'Patel', 'Kim', 'O’Brien', 'Schmidt', 'Dubois',
  'Yilmaz', 'Costa', 'Nguyen', 'Hughes', 'Kaur', 'Berg', 'Romero', 'Sato', 'Walsh', 'Mwangi', 'Varga', 'Ali',
];

const GENERAL_TAGS = ['kudos', 'coffee', 'lunchandlearn', 'remote', 'wins', 'allhands', 'til', 'welcome'];

const TEMPLATES: Array<(t: Ctx) => string> = [
  (t) => `Shipped ${t.thing} today. Huge thanks to ${t.mention} for the late-night reviews! #${t.tag}`,
  (t) => `Quick reminder: ${t.event} is on ${t.day} at ${t.hour}. Bring questions! #${t.tag}`,
  (t) => `TIL: ${t.fact} #til`,
  (t) => `Anyone else going to ${t.event}? Saving seats near the front. #${t.tag}`,
  (t) => `Kudos to ${t.mention} for turning a gnarly ${t.problem} into a five-minute fix. #kudos`,
  (t) => `Our team just closed out ${t.thing}. Retro notes are in the usual place — what should we keep doing? #${t.tag}`,
  (t) => `Looking for someone who knows ${t.skill}. Happy to trade coffee for twenty minutes of your time ☕ #coffee`,
  (t) => `Welcome to the team, ${t.mention}! Say hi if you see them around the ${t.place}. #welcome`,
  (t) => `Customer feedback this week: "${t.quote}" Made our day. #${t.tag}`,
  (t) => `Hot take: ${t.opinion} Tell me why I'm wrong. #${t.tag}`,
  (t) => `Lunch & learn ${t.day}: ${t.mention} walks us through ${t.skill}. #lunchandlearn`,
  (t) => `Reading list for the week: ${t.link} — short and worth it. #${t.tag}`,
  (t) => `${t.day} focus: ${t.thing}. Door's open if you want to pair. #${t.tag}`,
  (t) => `Big thanks to everyone who joined the all-hands. Slides and recording: ${t.link} #allhands`,
];

const REPLIES = [
  'Congrats, this is great news! 🎉',
  'Count me in.',
  'Thanks for sharing — adding it to my list.',
  'Love this. Can we do a write-up for the wiki?',
  'Seconded. The team did amazing work.',
  'Do you have the link handy?',
  'I can help with that, ping me.',
  'This made my morning 😄',
  'Great point. We saw the same thing last quarter.',
  'Saving a seat for you!',
];

interface Ctx {
  mention: string;
  tag: string;
  thing: string;
  event: string;
  day: string;
  hour: string;
  fact: string;
  problem: string;
  skill: string;
  place: string;
  quote: string;
  opinion: string;
  link: string;
}

const THINGS = ['the new onboarding flow', 'the billing migration', 'search v2', 'the Q3 roadmap review', 'the mobile beta', 'our accessibility audit', 'the holiday rota', 'the partner portal'];
const EVENTS = ['the all-hands', 'the design critique', 'the security training', 'the customer advisory board', 'the hack week kickoff', 'the book club'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const HOURS = ['9:30', '11:00', '13:00', '15:30', '16:00'];
const FACTS = ['you can undo a sent email in the first 30 seconds', 'our office plants are watered by a sensor', 'the first Northwind product shipped on a floppy disk', 'SQLite is the most deployed database in the world'];
const PROBLEMS = ['flaky test', 'invoice mismatch', 'calendar sync issue', 'broken build', 'customer escalation'];
const SKILLS = ['PostgreSQL query plans', 'accessible forms', 'contract negotiation', 'user interviews', 'incident reviews', 'spreadsheet modelling'];
const PLACES = ['third floor', 'kitchen', 'Lisbon office', 'Berlin hub', 'coffee machine'];
const QUOTES = ['Your support team is the best I have ever worked with', 'Setup took ten minutes', 'The new dashboard saves me an hour a day'];
const OPINIONS = ['meetings should default to 25 minutes.', 'every team needs a decision log.', 'dark mode is a human right.', 'docs are a product too.'];
const LINKS = ['https://example.com/blog/focus-time', 'https://example.org/guides/writing-well', 'https://example.com/talks/all-hands'];

const DAY = 24 * 60 * 60 * 1000;

export function buildDemoPlan(now: number, seed = 2024): DemoPlan {
  const random = new Random(seed);
  const people: DemoPerson[] = [];
  const usernames = new Set<string>();
  const person = (department: string, title: string, manager: string | null, admin = false): DemoPerson => {
    let first: string;
    let last: string;
    let username: string;
    do {
      first = random.pick(FIRST);
      last = random.pick(LAST);
      username = `${first}_${last}`.normalize('NFKD').replace(/[^A-Za-z_]/g, '').toLowerCase().slice(0, 30);
    } while (usernames.has(username));
    usernames.add(username);
    const p: DemoPerson = {
      username,
      displayName: `${first} ${last}`,
      email: `${username}@northwind.example`,
      department,
      title,
      manager,
      bio: `${title} at Northwind Labs. ${random.pick(['Coffee first.', 'Ask me about hiking.', 'Dog person.', 'Runs on tea.', 'Learning Portuguese.', 'Board-game enthusiast.'])}`,
      admin,
    };
    people.push(p);
    return p;
  };

  const ceo = person('Operations', 'Chief Executive Officer', null, true);
  for (const [department, shape] of Object.entries(DEPARTMENTS)) {
    const head = person(department, shape.head, ceo.username);
    const managers = Array.from({ length: 2 }, () => person(department, shape.manager, head.username));
    for (const manager of managers) {
      const size = random.int(6, 8);
      for (let i = 0; i < size; i++) person(department, random.pick(shape.roles), manager.username);
    }
  }

  const follows: Array<[string, string]> = [];
  const followSet = new Set<string>();
  const follow = (a: string, b: string) => {
    const key = `${a}>${b}`;
    if (a === b || followSet.has(key)) return;
    followSet.add(key);
    follows.push([a, b]);
  };
  // Popularity is skewed: a few people (leaders, prolific posters) are followed by many.
  const popular = people.slice(0, 25);
  for (const p of people) {
    if (p.manager) follow(p.username, p.manager);
    follow(p.username, ceo.username);
    for (const peer of random.sample(people.filter((q) => q.department === p.department), random.int(4, 9))) {
      follow(p.username, peer.username);
    }
    for (const other of random.sample(people, random.int(3, 12))) follow(p.username, other.username);
    for (const star of random.sample(popular, random.int(2, 8))) follow(p.username, star.username);
  }

  const tagFollows: Array<[string, string]> = [];
  for (const p of people) {
    for (const tag of random.sample(DEPARTMENTS[p.department]?.tags ?? GENERAL_TAGS, random.int(0, 2))) {
      tagFollows.push([p.username, tag]);
    }
  }

  const posts: DemoPost[] = [];
  const start = now - 30 * DAY;
  for (const p of people) {
    const count = random.chance(0.15) ? random.int(12, 24) : random.int(1, 8);
    for (let i = 0; i < count; i++) {
      const tags = DEPARTMENTS[p.department]?.tags ?? GENERAL_TAGS;
      const ctx: Ctx = {
        mention: `@${random.pick(people).username}`,
        tag: random.chance(0.6) ? random.pick(tags) : random.pick(GENERAL_TAGS),
        thing: random.pick(THINGS),
        event: random.pick(EVENTS),
        day: random.pick(DAYS),
        hour: random.pick(HOURS),
        fact: random.pick(FACTS),
        problem: random.pick(PROBLEMS),
        skill: random.pick(SKILLS),
        place: random.pick(PLACES),
        quote: random.pick(QUOTES),
        opinion: random.pick(OPINIONS),
        link: random.pick(LINKS),
      };
      posts.push({
        key: posts.length,
        author: p.username,
        text: random.pick(TEMPLATES)(ctx),
        at: Math.min(workingHours(start + random.next() * 30 * DAY, random), now - 3_600_000),
        replyTo: null,
        visibility: random.chance(0.08) ? 'followers' : 'organization',
      });
    }
  }
  posts.sort((a, b) => a.at - b.at);
  posts.forEach((post, index) => (post.key = index));

  const roots = posts.filter((post) => post.visibility === 'organization');
  const replies: DemoPost[] = [];
  for (const root of random.sample(roots, Math.floor(roots.length * 0.35))) {
    let parent = root;
    for (let depth = random.int(1, 4); depth > 0; depth--) {
      // Each reply comes after its parent and before now, however late in the month the thread started.
      const at = parent.at + Math.min(random.int(5, 240) * 60_000, Math.floor((now - parent.at) / 2));
      const reply: DemoPost = {
        key: posts.length + replies.length,
        author: random.pick(people).username,
        text: `@${parent.author} ${random.pick(REPLIES)}`,
        at,
        replyTo: parent.key,
        visibility: 'organization',
      };
      replies.push(reply);
      parent = reply;
    }
  }
  const allPosts = [...posts, ...replies].sort((a, b) => a.at - b.at);

  const likes: DemoPlan['likes'] = [];
  const reshares: DemoPlan['reshares'] = [];
  for (const post of allPosts) {
    if (post.visibility !== 'organization') continue;
    const likers = random.sample(people, random.int(0, post.replyTo === null ? 14 : 4));
    for (const liker of likers) {
      if (liker.username !== post.author) likes.push({ person: liker.username, post: post.key, at: Math.min(post.at + random.int(1, 600) * 60_000, now) });
    }
    if (post.replyTo === null && random.chance(0.1)) {
      const sharer = random.pick(people);
      if (sharer.username !== post.author) reshares.push({ person: sharer.username, post: post.key, at: Math.min(post.at + random.int(10, 900) * 60_000, now) });
    }
  }

  return { departments: Object.keys(DEPARTMENTS), people, follows, tagFollows, posts: allPosts, likes, reshares };
}

/** Moves a time into working hours (08:00–18:00 UTC, weekdays mostly), so activity looks human. */
function workingHours(time: number, random: Random): number {
  const date = new Date(time);
  date.setUTCHours(random.int(8, 17), random.int(0, 59), random.int(0, 59));
  return date.getTime();
}
