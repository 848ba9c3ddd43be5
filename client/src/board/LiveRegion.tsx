import { useAppStore } from '../store/app-store';

/**
 * The polite live region: new notes from others, connection changes, results of actions.
 * Each message is a new child element, so a repeated message is read again.
 */
export function LiveRegion() {
  const announcement = useAppStore((s) => s.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement && <p key={announcement.id}>{announcement.text}</p>}
    </div>
  );
}
