import { describe, expect, it } from 'vitest';
import { buildDemoPlan } from './company.js';

describe('the demo company', () => {
  const now = Date.UTC(2026, 10, 29);
  const plan = buildDemoPlan(now);

  it('has at least 8 departments and 150 people with titles and managers', () => {
    expect(plan.departments.length).toBeGreaterThanOrEqual(8);
    expect(plan.people.length).toBeGreaterThanOrEqual(150);
    const usernames = new Set(plan.people.map((p) => p.username));
    expect(usernames.size).toBe(plan.people.length);
    for (const p of plan.people) {
      expect(p.title).not.toBe('');
      expect(p.username).toMatch(/^[a-z_]{1,30}$/);
      if (p.manager !== null) expect(usernames.has(p.manager)).toBe(true);
    }
    expect(plan.people.filter((p) => p.manager === null)).toHaveLength(1);
  });

  it('spreads posts, threads and likes over the last 30 days', () => {
    const times = plan.posts.map((p) => p.at);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now - 31 * 24 * 3600_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(now);
    expect(plan.posts.filter((p) => p.replyTo !== null).length).toBeGreaterThan(100);
    expect(plan.posts.some((p) => p.text.includes('#'))).toBe(true);
    expect(plan.likes.length).toBeGreaterThan(1000);
    const byKey = new Map(plan.posts.map((p) => [p.key, p]));
    for (const post of plan.posts) {
      if (post.replyTo !== null) expect(byKey.get(post.replyTo)!.at).toBeLessThan(post.at);
    }
  });

  it('is the same company every time', () => {
    expect(buildDemoPlan(now)).toEqual(plan);
  });
});
