/**
 * A person's posting and reading preferences, as Mastodon clients read them. Roost has no settings
 * for these yet, so everyone gets the defaults Roost itself applies: new posts go to the whole
 * organization, are not marked sensitive, and media and content warnings are shown as marked.
 */
export interface PostingPreferences {
  defaultVisibility: 'organization' | 'followers' | 'mentioned';
  defaultSensitive: boolean;
  defaultLanguage: string | null;
  expandMedia: 'default' | 'show_all' | 'hide_all';
  expandSpoilers: boolean;
  autoplayGifs: boolean;
}

export const DEFAULT_PREFERENCES: Readonly<PostingPreferences> = {
  defaultVisibility: 'organization',
  defaultSensitive: false,
  defaultLanguage: null,
  expandMedia: 'default',
  expandSpoilers: false,
  autoplayGifs: true,
};

export class Preferences {
  async of(accountId: number): Promise<PostingPreferences> {
    void accountId;
    return { ...DEFAULT_PREFERENCES };
  }
}
