import { useState } from 'react';
import { transfer, useConnect } from './connect';

/** My devices online, which one plays, and moving playback to another one (or here). */
export function DevicesMenu() {
  const [open, setOpen] = useState(false);
  const { me, devices, shared } = useConnect();
  // this browser is online while its socket is (the server tells the others, not the device that connected)
  const online = devices.filter((d) => (d.online || d.id === me) && d.capabilities?.playback !== false);
  return (
    <div className="devices">
      <button type="button" className="icon" aria-expanded={open} aria-label="Devices" onClick={() => setOpen(!open)}>⇄</button>
      {open && (
        <ul className="devices__menu" aria-label="My devices">
          {online.length === 0 && <li className="muted">No device online</li>}
          {online.map((d) => {
            const active = shared?.activeDeviceId === d.id;
            const label = d.id === me ? 'Play here' : `Play on ${d.name}`;
            return (
              <li key={d.id}>
                <button type="button" disabled={active} onClick={() => { transfer(d.id); setOpen(false); }}>
                  {label}{d.id === me ? ' (this browser)' : ''}
                </button>
                {active && <span className="muted"> · playing</span>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
