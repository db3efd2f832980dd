import { useEffect, useState } from 'react';
import { checkingStatus, fetchServerStatus, type ServerStatus } from './serverStatus';

export function ServerStatusView() {
  const [status, setStatus] = useState<ServerStatus>(checkingStatus);

  useEffect(() => {
    const controller = new AbortController();
    fetchServerStatus(controller.signal).then(setStatus, () => {
      // Aborted on unmount: nothing to show.
    });
    return () => controller.abort();
  }, []);

  return (
    <section className="server-status" aria-live="polite" aria-label="Server status">
      <p className={`server-status__label server-status__label--${status.level}`}>{status.label}</p>
      {status.components.length > 0 && (
        <ul className="server-status__components">
          {status.components.map((component) => (
            <li key={component.name}>
              {component.name}: {component.status}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
