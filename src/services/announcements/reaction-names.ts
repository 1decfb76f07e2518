/** Which reaction names are accepted: a single Unicode emoji (Roost has no custom emoji). */
const EMOJI =
  /^(?:\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*)$/u;

export function isEmoji(name: string): boolean {
  return name.length <= 32 && EMOJI.test(name);
}
