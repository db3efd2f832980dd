import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { changes, effective, useAvailable, usePluginAction, usePluginForm, usePlugins, useSaveForm, type Plugin } from './plugins';

/**
 * The plugin manager: what is installed (state, why, the last problem), what the server's repository offers;
 * install, enable — which approves the permissions the plugin asks for, listed with its reasons —, disable,
 * uninstall, and each plugin's settings as a form made from its config schema.
 */
export function PluginsPage() {
  const plugins = usePlugins();
  const available = useAvailable();
  const action = usePluginAction();
  const [open, setOpen] = useState<string | null>(null);
  const run = (id: string, a: 'install' | 'enable' | 'disable' | 'uninstall') => action.mutate({ id, action: a });
  return (
    <section aria-labelledby="plugins-title">
      <header className="page-header"><h1 id="plugins-title">Plugins</h1></header>
      {action.isError && <p role="alert">{action.error instanceof ApiError ? action.error.message : 'The action failed'}</p>}
      {plugins.isError && <p role="alert">{plugins.error.message}</p>}
      <h2>Installed</h2>
      {plugins.data?.length === 0 && <p className="muted">No plugin is installed.</p>}
      <ul className="plugins" aria-label="Installed plugins">
        {plugins.data?.map((p) => (
          <li key={p.id} className="plugin" aria-label={p.descriptor?.name ?? p.id}>
            <div className="plugin__head">
              <strong>{p.descriptor?.name ?? p.id}</strong> <span className="muted">{p.version}</span>
              <span className={`badge badge--${p.state.toLowerCase()}`} data-testid={`state-${p.id}`}>{p.state.toLowerCase()}</span>
            </div>
            {p.descriptor?.description && <p className="muted">{p.descriptor.description}</p>}
            {p.reason && <p className="muted">{p.reason}</p>}
            {p.problem && <p role="alert">Last problem ({p.problem.count}×): {p.problem.message}</p>}
            {!p.enabled && p.descriptor && <Permissions plugin={p} />}
            <div className="plugin__actions">
              {p.enabled
                ? <button type="button" onClick={() => run(p.id, 'disable')} disabled={action.isPending}>Disable</button>
                : <button type="button" className="primary" onClick={() => run(p.id, 'enable')} disabled={action.isPending || p.state === 'REFUSED'}>
                    Enable {p.descriptor?.name ?? p.id}
                  </button>}
              <button type="button" onClick={() => setOpen(open === p.id ? null : p.id)} aria-expanded={open === p.id}>Settings</button>
              <button type="button" className="link" onClick={() => run(p.id, 'uninstall')} disabled={action.isPending}>Uninstall</button>
            </div>
            {open === p.id && <Settings id={p.id} />}
          </li>
        ))}
      </ul>
      <h2>Available</h2>
      <ul className="rows" aria-label="Available plugins">
        {available.data?.filter((a) => !a.installed).map((a) => (
          <li key={a.id}>
            <strong>{a.id}</strong> <span className="muted">{a.version} · {a.description}</span>{' '}
            <button type="button" onClick={() => run(a.id, 'install')} disabled={action.isPending}>Install {a.id}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Permissions({ plugin }: { plugin: Plugin }) {
  const asked = Object.entries(plugin.descriptor?.permissions ?? {});
  if (asked.length === 0) return <p className="muted">It asks for no permission.</p>;
  return (
    <div>
      <p>Enabling it allows:</p>
      <ul className="permissions" aria-label={`Permissions ${plugin.id} asks for`}>
        {asked.map(([name, grant]) => (
          <li key={name}><code>{name}</code>{grant.hosts.length > 0 && ` (${grant.hosts.join(', ')})`} — {grant.reason}</li>
        ))}
      </ul>
    </div>
  );
}

function Settings({ id }: { id: string }) {
  const form = usePluginForm(id);
  const save = useSaveForm(id);
  const [inputs, setInputs] = useState<Record<string, string | boolean>>({});
  const [saved, setSaved] = useState(false);
  if (form.isPending) return <p className="muted">Loading…</p>;
  if (form.isError) return <p role="alert">{form.error.message}</p>;
  const fields = form.data.fields;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate(changes(fields, inputs), { onSuccess: () => { setInputs({}); setSaved(true); } });
  };
  return (
    <form className="settings" onSubmit={submit} aria-label={`Settings of ${id}`}>
      {fields.length === 0 && <p className="muted">This plugin has no settings.</p>}
      {fields.map((f) => {
        const shown = inputs[f.id];
        if (f.type === 'boolean') {
          return (
            <label key={f.id} className="settings__check">
              <input type="checkbox" checked={shown === undefined ? effective(f) === 'true' : shown === true}
                onChange={(e) => setInputs({ ...inputs, [f.id]: e.target.checked })} />
              {f.name}
              {f.description && <span className="muted"> — {f.description}</span>}
            </label>
          );
        }
        const value = shown === undefined ? effective(f) : String(shown);
        const options = Object.entries(f.options);
        return (
          <label key={f.id}>
            {f.name}{f.secret && (f.set ? ' (set: type to replace)' : ' (not set)')}
            {options.length > 0 ? (
              <select value={value} onChange={(e) => setInputs({ ...inputs, [f.id]: e.target.value })}>
                {options.map(([label, v]) => <option key={v} value={v}>{label}</option>)}
              </select>
            ) : (
              <input type={f.secret ? 'password' : f.type === 'string' ? 'text' : 'number'} value={value}
                step={f.type === 'number' ? 'any' : undefined}
                onChange={(e) => setInputs({ ...inputs, [f.id]: e.target.value })} />
            )}
            {f.description && <span className="muted">{f.description}</span>}
          </label>
        );
      })}
      {save.isError && <p role="alert">{save.error.message}</p>}
      {saved && <p role="status">Saved</p>}
      {fields.length > 0 && <button type="submit" className="primary" disabled={save.isPending}>Save</button>}
    </form>
  );
}
