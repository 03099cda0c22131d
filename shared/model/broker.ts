// What the local broker reports besides packets: who connected, who was refused and why, wills
// published and why, sessions taken over. Packets themselves travel as trace entries.

export type BrokerEvent =
  | { type: 'client-connected'; time: number; connectionId: string; clientId: string; clean: boolean }
  | { type: 'client-disconnected'; time: number; connectionId: string; clientId: string }
  | { type: 'refused'; time: number; connectionId: string; returnCode: number; reason: string }
  | { type: 'connect-timeout'; time: number; connectionId: string; seconds: number }
  | { type: 'keepalive-timeout'; time: number; connectionId: string; clientId: string }
  | { type: 'will-published'; time: number; clientId: string; topic: string; reason: 'abnormal close' | 'keep-alive timeout' }
  | { type: 'session-taken-over'; time: number; clientId: string; connectionId: string };
