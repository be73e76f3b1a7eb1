/**
 * Changing the current agenda item while someone holds the floor: the turn belongs to the item it
 * started on, so moving on silently would leave that speaker on the floor under the next item's
 * title. Every "make current" of the moderator's page goes through `switchTo`, which first asks
 * (ItemSwitchDialog): end the turn and move on, move on and keep the speaker, or stay.
 */
import { shallowRef } from 'vue';
import { useMeetingStore } from '../stores/meeting.js';

/** The moderator's answer to "someone still has the floor". */
export type SwitchChoice = 'end' | 'keep' | 'cancel';

/** The question on screen, if any: which item the moderator asked for, who is speaking, and the answer. */
export interface PendingSwitch {
  itemId: string | null;
  speaker: string;
  title: string | null;
  answer: (choice: SwitchChoice) => void;
}

// One page, one question at a time: the dialog (rendered once) and every button share it.
const pending = shallowRef<PendingSwitch | null>(null);

/** `switchTo(itemId)`: sets the current item, asking first when a turn is running. */
export function useItemSwitch() {
  const meeting = useMeetingStore();

  async function switchTo(itemId: string | null): Promise<boolean> {
    const s = meeting.state;
    const turn = s?.queue.current;
    if (s && turn && itemId !== s.agenda.currentItemId) {
      const title = itemId === null ? null : (s.agenda.items.find((i) => i.id === itemId)?.title ?? null);
      pending.value?.answer('cancel');
      const choice = await new Promise<SwitchChoice>((answer) => {
        pending.value = { itemId, speaker: turn.name, title, answer };
      });
      pending.value = null;
      if (choice === 'cancel') return false;
      if (choice === 'end' && meeting.state?.queue.current?.turnId === turn.turnId) {
        if (!(await meeting.send({ type: 'queue:end' })).ok) return false;
      }
    }
    return (await meeting.send({ type: 'agenda:setCurrent', itemId })).ok;
  }

  return { switchTo, pending };
}
