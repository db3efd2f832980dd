import { ServerStatusView } from './app/ServerStatusView';

export function App() {
  return (
    <main className="app">
      <h1 className="app__title">Resonance</h1>
      <ServerStatusView />
    </main>
  );
}
