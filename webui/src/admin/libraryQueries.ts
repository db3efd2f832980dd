import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ACCESS_KEY, LIBRARIES_KEY, librariesCall, SCAN_KEY, type Library } from './libraries';
import type { Call } from './users';

/** Sends the requests of libraries.ts: the library list (shared by the server and users pages) and its changes. */

export function useLibraries() {
  return useQuery({
    queryKey: LIBRARIES_KEY,
    queryFn: ({ signal }) => {
      const call = librariesCall();
      return api<Library[]>(call.path, { ...call.options, signal });
    },
  });
}

/**
 * One change to the libraries (add, rename or move, remove). Whatever the answer, the list and the scans are read
 * again (an added or moved library is being scanned; a refusal may come from a list that is out of date), and after a
 * removal who sees which library too (its grants go with it).
 */
export function useLibraryChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (call: Call) => api<Library | undefined>(call.path, call.options),
    onSettled: (_library, _error, call) => Promise.all([
      client.invalidateQueries({ queryKey: LIBRARIES_KEY }),
      client.invalidateQueries({ queryKey: SCAN_KEY }),
      call.options.method === 'DELETE' ? client.invalidateQueries({ queryKey: ACCESS_KEY }) : undefined,
    ]),
  });
}
