/**
 * The benchmark data set: people in departments, a power-law follow graph, a month of posts with
 * hashtags, mentions and replies, favourites, notifications, home feeds materialised as fan-out on
 * write would have left them, the search index, and bearer tokens for a sample of people.
 * Deterministic for a given seed; written straight into the database in bulk.
 *
 *   npx tsx bench/seed.ts --dialect sqlite --database /tmp/roost-bench.sqlite --preset small
 *   npx tsx bench/seed.ts --dialect postgres --database postgres://postgres@127.0.0.1:5432/roost_bench
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DatabaseTarget } from '../src/db/dialect.js';
import { migrateToLatest, openDatabase } from '../src/db/open.js';
import { idAtTime } from '../src/domain/ids.js';
import { hashSecret } from '../src/domain/tokens.js';
import { openBulkWriter, type BulkWriter, type Cell } from './bulk-writer.js';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, TEMPLATE_COUNT, TextGenerator, capitalise, hashtagPool, titleFor } from './corpus.js';
import { Prng, WeightedSampler, zipfWeights } from './prng.js';
import { FAN_IN_THRESHOLD, FEED_CAP, feedRecipients, renderContent, searchText } from './product-rules.js';

export interface SeedOptions {
  people: number;
  posts: number;
  seed: number;
  /** How many people (besides the fan-out posters and their sampled followers) get a bearer token. */
  tokens: number;
  /** Accounts followed by exactly `fanoutFollowers` people, for the posting benchmark. */
  fanoutPosters: number;
  fanoutFollowers: number;
  /** Followers of each fan-out poster who get a token, for the fan-out lag checker. */
  checkersPerPoster: number;
  days: number;
  /** The base URL rendered into content_html links. */
  baseUrl: string;
  log: (line: string) => void;
}

export const PRESETS = {
  tiny: { people: 300, posts: 5_000 },
  small: { people: 1_000, posts: 50_000 },
  medium: { people: 5_000, posts: 250_000 },
  full: { people: 10_000, posts: 1_000_000 },
} as const;
export type PresetName = keyof typeof PRESETS;

export function defaultSeedOptions(preset: PresetName = 'full'): SeedOptions {
  return {
    ...PRESETS[preset],
    seed: 20240101,
    tokens: 1_000,
    fanoutPosters: 40,
    fanoutFollowers: 200,
    checkersPerPoster: 5,
    days: 30,
    baseUrl: 'http://localhost:3000',
    log: (line) => console.error(line),
  };
}

export interface TokenHolder {
  accountId: string;
  username: string;
  token: string;
}

export interface SeedManifest {
  dialect: DatabaseTarget['dialect'];
  options: Omit<SeedOptions, 'log'>;
  seededAt: number;
  seconds: Record<string, number>;
  counts: Record<string, number>;
  templates: number;
  /** People with tokens, spread over the whole population (home timelines and notifications). */
  readers: TokenHolder[];
  /** Accounts with exactly `fanoutFollowers` followers, each with a few of those followers' tokens. */
  posters: (TokenHolder & { followers: TokenHolder[] })[];
  /** The most used hashtags, most popular first. */
  popularTags: string[];
  /** Hashtags used 20–200 times (or the least used ones in small data sets): a page needs a long search. */
  rareTags: string[];
}

const DAY = 24 * 3600 * 1000;
const VIRTUAL_NOW = Date.UTC(2025, 0, 6);
const HOUR = 3600 * 1000;
const SCOPES = 'read write follow push';

/** Seeds an empty (or freshly migrated) database and returns what the load generator needs. */
export async function seed(target: DatabaseTarget, options: SeedOptions): Promise<SeedManifest> {
  const seconds: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const log = options.log;
  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    seconds[name] = Math.round(now - phaseStart) / 1000;
    log(`seed: ${name} ${seconds[name]!.toFixed(1)} s`);
    phaseStart = now;
  };

  const database = await openDatabase(target);
  await migrateToLatest(database);
  await database.destroy();
  phase('migrate');

  // Generated on a fixed virtual calendar, then shifted by whole days to end within the last day:
  // the same seed gives the same data whenever it runs, and the newest posts are recent.
  const now = VIRTUAL_NOW + Math.floor((Date.now() - 60_000 - VIRTUAL_NOW) / DAY) * DAY;
  const people = generatePeople(options, now);
  const graph = generateGraph(options, people, now);
  const posts = generatePosts(options, people, graph, now);
  phase('generate');

  const writer = await openBulkWriter(target);
  try {
    const tables = ['departments', 'accounts', 'users', 'access_tokens', 'follows', 'tags', 'statuses', 'mentions', 'status_tags', 'favourites', 'notifications', 'home_feed', 'fan_in_accounts'];
    const indexes = await writer.setIndexesAside(tables);

    await writePeople(writer, options, people, graph, posts, now);
    counts.accounts = people.count;
    const tokens = await writeTokens(writer, options, people, graph, now);
    counts.access_tokens = tokens.count;
    counts.follows = await writeFollows(writer, options, people, graph, now);
    phase('people and graph');

    counts.tags = await writeTags(writer, posts, now);
    const written = await writePosts(writer, options, people, posts);
    counts.statuses = posts.count;
    counts.mentions = written.mentions;
    counts.status_tags = written.statusTags;
    phase('posts, tags and search index');

    const favourites = await writeFavourites(writer, options, people, graph, posts, now);
    counts.favourites = favourites.count;
    counts.notifications = await writeNotifications(writer, people, graph, posts, favourites);
    phase('favourites and notifications');

    counts.home_feed = await writeHomeFeeds(writer, people, graph, posts, now);
    phase('home feeds');

    await writer.restoreIndexes(indexes);
    phase('indexes');
    // PostgreSQL's autovacuum would have gathered statistics while the data grew; Roost does not
    // run ANALYZE on SQLite, so the SQLite database is left as the product would have it.
    await writer.finish({ analyze: writer.dialect === 'postgres' });
    phase('finish');

    const { log: _log, ...recorded } = options;
    void _log;
    return {
      dialect: target.dialect,
      options: recorded,
      seededAt: now,
      seconds,
      counts,
      templates: TEMPLATE_COUNT,
      readers: tokens.readers,
      posters: tokens.posters,
      popularTags: posts.popularTags,
      rareTags: posts.rareTags,
    };
  } finally {
    await writer.close();
  }
}

/* ---------------------------------------------------------------- people */

interface People {
  count: number;
  ids: Float64Array;
  userIds: Float64Array;
  createdAt: Float64Array;
  department: Uint8Array;
  usernames: string[];
  displayNames: string[];
  titles: string[];
  /** Index of the fan-out posters (accounts with exactly `fanoutFollowers` followers). */
  posters: Int32Array;
  isPoster: Uint8Array;
}

/** Strictly increasing, time-sortable IDs for rows already in time order. */
function idsForSortedTimes(times: ArrayLike<number>): Float64Array {
  const ids = new Float64Array(times.length);
  let previous = 0;
  for (let i = 0; i < times.length; i++) {
    previous = Math.max(previous + 1, idAtTime(times[i]!));
    ids[i] = previous;
  }
  return ids;
}

/** IDs for rows in any order: allocated in time order so that ID order is time order. */
function idsForTimes(times: Float64Array): Float64Array {
  const order = new Uint32Array(times.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => times[a]! - times[b]! || a - b);
  const ids = new Float64Array(times.length);
  let previous = 0;
  for (const i of order) {
    previous = Math.max(previous + 1, idAtTime(times[i]!));
    ids[i] = previous;
  }
  return ids;
}

function generatePeople(options: SeedOptions, now: number): People {
  const prng = Prng.derive(options.seed, 1);
  const n = options.people;
  const createdAt = new Float64Array(n);
  for (let i = 0; i < n; i++) createdAt[i] = now - 400 * DAY + Math.floor((i / n) * 340 * DAY) + prng.int(HOUR);
  const departmentSampler = new WeightedSampler(zipfWeights(DEPARTMENTS.length, 0.8, 1));
  const department = new Uint8Array(n);
  const usernames: string[] = [];
  const displayNames: string[] = [];
  const titles: string[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < n; i++) {
    const first = prng.pick(FIRST_NAMES);
    const last = prng.pick(LAST_NAMES);
    let username = `${first}_${last}`;
    for (let k = 2; taken.has(username); k++) username = `${first}_${last}${k}`;
    taken.add(username);
    usernames.push(username);
    displayNames.push(`${capitalise(first)} ${capitalise(last)}`);
    department[i] = departmentSampler.sample(prng);
    titles.push(titleFor(prng, DEPARTMENTS[department[i]!]!));
  }
  const candidates = Array.from({ length: n - 1 }, (_, i) => i + 1); // person 0 is the admin
  prng.shuffle(candidates);
  const posters = Int32Array.from(candidates.slice(0, Math.min(options.fanoutPosters, Math.floor(n / 10))));
  const isPoster = new Uint8Array(n);
  for (const p of posters) isPoster[p] = 1;
  return {
    count: n,
    ids: idsForSortedTimes(createdAt),
    userIds: idsForSortedTimes(createdAt.map((t) => t + 1)),
    createdAt,
    department,
    usernames,
    displayNames,
    titles,
    posters,
    isPoster,
  };
}

/* ----------------------------------------------------------------- graph */

interface Graph {
  /** following[p] = the people p follows. */
  following: Int32Array[];
  /** Followers in compressed rows: followers of p are followerList[followerStart[p] … followerStart[p+1]). */
  followerStart: Int32Array;
  followerList: Int32Array;
}

function followersOf(graph: Graph, p: number): Int32Array {
  return graph.followerList.subarray(graph.followerStart[p]!, graph.followerStart[p + 1]!);
}

/**
 * Preferential attachment by a Zipf popularity rank: most people follow 50–300 others (at least
 * 20), a quarter of them in their own department; a few celebrities end up followed by thousands.
 * The fan-out posters are outside that draw and get exactly `fanoutFollowers` followers.
 */
function generateGraph(options: SeedOptions, people: People, now: number): Graph {
  void now;
  const prng = Prng.derive(options.seed, 2);
  const n = people.count;
  const rank = Array.from({ length: n }, (_, i) => i);
  prng.shuffle(rank);
  const popularity = new Float64Array(n);
  const rankWeights = zipfWeights(n, 1.0, 0);
  for (let r = 0; r < n; r++) popularity[rank[r]!] = people.isPoster[rank[r]!] ? 0 : rankWeights[r]!;
  const popular = new WeightedSampler(popularity);
  const byDepartment: number[][] = DEPARTMENTS.map(() => []);
  for (let p = 0; p < n; p++) if (!people.isPoster[p]) byDepartment[people.department[p]!]!.push(p);

  const following: Int32Array[] = new Array<Int32Array>(n);
  const chosen = new Set<number>();
  const maxOut = Math.max(20, Math.min(600, n - options.fanoutPosters - 1));
  for (let p = 0; p < n; p++) {
    const wanted = Math.min(maxOut, Math.max(20, Math.round(prng.logNormal(110, 0.55))));
    chosen.clear();
    const colleagues = byDepartment[people.department[p]!]!;
    for (let attempts = 0; chosen.size < wanted && attempts < wanted * 20; attempts++) {
      const target = prng.chance(0.25) && colleagues.length > 1 ? prng.pick(colleagues) : popular.sample(prng);
      if (target !== p && !people.isPoster[target]) chosen.add(target);
    }
    following[p] = Int32Array.from(chosen);
  }
  // Each fan-out poster is followed by exactly fanoutFollowers people who are not posters.
  for (const poster of people.posters) {
    const followers = new Set<number>();
    while (followers.size < Math.min(options.fanoutFollowers, n - people.posters.length)) {
      const f = prng.int(n);
      if (!people.isPoster[f] && f !== poster) followers.add(f);
    }
    for (const f of followers) {
      const list = following[f]!;
      const grown = new Int32Array(list.length + 1);
      grown.set(list);
      grown[list.length] = poster;
      following[f] = grown;
    }
  }
  const followerCount = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) for (const t of following[p]!) followerCount[t]! += 1;
  const followerStart = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) followerStart[p + 1] = followerStart[p]! + followerCount[p]!;
  const followerList = new Int32Array(followerStart[n]!);
  const fill = followerStart.slice(0, n);
  for (let p = 0; p < n; p++) for (const t of following[p]!) followerList[fill[t]!++] = p;
  return { following, followerStart, followerList };
}

/* ----------------------------------------------------------------- posts */

const VISIBILITY = ['organization', 'followers', 'mentioned'] as const;

interface Posts {
  count: number;
  times: Float64Array;
  ids: Float64Array;
  author: Int32Array;
  /** Index of the post replied to, or -1. */
  replyTo: Int32Array;
  /** Index of the thread's first post. */
  threadRoot: Int32Array;
  visibility: Uint8Array;
  repliesCount: Int32Array;
  favouritesCount: Int32Array;
  /** Mentioned people of post i: mentionList[mentionStart[i] … mentionStart[i+1]). */
  mentionStart: Int32Array;
  mentionList: Int32Array;
  tagStart: Int32Array;
  tagList: Int32Array;
  tagNames: string[];
  tagFirstUse: Float64Array;
  tagLastUse: Float64Array;
  tagIds: Float64Array;
  popularTags: string[];
  rareTags: string[];
  statusesCount: Int32Array;
  lastStatusAt: Float64Array;
}

/** Working hours and weekdays are busier: a time is kept with a probability shaped like office life. */
function officeHoursWeight(time: number, now: number): number {
  const date = new Date(time - now + VIRTUAL_NOW);
  const hour = date.getUTCHours();
  const weekday = date.getUTCDay();
  const byHour = hour >= 8 && hour < 18 ? 1 : hour >= 6 && hour < 22 ? 0.35 : 0.08;
  return weekday === 0 || weekday === 6 ? byHour * 0.25 : byHour;
}

function generatePosts(options: SeedOptions, people: People, graph: Graph, now: number): Posts {
  const prng = Prng.derive(options.seed, 3);
  const n = options.posts;
  const start = now - options.days * DAY;
  const times = new Float64Array(n);
  for (let i = 0; i < n; ) {
    const t = start + prng.int(options.days * DAY - 60_000);
    if (prng.float() < officeHoursWeight(t, now)) times[i++] = t;
  }
  times.sort();
  const ids = idsForSortedTimes(times);

  // Heavy-tailed activity: a few people write a lot, many write now and then.
  const activity = new Float64Array(people.count);
  for (let p = 0; p < people.count; p++) activity[p] = people.isPoster[p] ? 1 : prng.logNormal(1, 1.1);
  const authors = new WeightedSampler(activity);

  const tagPool = hashtagPool(Prng.derive(options.seed, 4), 1_500);
  const text = new TextGenerator(tagPool);
  const author = new Int32Array(n);
  const replyTo = new Int32Array(n).fill(-1);
  const threadRoot = new Int32Array(n);
  const visibility = new Uint8Array(n);
  const repliesCount = new Int32Array(n);
  const favouritesCount = new Int32Array(n);
  const mentionStart = new Int32Array(n + 1);
  const mentions: number[] = [];
  const tagStart = new Int32Array(n + 1);
  const tagRanks: number[] = [];
  const lastPost = new Int32Array(people.count).fill(-1);
  const statusesCount = new Int32Array(people.count);
  const lastStatusAt = new Float64Array(people.count);
  const tagFirstUse = new Float64Array(tagPool.length);
  const tagLastUse = new Float64Array(tagPool.length);
  const followerCount = (p: number) => graph.followerStart[p + 1]! - graph.followerStart[p]!;

  for (let i = 0; i < n; i++) {
    const a = authors.sample(prng);
    author[i] = a;
    threadRoot[i] = i;
    const followees = graph.following[a]!;
    const postMentions = new Set<number>();
    let vis = prng.chance(0.9) ? 0 : prng.chance(0.8) ? 1 : 2;
    if (prng.chance(0.15) && followees.length > 0) {
      const parent = lastPost[followees[prng.int(followees.length)]!]!;
      if (parent >= 0 && times[i]! - times[parent]! < 3 * DAY && visibility[parent] !== 2) {
        replyTo[i] = parent;
        threadRoot[i] = threadRoot[parent]!;
        repliesCount[parent]! += 1;
        postMentions.add(author[parent]!);
        vis = Math.max(vis === 2 ? 0 : vis, visibility[parent]!);
      }
    }
    if (vis === 2 || prng.chance(0.08)) {
      const count = vis === 2 ? 1 : prng.range(1, 2);
      for (let k = 0; k < count && followees.length > 0; k++) postMentions.add(followees[prng.int(followees.length)]!);
    }
    postMentions.delete(a);
    if (vis === 2 && postMentions.size === 0) vis = 0;
    visibility[i] = vis;
    for (const m of postMentions) mentions.push(m);
    mentionStart[i + 1] = mentions.length;
    if (prng.chance(0.45)) {
      const ranks = new Set<number>();
      const count = prng.chance(0.7) ? 1 : prng.range(2, 3);
      for (let k = 0; k < count; k++) ranks.add(text.tagRank(prng));
      for (const r of ranks) {
        tagRanks.push(r);
        if (!tagFirstUse[r]) tagFirstUse[r] = times[i]!;
        tagLastUse[r] = times[i]!;
      }
    }
    tagStart[i + 1] = tagRanks.length;
    if (vis !== 2) {
      favouritesCount[i] = Math.min(followerCount(a), prng.poisson(0.25 + 0.02 * Math.sqrt(followerCount(a))));
    }
    lastPost[a] = i;
    statusesCount[a]! += 1;
    lastStatusAt[a] = times[i]!;
  }

  const usage = new Int32Array(tagPool.length);
  for (const r of tagRanks) usage[r]! += 1;
  const byUse = Array.from(usage.keys())
    .filter((r) => usage[r]! > 0)
    .sort((x, y) => usage[y]! - usage[x]! || x - y);
  const popularTags = byUse.slice(0, 20).map((r) => tagPool[r]!);
  let rare = byUse.filter((r) => usage[r]! >= 20 && usage[r]! <= 200);
  if (rare.length === 0) rare = byUse.slice(-20);
  const rareTags = Array.from({ length: Math.min(20, rare.length) }, (_, k) => tagPool[rare[Math.floor((k * rare.length) / Math.min(20, rare.length))]!]!);
  return {
    count: n,
    times,
    ids,
    author,
    replyTo,
    threadRoot,
    visibility,
    repliesCount,
    favouritesCount,
    mentionStart,
    mentionList: Int32Array.from(mentions),
    tagStart,
    tagList: Int32Array.from(tagRanks),
    tagNames: tagPool,
    tagFirstUse,
    tagLastUse,
    tagIds: idsForTimes(tagFirstUse.map((t) => t || now)),
    popularTags,
    rareTags,
    statusesCount,
    lastStatusAt,
  };
}

/* --------------------------------------------------------------- writing */

/** Column buffers that flush to the database every `size` rows. */
class TableBuffer {
  private readonly data: Cell[][];
  private length = 0;
  written = 0;

  constructor(
    private readonly writer: BulkWriter,
    private readonly table: string,
    private readonly columns: string[],
    private readonly size = 20_000,
  ) {
    this.data = columns.map(() => new Array<Cell>(size));
  }

  async add(...row: Cell[]): Promise<void> {
    for (let c = 0; c < row.length; c++) this.data[c]![this.length] = row[c]!;
    this.length += 1;
    if (this.length === this.size) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.length === 0) return;
    await this.writer.insert(this.table, this.columns, this.data, this.length);
    this.written += this.length;
    this.length = 0;
  }
}

async function writePeople(writer: BulkWriter, options: SeedOptions, people: People, graph: Graph, posts: Posts, now: number): Promise<void> {
  const departmentIds = idsForSortedTimes(DEPARTMENTS.map((_, i) => now - 500 * DAY + i));
  await writer.insert(
    'departments',
    ['id', 'name', 'created_at'],
    [departmentIds, [...DEPARTMENTS], DEPARTMENTS.map((_, i) => now - 500 * DAY + i)],
    DEPARTMENTS.length,
  );
  // The first person of each department heads it; everyone else reports to the head.
  const heads = new Map<number, number>();
  for (let p = 0; p < people.count; p++) if (!heads.has(people.department[p]!)) heads.set(people.department[p]!, p);

  const accounts = new TableBuffer(writer, 'accounts', [
    'id', 'username', 'username_lower', 'display_name', 'note', 'avatar_file', 'department_id', 'title', 'manager_id',
    'kind', 'bot', 'followers_count', 'following_count', 'statuses_count', 'last_status_at', 'created_at', 'updated_at',
    'suspended_at',
  ]);
  const users = new TableBuffer(writer, 'users', [
    'id', 'account_id', 'email', 'password_hash', 'role', 'created_at', 'password_changed_at', 'last_sign_in_at', 'disabled_at',
  ]);
  for (let p = 0; p < people.count; p++) {
    const head = heads.get(people.department[p]!)!;
    const followers = graph.followerStart[p + 1]! - graph.followerStart[p]!;
    await accounts.add(
      people.ids[p]!, people.usernames[p]!, people.usernames[p]!, people.displayNames[p]!,
      `${people.titles[p]} at Example Corp.`, null, departmentIds[people.department[p]!]!, people.titles[p]!,
      head === p ? null : people.ids[head]!, 'person', 0, followers, graph.following[p]!.length,
      posts.statusesCount[p]!, posts.lastStatusAt[p] || null, people.createdAt[p]!, people.createdAt[p]!, null,
    );
    await users.add(
      people.userIds[p]!, people.ids[p]!, `${people.usernames[p]}@example.org`, null, p === 0 ? 'admin' : 'member',
      people.createdAt[p]!, null, null, null,
    );
  }
  await accounts.flush();
  await users.flush();
  void options;
}

async function writeTokens(
  writer: BulkWriter,
  options: SeedOptions,
  people: People,
  graph: Graph,
  now: number,
): Promise<{ count: number; readers: TokenHolder[]; posters: SeedManifest['posters'] }> {
  const prng = Prng.derive(options.seed, 5);
  const issued = new Map<number, TokenHolder>();
  const issue = (p: number): TokenHolder => {
    let holder = issued.get(p);
    if (!holder) {
      const bytes = Buffer.alloc(32);
      for (let i = 0; i < 32; i += 4) bytes.writeUInt32LE(prng.uint32(), i);
      holder = { accountId: String(people.ids[p]), username: people.usernames[p]!, token: `roost_${bytes.toString('base64url')}` };
      issued.set(p, holder);
    }
    return holder;
  };
  const everyone = Array.from({ length: people.count }, (_, i) => i).filter((p) => !people.isPoster[p]);
  prng.shuffle(everyone);
  const readers = everyone.slice(0, Math.min(options.tokens, everyone.length)).map(issue);
  const posters = Array.from(people.posters, (p) => {
    const followers = Array.from(followersOf(graph, p));
    prng.shuffle(followers);
    return { ...issue(p), followers: followers.slice(0, options.checkersPerPoster).map(issue) };
  });
  const entries = [...issued.entries()];
  const ids = idsForSortedTimes(entries.map((_, i) => now - DAY + i));
  await writer.insert(
    'access_tokens',
    ['id', 'user_id', 'token_hash', 'name', 'scopes', 'application_id', 'created_at', 'last_used_at', 'revoked_at', 'expires_at'],
    [
      ids,
      entries.map(([p]) => people.userIds[p]!),
      entries.map(([, h]) => hashSecret(h.token)),
      entries.map(() => 'benchmark'),
      entries.map(() => SCOPES),
      entries.map(() => null),
      entries.map(() => now - DAY),
      entries.map(() => null),
      entries.map(() => null),
      entries.map(() => null),
    ],
    entries.length,
  );
  return { count: entries.length, readers, posters };
}

async function writeFollows(writer: BulkWriter, options: SeedOptions, people: People, graph: Graph, now: number): Promise<number> {
  const prng = Prng.derive(options.seed, 6);
  const total = graph.followerList.length;
  const follower = new Int32Array(total);
  const target = new Int32Array(total);
  const times = new Float64Array(total);
  let k = 0;
  for (let p = 0; p < people.count; p++) {
    for (const t of graph.following[p]!) {
      follower[k] = p;
      target[k] = t;
      const since = Math.max(people.createdAt[p]!, people.createdAt[t]!);
      times[k] = since + Math.floor(prng.float() * (now - since - HOUR));
      k += 1;
    }
  }
  const ids = idsForTimes(times);
  graphFollowTimes.set(graph, { follower, target, times, ids });
  const buffer = new TableBuffer(writer, 'follows', ['id', 'account_id', 'target_account_id', 'created_at'], 50_000);
  for (let i = 0; i < total; i++) await buffer.add(ids[i]!, people.ids[follower[i]!]!, people.ids[target[i]!]!, times[i]!);
  await buffer.flush();
  return total;
}

/** The follow rows' times, kept for the follow notifications. */
const graphFollowTimes = new WeakMap<Graph, { follower: Int32Array; target: Int32Array; times: Float64Array; ids: Float64Array }>();

async function writeTags(writer: BulkWriter, posts: Posts, now: number): Promise<number> {
  const used = posts.tagNames.map((_, r) => r).filter((r) => posts.tagFirstUse[r]! > 0);
  await writer.insert(
    'tags',
    ['id', 'name', 'display_name', 'created_at', 'last_used_at'],
    [
      used.map((r) => posts.tagIds[r]!),
      used.map((r) => posts.tagNames[r]!),
      used.map((r) => posts.tagNames[r]!),
      used.map((r) => posts.tagFirstUse[r]!),
      used.map((r) => posts.tagLastUse[r] || now),
    ],
    used.length,
  );
  return used.length;
}

async function writePosts(
  writer: BulkWriter,
  options: SeedOptions,
  people: People,
  posts: Posts,
): Promise<{ mentions: number; statusTags: number }> {
  const text = new TextGenerator(posts.tagNames);
  const statuses = new TableBuffer(writer, 'statuses', [
    'id', 'account_id', 'text', 'content_html', 'spoiler_text', 'visibility', 'in_reply_to_id', 'in_reply_to_account_id',
    'reblog_of_id', 'thread_id', 'language', 'sensitive', 'replies_count', 'reblogs_count', 'favourites_count',
    'created_at', 'edited_at',
  ]);
  const mentions = new TableBuffer(writer, 'mentions', ['status_id', 'account_id'], 50_000);
  const statusTags = new TableBuffer(writer, 'status_tags', ['status_id', 'tag_id'], 50_000);
  const search = writer.dialect === 'sqlite' ? new TableBuffer(writer, 'status_search', ['rowid', 'text']) : null;
  for (let i = 0; i < posts.count; i++) {
    const prng = Prng.derive(options.seed, 7, i);
    const mentioned = posts.mentionList.subarray(posts.mentionStart[i]!, posts.mentionStart[i + 1]!);
    const ranks = posts.tagList.subarray(posts.tagStart[i]!, posts.tagStart[i + 1]!);
    const usernames = Array.from(mentioned, (m) => people.usernames[m]!);
    const body = text.post(prng, { mentions: usernames, tagRanks: Array.from(ranks) });
    const parent = posts.replyTo[i]!;
    await statuses.add(
      posts.ids[i]!, people.ids[posts.author[i]!]!, body, renderContent(body, options.baseUrl, usernames), '',
      VISIBILITY[posts.visibility[i]!]!, parent >= 0 ? posts.ids[parent]! : null,
      parent >= 0 ? people.ids[posts.author[parent]!]! : null, null, posts.ids[posts.threadRoot[i]!]!, 'en', 0,
      posts.repliesCount[i]!, 0, posts.favouritesCount[i]!, posts.times[i]!, null,
    );
    for (const m of mentioned) await mentions.add(posts.ids[i]!, people.ids[m]!);
    for (const r of ranks) await statusTags.add(posts.ids[i]!, posts.tagIds[r]!);
    if (search) await search.add(posts.ids[i]!, searchText(body, ''));
  }
  for (const buffer of [statuses, mentions, statusTags, search]) await buffer?.flush();
  return { mentions: mentions.written, statusTags: statusTags.written };
}

interface Favourites {
  count: number;
  account: Int32Array;
  post: Int32Array;
  times: Float64Array;
}

async function writeFavourites(
  writer: BulkWriter,
  options: SeedOptions,
  people: People,
  graph: Graph,
  posts: Posts,
  now: number,
): Promise<Favourites> {
  const prng = Prng.derive(options.seed, 8);
  let total = 0;
  for (let i = 0; i < posts.count; i++) total += posts.favouritesCount[i]!;
  const account = new Int32Array(total);
  const post = new Int32Array(total);
  const times = new Float64Array(total);
  const chosen = new Set<number>();
  let k = 0;
  for (let i = 0; i < posts.count; i++) {
    const wanted = posts.favouritesCount[i]!;
    if (wanted === 0) continue;
    const followers = followersOf(graph, posts.author[i]!);
    chosen.clear();
    while (chosen.size < wanted) chosen.add(followers[prng.int(followers.length)]!);
    for (const f of chosen) {
      account[k] = f;
      post[k] = i;
      times[k] = Math.min(now - 1_000, posts.times[i]! + 1_000 + Math.floor(prng.exponential(2 * HOUR)));
      k += 1;
    }
  }
  const ids = idsForTimes(times);
  const buffer = new TableBuffer(writer, 'favourites', ['id', 'account_id', 'status_id', 'created_at'], 50_000);
  for (let j = 0; j < total; j++) await buffer.add(ids[j]!, people.ids[account[j]!]!, posts.ids[post[j]!]!, times[j]!);
  await buffer.flush();
  return { count: total, account, post, times };
}

/** Mentions (replies included, as Mastodon does), favourites and follows, each notifying its target. */
async function writeNotifications(writer: BulkWriter, people: People, graph: Graph, posts: Posts, favourites: Favourites): Promise<number> {
  const follows = graphFollowTimes.get(graph)!;
  const mentionCount = posts.mentionList.length;
  const total = mentionCount + favourites.count + follows.times.length;
  const recipient = new Int32Array(total);
  const from = new Int32Array(total);
  const type = new Uint8Array(total);
  const post = new Int32Array(total).fill(-1);
  const times = new Float64Array(total);
  let k = 0;
  for (let i = 0; i < posts.count; i++) {
    for (let m = posts.mentionStart[i]!; m < posts.mentionStart[i + 1]!; m++) {
      recipient[k] = posts.mentionList[m]!;
      from[k] = posts.author[i]!;
      type[k] = 0;
      post[k] = i;
      times[k] = posts.times[i]!;
      k += 1;
    }
  }
  for (let j = 0; j < favourites.count; j++) {
    recipient[k] = posts.author[favourites.post[j]!]!;
    from[k] = favourites.account[j]!;
    type[k] = 1;
    post[k] = favourites.post[j]!;
    times[k] = favourites.times[j]!;
    k += 1;
  }
  for (let j = 0; j < follows.times.length; j++) {
    recipient[k] = follows.target[j]!;
    from[k] = follows.follower[j]!;
    type[k] = 2;
    times[k] = follows.times[j]!;
    k += 1;
  }
  const types = ['mention', 'favourite', 'follow'] as const;
  const ids = idsForTimes(times);
  const buffer = new TableBuffer(writer, 'notifications', ['id', 'account_id', 'from_account_id', 'type', 'status_id', 'created_at'], 50_000);
  for (let j = 0; j < total; j++) {
    await buffer.add(
      ids[j]!, people.ids[recipient[j]!]!, people.ids[from[j]!]!, types[type[j]!]!,
      post[j]! >= 0 ? posts.ids[post[j]!]! : null, times[j]!,
    );
  }
  await buffer.flush();
  return total;
}

/**
 * Home feeds as fan-out on write leaves them: newest first, each post pushed to the recipients the
 * product's rule names, each feed capped at FEED_CAP — so walking posts newest to oldest and
 * filling feeds until full gives exactly the capped result.
 */
async function writeHomeFeeds(writer: BulkWriter, people: People, graph: Graph, posts: Posts, now: number): Promise<number> {
  const n = people.count;
  const fanIn = new Uint8Array(n);
  const fanInRows: number[] = [];
  for (let p = 0; p < n; p++) {
    if (graph.followerStart[p + 1]! - graph.followerStart[p]! > FAN_IN_THRESHOLD) {
      fanIn[p] = 1;
      fanInRows.push(p);
    }
  }
  if (fanInRows.length > 0) {
    await writer.insert(
      'fan_in_accounts',
      ['account_id', 'created_at'],
      [fanInRows.map((p) => people.ids[p]!), fanInRows.map(() => now - 40 * DAY)],
      fanInRows.length,
    );
  }
  const feed = new Int32Array(n * FEED_CAP);
  const length = new Int32Array(n);
  const recipients = new Set<number>();
  for (let i = posts.count - 1; i >= 0; i--) {
    const author = posts.author[i]!;
    recipients.clear();
    feedRecipients(
      {
        author,
        visibility: VISIBILITY[posts.visibility[i]!]!,
        mentioned: posts.mentionList.subarray(posts.mentionStart[i]!, posts.mentionStart[i + 1]!),
        followers: followersOf(graph, author),
        authorIsFanIn: fanIn[author] === 1,
      },
      recipients,
    );
    for (const r of recipients) {
      if (length[r]! < FEED_CAP) feed[r * FEED_CAP + length[r]!++] = i;
    }
  }
  const buffer = new TableBuffer(writer, 'home_feed', ['account_id', 'status_id'], 100_000);
  for (let p = 0; p < n; p++) {
    for (let j = length[p]! - 1; j >= 0; j--) await buffer.add(people.ids[p]!, posts.ids[feed[p * FEED_CAP + j]!]!);
  }
  await buffer.flush();
  return buffer.written;
}

/* ------------------------------------------------------------------- CLI */

export function parseFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(name, argv[++i]!);
    else flags.set(name, 'true');
  }
  return flags;
}

export function seedOptionsFromFlags(flags: Map<string, string>): SeedOptions {
  const preset = (flags.get('preset') ?? 'full') as PresetName;
  if (!(preset in PRESETS)) throw new Error(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
  const options = defaultSeedOptions(preset);
  const numeric = ['people', 'posts', 'seed', 'tokens', 'days'] as const;
  for (const name of numeric) {
    const raw = flags.get(name);
    if (raw !== undefined) {
      const value = Number(raw);
      if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
      options[name] = value;
    }
  }
  if (flags.has('base-url')) options.baseUrl = flags.get('base-url')!;
  return options;
}

export function targetFromFlag(dialect: string, database: string): DatabaseTarget {
  if (dialect === 'sqlite') return { dialect: 'sqlite', file: path.resolve(database) };
  if (dialect === 'postgres') return { dialect: 'postgres', url: database };
  throw new Error('--dialect must be sqlite or postgres');
}

async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  const database = flags.get('database');
  if (!database) throw new Error('--database <sqlite file | postgres:// URL of an empty database> is required');
  const target = targetFromFlag(flags.get('dialect') ?? 'sqlite', database);
  if (target.dialect === 'sqlite' && fs.existsSync(target.file)) throw new Error(`${target.file} exists; seed a fresh file`);
  const options = seedOptionsFromFlags(flags);
  const started = performance.now();
  const manifest = await seed(target, options);
  const out = flags.get('manifest') ?? (target.dialect === 'sqlite' ? `${target.file}.manifest.json` : 'bench/results/seed-manifest.json');
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ ...manifest, target }, null, 2));
  console.log(`seeded ${JSON.stringify(manifest.counts)} in ${((performance.now() - started) / 1000).toFixed(1)} s; manifest: ${out}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
