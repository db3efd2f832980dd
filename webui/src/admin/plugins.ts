import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';

/** The plugin manager's REST API (docs/plugins.md, "Managing plugins"), for admins. */

export interface Grant {
  reason: string;
  hosts: string[];
  maxBytes: number;
}

export interface Plugin {
  id: string;
  version: string;
  state: 'ENABLED' | 'DISABLED' | 'FAILED' | 'REFUSED';
  reason?: string | null;
  enabled: boolean;
  descriptor?: { name: string; description: string; author: string; permissions: Record<string, Grant> } | null;
  problem?: { message: string; at: string; count: number } | null;
}

export interface Available {
  id: string;
  version: string;
  description: string;
  installed: boolean;
}

export interface Field {
  id: string;
  name: string;
  description: string;
  type: 'boolean' | 'integer' | 'number' | 'secret' | 'string';
  secret: boolean;
  defaults: string[];
  options: Record<string, string>;
  value?: unknown;
  set: boolean;
}

export interface Form {
  pluginId: string;
  pid: string;
  fields: Field[];
}

export function usePlugins() {
  return useQuery({ queryKey: ['admin', 'plugins'], queryFn: ({ signal }) => api<Plugin[]>('/api/v1/admin/plugins', { signal }) });
}

export function useAvailable() {
  return useQuery({
    queryKey: ['admin', 'plugins', 'available'],
    queryFn: ({ signal }) => api<Available[]>('/api/v1/admin/plugins/available', { signal }),
  });
}

export function usePluginForm(id: string) {
  return useQuery({ queryKey: ['admin', 'plugins', id, 'config'], queryFn: ({ signal }) => api<Form>(`/api/v1/admin/plugins/${id}/config`, { signal }) });
}

/** One action on a plugin; everything the manager shows is read again after it. */
export function usePluginAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'install' | 'enable' | 'disable' | 'uninstall' }) => {
      switch (action) {
        case 'install':
          return api('/api/v1/admin/plugins', { method: 'POST', body: { id } });
        case 'uninstall':
          return api(`/api/v1/admin/plugins/${id}`, { method: 'DELETE' });
        default:
          return api(`/api/v1/admin/plugins/${id}/${action}`, { method: 'POST' });
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['admin', 'plugins'] }),
  });
}

export function useSaveForm(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Record<string, unknown>) => api<Form>(`/api/v1/admin/plugins/${id}/config`, { method: 'PATCH', body: changes }),
    onSuccess: (form) => client.setQueryData(['admin', 'plugins', id, 'config'], form),
  });
}

/** What a field holds now: its value, or its default when none is set (as the plugin then runs with it). */
export function effective(f: Field): string {
  if (f.secret) return '';
  if (f.value !== undefined && f.value !== null) return String(f.value);
  return f.defaults[0] ?? '';
}

/**
 * The changes a form's inputs make to its fields: what differs from the value shown, typed as the field's type; a
 * secret only when something was typed (left empty, it keeps what is set).
 */
export function changes(fields: Field[], inputs: Record<string, string | boolean>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const input = inputs[f.id];
    if (input === undefined) continue;
    if (f.type === 'boolean') {
      if (input !== (effective(f) === 'true')) out[f.id] = input;
      continue;
    }
    const text = String(input).trim();
    if (f.secret) {
      if (text !== '') out[f.id] = text;
      continue;
    }
    if (text === effective(f)) continue;
    out[f.id] = text === '' ? null : f.type === 'integer' || f.type === 'number' ? Number(text) : text;
  }
  return out;
}
