// How a topic level reads in one line: its counts, its rate, its retained message.
import type { TopicLevel } from '@shared/model/topics';

import { formatCount } from '../../ui/format';

const plural = (count: number, one: string) => `${formatCount(count)} ${one}${count === 1 ? '' : 's'}`;

/** `3 messages`, `3 messages · 40 below`, `40 below`. */
export function countText(level: Pick<TopicLevel, 'messages' | 'totalMessages'>): string {
  const below = level.totalMessages - level.messages;
  const own = level.messages > 0 ? plural(level.messages, 'message') : '';
  return [own, below > 0 ? `${formatCount(below)} below` : ''].filter(Boolean).join(' · ');
}

/** Messages a second, as few digits as say it: `0/s`, `0.4/s`, `12/s`, `1,250/s`. */
export function rateText(rate: number): string {
  if (rate < 0.05) return '0/s';
  return `${rate < 10 ? rate.toFixed(1) : formatCount(Math.round(rate))}/s`;
}

export function retainedText(retained: TopicLevel['retained']): string {
  return !retained ? '' : retained.cleared ? 'retained: cleared' : 'retained';
}
