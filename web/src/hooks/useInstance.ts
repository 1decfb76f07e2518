/** The instance description; the composer needs its character limit. */
import { useQuery } from '@tanstack/react-query';
import { keys } from '../api/keys.js';
import { getInstance } from '../api/misc.js';

const DEFAULT_MAX_CHARACTERS = 500;

export function useMaxCharacters(): number {
  const { data } = useQuery({ queryKey: keys.instance, queryFn: getInstance, staleTime: Infinity });
  return data?.configuration?.statuses?.max_characters ?? DEFAULT_MAX_CHARACTERS;
}
