import { useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';

export interface OnlinePerson {
  participantId: string;
  name: string;
  group: string | null;
  role: 'facilitator' | 'participant' | 'projector';
  colour: string;
  isSelf: boolean;
}

function readPeople(awareness: Awareness): OnlinePerson[] {
  const byParticipant = new Map<string, OnlinePerson>();
  awareness.getStates().forEach((state, clientId) => {
    const { name, group, role, participantId, colour } = state as Record<string, unknown>;
    if (typeof participantId !== 'string' || typeof name !== 'string') return;
    const isSelf = clientId === awareness.clientID;
    // One person in two tabs counts once.
    if (byParticipant.has(participantId) && !isSelf) return;
    byParticipant.set(participantId, {
      participantId,
      name: name.slice(0, 60),
      group: typeof group === 'string' && group ? group.slice(0, 60) : null,
      role: role === 'facilitator' || role === 'projector' ? role : 'participant',
      colour: typeof colour === 'string' && /^#[0-9a-f]{6}$/i.test(colour) ? colour : '#555555',
      isSelf,
    });
  });
  return [...byParticipant.values()].sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name),
  );
}

function isSamePeople(a: readonly OnlinePerson[], b: readonly OnlinePerson[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i];
      return q && p.participantId === q.participantId && p.name === q.name && p.group === q.group && p.role === q.role && p.isSelf === q.isSelf;
    })
  );
}

/** Participants on the board now (the facilitator and projectors not counted). */
export function countParticipants(people: readonly OnlinePerson[]): number {
  return people.filter((person) => person.role === 'participant').length;
}

/** Who is on the board now, from awareness; one entry per participant id, yourself first. */
export function usePresence(awareness: Awareness): readonly OnlinePerson[] {
  const store = useMemo(() => {
    let cached: readonly OnlinePerson[] = readPeople(awareness);
    return {
      subscribe(listener: () => void) {
        const handleChange = (): void => {
          const next = readPeople(awareness);
          if (!isSamePeople(cached, next)) {
            cached = next;
            listener();
          }
        };
        awareness.on('change', handleChange);
        handleChange();
        return () => awareness.off('change', handleChange);
      },
      getSnapshot: () => cached,
    };
  }, [awareness]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
