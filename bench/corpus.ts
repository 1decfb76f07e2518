/**
 * The words the benchmark data is made of: names, departments, hashtags and a few hundred post
 * templates, combined by a seeded generator into text that looks like an organization's micro-blog.
 */
import { Prng, WeightedSampler, zipfWeights } from './prng.js';

export const FIRST_NAMES = [
  'ada', 'alan', 'alice', 'amara', 'amir', 'ana', 'anders', 'anika', 'arjun', 'astrid', 'ben', 'bianca', 'boris',
  'carla', 'carlos', 'chen', 'chloe', 'clara', 'dan', 'dara', 'david', 'diego', 'elena', 'eli', 'emma', 'erik',
  'esther', 'farah', 'felix', 'fiona', 'frank', 'gabriel', 'grace', 'hana', 'hannah', 'hugo', 'ines', 'ivan',
  'jack', 'jana', 'javier', 'jin', 'joao', 'jonas', 'julia', 'kai', 'karim', 'kate', 'kenji', 'lara', 'leo',
  'lina', 'liam', 'lucas', 'luis', 'maya', 'marco', 'maria', 'mateo', 'mei', 'mila', 'nadia', 'nina', 'noah',
  'nora', 'omar', 'oscar', 'paula', 'pedro', 'priya', 'rafael', 'rania', 'ravi', 'rosa', 'ruth', 'sam', 'sara',
  'sean', 'sofia', 'sven', 'tariq', 'tess', 'theo', 'tom', 'uma', 'vera', 'victor', 'wei', 'yara', 'yusuf',
  'zara', 'zoe', 'ingrid', 'kofi', 'lea', 'malik', 'olga', 'pia', 'quinn', 'rene',
] as const;

export const LAST_NAMES = [
  'abe', 'adams', 'ahmed', 'alvarez', 'andersen', 'bauer', 'becker', 'bianchi', 'brown', 'castro', 'chen', 'costa',
  'cruz', 'dubois', 'edwards', 'eriksen', 'evans', 'fischer', 'fontaine', 'garcia', 'gomez', 'gupta', 'haas',
  'hansen', 'hoffmann', 'hughes', 'ito', 'jansen', 'jensen', 'johnson', 'kaur', 'kim', 'klein', 'kowalski',
  'kumar', 'lambert', 'larsen', 'lee', 'lopez', 'martin', 'meyer', 'moreau', 'muller', 'murphy', 'nakamura',
  'nguyen', 'nielsen', 'novak', 'okafor', 'olsen', 'ortiz', 'park', 'patel', 'perez', 'petrov', 'popescu',
  'quinn', 'ramos', 'reyes', 'ricci', 'rossi', 'sanchez', 'santos', 'sato', 'schmidt', 'schulz', 'shah',
  'silva', 'singh', 'smith', 'suzuki', 'tanaka', 'taylor', 'thomas', 'torres', 'tran', 'varga', 'vasquez',
  'wagner', 'walker', 'wang', 'weber', 'williams', 'wilson', 'wong', 'wu', 'yamamoto', 'yilmaz', 'young',
  'zhang', 'ziegler', 'berg', 'holm', 'lund', 'mendes', 'nowak', 'ozturk', 'rahman', 'stein', 'voss',
] as const;

export const DEPARTMENTS = [
  'Engineering', 'Product', 'Design', 'Sales', 'Marketing', 'Customer Success', 'Finance', 'Legal', 'People',
  'Operations', 'Security', 'Data', 'Research', 'Support', 'Communications', 'Procurement', 'Facilities',
  'IT', 'Quality', 'Strategy',
] as const;

const TITLES = ['Associate', 'Specialist', 'Senior Specialist', 'Lead', 'Manager', 'Senior Manager', 'Director', 'Principal'];

export function titleFor(prng: Prng, department: string): string {
  return `${prng.pick(TITLES)}, ${department}`;
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const TOPICS = [
  'onboarding', 'roadmap', 'launch', 'release', 'offsite', 'hiring', 'security', 'privacy', 'design', 'research',
  'data', 'analytics', 'customers', 'support', 'sales', 'marketing', 'finance', 'budget', 'planning', 'okrs',
  'retro', 'demo', 'hackathon', 'wellbeing', 'learning', 'mentoring', 'inclusion', 'sustainability', 'travel',
  'coffee', 'lunch', 'running', 'books', 'music', 'cycling', 'remote', 'office', 'kudos', 'wins', 'incident',
  'oncall', 'devex', 'platform', 'mobile', 'web', 'api', 'infra', 'cloud', 'ai', 'ml', 'accessibility', 'docs',
  'quality', 'testing', 'perf', 'ux', 'brand', 'events', 'townhall', 'allhands',
];
const TAG_SUFFIXES = ['', 'team', 'update', 'tips', 'news', 'q1', 'q2', 'q3', 'q4', 'week', 'day', 'talk', 'ideas', 'ops', 'life', 'wins', 'help', 'club', 'lab', '2025', 'review', 'sync', 'goals', 'hub', 'notes'];

/** The hashtag pool: names ordered by popularity rank (rank 0 is the most used). */
export function hashtagPool(prng: Prng, size: number): string[] {
  const names: string[] = [];
  for (const topic of TOPICS) for (const suffix of TAG_SUFFIXES) names.push(topic + suffix);
  prng.shuffle(names);
  // The bare topics are the most popular tags, as in real organizations.
  const bare = TOPICS.slice();
  prng.shuffle(bare);
  const rest = names.filter((name) => !TOPICS.includes(name));
  return [...bare, ...rest].slice(0, size);
}

const PROJECTS = ['Atlas', 'Beacon', 'Compass', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Orion', 'Pioneer', 'Quartz', 'Relay', 'Summit', 'Tidal'];
const THINGS = ['the new dashboard', 'the billing flow', 'our onboarding guide', 'the quarterly plan', 'the style guide', 'the data pipeline', 'the customer portal', 'the release checklist', 'the hiring process', 'the expense tool', 'the search page', 'the mobile app', 'the API docs', 'the incident runbook', 'the design system', 'the pricing page', 'the wiki', 'the build', 'the test suite', 'the office move'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'next week', 'tomorrow', 'this afternoon', 'end of the month', 'after the all-hands'];
const NUMBERS = ['12', '20', '30', '40', '45', '60', '75', '90', '120', '3x', '2x', '15%', '25%', '40%'];
const PLACES = ['the third floor', 'the big meeting room', 'the kitchen', 'Lisbon', 'Berlin', 'the London office', 'the Tokyo office', 'Austin', 'the rooftop', 'the library'];
const FEELINGS = ['excited', 'proud', 'thrilled', 'happy', 'curious', 'grateful', 'relieved', 'impressed'];

const FRAMES = [
  'Just shipped {thing} for {project}. Feedback welcome!',
  'Reminder: {project} review is on {day}. Bring your questions.',
  'We cut the load time of {thing} by {number}. Nice work everyone.',
  'Does anyone know who owns {thing}? Looking for a quick chat.',
  'Huge thanks to the team behind {project}, {feeling} with how it turned out.',
  'Lunch-and-learn on {thing} in {place} on {day}. All welcome.',
  'Working from {place} today, ping me if you need anything.',
  'Reading notes from the {project} retro: fewer meetings, clearer owners, smaller releases.',
  'New post on the wiki about {thing}. Took me {number} minutes to write and it will save hours.',
  'Anyone up for a coffee in {place}? I have {number} minutes before my next call.',
  'Heads up: {thing} will be down for maintenance on {day}.',
  'First week on {project} and I am {feeling}. Thanks for the warm welcome!',
  'Quick poll: should {thing} move to {project}? Reply with your thoughts.',
  'Our customers asked for {thing} and we delivered. {feeling} about this one.',
  'Pairing on {thing} this afternoon, happy to have company.',
  'Looking for volunteers to test {thing} before {day}.',
  'The {project} demo went really well. Recording is on the wiki.',
  'Great question at the all-hands about {thing}. Here is a longer answer: we are investing in it this quarter.',
  'We hit {number} sign-ups for {project} this week!',
  'Small thing, big difference: {thing} now remembers your last filter.',
  'Who else is going to the meetup in {place} on {day}?',
  'Postmortem for the {project} incident is out. No blame, lots of learning.',
  'Tip of the day: you can search {thing} by department now.',
  'Shoutout to everyone who helped with {thing}. You know who you are.',
  'I wrote down how we plan {project}. Comments very welcome.',
  'Moving the {project} sync to {day} so more people can join.',
  'Today I learned that {thing} has an export button. Game changer.',
  'Please update your bookmarks: {thing} has a new address.',
  'Does {thing} feel slow to anyone else today?',
  'Interviewing {number} candidates for {project} this month. Referrals welcome!',
  'The {project} team is hiring. Tell your friends.',
  'Taking a few days off after {project} launched. See you {day}.',
  'Thinking about how {thing} could work for {project}. Early sketch attached soon.',
  'Office hours for {thing}: {day} in {place}.',
  'Draft proposal: retire {thing} and fold it into {project}.',
  'We are {feeling} to announce that {project} is now available to everyone.',
  'If you missed the townhall, the slides about {project} are on the wiki.',
  'Running a survey about {thing}. It takes {number} seconds, promise.',
  'Good morning from {place}! Coffee is fresh.',
  'Celebrating {number} days without a {project} incident.',
  'The roadmap for {project} is updated, with {thing} moved up.',
  'Book club this month: something about teams and trust. Meet in {place} on {day}.',
  'New hires: the guide to {thing} is the best place to start.',
  'Reminder to fill in your goals for {project} by {day}.',
  'I need a second pair of eyes on {thing} before we ship.',
  'Learned a lot from the {project} customer calls today.',
  'Friendly reminder that {thing} is not the place for secrets.',
  'Migration of {thing} to {project} is {number} done.',
  'Can we please name the next project after a bird? {project} was a good start.',
  'Weekly update for {project}: on track, one risk, two wins.',
  'Cycling to {place} on {day}, join the ride!',
  'The new {thing} is live for the {project} pilot group.',
  'Feeling {feeling} after the {project} offsite. Great conversations.',
  'What is one thing we should stop doing in {project}?',
  'Accessibility review of {thing} found {number} issues, all fixed now.',
  'Our docs for {thing} now have examples for every endpoint.',
  'Spent the morning untangling {thing}. Worth it.',
  'Please welcome our new colleagues on the {project} team!',
  'The {project} beta has {number} active teams. Keep the feedback coming.',
  'Reminder: expenses for {place} travel are due {day}.',
] as const;

const OPENERS = ['', '', '', 'Update: ', 'PSA: ', 'FYI ', 'Good news: ', 'Question: '] as const;
const CLOSERS = ['', '', '', ' 🎉', ' 🙏', ' Thanks!', ' More soon.', ' 🚀'] as const;

/** How many distinct post templates the generator draws from (frames with each opener and closer). */
export const TEMPLATE_COUNT = FRAMES.length * new Set(OPENERS).size * new Set(CLOSERS).size;

export class TextGenerator {
  private readonly tagSampler: WeightedSampler;

  constructor(readonly tags: readonly string[]) {
    this.tagSampler = new WeightedSampler(zipfWeights(tags.length, 1.05, 2));
  }

  /** A popular-first draw from the hashtag pool; returns a rank. */
  tagRank(prng: Prng): number {
    return this.tagSampler.sample(prng);
  }

  /** One post's text: an optional leading @mention list (replies), a filled template, then hashtags. */
  post(prng: Prng, options: { mentions: string[]; tagRanks: number[] }): string {
    const frame = prng.pick(FRAMES);
    const body = frame.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case 'project':
          return prng.pick(PROJECTS);
        case 'thing':
          return prng.pick(THINGS);
        case 'day':
          return prng.pick(DAYS);
        case 'number':
          return prng.pick(NUMBERS);
        case 'place':
          return prng.pick(PLACES);
        case 'feeling':
          return prng.pick(FEELINGS);
        default:
          return slot;
      }
    });
    const mentions = options.mentions.map((username) => `@${username}`).join(' ');
    const hashtags = options.tagRanks.map((rank) => `#${this.tags[rank]}`).join(' ');
    let text = prng.pick(OPENERS) + body + prng.pick(CLOSERS);
    if (mentions) text = `${mentions} ${text}`;
    if (hashtags) text = `${text} ${hashtags}`;
    return text;
  }
}
